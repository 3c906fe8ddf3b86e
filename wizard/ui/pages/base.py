"""What every page shares: the :class:`Context` (model, services, dialogs, worker) and the
:class:`Page` base (title, the Next gate the model decides, labels, error marks)."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar, TypeVar

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QCheckBox, QLabel, QVBoxLayout, QWidget, QWizardPage

from wizard.core.errors import WizardError
from wizard.core.translatable import Translatable
from wizard.ui import fields
from wizard.ui.i18n import shown
from wizard.ui.model.navigation import gated, next_page, ready
from wizard.ui.model.state import PageId, WizardState
from wizard.ui.worker import Job, JobContext, ServerWorker, error_text

if TYPE_CHECKING:
    from collections.abc import Callable

    from wizard.ui.dialogs import Dialogs
    from wizard.ui.model.services import Services

T = TypeVar("T")


def tr(text: str) -> Translatable:
    """Mark ``text`` for the catalogue (lupdate files a module-level tr() under the empty
    context); :func:`~wizard.ui.i18n.shown` translates it when shown, so text made at import,
    before the catalogue is installed, is still shown in the admin's language."""
    return Translatable("", text)


# Each page's title and subtitle, in the order a new server walks them.
HEADINGS: dict[PageId, tuple[str, str]] = {
    PageId.WELCOME: (
        tr("Welcome to Relay Wizard"),
        tr("Let staff send mail through your mail server from anywhere, safely."),
    ),
    PageId.CONNECT: (
        tr("Connect to the server"),
        tr("Relay Wizard logs in over SSH as root or as a user with sudo."),
    ),
    PageId.CHECK: (
        tr("Server check"),
        tr("What is on the server now, and what it means for a safe relay."),
    ),
    PageId.SETTINGS: (
        tr("Settings"),
        tr("How staff will log in. The checks below update as you change options."),
    ),
    PageId.REVIEW: (
        tr("Review"),
        tr(
            "What changes for staff and for strangers. Nothing is written until you press "
            "Apply and confirm; a failure puts everything back by itself."
        ),
    ),
    PageId.APPLY: (
        tr("Apply"),
        tr("Backing up, writing, checking, reloading, verifying from outside."),
    ),
    PageId.USERS: (
        tr("Mail accounts"),
        tr("The accounts staff log in with (SASL users of the mail server)."),
    ),
    PageId.TEST: (
        tr("Test"),
        tr(
            "Send a real message through the server as staff would, and prove that "
            "strangers cannot."
        ),
    ),
    PageId.EXPORT: (
        tr("Client settings"),
        tr("What staff enter in their mail programs: exactly what was verified."),
    ),
    PageId.DONE: (tr("Done"), tr("What was achieved, and what is left to do.")),
}


class Context:
    """What the pages share: the model, the services, the dialogs, the worker thread."""

    def __init__(self, services: Services, dialogs: Dialogs) -> None:
        self.services = services
        self.dialogs = dialogs
        self.model = WizardState()
        self.worker = ServerWorker()

    def run(
        self,
        fn: Callable[[JobContext], T],
        done: Callable[[T], None],
        failed: Callable[[BaseException], None],
        progress: Callable[[str], None] | None = None,
    ) -> Job:
        """Run ``fn`` on the worker thread (remote work, keyring and file writes); ``done``
        gets its result and ``failed`` its exception, both on the GUI thread."""
        job = Job(fn)
        job.finished.connect(done)
        job.failed.connect(failed)
        if progress is not None:
            job.progress.connect(progress)
        return self.worker.submit(job)


class Page(QWizardPage):
    page_id: ClassVar[PageId]

    def __init__(self, ctx: Context) -> None:
        super().__init__()
        self.ctx = ctx
        title, subtitle = HEADINGS[self.page_id]
        self.setTitle(shown(title))
        self.setSubTitle(shown(subtitle))
        self.body = QVBoxLayout(self)
        self._gate: QCheckBox | None = None
        if gated(self.page_id):
            # Next waits for the model's rule: a hidden mandatory field, which QWizard
            # watches itself (no isComplete() override to keep in step).
            self._gate = QCheckBox(self)
            self._gate.hide()
            self.registerField(f"{type(self).__name__}-ready*", self._gate)
        self.build()

    def build(self) -> None:
        """Make the page's widgets (each page's own)."""

    @property
    def model(self) -> WizardState:
        return self.ctx.model

    def update_complete(self) -> None:
        """Enable Next as the model's rule for this page says."""
        assert self._gate is not None
        self._gate.setChecked(ready(self.page_id, self.model))

    def nextId(self) -> int:
        following = next_page(self.page_id, self.model)
        return -1 if following is None else int(following)

    def label(self, text: str, wrap: bool = True) -> QLabel:
        widget = QLabel(text, self)
        # Labels show server replies and typed values: never let Qt guess they are HTML.
        widget.setTextFormat(Qt.TextFormat.PlainText)
        widget.setWordWrap(wrap)
        widget.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        return widget

    def mark(self, exc: BaseException | None) -> QWidget | None:
        """Point at the widget of the field ``exc`` concerns (none: clear the mark)."""
        field = exc.field if isinstance(exc, WizardError) else None
        return fields.mark(self, self.page_id, field, error_text(exc) if exc else "")

    def not_saved(self, problems: tuple[WizardError, ...]) -> str:
        """What could not be kept on this computer, as sentences to add to a status."""
        return "".join(
            " " + self.tr("Not saved: %1").replace("%1", error_text(p)) for p in problems
        )
