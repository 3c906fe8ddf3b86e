"""What in a Postfix configuration lets strangers relay or weakens logins, in plain words.

Postfix relays a message when every restriction list smtpd reads for the recipient
(``smtpd_relay_restrictions``, then ``smtpd_recipient_restrictions``) lets it through: one
list that refuses a stranger's mail for another domain (``reject_unauth_destination``,
``defer_unauth_destination``, ``reject``) before anything permits it keeps the relay
closed. :func:`relay_dangers` walks the lists as a stranger (not in ``mynetworks``, not
logged in, writing to a domain that is not the server's) for every smtpd service other
machines reach, with the service's own ``-o`` overrides; :func:`mynetworks_dangers`
judges who ``mynetworks`` trusts; :func:`relay_domains_dangers` what ``relay_domains``
opens. Inspection turns each danger into a finding, the plan into a check (the ids are the
same). Pure.
"""

from __future__ import annotations

import ipaddress
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from wizard.core.mta.postfix.listeners import (
    RELAY_LISTS,
    listeners,
    setting,
    smtpd_services,
    words,
)
from wizard.core.translatable import QT_TRANSLATE_NOOP

if TYPE_CHECKING:
    from wizard.core.mta.report import MasterService, PostfixInfo

Level = Literal["refuse", "warning", "note"]
Network = ipaddress.IPv4Network | ipaddress.IPv6Network
REJECTS = {"reject_unauth_destination", "defer_unauth_destination", "reject", "defer"}
# entries that let a stranger through before the relay check
PERMITS = {"permit", "permit_tls_all_clientcerts"}
# a lookup table (type:name) or a file of entries
_TABLE = re.compile(r"^(?:[a-z0-9_]+:|/)")


@dataclass(frozen=True)
class Danger:
    """One thing that lets strangers relay (or weakens logins): ``level`` "refuse" (the
    wizard will not add logins on top of it), "warning" or "note"."""

    id: str
    level: Level
    message: str
    detail: str = ""


def _network(item: str) -> Network | None:
    text = item.replace("[", "").replace("]", "")
    try:
        net = ipaddress.ip_network(text, strict=False)
    except ValueError:
        return None
    if isinstance(net, ipaddress.IPv6Network) and net.prefixlen >= 96:
        mapped = net.network_address.ipv4_mapped
        if mapped is not None:
            return ipaddress.ip_network(f"{mapped}/{net.prefixlen - 96}", strict=False)
    return net


def _kind(net: Network) -> str:
    """ "open" (every address), "local" (loopback, link-local), "lan" (a private network
    the size of an office), "private_wide", "host" (one public address), "public" (a
    public network up to a /24 or /64), "wide" (a wider public one)."""
    if net.prefixlen == 0:
        return "open"
    if net.is_loopback or net.is_link_local:
        return "local"
    v4 = net.version == 4
    if net.is_private and not net.is_global:
        return "lan" if net.prefixlen >= (16 if v4 else 48) else "private_wide"
    if net.prefixlen == net.max_prefixlen:
        return "host"
    return "public" if net.prefixlen >= (24 if v4 else 64) else "wide"


def mynetworks_kinds(info: PostfixInfo) -> dict[str, list[str]]:
    """``mynetworks``' entries by kind (:func:`_kind`, plus "table" and "name")."""
    out: dict[str, list[str]] = {}
    for item in words(setting(info, "mynetworks")):
        if item.startswith("!"):
            continue  # an exception: trusts nobody
        if _TABLE.match(item):
            kind = "table"
        else:
            net = _network(item)
            kind = "name" if net is None else _kind(net)
        out.setdefault(kind, []).append(item)
    return out


def _open_mynetworks(info: PostfixInfo) -> bool:
    kinds = mynetworks_kinds(info)
    return bool(kinds.get("open") or kinds.get("wide"))


def _walk(items: list[str], open_mynetworks: bool) -> tuple[str, str]:
    """A stranger through one list: ("reject", entry), ("permit", entry) or ("end", "")."""
    for item in items:
        if item in REJECTS:
            return "reject", item
        if item in PERMITS or (item == "permit_mynetworks" and open_mynetworks):
            return "permit", item
    return "end", ""


def _reachable_services(info: PostfixInfo) -> list[MasterService]:
    reachable = {lst.name for lst in listeners(info) if lst.reachable}
    return [s for s in smtpd_services(info) if s.name in reachable]


def uses_mynetworks(info: PostfixInfo) -> bool:
    """``permit_mynetworks`` comes before the relay check in a list a reachable service
    reads: the machines of ``mynetworks`` relay without a login."""
    services: list[MasterService | None] = [*_reachable_services(info)] or [None]
    for service in services:
        for name in RELAY_LISTS:
            items = words(setting(info, name, service))
            for item in items:
                if item in REJECTS:
                    break
                if item == "permit_mynetworks":
                    return True
    return False


