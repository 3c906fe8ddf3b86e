"""Stop and Cancel during a real apply against the lab: the real rollback puts the server
back, the page says so (nothing "failed"), Back leads to Review and Settings, and the
window's Cancel asks, waits for the rollback and says where the server stands."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QWizard
from pytestqt.qtbot import QtBot

from tests.lab.lab import LabServer
from tests.ui.test_wizard_e2e import connect_as_root
from wizard.core.services import CoreServices
from wizard.ui.dialogs import Dialogs
from wizard.ui.pages.apply import ApplyPage
from wizard.ui.pages.review import ReviewPage
from wizard.ui.pages.settings import SettingsPage
from wizard.ui.wizard import RelayWizard

MC = "cat /etc/mail/sendmail.mc | sha256sum"


class Answers(Dialogs):
    def __init__(self) -> None:
        self.asked: list[str] = []
        self.informed: list[str] = []

    def host_key(self, parent, exc):  # type: ignore[no-untyped-def]
        return True

    def confirm_apply(self, parent, server, summary):  # type: ignore[no-untyped-def]
        self.asked.append(f"apply {server}")
        return True

    def stop_apply(self, parent, server):  # type: ignore[no-untyped-def]
        self.asked.append(f"stop {server}")
        return True

    def inform(self, parent, title, text):  # type: ignore[no-untyped-def]
        self.informed.append(text)


@pytest.fixture
def window(qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[RelayWizard]:
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    w = RelayWizard(CoreServices(known_hosts=tmp_path / "known_hosts"), Answers())
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    yield w
    w.state.worker.stop()


def to_review(qtbot: QtBot, w: RelayWizard, s: LabServer) -> None:
    connect_as_root(qtbot, w, s)
    w.next()
    qtbot.waitUntil(w.currentPage().isComplete, timeout=30000)
    w.next()
    settings = w.currentPage()
    assert isinstance(settings, SettingsPage)
    settings.classic.setChecked(True)
    qtbot.waitUntil(settings.isComplete, timeout=30000)
    w.next()
    assert isinstance(w.currentPage(), ReviewPage)


def start_apply(qtbot: QtBot, w: RelayWizard, rows: int) -> ApplyPage:
    """Apply, and wait until ``rows`` steps have started (2: the backup is made)."""
    w.button(QWizard.WizardButton.CommitButton).click()
    apply = w.currentPage()
    assert isinstance(apply, ApplyPage)
    qtbot.waitUntil(lambda: apply.steps.count() >= rows, timeout=30000)
    return apply


def test_stop_and_cancel_during_a_real_apply(
    qtbot: QtBot, window: RelayWizard, fresh_server: LabServer
) -> None:
    s, w = fresh_server, window
    before = s.run(MC).stdout
    to_review(qtbot, w, s)

    apply = start_apply(qtbot, w, 2)
    apply.cancel_button.click()
    qtbot.waitUntil(lambda: not apply.running, timeout=60000)
    text = apply.outcome.text()
    assert text.startswith("Stopped. Everything was put back"), text
    rows = [apply.steps.item(i).text() for i in range(apply.steps.count())]
    assert rows[-1] == "Put the server back as it was", rows
    assert s.run(MC).stdout == before
    back = w.button(QWizard.WizardButton.BackButton)
    qtbot.waitUntil(back.isEnabled, timeout=2000)
    back.click()
    assert isinstance(w.currentPage(), ReviewPage)
    w.back()
    assert isinstance(w.currentPage(), SettingsPage)
    w.next()
    assert isinstance(w.currentPage(), ReviewPage)

    dialogs = w.state.dialogs
    assert isinstance(dialogs, Answers)
    start_apply(qtbot, w, 1)
    w.reject()  # the window's Cancel while the server is being changed
    assert dialogs.asked[-1] == f"stop {s.address}"
    qtbot.waitUntil(lambda: not w.isVisible(), timeout=60000)
    (where,) = dialogs.informed
    # stopped at once: before anything changed, or put back (the timing decides)
    assert where.startswith(("Stopped. Everything was put back", "Stopped before anything")), where
    assert s.run(MC).stdout == before
