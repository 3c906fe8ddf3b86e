"""Mail accounts: the SASL users staff log in with; new passwords kept in the keyring."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QCheckBox, QPushButton, QTableWidget, QTableWidgetItem

from wizard.core.change.outcome import rolled_back
from wizard.core.errors import WizardError
from wizard.ui.i18n import shown
from wizard.ui.model.mailserver import dovecot_accounts, is_postfix, realm_note
from wizard.ui.model.state import Account, AccountSaved, PageId
from wizard.ui.pages.base import Page
from wizard.ui.widgets import ERROR_STYLE, button_row, no_keyring
from wizard.ui.worker import JobContext, error_text

if TYPE_CHECKING:
    from collections.abc import Callable

    from wizard.core.change.outcome import StepOutcome
    from wizard.core.mta.sendmail.users import SaslUser
    from wizard.ui.onboarding import OnboardDialog


class UsersPage(Page):
    page_id = PageId.USERS

    def build(self) -> None:
        # the realm new accounts get, and where it comes from (the setting: on request)
        self.realm = self.label("")
        self.body.addWidget(self.realm)
        self.table = QTableWidget(0, 2, self)
        self.table.setHorizontalHeaderLabels([self.tr("Account"), self.tr("Realm")])
        self.table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setAccessibleName(self.tr("Mail accounts"))
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.verticalHeader().setVisible(False)  # no row numbers: they mean nothing here
        self.body.addWidget(self.table)
        self.add = QPushButton(self.tr("&Add..."), self)
        self.add_list = QPushButton(self.tr("Add staff from a &list..."), self)
        self.add_list.setToolTip(
            self.tr("Make an account for each person on a list, with a handout for each")
        )
        self.onboarding: OnboardDialog | None = None
        self.passwd = QPushButton(self.tr("Change &password..."), self)
        self.remove = QPushButton(self.tr("&Remove"), self)
        self.copy = QPushButton(self.tr("C&opy password"), self)
        self.copy.setEnabled(False)
        row = button_row(self.add, self.add_list, self.passwd, self.remove, self.copy)
        self.body.addLayout(row)
        self.undo = QPushButton(self.tr("Undo the last appl&y..."), self)
        self.undo.setToolTip(
            self.tr(
                "Restore the files the last apply changed, byte for byte, and reload the mail "
                "server"
            )
        )
        row.addWidget(self.undo)  # after the stretch: at the right
        self.keyring = QCheckBox(self.tr("Save new passwords in the &keyring"), self)
        self.keyring.setChecked(True)
        self.body.addWidget(self.keyring)
        self.status = self.label("")
        self.body.addWidget(self.status)
        self.add.clicked.connect(self.add_user)
        self.add_list.clicked.connect(self.add_staff)
        self.passwd.clicked.connect(self.change_password)
        self.remove.clicked.connect(self.remove_user)
        self.copy.clicked.connect(self.copy_password)
        self.undo.clicked.connect(self.rollback)
        self.table.itemSelectionChanged.connect(self._selection_changed)
        self._selection_changed()

    def _selection_changed(self) -> None:
        """Change password and Remove act on the chosen account: off until one is chosen,
        and off where the accounts are Dovecot's (as are Add and Add staff)."""
        ours = not dovecot_accounts(self.model.report)
        chosen = bool(self._selected()) and ours
        self.passwd.setEnabled(chosen)
        self.remove.setEnabled(chosen)
        self.add.setEnabled(ours)
        self.add_list.setEnabled(ours)

    def rollback(self) -> None:
        if not self.ctx.dialogs.confirm(
            self,
            self.tr("Undo the last apply on this server? Its files are restored as they were."),
        ):
            return
        services = self.ctx.services
        self.status.setStyleSheet("")
        self.status.setText(self.tr("Rolling back..."))
        self.ctx.run(
            lambda ctx: services.rollback(ctx.session, ctx.progress),
            self._rolled_back,
            self._failed,
            self.status.setText,
        )

    def _rolled_back(self, steps: list[StepOutcome]) -> None:
        back = rolled_back(steps)
        if back.nothing:
            self.status.setText(self.tr("Nothing to undo: no apply is recorded on this server."))
        elif is_postfix(self.model.report):
            self.status.setText(
                self.tr(
                    "Rolled back: Postfix is back to the configuration it had before the last "
                    "apply. Staff can no longer send through the server the way that apply "
                    "allowed; their mail accounts still exist, so applying again lets them send again."
                )
            )
        else:
            self.status.setText(
                self.tr(
                    "Rolled back: sendmail is back to the configuration it had before the last "
                    "apply. Staff can no longer send through the server the way that apply "
                    "allowed; their mail accounts still exist, so applying again lets them send again."
                )
            )
            self.status.setToolTip("\n".join(back.restored))

    def initializePage(self) -> None:
        reason = self.tr("Save new passwords: not possible, this computer has no keyring")
        no_keyring(self.keyring, self.model.keyring_problem, reason)
        sentence, detail = realm_note(self.model.report)
        self.realm.setText(shown(sentence))
        self.realm.setToolTip(shown(detail))
        self.realm.setVisible(bool(sentence))
        self._selection_changed()
        self.refresh()

    def refresh(self) -> None:
        services = self.ctx.services
        self.ctx.run(lambda ctx: services.list_users(ctx.session), self._listed, self._failed)

    def _listed(self, found: list[SaslUser]) -> None:
        self.model.users = list(found)
        self.table.setRowCount(len(found))
        for i, u in enumerate(found):
            self.table.setItem(i, 0, QTableWidgetItem(u.name))
            self.table.setItem(i, 1, QTableWidgetItem(u.realm))
        self._selection_changed()

    def _failed(self, exc: BaseException) -> None:
        self.status.setText(error_text(exc))
        self.status.setStyleSheet(ERROR_STYLE)

    def _selected(self) -> str:
        row = self.table.currentRow()
        item = self.table.item(row, 0) if row >= 0 else None
        return item.text() if item is not None else ""

    def add_user(self) -> None:
        answer = self.ctx.dialogs.new_user(self, self.ctx.services.generate_password())
        if answer is None:
            return
        name, password = answer
        services = self.ctx.services
        self.status.setStyleSheet("")
        self.status.setText(self.tr("Adding %1...").replace("%1", name))
        self._save(lambda ctx: services.add_user(ctx.session, name, password), password)

    def add_staff(self) -> None:
        """Onboarding: its own window over this page; the table is read again after it."""
        from wizard.ui.onboarding import OnboardDialog

        self.onboarding = OnboardDialog(self.ctx, self)
        self.onboarding.finished.connect(lambda _code: self.refresh())
        self.onboarding.open()

    def change_password(self) -> None:
        name = self._selected()
        if not name:
            self.status.setText(self.tr("Choose an account in the table first."))
            return
        password = self.ctx.dialogs.new_password(self, name, self.ctx.services.generate_password())
        if password is None:
            return
        services = self.ctx.services
        self._save(lambda ctx: services.change_password(ctx.session, name, password), password)

    def _save(self, change: Callable[[JobContext], SaslUser], password: str) -> None:
        """Make the change on the server, then keep the password in the keyring (if asked),
        both on the worker thread."""
        services = self.ctx.services
        target = self.model.target
        keep = self.keyring.isChecked() and target is not None

        def work(ctx: JobContext) -> AccountSaved:
            user = change(ctx)
            if not keep or target is None:
                return AccountSaved(user, password)
            try:
                store = services.credentials()
                store.store_sasl_password(target.host, user.name, password)
                return AccountSaved(user, password, keyring=store.location())
            except WizardError as exc:
                return AccountSaved(user, password, not_saved=exc)

        self.ctx.run(work, self._saved, self._failed)

    def remove_user(self) -> None:
        name = self._selected()
        if not name or not self.ctx.dialogs.confirm(
            self, self.tr("Remove the mail account %1?").replace("%1", name)
        ):
            return
        services = self.ctx.services
        self.ctx.run(
            lambda ctx: services.remove_user(ctx.session, name),
            lambda _none: self.refresh(),
            self._failed,
        )

    def _saved(self, saved: AccountSaved) -> None:
        self.model.last_user = Account(saved.user.name, saved.password)
        self.copy.setEnabled(True)
        text = self.tr("%1 is ready.").replace("%1", str(saved.user))
        if saved.keyring:
            text += " " + self.tr("Password saved in %1.").replace("%1", shown(saved.keyring))
        if saved.not_saved is not None:
            text += self.not_saved((saved.not_saved,))
        self.status.setStyleSheet("")
        self.status.setText(text)
        self.refresh()

    def copy_password(self) -> None:
        last = self.model.last_user
        QGuiApplication.clipboard().setText(last.password if last is not None else "")
