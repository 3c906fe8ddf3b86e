#!/bin/sh
# Relay Wizard's shared remote shell functions (POSIX sh, `set -u` safe). A script names
# the ones it calls on its "# lib:" line; the loader (wizard.core.remote.scripts) sends
# only those, and the functions they call, in front of the script. Every name a function
# sets starts with rw_ (it shares the script's variables). Each function is the comment
# lines above it and its definition, up to the first line that is "}" alone.
# shellcheck disable=SC2034  # the file alone: its functions are used by other scripts

# sendmail_mc: the .mc this host builds sendmail.cf from, whether it exists or not.
# FreeBSD's /etc/mail/Makefile uses SENDMAIL_MC from /etc/make.conf, else `hostname`.mc.
sendmail_mc() {
  if [ "$(uname -s 2>/dev/null)" = FreeBSD ]; then
    rw_m=$(sed -n 's/^[[:space:]]*SENDMAIL_MC[[:space:]]*[?:]*=[[:space:]]*//p' /etc/make.conf 2>/dev/null | tail -n 1 | sed 's/[[:space:]]*$//')
    [ -n "$rw_m" ] || rw_m=/etc/mail/$(hostname).mc
    printf '%s\n' "$rw_m"
  else
    echo /etc/mail/sendmail.mc
  fi
}

# sendmail_pid: "PID PIDFILE" of the running daemon, found through the pid files sendmail
# writes (the built cf's PidFile, Debian's, RHEL's, the BSDs'); nothing if none is alive.
sendmail_pid() {
  { sed -n 's/^O PidFile=//p' /etc/mail/sendmail.cf 2>/dev/null
    printf '%s\n' /run/sendmail/mta/sendmail.pid /run/sendmail.pid /var/run/sendmail.pid
  } | while IFS= read -r rw_f; do
    rw_p=$(head -n 1 -- "$rw_f" 2>/dev/null) || continue
    case $rw_p in ''|*[!0-9]*) continue ;; esac
    if kill -0 "$rw_p" 2>/dev/null; then printf '%s %s\n' "$rw_p" "$rw_f"; break; fi
  done
}

# daemon_pid: the running daemon's pid (sendmail_pid), nothing if none is alive.
daemon_pid() {
  sendmail_pid | { read -r rw_p _ && printf '%s\n' "$rw_p"; }; true
}

# sasl_conf: the Sendmail.conf Cyrus SASL reads for sendmail (the first one found).
sasl_conf() {
  for rw_f in /etc/sasl2/Sendmail.conf /etc/mail/sasl/Sendmail.conf.2 /usr/lib/sasl2/Sendmail.conf /usr/lib/x86_64-linux-gnu/sasl2/Sendmail.conf /usr/lib64/sasl2/Sendmail.conf /usr/local/lib/sasl2/Sendmail.conf; do
    if [ -f "$rw_f" ]; then printf '%s\n' "$rw_f"; return 0; fi
  done
  return 1
}

# sasldb_path: the sasldb sendmail's SASL reads: sasldb_path in Sendmail.conf, else the
# library's default (/etc/sasldb2; FreeBSD's cyrus-sasl port: /usr/local/etc/sasldb2).
sasldb_path() {
  rw_db=
  if rw_c=$(sasl_conf); then
    rw_db=$(sed -n 's/^[[:space:]]*sasldb_path[[:space:]]*:[[:space:]]*//p' "$rw_c" | tail -n 1 | sed 's/[[:space:]]*$//')
  fi
  if [ -z "$rw_db" ]; then
    if [ "$(uname -s 2>/dev/null)" = FreeBSD ]; then rw_db=/usr/local/etc/sasldb2; else rw_db=/etc/sasldb2; fi
  fi
  printf '%s\n' "$rw_db"
}

# postfix_running: Postfix's master daemon is alive (the pid file in its queue directory).
postfix_running() {
  rw_q=$(postconf -h queue_directory 2>/dev/null)
  rw_p=$(head -n 1 -- "${rw_q:-/var/spool/postfix}/pid/master.pid" 2>/dev/null | tr -d ' ')
  case $rw_p in ''|*[!0-9]*) return 1 ;; esac
  kill -0 "$rw_p" 2>/dev/null
}

