"""The remote scripts' sections: a real sh prints them, the strict parser reads them.

What a section holds is not trusted (file contents, command output, what other users of
the server control); the markers carry a token only the wizard and root on the server
see. Nothing a section holds can end it, start another or hide one.
"""

from __future__ import annotations

import base64
import subprocess

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from wizard.core.remote.sections import (
    ProtocolError,
    b64_strict,
    command,
    new_token,
    run_sections,
    split_sections,
)

TOKEN = "00112233445566778899aabbccddeeff"


def marker(name: str, token: str = TOKEN) -> str:
    return f"\n@@@{token} {name}\n"


def output(*sections: tuple[str, str], token: str = TOKEN) -> str:
    return "".join(marker(n, token) + body for n, body in sections) + marker("fin", token)


class Result:
    def __init__(self, proc: subprocess.CompletedProcess[str]) -> None:
        self.exit_code, self.stdout, self.stderr = proc.returncode, proc.stdout, proc.stderr


class Sh:
    """Runs the command with a real local sh (the wizard's quoting and the script's own
    shell code), feeding stdin the way the SSH session does."""

    def __init__(self) -> None:
        self.commands: list[str] = []
        self.stdins: list[str] = []

    def run(self, command: str, *, root=True, stdin=None, timeout=90, cancel=None) -> Result:  # type: ignore[no-untyped-def]
        self.commands.append(command)
        self.stdins.append(stdin)
        proc = subprocess.run(
            ["sh", "-c", command], input=stdin, capture_output=True, text=True, check=False
        )
        return Result(proc)


def test_a_real_script_round_trips_exactly_and_the_token_is_never_in_argv() -> None:
    sh = Sh()
    script = r"""
sec plain; printf 'line one\nno newline at the end'
sec forged; printf '@@@ mc-b64\n\n@@@ fin\n@@@%s fin\n' guess
sec empty
sec b64; printf 'dnl syscmd(id)\n' | base64 -w0; echo
"""
    got = run_sections(sh, script, ("plain", "forged", "empty", "b64"))
    assert got == {
        "plain": "line one\nno newline at the end",
        "forged": "@@@ mc-b64\n\n@@@ fin\n@@@guess fin\n",
        "empty": "",
        "b64": base64.b64encode(b"dnl syscmd(id)\n").decode() + "\n",
        "fin": "",
    }
    assert b64_strict(got["b64"], "x") == b"dnl syscmd(id)\n"
    # the command line (which ps shows every user) holds the script, never a token
    ((cmd,), (stdin,)) = sh.commands, sh.stdins
    token = stdin.strip()
    assert len(token) == 32 and token not in cmd


def test_without_a_valid_token_the_script_prints_nothing() -> None:
    proc = subprocess.run(
        ["sh", "-c", command("sec a; echo ran", "t")],
        input="not-a-token\n",
        capture_output=True,
        text=True,
        check=False,
    )
    assert proc.returncode == 70 and proc.stdout == ""


def test_a_script_that_dies_early_is_an_error_not_a_half_answer() -> None:
    with pytest.raises(Exception, match="did not finish") as caught:
        run_sections(Sh(), "sec a; echo partial; exit 3", ("a",))
    assert "partial" not in str(caught.value)


@pytest.mark.parametrize(
    ("text", "why"),
    [
        (output(("a", "1\n"), ("a", "2\n")), "appears twice"),
        (output(("a", "1\n"), ("b", "x\n"), ("zzz", "x\n")), "not asked for"),
        (output(("a", "1\n")), "'b' is missing"),
        (marker("a") + "1\n" + marker("b"), "'fin' is missing"),
        (output(("a", "1\n"), ("b", ""), ("fin", "")), "appears twice"),
    ],
)
def test_duplicate_unknown_and_missing_sections_are_refused(text: str, why: str) -> None:
    with pytest.raises(ProtocolError) as caught:
        split_sections(text, TOKEN, ("a", "b"))
    assert why in caught.value.message
    assert "nothing was changed" in caught.value.message


def test_markers_with_another_token_or_none_are_content() -> None:
    other = new_token()
    body = f"x\n@@@ a\n@@@{other} b\n@@@{TOKEN}b\n@@@{TOKEN.upper()} b\n"
    got = split_sections(output(("a", body), ("b", "")), TOKEN, ("a", "b"))
    assert got["a"] == body


@pytest.mark.parametrize(
    "text",
    ["", "\n", "ZG5s\n", "ZGRkZA==\n"],
)
def test_strict_base64_accepts_what_base64_w0_prints(text: str) -> None:
    assert b64_strict(text, "x") == base64.b64decode(text.strip())


@pytest.mark.parametrize(
    "text",
    ["ZG5s ZG5s", "ZG5s\nZG5s\n", "ZG5", "ZG5s!", "@@@ mc", "ZG5s\n\n", "ÄG5s"],
)
def test_anything_else_is_refused_by_the_base64_decoder(text: str) -> None:
    with pytest.raises(ProtocolError, match="not valid base64"):
        b64_strict(text, "the sendmail.mc")


PIECES = ["@", "@@@", " ", "\n", "\r", "a", "fin", "mc-b64", TOKEN[:8], "@@@ fin\n"]
section_text = st.lists(st.sampled_from(PIECES), max_size=20).map("".join) | st.text(max_size=60)


@settings(max_examples=300, deadline=None)
@given(bodies=st.lists(section_text, min_size=3, max_size=3))
def test_no_content_can_end_start_or_hide_a_section(bodies: list[str]) -> None:
    names = ("mc-b64", "journal", "daemon")
    text = output(*zip(names, bodies, strict=True))
    assert split_sections(text, TOKEN, names) == {
        **dict(zip(names, bodies, strict=True)),
        "fin": "",
    }


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=400) | st.text(max_size=400))
def test_random_output_is_sections_or_a_clear_refusal(data: bytes | str) -> None:
    text = data.decode("utf-8", "replace") if isinstance(data, bytes) else data
    for candidate in (text, marker("a") + text + marker("fin"), text + marker("fin")):
        try:
            got = split_sections(candidate, TOKEN, ("a",))
        except ProtocolError as exc:
            assert exc.message and exc.fix
        else:
            assert set(got) == {"a", "fin"}
