"""What Settings and Done say about the protection against password guessing (no Qt)."""

from __future__ import annotations

import pytest

from wizard.core.mta.report import AuthFailures, Protection
from wizard.ui.model.protection import (
    GuardNote,
    ban_sentence,
    banned_sentence,
    duration,
    failures_since,
    protection_today,
    top_sources,
)


@pytest.mark.parametrize(
    ("seconds", "said"),
    [
        (60, "1 minute"),
        (600, "10 minutes"),
        (3600, "1 hour"),
        (7200, "2 hours"),
        (5400, "90 minutes"),
        (86400, "1 day"),
        (3 * 86400, "3 days"),
        (45, "45 seconds"),
    ],
)
def test_a_time_span_is_said_in_its_largest_whole_unit(seconds: int, said: str) -> None:
    assert duration(seconds) == said


def test_the_ban_rule_in_words_and_each_part_translatable() -> None:
    rule = ban_sentence(5, 600, 3600)
    assert rule == (
        "An address that fails to log in 5 times within 10 minutes is banned for 1 hour."
    )
    # the spans are sentences of their own for the catalogue, filled in when shown
    assert rule.values["window"].source == "{n} minutes"  # type: ignore[attr-defined]
    assert ban_sentence(1, 600, 86400) == (
        "An address that fails to log in once is banned for 1 day."
    )
    done = banned_sentence(6, 60, 120)
    assert done.startswith("The server now bans password guessers at its firewall")
    assert "6 times within 1 minute is banned for 2 minutes." in done


@pytest.mark.parametrize(
    ("protection", "notes"),
    [
        (Protection(), (GuardNote.NO_FAIL2BAN, GuardNote.NO_FAILURES)),
        (Protection("installed"), (GuardNote.FAIL2BAN_STOPPED, GuardNote.NO_FAILURES)),
        (Protection("running"), (GuardNote.FAIL2BAN_IDLE, GuardNote.NO_FAILURES)),
        (
            Protection("running", ("sendmail-auth",), failures=AuthFailures("/l", 3, "x")),
            (GuardNote.FAIL2BAN_WATCHING, GuardNote.FAILURES),
        ),
        (
            Protection("running", wizard_jail=True),
            (GuardNote.FAIL2BAN_WATCHING, GuardNote.NO_FAILURES),
        ),
    ],
)
def test_what_protects_the_logins_today(
    protection: Protection, notes: tuple[GuardNote, ...]
) -> None:
    assert protection_today(protection) == notes


def test_the_failures_are_dated_by_day_and_the_worst_sources_named() -> None:
    failures = AuthFailures(
        "/var/log/mail.log",
        57,
        "2026-11-30T06:25:01.123456+00:00",
        (("203.0.113.9", 40), ("198.51.100.4", 10), ("192.0.2.7", 5), ("192.0.2.8", 2)),
    )
    p = Protection("absent", failures=failures)
    assert failures_since(p) == "2026-11-30"
    assert top_sources(p) == "203.0.113.9 (40), 198.51.100.4 (10), 192.0.2.7 (5)"
    syslog = Protection(failures=AuthFailures("/var/log/mail.log", 1, "Nov 30 06:25:01"))
    assert failures_since(syslog) == "Nov 30 06:25:01"  # as the log writes it
