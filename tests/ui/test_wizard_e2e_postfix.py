"""The real wizard against the lab's stock Debian Postfix server: SSH, Postfix, keyring.

Connect, the Server check (it says Postfix and its version), Settings (the recommended
modern profile), Review, Apply (verified from outside), a mail account saved in a real
Secret Service, a test message the server accepts and queues, the client settings and
Done: the whole job, with no page saying sendmail. No network, keyring or disk-commit call
runs on the GUI thread (tests/ui/gui_thread.py).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from tests.integration.keyring_fixture import PrivateSecretService
from tests.lab.lab import LabServer
from tests.ui.gui_thread import GuiThreadWatch
from tests.ui.test_wizard_e2e import (  # noqa: F401 (stop_workers: a fixture)
    PASSWORD,
    Recorder,
    connect_as_root,
    gui_thread,
    open_wizard,
    stop_workers,
    text,
)
from tests.ui.visible import visible_texts
from wizard.ui.pages import test as test_page
from wizard.ui.pages.apply import ApplyPage
from wizard.ui.pages.check import CheckPage
from wizard.ui.pages.done import DonePage
from wizard.ui.pages.export import ExportPage
from wizard.ui.pages.review import ReviewPage
from wizard.ui.pages.settings import SettingsPage
from wizard.ui.pages.users import UsersPage
from wizard.ui.wizard import RelayWizard


def says_sendmail(w: RelayWizard) -> list[str]:
    """What the window shows now that names sendmail (but the Welcome page's "works with
    sendmail and Postfix")."""
    return [
        t
        for _, t in visible_texts(w)
        if "sendmail" in t.lower() and "sendmail and Postfix" not in t
    ]


def test_the_whole_job_on_a_stock_postfix_server(
    stop_workers: list[RelayWizard],  # noqa: F811
    qtbot: QtBot,
    postfix_server: LabServer,
    secret_service: PrivateSecretService,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    gui_thread: GuiThreadWatch,  # noqa: F811 (last: the lab's set-up is not watched)
) -> None:
    s = postfix_server
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    dialogs = Recorder()
    w = open_wizard(qtbot, stop_workers, tmp_path, dialogs)
    connect_as_root(qtbot, w, s)
    assert len(dialogs.asked) == 1 and dialogs.asked[0].startswith("SHA256:")

    w.next()
    check = w.currentPage()
    assert isinstance(check, CheckPage)
    qtbot.waitUntil(check.isComplete, timeout=30000)
    version = s.run("postconf -h mail_version").stdout.strip()
    assert check.found.text() == (
        f"This server runs Postfix {version} on Debian GNU/Linux 12 (bookworm): Relay "
        "Wizard sets up Postfix."
    )
    assert s.fqdn in check.status.text()
    assert w.state.model.report is not None and w.state.model.report.mta == "postfix"
    assert not says_sendmail(w), says_sendmail(w)

    w.next()
    settings = w.currentPage()
    assert isinstance(settings, SettingsPage)
    qtbot.waitUntil(lambda: settings.isComplete() or bool(settings.checks.rows), timeout=30000)
    assert settings.isComplete(), [row.text.text() for row in settings.checks.rows]
    assert w.state.model.options.profile == "modern", "the recommended set-up is the default"
    assert "self-signed" in settings.cert_note.text()
    assert not says_sendmail(w), says_sendmail(w)

    w.next()
    review = w.currentPage()
    assert isinstance(review, ReviewPage)
    summary = review.view.toPlainText()
    assert "port 587" in summary, summary
    assert "main.cf" in text(review.changes.toPlainText())
    assert not says_sendmail(w), says_sendmail(w)
    before = s.run("cat /etc/postfix/main.cf /etc/postfix/master.cf").stdout

    w.next()  # the commit: Apply
    apply = w.currentPage()
    assert isinstance(apply, ApplyPage)
    assert dialogs.asked[-1] == f"apply {s.address}"
    qtbot.waitUntil(apply.isComplete, timeout=120000)
    assert "Applied and verified" in apply.outcome.text(), apply.outcome.text()
    assert s.run("cat /etc/postfix/main.cf /etc/postfix/master.cf").stdout != before
    assert s.run("postfix check", check=False).returncode == 0
    assert ":587" in s.run("ss -ltnH").stdout
    assert not says_sendmail(w), says_sendmail(w)

    w.next()
    users = w.currentPage()
    assert isinstance(users, UsersPage)
    assert users.realm.text().startswith(f"New accounts are made in the realm {s.fqdn}")
    assert "myhostname" in users.realm.toolTip()
    users.add.click()
    qtbot.waitUntil(lambda: "is ready" in users.status.text(), timeout=30000)
    assert "saved in" in users.status.text(), users.status.text()
    qtbot.waitUntil(lambda: users.table.rowCount() == 1, timeout=30000)
    assert users.table.item(0, 1).text() == s.fqdn
    with gui_thread.paused():
        assert w.state.services.credentials().sasl_password(s.address, "alice") == PASSWORD

    w.next()
    test = w.currentPage()
    assert isinstance(test, test_page.TestPage)
    assert test.user.text() == "alice"
    assert test.security.currentData() == "starttls" and test.port.value() == 587
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
    queue_id = w.state.model.verified.queue_id
    assert queue_id, "Postfix's reply names the queue id"
    assert queue_id in s.run("mailq").stdout

    w.next()
    export = w.currentPage()
    assert isinstance(export, ExportPage)
    assert f"Outgoing (SMTP) server: {s.fqdn}" in export.view.toPlainText()

    w.next()
    done = w.currentPage()
    assert isinstance(done, DonePage)
    shown = text(done.summary.toPlainText())
    assert queue_id in shown and "port 587" in shown
    assert not says_sendmail(w), says_sendmail(w)
    # from Connect to Done, every SSH, SMTP, keyring and disk wait ran on a worker thread
    assert gui_thread.calls == [], "\n".join(gui_thread.calls)
