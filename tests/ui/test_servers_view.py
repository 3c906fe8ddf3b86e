"""The Servers window with fake core services: states, parallelism, cancel, keyboard.

The rows are made by the real pure functions of wizard.core.fleet.checks; only the network
and the keyring are faked. test_servers_e2e.py runs the same window against the lab.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QAbstractButton, QApplication, QLabel, QWidget
from pytestqt.qtbot import QtBot

from tests.ui.fakes import FakeDialogs, FakeProfiles, FakeServices
from wizard.core.errors import Cancelled
from wizard.core.fleet import checks as fc
from wizard.core.fleet.summary import Row
from wizard.core.local.profiles import ServerProfile
from wizard.core.mail.diagnose import Diagnosis
from wizard.core.mail.send import SendResult
from wizard.core.mail.smtp import Reply
from wizard.core.mail.transcript import Transcript
from wizard.ui import servers as servers_module
from wizard.ui.pages import welcome as ui
from wizard.ui.servers import COL_RESULT, ServersDialog
from wizard.ui.wizard import RelayWizard

WHEN = datetime(2024, 5, 1, 12, 0, tzinfo=UTC)


def saved(name: str, user: str = "alice") -> ServerProfile:
    return ServerProfile(
        name=name,
        host=f"{name}.example.com",
        smtp_port=25,
        security="none",
        mechanism="CRAM-MD5",
        smtp_user=user,
        verified_at=WHEN,
    ).validated()


class Keyring:
    def __init__(self, saved: dict[str, str]) -> None:
        self.saved = saved
        self.asked = 0

    def sasl_password(self, host: str, user: str) -> str | None:
        self.asked += 1
        return self.saved.get(host)


class FleetFakes(FakeServices):
    """FakeServices plus the Servers window's three calls."""

    def __init__(self, profiles: list[ServerProfile], passwords: dict[str, str]) -> None:
        super().__init__()
        self.profile_store = FakeProfiles(profiles)
        self.keyring = Keyring(passwords)
        self.failing: set[str] = set()  # server names whose check fails
        self.gate = threading.Event()
        self.gate.set()
        self.lock = threading.Lock()
        self.active = 0
        self.most_active = 0
        self.lookups = 0
        self.sent: list[tuple[str, str, str]] = []

    def saved_passwords(self, profiles: list[ServerProfile]) -> Any:
        self.lookups += 1
        return fc.look_up_passwords(profiles, self.keyring)

    def _hold(self, cancel: threading.Event) -> None:
        with self.lock:
            self.active += 1
            self.most_active = max(self.most_active, self.active)
        try:
            self.gate.wait(10)
        finally:
            with self.lock:
                self.active -= 1
        if cancel.is_set():
            raise Cancelled()

    def send_check(self, profile: ServerProfile, password: str, to: str, job: Any) -> Row:
        job.progress(f"Connecting to {profile.host} port 25")
        self._hold(job.cancel)
        self.sent.append((profile.name, password, to))
        if profile.name in self.failing:
            d = Diagnosis("authentication failed (535)", "The password is wrong.", "Set it again.")
            return fc.send_failed_row(profile, d)
        reply = Reply(250, "2.0.0 44TC0x01 Message accepted for delivery")
        return fc.send_row(
            profile, SendResult("44TC0x01", "CRAM-MD5", reply, Transcript(), False, "")
        )

    def audit_check(self, profile: ServerProfile, job: Any) -> Row:
        job.progress("Trick 1 of 21: empty-sender")
        self._hold(job.cancel)
        if profile.name in self.failing:
            return fc.check_row(profile, "audit", "failed", "relays: 1 of 21")
        return fc.check_row(profile, "audit", "passed", "is closed: all refused")


def window(qtbot: QtBot, services: FleetFakes, dialogs: FakeDialogs | None = None) -> ServersDialog:
    w = ServersDialog(services, dialogs or FakeDialogs())
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    return w


@pytest.fixture
def made() -> Iterator[list[ServersDialog]]:
    windows: list[ServersDialog] = []
    yield windows
    for w in windows:
        w.stop_workers()


