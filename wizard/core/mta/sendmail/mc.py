"""Reading sendmail's m4 configuration (sendmail.mc) the way m4 reads it.

The scanner knows ``dnl`` comments (whole line and trailing), ``#`` comments, the
backquote-quote pairs (nested), and macro calls with comma-separated arguments. It
records where each call stands, so that edits can change only the lines they must.
Calls that stand inside a ``dnl`` comment are kept too, marked ``commented``: a stock
Debian file holds its IPv6 listeners that way.
"""

from __future__ import annotations

import ipaddress
import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from wizard.core.translatable import QT_TRANSLATE_NOOP

if TYPE_CHECKING:
    from collections.abc import Sequence

_IDENT = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")

PORT_NAMES = {"smtp": 25, "submission": 587, "smtps": 465, "submissions": 465}


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


def _arg_spans(text: str, open_paren: int, raw: list[str]) -> list[tuple[int, int]]:
    """Absolute (start, end) of each raw argument of a call whose '(' is at ``open_paren``."""
    spans = []
    pos = open_paren + 1
    for arg in raw:
        spans.append((pos, pos + len(arg)))
        pos += len(arg) + 1  # the comma
    return spans


def _branch(text: str, span: tuple[int, int]) -> tuple[int, int]:
    """The inside of one quoted ``ifdef`` branch (what m4 reads again when it takes it)."""
    start, end = span
    while start < end and text[start] in " \t\n":
        start += 1
    if start < end and text[start] == "`" and text[end - 1] == "'":
        return start + 1, end - 1
    return start, end


def _scan_region(
    text: str, begin: int, end: int, commented: bool, defined: set[str] | None = None
) -> list[MacroCall]:
    defined = set() if defined is None else defined
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
            calls.extend(_scan_region(text, after, eol, True, defined))
            i = eol
            continue
        if after < end and text[after] == "(":
            parsed = _parse_args(text, after)
            if parsed is not None and parsed[1] <= end:
                raw, stop = parsed
                call = MacroCall(
                    name=word,
                    args=tuple(unquote(a) for a in raw),
                    raw_args=tuple(raw),
                    start=i,
                    end=stop,
                    line=_line_of(text, i),
                    commented=commented,
                )
                calls.append(call)
                if word == "define" and call.args and not commented:
                    defined.add(call.args[0])
                if word == "ifdef" and len(raw) >= 2:
                    # m4 reads the branch it takes again: its calls are live, the other
                    # branch's are not. A name counts as defined when the file defines it
                    # before this point (nothing is defined on the build's command line).
                    take = 1 if call.args[0] in defined else 2
                    for index, span in enumerate(_arg_spans(text, after, raw)):
                        if index == 0:
                            continue
                        inner = _branch(text, span)
                        calls.extend(
                            _scan_region(text, *inner, commented or index != take, defined)
                        )
                i = stop
                continue
        i = after
    return calls


def scan(text: str) -> list[MacroCall]:
    """All macro calls in ``text``, live and commented, in file order."""
    calls: list[MacroCall] = []
    defined: set[str] = set()
    pos = 0
    n = len(text)
    # '#' comments run to the end of the line; m4 copies them and expands nothing inside.
    while pos < n:
        hash_at = _next_comment(text, pos)
        stop = n if hash_at < 0 else hash_at
        calls.extend(_scan_region(text, pos, stop, False, defined))
        if hash_at < 0:
            break
        eol = text.find("\n", hash_at)
        eol = n if eol < 0 else eol
        calls.extend(_scan_region(text, hash_at + 1, eol, True, defined))
        pos = eol
    return calls


# What the comment search stops at: a quote to skip, a '#', or a dnl that starts a word.
_QUOTE_HASH_OR_DNL = re.compile(r"[`#]|(?<!\w)dnl")


def _next_comment(text: str, pos: int) -> int:
    """Offset of the next '#' that starts an m4 comment (not quoted, not in a dnl), or -1."""
    while (m := _QUOTE_HASH_OR_DNL.search(text, pos)) is not None:
        if m.group() == "#":
            return m.start()
        if m.group() == "`":
            pos = _skip_quoted(text, m.start())
            continue
        eol = text.find("\n", m.start())  # a dnl: the rest of its line is not read
        if eol < 0:
            return -1
        pos = eol
    return -1