def relay_dangers(info: PostfixInfo) -> list[Danger]:
    """A reachable smtpd service whose restriction lists let a stranger relay."""
    out: list[Danger] = []
    wide = _open_mynetworks(info)
    seen: set[str] = set()
    for service in _reachable_services(info):
        walks = {name: _walk(words(setting(info, name, service)), wide) for name in RELAY_LISTS}
        closed = any(result == "reject" for result, _ in walks.values())
        for name, (result, entry) in walks.items():
            if result != "permit" or entry == "permit_mynetworks":
                continue  # permit_mynetworks: said by the mynetworks danger
            key = f"permit:{name}:{entry}"
            if key in seen:
                continue
            seen.add(key)
            detail = QT_TRANSLATE_NOOP(
                "Dangers",
                "{setting} of the service {service} has {entry} before reject_unauth_destination.",
            ).format(setting=name, service=service.name, entry=entry)
            if closed:
                out.append(
                    Danger(
                        "relay_permit_first",
                        "warning",
                        QT_TRANSLATE_NOOP(
                            "Dangers",
                            "One of the server's relay rules lets everybody through before it "
                            "checks who may relay; only the other rule keeps strangers out.",
                        ),
                        detail,
                    )
                )
            else:
                out.append(
                    Danger(
                        "relay_permit_first",
                        "refuse",
                        QT_TRANSLATE_NOOP(
                            "Dangers",
                            "The server relays mail for anyone: a relay rule lets everybody "
                            "through before it checks who may relay. Spammers will find and "
                            "use it.",
                        ),
                        detail,
                    )
                )
        if not closed and not any(r == "permit" for r, _ in walks.values()):
            if "open" in seen:
                continue
            seen.add("open")
            out.append(
                Danger(
                    "open_relay",
                    "refuse",
                    QT_TRANSLATE_NOOP(
                        "Dangers",
                        "The server relays mail for anyone: none of its relay rules refuses "
                        "strangers who send to other domains. Spammers will find and use it.",
                    ),
                    QT_TRANSLATE_NOOP(
                        "Dangers",
                        "Neither smtpd_relay_restrictions nor smtpd_recipient_restrictions of "
                        "the service {service} has reject_unauth_destination.",
                    ).format(service=service.name),
                )
            )
    return out


def mynetworks_dangers(info: PostfixInfo) -> list[Danger]:
    """Who ``mynetworks`` trusts, judged where ``permit_mynetworks`` lets them relay."""
    kinds = mynetworks_kinds(info)
    used = uses_mynetworks(info)
    value = setting(info, "mynetworks")
    if "mynetworks" in info.set:
        detail = QT_TRANSLATE_NOOP("Dangers", "mynetworks = {value}").format(value=value)
    else:
        detail = QT_TRANSLATE_NOOP(
            "Dangers",
            "mynetworks is not set; Postfix works it out from mynetworks_style = {style}: {value}",
        ).format(style=setting(info, "mynetworks_style"), value=value)
    out: list[Danger] = []

    def entries(*names: str) -> str:
        return ", ".join(e for n in names for e in kinds.get(n, []))

    if not used:
        if kinds.get("open") or kinds.get("wide") or kinds.get("public"):
            out.append(
                Danger(
                    "mynetworks_unused",
                    "note",
                    QT_TRANSLATE_NOOP(
                        "Dangers",
                        "The server's list of trusted networks names networks outside the "
                        "office ({networks}), but its relay rules do not use that list.",
                    ).format(networks=entries("open", "wide", "public")),
                    detail,
                )
            )
        return out
    if kinds.get("open"):
        out.append(
            Danger(
                "mynetworks_open",
                "refuse",
                QT_TRANSLATE_NOOP(
                    "Dangers",
                    "The server trusts every address on the internet ({networks}): anyone may "
                    "send mail through it without a login. It is an open relay.",
                ).format(networks=entries("open")),
                detail,
            )
        )
    if kinds.get("wide"):
        out.append(
            Danger(
                "mynetworks_wide",
                "refuse",
                QT_TRANSLATE_NOOP(
                    "Dangers",
                    "The server lets every machine in {networks} send mail through it without "
                    "a login: that is far more of the internet than one office.",
                ).format(networks=entries("wide")),
                detail,
            )
        )
    if kinds.get("public"):
        out.append(
            Danger(
                "mynetworks_public",
                "warning",
                QT_TRANSLATE_NOOP(
                    "Dangers",
                    "The server lets every machine in the public network {networks} send mail "
                    "through it without a login. Keep that only if all of them are the "
                    "office's.",
                ).format(networks=entries("public")),
                detail,
            )
        )
    if kinds.get("private_wide"):
        out.append(
            Danger(
                "mynetworks_private_wide",
                "warning",
                QT_TRANSLATE_NOOP(
                    "Dangers",
                    "The server lets every machine in the private network {networks} send "
                    "mail through it without a login: a network that size is usually more "
                    "than one office.",
                ).format(networks=entries("private_wide")),
                detail,
            )
        )
    if kinds.get("lan") or kinds.get("host"):
        out.append(
            Danger(
                "mynetworks_lan",
                "note",
                QT_TRANSLATE_NOOP(
                    "Dangers",
                    "Machines in {networks} may send mail through the server without a login "
                    "(usually the office network). A virus on one of them could send spam "
                    "through the server.",
                ).format(networks=entries("lan", "host")),
                detail,
            )
        )
    if kinds.get("table") or kinds.get("name"):
        out.append(
            Danger(
                "mynetworks_table",
                "note",
                QT_TRANSLATE_NOOP(
                    "Dangers",
                    "The list of machines that may send without a login also comes from "
                    "{tables}, which Relay Wizard does not read: check who is in it.",
                ).format(tables=entries("table", "name")),
                detail,
            )
        )
    return out


