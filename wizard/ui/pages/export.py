"""Client settings: each format, previewed, copied or saved; the formats come from the core."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QCheckBox, QPushButton

from wizard.core.errors import WizardError
from wizard.core.exports.client_settings import MissingIncomingServer
from wizard.core.exports.clients import Exported, holds_secret, write_file
from wizard.core.exports.handout import handout_html, handout_text
from wizard.ui.i18n import shown
from wizard.ui.model.export import ExportInputs, client_settings, file_name, identity_for
from wizard.ui.model.profiles import export_profile, profile_name
from wizard.ui.model.state import PageId, Written
from wizard.ui.pages.base import Page, tr
from wizard.ui.widgets import ERROR_STYLE, Form, button_row, text_view
from wizard.ui.worker import JobContext, error_text

if TYPE_CHECKING:
    from wizard.core.local.profiles import ServerProfile

EXPORT_FORMATS = (
    ("handout-html", tr("Handout for staff (HTML)")),
    ("handout-pdf", tr("Handout for staff (PDF)")),
    ("thunderbird", tr("Thunderbird autoconfig (config-v1.1.xml)")),
    ("mobileconfig", tr("Apple Mail profile (.mobileconfig)")),
    ("msmtp", tr("msmtp")),
    ("mutt", tr("mutt / neomutt")),
    ("srv", tr("DNS SRV records")),
)


class ExportPage(Page):
    page_id = PageId.EXPORT

    def build(self) -> None:
        form = Form(self)
        self.format = form.combo(self.tr("&Format:"), [])
        for key, text in EXPORT_FORMATS:
            self.format.addItem(shown(text), key)
        self.account = form.line(self.tr("A&ccount:"))
        self.domain = form.line(
            self.tr("Mail &domain:"), placeholder=self.tr("the part after @, such as example.com")
        )
        self.server_name = form.line(
            self.tr("Ser&ver name:"),
            placeholder=self.tr("the name staff use, such as mail.example.com"),
        )
        self.email = form.line(
            self.tr("E&mail address:"), placeholder=self.tr("default: account@mail domain")
        )
        self.incoming_host = form.line(
            self.tr("&Incoming server:"),
            placeholder=self.tr("imap.example.com (Thunderbird, Apple)"),
        )
        self.incoming_type = form.combo(self.tr("Incoming &type:"), ["imap", "pop3"])
        self.incoming_security = form.combo(
            self.tr("Incoming securit&y:"), ["tls", "starttls", "none"]
        )
        self.with_password = QCheckBox(self.tr("Print the &password on the handout"), self)
        form.addRow("", self.with_password)
        self.body.addLayout(form)
        self.note = self.label("")
        self.body.addWidget(self.note)
        self.view = text_view(self, self.tr("Client settings"))
        self.body.addWidget(self.view)
        self.copy = QPushButton(self.tr("C&opy"), self)
        self.save = QPushButton(self.tr("&Save..."), self)
        self.use_handout = QPushButton(self.tr("Use the &handout instead"), self)
        self.use_handout.hide()
        self.body.addLayout(button_row(self.copy, self.save, self.use_handout))
        self.profile: ServerProfile | None = None
        self.result: Exported | None = None
        self.copy.clicked.connect(
            lambda: QGuiApplication.clipboard().setText(self.view.toPlainText())
        )
        self.save.clicked.connect(self.save_file)
        self.use_handout.clicked.connect(lambda: self.format.setCurrentIndex(0))
        self.format.currentIndexChanged.connect(self.refresh)
        self.with_password.toggled.connect(self.refresh)
        self.incoming_type.currentIndexChanged.connect(self.refresh)
        self.incoming_security.currentIndexChanged.connect(self.refresh)
        for edit in (self.account, self.domain, self.server_name, self.email, self.incoming_host):
            edit.textChanged.connect(self.refresh)

    def initializePage(self) -> None:
        self.profile = self._profile()
        test = self.model.test
        self.account.setText(test.user or (self.profile.smtp_user if self.profile else ""))
        target = self.model.target
        if target is not None:
            found = identity_for(target.host, self.model.report)
            if not self.domain.text():
                self.domain.setText(found.mail_domain)
            if not self.server_name.text():
                self.server_name.setText(found.server_name)
        self.refresh()

    def _profile(self) -> ServerProfile | None:
        """The server to write settings for; a verified one is saved (on the worker)."""
        target = self.model.target
        if target is None:
            return None
        try:
            store = self.ctx.services.profiles()
            saved = store.find(profile_name(target.host))
        except WizardError:
            store, saved = None, None
        profile, save = export_profile(saved, target, self.model.verified, self.model.test)
        if save and store is not None:
            self.ctx.run(lambda _ctx: store.save(profile), lambda _p: None, self._not_saved)
        return profile

    def _not_saved(self, exc: BaseException) -> None:
        self.note.setText(error_text(exc))

    def inputs(self) -> ExportInputs:
        return ExportInputs(
            fmt=self.current_format(),
            account=self.account.text(),
            email=self.email.text(),
            incoming=(
                self.incoming_host.text(),
                self.incoming_type.currentText(),
                self.incoming_security.currentText(),
            ),
            with_password=self.with_password.isChecked(),
            domain=self.domain.text(),
            server_name=self.server_name.text(),
        )

    def current_format(self) -> str:
        return str(self.format.currentData())

    def _refused(self, exc: WizardError) -> None:
        self.mark(exc)
        self.note.setStyleSheet(ERROR_STYLE)
        self.note.setText(error_text(exc))
        self.use_handout.setVisible(isinstance(exc, MissingIncomingServer))
        self.view.clear()
        self.save.setEnabled(False)
        self.copy.setEnabled(False)

    def refresh(self, *_args: object) -> None:
        self.result = None
        self.use_handout.hide()
        inputs = self.inputs()
        self.with_password.setEnabled(inputs.is_handout)
        if self.profile is None:
            self.note.setText(self.tr("Connect to a server first."))
            self.view.clear()
            self.save.setEnabled(False)
            self.copy.setEnabled(False)
            return
        settings = client_settings(self.profile, inputs, self.model.test, self.model.report)
        try:
            self.result = self.ctx.services.export(inputs.core_format, settings)
        except WizardError as exc:
            self._refused(exc)
            return
        self.mark(None)
        warnings = " ".join(shown(w) for w in self.result.warnings)
        self.note.setStyleSheet(ERROR_STYLE if warnings else "")
        self.note.setText(warnings)
        self.save.setEnabled(True)
        self.copy.setEnabled(True)
        if inputs.is_handout:
            self.view.setPlainText(handout_text(settings.validated(), shown))
        else:
            self.view.setPlainText(self.result.text)

    def save_file(self) -> None:
        if self.result is None or self.profile is None:
            return
        inputs = self.inputs()
        settings = client_settings(self.profile, inputs, self.model.test, self.model.report)
        path = self.ctx.dialogs.save_file(
            self, self.tr("Save client settings"), file_name(self.result.file_name, inputs.fmt)
        )
        if not path:
            return
        if inputs.is_handout:  # for staff: in the window's language, as previewed
            html = handout_html(settings.validated(), shown)
            if inputs.fmt == "handout-pdf":
                from wizard import render  # Qt's PDF writer: made here, on the GUI thread

                data = render.html_to_pdf(html)
            else:
                data = html.encode("utf-8")
        else:
            data = self.result.text.encode("utf-8")
        fmt, secret = inputs.fmt, holds_secret(inputs.fmt, settings)

        def work(_ctx: JobContext) -> Written:
            # A handout with the password: 0600 whatever the umask or an old file's mode.
            write_file(path, data, fmt=fmt, secret=secret)
            return Written(path)

        self.ctx.run(work, self._saved, self._save_failed)

    def _saved(self, written: Written) -> None:
        self.note.setStyleSheet("")
        self.note.setText(self.tr("Saved %1.").replace("%1", written.path))

    def _save_failed(self, exc: BaseException) -> None:
        self.note.setStyleSheet(ERROR_STYLE)
        self.note.setText(self.tr("Not saved: %1").replace("%1", error_text(exc)))
