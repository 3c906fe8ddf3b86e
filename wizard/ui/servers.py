"""The Servers window: every saved server, a test send or an audit on all, one summary.

The set-up wizard works on one server at a time; this window only checks. A run is one
job on a :class:`~wizard.ui.worker.ServerWorker` thread that hands the chosen servers to
the fleet's runner (:func:`wizard.core.fleet.runner.run_parallel`, the one the command
line's ``--jobs`` uses), at most :data:`~wizard.core.fleet.checks.MAX_PARALLEL` at a
time; each check's progress and row come back to the window through Qt signals. The
rows and the summary come from :mod:`wizard.core.fleet.checks` through
:class:`~wizard.core.services.CoreServices`.
"""

from __future__ import annotations

import threading
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QCloseEvent, QGuiApplication
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QStyle,
    QTableWidget,
    QTableWidgetItem,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from wizard.core.errors import WizardError
from wizard.core.fleet.checks import (
    CHECK_TITLES,
    MAX_PARALLEL,
    RESULT_WORDS,
    Check,
    certificate_note,
    check_row,
    error_row,
    latest,
    outcome_row,
    summary_document,
    summary_html,
    summary_text,
    tally,
    validate_recipient,
)
from wizard.core.fleet.hosts import Host
from wizard.core.fleet.runner import Outcome, run_parallel
from wizard.core.job import Job as Task
from wizard.core.target import Target
from wizard.core.translatable import QT_TRANSLATE_NOOP
from wizard.ui.i18n import shown
from wizard.ui.worker import Job, JobContext, ServerWorker
from wizard.ui.worker import error_text as _error_text

if TYPE_CHECKING:
    from collections.abc import Callable

    from wizard.core.fleet.summary import Row
    from wizard.core.local.profiles import ServerProfile

COL_SERVER, COL_ADDRESS, COL_ACCOUNT, COL_RESULT = range(4)

_ICON = {
    "passed": QStyle.StandardPixmap.SP_DialogApplyButton,
    "failed": QStyle.StandardPixmap.SP_MessageBoxCritical,
    "not run": QStyle.StandardPixmap.SP_MessageBoxWarning,
    "cancelled": QStyle.StandardPixmap.SP_MessageBoxWarning,
    "warning": QStyle.StandardPixmap.SP_MessageBoxWarning,  # passed, certificate ageing
}


class RunSignals(QObject):
    """What a run's worker thread tells the window, queued to the GUI thread by Qt."""

    note = Signal(str, str)  # a server's name, its check's progress
    row = Signal(object)  # a Row: one server's check ended


