#!/bin/sh
# Where a message went (wizard.core.mail.diagnose.follow_message; sectioned): its lines in the
# queue and in the mail log. sh -c FOLLOW follow QUEUE_ID. The mail log holds lines anyone
# on the server can write (logger): the sections are marked with the run's secret token.
# lib: mail_log
id=$1
sec mailq; mailq 2>/dev/null | grep -A3 -- "^$id"
sec log
if log=$(mail_log); then grep -F -- "$id" "$log" | tail -n 20; fi
