"""The Test page's rules: the port follows the security; bad input is refused with its field."""

from __future__ import annotations

import pytest

from wizard.core.errors import Field, UsageError
from wizard.ui.model.sending import checked, smtp_settings
from wizard.ui.model.state import SendInputs

GOOD = SendInputs(user="alice", password="pw")


@pytest.mark.parametrize(("security", "port"), [("starttls", 587), ("tls", 465), ("none", 25)])
def test_the_port_follows_the_security(security: str, port: int) -> None:
    settings = smtp_settings("mail.example.com", SendInputs(security=security, pin=" "))
    assert (settings.port, settings.security, settings.pinned_sha256) == (port, security, None)


@pytest.mark.parametrize(
    ("inputs", "to", "field"),
    [
        (GOOD, "", Field.TO),
        (SendInputs(password="pw"), "me@example.org", Field.ACCOUNT),
        (SendInputs(user="alice"), "me@example.org", Field.PASSWORD),
    ],
)
def test_a_missing_input_names_the_first_one(inputs: SendInputs, to: str, field: Field) -> None:
    with pytest.raises(UsageError) as caught:
        checked(inputs, to)
    assert caught.value.field == field and caught.value.code == "missing_input"


def test_hostile_recipients_accounts_and_pins_are_refused_with_their_field() -> None:
    for to in ("me@example.org\r\nRCPT TO:<x@evil.example>", "me@999.1.1.1", "a b@example.org"):
        with pytest.raises(UsageError, match="not a usable e-mail address") as caught:
            checked(GOOD, to)
        assert caught.value.field == Field.TO
    with pytest.raises(UsageError, match="control character") as caught:
        checked(SendInputs(user="ali\nce", password="pw"), "me@example.org")
    assert caught.value.field == Field.ACCOUNT
    with pytest.raises(UsageError) as caught:
        checked(SendInputs(user="alice", password="pw", pin="not a pin"), "me@example.org")
    assert caught.value.field == Field.PIN_CERT


def test_a_pin_is_normalized() -> None:
    pin = " " + "ab" * 32 + " "
    sent = checked(SendInputs(user="alice", password="pw", pin=pin), "me@example.org")
    assert sent.pin == "AB:" * 31 + "AB" and sent.user == "alice"
    assert checked(GOOD, "me@example.org") is GOOD