# mail_server: the mail server whose accounts these are, chosen as
# wizard.core.mta.detect.which_mta chooses: the one running (sendmail first), else the one
# installed (sendmail first); "sendmail" when the host has no Postfix at all.
mail_server() {
  if ! command -v postconf >/dev/null 2>&1; then echo sendmail
  elif [ -n "$(sendmail_pid)" ]; then echo sendmail
  elif postfix_running; then echo postfix
  elif [ -f /etc/mail/sendmail.cf ] && command -v sendmail >/dev/null 2>&1; then echo sendmail
  else echo postfix; fi
}

# postfix_sasl_option NAME: NAME's value (the last one) in the Cyrus SASL config Postfix's
# smtpd reads (SERVICE.conf, SERVICE = smtpd_sasl_path, in cyrus_sasl_config_path, else
# where Debian and others keep it); nothing when it is not set or there is no such file.
postfix_sasl_option() {
  rw_n=$(postconf -xh smtpd_sasl_path 2>/dev/null); case $rw_n in ''|*/*) rw_n=smtpd ;; esac
  rw_cp=$(postconf -xh cyrus_sasl_config_path 2>/dev/null)
  rw_cd=$(postconf -xh config_directory 2>/dev/null)
  for rw_f in "${rw_cp:-/nonexistent}/$rw_n.conf" "${rw_cd:-/etc/postfix}/sasl/$rw_n.conf" \
              "/etc/sasl2/$rw_n.conf" "/usr/lib/sasl2/$rw_n.conf" "/usr/lib64/sasl2/$rw_n.conf"; do
    if [ -f "$rw_f" ]; then
      sed -n "s/^[[:space:]]*$1[[:space:]]*:[[:space:]]*//p" "$rw_f" | tail -n 1 | sed 's/[[:space:]]*$//'
      return 0
    fi
  done
}

# accounts_db: the sasldb the mail server's logins are checked against: sendmail's
# (sasldb_path); Postfix's: sasldb_path in its Cyrus SASL config, else /etc/sasldb2.
# Returns 7 (after "dovecot" on stderr) when Postfix checks logins with Dovecot: then the
# accounts are Dovecot's and no sasldb account could log in.
accounts_db() {
  if [ "$(mail_server)" != postfix ]; then sasldb_path; return 0; fi
  if [ "$(postconf -xh smtpd_sasl_type 2>/dev/null)" = dovecot ]; then echo dovecot >&2; return 7; fi
  rw_db=$(postfix_sasl_option sasldb_path)
  printf '%s\n' "${rw_db:-/etc/sasldb2}"
}

# chroot_sasldb DB: Debian's Postfix runs smtpd chrooted in its queue directory, where it
# reads QUEUE/DB, a copy. Where Postfix is the mail server, an smtpd service is chrooted
# and it uses Cyrus SASL's sasldb (auxprop, the default), DB is copied there (root:postfix
# 0640, through a temporary file renamed into place: smtpd never reads half a file) and
# "copied PATH" printed, unless the copy is already that. Returns 8 when the copy fails.
chroot_sasldb() {
  [ "$(mail_server)" = postfix ] && [ -f "$1" ] || return 0
  [ "$(postconf -xh smtpd_sasl_type 2>/dev/null)" = cyrus ] || return 0
  case $(postfix_sasl_option pwcheck_method) in ''|*auxprop*) ;; *) return 0 ;; esac
  case $(postfix_sasl_option auxprop_plugin) in ''|*sasldb*) ;; *) return 0 ;; esac
  # a "-" in the chroot column is "y" before Postfix 3.0, "n" since
  case $(postconf -h mail_version 2>/dev/null) in [12].*) rw_old=1 ;; *) rw_old=0 ;; esac
  postconf -M 2>/dev/null |
    awk -v old=$rw_old '$8 == "smtpd" && ($5 == "y" || ($5 == "-" && old)) { f = 1 } END { exit !f }' || return 0
  rw_q=$(postconf -xh queue_directory 2>/dev/null); rw_to=${rw_q:-/var/spool/postfix}$1
  # already the same bytes, owner and mode: nothing to do (the playbook's second run)
  if cmp -s -- "$1" "$rw_to" && [ "$(stat -c '%U:%G %a' -- "$rw_to")" = "root:postfix 640" ]; then return 0; fi
  if mkdir -p -- "$(dirname -- "$rw_to")" && rw_t=$(mktemp -- "$rw_to.rw-XXXXXX") &&
     cat -- "$1" > "$rw_t" && chown root:postfix -- "$rw_t" && chmod 640 -- "$rw_t" &&
     mv -f -- "$rw_t" "$rw_to"; then
    printf 'copied %s\n' "$rw_to"
  else
    rm -f -- "${rw_t:-}"; echo "could not copy $1 to $rw_to for Postfix's chrooted smtpd" >&2; return 8
  fi
}

