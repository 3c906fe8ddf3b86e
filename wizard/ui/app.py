"""Starting the desktop wizard."""

from __future__ import annotations

import sys

from PySide6.QtWidgets import QApplication

from wizard import __version__
from wizard.ui.wizard import RelayWizard, app_icon


def run_gui() -> int:
    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    app.setApplicationName("Relay Wizard")
    app.setApplicationVersion(__version__)
    app.setDesktopFileName("relay-wizard")
    app.setWindowIcon(app_icon())
    window = RelayWizard()
    app.aboutToQuit.connect(window.state.worker.stop)
    window.show()
    return int(app.exec())
