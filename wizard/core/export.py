"""Client settings that real mail programs accept, from a verified server profile.

Every format states exactly what the profile recorded when a test message went through
(host, port, connection security, AUTH mechanism, pinned certificate) and nothing more: a
port or mechanism that was not verified is never offered. The formats (field notes 10):

- ``thunderbird``: autoconfig ``config-v1.1.xml``; needs an incoming server.
- ``mobileconfig``: an unsigned Apple profile with a ``com.apple.mail.managed`` payload,
  without the password; needs an incoming server.
- ``msmtp``: an msmtp account without a password line: msmtp finds the password in the
  keyring under ``host`` (lower case), ``service=smtp`` and ``user``, where the wizard
  stores it (:mod:`wizard.core.credentials`).
- ``mutt``: muttrc lines for mutt or neomutt (the password is asked for, or set apart).
- ``handout-html``: one page per staff member; the PDF is rendered from it through Qt
  outside the core (``wizard.render``).
- ``srv``: RFC 6186/8314 DNS SRV records, as zone-file lines.

The functions are pure: a profile and a few answers in, text out.
"""

from __future__ import annotations

import html
import ipaddress
import plistlib
import uuid
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from typing import Literal
from urllib.parse import quote

from wizard.core.credentials import msmtp_host
from wizard.core.errors import UsageError
from wizard.core.profiles import Security, ServerProfile
from wizard.core.target import validate_host, validate_port
from wizard.core.users import split_user_name

Format = Literal["thunderbird", "mobileconfig", "msmtp", "mutt", "handout-html", "srv"]
FORMATS: tuple[str, ...] = (
    "thunderbird",
    "mobileconfig",
    "msmtp",
    "mutt",
    "handout-html",
    "handout-pdf",
    "srv",
)
# handout-pdf is handout-html rendered through Qt, outside the core.
FILE_NAMES = {
    "thunderbird": "config-v1.1.xml",
    "mobileconfig": "{user}.mobileconfig",
    "msmtp": "msmtprc",
    "mutt": "muttrc",
    "handout-html": "{user}-mail-settings.html",
    "handout-pdf": "{user}-mail-settings.pdf",
    "srv": "{domain}-srv.zone",
}
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
MECHANISM_WORDS = {
    "PLAIN": "PLAIN (normal password)",
    "LOGIN": "LOGIN (normal password)",
    "CRAM-MD5": "CRAM-MD5 (encrypted password)",
    "DIGEST-MD5": "DIGEST-MD5 (encrypted password)",
}
_TB_SOCKET = {"starttls": "STARTTLS", "tls": "SSL", "none": "plain"}
_TB_AUTH = {
    "PLAIN": "password-cleartext",
    "LOGIN": "password-cleartext",
    "CRAM-MD5": "password-encrypted",
    "DIGEST-MD5": "password-encrypted",
}
# Apple has no DIGEST-MD5 (EmailAuthHTTPMD5 is HTTP digest, not the SASL mechanism).
_APPLE_AUTH = {
    "PLAIN": "EmailAuthPassword",
    "LOGIN": "EmailAuthPassword",
    "CRAM-MD5": "EmailAuthCRAMMD5",
}
_UUID_NAMESPACE = uuid.UUID("0b5d4c4e-6a0e-4d35-9a37-7d2f7a3c1e90")


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
            raise UsageError(f"Unknown incoming server type {self.type!r}.", "Choose imap or pop3.")
        if self.security not in ("starttls", "tls", "none"):
            raise UsageError(
                f"Unknown incoming connection security {self.security!r}.",
                "Choose tls, starttls or none.",
            )
        port = self.port or INCOMING_PORTS[(self.type, self.security)]
        return IncomingServer(
            validate_host(self.host.strip()), validate_port(port), self.type, self.security
        )


@dataclass(frozen=True)
class Exported:
    """One exported file: its text, a suggested file name, and what the admin must know."""

    format: str
    text: str
    file_name: str
    warnings: tuple[str, ...] = field(default=())


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
        profile = self.profile.validated()
        user = self.user.strip()
        split_user_name(user)
        domain = self.domain.strip().rstrip(".").lower()
        email = self.email.strip()
        if email:
            local, at, email_domain = email.rpartition("@")
            if not at or not local or not email_domain or any(c.isspace() for c in email):
                raise UsageError(
                    f"{email!r} is not a mail address.", "Give it as name@example.com."
                )
            domain = domain or email_domain.lower()
        domain = domain or default_domain(profile.host)
        if not email:
            email = f"{user}@{domain}" if "@" not in user else user
        incoming = self.incoming.validated() if self.incoming is not None else None
        return ClientSettings(profile, user, email, domain, incoming, self.password or None)

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
            f"for the saved server {self.profile.name!r}. Run relay-wizard test-send ... "
            f"--profile {self.profile.name} (or the wizard's Test page) first.",
        )