# sasldb_private DB: the sasldb holds recoverable secrets: never world-readable, group
# sasl where that group exists (field notes 4).
sasldb_private() {
  chmod o-rwx -- "$1"
  if getent group sasl >/dev/null 2>&1; then chgrp sasl -- "$1"; fi
}

# mail_log: the host's mail log (Debian's mail.log, RHEL's maillog); fails if none.
# rw_mail_log: the unit tests' file.
mail_log() {
  for rw_f in ${rw_mail_log:-} /var/log/mail.log /var/log/maillog; do
    if [ -f "$rw_f" ]; then printf '%s\n' "$rw_f"; return 0; fi
  done
  return 1
}

# server_cert: the certificate the mail server presents: "in-use PATH" (sendmail's built
# cf's ServerCertFile, else Postfix's smtpd_tls_cert_file), else "stock PATH" (the
# distribution's ready one, which the modern set-up uses: Debian's, RHEL's), then the
# file's first 64 KiB as one line of base64; nothing if there is none. The wizard parses it
# on the admin's computer.
server_cert() {
  rw_how=in-use
  rw_c=$(sed -n 's/^O ServerCertFile=//p' /etc/mail/sendmail.cf 2>/dev/null | tail -n 1)
  if { [ -z "$rw_c" ] || [ ! -f "$rw_c" ]; } && command -v postconf >/dev/null 2>&1; then
    rw_c=$(postconf -xh smtpd_tls_cert_file 2>/dev/null)
  fi
  if [ -z "$rw_c" ] || [ ! -f "$rw_c" ]; then
    rw_how=stock rw_c=
    for rw_f in /etc/mail/tls/sendmail-server.crt /etc/pki/tls/certs/sendmail.pem; do
      if [ -f "$rw_f" ]; then rw_c=$rw_f; break; fi
    done
  fi
  [ -n "$rw_c" ] || return 0
  printf '%s %s\n' "$rw_how" "$rw_c"
  # GNU base64, else OpenSSL's (the BSDs' base64 may lack -w)
  if base64 -w0 </dev/null >/dev/null 2>&1; then pem_certificate "$rw_c" | base64 -w0
  else pem_certificate "$rw_c" | openssl base64 -A; fi
  echo
}

# tls_file FILE: what planning needs of a TLS file (wizard.core.mta.sendmail.state.file_facts):
# "OWNER GROUP MODE", then "cert" with its subject and its public key's sha256, or "key" with
# "-" and its public key's sha256, or "invalid"; "missing" when there is no such file. One
# openssl run per file (each costs about 50 ms): a PEM certificate is parsed as one,
# anything else as a key.
tls_file() {
  if [ -e "$1" ]; then
    stat -L -c '%U %G %a' -- "$1"
    if grep -q -e '-----BEGIN.*CERTIFICATE-----' -- "$1" 2>/dev/null &&
       rw_out=$(openssl x509 -in "$1" -noout -subject -pubkey -checkend 0 2>/dev/null); then
      echo cert; printf '%s\n' "$rw_out" | head -1
      printf '%s\n' "$rw_out" | sed -n '/-BEGIN PUBLIC KEY-/,/-END PUBLIC KEY-/p' | sha256sum | cut -d' ' -f1
    elif rw_pub=$(openssl pkey -in "$1" -pubout 2>/dev/null); then
      echo key; echo -
      printf '%s\n' "$rw_pub" | sha256sum | cut -d' ' -f1
    else echo invalid; fi
  else echo missing; fi
}

