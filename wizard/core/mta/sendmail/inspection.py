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
from wizard.core.mta.sendmail.dangers import (
    RELAY_OPENING_FEATURES,
    Danger,
    access_dangers,
    mc_dangers,
    relay_domains_dangers,
)
from wizard.core.mta.sendmail.layout import LABELS, Layout, detect, no_sasl_advice
from wizard.core.mta.sendmail.mc import Listener, McFile, effective_daemons, parse_daemon_options
from wizard.core.remote import scripts
from wizard.core.remote.runner import Runner
from wizard.core.remote.sections import b64_strict, run_sections

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

# The inspection: wizard/core/remote/scripts/inspect.sh (what it prints, and why nothing
# another user of the server controls is printed where it matters, is said there).
INSPECT = "inspect"
INSPECT_SCRIPT = scripts.load(INSPECT)

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


_DANGER_LEVEL = {"refuse": Level.PROBLEM, "warning": Level.WARNING, "note": Level.OK}


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
    mc_path: str  # the .mc read from the server; "" if there is none
    cf_path: str
    rebuild: str  # "make -C /etc/mail", "/etc/mail/make", "make -C /etc/mail install", "m4", ""
    cf_dir: str
    layout: str = (
        "unknown"  # "debian", "rhel", "freebsd" or "unknown" (wizard.core.mta.sendmail.layout)
    )
    pid_file: str = ""  # the running daemon's pid file, else the layout's default
    restart: str = ""  # how the host itself restarts sendmail ("" if no way was found)


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
    sasldb_path: str = "/etc/sasldb2"


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
    access_to_relay: list[str] = field(default_factory=list)
    relay_domains: list[str] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    layout: Layout | None = None  # every layout fact (wizard.core.mta.sendmail.layout)

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
            "access_to_relay": self.access_to_relay,
            "relay_domains": self.relay_domains,
            "service_manager": self.service_manager,
            "layout": asdict(self.layout) if self.layout is not None else None,
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
    """Run the inspection script (plus the script named ``extra``, which prints
    ``extra_sections``, with positional ``args``) once, as root, and return every section
    by name.

    Raises:
        WizardError: the script did not run to its end.
        ProtocolError: its output is not exactly the sections asked for.
    """
    return run_sections(
        session,
        scripts.load(INSPECT, extra) if extra else INSPECT_SCRIPT,
        (*INSPECT_SECTIONS, *extra_sections),
        args=args,
        timeout=90,
        cancel=cancel,
    )


def _os_release(text: str) -> dict[str, str]:
    out = {}
    for line in text.splitlines():
        if "=" in line and not line.startswith("@@ "):
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
        if line.startswith("@@ "):
            continue
        m = re.match(r"^(\S+)@(\S+):\s*userPassword", line)
        if m:
            users.append(f"{m.group(1)}@{m.group(2)}")
            realms.add(m.group(2))
    return users, sorted(realms), mode


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
    if mc is not None:
        # what sendmail opens with this file, defaults included (docs/real-world-mc.md)
        listeners = effective_daemons(mc)
    else:
        listeners = [parse_daemon_options(v) for v in cf.get("DaemonPortOptions", [])]
        if not listeners:
            listeners = effective_daemons(McFile.parse(""))

    rebuild_lines = s.get("rebuild", "").split("\n")
    cf_dir = next((ln[6:] for ln in rebuild_lines if ln.startswith("cfdir ")), "")
    lay = detect(osr, s)

    sm = SendmailInfo(
        installed=True,
        version=version,
        sasl=has_sasl,
        starttls=has_tls,
        mc_path=lay.mc_path if mc is not None else "",
        cf_path=CF_PATH,
        rebuild=lay.rebuild,
        cf_dir=cf_dir,
        layout=lay.name,
        pid_file=lay.pid_file,
        restart=lay.restart,
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
        sasldb_path=lay.sasldb_path,
    )
    cert = (cf.get("ServerCertFile") or [""])[0]
    key = (cf.get("ServerKeyFile") or [""])[0]
    tls = TlsInfo(configured=bool(cert and key), offered=offered, cert_file=cert, key_file=key)

    features = mc.features() if mc is not None else []
    relay_features = [f for f in features if f in RELAY_OPENING_FEATURES]
    loopback_relays, access = access_dangers(s.get("access", ""))
    access_relay = [d.subject for d in access if d.id == "access_relay"]
    access_to_relay = [d.subject for d in access if d.id == "access_to_relay"]
    relay_domains = [
        ln.strip()
        for ln in s.get("relay-domains", "").splitlines()
        if ln.strip() and not ln.startswith("#")
    ]
    dangers = [
        *(mc_dangers(mc, sm.mc_path or MC_PATH) if mc is not None else []),
        *access,
        *relay_domains_dangers(s.get("relay-domains", "")),
    ]
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
        service_manager=lay.service_manager,
        layout=lay,
        access_to_relay=access_to_relay,
        relay_domains=relay_domains,
    )
    findings = judge(report, connected=connected, loopback_relays=loopback_relays, dangers=dangers)
    return ServerReport(**{**report.__dict__, "findings": layout_findings(report, findings)})


