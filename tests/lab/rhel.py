"""The lab's ``rhel`` flavour: Debian 12's sendmail binaries laid out the RHEL way.

A layout emulation, not RHEL: the programs are Debian's (sendmail 8.17.1.9, Cyrus SASL
2.1.28, m4, make); the files, paths and service handling are those of RHEL/Fedora's
sendmail package, so that the wizard's layout detection, SASL-config and rebuild paths
run live. What is RHEL's, as the package lays it out (sources: the Fedora/openEuler
sendmail package's ``sendmail.service``, ``sendmail.sysconfig``, ``sendmail.etc-mail-make``,
``Sendmail-sasl2.conf`` and the spec's %install and %post; RHEL 7's ``sendmail-redhat.mc``,
``tests/data/mc/SOURCES.md``):

- ``/etc/mail/sendmail.mc`` is RHEL's default (``@@PATH@@`` replaced by
  ``/usr/share/sendmail-cf`` as the spec does), built into ``sendmail.cf`` with plain
  ``m4``; the cf macros live in ``/usr/share/sendmail-cf`` (Debian's
  ``/usr/share/sendmail/cf`` is gone);
- ``/etc/sasl2/Sendmail.conf`` is ``pwcheck_method:saslauthd``; no ``/etc/mail/sasl``, no
  ``/usr/lib/sasl2/Sendmail.conf`` link, no ``/etc/sasldb2`` until the first account;
- ``/etc/mail/make`` rebuilds the maps and every ``.cf`` whose ``.mc`` is newer, and
  ``aliases`` runs newaliases (the job of RHEL's script, written here for the lab);
  ``/etc/mail/Makefile`` hands every target to it; no Debian Makefile, no
  ``/etc/init.d/sendmail``;
- ``sendmail.service`` as RHEL's: ``PIDFile=/run/sendmail.pid``, ``ExecStartPre=-/etc/mail/make``
  and ``ExecStartPre=-/etc/mail/make aliases``, ``ExecStart=/usr/sbin/sendmail -bd
  $SENDMAIL_OPTS $SENDMAIL_OPTARG`` with ``/etc/sysconfig/sendmail``;
- the certificate pair ``/etc/pki/tls/certs/sendmail.pem`` and
  ``/etc/pki/tls/private/sendmail.key`` the package's %post makes; RHEL's access db
  (localhost relays), ``/etc/aliases``, the mail log in ``/var/log/maillog``;
  ``/etc/redhat-release``.

What is emulated, and how:

- systemd: the lab has none (tini is pid 1). ``/usr/bin/systemctl`` is a small shell
  script (:data:`SYSTEMCTL_SHIM`) that runs a unit's ``ExecStartPre``, ``ExecStart`` and
  ``ExecReload`` lines with its ``Environment``/``EnvironmentFile`` the way systemd does
  for a ``Type=forking`` service with a ``PIDFile``; ``/run/systemd/system`` exists (the
  test programs use to see systemd). Nothing else of systemd is there.
- the pid file: RHEL builds sendmail to write ``/run/sendmail.pid``; Debian's binary
  writes ``/run/sendmail/mta/sendmail.pid``, so ``/etc/sysconfig/sendmail`` passes
  ``-O PidFile=/run/sendmail.pid`` (kept across a HUP: sendmail re-executes its argv).
- ``/etc/os-release`` says what this is: ``ID=rhel-layout``, ``ID_LIKE="rhel fedora"``,
  and a name that says it is a Debian 12 emulation; ``/etc/debian_version`` is gone.
"""

from __future__ import annotations

import shlex
from pathlib import Path

RHEL_MC = Path(__file__).resolve().parents[1] / "data" / "mc" / "rhel7-sendmail-redhat.mc"
CF_DIR = "/usr/share/sendmail-cf"

SENDMAIL_SERVICE = """\
# Relay Wizard lab (RHEL-layout emulation): RHEL's sendmail.service directives
[Unit]
Description=Sendmail Mail Transport Agent
After=syslog.target network.target
Conflicts=postfix.service exim.service

[Service]
Type=forking
PIDFile=/run/sendmail.pid
Environment=SENDMAIL_OPTS=-q1h
EnvironmentFile=-/etc/sysconfig/sendmail
ExecStartPre=-/etc/mail/make
ExecStartPre=-/etc/mail/make aliases
ExecStart=/usr/sbin/sendmail -bd $SENDMAIL_OPTS $SENDMAIL_OPTARG
ExecReload=/bin/kill -HUP $MAINPID

[Install]
WantedBy=multi-user.target
"""

