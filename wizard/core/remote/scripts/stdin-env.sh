#!/bin/sh
# Around a command of a root login (wizard.core.remote.results.stdin_from_env): its stdin
# from LC_RELAY_WIZARD_IN (base64), when sshd passed that variable on, else its real
# stdin. sshd lets a command's stdin through only once the command runs, a round trip
# after the exec request; the variable arrives with the request. It is gone before the
# command runs. Never a secret (sshd logs the variables it sets at LogLevel DEBUG). sh -c STDIN_ENV stdin-env COMMAND...
if [ -n "${LC_RELAY_WIZARD_IN+x}" ]; then
  rw_in=$LC_RELAY_WIZARD_IN; unset LC_RELAY_WIZARD_IN
  printf '%s' "$rw_in" | base64 -d | { unset rw_in; "$@"; }
else
  exec "$@"
fi
