#!/bin/sh
# The mail accounts in the sasldb (wizard.core.mta.sendmail.users, the playbook): sasldblistusers2's
# lines, nothing when there is no sasldb. sh -c LIST users-list [SASLDB] (default: the one
# the mail server's SASL reads, accounts_db; exits 7 when Postfix checks logins with Dovecot).
# lib: accounts_db
db=${1:-}
if [ -z "$db" ]; then db=$(accounts_db) || exit 7; fi
test -e "$db" || exit 0
sasldblistusers2 -f "$db"
