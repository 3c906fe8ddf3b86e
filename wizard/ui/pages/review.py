"""Review: what changes for staff and strangers in plain sentences, then, on request, every
file change and command, before anything is written (the commit page)."""

from __future__ import annotations

from PySide6.QtWidgets import QPushButton, QWizard

from wizard.ui.model.reports import review_html, summary_html
from wizard.ui.model.state import PageId
from wizard.ui.pages.base import Page
from wizard.ui.widgets import html_view


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
        self.view.setHtml(
            summary_html(plan, self.tr("Before you apply"), self.tr("Please note"), self.tr("Good"))
        )
        self.changes.setHtml(review_html(plan))
        self.exact.setChecked(False)

    def validatePage(self) -> bool:
        """Apply changes the server: the admin confirms first (the default is Cancel)."""
        plan = self.model.plan
        target = self.model.target
        if plan is None:
            return False
        server = target.host if target is not None else ""
        return self.ctx.dialogs.confirm_apply(self, server, list(plan.summary))
