"""Server check: what is on the server now, and what it means for a safe relay."""

from __future__ import annotations

from typing import TYPE_CHECKING

from wizard.core.mta.report import Level
from wizard.ui.i18n import shown
from wizard.ui.model.guard import guard_notes
from wizard.ui.model.mailserver import found_sentence
from wizard.ui.model.state import PageId
from wizard.ui.pages.base import Page
from wizard.ui.widgets import ERROR_STYLE, NoteList
from wizard.ui.worker import JobContext, error_text

if TYPE_CHECKING:
    from wizard.core.mta.report import Finding, ServerReport


class CheckPage(Page):
    page_id = PageId.CHECK

    def build(self) -> None:
        # which mail server the server runs, and its version: said first
        self.found = self.label("")
        self.found.setStyleSheet("font-weight: bold")
        self.body.addWidget(self.found)
        self.verdict = self.label("")
        self.body.addWidget(self.verdict)
        self.findings = NoteList(self, self.tr("Findings"))
        self.body.addWidget(self.findings, 3)
        self.guard_heading = self.label(
            self.tr("Certificates, and protection against password guessing:")
        )
        self.body.addWidget(self.guard_heading)
        self.guard = NoteList(self, self.tr("Certificates and protection"))
        self.body.addWidget(self.guard, 2)
        self.status = self.label("")
        self.body.addWidget(self.status)

    def initializePage(self) -> None:
        self.findings.clear()
        self.guard.clear()
        self.found.clear()
        self.verdict.clear()
        self.verdict.setStyleSheet("")
        self.model.report = None
        self.update_complete()
        self.status.setText(self.tr("Reading the server..."))
        services = self.ctx.services

        def work(ctx: JobContext) -> ServerReport:
            return services.inspect(ctx.session, ctx)

        self.ctx.run(work, self._done, self._failed, self.status.setText)

    def fix_note(self, finding: Finding) -> str:
        """What Relay Wizard does about a warning or a problem: one sentence, or none."""
        if finding.level == Level.OK or not finding.fixed_by:
            return ""
        if set(finding.fixed_by) >= {"modern", "classic"}:
            return self.tr("Relay Wizard fixes this when it sets up the relay.")
        if "modern" in finding.fixed_by:
            return self.tr("Relay Wizard fixes this with the modern settings (recommended).")
        return self.tr("Relay Wizard fixes this with the classic settings.")

    def _done(self, report: ServerReport) -> None:
        self.model.report = report
        # what needs attention first, then what is fine
        order = {Level.PROBLEM: 0, Level.WARNING: 1, Level.OK: 2}
        for f in sorted(report.findings, key=lambda f: order[f.level]):
            self.findings.add(str(f.level), f.message, detail=f.detail, note=self.fix_note(f))
        for level, text in guard_notes(report):
            self.guard.add(level, text)
        self.found.setText(shown(found_sentence(report)))
        self.verdict.setText(self.verdict_text(report.findings))
        self.status.setText(self.tr("Mail accounts are made for %1.").replace("%1", report.realm))
        self.update_complete()

    def verdict_text(self, findings: list[Finding]) -> str:
        """One line first: what stands in the way, and how much of it the wizard fixes."""
        open_ = [f for f in findings if f.level != Level.OK]
        left = [f for f in open_ if not f.fixed_by]
        if not open_:
            return self.tr("Nothing on this server stands in the way of a safe relay.")
        if any(f.level == Level.PROBLEM for f in left):
            return self.tr(
                "Something on this server stands in the way: read the points with a red sign "
                "first, Relay Wizard does not fix them itself."
            )
        if not left:
            return self.tr("Relay Wizard fixes everything marked below when it sets up the relay.")
        if len(left) == len(open_):
            return self.tr(
                "Read the points marked below: Relay Wizard does not change them itself."
            )
        return self.tr(
            "Relay Wizard fixes the points below that say so; the others are yours to judge."
        )

    def _failed(self, exc: BaseException) -> None:
        self.status.clear()
        self.verdict.setStyleSheet(ERROR_STYLE)
        self.verdict.setText(error_text(exc))