# pem_certificate FILE: the first certificate block of FILE (at most 64 KiB), nothing else.
# Many servers keep the private key in the same file (RHEL's sendmail.pem): it never leaves.
pem_certificate() {
  head -c 65536 -- "$1" |
    sed -n '/^-----BEGIN CERTIFICATE-----/,/^-----END CERTIFICATE-----/{p;/^-----END CERTIFICATE-----/q;}'
}

# socket_inodes PID: the inodes of the sockets PID holds, space-separated. Which sockets
# are the daemon's comes from the kernel's socket inodes (/proc/PID/fd against
# /proc/net/tcp*), never from ss -p: process names are chosen by their owners and may
# hold newlines. One ls -l reads every fd's link (POSIX: "NAME -> TARGET"; the names are
# numbers), not a readlink per fd. proc_root: the unit tests' /proc.
socket_inodes() {
  # shellcheck disable=SC2012  # the names under fd/ are numbers
  ls -l -- "${proc_root:-/proc}/$1/fd/" 2>/dev/null |
    sed -n 's/.* -> socket:\[\([0-9]*\)\]$/\1/p' | tr '\n' ' '
}

# held_sockets PID: the listening TCP sockets PID holds, as the kernel lists them (hex
# ADDR:PORT; socket_inodes).
held_sockets() {
  cat "${proc_root:-/proc}/net/tcp" "${proc_root:-/proc}/net/tcp6" 2>/dev/null |
    awk -v ino=" $(socket_inodes "$1") " '$4 == "0A" && index(ino, " " $10 " ") { print $2 }'
}

