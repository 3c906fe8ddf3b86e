"""The open-relay audit: try to relay without logging in, the ways spammers do.

Like nmap's ``smtp-open-relay`` (field notes 7), every trick is one MAIL FROM and one
RCPT TO on a single SMTP connection, followed by RSET; DATA is never sent, so nothing is
ever relayed even by an open server. A trick is *accepted* when RCPT gets a 2xx reply,
*refused* on a 5xx (at MAIL or RCPT), *deferred* on a 4xx: a temporary answer (a sender
domain that does not resolve right now, a reverse-DNS hiccup) proves nothing either way.
sendmail pauses before its greeting on every connection and throttles clients after a
few refused recipients (field notes 2): one connection keeps the audit fast; when the
server drops it anyway, the audit reconnects and goes on, within a time budget.

What an audit proves depends on where it runs from. The server's own config may trust
this client for relaying (an access db ``Connect:... RELAY`` line, relay-domains, the
server's own addresses): then an accepted trick is expected from here and says nothing
about strangers. :func:`vantage_point` works that out from the config (a pure function),
and the report says so, with what a conclusive test would need, instead of crying wolf.

Two more checks ride on the same connection: a wrong password must get ``535``, and a
profile that forbids it must offer no PLAIN/LOGIN before TLS.
"""

from __future__ import annotations

import ipaddress
import re
import secrets
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Literal

from wizard.core.errors import Cancelled
from wizard.core.mail.smtp import (
    HIDDEN,
    Reply,
    SmtpClient,
    SmtpFailure,
    SmtpSettings,
    Transcript,
    b64,
    park,
)
from wizard.core.mta.sendmail.dangers import RELAY_OPENING_FEATURES
from wizard.core.mta.sendmail.inspect_parse import build_report
from wizard.core.mta.sendmail.inspection import collect
from wizard.core.remote.runner import Runner

Outcome = Literal["refused", "accepted", "deferred", "untested"]
CheckStatus = Literal["passed", "failed", "skipped", "inconclusive"]
Verdict = Literal["closed", "open", "incomplete"]
Progress = Callable[[str], None]

FROM_USER = "relay-audit"
FROM_DOMAIN = "example.com"  # RFC 2606: reserved, never a real mailbox
TO_USER = "relaytest"
TO_DOMAIN = "example.net"

# The tricks as data: (name, what it tries, MAIL FROM template, RCPT TO template).
# Placeholders: {fqdn} the server's own name, {ip} its IP literal ("[198.51.100.2]"),
# {from} {from_user} {to} {to_user} {to_domain} the test addresses. The first 16 are
# nmap's smtp-open-relay list; the rest are variants seen in relay-test services.
TRICK_TEMPLATES: tuple[tuple[str, str, str, str], ...] = (
    ("null-sender", "empty sender (a bounce)", "", "{to}"),
    ("foreign-sender", "sender and recipient both elsewhere", "{from}", "{to}"),
    ("sender-own-name", "sender forged with the server's name", "{from_user}@{fqdn}", "{to}"),
    ("sender-own-ip", "sender forged with the server's IP literal", "{from_user}@{ip}", "{to}"),
    (
        "percent-ip",
        "percent hack routed through the IP literal",
        "{from_user}@{ip}",
        "{to_user}%{to_domain}@{ip}",
    ),
    (
        "percent-name",
        "percent hack routed through the server's name",
        "{from_user}@{ip}",
        "{to_user}%{to_domain}@{fqdn}",
    ),
    ("quoted", "the whole address as a quoted local part", "{from_user}@{ip}", '"{to}"'),
    (
        "quoted-percent",
        "quoted local part with the percent hack",
        "{from_user}@{ip}",
        '"{to_user}%{to_domain}"',
    ),
    ("double-at-ip", "two domains, the last the IP literal", "{from_user}@{ip}", "{to}@{ip}"),
    (
        "quoted-at-ip",
        "quoted remote address at the IP literal",
        "{from_user}@{ip}",
        '"{to}"@{ip}',
    ),
    (
        "double-at-name",
        "two domains, the last the server's name",
        "{from_user}@{ip}",
        "{to}@{fqdn}",
    ),
    ("source-route-ip", "source route through the IP literal", "{from_user}@{ip}", "@{ip}:{to}"),
    (
        "source-route-name",
        "source route through the server's name",
        "{from_user}@{ip}",
        "@{fqdn}:{to}",
    ),
    ("bang", "UUCP bang path", "{from_user}@{ip}", "{to_domain}!{to_user}"),
    (
        "bang-ip",
        "bang path at the IP literal",
        "{from_user}@{ip}",
        "{to_domain}!{to_user}@{ip}",
    ),
    (
        "bang-name",
        "bang path at the server's name",
        "{from_user}@{ip}",
        "{to_domain}!{to_user}@{fqdn}",
    ),
    (
        "quoted-at-name",
        "quoted remote address at the server's name",
        "{from_user}@{fqdn}",
        '"{to}"@{fqdn}',
    ),
    (
        "source-route-double",
        "source route through both of the server's names",
        "{from_user}@{fqdn}",
        "@{fqdn},@{ip}:{to}",
    ),
    (
        "percent-double",
        "percent hack twice through the server's name",
        "{from_user}@{fqdn}",
        "{to_user}%{to_domain}%{fqdn}@{fqdn}",
    ),
    ("trailing-dot", "recipient domain with a trailing dot", "{from}", "{to}."),
    ("sender-is-recipient", "sender in the recipient's own domain", "{to}", "{to}"),
)


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
        trick = Trick(name, what, sender.format(**values), recipient.format(**values))
        if (trick.sender, trick.recipient) not in seen:
            seen.add((trick.sender, trick.recipient))
            out.append(trick)
    return tuple(out)


