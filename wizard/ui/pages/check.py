"""Server check: what is on the server now, and what it means for a safe relay."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QTreeWidget, QTreeWidgetItem

from wizard.ui.model.state import PageId
from wizard.ui.pages.base import Page
from wizard.ui.widgets import level_icon, wrap_items
from wizard.ui.worker import JobContext, error_text

if TYPE_CHECKING:
    from wizard.core.mta.report import ServerReport


class CheckPage(Page):
    page_id = PageId.CHECK

    def build(self) -> None:
        self.tree = QTreeWidget(self)
        self.tree.setHeaderLabels([self.tr("Finding")])
        self.tree.setAccessibleName(self.tr("Findings"))
        wrap_items(self.tree)
        self.body.addWidget(self.tree)
        self.status = self.label("")
        self.body.addWidget(self.status)

    def initializePage(self) -> None:
        self.tree.clear()
        self.model.report = None
        self.update_complete()
        self.status.setText(self.tr("Reading the server..."))
        services = self.ctx.services

        def work(ctx: JobContext) -> ServerReport:
            return services.inspect(ctx.session, ctx)

        self.ctx.run(work, self._done, self._failed, self.status.setText)

    def _done(self, report: ServerReport) -> None:
        self.model.report = report
        for f in report.findings:
            item = QTreeWidgetItem([f.message])
            item.setIcon(0, level_icon(self, str(f.level)))
            item.setToolTip(0, f"{f.level}: {f.message}")
            item.setData(0, Qt.ItemDataRole.AccessibleTextRole, f"{f.level}: {f.message}")
            detail = QTreeWidgetItem([f"{self.tr('Level')}: {f.level}"])
            item.addChild(detail)
            self.tree.addTopLevelItem(item)
        # rows are measured again now that the view has its width, so long findings wrap
        QTimer.singleShot(0, self.tree.doItemsLayout)
        self.status.setText(
            self.tr("%1, sendmail %2, realm %3.")
            .replace("%1", report.os)
            .replace("%2", report.sendmail.version)
            .replace("%3", report.realm)
        )
        self.update_complete()

    def _failed(self, exc: BaseException) -> None:
        self.status.setText(error_text(exc))
