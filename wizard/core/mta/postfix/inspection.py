"""Inspecting a Postfix server: one remote script, ``postfix-inspect.sh``, reads every fact
from Postfix's own tools in one round trip (:func:`collect`); :func:`build_report` turns its
sections into a :class:`~wizard.core.mta.report.ServerReport` whose ``mta`` is "postfix"
and whose ``postfix`` holds Postfix's own facts. Pure functions of the script's output,
tested on data.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable, Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

from wizard.core.mail.certs import parse_cert_section
from wizard.core.mta.postfix.inspect_judge import judge
from wizard.core.mta.postfix.listeners import (
    expand,
    is_yes,
    listeners,
    login_may_relay,
    setting,
    smtpd_services,
    words,
)
from wizard.core.mta.report import (
    AuthInfo,
    MasterService,
    PostfixInfo,
    SaslInfo,
    ServerReport,
    TlsInfo,
)
from wizard.core.mta.sendmail.inspect_guard import certificates
from wizard.core.mta.sendmail.inspect_parse import (
    _parse_ehlo,
    _parse_listening,
    _parse_sasl_conf,
    _plugins,
)
from wizard.core.mta.sendmail.layout import SendmailInfo
from wizard.core.remote import scripts
from wizard.core.remote.sections import b64_strict, run_sections

if TYPE_CHECKING:
    import threading

    from wizard.core.remote.runner import Runner

INSPECT = "postfix-inspect"
INSPECT_SCRIPT = scripts.load(INSPECT)
INSPECT_SECTIONS = (
    "os-release",
    "postfix-version",
    "postconf-n",
    "postconf",
    "postconf-x",
    "postconf-M",
    "postconf-a",
    "main-cf-b64",
    "master-cf-b64",
    "master-pid",
    "listening",
    "master-sockets",
    "ehlo",
    "sasl-conf",
    "sasl-plugins",
    "saslauthd",
    "sasldb",
    "dovecot",
    "server-cert",
    "mail-log",
)
# The settings whose values in force the script prints (its `postconf` section).
PARAMS = [
    "mail_version",
    "config_directory",
    "queue_directory",
    "myhostname",
    "mydomain",
    "myorigin",
    "mydestination",
    "mynetworks",
    "mynetworks_style",
    "inet_interfaces",
    "inet_protocols",
    "relay_domains",
    "relayhost",
    "smtpd_relay_restrictions",
    "smtpd_recipient_restrictions",
    "smtpd_client_restrictions",
    "smtpd_sender_restrictions",
    "smtpd_sasl_auth_enable",
    "smtpd_sasl_type",
    "smtpd_sasl_path",
    "smtpd_sasl_local_domain",
    "smtpd_sasl_security_options",
    "smtpd_sasl_tls_security_options",
    "smtpd_sasl_authenticated_header",
    "smtpd_tls_auth_only",
    "smtpd_tls_security_level",
    "smtpd_tls_cert_file",
    "smtpd_tls_key_file",
    "smtpd_tls_chain_files",
    "smtpd_tls_CAfile",
    "smtpd_tls_CApath",
    "smtpd_tls_wrappermode",
    "smtpd_use_tls",
    "smtpd_enforce_tls",
    "broken_sasl_auth_clients",
    "cyrus_sasl_config_path",
    "compatibility_level",
    "maillog_file",
    "smtpd_soft_error_limit",
    "smtpd_error_sleep_time",
]

Progress = Callable[[str], None]
_PARAM = re.compile(r"^([A-Za-z0-9_]+) = ?(.*)$")
_USER = re.compile(r"^(\S+)@(\S+):\s*userPassword")
SASLDB = "/etc/sasldb2"
# what Postfix's own sendmail stands in for: the sendmail part of a Postfix report
NO_SENDMAIL = SendmailInfo(
    installed=False, version="", sasl=False, starttls=False, mc_path="", cf_path="",
    rebuild="", cf_dir="", layout="unknown",
)  # fmt: skip


def collect(
    session: Runner,
    extra: str = "",
    extra_sections: Sequence[str] = (),
    args: Sequence[str] = (),
    *,
    cancel: threading.Event | None = None,
) -> dict[str, str]:
    """Run the Postfix inspection (plus the script ``extra`` printing ``extra_sections``,
    with positional ``args``) once, as root; every section by name."""
    return run_sections(
        session,
        scripts.load(INSPECT, extra) if extra else INSPECT_SCRIPT,
        (*INSPECT_SECTIONS, *extra_sections),
        args=args,
        timeout=90,
        cancel=cancel,
    )


def inspect_postfix(
    session: Runner,
    host: str,
    *,
    progress: Progress | None = None,
    cancel: threading.Event | None = None,
) -> ServerReport:
    """Read the live Postfix server over ``session`` and judge what is there."""
    if progress:
        progress("Reading the server's configuration")
    return build_report(host, collect(session, cancel=cancel))


def parse_params(text: str) -> dict[str, str]:
    """``postconf`` output (``name = value`` lines) as a dict."""
    out: dict[str, str] = {}
    for line in text.splitlines():
        m = _PARAM.match(line.strip())
        if m:
            out[m.group(1)] = m.group(2).strip()
    return out


def parse_services(text: str) -> tuple[MasterService, ...]:
    """``postconf -M`` output (one service per line, ``-o`` options inline)."""
    out = []
    for line in text.splitlines():
        fields = line.split()
        if len(fields) < 8:
            continue
        name, kind, private, unpriv, chroot, wakeup, maxproc, *command = fields
        options: dict[str, str] = {}
        rest: list[str] = []
        i = 0
        while i < len(command):
            if command[i] == "-o" and i + 1 < len(command) and command[i + 1].startswith("{"):
                # -o { name = value with spaces } (Postfix 3.0+)
                end = next(
                    (j for j in range(i + 1, len(command)) if command[j].endswith("}")),
                    len(command) - 1,
                )
                text = " ".join(command[i + 1 : end + 1]).strip("{} ")
                k, _, v = text.partition("=")
                options[k.strip()] = v.strip()
                i = end + 1
                continue
            if command[i] == "-o" and i + 1 < len(command) and "=" in command[i + 1]:
                k, _, v = command[i + 1].partition("=")
                options[k] = v
                i += 2
                continue
            rest.append(command[i])
            i += 1
        out.append(
            MasterService(
                name, kind, private, unpriv, chroot, wakeup, maxproc, " ".join(rest), options
            )
        )
    return tuple(out)


def _b64(text: str, what: str) -> str:
    return b64_strict(text.strip(), what).decode("utf-8", "surrogateescape")


def _os_release(text: str) -> dict[str, str]:
    out = {}
    for line in text.splitlines():
        if "=" in line and not line.startswith("@@ "):
            k, _, v = line.partition("=")
            out[k.strip()] = v.strip().strip('"')
    return out


def parse_sasldb(text: str) -> dict[str, tuple[str, str, list[str]]]:
    """The ``sasldb`` section: for each database, ("OWNER:GROUP MODE", sha256, users)."""
    out: dict[str, tuple[str, str, list[str]]] = {}
    current = ""
    for line in text.splitlines():
        if line.startswith("@@ db "):
            parts = line.split()
            if len(parts) == 6:
                current = parts[2]
                out[current] = (f"{parts[3]} {parts[4]}", parts[5], [])
            continue
        m = _USER.match(line)
        if m and current:
            out[current][2].append(f"{m.group(1)}@{m.group(2)}")
    return out


def postfix_info(s: dict[str, str]) -> PostfixInfo:
    """Postfix's own facts from the sections."""
    eff = parse_params(s.get("postconf", ""))
    expanded = parse_params(s.get("postconf-x", ""))
    services = parse_services(s.get("postconf-M", ""))
    version = s.get("postfix-version", "").strip()
    smtpd = next((v for v in services if v.name == "smtp" and v.kind == "inet"), None)
    # master.cf's "-" chroot means yes before Postfix 3.0 and no since
    default_chroot = "y" if version[:1].isdigit() and int(version.split(".")[0]) < 3 else "n"
    local = expanded.get("smtpd_sasl_local_domain", eff.get("smtpd_sasl_local_domain", ""))
    conf_path, _ = _parse_sasl_conf(s.get("sasl-conf", ""))
    return PostfixInfo(
        version=version,
        config_dir=eff.get("config_directory", "/etc/postfix"),
        running=bool(s.get("master-pid", "").strip()),
        set=parse_params(s.get("postconf-n", "")),
        effective=eff,
        expanded=expanded,
        services=services,
        sasl_types=tuple(s.get("postconf-a", "").split()),
        chroot=smtpd is not None
        and (smtpd.chroot if smtpd.chroot != "-" else default_chroot) == "y",
        queue_directory=eff.get("queue_directory", "/var/spool/postfix"),
        sasl_type=expanded.get("smtpd_sasl_type", eff.get("smtpd_sasl_type", "cyrus")),
        sasl_path=expanded.get("smtpd_sasl_path", eff.get("smtpd_sasl_path", "smtpd")),
        cyrus_conf=conf_path,
        dovecot_socket=any(ln.startswith("socket ") for ln in s.get("dovecot", "").splitlines()),
        realm=local or expanded.get("myhostname", eff.get("myhostname", "")),
        realm_source="smtpd_sasl_local_domain" if local else "myhostname",
    )


