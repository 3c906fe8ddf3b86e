"""What in a sendmail configuration lets mail through without a login, in plain words.

Pure: the .mc is read with :mod:`wizard.core.mta.sendmail.mc`; the access database and
``/etc/mail/relay-domains`` are read from their text. Inspection turns each danger into a
finding, the plan into a check; the ids are the same in both (``--json``). The wizard names
these and never adds them (docs/real-world-mc.md).
"""

from __future__ import annotations

import ipaddress
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from wizard.core.translatable import QT_TRANSLATE_NOOP, both

if TYPE_CHECKING:
    from wizard.core.mta.sendmail.mc import MacroCall, McFile

Level = Literal["refuse", "warning", "note"]

# FEATUREs that let strangers relay, and why each matters (cf/README).
RELAY_OPENING_FEATURES = {
    "promiscuous_relay": QT_TRANSLATE_NOOP(
        "Dangers", "relays mail for anyone: the server is an open relay"
    ),
    "relay_entire_domain": QT_TRANSLATE_NOOP(
        "Dangers", "lets every host in the server's own domain relay without a login"
    ),
    "relay_based_on_MX": QT_TRANSLATE_NOOP(
        "Dangers",
        "relays for any domain that names this server as its mail exchanger (MX), which "
        "whoever controls that domain's DNS decides",
    ),
    "loose_relay_check": QT_TRANSLATE_NOOP(
        "Dangers",
        "accepts addresses like user%other.example@this-server (the %-hack), which spammers "
        "use to slip past relay checks",
    ),
    "relay_local_from": QT_TRANSLATE_NOOP(
        "Dangers",
        "relays when the sender address claims to be from this server's domain, which anyone "
        "can forge",
    ),
    "relay_mail_from": QT_TRANSLATE_NOOP(
        "Dangers", "relays based on the sender address, which anyone can forge"
    ),
}

# Features after which sendmail is not a server staff can relay through at all.
NOT_A_SERVER = {
    "nullclient": QT_TRANSLATE_NOOP(
        "Dangers",
        "makes this sendmail a null client: it forwards everything to one other mail server "
        "and accepts no mail from the network, so it is not a mail server staff can send "
        "through. Relay Wizard will not change it; set up the relay on the server it forwards to",
    ),
    "msp": QT_TRANSLATE_NOOP(
        "Dangers",
        "is the configuration of a mail submission client (submit.cf), not of a mail server. "
        "Relay Wizard will not change it; point it at the server's own sendmail.mc",
    ),
}


@dataclass(frozen=True)
class Danger:
    """One thing that lets mail through without a login (or stops the wizard).

    ``level``: "refuse" (the wizard will not plan on it), "warning" or "note".
    """

    id: str
    level: Level
    message: str
    line: int = 0
    subject: str = ""  # the entry it is about (an access db line), where there is one


def _where(call: MacroCall, path: str) -> str:
    return QT_TRANSLATE_NOOP("Dangers", "Line {line} of {path}").format(line=call.line, path=path)


def _is_network(entry: str) -> bool:
    """A class R / RELAY_DOMAIN entry that is an IP network (``10``, ``192.168.1``,
    ``IPv6:2001:db8``), not a domain name."""
    text = entry.strip().strip("[]")
    if text[:5].lower() == "ipv6:":
        return True
    if re.fullmatch(r"\d{1,3}(\.\d{1,3}){0,3}\.?", text):
        return True
    try:
        ipaddress.ip_network(text, strict=False)
        return True
    except ValueError:
        return False


def _entries_text(entries: list[str]) -> str:
    networks = [e for e in entries if _is_network(e)]
    domains = [e for e in entries if not _is_network(e)]
    parts: list[str] = []
    if len(networks) > 1:
        parts.append(
            QT_TRANSLATE_NOOP("Dangers", "every host of the networks {networks}").format(
                networks=", ".join(networks)
            )
        )
    elif networks:
        parts.append(
            QT_TRANSLATE_NOOP("Dangers", "every host of the network {networks}").format(
                networks=networks[0]
            )
        )
    if domains:
        parts.append(
            QT_TRANSLATE_NOOP("Dangers", "every host in {domains}").format(
                domains=", ".join(domains)
            )
        )
    return both(parts)


_CLASS_R = re.compile(r"^[ \t]*(C|F)[ \t]*(R|\{R\})[ \t]*(.*?)[ \t]*$")


