"""A plan's file edits as line operations, the way Ansible's ``lineinfile`` applies them.

:class:`McEditor` and the SASL config editor describe each change they make both as new
file content (what ``apply`` writes) and as a list of :class:`LineOp`: one line to ensure,
the regular expression that finds the line it replaces, and where to insert it when
there is none. :func:`apply_line_ops` applies them with ``lineinfile``'s exact rules
(``lib/ansible/modules/lineinfile.py``, ``state=present``, ``backrefs=no``), so a test
and the exporter itself can prove that the operations give byte for byte the content the
plan computed, and that applying them again changes nothing. Pure.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Sequence


@dataclass(frozen=True)
class LineOp:
    """Ensure ``line`` is in the file (``lineinfile`` with these parameters).

    Attributes:
        line: the whole line, without its line ending.
        regexp: finds the line to replace (the last match; the first with ``firstmatch``);
            it matches ``line`` too, so a second run finds it and changes nothing.
        insertafter / insertbefore: where a new line goes when ``regexp`` finds nothing
            and ``line`` is not in the file yet (the end of the file when neither matches).
        firstmatch: use the first line ``insertafter``/``insertbefore`` (and ``regexp``)
            match, not the last.
        why: a short description, used as the task's name.
    """

    line: str
    regexp: str = ""
    insertafter: str = ""
    insertbefore: str = ""
    firstmatch: bool = False
    why: str = ""


class NotLineBased(ValueError):
    """An edit that no sequence of single-line operations can express."""


def apply_line_op(text: str, op: LineOp) -> str:
    """``text`` after ``lineinfile`` with ``op`` (line separator ``\\n``)."""
    lines = text.splitlines(keepends=True)
    found = -1
    if op.regexp:
        pattern = re.compile(op.regexp)
        for number, current in enumerate(lines):
            if pattern.search(current):
                found = number
                if op.firstmatch:
                    break
    insert_at = -1
    if found == -1:
        anchor = (
            re.compile(op.insertafter or op.insertbefore)
            if (op.insertafter or op.insertbefore)
            else None
        )
        for number, current in enumerate(lines):
            if op.line == current.rstrip("\r\n"):
                found = number
            elif anchor is not None and anchor.search(current):
                insert_at = number + 1 if op.insertafter else number
                if op.firstmatch:
                    break
    new_line = op.line + "\n"
    if found != -1:
        if lines[found] != new_line:
            lines[found] = new_line
        return "".join(lines)
    if insert_at == -1:
        if lines and lines[-1][-1:] not in ("\n", "\r"):
            lines.append("\n")
        lines.append(new_line)
        return "".join(lines)
    if op.insertafter and len(lines) == insert_at:
        if lines[insert_at - 1].rstrip("\r\n") != op.line:
            lines.append(new_line)
        return "".join(lines)
    if op.insertafter and lines[insert_at].rstrip("\r\n") == op.line:
        return "".join(lines)
    lines.insert(insert_at, new_line)
    return "".join(lines)


def apply_line_ops(text: str, ops: Sequence[LineOp]) -> str:
    for op in ops:
        text = apply_line_op(text, op)
    return text


def changed_by(text: str, ops: Sequence[LineOp]) -> list[LineOp]:
    """The operations that change something when applied in order to ``text``."""
    out = []
    for op in ops:
        after = apply_line_op(text, op)
        if after != text:
            out.append(op)
        text = after
    return out


def check_line_ops(before: str, after: str, ops: Sequence[LineOp], what: str) -> None:
    """Refuse operations that do not give ``after`` from ``before``, or are not idempotent.

    Raises:
        NotLineBased: with a sentence naming ``what`` and the first line that differs.
    """
    got = apply_line_ops(before, ops)
    if got != after:
        want_lines, got_lines = after.splitlines(), got.splitlines()
        first = next(
            (i for i, (a, b) in enumerate(zip(want_lines, got_lines, strict=False)) if a != b),
            min(len(want_lines), len(got_lines)),
        )
        raise NotLineBased(
            f"{what}: the line edits would not give the planned file (it differs at line "
            f"{first + 1})."
        )
    again = changed_by(got, ops)
    if again:
        raise NotLineBased(f"{what}: a second run would change the line {again[0].line!r}.")
