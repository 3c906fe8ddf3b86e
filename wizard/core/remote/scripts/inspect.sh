#!/bin/sh
# The inspection (wizard.core.mta.sendmail.inspection): every fact the wizard reads about the server,
# in sections (sectioned: sections-prelude.sh defines `sec NAME`, stdin is closed).
# Nothing user-supplied goes into it. Where the host keeps sendmail's files are lines in
# the sections they belong to: `@@ uname` in os-release, `mc PATH` in rebuild, `unit PATH`
# in service-manager. POSIX sh; bash is used only if present, for the EHLO over /dev/tcp.
# Nothing another user of the server controls is printed where it matters: the .mc goes
# as base64, ss runs without -p (process names are chosen by their owners), and the
# daemon's sockets are found by inode under /proc (held_sockets). The slow sections
# (other programs to start: sendmail -bt, openssl, bash, sasldblistusers2, fail2ban-client)
# run in the background, each writing only its own section's file (`sec` redirects the
# script's output, not theirs); the script waits for them at its end.
# lib: sendmail_mc sendmail_pid sasl_conf sasldb_path held_sockets server_cert pem_certificate mail_log
# embed: RW_EHLO ehlo.bash
LC_ALL=C; export LC_ALL
PATH=/usr/sbin:/usr/bin:/sbin:/bin:$PATH
sec os-release; cat /etc/os-release 2>/dev/null; echo
# the layout: which family of systems this is (wizard.core.mta.sendmail.layout)
echo "@@ uname $(uname -s 2>/dev/null)"
[ -f /etc/redhat-release ] && echo "@@ redhat-release $(head -n 1 /etc/redhat-release)"
[ -f /etc/debian_version ] && echo "@@ debian_version $(head -n 1 /etc/debian_version)"
mc=$(sendmail_mc)
# the running daemon, looked up once: the mta and pidfile sections and state.sh's daemon
pid_line=$(sendmail_pid)
sec sendmail-path; command -v sendmail 2>/dev/null; readlink -f "$(command -v sendmail 2>/dev/null)" 2>/dev/null
sec other-mta
for p in postfix exim exim4 opensmtpd smtpd qmail-send; do command -v $p >/dev/null 2>&1 && echo $p; done
sec mta
# which mail servers are installed and which runs (wizard.core.mta.detect)
[ -f /etc/mail/sendmail.cf ] && [ -n "$(command -v sendmail 2>/dev/null)" ] && echo "sendmail installed"
[ -n "$pid_line" ] && echo "sendmail running"
if command -v postconf >/dev/null 2>&1; then
  echo "postfix installed"
  rw_q=$(postconf -h queue_directory 2>/dev/null)
  rw_p=$(head -n 1 -- "${rw_q:-/var/spool/postfix}/pid/master.pid" 2>/dev/null | tr -d ' ')
  case $rw_p in ''|*[!0-9]*) ;; *) kill -0 "$rw_p" 2>/dev/null && echo "postfix running" ;; esac
fi
sec sendmail-d0
if [ -f /etc/mail/sendmail.cf ] && command -v sendmail >/dev/null 2>&1; then
  { sendmail -d0.1 -bt </dev/null 2>&1 | head -60
    echo; } &  # address test mode leaves its "> " prompt without a newline
fi
sec mc-b64
# GNU base64, else OpenSSL's (the BSDs' base64 may lack -w)
if [ -f "$mc" ]; then base64 -w0 -- "$mc" 2>/dev/null || openssl base64 -A -in "$mc" 2>/dev/null; fi; echo
sec cf-options
grep -E '^(C\{TrustAuthMech\}|O (AuthMechanisms|AuthOptions|DaemonPortOptions|ServerCertFile|ServerKeyFile|CACertFile|CACertPath|AuthRealm)=)' /etc/mail/sendmail.cf 2>/dev/null
sec server-cert; server_cert &
sec rebuild
printf 'mc %s\n' "$mc"
[ -f /etc/mail/Makefile ] && echo makefile
[ -x /etc/mail/make ] && echo rhel-make
for d in /usr/share/sendmail/cf /usr/share/sendmail-cf /usr/lib/sendmail-cf /usr/share/sendmail/cf/m4 /usr/share/sendmail-cf/m4; do
  [ -d "$d" ] && echo "cfdir $d"