def mc_dangers(mc: McFile, path: str = "sendmail.mc") -> list[Danger]:
    """Everything in the .mc that relays without a login, or that is not a relay server."""
    out: list[Danger] = []
    for call in mc.live("FEATURE"):
        if not call.args:
            continue
        name = call.args[0]
        if name in NOT_A_SERVER:
            out.append(
                Danger(
                    name,
                    "refuse",
                    QT_TRANSLATE_NOOP("Dangers", "{where}, FEATURE(`{name}'), {why}.").format(
                        where=_where(call, path), name=name, why=NOT_A_SERVER[name]
                    ),
                    call.line,
                )
            )
        elif name == "promiscuous_relay":
            out.append(
                Danger(
                    "feature_promiscuous_relay",
                    "refuse",
                    QT_TRANSLATE_NOOP(
                        "Dangers",
                        "{where}, FEATURE(`promiscuous_relay'), {why}. Relay Wizard will not "
                        "set up logins on an open relay: remove that line first (strangers are "
                        "sending through it now).",
                    ).format(where=_where(call, path), why=RELAY_OPENING_FEATURES[name]),
                    call.line,
                )
            )
        elif name in RELAY_OPENING_FEATURES:
            out.append(
                Danger(
                    f"feature_{name}",
                    "warning",
                    QT_TRANSLATE_NOOP(
                        "Dangers",
                        "{where}, FEATURE(`{name}'), {why}. Relay Wizard leaves it; remove it "
                        "unless you need it.",
                    ).format(where=_where(call, path), name=name, why=RELAY_OPENING_FEATURES[name]),
                    call.line,
                )
            )
        elif name == "authinfo":
            out.append(
                Danger(
                    "client_auth",
                    "note",
                    QT_TRANSLATE_NOOP(
                        "Dangers",
                        "{where}, FEATURE(`authinfo'): this server logs in to the mail server it "
                        "sends through. That login is its own, not one for staff: it does not "
                        "make this server an authenticated relay.",
                    ).format(where=_where(call, path)),
                    call.line,
                )
            )
    for call in mc.live("RELAY_DOMAIN"):
        entries = " ".join(call.args).split()
        if entries:
            out.append(
                Danger(
                    "relay_domain",
                    "warning",
                    QT_TRANSLATE_NOOP(
                        "Dangers",
                        "{where}, RELAY_DOMAIN: {entries} may relay without a login. Relay "
                        "Wizard leaves it; remove what is not yours.",
                    ).format(where=_where(call, path), entries=_entries_text(entries)),
                    call.line,
                )
            )
    for call in mc.live("RELAY_DOMAIN_FILE"):
        source = call.args[0] if call.args else ""
        out.append(
            Danger(
                "relay_domain_file",
                "warning",
                QT_TRANSLATE_NOOP(
                    "Dangers",
                    "{where}, RELAY_DOMAIN_FILE({source}): every host, domain or network listed "
                    "in that file may relay without a login. Check what it lists.",
                ).format(where=_where(call, path), source=source),
                call.line,
            )
        )
    for call in mc.live("HACK"):
        if call.args and call.args[0] == "popauth":
            out.append(
                Danger(
                    "hack_popauth",
                    "warning",
                    QT_TRANSLATE_NOOP(
                        "Dangers",
                        "{where}, HACK(`popauth') (POP-before-SMTP): any computer that fetched "
                        "mail by POP in the last minutes may relay without a login, including "
                        "whoever shares its address (a hotel, a café). With SMTP AUTH it is no "
                        "longer needed; remove it once staff log in.",
                    ).format(where=_where(call, path)),
                    call.line,
                )
            )
    out.extend(_class_r(mc, path))
    out.extend(_auth_options(mc, path))
    if not any(d.id == "client_auth" for d in out):
        defines = mc.defines()
        smart = mc.live("SMART_HOST") or "SMART_HOST" in defines
        if (
            smart
            and not mc.trusted_mechanisms()
            and ("confAUTH_MECHANISMS" in defines or "confDEF_AUTH_INFO" in defines)
        ):
            out.append(
                Danger(
                    "client_auth",
                    "note",
                    QT_TRANSLATE_NOOP(
                        "Dangers",
                        "The AUTH settings in this file serve the smart host (the server this "
                        "one sends through): nothing trusts a login for relaying (no "
                        "TRUST_AUTH_MECH), so this server is not an authenticated relay yet.",
                    ),
                )
            )
    return out