def make(
    qtbot: QtBot, made: list[ServersDialog], services: FleetFakes, dialogs: Any = None
) -> ServersDialog:
    w = window(qtbot, services, dialogs)
    made.append(w)
    return w


def result(w: ServersDialog, row: int) -> str:
    item = w.table.item(row, COL_RESULT)
    assert item is not None
    return item.text()


def finished(qtbot: QtBot, w: ServersDialog) -> None:
    qtbot.waitUntil(lambda: not w.busy, timeout=10000)


# --------------------------------------------------------------------------- states


def test_no_saved_servers_says_how_to_get_one(qtbot: QtBot, made: list[ServersDialog]) -> None:
    w = make(qtbot, made, FleetFakes([], {}))
    assert w.table.rowCount() == 0
    assert not w.send_all.isEnabled() and not w.audit_all.isEnabled()
    assert not w.copy.isEnabled() and not w.stop.isEnabled()
    assert "No saved servers yet" in w.status.text()


def test_the_list_shows_each_saved_server(qtbot: QtBot, made: list[ServersDialog]) -> None:
    fresh = ServerProfile(name="new", host="new.example.com").validated()
    w = make(qtbot, made, FleetFakes([saved("a"), fresh], {}))
    assert w.table.rowCount() == 2
    assert [w.table.item(0, c).text() for c in range(3)] == ["a", "a.example.com", "alice"]
    assert result(w, 0) == "verified 2024-05-01 12:00 UTC"
    assert result(w, 1) == "never verified" and w.table.item(1, 2).text() == "(none)"


def test_missing_password_is_a_row_not_a_prompt(qtbot: QtBot, made: list[ServersDialog]) -> None:
    services = FleetFakes([saved("a"), saved("b"), saved("c", user="")], {"a.example.com": "pw-a"})
    w = make(qtbot, made, services)
    w.recipient.setText("you@example.org")
    w.send_all.click()
    finished(qtbot, w)
    assert services.lookups == 1 and services.keyring.asked == 2
    assert services.sent == [("a", "pw-a", "you@example.org")]
    shown = {(r.server, r.result): r.detail for r in w.summary_rows()}
    assert shown[("b", "not run")] == fc.NO_PASSWORD
    assert "no mail account saved" in shown[("c", "not run")]
    assert "message accepted" in shown[("a", "passed")]
    page = w.summary.toPlainText()
    assert fc.NO_PASSWORD in page and "3 checks on 3 servers: 1 passed, 2 not run." in page
    assert result(w, 1) == "test send: not run"
    assert "Done: 3 checks on 3 servers" in w.status.text()
    assert w.copy.isEnabled() and w.send_all.isEnabled()


def test_one_fails_one_passes_and_both_checks_are_in_the_summary(
    qtbot: QtBot, made: list[ServersDialog]
) -> None:
    services = FleetFakes([saved("a"), saved("b")], {"a.example.com": "p", "b.example.com": "q"})
    services.failing = {"b"}
    w = make(qtbot, made, services)
    w.audit_all.click()
    finished(qtbot, w)
    w.recipient.setText("you@example.org")
    w.send_all.click()
    finished(qtbot, w)
    rows = [(r.server, r.check, r.result) for r in w.summary_rows()]
    assert rows == [
        ("a", "audit", "passed"),
        ("a", "send", "passed"),
        ("b", "audit", "failed"),
        ("b", "send", "failed"),
    ]
    assert result(w, 0) == "open-relay audit: passed; test send: passed"
    assert result(w, 1) == "open-relay audit: failed; test send: failed"
    tip = w.table.item(1, COL_RESULT).toolTip()
    assert "test send: failed: failed at authentication failed (535)." in tip
    assert "The password is wrong. What to do: Set it again." in w.summary.toPlainText()
    assert w.status.styleSheet() == "color: #b00020"
    QApplication.clipboard().clear()
    w.copy.click()
    assert "b (b.example.com): test send: FAILED" in QApplication.clipboard().text()