def layout_findings(r: ServerReport, findings: list[Finding]) -> list[Finding]:
    """``findings`` said for this host's layout, and what the layout itself means.

    The general findings name Debian's paths and packages; here they name the host's own
    (its .mc, the way to get a sendmail with SASL), and one more says how the host keeps
    and restarts sendmail.
    """
    lay = r.layout
    if lay is None:
        return findings
    sm = r.sendmail
    out: list[Finding] = []
    for f in findings:
        if f.id == "sendmail_sasl" and f.level == Level.PROBLEM:
            f = Finding(f.id, f.level, no_sasl_advice(lay.name))
        elif f.id == "mc" and f.level == Level.PROBLEM:
            message = f"There is no {lay.mc_path} to edit."
            if lay.name == "freebsd":
                message = (
                    f"There is no {lay.mc_path} to edit: FreeBSD builds sendmail.cf from "
                    "HOSTNAME.mc. Run make -C /etc/mail once (it copies freebsd.mc to "
                    f"{lay.mc_path.rpartition('/')[2]}), then inspect again."
                )
            f = Finding(f.id, f.level, message)
        out.append(f)
    if lay.name == "unknown":
        out.append(
            Finding(
                "layout",
                Level.WARNING,
                "This system is not laid out like Debian, RHEL or FreeBSD, the layouts Relay "
                f"Wizard knows; it assumes the configuration is {lay.mc_path}.",
            )
        )
    else:
        how = f", rebuilt with {sm.rebuild}" if sm.rebuild else ""
        restart = f"; sendmail is restarted with {sm.restart}" if sm.restart else ""
        message = (
            f"Files are laid out {LABELS[lay.name]}: the configuration is "
            f"{sm.mc_path or lay.mc_path}{how}; the SASL config is "
            f"{r.sasl.config_path or 'missing'}{restart}."
        )
        level = Level.OK
        if lay.name == "freebsd":
            # apply's reload check reads the daemon's sockets from /proc (Linux)
            level = Level.WARNING
            message += (
                " Relay Wizard applies changes on Linux only so far: on FreeBSD its reload "
                "check cannot see sendmail's listeners, so an apply would be rolled back. "
                "Use the plan as a guide and make the change by hand."
            )
        out.append(Finding("layout", level, message))
    return out


def judge(
    r: ServerReport,
    *,
    connected: bool,
    loopback_relays: list[str],
    dangers: Sequence[Danger] = (),
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

    # what lets mail through without a login, or is not a relay server (wizard.core.mta.sendmail.dangers)
    for danger in dangers:
        add(danger.id, _DANGER_LEVEL[danger.level], danger.message)
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
