"""Who holds the server lock, in words: the owner line lock.sh records
(:class:`LockOwner`, :func:`parse_lock_owner`), the progress line while waiting for it
(:func:`lock_wait_message`) and the refusal after waiting too long (:class:`ServerBusy`).
The lock itself: :mod:`.lock`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, datetime

from wizard.core.errors import WizardError

__all__ = ["LOCK_ACTIONS", "LockOwner", "ServerBusy", "lock_wait_message", "parse_lock_owner"]

# What may hold the lock, and how a waiting admin is told about it.
LOCK_ACTIONS = {
    "apply": "an apply",
    "rollback": "a rollback",
    "users": "a change of mail accounts",
}
_LOCK_WHAT = re.compile(r"[a-z][a-z-]{0,31}")
_LOCK_USER = re.compile(r"[A-Za-z0-9._-]{1,32}\$?")
_LOCK_ADDRESS = re.compile(r"[0-9A-Fa-f:.]{2,45}")
_LOCK_SINCE = re.compile(r"(\d{4})-(\d\d)-(\d\d)T(\d\d):(\d\d):(\d\d)Z")


@dataclass(frozen=True)
class LockOwner:
    """Who holds the server lock, as its holder recorded it ("" / None / 0: not known)."""

    what: str = ""
    user: str = ""
    address: str = ""
    since: datetime | None = None
    pid: int = 0

    def describe(self, now: datetime | None = None) -> str:
        """``"an apply by admin from 198.51.100.1 since 12:03 UTC"``; "" if nothing is known.

        The date is added when ``since`` is not today (UTC) as of ``now``.
        """
        if not (self.what or self.user or self.address or self.since):
            return ""
        parts = [LOCK_ACTIONS.get(self.what, "a change")]
        if self.user:
            parts.append(f"by {self.user}")
        if self.address:
            parts.append(f"from {self.address}")
        if self.since is not None:
            today = (now or datetime.now(UTC)).astimezone(UTC).date()
            stamp = self.since.strftime("%H:%M UTC")
            if self.since.date() != today:
                stamp = self.since.strftime("%Y-%m-%d ") + stamp
            parts.append(f"since {stamp}")
        return " ".join(parts)


def parse_lock_owner(line: str) -> LockOwner:
    """Read a ``lock.owner`` line (``what=apply user=admin from=ADDR since=... pid=N``).

    Tolerant: unknown keys, and values not of their expected form, are left out (the line
    was written by root, but a damaged or foreign one must not reach a message as is).
    """
    values: dict[str, str] = {}
    for item in line.split()[:16]:
        key, sep, value = item.partition("=")
        if sep and key not in values:
            values[key] = value
    what = values.get("what", "")
    user = values.get("user", "")
    address = values.get("from", "")
    since: datetime | None = None
    match = _LOCK_SINCE.fullmatch(values.get("since", ""))
    if match:
        year, month, day, hour, minute, second = (int(g) for g in match.groups())
        try:
            since = datetime(year, month, day, hour, minute, second, tzinfo=UTC)
        except ValueError:
            since = None
    pid_text = values.get("pid", "")
    return LockOwner(
        what if _LOCK_WHAT.fullmatch(what) else "",
        user if _LOCK_USER.fullmatch(user) else "",
        address if _LOCK_ADDRESS.fullmatch(address) and address != "unknown" else "",
        since,
        int(pid_text) if pid_text.isascii() and pid_text.isdigit() and len(pid_text) < 10 else 0,
    )


def lock_wait_message(owner: LockOwner | None, now: datetime | None = None) -> str:
    """The progress line while waiting for the lock's holder."""
    described = owner.describe(now) if owner is not None else ""
    if described:
        return f"Waiting for the other Relay Wizard ({described}) to finish"
    return "Waiting for another Relay Wizard to finish its change on this server"


class ServerBusy(WizardError):
    """Another Relay Wizard holds the server lock and did not let go in time."""

    def __init__(self, message: str, fix: str = "", owner: LockOwner | None = None) -> None:
        super().__init__(message, fix)
        self.owner = owner or LockOwner()

    @classmethod
    def waited(
        cls,
        host: str,
        what: str,
        owner: LockOwner | None,
        seconds: float,
        now: datetime | None = None,
        lease: int = 60,
    ) -> ServerBusy:
        """The refusal after waiting ``seconds`` for ``owner`` on ``host`` (``lease``: the
        seconds after which a silent holder loses the lock)."""
        described = owner.describe(now) if owner is not None else ""
        holder = f"another Relay Wizard ({described})" if described else "another Relay Wizard"
        action = "this " + LOCK_ACTIONS.get(what, "a change").split(" ", 1)[1]
        message = (
            f"The server {host} is busy with {holder}: {action} waited {seconds:.0f} s "
            "for it to finish and did not start, so nothing was changed."
        )
        fix = "Try again once the other Relay Wizard has finished."
        if owner is not None and owner.pid:
            fix += (
                f" If none is running any more, the lock frees itself within {lease} s "
                f"(on the server, process {owner.pid} holds it)."
            )
        return cls(message, fix, owner)
