"""Every question the wizard asks in a window; tests replace the instance's methods."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QFileDialog, QInputDialog, QLineEdit, QMessageBox, QWidget

if TYPE_CHECKING:
    from wizard.core.errors import HostKeyUnknown


class Dialogs:
    """The wizard's dialogs (host key, new account, new password, confirm, save as)."""

    def host_key(self, parent: QWidget, exc: HostKeyUnknown) -> bool:
        box = QMessageBox(parent)
        box.setIcon(QMessageBox.Icon.Question)
        box.setWindowTitle(QCoreApplication.translate("Dialogs", "Unknown server key"))
        box.setText(
            QCoreApplication.translate("Dialogs", "This is the first connection to %1 (port %2).")
            .replace("%1", exc.host)
            .replace("%2", str(exc.port))
        )
        box.setInformativeText(
            QCoreApplication.translate(
                "Dialogs",
                "It presented a %1 host key with the fingerprint\n\n%2\n\nCompare it with the "
                "one the server shows (ssh-keygen -lf /etc/ssh/ssh_host_*_key.pub on its "
                "console). Accept and save this key?",
            )
            .replace("%1", exc.key_type)
            .replace("%2", exc.fingerprint)
        )
        box.setStandardButtons(QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No)
        box.setDefaultButton(QMessageBox.StandardButton.No)
        return bool(box.exec() == QMessageBox.StandardButton.Yes)

    def new_user(self, parent: QWidget, generated: str) -> tuple[str, str] | None:
        name, ok = QInputDialog.getText(
            parent,
            QCoreApplication.translate("Dialogs", "Add a mail account"),
            QCoreApplication.translate(
                "Dialogs",
                "The name this person logs in with, such as alice (letters, digits, dots, "
                "hyphens; no spaces):",
            ),
        )
        if not ok or not name:
            return None
        password, ok = QInputDialog.getText(
            parent,
            QCoreApplication.translate("Dialogs", "Password"),
            QCoreApplication.translate("Dialogs", "Password (a strong one is suggested):"),
            QLineEdit.EchoMode.Normal,
            generated,
        )
        return (name, password) if ok and password else None

    def new_password(self, parent: QWidget, name: str, generated: str) -> str | None:
        password, ok = QInputDialog.getText(
            parent,
            QCoreApplication.translate("Dialogs", "New password"),
            QCoreApplication.translate("Dialogs", "New password for %1:").replace("%1", name),
            QLineEdit.EchoMode.Normal,
            generated,
        )
        return password if ok and password else None

    def confirm(self, parent: QWidget, question: str) -> bool:
        answer = QMessageBox.question(
            parent, QCoreApplication.translate("Dialogs", "Relay Wizard"), question
        )
        return bool(answer == QMessageBox.StandardButton.Yes)

    def save_file(self, parent: QWidget, title: str, name: str) -> str:
        path, _ = QFileDialog.getSaveFileName(parent, title, name)
        return str(path)

    def open_staff_list(self, parent: QWidget) -> str:
        path, _ = QFileDialog.getOpenFileName(
            parent,
            QCoreApplication.translate("Dialogs", "Open a staff list"),
            "",
            QCoreApplication.translate("Dialogs", "Staff lists (*.csv *.txt);;All files (*)"),
        )
        return str(path)

    def choose_folder(self, parent: QWidget, title: str) -> str:
        return str(QFileDialog.getExistingDirectory(parent, title))
