"""wizard.cli.console: every error printed with the flag of the input it concerns."""

from __future__ import annotations

import io

import pytest

from wizard.cli.console import FLAGS, Console, error_text, row_text
from wizard.core.errors import Field, HostKeyUnknown, UsageError, WizardError
from wizard.core.fleet.summary import Row


def test_every_field_has_a_flag_or_says_it_has_none() -> None:
    assert set(FLAGS) == set(Field), sorted(set(Field) - set(FLAGS))


@pytest.mark.parametrize(
    ("field", "flag"),
    [
        (Field.HOST_KEY, "--accept-new-host-key"),
        (Field.PIN_CERT, "--pin-cert"),
        (Field.MECHANISM, "--mech"),
        (Field.LIMIT, "--limit"),
        (Field.JOBS, "--jobs"),
        (Field.INVENTORY, "--inventory"),
        (Field.TO, "--to"),
    ],
)
def test_the_flag_of_each_field(field: Field, flag: str) -> None:
    text = error_text(UsageError("Something is wrong.", "Do this.", field=field))
    assert text == f"Something is wrong. Do this. (on the command line: {flag})"


def test_an_unknown_host_key_names_the_flag_that_accepts_it() -> None:
    exc = HostKeyUnknown("mail", 22, "ssh-ed25519", "SHA256:abc", "ssh-ed25519 AAAA")
    assert "--accept-new-host-key" not in exc.message + exc.fix  # the core says no flag
    assert error_text(exc).endswith("(on the command line: --accept-new-host-key)")


def test_no_note_without_a_field_or_when_the_text_names_the_flag() -> None:
    assert error_text(WizardError("It broke.", "Retry.")) == "It broke. Retry."
    said = UsageError("--limit 'x' is wrong.", field=Field.LIMIT)
    assert error_text(said) == "--limit 'x' is wrong."
    assert error_text(RuntimeError("a\nb\x1b[31m")) == "a b\\x1b[31m"


def test_a_summary_row_gets_the_flag_in_its_fix() -> None:
    row = Row("a", "root@a:22", "failed", False, error="Not known.", fix="Accept it.")
    assert row_text(row) is row
    flagged = row_text(Row("a", "t", "failed", False, error="x", field=Field.HOST_KEY))
    assert flagged.fix == "(on the command line: --accept-new-host-key)"


def test_console_error_goes_to_stderr_with_the_program_name() -> None:
    err = io.StringIO()
    Console(stdin=io.StringIO("secret\nrest"), stderr=err).error(
        UsageError("Bad.", field=Field.JOBS), "while parsing: "
    )
    assert err.getvalue() == "relay-wizard: while parsing: Bad. (on the command line: --jobs)\n"
    assert Console(stdin=io.StringIO("secret\nrest")).read_line() == "secret"
