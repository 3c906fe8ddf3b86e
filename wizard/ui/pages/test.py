"""Test: a real message through the server as staff would send it, and the relay audit."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QCheckBox, QComboBox, QPushButton, QSpinBox

from wizard.core.errors import WizardError
from wizard.core.mail.send import SendRequest
from wizard.core.mail.smtp import SmtpFailure
from wizard.ui.i18n import shown
from wizard.ui.model.sending import PORTS, SECURITIES, checked, smtp_settings, starting_inputs
from wizard.ui.model.settings import MECHANISMS
from wizard.ui.model.state import PageId, SendFailed, SendInputs, SendOutcome, Sent
from wizard.ui.pages.base import Page
from wizard.ui.widgets import ERROR_STYLE, OK_STYLE, Form, button_row, text_view
from wizard.ui.worker import JobContext, error_text

if TYPE_CHECKING:
    from wizard.core.mail.audit_report import AuditReport
    from wizard.core.mail.diagnose import MessageFate
    from wizard.core.mail.send import SendResult


class TestPage(Page):
    page_id = PageId.TEST

    def build(self) -> None:
        form = Form(self)
        self.to = form.line(self.tr("&Recipient:"), placeholder="you@example.org")
        self.user = form.line(self.tr("&Account:"))
        self.password = form.line(self.tr("Pass&word:"), secret=True)
        self.security = QComboBox(self)
        for value, text in (
            ("starttls", self.tr("Encrypted after connecting (STARTTLS)")),
            ("tls", self.tr("Encrypted from the start (TLS)")),
            ("none", self.tr("Not encrypted")),
        ):
            self.security.addItem(text, value)
        assert tuple(self.security.itemData(i) for i in range(3)) == SECURITIES
        form.row(self.tr("&Security:"), self.security)
        self.port = QSpinBox(self)
        self.port.setRange(1, 65535)
        self.port.setValue(PORTS["starttls"])
        form.row(self.tr("P&ort:"), self.port)
        self.mech = form.combo(self.tr("Login &method:"), [])
        self.mech.addItem(self.tr("The best the server offers"), "")
        for mechanism in MECHANISMS:
            self.mech.addItem(mechanism, mechanism)
        self.body.addLayout(form)
        # Advanced: the wizard checks the certificate over SSH itself; a fingerprint typed
        # here is for a server it cannot read, or to insist on one certificate.
        self.own_pin = QCheckBox(self.tr("Trust only a certificate I checked myself (advanced)"))
        self.body.addWidget(self.own_pin)
        self.pin_note = self.label(
            self.tr(
                "Not needed normally: the wizard reads the server's certificate over SSH and "
                "trusts it when the server presents that same one. Paste a SHA-256 "
                "fingerprint here only to accept exactly that certificate."
            )
        )
        self.pin_form = Form(self)
        self.pin = self.pin_form.line(self.tr("&Fingerprint:"), placeholder="AB:CD:...")
        self.body.addWidget(self.pin_note)
        self.body.addLayout(self.pin_form)
        self.send = QPushButton(self.tr("S&end test message"), self)
        self.audit = QPushButton(self.tr("Run the open-relay a&udit"), self)
        self.body.addLayout(button_row(self.send, self.audit))
        self.card = self.label("")
        self.body.addWidget(self.card)
        self.transcript = text_view(self, self.tr("Conversation"))
        self.body.addWidget(self.transcript)
        self.send.clicked.connect(self.start_send)
        self.audit.clicked.connect(self.start_audit)
        self.own_pin.toggled.connect(self._show_pin)
        self.security.activated.connect(self._security_chosen)
        self._show_pin(False)
        # The model holds what the fields hold, for the Export page.
        for edit in (self.user, self.password, self.pin):
            edit.textChanged.connect(self._store)
        for combo in (self.security, self.mech):
            combo.currentIndexChanged.connect(self._store)
        self.port.valueChanged.connect(self._store)
        self.own_pin.toggled.connect(self._store)

    def _show_pin(self, shown: bool) -> None:
        self.pin_note.setVisible(shown)
        self.pin.setVisible(shown)
        label = self.pin_form.labelForField(self.pin)
        if label is not None:
            label.setVisible(shown)

    def _security_chosen(self, _index: int) -> None:
        """The admin picked a security: the port follows it (it can be changed after)."""
        self.port.setValue(PORTS[self.security.currentData()])

    def inputs(self) -> SendInputs:
        return SendInputs(
            security=self.security.currentData(),
            pin=self.pin.text() if self.own_pin.isChecked() else "",
            port=self.port.value(),
            user=self.user.text().strip(),
            password=self.password.text(),
            mechanism=str(self.mech.currentData() or ""),
        )

    def _store(self, *_args: object) -> None:
        self.model.test = self.inputs()

    def initializePage(self) -> None:
        m = self.model
        start = starting_inputs(
            m.test, m.options.profile, m.chosen if m.manage else None, m.applied
        )
        self.security.setCurrentIndex(max(0, self.security.findData(start.security)))
        self.port.setValue(start.port or PORTS[start.security])
        self.mech.setCurrentIndex(max(0, self.mech.findData(start.mechanism)))
        self.pin.setText(start.pin)
        self.own_pin.setChecked(bool(start.pin))
        if start.user and not self.user.text():
            self.user.setText(start.user)
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
            r = request
            if ctx.session is not None and settings.security != "none" and not test.pin:
                # the certificate sendmail uses, read over SSH: the one presented must be it
                r = replace(request, server_cert=services.server_cert(ctx.session))
            try:
                # the message's fate is looked for on the server while it is sent
                result = services.test_send(r, ctx.progress, ctx.session)
            except SmtpFailure as exc:
                return SendFailed(exc, services.diagnose(exc, r, ctx.session))
            fate = services.follow(ctx.session, result.queue_id) if ctx.session else None
            return Sent(result, fate)

        self.ctx.run(work, self._sent, self._error, self.card.setText)

    def _sent(self, outcome: SendOutcome) -> None:
        if isinstance(outcome, Sent):
            sent, fate = outcome.result, outcome.fate
            self.transcript.setPlainText(sent.transcript.render())
            lines = [
                self.tr("The server accepted the test message and logged you in with %1.").replace(
                    "%1", sent.mechanism
                )
            ]
            cert = self.cert_sentence(sent)
            if cert:
                lines.append(cert)
            if fate is not None:
                lines.append(self.fate_sentence(fate))
            self.card.setStyleSheet(OK_STYLE)
            self.card.setText("\n".join(lines))
            self.model.verified = sent
            return
        if outcome.failure.transcript is not None:
            self.transcript.setPlainText(outcome.failure.transcript.render())
        self.card.setStyleSheet(ERROR_STYLE)
        self.card.setText("\n".join(shown(line) for line in outcome.diagnosis.lines()))

    def cert_sentence(self, sent: SendResult) -> str:
        """How the certificate was trusted, when the wizard checked it over SSH."""
        if sent.server_cert is None:
            return ""
        if sent.server_cert.self_signed:
            return self.tr(
                "The server's certificate is self-signed; the wizard checked over SSH that it "
                "is the one the server uses, so the test trusted it."
            )
        return self.tr(
            "The wizard checked over SSH that the certificate presented is the one the server uses."
        )

    def fate_sentence(self, fate: MessageFate) -> str:
        """What became of the message on the server, in a plain sentence."""
        detail = shown(fate.detail)
        if fate.state == "sent":
            return self.tr("The server has passed the message on to the recipient's mail server.")
        if fate.state == "bounced":
            return self.tr(
                "The server could not deliver the message and returns it to the sender. "
                "Reason given: %1"
            ).replace("%1", detail)
        if fate.state == "deferred":
            return self.tr(
                "The server could not pass the message on yet and keeps trying for a few days. "
                "The relay works; the delay comes from the recipient's domain or the server's "
                "own connection to the internet. Reason given: %1"
            ).replace("%1", detail)
        if fate.state == "queued":
            return self.tr(
                "The message is waiting in the server's queue to be passed on; that is normal "
                "for a short while."
            )
        if fate.state == "accepted":
            return self.tr("The server's mail log shows the message: %1").replace("%1", detail)
        return self.tr("The wizard did not find the message in the server's queue or mail log.")

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
        self.card.setText(" ".join(shown(s) for s in report.summary_sentences()))
        self.transcript.setPlainText("\n".join(shown(line) for line in report.details()))
