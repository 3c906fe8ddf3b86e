#!/bin/sh
# One command under the server lock, taken inline (wizard.core.remote.lock, SshSession.run_locked:
# no lock channel, no round trip of its own), as root. The lock is held on fd 9 until
# this shell ends. sh -c SCRIPT run-locked WHAT USER WAIT COMMAND...
# lib: rw_take_lock
rw_take_lock "$1" "$2" "$3" "${SSH_CLIENT%% *}" || exit $?
shift 3
"$@"
