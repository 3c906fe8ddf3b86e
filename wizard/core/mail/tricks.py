"""The relay tricks as data: each a sender and a recipient a spammer would try.

Like nmap's ``smtp-open-relay`` (field notes 7), every trick is one MAIL FROM and one
RCPT TO; :mod:`wizard.core.mail.audit` tries them on a connection and never sends DATA.
The addresses are reserved (RFC 2606): nothing can ever be delivered to them.
"""

from __future__ import annotations

import ipaddress
from dataclasses import dataclass

from wizard.core.translatable import QT_TRANSLATE_NOOP

FROM_USER = "relay-audit"
FROM_DOMAIN = "example.com"  # RFC 2606: reserved, never a real mailbox
TO_USER = "relaytest"
TO_DOMAIN = "example.net"

# name | what it tries | MAIL FROM | RCPT TO (an empty MAIL FROM is the null sender <>).
# Placeholders: {fqdn} the server's own name, {ip} its IP literal ("[198.51.100.2]"),
# {from} {from_user} {to} {to_user} {to_domain} the test addresses. The first 16 are
# nmap's smtp-open-relay list; the rest are variants seen in relay-test services.
_TABLE = """
null-sender         | empty sender (a bounce)                         |                    | {to}
foreign-sender      | sender and recipient both elsewhere             | {from}             | {to}
sender-own-name     | sender forged with the server's name            | {from_user}@{fqdn} | {to}
sender-own-ip       | sender forged with the server's IP literal      | {from_user}@{ip}   | {to}
percent-ip          | percent hack routed through the IP literal      | {from_user}@{ip}   | {to_user}%{to_domain}@{ip}
percent-name        | percent hack routed through the server's name   | {from_user}@{ip}   | {to_user}%{to_domain}@{fqdn}
quoted              | the whole address as a quoted local part        | {from_user}@{ip}   | "{to}"
quoted-percent      | quoted local part with the percent hack         | {from_user}@{ip}   | "{to_user}%{to_domain}"
double-at-ip        | two domains, the last the IP literal            | {from_user}@{ip}   | {to}@{ip}
quoted-at-ip        | quoted remote address at the IP literal         | {from_user}@{ip}   | "{to}"@{ip}
double-at-name      | two domains, the last the server's name         | {from_user}@{ip}   | {to}@{fqdn}
source-route-ip     | source route through the IP literal             | {from_user}@{ip}   | @{ip}:{to}
source-route-name   | source route through the server's name          | {from_user}@{ip}   | @{fqdn}:{to}
bang                | UUCP bang path                                  | {from_user}@{ip}   | {to_domain}!{to_user}
bang-ip             | bang path at the IP literal                     | {from_user}@{ip}   | {to_domain}!{to_user}@{ip}
bang-name           | bang path at the server's name                  | {from_user}@{ip}   | {to_domain}!{to_user}@{fqdn}
quoted-at-name      | quoted remote address at the server's name      | {from_user}@{fqdn} | "{to}"@{fqdn}
source-route-double | source route through both of the server's names | {from_user}@{fqdn} | @{fqdn},@{ip}:{to}
percent-double      | percent hack twice through the server's name    | {from_user}@{fqdn} | {to_user}%{to_domain}%{fqdn}@{fqdn}
trailing-dot        | recipient domain with a trailing dot            | {from}             | {to}.
sender-is-recipient | sender in the recipient's own domain            | {to}               | {to}
"""


def _templates(table: str) -> tuple[tuple[str, str, str, str], ...]:
    rows: list[tuple[str, str, str, str]] = []
    for line in table.strip("\n").splitlines():
        name, what, sender, recipient = (cell.strip() for cell in line.split("|"))
        rows.append((name, what, sender, recipient))
    return tuple(rows)


# The tricks as (name, what it tries, MAIL FROM template, RCPT TO template).
TRICK_TEMPLATES = _templates(_TABLE)


