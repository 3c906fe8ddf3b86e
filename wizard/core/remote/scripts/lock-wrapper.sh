#!/bin/sh
# Around the lock channel's command (lock.sh), run as the login user: append the client
# address sshd saw (sudo drops SSH_CLIENT). sh -c WRAPPER relay-wizard-lock COMMAND...
exec "$@" "${SSH_CLIENT%% *}"