@dataclass(frozen=True)
class Listener:
    """One daemon socket sendmail opens (``DAEMON_OPTIONS``, or a default of proto.m4).

    ``address`` is "" when it listens on every address of its family; ``default`` marks
    a listener the file does not name (sendmail's default MTA, or the default MSA that
    proto.m4 adds unless ``FEATURE(no_default_msa)``).
    """

    name: str
    port: int
    address: str
    family: str = "inet"
    modifiers: str = ""
    options: dict[str, str] = field(default_factory=dict, compare=False, hash=False)
    default: bool = field(default=False, compare=False)

    @property
    def ip(self) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
        """The address as an IP (the wildcard for ""), or None for a host name."""
        text = self.address
        if text[:5].lower() == "ipv6:":
            text = text[5:]
        if not text:
            return ipaddress.ip_address("::" if self.family == "inet6" else "0.0.0.0")
        try:
            return ipaddress.ip_address(text.strip("[]"))
        except ValueError:
            return None

    @property
    def wildcard(self) -> bool:
        ip = self.ip
        return ip is not None and ip.is_unspecified

    @property
    def loopback_only(self) -> bool:
        if self.address.lower() in ("localhost", "localhost.localdomain", "ip6-localhost"):
            return True
        ip = self.ip
        if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
            return ip.ipv4_mapped.is_loopback
        return ip is not None and ip.is_loopback

    @property
    def network(self) -> bool:
        """A TCP listener (IPv4 or IPv6), as opposed to a local socket."""
        return self.family in ("inet", "inet6")

    @property
    def reachable(self) -> bool:
        """Other machines can connect to it."""
        return self.network and not self.loopback_only

    @property
    def auth_off(self) -> bool:
        """``M=A``: no AUTH on this listener."""
        return "A" in self.modifiers

    @property
    def spec(self) -> str:
        """``ADDR:PORT`` (``0.0.0.0:25``, ``[::]:25``, ``[::1]:587``, ``mail.example:25``)."""
        ip = self.ip
        if ip is None:
            return f"{self.address}:{self.port}"
        if ip.version == 6:
            return f"[{ip}]:{self.port}"
        return f"{ip}:{self.port}"

    def where(self) -> str:
        """Plain words: "port 25 on every address", "port 587 on 127.0.0.1"."""
        if self.wildcard and self.family == "inet6":
            where = QT_TRANSLATE_NOOP("Checks", "port {port} on every IPv6 address")
        elif self.wildcard:
            where = QT_TRANSLATE_NOOP("Checks", "port {port} on every address")
        else:
            where = QT_TRANSLATE_NOOP("Checks", "port {port} on {address}")
        return where.format(port=self.port, address=self.address)

    def to_json(self) -> dict[str, object]:
        return {
            "name": self.name,
            "address": self.address or ("::" if self.family == "inet6" else "0.0.0.0"),
            "port": self.port,
            "family": self.family,
            "modifiers": self.modifiers,
            "default": self.default,
        }


def parse_port(value: str) -> int:
    value = value.strip()
    if value.isdigit():
        return int(value)
    return PORT_NAMES.get(value.lower(), 0)


# sendmail's setsockaddroptions() reads a key by its first letter; these five are
# case-insensitive in every build (the others, such as c, d, D, q, r, R, are not used here).
DAEMON_KEYS = {"a": "Addr", "f": "Family", "m": "Modifiers", "n": "Name", "p": "Port"}


def daemon_key(piece: str) -> str:
    """The key one ``KEY=VALUE`` piece sets, as sendmail reads it ("Addr" for ``address=``
    and ``A=``), or "" for a piece without "=" or a key this module does not use."""
    key, eq, _ = piece.partition("=")
    key = key.lstrip()
    if not eq or not key:
        return ""
    return DAEMON_KEYS.get(key[0].lower(), "")


def parse_daemon_options(text: str) -> Listener:
    """Parse the key=value list of a DAEMON_OPTIONS argument the way sendmail does: keys by
    their first letter in any case, the last one wins, Port 25, every address and Family
    inet by default."""
    options: dict[str, str] = {}
    values: dict[str, str] = {}
    for part in text.split(","):
        if "=" not in part:
            continue
        key, _, value = part.partition("=")
        options[key.strip()] = value.strip()
        known = daemon_key(part)
        if known:
            values[known] = value.strip()
    return Listener(
        name=values.get("Name", ""),
        port=parse_port(values.get("Port") or "smtp"),
        address=values.get("Addr", ""),
        family=(values.get("Family") or "inet").lower(),
        modifiers=values.get("Modifiers", ""),
        options=options,
    )


def bind_conflicts(
    listeners: Sequence[Listener], *, v6only: bool = False
) -> list[tuple[Listener, Listener]]:
    """The pairs of listeners the kernel will not let one daemon bind together.

    sendmail sets SO_REUSEADDR and not IPV6_V6ONLY: on one port, the same address twice or
    a wildcard beside any address of its family collide everywhere; on Linux (``v6only``
    False) the IPv6 wildcard also takes every IPv4 address. The BSDs and Solaris bind an
    IPv6 socket for IPv6 only (``v6only``: see :func:`v6only_platform`). Host names are
    compared as written.
    """
    out = []
    for i, a in enumerate(listeners):
        for b in listeners[i + 1 :]:
            if a.network and b.network and a.port == b.port and _collide(a, b, v6only):
                out.append((a, b))
    return out


