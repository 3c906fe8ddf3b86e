"""Review: what changes for staff and strangers in plain sentences, then, on request, every
file change and command, before anything is written (the commit page)."""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QPushButton, QWizard

from wizard.ui.i18n import shown
from wizard.ui.model.reports import review_html, summary_html
from wizard.ui.model.state import PageId
from wizard.ui.pages.base import Page
from wizard.ui.widgets import html_view

if TYPE_CHECKING:
    from collections.abc import Sequence

    from wizard.core.change.outcome import StepOutcome
    from wizard.core.change.plan import Plan, Step, StepContext, Undo


class ShownStep:
    """A step as the Review page shows it: its title and plain sentence in the admin's
    language (wizard.core.translatable), everything else the step's own."""

    def __init__(self, step: Step) -> None:
        self.step = step

    @property
    def name(self) -> str:
        return self.step.name

    @property
    def title(self) -> str:
        return shown(self.step.title)

    @property
    def progress(self) -> str:
        return shown(self.step.progress)

    @property
    def about(self) -> str:
        return shown(self.step.about)

    @property
    def commands(self) -> tuple[str, ...]:
        return self.step.commands  # what runs on the server: never translated

    @property
    def diffs(self) -> tuple[str, ...]:
        return self.step.diffs

    @property
    def undo(self) -> Undo | None:
        return self.step.undo

    def run(self, ctx: StepContext) -> list[StepOutcome]:
        return self.step.run(ctx)

    def failure(self, outcomes: Sequence[StepOutcome]) -> str:
        return shown(self.step.failure(outcomes))


def shown_plan(plan: Plan) -> Plan:
    """``plan`` with every sentence the page shows in the admin's language (a copy for
    display: the plan that is applied stays the one the core made)."""
    return dataclasses.replace(
        plan,
        summary=tuple(shown(s) for s in plan.summary),
        checks=tuple(
            dataclasses.replace(c, message=shown(c.message), detail=shown(c.detail))
            for c in plan.checks
        ),
        steps=tuple(ShownStep(step) for step in plan.steps),
    )


class ReviewPage(Page):
    page_id = PageId.REVIEW

    def build(self) -> None:
        self.view = html_view(self, self.tr("What changes"))
        self.body.addWidget(self.view, 3)
        self.exact = QPushButton(self.tr("Show the e&xact changes"), self)
        self.exact.setCheckable(True)
        self.exact.setAutoDefault(False)
        self.body.addWidget(self.exact)
        self.changes = html_view(self, self.tr("The exact changes"))
        self.changes.hide()
        self.body.addWidget(self.changes, 4)
        self.exact.toggled.connect(self._show_exact)
        self.setCommitPage(True)
        self.setButtonText(QWizard.WizardButton.CommitButton, self.tr("&Apply"))

    def _show_exact(self, shown: bool) -> None:
        self.changes.setVisible(shown)
        self.exact.setText(
            self.tr("Hide the e&xact changes") if shown else self.tr("Show the e&xact changes")
        )

    def initializePage(self) -> None:
        plan = self.model.plan
        assert plan is not None, "Settings lets the admin on only with a plan"
        seen = shown_plan(plan)
        self.view.setHtml(
            summary_html(
                seen, self.tr("Before you apply"), self.tr("Please note"), self.tr("Good"), shown
            )
        )
        self.changes.setHtml(review_html(seen, say=shown))
        self.exact.setChecked(False)

    def validatePage(self) -> bool:
        """Apply changes the server: the admin confirms first (the default is Cancel)."""
        plan = self.model.plan
        target = self.model.target
        if plan is None:
            return False
        server = target.host if target is not None else ""
        return self.ctx.dialogs.confirm_apply(self, server, [shown(s) for s in plan.summary])