def default_domain(host: str) -> str:
    """The mail domain guessed from the relay's name: ``mail.example.com`` -> ``example.com``."""
    try:
        ipaddress.ip_address(host.strip("[]"))
        return host.strip("[]")
    except ValueError:
        pass
    labels = host.lower().rstrip(".").split(".")
    return ".".join(labels[1:]) if len(labels) >= 3 else ".".join(labels)


def _is_ip(host: str) -> bool:
    try:
        ipaddress.ip_address(host.strip("[]"))
    except ValueError:
        return False
    return True


def _file_name(fmt: str, s: ClientSettings) -> str:
    safe_user = "".join(c if c.isalnum() or c in "._-" else "-" for c in s.user)
    return FILE_NAMES[fmt].format(user=safe_user, domain=s.domain)


def _unverified_comment(s: ClientSettings, prefix: str) -> str:
    return "".join(f"{prefix} WARNING: {w}\n" for w in s.warnings())


def _need_incoming(s: ClientSettings, what: str) -> IncomingServer:
    if s.incoming is None:
        raise MissingIncomingServer(
            f"{what} must name an incoming (IMAP or POP3) server, and none was given: "
            "Relay Wizard sets up only the outgoing one.",
            "Enter the incoming server (on the command line --incoming-host, with "
            "--incoming-type imap|pop3, --incoming-port and --incoming-security), or give "
            "staff the one-page handout instead (--format handout-html or handout-pdf).",
        )
    return s.incoming


# --------------------------------------------------------------------------- formats


def thunderbird(s: ClientSettings) -> str:
    """Thunderbird autoconfig ``config-v1.1.xml``."""
    incoming = _need_incoming(s, "A Thunderbird autoconfig file")
    p = s.profile
    root = ET.Element("clientConfig", version="1.1")
    provider = ET.SubElement(root, "emailProvider", id=s.domain)
    ET.SubElement(provider, "domain").text = s.domain
    ET.SubElement(provider, "displayName").text = f"Mail at {s.domain}"
    ET.SubElement(provider, "displayShortName").text = s.domain
    server = ET.SubElement(provider, "incomingServer", type=incoming.type)
    ET.SubElement(server, "hostname").text = incoming.host.lower()
    ET.SubElement(server, "port").text = str(incoming.port)
    ET.SubElement(server, "socketType").text = _TB_SOCKET[incoming.security]
    ET.SubElement(server, "authentication").text = "password-cleartext"
    ET.SubElement(server, "username").text = s.user
    server = ET.SubElement(provider, "outgoingServer", type="smtp")
    ET.SubElement(server, "hostname").text = s.host
    ET.SubElement(server, "port").text = str(p.smtp_port)
    ET.SubElement(server, "socketType").text = _TB_SOCKET[p.security]
    ET.SubElement(server, "authentication").text = _TB_AUTH[p.mechanism]
    ET.SubElement(server, "username").text = s.user
    ET.indent(root)
    body = ET.tostring(root, encoding="unicode")
    warning = "".join(f"<!-- WARNING: {html.escape(w)} -->\n" for w in s.warnings())
    return f'<?xml version="1.0" encoding="UTF-8"?>\n{warning}{body}\n'


