"""The desktop wizard: from "my server" to "relay verified" in one sitting.

Every page drives :class:`wizard.core.services.CoreServices` through a
:class:`~wizard.ui.worker.ServerWorker`: remote work runs on the worker thread, the pages
only render. Dialogs go through :data:`ask`, which tests replace.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from dataclasses import replace
from enum import IntEnum
from importlib import resources
from pathlib import Path
from typing import Any

from PySide6.QtCore import QModelIndex, QSize, Qt, QTimer
from PySide6.QtGui import QGuiApplication, QIcon, QPixmap, QTextDocument
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QRadioButton,
    QSpinBox,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableWidget,
    QTableWidgetItem,
    QTextBrowser,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from wizard import __version__
from wizard.core.change.options import ALLOWED_MECHANISMS, DEFAULT_MECHANISMS, RelayOptions
from wizard.core.errors import HostKeyChanged, HostKeyUnknown, WizardError
from wizard.core.exports.clients import (
    ClientSettings,
    IncomingServer,
    MissingIncomingServer,
    default_domain,
    handout_text,
    holds_secret,
    write_file,
)
from wizard.core.local.profiles import ServerProfile
from wizard.core.mail.smtp import SmtpFailure, SmtpSettings, normalize_fingerprint
from wizard.core.mta.sendmail.mc import McFile
from wizard.core.remote.ssh import Credentials
from wizard.core.services import CoreServices
from wizard.core.target import (
    Target,
    validate_domain,
    validate_email,
    validate_host,
    validate_user,
)
from wizard.core.untrusted import has_unsafe
from wizard.ui.servers import ServersDialog, stop_retired_workers
from wizard.ui.worker import Job, JobContext, ServerWorker
from wizard.ui.worker import error_text as _error_text


class PageId(IntEnum):
    """The wizard's pages, in the order a new server walks them (QWizard's page ids)."""

    WELCOME = 0
    CONNECT = 1
    CHECK = 2
    SETTINGS = 3
    REVIEW = 4
    APPLY = 5
    USERS = 6
    TEST = 7
    EXPORT = 8
    DONE = 9


PAGE_WELCOME = PageId.WELCOME
PAGE_CONNECT = PageId.CONNECT
PAGE_CHECK = PageId.CHECK
PAGE_SETTINGS = PageId.SETTINGS
PAGE_REVIEW = PageId.REVIEW
PAGE_APPLY = PageId.APPLY
PAGE_USERS = PageId.USERS
PAGE_TEST = PageId.TEST
PAGE_EXPORT = PageId.EXPORT
PAGE_DONE = PageId.DONE


class Dialogs:
    """Every question the wizard asks in a window; tests replace the instance's methods."""

    def host_key(self, parent: QWidget, exc: HostKeyUnknown) -> bool:
        box = QMessageBox(parent)
        box.setIcon(QMessageBox.Icon.Question)
        box.setWindowTitle(parent.tr("Unknown server key"))
        box.setText(
            parent.tr("This is the first connection to %1 (port %2).")
            .replace("%1", exc.host)
            .replace("%2", str(exc.port))
        )
        box.setInformativeText(
            parent.tr(
                "It presented a %1 host key with the fingerprint\n\n%2\n\nCompare it with the "
                "one the server shows (ssh-keygen -lf /etc/ssh/ssh_host_*_key.pub on its "
                "console). Accept and save this key?"
            )
            .replace("%1", exc.key_type)
            .replace("%2", exc.fingerprint)
        )
        box.setStandardButtons(QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No)
        box.setDefaultButton(QMessageBox.StandardButton.No)
        return bool(box.exec() == QMessageBox.StandardButton.Yes)

    def new_user(self, parent: QWidget, generated: str) -> tuple[str, str] | None:
        name, ok = QInputDialog.getText(parent, parent.tr("Add a mail account"), parent.tr("Name:"))
        if not ok or not name:
            return None
        password, ok = QInputDialog.getText(
            parent,
            parent.tr("Password"),
            parent.tr("Password (a strong one is suggested):"),
            QLineEdit.EchoMode.Normal,
            generated,
        )
        return (name, password) if ok and password else None

    def new_password(self, parent: QWidget, name: str, generated: str) -> str | None:
        password, ok = QInputDialog.getText(
            parent,
            parent.tr("New password"),
            parent.tr("New password for %1:").replace("%1", name),
            QLineEdit.EchoMode.Normal,
            generated,
        )
        return password if ok and password else None

    def confirm(self, parent: QWidget, question: str) -> bool:
        answer = QMessageBox.question(parent, parent.tr("Relay Wizard"), question)
        return bool(answer == QMessageBox.StandardButton.Yes)

    def save_file(self, parent: QWidget, title: str, name: str) -> str:
        path, _ = QFileDialog.getSaveFileName(parent, title, name)
        return str(path)


def app_icon() -> QIcon:
    try:
        data = resources.files("wizard.resources").joinpath("relay-wizard.svg").read_bytes()
    except (ModuleNotFoundError, FileNotFoundError, OSError):
        return QIcon()
    pixmap = QPixmap()
    pixmap.loadFromData(data, "SVG")
    return QIcon(pixmap)


_LEVEL_ICON = {
    "ok": QStyle.StandardPixmap.SP_DialogApplyButton,
    "warning": QStyle.StandardPixmap.SP_MessageBoxWarning,
    "problem": QStyle.StandardPixmap.SP_MessageBoxCritical,
    "error": QStyle.StandardPixmap.SP_MessageBoxCritical,
}


def _wrap_items(view: QAbstractItemView) -> None:
    """Long sentences wrap inside the view's width instead of being cut off or scrolled."""
    view.setWordWrap(True)
    view.setTextElideMode(Qt.TextElideMode.ElideNone)
    view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    if isinstance(view, QListWidget):
        view.setResizeMode(QListWidget.ResizeMode.Adjust)
    if isinstance(view, QTreeWidget):
        view.setUniformRowHeights(False)
        view.header().setStretchLastSection(True)
        view.header().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        # QTreeView measures a row without its column's width: give it one, and measure
        # again when the column changes width.
        view.setItemDelegate(_WrappingDelegate(view))
        view.header().sectionResized.connect(lambda *_: view.doItemsLayout())


class _WrappingDelegate(QStyledItemDelegate):
    """Row heights for wrapped text in a tree: the text laid out at its column's width."""

    def __init__(self, view: QTreeWidget) -> None:
        super().__init__(view)
        self._view = view

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex) -> QSize:
        base = super().sizeHint(option, index)
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        depth, parent = 0, index.parent()
        while parent.isValid():
            depth, parent = depth + 1, parent.parent()
        icon = opt.decorationSize.width() + 8 if not opt.icon.isNull() else 0
        width = self._view.columnWidth(index.column()) - self._view.indentation() * (depth + 1)
        width -= icon + 8
        if width <= 50:
            return base
        doc = QTextDocument()
        doc.setDefaultFont(opt.font)
        doc.setPlainText(opt.text)
        doc.setTextWidth(width)
        return QSize(base.width(), max(base.height(), int(doc.size().height()) + 2))


