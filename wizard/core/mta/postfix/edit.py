"""What Postfix's own editor will write: a pure emulation of ``postconf -e`` (main.cf),
``postconf -M`` and ``postconf -P`` (master.cf), one edit per call, as the apply's build
step runs them (postfix-build.sh).

The plan shows the admin these results; the build step runs the real postconf on copies
and refuses to install anything that is not byte for byte what was shown. The real
postconf is the authority: tests/data/postfix-edit/ holds its outputs on real-world files
(and the unit tests compare this module with them).

What postconf does (Postfix 3.7, postconf_edit.c and postconf_master.c, as measured):

- ``-e NAME=VALUE``: every logical line that sets NAME (its first line, plus the lines
  after it that start with white space) becomes one line ``NAME = VALUE``; comment and
  blank lines stay. A setting not found is appended at the end of the file.
- ``-M KEY=ENTRY``: the entry of KEY (``name/type``) is replaced; the new one is written
  where the old logical line ends (after the comment lines inside it), formatted in
  postconf's columns. An entry not found is appended at the end.
- ``-P KEY/NAME=VALUE``: the entry's ``-o NAME=...`` is replaced, or ``-o NAME=VALUE``
  added after its other ``-o`` options; the entry is then written as for ``-M``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Iterable

# postconf's master.cf columns (pcf_print_master_entry): where each of the first seven
# fields starts, the indent of a folded line, and the width a line is folded at
COLUMNS = (0, 11, 17, 25, 33, 41, 49, 57)
INDENT = "    "
LINE_LIMIT = 80
_SPACE = " \t\r\n\v\f"
_NAME = re.compile(r"^[A-Za-z0-9_]+$")
_KEY = re.compile(r"^[^\s/=]+/[a-z-]+$")


class EditError(ValueError):
    """An edit postconf would refuse, or one the wizard never sends (untrusted text)."""


def _lines(text: str) -> list[str]:
    return text.splitlines(keepends=True)


def _is_start(line: str) -> bool:
    """A line that starts a logical line: not blank, not a comment, no leading space."""
    stripped = line.lstrip(_SPACE)
    return bool(stripped) and not stripped.startswith("#") and stripped == line


def _is_continuation(line: str) -> bool:
    stripped = line.lstrip(_SPACE)
    return bool(stripped) and not stripped.startswith("#") and stripped != line


def check_value(value: str, what: str) -> str:
    """``value`` as it may go into a config file: printable, one line, no leading or
    trailing space."""
    if any(ord(c) < 32 or ord(c) == 127 for c in value) or value != value.strip():
        raise EditError(f"{what} cannot hold control characters or surrounding spaces")
    return value


def set_main(text: str, name: str, value: str) -> str:
    """main.cf after ``postconf -e 'NAME = VALUE'``."""
    if not _NAME.match(name):
        raise EditError(f"{name!r} is not the name of a Postfix setting")
    check_value(value, name)
    new = f"{name} = {value}\n"
    out: list[str] = []
    found = interesting = False
    for line in _lines(text):
        stripped = line.lstrip(_SPACE)
        if not stripped or stripped.startswith("#"):
            out.append(line)
        elif stripped != line:
            if not interesting:
                out.append(line)
        else:
            key = re.split(r"[ \t\r\n\v\f=]", line, maxsplit=1)[0]
            interesting = key == name
            if interesting:
                found = True
                out.append(new)
            else:
                out.append(line)
    if not found:
        out.append(new)
    return "".join(out)


@dataclass(frozen=True)
class Entry:
    """One master.cf entry as postconf parses it: its words."""

    words: tuple[str, ...]

    @property
    def key(self) -> str:
        return f"{self.words[0]}/{self.words[1]}"

    @classmethod
    def parse(cls, text: str) -> Entry:
        words = tuple(text.split())
        if len(words) < 8:
            raise EditError(f"a master.cf entry has at least eight fields: {text!r}")
        return cls(words)

    def with_option(self, name: str, value: str) -> Entry:
        """The entry with ``-o NAME=VALUE`` (replacing the option's value if it has one,
        else added after the daemon's other options)."""
        words = list(self.words)
        i, last = 8, 8
        while i < len(words):
            w = words[i]
            if w == "-o" and i + 1 < len(words):
                if words[i + 1].split("=", 1)[0] == name:
                    words[i + 1] = f"{name}={value}"
                    return Entry(tuple(words))
                i += 2
                last = i
            elif w.startswith("-") and w != "--":
                i += 1
                last = i
            else:
                break
        words[last:last] = ["-o", f"{name}={value}"]
        return Entry(tuple(words))

    def format(self) -> str:
        """The entry as postconf writes it (folded, with its newline)."""
        out = ""
        for n, word in enumerate(self.words[:8]):
            if n:
                out += " "
                out += " " * max(0, COLUMNS[n] - len(out))
            out += word
        line_len = len(out)
        options = True
        i = 8
        while i < len(self.words):
            arg = self.words[i]
            if options and (not arg.startswith("-") or arg == "--"):
                options = False
            elif options and arg == "-o" and i + 1 < len(self.words):
                line_len = LINE_LIMIT  # an option with a value starts a new line
                i += 1
                arg = f"{arg} {self.words[i]}"
            if line_len > len(INDENT):
                if line_len + 1 + len(arg) < LINE_LIMIT:
                    out += " "
                    line_len += 1
                else:
                    out += "\n" + INDENT
                    line_len = len(INDENT)
            out += arg
            line_len += len(arg)
            i += 1
        return out + "\n"


def _entries(lines: list[str]) -> list[tuple[int, int, Entry]]:
    """Each logical master.cf line: (first line, line after its last continuation, entry)."""
    out: list[tuple[int, int, Entry]] = []
    i = 0
    while i < len(lines):
        if not _is_start(lines[i]):
            i += 1
            continue
        start, words, end = i, lines[i].split(), i + 1
        j = i + 1
        while j < len(lines) and not _is_start(lines[j]):
            if _is_continuation(lines[j]):
                words += lines[j].split()
                end = j + 1
            j += 1
        if len(words) >= 2:
            out.append((start, end, Entry(tuple(words))))
        i = j
    return out


def find_entry(text: str, key: str) -> Entry | None:
    """The last entry of ``key`` in master.cf (the one Postfix uses), or None."""
    found = [e for _, _, e in _entries(_lines(text)) if e.key == key]
    return found[-1] if found else None


def _replace(text: str, key: str, entry: Entry | None, new: Entry) -> str:
    lines = _lines(text)
    spans = [(s, e) for s, e, old in _entries(lines) if old.key == key]
    if not spans:
        if entry is not None:
            raise EditError(f"master.cf has no entry {key}")
        return text + new.format()
    out: list[str] = []
    drop: set[int] = set()
    place: dict[int, str] = {}
    for s, e in spans:
        drop.add(s)
        drop.update(k for k in range(s, e) if _is_continuation(lines[k]))
        # written where the logical line ends: before the next entry's first line
        nxt = e
        while nxt < len(lines) and not _is_start(lines[nxt]):
            nxt += 1
        place[nxt] = place.get(nxt, "") + new.format()
    for k, line in enumerate(lines):
        if k in place:
            out.append(place[k])
        if k not in drop:
            out.append(line)
    if len(lines) in place:
        out.append(place[len(lines)])
    return "".join(out)


def set_service(text: str, key: str, entry: str) -> str:
    """master.cf after ``postconf -M KEY=ENTRY``."""
    new = Entry.parse(check_value(entry, key))
    if new.key != key or not _KEY.match(key):
        raise EditError(f"the entry {entry!r} is not {key}")
    return _replace(text, key, None, new)


def set_service_option(text: str, key: str, name: str, value: str) -> str:
    """master.cf after ``postconf -P KEY/NAME=VALUE``."""
    if not _NAME.match(name):
        raise EditError(f"{name!r} is not the name of a Postfix setting")
    if any(c in _SPACE for c in check_value(value, name)):
        raise EditError(f"the value of {name} in master.cf cannot hold spaces")
    if not _KEY.match(check_value(key, "a service")):
        raise EditError(f"{key!r} is not a master.cf service")
    old = find_entry(text, key)
    if old is None:
        raise EditError(f"master.cf has no entry {key}")
    return _replace(text, key, old, old.with_option(name, value))


def with_newline(text: str) -> str:
    """``text`` ending with a line break (unless empty)."""
    return text if not text or text.endswith("\n") else text + "\n"


def edit_lines(
    main: Iterable[tuple[str, str]],
    services: Iterable[tuple[str, str]],
    options: Iterable[tuple[str, str, str]],
) -> list[str]:
    """The edits as postfix-build.sh reads them on its stdin, one per line: ``e NAME=VALUE``,
    ``M KEY=ENTRY``, ``P KEY/NAME=VALUE`` (the order they run in: main.cf, then the
    services, then their options)."""
    return [
        *(f"e {n}={v}" for n, v in main),
        *(f"M {k}={e}" for k, e in services),
        *(f"P {k}/{n}={v}" for k, n, v in options),
    ]


def run_edits(main_cf: str, master_cf: str, lines: Iterable[str]) -> tuple[str, str]:
    """main.cf and master.cf after the edits of :func:`edit_lines`, one postconf call
    each, in order. A file that is edited gets a line break at its end first if it has
    none (postfix-build.sh does the same), else postconf would glue an appended setting
    to its last line."""
    lines = list(lines)
    if any(line.startswith("e ") for line in lines):
        main_cf = with_newline(main_cf)
    if any(line.startswith(("M ", "P ")) for line in lines):
        master_cf = with_newline(master_cf)
    for line in lines:
        op, _, arg = line.partition(" ")
        if op == "e":
            name, _, value = arg.partition("=")
            main_cf = set_main(main_cf, name.strip(), value.strip())
        elif op == "M":
            key, _, entry = arg.partition("=")
            master_cf = set_service(master_cf, key, entry)
        elif op == "P":
            left, _, value = arg.partition("=")
            key, _, name = left.rpartition("/")
            master_cf = set_service_option(master_cf, key, name, value)
        else:
            raise EditError(f"unknown edit {line!r}")
    return main_cf, master_cf
