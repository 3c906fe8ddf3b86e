"""Client settings that real mail programs accept, from a verified server profile.

Every format states exactly what the profile recorded when a test message went through
(host, port, connection security, AUTH mechanism, pinned certificate) and nothing more: a
port or mechanism that was not verified is never offered. The formats (field notes 10):

- ``thunderbird``: autoconfig ``config-v1.1.xml``; needs an incoming server.
- ``mobileconfig``: an unsigned Apple profile with a ``com.apple.mail.managed`` payload,
  without the password; needs an incoming server.
- ``msmtp``: an msmtp account without a password line: msmtp finds the password in the
  keyring under ``host`` (lower case), ``service=smtp`` and ``user``, where the wizard
  stores it (:mod:`wizard.core.local.credentials`).
- ``mutt``: muttrc lines for mutt or neomutt (the password is asked for, or set apart).
- ``handout-html``: one page per staff member; the PDF is rendered from it through Qt
  outside the core (``wizard.render``).
- ``srv``: RFC 6186/8314 DNS SRV records, as zone-file lines.

The functions are pure: a profile and a few answers in, text out. Every value is
validated for its kind first (:meth:`ClientSettings.validated`: host, domain, address,
account, port), and each writer also quotes it the way its format needs (the stdlib's XML
and plist writers, ``html.escape``, msmtp's double quotes, mutt's single quotes, which
expand nothing), refusing what its format cannot carry: nothing typed or saved can add a
line or a command to a file (docs/security.md).

:func:`write_file` saves an export: a file that holds a password is created private (0600)
whatever the umask and whatever mode an old file had.
"""

from __future__ import annotations

import html
import ipaddress
import os
import plistlib
import re
import stat
import uuid
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from typing import Literal
from urllib.parse import quote

from wizard.core.errors import UsageError
from wizard.core.local.credentials import msmtp_host
from wizard.core.local.files import replace_private
from wizard.core.local.profiles import Security, ServerProfile
from wizard.core.mta.sendmail.users import split_user_name
from wizard.core.target import (
    shown,
    validate_domain,
    validate_email,
    validate_host,
    validate_port,
)
from wizard.core.untrusted import has_unsafe, printable

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
            validate_host(self.host), validate_port(port), self.type, self.security
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
        """These settings with every value checked for its kind; UsageError otherwise.

        Nothing is stripped: a value with a space or line break around it is refused.
        """
        profile = self.profile.validated()
        user = self.user
        if not isinstance(user, str) or not user:
            raise UsageError("The account name is empty.", "Give the staff member's account.")
        split_user_name(user)
        domain = self.domain.removesuffix(".").lower()
        if domain:
            validate_domain(domain)
        elif self.domain:  # "." and the like: given, but no domain at all
            raise UsageError(
                f"{shown(self.domain)} is not a valid mail domain.",
                "Give a domain such as example.com.",
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
                "Enter the e-mail address (on the command line --email name@example.com, or "
                "--domain example.com).",
            )
        validate_domain(domain)
        if not email:
            email = f"{user}@{domain}" if "@" not in user else user
            validate_email(email)
        incoming = self.incoming.validated() if self.incoming is not None else None
        password = self.password or None
        if password is not None and (not isinstance(password, str) or "\0" in password):
            raise UsageError("The password holds a NUL character.", "Check the password.")
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
            f"for the saved server {self.profile.name!r}. Run relay-wizard test-send ... "
            f"--profile {self.profile.name} (or the wizard's Test page) first.",
        )


def default_domain(host: str) -> str:
    """The mail domain guessed from the relay's name: ``mail.example.com`` -> ``example.com``.

    "" for an IP address: it names no mail domain.
    """
    if _is_ip(host):
        return ""
    labels = host.lower().removesuffix(".").split(".")
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


def _comment(text: str, prefix: str) -> str:
    """A one-line comment: whatever ``text`` holds, it cannot start a new line."""
    return f"{prefix} {printable(text)}"