# What each trick tries, for people (the window shows it translated); the same words as
# the table's.
WHAT: dict[str, str] = {
    "null-sender": QT_TRANSLATE_NOOP("Tricks", "empty sender (a bounce)"),
    "foreign-sender": QT_TRANSLATE_NOOP("Tricks", "sender and recipient both elsewhere"),
    "sender-own-name": QT_TRANSLATE_NOOP("Tricks", "sender forged with the server's name"),
    "sender-own-ip": QT_TRANSLATE_NOOP("Tricks", "sender forged with the server's IP literal"),
    "percent-ip": QT_TRANSLATE_NOOP("Tricks", "percent hack routed through the IP literal"),
    "percent-name": QT_TRANSLATE_NOOP("Tricks", "percent hack routed through the server's name"),
    "quoted": QT_TRANSLATE_NOOP("Tricks", "the whole address as a quoted local part"),
    "quoted-percent": QT_TRANSLATE_NOOP("Tricks", "quoted local part with the percent hack"),
    "double-at-ip": QT_TRANSLATE_NOOP("Tricks", "two domains, the last the IP literal"),
    "quoted-at-ip": QT_TRANSLATE_NOOP("Tricks", "quoted remote address at the IP literal"),
    "double-at-name": QT_TRANSLATE_NOOP("Tricks", "two domains, the last the server's name"),
    "source-route-ip": QT_TRANSLATE_NOOP("Tricks", "source route through the IP literal"),
    "source-route-name": QT_TRANSLATE_NOOP("Tricks", "source route through the server's name"),
    "bang": QT_TRANSLATE_NOOP("Tricks", "UUCP bang path"),
    "bang-ip": QT_TRANSLATE_NOOP("Tricks", "bang path at the IP literal"),
    "bang-name": QT_TRANSLATE_NOOP("Tricks", "bang path at the server's name"),
    "quoted-at-name": QT_TRANSLATE_NOOP("Tricks", "quoted remote address at the server's name"),
    "source-route-double": QT_TRANSLATE_NOOP(
        "Tricks", "source route through both of the server's names"
    ),
    "percent-double": QT_TRANSLATE_NOOP("Tricks", "percent hack twice through the server's name"),
    "trailing-dot": QT_TRANSLATE_NOOP("Tricks", "recipient domain with a trailing dot"),
    "sender-is-recipient": QT_TRANSLATE_NOOP("Tricks", "sender in the recipient's own domain"),
}


@dataclass(frozen=True)
class Trick:
    """One unauthenticated relay attempt: this sender, this recipient."""

    name: str
    what: str
    sender: str
    recipient: str

    def __str__(self) -> str:
        return f"{self.name} (MAIL FROM:<{self.sender}> RCPT TO:<{self.recipient}>)"


def ip_literal(address: str) -> str:
    """The SMTP address literal of an IP: ``[192.0.2.1]`` or ``[IPv6:2001:db8::1]``."""
    ip = ipaddress.ip_address(address.strip("[]"))
    return f"[IPv6:{ip.compressed}]" if ip.version == 6 else f"[{ip}]"


def relay_tricks(server_name: str, server_address: str) -> tuple[Trick, ...]:
    """The tricks with the server's own name and IP literal filled in (duplicates dropped).

    ``server_name`` is the name the server gives itself (greeting) or the one given;
    ``server_address`` its IP address as connected to.
    """
    ip = ip_literal(server_address)
    values = {
        "fqdn": server_name.strip().rstrip(".") or ip,
        "ip": ip,
        "from": f"{FROM_USER}@{FROM_DOMAIN}",
        "from_user": FROM_USER,
        "to": f"{TO_USER}@{TO_DOMAIN}",
        "to_user": TO_USER,
        "to_domain": TO_DOMAIN,
    }
    out: list[Trick] = []
    seen: set[tuple[str, str]] = set()
    for name, what, sender, recipient in TRICK_TEMPLATES:
        trick = Trick(
            name, WHAT.get(name, what), sender.format(**values), recipient.format(**values)
        )
        if (trick.sender, trick.recipient) not in seen:
            seen.add((trick.sender, trick.recipient))
            out.append(trick)
    return tuple(out)