done
command -v m4 >/dev/null 2>&1 && echo m4
command -v make >/dev/null 2>&1 && echo make
sec service-manager
[ -d /run/systemd/system ] && echo systemd
[ -x /etc/init.d/sendmail ] && echo init-script
[ -x /etc/rc.d/sendmail ] && echo rc.d
for u in /etc/systemd/system/sendmail.service /usr/lib/systemd/system/sendmail.service /lib/systemd/system/sendmail.service; do
  if [ -f "$u" ]; then printf 'unit %s\n' "$u"; break; fi
done
sec pidfile; [ -n "$pid_line" ] && printf '%s\n' "$pid_line"
sec listening
# kept for state.sh's port-80 section
listeners=
if command -v ss >/dev/null 2>&1; then listeners=$(ss -ltnH 2>/dev/null); [ -n "$listeners" ] && printf '%s\n' "$listeners"
elif [ "$(uname -s 2>/dev/null)" = FreeBSD ] && command -v sockstat >/dev/null 2>&1; then
  # FreeBSD: the local address is the next to last column (a command name may hold spaces)
  sockstat -46l -P tcp 2>/dev/null | awk 'NR > 1 { print "LISTEN", $(NF - 1) }'
else netstat -ltn 2>/dev/null; fi
sec sendmail-sockets
# the listening sockets the daemon holds (the pid found for the pidfile section above)
p=${pid_line%% *}
case $p in ''|*[!0-9]*) ;; *) held_sockets "$p" ;; esac
sec ehlo
if command -v bash >/dev/null 2>&1; then bash -c "$RW_EHLO" 2>/dev/null & fi
sec sasl-conf
if f=$(sasl_conf); then printf '@@ path %s\n' "$f"; cat -- "$f"; fi
sec sasl-plugins
for f in /usr/lib/*/sasl2/lib*.so /usr/lib/sasl2/lib*.so /usr/lib64/sasl2/lib*.so /usr/local/lib/sasl2/lib*.so; do
  if [ -e "$f" ] || [ -L "$f" ]; then printf '%s\n' "${f##*/}"; fi