def _sasl(info: PostfixInfo, s: dict[str, str]) -> tuple[SaslInfo, str]:
    """The Cyrus SASL facts, from the sasldb smtpd reads (its chroot copy when chrooted),
    and that copy against /etc/sasldb2: "same", "differs", "missing" ("" unchrooted)."""
    path, values = _parse_sasl_conf(s.get("sasl-conf", ""))
    dbs = parse_sasldb(s.get("sasldb", ""))
    main = dbs.get(SASLDB)
    copy_path = f"{info.queue_directory}/etc/sasldb2"
    copy = dbs.get(copy_path)
    read_path = copy_path if info.chroot else SASLDB
    read = copy if info.chroot else main
    if not info.chroot:
        state = ""
    elif copy is None:
        state = "missing" if main is not None else ""
    else:
        state = "same" if main is not None and main[1] == copy[1] else "differs"
    if read is None and main is not None:
        read_path, read = SASLDB, main
    users = read[2] if read else []
    sasl = SaslInfo(
        config_path=path,
        pwcheck_method=values.get("pwcheck_method", ""),
        auxprop_plugin=values.get("auxprop_plugin", ""),
        mech_list=values.get("mech_list", "").split(),
        plugins=_plugins(s.get("sasl-plugins", "")),
        users=len(users),
        user_names=users,
        realms=sorted({u.rpartition("@")[2] for u in users}),
        sasldb_mode=read[0] if read else "",
        saslauthd_running="running" in s.get("saslauthd", ""),
        sasldb_path=read_path,
    )
    return sasl, state


