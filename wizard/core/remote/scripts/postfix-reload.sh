#!/bin/sh
# apply's reload step for Postfix: "postfix reload" (or start it) and wait for every
# listener of the new master.cf (reload_postfix).
# sh -c RELOAD postfix-reload JOURNAL_ID SPEC...
# lib: reload_postfix
set -u
J=/var/lib/relay-wizard/journal/$1; shift
reload_postfix "$@"
echo restarted > "$J/state"
