"""The journal on the server that makes an apply a transaction, and its rollback.

Every apply writes ``/var/lib/relay-wizard/journal/ID/``: the backups (``files/N``), the
new contents (``new/N``), a ``manifest`` (index, existed, sha256 before, sha256 new, path),
the host's .mc and .cf paths (``paths``), how a step found a service it started or
reloaded (``services``: fail2ban, running or stopped) and a ``state`` (staged, built,
installed, restarted, applied, rolled-back). The scripts in wizard/core/remote/scripts write it
(stage.sh first); ``rollback.sh`` restores every backup byte for byte and reloads.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from wizard.core.change.outcome import StepOutcome
from wizard.core.errors import RemoteCommandError
from wizard.core.remote import scripts
from wizard.core.remote.lock import server_locked
from wizard.core.translatable import QT_TRANSLATE_NOOP
from wizard.core.untrusted import printable

if TYPE_CHECKING:
    from wizard.core.remote.runner import Runner

JOURNAL_ROOT = "/var/lib/relay-wizard/journal"
# A journal whose state is one of these is done: nothing to finish or undo.
SETTLED = ("applied", "rolled-back")

Progress = Callable[[str], None]

# What :func:`rollback` says as it starts (the window shows it as a step of its own).
ROLLING_BACK = QT_TRANSLATE_NOOP(
    "Steps", "Rolling back: restoring the backups and reloading the mail server"
)


def journal_id(now: float) -> str:
    """The journal's name: UTC time to the microsecond, so that names sort in the order
    the applies ran ("the newest journal" is the last name), also within one second."""
    seconds = int(now)
    micro = round((now - seconds) * 1_000_000)
    if micro == 1_000_000:
        seconds, micro = seconds + 1, 0
    return time.strftime("%Y%m%dT%H%M%SZ", time.gmtime(seconds)) + f"-{micro:06d}"


def unfinished(state: str) -> bool:
    """A journal in ``state`` was left half-way (the connection was cut)."""
    return bool(state) and state not in SETTLED


@server_locked("rollback")  # the server lock; re-entrant: apply's own rollback
def rollback(
    session: Runner,
    journal_id: str = "",
    *,
    progress: Progress | None = None,
    ports: Sequence[str] = (),
) -> list[StepOutcome]:
    """Restore the files of ``journal_id`` (default: the newest not rolled back) and reload.

    ``ports``: the listeners to wait for; by default those of the restored .mc.
    """
    if progress:
        progress(ROLLING_BACK)
    result = session.run(scripts.command("rollback", journal_id, *ports), root=True, timeout=120)
    lines = printable(result.stdout, multiline=True).splitlines()
    steps = [StepOutcome(line, True) for line in lines if line and not line.startswith("listening")]
    if not result.ok:
        err = printable(result.stderr.strip(), multiline=True)
        steps.append(StepOutcome("rollback", False, err[-500:]))
        raise RemoteCommandError(
            f"The rollback did not complete: {err[-300:]}",
            result,
            "Run the rollback again; the backups stay under /var/lib/relay-wizard.",
        )
    return steps