# listening PID SPEC...: every SPEC (PORT, or ADDR:PORT with ADDR an IP literal; 0.0.0.0
# and :: also match a dual-stack "*") is a listening TCP socket on a port that PID holds
# a listening socket on (socket_inodes). A port held only by another process (the old
# daemon) does not count. One awk reads the kernel's table and turns ports to decimal.
listening() {
  rw_lpid=$1; shift
  rw_held=$(cat "${proc_root:-/proc}/net/tcp" "${proc_root:-/proc}/net/tcp6" 2>/dev/null |
    awk -v ino=" $(socket_inodes "$rw_lpid") " '
    function hex(s,  i, n) { n = 0; s = toupper(s)
      for (i = 1; i <= length(s); i++) n = n * 16 + index("0123456789ABCDEF", substr(s, i, 1)) - 1
      return n }
    $4 == "0A" && index(ino, " " $10 " ") { i = match($2, /:[0-9A-Fa-f]+$/); print hex(substr($2, i + 1)) }' | tr '\n' ' ')
  ss -ltnH 2>/dev/null | awk -v held=" $rw_held " -v specs="$*" '
    { local = $4; i = match(local, /:[^:]*$/); addr = substr(local, 1, i - 1); port = substr(local, i + 1)
      if (!index(held, " " port " ")) next
      gsub(/\[|\]/, "", addr); sub(/%.*$/, "", addr)
      seen[port] = 1; seen[addr ":" port] = 1
      if (addr == "*") { seen["0.0.0.0:" port] = 1; seen["[::]:" port] = 1 }
      if (index(addr, ":")) seen["[" addr "]:" port] = 1 }
    END { n = split(specs, s, " "); for (k = 1; k <= n; k++) if (!(s[k] in seen)) exit 1; exit 0 }'
}

# cf_listeners CF: one ADDR:PORT per DaemonPortOptions line of a sendmail.cf, like
# apply._ports does for the .mc (PORT alone when Addr= is a host name). sendmail reads a
# key by its first letter, in either case (Addr, Address, address, A).
cf_listeners() {
  sed -n 's/^O DaemonPortOptions=//p' "$1" | awk -F, '
    { port = "25"; addr = ""; fam = "inet"; mods = ""
      for (k = 1; k <= NF; k++) {
        f = $k; gsub(/^[ \t]+|[ \t]+$/, "", f); e = index(f, "="); if (!e) continue
        key = tolower(substr(f, 1, 1)); v = substr(f, e + 1); gsub(/^[ \t]+/, "", v)
        if (key == "p") port = v; else if (key == "a") addr = v; else if (key == "f") fam = tolower(v)
        else if (key == "m") mods = v }
      if (index(mods, "O") || (fam != "inet" && fam != "inet6")) next
      if (port == "smtp") port = "25"; else if (port == "submission") port = "587"; else if (port == "smtps") port = "465"
      if (addr == "") addr = (fam == "inet6") ? "::" : "0.0.0.0"
      if (addr ~ /^[0-9.]+$/) print addr ":" port
      else if (addr ~ /^[0-9a-fA-F:.]+$/ && index(addr, ":")) print "[" addr "]:" port
      else print port }' | sort -u
}

# cf_build strict|lenient MC OUT ERR M4_COMMAND...: OUT built from MC by M4_COMMAND (run
# in the current folder), m4's complaints in ERR. Returns 4 (the reason on stderr) when m4
# fails. Strict: also 4 when m4 says anything, then cf_check OUT ERR (4 or 5). Lenient: the
# caller judges what m4 said (apply compares it with what m4 says about the old .mc), then
# calls cf_check itself.
cf_build() {
  rw_judge=$1 rw_mc=$2 rw_out=$3 rw_err=$4; shift 4
  rw_rc=0
  "$@" "$rw_mc" > "$rw_out" 2> "$rw_err" || rw_rc=$?
  if [ "$rw_rc" -ne 0 ]; then
    echo "m4 could not build sendmail.cf from the new sendmail.mc (exit $rw_rc):" >&2
    head -c 2000 "$rw_err" >&2; return 4
  fi
  [ "$rw_judge" = strict ] || return 0
  if [ -s "$rw_err" ]; then
    echo "m4 complains about the new sendmail.mc:" >&2
    head -c 2000 "$rw_err" >&2; return 4
  fi
  cf_check "$rw_out" "$rw_err"
}

# cf_check CF ERR: CF has sendmail.cf's version line and sendmail itself parses it (its
# complaints in ERR). Returns 4 (empty or broken) or 5 (sendmail refuses it), the reason
# on stderr. No "%" in it: the playbook's validate is "%"-formatted by Ansible.
cf_check() {
  if ! grep -q '^V[0-9]' "$1"; then
    echo "m4 built an empty or broken sendmail.cf" >&2; return 4
  fi
  if ! sendmail -C "$1" -d0.1 -bt < /dev/null > /dev/null 2> "$2"; then
    echo "sendmail refuses the new sendmail.cf:" >&2; head -c 2000 "$2" >&2; return 5
  fi
}

# reload_sendmail MODE SPEC...: make sendmail load its config: HUP the running daemon
# (MODE auto), or start it the host's way (MODE init, or none is running: systemd, an init
# script, FreeBSD's rc.d); then wait until the old daemon is gone and the new one holds
# every listener SPEC (see listening). The live daemon's pid is looked up every time (a
# dead daemon has none). Exits 6 if sendmail does not come back within 20 s.
reload_sendmail() {
  rw_mode=$1; shift
  rw_old_line=$(sendmail_pid); rw_old=${rw_old_line%% *}
  # the new daemon writes the same pid file: read that one while waiting (no search, no cf)
  rw_pid_file=; [ -n "$rw_old_line" ] && rw_pid_file=${rw_old_line#* }
  if [ "$rw_mode" != init ] && [ -n "$rw_old" ] && kill -0 "$rw_old" 2>/dev/null; then
    kill -HUP "$rw_old"; rw_how="kill -HUP $rw_old"
  else
    { [ -n "$rw_old" ] && kill -0 "$rw_old" 2>/dev/null; } || rw_old=
    if [ -d /run/systemd/system ] && command -v systemctl >/dev/null 2>&1; then
      env -u RELAY_WIZARD_JOB systemctl restart sendmail >/dev/null 2>&1 || true; rw_how="systemctl restart sendmail"
    elif [ ! -x /etc/init.d/sendmail ] && [ -x /etc/rc.d/sendmail ]; then
      env -u RELAY_WIZARD_JOB service sendmail restart >/dev/null 2>&1 || true; rw_how="service sendmail restart"
    else
      env -u RELAY_WIZARD_JOB /etc/init.d/sendmail restart >/dev/null 2>&1 || true; rw_how="/etc/init.d/sendmail restart"
    fi
  fi
  # Done when the old daemon is gone (after HUP sendmail re-executes itself and forks
  # a new daemon; an init script's stop may still be running) and the new one, alive,
  # holds every listener its config asks for. A port still held by the old daemon (on
  # the old address) would otherwise pass for the new one's.
  rw_n=0; rw_ok=; rw_why="no new sendmail daemon"
  while [ $rw_n -lt 1000 ]; do
    rw_new=
    if [ -n "$rw_old" ] && kill -0 "$rw_old" 2>/dev/null; then rw_why="the old daemon (pid $rw_old) is still running"
    elif ! { if [ -n "$rw_pid_file" ]; then rw_new=$(head -n 1 -- "$rw_pid_file" 2>/dev/null); else rw_new=$(daemon_pid); fi
             case $rw_new in ''|*[!0-9]*) false ;; esac; } ||
         [ "$rw_new" = "$rw_old" ] || ! kill -0 "$rw_new" 2>/dev/null; then rw_why="no new sendmail daemon"
    elif listening "$rw_new" "$@"; then rw_ok=1; break
    else rw_why="sendmail (pid $rw_new) does not hold all of its listeners ($*)"; fi
    sleep 0.02; rw_n=$((rw_n+1))
  done
  echo "reloaded with: $rw_how"
  ss -ltnH 2>/dev/null | awk '{print "listening " $4}'
  if [ -z "$rw_ok" ]; then echo "sendmail did not come back with its listeners ($*) within 20 s after: $rw_how ($rw_why)" >&2; exit 6; fi
}

# postfix_pid: the running Postfix master's pid (its pid file in the queue directory,
# alive); nothing if none.
postfix_pid() {
  rw_q=$(postconf -h queue_directory 2>/dev/null) || rw_q=/var/spool/postfix
  rw_p=$(head -n 1 -- "${rw_q:-/var/spool/postfix}/pid/master.pid" 2>/dev/null | tr -d ' ') || rw_p=
  case $rw_p in ''|*[!0-9]*) return 0 ;; esac
  if kill -0 "$rw_p" 2>/dev/null; then printf '%s\n' "$rw_p"; fi
  true
}

