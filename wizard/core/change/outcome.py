"""What an apply or a rollback reports: one outcome per step, and the error that carries
them when a step failed."""

from __future__ import annotations

from dataclasses import dataclass, field

from wizard.core.errors import WizardError


@dataclass(frozen=True)
class StepOutcome:
    title: str
    ok: bool
    detail: str = ""
    port: int = 0  # verify's outcome for one listener: its port


@dataclass
class ApplyReport:
    journal_id: str = ""
    steps: list[StepOutcome] = field(default_factory=list)
    rollback: list[StepOutcome] = field(default_factory=list)
    recovered: str = ""  # an interrupted journal rolled back before this apply
    nothing_to_do: bool = False
    verified: bool = False

    def to_json(self) -> dict[str, object]:
        def rows(items: list[StepOutcome]) -> list[dict[str, object]]:
            return [{"title": s.title, "ok": s.ok, "detail": s.detail} for s in items]

        return {
            "journal": self.journal_id,
            "nothing_to_do": self.nothing_to_do,
            "verified": self.verified,
            "recovered": self.recovered,
            "steps": rows(self.steps),
            "rollback": rows(self.rollback),
        }


class ApplyFailed(WizardError):
    """Apply failed; ``report`` says which step and how the rollback went, ``reason`` why
    it stopped (without what the rollback did), ``cancelled`` whether the admin stopped it."""

    def __init__(
        self,
        message: str,
        report: ApplyReport,
        fix: str = "",
        *,
        reason: str = "",
        cancelled: bool = False,
    ) -> None:
        super().__init__(message, fix)
        self.report = report
        self.reason = reason or message
        self.cancelled = cancelled


@dataclass(frozen=True)
class RolledBack:
    """A rollback's outcome lines (``journal.rollback``) read for a person."""

    complete: bool  # every file back, sendmail running with the restored configuration
    restored: tuple[str, ...]  # the files put back (or removed again)
    nothing: bool  # no apply was recorded on the server: nothing to undo


def rolled_back(outcomes: list[StepOutcome]) -> RolledBack:
    """What ``outcomes`` of a rollback mean: which files came back, whether it finished."""
    titles = [o.title for o in outcomes]
    restored = tuple(
        t.split(" ", 1)[1] for t in titles if t.startswith(("restored ", "removed ")) and " " in t
    )
    return RolledBack(
        complete=all(o.ok for o in outcomes),
        restored=restored,
        nothing="nothing-to-roll-back" in titles,
    )
