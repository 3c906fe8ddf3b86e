#!/bin/bash
# The physical limit of the classic job: one ssh connection carrying one script (back up,
# edit the .mc, build, reload, add the SASL user), then one SMTP session from this machine
# (refused relay without login, login, send to a non-local address), with no safety net
# beyond the backups. Hand-written for the fewest round trips; the product must do more
# (journal, checks, rollback, a full open-relay audit) and is measured against this.
#
# Usage: physical.sh HOST PORT KEY KNOWN_HOSTS hup|init SMTP_PORT < password
# The SASL password comes on stdin (never on a command line): it travels inside the
# script on ssh's stdin and to the SMTP client on its stdin.
set -euo pipefail
host=$1 port=$2 key=$3 known=$4 mode=$5 smtp_port=${6:-25}
here=$(cd "$(dirname "$0")" && pwd)
IFS= read -r pw
case $mode in hup|init) ;; *) echo "mode: hup or init" >&2; exit 2 ;; esac

remote=$(cat <<'SCRIPT'
set -eu
cd /etc/mail
cp -p sendmail.mc sendmail.mc.bench-bak; cp -p sendmail.cf sendmail.cf.bench-bak
sed -i -e '/Name=MTA-v4/s/, *Addr=127\.0\.0\.1//' \
  -e '/^MAILER_DEFINITIONS/i define(`confAUTH_MECHANISMS'"'"', `DIGEST-MD5 CRAM-MD5'"'"')dnl\nTRUST_AUTH_MECH(`DIGEST-MD5 CRAM-MD5'"'"')dnl' sendmail.mc
m4 sendmail.mc > sendmail.cf.new 2> m4.err; [ ! -s m4.err ]; mv sendmail.cf.new sendmail.cf
old=$(head -1 /run/sendmail/mta/sendmail.pid)
if [ "$MODE" = hup ]; then kill -HUP "$old"; else /etc/init.d/sendmail restart >/dev/null 2>&1; fi
until [ "$(head -1 /run/sendmail/mta/sendmail.pid 2>/dev/null)" != "$old" ] &&
      ss -ltnH | grep -q '0\.0\.0\.0:25 '; do sleep 0.02; done
j=$(sendmail -d0.1 -bt < /dev/null | sed -n 's/.*(canonical domain name) \$j = //p')
printf '%s\n' "$PW" | saslpasswd2 -p -c -u "$j" benchuser
SCRIPT
)
# The password goes into the script text (ssh's stdin), read by sh, not into any argv.
{ printf 'MODE=%s\nPW=%s\n' "$mode" "$pw"; printf '%s\n' "$remote"; } |
  ssh -q -T -p "$port" -i "$key" -o BatchMode=yes -o IdentitiesOnly=yes \
    -o UserKnownHostsFile="$known" -o StrictHostKeyChecking=yes -o GlobalKnownHostsFile=/dev/null \
    -o ControlMaster=no -o ControlPath=none -F /dev/null \
    "root@$host" sh -s
printf '%s\n' "$pw" | "${PYTHON:-python3}" "$here/smtp_check.py" "$host" "$smtp_port" benchuser
