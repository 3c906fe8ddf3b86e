#!/bin/sh
# A spare channel's command (wizard.core.remote.channel.SpareChannel), started while it
# waits for the command it will run: sshd lets a command's stdin through only once the
# command runs, a round trip after the exec request, so the next command's text and its
# stdin go on a channel whose command already runs. Stdin: the length in bytes of what
# follows on a line of its own; the command (shell text, as an exec request carries it)
# ending in the comment line "#relay-wizard-end"; then the command's own stdin. A
# command that did not arrive whole (the connection went away) never runs.
IFS= read -r rw_n || exit 0
case $rw_n in ''|*[!0-9]*) echo "relay-wizard: no command length" >&2; exit 64 ;; esac
# dd reads exactly that many bytes, no more: the rest is the command's stdin
rw_c=$(dd bs="$rw_n" count=1 iflag=fullblock 2>/dev/null; echo .)
case $rw_c in
  *"#relay-wizard-end.") ;;
  *) echo "relay-wizard: the command did not arrive whole" >&2; exit 70 ;;
esac
unset rw_n
exec sh -c "${rw_c%.}"
