"""Which mail server a host runs, from inspect.sh's ``mta`` section (wizard.core.mta.detect),
and sendmail's inspection handing a Postfix host over."""

from __future__ import annotations

import pytest

from tests.capture import stock_sections
from wizard.core.mta.detect import OtherMailServer, which_mta
from wizard.core.mta.sendmail.inspect_parse import build_report


@pytest.mark.parametrize(
    ("section", "mta"),
    [
        ("sendmail installed\nsendmail running\n", "sendmail"),
        ("postfix installed\npostfix running\n", "postfix"),
        # both installed (a host being moved over): the one that runs
        ("sendmail installed\npostfix installed\npostfix running\n", "postfix"),
        ("sendmail installed\nsendmail running\npostfix installed\n", "sendmail"),
        # none running: the one installed; both installed: sendmail, read first
        ("postfix installed\n", "postfix"),
        ("sendmail installed\n", "sendmail"),
        ("sendmail installed\npostfix installed\n", "sendmail"),
        # neither
        ("", ""),
        ("\n\n", ""),
        # a stray word is not a mail server
        ("exim installed\nexim running\n", ""),
    ],
)
def test_which_mta(section: str, mta: str) -> None:
    assert which_mta(section) == mta


def test_the_real_stock_sendmail_capture_is_sendmail() -> None:
    s = stock_sections()
    assert which_mta(s["mta"]) == "sendmail"


def test_sendmail_installed_but_postfix_running_goes_to_postfix() -> None:
    s = {**stock_sections(), "mta": "sendmail installed\npostfix installed\npostfix running\n"}
    with pytest.raises(OtherMailServer) as err:
        build_report("mail.example", s)
    assert err.value.mta == "postfix"


def test_postfix_installed_but_sendmail_running_stays_with_sendmail() -> None:
    s = {**stock_sections(), "mta": "sendmail installed\nsendmail running\npostfix installed\n"}
    assert build_report("mail.example", s).mta == "sendmail"