class State:
    """What the pages share: the services, the worker, and what was learnt so far."""

    def __init__(self, services: CoreServices, dialogs: Dialogs) -> None:
        self.services = services
        self.dialogs = dialogs
        self.worker = ServerWorker()
        self.target: Target | None = None
        self.manage = False
        self.report: Any = None
        self.server_state: Any = None
        self.remote: Any = None
        self.options = RelayOptions()
        self.plan: Any = None
        self.apply_report: Any = None
        self.applied = False
        self.users: list[Any] = []
        self.last_user: tuple[str, str] | None = None
        self.verified: Any = None
        self.audit: Any = None

    def run(
        self,
        fn: Callable[[JobContext], object],
        done: Callable[[object], None],
        failed: Callable[[BaseException], None],
        progress: Callable[[str], None] | None = None,
    ) -> Job:
        job = Job(fn)
        job.finished.connect(done)
        job.failed.connect(failed)
        if progress is not None:
            job.progress.connect(progress)
        return self.worker.submit(job)


class Page(QWizardPage):
    def __init__(self, state: State, title: str, subtitle: str = "") -> None:
        super().__init__()
        self.state = state
        self.setTitle(title)
        if subtitle:
            self.setSubTitle(subtitle)
        self.body = QVBoxLayout(self)
        self._gate: QCheckBox | None = None

    def gated(self) -> None:
        """Next waits for :meth:`set_complete`: a hidden mandatory field, which QWizard
        watches itself (no isComplete() override to keep in step)."""
        self._gate = QCheckBox(self)
        self._gate.hide()
        self.registerField(f"{type(self).__name__}-ready*", self._gate)

    def set_complete(self, ready: bool) -> None:
        assert self._gate is not None
        self._gate.setChecked(ready)

    def label(self, text: str, wrap: bool = True) -> QLabel:
        widget = QLabel(text, self)
        # Labels show server replies and typed values: never let Qt guess they are HTML.
        widget.setTextFormat(Qt.TextFormat.PlainText)
        widget.setWordWrap(wrap)
        widget.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        return widget


# --------------------------------------------------------------------------- pages


class WelcomePage(Page):
    def __init__(self, state: State) -> None:
        super().__init__(
            state,
            QWizard.tr("Welcome to Relay Wizard"),
            QWizard.tr("Let staff send mail through your sendmail server from anywhere, safely."),
        )
        self.gated()
        self.body.addWidget(
            self.label(
                self.tr(
                    "1. Connect to the server over SSH and check what is there.\n"
                    "2. Show every change as a diff, apply it, prove it from outside, undo it "
                    "by itself if anything fails.\n"
                    "3. Create mail accounts, send a test message, hand staff their settings."
                )
            )
        )
        self.new = QRadioButton(self.tr("Set up a ne&w server"), self)
        self.saved = QRadioButton(self.tr("Open a &saved server"), self)
        self.new.setChecked(True)
        self.list = QListWidget(self)
        self.list.setAccessibleName(self.tr("Saved servers"))
        self.body.addWidget(self.new)
        self.body.addWidget(self.saved)
        self.body.addWidget(self.list)
        self.all_servers = QPushButton(self.tr("All ser&vers..."), self)
        self.all_servers.setToolTip(
            self.tr("A test send or the open-relay audit on every saved server, one summary")
        )
        servers_row = QHBoxLayout()
        servers_row.addWidget(self.all_servers)
        servers_row.addStretch(1)
        self.body.addLayout(servers_row)
        self.servers_window: ServersDialog | None = None
        self.note = self.label("")
        self.body.addWidget(self.note)
        self.body.addWidget(self.label(self.tr("Version %1").replace("%1", __version__)))
        self.saved.toggled.connect(self.list.setEnabled)
        self.saved.toggled.connect(self._update)
        self.list.currentRowChanged.connect(self._update)
        self.list.itemActivated.connect(lambda _i: self.wizard().next())
        self.all_servers.clicked.connect(self.open_servers)

    def initializePage(self) -> None:
        self.list.clear()
        try:
            profiles = self.state.services.profiles().load()
        except WizardError as exc:
            profiles = []
            self.note.setText(_error_text(exc))
        for p in profiles:
            item = QListWidgetItem(f"{p.name}  ({p.ssh_user}@{p.host}:{p.port})")
            item.setData(Qt.ItemDataRole.UserRole, p)
            self.list.addItem(item)
        self.saved.setEnabled(bool(profiles))
        self.all_servers.setEnabled(bool(profiles))
        self.list.setEnabled(False)
        self._update()

    def open_servers(self) -> ServersDialog:
        """The Servers window (one at a time), over the wizard."""
        window = self.servers_window
        if window is None or not window.isVisible():
            if window is not None:
                window.deleteLater()
            window = ServersDialog(self.state.services, self.state.dialogs, self)
            self.servers_window = window
            window.open()
            return window
        window.raise_()
        window.activateWindow()
        return window

    def close_servers(self) -> None:
        if self.servers_window is not None:
            self.servers_window.stop_workers()
        stop_retired_workers()

    def _update(self, *_args: object) -> None:
        self.set_complete(self.new.isChecked() or self.list.currentItem() is not None)

    def validatePage(self) -> bool:
        self.state.manage = self.saved.isChecked()
        connect = self.wizard().page(PAGE_CONNECT)
        assert isinstance(connect, ConnectPage)
        item = self.list.currentItem()
        if self.state.manage and item is not None:
            connect.load_profile(item.data(Qt.ItemDataRole.UserRole))
        return True


