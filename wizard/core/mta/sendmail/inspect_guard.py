"""The inspection's view of being ready for the internet: the certificates on the server and
what protects SMTP AUTH against password guessing (issue 16).

:func:`certificates` turns ``inspect.sh``'s ``server-cert`` and ``certificates`` sections
into :class:`~wizard.core.mta.report.CertificateFound` s (parsed by
:mod:`wizard.core.mail.certs`, the one X.509 parser); :func:`protection` reads the ``guard``
section, the access file's defaults and the .mc's throttles into a
:class:`~wizard.core.mta.report.Protection`. Everything in those sections is untrusted (any
local user can write a line to the mail log with ``logger``): addresses must parse as IPs,
counts as small integers, text goes through :func:`~wizard.core.untrusted.printable`.
Pure; tested on captures of a real server.
"""

from __future__ import annotations

import base64
import binascii
import datetime
import ipaddress
import re
from typing import TYPE_CHECKING

from wizard.core.mail.certs import CertFacts, parse_cert_section, parse_certificate
from wizard.core.mta.report import AuthFailures, CertificateFound, Finding, Level, Protection
from wizard.core.translatable import QT_TRANSLATE_NOOP, joined
from wizard.core.untrusted import printable

if TYPE_CHECKING:
    from wizard.core.mta.sendmail.mc import McFile

MAX_CERTIFICATES = 20
MAX_SOURCES = 5
MAX_JAILS = 30
MAX_COUNT = 10**12
SOURCES = ("certbot", "acme.sh", "dehydrated", "lego")
_ISO = re.compile(r"\d{4}-\d\d-\d\d[T ]\d\d:\d\d:\d\d(?:\.\d+)?(?:[+-]\d\d:?\d\d|Z)?")
_SYSLOG = re.compile(r"[A-Z][a-z]{2} +\d{1,2} \d\d:\d\d:\d\d")
_JAIL = re.compile(r"[A-Za-z0-9_.-]{1,64}")
_VALUE = re.compile(r"\d{1,9}")
MODERN = ("modern",)  # the profile whose change fixes a finding (Finding.fixed_by)


def _b64_text(text: str) -> str | None:
    try:
        return base64.b64decode(text, validate=True).decode("utf-8", "surrogateescape")
    except (binascii.Error, ValueError):
        return None


def _found(
    source: str, facts: CertFacts, key: str, name: str, today: datetime.date, *, in_use: bool
) -> CertificateFound:
    days = (datetime.date.fromisoformat(facts.expires) - today).days
    lineage = ""
    if source == "certbot":
        # /etc/letsencrypt/live/NAME/fullchain.pem
        parts = facts.path.split("/")
        lineage = parts[-2] if len(parts) >= 3 else ""
    return CertificateFound(
        source=source,
        path=facts.path,
        key_path=printable(key)[:200],
        lineage=lineage,
        names=facts.names,
        issuer=facts.issuer,
        self_signed=facts.self_signed,
        expires=facts.expires,
        days_left=days,
        covers=bool(name) and facts.covers(name),
        in_use=in_use,
    )


def certificates(
    server_cert: str, found: str, key_file: str, name: str, today: datetime.date
) -> list[CertificateFound]:
    """The certificate sendmail uses (``server_cert``: the ``server-cert`` section; its key
    is ``key_file``, the built cf's ServerKeyFile) and those other tools keep (``found``:
    lines ``SOURCE PATH KEY PEM``, each of the last three base64), each judged for ``name``
    (the name staff use: sendmail's $j) on ``today``. A tool's certificate sendmail presents
    (the same fingerprint) is in use too."""
    out: list[CertificateFound] = []
    sendmail = parse_cert_section(server_cert)
    in_use_sha = sendmail.sha256 if sendmail is not None and sendmail.in_use else ""
    if sendmail is not None:
        used_key = key_file if sendmail.in_use else ""
        out.append(_found("sendmail", sendmail, used_key, name, today, in_use=sendmail.in_use))
    for line in found.splitlines()[:MAX_CERTIFICATES]:
        parts = line.split(" ")
        if len(parts) != 4 or parts[0] not in SOURCES:
            continue
        path, key, pem = (_b64_text(p) for p in parts[1:])
        if path is None or key is None or pem is None:
            continue
        facts = parse_certificate(pem.encode("utf-8", "surrogateescape"), path)
        if facts is None:
            continue
        in_use = bool(in_use_sha) and facts.sha256 == in_use_sha
        out.append(_found(parts[0], facts, key, name, today, in_use=in_use))
    return out


