"""What every client format is made from: the verified server profile and the staff member.

:class:`ClientSettings` holds them and checks every value for its kind
(:meth:`ClientSettings.validated`: host, domain, address, account, port) before any format
writes it; :class:`IncomingServer` is the IMAP or POP3 server the admin enters (Relay
Wizard sets up only the outgoing one). The formats are in
:mod:`wizard.core.exports.client_formats` and :mod:`wizard.core.exports.handout`. Pure.
"""

from __future__ import annotations

import ipaddress
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from wizard.core.errors import Field, UsageError
from wizard.core.local.credentials import msmtp_host
from wizard.core.mta.sendmail.users import split_user_name
from wizard.core.target import (
    shown,
    validate_domain,
    validate_email,
    validate_host,
    validate_port,
)

if TYPE_CHECKING:
    from wizard.core.local.profiles import Security, ServerProfile

IncomingType = Literal["imap", "pop3"]
INCOMING_PORTS: dict[tuple[str, str], int] = {
    ("imap", "tls"): 993,
    ("imap", "starttls"): 143,
    ("imap", "none"): 143,
    ("pop3", "tls"): 995,
    ("pop3", "starttls"): 110,
    ("pop3", "none"): 110,
}
SECURITY_WORDS = {"starttls": "STARTTLS", "tls": "SSL/TLS (implicit)", "none": "none"}
# How each mechanism sends the password: in clear (inside TLS, if any) or as a challenge.
PASSWORD_KIND = {
    "PLAIN": "normal",
    "LOGIN": "normal",
    "CRAM-MD5": "encrypted",
    "DIGEST-MD5": "encrypted",
}
MECHANISM_WORDS = {m: f"{m} ({kind} password)" for m, kind in PASSWORD_KIND.items()}


class MissingIncomingServer(UsageError):
    """Thunderbird and Apple files must name an incoming server, and none was given."""


@dataclass(frozen=True)
class IncomingServer:
    """The IMAP or POP3 server staff read mail from: entered by the admin, not verified."""

    host: str
    port: int = 0  # 0: the usual port for the type and security
    type: IncomingType = "imap"
    security: Security = "tls"

    def validated(self) -> IncomingServer:
        if self.type not in ("imap", "pop3"):
            raise UsageError(
                f"Unknown incoming server type {self.type!r}.",
                "Choose imap or pop3.",
                field=Field.INCOMING,
            )
        if self.security not in ("starttls", "tls", "none"):
            raise UsageError(
                f"Unknown incoming connection security {self.security!r}.",
                "Choose tls, starttls or none.",
                field=Field.INCOMING,
            )
        port = self.port or INCOMING_PORTS[(self.type, self.security)]
        return IncomingServer(
            validate_host(self.host), validate_port(port), self.type, self.security
        )


@dataclass(frozen=True)
class ClientSettings:
    """What every format is made from: the verified profile and the staff member.

    Attributes:
        profile: the saved server (``verified`` once a test send went through).
        user: the SASL account the staff member logs in as.
        email: their address; default ``user@domain``.
        domain: the mail domain; default the server's name without its first label.
        incoming: the IMAP/POP3 server, for Thunderbird and Apple (the admin enters it).
        password: written into the handout only, and only when the admin asks for it.
    """

    profile: ServerProfile
    user: str
    email: str = ""
    domain: str = ""
    incoming: IncomingServer | None = None
    password: str | None = None

    def validated(self) -> ClientSettings:
        """These settings with every value checked for its kind; UsageError otherwise.

        Nothing is stripped: a value with a space or line break around it is refused.
        """
        profile = self.profile.validated()
        user = self.user
        if not isinstance(user, str) or not user:
            raise UsageError(
                "The account name is empty.", "Give the staff member's account.", field=Field.USER
            )
        split_user_name(user)
        domain = self.domain.removesuffix(".").lower()
        if domain:
            validate_domain(domain)
        elif self.domain:  # "." and the like: given, but no domain at all
            raise UsageError(
                f"{shown(self.domain)} is not a valid mail domain.",
                "Give a domain such as example.com.",
                field=Field.DOMAIN,
            )
        email = self.email
        if email:
            validate_email(email)
            domain = domain or email.rpartition("@")[2].lower()
        domain = domain or default_domain(profile.host)
        if not domain:
            raise UsageError(
                f"The server is the address {profile.host}, so there is no mail domain to "
                "make the staff member's address from.",
                "Enter the staff member's e-mail address (or the mail domain, such as "
                "example.com).",
                code="no_mail_domain",
                field=Field.EMAIL,
            )
        validate_domain(domain)
        if not email:
            email = f"{user}@{domain}" if "@" not in user else user
            validate_email(email)
        incoming = self.incoming.validated() if self.incoming is not None else None
        password = self.password or None
        if password is not None and (not isinstance(password, str) or "\0" in password):
            raise UsageError(
                "The password holds a NUL character.", "Check the password.", field=Field.PASSWORD
            )
        return ClientSettings(profile, user, email, domain, incoming, password)

    @property
    def host(self) -> str:
        """The relay's name as clients write it: lower case (the keyring item says so too)."""
        return msmtp_host(self.profile.host)

    def warnings(self) -> tuple[str, ...]:
        if self.profile.verified:
            return ()
        return (
            f"These settings are UNVERIFIED: no test message has gone through "
            f"{self.profile.host} port {self.profile.smtp_port} with {self.profile.mechanism} "
            f"for the saved server {self.profile.name!r}. Send a test message through it "
            "with Relay Wizard first.",
        )


def default_domain(host: str) -> str:
    """The mail domain guessed from the relay's name: ``mail.example.com`` -> ``example.com``.

    "" for an IP address: it names no mail domain.
    """
    if is_ip(host):
        return ""
    labels = host.lower().removesuffix(".").split(".")
    return ".".join(labels[1:]) if len(labels) >= 3 else ".".join(labels)


def is_ip(host: str) -> bool:
    try:
        ipaddress.ip_address(host.strip("[]"))
    except ValueError:
        return False
    return True


def need_incoming(s: ClientSettings, what: str) -> IncomingServer:
    if s.incoming is None:
        raise MissingIncomingServer(
            f"{what} must name an incoming (IMAP or POP3) server, and none was given: "
            "Relay Wizard sets up only the outgoing one.",
            "Enter the incoming server (its name, and imap or pop3, its port and connection "
            "security), or give staff the one-page handout instead.",
            code="no_incoming_server",
            field=Field.INCOMING,
        )
    return s.incoming