class ConnectPage(Page):
    def __init__(self, state: State) -> None:
        super().__init__(
            state,
            QWizard.tr("Connect to the server"),
            QWizard.tr("Relay Wizard logs in over SSH as root or as a user with sudo."),
        )
        self.gated()
        form = QFormLayout()
        self.host = QLineEdit(self)
        self.host.setPlaceholderText("mail.example.com")
        self.port = QSpinBox(self)
        self.port.setRange(1, 65535)
        self.port.setValue(22)
        self.user = QLineEdit("root", self)
        self.how = QComboBox(self)
        self.how.addItems([self.tr("Password"), self.tr("Key file"), self.tr("SSH agent")])
        self.password = QLineEdit(self)
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.key = QLineEdit(self)
        self.browse = QPushButton(self.tr("Br&owse..."), self)
        key_row = QHBoxLayout()
        key_row.addWidget(self.key)
        key_row.addWidget(self.browse)
        self.passphrase = QLineEdit(self)
        self.passphrase.setEchoMode(QLineEdit.EchoMode.Password)
        self.sudo = QLineEdit(self)
        self.sudo.setEchoMode(QLineEdit.EchoMode.Password)
        self.sudo.setToolTip(
            self.tr(
                "Only when the user is not root and sudo asks for a password; usually the "
                "user's own login password."
            )
        )
        self.remember = QCheckBox(self.tr("&Remember the passwords in the keyring"), self)
        self.host_error = QLabel(self)
        self.auth_error = QLabel(self)
        for err in (self.host_error, self.auth_error):
            err.setTextFormat(Qt.TextFormat.PlainText)
            err.setStyleSheet("color: #b00020")
            err.setWordWrap(True)
        labels = [
            (self.tr("&Server:"), self.host),
            (self.tr("&Port:"), self.port),
            (self.tr("&User:"), self.user),
            (self.tr("&Log in with:"), self.how),
            (self.tr("Pass&word:"), self.password),
        ]
        for text, widget in labels:
            lab = QLabel(text, self)
            lab.setBuddy(widget)
            widget.setAccessibleName(text.replace("&", "").rstrip(":"))
            form.addRow(lab, widget)
        form.addRow("", self.host_error)
        key_label = QLabel(self.tr("&Key file:"), self)
        key_label.setBuddy(self.key)
        self.key.setAccessibleName(self.tr("Key file"))
        form.addRow(key_label, key_row)
        for text, widget in (
            (self.tr("Key passp&hrase:"), self.passphrase),
            (self.tr("su&do password:"), self.sudo),
        ):
            lab = QLabel(text, self)
            lab.setBuddy(widget)
            widget.setAccessibleName(text.replace("&", "").rstrip(":"))
            form.addRow(lab, widget)
        form.addRow("", self.remember)
        self.body.addLayout(form)
        self.connect_button = QPushButton(self.tr("&Connect"), self)
        self.cancel_button = QPushButton(self.tr("S&top"), self)
        self.cancel_button.setEnabled(False)
        row = QHBoxLayout()
        row.addWidget(self.connect_button)
        row.addWidget(self.cancel_button)
        row.addStretch(1)
        self.body.addLayout(row)
        self.status = self.label("")
        self.body.addWidget(self.status)
        self.body.addWidget(self.auth_error)
        self.connected = False
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

    def load_profile(self, profile: Any) -> None:
        self.host.setText(profile.host)
        self.port.setValue(profile.port)
        self.user.setText(profile.ssh_user)

    def _method(self) -> None:
        method = self.how.currentIndex()
        self.password.setEnabled(method == 0)
        self.key.setEnabled(method == 1)
        self.browse.setEnabled(method == 1)
        self.passphrase.setEnabled(method == 1)

    def pick_key(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Private key"), str(Path.home()))
        if path:
            self.key.setText(path)

    def _target(self) -> Target | None:
        self.host_error.clear()
        try:
            host = validate_host(self.host.text().strip())
            user = validate_user(self.user.text().strip())
        except WizardError as exc:
            self.host_error.setText(_error_text(exc))
            return None
        return Target(host, self.port.value(), user)

    def credentials(self) -> Credentials:
        method = self.how.currentIndex()
        key = self.key.text().strip()
        return Credentials(
            password=self.password.text() or None if method == 0 else None,
            key_file=Path(key) if method == 1 and key else None,
            key_passphrase=self.passphrase.text() or None,
            use_agent=method == 2,
            sudo_password=self.sudo.text() or None,
        )

    def start(self, accept: bool | str = False) -> None:
        target = self._target()
        if target is None or (self.job is not None and not self.job.done):
            return
        self.auth_error.clear()
        self.connected = False
        self.set_complete(False)
        self.status.setText(self.tr("Connecting to %1...").replace("%1", str(target)))
        self.connect_button.setEnabled(False)
        self.cancel_button.setEnabled(True)
        creds = self.credentials()
        services = self.state.services

        def work(ctx: JobContext) -> object:
            if ctx.session is not None:
                ctx.session.close()
                ctx.session = None
            ctx.session = services.connect(target, creds, accept, ctx.cancel)
            return ctx.session

        self.job = self.state.run(work, lambda s: self._done(target, s), self._failed)

    def cancel(self) -> None:
        if self.job is not None:
            self.job.cancel()

    def _done(self, target: Target, session: object) -> None:
        self.state.target = target
        self.connected = True
        self.connect_button.setEnabled(True)
        self.cancel_button.setEnabled(False)
        privilege = getattr(session, "privilege", "")
        self.status.setText(
            self.tr("Connected to %1 (%2).").replace("%1", str(target)).replace("%2", privilege)
        )
        if self.remember.isChecked():
            self._remember(target)
        self._save_profile(target, str(getattr(session, "host_key_fingerprint", "")))
        self.set_complete(True)

    def _save_profile(self, target: Target, fingerprint: str) -> None:
        """Remember the server (nothing secret), so that it can be opened again later."""
        name = profile_name(target.host)
        try:
            profiles = self.state.services.profiles()
            base = profiles.find(name) or ServerProfile(name=name, host=target.host)
            profiles.save(
                replace(
                    base,
                    host=target.host,
                    port=target.port,
                    ssh_user=target.user,
                    host_key=fingerprint or base.host_key,
                )
            )
        except WizardError as exc:
            self.status.setText(
                self.status.text() + " " + self.tr("Not saved: %1").replace("%1", _error_text(exc))
            )

    def _remember(self, target: Target) -> None:
        creds = self.credentials()
        try:
            store = self.state.services.credentials()
            if creds.password:
                store.remember_ssh_password(target.host, target.port, target.user, creds.password)
            if creds.sudo_password:
                store.remember_sudo_password(
                    target.host, target.port, target.user, creds.sudo_password
                )
        except WizardError as exc:
            self.status.setText(
                self.status.text() + " " + self.tr("Not saved: %1").replace("%1", _error_text(exc))
            )

    def _failed(self, exc: BaseException) -> None:
        self.connect_button.setEnabled(True)
        self.cancel_button.setEnabled(False)
        self.status.clear()
        if isinstance(exc, HostKeyUnknown):
            if self.state.dialogs.host_key(self, exc):
                self.job = None
                self.start(accept=exc.fingerprint)
                return
            self.auth_error.setText(self.tr("The server's key was not accepted: not connected."))
            return
        if isinstance(exc, HostKeyChanged):
            self.auth_error.setStyleSheet(
                "color: white; background: #b00020; padding: 6px; font-weight: bold"
            )
            self.auth_error.setText(_error_text(exc))
            return
        self.auth_error.setStyleSheet("color: #b00020")
        text = _error_text(exc)
        target = self.host_error if "server name" in text or "port" in text.lower() else None
        (target or self.auth_error).setText(text)


class CheckPage(Page):
    def __init__(self, state: State) -> None:
        super().__init__(
            state,
            QWizard.tr("Server check"),
            QWizard.tr("What is on the server now, and what it means for a safe relay."),
        )
        self.gated()
        self.tree = QTreeWidget(self)
        self.tree.setHeaderLabels([self.tr("Finding")])
        self.tree.setAccessibleName(self.tr("Findings"))
        _wrap_items(self.tree)
        self.body.addWidget(self.tree)
        self.status = self.label("")
        self.body.addWidget(self.status)
        self.done = False

    def initializePage(self) -> None:
        self.tree.clear()
        self.done = False
        self.set_complete(False)
        self.status.setText(self.tr("Reading the server..."))
        services = self.state.services

        def work(ctx: JobContext) -> object:
            return services.inspect(ctx.session, ctx.progress, ctx.cancel)

        self.state.run(work, self._done, self._failed, self.status.setText)

    def _done(self, report: object) -> None:
        self.state.report = report
        style = self.style()
        for f in getattr(report, "findings", []):
            item = QTreeWidgetItem([f.message])
            item.setIcon(0, style.standardIcon(_LEVEL_ICON[str(f.level)]))
            item.setToolTip(0, f"{f.level}: {f.message}")
            item.setData(0, Qt.ItemDataRole.AccessibleTextRole, f"{f.level}: {f.message}")
            detail = QTreeWidgetItem([f"{self.tr('Level')}: {f.level} ({f.id})"])
            item.addChild(detail)
            self.tree.addTopLevelItem(item)
        # rows are measured again now that the view has its width, so long findings wrap
        QTimer.singleShot(0, self.tree.doItemsLayout)
        r = report
        self.status.setText(
            self.tr("%1, sendmail %2, realm %3.")
            .replace("%1", getattr(r, "os", ""))
            .replace("%2", getattr(getattr(r, "sendmail", None), "version", ""))
            .replace("%3", getattr(r, "realm", ""))
        )
        self.done = True
        self.set_complete(True)

    def _failed(self, exc: BaseException) -> None:
        self.status.setText(_error_text(exc))

    def nextId(self) -> int:
        return PAGE_USERS if self.state.manage else PAGE_SETTINGS


class SettingsPage(Page):
    def __init__(self, state: State) -> None:
        super().__init__(
            state,
            QWizard.tr("Settings"),
            QWizard.tr("How staff will log in. The checks below update as you change options."),
        )
        self.gated()
        self.modern = QRadioButton(self.tr("&Modern (recommended): encrypted, port 587"), self)
        self.classic = QRadioButton(
            self.tr("&Classic: port 25, DIGEST-MD5 and CRAM-MD5, as the old recipe"), self
        )
        self.modern.setToolTip(
            self.tr(
                "STARTTLS with the server's certificate, the submission port 587 with login "
                "required, passwords only inside encryption."
            )
        )
        self.group = QButtonGroup(self)
        self.group.addButton(self.modern)
        self.group.addButton(self.classic)
        self.modern.setChecked(True)
        self.body.addWidget(self.modern)
        self.body.addWidget(self.classic)
        box = QGroupBox(self.tr("Mechanisms"), self)
        box.setToolTip(self.tr("How a mail program proves who it is (SMTP AUTH)."))
        mech_row = QHBoxLayout(box)
        self.mechs: dict[str, QCheckBox] = {}
        for mech in ("PLAIN", "LOGIN", "CRAM-MD5", "DIGEST-MD5"):
            check = QCheckBox(mech, box)
            self.mechs[mech] = check
            mech_row.addWidget(check)
        self.body.addWidget(box)
        # Mechanisms the server trusts today: kept unless the admin unticks one.
        self.kept_box = QGroupBox(self.tr("Logins staff use today (kept)"), self)
        self.kept_box.setToolTip(
            self.tr(
                "The server already accepts these for sending. Untick one only if no mail "
                "program uses it any more: those that do could no longer send."
            )
        )
        self.kept_row = QHBoxLayout(self.kept_box)
        self.kept: dict[str, QCheckBox] = {}
        self.kept_box.hide()
        self.body.addWidget(self.kept_box)
        self.open_smtp = QCheckBox(self.tr("Also open port &25 to the network"), self)
        self.smtps = QCheckBox(self.tr("Also offer &implicit TLS on port 465"), self)
        self.cert = QLineEdit(self)
        self.cert.setPlaceholderText(self.tr("server's own (Debian: /etc/mail/tls/...)"))
        self.cert.setAccessibleName(self.tr("Certificate path on the server"))
        self.key = QLineEdit(self)
        self.key.setAccessibleName(self.tr("Key path on the server"))
        form = QFormLayout()
        form.addRow(self.open_smtp)
        form.addRow(self.smtps)
        cert_label = QLabel(self.tr("Certi&ficate:"), self)
        cert_label.setBuddy(self.cert)
        key_label = QLabel(self.tr("&Key:"), self)
        key_label.setBuddy(self.key)
        form.addRow(cert_label, self.cert)
        form.addRow(key_label, self.key)
        self.body.addLayout(form)
        self.checks = QListWidget(self)
        self.checks.setAccessibleName(self.tr("Checks"))
        _wrap_items(self.checks)
        self.body.addWidget(self.checks)
        self.ready = False
        self._syncing = False
        for widget in (self.modern, self.classic, self.open_smtp, self.smtps, *self.mechs.values()):
            widget.toggled.connect(self.update_plan)
        self.modern.toggled.connect(self._profile_changed)
        self.cert.textChanged.connect(self.update_plan)
        self.key.textChanged.connect(self.update_plan)

    def _profile_changed(self) -> None:
        profile = "modern" if self.modern.isChecked() else "classic"
        self._syncing = True
        for mech, check in self.mechs.items():
            check.setEnabled(mech in ALLOWED_MECHANISMS[profile])
            check.setChecked(mech in DEFAULT_MECHANISMS[profile])
        for widget in (self.open_smtp, self.smtps, self.cert, self.key):
            widget.setEnabled(profile == "modern")
        self._syncing = False
        self.update_plan()

    def options(self) -> RelayOptions:
        modern = self.modern.isChecked()
        profile = "modern" if modern else "classic"
        chosen = tuple(m for m in ALLOWED_MECHANISMS[profile] if self.mechs[m].isChecked())
        drop = tuple(m for m, check in self.kept.items() if not check.isChecked())
        if set(chosen) == set(DEFAULT_MECHANISMS[profile]):
            chosen = ()  # the profile's own choice: a server that already relays stays as it is
        return RelayOptions(
            profile,
            chosen,
            drop_mechanisms=tuple(m for m in drop if m not in chosen),
            open_smtp=modern and self.open_smtp.isChecked(),
            smtps=modern and self.smtps.isChecked(),
            cert_file=self.cert.text().strip() if modern else "",
            key_file=self.key.text().strip() if modern else "",
        )

    def initializePage(self) -> None:
        self.ready = False
        self._profile_changed()
        self.checks.clear()
        self.checks.addItem(self.tr("Reading the configuration..."))
        services = self.state.services
        options = self.options()

        def work(ctx: JobContext) -> object:
            return services.read_state(ctx.session, options, ctx.cancel)

        self.state.run(work, self._loaded, self._failed)

    def _loaded(self, result: object) -> None:
        self.state.server_state, self.state.remote = result  # type: ignore[misc]
        self._show_kept()
        self.update_plan()

    def _show_kept(self) -> None:
        """A box per mechanism the server trusts today (the .mc and the built .cf)."""
        for check in self.kept.values():
            self.kept_row.removeWidget(check)
            check.deleteLater()
        self.kept = {}
        state = self.state.server_state
        if state is None:
            return
        trusted = list(
            dict.fromkeys(
                [*McFile.parse(state.mc_text).trusted_mechanisms(), *state.report.auth.trusted]
            )
        )
        for mech in trusted:
            check = QCheckBox(mech, self.kept_box)
            check.setChecked(True)
            check.setAccessibleName(self.tr("Keep %1").replace("%1", mech))
            check.toggled.connect(self.update_plan)
            self.kept[mech] = check
            self.kept_row.addWidget(check)
        self.kept_box.setVisible(bool(trusted))

    def _failed(self, exc: BaseException) -> None:
        self.checks.clear()
        self.checks.addItem(_error_text(exc))

    def update_plan(self) -> None:
        if self._syncing or self.state.server_state is None:
            return
        self.checks.clear()
        self.ready = False
        try:
            options = self.options().validated()
            plan = self.state.services.plan(self.state.server_state, self.state.remote, options)
        except WizardError as exc:
            self.checks.addItem(
                QListWidgetItem(self.style().standardIcon(_LEVEL_ICON["error"]), _error_text(exc))
            )
            self.set_complete(False)
            return
        self.state.options = options
        self.state.plan = plan
        for check in plan.checks:
            self.checks.addItem(
                QListWidgetItem(
                    self.style().standardIcon(_LEVEL_ICON[str(check.level)]), check.message
                )
            )
        if plan.nothing_to_do:
            self.checks.addItem(self.tr("Nothing to change: the server already has this."))
        self.ready = not plan.errors
        self.set_complete(self.ready)

    def nextId(self) -> int:
        plan = self.state.plan
        return PAGE_USERS if plan is not None and plan.nothing_to_do else PAGE_REVIEW


def diff_html(diff: str) -> str:
    rows = []
    for line in diff.splitlines():
        color = (
            "#116611"
            if line.startswith("+") and not line.startswith("+++")
            else "#aa1111"
            if line.startswith("-") and not line.startswith("---")
            else "#555555"
            if line.startswith("@@")
            else "#000000"
        )
        rows.append(f'<span style="color:{color}">{html.escape(line)}</span>')
    return "<pre>" + "\n".join(rows) + "</pre>"


class ReviewPage(Page):
    def __init__(self, state: State) -> None:
        super().__init__(
            state,
            QWizard.tr("Review"),
            QWizard.tr(
                "Every file change and command, before anything is written. Apply is the "
                "point of no return; a failure rolls back by itself."
            ),
        )
        self.view = QTextBrowser(self)
        self.view.setAccessibleName(self.tr("Planned changes"))
        self.body.addWidget(self.view)
        self.setCommitPage(True)
        self.setButtonText(QWizard.WizardButton.CommitButton, self.tr("&Apply"))

    def initializePage(self) -> None:
        plan = self.state.plan
        parts = []
        # What the plan keeps, and what the admin should know before the point of no
        # return, in the planner's own sentences (warnings first).
        notes = [c for c in plan.checks if str(c.level) == "warning"]
        notes += [c for c in plan.checks if str(c.level) == "ok"]
        if notes:
            parts.append(f"<h3>{html.escape(self.tr('Before you apply'))}</h3><ul>")
            for check in notes:
                mark = self.tr("Please note") if str(check.level) == "warning" else self.tr("Good")
                parts.append(f"<li><b>{html.escape(mark)}:</b> {html.escape(check.message)}</li>")
            parts.append("</ul>")
        for number, step in enumerate(plan.steps, 1):
            parts.append(f"<h3>{number}. {html.escape(step.title)}</h3>")
            if step.commands:
                parts.append(
                    "<pre>" + html.escape("\n".join(f"$ {c}" for c in step.commands)) + "</pre>"
                )
            parts += [diff_html(d) for d in step.diffs]
        self.view.setHtml("".join(parts))


class ApplyPage(Page):
    def __init__(self, state: State) -> None:
        super().__init__(
            state,
            QWizard.tr("Apply"),
            QWizard.tr("Backing up, writing, rebuilding, reloading, verifying from outside."),
        )
        self.gated()
        self.bar = QProgressBar(self)
        self.bar.setRange(0, 7)
        self.steps = QListWidget(self)
        self.steps.setAccessibleName(self.tr("Steps"))
        self.log = QPlainTextEdit(self)
        self.log.setReadOnly(True)
        self.log.setAccessibleName(self.tr("Log"))
        self.cancel_button = QPushButton(self.tr("S&top and roll back"), self)
        self.outcome = self.label("")
        for w in (self.bar, self.steps, self.outcome, self.log, self.cancel_button):
            self.body.addWidget(w)
        self.cancel_button.clicked.connect(self.cancel)
        self.finished_ok = False
        self.job: Job | None = None

    def initializePage(self) -> None:
        self.steps.clear()
        self.log.clear()
        self.bar.setValue(0)
        self.finished_ok = False
        self.set_complete(False)
        self.outcome.clear()
        self.cancel_button.setEnabled(True)
        services = self.state.services
        options = self.state.options

        def work(ctx: JobContext) -> object:
            return services.apply(ctx.session, options, ctx.progress, ctx.cancel)

        self.job = self.state.run(work, self._done, self._failed, self._progress)

    def cancel(self) -> None:
        if self.job is not None:
            self.job.cancel()
            self.log.appendPlainText(self.tr("Cancelling: the server will be rolled back."))

    def _progress(self, text: str) -> None:
        self.bar.setValue(min(self.bar.value() + 1, self.bar.maximum()))
        self.log.appendPlainText(text)

    def _show(self, outcomes: list[Any], prefix: str = "") -> None:
        style = self.style()
        for o in outcomes:
            icon = style.standardIcon(_LEVEL_ICON["ok" if o.ok else "error"])
            text = f"{prefix}{o.title}" + (f": {o.detail}" if o.detail and not o.ok else "")
            self.steps.addItem(QListWidgetItem(icon, text))

    def _done(self, result: object) -> None:
        _plan, report = result  # type: ignore[misc]
        self.state.apply_report = report
        self.state.applied = True
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
        self.finished_ok = True
        self.set_complete(True)

    def _failed(self, exc: BaseException) -> None:
        self.cancel_button.setEnabled(False)
        report = getattr(exc, "report", None)
        if report is not None:
            self._show(report.steps)
            self._show(report.rollback, self.tr("rollback: "))
        self.outcome.setText(
            _error_text(exc)
            + "\n"
            + self.tr("Where the server stands: as it was before (if the rollback above is ok).")
        )
        self.outcome.setStyleSheet("color: #b00020")


class UsersPage(Page):
    def __init__(self, state: State) -> None:
        super().__init__(
            state,
            QWizard.tr("Mail accounts"),
            QWizard.tr("The accounts staff log in with (SASL users in sendmail's realm)."),
        )
        self.table = QTableWidget(0, 2, self)
        self.table.setHorizontalHeaderLabels([self.tr("Account"), self.tr("Realm")])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAccessibleName(self.tr("Mail accounts"))
        self.table.horizontalHeader().setStretchLastSection(True)
        self.body.addWidget(self.table)
        row = QHBoxLayout()
        self.add = QPushButton(self.tr("&Add..."), self)
        self.passwd = QPushButton(self.tr("Change &password..."), self)
        self.remove = QPushButton(self.tr("&Remove"), self)
        self.copy = QPushButton(self.tr("C&opy password"), self)
        self.copy.setEnabled(False)
        for b in (self.add, self.passwd, self.remove, self.copy):
            row.addWidget(b)
        row.addStretch(1)
        self.body.addLayout(row)
        self.undo = QPushButton(self.tr("Undo the last appl&y..."), self)
        self.undo.setToolTip(
            self.tr("Restore the files the last apply changed, byte for byte, and reload sendmail")
        )
        row.addWidget(self.undo)
        self.keyring = QCheckBox(self.tr("Save new passwords in the &keyring"), self)
        self.keyring.setChecked(True)
        self.body.addWidget(self.keyring)
        self.status = self.label("")
        self.body.addWidget(self.status)
        self.add.clicked.connect(self.add_user)
        self.passwd.clicked.connect(self.change_password)
        self.remove.clicked.connect(self.remove_user)
        self.copy.clicked.connect(self.copy_password)
        self.undo.clicked.connect(self.rollback)
        self._password = ""

    def rollback(self) -> None:
        if not self.state.dialogs.confirm(
            self,
            self.tr("Undo the last apply on this server? Its files are restored as they were."),
        ):
            return
        services = self.state.services
        self.status.setStyleSheet("")
        self.status.setText(self.tr("Rolling back..."))
        self.state.run(
            lambda ctx: services.rollback(ctx.session, ctx.progress),
            self._rolled_back,
            self._failed,
            self.status.setText,
        )

    def _rolled_back(self, steps: object) -> None:
        lines = [getattr(step, "title", "") for step in steps]  # type: ignore[attr-defined]
        if any(line == "nothing-to-roll-back" for line in lines):
            self.status.setText(self.tr("Nothing to undo: no apply is recorded on this server."))
        else:
            self.status.setText(self.tr("Rolled back: %1").replace("%1", "; ".join(lines)))

    def initializePage(self) -> None:
        self.refresh()

    def refresh(self) -> None:
        services = self.state.services
        self.state.run(lambda ctx: services.list_users(ctx.session), self._listed, self._failed)

    def _listed(self, found: object) -> None:
        self.state.users = list(found)  # type: ignore[call-overload]
        self.table.setRowCount(len(self.state.users))
        for i, u in enumerate(self.state.users):
            self.table.setItem(i, 0, QTableWidgetItem(u.name))
            self.table.setItem(i, 1, QTableWidgetItem(u.realm))

    def _failed(self, exc: BaseException) -> None:
        self.status.setText(_error_text(exc))
        self.status.setStyleSheet("color: #b00020")

    def _selected(self) -> str:
        row = self.table.currentRow()
        item = self.table.item(row, 0) if row >= 0 else None
        return item.text() if item is not None else ""

    def add_user(self) -> None:
        answer = self.state.dialogs.new_user(self, self.state.services.generate_password())
        if answer is None:
            return
        name, password = answer
        services = self.state.services
        self.status.setStyleSheet("")
        self.status.setText(self.tr("Adding %1...").replace("%1", name))
        self.state.run(
            lambda ctx: services.add_user(ctx.session, name, password),
            lambda user: self._saved(user, password),
            self._failed,
        )

    def change_password(self) -> None:
        name = self._selected()
        if not name:
            self.status.setText(self.tr("Choose an account in the table first."))
            return
        password = self.state.dialogs.new_password(
            self, name, self.state.services.generate_password()
        )
        if password is None:
            return
        services = self.state.services
        self.state.run(
            lambda ctx: services.change_password(ctx.session, name, password),
            lambda user: self._saved(user, password),
            self._failed,
        )

    def remove_user(self) -> None:
        name = self._selected()
        if not name or not self.state.dialogs.confirm(
            self, self.tr("Remove the mail account %1?").replace("%1", name)
        ):
            return
        services = self.state.services
        self.state.run(
            lambda ctx: services.remove_user(ctx.session, name),
            lambda _r: self.refresh(),
            self._failed,
        )

    def _saved(self, user: object, password: str) -> None:
        name = getattr(user, "name", "")
        self.state.last_user = (name, password)
        self._password = password
        self.copy.setEnabled(True)
        text = self.tr("%1 is ready.").replace("%1", str(user))
        if self.keyring.isChecked() and self.state.target is not None:
            try:
                store = self.state.services.credentials()
                store.store_sasl_password(self.state.target.host, name, password)
                text += " " + self.tr("Password saved in %1.").replace("%1", store.location())
            except WizardError as exc:
                text += " " + self.tr("Not saved: %1").replace("%1", _error_text(exc))
        self.status.setStyleSheet("")
        self.status.setText(text)
        self.refresh()

    def copy_password(self) -> None:
        QGuiApplication.clipboard().setText(self._password)


class TestPage(Page):
    def __init__(self, state: State) -> None:
        super().__init__(
            state,
            QWizard.tr("Test"),
            QWizard.tr(
                "Send a real message through the server as staff would, and prove that "
                "strangers cannot."
            ),
        )
        form = QFormLayout()
        self.to = QLineEdit(self)
        self.to.setPlaceholderText("you@example.org")
        self.user = QLineEdit(self)
        self.password = QLineEdit(self)
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.security = QComboBox(self)
        self.security.addItems(["starttls", "tls", "none"])
        self.security.setToolTip(self.tr("starttls: port 587; tls: port 465; none: port 25"))
        self.mech = QComboBox(self)
        self.mech.addItems(["", "PLAIN", "LOGIN", "CRAM-MD5", "DIGEST-MD5"])
        self.mech.setToolTip(self.tr("Empty: the best the server offers"))
        self.pin = QLineEdit(self)
        self.pin.setToolTip(self.tr("SHA-256 fingerprint of a self-signed certificate to accept"))
        for text, widget in (
            (self.tr("&Recipient:"), self.to),
            (self.tr("&Account:"), self.user),
            (self.tr("Pass&word:"), self.password),
            (self.tr("&Security:"), self.security),
            (self.tr("&Mechanism:"), self.mech),
            (self.tr("Pinned certificate:"), self.pin),
        ):
            lab = QLabel(text, self)
            lab.setBuddy(widget)
            widget.setAccessibleName(text.replace("&", "").rstrip(":"))
            form.addRow(lab, widget)
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
        self.sent = False

    def initializePage(self) -> None:
        options = self.state.options
        if options.profile == "classic":
            self.security.setCurrentText("none")
            self.mech.setCurrentText("CRAM-MD5")
        if self.state.last_user is not None:
            self.user.setText(self.state.last_user[0])
            self.password.setText(self.state.last_user[1])

    def settings(self) -> SmtpSettings:
        assert self.state.target is not None
        security = self.security.currentText()
        port = {"starttls": 587, "tls": 465, "none": 25}[security]
        return SmtpSettings(
            self.state.target.host,
            port,
            security,  # type: ignore[arg-type]
            pinned_sha256=self.pin.text().strip() or None,
        )

    def start_send(self) -> None:
        settings = self.settings()
        user, password, to = self.user.text().strip(), self.password.text(), self.to.text().strip()
        mech = self.mech.currentText()
        if not (user and password and to):
            self.card.setText(self.tr("Fill in the recipient, the account and its password."))
            return
        try:
            validate_email(to, envelope=True)
        except WizardError as exc:
            self.card.setStyleSheet("color: #b00020")
            self.card.setText(_error_text(exc))
            return
        if has_unsafe(user) or any(c.isspace() for c in user):
            self.card.setStyleSheet("color: #b00020")
            self.card.setText(
                self.tr("The account holds a space, line break or control character.")
            )
            return
        if self.pin.text().strip():
            try:
                self.pin.setText(normalize_fingerprint(self.pin.text()))
            except WizardError as exc:
                self.card.setStyleSheet("color: #b00020")
                self.card.setText(_error_text(exc))
                return
            settings = self.settings()
        services = self.state.services
        self.card.setStyleSheet("")
        self.card.setText(self.tr("Sending..."))
        self.transcript.clear()

        def work(ctx: JobContext) -> object:
            try:
                result = services.test_send(settings, user, password, to, to, mech, ctx.progress)
            except SmtpFailure as exc:
                return ("failed", exc, services.diagnose(exc, settings, ctx.session, user, mech))
            fate = services.follow(ctx.session, result.queue_id) if ctx.session else None
            return ("ok", result, fate)

        self.state.run(work, self._sent, self._error, self.card.setText)

    def _sent(self, outcome: object) -> None:
        kind, first, second = outcome  # type: ignore[misc]
        if kind == "ok":
            self.transcript.setPlainText(first.transcript.render())
            fate = f" {self.tr('On the server')}: {second.state}: {second.detail}" if second else ""
            self.card.setStyleSheet("color: #116611")
            self.card.setText(
                self.tr("Accepted (queue id %1), logged in with %2.")
                .replace("%1", first.queue_id)
                .replace("%2", first.mechanism)
                + fate
            )
            self.state.verified = first
            self.sent = True
            return
        if first.transcript is not None:
            self.transcript.setPlainText(first.transcript.render())
        self.card.setStyleSheet("color: #b00020")
        self.card.setText(second.render())

    def _error(self, exc: BaseException) -> None:
        self.card.setStyleSheet("color: #b00020")
        self.card.setText(_error_text(exc))

    def start_audit(self) -> None:
        settings = self.settings()
        loose = replace(settings, verify_cert=False)
        services = self.state.services
        self.card.setText(self.tr("Auditing..."))
        self.state.run(
            lambda ctx: services.audit(loose, ctx.session, ctx.progress, ctx.cancel),
            self._audited,
            self._error,
            self.card.setText,
        )

    def _audited(self, report: object) -> None:
        self.state.audit = report
        closed = getattr(report, "closed", False)
        self.card.setStyleSheet("color: #116611" if closed else "color: #b00020")
        self.card.setText(report.summary())  # type: ignore[attr-defined]


EXPORT_FORMATS = (
    ("handout-html", QWizard.tr("Handout for staff (HTML)")),
    ("handout-pdf", QWizard.tr("Handout for staff (PDF)")),
    ("thunderbird", QWizard.tr("Thunderbird autoconfig (config-v1.1.xml)")),
    ("mobileconfig", QWizard.tr("Apple Mail profile (.mobileconfig)")),
    ("msmtp", QWizard.tr("msmtp")),
    ("mutt", QWizard.tr("mutt / neomutt")),
    ("srv", QWizard.tr("DNS SRV records")),
)


def profile_name(host: str) -> str:
    """The name a server is saved under by the wizard."""
    return re.sub(r"[^A-Za-z0-9._-]", "-", host)[:64] or "server"


class ExportPage(Page):
    """Each client settings format, previewed, saved or copied; the formats come from the core."""

    def __init__(self, state: State) -> None:
        super().__init__(
            state,
            QWizard.tr("Client settings"),
            QWizard.tr("What staff enter in their mail programs: exactly what was verified."),
        )
        form = QFormLayout()
        self.format = QComboBox(self)
        for key, text in EXPORT_FORMATS:
            self.format.addItem(text, key)
        self.account = QLineEdit(self)
        self.email = QLineEdit(self)
        self.email.setPlaceholderText(self.tr("default: account@domain"))
        self.incoming_host = QLineEdit(self)
        self.incoming_host.setPlaceholderText(self.tr("imap.example.com (Thunderbird, Apple)"))
        self.incoming_type = QComboBox(self)
        self.incoming_type.addItems(["imap", "pop3"])
        self.incoming_security = QComboBox(self)
        self.incoming_security.addItems(["tls", "starttls", "none"])
        self.with_password = QCheckBox(self.tr("Print the &password on the handout"), self)
        for text, widget in (
            (self.tr("&Format:"), self.format),
            (self.tr("A&ccount:"), self.account),
            (self.tr("E&mail address:"), self.email),
            (self.tr("&Incoming server:"), self.incoming_host),
            (self.tr("Incoming &type:"), self.incoming_type),
            (self.tr("Incoming securit&y:"), self.incoming_security),
        ):
            lab = QLabel(text, self)
            lab.setBuddy(widget)
            widget.setAccessibleName(text.replace("&", "").rstrip(":"))
            form.addRow(lab, widget)
        form.addRow("", self.with_password)
        self.body.addLayout(form)
        self.note = self.label("")
        self.body.addWidget(self.note)
        self.view = QPlainTextEdit(self)
        self.view.setReadOnly(True)
        self.view.setAccessibleName(self.tr("Client settings"))
        self.body.addWidget(self.view)
        row = QHBoxLayout()
        self.copy = QPushButton(self.tr("C&opy"), self)
        self.save = QPushButton(self.tr("&Save..."), self)
        self.use_handout = QPushButton(self.tr("Use the &handout instead"), self)
        self.use_handout.hide()
        for button in (self.copy, self.save, self.use_handout):
            row.addWidget(button)
        row.addStretch(1)
        self.body.addLayout(row)
        self.profile: ServerProfile | None = None
        self.result: Any = None
        self.copy.clicked.connect(
            lambda: QGuiApplication.clipboard().setText(self.view.toPlainText())
        )
        self.save.clicked.connect(self.save_file)
        self.use_handout.clicked.connect(lambda: self.format.setCurrentIndex(0))
        self.format.currentIndexChanged.connect(self.refresh)
        self.with_password.toggled.connect(self.refresh)
        self.incoming_type.currentIndexChanged.connect(self.refresh)
        self.incoming_security.currentIndexChanged.connect(self.refresh)
        for edit in (self.account, self.email, self.incoming_host):
            edit.textChanged.connect(self.refresh)

    def initializePage(self) -> None:
        test = self.wizard().page(PAGE_TEST)
        assert isinstance(test, TestPage)
        self.profile = self._profile(test)
        user = test.user.text().strip() or (self.profile.smtp_user if self.profile else "")
        self.account.setText(user)
        self.refresh()

    def _profile(self, test: TestPage) -> ServerProfile | None:
        """The verified settings of this session (saved, for the command line too), else the
        saved profile, else the test page's settings, unverified."""
        target = self.state.target
        if target is None:
            return None
        name = profile_name(target.host)
        try:
            store = self.state.services.profiles()
            saved = store.find(name)
        except WizardError:
            store, saved = None, None
        sent = self.state.verified
        if saved is not None and sent is None:
            return saved  # type: ignore[no-any-return]
        settings = test.settings()
        profile = replace(
            saved or ServerProfile(name=name, host=target.host, port=target.port),
            host=target.host,
            smtp_port=settings.port,
            security=settings.security,
            mechanism=sent.mechanism if sent is not None else (test.mech.currentText() or "PLAIN"),
            smtp_user=test.user.text().strip(),
            pinned_cert_sha256=settings.pinned_sha256 or "",
            verified_at=None,
        )
        if sent is None:
            return profile
        profile = profile.mark_verified()
        if store is not None:
            try:
                store.save(profile)
            except WizardError as exc:
                self.note.setText(_error_text(exc))
        return profile

    def settings(self) -> ClientSettings | None:
        if self.profile is None:
            return None
        incoming = None
        if self.incoming_host.text().strip():
            incoming = IncomingServer(
                self.incoming_host.text().strip(),
                0,
                self.incoming_type.currentText(),  # type: ignore[arg-type]
                self.incoming_security.currentText(),  # type: ignore[arg-type]
            )
        test = self.wizard().page(PAGE_TEST)
        assert isinstance(test, TestPage)
        password = test.password.text() if self.with_password.isChecked() else None
        return ClientSettings(
            self.profile,
            self.account.text().strip(),
            email=self.email.text().strip(),
            domain=self._domain(),
            incoming=incoming,
            password=password,
        )

    def _domain(self) -> str:
        """For a server reached by its IP address (which names no mail domain), the domain
        of its canonical name ($j, from the inspection), if that is a valid one; else ""
        and the page asks for the address."""
        if self.profile is None or default_domain(self.profile.host):
            return ""
        realm = getattr(self.state.report, "realm", "")
        domain = default_domain(realm) if isinstance(realm, str) and realm else ""
        try:
            return validate_domain(domain)
        except WizardError:
            return ""

    def current_format(self) -> str:
        return str(self.format.currentData())

    def refresh(self, *_args: object) -> None:
        self.result = None
        self.use_handout.hide()
        self.with_password.setEnabled(self.current_format().startswith("handout"))
        settings = self.settings()
        if settings is None:
            self.note.setText(self.tr("Connect to a server first."))
            self.view.clear()
            self.save.setEnabled(False)
            return
        fmt = self.current_format()
        try:
            self.result = self.state.services.export(
                "handout-html" if fmt == "handout-pdf" else fmt, settings
            )
        except MissingIncomingServer as exc:
            self.note.setStyleSheet("color: #b00020")
            self.note.setText(
                _error_text(exc).replace("(on the command line --incoming-host, ", "(")
            )
            self.use_handout.show()
            self.view.clear()
            self.save.setEnabled(False)
            return
        except WizardError as exc:
            self.note.setStyleSheet("color: #b00020")
            self.note.setText(_error_text(exc))
            self.view.clear()
            self.save.setEnabled(False)
            return
        warnings = " ".join(self.result.warnings)
        self.note.setStyleSheet("color: #b00020" if warnings else "")
        self.note.setText(warnings)
        self.save.setEnabled(True)
        if fmt.startswith("handout"):
            self.view.setPlainText(handout_text(settings.validated()))
        else:
            self.view.setPlainText(self.result.text)

    def save_file(self) -> None:
        if self.result is None:
            return
        fmt = self.current_format()
        settings = self.settings()
        name = self.result.file_name
        if fmt == "handout-pdf":
            name = name.rsplit(".", 1)[0] + ".pdf"
        path = self.state.dialogs.save_file(self, self.tr("Save client settings"), name)
        if not path or settings is None:
            return
        try:
            if fmt == "handout-pdf":
                from wizard import render

                data = render.html_to_pdf(self.result.text)
            else:
                data = self.result.text.encode("utf-8")
            # A handout with the password: 0600 whatever the umask or an old file's mode.
            write_file(path, data, fmt=fmt, secret=holds_secret(fmt, settings))
        except WizardError as exc:
            self.note.setStyleSheet("color: #b00020")
            self.note.setText(self.tr("Not saved: %1").replace("%1", _error_text(exc)))
            return
        self.note.setStyleSheet("")
        self.note.setText(self.tr("Saved %1.").replace("%1", path))


class DonePage(Page):
    def __init__(self, state: State) -> None:
        super().__init__(state, QWizard.tr("Done"), QWizard.tr("What was changed and verified."))
        self.summary = QTextBrowser(self)
        self.summary.setAccessibleName(self.tr("Summary"))
        self.body.addWidget(self.summary)
        self.save = QPushButton(self.tr("&Save as HTML report..."), self)
        self.body.addWidget(self.save)
        self.save.clicked.connect(self.save_report)

    def initializePage(self) -> None:
        s = self.state
        rows = [f"<h2>{html.escape(str(s.target))}</h2>"]
        if s.apply_report is not None:
            rows.append(
                f"<p>Profile: {html.escape(s.options.profile)}; journal "
                f"{html.escape(s.apply_report.journal_id or '-')}</p><ul>"
            )
            rows += [
                f"<li>{'ok' if o.ok else 'FAILED'}: {html.escape(o.title)} "
                f"{html.escape(o.detail if o.title.startswith('port') else '')}</li>"
                for o in s.apply_report.steps
            ]
            rows.append("</ul>")
        if s.verified is not None:
            rows.append(
                f"<p>Test message accepted (queue id {html.escape(s.verified.queue_id)}) "
                f"with {html.escape(s.verified.mechanism)}.</p>"
            )
        if s.audit is not None:
            rows.append(f"<p>{html.escape(s.audit.summary())}</p>")
        self.summary.setHtml("".join(rows))

    def save_report(self) -> None:
        path = self.state.dialogs.save_file(
            self, self.tr("Save report"), "relay-wizard-report.html"
        )
        if path:
            Path(path).write_text(
                "<!doctype html><meta charset=utf-8><title>Relay Wizard report</title>"
                + self.summary.toHtml(),
                encoding="utf-8",
            )


class RelayWizard(QWizard):
    """The window."""

    def __init__(
        self, services: CoreServices | None = None, dialogs: Dialogs | None = None
    ) -> None:
        super().__init__()
        self.state = State(services or CoreServices(), dialogs or Dialogs())
        self.setWindowTitle(self.tr("Relay Wizard"))
        self.setWindowIcon(app_icon())
        self.setWizardStyle(QWizard.WizardStyle.ClassicStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnStartPage, True)
        self.setOption(QWizard.WizardOption.HaveHelpButton, False)
        self.resize(820, 640)
        pages = [
            WelcomePage,
            ConnectPage,
            CheckPage,
            SettingsPage,
            ReviewPage,
            ApplyPage,
            UsersPage,
            TestPage,
            ExportPage,
            DonePage,
        ]
        for number, cls in enumerate(pages):
            self.setPage(number, cls(self.state))
        self.setStartId(PAGE_WELCOME)
        self.setButtonText(QWizard.WizardButton.NextButton, self.tr("&Next >"))
        self.setButtonText(QWizard.WizardButton.BackButton, self.tr("< &Back"))

    def done(self, result: int) -> None:
        welcome = self.page(PAGE_WELCOME)
        if isinstance(welcome, WelcomePage):
            welcome.close_servers()
        self.state.worker.stop()
        super().done(result)