# --------------------------------------------------------------------------- vantage point


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
    """Read the relay-deciding config over SSH (the inspection script, one round trip)."""
    return RelayConfig.from_sections(host, collect(session, cancel=cancel))


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
            return (
                "A conclusive test needs a client the server does not trust: run the audit "
                "from a host outside what those entries cover (on another network, or the "
                "Internet), or remove the entries for the time of the test."
            )
        if not self.config_known:
            return (
                "The server's config was not read (no SSH): if it trusts "
                f"{self.client_address} (access db Connect: RELAY, relay-domains), run the audit "
                "from a host outside those networks to be sure."
            )
        return ""

    def note(self, accepted: bool) -> str:
        """One paragraph on what the outcome means from here."""
        who = self.client_address + (f" ({self.client_name})" if self.client_name else "")
        if self.trusted:
            head = (
                "The tricks accepted are expected from this vantage point, not proof of an open "
                "relay: "
                if accepted
                else "Every trick was refused, although "
            )
            return (
                f"{head}the server's config trusts this client, {who}, to relay: "
                f"{'; '.join(self.trusted_by)}. {self.outside_hint()}"
            )
        if not self.config_known:
            return f"This client is {who}. {self.outside_hint()}"
        return (
            f"This client, {who}, is not trusted by the server's config (access db, "
            "relay-domains): what it sees is what a stranger sees."
        )

    def to_json(self) -> dict[str, object]:
        return {
            "client_address": self.client_address,
            "client_name": self.client_name,
            "config_known": self.config_known,
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


# --------------------------------------------------------------------------- results


@dataclass(frozen=True)
class TrickResult:
    trick: Trick
    outcome: Outcome
    stage: str  # "mail" or "rcpt": the reply that decided; "" when untested
    reply: Reply | None
    note: str = ""

    @property
    def accepted(self) -> bool:
        return self.outcome == "accepted"

    def to_json(self) -> dict[str, object]:
        return {
            "name": self.trick.name,
            "what": self.trick.what,
            "sender": self.trick.sender,
            "recipient": self.trick.recipient,
            "outcome": self.outcome,
            "stage": self.stage,
            "code": self.reply.code if self.reply else None,
            "reply": self.reply.text if self.reply else "",
            "note": self.note,
        }


@dataclass(frozen=True)
class AuditCheck:
    """A check beside the tricks: wrong password, plaintext before TLS."""

    name: str
    status: CheckStatus
    detail: str
    reply: Reply | None = None

    def to_json(self) -> dict[str, object]:
        return {
            "name": self.name,
            "status": self.status,
            "detail": self.detail,
            "code": self.reply.code if self.reply else None,
        }


@dataclass(frozen=True)
class AuditReport:
    """Everything one audit of one listener found."""

    host: str
    port: int
    security: str
    server_name: str
    server_address: str
    client_address: str  # the local address of this side's socket
    results: tuple[TrickResult, ...]
    vantage: Vantage
    checks: tuple[AuditCheck, ...]
    config: RelayConfig
    mechanisms_before_tls: tuple[str, ...]
    mechanisms: tuple[str, ...]  # AUTH offered once the session is as secure as it gets
    connections: int
    elapsed: float
    transcript: Transcript

    @property
    def accepted(self) -> tuple[TrickResult, ...]:
        return tuple(r for r in self.results if r.accepted)

    @property
    def unproven(self) -> tuple[TrickResult, ...]:
        """Tricks without a final answer: deferred (4xx) or untested (no answer)."""
        return tuple(r for r in self.results if r.outcome in ("deferred", "untested"))

    @property
    def verdict(self) -> Verdict:
        """What this client saw: any trick accepted is open; every one refused is closed."""
        if self.accepted:
            return "open"
        return "incomplete" if self.unproven or not self.results else "closed"

    @property
    def closed(self) -> bool:
        return self.verdict == "closed"

    @property
    def explanations(self) -> tuple[str, ...]:
        """Config settings that open the server to anyone (from the config, if read)."""
        return config_explanations(self.config)

    @property
    def failed_checks(self) -> tuple[AuditCheck, ...]:
        return tuple(c for c in self.checks if c.status == "failed")

    def accepted_text(self) -> str:
        """The accepted tricks with the server's answers, on one line."""
        return "; ".join(f"{r.trick} -> {r.reply.code if r.reply else '?'}" for r in self.accepted)

    def vantage_note(self) -> str:
        return self.vantage.note(bool(self.accepted))

    def summary(self) -> str:
        """A few sentences for a person: the verdict, what was accepted, what it means."""
        where = f"{self.host} port {self.port}"
        n = len(self.results)
        if self.verdict == "closed":
            text = f"{where} is closed: all {n} relay tricks without login were refused."
        elif self.verdict == "incomplete":
            reasons = sorted(
                {r.note or (f"answered {r.reply}" if r.reply else "") for r in self.unproven} - {""}
            )
            text = (
                f"{where}: the audit is incomplete: {len(self.unproven)} of {n} tricks got no "
                f"final answer ({'; '.join(reasons) or 'no answer'}); none was accepted."
            )
        else:
            text = (
                f"{where} relays without login for this client: {len(self.accepted)} of {n} "
                f"tricks accepted: {self.accepted_text()}."
            )
        if self.accepted and self.explanations:
            text += " The server's config explains it: " + "; ".join(self.explanations) + "."
        if self.accepted or self.vantage.trusted:
            text += " " + self.vantage_note()
        for check in self.checks:
            if check.status != "passed":
                text += f" {check.name}: {check.status}: {check.detail}"
        return text

    def to_json(self) -> dict[str, object]:
        return {
            "host": self.host,
            "port": self.port,
            "security": self.security,
            "server_name": self.server_name,
            "server_address": self.server_address,
            "client_address": self.client_address,
            "verdict": self.verdict,
            "closed": self.closed,
            "accepted": [r.trick.name for r in self.accepted],
            "tricks": [r.to_json() for r in self.results],
            "vantage": {**self.vantage.to_json(), "note": self.vantage_note()},
            "explanations": list(self.explanations),
            "config": self.config.to_json(),
            "checks": [c.to_json() for c in self.checks],
            "mechanisms_before_tls": list(self.mechanisms_before_tls),
            "mechanisms": list(self.mechanisms),
            "connections": self.connections,
            "elapsed": round(self.elapsed, 3),
            "summary": self.summary(),
            "transcript": [
                {"at": round(ln.at, 3), "direction": ln.direction, "text": ln.text}
                for ln in self.transcript.lines
            ],
        }


# --------------------------------------------------------------------------- the client side

_HELLO = re.compile(r"\bHello\s+(?:(\S+)\s+)?\[(?:IPv6:)?([0-9A-Fa-f:.]+)\]")


def parse_hello(ehlo_text: str) -> tuple[str, str]:
    """(client name, client address) from sendmail's "NAME Hello CLIENT [ADDR]" line.

    The name is "" when the server found none or calls it "(may be forged)".
    """
    first = ehlo_text.split("\n", 1)[0]
    m = _HELLO.search(first)
    if not m:
        return "", ""
    name = m.group(1) or ""
    if "may be forged" in first or name.startswith("["):
        name = ""
    return name, m.group(2)


def greeting_name(banner: Reply | None) -> str:
    """The server's own name: the first word of its greeting, if it looks like a name."""
    words = banner.text.split() if banner else []
    word = words[0] if words else ""
    return word if re.fullmatch(r"[A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?", word) else ""


class _AuditClient(SmtpClient):
    """The project's client (its hello and features before TLS are what the audit reads)."""


def _open(
    settings: SmtpSettings,
    transcript: Transcript,
    before_tls: Callable[[_AuditClient], None] | None = None,
) -> _AuditClient:
    """Connect, EHLO, (run ``before_tls``), STARTTLS + EHLO when the settings ask for it."""
    client = _AuditClient(settings, transcript)
    try:
        client.open(before_tls)  # type: ignore[arg-type]
    except BaseException:
        client.close()
        raise
    return client


def _rset(client: SmtpClient) -> bool:
    """RSET; False when the connection is gone or the server is closing it."""
    try:
        return client.command("RSET").code != 421
    except (SmtpFailure, OSError):
        return False


def _outcome(code: int) -> Outcome:
    if 200 <= code < 300:
        return "accepted"
    return "deferred" if 400 <= code < 500 else "refused"


def _try_trick(client: SmtpClient, trick: Trick) -> tuple[TrickResult | None, bool]:
    """(result or None if the server is closing, whether the connection is still usable)."""
    r = client.mail(trick.sender)
    if r.code == 421:
        return None, False
    if not 200 <= r.code < 300:
        return TrickResult(trick, _outcome(r.code), "mail", r), _rset(client)
    r = client.rcpt(trick.recipient)
    if r.code == 421:
        return None, False
    return TrickResult(trick, _outcome(r.code), "rcpt", r), _rset(client)


def _try_tricks_pipelined(
    client: SmtpClient, tricks: Sequence[Trick]
) -> tuple[list[TrickResult], bool]:
    """All ``tricks`` in one write (MAIL, RCPT, RSET each; RFC 2920), replies read in order.

    One round trip instead of three per trick on a slow link. A refused MAIL makes the
    server refuse the RCPT that follows as well (503): the MAIL reply is the outcome, as
    when the tricks are tried one by one. Returns the results of the tricks whose replies
    all arrived, and whether the connection is still usable; the caller tries the rest
    (one by one, on a new connection) when the server closed it or said 421.
    """
    commands: list[str] = []
    for trick in tricks:
        commands += [f"MAIL FROM:<{trick.sender}>", f"RCPT TO:<{trick.recipient}>", "RSET"]
    results: list[TrickResult] = []
    try:
        client.send_commands(commands)
        for trick in tricks:
            mail, rcpt, rset = client.reply(), client.reply(), client.reply()
            if 421 in (mail.code, rcpt.code):
                return results, False
            if not 200 <= mail.code < 300:
                results.append(TrickResult(trick, _outcome(mail.code), "mail", mail))
            else:
                results.append(TrickResult(trick, _outcome(rcpt.code), "rcpt", rcpt))
            if rset.code == 421:
                return results, False
    except (SmtpFailure, OSError):
        return results, False
    return results, True


_PLAIN_MECHS = ("PLAIN", "LOGIN")
_WRONG_PASSWORD_ORDER = ("CRAM-MD5", "DIGEST-MD5", "PLAIN", "LOGIN")


def _plaintext_on(client: _AuditClient, security: str) -> AuditCheck:
    """On a session not yet in TLS: no PLAIN/LOGIN offered, nor taken when not offered."""
    name = "no-plaintext-before-tls"
    if security == "tls":
        return AuditCheck(name, "passed", "Implicit TLS: nothing is said before TLS.")
    offered = [m for m in client.auth_mechanisms if m in _PLAIN_MECHS]
    if offered:
        return AuditCheck(
            name,
            "failed",
            f"{' and '.join(offered)} offered before TLS: passwords could cross the network "
            "in clear.",
        )
    # Not offered; does the server take a (made-up) PLAIN login anyway?
    token = b64(f"\0relay-wizard-probe\0{secrets.token_urlsafe(12)}".encode())
    r = client.command(f"AUTH PLAIN {token}", f"AUTH PLAIN {HIDDEN}")
    if r.code == 334:
        r = client.command("*")
    if r.code in (235, 535):
        return AuditCheck(
            name,
            "failed",
            f"PLAIN is not offered before TLS, but a PLAIN login was checked anyway ({r}).",
            r,
        )
    if 500 <= r.code < 600:
        return AuditCheck(
            name,
            "passed",
            f"No PLAIN/LOGIN before TLS (offered: {' '.join(client.auth_mechanisms) or 'none'}; "
            f"AUTH PLAIN answered {r.code}).",
            r,
        )
    return AuditCheck(name, "inconclusive", f"AUTH PLAIN before TLS answered {r}.", r)


def _wrong_password_on(client: SmtpClient, user: str) -> AuditCheck:
    name = "wrong-password"
    mech = next((m for m in _WRONG_PASSWORD_ORDER if m in client.auth_mechanisms), "")
    if not mech:
        return AuditCheck(
            name,
            "skipped",
            "The server offers no AUTH mechanism this client speaks here "
            f"({' '.join(client.auth_mechanisms) or 'none'}): no login to try.",
        )
    r = client.login(user, "wrong-" + secrets.token_urlsafe(15), mech)
    if r.code == 535:
        return AuditCheck(name, "passed", f"A wrong password for {user} ({mech}) got {r}.", r)
    if r.code == 235:
        return AuditCheck(
            name, "failed", f"A WRONG password for {user} was accepted ({mech}): {r}.", r
        )
    return AuditCheck(
        name, "inconclusive", f"A wrong password for {user} ({mech}) got {r}, not 535.", r
    )


def check_wrong_password(settings: SmtpSettings, user: str) -> AuditCheck:
    """A wrong password for ``user`` must get ``535`` (one connection of its own)."""
    client = _open(settings, Transcript())
    try:
        return _wrong_password_on(client, user)
    finally:
        client.quit()


def check_no_plaintext_before_tls(settings: SmtpSettings) -> AuditCheck:
    """No PLAIN/LOGIN before TLS on this listener (one connection of its own)."""
    plain = SmtpSettings(
        settings.host,
        settings.port,
        "tls" if settings.security == "tls" else "none",
        settings.helo_name,
        settings.timeout,
        settings.verify_cert,
        settings.pinned_sha256,
    )
    client = _open(plain, Transcript())
    try:
        return _plaintext_on(client, settings.security)
    finally:
        client.quit()


def audit_relay(
    settings: SmtpSettings,
    *,
    server_name: str = "",
    session: Runner | None = None,
    config: RelayConfig | None = None,
    user: str = "",
    forbid_plaintext_before_tls: bool | None = None,
    time_budget: float = 120.0,
    max_connections: int = 4,
    cancel: threading.Event | None = None,
    progress: Progress | None = None,
    keep_open: bool = False,
) -> AuditReport:
    """Try every trick on one connection (reconnecting when dropped); never send DATA.

    Args:
        settings: the listener; ``security`` "starttls" runs the tricks inside TLS.
        server_name: the server's name for the tricks; default: from its greeting.
        session: an SSH session to read the server's relay config (vantage point).
        config: that config, already read (wins over ``session``).
        user: an account name for the wrong-password check; "" skips it (and says so).
        forbid_plaintext_before_tls: the profile forbids PLAIN/LOGIN before TLS; None:
            as the server's AuthOptions say ('p') when its config was read, else True.
        time_budget: seconds after which the tricks left are reported untested.
        max_connections: connections the audit may open, the first included.
        keep_open: leave the connection open (``smtp.park``) for a test send that follows.

    Raises:
        SmtpFailure: the first connection failed (nothing could be tried); its
            ``transcript`` holds the conversation up to there.
        Cancelled: ``cancel`` was set.
    """
    say = progress or (lambda _msg: None)
    started = time.monotonic()
    if config is None and session is not None:
        say("Reading who the server's config lets relay")
        config = read_relay_config(session, settings.host, cancel=cancel)
    config = config or RelayConfig()
    deadline = time.monotonic() + time_budget
    transcript = Transcript()
    checks: list[AuditCheck] = []

    forbid = forbid_plaintext_before_tls
    allowed_why = "The profile allows PLAIN/LOGIN without TLS."
    if forbid is None:
        forbid = "p" in config.auth_options if config.known else True
        allowed_why = (
            "The server's AuthOptions lack 'p': its config allows PLAIN/LOGIN without TLS."
        )

    def first_steps(client: _AuditClient) -> None:
        if forbid:
            checks.append(_plaintext_on(client, settings.security))
        else:
            checks.append(AuditCheck("no-plaintext-before-tls", "skipped", allowed_why))

    say(f"Connecting to {settings.host} port {settings.port}")
    try:
        first = _open(settings, transcript, first_steps)
    except SmtpFailure as exc:
        exc.transcript = transcript  # what the server said up to the failure
        raise
    client: _AuditClient | None = first
    connections = 1
    local, peer = first.addresses()
    mechanisms_before = tuple(
        first.features_before_tls.get("AUTH", "").upper().split()
        if settings.security != "tls"
        else ()
    )
    mechanisms = tuple(first.auth_mechanisms)
    seen_name, seen_address = parse_hello(first.hello.text if first.hello else "")
    name = server_name or greeting_name(first.banner) or settings.host
    tricks = relay_tricks(name, peer)
    vantage = vantage_point(
        seen_address or local, config, client_name=seen_name, server_addresses=(peer,)
    )

    results: list[TrickResult] = []
    retried: set[int] = set()
    pipeline = True
    i = 0
    try:
        while i < len(tricks):
            if cancel is not None and cancel.is_set():
                raise Cancelled()
            trick = tricks[i]
            why = ""
            if time.monotonic() > deadline:
                why = f"the time budget of {time_budget:g} s ran out"
            elif client is None:
                if connections >= max_connections:
                    why = f"the server dropped the connection {connections} times"
                else:
                    say("The server closed the connection: connecting again")
                    try:
                        client = _open(settings, transcript)
                        connections += 1
                    except (SmtpFailure, OSError) as exc:
                        connections += 1
                        why = f"reconnecting failed: {exc}"
            if why:
                results += [TrickResult(t, "untested", "", None, why) for t in tricks[i:]]
                break
            assert client is not None
            if client.pipelining and pipeline:
                pipeline = False  # once: after a drop, the rest one by one
                say(f"Tricks {i + 1} to {len(tricks)}, pipelined")
                done, usable = _try_tricks_pipelined(client, tricks[i:])
                results += done
                i += len(done)
                if not usable:
                    client.close()
                    client = None
                continue
            say(f"Trick {i + 1} of {len(tricks)}: {trick.name}")
            try:
                result, usable = _try_trick(client, trick)
            except (SmtpFailure, OSError) as exc:
                result, usable = None, False
                why = str(exc)
            if not usable:
                client.close()
                client = None
            if result is None:  # the server is closing: try this trick once more
                if i in retried:
                    note = why or "the server closed the connection at this trick twice"
                    results.append(TrickResult(trick, "untested", "", None, note))
                    i += 1
                else:
                    retried.add(i)
                continue
            results.append(result)
            i += 1

        if not user:
            checks.append(
                AuditCheck(
                    "wrong-password",
                    "skipped",
                    "No account name was given, so a wrong password was not tried.",
                )
            )
        elif client is None:
            checks.append(
                AuditCheck(
                    "wrong-password",
                    "skipped",
                    "The connection was gone after the tricks; the login was not tried.",
                )
            )
        else:
            say("Trying a wrong password")
            try:
                checks.append(_wrong_password_on(client, user))
            except (SmtpFailure, OSError) as exc:
                checks.append(AuditCheck("wrong-password", "inconclusive", str(exc)))
    finally:
        if client is not None:
            if keep_open and _rset(client):
                park(client)
            else:
                client.quit()

    return AuditReport(
        host=settings.host,
        port=settings.port,
        security=settings.security,
        server_name=name,
        server_address=peer,
        client_address=local,
        results=tuple(results),
        vantage=vantage,
        checks=tuple(checks),
        config=config,
        mechanisms_before_tls=mechanisms_before,
        mechanisms=mechanisms,
        connections=connections,
        elapsed=time.monotonic() - started,
        transcript=transcript,
    )
