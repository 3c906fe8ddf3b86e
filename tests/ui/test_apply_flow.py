"""Review, Apply, Stop, Cancel, Undo and Done as the admin walks them: a plain summary
first, Apply only after a confirmation, never from the Enter key; Stop and a failure end
with the server put back and Back open; the window's Cancel during apply asks, waits for
the rollback and says where the server stands; Undo asks with No as the default."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QLabel, QListWidget, QMessageBox, QWidget, QWizard
from pytestqt.qtbot import QtBot

from tests.ui.fakes import RELOAD, FakeDialogs, FakeServices
from tests.ui.test_pages import connected, to_page
from wizard.ui.dialogs import Dialogs
from wizard.ui.model.state import PageId
from wizard.ui.pages.apply import ApplyPage
from wizard.ui.pages.done import DonePage
from wizard.ui.pages.review import ReviewPage
from wizard.ui.pages.settings import SettingsPage
from wizard.ui.pages.users import UsersPage
from wizard.ui.widgets import level_icon
from wizard.ui.wizard import RelayWizard

JOURNAL = "20261129T120000Z-00001"  # the fake apply's journal: never shown to the admin


@pytest.fixture
def fakes() -> tuple[FakeServices, FakeDialogs]:
    return FakeServices(), FakeDialogs()


@pytest.fixture
def wiz(qtbot: QtBot, fakes: tuple[FakeServices, FakeDialogs]) -> Iterator[RelayWizard]:
    w = RelayWizard(*fakes)  # type: ignore[arg-type]
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    yield w
    fakes[0].release.set()
    w.state.worker.stop()


def visible_text(page: QWidget) -> str:
    """What the admin sees on a page: visible labels and list rows (not hidden detail)."""
    parts = [lab.text() for lab in page.findChildren(QLabel) if lab.isVisible()]
    for view in page.findChildren(QListWidget):
        if view.isVisible():
            parts += [view.item(i).text() for i in range(view.count())]
    return "\n".join(parts)


def to_review(qtbot: QtBot, w: RelayWizard) -> ReviewPage:
    connected(qtbot, w)
    to_page(qtbot, w, PageId.REVIEW)
    page = w.currentPage()
    assert isinstance(page, ReviewPage)
    return page


def test_review_says_what_changes_first_and_shows_the_exact_changes_on_request(
    qtbot: QtBot, wiz: RelayWizard
) -> None:
    review = to_review(qtbot, wiz)
    summary = review.view.toPlainText()
    assert summary.startswith("After this, staff can send from anywhere on port 587")
    assert "Strangers still cannot relay" in summary
    assert "stage.sh" not in summary and "TRUST_AUTH_MECH" not in summary
    assert not review.changes.isVisible()
    review.exact.click()
    assert review.changes.isVisible()
    exact = review.changes.toPlainText()
    # each command comes after a plain sentence that says what it does
    about = exact.index("Copies every file the change touches")
    assert about < exact.index("$ stage.sh ID")


def test_apply_asks_first_and_enter_does_not_press_it(
    qtbot: QtBot, wiz: RelayWizard, fakes: tuple[FakeServices, FakeDialogs]
) -> None:
    services, dialogs = fakes
    to_review(qtbot, wiz)
    commit = wiz.button(QWizard.WizardButton.CommitButton)
    assert commit.isVisible() and commit.isEnabled()
    assert not commit.isDefault(), "Enter must not be the way to change a server"
    review = wiz.currentPage()
    assert isinstance(review, ReviewPage)
    review.view.setFocus()
    qtbot.keyClick(review.view, Qt.Key.Key_Return)
    qtbot.keyClick(review.view, Qt.Key.Key_Enter)
    assert wiz.currentId() == PageId.REVIEW and dialogs.asked == []

    dialogs.apply_answer = False  # the admin says Cancel in the confirmation
    commit.click()
    assert dialogs.asked == ["confirm_apply mail.example.com"]
    assert wiz.currentId() == PageId.REVIEW
    assert not any(c.startswith("apply") for c in services.calls)

    dialogs.apply_answer = True
    commit.click()
    assert wiz.currentId() == PageId.APPLY
    apply = wiz.currentPage()
    assert isinstance(apply, ApplyPage)
    qtbot.waitUntil(apply.isComplete, timeout=5000)
    shown = visible_text(apply)
    assert "Applied and verified" in shown
    assert JOURNAL not in shown and "Journal" not in shown
    assert not re.search(r"^port \d+$", shown, re.M | re.I), "a step named only 'port 25'"
    # the step list says what happens; the log is detail, shown on request
    assert not apply.log.isVisible()
    apply.details.click()
    assert apply.log.isVisible() and "AUTH DIGEST-MD5 CRAM-MD5" in apply.log.toPlainText()


def test_stop_rolls_back_and_back_leads_to_review_and_settings(
    qtbot: QtBot, wiz: RelayWizard, fakes: tuple[FakeServices, FakeDialogs]
) -> None:
    services, _ = fakes
    services.release.clear()  # apply waits between its steps
    to_review(qtbot, wiz)
    wiz.next()
    apply = wiz.currentPage()
    assert isinstance(apply, ApplyPage)
    back = wiz.button(QWizard.WizardButton.BackButton)
    assert not back.isEnabled(), "no way back while the server is being changed"
    apply.cancel_button.click()
    assert "Please wait" in apply.outcome.text()
    services.release.set()
    qtbot.waitUntil(lambda: not apply.running, timeout=5000)
    text = apply.outcome.text()
    assert text.startswith("Stopped. Everything was put back: the server is as it was before")
    assert "failed" not in text.lower() and JOURNAL not in visible_text(apply)
    assert apply.bar.value() == apply.bar.maximum()
    assert not apply.cancel_button.isEnabled()
    assert not apply.isComplete(), "nothing was applied: Next stays off"
    qtbot.waitUntil(back.isEnabled, timeout=2000)

    back.click()
    assert wiz.currentId() == PageId.REVIEW
    assert wiz.currentPage().isCommitPage(), "Review is the point of no return again"
    wiz.back()
    settings = wiz.currentPage()
    assert isinstance(settings, SettingsPage)
    settings.classic.setChecked(True)
    qtbot.waitUntil(settings.isComplete, timeout=5000)
    wiz.next()
    assert wiz.currentId() == PageId.REVIEW
    wiz.next()
    again = wiz.currentPage()
    assert isinstance(again, ApplyPage)
    qtbot.waitUntil(again.isComplete, timeout=5000)
    assert services.calls.count("apply modern") == 1 and "apply classic" in services.calls
    assert not wiz.button(QWizard.WizardButton.BackButton).isEnabled()


def test_a_failed_apply_says_what_went_wrong_and_where_the_server_stands(
    qtbot: QtBot, wiz: RelayWizard, fakes: tuple[FakeServices, FakeDialogs]
) -> None:
    services, _ = fakes
    services.apply_fails = True
    to_review(qtbot, wiz)
    wiz.next()
    apply = wiz.currentPage()
    assert isinstance(apply, ApplyPage)
    qtbot.waitUntil(lambda: not apply.running, timeout=5000)
    text = apply.outcome.text()
    assert "everything was put back: the server is as it was before" in text
    assert "What went wrong: Reload failed." in text
    assert "Read the failed step above" not in text
    assert "kill -HUP" not in visible_text(apply) and JOURNAL not in visible_text(apply)
    rows = [apply.steps.item(i) for i in range(apply.steps.count())]
    assert [r.text() for r in rows[-2:]] == [RELOAD, "Put the server back as it was"]
    assert rows[-1].toolTip() == "/etc/mail/sendmail.mc"  # which files, on request
    # the step that failed is marked so, the rollback as done
    assert rows[-2].icon().pixmap(16).toImage() == level_icon(apply, "error").pixmap(16).toImage()
    assert rows[-1].icon().pixmap(16).toImage() == level_icon(apply, "ok").pixmap(16).toImage()
    qtbot.waitUntil(wiz.button(QWizard.WizardButton.BackButton).isEnabled, timeout=2000)


def test_cancel_during_apply_asks_waits_for_the_rollback_and_reports(
    qtbot: QtBot, wiz: RelayWizard, fakes: tuple[FakeServices, FakeDialogs]
) -> None:
    services, dialogs = fakes
    services.release.clear()
    to_review(qtbot, wiz)
    wiz.next()
    apply = wiz.currentPage()
    assert isinstance(apply, ApplyPage)

    dialogs.stop_answer = False  # "Keep going"
    wiz.button(QWizard.WizardButton.CancelButton).click()
    assert dialogs.asked[-1] == "stop_apply mail.example.com"
    assert wiz.isVisible() and apply.running

    dialogs.stop_answer = True
    wiz.close()  # the window's close button asks the same
    assert dialogs.asked[-1] == "stop_apply mail.example.com"
    assert wiz.isVisible(), "the window waits for the rollback"
    wiz.reject()  # a second Cancel while stopping does not ask again nor close
    assert dialogs.asked.count("stop_apply mail.example.com") == 2 and wiz.isVisible()
    services.release.set()
    qtbot.waitUntil(lambda: not wiz.isVisible(), timeout=5000)
    assert dialogs.asked[-1] == "inform"
    (where,) = dialogs.informed
    assert where.startswith("Stopped. Everything was put back: the server is as it was before")


def test_cancel_after_apply_closes_without_asking(
    qtbot: QtBot, wiz: RelayWizard, fakes: tuple[FakeServices, FakeDialogs]
) -> None:
    _, dialogs = fakes
    to_review(qtbot, wiz)
    wiz.next()
    apply = wiz.currentPage()
    assert isinstance(apply, ApplyPage)
    qtbot.waitUntil(apply.isComplete, timeout=5000)
    wiz.reject()
    assert not wiz.isVisible() and "stop_apply mail.example.com" not in dialogs.asked


def test_undo_says_what_staff_can_no_longer_do_and_that_the_accounts_stay(
    qtbot: QtBot, wiz: RelayWizard
) -> None:
    connected(qtbot, wiz)
    wiz.state.model.manage = True
    to_page(qtbot, wiz, PageId.USERS)
    users = wiz.currentPage()
    assert isinstance(users, UsersPage)
    users.undo.click()
    qtbot.waitUntil(lambda: "Rolled back" in users.status.text(), timeout=5000)
    text = users.status.text()
    assert "Staff can no longer send through the server" in text
    assert "mail accounts still exist" in text
    assert "kill -HUP" not in text and "reloaded with" not in text


def answer_with_default(qtbot: QtBot, ask: Callable[[QWidget], Any]) -> tuple[Any, str]:
    """Open a real dialog, press its default button (what Enter does), return the answer
    and the default button's text."""
    parent = QWidget()
    qtbot.addWidget(parent)
    seen: list[str] = []

    def press_default() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            QTimer.singleShot(10, press_default)
            return
        default = box.defaultButton()
        assert default is not None
        seen.append(default.text())
        default.click()

    QTimer.singleShot(0, press_default)
    return ask(parent), seen[0]


