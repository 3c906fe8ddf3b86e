#!/bin/sh
# Remove one mail account (wizard.core.mta.sendmail.users.remove_user).
# sh -c REMOVE users-remove REALM NAME
# lib: sasldb_path
db=$(sasldb_path)
saslpasswd2 -f "$db" -d -u "$1" -- "$2"
