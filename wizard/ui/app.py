"""The desktop window. For now a welcome window; the wizard pages arrive with the GUI issue."""

from __future__ import annotations

import sys

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel, QMainWindow, QVBoxLayout, QWidget

from wizard import __version__


class MainWindow(QMainWindow):
    def __init__(self) -> None:
        super().__init__()
        self.setWindowTitle(self.tr("Relay Wizard"))
        self.resize(720, 480)
        body = QWidget(self)
        layout = QVBoxLayout(body)
        title = QLabel(self.tr("<h1>Relay Wizard</h1>"), body)
        text = QLabel(
            self.tr(
                "Let staff send mail through your sendmail server from anywhere, "
                "safely: they log in, strangers are still refused.<br><br>"
                "The step-by-step wizard is on its way. Meanwhile every step is on the "
                "command line: <tt>relay-wizard --help</tt>."
            ),
            body,
        )
        text.setWordWrap(True)
        text.setTextFormat(Qt.TextFormat.RichText)
        version = QLabel(self.tr("Version %1").replace("%1", __version__), body)
        layout.addWidget(title)
        layout.addWidget(text)
        layout.addStretch(1)
        layout.addWidget(version)
        self.setCentralWidget(body)


def run_gui() -> int:
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("Relay Wizard")
    app.setApplicationVersion(__version__)
    window = MainWindow()
    window.show()
    return int(app.exec())
