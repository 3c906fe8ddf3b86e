"""The staff list: one person a line, hostile lines refused with the line named."""

from __future__ import annotations

import pytest

from wizard.core.errors import Field, UsageError
from wizard.core.exports.staff import Staff, parse_staff


def test_a_csv_with_a_header_and_optional_columns() -> None:
    text = "name,address,display name\nalice,alice@example.com,Alice Smith\n\n# a note\nbob\n"
    assert parse_staff(text) == [
        Staff("alice", "alice@example.com", "Alice Smith"),
        Staff("bob"),
    ]


def test_a_pasted_list_without_header() -> None:
    assert parse_staff("carol\r\ndave , dave@example.com\n") == [
        Staff("carol"),
        Staff("dave", "dave@example.com"),
    ]


@pytest.mark.parametrize(
    ("text", "line", "phrase"),
    [
        ("alice\nbob smith\n", 2, "not a usable account name"),
        ("alice\n$(reboot)\n", 2, "not a usable account name"),
        ("alice,not-an-address\n", 1, "not an e-mail address"),
        ("alice\nALICE\n", 2, "repeats the account"),
        ("name\nalice,a@example.com,Alice,extra\n", 2, "more than three values"),
        ("alice\nbob\x00\n", 2, "control character"),
        ("alice,,Al\x1bice\n", 1, "control character"),
        (",a@example.com\n", 1, "no account name"),
    ],
)
def test_a_bad_line_is_named(text: str, line: int, phrase: str) -> None:
    with pytest.raises(UsageError) as caught:
        parse_staff(text)
    assert f"Line {line} " in caught.value.message and phrase in caught.value.message
    assert caught.value.field == Field.STAFF and "\n" not in caught.value.message


def test_an_empty_list_is_refused() -> None:
    with pytest.raises(UsageError, match="names nobody"):
        parse_staff("name,address\n\n")


def test_kits_carry_passwords_only_when_asked_and_then_0600(tmp_path) -> None:  # type: ignore[no-untyped-def]
    import stat

    from wizard.core.exports.client_settings import ClientSettings
    from wizard.core.exports.onboard import NewAccount, write_kits
    from wizard.core.local.profiles import ServerProfile

    base = ClientSettings(
        ServerProfile(name="ip", host="192.0.2.7"), "x", server="mail.example.com"
    )
    people = [NewAccount(Staff("alice", "", "Alice Smith"), "Secret-pw-1")]
    kits = write_kits(tmp_path / "plain", base, people)
    handout = tmp_path / "plain" / "alice-mail-settings.html"
    assert str(handout) in kits[0].files and "Secret-pw-1" not in handout.read_text()
    assert "Alice Smith" in handout.read_text() and "192.0.2.7" not in handout.read_text()
    assert any("incoming" in note for note in kits[0].skipped)
    write_kits(tmp_path / "asked", base, people, with_passwords=True)
    asked = tmp_path / "asked" / "alice-mail-settings.html"
    assert "Secret-pw-1" in asked.read_text()
    assert stat.S_IMODE(asked.stat().st_mode) == 0o600
    assert "Secret-pw-1" not in (tmp_path / "asked" / "alice-msmtprc").read_text()
