"""Editing sendmail.mc so that only the lines that must change do.

Every edit is a replacement of a span of the original text (a macro call, one argument
of it, or an insertion point at the start of a line); all other bytes stay exactly as
they were: comments, odd spacing, tabs, CRLF line endings. Edits are collected first
and applied together, so positions always refer to the original text.

New lines go where m4 needs them: an added ``DAEMON_OPTIONS`` right after the last live
one; new ``define``s, ``TRUST_AUTH_MECH`` and ``FEATURE``s in one block just before the
first ``MAILER_DEFINITIONS`` or ``MAILER(`` line (sendmail's m4 wants them before the
mailers), or at the end of a file without mailers.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from wizard.core.exports.lineops import LineOp, NotLineBased
from wizard.core.mta.sendmail.mc import (
    Listener,
    MacroCall,
    McFile,
    daemon_key,
    parse_daemon_options,
)

if TYPE_CHECKING:
    from collections.abc import Iterable

BLOCK_HEADER = "dnl # Relay Wizard: authenticated relay (SMTP AUTH) settings"

MAILER_LINE = r"^[ \t]*(MAILER_DEFINITIONS\b|MAILER[ \t]*\()"
DAEMON_LINE = r"^[ \t]*DAEMON_OPTIONS[ \t]*\("
_MAILER_LINE = re.compile(MAILER_LINE, re.M)


@dataclass(frozen=True)
class _Replace:
    start: int
    end: int
    text: str
    key: str = ""  # a regular expression that finds the edited line, before and after


def _macro_key(name: str, first_arg: str = "") -> str:
    """A regexp for a live line that starts with macro ``name`` (first argument ``first_arg``)."""
    key = rf"^[ \t]*{re.escape(name)}[ \t]*\("
    if first_arg:
        key += rf"[ \t]*`?{re.escape(first_arg)}'?[ \t]*[,)]"
    return key


def listener_key(listener: Listener) -> str:
    """A regexp for the live DAEMON_OPTIONS line of ``listener``: by name, else by port.

    Keys match as sendmail reads them: by first letter, in either case (``Name=``, ``N=``,
    ``name=``).
    """
    if listener.name:
        value = re.escape(listener.name)
        return DAEMON_LINE + rf"[^)]*(\b|`)[Nn][A-Za-z]*[ \t]*=[ \t]*{value}[ \t]*[,']"
    value = re.escape(str(listener.port))
    return DAEMON_LINE + rf"[^)]*(\b|`)[Pp][A-Za-z]*[ \t]*=[ \t]*{value}[ \t]*[,']"


def _split_keep(content: str) -> list[str]:
    """Split a DAEMON_OPTIONS argument on commas, keeping each piece's spacing."""
    return content.split(",")


def _arg_span(text: str, call: MacroCall, index: int) -> tuple[int, int]:
    """Absolute (start, end) of raw argument ``index`` of ``call`` in ``text``."""
    pos = text.index("(", call.start) + 1
    for i, raw in enumerate(call.raw_args):
        if i == index:
            return pos, pos + len(raw)
        pos += len(raw) + 1  # the comma
    raise IndexError(index)


def _quoted_content_span(raw: str) -> tuple[int, int]:
    """(start, end) of what is inside the outer quotes of ``raw`` (or the stripped text)."""
    left = len(raw) - len(raw.lstrip())
    right = len(raw.rstrip())
    if raw[left : left + 1] == "`" and raw[right - 1 : right] == "'" and right - left >= 2:
        return left + 1, right - 1
    return left, right


