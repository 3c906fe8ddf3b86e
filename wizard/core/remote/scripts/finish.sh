#!/bin/sh
# apply's last step: mark the journal applied. sh -c FINISH finish JOURNAL_ID (or the
# server lock's shell does the same when the apply lets go of its lock: lock.sh)
# lib: rw_finish
set -eu
rw_finish "$1"