def test_a_bad_recipient_is_refused_and_nothing_runs(
    qtbot: QtBot, made: list[ServersDialog]
) -> None:
    services = FleetFakes([saved("a")], {"a.example.com": "p"})
    w = make(qtbot, made, services)
    w.recipient.setText("nobody")
    w.send_all.click()
    assert "is not a mail address" in w.status.text()
    assert services.lookups == 0 and not w.busy and w.rows == []
    w.recipient.clear()
    w.send_all.click()
    assert "Give the address the test messages go to." in w.status.text()


def test_only_the_selected_servers(qtbot: QtBot, made: list[ServersDialog]) -> None:
    services = FleetFakes([saved("a"), saved("b"), saved("c")], {})
    w = make(qtbot, made, services)
    w.only_selected.setChecked(True)
    assert not w.audit_all.isEnabled()  # nothing selected
    w.table.selectRow(1)
    assert w.audit_all.isEnabled()
    w.audit_all.click()
    finished(qtbot, w)
    assert [r.server for r in w.summary_rows()] == ["b"]
    assert result(w, 0) == "verified 2024-05-01 12:00 UTC"


def test_at_most_four_at_a_time_and_stop(qtbot: QtBot, made: list[ServersDialog]) -> None:
    services = FleetFakes([saved(f"s{i}") for i in range(7)], {})
    services.gate.clear()
    w = make(qtbot, made, services)
    w.audit_all.click()
    qtbot.waitUntil(lambda: services.active == fc.MAX_PARALLEL, timeout=5000)
    assert w.busy and w.stop.isEnabled() and not w.audit_all.isEnabled()
    qtbot.waitUntil(lambda: result(w, 0).startswith("open-relay audit: Trick 1"), timeout=5000)
    assert result(w, 6) == "audit: waiting"
    w.stop.click()
    assert not w.stop.isEnabled()
    assert "Stopping" in w.status.text()
    services.gate.set()
    finished(qtbot, w)
    assert services.most_active == fc.MAX_PARALLEL
    statuses = [r.result for r in w.summary_rows()]
    assert statuses == ["cancelled"] * 7
    details = sorted(r.detail for r in w.summary_rows())
    assert details == ["not started"] * 3 + ["stopped before the end"] * 4
    assert w.status.text().startswith("Stopped. Done: 7 checks on 7 servers: 7 cancelled.")
    assert w.audit_all.isEnabled()  # and it can run again
    w.audit_all.click()
    finished(qtbot, w)
    assert [r.result for r in w.summary_rows()] == ["passed"] * 7


def test_the_gui_stays_responsive_while_checks_run(qtbot: QtBot, made: list[ServersDialog]) -> None:
    services = FleetFakes([saved("a")], {})
    services.gate.clear()
    w = make(qtbot, made, services)
    w.audit_all.click()
    ticks = []
    from PySide6.QtCore import QTimer

    QTimer.singleShot(0, lambda: ticks.append(1))
    qtbot.waitUntil(lambda: bool(ticks), timeout=2000)  # the event loop turns meanwhile
    assert w.busy
    services.gate.set()
    finished(qtbot, w)


def test_closing_the_window_does_not_wait_for_a_check_under_way(
    qtbot: QtBot, made: list[ServersDialog]
) -> None:
    services = FleetFakes([saved("a"), saved("b")], {})
    services.gate.clear()
    w = make(qtbot, made, services)
    w.audit_all.click()
    qtbot.waitUntil(lambda: services.active == 2, timeout=5000)
    w.close()  # returns at once: both checks are still held on the runner's threads
    assert servers_module.retiring_workers() == 1  # the one worker that runs them
    assert services.active == 2
    services.gate.set()  # the checks end; their workers stop by themselves
    qtbot.waitUntil(lambda: servers_module.retiring_workers() == 0, timeout=5000)


def test_the_wizard_closing_stops_retired_workers(qtbot: QtBot, made: list[ServersDialog]) -> None:
    services = FleetFakes([saved("a")], {})
    services.gate.clear()
    w = make(qtbot, made, services)
    w.audit_all.click()
    qtbot.waitUntil(lambda: services.active == 1, timeout=5000)
    w.close()
    assert servers_module.retiring_workers() == 1
    services.gate.set()
    servers_module.stop_retired_workers()  # what the wizard's close does: waits, then none left
    assert servers_module.retiring_workers() == 0


