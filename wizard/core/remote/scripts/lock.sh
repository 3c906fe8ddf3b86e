#!/bin/sh
# The server lock's channel (wizard.core.remote.lock.ServerLock), as root.
# sh -c SCRIPT relay-wizard-lock WHAT USER WAIT LEASE ID CLIENT. Prints "busy OWNER-LINE"
# while another holds the lock (at most WAIT seconds, then exit 75), "locked" once held,
# "no-flock" (exit 0) on a server without flock. Holds the lock until stdin ends (the
# holder closed it, or the connection is gone) or LEASE seconds pass without a heartbeat
# byte. Stdin carries nothing but those bytes (after the sudo password line, which sudo
# itself reads): nothing from it is stored. ID (hex) goes into lock.owner as "id=ID":
# a command sent right behind this one waits for it there (steps.sh, rw_lock_held).
# lib: rw_take_lock
umask 077
lease=$4
case $lease in ''|*[!0-9]*) lease=60 ;; esac
rw_take_lock "$1" "$2" "$3" "${6:-}" "$5" || exit $?
command -v flock >/dev/null 2>&1 || exit 0  # "no-flock" was said: nothing is held
echo locked
if command -v timeout >/dev/null 2>&1; then
  while :; do
    case $(timeout "$lease" head -c 1 2>/dev/null | wc -c) in *[1-9]*) ;; *) break ;; esac
  done
else
  cat > /dev/null
fi
[ -n "${rw_dir:-}" ] && : > "$rw_dir/lock.owner"