# postfix_listeners DIR: the TCP listeners of Postfix's master.cf (of the configuration
# in DIR; "" for the one in use), one per line: PORT, or ADDR:PORT for an IP literal
# (see listening). Service names are the ports of /etc/services.
postfix_listeners() {
  if [ -n "$1" ]; then postconf -c "$1" -M 2>/dev/null; else postconf -M 2>/dev/null; fi |
    awk '$2 == "inet" { print $1 }' | while IFS= read -r rw_s; do
      case $rw_s in *:*) rw_a=${rw_s%:*}; rw_p=${rw_s##*:} ;; *) rw_a=; rw_p=$rw_s ;; esac
      case $rw_p in
        smtp) rw_p=25 ;; submission) rw_p=587 ;; submissions|smtps) rw_p=465 ;;
        *[!0-9]*) rw_p=$(getent services "$rw_p/tcp" 2>/dev/null | awk '{ sub(/\/.*/, "", $2); print $2 }') ;;
      esac
      [ -n "$rw_p" ] || continue
      case $rw_a in
        *[!0-9.]*|'') case $rw_a in '['*']') printf '%s:%s\n' "$rw_a" "$rw_p" ;; *) printf '%s\n' "$rw_p" ;; esac ;;
        *) printf '%s:%s\n' "$rw_a" "$rw_p" ;;
      esac
    done | sort -u
}

