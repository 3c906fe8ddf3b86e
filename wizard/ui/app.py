"""Starting the desktop wizard."""

from __future__ import annotations

import os
import sys
import threading
import time
from typing import TYPE_CHECKING

from PySide6.QtCore import (
    QEvent,
    QMessageLogContext,
    QObject,
    QTimer,
    QtMsgType,
    qInstallMessageHandler,
)
from PySide6.QtGui import QWindow
from PySide6.QtWidgets import QApplication, QWidget

from wizard import __version__
from wizard.core import lazy
from wizard.ui import i18n
from wizard.ui.widgets import app_icon
from wizard.ui.wizard import RelayWizard

if TYPE_CHECKING:
    from collections.abc import Callable

# The offscreen platform cannot size windows to their hints; nothing of ours.
_HARMLESS = ("This plugin does not support propagateSizeHints",)
# A window not on screen by then will not come (a deadline, not a measurement).
_SHOW_DEADLINE_MS = 30_000


def _open() -> tuple[QApplication, RelayWizard]:
    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    app.setApplicationName("Relay Wizard")
    app.setApplicationVersion(__version__)
    app.setDesktopFileName("relay-wizard")
    app.setWindowIcon(app_icon())
    i18n.install(app)  # before the first widget: widgets translate their text when made
    window = RelayWizard(later=True)  # the other pages once it is on screen
    app.aboutToQuit.connect(window.state.worker.stop)
    window.show()
    return app, window


class _ExposeWatch(QObject):
    """Calls ``then`` once the platform has put ``window`` on screen (exposed it)."""

    def __init__(self, window: QWidget, then: Callable[[], None]) -> None:
        super().__init__(window)
        self.seen = False
        self._then = then
        handle = window.windowHandle()
        assert handle is not None, "show() the window first"
        handle.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            not self.seen
            and event.type() == QEvent.Type.Expose
            and isinstance(watched, QWindow)
            and watched.isExposed()
        ):
            self.seen = True
            self._then()
        return False


def start_preloading() -> threading.Thread:
    """Import what the core loads on first use (SSH, keyring) on a background thread.

    The window comes up without them (wizard.core.lazy); loading them now, while the admin
    reads the first page, keeps that half second out of the first Connect or keyring
    look-up. Imports only: nothing connects, nothing touches the keyring.
    """
    thread = threading.Thread(target=lazy.load_all, name="relay-wizard-preload", daemon=True)
    thread.start()
    return thread


def run_gui() -> int:
    app, window = _open()
    exit_after_show = bool(os.environ.get("RELAY_WIZARD_EXIT_AFTER_SHOW"))

    def shown() -> None:
        if exit_after_show:
            # For bench/ (cold start): say when the first window is on screen, then quit.
            print(f"relay-wizard: window shown at {time.time():.6f}", flush=True)
            app.quit()
        else:
            # After this expose has been painted: the first frame never waits for them.
            QTimer.singleShot(0, window.add_pages)
            QTimer.singleShot(0, start_preloading)

    _watch = _ExposeWatch(window, shown)  # parented to the window: lives as long
    return int(app.exec())


def smoke_test() -> int:
    """Open the window, let Qt show it, close it: a packaged build's proof that it runs.

    Returns 1, each problem on stderr, when Qt warned (a plugin, library or image it could
    not load) or the window or its icon did not come up. A missing platform plugin makes
    Qt abort the process itself.
    """
    problems: list[str] = []

    def report(problem: str) -> None:
        problems.append(problem)
        print(f"smoke test: {problem}", file=sys.stderr, flush=True)

    def listen(kind: QtMsgType, _context: QMessageLogContext, message: str) -> None:
        if kind not in (QtMsgType.QtDebugMsg, QtMsgType.QtInfoMsg) and not message.startswith(
            _HARMLESS
        ):
            report(f"Qt: {message}")

    previous = qInstallMessageHandler(listen)
    try:
        app, window = _open()

        def on_screen() -> None:
            window.add_pages()  # every page is made, as after a real start
            app.quit()

        exposed = _ExposeWatch(window, on_screen)
        QTimer.singleShot(_SHOW_DEADLINE_MS, app.quit)
        app.exec()
        if not exposed.seen:
            report(f"the window was not shown within {_SHOW_DEADLINE_MS // 1000} s")
        if app.windowIcon().isNull() or window.windowIcon().isNull():
            report("the icon did not load (is Qt's SVG image plugin missing?)")
        window.state.worker.stop()
        window.close()
    finally:
        qInstallMessageHandler(previous)
    return 1 if problems else 0
