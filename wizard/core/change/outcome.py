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
    """Apply failed; ``report`` says which step and how the rollback went."""

    def __init__(self, message: str, report: ApplyReport, fix: str = "") -> None:
        super().__init__(message, fix)
        self.report = report
