"""The desktop wizard's window: from "my server" to "relay verified" in one sitting.

The window is a QWizard shell over the pages of :mod:`wizard.ui.pages` (one module each),
which share the plain-Python model of :mod:`wizard.ui.model` through a
:class:`~wizard.ui.pages.base.Context`; remote work, keyring and file writes run on its
:class:`~wizard.ui.worker.ServerWorker` thread. Dialogs go through
:class:`~wizard.ui.dialogs.Dialogs`, which tests replace.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, cast

from PySide6.QtWidgets import QWizard

from wizard.core.local.profiles import ProfileStore
from wizard.ui.dialogs import Dialogs
from wizard.ui.model.state import PageId
from wizard.ui.pages.base import Context, Page
from wizard.ui.pages.welcome import WelcomePage
from wizard.ui.widgets import app_icon

if TYPE_CHECKING:
    from wizard.ui.model.services import Services


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
        if not later:
            self.add_pages()

    def add_pages(self) -> None:
        """The pages after Welcome, and the core services they call. Idempotent."""
        if self._deferred is not None:
            self._deferred.make()
        for cls in page_classes():
            if self.page(cls.page_id) is None:
                self.setPage(cls.page_id, cls(self.state))

    def done(self, result: int) -> None:
        welcome = self.page(PageId.WELCOME)
        if isinstance(welcome, WelcomePage):
            welcome.close_servers()
        self.state.worker.stop()
        super().done(result)
