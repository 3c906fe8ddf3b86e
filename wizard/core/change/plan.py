"""A plan: the files that change (with their diffs), the steps that will run, the checks
(errors block the apply) and what verify must then find. Pure: no I/O.

The mail server's driver makes the plan from what it read on the server and the admin's
:class:`~wizard.core.change.options.RelayOptions` (for sendmail:
:func:`wizard.core.mta.sendmail.plan.make_plan`); the apply runner
(:mod:`wizard.core.change.apply`) runs its ``steps`` one after the other. The Review page
and ``relay-wizard plan`` show the same step objects, so what is shown is what runs.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING, Protocol

from wizard.core.notes import Note
from wizard.core.remote.runner import Runner

if TYPE_CHECKING:
    import threading
    from collections.abc import Callable, Sequence

    from wizard.core.change.options import RelayOptions
    from wizard.core.change.outcome import StepOutcome
    from wizard.core.change.verify import ExpectedPort
    from wizard.core.mail.pool import SmtpPool
    from wizard.core.mail.vantage import RelayConfig
    from wizard.core.remote.lock import ServerLock


class CheckLevel(StrEnum):
    OK = "ok"
    WARNING = "warning"
    ERROR = "error"


@dataclass(frozen=True)
class Check(Note[CheckLevel]):
    """One check of a plan: an ERROR stops it, a WARNING is shown before apply."""


def checks_json(checks: Sequence[Check]) -> list[dict[str, str]]:
    return [
        {"id": c.id, "level": str(c.level), "message": c.message, "detail": c.detail}
        for c in checks
    ]


def unified_diff(path: str, before: str, after: str) -> str:
    lines = difflib.unified_diff(
        before.splitlines(keepends=True),
        after.splitlines(keepends=True),
        fromfile=f"{path} (now)",
        tofile=f"{path} (planned)",
    )
    out = [line.rstrip("\n").rstrip("\r") for line in lines]
    return "\n".join(out) + ("\n" if out else "")


@dataclass(frozen=True)
class FileChange:
    path: str
    before: str
    after: str

    @property
    def diff(self) -> str:
        return unified_diff(self.path, self.before, self.after)


class ApplySession(Runner, Protocol):
    """What the steps need of the SSH session (``ssh.SshSession``)."""

    def server_lock_lost(self) -> bool: ...
    def server_lock(self) -> ServerLock | None: ...


@dataclass(frozen=True)
class StepContext:
    """What one apply hands every step: where, which journal, and how to report."""

    session: ApplySession
    host: str  # the address this computer reaches the server at (for verify)
    journal: str
    progress: Callable[[str], None] | None = None
    cancel: threading.Event | None = None
    smtp_timeout: float = 20.0
    smtp_pool: SmtpPool | None = None  # where verify parks its SMTP session for a test send
    relay: RelayConfig | None = None  # who may relay, to explain an audit's finding


class Undo(Protocol):
    def run(self, ctx: StepContext) -> list[StepOutcome]: ...


class Step(Protocol):
    """One step of a plan. ``title``, ``about`` (a plain sentence), ``commands`` and
    ``diffs`` are what the Review page and ``relay-wizard plan`` show; ``progress`` is said while it runs; ``name`` is passed
    to the apply's ``on_step`` once it is done."""

    @property
    def name(self) -> str: ...
    @property
    def title(self) -> str: ...
    @property
    def progress(self) -> str: ...
    @property
    def commands(self) -> tuple[str, ...]: ...
    @property
    def diffs(self) -> tuple[str, ...]: ...
    @property
    def undo(self) -> Undo | None: ...
    @property
    def about(self) -> str: ...

    def run(self, ctx: StepContext) -> list[StepOutcome]: ...

    def failure(self, outcomes: Sequence[StepOutcome]) -> str: ...


@dataclass(frozen=True)
class Plan:
    options: RelayOptions
    changes: tuple[FileChange, ...]
    steps: tuple[Step, ...]
    checks: tuple[Check, ...]
    expect: tuple[ExpectedPort, ...]
    build_command: str
    # the plan in plain sentences, most important first (what changes for staff and for
    # strangers): what the Review page and ``relay-wizard plan`` show before the steps
    summary: tuple[str, ...] = ()
    # what the apply does beyond editing files, in plain sentences (obtain a certificate,
    # copy a renewed one into place, start fail2ban): any of them means there is work to do
    actions: tuple[str, ...] = ()

    @property
    def nothing_to_do(self) -> bool:
        return not self.changes and not self.actions

    @property
    def errors(self) -> list[Check]:
        return [c for c in self.checks if c.level == CheckLevel.ERROR]

    def to_json(self) -> dict[str, object]:
        return {
            "profile": self.options.profile,
            "mechanisms": list(self.options.mechanisms),
            "nothing_to_do": self.nothing_to_do,
            "summary": list(self.summary),
            "actions": list(self.actions),
            "checks": checks_json(self.checks),
            "files": [{"path": c.path, "diff": c.diff} for c in self.changes],
            "steps": [
                {"title": s.title, "commands": list(s.commands), "diffs": list(s.diffs)}
                for s in self.steps
            ],
            "verify": [e.to_json() for e in self.expect],
        }
