"""Render every page of the wizard during a real lab run into docs/screenshots/.

Run it with ./scripts/screenshots (root: it starts a lab server, and Xvfb). The wizard
talks to a real lab server over SSH, applies the recommended (modern) profile, adds a user
kept in a private Secret Service, onboards three staff from a list, and sends a test message
(the server's self-signed certificate checked over SSH); each page is captured on the way at
the wizard's default size. The last picture is the Settings page in German.

``--postfix`` renders, instead, the pages that differ on a Postfix server (the lab's
``postfix`` server, the same job) into docs/screenshots/postfix-*.png: Welcome (both mail
servers), the Server check (which one was found), Settings, Review, the mail accounts (the
realm and where it comes from) and Done. The sendmail
pictures are left as they are.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Callable

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from PySide6.QtTest import QTest  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from tests.integration.keyring_fixture import PrivateSecretService  # noqa: E402
from tests.lab import lab  # noqa: E402

OUT = Path(os.environ.get("RELAY_WIZARD_SHOTS_OUT", ROOT / "docs" / "screenshots"))
PASSWORD = "Screenshot-Pw-2026"
SERVER = os.environ.get("RELAY_WIZARD_SHOTS_NAME", "shots")  # the lab server's name
POSTFIX = os.environ.get("RELAY_WIZARD_SHOTS_POSTFIX_NAME", "shots-p")  # its Postfix one


def wait(app: QApplication, condition: Callable[[], bool], seconds: float = 90) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            raise SystemExit("screenshots: timed out waiting for the wizard")
        app.processEvents()
        QTest.qWait(20)


def main() -> int:
    postfix = "--postfix" in sys.argv[1:]
    work = Path(tempfile.mkdtemp(prefix="rw-shots-"))
    os.environ["XDG_CONFIG_HOME"] = str(work / "config")
    keyring_service = PrivateSecretService(work / "keyring")
    keyring_service.start()
    os.environ.update(keyring_service.env)
    name = POSTFIX if postfix else SERVER
    server = lab.start(name, "postfix" if postfix else "stock")
    try:
        return shoot_postfix(server) if postfix else shoot(server)
    finally:
        lab.stop(name, forget=True)
        keyring_service.stop()


def connect(app: QApplication, w, server: lab.LabServer) -> None:  # type: ignore[no-untyped-def]
    """From Welcome through Connect, as root with the lab's key."""
    w.next()
    page = w.currentPage()
    page.host.setText(server.address)
    page.how.setCurrentIndex(1)
    page.key.setText(str(server.root_key))
    page.connect_button.click()
    wait(app, page.isComplete)


def shoot(server: lab.LabServer) -> int:
    from wizard.core.services import CoreServices
    from wizard.ui import wizard as ui

    class Answers(ui.Dialogs):
        def host_key(self, parent, exc):  # type: ignore[no-untyped-def]
            return True

        def new_user(self, parent, generated):  # type: ignore[no-untyped-def]
            return ("alice", PASSWORD)

        def confirm_apply(self, parent, server, summary):  # type: ignore[no-untyped-def]
            return True

        def confirm(self, parent, question):  # type: ignore[no-untyped-def]
            return True

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
    connect(app, w, server)
    snap(2, "connect")
    w.next()
    check = w.currentPage()
    wait(app, check.isComplete)
    first = next(row for row in check.findings.rows if row.details is not None)
    first.details.setChecked(True)  # one finding's technical detail, as an admin opens it
    snap(3, "server-check")
    w.next()
    settings = w.currentPage()
    wait(app, settings.isComplete)  # the recommended (modern) profile
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
    onboard(app, users)
    w.next()
    test = w.currentPage()
    test.to.setText("someone@example.net")
    test.send.click()
    wait(
        app, lambda: "accepted the test message" in test.card.text() or "Failed" in test.card.text()
    )
    snap(9, "test")
    w.next()
    snap(10, "export")
    w.next()
    snap(11, "done")
    w.state.worker.stop()
    servers(app, server)
    german(app, server)
    return 0