def test_undo_and_remove_default_to_no(qtbot: QtBot) -> None:
    answer, default = answer_with_default(qtbot, lambda p: Dialogs().confirm(p, "Undo?"))
    assert answer is False and default.replace("&", "") == "No"


def test_the_apply_confirmation_defaults_to_cancel(qtbot: QtBot) -> None:
    answer, default = answer_with_default(
        qtbot, lambda p: Dialogs().confirm_apply(p, "mail.example.com", ["Staff can send."])
    )
    assert answer is False and default.replace("&", "") == "Cancel"


def test_quitting_during_apply_defaults_to_keep_going(qtbot: QtBot) -> None:
    answer, default = answer_with_default(
        qtbot, lambda p: Dialogs().stop_apply(p, "mail.example.com")
    )
    assert answer is False and default.replace("&", "") == "Keep going"


def test_done_says_what_was_achieved_and_saves_one_document(
    qtbot: QtBot, wiz: RelayWizard, fakes: tuple[FakeServices, FakeDialogs], tmp_path: Path
) -> None:
    _, dialogs = fakes
    connected(qtbot, wiz)
    to_page(qtbot, wiz, PageId.DONE)
    done = wiz.currentPage()
    assert isinstance(done, DonePage)
    shown = done.summary.toPlainText()
    assert "Staff can now send mail through the server from anywhere on port 587" in shown
    assert "Still to do" in shown and "Open port 587 (TCP)" in shown
    assert "ok:" not in shown and JOURNAL not in shown
    assert not done.detail.isVisible()
    done.details.click()
    assert "ok: Port 25 checked from this computer: AUTH" in done.detail.toPlainText()
    report = tmp_path / "report.html"
    dialogs.save_file = lambda *_args: str(report)  # type: ignore[method-assign]
    done.save.click()
    qtbot.waitUntil(lambda: report.exists() and done.status.isVisible(), timeout=5000)
    text = report.read_text(encoding="utf-8")
    assert text.lower().count("<!doctype") == 1 and text.count("<html") == 1
    assert "Still to do" in text and "Details" in text
