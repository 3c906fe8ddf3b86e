"""Welcome: a new server or a saved one, and the Servers window for all saved servers."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QListWidget, QListWidgetItem, QPushButton, QRadioButton

from wizard import __version__
from wizard.core.errors import WizardError
from wizard.core.local.profiles import ServerProfile
from wizard.ui.model.state import PageId
from wizard.ui.pages.base import Page
from wizard.ui.widgets import button_row, wrap_items
from wizard.ui.worker import error_text

if TYPE_CHECKING:
    from wizard.ui.servers import ServersDialog


class WelcomePage(Page):
    page_id = PageId.WELCOME

    def build(self) -> None:
        self.body.addWidget(
            self.label(
                self.tr(
                    "1. Connect to the server over SSH and check what is there.\n"
                    "2. Show every change before making it, make it, prove it from outside, undo "
                    "it by itself if anything fails.\n"
                    "3. Create mail accounts, send a test message, hand staff their settings."
                )
            )
        )
        self.body.addWidget(
            self.label(
                self.tr(
                    "Relay Wizard works with sendmail and Postfix: it finds out which one the "
                    "server runs and says so after connecting."
                )
            )
        )
        self.new = QRadioButton(self.tr("Set up a ne&w server"), self)
        self.saved = QRadioButton(self.tr("Open a &saved server"), self)
        self.new.setChecked(True)
        self.list = QListWidget(self)
        self.list.setAccessibleName(self.tr("Saved servers"))
        wrap_items(self.list)
        self.body.addWidget(self.new)
        self.body.addWidget(self.saved)
        self.body.addWidget(self.list)
        self.all_servers = QPushButton(self.tr("All ser&vers..."), self)
        self.all_servers.setToolTip(
            self.tr("A test send or the open-relay audit on every saved server, one summary")
        )
        self.body.addLayout(button_row(self.all_servers))
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
            profiles = self.ctx.services.profiles().load()
        except WizardError as exc:
            profiles = []
            self.note.setText(error_text(exc))
        for p in profiles:
            item = QListWidgetItem(f"{p.name}  ({p.ssh_user}@{p.host}:{p.port})")
            item.setData(Qt.ItemDataRole.UserRole, p)
            self.list.addItem(item)
        if not profiles:
            # the empty box says what it is for
            empty = QListWidgetItem(
                self.tr(
                    "No saved servers yet. Each server you connect to is kept here (without "
                    "its passwords), so that you can open it again later."
                )
            )
            empty.setFlags(Qt.ItemFlag.NoItemFlags)
            self.list.addItem(empty)
        self.saved.setEnabled(bool(profiles))
        self.all_servers.setEnabled(bool(profiles))
        self.list.setEnabled(False)
        self._update()

    def open_servers(self) -> ServersDialog:
        """The Servers window (one at a time), over the wizard."""
        # loaded on first use: the window and its fleet runner are not on the way to the
        # first page (tests/ui/test_cold_start.py)
        from wizard.ui.servers import ServersDialog

        window = self.servers_window
        if window is None or not window.isVisible():
            if window is not None:
                window.deleteLater()
            window = ServersDialog(self.ctx.services, self.ctx.dialogs, self)
            self.servers_window = window
            window.open()
            return window
        window.raise_()
        window.activateWindow()
        return window

    def close_servers(self) -> None:
        if self.servers_window is not None:
            self.servers_window.stop_workers()
        from wizard.ui.servers import stop_retired_workers

        stop_retired_workers()

    def _update(self, *_args: object) -> None:
        item = self.list.currentItem()
        chosen = item.data(Qt.ItemDataRole.UserRole) if item is not None else None
        self.model.manage = self.saved.isChecked()
        self.model.chosen = chosen if isinstance(chosen, ServerProfile) else None
        self.update_complete()
