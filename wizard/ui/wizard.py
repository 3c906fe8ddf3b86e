"""The desktop wizard's window: from "my server" to "relay verified" in one sitting.

The window is a QWizard shell over the pages of :mod:`wizard.ui.pages` (one module each),
which share the plain-Python model of :mod:`wizard.ui.model` through a
:class:`~wizard.ui.pages.base.Context`; remote work, keyring and file writes run on its
:class:`~wizard.ui.worker.ServerWorker` thread. Dialogs go through
:class:`~wizard.ui.dialogs.Dialogs`, which tests replace.
"""

from __future__ import annotations

from PySide6.QtWidgets import QWizard

from wizard.core.services import CoreServices
from wizard.ui.dialogs import Dialogs
from wizard.ui.model.services import Services
from wizard.ui.model.state import PageId
from wizard.ui.pages.apply import ApplyPage
from wizard.ui.pages.base import Context, Page
from wizard.ui.pages.check import CheckPage
from wizard.ui.pages.connect import ConnectPage
from wizard.ui.pages.done import DonePage
from wizard.ui.pages.export import ExportPage
from wizard.ui.pages.review import ReviewPage
from wizard.ui.pages.settings import SettingsPage
from wizard.ui.pages.test import TestPage
from wizard.ui.pages.users import UsersPage
from wizard.ui.pages.welcome import WelcomePage
from wizard.ui.widgets import app_icon

PAGES: tuple[type[Page], ...] = (
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


class RelayWizard(QWizard):
    """The window. ``state`` is what its pages share (model, services, dialogs, worker)."""

    def __init__(self, services: Services | None = None, dialogs: Dialogs | None = None) -> None:
        super().__init__()
        self.state = Context(services or CoreServices(), dialogs or Dialogs())
        self.setWindowTitle(self.tr("Relay Wizard"))
        self.setWindowIcon(app_icon())
        self.setWizardStyle(QWizard.WizardStyle.ClassicStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnStartPage, True)
        self.setOption(QWizard.WizardOption.HaveHelpButton, False)
        self.resize(820, 640)
        for cls in PAGES:
            self.setPage(cls.page_id, cls(self.state))
        self.setStartId(PageId.WELCOME)
        self.setButtonText(QWizard.WizardButton.NextButton, self.tr("&Next >"))
        self.setButtonText(QWizard.WizardButton.BackButton, self.tr("< &Back"))

    def done(self, result: int) -> None:
        welcome = self.page(PageId.WELCOME)
        if isinstance(welcome, WelcomePage):
            welcome.close_servers()
        self.state.worker.stop()
        super().done(result)
