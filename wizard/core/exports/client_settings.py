"""What every client format is made from: the verified server profile and the staff member.

:class:`ClientSettings` holds them and checks every value for its kind
(:meth:`ClientSettings.validated`: host, domain, address, account, port) before any format
writes it; :class:`IncomingServer` is the IMAP or POP3 server the admin enters (Relay
Wizard sets up only the outgoing one). The formats are in
:mod:`wizard.core.exports.client_formats` and :mod:`wizard.core.exports.handout`. Pure.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from wizard.core.errors import Field, UsageError
from wizard.core.exports.identity import parent_domain, validate_mail_domain, validate_server_name
from wizard.core.local.credentials import msmtp_host
from wizard.core.mta.sendmail.users import split_user_name
from wizard.core.target import (
    is_ip,
    shown,
    validate_email,
    validate_host,
    validate_port,
)
from wizard.core.translatable import QT_TRANSLATE_NOOP, Translatable
from wizard.core.untrusted import has_unsafe

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
SECURITY_WORDS = {
    "starttls": "STARTTLS",
    "tls": QT_TRANSLATE_NOOP("Handout", "SSL/TLS (implicit)"),
    "none": QT_TRANSLATE_NOOP("Handout", "none"),
}
# How each mechanism sends the password: in clear (inside TLS, if any) or as a challenge.
PASSWORD_KIND = {
    "PLAIN": "normal",
    "LOGIN": "normal",
    "CRAM-MD5": "encrypted",
    "DIGEST-MD5": "encrypted",
}
_FINGERPRINT = re.compile(r"[0-9A-Fa-f]{2}(:?[0-9A-Fa-f]{2}){31}")
_PASSWORD_WORDS = {
    "normal": QT_TRANSLATE_NOOP("Handout", "{mechanism} (normal password)"),
    "encrypted": QT_TRANSLATE_NOOP("Handout", "{mechanism} (encrypted password)"),
}
MECHANISM_WORDS = {
    m: _PASSWORD_WORDS[kind].format(mechanism=m) for m, kind in PASSWORD_KIND.items()
}


# What staff do with a self-signed certificate's fingerprint, per mail program: one
# sentence each, the fingerprint put in for {fp}.
SELF_SIGNED = QT_TRANSLATE_NOOP(
    "Handout",
    "The mail server's certificate is self-signed: your mail program cannot check it on "
    "its own and will warn you once. Accept it only if the fingerprint (SHA-256) it shows "
    "is exactly {fp}.",
)
CERT_STEPS: tuple[tuple[str, Translatable], ...] = (  # (mail program, what to do)
    (
        "Thunderbird",
        QT_TRANSLATE_NOOP(
            "Handout",
            "When Thunderbird first sends, it offers to add a security exception: choose View, "
            "compare the SHA-256 fingerprint with {fp}, then Confirm Security Exception.",
        ),
    ),
    (
        QT_TRANSLATE_NOOP("Handout", "Apple Mail (Mac, iPhone, iPad)"),
        QT_TRANSLATE_NOOP(
            "Handout",
            "When it says it cannot verify the server's identity, choose Show Certificate (or "
            "Details), compare the SHA-256 fingerprint with {fp}, then Trust.",
        ),
    ),
    (
        "Outlook",
        QT_TRANSLATE_NOOP(
            "Handout",
            "When Outlook shows the security alert, choose View Certificate, compare the "
            "fingerprint under Details with {fp}, then Yes to go on.",
        ),
    ),
    (
        "msmtp",
        QT_TRANSLATE_NOOP(
            "Handout",
            "The settings file holds the fingerprint (tls_fingerprint): msmtp then trusts exactly "
            "this certificate and nothing needs to be accepted.",
        ),
    ),
    (
        "mutt / neomutt",
        QT_TRANSLATE_NOOP(
            "Handout",
            "mutt asks once whether to accept the certificate: compare its SHA-256 fingerprint "
            "with {fp}, then accept always.",
        ),
    ),
)


def cert_steps(fingerprint: str) -> list[tuple[str, Translatable]]:
    """(mail program, what to do) for a self-signed certificate of ``fingerprint``."""
    return [(who, steps.format(fp=fingerprint)) for who, steps in CERT_STEPS]


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
                QT_TRANSLATE_NOOP("Errors", "Unknown incoming server type {type}.").format(
                    type=repr(self.type)
                ),
                QT_TRANSLATE_NOOP("Errors", "Choose imap or pop3."),
                field=Field.INCOMING,
            )
        if self.security not in ("starttls", "tls", "none"):
            raise UsageError(
                QT_TRANSLATE_NOOP(
                    "Errors", "Unknown incoming connection security {security}."
                ).format(security=repr(self.security)),
                QT_TRANSLATE_NOOP("Errors", "Choose tls, starttls or none."),
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
        server: the name staff give the server (``wizard.core.exports.identity``); default
            the name it was saved by, which must then be a name, not an address.
        fingerprint: the SHA-256 of a self-signed certificate staff must compare; default
            the one the profile pinned.
    """

    profile: ServerProfile
    user: str
    email: str = ""
    domain: str = ""
    incoming: IncomingServer | None = None
    password: str | None = None
    server: str = ""
    fingerprint: str = ""
    display_name: str = ""

    def validated(self) -> ClientSettings:
        """These settings with every value checked for its kind; UsageError otherwise.

        Nothing is stripped: a value with a space or line break around it is refused. The
        server is always a name: a server saved by its address needs ``server``.
        """
        profile = self.profile.validated()
        user = self.user
        if not isinstance(user, str) or not user:
            raise UsageError(
                QT_TRANSLATE_NOOP("Errors", "The account name is empty."),
                QT_TRANSLATE_NOOP("Errors", "Give the staff member's account."),
                field=Field.USER,
            )
        split_user_name(user)
        server = self.server or ("" if is_ip(profile.host) else profile.host)
        if not server:
            raise UsageError(
                QT_TRANSLATE_NOOP(
                    "Errors",
                    "The server was reached by its address {host}, and staff need its name: "
                    "their mail program and the certificate go by the name.",
                ).format(host=profile.host),
                QT_TRANSLATE_NOOP(
                    "Errors",
                    "Enter the name staff use for the mail server, such as mail.example.com.",
                ),
                code="server_name_needed",
                field=Field.SERVER_NAME,
            )
        server = validate_server_name(server)
        domain = self.domain.removesuffix(".").lower()
        if domain:
            validate_mail_domain(domain)
        elif self.domain:  # "." and the like: given, but no domain at all
            raise UsageError(
                QT_TRANSLATE_NOOP("Errors", "{domain} is not a valid mail domain.").format(
                    domain=shown(self.domain)
                ),
                QT_TRANSLATE_NOOP("Errors", "Give a domain such as example.com."),
                field=Field.DOMAIN,
            )
        email = self.email
        if email:
            validate_email(email)  # an address ending in an IP address is refused
            domain = domain or email.rpartition("@")[2].lower()
        domain = domain or default_domain(server)
        validate_mail_domain(domain)
        if not email:
            email = f"{user}@{domain}" if "@" not in user else user
            validate_email(email)
        incoming = self.incoming.validated() if self.incoming is not None else None
        password = self.password or None
        if password is not None and (not isinstance(password, str) or "\0" in password):
            raise UsageError(
                QT_TRANSLATE_NOOP("Errors", "The password holds a NUL character."),
                QT_TRANSLATE_NOOP("Errors", "Check the password."),
                field=Field.PASSWORD,
            )
        fingerprint = self.fingerprint or profile.pinned_cert_sha256 or ""
        if profile.security == "none":
            fingerprint = ""  # no TLS: there is no certificate for staff to compare
        if fingerprint and not _FINGERPRINT.fullmatch(fingerprint):
            raise UsageError(
                QT_TRANSLATE_NOOP(
                    "Errors", "{fingerprint} is not a certificate fingerprint."
                ).format(fingerprint=shown(fingerprint)),
                QT_TRANSLATE_NOOP(
                    "Errors",
                    "Connect to the server again so that the wizard reads its certificate.",
                ),
                field=Field.PIN_CERT,
            )
        display = self.display_name
        if has_unsafe(display) or len(display) > 100 or any(c in display for c in "\"'\\<>"):
            raise UsageError(
                QT_TRANSLATE_NOOP(
                    "Errors",
                    "The name shown, {display}, holds a control character, a quote, a "
                    "backslash or an angle bracket, or is longer than 100 characters.",
                ).format(display=shown(display)),
                QT_TRANSLATE_NOOP(
                    "Errors", "Write the name with letters, spaces, dots and hyphens."
                ),
                field=Field.STAFF,
            )
        return ClientSettings(
            profile, user, email, domain, incoming, password, server, fingerprint, display
        )

    @property
    def host(self) -> str:
        """The relay's name as clients write it: lower case (the keyring item says so too)."""
        return msmtp_host(self.server or self.profile.host)

    def warnings(self) -> tuple[str, ...]:
        if self.profile.verified:
            return ()
        return (
            QT_TRANSLATE_NOOP(
                "Handout",
                "These settings are UNVERIFIED: no test message has gone through {host} port "
                "{port} with {mechanism} yet. Whoever looks after the mail server should send a "
                "test message with Relay Wizard before these settings are handed out.",
            ).format(host=self.host, port=self.profile.smtp_port, mechanism=self.profile.mechanism),
        )


def default_domain(host: str) -> str:
    """The mail domain guessed from the relay's name: ``mail.example.com`` -> ``example.com``.

    "" for an IP address: it names no mail domain.
    """
    return "" if is_ip(host) else parent_domain(host.lower().removesuffix("."))


def need_incoming(s: ClientSettings, what: str) -> IncomingServer:
    if s.incoming is None:
        raise MissingIncomingServer(
            QT_TRANSLATE_NOOP(
                "Errors",
                "{what} must name an incoming (IMAP or POP3) server, and none was given: "
                "Relay Wizard sets up only the outgoing one.",
            ).format(what=what),
            QT_TRANSLATE_NOOP(
                "Errors",
                "Enter the incoming server (its name, and imap or pop3, its port and "
                "connection security), or give staff the one-page handout instead.",
            ),
            code="no_incoming_server",
            field=Field.INCOMING,
        )
    return s.incoming
