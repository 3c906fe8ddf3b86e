"""The client formats real mail programs accept, each from validated :class:`ClientSettings`.

- ``thunderbird``: autoconfig ``config-v1.1.xml``; needs an incoming server.
- ``mobileconfig``: an unsigned Apple profile with a ``com.apple.mail.managed`` payload,
  without the password; needs an incoming server.
- ``msmtp``: an msmtp account without a password line: msmtp finds the password in the
  keyring under ``host`` (lower case), ``service=smtp`` and ``user``, where the wizard
  stores it (:mod:`wizard.core.local.credentials`).
- ``mutt``: muttrc lines for mutt or neomutt (the password is asked for, or set apart).
- ``srv``: RFC 6186/8314 DNS SRV records, as zone-file lines.

Each writer quotes every value the way its format needs (the stdlib's XML and plist
writers, msmtp's double quotes, mutt's single quotes, which expand nothing) and refuses
what its format cannot carry: nothing typed or saved can add a line or a command to a
file (docs/security.md). The handout is :mod:`wizard.core.exports.handout`. Pure.
"""

from __future__ import annotations

import plistlib
import re
import uuid
import xml.etree.ElementTree as ET
from urllib.parse import quote

from wizard.core.errors import Field, UsageError
from wizard.core.exports.client_settings import (
    PASSWORD_KIND,
    SECURITY_WORDS,
    ClientSettings,
    cert_steps,
    need_incoming,
)
from wizard.core.target import is_ip, shown, validate_domain
from wizard.core.translatable import QT_TRANSLATE_NOOP
from wizard.core.untrusted import has_unsafe, printable

_TB_SOCKET = {"starttls": "STARTTLS", "tls": "SSL", "none": "plain"}
_TB_AUTH = {"normal": "password-cleartext", "encrypted": "password-encrypted"}
# Apple has no DIGEST-MD5 (EmailAuthHTTPMD5 is HTTP digest, not the SASL mechanism).
_APPLE_AUTH = {
    "PLAIN": "EmailAuthPassword",
    "LOGIN": "EmailAuthPassword",
    "CRAM-MD5": "EmailAuthCRAMMD5",
}
_UUID_NAMESPACE = uuid.UUID("0b5d4c4e-6a0e-4d35-9a37-7d2f7a3c1e90")


def _comment(text: str, prefix: str) -> str:
    """A one-line comment: whatever ``text`` holds, it cannot start a new line."""
    return f"{prefix} {printable(text)}"


def _unverified_comment(s: ClientSettings, prefix: str) -> str:
    return "".join(_comment(f"WARNING: {w}", prefix) + "\n" for w in s.warnings())


def _label(s: ClientSettings) -> str:
    """The saved server's name in a file: its server name when it was saved by address."""
    return s.host if is_ip(s.profile.name) else s.profile.name


def cert_note(s: ClientSettings, program: str) -> str:
    """What ``program``'s user does with a self-signed certificate; "" when there is none."""
    if not s.fingerprint:
        return ""
    steps = dict(cert_steps(s.fingerprint))[program]
    return f"The server's certificate is self-signed. {steps}"


# What a value is, named in the message that refuses it.
_ACCOUNT_NAME = QT_TRANSLATE_NOOP("Errors", "account name")
_HOST = QT_TRANSLATE_NOOP("Errors", "host")
_ADDRESS = QT_TRANSLATE_NOOP("Errors", "address")
_MECHANISM = QT_TRANSLATE_NOOP("Errors", "mechanism")
_ACCOUNT = QT_TRANSLATE_NOOP("Errors", "account")
_FINGERPRINT = QT_TRANSLATE_NOOP("Errors", "certificate fingerprint")
_NAME = QT_TRANSLATE_NOOP("Errors", "name")
_SERVER_URL = QT_TRANSLATE_NOOP("Errors", "server URL")


def _xml_comment(text: str) -> str:
    """An XML comment: escaped control characters, and no "--" (not allowed inside one)."""
    body = re.sub(r"-(?=-)", "- ", printable(text)).removesuffix("-")
    return f"<!-- {body} -->"


