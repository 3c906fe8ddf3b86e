#!/bin/sh
# Several of apply's steps that need nothing from this computer in between (stage, build,
# install, reload and wait), as one invocation that reports each step as it ends
# (wizard.core.change.batch): one round trip instead of one per step.
# sh -c STEPS steps LOCK_ID LOCK_WAIT COUNT [NAME SCRIPT STDIN ARGC ARG...]...
# LOCK_ID: the server lock this apply asked for on its own channel just before (lock.sh,
# "id=" in lock.owner); the first step waits up to LOCK_WAIT seconds for it, and no step
# starts once it is no longer held ("-": run without it). COUNT steps follow.
# STDIN: what the step reads on its stdin (no secret: the command line is visible).
# stdin: the token (32 hex digits) on one line. Output, per step once it ended:
#   @@@TOKEN INDEX EXIT_CODE STDOUT_BYTES STDERR_BYTES
# then the step's stdout and stderr, those many bytes each. The first step that fails is
# the last one run. Each step runs only after the previous one's report was written: when
# this computer has gone away (the write fails), the step already running is the last.
# rollback.sh waits for this script to end (flock on batch.lock) before it restores.
# lib: rw_lock_held
set -u
umask 077
rw_root=${rw_lock_dir:-/var/lib/relay-wizard}
lock_id=$1 lock_wait=$2 count=$3; shift 3
case $lock_wait in ''|*[!0-9]*) lock_wait=45 ;; esac
case $count in ''|*[!0-9]*) exit 64 ;; esac
T=$(mktemp -d) || exit 70
trap 'rm -rf -- "$T"' EXIT
mkfifo "$T/done" "$T/ack" || exit 70
if command -v flock >/dev/null 2>&1; then
  (umask 077; mkdir -p "$rw_root") && chmod 700 "$rw_root" || exit 70
  exec 8>>"$rw_root/batch.lock" && flock 8 || exit 70
fi
# The steps run in the background; this shell writes their reports. An asynchronous list
# reads /dev/null, so the token on stdin is this shell's.
exec 3<>"$T/done"
(
  exec 4<"$T/ack"
  # shellcheck disable=SC2034  # name and script are used through eval
  pos=1 i=0 name='' script='' data='' argc=0
  while [ "$pos" -le "$#" ]; do
    i=$((i + 1))
    eval "name=\${$pos} script=\${$((pos + 1))} data=\${$((pos + 2))} argc=\${$((pos + 3))}"
    first=$((pos + 4)) refs='' k=$((pos + 4))
    while [ "$k" -lt $((first + argc)) ]; do refs="$refs \"\${$k}\""; k=$((k + 1)); done
    pos=$((first + argc))
    wait_s=0; [ "$i" -gt 1 ] || wait_s=$lock_wait
    if [ "$lock_id" != - ] && ! rw_lock_held "$lock_id" "$wait_s"; then
      echo "the server lock of this apply is not held (any more)" > "$T/$i.err"; : > "$T/$i.out"
      echo "$i 75" >&3; exit 0
    fi
    # refs holds only references to positional parameters ("${7}"), never their values;
    # a step does not inherit the report pipes or batch.lock (a daemon it starts would
    # hold them for ever)
    if [ -n "$data" ]; then
      printf '%s' "$data" | eval "sh -c \"\$script\" \"\$name\" $refs" > "$T/$i.out" 2> "$T/$i.err" 3>&- 4>&- 8>&-
    else
      eval "sh -c \"\$script\" \"\$name\" $refs" < /dev/null > "$T/$i.out" 2> "$T/$i.err" 3>&- 4>&- 8>&-
    fi
    rc=$?
    echo "$i $rc" >&3
    [ "$rc" -eq 0 ] || exit 0
    IFS= read -r _ <&4 || exit 0  # the report went out: go on; else this computer is gone
  done
) &
exec 5>"$T/ack"
# a report that cannot be written (this computer went away) ends this shell by its
# status, not by SIGPIPE, so that the temporary folder goes too
trap '' PIPE
IFS= read -r token || exit 71
case $token in *[!0-9a-f]*|'') exit 71 ;; esac
[ "${#token}" -eq 32 ] || exit 71
last=0
while [ "$last" -eq 0 ] && IFS=' ' read -r i rc <&3; do
  { printf '@@@%s %s %s %s %s\n' "$token" "$i" "$rc" "$(wc -c < "$T/$i.out")" \
      "$(wc -c < "$T/$i.err")" && cat -- "$T/$i.out" "$T/$i.err"; } || exit 74
  last=$rc
  if [ "$rc" -ne 0 ] || [ "$i" -ge "$count" ]; then break; fi
  echo go >&5
done
exec 5>&-
wait
exit "$last"
