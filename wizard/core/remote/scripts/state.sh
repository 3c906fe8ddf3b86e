#!/bin/sh
# Appended to the inspection (wizard.core.mta.sendmail.state.read_state; sectioned), which already
# sends the .mc as base64: the exact bytes of the SASL config, facts about TLS files, the
# newest journal, the daemon. Positional parameters: the TLS file paths to look at, one
# section "file-N" each. What the inspection looked up already is not asked again: its
# variables pid_line (the daemon), log (the mail log), jails and jails_read (fail2ban's
# status) and listeners (ss -ltnH).
# lib: sasl_conf fail2ban_pid tls_file
sec sasl-real
if f=$(sasl_conf); then readlink -f -- "$f" | base64 -w0; echo; base64 -w0 -- "$f"; echo; fi
i=0
for f in "$@"; do
  i=$((i+1))
  sec "file-$i"
  tls_file "$f" &  # openssl: in the background, as in inspect.sh
done
sec journal
# the newest: the last name in the glob's order, byte order under LC_ALL=C (ls | sort | tail
# without three processes); journal names are the wizard's own: digits, T, Z and -
d=
for j in /var/lib/relay-wizard/journal/*; do [ -e "$j" ] && d=${j##*/}; done
[ -n "$d" ] && echo "$d $(cat "/var/lib/relay-wizard/journal/$d/state" 2>/dev/null)"
sec daemon
[ -n "$pid_line" ] && echo "running ${pid_line%% *}"
sec protect
# What the protection against password guessing plans from (wizard.core.guard.protection):
# the address this computer's SSH connection comes from as the server sees it
# (SSH_CONNECTION's first field, else an ancestor's: sudo resets the environment; checked
# as an address on the admin's computer), fail2ban and Relay Wizard's jail, the firewall
# tool a ban can use, the mail log, the jail file's text (base64).
a=${SSH_CONNECTION:-}; a=${a%% *}; p=$$; n=0
while [ -z "$a" ] && [ "$n" -lt 30 ]; do
  p=$(sed -n 's/^PPid:[[:space:]]*//p' "/proc/$p/status" 2>/dev/null)
  case $p in ''|0|*[!0-9]*) break ;; esac
  a=$(tr '\0' '\n' < "/proc/$p/environ" 2>/dev/null | sed -n 's/^SSH_CONNECTION=\([^ ]*\) .*/\1/p' | head -n 1)
  n=$((n+1))
done
printf 'admin %s\n' "$a"
# shellcheck disable=SC2154  # jails: set by inspect.sh, which runs first
if [ -n "$(fail2ban_pid)" ]; then
  echo "fail2ban running"
  # Relay Wizard's jail (wizard.core.guard.protection.JAIL): in the jail list the
  # inspection read, else (fail2ban did not answer it then) asked now
  if [ -n "$jails_read" ]; then
    printf '%s\n' "$jails" | sed -n 's/.*Jail list:[[:space:]]*//p' | tr ',' '\n' |
      grep -qx '[[:space:]]*relay-wizard-sendmail[[:space:]]*' && echo "jail running"
  else
    fail2ban-client status relay-wizard-sendmail >/dev/null 2>&1 && echo "jail running"
  fi
elif command -v fail2ban-client >/dev/null 2>&1; then echo "fail2ban installed"
else echo "fail2ban absent"; fi
if command -v nft >/dev/null 2>&1; then echo "firewall nftables"
elif command -v iptables >/dev/null 2>&1; then echo "firewall iptables"; fi
[ -n "$log" ] && printf 'log %s\n' "$log"
f=/etc/fail2ban/jail.d/relay-wizard-sendmail.conf
if [ -f "$f" ]; then printf 'jail-text %s\n' "$(base64 -w0 -- "$f")"; fi
# The certificate (wizard.core.guard.certificates): certbot's lineages and Relay Wizard's
# copies as "SHA256 PATH" (a lineage's files by the real file behind live/NAME/*.pem), the
# renewal hook's text (base64), and whether certbot is installed.
sec cert-digests
for d in /etc/letsencrypt/live/*/; do
  [ -f "${d}fullchain.pem" ] || continue
  for f in "${d}fullchain.pem" "${d}privkey.pem"; do
    r=$(readlink -f -- "$f") && [ -f "$r" ] && printf '%s %s\n' "$(sha256sum < "$r" | cut -d' ' -f1)" "$f"
  done
done
for f in /etc/mail/tls/relay-wizard-server.crt /etc/mail/tls/relay-wizard-server.key; do
  [ -f "$f" ] && printf '%s %s\n' "$(sha256sum < "$f" | cut -d' ' -f1)" "$f"
done
sec cert-hook
h=/etc/letsencrypt/renewal-hooks/deploy/relay-wizard-sendmail
[ -f "$h" ] && { base64 -w0 -- "$h"; echo; }
command -v certbot >/dev/null 2>&1 && echo certbot
# who holds port 80, where certbot's own web server answers the authority's check (asked
# only when the inspection's listeners hold port 80: ss -p is slower)
sec port-80
# shellcheck disable=SC2154  # listeners: set by inspect.sh, which runs first
case $listeners in *:80[[:space:]]*) ss -ltnpH 'sport = :80' 2>/dev/null ;; esac
# every background section is written before the sections are printed
wait
