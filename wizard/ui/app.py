"""Starting the desktop wizard."""

from __future__ import annotations

import os
import sys
import time

from PySide6.QtCore import QTimer
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
    if os.environ.get("RELAY_WIZARD_EXIT_AFTER_SHOW"):
        # For bench/ (cold start): say when the first window is shown, then quit.
        def shown() -> None:
            print(f"relay-wizard: window shown at {time.time():.6f}", flush=True)
            app.quit()

        QTimer.singleShot(0, shown)
    return int(app.exec())
