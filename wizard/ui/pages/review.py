"""Review: every file change and command, before anything is written (the commit page)."""

from __future__ import annotations

from PySide6.QtWidgets import QTextBrowser, QWizard

from wizard.ui.model.reports import review_html
from wizard.ui.model.state import PageId
from wizard.ui.pages.base import Context, Page, tr


class ReviewPage(Page):
    page_id = PageId.REVIEW
    TITLE = tr("Review")
    SUBTITLE = tr(
        "Every file change and command, before anything is written. Apply is the "
        "point of no return; a failure rolls back by itself."
    )

    def __init__(self, ctx: Context) -> None:
        super().__init__(ctx)
        self.view = QTextBrowser(self)
        self.view.setAccessibleName(self.tr("Planned changes"))
        self.body.addWidget(self.view)
        self.setCommitPage(True)
        self.setButtonText(QWizard.WizardButton.CommitButton, self.tr("&Apply"))

    def initializePage(self) -> None:
        plan = self.model.plan
        assert plan is not None, "Settings lets the admin on only with a plan"
        self.view.setHtml(
            review_html(plan, self.tr("Before you apply"), self.tr("Please note"), self.tr("Good"))
        )
