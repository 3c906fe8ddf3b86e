"""The inspection's sections turned into a :class:`~wizard.core.mta.report.ServerReport`.

:func:`build_report` parses what ``inspect.sh`` printed (``sendmail -d0.1`` for the build
and the realm, the .mc through the m4 scanner of :mod:`~wizard.core.mta.sendmail.mc`, the
built .cf's options, the listening sockets, an EHLO on 127.0.0.1, the SASL config and
sasldb, the access and relay-domains files) and hands the facts to
:mod:`~wizard.core.mta.sendmail.inspect_judge` for the findings. Pure; tested on real
captures.
"""

from __future__ import annotations

import datetime
import re

from wizard.core.errors import SendmailMissing
from wizard.core.mail.certs import parse_cert_section
from wizard.core.mta.detect import OtherMailServer, which_mta
from wizard.core.mta.report import AuthInfo, SaslInfo, ServerReport, Socket, TlsInfo
from wizard.core.mta.sendmail.dangers import (
    RELAY_OPENING_FEATURES,
    access_dangers,
    mc_dangers,
    relay_domains_dangers,
)
from wizard.core.mta.sendmail.inspect_guard import certificates, guard_findings, protection
from wizard.core.mta.sendmail.inspect_judge import judge, layout_findings
from wizard.core.mta.sendmail.layout import CF_PATH, MC_PATH, SendmailInfo, detect
from wizard.core.mta.sendmail.mc import McFile, effective_daemons, parse_daemon_options
from wizard.core.mta.sendmail.users import parse_class_w
from wizard.core.remote.sections import b64_strict
from wizard.core.target import is_ip

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


def _parse_listening(
    text: str, daemon_sockets: str = "", process: str = "sendmail"
) -> list[Socket]:
    """Listening TCP sockets from ``ss -ltnH`` (or ``netstat -ltn``) output; a socket on a
    port the daemon holds (``daemon_sockets``: its sockets from /proc) is the daemon's
    (``process``: sendmail, or Postfix's master)."""
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
        held = process if port_n in daemon else ""
        if held or port_n in (25, 465, 587):
            sockets.append(Socket(address, port_n, held))
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


def build_report(host: str, s: dict[str, str], today: datetime.date | None = None) -> ServerReport:
    """Turn the script's sections into a report with findings (certificates judged on
    ``today``, by default today in UTC). Pure; tested on data."""
    today = today or datetime.datetime.now(datetime.UTC).date()
    osr = _os_release(s.get("os-release", ""))
    if which_mta(s.get("mta", "")) == "postfix":
        # Postfix's compatibility sendmail is no sendmail: its own driver inspects it
        raise OtherMailServer("postfix")
    d0 = s.get("sendmail-d0", "")
    version, has_sasl, has_tls, realm = _parse_d0(d0)
    if not version:
        other = s.get("other-mta", "").split()
        what = f" It has {other[0]} instead." if other else ""
        raise SendmailMissing(
            f"Neither sendmail nor Postfix is installed on {host}.{what}",
            "Relay Wizard configures sendmail and Postfix. On Debian or Ubuntu: apt install "
            "postfix sasl2-bin libsasl2-modules (or sendmail sendmail-cf sasl2-bin "
            "libsasl2-modules); on RHEL or Fedora: dnf install postfix cyrus-sasl "
            "cyrus-sasl-plain. Then inspect again.",
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
    facts = parse_cert_section(s.get("server-cert", ""))
    tls = TlsInfo(
        configured=bool(cert and key),
        offered=offered,
        cert_file=cert,
        key_file=key,
        cert_names=facts.names if facts else (),
        cert_issuer=facts.issuer if facts else "",
        cert_self_signed=facts.self_signed if facts else False,
        cert_sha256=facts.sha256 if facts else "",
        cert_expires=facts.expires if facts else "",
    )

    # the name staff use, for the certificates' names: sendmail's own ($j)
    name = realm or ("" if is_ip(host) else host)
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
        local_names=parse_class_w(d0),
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
        certificates=certificates(
            s.get("server-cert", ""), s.get("certificates", ""), key, name, today
        ),
        protection=protection(s.get("guard", ""), s.get("access", ""), mc),
    )
    findings = judge(report, connected=connected, loopback_relays=loopback_relays, dangers=dangers)
    # a login other machines reach: a listener off loopback with AUTH, and AUTH set up
    auth_reachable = bool(advertised or configured or trusted) and any(
        lst.reachable and not lst.auth_off for lst in listeners
    )
    findings += guard_findings(
        report.certificates, report.protection, name, auth_reachable=auth_reachable
    )
    return ServerReport(**{**report.__dict__, "findings": layout_findings(report, findings)})