def edit_daemon_options(content: str, *, drop_addr: bool, modifiers: str | None) -> str:
    """A DAEMON_OPTIONS argument with its address dropped and/or ``M=`` set; spacing kept.

    Keys are read as sendmail reads them (first letter, either case): ``Addr=``,
    ``Address=``, ``address=`` and ``A=`` all go; the last ``M=`` (the one sendmail uses)
    gets the new modifiers.
    """
    pieces = _split_keep(content)
    if drop_addr:
        kept = [piece for piece in pieces if daemon_key(piece) != "Addr"]
        # A first piece that lost its predecessor keeps no leading blanks.
        if kept and len(kept) < len(pieces) and daemon_key(pieces[0]) == "Addr":
            kept[0] = kept[0].lstrip()
        pieces = kept
    if modifiers is not None:
        at = [i for i, piece in enumerate(pieces) if daemon_key(piece) == "Modifiers"]
        if at:
            i = at[-1]
            name, _, value = pieces[i].partition("=")
            trail = value[len(value.rstrip()) :]
            lead = value[: len(value) - len(value.lstrip())]
            pieces[i] = f"{name}={lead}{modifiers}{trail}"
        else:
            pieces.append(f" M={modifiers}")
    return ",".join(pieces)


class McEditor:
    """Collects edits on one .mc text and produces the edited text."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.mc = McFile.parse(text)
        self.newline = "\r\n" if "\r\n" in text else "\n"
        self._replacements: list[_Replace] = []
        self._block: list[str] = []
        self._after_daemons: list[str] = []
        self._keys: dict[str, str] = {}  # added line -> regexp that finds it

    # ---- reading helpers

    def live_daemons(self) -> list[tuple[MacroCall, Listener]]:
        return [
            (c, parse_daemon_options(c.args[0])) for c in self.mc.live("DAEMON_OPTIONS") if c.args
        ]

    def last_define(self, name: str) -> MacroCall | None:
        found = [c for c in self.mc.live("define") if c.args and c.args[0] == name]
        return found[-1] if found else None

    def has_feature(self, name: str) -> bool:
        return name in self.mc.features()

    def includes(self, path_suffix: str) -> bool:
        return any(inc.endswith(path_suffix) for inc in self.mc.includes())

    # ---- edits

    def edit_listener(
        self, call: MacroCall, *, drop_addr: bool = False, modifiers: str | None = None
    ) -> bool:
        """Change one DAEMON_OPTIONS call in place. True if it changes."""
        start, end = _arg_span(self.text, call, 0)
        raw = self.text[start:end]
        cs, ce = _quoted_content_span(raw)
        content = raw[cs:ce]
        new = edit_daemon_options(content, drop_addr=drop_addr, modifiers=modifiers)
        if new == content:
            return False
        key = listener_key(parse_daemon_options(call.args[0]))
        self._replacements.append(_Replace(start + cs, start + ce, new, key))
        return True

    def add_listener(self, options: str) -> None:
        """Add ``DAEMON_OPTIONS(`options')dnl`` after the last live one (or in the block)."""
        line = f"DAEMON_OPTIONS(`{options}')dnl"
        self._keys[line] = listener_key(parse_daemon_options(options))
        if self.mc.live("DAEMON_OPTIONS"):
            self._after_daemons.append(line)
        else:
            self._block.append(line)

    def set_define(self, name: str, value: str, *, same: bool = False) -> bool:
        """Make ``define(`name', `value')`` hold. ``same``: the current value is equivalent."""
        current = self.last_define(name)
        if current is not None:
            if same:
                return False
            self._replace_call(current, f"define(`{name}', `{value}')", _macro_key("define", name))
            return True
        line = f"define(`{name}', `{value}')dnl"
        self._block.append(line)
        self._keys[line] = _macro_key("define", name)
        return True

    def set_trust_auth_mech(self, mechanisms: Iterable[str]) -> bool:
        wanted = list(mechanisms)
        calls = self.mc.live("TRUST_AUTH_MECH")
        text = f"TRUST_AUTH_MECH(`{' '.join(wanted)}')"
        if calls:
            if set(self.mc.trusted_mechanisms()) == set(wanted):
                return False
            key = _macro_key("TRUST_AUTH_MECH")
            self._replace_call(calls[-1], text, key)
            for extra in calls[:-1]:  # earlier calls add to the same class: make them agree
                self._replace_call(extra, text, key)
            return True
        self._block.append(f"{text}dnl")
        self._keys[f"{text}dnl"] = _macro_key("TRUST_AUTH_MECH")
        return True

    def add_feature(self, name: str) -> bool:
        if self.has_feature(name):
            return False
        self._block.append(f"FEATURE(`{name}')dnl")
        self._keys[f"FEATURE(`{name}')dnl"] = _macro_key("FEATURE", name)
        return True

    def _replace_call(self, call: MacroCall, text: str, key: str) -> None:
        self._replacements.append(_Replace(call.start, call.end, text, key))

    # ---- result

    def _line_start_after(self, pos: int) -> int:
        eol = self.text.find("\n", pos)
        return len(self.text) if eol < 0 else eol + 1

    def result(self) -> str:
        edits = list(self._replacements)
        nl = self.newline
        if self._after_daemons:
            last = self.mc.live("DAEMON_OPTIONS")[-1]
            at = self._line_start_after(last.end)
            prefix = "" if at == 0 or self.text[:at].endswith("\n") else nl
            edits.append(_Replace(at, at, prefix + "".join(ln + nl for ln in self._after_daemons)))
        if self._block:
            block = "".join(ln + nl for ln in [BLOCK_HEADER, *self._block])
            at = self._block_position()
            prefix = "" if at == 0 or self.text[:at].endswith("\n") else nl
            edits.append(_Replace(at, at, prefix + block))
        out = self.text
        # Apply from the end so earlier offsets stay valid; insertions at the same offset
        # keep their order (listeners before the block).
        for edit in sorted(edits, key=lambda e: (e.start, e.end), reverse=True):
            out = out[: edit.start] + edit.text + out[edit.end :]
        return out

    def operations(self) -> list[LineOp]:
        """The same edits as :meth:`result`, as ``lineinfile`` operations, in order.

        Each edited line becomes "ensure this line, found by this regexp" (the regexp
        matches it before and after, so a second run changes nothing); added listeners go
        after the last ``DAEMON_OPTIONS`` line; the block's lines go, header first, before
        the first ``MAILER`` line (or at the end of a file without one).

        Raises:
            NotLineBased: an edited macro call spans several lines.
        """
        if "\r\n" in self.text:
            raise NotLineBased(
                "the file has Windows (CRLF) line endings, which the lines Ansible's "
                "lineinfile adds would not keep"
            )
        ops: list[LineOp] = []
        by_line: dict[int, list[_Replace]] = {}
        for edit in sorted(self._replacements, key=lambda e: e.start):
            line_start = self.text.rfind("\n", 0, edit.start) + 1
            if "\n" in self.text[edit.start : edit.end]:
                raise NotLineBased(
                    f"line {self.text.count(chr(10), 0, edit.start) + 1}: the macro call to edit "
                    "spans several lines"
                )
            by_line.setdefault(line_start, []).append(edit)
        for line_start, edits in by_line.items():
            line_end = self._line_start_after(line_start)
            line = self.text[line_start:line_end]
            for edit in sorted(edits, key=lambda e: e.start, reverse=True):
                a, b = edit.start - line_start, edit.end - line_start
                line = line[:a] + edit.text + line[b:]
            body = line.rstrip("\r\n")
            what = body.split("(", 1)[0].strip() or "line"
            ops.append(LineOp(body, regexp=edits[0].key, why=f"Edit {what}: {body}"))
        for line in self._after_daemons:
            ops.append(LineOp(line, self._keys[line], insertafter=DAEMON_LINE, why=f"Add {line}"))
        if self._block:
            before = MAILER_LINE if self._block_position() < len(self.text) else ""
            ops.append(
                LineOp(
                    BLOCK_HEADER,
                    insertbefore=before,
                    firstmatch=bool(before),
                    why="Mark the Relay Wizard settings",
                )
            )
            for line in self._block:
                ops.append(
                    LineOp(
                        line,
                        self._keys[line],
                        insertbefore=before,
                        firstmatch=bool(before),
                        why=f"Set {line}",
                    )
                )
        return ops

    def _block_position(self) -> int:
        for m in _MAILER_LINE.finditer(self.text):
            if self._is_live(m.start(1)):
                return m.start()
        return len(self.text)

    def _is_live(self, pos: int) -> bool:
        """True if ``pos`` is not inside a dnl or # comment (by the scanner's view)."""
        line_start = self.text.rfind("\n", 0, pos) + 1
        before = self.text[line_start:pos]
        return "dnl" not in before.split() and "#" not in before
