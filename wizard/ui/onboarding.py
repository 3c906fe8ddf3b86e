"""Add staff from a list: the Users page's onboarding dialog (the rules: ui/model/onboarding).

The admin pastes a list or opens a CSV file, checks the mail identity, picks a folder and
presses Create. The work runs on the server's worker thread: every account in one remote
call, then each person's handout (a PDF: wizard.render, which paints with QTextDocument on a
QPdfWriter, both usable off the GUI thread) and client files; Stop ends it between people.
The passwords are then shown once, in this window, and copied only when the admin asks.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QStackedWidget,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from wizard.core.errors import Cancelled, Field, WizardError
from wizard.core.exports.staff import parse_staff, read_staff_file
from wizard.ui.i18n import shown
from wizard.ui.model.export import identity_for
from wizard.ui.model.onboarding import (
    Onboarded,
    OnboardInputs,
    Prepared,
    Step,
    kit_profile,
    passwords_text,
    prepare,
    run,
)
from wizard.ui.model.profiles import profile_name
from wizard.ui.widgets import ERROR_STYLE, Form, button_row
from wizard.ui.worker import JobContext, error_text

if TYPE_CHECKING:
    from wizard.core.local.profiles import ServerProfile
    from wizard.ui.pages.base import Context
    from wizard.ui.worker import Job

_PREVIEW = 6  # names shown in the list's summary before "and N more"


class OnboardDialog(QDialog):
    """Paste or open a staff list, make every account and each person's kit."""

    stepped = Signal(object)  # a Step, emitted on the worker thread, queued to this one

    def __init__(self, ctx: Context, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.job: Job | None = None
        self.outcome: Onboarded | None = None
        self.setWindowTitle(self.tr("Add staff from a list"))
        self.resize(720, 580)
        self.stack = QStackedWidget(self)
        self.stack.addWidget(self._input_page())
        self.stack.addWidget(self._result_page())
        outer = QVBoxLayout(self)
        outer.addWidget(self.stack)
        self.create_button = QPushButton(self.tr("Create the &accounts"), self)
        self.stop = QPushButton(self.tr("&Stop"), self)
        self.close_button = QPushButton(self.tr("&Close"), self)
        self.stop.hide()
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        for button in (self.create_button, self.stop, self.close_button):
            button.setAutoDefault(False)
            buttons.addWidget(button)
        outer.addLayout(buttons)
        self.create_button.clicked.connect(self.start)
        self.stop.clicked.connect(self.cancel)
        self.close_button.clicked.connect(self.reject)
        self.stepped.connect(self._stepped)
        self._prefill()
        self._list_changed()

    # ---------------------------------------------------------------- the inputs

    def _label(self, text: str, parent: QWidget) -> QLabel:
        label = QLabel(text, parent)
        label.setTextFormat(Qt.TextFormat.PlainText)  # names and server replies are data
        label.setWordWrap(True)
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        return label

    def _input_page(self) -> QWidget:
        page = QWidget(self)
        body = QVBoxLayout(page)
        body.setContentsMargins(0, 0, 0, 0)
        body.addWidget(
            self._label(
                self.tr(
                    "Paste the list of staff below, or open a CSV file. One person a line: the "
                    "name they will log in with, then, if you like, their e-mail address and "
                    "their name as others see it, separated by commas."
                ),
                page,
            )
        )
        self.staff = QPlainTextEdit(page)
        self.staff.setAccessibleName(self.tr("Staff list"))
        self.staff.setPlaceholderText(
            self.tr("alice, alice@example.com, Alice Martin\nbob, bob@example.com\ncarol")
        )
        body.addWidget(self.staff, 1)
        self.open_file = QPushButton(self.tr("&Open a CSV file..."), page)
        row = button_row(self.open_file)
        body.addLayout(row)
        self.list_note = self._label("", page)
        body.addWidget(self.list_note)
        form = Form(page)
        self.domain = form.line(
            self.tr("Mail &domain:"), placeholder=self.tr("the part after @, such as example.com")
        )
        self.server_name = form.line(
            self.tr("Ser&ver name:"),
            placeholder=self.tr("the name staff use, such as mail.example.com"),
        )
        self.incoming = form.line(
            self.tr("&Incoming mail server:"),
            placeholder=self.tr("optional: the IMAP server, such as imap.example.com"),
        )
        folder_row = QWidget(page)
        folder_layout = QHBoxLayout(folder_row)
        folder_layout.setContentsMargins(0, 0, 0, 0)
        self.folder = QLineEdit(folder_row)
        self.folder.setPlaceholderText(self.tr("where each person's handout and settings go"))
        self.choose = QPushButton(self.tr("C&hoose..."), folder_row)
        folder_layout.addWidget(self.folder, 1)
        folder_layout.addWidget(self.choose)
        form.row(self.tr("&Folder:"), folder_row)
        self.folder.setAccessibleName(self.tr("Folder"))
        body.addLayout(form)
        self.with_passwords = QCheckBox(
            self.tr("Put each person's &password on their handout (only you can open those files)"),
            page,
        )
        body.addWidget(self.with_passwords)
        self.unverified = self._label(
            self.tr(
                "No test message has gone through this server yet, so each handout will say "
                "its settings are not verified. For handouts without that warning, send one "
                "from the Test page first."
            ),
            page,
        )
        body.addWidget(self.unverified)
        self.error = self._label("", page)
        self.error.setStyleSheet(ERROR_STYLE)
        body.addWidget(self.error)
        self.staff.textChanged.connect(self._list_changed)
        self.open_file.clicked.connect(self.open_list)
        self.choose.clicked.connect(self.choose_folder)
        return page

    def _prefill(self) -> None:
        model = self.ctx.model
        profile = self._profile()
        self.unverified.setVisible(profile is not None and not profile.verified)
        if model.target is not None:
            found = identity_for(model.target.host, model.report)
            self.domain.setText(found.mail_domain)
            self.server_name.setText(found.server_name)

    def inputs(self) -> OnboardInputs:
        return OnboardInputs(
            staff=self.staff.toPlainText(),
            domain=self.domain.text(),
            server_name=self.server_name.text(),
            folder=self.folder.text(),
            with_passwords=self.with_passwords.isChecked(),
            incoming=self.incoming.text(),
        )

    def _list_changed(self) -> None:
        """Who is on the list, or the line that is wrong, as the admin types."""
        text = self.staff.toPlainText()
        self.list_note.setStyleSheet("")
        if not text.strip():
            self.list_note.setText(self.tr("Nobody on the list yet."))
            return
        try:
            people = parse_staff(text)
        except WizardError as exc:
            self.list_note.setStyleSheet(ERROR_STYLE)
            self.list_note.setText(error_text(exc))
            return
        names = ", ".join(p.account for p in people[:_PREVIEW])
        if len(people) == 1:
            self.list_note.setText(self.tr("1 person: %1.").replace("%1", names))
        elif len(people) <= _PREVIEW:
            self.list_note.setText(
                self.tr("%1 people: %2.").replace("%1", str(len(people))).replace("%2", names)
            )
        else:
            self.list_note.setText(
                self.tr("%1 people: %2 and %3 more.")
                .replace("%1", str(len(people)))
                .replace("%2", names)
                .replace("%3", str(len(people) - _PREVIEW))
            )

    def open_list(self) -> None:
        path = self.ctx.dialogs.open_staff_list(self)
        if not path:
            return
        try:
            text = read_staff_file(path)  # at most 1 MB of a local file
        except WizardError as exc:
            self._refused(exc)
            return
        self.staff.setPlainText(text)

    def choose_folder(self) -> None:
        path = self.ctx.dialogs.choose_folder(self, self.tr("Folder for the handouts"))
        if path:
            self.folder.setText(path)

    def _refused(self, exc: BaseException) -> None:
        field = exc.field if isinstance(exc, WizardError) else None
        if field == Field.STAFF:  # said once, under the list
            self.error.setText("")
            self.list_note.setStyleSheet(ERROR_STYLE)
            self.list_note.setText(error_text(exc))
        else:
            self.error.setText(error_text(exc))
        widget = (
            {
                Field.STAFF: self.staff,
                Field.DOMAIN: self.domain,
                Field.SERVER_NAME: self.server_name,
                Field.FOLDER: self.folder,
                Field.INCOMING: self.incoming,
            }.get(field)
            if field is not None
            else None
        )
        if widget is not None:
            widget.setFocus()

    # ---------------------------------------------------------------- the run

    def _result_page(self) -> QWidget:
        page = QWidget(self)
        body = QVBoxLayout(page)
        body.setContentsMargins(0, 0, 0, 0)
        self.headline = self._label("", page)
        font = self.headline.font()
        font.setBold(True)
        self.headline.setFont(font)
        body.addWidget(self.headline)
        self.bar = QProgressBar(page)
        self.bar.setAccessibleName(self.tr("Progress"))
        body.addWidget(self.bar)
        self.passwords_note = self._label("", page)
        body.addWidget(self.passwords_note)
        self.table = QTableWidget(0, 3, page)
        self.table.setHorizontalHeaderLabels(
            [self.tr("Account"), self.tr("Password"), self.tr("E-mail address")]
        )
        self.table.setAccessibleName(self.tr("New accounts and their passwords"))
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        body.addWidget(self.table, 1)
        self.copy = QPushButton(self.tr("C&opy the passwords"), page)
        self.copy.setEnabled(False)
        body.addLayout(button_row(self.copy))
        self.notes = self._label("", page)
        body.addWidget(self.notes)
        self.copy.clicked.connect(self.copy_passwords)
        return page

    def _profile(self) -> ServerProfile | None:
        model = self.ctx.model
        saved = None
        if model.target is not None:
            try:
                saved = self.ctx.services.profiles().find(profile_name(model.target.host))
            except WizardError:
                saved = None
        return kit_profile(model, saved)

    def start(self) -> None:
        self.error.setText("")
        try:
            prepared = prepare(self.inputs(), self._profile(), self.ctx.model.report)
        except WizardError as exc:
            self._refused(exc)  # nothing made: one sentence, the field in focus
            return
        if not self.ctx.dialogs.confirm(
            self,
            self.tr("Create %1 mail accounts on the server now?").replace(
                "%1", str(len(prepared.people))
            )
            if len(prepared.people) != 1
            else self.tr("Create 1 mail account on the server now?"),
        ):
            return
        self._running(prepared)
        services = self.ctx.services
        from wizard import render  # Qt's PDF writer, loaded on first use

        def work(ctx: JobContext) -> Onboarded:
            return run(
                services,
                ctx.session,
                prepared,
                render_pdf=render.html_to_pdf,
                cancel=ctx.cancel,
                step=self.stepped.emit,
                say=shown,
            )

        self.job = self.ctx.run(work, self._done, self._failed)

    def _running(self, prepared: Prepared) -> None:
        self.stack.setCurrentIndex(1)
        self.headline.setText(self.tr("Making the accounts on the server..."))
        self.bar.setRange(0, 1 + len(prepared.people))
        self.bar.setValue(0)
        self.bar.show()
        self.create_button.hide()
        self.stop.show()
        self.stop.setEnabled(True)
        self.close_button.setEnabled(False)

    def _stepped(self, step: Step) -> None:
        done, total, account = step
        self.bar.setRange(0, total)
        self.bar.setValue(done)
        if account:
            self.headline.setText(
                self.tr("Writing the handout and mail settings of %1 (%2 of %3)...")
                .replace("%1", account)
                .replace("%2", str(done))
                .replace("%3", str(total - 1))
            )

    def cancel(self) -> None:
        if self.job is not None and not self.job.done:
            self.job.cancel()
            self.stop.setEnabled(False)
            self.headline.setText(self.tr("Stopping after the current person..."))

    def _finished(self) -> None:
        self.job = None
        self.stop.hide()
        self.close_button.setEnabled(True)
        self.close_button.setDefault(True)

    def _failed(self, exc: BaseException) -> None:
        self._finished()
        self.bar.hide()
        if isinstance(exc, Cancelled):
            self.headline.setText(self.tr("Stopped: no account was made."))
            return
        # Nothing was made (the folder, or the server refused the whole call): back to the
        # list, with the sentence.
        self.stack.setCurrentIndex(0)
        self.create_button.show()
        self._refused(exc)

    def _done(self, result: Onboarded) -> None:
        self._finished()
        self.outcome = result
        self.bar.hide()
        created = result.accounts.created
        self.table.setRowCount(len(created))
        domain = self.domain.text().strip().lower()
        for row, account in enumerate(created):
            # the address the handout gives (account@mail domain unless the list gave one)
            email = account.person.email or f"{account.person.account}@{domain}"
            for column, text in enumerate((account.person.account, account.password, email)):
                item = QTableWidgetItem(text)
                item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
                self.table.setItem(row, column, item)
        self.copy.setEnabled(bool(created))
        self.headline.setText(self._headline(result))
        if created:
            self.passwords_note.setText(
                self.tr(
                    "Hand each person their password. They are shown only now and kept "
                    "nowhere else: copy them before you close this window."
                )
                if not self._with_passwords
                else self.tr(
                    "Hand each person their password. They are shown only now, and printed on "
                    "each handout (only you can open those files)."
                )
            )
        self.notes.setText("\n".join(self._notes(result)))

    @property
    def _with_passwords(self) -> bool:
        return self.with_passwords.isChecked()

    def _headline(self, result: Onboarded) -> str:
        made = len(result.accounts.created)
        written = len(result.kits)
        if made == 0:
            return self.tr("No account was made.")
        if written == made:
            text = (
                self.tr("1 account made; the handout and mail settings for that person are in %1.")
                if made == 1
                else self.tr(
                    "%2 accounts made; handouts and mail settings for each person are in %1."
                ).replace("%2", str(made))
            )
            return text.replace("%1", result.folder)
        return (
            self.tr("%1 accounts made; handouts and mail settings for %2 of them are in %3.")
            .replace("%1", str(made))
            .replace("%2", str(written))
            .replace("%3", result.folder)
        )

    def _notes(self, result: Onboarded) -> list[str]:
        notes = []
        if result.accounts.existing:
            notes.append(
                self.tr("Already had an account, left as it was (no handout): %1.").replace(
                    "%1", ", ".join(result.accounts.existing)
                )
            )
        if result.accounts.failed:
            notes.append(
                self.tr("Could not be made (the server's mail log says why): %1.").replace(
                    "%1", ", ".join(result.accounts.failed)
                )
            )
        if result.not_written is not None:
            notes.append(
                self.tr("The handouts could not be written: %1").replace(
                    "%1", error_text(result.not_written)
                )
            )
        missing = result.without_kit
        if missing and result.not_written is None:
            notes.append(
                self.tr(
                    "Stopped before the handouts of: %1. Their accounts exist; make their "
                    "handouts on the Client settings page."
                ).replace("%1", ", ".join(missing))
            )
        skipped = {note.split(": ", 1)[0] for kit in result.kits for note in kit.skipped}
        if skipped & {"thunderbird", "mobileconfig"}:
            notes.append(
                self.tr(
                    "No Thunderbird or Apple Mail files: they need the incoming mail server. "
                    "Make them on the Client settings page."
                )
            )
        return notes

    def copy_passwords(self) -> None:
        if self.outcome is not None:
            QGuiApplication.clipboard().setText(passwords_text(self.outcome))

    def reject(self) -> None:
        """Close: never while the run goes on (Stop first); with passwords shown, only after
        the admin agrees that they will not be shown again."""
        if self.job is not None:
            self.cancel()
            return
        if (
            self.outcome is not None
            and self.outcome.accounts.created
            and not self.ctx.dialogs.confirm(
                self,
                self.tr("Close this window? The passwords will not be shown again."),
            )
        ):
            return
        self.outcome = None
        self.table.setRowCount(0)  # the passwords go with the window
        super().reject()
