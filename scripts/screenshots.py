"""Render every page of the wizard during a real lab run into docs/screenshots/.

Run it with ./scripts/screenshots (root: it starts a lab server, and Xvfb). The wizard
talks to a real lab server over SSH, applies the classic profile, adds a user kept in a
private Secret Service, and sends a test message; each page is captured on the way.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from PySide6.QtTest import QTest  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from tests.integration.keyring_fixture import PrivateSecretService  # noqa: E402
from tests.lab import lab  # noqa: E402

OUT = ROOT / "docs" / "screenshots"
PASSWORD = "Screenshot-Pw-2026"


def wait(app: QApplication, condition: Callable[[], bool], seconds: float = 90) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            raise SystemExit("screenshots: timed out waiting for the wizard")
        app.processEvents()
        QTest.qWait(20)


def main() -> int:
    work = Path(tempfile.mkdtemp(prefix="rw-shots-"))
    os.environ["XDG_CONFIG_HOME"] = str(work / "config")
    keyring_service = PrivateSecretService(work / "keyring")
    keyring_service.start()
    os.environ.update(keyring_service.env)
    server = lab.start("shots")
    try:
        return shoot(server)
    finally:
        lab.stop("shots", forget=True)
        keyring_service.stop()


def shoot(server: lab.LabServer) -> int:
    from wizard.core.services import CoreServices
    from wizard.ui import wizard as ui

    class Answers(ui.Dialogs):
        def host_key(self, parent, exc):  # type: ignore[no-untyped-def]
            return True

        def new_user(self, parent, generated):  # type: ignore[no-untyped-def]
            return ("alice", PASSWORD)

    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    app.setWindowIcon(ui.app_icon())
    OUT.mkdir(parents=True, exist_ok=True)
    known = Path(os.environ["XDG_CONFIG_HOME"]) / "known_hosts"
    w = ui.RelayWizard(CoreServices(known_hosts=known), Answers())
    w.show()
    QTest.qWaitForWindowExposed(w)

    def snap(number: int, name: str) -> None:
        app.processEvents()
        QTest.qWait(150)
        w.grab().save(str(OUT / f"{number:02d}-{name}.png"))
        print(f"screenshots: {number:02d}-{name}.png")

    snap(1, "welcome")
    w.next()
    page = w.currentPage()
    page.host.setText(server.address)
    page.how.setCurrentIndex(1)
    page.key.setText(str(server.root_key))
    page.connect_button.click()
    wait(app, page.isComplete)
    snap(2, "connect")
    w.next()
    wait(app, w.currentPage().isComplete)
    w.currentPage().tree.expandAll()
    snap(3, "server-check")
    w.next()
    settings = w.currentPage()
    wait(app, settings.isComplete)
    settings.classic.setChecked(True)
    wait(app, settings.isComplete)
    snap(4, "settings")
    w.next()
    snap(5, "review")
    w.next()
    wait(app, w.currentPage().isComplete)
    snap(6, "apply")
    w.next()
    users = w.currentPage()
    wait(app, lambda: users.table.rowCount() >= 0)
    users.add.click()
    wait(app, lambda: "is ready" in users.status.text())
    wait(app, lambda: users.table.rowCount() == 1)
    snap(7, "users")
    w.next()
    test = w.currentPage()
    test.to.setText("someone@example.net")
    test.send.click()
    wait(app, lambda: "Accepted" in test.card.text() or "Failed" in test.card.text())
    snap(8, "test")
    w.next()
    snap(9, "export")
    w.next()
    snap(10, "done")
    w.state.worker.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
