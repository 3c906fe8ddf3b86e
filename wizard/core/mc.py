"""Reading sendmail's m4 configuration (sendmail.mc) the way m4 reads it.

The scanner knows ``dnl`` comments (whole line and trailing), ``#`` comments, the
backquote-quote pairs (nested), and macro calls with comma-separated arguments. It
records where each call stands, so that edits can change only the lines they must.
Calls that stand inside a ``dnl`` comment are kept too, marked ``commented``: a stock
Debian file holds its IPv6 listeners that way.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

_IDENT = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")

PORT_NAMES = {"smtp": 25, "submission": 587, "smtps": 465, "submissions": 465}

# FEATUREs that let strangers relay, and why each matters (cf/README).
RELAY_OPENING_FEATURES = {
    "promiscuous_relay": "relays mail for anyone: the server is an open relay",
    "relay_entire_domain": "relays for every host in the server's domain",
    "relay_based_on_MX": "relays for any domain that lists this server as its MX",
    "loose_relay_check": "accepts the %-hack, which spammers use to slip past relay checks",
    "relay_local_from": "relays when the sender address claims to be local (easily forged)",
    "relay_mail_from": "relays based on the sender address, which anyone can forge",
}


@dataclass(frozen=True)
class MacroCall:
    """One macro call in the file, e.g. ``DAEMON_OPTIONS(`Port=smtp, Addr=127.0.0.1')``.

    Attributes:
        name: the macro name.
        args: the arguments with one level of quotes removed and outer spaces stripped.
        raw_args: the arguments as written.
        start: offset of the first character of the name in the file text.
        end: offset just past the closing parenthesis.
        line: 1-based line number of ``start``.
        commented: the call stands inside a ``dnl`` (or ``#``) comment.
    """

    name: str
    args: tuple[str, ...]
    raw_args: tuple[str, ...]
    start: int
    end: int
    line: int
    commented: bool = False


def unquote(text: str) -> str:
    """Remove one level of m4 quotes around ``text`` (after stripping spaces)."""
    text = text.strip()
    if text.startswith("`") and text.endswith("'"):
        return text[1:-1]
    return text


def _skip_quoted(text: str, pos: int) -> int:
    """``text[pos]`` is a backquote: return the offset just past its matching quote."""
    depth = 0
    n = len(text)
    while pos < n:
        ch = text[pos]
        if ch == "`":
            depth += 1
        elif ch == "'":
            depth -= 1
            if depth == 0:
                return pos + 1
        pos += 1
    return n


def _parse_args(text: str, pos: int) -> tuple[list[str], int] | None:
    """``text[pos]`` is '(': return (raw args, offset past ')'), or None if unbalanced."""
    args: list[str] = []
    depth = 0
    start = pos + 1
    i = pos
    n = len(text)
    while i < n:
        ch = text[i]
        if ch == "`":
            i = _skip_quoted(text, i)
            continue
        if ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
            if depth == 0:
                args.append(text[start:i])
                return args, i + 1
        elif ch == "," and depth == 1:
            args.append(text[start:i])
            start = i + 1
        i += 1
    return None


def _line_of(text: str, pos: int) -> int:
    return text.count("\n", 0, pos) + 1


def _scan_region(text: str, begin: int, end: int, commented: bool) -> list[MacroCall]:
    calls: list[MacroCall] = []
    i = begin
    while i < end:
        ch = text[i]
        if ch == "`":
            i = _skip_quoted(text, i)
            continue
        m = _IDENT.match(text, i)
        if m is None:
            i += 1
            continue
        word = m.group(0)
        after = m.end()
        prev = text[i - 1] if i > 0 else ""
        if prev.isalnum() or prev == "_":
            i = after
            continue
        if word == "dnl" and not commented:
            eol = text.find("\n", after)
            eol = end if eol < 0 or eol > end else eol
            calls.extend(_scan_region(text, after, eol, True))
            i = eol
            continue
        if after < end and text[after] == "(":
            parsed = _parse_args(text, after)
            if parsed is not None and parsed[1] <= end:
                raw, stop = parsed
                calls.append(
                    MacroCall(
                        name=word,
                        args=tuple(unquote(a) for a in raw),
                        raw_args=tuple(raw),
                        start=i,
                        end=stop,
                        line=_line_of(text, i),
                        commented=commented,
                    )
                )
                i = stop
                continue
        i = after
    return calls


def scan(text: str) -> list[MacroCall]:
    """All macro calls in ``text``, live and commented, in file order."""
    calls: list[MacroCall] = []
    pos = 0
    n = len(text)
    # '#' comments run to the end of the line; m4 copies them and expands nothing inside.
    while pos < n:
        hash_at = _next_comment(text, pos)
        stop = n if hash_at < 0 else hash_at
        calls.extend(_scan_region(text, pos, stop, False))
        if hash_at < 0:
            break
        eol = text.find("\n", hash_at)
        eol = n if eol < 0 else eol
        calls.extend(_scan_region(text, hash_at + 1, eol, True))
        pos = eol
    return calls


def _next_comment(text: str, pos: int) -> int:
    """Offset of the next '#' that starts an m4 comment (not quoted, not in a dnl), or -1."""
    n = len(text)
    i = pos
    while i < n:
        ch = text[i]
        if ch == "`":
            i = _skip_quoted(text, i)
            continue
        if ch == "#":
            return i
        if text.startswith("dnl", i) and (
            i == 0 or not (text[i - 1].isalnum() or text[i - 1] == "_")
        ):
            eol = text.find("\n", i)
            if eol < 0:
                return -1
            i = eol
            continue
        i += 1
    return -1


@dataclass(frozen=True)
class Listener:
    """A ``DAEMON_OPTIONS`` listener. ``address`` is "" when it listens on all addresses."""

    name: str
    port: int
    address: str
    family: str = "inet"
    modifiers: str = ""
    options: dict[str, str] = field(default_factory=dict, compare=False, hash=False)

    @property
    def loopback_only(self) -> bool:
        return self.address in ("127.0.0.1", "::1", "localhost") or self.address.startswith("127.")

    def to_json(self) -> dict[str, object]:
        return {
            "name": self.name,
            "address": self.address or ("::" if self.family == "inet6" else "0.0.0.0"),
            "port": self.port,
            "family": self.family,
            "modifiers": self.modifiers,
        }


def parse_port(value: str) -> int:
    value = value.strip()
    if value.isdigit():
        return int(value)
    return PORT_NAMES.get(value.lower(), 0)


def parse_daemon_options(text: str) -> Listener:
    """Parse the key=value list of a DAEMON_OPTIONS argument, in any order and spacing."""
    options: dict[str, str] = {}
    for part in text.split(","):
        if "=" not in part:
            continue
        key, _, value = part.partition("=")
        options[key.strip()] = value.strip()

    # Keys may be abbreviated to their first letter (Addr=, A=; Port=, P=; Name=, N=).
    def pick(*keys: str) -> str:
        for key in keys:
            for k, v in options.items():
                if k.lower() == key.lower():
                    return v
        return ""

    return Listener(
        name=pick("Name", "N"),
        port=parse_port(pick("Port", "P") or "smtp"),
        address=pick("Addr", "A"),
        family=pick("Family", "F") or "inet",
        modifiers=pick("Modifiers", "M"),
        options=options,
    )


@dataclass(frozen=True)
class McFile:
    """A parsed sendmail.mc: the text and the calls found in it."""

    text: str
    calls: tuple[MacroCall, ...]

    @classmethod
    def parse(cls, text: str) -> McFile:
        return cls(text, tuple(scan(text)))

    def live(self, name: str) -> list[MacroCall]:
        return [c for c in self.calls if c.name == name and not c.commented]

    def listeners(self) -> list[Listener]:
        return [parse_daemon_options(c.args[0]) for c in self.live("DAEMON_OPTIONS") if c.args]

    def features(self) -> list[str]:
        return [c.args[0] for c in self.live("FEATURE") if c.args]

    def defines(self) -> dict[str, str]:
        out: dict[str, str] = {}
        for c in self.live("define"):
            if c.args:
                out[c.args[0]] = c.args[1] if len(c.args) > 1 else ""
        return out

    def includes(self) -> list[str]:
        return [c.args[0] for c in self.live("include") if c.args]

    def trusted_mechanisms(self) -> list[str]:
        mechs: list[str] = []
        for c in self.live("TRUST_AUTH_MECH"):
            if c.args:
                mechs.extend(c.args[0].split())
        return mechs
