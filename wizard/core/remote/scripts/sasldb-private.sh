#!/bin/sh
# The playbook's sasldb hygiene, as the product keeps it (sasldb_private); prints
# "changed" when it changed the group or mode. sh -c SASLDB sasldb SASLDB
# lib: sasldb_private
db=$1
test -e "$db" || exit 0
before=$(stat -c '%G %a' -- "$db")
sasldb_private "$db"
if [ "$(stat -c '%G %a' -- "$db")" != "$before" ]; then echo changed; fi