def shoot_postfix(server: lab.LabServer) -> int:
    """The same job on a Postfix server: the pages whose words differ."""
    from wizard.core.services import CoreServices
    from wizard.ui import wizard as ui

    class Answers(ui.Dialogs):
        def host_key(self, parent, exc):  # type: ignore[no-untyped-def]
            return True

        def new_user(self, parent, generated):  # type: ignore[no-untyped-def]
            return ("alice", PASSWORD)

        def confirm_apply(self, parent, server, summary):  # type: ignore[no-untyped-def]
            return True

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
        w.grab().save(str(OUT / f"postfix-{number:02d}-{name}.png"))
        print(f"screenshots: postfix-{number:02d}-{name}.png")

    try:
        snap(1, "welcome")  # it says both mail servers work
        connect(app, w, server)
        w.next()
        wait(app, w.currentPage().isComplete)
        snap(3, "server-check")
        w.next()
        settings = w.currentPage()
        wait(app, lambda: settings.isComplete() or bool(settings.checks.rows))
        snap(4, "settings")
        if not settings.isComplete():
            said = [row.text.text() for row in settings.checks.rows]
            print(f"screenshots: Settings refused on Postfix: {said}", file=sys.stderr)
            return 1
        w.next()
        snap(5, "review")
        w.next()
        wait(app, w.currentPage().isComplete)
        w.next()
        users = w.currentPage()
        users.add.click()
        wait(app, lambda: "is ready" in users.status.text())
        wait(app, lambda: users.table.rowCount() == 1)
        snap(7, "users")
        w.next()
        test = w.currentPage()
        test.to.setText("someone@example.net")
        test.send.click()
        wait(
            app,
            lambda: "accepted the test message" in test.card.text() or "Failed" in test.card.text(),
        )
        w.next()
        w.next()
        snap(11, "done")
    finally:
        w.state.worker.stop()
    return 0


def onboard(app: QApplication, users) -> None:  # type: ignore[no-untyped-def]
    """Three staff from a pasted list, their kits in a temporary folder."""
    users.add_list.click()
    dialog = users.onboarding
    wait(app, dialog.isVisible)
    dialog.staff.setPlainText(
        "account,address,display name\nbob,,Bob Miller\ncarol,,Carol Jones\ndave,,Dave Smith\n"
    )
    dialog.folder.setText(tempfile.mkdtemp(prefix="rw-shots-kits-"))
    dialog.create_button.click()
    wait(app, lambda: dialog.outcome is not None)
    app.processEvents()
    QTest.qWait(150)
    dialog.grab().save(str(OUT / "08-onboarding.png"))
    print("screenshots: 08-onboarding.png")
    dialog.outcome = None
    dialog.done(0)


def german(app: QApplication, server: lab.LabServer) -> None:
    """The Server check page as a German admin sees it, against the same lab server."""
    from PySide6.QtCore import QLocale

    from wizard.core.services import CoreServices
    from wizard.ui import i18n
    from wizard.ui import wizard as ui

    i18n.install(app, QLocale("de_DE"))

    class Answers(ui.Dialogs):
        def host_key(self, parent, exc):  # type: ignore[no-untyped-def]
            return True

    known = Path(os.environ["XDG_CONFIG_HOME"]) / "known_hosts"
    w = ui.RelayWizard(CoreServices(known_hosts=known), Answers())
    w.show()
    QTest.qWaitForWindowExposed(w)
    connect(app, w, server)
    w.next()
    wait(app, w.currentPage().isComplete)
    app.processEvents()
    QTest.qWait(150)
    w.grab().save(str(OUT / "13-server-check-de.png"))
    print("screenshots: 13-server-check-de.png")
    w.state.worker.stop()


def servers(app: QApplication, server: lab.LabServer) -> None:
    """The Servers window after an audit and a test send on every saved server: the one the
    wizard saved (verified), and a second account on it whose password was never saved."""
    from dataclasses import replace

    from wizard.core.local.profiles import ProfileStore
    from wizard.core.services import CoreServices
    from wizard.ui import wizard as ui
    from wizard.ui.servers import ServersDialog

    store = ProfileStore()
    first = store.load()[0]
    store.save(replace(first, name="branch-office", smtp_user="bob", verified_at=None))
    view = ServersDialog(CoreServices(), ui.Dialogs())
    view.resize(980, 640)
    view.show()
    QTest.qWaitForWindowExposed(view)
    view.audit_all.click()
    wait(app, lambda: not view.busy)
    view.recipient.setText("someone@example.net")
    view.send_all.click()
    wait(app, lambda: not view.busy)
    app.processEvents()
    QTest.qWait(150)
    view.grab().save(str(OUT / "12-servers.png"))
    print("screenshots: 12-servers.png")
    view.stop_workers()


if __name__ == "__main__":
    sys.exit(main())
