"""printable() and has_unsafe(): text from outside the trust boundary, made safe to show."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from wizard.core.untrusted import has_unsafe, printable


@pytest.mark.parametrize(
    ("raw", "shown"),
    [
        ("\x1b]0;pwned\x07", "\\x1b]0;pwned\\x07"),  # set the terminal's title
        ("\x1b[2J", "\\x1b[2J"),  # clear the screen
        ("done\rFAKE", "done\\x0dFAKE"),  # overwrite the line
        ("a\x00b", "a\\x00b"),
        ("del\x7f", "del\\x7f"),
        ("c1\x9b31m", "c1\\x9b31m"),  # CSI as one C1 character
        ("\x85next", "\\x85next"),  # NEL
        ("abc\u202edcba", "abc\\u202edcba"),  # right-to-left override
        ("\u2066iso\u2069", "\\u2066iso\\u2069"),  # isolates
        ("zero\u200bwidth\ufeff", "zero\\u200bwidth\\ufeff"),
        ("line\u2028sep", "line\\u2028sep"),
        ("arabic\u061cmark", "arabic\\u061cmark"),
        ("bytes \udcff\udc80", "bytes \\xff\\x80"),  # surrogate escapes of undecodable bytes
        ("one\ntwo", "one\\x0atwo"),
        ("tab\tkept", "tab\tkept"),
        ("Müller → ok ✓", "Müller → ok ✓"),
        ("", ""),
    ],
)
def test_printable_escapes_what_rewrites_a_display(raw: str, shown: str) -> None:
    assert printable(raw) == shown
    assert has_unsafe(raw) == (raw != shown)
    assert not has_unsafe(printable(raw))


def test_multiline_keeps_newlines_and_drops_the_cr_of_crlf() -> None:
    assert printable("a\r\nb\nc\rd\x1b", multiline=True) == "a\nb\nc\\x0dd\\x1b"
    assert printable("a\nb") == "a\\x0ab"


@settings(max_examples=400, deadline=None)
@given(
    st.text(
        alphabet=st.one_of(
            st.characters(max_codepoint=0xD7FF),
            st.characters(min_codepoint=0xE000),
            st.characters(min_codepoint=0xDC80, max_codepoint=0xDCFF),  # surrogate escapes
        ),
        max_size=80,
    )
)
def test_printable_output_is_safe_and_stable(text: str) -> None:
    out = printable(text)
    assert not has_unsafe(out)
    assert printable(out) == out  # escaping twice changes nothing
    for ch in out:
        category = unicodedata.category(ch)
        assert category not in ("Cc", "Cs") or ch == "\t"
        assert ch not in "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
    out.encode("utf-8")  # can be written to a file or a terminal


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=200))
def test_undecodable_bytes_come_out_as_hex(data: bytes) -> None:
    out = printable(data.decode("utf-8", "surrogateescape"), multiline=True)
    assert all(not has_unsafe(line) for line in out.split("\n"))
