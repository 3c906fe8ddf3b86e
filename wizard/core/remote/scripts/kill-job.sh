#!/bin/sh
# Stop every process tagged with the job token in its environment (Linux /proc; elsewhere
# it finds nothing), after a timeout or cancel (wizard.core.remote.shell). One grep reads all
# environments. sh -c SCRIPT kill-job TOKEN
grep -lxzF -- "RELAY_WIZARD_JOB=$1" /proc/[0-9]*/environ 2>/dev/null | while IFS= read -r e; do
  p=${e#/proc/}; kill -TERM "${p%/environ}" 2>/dev/null
done
:
