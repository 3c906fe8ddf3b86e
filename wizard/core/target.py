"""Parsing and validating ``[user@]host[:port]`` targets."""

from __future__ import annotations

import ipaddress
import re
from dataclasses import dataclass

from wizard.core.errors import UsageError

_HOST_LABEL = re.compile(r"^(?!-)[A-Za-z0-9-]{1,63}(?<!-)$")
_USER = re.compile(r"^[a-z_][a-z0-9_.-]{0,31}\$?$", re.IGNORECASE)


@dataclass(frozen=True)
class Target:
    """Where to connect: host, SSH port and login user."""

    host: str
    port: int = 22
    user: str = "root"

    def __str__(self) -> str:
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"{self.user}@{host}:{self.port}"


def validate_host(host: str) -> str:
    """Return ``host`` if it is a valid host name or IP address, else raise UsageError."""
    if not host:
        raise UsageError("The server name is empty.", "Give a host name or an IP address.")
    try:
        ipaddress.ip_address(host)
        return host
    except ValueError:
        pass
    name = host[:-1] if host.endswith(".") else host
    if len(name) > 253 or not all(_HOST_LABEL.match(label) for label in name.split(".")):
        raise UsageError(
            f"{host!r} is not a valid host name or IP address.",
            "Use letters, digits, dots and hyphens only, for example mail.example.com.",
        )
    return host


def validate_user(user: str) -> str:
    """Return ``user`` if it is a plausible Unix login name, else raise UsageError."""
    if not _USER.match(user):
        raise UsageError(
            f"{user!r} is not a valid login name.",
            "A login name starts with a letter or underscore and holds letters, digits, "
            "'.', '_' or '-' (at most 32 characters).",
        )
    return user


def validate_port(value: str | int) -> int:
    """Return the port as an int if it is 1..65535, else raise UsageError."""
    try:
        port = int(value)
    except (TypeError, ValueError):
        raise UsageError(
            f"{value!r} is not a port number.", "Give a number from 1 to 65535."
        ) from None
    if not 1 <= port <= 65535:
        raise UsageError(f"Port {port} is out of range.", "Give a number from 1 to 65535.")
    return port


def parse_target(text: str, default_user: str = "root", default_port: int = 22) -> Target:
    """Parse ``[user@]host[:port]``; IPv6 addresses go in brackets: ``[2001:db8::1]:22``."""
    text = text.strip()
    user = default_user
    if "@" in text:
        user, text = text.rsplit("@", 1)
        validate_user(user)
    port: int = default_port
    if text.startswith("["):
        end = text.find("]")
        if end < 0:
            raise UsageError(
                f"Missing ']' in {text!r}.", "Write IPv6 addresses as [2001:db8::1]:22."
            )
        host, rest = text[1:end], text[end + 1 :]
        if rest:
            if not rest.startswith(":"):
                raise UsageError(f"Unexpected {rest!r} after the address.", "Write [address]:port.")
            port = validate_port(rest[1:])
        try:
            ipaddress.IPv6Address(host)
        except ValueError:
            raise UsageError(
                f"{host!r} is not an IPv6 address.", "Write [2001:db8::1]:22."
            ) from None
        return Target(host, port, user)
    if text.count(":") == 1:
        text, port_text = text.split(":")
        port = validate_port(port_text)
    elif text.count(":") > 1:
        try:
            ipaddress.IPv6Address(text)
        except ValueError:
            raise UsageError(
                f"{text!r} is not a valid target.",
                "Use [user@]host[:port], e.g. admin@mail.example.com:22.",
            ) from None
        return Target(text, port, user)
    return Target(validate_host(text), port, user)
