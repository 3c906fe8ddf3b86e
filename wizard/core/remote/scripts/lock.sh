#!/bin/sh
# The server lock's channel (wizard.core.remote.lock.ServerLock), as root.
# sh -c SCRIPT relay-wizard-lock WHAT USER WAIT LEASE ID CLIENT. Prints "busy OWNER-LINE"
# while another holds the lock (at most WAIT seconds, then exit 75), "locked" once held,
# "no-flock" (exit 0) on a server without flock. Holds the lock until stdin ends (the
# holder closed it, or the connection is gone) or LEASE seconds pass without a heartbeat
# line (an empty line). Stdin carries nothing but those lines (after the sudo password
# line, which sudo itself reads) and, last, "finish JOURNAL": the apply that held the lock
# verified its change, so its journal is marked applied (rw_finish) before the lock goes
# ("finished JOURNAL" on stdout), as finish.sh would in a command of its own. Nothing else
# from stdin is stored. ID (hex) goes into lock.owner as "id=ID": a command sent right
# behind this one waits for it there (steps.sh, rw_lock_held).
# lib: rw_take_lock rw_finish
umask 077
lease=$4
case $lease in ''|*[!0-9]*) lease=60 ;; esac
rw_take_lock "$1" "$2" "$3" "${6:-}" "$5" || exit $?
command -v flock >/dev/null 2>&1 || exit 0  # "no-flock" was said: nothing is held
echo locked
rw_said() {
  case $1 in
    "finish "*) if rw_finish "${1#finish }"; then echo "finished ${1#finish }"; fi ;;
  esac
}
if command -v timeout >/dev/null 2>&1; then
  # read(1) takes one line and no byte more; the "." keeps an empty line from looking
  # like the end of stdin
  # shellcheck disable=SC2016
  while rw_l=$(timeout "$lease" sh -c 'IFS= read -r l && printf "%s." "$l"' 2>/dev/null); do
    rw_said "${rw_l%.}"
  done
else
  while IFS= read -r rw_l; do rw_said "$rw_l"; done
fi
[ -n "${rw_dir:-}" ] && : > "$rw_dir/lock.owner"