def _refuse_unsafe(value: str, what: str, fmt: str) -> None:
    if has_unsafe(value):
        raise UsageError(
            QT_TRANSLATE_NOOP(
                "Errors",
                "The value {value} ({what}) holds a line break or control character, which the "
                "{fmt} file cannot carry.",
            ).format(what=what, value=shown(value), fmt=fmt),
            QT_TRANSLATE_NOOP("Errors", "Correct the value."),
        )


def msmtp_value(value: str, what: str = "") -> str:
    """``value`` as an msmtp argument: bare, or in double quotes when it holds a space.

    msmtp takes the rest of the line as the argument and strips enclosing double quotes;
    it has no reliable escape inside them (Debian's 1.8.23 keeps backslashes as they are),
    so a double quote or backslash is refused, as is a line break (which would start a new
    command, e.g. ``passwordeval``) or any control character.
    """
    _refuse_unsafe(value, what, "msmtp")
    if not value or '"' in value or "\\" in value:
        raise UsageError(
            QT_TRANSLATE_NOOP(
                "Errors",
                "The value {value} ({what}) is empty or holds a double quote or backslash, which "
                "an msmtp file cannot carry safely.",
            ).format(what=what, value=shown(value)),
            QT_TRANSLATE_NOOP("Errors", "Correct the value."),
        )
    return f'"{value}"' if any(c.isspace() for c in value) else value


def mutt_value(value: str, what: str = "") -> str:
    """``value`` as a muttrc argument, in single quotes: mutt expands neither backticks nor
    variables inside them, and has no escape there, so a single quote is refused (and a
    line break or control character)."""
    _refuse_unsafe(value, what, "mutt")
    if "'" in value:
        raise UsageError(
            QT_TRANSLATE_NOOP(
                "Errors",
                "The value {value} ({what}) holds a single quote, which a muttrc value cannot "
                "carry safely.",
            ).format(what=what, value=shown(value)),
            QT_TRANSLATE_NOOP("Errors", "Correct the value."),
        )
    return f"'{value}'"


def thunderbird(s: ClientSettings) -> str:
    """Thunderbird autoconfig ``config-v1.1.xml``."""
    incoming = need_incoming(s, QT_TRANSLATE_NOOP("Errors", "A Thunderbird autoconfig file"))
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
    ET.SubElement(server, "authentication").text = _TB_AUTH[PASSWORD_KIND[p.mechanism]]
    ET.SubElement(server, "username").text = s.user
    ET.indent(root)
    body = ET.tostring(root, encoding="unicode")
    warning = "".join(_xml_comment(f"WARNING: {w}") + "\n" for w in s.warnings())
    note = cert_note(s, "Thunderbird")
    if note:
        warning += _xml_comment(note) + "\n"
    return f'<?xml version="1.0" encoding="UTF-8"?>\n{warning}{body}\n'


def mobileconfig(s: ClientSettings) -> str:
    """An unsigned Apple configuration profile (no password in it)."""
    incoming = need_incoming(s, QT_TRANSLATE_NOOP("Errors", "An Apple configuration profile"))
    p = s.profile
    auth = _APPLE_AUTH.get(p.mechanism)
    if auth is None:
        raise UsageError(
            QT_TRANSLATE_NOOP(
                "Errors",
                "Apple Mail cannot log in with {mechanism}, the mechanism that was verified.",
            ).format(mechanism=p.mechanism),
            QT_TRANSLATE_NOOP(
                "Errors",
                "Send a test message with CRAM-MD5 and save the server again, if it "
                "offers CRAM-MD5, or give staff the handout instead.",
            ),
            code="mechanism_not_for_apple",
            field=Field.MECHANISM,
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
        **({"EmailAccountName": s.display_name} if s.display_name else {}),
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
            f"{p.mechanism})."
            + (" UNVERIFIED settings." if s.warnings() else "")
            + (f" {cert_note(s, 'Apple Mail (Mac, iPhone, iPad)')}" if s.fingerprint else "")
        ),
        "PayloadOrganization": s.domain,
    }
    return plistlib.dumps(profile, fmt=plistlib.FMT_XML, sort_keys=True).decode("utf-8")


