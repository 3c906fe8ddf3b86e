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
        """A yes/no question about something that changes the server: No is the default."""
        answer = QMessageBox.question(
            parent,
            QCoreApplication.translate("Dialogs", "Relay Wizard"),
            question,
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        return bool(answer == QMessageBox.StandardButton.Yes)

    def confirm_apply(self, parent: QWidget, server: str, summary: list[str]) -> bool:
        """Apply the plan to ``server``? ``summary``: what changes, in sentences. The
        default button is Cancel: Enter never changes a server."""
        box = QMessageBox(parent)
        box.setIcon(QMessageBox.Icon.Question)
        box.setWindowTitle(QCoreApplication.translate("Dialogs", "Apply the changes?"))
        box.setText(
            QCoreApplication.translate("Dialogs", "Change the mail server %1 now?").replace(
                "%1", server
            )
        )
        box.setInformativeText(
            "\n\n".join(summary[:2])
            + "\n\n"
            + QCoreApplication.translate(
                "Dialogs",
                "Relay Wizard backs up every file first, and puts everything back by itself "
                "if a step fails.",
            )
        )
        apply = box.addButton(
            QCoreApplication.translate("Dialogs", "&Apply"), QMessageBox.ButtonRole.AcceptRole
        )
        cancel = box.addButton(QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(cancel)
        box.setEscapeButton(cancel)
        box.exec()
        return box.clickedButton() is apply

    def stop_apply(self, parent: QWidget, server: str) -> bool:
        """Quit while the apply runs? Yes stops it and rolls back; the default keeps going."""
        box = QMessageBox(parent)
        box.setIcon(QMessageBox.Icon.Warning)
        box.setWindowTitle(QCoreApplication.translate("Dialogs", "Stop the changes?"))
        box.setText(
            QCoreApplication.translate(
                "Dialogs", "Relay Wizard is changing the mail server %1."
            ).replace("%1", server)
        )
        box.setInformativeText(
            QCoreApplication.translate(
                "Dialogs",
                "If you stop now, Relay Wizard puts the server back as it was before, waits "
                "until that is done, tells you where the server stands and then closes.",
            )
        )
        stop = box.addButton(
            QCoreApplication.translate("Dialogs", "&Stop and put back"),
            QMessageBox.ButtonRole.DestructiveRole,
        )
        keep = box.addButton(
            QCoreApplication.translate("Dialogs", "&Keep going"), QMessageBox.ButtonRole.RejectRole
        )
        box.setDefaultButton(keep)
        box.setEscapeButton(keep)
        box.exec()
        return box.clickedButton() is stop

    def inform(self, parent: QWidget, title: str, text: str) -> None:
        """A message the admin reads and closes."""
        QMessageBox.information(parent, title, text)

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
