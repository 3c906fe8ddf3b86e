#!/bin/sh
# Where a message goes, followed while it is sent (wizard.core.mail.diagnose.MessageFollower;
# sectioned). Started as the message's text goes out: waits for the mail log line that
# names the message's Message-ID (sendmail's "msgid=<ID>", Postfix's cleanup
# "message-id=<ID>"), takes the queue id from it, waits a moment for the first delivery
# attempt (a "stat=" or "status=" line), then prints the queue id and what follow.sh
# prints. sh -c SCRIPT follow-msgid MESSAGE_ID (without its angle brackets; checked by the
# client). The mail log holds lines anyone on the server can write (logger): the client
# uses what is found only when the queue id is the one the server's reply named, and the
# sections are marked with the run's secret token.
# lib: mail_log
mid=$1
id=
if log=$(mail_log); then
  n=0
  while [ "$n" -lt 150 ]; do  # 1.5 s at most for the message to be logged
    id=$(tail -n 2000 "$log" | grep -F -- "<$mid>" | sed -n \
      -e 's/^.*]: \([A-Za-z0-9]\{6,24\}\): .*msgid=<.*$/\1/p' \
      -e 's/^.*]: \([A-Za-z0-9]\{6,24\}\): message-id=<.*$/\1/p' | tail -n 1)
    [ -z "$id" ] || break
    n=$((n + 1)); sleep 0.01
  done
  n=0
  while [ -n "$id" ] && [ "$n" -lt 30 ]; do  # 0.3 s at most for the first delivery attempt
    tail -n 2000 "$log" | grep -F -- "$id" | grep -q 'stat=\|status=' && break
    n=$((n + 1)); sleep 0.01
  done
fi
sec qid; printf '%s\n' "$id"
sec mailq; [ -z "$id" ] || mailq 2>/dev/null | grep -A3 -- "^$id"
sec log; [ -z "$id" ] || grep -F -- "$id" "$log" | tail -n 20
