"""Apply: back up, write, rebuild, reload, verify from outside; a failure rolls back."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QListWidget, QListWidgetItem, QProgressBar, QPushButton

from wizard.core.change.outcome import ApplyFailed, ApplyReport, StepOutcome
from wizard.ui.model.profiles import record_applied
from wizard.ui.model.state import PageId
from wizard.ui.pages.base import Page
from wizard.ui.widgets import ERROR_STYLE, level_icon, text_view
from wizard.ui.worker import Job, JobContext, error_text

if TYPE_CHECKING:
    from wizard.core.change.plan import Plan


class ApplyPage(Page):
    page_id = PageId.APPLY

    def build(self) -> None:
        self.bar = QProgressBar(self)
        self.bar.setRange(0, 7)
        self.steps = QListWidget(self)
        self.steps.setAccessibleName(self.tr("Steps"))
        self.log = text_view(self, self.tr("Log"))
        self.cancel_button = QPushButton(self.tr("S&top and roll back"), self)
        self.outcome = self.label("")
        for w in (self.bar, self.steps, self.outcome, self.log, self.cancel_button):
            self.body.addWidget(w)
        self.cancel_button.clicked.connect(self.cancel)
        self.job: Job | None = None

    def initializePage(self) -> None:
        self.steps.clear()
        self.log.clear()
        self.bar.setValue(0)
        self.model.applied = False
        self.update_complete()
        self.outcome.clear()
        self.cancel_button.setEnabled(True)
        services = self.ctx.services
        options = self.model.options

        def work(ctx: JobContext) -> tuple[Plan, ApplyReport]:
            result = services.apply(ctx.session, options, ctx)
            # the saved server remembers this set-up (reopened, it is tested as such)
            record_applied(services.profiles(), ctx.session.target.host, options.profile)
            return result

        self.job = self.ctx.run(work, self._done, self._failed, self._progress)

    def cancel(self) -> None:
        if self.job is not None:
            self.job.cancel()
            self.log.appendPlainText(self.tr("Cancelling: the server will be rolled back."))

    def _progress(self, text: str) -> None:
        self.bar.setValue(min(self.bar.value() + 1, self.bar.maximum()))
        self.log.appendPlainText(text)

    def _show(self, outcomes: list[StepOutcome], prefix: str = "") -> None:
        for o in outcomes:
            text = f"{prefix}{o.title}" + (f": {o.detail}" if o.detail and not o.ok else "")
            self.steps.addItem(QListWidgetItem(level_icon(self, "ok" if o.ok else "error"), text))

    def _done(self, result: tuple[Plan, ApplyReport]) -> None:
        report = result[1]
        self.model.apply_report = report
        self.model.applied = True
        self.bar.setValue(self.bar.maximum())
        self._show(report.steps)
        self.outcome.setText(
            self.tr("Applied and verified from outside. Journal %1 on the server.").replace(
                "%1", report.journal_id
            )
            if not report.nothing_to_do
            else self.tr("Nothing to do: the server already had this configuration.")
        )
        self.cancel_button.setEnabled(False)
        self.update_complete()

    def _failed(self, exc: BaseException) -> None:
        self.cancel_button.setEnabled(False)
        if isinstance(exc, ApplyFailed):
            self._show(exc.report.steps)
            self._show(exc.report.rollback, self.tr("rollback: "))
        self.outcome.setText(
            error_text(exc)
            + "\n"
            + self.tr("Where the server stands: as it was before (if the rollback above is ok).")
        )
        self.outcome.setStyleSheet(ERROR_STYLE)