def _count(text: str) -> int | None:
    text = text.strip()
    if not text.isdigit() or len(text) > 12:
        return None
    return min(int(text), MAX_COUNT)


def _since(text: str) -> str:
    """The date a log line starts with (ISO or classic syslog), or ""."""
    m = _ISO.match(text) or _SYSLOG.match(text)
    return printable(m.group(0)) if m else ""


def _ip(text: str) -> str | None:
    try:
        return str(ipaddress.ip_address(text))
    except ValueError:
        return None


def _failures(lines: list[tuple[str, str]]) -> AuthFailures:
    log, count, since = "", 0, ""
    sources: list[tuple[str, int]] = []
    for key, value in lines:
        if key == "log" and value.startswith("/"):
            log = printable(value)[:200]
        elif key == "failures":
            count = _count(value) or 0
        elif key == "first":
            since = _since(value)
        elif key == "source" and len(sources) < MAX_SOURCES:
            n, _, address = value.partition(" ")
            ip, c = _ip(address.strip()), _count(n)
            if ip is not None and c:
                sources.append((ip, c))
    return AuthFailures(log, count, since, tuple(sources))


def _access_default(access: str, key: str) -> str:
    """The value of ``KEY:`` with no address (the default for every client) in the access
    file's text, "" when it sets none."""
    value = ""
    for line in access.splitlines():
        parts = line.split()
        if len(parts) >= 2 and parts[0] == f"{key}:" and _VALUE.fullmatch(parts[1]):
            value = parts[1]
    return value


def _define(mc: McFile | None, name: str) -> str:
    if mc is None:
        return ""
    value = mc.defines().get(name, "").strip()
    return value if _VALUE.fullmatch(value) else ""


def protection(guard: str, access: str, mc: McFile | None) -> Protection:
    """What protects AUTH today, from the ``guard`` section, the access file's text and the
    .mc (sendmail's own throttles)."""
    lines: list[tuple[str, str]] = []
    for line in guard.splitlines():
        key, _, value = line.partition(" ")
        lines.append((key, value))
    log = next((v for k, v in lines if k == "log"), "")
    fail2ban, certbot, firewalls = "absent", "", []
    watching: dict[str, set[str]] = {}  # running jails: the files each watches
    auth_regex: set[str] = set()
    current = ""
    wizard_jail = False
    for key, value in lines:
        if key == "fail2ban" and value in ("installed", "running"):
            fail2ban = "running" if "running" in (fail2ban, value) else value
        elif key == "certbot":
            certbot = printable(value.removeprefix("certbot ").strip())[:40]
        elif key == "firewall" and value in ("nftables", "iptables"):
            firewalls.append(value)
        elif key == "wizard-jail":
            wizard_jail = True
        elif key == "jail" and _JAIL.fullmatch(value) and len(watching) < MAX_JAILS:
            current = value
            watching[current] = set()
        elif key == "file" and current:
            watching[current].update(value.split())
        elif key == "jail-auth" and value in watching:
            auth_regex.add(value)
    # a jail counts when it watches the mail log with a filter for AUTH failures (or is
    # named for them, as Debian's sendmail-auth: sendmail-reject bans for other reasons)
    jails = tuple(
        name
        for name, files in watching.items()
        if log
        and log in files
        and (name in auth_regex or ("sendmail" in name.lower() and "auth" in name.lower()))
        and fail2ban == "running"
    )
    return Protection(
        fail2ban=fail2ban,
        jails=jails,
        wizard_jail=wizard_jail,
        firewall="nftables" if "nftables" in firewalls else (firewalls[0] if firewalls else ""),
        certbot=certbot,
        client_rate=_access_default(access, "ClientRate"),
        client_conn=_access_default(access, "ClientConn"),
        bad_rcpt_throttle=_define(mc, "confBAD_RCPT_THROTTLE"),
        connection_rate_throttle=_define(mc, "confCONNECTION_RATE_THROTTLE"),
        failures=_failures(lines),
    )


