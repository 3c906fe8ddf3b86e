"""Where an audit runs from, and whether the server's config trusts it to relay.

What an audit proves depends on where it runs from. The server's own config may trust
this client for relaying (an access db ``Connect:... RELAY`` line, relay-domains, the
server's own addresses): then an accepted trick is expected from here and says nothing
about strangers. :func:`vantage_point` works that out from the config (a pure function),
and the report says so, with what a conclusive test would need, instead of crying wolf.
"""

from __future__ import annotations

import dataclasses
import ipaddress
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from wizard.core.mail.tricks import TO_DOMAIN
from wizard.core.mta.detect import OtherMailServer
from wizard.core.mta.sendmail.dangers import RELAY_OPENING_FEATURES
from wizard.core.mta.sendmail.inspect_parse import build_report
from wizard.core.mta.sendmail.inspection import collect
from wizard.core.translatable import QT_TRANSLATE_NOOP

if TYPE_CHECKING:
    import threading
    from collections.abc import Sequence

    from wizard.core.mta.report import ServerReport
    from wizard.core.remote.runner import Runner


@dataclass(frozen=True)
class RelayConfig:
    """What of the server's config decides who may relay (read over SSH, or nothing).

    The access db is read from its source ``/etc/mail/access``; a source edited without
    ``makemap`` differs from what sendmail uses. ``RELAY_DOMAIN()`` lines in the .mc are
    not looked at.
    """

    known: bool = False
    access: tuple[str, ...] = ()  # the access db source, comment lines dropped
    relay_domains: tuple[str, ...] = ()  # /etc/mail/relay-domains (class R)
    relay_features: tuple[str, ...] = ()  # relay-opening FEATUREs of the .mc
    auth_options: tuple[str, ...] = ()  # AuthOptions of the .cf ("p": no plaintext)
    mta: str = "sendmail"  # the mail server whose config this is
    mynetworks: tuple[str, ...] = ()  # Postfix: the clients permit_mynetworks lets relay
    # Postfix: after this many errors in one session smtpd waits before each reply
    # (smtpd_soft_error_limit, when smtpd_error_sleep_time is not 0); 0: no such limit known
    error_limit: int = 0

    @classmethod
    def from_postfix(cls, report: ServerReport) -> RelayConfig:
        """From a Postfix server's report: who ``mynetworks`` trusts (and whether AUTH
        waits for TLS, Postfix's counterpart of AuthOptions' 'p'). Pure."""
        eff = report.postfix.effective if report.postfix else {}
        return cls(
            known=report.postfix is not None,
            auth_options=("p",) if eff.get("smtpd_tls_auth_only", "no") == "yes" else (),
            mta="postfix",
            mynetworks=tuple(eff.get("mynetworks", "").replace(",", " ").split()),
            error_limit=_error_limit(eff),
        )

    @classmethod
    def from_sections(cls, host: str, sections: dict[str, str]) -> RelayConfig:
        """From the inspection script's sections (see ``inspection.collect``). Pure."""
        report = build_report(host, sections)
        return cls(
            known=True,
            access=_meaningful(sections.get("access", "")),
            relay_domains=_meaningful(sections.get("relay-domains", "")),
            relay_features=tuple(report.relay_features),
            auth_options=tuple(report.auth.options),
        )

    def to_json(self) -> dict[str, object]:
        return {
            "known": self.known,
            "access_relay": [ln for ln in self.access if _relay_entry(ln) is not None],
            "relay_domains": list(self.relay_domains),
            "relay_features": list(self.relay_features),
            "auth_options": list(self.auth_options),
        }


def _meaningful(text: str) -> tuple[str, ...]:
    return tuple(
        ln.strip() for ln in text.splitlines() if ln.strip() and not ln.lstrip().startswith("#")
    )


