"""The window opens (offscreen) with its title and tells the admin where to go next."""

from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from wizard import __version__
from wizard.ui.app import MainWindow


def test_main_window_shows_title_and_version(qtbot: QtBot) -> None:
    window = MainWindow()
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    assert window.windowTitle() == "Relay Wizard"
    texts = " ".join(label.text() for label in window.findChildren(QLabel))
    assert "relay-wizard --help" in texts
    assert f"Version {__version__}" in texts