# OSTYPEs of systems whose IPv6 wildcard leaves IPv4 alone (the BSDs' net.inet6.ip6.v6only
# is on by default; Solaris lets the IPv4 socket have IPv4): their stock files list an IPv4
# and an IPv6 wildcard side by side.
_V6ONLY_OSTYPES = ("freebsd", "openbsd", "netbsd", "dragonfly", "bsd", "darwin", "solaris", "sunos")


def v6only_platform(mc: McFile) -> bool:
    """The file's OSTYPE is a system where :func:`bind_conflicts` takes ``v6only``."""
    ostypes = [c.args[0].lower() for c in mc.live("OSTYPE") if c.args]
    return any(o.startswith(_V6ONLY_OSTYPES) for o in ostypes)


def _collide(a: Listener, b: Listener, v6only: bool) -> bool:
    if a.family == b.family:
        if a.wildcard or b.wildcard:
            return True
        ip_a, ip_b = a.ip, b.ip
        if ip_a is None or ip_b is None:
            return a.address.lower() == b.address.lower()
        return ip_a == ip_b
    v6, v4 = (a, b) if a.family == "inet6" else (b, a)
    if v6only:
        return False
    if v6.wildcard:
        return True
    ip6 = v6.ip
    mapped = ip6.ipv4_mapped if isinstance(ip6, ipaddress.IPv6Address) else None
    return mapped is not None and (v4.wildcard or v4.ip == mapped)


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
        """The listeners the file names (``DAEMON_OPTIONS``), without sendmail's defaults."""
        return [parse_daemon_options(c.args[0]) for c in self.live("DAEMON_OPTIONS") if c.args]

    def effective_listeners(self) -> list[Listener]:
        """What sendmail built from this file opens: see :func:`effective_daemons`."""
        return effective_daemons(self)

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

    def offered_mechanisms(self) -> list[str]:
        """``confAUTH_MECHANISMS``, or sendmail's default list when the file sets none."""
        value = self.defines().get("confAUTH_MECHANISMS")
        return (value if value is not None else DEFAULT_AUTH_MECHANISMS).split()

    def trusted_mechanisms(self) -> list[str]:
        mechs: list[str] = []
        for c in self.live("TRUST_AUTH_MECH"):
            if c.args:
                mechs.extend(c.args[0].split())
        return mechs


# sendmail's AuthMechanisms when the .cf sets none (conf.c).
DEFAULT_AUTH_MECHANISMS = "EXTERNAL GSSAPI KERBEROS_V4 DIGEST-MD5 CRAM-MD5"


def effective_daemons(mc: McFile) -> list[Listener]:
    """The listeners sendmail opens with a .cf built from ``mc`` (cf/m4/proto.m4): the
    file's ``DAEMON_OPTIONS``, or the default ``Name=MTA`` (port 25, every IPv4 address)
    when it has none, and the default MSA (port 587, ``M=E``) unless
    ``FEATURE(no_default_msa)``."""
    features = mc.features()
    out = mc.listeners()
    if not out and "msp" in features:
        # feature/msp.m4: a submission client listens on loopback only (and adds
        # FEATURE(no_default_msa) itself)
        out = [Listener("NoMTA", 25, "127.0.0.1", modifiers="E", default=True)]
    elif not out and _netinet6(mc):
        out = [
            Listener("MTA-v4", 25, "", "inet", default=True),
            Listener("MTA-v6", 25, "", "inet6", default=True),
        ]
    elif not out:
        out = [Listener(name="MTA", port=25, address="", default=True)]
    if "no_default_msa" not in features and "msp" not in features:
        out.append(Listener(name="MSA", port=587, address="", modifiers="E", default=True))
    return out


def _netinet6(mc: McFile) -> bool:
    """proto.m4's default MTA is IPv4 and IPv6 when ``_NETINET6_`` is defined: by the
    Solaris 8 and 11 OSTYPEs, or by the file itself."""
    ostypes = {c.args[0] for c in mc.live("OSTYPE") if c.args}
    return bool(ostypes & {"solaris8", "solaris11"}) or "_NETINET6_" in mc.defines()


def wait_specs(mc: McFile) -> list[str]:
    """The sockets a reload must see sendmail hold for ``mc``: ``ADDR:PORT`` for an IP
    address (``[::]:25`` for IPv6), a bare ``PORT`` for a host name. Listeners marked
    optional (``M=O``: sendmail carries on if it cannot bind) and local sockets are left
    out."""
    specs = {
        lst.spec if lst.ip is not None else str(lst.port)
        for lst in effective_daemons(mc)
        if lst.network and lst.port and "O" not in lst.modifiers
    }
    return sorted(specs) or ["25"]
