"""Connect: log in over SSH; the host key question; passwords kept in the keyring.

Every error shows in one place, under the Connect button, and the field it concerns is
marked. Whether this computer has a keyring is found out when the page is made (on the
worker thread), so "Remember the passwords" is switched off before anyone connects.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
)

from wizard.core.errors import HostKeyChanged, HostKeyUnknown, WizardError
from wizard.core.remote.login import Credentials
from wizard.core.target import Target, validate_host, validate_user
from wizard.ui.model.profiles import connected_profile, profile_name
from wizard.ui.model.state import Connected, PageId
from wizard.ui.pages.base import Page
from wizard.ui.widgets import ERROR_STYLE, Form, button_row, no_keyring
from wizard.ui.worker import Job, JobContext, error_text

PASSWORD, KEY_FILE, AGENT = range(3)


class ConnectPage(Page):
    page_id = PageId.CONNECT

    def build(self) -> None:
        form = Form(self)
        self.host = form.line(self.tr("&Server:"), placeholder="mail.example.com")
        self.port = QSpinBox(self)
        self.port.setRange(1, 65535)
        self.port.setValue(22)
        form.row(self.tr("&Port:"), self.port)
        self.user = form.line(self.tr("&User:"), "root")
        self.how = form.combo(
            self.tr("&Log in with:"),
            [self.tr("Password"), self.tr("Key file"), self.tr("SSH agent")],
        )
        self.password = form.line(self.tr("Pass&word:"), secret=True)
        self.key = QLineEdit(self)
        self.browse = QPushButton(self.tr("Br&owse..."), self)
        key_row = QHBoxLayout()
        key_row.addWidget(self.key)
        key_row.addWidget(self.browse)
        key_label = QLabel(self.tr("&Key file:"), self)
        key_label.setBuddy(self.key)
        self.key.setAccessibleName(self.tr("Key file"))
        form.addRow(key_label, key_row)
        self.passphrase = form.line(self.tr("Key passp&hrase:"), secret=True)
        self.sudo = form.line(self.tr("su&do password:"), secret=True)
        self.sudo.setToolTip(
            self.tr(
                "Only when the user is not root and sudo asks for a password; usually the "
                "user's own login password."
            )
        )
        self.remember = QCheckBox(self.tr("&Remember the passwords in the keyring"), self)
        form.addRow("", self.remember)
        self.body.addLayout(form)
        # the one place errors show, whatever field they concern (the field is marked)
        self.error = QLabel(self)
        self.error.setTextFormat(Qt.TextFormat.PlainText)
        self.error.setStyleSheet(ERROR_STYLE)
        self.error.setWordWrap(True)
        self.error.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.connect_button = QPushButton(self.tr("&Connect"), self)
        self.cancel_button = QPushButton(self.tr("S&top"), self)
        self.cancel_button.setEnabled(False)
        self.body.addLayout(button_row(self.connect_button, self.cancel_button))
        self.status = self.label("")
        self.body.addWidget(self.status)
        self.body.addWidget(self.error)
        self.body.addStretch(1)
        self.job: Job | None = None
        self.connect_button.clicked.connect(self.start)
        self.cancel_button.clicked.connect(self.cancel)
        self.browse.clicked.connect(self.pick_key)
        self.how.currentIndexChanged.connect(self._method)
        self.host.returnPressed.connect(self.start)
        self.password.returnPressed.connect(self.start)
        self._method()
        self.setTabOrder(self.host, self.port)
        self.setTabOrder(self.port, self.user)
        self.setTabOrder(self.user, self.how)
        self.setTabOrder(self.how, self.password)
        self._probe_keyring()

    def _probe_keyring(self) -> None:
        """Find out now, off the GUI thread, whether passwords can be kept at all."""
        services = self.ctx.services

        def probe(_ctx: JobContext) -> WizardError | None:
            return services.credentials().problem()

        self.ctx.run(probe, self._keyring_known, self._keyring_known)

    def _keyring_known(self, problem: BaseException | None) -> None:
        if problem is not None and not isinstance(problem, WizardError):
            problem = WizardError(error_text(problem))
        self.model.keyring_problem = problem
        reason = self.tr("Remember the passwords: not possible, this computer has no keyring")
        no_keyring(self.remember, problem, reason)

    def initializePage(self) -> None:
        """A saved server chosen on the Welcome page fills in where and who."""
        profile = self.model.chosen
        if self.model.manage and profile is not None:
            self.host.setText(profile.host)
            self.port.setValue(profile.port)
            self.user.setText(profile.ssh_user)

    def _method(self) -> None:
        method = self.how.currentIndex()
        self.password.setEnabled(method == PASSWORD)
        self.key.setEnabled(method == KEY_FILE)
        self.browse.setEnabled(method == KEY_FILE)
        self.passphrase.setEnabled(method == KEY_FILE)

    def pick_key(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Private key"), str(Path.home()))
        if path:
            self.key.setText(path)

    def _target(self) -> Target | None:
        self.error.clear()
        try:
            host = validate_host(self.host.text().strip())
            user = validate_user(self.user.text().strip())
        except WizardError as exc:
            self.mark(exc)
            self.error.setText(error_text(exc))
            return None
        return Target(host, self.port.value(), user)

    def credentials(self) -> Credentials:
        method = self.how.currentIndex()
        key = self.key.text().strip()
        return Credentials(
            password=self.password.text() or None if method == PASSWORD else None,
            key_file=Path(key) if method == KEY_FILE and key else None,
            key_passphrase=self.passphrase.text() or None,
            use_agent=method == AGENT,
            sudo_password=self.sudo.text() or None,
        )

    def start(self, accept: bool | str = False) -> None:
        target = self._target()
        if target is None or (self.job is not None and not self.job.done):
            return
        self.mark(None)
        self.error.clear()
        self.model.target = None
        self.update_complete()
        self.status.setText(self.tr("Connecting to %1...").replace("%1", str(target)))
        self.connect_button.setEnabled(False)
        self.cancel_button.setEnabled(True)
        creds = self.credentials()
        remember = self.remember.isChecked()
        services = self.ctx.services

        def work(ctx: JobContext) -> Connected:
            if ctx.session is not None:
                ctx.session.close()
                ctx.session = None
            ctx.session = services.connect(target, creds, ctx, accept)
            problems: list[WizardError] = []
            if remember:  # the keyring, on this thread: it may take a while to answer
                try:
                    store = services.credentials()
                    if creds.password:
                        store.remember_ssh_password(
                            target.host, target.port, target.user, creds.password
                        )
                    if creds.sudo_password:
                        store.remember_sudo_password(
                            target.host, target.port, target.user, creds.sudo_password
                        )
                except WizardError as exc:
                    problems.append(exc)
            fingerprint = str(getattr(ctx.session, "host_key_fingerprint", ""))
            try:  # remember the server (nothing secret), so that it can be opened again
                profiles = services.profiles()
                saved = profiles.find(profile_name(target.host))
                profiles.save(connected_profile(saved, target, fingerprint))
            except WizardError as exc:
                problems.append(exc)
            privilege = str(getattr(ctx.session, "privilege", ""))
            return Connected(target, privilege, fingerprint, tuple(problems))

        self.job = self.ctx.run(work, self._done, self._failed)

    def cancel(self) -> None:
        if self.job is not None:
            self.job.cancel()

    def _done(self, result: Connected) -> None:
        self.model.target = result.target
        self.connect_button.setEnabled(True)
        self.cancel_button.setEnabled(False)
        self.status.setText(self.connected_text(result) + self.not_saved(result.not_saved))
        self.update_complete()

    def connected_text(self, result: Connected) -> str:
        """Connected, and how Relay Wizard becomes root there, in words."""
        target = str(result.target)
        if result.privilege == "sudo-password":
            text = self.tr(
                "Connected to %1. Relay Wizard becomes root with sudo, using the sudo password."
            )
        elif result.privilege == "sudo-nopasswd":
            text = self.tr("Connected to %1. Relay Wizard becomes root with sudo.")
        else:
            text = self.tr("Connected to %1 as root.")
        return text.replace("%1", target)

    def _failed(self, exc: BaseException) -> None:
        self.connect_button.setEnabled(True)
        self.cancel_button.setEnabled(False)
        self.status.clear()
        if isinstance(exc, HostKeyUnknown):
            if self.ctx.dialogs.host_key(self, exc):
                self.job = None
                self.start(accept=exc.fingerprint)
                return
            self.error.setText(self.tr("The server's key was not accepted: not connected."))
            return
        if isinstance(exc, HostKeyChanged):
            self.error.setStyleSheet(
                "color: white; background: #b00020; padding: 6px; font-weight: bold"
            )
            self.error.setText(error_text(exc))
            return
        self.error.setStyleSheet(ERROR_STYLE)
        self.mark(exc)
        self.error.setText(error_text(exc))
