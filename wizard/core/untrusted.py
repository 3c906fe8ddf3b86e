"""Text from outside the trust boundary, made safe to show.

SMTP servers, other users on a server (process names, the mail log) and saved or typed
values are not trusted (docs/security.md). Their text may hold carriage returns, escape
sequences or bidirectional overrides that rewrite what a terminal or a window shows. Before
such text reaches a terminal, a widget or a saved transcript, it goes through
:func:`printable`, which shows every such character as a visible escape instead.
"""

from __future__ import annotations

import re

# C0 controls (tab and, where allowed, newline kept), DEL, C1 controls, and the Unicode
# format characters that reorder or hide text (bidi embeddings, overrides and isolates,
# zero-width characters, the byte-order mark, line and paragraph separators).
_UNSAFE = "\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff"
_UNSAFE_ONE_LINE = re.compile(f"[{_UNSAFE}\n]")
_UNSAFE_LINES = re.compile(f"[{_UNSAFE}]")


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def printable(text: str, *, multiline: bool = False) -> str:
    """``text`` with every control or reordering character shown as ``\\xNN``/``\\uNNNN``.

    Tabs stay; newlines stay only with ``multiline`` (then a CR before a newline is
    dropped, so CRLF text reads as lines). Surrogate escapes (undecodable bytes) are shown
    as ``\\xNN`` too.
    """
    if multiline:
        text = text.replace("\r\n", "\n")
    out = (_UNSAFE_LINES if multiline else _UNSAFE_ONE_LINE).sub(_escape, text)
    if any("\udc80" <= ch <= "\udcff" for ch in out):
        out = "".join(
            f"\\x{ord(ch) - 0xDC00:02x}" if "\udc80" <= ch <= "\udcff" else ch for ch in out
        )
    return out


def has_unsafe(text: str) -> bool:
    """Does ``text`` hold a character :func:`printable` would escape (newline included)?"""
    return bool(_UNSAFE_ONE_LINE.search(text)) or any("\udc80" <= ch <= "\udcff" for ch in text)
