"""Inspecting a Postfix server: one remote script, ``postfix-inspect.sh``, reads every fact
from Postfix's own tools in one round trip (:func:`collect`); :func:`build_report` turns its
sections into a :class:`~wizard.core.mta.report.ServerReport` whose ``mta`` is "postfix"
and whose ``postfix`` holds Postfix's own facts. Pure functions of the script's output,
tested on data.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from wizard.core.mail.certs import parse_cert_section
from wizard.core.mta.report import (
    AuthInfo,
    MasterService,
    PostfixInfo,
    SaslInfo,
    ServerReport,
    TlsInfo,
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
]

Progress = Callable[[str], None]
_PARAM = re.compile(r"^([A-Za-z0-9_]+) = ?(.*)$")
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
        words = line.split()
        if len(words) < 8:
            continue
        name, kind, private, unpriv, chroot, wakeup, maxproc, *command = words
        options: dict[str, str] = {}
        rest: list[str] = []
        i = 0
        while i < len(command):
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


def postfix_info(s: dict[str, str]) -> PostfixInfo:
    """Postfix's own facts from the sections."""
    eff = parse_params(s.get("postconf", ""))
    services = parse_services(s.get("postconf-M", ""))
    smtpd = next((v for v in services if v.name == "smtp" and v.kind == "inet"), None)
    local = eff.get("smtpd_sasl_local_domain", "")
    return PostfixInfo(
        version=s.get("postfix-version", "").strip(),
        config_dir=eff.get("config_directory", "/etc/postfix"),
        running=bool(s.get("master-pid", "").strip()),
        set=parse_params(s.get("postconf-n", "")),
        effective=eff,
        services=services,
        sasl_types=tuple(s.get("postconf-a", "").split()),
        chroot=smtpd is not None and smtpd.chroot in ("y", "-"),
        queue_directory=eff.get("queue_directory", "/var/spool/postfix"),
        sasl_type=eff.get("smtpd_sasl_type", "cyrus"),
        sasl_path=eff.get("smtpd_sasl_path", "smtpd"),
        dovecot_socket=any(ln.startswith("socket ") for ln in s.get("dovecot", "").splitlines()),
        realm=local or eff.get("myhostname", ""),
        realm_source="smtpd_sasl_local_domain" if local else "myhostname",
    )


def build_report(host: str, s: dict[str, str]) -> ServerReport:
    """The report of a Postfix server: a first version with the facts; the findings and
    the listeners are judged by the inspection's next layers. Pure."""
    osr = _os_release(s.get("os-release", ""))
    info = postfix_info(s)
    eff = info.effective
    facts = parse_cert_section(s.get("server-cert", ""))
    tls = TlsInfo(
        configured=bool(eff.get("smtpd_tls_cert_file")),
        offered=False,
        cert_file=eff.get("smtpd_tls_cert_file", ""),
        key_file=eff.get("smtpd_tls_key_file", ""),
        cert_names=facts.names if facts else (),
        cert_issuer=facts.issuer if facts else "",
        cert_self_signed=facts.self_signed if facts else False,
        cert_sha256=facts.sha256 if facts else "",
        cert_expires=facts.expires if facts else "",
    )
    return ServerReport(
        host=host,
        os=osr.get("PRETTY_NAME", "unknown"),
        os_id=osr.get("ID", ""),
        os_version=osr.get("VERSION_ID", ""),
        sendmail=NO_SENDMAIL,
        realm=info.realm,
        listeners=[],
        listening=[],
        auth=AuthInfo([], [], [], []),
        sasl=SaslInfo("", "", "", [], [], 0, [], [], "", False),
        tls=tls,
        relay_features=[],
        access_relay=[],
        service_manager="",
        mta="postfix",
        postfix=info,
    )