done
sec saslauthd; pgrep -x saslauthd >/dev/null 2>&1 && echo running
sec sasldb
db=$(sasldb_path); printf '@@ path %s\n' "$db"
if [ -f "$db" ]; then { echo "@@ mode $(stat -c '%U:%G %a' -- "$db")"; sasldblistusers2 -f "$db" 2>/dev/null; } & fi
sec access; cat /etc/mail/access 2>/dev/null
sec relay-domains; cat /etc/mail/relay-domains 2>/dev/null
sec certificates
# Certificates other tools keep (certbot, acme.sh, dehydrated, lego), at most 20: one line
# each, "SOURCE PATH KEY PEM" with the paths and the leaf certificate (pem_certificate: no
# key ever leaves) in base64, so no file name can forge a line.
rw_b64() { if base64 -w0 </dev/null >/dev/null 2>&1; then base64 -w0; else openssl base64 -A; fi; }
rw_certs=0
rw_cert() {  # SOURCE CERT KEY
  if [ "$rw_certs" -ge 20 ] || [ ! -f "$2" ]; then return 0; fi
  rw_certs=$((rw_certs + 1))
  printf '%s %s %s %s\n' "$1" "$(printf '%s' "$2" | rw_b64)" "$(printf '%s' "$3" | rw_b64)" \
    "$(pem_certificate "$2" | head -c 16384 | rw_b64)"
}
for d in /etc/letsencrypt/live/*/; do
  [ -f "${d}cert.pem" ] && rw_cert certbot "${d}fullchain.pem" "${d}privkey.pem"
done
for f in /root/.acme.sh/*/*.cer; do
  case ${f##*/} in ca.cer|fullchain.cer) continue ;; esac
  rw_cert acme.sh "$f" "${f%.cer}.key"
done
for f in /var/lib/dehydrated/certs/*/cert.pem /etc/dehydrated/certs/*/cert.pem; do
  rw_cert dehydrated "$f" "${f%/cert.pem}/privkey.pem"
done
for f in /etc/lego/certificates/*.crt /root/.lego/certificates/*.crt; do
  case $f in *.issuer.crt) continue ;; esac
  rw_cert lego "$f" "${f%.crt}.key"
done
sec guard
# What protects AUTH against password guessing: certbot, fail2ban and its jails on the
# mail log, the firewall tools a ban needs; then the AUTH failures of the current mail log
# counted here (the count, the first line's start, the top 5 sources): never the log itself.
# The package managers answer certbot's version at once; certbot itself takes a second.
if command -v certbot >/dev/null 2>&1; then
  v=$(dpkg-query -W -f '${Version}' certbot 2>/dev/null || rpm -q --qf '%{VERSION}' certbot 2>/dev/null) ||
    v=$(certbot --version 2>&1 | head -n 1)
  printf 'certbot %s\n' "$(printf '%s' "$v" | head -n 1 | cut -c1-80)"
fi
command -v nft >/dev/null 2>&1 && echo firewall nftables
command -v iptables >/dev/null 2>&1 && echo firewall iptables
[ -f /etc/fail2ban/jail.d/relay-wizard-sendmail.conf ] && echo wizard-jail
log=$(mail_log) || log=
# fail2ban's status, kept for state.sh's protect section (fail2ban-client takes ~0.1 s a run)
jails='' jails_read=''
# shellcheck disable=SC2034  # jails_read: for state.sh, appended after this script
if command -v fail2ban-client >/dev/null 2>&1; then
  echo fail2ban installed
  if jails=$(fail2ban-client status 2>/dev/null); then
    jails_read=1
    echo fail2ban running
  fi
fi
# each jail's log files and filter, then the AUTH failures of the mail log, in the background
{
  if [ -n "$jails_read" ]; then
    printf '%s\n' "$jails" | sed -n 's/.*Jail list:[[:space:]]*//p' | tr ',' '\n' |
      sed 's/^[[:space:]]*//; s/[[:space:]]*$//' | grep -E '^[A-Za-z0-9_.-]{1,64}$' | head -n 30 |
      while IFS= read -r j; do
        printf 'jail %s\n' "$j"
        files=$(fail2ban-client status "$j" 2>/dev/null | sed -n 's/.*File list:[[:space:]]*//p' | head -n 5)
        [ -n "$files" ] && printf 'file %s\n' "$files"
        # its filter, only for a jail on the mail log
        case " $files " in
          *" $log "*) [ -n "$log" ] && fail2ban-client get "$j" failregex 2>/dev/null | grep -q 'AUTH failure' && echo "jail-auth $j" ;;
        esac
      done
  fi
  if [ -n "$log" ]; then
    printf 'log %s\n' "$log"
    printf 'failures %s\n' "$(grep -c 'AUTH failure (' -- "$log" 2>/dev/null)"
    printf 'first %s\n' "$(grep -m 1 'AUTH failure (' -- "$log" 2>/dev/null | cut -c1-40 | tr -cd '[:alnum:] :.+-')"
    grep 'AUTH failure (' -- "$log" 2>/dev/null |
      sed -n 's/.*relay=[^[]*\[\(IPv6:\)\{0,1\}\([0-9A-Fa-f.:]\{1,45\}\)\].*/\2/p' | sort | uniq -c | sort -rn | head -n 5 |
      while read -r c a; do printf 'source %s %s\n' "$c" "$a"; done
  fi
} &
# every background section is written before the sections are printed
wait