# reload_postfix SPEC...: make Postfix load its configuration: "postfix reload" when its
# master runs, else start it the host's way (systemd, the init script, postfix start);
# then wait until the master holds every listener SPEC (see listening). Exits 6 if it
# does not within 20 s.
reload_postfix() {
  rw_old=$(postfix_pid)
  if [ -n "$rw_old" ]; then
    rw_how="postfix reload"; postfix reload >/dev/null 2>&1 || true
    # the master re-reads its files on the signal; idle smtpd processes then exit
    sleep 1
  elif [ -d /run/systemd/system ] && command -v systemctl >/dev/null 2>&1; then
    rw_how="systemctl start postfix"; env -u RELAY_WIZARD_JOB systemctl start postfix >/dev/null 2>&1 || true
  elif [ -x /etc/init.d/postfix ]; then
    rw_how="/etc/init.d/postfix start"; env -u RELAY_WIZARD_JOB /etc/init.d/postfix start >/dev/null 2>&1 || true
  else
    rw_how="postfix start"; postfix start >/dev/null 2>&1 || true
  fi
  rw_n=0; rw_ok=; rw_why="no Postfix master process"
  while [ $rw_n -lt 1000 ]; do
    rw_new=$(postfix_pid)
    if [ -z "$rw_new" ]; then rw_why="no Postfix master process"
    elif listening "$rw_new" "$@"; then rw_ok=1; break
    else rw_why="Postfix (pid $rw_new) does not hold all of its listeners ($*)"; fi
    sleep 0.02; rw_n=$((rw_n+1))
  done
  echo "reloaded with: $rw_how"
  ss -ltnH 2>/dev/null | awk '{print "listening " $4}'
  if [ -z "$rw_ok" ]; then echo "Postfix did not come back with its listeners ($*) within 20 s after: $rw_how ($rw_why)" >&2; exit 6; fi
}

# postconf_edits DIR: the edits on stdin, one per line ("e NAME=VALUE" for main.cf,
# "M NAME/TYPE=ENTRY" and "P NAME/TYPE/PARAM=VALUE" for master.cf), made with postconf
# on the main.cf and master.cf in DIR, one call per edit, in order; each edit goes to
# postconf as one argument, never through a shell. Returns 4 on a line that is not an
# edit or one postconf refuses.
postconf_edits() {
  while IFS= read -r rw_line; do
    [ -n "$rw_line" ] || continue
    rw_arg=${rw_line#? }
    case $rw_line in
      'e '*) postconf -c "$1" -e "$rw_arg" ;;
      'M '*) postconf -c "$1" -M "$rw_arg" ;;
      'P '*) postconf -c "$1" -P "$rw_arg" ;;
      *) echo "not a postconf edit: $rw_line" >&2; return 4 ;;
    esac || { echo "postconf refused: $rw_line" >&2; return 4; }
  done
}

# fail2ban_pid: the running fail2ban server's pid (its pid file, alive); nothing if none.
fail2ban_pid() {
  rw_p=$(head -n 1 /run/fail2ban/fail2ban.pid 2>/dev/null) || rw_p=
  case $rw_p in ''|*[!0-9]*) return 0 ;; esac
  if kill -0 "$rw_p" 2>/dev/null; then printf '%s\n' "$rw_p"; fi
  true
}

# fail2ban_service ACTION: start or stop fail2ban the host's way (systemd when it runs,
# else the init script, else service).
fail2ban_service() {
  if [ -d /run/systemd/system ] && command -v systemctl >/dev/null 2>&1; then
    env -u RELAY_WIZARD_JOB systemctl "$1" fail2ban
  elif [ -x /etc/init.d/fail2ban ]; then
    env -u RELAY_WIZARD_JOB /etc/init.d/fail2ban "$1"
  else
    env -u RELAY_WIZARD_JOB service fail2ban "$1"
  fi
}

# copy_certificate LINEAGE CRT KEY: certbot's fullchain.pem and privkey.pem of the lineage
# folder LINEAGE (live/NAME, symlinks into archive/) to CRT (0644) and KEY (0600, root
# only: sendmail refuses a key others may read), each through a temporary file in its own
# folder renamed into place, so sendmail never reads half a file.
copy_certificate() {
  rw_um=$(umask); umask 077
  mkdir -p -- "$(dirname -- "$2")" "$(dirname -- "$3")"
  rw_tc=$(mktemp -- "$2.rw-XXXXXX") && rw_tk=$(mktemp -- "$3.rw-XXXXXX") &&
    cat -- "$1/fullchain.pem" > "$rw_tc" && cat -- "$1/privkey.pem" > "$rw_tk" &&
    chown root:root -- "$rw_tc" "$rw_tk" && chmod 644 -- "$rw_tc" && chmod 600 -- "$rw_tk" &&
    mv -f -- "$rw_tk" "$3" && mv -f -- "$rw_tc" "$2"
  rw_rc=$?
  umask "$rw_um"
  if [ $rw_rc -ne 0 ]; then
    rm -f -- "${rw_tc:-}" "${rw_tk:-}"
    echo "could not copy the certificate of $1 to $2 and $3" >&2
    return 1
  fi
  echo "copied $1/fullchain.pem to $2 and $1/privkey.pem to $3"
}

