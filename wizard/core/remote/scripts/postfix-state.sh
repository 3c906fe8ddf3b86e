#!/bin/sh
# Appended to Postfix's inspection (wizard.core.mta.postfix.state.read_state; sectioned),
# which already sends main.cf and master.cf as base64: the exact bytes of the Cyrus SASL
# smtpd.conf, facts about the TLS files, the newest journal, Postfix's master process.
# Positional parameters: the TLS file paths to look at, one section "file-N" each.
# lib: tls_file
sec smtpd-conf
for f in "$(postconf -h cyrus_sasl_config_path 2>/dev/null)/smtpd.conf" /etc/postfix/sasl/smtpd.conf /etc/sasl2/smtpd.conf; do
  if [ -f "$f" ]; then readlink -f -- "$f" | base64 -w0; echo; base64 -w0 -- "$f"; echo; break; fi
done
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
