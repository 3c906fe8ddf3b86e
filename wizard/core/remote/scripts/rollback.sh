#!/bin/sh
# rollback (wizard.core.change.journal): restore the newest journal not rolled back (or JOURNAL_ID)
# byte for byte, then reload sendmail (or Postfix: the journal's `paths` says "mta postfix")
# and wait for the listeners of the restored config.
# sh -c ROLLBACK rollback [JOURNAL_ID] SPEC...
# lib: daemon_pid cf_listeners reload_sendmail fail2ban_pid fail2ban_service postfix_pid postfix_listeners reload_postfix
set -u
root=/var/lib/relay-wizard/journal
id=$1; shift
if [ -z "$id" ]; then
  # shellcheck disable=SC2012  # journal names are the wizard's own: digits, T, Z and -
  for d in $(ls -1 "$root" 2>/dev/null | sort -r); do
    st=$(cat "$root/$d/state" 2>/dev/null || echo none)
    if [ "$st" != rolled-back ]; then id=$d; break; fi
  done
fi
if [ -z "$id" ]; then echo "nothing-to-roll-back"; exit 0; fi
J=$root/$id
# an apply's steps still running on the server (steps.sh: this computer went away or
# gave up on them) end first: never restore under a step
if command -v flock >/dev/null 2>&1 && [ -e /var/lib/relay-wizard/batch.lock ]; then
  exec 8>>/var/lib/relay-wizard/batch.lock
  flock -w 120 8 || { echo "the steps of an apply are still running on the server" >&2; exit 75; }
fi
echo "journal $id"
[ -f "$J/manifest" ] || { echo "the journal $id has no manifest: nothing was changed"; echo rolled-back > "$J/state"; exit 0; }
tab=$(printf '\t')
# where this host keeps its .mc and .cf, as the apply found them (a journal from before
# the layouts has no paths file: Debian's, then)
mc=/etc/mail/sendmail.mc; cf=/etc/mail/sendmail.cf; mta=sendmail
if [ -f "$J/paths" ]; then
  while IFS=$tab read -r role path; do
    case $role in mc) mc=$path ;; cf) cf=$path ;; mta) mta=$path ;; esac
  done < "$J/paths"
fi
bad='' changed=''
while IFS=$tab read -r i existed before _ real; do
  if [ "$existed" = 1 ]; then
    now=$(sha256sum < "$real" 2>/dev/null | cut -d' ' -f1 || true)
    if [ "$now" != "$before" ]; then
      dir=$(dirname -- "$real"); base=$(basename -- "$real")
      tmp=$(mktemp -- "$dir/.$base.rw-XXXXXX")
      cp -p -- "$J/files/$i" "$tmp" && mv -f -- "$tmp" "$real"
      echo "restored $real"; changed=1
    else echo "unchanged $real"; fi
    [ "$(sha256sum < "$real" | cut -d' ' -f1)" = "$before" ] || bad="$bad $real"
  elif [ -e "$real" ]; then rm -f -- "$real"; echo "removed $real"; changed=1; fi
done < "$J/manifest"
if [ -n "$bad" ]; then echo "could not restore:$bad" >&2; exit 7; fi
exec 8>&-  # the files are back; a daemon started below must not hold batch.lock
# services a step started or reloaded (fail2ban.sh), put back as they were: the restored
# files are what they read now
svc_bad=''
if [ -f "$J/services" ]; then
  while IFS=$tab read -r svc was boot; do
    [ "$svc" = fail2ban ] || continue
    if [ "$boot" = disabled ]; then
      if env -u RELAY_WIZARD_JOB systemctl disable fail2ban >/dev/null 2>&1; then echo "fail2ban no longer starts at boot, as before"
      else svc_bad="$svc_bad fail2ban(disable)"; fi
    fi
    if [ "$was" = stopped ]; then
      if [ -n "$(fail2ban_pid)" ]; then
        fail2ban_service stop >/dev/null 2>&1
        n=0; while [ -n "$(fail2ban_pid)" ] && [ $n -lt 100 ]; do sleep 0.1; n=$((n+1)); done
        if [ -z "$(fail2ban_pid)" ]; then echo "stopped fail2ban, as it was before"
        else svc_bad="$svc_bad fail2ban(stop)"; fi
      fi
    elif [ -n "$(fail2ban_pid)" ]; then
      if fail2ban-client reload >/dev/null 2>&1; then echo "reloaded fail2ban"
      # a configuration fail2ban refuses (another jail's): at least Relay Wizard's rule
      # (wizard.core.guard.protection.JAIL) goes, with its firewall rule
      elif ! fail2ban-client status relay-wizard-sendmail >/dev/null 2>&1 ||
           fail2ban-client stop relay-wizard-sendmail >/dev/null 2>&1; then
        echo "fail2ban did not reload its configuration; Relay Wizard's rule was stopped"
      else svc_bad="$svc_bad fail2ban(reload)"; fi
    elif fail2ban_service start >/dev/null 2>&1; then echo "started fail2ban, as it was before"
    else svc_bad="$svc_bad fail2ban(start)"; fi
  done < "$J/services"
fi
st=$(cat "$J/state" 2>/dev/null || true)
if [ "$mta" = postfix ]; then
  pid=$(postfix_pid)
  if [ -z "$changed" ] && [ -n "$pid" ] && { [ "$st" = staged ] || [ "$st" = build-failed ] || [ "$st" = built ]; }; then
    echo "Postfix was not reloaded: it never saw the new configuration"
  else
    if [ $# -eq 0 ]; then
      # shellcheck disable=SC2046  # one word per listener: postfix_listeners prints no spaces
      set -- $(postfix_listeners "")
      [ $# -eq 0 ] && set -- 25
    fi
    reload_postfix "$@"
  fi
  if [ -n "$svc_bad" ]; then echo "could not put back:$svc_bad" >&2; exit 7; fi
  echo rolled-back > "$J/state"; exit 0
fi
pid=$(daemon_pid)
if [ -z "$changed" ] && [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null && { [ "$st" = staged ] || [ "$st" = build-failed ] || [ "$st" = built ]; }; then
  echo "sendmail was not reloaded: it never saw the new configuration"
  if [ -n "$svc_bad" ]; then echo "could not put back:$svc_bad" >&2; exit 7; fi
  echo rolled-back > "$J/state"; exit 0
fi
if [ -z "$pid" ] || ! kill -0 "$pid" 2>/dev/null; then
  # sendmail is down: the host's start (Debian's init script, RHEL's unit) runs make,
  # which would rebuild sendmail.cf from a newer .mc and undo the restore.
  # shellcheck disable=SC3013  # -nt: in dash, bash, busybox and the BSDs' sh alike
  if [ "$mc" -nt "$cf" ]; then
    touch -r "$mc" -- "$cf"
    echo "gave $cf the time of $mc, so that starting sendmail does not rebuild it"
  fi
fi
if [ $# -eq 0 ]; then
  # the listeners of the restored sendmail.cf, as ADDR:PORT (cf_listeners)
  # shellcheck disable=SC2046  # one word per listener: cf_listeners prints no spaces
  set -- $(cf_listeners "$cf")
  [ $# -eq 0 ] && set -- 25
fi
reload_sendmail auto "$@"
if [ -n "$svc_bad" ]; then echo "could not put back:$svc_bad" >&2; exit 7; fi
echo rolled-back > "$J/state"
