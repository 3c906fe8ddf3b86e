#!/bin/sh
# The playbook: a .cf older than its .mc (a run cut short before the handler ran) is
# rebuilt. sh -c STALE stale MC CF; prints "stale" then.
# shellcheck disable=SC3013  # -nt: in dash, bash, busybox and the BSDs' sh alike
if [ "$1" -nt "$2" ]; then echo stale; fi