def _auth(info: PostfixInfo, sasl: SaslInfo, ehlo: str) -> tuple[bool, AuthInfo, bool]:
    """(connected, AUTH as offered and trusted, STARTTLS offered) from the EHLO and the
    settings. With smtpd_tls_auth_only, the EHLO before STARTTLS shows no AUTH: then the
    mechanisms SASL is set up for are what a client sees after it."""
    connected, advertised, offered = _parse_ehlo(ehlo)
    auth_on = is_yes(setting(info, "smtpd_sasl_auth_enable"))
    after_tls = is_yes(setting(info, "smtpd_tls_auth_only"))
    if not advertised and connected and offered and auth_on and after_tls:
        advertised = sasl.mech_list or [m for m in sasl.plugins if m != "ANONYMOUS"]
    # trusted: a service with AUTH on lets those who log in relay (its own lists)
    with_auth = [
        s for s in smtpd_services(info) if is_yes(setting(info, "smtpd_sasl_auth_enable", s))
    ]
    may_relay = any(login_may_relay(info, s) for s in with_auth) if with_auth else False
    trusted = list(advertised) if may_relay else []
    return connected, AuthInfo(advertised, trusted, [], list(sasl.mech_list)), offered


def build_report(host: str, s: dict[str, str], today: datetime.date | None = None) -> ServerReport:
    """The report of a Postfix server: the facts and the findings (its certificate judged
    on ``today``, by default today in UTC). Pure."""
    today = today or datetime.datetime.now(datetime.UTC).date()
    osr = _os_release(s.get("os-release", ""))
    info = postfix_info(s)
    eff = info.effective
    sasl, sasldb_copy = _sasl(info, s)
    connected, auth, offered = _auth(info, sasl, s.get("ehlo", ""))
    facts = parse_cert_section(s.get("server-cert", ""))
    tls = TlsInfo(
        configured=bool(eff.get("smtpd_tls_cert_file") or eff.get("smtpd_tls_chain_files")),
        offered=offered,
        cert_file=eff.get("smtpd_tls_cert_file", ""),
        key_file=eff.get("smtpd_tls_key_file", ""),
        cert_names=facts.names if facts else (),
        cert_issuer=facts.issuer if facts else "",
        cert_self_signed=facts.self_signed if facts else False,
        cert_sha256=facts.sha256 if facts else "",
        cert_expires=facts.expires if facts else "",
    )
    report = ServerReport(
        host=host,
        os=osr.get("PRETTY_NAME", "unknown"),
        os_id=osr.get("ID", ""),
        os_version=osr.get("VERSION_ID", ""),
        sendmail=NO_SENDMAIL,
        realm=info.realm,
        listeners=listeners(info),
        listening=_parse_listening(
            s.get("listening", ""), s.get("master-sockets", ""), process="postfix"
        ),
        auth=auth,
        sasl=sasl,
        tls=tls,
        relay_features=[],
        access_relay=[],
        service_manager="",
        relay_domains=words(setting(info, "relay_domains")),
        local_names=words(expand(info.effective.get("mydestination", ""), info)),
        mta="postfix",
        postfix=info,
        # the certificate Postfix presents, judged as sendmail's is (for the name staff
        # use: myhostname); other tools' certificates are not looked for on Postfix yet
        certificates=[
            replace(c, source="postfix")
            for c in certificates(
                s.get("server-cert", ""), "", tls.key_file, eff.get("myhostname", ""), today
            )
        ],
    )
    findings = judge(report, connected=connected, sasldb_copy=sasldb_copy)
    return ServerReport(**{**report.__dict__, "findings": findings})
