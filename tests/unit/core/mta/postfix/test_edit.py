"""The emulation of Postfix's editor (wizard.core.mta.postfix.edit) against what the real
postconf made of the same files (tests/data/postfix-edit, see its README)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests import ROOT
from wizard.core.mta.postfix import edit

DATA = ROOT / "tests" / "data" / "postfix-edit"
CASES = sorted(p.name for p in DATA.iterdir() if (p / "edits").exists())


def _read(path: Path) -> str:
    return path.read_bytes().decode("utf-8", "surrogateescape")


def test_there_are_real_world_and_stock_cases() -> None:
    assert {"debian-modern", "debian-classic", "edge-cases"} <= set(CASES)
    assert sum(name.startswith("realworld-") for name in CASES) >= 2


@pytest.mark.parametrize("case", CASES)
def test_the_emulation_writes_what_the_real_postconf_wrote(case: str) -> None:
    folder = DATA / case
    lines = _read(folder / "edits").splitlines()
    main, master = edit.run_edits(_read(folder / "main.cf"), _read(folder / "master.cf"), lines)
    assert main == _read(folder / "main.cf.out")
    assert master == _read(folder / "master.cf.out")


def test_a_setting_is_replaced_in_place_with_its_continuation_lines() -> None:
    text = "a = 1\nrestr =\n    permit_mynetworks\n# kept\n    reject\nb = 2\n"
    assert edit.set_main(text, "restr", "x y") == "a = 1\nrestr = x y\n# kept\nb = 2\n"


def test_a_new_setting_is_appended_and_a_missing_line_break_is_added_first() -> None:
    assert edit.set_main("a = 1\n", "b", "2") == "a = 1\nb = 2\n"
    # raw postconf glues; the build step adds the line break first, and so does run_edits
    assert edit.set_main("a = 1", "b", "2") == "a = 1b = 2\n"
    assert edit.run_edits("a = 1", "", ["e b=2"]) == ("a = 1\nb = 2\n", "")


def test_a_new_service_is_appended_in_postconfs_columns() -> None:
    out = edit.set_service("smtp inet n - y - - smtpd\n", "submission/inet",
                           "submission inet n - y - - smtpd")  # fmt: skip
    assert out.endswith("submission inet  n       -       y       -       -       smtpd\n")


def test_an_option_moves_the_entry_after_the_comments_inside_it() -> None:
    text = "smtp inet n - y - - smtpd\n# note\npickup unix n - y 60 1 pickup\n"
    out = edit.set_service_option(text, "smtp/inet", "smtpd_sasl_auth_enable", "yes")
    assert out == (
        "# note\nsmtp       inet  n       -       y       -       -       smtpd\n"
        "    -o smtpd_sasl_auth_enable=yes\npickup unix n - y 60 1 pickup\n"
    )


@pytest.mark.parametrize(
    ("line"),
    [
        "e bad name=1",
        "e a=b\nc",
        "P smtp/inet/x=a b",
        "P nosuch/inet/x=1",
        "M submission/inet=smtp inet n - y - - smtpd",
        "M submission/inet=submission inet n",
        "X whatever",
    ],
)
def test_edits_postconf_would_refuse_or_the_wizard_never_sends_are_refused(line: str) -> None:
    with pytest.raises(edit.EditError):
        edit.run_edits("a = 1\n", "smtp inet n - y - - smtpd\n", [line])


def test_the_lines_the_build_step_reads() -> None:
    lines = edit.edit_lines(
        [("a", "1")], [("s/inet", "s inet n - y - - smtpd")], [("s/inet", "o", "v")]
    )
    assert lines == ["e a=1", "M s/inet=s inet n - y - - smtpd", "P s/inet/o=v"]