def _unverified_comment(s: ClientSettings, prefix: str) -> str:
    return "".join(_comment(f"WARNING: {w}", prefix) + "\n" for w in s.warnings())


def _xml_comment(text: str) -> str:
    """An XML comment: escaped control characters, and no "--" (not allowed inside one)."""
    body = re.sub(r"-(?=-)", "- ", printable(text)).removesuffix("-")
    return f"<!-- {body} -->"


def _refuse_unsafe(value: str, what: str, fmt: str) -> None:
    if has_unsafe(value):
        raise UsageError(
            f"The {what} {shown(value)} holds a line break or control character, which "
            f"the {fmt} file cannot carry.",
            "Correct the value.",
        )


def msmtp_value(value: str, what: str = "value") -> str:
    """``value`` as an msmtp argument: bare, or in double quotes when it holds a space.

    msmtp takes the rest of the line as the argument and strips enclosing double quotes;
    it has no reliable escape inside them (Debian's 1.8.23 keeps backslashes as they are),
    so a double quote or backslash is refused, as is a line break (which would start a new
    command, e.g. ``passwordeval``) or any control character.
    """
    _refuse_unsafe(value, what, "msmtp")
    if not value or '"' in value or "\\" in value:
        raise UsageError(
            f"The {what} {shown(value)} is empty or holds a double quote or backslash, which "
            "an msmtp file cannot carry safely.",
            "Correct the value.",
        )
    return f'"{value}"' if any(c.isspace() for c in value) else value


def mutt_value(value: str, what: str = "value") -> str:
    """``value`` as a muttrc argument, in single quotes: mutt expands neither backticks nor
    variables inside them, and has no escape there, so a single quote is refused (and a
    line break or control character)."""
    _refuse_unsafe(value, what, "mutt")
    if "'" in value:
        raise UsageError(
            f"The {what} {shown(value)} holds a single quote, which a muttrc value cannot "
            "carry safely.",
            "Correct the value.",
        )
    return f"'{value}'"


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
    warning = "".join(_xml_comment(f"WARNING: {w}") + "\n" for w in s.warnings())
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
        _comment(
            f"msmtp settings for {s.email}, made by Relay Wizard from the server profile {p.name}.",
            "#",
        ),
        "# No password here: msmtp finds it in your keyring (host, service smtp, user), where",
        _comment(
            "Relay Wizard saved it (or: secret-tool store --label=msmtp host "
            f"{s.host} service smtp user {s.user}).",
            "#",
        ),
        _unverified_comment(s, "#").rstrip("\n"),
        f"account {msmtp_value(account, 'account name')}",
        f"host {msmtp_value(s.host, 'host')}",
        f"port {p.smtp_port:d}",
        f"from {msmtp_value(s.email, 'address')}",
        f"auth {msmtp_value(p.mechanism.lower(), 'mechanism')}",
        f"user {msmtp_value(s.user, 'account')}",
        f"tls {'off' if p.security == 'none' else 'on'}",
    ]
    if p.security != "none":
        lines.append(f"tls_starttls {'on' if p.security == 'starttls' else 'off'}")
        if p.pinned_cert_sha256:
            lines.append(
                f"tls_fingerprint {msmtp_value(p.pinned_cert_sha256, 'certificate fingerprint')}"
            )
    if account != "default":
        lines.append(f"\naccount default : {msmtp_value(account, 'account name')}")
    return "\n".join(line for line in lines if line) + "\n"