def relay_domains_dangers(info: PostfixInfo) -> list[Danger]:
    """``relay_domains``: the domains the server passes mail on for, without a login."""
    # the server's own domains (compatibility level 0's default is $mydestination) are
    # mail it delivers, not relay
    own = {w.lower() for w in words(setting(info, "mydestination"))}
    items = [w for w in words(setting(info, "relay_domains")) if w.lower() not in own]
    if not items:
        return []
    detail = QT_TRANSLATE_NOOP("Dangers", "relay_domains = {value}").format(value=" ".join(items))
    opening = [i for i in items if i in ("*", ".") or i.lower().startswith("static:")]
    if opening:
        return [
            Danger(
                "relay_domains_open",
                "refuse",
                QT_TRANSLATE_NOOP(
                    "Dangers",
                    "The server passes on mail for every domain ({entries}): anyone may send "
                    "mail through it without a login. It is an open relay.",
                ).format(entries=", ".join(opening)),
                detail,
            )
        ]
    return [
        Danger(
            "relay_domains",
            "note",
            QT_TRANSLATE_NOOP(
                "Dangers",
                "The server also accepts mail for {domains} from anyone and passes it on (as "
                "a backup or gateway for those domains).",
            ).format(domains=", ".join(items)),
            detail,
        )
    ]


def access_dangers(info: PostfixInfo) -> list[Danger]:
    """Lookup tables consulted before the relay check: an ``OK`` in them lets a stranger
    relay. A sender table is the worst (anyone can write any sender address)."""
    senders: list[str] = []
    others: list[str] = []
    for service in _reachable_services(info):
        for name in RELAY_LISTS:
            items = words(setting(info, name, service))
            for i, item in enumerate(items):
                if item in REJECTS:
                    break
                if item.startswith("check_") and item.endswith("_access") and i + 1 < len(items):
                    where = f"{item} {items[i + 1]}"
                    target = senders if item == "check_sender_access" else others
                    if where not in target:
                        target.append(where)
    out: list[Danger] = []
    if senders:
        out.append(
            Danger(
                "relay_sender_access",
                "warning",
                QT_TRANSLATE_NOOP(
                    "Dangers",
                    "A list of sender addresses is checked before the server decides who may "
                    "relay: an entry that allows an address lets anyone who writes that sender "
                    "address relay, and anyone can write any address.",
                ),
                QT_TRANSLATE_NOOP("Dangers", "Before reject_unauth_destination: {tables}.").format(
                    tables=", ".join(senders)
                ),
            )
        )
    if others:
        out.append(
            Danger(
                "relay_access_table",
                "note",
                QT_TRANSLATE_NOOP(
                    "Dangers",
                    "Lists the server reads before it decides who may relay ({tables}) may let "
                    "some machines or addresses relay without a login. Relay Wizard does not "
                    "read them: check what they allow.",
                ).format(tables=", ".join(others)),
            )
        )
    return out


def all_dangers(info: PostfixInfo) -> list[Danger]:
    """Every danger of the settings, relay first."""
    return [
        *relay_dangers(info),
        *mynetworks_dangers(info),
        *access_dangers(info),
        *relay_domains_dangers(info),
    ]


def plaintext_login_dangers(info: PostfixInfo, offered: list[str]) -> list[Danger]:
    """Logins whose passwords may cross the network unencrypted: a reachable smtpd service
    with AUTH on and without ``smtpd_tls_auth_only`` (nor TLS required, nor TLS from the
    first byte), where PLAIN or LOGIN is offered (``offered``: the mechanisms)."""
    weak = [m for m in offered if m in ("PLAIN", "LOGIN")]
    if not weak:
        return []
    bare = [
        s.name
        for s in _reachable_services(info)
        if setting(info, "smtpd_sasl_auth_enable", s).lower() == "yes"
        and setting(info, "smtpd_tls_auth_only", s).lower() != "yes"
        and setting(info, "smtpd_tls_security_level", s).lower() != "encrypt"
        and setting(info, "smtpd_tls_wrappermode", s).lower() != "yes"
    ]
    if not bare:
        return []
    return [
        Danger(
            "plaintext_auth",
            "warning",
            QT_TRANSLATE_NOOP(
                "Dangers",
                "Passwords could cross the network unencrypted, readable by anyone on the way.",
            ),
            QT_TRANSLATE_NOOP(
                "Dangers",
                "{methods} may be used before STARTTLS on {services}: smtpd_sasl_auth_enable "
                "is on without smtpd_tls_auth_only.",
            ).format(methods=" ".join(weak), services=", ".join(bare)),
        )
    ]
