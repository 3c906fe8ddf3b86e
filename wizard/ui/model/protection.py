"""What the Settings and Done pages say about the protection against password guessing:
which facts of today apply (the page words them) and the ban's numbers in words."""

from __future__ import annotations

import re
from enum import StrEnum
from typing import TYPE_CHECKING

from wizard.core.translatable import QT_TRANSLATE_NOOP

if TYPE_CHECKING:
    from wizard.core.mta.report import Protection
    from wizard.core.translatable import Translatable


class GuardNote(StrEnum):
    NO_FAIL2BAN = "no-fail2ban"  # the server needs the fail2ban package first
    FAIL2BAN_STOPPED = "fail2ban-stopped"  # installed, not running: the apply starts it
    FAIL2BAN_WATCHING = "fail2ban-watching"  # a running jail already watches sendmail's log
    FAIL2BAN_IDLE = "fail2ban-idle"  # running, nothing watches sendmail's logins
    FAILURES = "failures"  # failed logins in the mail log
    NO_FAILURES = "no-failures"  # none in the mail log


def protection_today(p: Protection) -> tuple[GuardNote, ...]:
    """Which sentences describe what protects the logins today."""
    if p.fail2ban == "absent":
        notes = [GuardNote.NO_FAIL2BAN]
    elif p.fail2ban != "running":
        notes = [GuardNote.FAIL2BAN_STOPPED]
    elif p.jails or p.wizard_jail:
        notes = [GuardNote.FAIL2BAN_WATCHING]
    else:
        notes = [GuardNote.FAIL2BAN_IDLE]
    notes.append(GuardNote.FAILURES if p.failures.count else GuardNote.NO_FAILURES)
    return tuple(notes)


def top_sources(p: Protection, most: int = 3) -> str:
    """The addresses that failed most, with their counts: "203.0.113.9 (40), ..."."""
    return ", ".join(f"{address} ({count})" for address, count in p.failures.top_sources[:most])


def failures_since(p: Protection) -> str:
    """Since when the log counts failures: the date alone when the log writes ISO times."""
    since = p.failures.since
    return since[:10] if re.match(r"\d{4}-\d\d-\d\dT", since) else since


def duration(seconds: int) -> Translatable:
    """A time span in words, in the largest whole unit: "10 minutes", "1 hour", "2 days"."""
    for size, one, many in (
        (86400, QT_TRANSLATE_NOOP("Reports", "1 day"), QT_TRANSLATE_NOOP("Reports", "{n} days")),
        (3600, QT_TRANSLATE_NOOP("Reports", "1 hour"), QT_TRANSLATE_NOOP("Reports", "{n} hours")),
        (
            60,
            QT_TRANSLATE_NOOP("Reports", "1 minute"),
            QT_TRANSLATE_NOOP("Reports", "{n} minutes"),
        ),
    ):
        if seconds >= size and seconds % size == 0:
            n = seconds // size
            return one if n == 1 else many.format(n=n)
    return QT_TRANSLATE_NOOP("Reports", "{n} seconds").format(n=seconds)


def ban_sentence(max_retry: int, find_time: int, ban_time: int) -> Translatable:
    """The ban's rule in one sentence, as the Settings page shows it beside the numbers."""
    if max_retry == 1:
        once = QT_TRANSLATE_NOOP(
            "Reports", "An address that fails to log in once is banned for {ban}."
        )
        return once.format(ban=duration(ban_time))
    return QT_TRANSLATE_NOOP(
        "Reports",
        "An address that fails to log in {count} times within {window} is banned for {ban}.",
    ).format(count=max_retry, window=duration(find_time), ban=duration(ban_time))


def banned_sentence(max_retry: int, find_time: int, ban_time: int) -> Translatable:
    """What the Done page says the server now does about password guessers."""
    if max_retry == 1:
        once = QT_TRANSLATE_NOOP(
            "Reports",
            "The server now bans password guessers at its firewall: an address that fails to "
            "log in once is banned for {ban}.",
        )
        return once.format(ban=duration(ban_time))
    return QT_TRANSLATE_NOOP(
        "Reports",
        "The server now bans password guessers at its firewall: an address that fails to log "
        "in {count} times within {window} is banned for {ban}.",
    ).format(count=max_retry, window=duration(find_time), ban=duration(ban_time))
