#!/bin/sh
# apply's restart step: make sendmail load the new files and wait for its listeners
# (reload_sendmail). sh -c RESTART restart JOURNAL_ID MODE SPEC...
# lib: reload_sendmail
set -u
J=/var/lib/relay-wizard/journal/$1; mode=$2; shift 2
reload_sendmail "$mode" "$@"
echo restarted > "$J/state"
