#!/bin/sh
# Appended to the inspection (wizard.core.mta.sendmail.state.read_state; sectioned), which already
# sends the .mc as base64: the exact bytes of the SASL config, facts about TLS files, the
# newest journal, the daemon. Positional parameters: the TLS file paths to look at, one
# section "file-N" each.
# lib: sasl_conf daemon_pid
sec sasl-real
if f=$(sasl_conf); then readlink -f -- "$f" | base64 -w0; echo; base64 -w0 -- "$f"; echo; fi
i=0
for f in "$@"; do
  i=$((i+1))
  sec "file-$i"
  if [ -e "$f" ]; then
    stat -L -c '%U %G %a' -- "$f"
    # One openssl run per file (each costs about 50 ms): a PEM certificate is parsed as
    # one, anything else as a key.
    if grep -q -e '-----BEGIN.*CERTIFICATE-----' -- "$f" 2>/dev/null &&
       out=$(openssl x509 -in "$f" -noout -subject -pubkey -checkend 0 2>/dev/null); then
      echo cert; printf '%s\n' "$out" | head -1
      printf '%s\n' "$out" | sed -n '/-BEGIN PUBLIC KEY-/,/-END PUBLIC KEY-/p' | sha256sum | cut -d' ' -f1
    elif pub=$(openssl pkey -in "$f" -pubout 2>/dev/null); then
      echo key; echo -
      printf '%s\n' "$pub" | sha256sum | cut -d' ' -f1
    else echo invalid; fi
  else echo missing; fi
done
sec journal
# shellcheck disable=SC2012  # journal names are the wizard's own: digits, T, Z and -
d=$(ls -1 /var/lib/relay-wizard/journal 2>/dev/null | sort | tail -1)
[ -n "$d" ] && echo "$d $(cat "/var/lib/relay-wizard/journal/$d/state" 2>/dev/null)"
sec daemon
p=$(daemon_pid)
[ -n "$p" ] && echo "running $p"