class ServersDialog(QDialog):
    """The saved servers, checked together. ``services`` is a CoreServices (or a fake)."""

    def __init__(self, services: Any, dialogs: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.dialogs = dialogs
        self.setWindowTitle(self.tr("Saved servers"))
        self.resize(860, 600)
        body = QVBoxLayout(self)
        intro = QLabel(
            self.tr(
                "Check every saved server at once: a test message sent as each server's saved "
                "account, or the open-relay audit. To change a server, open it in the wizard."
            ),
            self,
        )
        intro.setWordWrap(True)
        body.addWidget(intro)

        self.table = QTableWidget(0, 4, self)
        self.table.setHorizontalHeaderLabels(
            [self.tr("Server"), self.tr("Address"), self.tr("Account"), self.tr("Last result")]
        )
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setTabKeyNavigation(False)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(True)
        self.table.setAccessibleName(self.tr("Saved servers"))
        header = self.table.horizontalHeader()
        for col in (COL_SERVER, COL_ADDRESS, COL_ACCOUNT):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        table_label = QLabel(self.tr("Ser&vers:"), self)
        table_label.setBuddy(self.table)
        body.addWidget(table_label)
        body.addWidget(self.table, 2)

        form = QFormLayout()
        self.recipient = QLineEdit(self)
        self.recipient.setPlaceholderText("you@example.org")
        self.recipient.setAccessibleName(self.tr("Recipient of the test messages"))
        self.recipient.setToolTip(
            self.tr("An address in another domain: only that shows that the relay works.")
        )
        recipient_label = QLabel(self.tr("&Recipient:"), self)
        recipient_label.setBuddy(self.recipient)
        form.addRow(recipient_label, self.recipient)
        self.only_selected = QCheckBox(self.tr("&Only the selected servers"), self)
        form.addRow("", self.only_selected)
        body.addLayout(form)

        row = QHBoxLayout()
        self.send_all = QPushButton(self.tr("&Test send on all"), self)
        self.audit_all = QPushButton(self.tr("&Audit all"), self)
        self.stop = QPushButton(self.tr("Sto&p"), self)
        self.stop.setEnabled(False)
        for b in (self.send_all, self.audit_all, self.stop):
            row.addWidget(b)
        row.addStretch(1)
        body.addLayout(row)
        self.bar = QProgressBar(self)
        self.bar.setAccessibleName(self.tr("Checks done"))
        self.bar.setRange(0, 1)
        self.bar.setValue(0)
        body.addWidget(self.bar)
        self.status = QLabel(self)
        self.status.setWordWrap(True)
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.status.setAccessibleName(self.tr("Status"))
        body.addWidget(self.status)

        self.summary = QTextBrowser(self)
        self.summary.setAccessibleName(self.tr("Summary"))
        self.summary.setTabChangesFocus(True)
        summary_label = QLabel(self.tr("Su&mmary:"), self)
        summary_label.setBuddy(self.summary)
        body.addWidget(summary_label)
        body.addWidget(self.summary, 3)
        bottom = QHBoxLayout()
        self.copy = QPushButton(self.tr("&Copy summary"), self)
        self.save = QPushButton(self.tr("&Save summary..."), self)
        self.close_button = QPushButton(self.tr("C&lose"), self)
        for b in (self.copy, self.save):
            b.setEnabled(False)
            bottom.addWidget(b)
        bottom.addStretch(1)
        bottom.addWidget(self.close_button)
        body.addLayout(bottom)

        self.send_all.clicked.connect(self.start_send)
        self.audit_all.clicked.connect(self.start_audit)
        self.stop.clicked.connect(self.cancel)
        self.copy.clicked.connect(self.copy_summary)
        self.save.clicked.connect(self.save_summary)
        self.close_button.clicked.connect(self.close)
        self.table.itemSelectionChanged.connect(self._buttons)
        self.only_selected.toggled.connect(self._buttons)

        self.profiles: list[ServerProfile] = []
        self.rows: list[Row] = []  # every result in this window, oldest first
        self.run_rows: list[Row] = []  # those of the last run
        self.busy = False
        self.cancelling = False
        self.total = 0
        self.worker: ServerWorker | None = None  # runs the look-up, then the checks
        self.job: Job | None = None  # the job under way on it
        self.stop_run = threading.Event()  # no new check starts
        self.signals = RunSignals(self)
        self.signals.note.connect(self._note)
        self.signals.row.connect(self._record)
        self.load()

    # ---- the list

    def load(self) -> None:
        """Read the saved servers again and show them."""
        try:
            self.profiles = list(self.services.profiles().load())
        except WizardError as exc:
            self.profiles = []
            self._say(_error_text(exc), error=True)
        self.table.setRowCount(len(self.profiles))
        for i, p in enumerate(self.profiles):
            self.table.setItem(i, COL_SERVER, QTableWidgetItem(p.name))
            self.table.setItem(i, COL_ADDRESS, QTableWidgetItem(p.host))
            account = p.smtp_user or self.tr("(none)")
            self.table.setItem(i, COL_ACCOUNT, QTableWidgetItem(account))
            first = (
                self.tr("verified %1").replace("%1", p.verified_at.strftime("%Y-%m-%d %H:%M UTC"))
                if p.verified_at is not None
                else self.tr("never verified")
            )
            self._cell(i, first)
        if not self.profiles and not self.status.text():
            self._say(
                self.tr(
                    "No saved servers yet. Set one up in the wizard: it is saved once connected."
                )
            )
        self._buttons()

    def _cell(self, index: int, text: str, status: str = "", tip: str = "") -> None:
        item = QTableWidgetItem(text)
        if status in _ICON:
            item.setIcon(self.style().standardIcon(_ICON[status]))
        item.setToolTip(tip or text)
        item.setData(Qt.ItemDataRole.AccessibleTextRole, tip or text)
        self.table.setItem(index, COL_RESULT, item)

    def _index(self, name: str) -> int:
        return next((i for i, p in enumerate(self.profiles) if p.name == name), -1)

    def _chosen(self) -> list[ServerProfile]:
        if not self.only_selected.isChecked():
            return list(self.profiles)
        rows = {index.row() for index in self.table.selectionModel().selectedRows()}
        return [p for i, p in enumerate(self.profiles) if i in rows]

    def _buttons(self) -> None:
        can = not self.busy and bool(self._chosen())
        self.send_all.setEnabled(can)
        self.audit_all.setEnabled(can)
        self.stop.setEnabled(self.busy and not self.cancelling)
        self.recipient.setEnabled(not self.busy)
        self.only_selected.setEnabled(not self.busy)
        has = bool(self.rows) and not self.busy
        self.copy.setEnabled(has)
        self.save.setEnabled(has)

    def _say(self, text: str, error: bool = False) -> None:
        self.status.setStyleSheet("color: #b00020" if error else "")
        self.status.setText(text)

    # ---- starting

    def start_send(self) -> None:
        if self.busy:
            return
        try:
            recipient = validate_recipient(self.recipient.text())
        except WizardError as exc:
            self._say(_error_text(exc), error=True)
            self.recipient.setFocus()
            return
        chosen = self._chosen()
        if not chosen:
            return
        self._begin(len(chosen))
        self._say(self.tr("Looking up the saved passwords in the keyring..."))
        for p in chosen:
            self._cell(self._index(p.name), self.tr("test send: waiting"))
        services = self.services

        def look_up(_ctx: JobContext) -> object:
            return services.saved_passwords(chosen)

        self._submit(
            Job(look_up, "passwords"),
            lambda result: self._passwords(chosen, recipient, result),
            lambda exc: self._finish([error_row(p, "send", exc) for p in chosen]),
        )

    def _passwords(self, chosen: list[ServerProfile], recipient: str, result: object) -> None:
        passwords, missing = cast("tuple[dict[str, str], list[Row]]", result)
        for row in missing:
            self._record(row)
        ready = [p for p in chosen if p.name in passwords]
        services = self.services

        def send(p: ServerProfile, say: Callable[[str], None], cancel: threading.Event) -> Row:
            row: Row = services.send_check(p, passwords[p.name], recipient, Task(say, cancel))
            return row

        if not self.cancelling:
            self._say(self.tr("Sending..."))
        self._run(ready, "send", send)

    def start_audit(self) -> None:
        if self.busy:
            return
        chosen = self._chosen()
        if not chosen:
            return
        self._begin(len(chosen))
        for p in chosen:
            self._cell(self._index(p.name), self.tr("audit: waiting"))
        self._say(self.tr("Auditing..."))
        services = self.services

        def audit(p: ServerProfile, say: Callable[[str], None], cancel: threading.Event) -> Row:
            row: Row = services.audit_check(p, Task(say, cancel))
            return row

        self._run(chosen, "audit", audit)

    def _begin(self, total: int) -> None:
        self.busy = True
        self.cancelling = False
        self.stop_run = threading.Event()
        self.run_rows = []
        self.total = total
        self.bar.setRange(0, total)
        self.bar.setValue(0)
        self._buttons()

    def _submit(
        self, job: Job, done: Callable[[object], None], failed: Callable[[BaseException], None]
    ) -> None:
        """Run ``job`` on the window's worker; ``done`` or ``failed`` when it ends, unless
        the window was closed meanwhile."""
        if self.worker is None:
            self.worker = ServerWorker()
        self.job = job
        job.finished.connect(lambda result: self._ended(job, done, result))
        job.failed.connect(lambda exc: self._ended(job, failed, exc))
        self.worker.submit(job)

    def _ended(self, job: Job, then: Callable[[Any], None], value: object) -> None:
        if self.job is not job:
            return  # the window was closed meanwhile
        self.job = None
        then(value)

    # ---- running

    def _run(
        self,
        chosen: list[ServerProfile],
        check: Check,
        one: Callable[[ServerProfile, Callable[[str], None], threading.Event], Row],
    ) -> None:
        """Run ``check`` on every chosen server through the fleet's runner, on the worker."""
        if self.cancelling:
            self._finish(
                [
                    check_row(p, check, "cancelled", QT_TRANSLATE_NOOP("Fleet", "not started"))
                    for p in chosen
                ]
            )
            return
        by_name = {p.name: p for p in chosen}
        hosts = [Host(p.name, Target(p.host, p.smtp_port)) for p in chosen]
        signals, stop, title = self.signals, self.stop_run, CHECK_TITLES[check]

        def work(host: Host, say: Callable[[str], None], cancel: threading.Event) -> Row:
            signals.note.emit(
                host.name,
                shown(QT_TRANSLATE_NOOP("Fleet", "{check}: starting").format(check=title)),
            )
            return one(by_name[host.name], say, cancel)

        def each(o: Outcome[Row]) -> None:
            if o.ran:
                signals.row.emit(outcome_row(by_name[o.host.name], check, o))

        def run_all(ctx: JobContext) -> object:
            outcomes = run_parallel(
                hosts,
                work,
                jobs=MAX_PARALLEL,
                progress=lambda h, text: signals.note.emit(
                    h.name, shown(_PROGRESS.format(check=title, progress=text))
                ),
                stop=stop,
                cancel=ctx.cancel,
                on_done=each,
            )
            return [outcome_row(by_name[o.host.name], check, o) for o in outcomes if not o.ran]

        self._submit(
            Job(run_all, f"{check} on {len(hosts)} servers"),
            lambda rows: self._finish(cast("list[Row]", rows)),
            lambda exc: self._finish([error_row(p, check, exc) for p in chosen]),
        )

    def _note(self, name: str, text: str) -> None:
        if self.busy:
            self._cell(self._index(name), text)

    def _finish(self, rows: list[Row]) -> None:
        """The run's last rows (servers never started), then its end."""
        for row in rows:
            self._record(row)
        self._end()

    def _record(self, row: Row) -> None:
        self.rows.append(row)
        self.run_rows.append(row)
        self.bar.setValue(min(len(self.run_rows), self.bar.maximum()))
        index = self._index(row.server)
        if index >= 0:
            mine = [r for r in latest(self.rows) if r.server == row.server]
            text = "; ".join(
                shown(_RESULT.format(check=_title(r), result=_result(r))) for r in mine
            )
            worst = next(
                (s for s in ("failed", "not run", "cancelled") if any(r.result == s for r in mine)),
                "passed",
            )
            note, ageing = certificate_note(next((r.details for r in mine if r.details), {}))
            if note:
                text += "; " + shown(note)
                worst = "warning" if ageing and worst == "passed" else worst
            tip = "\n".join(
                shown(_RESULT_DETAIL.format(check=_title(r), result=_result(r), detail=r.detail))
                for r in mine
            )
            self._cell(index, text, worst, tip)

    def _end(self) -> None:
        if not self.busy:
            return
        self.busy = False
        stopped = self.cancelling
        self.cancelling = False
        self.summary.setHtml(summary_html(latest(self.rows), shown))
        text = self.tr("Done: %1").replace("%1", shown(tally(latest(self.run_rows))))
        if stopped:
            text = self.tr("Stopped. %1").replace("%1", text)
        self._say(text, error=any(not r.ok for r in self.run_rows))
        self._buttons()

    def cancel(self) -> None:
        """Stop: no new check starts; an audit stops at its next trick; a send ends by itself."""
        if not self.busy:
            return
        self.cancelling = True
        self.stop_run.set()
        if self.job is not None:
            self.job.cancel()
        self._say(self.tr("Stopping: the checks under way end first..."))
        self._buttons()

    # ---- the summary

    def summary_rows(self) -> list[Row]:
        return latest(self.rows)

    def copy_summary(self) -> None:
        QGuiApplication.clipboard().setText(summary_text(self.summary_rows(), shown))

    def save_summary(self) -> None:
        path = self.dialogs.save_file(
            self, self.tr("Save the summary"), "relay-wizard-servers.html"
        )
        if not path:
            return
        rows = self.summary_rows()
        text = (
            summary_document(rows, shown)
            if not path.endswith(".txt")
            else summary_text(rows, shown)
        )
        try:
            Path(path).write_text(text, encoding="utf-8")
        except OSError as exc:
            self._say(self.tr("Not saved: %1").replace("%1", str(exc)), error=True)
            return
        self._say(self.tr("Saved %1.").replace("%1", path))

    # ---- closing

    def stop_workers(self, *, wait: bool = True) -> None:
        """Cancel what runs and end the worker thread.

        With ``wait`` (the wizard closing) this waits for a send under way. Without it (the
        window closing) a busy worker is retired: it ends by itself when its run does, so
        the GUI never waits on the network.
        """
        self.cancelling = True
        self.stop_run.set()
        job, worker = self.job, self.worker
        self.job = self.worker = None
        self.busy = False
        if worker is None:
            return
        if job is not None:
            job.cancel()
            if not wait:
                _retire(worker, job)
                return
        worker.stop()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.stop_workers(wait=False)
        super().closeEvent(event)

    def done(self, result: int) -> None:
        self.stop_workers(wait=False)
        super().done(result)


# Workers whose check was still under way when their window closed: each stops when its
# check ends; whatever is left is stopped (waiting) when the wizard itself closes.
_RETIRING: set[ServerWorker] = set()


def _retire(worker: ServerWorker, job: Job) -> None:
    _RETIRING.add(worker)

    def finish(*_args: object) -> None:
        if worker in _RETIRING:
            _RETIRING.discard(worker)
            worker.stop()

    job.finished.connect(finish)
    job.failed.connect(finish)


def retiring_workers() -> int:
    return len(_RETIRING)


def stop_retired_workers() -> None:
    """Stop (waiting) every retired worker: for the application's last moments."""
    while _RETIRING:
        _RETIRING.pop().stop()


# A server's cell: each check and its result (the tooltip adds the detail).
_RESULT = QT_TRANSLATE_NOOP("Fleet", "{check}: {result}")
_PROGRESS = QT_TRANSLATE_NOOP("Fleet", "{check}: {progress}")
_RESULT_DETAIL = QT_TRANSLATE_NOOP("Fleet", "{check}: {result}: {detail}")


def _title(row: Row) -> str:
    return CHECK_TITLES.get(row.check, row.check)


def _result(row: Row) -> str:
    return RESULT_WORDS.get(row.result, row.result)