# --------------------------------------------------------------------------- findings

EXPIRY_WARNING_DAYS = 21


def _names(c: CertificateFound) -> str:
    return ", ".join(c.names)


def _certificate_findings(certs: list[CertificateFound], name: str) -> list[Finding]:
    out: list[Finding] = []
    used = next((c for c in certs if c.in_use), None)
    if used is not None:
        detail = QT_TRANSLATE_NOOP(
            "Findings", "Issued by {issuer} for {names}, valid until {expires}; the file is {path}."
        ).format(issuer=used.issuer, names=_names(used), expires=used.expires, path=used.path)
        if used.days_left < 0:
            out.append(
                Finding(
                    "cert_expired",
                    Level.PROBLEM,
                    QT_TRANSLATE_NOOP(
                        "Findings",
                        "The server's certificate expired on {expires}: staff's mail programs "
                        "refuse to send, or warn every time. Renew it.",
                    ).format(expires=used.expires),
                    detail,
                )
            )
        elif used.days_left <= EXPIRY_WARNING_DAYS:
            out.append(
                Finding(
                    "cert_expiring",
                    Level.WARNING,
                    QT_TRANSLATE_NOOP(
                        "Findings",
                        "The server's certificate expires in {days} day(s), on {expires}: "
                        "after that staff's mail programs refuse to send. Renew it before then.",
                    ).format(days=used.days_left, expires=used.expires),
                    detail,
                )
            )
        elif not used.self_signed:
            out.append(
                Finding(
                    "cert_in_use",
                    Level.OK,
                    QT_TRANSLATE_NOOP(
                        "Findings",
                        "The server presents a certificate from {issuer} for {names}, valid "
                        "until {expires}.",
                    ).format(issuer=used.issuer, names=_names(used), expires=used.expires),
                    detail,
                )
            )
        if name and not used.self_signed and not used.covers:
            # a self-signed one is accepted by its fingerprint, name and all
            out.append(
                Finding(
                    "cert_other_name",
                    Level.WARNING,
                    QT_TRANSLATE_NOOP(
                        "Findings",
                        "The server's certificate is for {names}, not for {name}: staff's mail "
                        "programs warn when they connect by that name.",
                    ).format(names=_names(used), name=name),
                    detail,
                )
            )
    others = [c for c in certs if not c.in_use and c.source != "sendmail"]
    ageing = [c for c in others if c.days_left <= EXPIRY_WARNING_DAYS]
    if ageing:
        out.append(
            Finding(
                "certs_expiring",
                Level.WARNING,
                QT_TRANSLATE_NOOP(
                    "Findings",
                    "{count} certificate(s) kept on the server by {tools} expire within "
                    "{limit} days or have expired: their renewal may be failing.",
                ).format(
                    count=len(ageing),
                    tools=", ".join(sorted({c.source for c in ageing})),
                    limit=EXPIRY_WARNING_DAYS,
                ),
                joined(
                    [
                        QT_TRANSLATE_NOOP("Findings", "{names}: valid until {expires}.").format(
                            names=_names(c), expires=c.expires
                        )
                        for c in ageing
                    ]
                ),
            )
        )
    usable = sorted(
        (c for c in others if c.days_left > EXPIRY_WARNING_DAYS and not c.self_signed),
        key=lambda c: (not c.covers, -c.days_left),
    )
    if usable and (used is None or used.self_signed or not used.covers):
        best = usable[0]
        out.append(
            Finding(
                "cert_available",
                Level.OK,
                QT_TRANSLATE_NOOP(
                    "Findings",
                    "The server already has a certificate from {issuer} for {names}, valid "
                    "until {expires}, that sendmail does not use yet.",
                ).format(issuer=best.issuer, names=_names(best), expires=best.expires),
                joined(
                    [
                        QT_TRANSLATE_NOOP(
                            "Findings", "{tool} keeps one for {names} ({path})."
                        ).format(tool=c.source, names=_names(c), path=c.path)
                        for c in usable
                    ]
                ),
            )
        )
    return out