def mobileconfig(s: ClientSettings) -> str:
    """An unsigned Apple configuration profile (no password in it)."""
    incoming = _need_incoming(s, "An Apple configuration profile")
    p = s.profile
    auth = _APPLE_AUTH.get(p.mechanism)
    if auth is None:
        raise UsageError(
            f"Apple Mail cannot log in with {p.mechanism}, the mechanism that was verified.",
            "Verify the relay with CRAM-MD5 (test-send --mech CRAM-MD5 --profile NAME) if the "
            "server offers it, or give staff the handout instead.",
        )
    ident = f"org.relay-wizard.{s.domain}.{s.user}".replace("@", ".")
    mail = {
        "PayloadType": "com.apple.mail.managed",
        "PayloadVersion": 1,
        "PayloadIdentifier": f"{ident}.mail",
        "PayloadUUID": str(uuid.uuid5(_UUID_NAMESPACE, f"{ident}.mail")).upper(),
        "PayloadDisplayName": f"Mail account {s.email}",
        "EmailAccountDescription": f"Mail at {s.domain}",
        "EmailAddress": s.email,
        "EmailAccountType": "EmailTypeIMAP" if incoming.type == "imap" else "EmailTypePOP",
        "IncomingMailServerHostName": incoming.host.lower(),
        "IncomingMailServerPortNumber": incoming.port,
        "IncomingMailServerUseSSL": incoming.security != "none",
        "IncomingMailServerAuthentication": "EmailAuthPassword",
        "IncomingMailServerUsername": s.user,
        "OutgoingMailServerHostName": s.host,
        "OutgoingMailServerPortNumber": p.smtp_port,
        "OutgoingMailServerUseSSL": p.security != "none",
        "OutgoingMailServerAuthentication": auth,
        "OutgoingMailServerUsername": s.user,
        "OutgoingPasswordSameAsIncomingPassword": False,
    }
    profile = {
        "PayloadContent": [mail],
        "PayloadType": "Configuration",
        "PayloadVersion": 1,
        "PayloadIdentifier": ident,
        "PayloadUUID": str(uuid.uuid5(_UUID_NAMESPACE, ident)).upper(),
        "PayloadDisplayName": f"Mail settings for {s.email}",
        "PayloadDescription": (
            f"Sending through {s.host} port {p.smtp_port} ({SECURITY_WORDS[p.security]}, "
            f"{p.mechanism})." + (" UNVERIFIED settings." if s.warnings() else "")
        ),
        "PayloadOrganization": s.domain,
    }
    return plistlib.dumps(profile, fmt=plistlib.FMT_XML, sort_keys=True).decode("utf-8")


def msmtp(s: ClientSettings) -> str:
    """An msmtp account; the password comes from the keyring (no password line)."""
    p = s.profile
    account = "".join(c if c.isalnum() or c in "._-" else "-" for c in p.name)
    lines = [
        f"# msmtp settings for {s.email}, made by Relay Wizard from the server profile {p.name}.",
        "# No password here: msmtp finds it in your keyring (host, service smtp, user), where",
        "# Relay Wizard saved it (or: secret-tool store --label=msmtp host "
        f"{s.host} service smtp user {s.user}).",
        _unverified_comment(s, "#").rstrip("\n"),
        f"account {account}",
        f"host {s.host}",
        f"port {p.smtp_port}",
        f"from {s.email}",
        f"auth {p.mechanism.lower()}",
        f"user {s.user}",
        f"tls {'off' if p.security == 'none' else 'on'}",
    ]
    if p.security != "none":
        lines.append(f"tls_starttls {'on' if p.security == 'starttls' else 'off'}")
        if p.pinned_cert_sha256:
            lines.append(f"tls_fingerprint {p.pinned_cert_sha256}")
    if account != "default":
        lines.append(f"\naccount default : {account}")
    return "\n".join(line for line in lines if line) + "\n"


def mutt(s: ClientSettings) -> str:
    """muttrc lines for mutt or neomutt."""
    p = s.profile
    host = f"[{s.host}]" if ":" in s.host else s.host
    scheme = "smtps" if p.security == "tls" else "smtp"
    lines = [
        f"# mutt/neomutt settings for {s.email}, made by Relay Wizard from the server "
        f"profile {p.name}.",
        "# mutt asks for the password when it sends (or set smtp_pass in a file only you read).",
    ]
    if p.pinned_cert_sha256:
        lines.append(
            "# The server's certificate is self-signed: mutt asks once whether to accept it. "
            f"Accept it only if its SHA-256 fingerprint is {p.pinned_cert_sha256}."
        )
    lines.append(_unverified_comment(s, "#").rstrip("\n"))
    lines += [
        f'set from="{s.email}"',
        f'set smtp_url="{scheme}://{quote(s.user, safe="")}@{host}:{p.smtp_port}/"',
        f'set smtp_authenticators="{p.mechanism.lower()}"',
        f"set ssl_starttls={'yes' if p.security == 'starttls' else 'no'}",
        f"set ssl_force_tls={'no' if p.security == 'none' else 'yes'}",
    ]
    return "\n".join(line for line in lines if line) + "\n"


