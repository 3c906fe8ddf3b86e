"""The real wizard against the real lab: SSH, sendmail, keyring; and the GUI never stalls.

From Connect through Apply (classic profile), adding a user saved in a real Secret
Service, and a test message the server accepts. From the first click to Done, no network,
keyring or disk-commit call runs on the GUI thread (tests/ui/gui_thread.py): remote work
must never block it.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from tests.integration.keyring_fixture import PrivateSecretService
from tests.lab.lab import LabServer
from tests.ui.gui_thread import GuiThreadWatch
from wizard.core.services import CoreServices
from wizard.ui.dialogs import Dialogs
from wizard.ui.pages import test as test_page
from wizard.ui.pages.apply import ApplyPage
from wizard.ui.pages.check import CheckPage
from wizard.ui.pages.connect import ConnectPage
from wizard.ui.pages.done import DonePage
from wizard.ui.pages.export import ExportPage
from wizard.ui.pages.review import ReviewPage
from wizard.ui.pages.settings import SettingsPage
from wizard.ui.pages.users import UsersPage
from wizard.ui.pages.welcome import WelcomePage
from wizard.ui.wizard import RelayWizard

PASSWORD = "Gui-Test-Pw-31"


def text(shown: str) -> str:
    """Qt renders spaces in <pre> as no-break spaces."""
    return shown.replace("\xa0", " ")


class Recorder(Dialogs):
    def __init__(self) -> None:
        self.asked: list[str] = []

    def host_key(self, parent, exc):  # type: ignore[no-untyped-def]
        self.asked.append(exc.fingerprint)
        return True

    def new_user(self, parent, generated):  # type: ignore[no-untyped-def]
        assert len(generated) >= 16
        return ("alice", PASSWORD)

    def confirm_apply(self, parent, server, summary):  # type: ignore[no-untyped-def]
        self.asked.append(f"apply {server}")
        return True


@pytest.fixture
def stop_workers() -> Iterator[list[RelayWizard]]:
    made: list[RelayWizard] = []
    yield made
    for w in made:
        w.state.worker.stop()


@pytest.fixture
def gui_thread() -> Iterator[GuiThreadWatch]:
    """The blocking calls made on the GUI thread during the test: there must be none."""
    with GuiThreadWatch() as watch:
        yield watch


def open_wizard(
    qtbot: QtBot, stop_workers: list[RelayWizard], tmp_path: Path, dialogs: Dialogs
) -> RelayWizard:
    """The real wizard on screen, with the real core services (this test's known hosts)."""
    w = RelayWizard(CoreServices(known_hosts=tmp_path / "known_hosts"), dialogs)
    stop_workers.append(w)
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    return w


def connect_as_root(qtbot: QtBot, w: RelayWizard, s: LabServer) -> None:
    """From Welcome (a new server) through Connect, as root with the lab server's key."""
    w.next()
    connect = w.currentPage()
    assert isinstance(connect, ConnectPage)
    connect.host.setText(s.address)
    connect.user.setText("root")
    connect.how.setCurrentIndex(1)
    connect.key.setText(str(s.root_key))
    connect.connect_button.click()
    qtbot.waitUntil(connect.isComplete, timeout=30000)


def test_the_whole_job_against_the_lab_without_freezing(
    stop_workers: list[RelayWizard],
    qtbot: QtBot,
    fresh_server: LabServer,
    secret_service: PrivateSecretService,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    gui_thread: GuiThreadWatch,  # last: the lab's and the keyring's set-up are not watched
) -> None:
    s = fresh_server
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    dialogs = Recorder()
    w = open_wizard(qtbot, stop_workers, tmp_path, dialogs)
    connect_as_root(qtbot, w, s)  # Welcome: a new server; Connect with the lab's key
    assert len(dialogs.asked) == 1 and dialogs.asked[0].startswith("SHA256:")

    w.next()
    check = w.currentPage()
    assert isinstance(check, CheckPage)
    qtbot.waitUntil(check.isComplete, timeout=30000)
    assert len(check.findings.rows) >= 5
    assert s.fqdn in check.status.text()

    w.next()
    settings = w.currentPage()
    assert isinstance(settings, SettingsPage)
    settings.classic.setChecked(True)
    qtbot.waitUntil(settings.isComplete, timeout=30000)
    assert w.state.model.options.profile == "classic"

    w.next()
    review = w.currentPage()
    assert isinstance(review, ReviewPage)
    assert "staff can send from anywhere on port 25" in review.view.toPlainText()
    assert "TRUST_AUTH_MECH(`DIGEST-MD5 CRAM-MD5')" in text(review.changes.toPlainText())

    w.next()  # the commit: Apply
    apply = w.currentPage()
    assert isinstance(apply, ApplyPage)
    assert dialogs.asked[-1] == f"apply {s.address}"
    qtbot.waitUntil(apply.isComplete, timeout=90000)
    assert "Applied and verified" in apply.outcome.text(), apply.outcome.text()
    assert "0.0.0.0:25" in s.run("ss -ltnH").stdout

    w.next()
    users = w.currentPage()
    assert isinstance(users, UsersPage)
    users.add.click()
    qtbot.waitUntil(lambda: "is ready" in users.status.text(), timeout=30000)
    assert "saved in" in users.status.text(), users.status.text()
    qtbot.waitUntil(lambda: users.table.rowCount() == 1, timeout=30000)
    with gui_thread.paused():
        assert w.state.services.credentials().sasl_password(s.address, "alice") == PASSWORD

    w.next()
    test = w.currentPage()
    assert isinstance(test, test_page.TestPage)
    assert test.user.text() == "alice" and test.security.currentData() == "none"
    test.to.setText("someone@example.net")
    test.send.click()
    qtbot.waitUntil(lambda: "accepted the test message" in test.card.text(), timeout=60000)
    assert PASSWORD not in test.transcript.toPlainText()
    assert "CRAM-MD5" in test.card.text()
    queue_id = w.state.model.verified.queue_id
    assert queue_id in s.run("mailq").stdout

    w.next()
    export = w.currentPage()
    assert isinstance(export, ExportPage)
    # reached by its address, the server is exported by its name (sendmail's $j)
    assert f"Outgoing (SMTP) server: {s.fqdn}" in export.view.toPlainText()
    assert s.address not in export.view.toPlainText()
    assert "fingerprint" not in export.view.toPlainText().lower(), "classic has no TLS"
    assert "Authentication: CRAM-MD5" in export.view.toPlainText()

    w.next()
    done = w.currentPage()
    assert isinstance(done, DonePage)
    assert queue_id in text(done.summary.toPlainText())

    # Reopened later as a saved server (no apply this time): tested as the classic set-up
    again = open_wizard(qtbot, stop_workers, tmp_path, Recorder())
    welcome = again.currentPage()
    assert isinstance(welcome, WelcomePage)
    welcome.saved.setChecked(True)
    welcome.list.setCurrentRow(0)
    connect_as_root(qtbot, again, s)
    while not isinstance(again.currentPage(), test_page.TestPage):
        again.next()
        qtbot.waitUntil(again.currentPage().isComplete, timeout=30000)
    test = again.currentPage()
    assert isinstance(test, test_page.TestPage)
    assert (test.security.currentData(), test.port.value()) == ("none", 25)
    assert test.mech.currentData() == "CRAM-MD5" and test.user.text() == "alice"
    test.password.setText(PASSWORD)
    test.to.setText("someone@example.net")
    test.send.click()
    qtbot.waitUntil(lambda: "accepted the test message" in test.card.text(), timeout=60000)
    # from the first click to the second test send, every SSH, SMTP, keyring and disk
    # wait ran on a worker thread
    assert gui_thread.calls == [], "\n".join(gui_thread.calls)


def test_modern_then_the_first_test_send_needs_nothing_about_certificates(
    stop_workers: list[RelayWizard],
    qtbot: QtBot,
    fresh_server: LabServer,
    secret_service: PrivateSecretService,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # the recommended set-up on Debian's self-signed certificate: nothing typed or pasted
    # about certificates, and the Test page says what it checked
    s = fresh_server
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    w = open_wizard(qtbot, stop_workers, tmp_path, Recorder())
    connect_as_root(qtbot, w, s)
    w.next()
    qtbot.waitUntil(w.currentPage().isComplete, timeout=30000)  # Server check
    w.next()
    settings = w.currentPage()
    assert isinstance(settings, SettingsPage)
    qtbot.waitUntil(settings.isComplete, timeout=30000)
    assert w.state.model.options.profile == "modern", "the recommended set-up is the default"
    assert "self-signed" in settings.cert_note.text()
    w.next()  # Review
    w.next()  # Apply
    apply = w.currentPage()
    assert isinstance(apply, ApplyPage)
    qtbot.waitUntil(apply.isComplete, timeout=90000)
    assert "Applied and verified" in apply.outcome.text(), apply.outcome.text()
    w.next()
    users = w.currentPage()
    assert isinstance(users, UsersPage)
    users.add.click()
    qtbot.waitUntil(lambda: users.table.rowCount() == 1, timeout=30000)
    w.next()
    test = w.currentPage()
    assert isinstance(test, test_page.TestPage)
    assert test.security.currentData() == "starttls" and test.port.value() == 587
    assert test.pin.text() == "" and not test.own_pin.isChecked()
    test.to.setText("someone@example.net")
    test.send.click()
    qtbot.waitUntil(
        lambda: "accepted the test message" in test.card.text() or "Failed" in test.card.text(),
        timeout=60000,
    )
    card = test.card.text()
    assert "accepted the test message" in card, card
    assert "self-signed" in card and "checked over SSH" in card
    assert PASSWORD not in test.transcript.toPlainText()
