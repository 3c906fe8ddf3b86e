#!/bin/sh
# Remove one mail account (wizard.core.mta.sendmail.users.remove_user).
# sh -c REMOVE users-remove REALM NAME. The mail server's sasldb (accounts_db; exits 7
# when Postfix checks logins with Dovecot), then Postfix's chroot copy (chroot_sasldb).
# lib: accounts_db chroot_sasldb
db=$(accounts_db) || exit 7
saslpasswd2 -f "$db" -d -u "$1" -- "$2" || exit $?
chroot_sasldb "$db"
