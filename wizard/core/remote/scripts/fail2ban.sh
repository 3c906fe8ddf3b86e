#!/bin/sh
# apply's fail2ban step (wizard.core.guard.protection.fail2ban_step): note in the journal
# how fail2ban ran before (J/services: "fail2ban<TAB>running|stopped<TAB>BOOT", BOOT being
# systemd's is-enabled or empty; rollback.sh puts both back), then reload fail2ban or start
# it the host's way (enabled at boot under systemd), and wait until JAIL runs.
# sh -c FAIL2BAN fail2ban JOURNAL_ID JAIL
# lib: fail2ban_pid fail2ban_service
set -u
J=/var/lib/relay-wizard/journal/$1; jail=$2
tab=$(printf '\t')
if ! grep -q "^fail2ban$tab" "$J/services" 2>/dev/null; then
  if [ -n "$(fail2ban_pid)" ]; then was=running; else was=stopped; fi
  # under systemd, whether it starts at boot too (a ban that a reboot ends protects nothing)
  boot=
  if [ -d /run/systemd/system ] && command -v systemctl >/dev/null 2>&1; then
    boot=$(systemctl is-enabled fail2ban 2>/dev/null) || true
  fi
  printf 'fail2ban\t%s\t%s\n' "$was" "$boot" >> "$J/services"
  if [ "$boot" = disabled ]; then
    env -u RELAY_WIZARD_JOB systemctl enable fail2ban >/dev/null 2>&1 && echo "fail2ban now starts at boot too"
  fi
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