def read_relay_config(
    session: Runner, host: str = "", *, cancel: threading.Event | None = None
) -> RelayConfig:
    """Read the relay-deciding config over SSH (the inspection script, one round trip;
    a second one, Postfix's own inspection, where the host runs Postfix)."""
    try:
        return RelayConfig.from_sections(host, collect(session, cancel=cancel))
    except OtherMailServer as other:
        if other.mta != "postfix":
            raise
    from wizard.core.mta.postfix.inspection import inspect_postfix  # only for Postfix hosts

    return RelayConfig.from_postfix(inspect_postfix(session, host, cancel=cancel))


def _relay_entry(line: str) -> tuple[str, str] | None:
    """(tag, key) of an access db line whose value is RELAY, else None."""
    parts = line.split(None, 1)
    if len(parts) != 2 or parts[1].split()[0].upper() != "RELAY":
        return None
    key = parts[0]
    tag, sep, rest = key.partition(":")
    if sep and tag.lower() in ("connect", "to", "from"):
        return tag.lower(), rest
    return "", key


def _address_matches(key: str, address: str) -> bool:
    """Does an access db / relay-domains key name this client address?

    sendmail compares IPv4 keys octet by octet from the left ("198.51.100" matches
    198.51.100.5) and IPv6 keys ("IPv6:2001:db8") the same way on their groups; a
    CIDR-style key ("198.51.100.0/24") is matched as a network.
    """
    try:
        client = ipaddress.ip_address(address)
    except ValueError:
        return False
    key = key.strip().strip("[]")
    if key.lower().startswith("ipv6:"):
        key = key[5:]
    if "/" in key:
        try:
            return client in ipaddress.ip_network(key, strict=False)
        except ValueError:
            return False
    if client.version == 4 and re.fullmatch(r"\d{1,3}(\.\d{1,3}){0,3}", key):
        return str(client).split(".")[: key.count(".") + 1] == key.split(".")
    if client.version == 6 and ":" in key:
        try:
            return client == ipaddress.ip_address(key)
        except ValueError:
            full = client.exploded.split(":")
            groups = [g.zfill(4) for g in key.lower().split(":") if g]
            return bool(groups) and full[: len(groups)] == groups
    return False


def _name_matches(key: str, name: str) -> bool:
    """A domain key matches the host itself and every host below it."""
    key, name = key.strip().rstrip(".").lower(), name.strip().rstrip(".").lower()
    if not key or not name or re.fullmatch(r"[\d.]+", key):
        return False
    return name == key or name.endswith("." + key)


@dataclass(frozen=True)
class Vantage:
    """Where the audit runs from, and whether the server's config trusts it to relay."""

    client_address: str  # as the server sees it (its EHLO reply), else the socket's
    client_name: str  # the name the server found for it ("" if none or forged)
    config_known: bool
    trusted_by: tuple[str, ...] = ()  # the config entries that let this client relay

    @property
    def trusted(self) -> bool:
        return bool(self.trusted_by)

    def outside_hint(self) -> str:
        """What a conclusive test needs."""
        if self.trusted:
            return QT_TRANSLATE_NOOP(
                "Audit",
                "A conclusive test needs a client the server does not trust: run the audit "
                "from a host outside what those entries cover (on another network, or the "
                "Internet), or remove the entries for the time of the test.",
            )
        if not self.config_known:
            return QT_TRANSLATE_NOOP(
                "Audit",
                "The server's config was not read (no SSH): if it trusts {address} (access db "
                "Connect: RELAY, relay-domains), run the audit from a host outside those "
                "networks to be sure.",
            ).format(address=self.client_address)
        return ""

    def note(self, accepted: bool) -> str:
        """One paragraph on what the outcome means from here."""
        who = self.client_address + (f" ({self.client_name})" if self.client_name else "")
        values = {"client": who, "entries": "; ".join(self.trusted_by), "hint": self.outside_hint()}
        if self.trusted and accepted:
            text = QT_TRANSLATE_NOOP(
                "Audit",
                "The tricks accepted are expected from this vantage point, not proof of an open "
                "relay: the server's config trusts this client, {client}, to relay: {entries}. "
                "{hint}",
            )
        elif self.trusted:
            text = QT_TRANSLATE_NOOP(
                "Audit",
                "Every trick was refused, although the server's config trusts this client, "
                "{client}, to relay: {entries}. {hint}",
            )
        elif not self.config_known:
            text = QT_TRANSLATE_NOOP("Audit", "This client is {client}. {hint}")
        else:
            text = QT_TRANSLATE_NOOP(
                "Audit",
                "This client, {client}, is not trusted by the server's config (access db, "
                "relay-domains): what it sees is what a stranger sees.",
            )
        return text.format(**values)

    def to_json(self) -> dict[str, object]:
        return {
            **dataclasses.asdict(self),
            "trusted": self.trusted,
            "trusted_by": list(self.trusted_by),
        }