SYSCONFIG = """\
DAEMON=yes
QUEUE=1h
# Relay Wizard lab (RHEL-layout emulation): RHEL's sendmail is built to write its pid to
# /run/sendmail.pid; Debian's binary, used here, would write /run/sendmail/mta/sendmail.pid.
SENDMAIL_OPTARG="-O PidFile=/run/sendmail.pid"
"""

# The job of RHEL's /etc/mail/make, written for the lab (not a copy of it).
ETC_MAIL_MAKE = r"""#!/bin/sh
# /etc/mail/make, Relay Wizard lab (RHEL-layout emulation). Does the job of RHEL's:
# rebuild each map whose source is newer than its .db and each .cf whose .mc is newer
# (with plain m4: RHEL's .mc files include cf.m4 themselves); "aliases" runs newaliases
# when /etc/aliases changed. sendmail.service runs it before every start.
cd /etc/mail || exit 1
makedb() {
  [ -f "$1" ] || return 0
  if [ -n "${SM_FORCE_DBREBUILD:-}" ] || [ ! -e "$1.db" ] || [ "$1" -nt "$1.db" ]; then
    makemap hash "$1.db" < "$1"
  fi
}
makecf() {
  mc=${1%.cf}.mc
  [ -f "$mc" ] || { echo "$mc doesn't exist"; exit 2; }
  [ -n "${SM_FORCE_CFREBUILD:-}" ] || [ "$mc" -nt "$1" ] || return 0
  if [ ! -f /usr/share/sendmail-cf/m4/cf.m4 ]; then
    echo "WARNING: '$mc' is modified. Install sendmail-cf to update your configuration."
    exit 15
  fi
  umask 022
  [ -e "$1" ] && mv -f "$1" "$1.bak"
  m4 "$mc" > "$1"
}
makealiases() {
  if [ ! -e /etc/aliases.db ] || [ /etc/aliases -nt /etc/aliases.db ]; then
    newaliases > /dev/null
  fi
}
makeall() {
  for map in virtusertable access domaintable mailertable; do makedb "$map"; done
  makecf sendmail.cf
  makecf submit.cf
}
[ $# -eq 0 ] && makeall
for target; do
  case $target in
    *.db) makedb "${target%.db}" ;;
    *.cf) makecf "$target" ;;
    all) makeall ;;
    aliases) makealiases ;;
    *) echo "Don't know how to make $target"; exit 2 ;;
  esac
done
exit 0
"""

MAKEFILE = """\
# /etc/mail/Makefile, Relay Wizard lab (RHEL-layout emulation): make -C /etc/mail [TARGET]
# hands the target to /etc/mail/make.
all:
\t@/etc/mail/make
Makefile: ;
%:
\t@/etc/mail/make $@
.PHONY: all
"""

