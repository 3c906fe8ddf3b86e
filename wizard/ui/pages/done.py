"""Done: what was achieved and what is left, in sentences; the detail on request; a
report to keep."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QPushButton

from wizard.core.markup import document, join, tag
from wizard.ui.i18n import shown
from wizard.ui.model.reports import done_details_html, done_html
from wizard.ui.model.state import PageId, Written
from wizard.ui.pages.base import Page
from wizard.ui.widgets import html_view
from wizard.ui.worker import JobContext, error_text


class DonePage(Page):
    page_id = PageId.DONE

    def build(self) -> None:
        self.summary = html_view(self, self.tr("Summary"))
        self.body.addWidget(self.summary, 3)
        self.details = QPushButton(self.tr("Show &details"), self)
        self.details.setCheckable(True)
        self.details.setAutoDefault(False)
        self.body.addWidget(self.details)
        self.detail = html_view(self, self.tr("Details"))
        self.detail.hide()
        self.body.addWidget(self.detail, 2)
        self.details.toggled.connect(self._show_details)
        self.save = QPushButton(self.tr("&Save as HTML report..."), self)
        self.body.addWidget(self.save)
        self.status = self.label("")
        self.status.hide()  # until a report is saved: the summary keeps the room
        self.body.addWidget(self.status)
        self.save.clicked.connect(self.save_report)

    def _show_details(self, shown: bool) -> None:
        self.detail.setVisible(shown)
        self.details.setText(self.tr("Hide &details") if shown else self.tr("Show &details"))

    def initializePage(self) -> None:
        self.summary.setHtml(done_html(self.model, self.tr("Still to do"), shown))
        self.detail.setHtml(done_details_html(self.model, shown))

    def save_report(self) -> None:
        path = self.ctx.dialogs.save_file(self, self.tr("Save report"), "relay-wizard-report.html")
        if not path:
            return
        body = join(
            (
                done_html(self.model, self.tr("Still to do"), shown),
                tag("h3", self.tr("Details")),
                done_details_html(self.model, shown),
            )
        )
        text = document(self.tr("Relay Wizard report"), body)

        def work(_ctx: JobContext) -> Written:
            Path(path).write_text(text, encoding="utf-8")
            return Written(path)

        self.ctx.run(work, self._saved, self._failed)

    def _saved(self, written: Written) -> None:
        self.status.setText(self.tr("Saved %1.").replace("%1", written.path))
        self.status.show()

    def _failed(self, exc: BaseException) -> None:
        self.status.setText(self.tr("Not saved: %1").replace("%1", error_text(exc)))
        self.status.show()
