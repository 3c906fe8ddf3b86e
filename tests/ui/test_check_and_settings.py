"""Server check and Settings read as sentences, the keyring's absence is known before
connecting, and Connect and Welcome speak plainly (issue 15, items 8 and 9 and smalls)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtWidgets import QLabel, QListWidget, QWizard
from pytestqt.qtbot import QtBot

from tests.ui.fakes import DATA, FakeDialogs, FakeServices, FakeSession
from tests.ui.test_pages import connected, fakes, to_page, wiz  # noqa: F401 (fixtures)
from wizard.core.local.credentials import KeyringUnavailable
from wizard.ui.model.state import PageId
from wizard.ui.pages.check import CheckPage
from wizard.ui.pages.connect import ConnectPage
from wizard.ui.pages.settings import SettingsPage
from wizard.ui.pages.users import UsersPage
from wizard.ui.pages.welcome import WelcomePage
from wizard.ui.wizard import RelayWizard


def visible_text(page: CheckPage | SettingsPage) -> str:
    return "\n".join(label.text() for label in page.findChildren(QLabel) if label.isVisibleTo(page))


def check_page(qtbot: QtBot, w: RelayWizard) -> CheckPage:
    connected(qtbot, w)
    w.next()
    page = w.currentPage()
    assert isinstance(page, CheckPage)
    qtbot.waitUntil(page.isComplete, timeout=5000)
    return page


def settings_page(qtbot: QtBot, w: RelayWizard) -> SettingsPage:
    check_page(qtbot, w)
    w.next()
    page = w.currentPage()
    assert isinstance(page, SettingsPage)
    qtbot.waitUntil(page.isComplete, timeout=5000)
    return page


def test_findings_are_plain_sentences_with_the_detail_on_request(
    qtbot: QtBot,
    wiz: RelayWizard,  # noqa: F811
) -> None:
    page = check_page(qtbot, wiz)
    report = wiz.state.model.report
    assert report is not None
    shown = visible_text(page)
    # no internal ids, no "Level:", no ellipsis, no jargon before the detail is asked for
    ids = [f.id for f in report.findings if "_" in f.id]  # the ones no sentence contains
    assert ids and not [i for i in ids if i in shown]
    assert "Level:" not in shown and "…" not in shown
    assert "TRUST_AUTH_MECH" not in shown and "saslauthd" not in shown
    # the verdict comes first, in one line
    assert page.verdict.text().startswith("Relay Wizard fixes")
    # the warning about relaying after login: sentence, what the wizard does, detail on request
    (row,) = [r for r in page.findings.rows if "the mail is refused" in r.text.text()]
    assert row.icon.accessibleName() == "Warning"
    assert row.note is not None and "Relay Wizard fixes this" in row.note.text()
    assert row.details is not None and row.detail is not None
    assert not row.detail.isVisibleTo(page)
    row.details.click()
    assert row.detail.isVisibleTo(page) and "TRUST_AUTH_MECH" in row.detail.text()
    # a warning no profile fixes says nothing of the kind
    (accounts,) = [r for r in page.findings.rows if "no mail accounts yet" in r.text.text()]
    assert accounts.note is None
    # what needs attention comes first
    levels = [r.icon.accessibleName() for r in page.findings.rows]
    assert levels.index("Fine") > levels.index("Warning")
    assert "Fine" not in levels[: levels.index("Warning")]


def test_settings_say_what_classic_means_and_refuse_no_login_method(
    qtbot: QtBot,
    wiz: RelayWizard,  # noqa: F811
) -> None:
    page = settings_page(qtbot, wiz)
    assert "encrypted" in page.profile_note.text()
    page.classic.setChecked(True)
    assert "cross the network unencrypted" in page.profile_note.text()
    assert page.isComplete()

    for box in page.mechs.values():
        box.setChecked(False)
    assert not page.isComplete(), "no login method: Next waits"
    assert wiz.state.model.plan is None
    assert page.checks.texts() == [
        "Tick at least one login method: without one, nobody could log in to send mail."
    ]
    assert not wiz.button(QWizard.WizardButton.NextButton).isEnabled()
    page.mechs["CRAM-MD5"].setChecked(True)
    assert page.isComplete()
    assert wiz.state.model.options.mechanisms == ("CRAM-MD5",), "never PLAIN and LOGIN silently"


def test_the_checks_wrap_and_start_at_the_top_when_the_profile_changes(
    qtbot: QtBot,
    wiz: RelayWizard,  # noqa: F811
) -> None:
    page = settings_page(qtbot, wiz)
    assert page.checks.horizontalScrollBar().isHidden() or not (
        page.checks.horizontalScrollBar().isVisible()
    )
    for n in range(40):  # a long list, scrolled to its end
        page.checks.add("warning", f"A long list of checks, number {n}, to scroll through.")
    bar = page.checks.verticalScrollBar()
    qtbot.waitUntil(lambda: bar.maximum() > 0, timeout=3000)
    bar.setValue(bar.maximum())
    assert bar.value() > 0
    page.classic.setChecked(True)
    assert bar.value() == 0
    assert not page.checks.horizontalScrollBar().isVisible()


@pytest.fixture
def no_keyring(qtbot: QtBot) -> Iterator[tuple[RelayWizard, FakeServices]]:
    services, dialogs = FakeServices(), FakeDialogs()
    services.creds.missing = KeyringUnavailable(
        "No keyring is available to keep passwords in (no supported keyring was found).",
        "Install your desktop's keyring.",
    )
    w = RelayWizard(services, dialogs)  # type: ignore[arg-type]
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    yield w, services
    w.state.worker.stop()


def test_no_keyring_is_said_before_connecting_and_nothing_is_saved_there(
    qtbot: QtBot, no_keyring: tuple[RelayWizard, FakeServices]
) -> None:
    w, services = no_keyring
    w.next()
    page = w.currentPage()
    assert isinstance(page, ConnectPage)
    assert services.calls == [], "nothing connected yet"
    qtbot.waitUntil(lambda: not page.remember.isEnabled(), timeout=5000)
    assert not page.remember.isChecked()
    assert "no keyring" in page.remember.text()
    assert "No keyring is available" in page.remember.toolTip()

    page.host.setText("mail.example.com")
    page.password.setText("ssh-pw")
    page.connect_button.click()
    qtbot.waitUntil(page.isComplete, timeout=5000)
    assert "Not saved" not in page.status.text()

    to_page(qtbot, w, PageId.USERS)
    users = w.currentPage()
    assert isinstance(users, UsersPage)
    assert not users.keyring.isEnabled() and not users.keyring.isChecked()
    assert "no keyring" in users.keyring.text()
    users.add.click()
    qtbot.waitUntil(lambda: users.table.rowCount() == 1, timeout=5000)
    assert services.creds.saved == {}
    assert "saved in" not in users.status.text()


def test_with_a_keyring_the_boxes_stay_as_they_were(
    qtbot: QtBot,
    wiz: RelayWizard,  # noqa: F811
) -> None:
    wiz.next()
    page = wiz.currentPage()
    assert isinstance(page, ConnectPage)
    qtbot.wait(100)
    assert page.remember.isEnabled()
    assert wiz.state.model.keyring_problem is None


def test_connect_errors_show_in_one_place_and_sudo_is_said_in_words(
    qtbot: QtBot,
    wiz: RelayWizard,  # noqa: F811
    fakes: tuple[FakeServices, FakeDialogs],  # noqa: F811
) -> None:
    services, _ = fakes
    wiz.next()
    page = wiz.currentPage()
    assert isinstance(page, ConnectPage)
    page.host.setText("bad host!")
    page.connect_button.click()
    assert "not a valid host name" in page.error.text()
    page.host.setText("mail.example.com")
    services.unknown_key, services.wrong_password = False, True
    page.connect_button.click()
    qtbot.waitUntil(lambda: "refused the login" in page.error.text(), timeout=5000)
    errors = [
        label
        for label in page.findChildren(QLabel)
        if label.text() and "color: #b00020" in label.styleSheet()
    ]
    assert errors == [page.error], "one place for every error"

    real_connect = services.connect

    def by_sudo(*args: object, **kwargs: object) -> FakeSession:
        session = real_connect(*args, **kwargs)  # type: ignore[arg-type]
        session.privilege = "sudo-password"
        return session

    services.wrong_password = False
    services.connect = by_sudo  # type: ignore[method-assign,assignment]
    page.connect_button.click()
    qtbot.waitUntil(page.isComplete, timeout=5000)
    assert "sudo-password" not in page.status.text()
    assert "becomes root with sudo" in page.status.text()
    assert page.error.text() == ""


def test_the_empty_saved_servers_box_says_what_it_is_for(
    wiz: RelayWizard,  # noqa: F811
) -> None:
    page = wiz.currentPage()
    assert isinstance(page, WelcomePage)
    box = page.findChild(QListWidget)
    assert box is page.list and box.count() == 1
    assert box.item(0).text().startswith("No saved servers yet.")
    assert wiz.state.model.chosen is None and not page.saved.isEnabled()


def test_the_verdict_puts_what_the_wizard_cannot_fix_first(
    qtbot: QtBot,
    wiz: RelayWizard,  # noqa: F811
    fakes: tuple[FakeServices, FakeDialogs],  # noqa: F811
) -> None:
    from tests.ui.test_text_fits import serving

    nullclient = (DATA / "mc" / "freebsd-ansible-nullclient.mc").read_text()
    serving(nullclient, fakes[0])
    page = check_page(qtbot, wiz)
    assert page.verdict.text().startswith("Something on this server stands in the way")
    assert page.findings.rows[0].icon.accessibleName() == "Problem"
    assert "null client" in page.findings.rows[0].text.text()