def _auth_options(mc: McFile, path: str) -> list[Danger]:
    """``confAUTH_OPTIONS`` with letters run together: sendmail reads only the first letter
    of each word (readcf.c), so ``Apy`` is ``A`` alone and ``p`` (no plaintext logins
    before TLS) is not in effect."""
    calls = [c for c in mc.live("define") if c.args and c.args[0] == "confAUTH_OPTIONS"]
    if not calls or len(calls[-1].args) < 2:
        return []
    call, value = calls[-1], calls[-1].args[1]
    words = [w for w in re.split(r"[ \t,]+", value) if w]
    run_together = [w for w in words if len(w) > 1]
    if not run_together:
        return []
    lost = [ch for w in run_together for ch in w[1:] if ch.isalpha()]
    effect = " ".join(w[0] for w in words)
    if "p" in lost:
        text = QT_TRANSLATE_NOOP(
            "Dangers",
            "{where}, confAUTH_OPTIONS `{value}': sendmail reads only the first letter of each "
            "word, so only {effect} is in effect, not {lost}. PLAIN and LOGIN may be used "
            "before TLS, passwords readable on the way. Written as `{letters}' it does what it "
            "says.",
        )
    else:
        text = QT_TRANSLATE_NOOP(
            "Dangers",
            "{where}, confAUTH_OPTIONS `{value}': sendmail reads only the first letter of each "
            "word, so only {effect} is in effect, not {lost}. Written as `{letters}' it does "
            "what it says.",
        )
    message = text.format(
        where=_where(call, path),
        value=value,
        effect=effect,
        lost=" ".join(lost),
        letters=" ".join(_letters(value)),
    )
    return [Danger("auth_options_run_together", "warning", message, call.line)]


def _letters(value: str) -> list[str]:
    return list(dict.fromkeys(ch for ch in value if ch.isalpha()))


def _class_r(mc: McFile, path: str) -> list[Danger]:
    """Raw class R lines (``CR``, ``C{R}``, ``FR``) in the file's live text."""
    out: list[Danger] = []
    for number, line in enumerate(mc.text.splitlines(), 1):
        m = _CLASS_R.match(line)
        if m is None:
            continue
        kind, rest = m.group(1), m.group(3)
        if kind == "F":
            message = QT_TRANSLATE_NOOP(
                "Dangers",
                "Line {line} of {path} reads class R (who may relay without a login) from "
                "{source}: check what it lists.",
            ).format(line=number, path=path, source=rest or QT_TRANSLATE_NOOP("Dangers", "a file"))
        else:
            entries = rest.split()
            if not entries:
                continue
            message = QT_TRANSLATE_NOOP(
                "Dangers",
                "Line {line} of {path} adds to class R: {entries} may relay without a login.",
            ).format(line=number, path=path, entries=_entries_text(entries))
        out.append(Danger("class_r", "warning", message, number))
    return out


_LOOPBACK_KEYS = re.compile(
    r"^(connect:)?(127(\.\d+){0,3}|localhost(\.localdomain)?|ipv6:::1|ipv6:0:0:0:0:0:0:0:1)$",
    re.I,
)


def access_dangers(text: str) -> tuple[list[str], list[Danger]]:
    """(loopback RELAY lines, dangers) from the access database's source text.

    ``Connect:`` (or untagged) RELAY entries let those clients relay without a login;
    ``To:`` RELAY entries let anyone relay *to* that destination, which is how a backup MX
    works for one domain and an open door for a whole top-level domain or network.
    """
    loopback: list[str] = []
    out: list[Danger] = []
    for raw in text.splitlines():
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        parts = line.split(None, 1)
        if len(parts) != 2 or parts[1].strip().upper() != "RELAY":
            continue
        key = parts[0]
        tag, colon, rest = key.partition(":")
        tag = tag.lower() if colon else ""
        if tag == "from":
            continue
        if tag == "to":
            target = rest.strip().strip("[]").rstrip(".")
            if "@" in target:
                continue  # one address
            if not target or _is_network(target) or "." not in target:
                out.append(
                    Danger(
                        "access_to_relay",
                        "warning",
                        QT_TRANSLATE_NOOP(
                            "Dangers",
                            "The access database line '{line}' lets anyone relay mail to "
                            "{target} without a login.",
                        ).format(
                            line=line,
                            target=target or QT_TRANSLATE_NOOP("Dangers", "every address"),
                        ),
                        subject=line,
                    )
                )
            continue
        if _LOOPBACK_KEYS.match(key):
            loopback.append(line)
            continue
        out.append(
            Danger(
                "access_relay",
                "warning",
                QT_TRANSLATE_NOOP(
                    "Dangers",
                    "The access database line '{line}' lets that network or domain relay "
                    "without a login.",
                ).format(line=line),
                subject=line,
            )
        )
    return loopback, out


def relay_domains_dangers(text: str) -> list[Danger]:
    """``/etc/mail/relay-domains``: each line may relay without a login."""
    out = []
    for raw in text.splitlines():
        entry = raw.strip()
        if not entry or entry.startswith("#"):
            continue
        out.append(
            Danger(
                "relay_domains",
                "warning",
                QT_TRANSLATE_NOOP(
                    "Dangers", "/etc/mail/relay-domains lets {entries} relay without a login."
                ).format(entries=_entries_text([entry])),
            )
        )
    return out