# systemctl for a lab without systemd: see the module docstring.
SYSTEMCTL_SHIM = r"""#!/bin/sh
# systemctl, Relay Wizard lab (RHEL-layout emulation). NOT systemd: the lab runs no
# service manager. For a Type=forking unit with a PIDFile this does what systemd does:
# start runs the ExecStartPre lines (a leading "-" lets one fail), then ExecStart, and
# waits for the PID file to name a live process; stop sends SIGTERM to it and waits;
# reload runs ExecReload with $MAINPID. Environment= and EnvironmentFile= are loaded
# first; $VAR in a command line is split into words, as systemd does.
verb=${1:-}
[ $# -gt 0 ] && shift
while [ $# -gt 0 ]; do case $1 in -*) shift ;; *) break ;; esac; done
unit=${1:-}; unit=${unit%.service}
case $verb in daemon-reload) exit 0 ;; esac
file=
for d in /etc/systemd/system /usr/lib/systemd/system; do
  if [ -n "$unit" ] && [ -f "$d/$unit.service" ]; then file=$d/$unit.service; break; fi
done
if [ -z "$file" ]; then echo "Unit $unit.service could not be found." >&2; exit 5; fi
key() { sed -n "s/^$1=//p" "$file"; }
pidfile=$(key PIDFile | tail -n 1)
mainpid() {
  p=$(head -n 1 "$pidfile" 2>/dev/null) || return 1
  case $p in ''|*[!0-9]*) return 1 ;; esac
  kill -0 "$p" 2>/dev/null || return 1
  echo "$p"
}
load_env() {
  while IFS= read -r kv; do [ -n "$kv" ] && export "$kv"; done <<EOF
$(key Environment)
EOF
  for f in $(key EnvironmentFile); do
    optional=
    case $f in -*) optional=1; f=${f#-} ;; esac
    if [ -f "$f" ]; then set -a; . "$f"; set +a
    elif [ -z "$optional" ]; then echo "$unit.service: $f is missing" >&2; return 1; fi
  done
}
run_line() {
  line=$1; may_fail=
  case $line in -*) may_fail=1; line=${line#-} ;; esac
  eval "set -- $line"
  "$@" || [ -n "$may_fail" ]
}
run_all() {
  while IFS= read -r line; do
    [ -n "$line" ] || continue
    run_line "$line" || { echo "$unit.service: failed: $line" >&2; return 1; }
  done <<EOF
$(key "$1")
EOF
}
start() {
  mainpid > /dev/null && return 0
  load_env || return 1
  run_all ExecStartPre || return 1
  run_all ExecStart || return 1
  n=0
  while [ $n -lt 400 ]; do
    mainpid > /dev/null && return 0
    sleep 0.05; n=$((n + 1))
  done
  echo "$unit.service: no live process in $pidfile after the start" >&2; return 1
}
stop() {
  p=$(mainpid) || return 0
  kill -TERM "$p"
  n=0
  while kill -0 "$p" 2>/dev/null; do
    if [ $n -ge 400 ]; then kill -KILL "$p"; break; fi
    sleep 0.05; n=$((n + 1))
  done
}
case $verb in
  start) start ;;
  stop) stop ;;
  restart) stop && start ;;
  try-restart|condrestart) if mainpid > /dev/null; then stop && start; fi ;;
  reload) MAINPID=$(mainpid) || { echo "$unit.service is not active" >&2; exit 7; }
          export MAINPID; load_env && run_all ExecReload ;;
  is-active) if mainpid > /dev/null; then echo active; else echo inactive; exit 3; fi ;;
  status) if p=$(mainpid); then echo "$unit.service: active (running), main PID $p (lab systemctl shim)"
          else echo "$unit.service: inactive (dead) (lab systemctl shim)"; exit 3; fi ;;
  enable|disable) exit 0 ;;
  is-enabled) echo enabled ;;
  *) echo "systemctl (Relay Wizard lab shim): '$verb' is not emulated" >&2; exit 1 ;;
esac
"""

OS_RELEASE = """\
PRETTY_NAME="Debian 12 laid out the RHEL way (Relay Wizard lab emulation, not RHEL)"
NAME="Relay Wizard RHEL-layout lab"
ID=rhel-layout
ID_LIKE="rhel fedora"
VERSION_ID="12"
"""
REDHAT_RELEASE = "Relay Wizard lab: Debian 12 laid out the Red Hat way (emulation, not RHEL)\n"

# RHEL's default access db: the local host relays; nothing else.
ACCESS = """\
# Relay Wizard lab (RHEL-layout emulation): RHEL's default entries.
# By default we allow relaying from localhost...
Connect:localhost.localdomain\t\tRELAY
Connect:localhost\t\t\tRELAY
Connect:127.0.0.1\t\t\tRELAY
"""
ALIASES = "postmaster:\troot\nmailer-daemon:\tpostmaster\nabuse:\t\troot\n"
LOCAL_HOST_NAMES = "# local-host-names - include all aliases for your machine here.\n"


def _write(path: str, text: str, mode: str = "644") -> str:
    """A shell line that writes ``text`` to ``path`` (quoted: no expansion)."""
    return f"printf '%s' {shlex.quote(text)} > {path}\nchmod {mode} {path}\n"


