"""Review: every file change and command, before anything is written (the commit page)."""

from __future__ import annotations

from PySide6.QtWidgets import QWizard

from wizard.ui.model.reports import review_html
from wizard.ui.model.state import PageId
from wizard.ui.pages.base import Page
from wizard.ui.widgets import html_view


class ReviewPage(Page):
    page_id = PageId.REVIEW

    def build(self) -> None:
        self.view = html_view(self, self.tr("Planned changes"))
        self.body.addWidget(self.view)
        self.setCommitPage(True)
        self.setButtonText(QWizard.WizardButton.CommitButton, self.tr("&Apply"))

    def initializePage(self) -> None:
        plan = self.model.plan
        assert plan is not None, "Settings lets the admin on only with a plan"
        self.view.setHtml(
            review_html(plan, self.tr("Before you apply"), self.tr("Please note"), self.tr("Good"))
        )