# rw_take_lock WHAT USER WAIT FROM: take the server lock on fd 9 (held until the shell
# exits or closes fd 9) and record its owner. Returns 75 when another holder kept it for
# WAIT seconds, 70 when it cannot be taken, 0 without flock (after a "no-flock" line: the
# server is used without a lock). Every value written to lock.owner is checked here again.
# rw_lock_dir: the unit tests' folder.
rw_take_lock() {
  rw_what=$1 rw_user=$2 rw_wait=$3 rw_from=$4
  case $rw_what in ''|*[!a-z-]*) echo "bad lock request" >&2; return 64 ;; esac
  case $rw_user in ''|*[!A-Za-z0-9._$-]*) rw_user=unknown ;; esac
  case $rw_from in ''|*[!0-9A-Fa-f:.]*) rw_from=unknown ;; esac
  case $rw_wait in ''|*[!0-9]*) rw_wait=30 ;; esac
  rw_dir=${rw_lock_dir:-/var/lib/relay-wizard}
  (umask 077; mkdir -p "$rw_dir") && chmod 700 "$rw_dir" || return 70
  command -v flock >/dev/null 2>&1 || { echo no-flock; return 0; }
  exec 9>>"$rw_dir/lock" || return 70
  if ! flock -n 9; then
    # A holder that just let go (the same wizard's previous step: its release does not
    # wait for the server) is gone within milliseconds: look again quickly and quietly
    # for 0.3 s. Then poll, not block: a waiter whose client went away dies on its next
    # "busy" line (SIGPIPE) instead of taking the lock for nobody.
    rw_k=0
    until flock -n 9; do
      rw_k=$((rw_k + 1))
      if [ "$rw_k" -le 15 ]; then sleep 0.02; continue; fi
      printf 'busy %s\n' "$(head -n 1 "$rw_dir/lock.owner" 2>/dev/null | head -c 300)"
      [ "$rw_k" -le $((15 + rw_wait * 5)) ] || return 75
      sleep 0.2
    done
  fi
  rw_id=${5:-}
  case $rw_id in *[!0-9a-f]*) rw_id='' ;; esac
  (umask 077; printf 'what=%s user=%s from=%s since=%s pid=%s%s\n' "$rw_what" "$rw_user" \
    "$rw_from" "$(date -u +%Y-%m-%dT%H:%M:%SZ)" "$$" "${rw_id:+ id=$rw_id}" > "$rw_dir/lock.owner")
}

# rw_finish JOURNAL: the apply whose journal that is verified its change: mark it applied
# (finish.sh, or the lock's shell when the apply lets go of the lock). Returns 64 for a
# name that is not a journal's, 66 when there is no such journal.
# rw_journal_root: the unit tests' folder.
rw_finish() {
  case $1 in ''|*[!0-9A-Za-z-]*) return 64 ;; esac
  rw_j=${rw_journal_root:-/var/lib/relay-wizard}/journal/$1
  [ -d "$rw_j" ] || return 66
  echo applied > "$rw_j/state"
}

# Does the lock channel whose id is $1 (lock.sh) hold the server lock? With $2 seconds,
# wait that long for it first (its request went out just before this command's). True on
# a server without flock, where there is no lock to hold.
rw_lock_held() {
  command -v flock >/dev/null 2>&1 || return 0
  rw_n=$(( ${2:-0} * 100 ))
  while :; do
    case " $(head -n 1 "${rw_lock_dir:-/var/lib/relay-wizard}/lock.owner" 2>/dev/null) " in
      *" id=$1 "*) return 0 ;;
    esac
    [ "$rw_n" -gt 0 ] || return 1
    rw_n=$((rw_n - 1)); sleep 0.01
  done
}
