"""Apply: back up, write, rebuild, reload, verify from outside; a failure or Stop rolls
back, and the page then says where the server stands and lets the admin go Back."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QListWidget, QListWidgetItem, QProgressBar, QPushButton, QStyle

from wizard.core.change.journal import ROLLING_BACK
from wizard.core.change.outcome import ApplyFailed, ApplyReport, StepOutcome, rolled_back
from wizard.core.errors import Cancelled
from wizard.ui.i18n import shown
from wizard.ui.model.mailserver import is_postfix
from wizard.ui.model.profiles import record_applied
from wizard.ui.model.state import PageId
from wizard.ui.pages.base import Page
from wizard.ui.widgets import ERROR_STYLE, OK_STYLE, level_icon, text_view, wrap_items
from wizard.ui.worker import Job, JobContext, error_text

if TYPE_CHECKING:
    from collections.abc import Callable

    from wizard.core.change.plan import Plan


class ApplyPage(Page):
    page_id = PageId.APPLY

    # The apply ended without changing the server for good (failed or stopped, and put
    # back): the wizard lets the admin go Back to Review and Settings.
    settled = Signal()

    def build(self) -> None:
        self.bar = QProgressBar(self)
        self.steps = QListWidget(self)
        self.steps.setAccessibleName(self.tr("Steps"))
        wrap_items(self.steps)
        self.outcome = self.label("")
        self.details = QPushButton(self.tr("Show &details"), self)
        self.details.setCheckable(True)
        self.details.setAutoDefault(False)
        self.log = text_view(self, self.tr("Details"))
        self.log.hide()  # the detail on request: the step list says what happens
        self.cancel_button = QPushButton(self.tr("S&top and roll back"), self)
        self.cancel_button.setAutoDefault(False)
        self.body.addWidget(self.bar)
        self.body.addWidget(self.steps, 3)
        self.body.addWidget(self.outcome)
        self.body.addWidget(self.log, 2)
        self.body.addWidget(self.details)
        self.body.addWidget(self.cancel_button)
        self.cancel_button.clicked.connect(self.cancel)
        self.details.toggled.connect(self._show_details)
        self.job: Job | None = None
        self.running = False
        self._then: Callable[[str], None] | None = None
        self._current: QListWidgetItem | None = None
        self._rollback: QListWidgetItem | None = None  # the row of the rollback, once it runs

    def _show_details(self, shown: bool) -> None:
        self.log.setVisible(shown)
        self.details.setText(self.tr("Hide &details") if shown else self.tr("Show &details"))

    def initializePage(self) -> None:
        self.steps.clear()
        self.log.clear()
        self._current = None
        self._rollback = None
        plan = self.model.plan
        self.bar.setRange(0, len(plan.steps) if plan is not None and plan.steps else 7)
        self.bar.setValue(0)
        self.model.applied = False
        self.model.apply_report = None
        self.update_complete()
        self.outcome.clear()
        self.outcome.setStyleSheet("")
        self.cancel_button.setEnabled(True)
        self.cancel_button.show()
        self._then = None
        services = self.ctx.services
        options = self.model.options

        def work(ctx: JobContext) -> tuple[Plan, ApplyReport]:
            result = services.apply(ctx.session, options, ctx)
            # the saved server remembers this set-up (reopened, it is tested as such)
            record_applied(services.profiles(), ctx.session.target.host, options.profile)
            return result

        self.running = True
        self.job = self.ctx.run(work, self._done, self._failed, self._progress)

    def cancel(self) -> None:
        """Stop and roll back (the page's button)."""
        if self.job is not None and self.running:
            self.job.cancel()
            self.cancel_button.setEnabled(False)
            self.outcome.setStyleSheet("")
            self.outcome.setText(
                self.tr("Stopping: the server is being put back as it was. Please wait.")
            )
            self.log.appendPlainText(self.tr("Cancelling: the server will be rolled back."))

    def stop(self, then: Callable[[str], None]) -> None:
        """Stop and roll back, then call ``then`` with where the server stands (the
        window's Cancel while the apply runs)."""
        self._then = then
        self.cancel()

    # ---- while it runs

    def _finish_current(self, ok: bool, stopped: bool = False) -> None:
        """Mark the step that was running: done, failed, or stopped by the admin."""
        if self._current is not None:
            if stopped:
                icon = self.style().standardIcon(QStyle.StandardPixmap.SP_MediaStop)
                self._current.setToolTip(self.tr("Stopped here"))
            else:
                icon = level_icon(self, "ok" if ok else "error")
            self._current.setIcon(icon)
            self._current = None

    def _progress(self, text: str) -> None:
        """Each step as it starts: the one before it is done (or, when the rollback starts,
        failed: a stop waits for the running step to end, so that one is done)."""
        stopping = self.job is not None and self.job.cancel_event.is_set()
        rollback = text in (ROLLING_BACK, shown(ROLLING_BACK))  # the worker translates it
        self._finish_current(not rollback or stopping)
        self.bar.setValue(min(self.bar.value() + 1, self.bar.maximum()))
        icon = self.style().standardIcon(QStyle.StandardPixmap.SP_ArrowRight)
        label = self.tr("Putting the server back as it was") if rollback else text
        self._current = QListWidgetItem(icon, label)
        if rollback:
            self._rollback = self._current
        self.steps.addItem(self._current)
        self.log.appendPlainText(text)

    def _log(self, outcomes: list[StepOutcome], rollback: bool = False) -> None:
        for o in outcomes:
            self.log.appendPlainText(
                self.log_line(o.ok, rollback, bool(o.detail))
                .replace("%1", shown(o.title))
                .replace("%2", shown(o.detail))
            )

    def log_line(self, ok: bool, rollback: bool, detail: bool) -> str:
        """One outcome's line in the log: each form one sentence for the translator."""
        lines = {
            (True, False, False): self.tr("ok: %1"),
            (True, False, True): self.tr("ok: %1: %2"),
            (False, False, False): self.tr("FAILED: %1"),
            (False, False, True): self.tr("FAILED: %1: %2"),
            (True, True, False): self.tr("rollback: ok: %1"),
            (True, True, True): self.tr("rollback: ok: %1: %2"),
            (False, True, False): self.tr("rollback: FAILED: %1"),
            (False, True, True): self.tr("rollback: FAILED: %1: %2"),
        }
        return lines[(ok, rollback, detail)]

    # ---- when it ends

    def _ended(self, where: str) -> None:
        self.running = False
        self.cancel_button.setEnabled(False)
        self.cancel_button.hide()  # nothing left to stop
        self.bar.setValue(self.bar.maximum())
        if self._then is not None:
            then, self._then = self._then, None
            then(where)

    def _done(self, result: tuple[Plan, ApplyReport]) -> None:
        report = result[1]
        self.model.apply_report = report
        self.model.applied = True
        self._finish_current(True)
        self._log(report.steps)
        if report.nothing_to_do:
            text = self.tr("Nothing to do: the server already had this configuration.")
        else:
            text = self.tr(
                "Applied and verified from outside: staff can log in and send through the "
                "server, and strangers still cannot relay."
            )
        self.outcome.setText(text)
        self.outcome.setStyleSheet(OK_STYLE)
        self.update_complete()
        self._ended(text)

    def _failed(self, exc: BaseException) -> None:
        stopped = isinstance(exc, Cancelled) or (isinstance(exc, ApplyFailed) and exc.cancelled)
        back = rolled_back(exc.report.rollback) if isinstance(exc, ApplyFailed) else None
        if self._rollback is not None and self._current is self._rollback:
            self._finish_current(back is not None and back.complete)  # the rollback's row
        else:
            self._finish_current(False, stopped)
        if isinstance(exc, ApplyFailed) and back is not None:
            self._log(exc.report.steps)
            self._log(exc.report.rollback, rollback=True)
            if back.complete:
                self._put_back(back.restored)
                text = self._stopped(exc) if exc.cancelled else self._undone(exc)
            else:
                text = self.tr(
                    "The change did not complete and putting the server back did not finish "
                    "either: the server may be half-changed. Connect again and apply again (it "
                    "finishes putting things back first), or use Undo on the Mail accounts page."
                )
                self.outcome.setStyleSheet(ERROR_STYLE)
        elif isinstance(exc, Cancelled):
            text = self.tr("Stopped before anything was changed: the server is as it was.")
            self.outcome.setStyleSheet("")
        else:
            self.log.appendPlainText(error_text(exc))
            text = self.tr(
                "The change could not start: %1 Nothing was changed on the server."
            ).replace("%1", error_text(exc))
            self.outcome.setStyleSheet(ERROR_STYLE)
        self.outcome.setText(
            text + "\n" + self.tr("Go Back to review the changes or to change the settings.")
        )
        self.settled.emit()
        self.completeChanged.emit()  # the wizard enables Back
        self._ended(text)

    def _put_back(self, restored: tuple[str, ...]) -> None:
        """The rollback's row (added when the rollback said nothing while it ran)."""
        item = self._rollback
        if item is None:
            item = QListWidgetItem(level_icon(self, "ok"), self.tr("Put the server back as it was"))
            self.steps.addItem(item)
        item.setText(self.tr("Put the server back as it was"))
        item.setToolTip("\n".join(restored))

    def _stopped(self, _exc: ApplyFailed) -> str:
        self.outcome.setStyleSheet("")
        if is_postfix(self.model.report):
            return self.tr(
                "Stopped. Everything was put back: the server is as it was before, and Postfix "
                "runs with its previous configuration."
            )
        return self.tr(
            "Stopped. Everything was put back: the server is as it was before, and sendmail "
            "runs with its previous configuration."
        )

    def _undone(self, exc: ApplyFailed) -> str:
        self.outcome.setStyleSheet(ERROR_STYLE)
        put_back = (
            self.tr(
                "The change did not work, so everything was put back: the server is as it was "
                "before, and Postfix runs with its previous configuration."
            )
            if is_postfix(self.model.report)
            else self.tr(
                "The change did not work, so everything was put back: the server is as it was "
                "before, and sendmail runs with its previous configuration."
            )
        )
        return put_back + "\n" + self.tr("What went wrong: %1").replace("%1", shown(exc.reason))
