"""A rollback's lines (rollback.sh, through journal.rollback) read for a person."""

from __future__ import annotations

from wizard.core.change.outcome import StepOutcome, rolled_back


def lines(*titles: str) -> list[StepOutcome]:
    return [StepOutcome(t, True) for t in titles]


def test_the_files_put_back_are_named_and_the_rest_is_detail() -> None:
    back = rolled_back(
        lines(
            "journal 20261202T190000Z-000001",
            "restored /etc/mail/sendmail.mc",
            "unchanged /etc/mail/sasl/Sendmail.conf.2",
            "removed /etc/mail/new file",
            "reloaded with: kill -HUP 4154",
        )
    )
    assert back.complete and not back.nothing
    assert back.restored == ("/etc/mail/sendmail.mc", "/etc/mail/new file")


def test_nothing_to_roll_back_and_an_unfinished_rollback() -> None:
    assert rolled_back(lines("nothing-to-roll-back")).nothing
    broken = rolled_back([*lines("journal J"), StepOutcome("rollback", False, "cut")])
    assert not broken.complete and broken.restored == ()
