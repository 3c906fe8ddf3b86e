"""The desktop wizard's window: from "my server" to "relay verified" in one sitting.

The window is a QWizard shell over the pages of :mod:`wizard.ui.pages` (one module each),
which share the plain-Python model of :mod:`wizard.ui.model` through a
:class:`~wizard.ui.pages.base.Context`; remote work, keyring and file writes run on its
:class:`~wizard.ui.worker.ServerWorker` thread. Dialogs go through
:class:`~wizard.ui.dialogs.Dialogs`, which tests replace.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, cast

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton, QWizard

from wizard.core.local.profiles import ProfileStore
from wizard.ui.dialogs import Dialogs
from wizard.ui.model.state import PageId
from wizard.ui.pages.base import Context, Page
from wizard.ui.pages.welcome import WelcomePage
from wizard.ui.widgets import app_icon

if TYPE_CHECKING:
    from PySide6.QtGui import QKeyEvent

    from wizard.ui.model.services import Services
    from wizard.ui.pages.apply import ApplyPage


def page_classes() -> tuple[type[Page], ...]:
    """Every page, in order. The pages after Welcome (and the core under them) are
    imported here, not at start: the first window needs only Welcome."""
    from wizard.ui.pages.apply import ApplyPage
    from wizard.ui.pages.check import CheckPage
    from wizard.ui.pages.connect import ConnectPage
    from wizard.ui.pages.done import DonePage
    from wizard.ui.pages.export import ExportPage
    from wizard.ui.pages.review import ReviewPage
    from wizard.ui.pages.settings import SettingsPage
    from wizard.ui.pages.test import TestPage
    from wizard.ui.pages.users import UsersPage

    return (
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
    )


class _CoreOnFirstUse:
    """:class:`~wizard.core.services.CoreServices`, made when first used, except for the
    saved servers the first page lists (which need none of it). Used only on the GUI
    thread until :meth:`RelayWizard.add_pages` has made it."""

    def __init__(self) -> None:
        self._core: Any = None

    def profiles(self) -> ProfileStore:
        return ProfileStore() if self._core is None else cast("ProfileStore", self._core.profiles())

    def make(self) -> None:
        if self._core is None:
            from wizard.core.services import CoreServices

            self._core = CoreServices()

    def __getattr__(self, name: str) -> Any:
        self.make()
        return getattr(self._core, name)


class RelayWizard(QWizard):
    """The window. ``state`` is what its pages share (model, services, dialogs, worker).

    ``later``: make only the first page now and the rest in :meth:`add_pages`, which the
    app calls once the window is on screen (the first frame waits for nothing else).
    """

    def __init__(
        self,
        services: Services | None = None,
        dialogs: Dialogs | None = None,
        *,
        later: bool = False,
    ) -> None:
        super().__init__()
        self._deferred = _CoreOnFirstUse() if services is None else None
        self.state = Context(services or cast("Services", self._deferred), dialogs or Dialogs())
        self.setWindowTitle(self.tr("Relay Wizard"))
        self.setWindowIcon(app_icon())
        self.setWizardStyle(QWizard.WizardStyle.ClassicStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnStartPage, True)
        self.setOption(QWizard.WizardOption.HaveHelpButton, False)
        self.resize(820, 640)
        self.setPage(PageId.WELCOME, WelcomePage(self.state))
        self.setStartId(PageId.WELCOME)
        self.setButtonText(QWizard.WizardButton.NextButton, self.tr("&Next >"))
        self.setButtonText(QWizard.WizardButton.BackButton, self.tr("< &Back"))
        self._closing = False  # Cancel during apply: stopping, then the window closes
        self.currentIdChanged.connect(self._entered)
        if not later:
            self.add_pages()

    def add_pages(self) -> None:
        """The pages after Welcome, and the core services they call. Idempotent."""
        if self._deferred is not None:
            self._deferred.make()
        for cls in page_classes():
            if self.page(cls.page_id) is None:
                self.setPage(cls.page_id, cls(self.state))
        apply = self._apply_page()
        if apply is not None:
            apply.settled.connect(self._reopen_review)

    def _apply_page(self) -> ApplyPage | None:
        from wizard.ui.pages.apply import ApplyPage

        page = self.page(PageId.APPLY)
        return page if isinstance(page, ApplyPage) else None

    # ---- Review is the point of no return, until an apply ends put back

    def _reopen_review(self) -> None:
        """The apply failed or was stopped and put back: Back may return to Review (and
        from there to Settings). QWizard keeps Back off after a commit page."""
        review = self.page(PageId.REVIEW)
        if review is not None:
            review.setCommitPage(False)

    def _entered(self, page_id: int) -> None:
        review = self.page(PageId.REVIEW)
        if page_id == PageId.REVIEW and review is not None:
            review.setCommitPage(True)
        self._no_default_apply()

    def _no_default_apply(self) -> None:
        """Enter never presses Apply: it changes a server, and asks first anyway."""
        commit = self.button(QWizard.WizardButton.CommitButton)
        if isinstance(commit, QPushButton):
            commit.setDefault(False)
            commit.setAutoDefault(False)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        page = self.currentPage()
        enter = event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
        if enter and page is not None and page.isCommitPage():
            self._no_default_apply()
            event.accept()  # Enter on Review: nothing (Apply is a deliberate click)
            return
        super().keyPressEvent(event)

    # ---- Cancel (and the window's close) while the apply runs

    def reject(self) -> None:
        apply = self._apply_page()
        if apply is not None and apply.running:
            if self._closing:
                return  # already stopping: the window closes when the server is put back
            target = self.state.model.target
            if not self.state.dialogs.stop_apply(self, target.host if target else ""):
                return  # keep going
            self._closing = True
            apply.stop(self._stopped)
            return
        super().reject()

    def _stopped(self, where: str) -> None:
        """The apply ended after the admin chose to quit: say where the server stands."""
        self.state.dialogs.inform(self, self.tr("Relay Wizard"), where)
        self._closing = False
        super().reject()

    def done(self, result: int) -> None:
        welcome = self.page(PageId.WELCOME)
        if isinstance(welcome, WelcomePage):
            welcome.close_servers()
        self.state.worker.stop()
        super().done(result)