def mutt(s: ClientSettings) -> str:
    """muttrc lines for mutt or neomutt: every value in single quotes (taken literally)."""
    p = s.profile
    host = f"[{s.host}]" if ":" in s.host else s.host
    scheme = "smtps" if p.security == "tls" else "smtp"
    url = f"{scheme}://{quote(s.user, safe='')}@{host}:{p.smtp_port:d}/"
    lines = [
        _comment(
            f"mutt/neomutt settings for {s.email}, made by Relay Wizard from the server "
            f"profile {p.name}.",
            "#",
        ),
        "# mutt asks for the password when it sends (or set smtp_pass in a file only you read).",
    ]
    if p.pinned_cert_sha256:
        lines.append(
            _comment(
                "The server's certificate is self-signed: mutt asks once whether to accept "
                f"it. Accept it only if its SHA-256 fingerprint is {p.pinned_cert_sha256}.",
                "#",
            )
        )
    lines.append(_unverified_comment(s, "#").rstrip("\n"))
    lines += [
        f"set from={mutt_value(s.email, 'address')}",
        f"set smtp_url={mutt_value(url, 'server URL')}",
        f"set smtp_authenticators={mutt_value(p.mechanism.lower(), 'mechanism')}",
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
    # Both names were validated as DNS names (validate_domain, validate_host): letters,
    # digits, dots and hyphens; checked again here, as nothing else may reach the record.
    validate_domain(s.domain)
    validate_domain(s.host.removesuffix("."), "host name")
    service = "_submissions._tcp" if p.security == "tls" else "_submission._tcp"
    lines = [
        _comment(
            f"SRV record for mail clients of {s.domain} (RFC 6186, RFC 8314), made by Relay "
            f"Wizard from the server profile {p.name}.",
            ";",
        ),
        f"; Only the verified port: {p.smtp_port:d}, {SECURITY_WORDS[p.security]}.",
        _unverified_comment(s, ";").rstrip("\n"),
        f"{service}.{s.domain}. 3600 IN SRV 0 1 {p.smtp_port:d} {s.host.removesuffix('.')}.",
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


# --------------------------------------------------------------------------- files


def holds_secret(fmt: str, settings: ClientSettings) -> bool:
    """Does ``fmt`` made from ``settings`` hold a password (the handout, when asked)?"""
    return fmt.startswith("handout") and bool(settings.password)


def write_file(path: str | os.PathLike[str], data: bytes, *, fmt: str, secret: bool) -> None:
    """Save one export; UsageError (nothing changed) when it cannot be written.

    - ``secret`` (a handout with a password): :func:`write_private`, 0600 from the start.
    - msmtp and mutt refuse a config others can read: created 0600 (an existing file is
      made 0600 before it is written).
    - the rest: an ordinary file (0644 less the umask).
    """
    if secret:
        write_private(path, data)
        return
    private = fmt in ("msmtp", "mutt")
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600 if private else 0o644)
        with os.fdopen(fd, "wb") as handle:
            if private:
                os.fchmod(handle.fileno(), 0o600)
            handle.write(data)
    except OSError as exc:
        raise UsageError(
            f"Cannot write {shown(os.fspath(path), 200)}: {exc.strerror}.",
            "Choose a place you can write to.",
        ) from None


def write_private(path: str | os.PathLike[str], data: bytes) -> None:
    """Write ``data`` (it holds a secret) so that only its owner can ever read it.

    The data goes into a new file in the same folder, created 0600 (``mkstemp``, and
    ``fchmod`` for a umask that took even the owner's bits), flushed to disk, then renamed
    over ``path``. So the secret is never in a file others can read, whatever the umask,
    and an old file of another mode is replaced by a 0600 one, not written through (which
    another user who had it open could read). ``path`` must be a new or ordinary file: a
    symbolic link, folder or device is refused. UsageError, nothing changed, on failure.
    """
    target = os.fspath(path)
    name = shown(target, 200)
    try:
        info = os.lstat(target)
    except FileNotFoundError:
        info = None
    except OSError as exc:
        raise UsageError(f"Cannot write {name}: {exc.strerror}.") from None
    if info is not None and not stat.S_ISREG(info.st_mode):
        raise UsageError(
            f"{name} is not an ordinary file (it is a link, a folder or a device), so the "
            "file with the password was not written there.",
            "Give the path of a new or ordinary file.",
        )
    try:
        replace_private(target, data)
    except OSError as exc:
        raise UsageError(
            f"Cannot write {name}: {exc.strerror}.", "Choose a place you can write to."
        ) from None
