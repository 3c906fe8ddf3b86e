#!/bin/sh
# Appended to the inspection (wizard.core.mta.sendmail.state.read_state; sectioned), which already
# sends the .mc as base64: the exact bytes of the SASL config, facts about TLS files, the
# newest journal, the daemon. Positional parameters: the TLS file paths to look at, one
# section "file-N" each.
# lib: sasl_conf daemon_pid fail2ban_pid mail_log tls_file
sec sasl-real
if f=$(sasl_conf); then readlink -f -- "$f" | base64 -w0; echo; base64 -w0 -- "$f"; echo; fi
i=0
for f in "$@"; do
  i=$((i+1))
  sec "file-$i"
  tls_file "$f"
done
sec journal
# shellcheck disable=SC2012  # journal names are the wizard's own: digits, T, Z and -
d=$(ls -1 /var/lib/relay-wizard/journal 2>/dev/null | sort | tail -1)
[ -n "$d" ] && echo "$d $(cat "/var/lib/relay-wizard/journal/$d/state" 2>/dev/null)"
sec daemon
p=$(daemon_pid)
[ -n "$p" ] && echo "running $p"
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
if [ -n "$(fail2ban_pid)" ]; then
  echo "fail2ban running"
  # Relay Wizard's jail (wizard.core.guard.protection.JAIL)
  fail2ban-client status relay-wizard-sendmail >/dev/null 2>&1 && echo "jail running"
elif command -v fail2ban-client >/dev/null 2>&1; then echo "fail2ban installed"
else echo "fail2ban absent"; fi
if command -v nft >/dev/null 2>&1; then echo "firewall nftables"
elif command -v iptables >/dev/null 2>&1; then echo "firewall iptables"; fi
l=$(mail_log) && printf 'log %s\n' "$l"
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
# who holds port 80, where certbot's own web server answers the authority's check
sec port-80
ss -ltnpH 'sport = :80' 2>/dev/null
