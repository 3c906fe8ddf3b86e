"""The mail identity every export uses: the mail domain, and the name staff give the server.

Derived from what inspection learnt (sendmail's canonical name ``$j``, its class ``w``: the
names it takes mail for; Postfix's ``myhostname`` and ``mydestination``; and the
certificate's names), never from the address the wizard
happened to reach the server by: a server reached by its IP address is exported by its name.
The name staff must use is one of the certificate's names when a certificate authority
issued it (their mail program checks the certificate against the name). A self-signed
certificate is trusted by its fingerprint, not its names, and Debian's carries the host
name of the day sendmail was installed: then the name the server calls itself comes first,
the certificate's names after it. Pure.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from wizard.core.errors import Field, UsageError, WizardError
from wizard.core.target import is_ip, shown, validate_domain
from wizard.core.translatable import QT_TRANSLATE_NOOP

if TYPE_CHECKING:
    from collections.abc import Iterable

    from wizard.core.mta.report import ServerReport


@dataclass(frozen=True)
class Identity:
    """Candidates, best first; the first of each is what the exports use by default."""

    mail_domains: tuple[str, ...] = ()
    server_names: tuple[str, ...] = ()

    @property
    def mail_domain(self) -> str:
        return self.mail_domains[0] if self.mail_domains else ""

    @property
    def server_name(self) -> str:
        return self.server_names[0] if self.server_names else ""


def _dns_name(value: str) -> str:
    """``value`` as a lower-case DNS name with at least two labels, or ""."""
    name = value.strip().lower().removesuffix(".")
    if not name or "." not in name or name.startswith("*") or is_ip(name):
        return ""
    try:
        return validate_domain(name)
    except WizardError:
        return ""


def parent_domain(name: str) -> str:
    """``mail.example.com`` -> ``example.com``; a two-label name is its own domain."""
    labels = name.split(".")
    return ".".join(labels[1:]) if len(labels) >= 3 else name


def _unique(names: Iterable[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(n for n in names if n))


def identity(
    host: str,
    realm: str = "",
    local_names: Iterable[str] = (),
    cert_names: Iterable[str] = (),
    self_signed: bool = False,
) -> Identity:
    """The candidates for the mail domain and the server's name.

    Args:
        host: the name or address the wizard reached the server by.
        realm: the server's own name: sendmail's ``$j``, Postfix's ``myhostname``.
        local_names: the names it takes mail for: sendmail's class ``w``, Postfix's
            ``mydestination``.
        cert_names: the DNS names of the certificate the server presents.
        self_signed: the certificate is its own issuer (trusted by fingerprint only).
    """
    reached = _dns_name(host)
    canonical = _dns_name(realm)
    certs = _unique(_dns_name(n) for n in cert_names)
    if certs and not self_signed:
        # the certificate decides; the one the admin used, then $j, first among them
        servers = _unique(n for n in (reached, canonical, *certs) if n in certs)
    elif certs:
        servers = _unique((reached, canonical, *certs))
    else:
        servers = _unique((reached, canonical))
    local = _unique(_dns_name(n) for n in local_names)
    hosts = set(servers) | {canonical}
    # A local name that $j (or the server's name) lies under is the office's domain
    # (example.com for mail.example.com); then the name's and $j's parents; then any other
    # name sendmail takes mail for, that is not itself one of the server's names.
    under = [n for n in local if any(h.endswith("." + n) for h in hosts)]
    domains = _unique(
        (
            *under,
            *(parent_domain(h) for h in (*servers, canonical) if h),
            *(n for n in local if n not in hosts),
        )
    )
    return Identity(domains, servers)


# $name, ${name} or $(name): a "$" then the name, bare or in braces or parentheses
_PARAM = re.compile(r"[$](?:[{]([A-Za-z0-9_]+)[}]|[(]([A-Za-z0-9_]+)[)]|([A-Za-z0-9_]+))")


def postfix_value(value: str, params: dict[str, str], depth: int = 0) -> str:
    """A Postfix setting's value with ``$name``, ``${name}`` and ``$(name)`` replaced by
    the values in ``params`` (as ``postconf -x`` would; unknown names become "")."""

    def one(m: re.Match[str]) -> str:
        name = m.group(1) or m.group(2) or m.group(3)
        return postfix_value(params.get(name, ""), params, depth + 1) if depth < 10 else ""

    return _PARAM.sub(one, value)


def postfix_names(params: dict[str, str]) -> tuple[str, list[str]]:
    """Postfix's own name (``myhostname``) and the names it takes mail for
    (``mydestination``: lookup tables and file names left out), from its settings."""
    local = [
        n
        for n in re.split(r"[\s,]+", postfix_value(params.get("mydestination", ""), params))
        if n and not n.startswith("/") and ":" not in n
    ]
    return postfix_value(params.get("myhostname", ""), params), local


def report_identity(host: str, report: ServerReport | None) -> Identity:
    """:func:`identity` from an inspection report (none: from the name reached alone).
    On Postfix the server's own name is ``myhostname`` (the SASL realm may be
    ``smtpd_sasl_local_domain``, a domain rather than the server) and the names it takes
    mail for are ``mydestination``'s."""
    if report is None:
        return identity(host)
    tls = report.tls
    name, local = report.realm, report.local_names
    if report.postfix is not None:
        name, mine = postfix_names(report.postfix.effective)
        local = local or mine
    return identity(host, name, local, tls.cert_names, tls.cert_self_signed)


def validate_server_name(name: str) -> str:
    """The name staff give the server: a DNS name, never an IP address. UsageError."""
    value = name.removesuffix(".").lower()
    if not value or is_ip(value):
        raise UsageError(
            "Staff need the server's name, not its address: the certificate and their mail "
            "program go by the name."
            if value
            else "The server's name is empty.",
            QT_TRANSLATE_NOOP(
                "Errors", "Enter the name staff use for the mail server, such as mail.example.com."
            ),
            code="server_name_needed",
            field=Field.SERVER_NAME,
        )
    try:
        return validate_domain(value, "server name")
    except WizardError:
        raise UsageError(
            QT_TRANSLATE_NOOP("Errors", "{name} is not a valid server name.").format(
                name=shown(name)
            ),
            QT_TRANSLATE_NOOP(
                "Errors",
                "Enter a name such as mail.example.com: letters, digits, dots and hyphens.",
            ),
            field=Field.SERVER_NAME,
        ) from None


def validate_mail_domain(domain: str) -> str:
    """The mail domain (the part after @ in staff's addresses). UsageError."""
    value = domain.removesuffix(".").lower()
    try:
        if not value or is_ip(value):
            raise WizardError("")
        return validate_domain(value)
    except WizardError:
        raise UsageError(
            f"{shown(domain)} is not a valid mail domain."
            if domain
            else "The mail domain is empty.",
            QT_TRANSLATE_NOOP(
                "Errors", "Enter the domain of staff's addresses, such as example.com."
            ),
            code="mail_domain_needed",
            field=Field.DOMAIN,
        ) from None