def layout_script() -> str:
    """The build script of the ``rhel`` image layer (runs as root in a chroot of the stock
    image, hostname mail.lab.test); fails on any error."""
    mc = RHEL_MC.read_text().replace("@@PATH@@", CF_DIR)
    return (
        f"""
set -e
# Debian's own layout goes: its Makefile and helpers, init script, SASL config and link,
# TLS folder, cf path, release file.
rm -f /etc/init.d/sendmail /etc/mail/Makefile /etc/mail/sendmail.conf /etc/mail/databases
rm -f /etc/mail/sendmail.cf.errors /etc/mail/submit.cf.errors /etc/mail/default-auth-info
rm -rf /etc/mail/sasl /etc/mail/tls /etc/mail/m4 /etc/mail/smrsh
rm -f /usr/lib/sasl2/Sendmail.conf /etc/sasldb2 /etc/debian_version /etc/os-release
rm -rf /etc/mail/peers /etc/mail/address.resolve /etc/mail/aliases /etc/mail/*.db
# RHEL's /etc/mail belongs to root (Debian's to smmta:smmsp, which makemap does not
# trust without Debian's TrustedUser)
chown -R root:root /etc/mail; chmod 755 /etc/mail; chmod g-s /etc/mail
# RHEL's queues: the MTA's belongs to root (sendmail refuses a queue owned by a user the
# cf does not trust), the submission client's is smmsp's
chown root:mail /var/spool/mqueue; chmod 0700 /var/spool/mqueue
mkdir -p /var/spool/clientmqueue; chown smmsp:smmsp /var/spool/clientmqueue
chmod 0770 /var/spool/clientmqueue
# RHEL's rsyslog writes the mail log to /var/log/maillog
sed -i 's|/var/log/mail\\.log|/var/log/maillog|' /etc/rsyslog.conf
grep -q /var/log/maillog /etc/rsyslog.conf
mv /usr/share/sendmail/cf {CF_DIR}
mkdir -p /etc/sasl2 /etc/sysconfig /usr/lib/systemd/system /etc/pki/tls/certs \\
  /etc/pki/tls/private /var/log/mail
"""
        + _write("/etc/os-release", OS_RELEASE)
        + _write("/etc/redhat-release", REDHAT_RELEASE)
        + _write("/etc/sasl2/Sendmail.conf", "pwcheck_method:saslauthd\n")
        + _write("/etc/sysconfig/sendmail", SYSCONFIG)
        + _write("/usr/lib/systemd/system/sendmail.service", SENDMAIL_SERVICE)
        + _write("/usr/bin/systemctl", SYSTEMCTL_SHIM, "755")
        + _write("/etc/mail/make", ETC_MAIL_MAKE, "755")
        + _write("/etc/mail/Makefile", MAKEFILE)
        + _write("/etc/mail/sendmail.mc", mc)
        + _write("/etc/mail/access", ACCESS)
        + _write("/etc/aliases", ALIASES)
        + _write("/etc/mail/local-host-names", LOCAL_HOST_NAMES)
        + f"""
# submit.mc: the sendmail distribution's, with cf.m4 included as RHEL's make needs
sed "s|^divert(0)dnl$|divert(0)dnl\\ninclude(\\`{CF_DIR}/m4/cf.m4')dnl|" \\
  {CF_DIR}/cf/submit.mc > /etc/mail/submit.mc
: > /etc/mail/virtusertable; : > /etc/mail/domaintable; : > /etc/mail/mailertable
touch /var/log/mail/statistics
cd /etc/mail
# as the spec's %install does (m4 warns that RHEL's .mc uses the deprecated
# blacklist_recipients with sendmail 8.17's macros, as it does on Fedora)
for cf in sendmail submit; do
  m4 $cf.mc > $cf.cf
  grep -q '^V[0-9]' $cf.cf
done
chmod 644 sendmail.cf submit.cf
SM_FORCE_DBREBUILD=1 /etc/mail/make all
newaliases
# the certificate pair RHEL's %post makes for sendmail
openssl req -new -x509 -newkey rsa:2048 -nodes -days 3650 -sha256 \\
  -subj "/CN=mail.lab.test" -keyout /etc/pki/tls/private/sendmail.key \\
  -out /etc/pki/tls/certs/sendmail.pem 2>/dev/null
chmod 600 /etc/pki/tls/private/sendmail.key; chmod 644 /etc/pki/tls/certs/sendmail.pem
"""
    )