def test_save_summary_as_html_or_text(
    qtbot: QtBot, made: list[ServersDialog], tmp_path: Path
) -> None:
    class Saving(FakeDialogs):
        path = ""

        def save_file(self, parent: Any, title: str, name: str) -> str:
            assert name == "relay-wizard-servers.html"
            return self.path

    dialogs = Saving()
    w = make(qtbot, made, FleetFakes([saved("a")], {}), dialogs)
    assert not w.save.isEnabled()
    w.audit_all.click()
    finished(qtbot, w)
    dialogs.path = str(tmp_path / "s.html")
    w.save.click()
    page = (tmp_path / "s.html").read_text()
    assert page.startswith("<!doctype html>") and "is closed: all refused" in page
    dialogs.path = str(tmp_path / "s.txt")
    w.save.click()
    assert "a (a.example.com): open-relay audit: PASSED" in (tmp_path / "s.txt").read_text()
    assert w.status.text() == f"Saved {tmp_path / 's.txt'}."
    dialogs.path = str(tmp_path / "missing" / "s.txt")
    w.save.click()
    assert w.status.text().startswith("Not saved: ")


# --------------------------------------------------------------------------- keyboard


def test_mnemonics_unique_and_every_control_named_and_reachable(
    qtbot: QtBot, made: list[ServersDialog]
) -> None:
    w = make(qtbot, made, FleetFakes([saved("a"), saved("b")], {}))
    letters: list[str] = []
    texts = [b.text() for b in w.findChildren(QAbstractButton) if b.text()]  # not the corner
    texts += [lab.text() for lab in w.findChildren(QLabel) if lab.buddy() is not None]
    for text in texts:
        m = re.search(r"&(\w)", text)
        if m:
            letters.append(m.group(1).lower())
    assert len(letters) == len(texts)  # every button and buddy label has one
    assert len(set(letters)) == len(letters), f"Alt+ taken twice: {sorted(letters)}"
    for control in (w.table, w.recipient, w.summary, w.bar):
        assert control.accessibleName()
    # Tab visits every enabled control once around.
    w.audit_all.click()
    finished(qtbot, w)
    controls: list[QWidget] = [
        w.table,
        w.recipient,
        w.only_selected,
        w.send_all,
        w.audit_all,
        w.summary,
        w.copy,
        w.save,
        w.close_button,
    ]
    w.activateWindow()
    qtbot.waitActive(w)
    w.table.setFocus()
    seen: list[QWidget | None] = []
    for _ in range(len(controls) + 2):
        seen.append(QApplication.focusWidget())
        QTest.keyClick(QApplication.focusWidget() or w, Qt.Key.Key_Tab)
    missing = [c.accessibleName() or c.text() for c in controls if c not in seen]  # type: ignore[attr-defined]
    assert not missing, f"Tab does not reach {missing}"
    # Alt+A starts the audit from anywhere in the window (the button's click is animated).
    QTest.keyClick(w.recipient, Qt.Key.Key_A, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: len(w.rows) == 4, timeout=5000)


# --------------------------------------------------------------------------- from the wizard


def test_the_welcome_page_opens_it_only_with_saved_servers(qtbot: QtBot) -> None:
    services = FleetFakes([], {})
    w = RelayWizard(services, FakeDialogs())  # type: ignore[arg-type]
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    try:
        welcome = w.currentPage()
        assert isinstance(welcome, ui.WelcomePage)
        assert not welcome.all_servers.isEnabled()
        services.profile_store.profiles = [saved("a")]
        welcome.initializePage()
        assert welcome.all_servers.isEnabled()
        welcome.all_servers.click()
        servers = welcome.servers_window
        assert servers is not None and servers.isVisible()
        assert servers.table.rowCount() == 1
        servers.audit_all.click()
        finished(qtbot, servers)
        servers.close_button.click()
        assert not servers.isVisible()
        assert welcome.open_servers() is not servers  # a new one, the list read again
    finally:
        w.done(0)