def srv(s: ClientSettings) -> str:
    """The SRV record for the verified port, as zone-file lines (RFC 6186, RFC 8314)."""
    p = s.profile
    if _is_ip(s.host):
        raise UsageError(
            f"A DNS SRV record must point at a host name, and the server is the address {s.host}.",
            "Save the server profile under its host name (test-send HOSTNAME ... --profile NAME).",
        )
    service = "_submissions._tcp" if p.security == "tls" else "_submission._tcp"
    lines = [
        f"; SRV record for mail clients of {s.domain} (RFC 6186, RFC 8314), made by Relay "
        f"Wizard from the server profile {p.name}.",
        f"; Only the verified port: {p.smtp_port}, {SECURITY_WORDS[p.security]}.",
        _unverified_comment(s, ";").rstrip("\n"),
        f"{service}.{s.domain}. 3600 IN SRV 0 1 {p.smtp_port} {s.host}.",
    ]
    return "\n".join(line for line in lines if line) + "\n"


def handout_rows(s: ClientSettings) -> list[tuple[str, str]]:
    """(label, value) pairs of the handout, in order."""
    p = s.profile
    rows = [
        ("Email address", s.email),
        ("Outgoing (SMTP) server", s.host),
        ("Port", str(p.smtp_port)),
        ("Security", SECURITY_WORDS[p.security]),
        ("Authentication", MECHANISM_WORDS.get(p.mechanism, p.mechanism)),
        ("User name", s.user),
    ]
    if s.password:
        rows.append(("Password", s.password))
    if p.pinned_cert_sha256:
        rows.append(("Certificate SHA-256 (self-signed)", p.pinned_cert_sha256))
    if s.incoming is not None:
        i = s.incoming
        rows += [
            (f"Incoming ({i.type.upper()}) server", i.host.lower()),
            ("Incoming port", str(i.port)),
            ("Incoming security", SECURITY_WORDS[i.security]),
        ]
    return rows


def handout_text(s: ClientSettings) -> str:
    """The handout as plain text (a preview, the clipboard)."""
    lines = [f"WARNING: {w}" for w in s.warnings()]
    lines += [f"{label}: {value}" for label, value in handout_rows(s)]
    return "\n".join(lines) + "\n"


def handout_html(s: ClientSettings) -> str:
    """One page for one staff member; also the source of the PDF."""
    p = s.profile
    e = html.escape
    rows = "".join(
        f"<tr><th align=left>{e(label)}</th><td><b>{e(value)}</b></td></tr>\n"
        for label, value in handout_rows(s)
    )
    warnings = "".join(
        f'<p style="color:#b00020; font-weight:bold">{e(w)}</p>\n' for w in s.warnings()
    )
    notes = [
        "Use exactly these settings for sending: other ports or login methods were not "
        "tested and may be refused."
    ]
    if p.pinned_cert_sha256:
        notes.append(
            "The server's certificate is self-signed: when your mail program asks, accept it "
            "only if the fingerprint it shows is the one above."
        )
    if not s.password:
        notes.append("Your password is given to you separately.")
    if p.verified_at is not None:
        notes.append(f"Verified by a test message on {p.verified_at:%Y-%m-%d %H:%M} UTC.")
    return (
        "<!doctype html>\n<html><head><meta charset=utf-8>"
        f"<title>Mail settings for {e(s.email)}</title></head>\n<body>\n"
        f"<h1>Mail settings for {e(s.email)}</h1>\n{warnings}"
        f"<table cellpadding=6 border=1 cellspacing=0>\n{rows}</table>\n"
        + "".join(f"<p>{e(n)}</p>\n" for n in notes)
        + "</body></html>\n"
    )


_MAKERS = {
    "thunderbird": thunderbird,
    "mobileconfig": mobileconfig,
    "msmtp": msmtp,
    "mutt": mutt,
    "handout-html": handout_html,
    "srv": srv,
}


def export(fmt: str, settings: ClientSettings) -> Exported:
    """One format (not ``handout-pdf``: render ``handout-html`` for that).

    Raises:
        UsageError: an unknown format or bad input; :class:`MissingIncomingServer` when
            Thunderbird or Apple is asked for without an incoming server.
    """
    maker = _MAKERS.get(fmt)
    if maker is None:
        raise UsageError(f"Unknown export format {fmt!r}.", f"Choose {', '.join(sorted(_MAKERS))}.")
    s = settings.validated()
    return Exported(fmt, maker(s), _file_name(fmt, s), s.warnings())


def file_name(fmt: str, settings: ClientSettings) -> str:
    """The suggested file name of ``fmt`` (also ``handout-pdf``)."""
    return _file_name(fmt, settings.validated())
