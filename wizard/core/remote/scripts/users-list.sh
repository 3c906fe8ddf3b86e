#!/bin/sh
# The mail accounts in the sasldb (wizard.core.mta.sendmail.users, the playbook): sasldblistusers2's
# lines, nothing when there is no sasldb. sh -c LIST users-list [SASLDB] (default: the one
# sendmail's SASL reads, sasldb_path).
# lib: sasldb_path
db=${1:-$(sasldb_path)}
test -e "$db" || exit 0
sasldblistusers2 -f "$db"
