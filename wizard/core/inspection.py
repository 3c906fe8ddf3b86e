"""Inspecting a live server: what is there, and what it means for an SMTP AUTH relay.

One remote script, run once as root, collects every fact in a single round trip; the
parsing and the judging are pure functions of its output, tested on data.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field
from enum import StrEnum

from wizard.core.errors import SendmailMissing
from wizard.core.mc import RELAY_OPENING_FEATURES, Listener, McFile, parse_daemon_options
from wizard.core.runner import Runner
from wizard.core.sections import b64_strict, run_sections

MC_PATH = "/etc/mail/sendmail.mc"
CF_PATH = "/etc/mail/sendmail.cf"

SASL_PLUGIN_MECHS = {
    "plain": ["PLAIN"],
    "login": ["LOGIN"],
    "crammd5": ["CRAM-MD5"],
    "digestmd5": ["DIGEST-MD5"],
    "scram": ["SCRAM-SHA-1", "SCRAM-SHA-256"],
    "anonymous": ["ANONYMOUS"],
    "ntlm": ["NTLM"],
    "gssapiv2": ["GSSAPI"],
    "otp": ["OTP"],
    "gs2": ["GS2-KRB5"],
}

# The script is a constant: nothing user-supplied goes into it. It runs after
# ``sections.PRELUDE``, which defines ``sec NAME`` (a marker with this run's secret token)
# and closes stdin. It must run under a POSIX sh; bash is used only if present for the
# EHLO over /dev/tcp. Nothing another user of the server controls is printed where it
# matters: the .mc goes as base64, ``ss`` runs without ``-p`` (process names are chosen by
# their owners), and the daemon's sockets are found by inode under /proc.
INSPECT_SCRIPT = r"""
LC_ALL=C; export LC_ALL
PATH=/usr/sbin:/usr/bin:/sbin:/bin:$PATH
sec os-release; cat /etc/os-release 2>/dev/null
sec sendmail-path; command -v sendmail 2>/dev/null; readlink -f "$(command -v sendmail 2>/dev/null)" 2>/dev/null
sec other-mta
for p in postfix exim exim4 opensmtpd smtpd qmail-send; do command -v $p >/dev/null 2>&1 && echo $p; done
sec sendmail-d0
if [ -f /etc/mail/sendmail.cf ] && command -v sendmail >/dev/null 2>&1; then
  sendmail -d0.1 -bt </dev/null 2>&1 | head -60
  echo  # address test mode leaves its "> " prompt without a newline
fi
sec mc-b64; base64 -w0 /etc/mail/sendmail.mc 2>/dev/null; echo
sec cf-options
grep -E '^(C\{TrustAuthMech\}|O (AuthMechanisms|AuthOptions|DaemonPortOptions|ServerCertFile|ServerKeyFile|CACertFile|CACertPath|AuthRealm)=)' /etc/mail/sendmail.cf 2>/dev/null
sec rebuild
[ -f /etc/mail/Makefile ] && echo debian-makefile
[ -x /etc/mail/make ] && echo rhel-make
for d in /usr/share/sendmail/cf /usr/share/sendmail-cf /usr/lib/sendmail-cf /usr/share/sendmail/cf/m4 /usr/share/sendmail-cf/m4; do
  [ -d "$d" ] && echo "cfdir $d"
