"""Parsing and validating ``[user@]host[:port]`` targets, and the other typed values.

Every check here is the one place its kind of value is validated: host names and IP
addresses, ports, login names, mail domains and e-mail addresses. Each takes the value
exactly as typed or saved (no stripping: a front end strips a field if it wants to) and
either returns it or raises :class:`UsageError` with one sentence naming the value,
shown through :func:`wizard.core.untrusted.printable` since it may hold control
characters. Patterns are matched whole (``fullmatch``): ``$`` would also match before a
trailing newline.
"""

from __future__ import annotations

import ipaddress
import re
from dataclasses import dataclass
from typing import Literal

from wizard.core.errors import UsageError
from wizard.core.translatable import QT_TRANSLATE_NOOP
from wizard.core.untrusted import printable

_HOST_LABEL = re.compile(r"(?!-)[A-Za-z0-9-]{1,63}(?<!-)")
# A label inet_aton (and so getaddrinfo) reads as a number: decimal, octal or hex.
_NUMERIC_LABEL = re.compile(r"[0-9]+|0[xX][0-9A-Fa-f]*")
# An IPv6 zone (scope id): an interface name or number, nothing else.
_SCOPE = re.compile(r"[A-Za-z0-9_.-]{1,15}")
# No IGNORECASE: with it, [a-z] also matches the Kelvin sign and the long s.
_USER = re.compile(r"[A-Za-z_][A-Za-z0-9_.-]{0,31}\$?")
_PORT = re.compile(r"[0-9]{1,5}")  # ASCII digits only: no sign, space, or other digits
# RFC 5322 atext. What the wizard writes into client configs leaves out the characters
# that a shell, mutt or msmtp reads specially: $ (variables), % (msmtp's from expansion),
# ' (mutt's quotes) and ` (command substitution).
_ATEXT_CONFIG = r"[A-Za-z0-9!#&*+/=?^_{|}~-]+"
_ATEXT_ENVELOPE = r"[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+"
_LOCAL_CONFIG = re.compile(rf"{_ATEXT_CONFIG}(?:\.{_ATEXT_CONFIG})*")
_LOCAL_ENVELOPE = re.compile(rf"{_ATEXT_ENVELOPE}(?:\.{_ATEXT_ENVELOPE})*")
MAX_LOCAL_PART = 64  # RFC 5321 4.5.3.1.1
MAX_DOMAIN = 253  # a DNS name in text form, without the final dot
MAX_ADDRESS = 254  # RFC 5321's path of 256 octets, minus the angle brackets
CONFIG_LOCAL_CHARS = "letters, digits and ! # & * + / = ? ^ _ { | } ~ - (dots between)"
ENVELOPE_LOCAL_CHARS = "letters, digits and ! # $ % & ' * + / = ? ^ _ ` { | } ~ - (dots between)"


def shown(value: object, limit: int = 80) -> str:
    """``value`` for a message: quoted, cut to ``limit`` characters, control characters
    escaped (``printable``), so a hostile value cannot rewrite the line it is shown in."""
    text = value if isinstance(value, str) else repr(value)
    cut = text[:limit] + ("..." if len(text) > limit else "")
    return f"'{printable(cut)}'"


@dataclass(frozen=True)
class Target:
    """Where to connect: host, SSH port and login user."""

    host: str
    port: int = 22
    user: str = "root"

    def __str__(self) -> str:
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"{self.user}@{host}:{self.port}"


def is_ip(host: str) -> bool:
    """``host`` is an IP address (IPv6 with or without brackets), not a name."""
    try:
        ipaddress.ip_address(host.strip("[]"))
    except ValueError:
        return False
    return True


def _ip_problem(text: str) -> str | None:
    """None if ``text`` is an IP address (IPv6 with a plain scope id allowed), else why not."""
    address, percent, scope = text.partition("%")
    if percent and not _SCOPE.fullmatch(scope):
        return QT_TRANSLATE_NOOP(
            "Errors",
            "its scope id (after '%') may hold only up to 15 letters, digits, '.', '_' or '-'",
        )
    try:
        ipaddress.ip_address(text if percent else address)
    except ValueError:
        return "it is not a valid IP address"
    return None


def _name_problem(name: str) -> str | None:
    """None if ``name`` is a DNS host name (one final dot allowed), else why not."""
    if not name:
        return QT_TRANSLATE_NOOP("Errors", "it is empty")
    bare = name[:-1] if name.endswith(".") else name
    if len(bare) > MAX_DOMAIN:
        return QT_TRANSLATE_NOOP("Errors", "it is longer than {limit} characters").format(
            limit=MAX_DOMAIN
        )
    labels = bare.split(".")
    if not all(_HOST_LABEL.fullmatch(label) for label in labels):
        return QT_TRANSLATE_NOOP(
            "Errors",
            "it may hold only letters, digits, dots and hyphens, in labels of 1 to 63 "
            "characters that neither start nor end with a hyphen",
        )
    if labels[-1].isdigit() or all(_NUMERIC_LABEL.fullmatch(label) for label in labels):
        return QT_TRANSLATE_NOOP("Errors", "it looks like an IPv4 address but is not a valid one")
    return None