def msmtp(s: ClientSettings) -> str:
    """An msmtp account; the password comes from the keyring (no password line)."""
    p = s.profile
    account = "".join(c if c.isalnum() or c in "._-" else "-" for c in _label(s))
    lines = [
        _comment(
            f"msmtp settings for {s.email}, made by Relay Wizard from the server profile {_label(s)}.",
            "#",
        ),
        "# No password here: msmtp finds it in your keyring (host, service smtp, user); to",
        _comment(
            "put it there: secret-tool store --label=msmtp host "
            f"{s.host} service smtp user {s.user}",
            "#",
        ),
        _comment(cert_note(s, "msmtp"), "#") if s.fingerprint else "",
        _unverified_comment(s, "#").rstrip("\n"),
        f"account {msmtp_value(account, _ACCOUNT_NAME)}",
        f"host {msmtp_value(s.host, _HOST)}",
        f"port {p.smtp_port:d}",
        f"from {msmtp_value(s.email, _ADDRESS)}",
        f"auth {msmtp_value(p.mechanism.lower(), _MECHANISM)}",
        f"user {msmtp_value(s.user, _ACCOUNT)}",
        f"tls {'off' if p.security == 'none' else 'on'}",
    ]
    if p.security != "none":
        lines.append(f"tls_starttls {'on' if p.security == 'starttls' else 'off'}")
        if s.fingerprint:
            lines.append(f"tls_fingerprint {msmtp_value(s.fingerprint, _FINGERPRINT)}")
    if account != "default":
        lines.append(f"\naccount default : {msmtp_value(account, _ACCOUNT_NAME)}")
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
            f"profile {_label(s)}.",
            "#",
        ),
        "# mutt asks for the password when it sends (or set smtp_pass in a file only you read).",
    ]
    if s.fingerprint:
        lines.append(_comment(cert_note(s, "mutt / neomutt"), "#"))
    lines.append(_unverified_comment(s, "#").rstrip("\n"))
    lines += [
        f"set from={mutt_value(s.email, _ADDRESS)}",
        f"set realname={mutt_value(s.display_name, _NAME)}" if s.display_name else "",
        f"set smtp_url={mutt_value(url, _SERVER_URL)}",
        f"set smtp_authenticators={mutt_value(p.mechanism.lower(), _MECHANISM)}",
        f"set ssl_starttls={'yes' if p.security == 'starttls' else 'no'}",
        f"set ssl_force_tls={'no' if p.security == 'none' else 'yes'}",
    ]
    return "\n".join(line for line in lines if line) + "\n"


def srv(s: ClientSettings) -> str:
    """The SRV record for the verified port, as zone-file lines (RFC 6186, RFC 8314)."""
    p = s.profile
    if is_ip(s.host):
        raise UsageError(
            QT_TRANSLATE_NOOP(
                "Errors",
                "A DNS SRV record must point at a host name, and the server is the address {host}.",
            ).format(host=s.host),
            QT_TRANSLATE_NOOP(
                "Errors", "Enter the name staff use for the mail server, such as mail.example.com."
            ),
            code="srv_needs_host_name",
            field=Field.SERVER_NAME,
        )
    # Both names were validated as DNS names (validate_domain, validate_host): letters,
    # digits, dots and hyphens; checked again here, as nothing else may reach the record.
    validate_domain(s.domain)
    validate_domain(s.host.removesuffix("."), "host name")
    service = "_submissions._tcp" if p.security == "tls" else "_submission._tcp"
    lines = [
        _comment(
            f"SRV record for mail clients of {s.domain} (RFC 6186, RFC 8314), made by Relay "
            f"Wizard from the server profile {_label(s)}.",
            ";",
        ),
        f"; Only the verified port: {p.smtp_port:d}, {SECURITY_WORDS[p.security]}.",
        _comment(
            f"The certificate is self-signed (SHA-256 {s.fingerprint}): mail programs found "
            "through this record warn once; staff compare the fingerprint before accepting.",
            ";",
        )
        if s.fingerprint
        else "",
        _unverified_comment(s, ";").rstrip("\n"),
        f"{service}.{s.domain}. 3600 IN SRV 0 1 {p.smtp_port:d} {s.host.removesuffix('.')}.",
    ]
    return "\n".join(line for line in lines if line) + "\n"
