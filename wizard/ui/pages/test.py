"""Test: a real message through the server as staff would send it, and the relay audit."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QPushButton

from wizard.core.errors import WizardError
from wizard.core.mail.send import SendRequest
from wizard.core.mail.smtp import SmtpFailure
from wizard.ui.model.sending import SECURITIES, checked, smtp_settings
from wizard.ui.model.settings import MECHANISMS
from wizard.ui.model.state import PageId, SendFailed, SendInputs, SendOutcome, Sent
from wizard.ui.pages.base import Page
from wizard.ui.widgets import ERROR_STYLE, OK_STYLE, Form, button_row, text_view
from wizard.ui.worker import JobContext, error_text

if TYPE_CHECKING:
    from wizard.core.mail.audit_report import AuditReport


class TestPage(Page):
    page_id = PageId.TEST

    def build(self) -> None:
        form = Form(self)
        self.to = form.line(self.tr("&Recipient:"), placeholder="you@example.org")
        self.user = form.line(self.tr("&Account:"))
        self.password = form.line(self.tr("Pass&word:"), secret=True)
        self.security = form.combo(
            self.tr("&Security:"),
            SECURITIES,
            self.tr("starttls: port 587; tls: port 465; none: port 25"),
        )
        self.mech = form.combo(
            self.tr("&Mechanism:"), ["", *MECHANISMS], self.tr("Empty: the best the server offers")
        )
        self.pin = form.line(self.tr("Pinned certificate:"))
        self.pin.setToolTip(self.tr("SHA-256 fingerprint of a self-signed certificate to accept"))
        self.body.addLayout(form)
        self.send = QPushButton(self.tr("S&end test message"), self)
        self.audit = QPushButton(self.tr("Run the open-relay a&udit"), self)
        self.body.addLayout(button_row(self.send, self.audit))
        self.card = self.label("")
        self.body.addWidget(self.card)
        self.transcript = text_view(self, self.tr("Conversation"))
        self.body.addWidget(self.transcript)
        self.send.clicked.connect(self.start_send)
        self.audit.clicked.connect(self.start_audit)
        # The model holds what the fields hold, for the Export page.
        for edit in (self.user, self.password, self.pin):
            edit.textChanged.connect(self._store)
        for combo in (self.security, self.mech):
            combo.currentIndexChanged.connect(self._store)

    def inputs(self) -> SendInputs:
        return SendInputs(
            security=self.security.currentText(),
            pin=self.pin.text(),
            user=self.user.text().strip(),
            password=self.password.text(),
            mechanism=self.mech.currentText(),
        )

    def _store(self, *_args: object) -> None:
        self.model.test = self.inputs()

    def initializePage(self) -> None:
        if self.model.options.profile == "classic":
            self.security.setCurrentText("none")
            self.mech.setCurrentText("CRAM-MD5")
        if self.model.last_user is not None:
            self.user.setText(self.model.last_user.name)
            self.password.setText(self.model.last_user.password)
        self._store()

    def _refuse(self, exc: WizardError) -> None:
        self.mark(exc)
        if exc.code != "missing_input":
            self.card.setStyleSheet(ERROR_STYLE)
        self.card.setText(error_text(exc))

    def start_send(self) -> None:
        target = self.model.target
        assert target is not None
        to = self.to.text().strip()
        try:
            test = checked(self.inputs(), to)
        except WizardError as exc:
            self._refuse(exc)
            return
        self.mark(None)
        self.pin.setText(test.pin)
        settings = smtp_settings(target.host, test)
        services = self.ctx.services
        self.card.setStyleSheet("")
        self.card.setText(self.tr("Sending..."))
        self.transcript.clear()
        request = SendRequest(settings, test.user, test.password, to, to, test.mechanism)

        def work(ctx: JobContext) -> SendOutcome:
            try:
                result = services.test_send(request, ctx.progress)
            except SmtpFailure as exc:
                return SendFailed(exc, services.diagnose(exc, request, ctx.session))
            fate = services.follow(ctx.session, result.queue_id) if ctx.session else None
            return Sent(result, fate)

        self.ctx.run(work, self._sent, self._error, self.card.setText)

    def _sent(self, outcome: SendOutcome) -> None:
        if isinstance(outcome, Sent):
            sent, fate = outcome.result, outcome.fate
            self.transcript.setPlainText(sent.transcript.render())
            where = f" {self.tr('On the server')}: {fate.state}: {fate.detail}" if fate else ""
            self.card.setStyleSheet(OK_STYLE)
            self.card.setText(
                self.tr("Accepted (queue id %1), logged in with %2.")
                .replace("%1", sent.queue_id)
                .replace("%2", sent.mechanism)
                + where
            )
            self.model.verified = sent
            return
        if outcome.failure.transcript is not None:
            self.transcript.setPlainText(outcome.failure.transcript.render())
        self.card.setStyleSheet(ERROR_STYLE)
        self.card.setText(outcome.diagnosis.render())

    def _error(self, exc: BaseException) -> None:
        self.card.setStyleSheet(ERROR_STYLE)
        self.card.setText(error_text(exc))

    def start_audit(self) -> None:
        target = self.model.target
        assert target is not None
        loose = replace(smtp_settings(target.host, self.inputs()), verify_cert=False)
        services = self.ctx.services
        self.card.setText(self.tr("Auditing..."))
        user = self.user.text().strip()
        self.ctx.run(
            lambda ctx: services.audit(loose, ctx.session, ctx, user),
            self._audited,
            self._error,
            self.card.setText,
        )

    def _audited(self, report: AuditReport) -> None:
        self.model.audit = report
        self.card.setStyleSheet(OK_STYLE if report.closed else ERROR_STYLE)
        self.card.setText(report.summary())
        self.transcript.setPlainText("\n".join(report.details()))