def validate_host(host: str) -> str:
    """Return ``host`` if it is a valid host name or IP address, else raise UsageError."""
    if not isinstance(host, str) or not host:
        raise UsageError(
            QT_TRANSLATE_NOOP("Input", "The server name is empty."),
            QT_TRANSLATE_NOOP("Input", "Give a host name or an IP address."),
        )
    if ":" in host or "%" in host:  # only IPv6 addresses (and their scope ids) hold these
        problem = _ip_problem(host)
        if problem is None:
            return host
        raise UsageError(
            QT_TRANSLATE_NOOP(
                "Errors", "{host} is not a valid host name or IP address: {problem}."
            ).format(host=shown(host), problem=problem),
            QT_TRANSLATE_NOOP(
                "Errors",
                "Give a host name such as mail.example.com or an address such as 2001:db8::1.",
            ),
        )
    if _ip_problem(host) is None:
        return host
    problem = _name_problem(host)
    if problem is not None:
        raise UsageError(
            QT_TRANSLATE_NOOP(
                "Errors", "{host} is not a valid host name or IP address: {problem}."
            ).format(host=shown(host), problem=problem),
            QT_TRANSLATE_NOOP(
                "Errors",
                "Use letters, digits, dots and hyphens only, for example "
                "mail.example.com, or an IP address such as 192.0.2.10.",
            ),
        )
    return host


DomainKind = Literal["mail domain", "host name", "server name"]
# What validate_domain says, whole sentences for each kind of name: (empty, an IP address,
# not valid: {problem}).
_DOMAIN_SAYS: dict[str, tuple[str, str, str]] = {
    "mail domain": (
        QT_TRANSLATE_NOOP("Errors", "The mail domain is empty."),
        QT_TRANSLATE_NOOP("Errors", "{domain} is an IP address, not a mail domain."),
        QT_TRANSLATE_NOOP("Errors", "{domain} is not a valid mail domain: {problem}."),
    ),
    "host name": (
        QT_TRANSLATE_NOOP("Errors", "The host name is empty."),
        QT_TRANSLATE_NOOP("Errors", "{domain} is an IP address, not a host name."),
        QT_TRANSLATE_NOOP("Errors", "{domain} is not a valid host name: {problem}."),
    ),
    "server name": (
        QT_TRANSLATE_NOOP("Errors", "The server name is empty."),
        QT_TRANSLATE_NOOP("Errors", "{domain} is an IP address, not a server name."),
        QT_TRANSLATE_NOOP("Errors", "{domain} is not a valid server name: {problem}."),
    ),
}


def validate_domain(domain: str, what: DomainKind = "mail domain") -> str:
    """Return ``domain`` if it is a DNS name a mail domain can have, else raise UsageError.

    IP addresses are refused: a mail domain is a name (an address would need the
    ``[192.0.2.1]`` literal form, which mail programs' settings do not take).
    """
    empty, an_address, not_valid = _DOMAIN_SAYS[what]
    if not isinstance(domain, str) or not domain:
        raise UsageError(
            empty,
            QT_TRANSLATE_NOOP("Errors", "Give a domain such as example.com."),
        )
    if _ip_problem(domain) is None:
        raise UsageError(
            an_address.format(domain=shown(domain)),
            QT_TRANSLATE_NOOP(
                "Errors", "Give the domain the addresses end in, such as example.com."
            ),
        )
    problem = (
        QT_TRANSLATE_NOOP("Errors", "it ends in a dot")
        if domain.endswith(".")
        else _name_problem(domain)
    )
    if problem is not None:
        raise UsageError(
            not_valid.format(domain=shown(domain), problem=problem),
            QT_TRANSLATE_NOOP("Errors", "Give a domain such as example.com."),
        )
    return domain


