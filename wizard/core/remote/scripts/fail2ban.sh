#!/bin/sh
# apply's fail2ban step (wizard.core.guard.protection.fail2ban_step): note in the journal
# how fail2ban ran before (J/services: "fail2ban<TAB>running|stopped", which rollback.sh
# puts back), then reload fail2ban or start it the host's way, and wait until JAIL runs.
# sh -c FAIL2BAN fail2ban JOURNAL_ID JAIL
# lib: fail2ban_pid fail2ban_service
set -u
J=/var/lib/relay-wizard/journal/$1; jail=$2
tab=$(printf '\t')
if ! grep -q "^fail2ban$tab" "$J/services" 2>/dev/null; then
  if [ -n "$(fail2ban_pid)" ]; then was=running; else was=stopped; fi
  printf 'fail2ban\t%s\n' "$was" >> "$J/services"
fi
if [ -n "$(fail2ban_pid)" ]; then
  out=$(fail2ban-client reload 2>&1) || { echo "fail2ban did not reload: $out" >&2; exit 5; }
  echo "reloaded fail2ban"
else
  out=$(fail2ban_service start 2>&1) || { echo "fail2ban did not start: $out" >&2; exit 5; }
  echo "started fail2ban"
fi
n=0
while [ $n -lt 60 ]; do
  if fail2ban-client status "$jail" >/dev/null 2>&1; then echo "the rule $jail runs"; exit 0; fi
  sleep 0.5; n=$((n+1))
done
echo "fail2ban's rule $jail did not start within 30 s: $(tail -n 5 /var/log/fail2ban.log 2>/dev/null)" >&2
exit 5
