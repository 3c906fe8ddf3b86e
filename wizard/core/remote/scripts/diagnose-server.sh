#!/bin/sh
# Appended to the inspection by wizard.core.mail.diagnose.deepen (sectioned): sendmail's own
# SMTP session (-bs) and the end of the mail log, with the server's own time (the lines of
# the failed session are picked by it: wizard.core.mail.maillog).
# lib: mail_log
sec now
date '+%Y-%m-%dT%H:%M:%S%z'
sec bs
# sendmail's greet_pause also answers 554 to a -bs session that talks first: wait for it.
(sleep 1.2; printf 'EHLO relay-wizard.invalid\r\n'; sleep 0.3; printf 'QUIT\r\n') |
  sendmail -O LogLevel=14 -bs -Am 2>&1 | head -40
sec log
if log=$(mail_log); then tail -n 400 "$log"; fi