def validate_email(address: str, *, envelope: bool = False) -> str:
    """Return ``address`` if it is a plain ``local@domain`` address, else raise UsageError.

    The local part is a dot-atom: no quotes, spaces, backslashes, control characters or
    non-ASCII. By default (an address written into a client's config file) the characters
    a shell, mutt or msmtp would read specially are refused too (``$ % ' ```);
    ``envelope=True`` (an address only sent in SMTP, as test-send's --to) allows every
    RFC 5322 atext character.
    """
    if not isinstance(address, str) or not address:
        raise UsageError(
            QT_TRANSLATE_NOOP("Errors", "The e-mail address is empty."),
            QT_TRANSLATE_NOOP("Errors", "Give it as name@example.com."),
        )
    local, at, domain = address.rpartition("@")
    pattern, chars = (
        (_LOCAL_ENVELOPE, ENVELOPE_LOCAL_CHARS) if envelope else (_LOCAL_CONFIG, CONFIG_LOCAL_CHARS)
    )
    problem = ""
    if not at or not local:
        problem = "it is not of the form name@domain"
    elif len(address) > MAX_ADDRESS:
        problem = f"it is longer than {MAX_ADDRESS} characters"
    elif len(local) > MAX_LOCAL_PART:
        problem = f"the part before '@' is longer than {MAX_LOCAL_PART} characters"
    elif not pattern.fullmatch(local):
        problem = f"the part before '@' may hold only {chars}"
    elif _ip_problem(domain.strip("[]")) is None:
        problem = "it ends in an IP address, not a mail domain"
    elif domain.endswith(".") or _name_problem(domain) is not None:
        reason = _name_problem(domain) or "it ends in a dot"
        problem = f"the domain after '@' is not valid: {reason}"
    if problem:
        raise UsageError(
            QT_TRANSLATE_NOOP(
                "Errors", "{address} is not a usable e-mail address: {problem}."
            ).format(address=shown(address), problem=problem),
            QT_TRANSLATE_NOOP("Errors", "Give it as name@example.com."),
        )
    return address


def validate_user(user: str) -> str:
    """Return ``user`` if it is a plausible Unix login name, else raise UsageError."""
    if not isinstance(user, str) or not _USER.fullmatch(user):
        raise UsageError(
            QT_TRANSLATE_NOOP("Input", "{user} is not a valid login name.").format(
                user=shown(user)
            ),
            QT_TRANSLATE_NOOP(
                "Input",
                "A login name starts with a letter or underscore and holds letters, digits, "
                "'.', '_' or '-' (at most 32 characters).",
            ),
        )
    return user


def validate_port(value: str | int) -> int:
    """Return the port as an int if it is 1..65535, else raise UsageError.

    Text must be ASCII digits only: ``+22``, `` 22``, ``0x16`` and other scripts' digits
    (which ``int()`` would take) are refused.
    """
    if isinstance(value, int) and not isinstance(value, bool):
        port = value
    elif isinstance(value, str) and _PORT.fullmatch(value):
        port = int(value)
    else:
        raise UsageError(
            QT_TRANSLATE_NOOP("Input", "{value} is not a port number.").format(value=shown(value)),
            QT_TRANSLATE_NOOP(
                "Input", "Give a number from 1 to 65535, in digits only (no sign or spaces)."
            ),
        )
    if not 1 <= port <= 65535:
        raise UsageError(
            QT_TRANSLATE_NOOP("Input", "Port {port} is out of range.").format(port=port),
            QT_TRANSLATE_NOOP("Input", "Give a number from 1 to 65535."),
        )
    return port


def parse_target(text: str, default_user: str = "root", default_port: int = 22) -> Target:
    """Parse ``[user@]host[:port]``; IPv6 addresses go in brackets: ``[2001:db8::1]:22``.

    Spaces around the target are dropped; a line break or other control character is not
    (it is refused with the part that holds it).
    """
    text = text.strip(" \t")
    user = default_user
    if "@" in text:
        user, text = text.rsplit("@", 1)
        validate_user(user)
    port: int = default_port
    if text.startswith("["):
        end = text.find("]")
        if end < 0:
            raise UsageError(
                QT_TRANSLATE_NOOP("Errors", "Missing ']' in {text}.").format(text=shown(text)),
                QT_TRANSLATE_NOOP("Errors", "Write IPv6 addresses as [2001:db8::1]:22."),
            )
        host, rest = text[1:end], text[end + 1 :]
        if rest:
            if not rest.startswith(":"):
                raise UsageError(
                    QT_TRANSLATE_NOOP("Errors", "Unexpected {rest} after the address.").format(
                        rest=shown(rest)
                    ),
                    QT_TRANSLATE_NOOP("Errors", "Write [address]:port."),
                )
            port = validate_port(rest[1:])
        if ":" not in host or _ip_problem(host) is not None:
            raise UsageError(
                QT_TRANSLATE_NOOP("Errors", "{host} is not an IPv6 address.").format(
                    host=shown(host)
                ),
                QT_TRANSLATE_NOOP("Errors", "Write [2001:db8::1]:22."),
            )
        return Target(host, port, user)
    if text.count(":") == 1:
        text, port_text = text.split(":")
        port = validate_port(port_text)
    elif text.count(":") > 1:
        if _ip_problem(text) is not None:
            raise UsageError(
                QT_TRANSLATE_NOOP("Errors", "{text} is not a valid target.").format(
                    text=shown(text)
                ),
                QT_TRANSLATE_NOOP(
                    "Errors", "Use [user@]host[:port], e.g. admin@mail.example.com:22."
                ),
            )
        return Target(text, port, user)
    return Target(validate_host(text), port, user)