done
command -v m4 >/dev/null 2>&1 && echo m4
command -v make >/dev/null 2>&1 && echo make
sec service-manager
[ -d /run/systemd/system ] && echo systemd
[ -x /etc/init.d/sendmail ] && echo init-script
sec pidfile; cat /run/sendmail/mta/sendmail.pid /var/run/sendmail.pid 2>/dev/null | head -1
sec listening
if command -v ss >/dev/null 2>&1; then ss -ltnH 2>/dev/null; else netstat -ltn 2>/dev/null; fi
sec sendmail-sockets
# the listening sockets the daemon holds, as the kernel lists them (hex ADDR:PORT)
p=$(head -1 /run/sendmail/mta/sendmail.pid 2>/dev/null || head -1 /var/run/sendmail.pid 2>/dev/null)
case $p in
  ''|*[!0-9]*) ;;
  *) ino=$(for fd in /proc/"$p"/fd/*; do readlink "$fd"; done 2>/dev/null | sed -n 's/^socket:\[\([0-9]*\)\]$/\1/p' | tr '\n' ' ')
     cat /proc/net/tcp /proc/net/tcp6 2>/dev/null | awk -v ino=" $ino " '$4 == "0A" && index(ino, " " $10 " ") { print $2 }' ;;
esac
sec ehlo
if command -v bash >/dev/null 2>&1; then
bash -c '
ehlo() {
  exec 3<>"/dev/tcp/$1/$2" || return 1
  while read -t 10 -r line <&3; do echo "$line"; case "$line" in 220-*) ;; *) break;; esac; done
  printf "EHLO relay-wizard.invalid\r\n" >&3
  while read -t 10 -r line <&3; do echo "$line"; case "$line" in 250-*) ;; *) break;; esac; done
  printf "QUIT\r\n" >&3; exec 3>&-
}
ehlo 127.0.0.1 25 2>/dev/null || echo "@@ no-connect 127.0.0.1 25"
' 2>/dev/null
fi
sec sasl-conf
for f in /etc/sasl2/Sendmail.conf /etc/mail/sasl/Sendmail.conf.2 /usr/lib/sasl2/Sendmail.conf /usr/lib/x86_64-linux-gnu/sasl2/Sendmail.conf /usr/lib64/sasl2/Sendmail.conf /usr/local/lib/sasl2/Sendmail.conf; do
  if [ -f "$f" ]; then echo "@@ path $f"; cat "$f"; break; fi
done
sec sasl-plugins
ls -1 /usr/lib/*/sasl2/ /usr/lib/sasl2/ /usr/lib64/sasl2/ /usr/local/lib/sasl2/ 2>/dev/null | grep -E '^lib.*\.so$'
sec saslauthd; pgrep -x saslauthd >/dev/null 2>&1 && echo running
sec sasldb
if [ -f /etc/sasldb2 ]; then echo "@@ mode $(stat -c '%U:%G %a' /etc/sasldb2)"; sasldblistusers2 2>/dev/null; fi
sec access; cat /etc/mail/access 2>/dev/null
sec relay-domains; cat /etc/mail/relay-domains 2>/dev/null
"""

# The sections INSPECT_SCRIPT prints, each exactly once.
INSPECT_SECTIONS = (
    "os-release",
    "sendmail-path",
    "other-mta",
    "sendmail-d0",
    "mc-b64",
    "cf-options",
    "rebuild",
    "service-manager",
    "pidfile",
    "listening",
    "sendmail-sockets",
    "ehlo",
    "sasl-conf",
    "sasl-plugins",
    "saslauthd",
    "sasldb",
    "access",
    "relay-domains",
)


class Level(StrEnum):
    OK = "ok"
    WARNING = "warning"
    PROBLEM = "problem"


@dataclass(frozen=True)
class Finding:
    """One observation with a level and a sentence a small-office admin understands."""

    id: str
    level: Level
    message: str


@dataclass(frozen=True)
class Socket:
    address: str
    port: int
    process: str


@dataclass(frozen=True)
class SendmailInfo:
    installed: bool
    version: str
    sasl: bool
    starttls: bool
    mc_path: str
    cf_path: str
    rebuild: str  # "make -C /etc/mail", "/etc/mail/make", "m4" or ""
    cf_dir: str


@dataclass(frozen=True)
class AuthInfo:
    advertised: list[str]
    trusted: list[str]
    options: list[str]
    configured_mechanisms: list[str]  # confAUTH_MECHANISMS as built into the .cf


@dataclass(frozen=True)
class SaslInfo:
    config_path: str
    pwcheck_method: str
    auxprop_plugin: str
    mech_list: list[str]
    plugins: list[str]
    users: int
    user_names: list[str]
    realms: list[str]
    sasldb_mode: str
    saslauthd_running: bool


@dataclass(frozen=True)
class TlsInfo:
    configured: bool
    offered: bool
    cert_file: str
    key_file: str


@dataclass(frozen=True)
class ServerReport:
    """Everything inspection learnt about one server."""

    host: str
    os: str
    os_id: str
    os_version: str
    sendmail: SendmailInfo
    realm: str
    listeners: list[Listener]
    listening: list[Socket]
    auth: AuthInfo
    sasl: SaslInfo
    tls: TlsInfo
    relay_features: list[str]
    access_relay: list[str]
    service_manager: str
    findings: list[Finding] = field(default_factory=list)

    def to_json(self) -> dict[str, object]:
        """A JSON-ready dict (the CLI's ``--json``)."""
        return {
            "host": self.host,
            "os": self.os,
            "os_id": self.os_id,
            "os_version": self.os_version,
            "sendmail": asdict(self.sendmail),
            "realm": self.realm,
            "listeners": [lst.to_json() for lst in self.listeners],
            "listening": [asdict(s) for s in self.listening],
            "auth": asdict(self.auth),
            "sasl": asdict(self.sasl),
            "tls": asdict(self.tls),
            "relay_features": self.relay_features,
            "access_relay": self.access_relay,
            "service_manager": self.service_manager,
            "findings": [
                {"id": f.id, "level": str(f.level), "message": f.message} for f in self.findings
            ],
        }


Progress = Callable[[str], None]


def inspect_server(
    session: Runner,
    host: str,
    *,
    progress: Progress | None = None,
    cancel: threading.Event | None = None,
) -> ServerReport:
    """Read the live server over ``session`` and judge what is there.

    Raises:
        SendmailMissing: sendmail is not installed (with what is installed instead, if known).
        WizardError: the inspection script could not run.
    """
    if progress:
        progress("Reading the server's configuration")
    sections = collect(session, cancel=cancel)
    if progress:
        progress("Judging what was found")
    return build_report(host, sections)


def collect(
    session: Runner,
    extra: str = "",
    extra_sections: Sequence[str] = (),
    args: Sequence[str] = (),
    *,
    cancel: threading.Event | None = None,
) -> dict[str, str]:
    """Run the inspection script (plus ``extra``, which prints ``extra_sections``, with
    positional ``args``) once, as root, and return every section by name.

    Raises:
        WizardError: the script did not run to its end.
        ProtocolError: its output is not exactly the sections asked for.
    """
    return run_sections(
        session,
        INSPECT_SCRIPT + extra,
        (*INSPECT_SECTIONS, *extra_sections),
        args=args,
        timeout=90,
        cancel=cancel,
    )


def _os_release(text: str) -> dict[str, str]:
    out = {}
    for line in text.splitlines():
        if "=" in line:
            k, _, v = line.partition("=")
            out[k.strip()] = v.strip().strip('"')
    return out


def _parse_d0(text: str) -> tuple[str, bool, bool, str]:
    version = ""
    m = re.search(r"^Version\s+(\S+)", text, re.M)
    if m:
        version = m.group(1)
    compiled = ""
    m = re.search(r"Compiled with:(.*?)(?:\n\s*\n|={5,})", text, re.S)
    if m:
        compiled = m.group(1)
    flags = set(compiled.split())
    realm = ""
    m = re.search(r"\(canonical domain name\) \$j = (\S+)", text)
    if m:
        realm = m.group(1)
    return version, "SASLv2" in flags or "SASL" in flags, "STARTTLS" in flags, realm


def _parse_cf_options(text: str) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for line in text.splitlines():
        if line.startswith("C{TrustAuthMech}"):
            out.setdefault("TrustAuthMech", []).extend(line[len("C{TrustAuthMech}") :].split())
        elif line.startswith("O ") and "=" in line:
            key, _, value = line[2:].partition("=")
            out.setdefault(key.strip(), []).append(value.strip())
    return out


def _daemon_ports(text: str) -> set[int]:
    """The ports of the kernel's socket lines (``/proc/net/tcp``: hex ``ADDR:PORT``)."""
    ports = set()
    for line in text.split():
        _, sep, port = line.rpartition(":")
        if sep and re.fullmatch(r"[0-9A-Fa-f]{4}", port):
            ports.add(int(port, 16))
    return ports


def _parse_listening(text: str, daemon_sockets: str = "") -> list[Socket]:
    """Listening TCP sockets from ``ss -ltnH`` (or ``netstat -ltn``) output; a socket on a
    port the daemon holds (``daemon_sockets``: its sockets from /proc) is sendmail's."""
    daemon = _daemon_ports(daemon_sockets)
    sockets = []
    for line in text.splitlines():
        parts = line.split()
        local = next((p for p in parts if re.search(r":\d+$", p)), None)
        if local is None or "LISTEN" not in line.upper():
            continue
        address, _, port = local.rpartition(":")
        address = address.strip("[]")
        if address == "*":
            address = "0.0.0.0"
        if not port.isdigit():
            continue
        port_n = int(port)
        process = "sendmail" if port_n in daemon else ""
        if process or port_n in (25, 465, 587):
            sockets.append(Socket(address, port_n, process))
    return sockets


def _parse_ehlo(text: str) -> tuple[bool, list[str], bool]:
    """(connected, AUTH mechanisms, STARTTLS offered) from an EHLO exchange."""
    connected = text.startswith("220") or "\n220" in text
    mechs: list[str] = []
    starttls = False
    for line in text.splitlines():
        line = line.strip()
        if not line.startswith("250"):
            continue
        keyword = line[4:].strip()
        upper = keyword.upper()
        if upper.startswith("AUTH ") or upper.startswith("AUTH="):
            mechs = keyword[5:].split()
        elif upper == "STARTTLS":
            starttls = True
    return connected, mechs, starttls


def _parse_sasl_conf(text: str) -> tuple[str, dict[str, str]]:
    path = ""
    values: dict[str, str] = {}
    for line in text.splitlines():
        if line.startswith("@@ path "):
            path = line[len("@@ path ") :].strip()
            continue
        if ":" in line and not line.lstrip().startswith("#"):
            k, _, v = line.partition(":")
            values[k.strip()] = v.strip()
    return path, values


def _plugins(text: str) -> list[str]:
    mechs: set[str] = set()
    for line in text.split():
        m = re.match(r"lib(\w+)\.so$", line.strip())
        if m and m.group(1) in SASL_PLUGIN_MECHS:
            mechs.update(SASL_PLUGIN_MECHS[m.group(1)])
    return sorted(mechs)


def _parse_sasldb(text: str) -> tuple[list[str], list[str], str]:
    users: list[str] = []
    realms: set[str] = set()
    mode = ""
    for line in text.splitlines():
        if line.startswith("@@ mode "):
            mode = line[len("@@ mode ") :].strip()
            continue
        m = re.match(r"^(\S+)@(\S+):\s*userPassword", line)
        if m:
            users.append(f"{m.group(1)}@{m.group(2)}")
            realms.add(m.group(2))
    return users, sorted(realms), mode


_LOOPBACK_KEYS = re.compile(
    r"^(connect:)?(127(\.\d+){0,3}|localhost|ipv6:::1|ipv6:0:0:0:0:0:0:0:1)$", re.I
)


def _access_relays(text: str) -> tuple[list[str], list[str]]:
    """(loopback RELAY lines, other RELAY lines) from the access db source."""
    loopback: list[str] = []
    others: list[str] = []
    for raw in text.splitlines():
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        parts = line.split(None, 1)
        if len(parts) == 2 and parts[1].strip().upper() == "RELAY":
            key = parts[0]
            if key.lower().startswith(("to:", "from:")):
                continue  # destination/sender RELAY entries are about routing, not clients
            (loopback if _LOOPBACK_KEYS.match(key) else others).append(line)
    return loopback, others


def build_report(host: str, s: dict[str, str]) -> ServerReport:
    """Turn the script's sections into a report with findings. Pure; tested on data."""
    osr = _os_release(s.get("os-release", ""))
    d0 = s.get("sendmail-d0", "")
    version, has_sasl, has_tls, realm = _parse_d0(d0)
    if not version:
        other = s.get("other-mta", "").split()
        what = f" It has {other[0]} instead." if other else ""
        raise SendmailMissing(
            f"sendmail is not installed on {host}.{what}",
            "Relay Wizard configures sendmail only. On Debian or Ubuntu: apt install sendmail "
            "sendmail-cf sasl2-bin libsasl2-modules; on RHEL or Fedora: dnf install sendmail "
            "sendmail-cf cyrus-sasl cyrus-sasl-plain. Then inspect again.",
        )

    mc_text = b64_strict(s.get("mc-b64", ""), "the sendmail.mc").decode("utf-8", "surrogateescape")
    mc = McFile.parse(mc_text) if mc_text.strip() else None
    cf = _parse_cf_options(s.get("cf-options", ""))
    if mc is not None and mc.live("DAEMON_OPTIONS"):
        listeners = mc.listeners()
    else:
        listeners = [parse_daemon_options(v) for v in cf.get("DaemonPortOptions", [])]
        if not listeners:
            listeners = [Listener(name="MTA", port=25, address="")]

    rebuild_lines = s.get("rebuild", "").split("\n")
    cf_dir = next((ln[6:] for ln in rebuild_lines if ln.startswith("cfdir ")), "")
    if "debian-makefile" in rebuild_lines:
        rebuild = "make -C /etc/mail"
    elif "rhel-make" in rebuild_lines:
        rebuild = "/etc/mail/make"
    elif cf_dir and "m4" in rebuild_lines:
        rebuild = "m4"
    else:
        rebuild = ""

    sm = SendmailInfo(
        installed=True,
        version=version,
        sasl=has_sasl,
        starttls=has_tls,
        mc_path=MC_PATH if mc is not None else "",
        cf_path=CF_PATH,
        rebuild=rebuild,
        cf_dir=cf_dir,
    )

    connected, advertised, offered = _parse_ehlo(s.get("ehlo", ""))
    trusted = cf.get("TrustAuthMech", [])
    options = " ".join(cf.get("AuthOptions", [])).replace(",", " ").split()
    configured = " ".join(cf.get("AuthMechanisms", [])).split()

    sasl_path, sasl_values = _parse_sasl_conf(s.get("sasl-conf", ""))
    users, realms, sasldb_mode = _parse_sasldb(s.get("sasldb", ""))
    sasl = SaslInfo(
        config_path=sasl_path,
        pwcheck_method=sasl_values.get("pwcheck_method", ""),
        auxprop_plugin=sasl_values.get("auxprop_plugin", ""),
        mech_list=sasl_values.get("mech_list", "").split(),
        plugins=_plugins(s.get("sasl-plugins", "")),
        users=len(users),
        user_names=users,
        realms=realms,
        sasldb_mode=sasldb_mode,
        saslauthd_running="running" in s.get("saslauthd", ""),
    )
    cert = (cf.get("ServerCertFile") or [""])[0]
    key = (cf.get("ServerKeyFile") or [""])[0]
    tls = TlsInfo(configured=bool(cert and key), offered=offered, cert_file=cert, key_file=key)

    features = mc.features() if mc is not None else []
    relay_features = [f for f in features if f in RELAY_OPENING_FEATURES]
    loopback_relays, access_relay = _access_relays(s.get("access", ""))
    relay_domains = [
        ln.strip()
        for ln in s.get("relay-domains", "").splitlines()
        if ln.strip() and not ln.startswith("#")
    ]
    sm_lines = s.get("service-manager", "").split()
    service_manager = (
        "systemd" if "systemd" in sm_lines else "init-script" if "init-script" in sm_lines else ""
    )

    report = ServerReport(
        host=host,
        os=osr.get("PRETTY_NAME", "unknown"),
        os_id=osr.get("ID", ""),
        os_version=osr.get("VERSION_ID", ""),
        sendmail=sm,
        realm=realm,
        listeners=listeners,
        listening=_parse_listening(s.get("listening", ""), s.get("sendmail-sockets", "")),
        auth=AuthInfo(advertised, trusted, options, configured),
        sasl=sasl,
        tls=tls,
        relay_features=relay_features,
        access_relay=access_relay,
        service_manager=service_manager,
    )
    findings = judge(
        report, connected=connected, loopback_relays=loopback_relays, relay_domains=relay_domains
    )
    return ServerReport(**{**report.__dict__, "findings": findings})


def judge(
    r: ServerReport,
    *,
    connected: bool,
    loopback_relays: list[str],
    relay_domains: list[str],
) -> list[Finding]:
    """The findings: what each fact means for a safe authenticated relay."""
    f: list[Finding] = []

    def add(id_: str, level: Level, message: str) -> None:
        f.append(Finding(id_, level, message))

    sm = r.sendmail
    add("sendmail", Level.OK, f"sendmail {sm.version} is installed on {r.os}.")
    if sm.sasl:
        add("sendmail_sasl", Level.OK, "sendmail was built with SASL, so it can ask for a login.")
    else:
        add(
            "sendmail_sasl",
            Level.PROBLEM,
            "This sendmail was built without SASL support: it cannot ask clients to log in. "
            "Install a sendmail package built with SASLv2.",
        )
    if not sm.starttls:
        add(
            "sendmail_tls",
            Level.WARNING,
            "This sendmail was built without STARTTLS: passwords could only travel unencrypted.",
        )
    if not sm.rebuild:
        add(
            "rebuild",
            Level.PROBLEM,
            "The sendmail m4 macros (sendmail-cf) are missing, so sendmail.cf cannot be rebuilt "
            "from sendmail.mc. Install the sendmail-cf package.",
        )
    if not sm.mc_path:
        add("mc", Level.PROBLEM, "There is no /etc/mail/sendmail.mc to edit.")

    add(
        "realm",
        Level.OK,
        f"sendmail calls itself {r.realm}; mail accounts (SASL users) must live in that realm.",
    )
    foreign = [u for u in r.sasl.user_names if u.rpartition("@")[2] != r.realm]
    if foreign:
        add(
            "sasl_realm_mismatch",
            Level.WARNING,
            f"{len(foreign)} mail account(s) are in another realm than {r.realm} "
            f"({', '.join(foreign[:3])}): they cannot log in. Create them again in {r.realm}.",
        )

    mta = [lst for lst in r.listeners if lst.port == 25]
    reachable = [lst for lst in r.listeners if not lst.loopback_only]
    if not reachable:
        where = ", ".join(f"{lst.address or 'all'} port {lst.port}" for lst in r.listeners)
        add(
            "listeners_loopback",
            Level.WARNING,
            f"The mail server only accepts connections from the server itself ({where}): "
            "staff cannot send through it from other machines yet.",
        )
    else:
        where = ", ".join(f"port {lst.port}" for lst in reachable)
        add(
            "listeners",
            Level.OK,
            f"The mail server accepts connections from the network on {where}.",
        )
    if not mta:
        add("no_mta_listener", Level.WARNING, "No listener is configured on port 25.")
    if not r.listening:
        add(
            "not_listening",
            Level.PROBLEM,
            "sendmail is not listening on any port right now: is it running?",
        )
    if not connected:
        add(
            "ehlo_failed",
            Level.WARNING,
            "Could not talk to sendmail on 127.0.0.1 port 25 to see what it offers.",
        )

    adv, trusted = r.auth.advertised, r.auth.trusted
    if adv and not trusted:
        add(
            "auth_not_trusted",
            Level.WARNING,
            f"The server offers login ({' '.join(adv)}) but does not let logged-in users relay: "
            "TRUST_AUTH_MECH is missing, so a login succeeds and the mail is still refused.",
        )
    elif adv and not set(adv) <= set(trusted):
        missing = sorted(set(adv) - set(trusted))
        add(
            "auth_partly_trusted",
            Level.WARNING,
            f"The server offers {' '.join(missing)} for login but does not trust it for relaying "
            "(TRUST_AUTH_MECH): users who log in that way cannot send.",
        )
    elif adv:
        add("auth_trusted", Level.OK, f"Logged-in users may relay (mechanisms {' '.join(adv)}).")
    elif connected:
        add("auth_not_offered", Level.WARNING, "The server does not offer SMTP AUTH at all.")
    weak = [m for m in adv if m in ("PLAIN", "LOGIN")]
    if weak and "p" not in r.auth.options:
        add(
            "plaintext_without_p",
            Level.WARNING,
            f"{' and '.join(weak)} may be used without encryption (AuthOptions lacks 'p'): "
            "passwords could cross the network in clear.",
        )

    if r.tls.offered:
        add("tls", Level.OK, "STARTTLS is offered: passwords can travel encrypted.")
    elif r.tls.configured:
        add(
            "tls_not_offered",
            Level.PROBLEM,
            "A certificate is configured but STARTTLS is not offered: sendmail probably refuses "
            "the key file (permissions) or cannot read the certificate. Check the mail log.",
        )
    else:
        add(
            "tls_off",
            Level.WARNING,
            "STARTTLS is off: logins and mail would cross the network unencrypted.",
        )

    if r.sasl.pwcheck_method == "saslauthd" and not r.sasl.saslauthd_running:
        add(
            "sasl_saslauthd",
            Level.WARNING,
            f"SASL checks PLAIN and LOGIN passwords with saslauthd ({r.sasl.config_path}), which "
            "is not running; CRAM-MD5 and DIGEST-MD5 use the sasldb instead.",
        )
    if r.sasl.users == 0:
        add("sasl_users", Level.WARNING, "There are no mail accounts (SASL users) yet.")
    else:
        add("sasl_users", Level.OK, f"{r.sasl.users} mail account(s) exist.")
    mode = r.sasl.sasldb_mode.split()
    if len(mode) == 2 and mode[1][-1:] not in ("0", ""):
        add(
            "sasldb_readable",
            Level.PROBLEM,
            f"/etc/sasldb2 is readable by everyone (mode {mode[1]}); it holds passwords in a "
            "recoverable form. Make it root:sasl 0640 or tighter.",
        )

    for feat in r.relay_features:
        level = Level.PROBLEM if feat == "promiscuous_relay" else Level.WARNING
        add(f"feature_{feat}", level, f"FEATURE(`{feat}') {RELAY_OPENING_FEATURES[feat]}.")
    for line in r.access_relay:
        add(
            "access_relay",
            Level.WARNING,
            f"The access database lets a whole network or domain relay without login: '{line}'.",
        )
    for dom in relay_domains:
        add(
            "relay_domains",
            Level.WARNING,
            f"/etc/mail/relay-domains lets '{dom}' relay without login.",
        )
    if loopback_relays:
        add(
            "loopback_relay",
            Level.OK,
            "Programs on the server itself may relay (Debian's default); that is why relaying "
            "must be tested from another machine.",
        )

    if r.service_manager:
        how = "systemctl" if r.service_manager == "systemd" else "its init script"
        add("service", Level.OK, f"sendmail is restarted with {how}.")
    else:
        add(
            "service",
            Level.WARNING,
            "Neither systemd nor /etc/init.d/sendmail was found; restarting sendmail may fail.",
        )
    return f
