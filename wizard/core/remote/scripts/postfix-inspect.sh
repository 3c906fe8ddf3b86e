#!/bin/sh
# Postfix's inspection (wizard.core.mta.postfix.inspection): every fact the wizard reads
# about a Postfix server, from Postfix's own tools (postconf -n, -M, -a, the values in
# force of the settings it reads), in sections (sectioned: sections-prelude.sh defines
# `sec NAME`, stdin is closed). Nothing user-supplied goes into it; main.cf and master.cf
# go as base64, ss runs without -p (process names are chosen by their owners).
# lib: held_sockets pem_certificate mail_log
# embed: RW_EHLO ehlo.bash
LC_ALL=C; export LC_ALL
PATH=/usr/sbin:/usr/bin:/sbin:/bin:$PATH
sec os-release; cat /etc/os-release 2>/dev/null; echo
echo "@@ uname $(uname -s 2>/dev/null)"
[ -f /etc/debian_version ] && echo "@@ debian_version $(head -n 1 /etc/debian_version)"
cfg=$(postconf -h config_directory 2>/dev/null); cfg=${cfg:-/etc/postfix}
q=$(postconf -h queue_directory 2>/dev/null); q=${q:-/var/spool/postfix}
sec postfix-version; postconf -h mail_version 2>/dev/null
sec postconf-n; postconf -n 2>/dev/null
# the values in force (defaults included) of the settings the wizard reads
# (wizard.core.mta.postfix.inspection.PARAMS: the same list)
sec postconf; postconf mail_version config_directory queue_directory myhostname mydomain \
  myorigin mydestination mynetworks mynetworks_style inet_interfaces inet_protocols \
  relay_domains relayhost smtpd_relay_restrictions smtpd_recipient_restrictions \
  smtpd_client_restrictions smtpd_sender_restrictions smtpd_sasl_auth_enable \
  smtpd_sasl_type smtpd_sasl_path smtpd_sasl_local_domain smtpd_sasl_security_options \
  smtpd_sasl_tls_security_options smtpd_sasl_authenticated_header smtpd_tls_auth_only \
  smtpd_tls_security_level smtpd_tls_cert_file smtpd_tls_key_file smtpd_tls_chain_files \
  smtpd_tls_CAfile smtpd_tls_CApath smtpd_tls_wrappermode smtpd_use_tls smtpd_enforce_tls \
  broken_sasl_auth_clients cyrus_sasl_config_path compatibility_level maillog_file \
  smtpd_soft_error_limit smtpd_error_sleep_time 2>/dev/null
# the same values with every $name in them expanded (postconf -x), as smtpd reads them:
# the defaults that are expressions (mynetworks_style, relay_domains) become plain values
sec postconf-x; postconf -x mynetworks mynetworks_style inet_interfaces relay_domains \
  smtpd_relay_restrictions smtpd_recipient_restrictions smtpd_client_restrictions \
  smtpd_sasl_auth_enable smtpd_tls_auth_only smtpd_tls_security_level smtpd_tls_wrappermode \
  smtpd_sasl_type smtpd_sasl_path smtpd_sasl_local_domain myhostname 2>/dev/null
sec postconf-M; postconf -M 2>/dev/null
sec postconf-a; postconf -a 2>/dev/null
sec main-cf-b64; [ -f "$cfg/main.cf" ] && base64 -w0 -- "$cfg/main.cf"; echo
sec master-cf-b64; [ -f "$cfg/master.cf" ] && base64 -w0 -- "$cfg/master.cf"; echo
sec master-pid
p=$(head -n 1 -- "$q/pid/master.pid" 2>/dev/null | tr -d ' ')
case $p in ''|*[!0-9]*) ;; *) kill -0 "$p" 2>/dev/null && echo "$p" ;; esac
sec listening; ss -ltnH 2>/dev/null
sec master-sockets
case $p in ''|*[!0-9]*) ;; *) held_sockets "$p" ;; esac
sec ehlo
if command -v bash >/dev/null 2>&1; then bash -c "$RW_EHLO" 2>/dev/null; fi
sec sasl-conf
# Cyrus SASL's smtpd.conf: cyrus_sasl_config_path, else where Debian and others keep it
for f in "$(postconf -h cyrus_sasl_config_path 2>/dev/null)/smtpd.conf" "$cfg/sasl/smtpd.conf" \
         /etc/sasl2/smtpd.conf /usr/lib/sasl2/smtpd.conf /usr/lib64/sasl2/smtpd.conf; do
  if [ -f "$f" ]; then printf '@@ path %s\n' "$f"; cat -- "$f"; break; fi
done
sec sasl-plugins
for f in /usr/lib/*/sasl2/lib*.so /usr/lib/sasl2/lib*.so /usr/lib64/sasl2/lib*.so /usr/local/lib/sasl2/lib*.so; do
  if [ -e "$f" ] || [ -L "$f" ]; then printf '%s\n' "${f##*/}"; fi
done
sec saslauthd; pgrep -x saslauthd >/dev/null 2>&1 && echo running
sec sasldb
# the sasldb and its copy in smtpd's chroot (Debian's smtpd reads that one)
for db in /etc/sasldb2 "$q/etc/sasldb2"; do
  if [ -f "$db" ]; then
    printf '@@ db %s %s %s\n' "$db" "$(stat -c '%U:%G %a' -- "$db")" "$(sha256sum < "$db" | cut -d' ' -f1)"
    sasldblistusers2 -f "$db" 2>/dev/null
  fi
done
sec dovecot
sp=$(postconf -h smtpd_sasl_path 2>/dev/null)
case $sp in /*) s=$sp ;; *) s=$q/$sp ;; esac
[ -S "$s" ] && printf 'socket %s\n' "$s"
command -v dovecot >/dev/null 2>&1 && echo installed
sec server-cert
c=$(postconf -h smtpd_tls_cert_file 2>/dev/null)
# as lib.sh's server_cert prints it (wizard.core.mail.certs.parse_cert_section): "in-use
# PATH", then the certificate (never the key) as one line of base64
if [ -n "$c" ] && [ -f "$c" ]; then
  printf 'in-use %s\n' "$c"; pem_certificate "$c" | base64 -w0; echo
fi
sec mail-log; mail_log