def _limit(value: str) -> str:
    return value or QT_TRANSLATE_NOOP("Findings", "no limit")


def _guard_detail(p: Protection) -> str:
    if p.fail2ban == "absent":
        state = QT_TRANSLATE_NOOP("Findings", "fail2ban is not installed.")
    elif p.fail2ban == "installed":
        state = QT_TRANSLATE_NOOP("Findings", "fail2ban is installed but not running.")
    else:
        state = QT_TRANSLATE_NOOP(
            "Findings", "fail2ban is running, but none of its jails watches the mail log."
        )
    limits = QT_TRANSLATE_NOOP(
        "Findings",
        "sendmail's own limits per address: {rate} new connections a minute, {conn} at once.",
    ).format(rate=_limit(p.client_rate), conn=_limit(p.client_conn))
    return joined([state, limits])


def _failure_sources(f: AuthFailures) -> str:
    return ", ".join(f"{address} ({count})" for address, count in f.top_sources)


def guard_findings(
    certs: list[CertificateFound], p: Protection, name: str, *, auth_reachable: bool
) -> list[Finding]:
    """What the certificates and the protection mean: expiry (a warning 21 days before),
    the name, a certificate ready to use; whether a login reachable from the network is
    guarded against guessing, and the failed logins the mail log shows."""
    out = _certificate_findings(certs, name)
    if p.jails:
        out.append(
            Finding(
                "guess_protected",
                Level.OK,
                QT_TRANSLATE_NOOP(
                    "Findings",
                    "Addresses that keep failing to log in are banned: fail2ban watches the "
                    "mail log ({jails}).",
                ).format(jails=", ".join(p.jails)),
            )
        )
    elif auth_reachable:
        out.append(
            Finding(
                "guess_unprotected",
                Level.WARNING,
                QT_TRANSLATE_NOOP(
                    "Findings",
                    "Anyone who can reach the server may try passwords at its login as often "
                    "as they like: nothing bans an address that keeps failing.",
                ),
                _guard_detail(p),
                MODERN,
            )
        )
    f = p.failures
    if f.count:
        top = f.top_sources[0] if f.top_sources else None
        if top is not None:
            message = QT_TRANSLATE_NOOP(
                "Findings",
                "The mail log shows {count} failed login(s); the most came from {address} ({top}).",
            ).format(count=f.count, address=top[0], top=top[1])
        else:
            message = QT_TRANSLATE_NOOP(
                "Findings", "The mail log shows {count} failed login(s)."
            ).format(count=f.count)
        sources = _failure_sources(f)
        if f.since and sources:
            detail = QT_TRANSLATE_NOOP(
                "Findings", "In {log} since {since}; the addresses that failed most: {sources}."
            ).format(log=f.log_path, since=f.since[:16].replace("T", " "), sources=sources)
        elif sources:
            detail = QT_TRANSLATE_NOOP(
                "Findings", "In {log}; the addresses that failed most: {sources}."
            ).format(log=f.log_path, sources=sources)
        else:
            detail = QT_TRANSLATE_NOOP("Findings", "In {log}.").format(log=f.log_path)
        level = Level.OK if p.jails else Level.WARNING
        out.append(Finding("auth_failures", level, message, detail))
    return out