def vantage_point(
    client_address: str,
    config: RelayConfig,
    *,
    client_name: str = "",
    server_addresses: Sequence[str] = (),
) -> Vantage:
    """Is this client relay-trusted by the server's config? Pure; tested on data.

    Args:
        client_address: the client's IP as the server sees it.
        config: the server's access db source, relay-domains and relay features.
        client_name: the client's host name as the server resolved it, if any.
        server_addresses: the server's own addresses (sendmail lets them relay).
    """
    reasons: list[str] = []
    try:
        ip = ipaddress.ip_address(client_address)
    except ValueError:
        ip = None
    if config.mta == "postfix":
        # permit_mynetworks: Postfix trusts the server itself only through mynetworks
        for net in config.mynetworks:
            if _address_matches(net, client_address):
                reasons.append(f"mynetworks entry '{net}'")
        return Vantage(client_address, client_name, config.known, tuple(reasons))
    if ip is not None and (ip.is_loopback or client_address in server_addresses):
        reasons.append(f"{client_address} is the server itself, which sendmail always lets relay")
    for line in config.access:
        entry = _relay_entry(line)
        if entry is None or entry[0] not in ("", "connect"):
            continue  # To:/From: RELAY entries are about addresses, not clients
        key = entry[1]
        if _address_matches(key, client_address) or _name_matches(key, client_name):
            reasons.append(f"access db line '{' '.join(line.split())}'")
    for entry_text in config.relay_domains:
        dom = entry_text.split()[0]
        if _address_matches(dom, client_address) or _name_matches(dom, client_name):
            reasons.append(f"relay-domains entry '{dom}'")
    return Vantage(client_address, client_name, config.known, tuple(reasons))


def config_explanations(config: RelayConfig) -> tuple[str, ...]:
    """Settings that open the server to strangers (not explained by any vantage point)."""
    out = [f"FEATURE(`{f}') {RELAY_OPENING_FEATURES[f]}" for f in config.relay_features]
    for line in config.access:
        entry = _relay_entry(line)
        if entry is not None and entry[0] in ("", "to") and _name_matches(entry[1], TO_DOMAIN):
            out.append(f"the access db line '{line}' lets anyone relay to {TO_DOMAIN}")
    out += [
        f"relay-domains lets anyone relay to {TO_DOMAIN} ('{d}')"
        for d in config.relay_domains
        if _name_matches(d.split()[0], TO_DOMAIN)
    ]
    return tuple(out)


def _error_limit(eff: dict[str, str]) -> int:
    """Postfix's error count after which smtpd slows down (its defaults: 10 errors, then
    1 s before each reply); 0 when it does not (an error sleep time of 0)."""
    sleep = re.fullmatch(r"\s*(\d+)\s*[smhdw]?\s*", eff.get("smtpd_error_sleep_time", "1s"))
    limit = eff.get("smtpd_soft_error_limit", "10").strip()
    if sleep is not None and int(sleep.group(1)) == 0:
        return 0
    return int(limit) if limit.isdigit() and 0 < int(limit) < 10_000 else 10
