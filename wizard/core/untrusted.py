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
# Lone surrogates (\ud800-\udfff) too: no encoder writes them, and \udc80-\udcff are the
# undecodable bytes of a "surrogateescape" decoding, shown as the byte they stand for.
_UNSAFE = (
    "\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff\ud800-\udfff"
)
_UNSAFE_ONE_LINE = re.compile(f"[{_UNSAFE}\n]")
_UNSAFE_LINES = re.compile(f"[{_UNSAFE}]")


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    if 0xDC80 <= code <= 0xDCFF:  # an undecodable byte (surrogateescape)
        code -= 0xDC00
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def printable(text: str, *, multiline: bool = False) -> str:
    """``text`` with every control or reordering character shown as ``\\xNN``/``\\uNNNN``.

    Tabs stay; newlines stay only with ``multiline`` (then a CR before a newline is
    dropped, so CRLF text reads as lines). Surrogate escapes (undecodable bytes) are shown
    as ``\\xNN`` too.
    """
    if multiline:
        text = text.replace("\r\n", "\n")
    return (_UNSAFE_LINES if multiline else _UNSAFE_ONE_LINE).sub(_escape, text)


def has_unsafe(text: str) -> bool:
    """Does ``text`` hold a character :func:`printable` would escape (newline included)?"""
    return bool(_UNSAFE_ONE_LINE.search(text))
