"""Test: a real message through the server as staff would send it, and the relay audit."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
)

from wizard.core.errors import WizardError
from wizard.core.mail.audit import AuditReport
from wizard.core.mail.smtp import SmtpFailure
from wizard.ui.model.sending import SECURITIES, checked, smtp_settings
from wizard.ui.model.settings import MECHANISMS
from wizard.ui.model.state import PageId, SendFailed, SendInputs, SendOutcome, Sent
from wizard.ui.pages.base import Context, Page, tr
from wizard.ui.widgets import ERROR_STYLE, OK_STYLE, add_rows
from wizard.ui.worker import JobContext, error_text


class TestPage(Page):
    page_id = PageId.TEST
    TITLE = tr("Test")
    SUBTITLE = tr(
        "Send a real message through the server as staff would, and prove that strangers cannot."
    )

    def __init__(self, ctx: Context) -> None:
        super().__init__(ctx)
        form = QFormLayout()
        self.to = QLineEdit(self)
        self.to.setPlaceholderText("you@example.org")
        self.user = QLineEdit(self)
        self.password = QLineEdit(self)
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.security = QComboBox(self)
        self.security.addItems(list(SECURITIES))
        self.security.setToolTip(self.tr("starttls: port 587; tls: port 465; none: port 25"))
        self.mech = QComboBox(self)
        self.mech.addItems(["", *MECHANISMS])
        self.mech.setToolTip(self.tr("Empty: the best the server offers"))
        self.pin = QLineEdit(self)
        self.pin.setToolTip(self.tr("SHA-256 fingerprint of a self-signed certificate to accept"))
        add_rows(
            form,
            self,
            [
                (self.tr("&Recipient:"), self.to),
                (self.tr("&Account:"), self.user),
                (self.tr("Pass&word:"), self.password),
                (self.tr("&Security:"), self.security),
                (self.tr("&Mechanism:"), self.mech),
                (self.tr("Pinned certificate:"), self.pin),
            ],
        )
        self.body.addLayout(form)
        row = QHBoxLayout()
        self.send = QPushButton(self.tr("S&end test message"), self)
        self.audit = QPushButton(self.tr("Run the open-relay a&udit"), self)
        row.addWidget(self.send)
        row.addWidget(self.audit)
        row.addStretch(1)
        self.body.addLayout(row)
        self.card = self.label("")
        self.body.addWidget(self.card)
        self.transcript = QPlainTextEdit(self)
        self.transcript.setReadOnly(True)
        self.transcript.setAccessibleName(self.tr("Conversation"))
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
        user, password, mech = test.user, test.password, test.mechanism

        def work(ctx: JobContext) -> SendOutcome:
            try:
                result = services.test_send(settings, user, password, to, to, mech, ctx.progress)
            except SmtpFailure as exc:
                return SendFailed(exc, services.diagnose(exc, settings, ctx.session, user, mech))
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
        self.ctx.run(
            lambda ctx: services.audit(loose, ctx.session, ctx.progress, ctx.cancel),
            self._audited,
            self._error,
            self.card.setText,
        )

    def _audited(self, report: AuditReport) -> None:
        self.model.audit = report
        self.card.setStyleSheet(OK_STYLE if report.closed else ERROR_STYLE)
        self.card.setText(report.summary())
