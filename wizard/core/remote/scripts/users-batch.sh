#!/bin/sh
# Create or change mail accounts (wizard.core.mta.sendmail.users.set_passwords), as root under the
# server lock. sh -c BATCH users-batch REALM MODE; MODE is "add" (refuse existing),
# "passwd" (refuse missing) or "set". Reads "name" and "password" lines alternately from
# stdin: `read` and `printf` are builtins, so no password is ever in a process's argv.
# Prints "ok|exists|missing|failed NAME" per account. The sasldb is the mail server's
# (accounts_db: sendmail's or Postfix's); exits 7 changing nothing when Postfix checks
# logins with Dovecot, 8 when the copy in Postfix's chroot could not be refreshed.
# lib: accounts_db sasldb_private chroot_sasldb
set -u
realm=$1
mode=$2
db=$(accounts_db) || exit 7
existing=$(test -e "$db" && sasldblistusers2 -f "$db" 2>/dev/null | sed -n 's/: userPassword$//p')
status=0
while IFS= read -r name && IFS= read -r pw; do
  if printf '%s\n' "$existing" | grep -qxF -- "$name@$realm"; then present=1; else present=0; fi
  if [ "$mode" = add ] && [ $present = 1 ]; then echo "exists $name"; status=3; continue; fi
  if [ "$mode" = passwd ] && [ $present = 0 ]; then echo "missing $name"; status=3; continue; fi
  if printf '%s\n' "$pw" | saslpasswd2 -f "$db" -p -c -u "$realm" -- "$name"; then
    echo "ok $name"
  else
    echo "failed $name"; status=4
  fi
done
if [ -e "$db" ]; then sasldb_private "$db"; fi
chroot_sasldb "$db" || exit 8
exit $status
