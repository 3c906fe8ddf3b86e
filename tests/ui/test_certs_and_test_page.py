"""The certificate checked for the admin, and the Test page as the saved server says: walked
as an admin would, with fake core services."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from pytestqt.qtbot import QtBot

from tests.ui.fakes import FakeDialogs, FakeServices
from tests.ui.test_pages import connected, to_page
from wizard.core.local.profiles import ServerProfile
from wizard.core.mail.diagnose import MessageFate
from wizard.ui.model.state import PageId
from wizard.ui.pages import test as test_module
from wizard.ui.pages.settings import SettingsPage
from wizard.ui.pages.welcome import WelcomePage
from wizard.ui.wizard import RelayWizard

HOST = "mail.example.com"


@pytest.fixture
def services() -> FakeServices:
    return FakeServices()


@pytest.fixture
def wiz(qtbot: QtBot, services: FakeServices) -> Iterator[RelayWizard]:
    w = RelayWizard(services, FakeDialogs())  # type: ignore[arg-type]
    w.resize(820, 640)
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    yield w
    w.state.worker.stop()


def open_test_page(qtbot: QtBot, w: RelayWizard) -> test_module.TestPage:
    to_page(qtbot, w, PageId.TEST)
    page = w.currentPage()
    assert isinstance(page, test_module.TestPage)
    return page


def send(qtbot: QtBot, page: test_module.TestPage, *, until: str) -> str:
    page.to.setText("me@example.org")
    page.user.setText("alice")
    page.password.setText("Typed-Password-99")
    page.send.click()
    qtbot.waitUntil(lambda: until in page.card.text(), timeout=5000)
    return page.card.text()


def test_modern_sends_without_a_pin_and_says_the_certificate_was_checked_over_ssh(
    qtbot: QtBot, wiz: RelayWizard, services: FakeServices
) -> None:
    connected(qtbot, wiz)
    page = open_test_page(qtbot, wiz)
    assert page.security.currentData() == "starttls" and page.port.value() == 587
    assert not page.own_pin.isChecked() and not page.pin.isVisible()
    assert page.mech.currentText() == "The best the server offers", "never an empty box"
    text = send(qtbot, page, until="accepted the test message")
    assert "self-signed; the wizard checked over SSH" in text
    assert "server_cert" in services.calls and "test_send 587 " in services.calls
    verified = wiz.state.model.verified
    assert verified is not None and verified.server_cert is not None


def test_a_certificate_that_is_not_the_servers_is_refused_in_plain_words(
    qtbot: QtBot, wiz: RelayWizard, services: FakeServices
) -> None:
    services.presented = ":".join(["AB"] * 32)
    connected(qtbot, wiz)
    page = open_test_page(qtbot, wiz)
    text = send(qtbot, page, until="intercepting")
    assert "not the one the mail server uses" in text and "No password was sent" in text
    assert wiz.state.model.verified is None


def test_the_admins_own_pin_is_advanced_and_still_used(
    qtbot: QtBot, wiz: RelayWizard, services: FakeServices
) -> None:
    connected(qtbot, wiz)
    page = open_test_page(qtbot, wiz)
    page.own_pin.setChecked(True)
    assert page.pin.isVisible() and page.pin_note.isVisible()
    page.pin.setText("ab" * 32)
    send(qtbot, page, until="accepted the test message")
    assert "server_cert" not in services.calls  # the admin's pin decides, not SSH
    assert page.pin.text() == ":".join(["AB"] * 32)


def test_apply_remembers_classic_and_the_reopened_server_tests_on_port_25(
    qtbot: QtBot, wiz: RelayWizard, services: FakeServices
) -> None:
    connected(qtbot, wiz)  # saves the server (modern by default)
    to_page(qtbot, wiz, PageId.SETTINGS)
    settings = wiz.currentPage()
    assert isinstance(settings, SettingsPage)
    qtbot.waitUntil(lambda: wiz.state.model.loaded is not None, timeout=5000)
    settings.classic.setChecked(True)
    to_page(qtbot, wiz, PageId.USERS)
    saved = services.profile_store.find(HOST)
    assert saved is not None
    assert (saved.relay_profile, saved.smtp_port, saved.security) == ("classic", 25, "none")
    assert saved.mechanism == "CRAM-MD5"

    # Reopened later from the Welcome page: no apply this time.
    wiz.state.worker.stop()
    again = RelayWizard(services, FakeDialogs())  # type: ignore[arg-type]
    qtbot.addWidget(again)
    again.show()
    qtbot.waitExposed(again)
    try:
        welcome = again.currentPage()
        assert isinstance(welcome, WelcomePage)
        welcome.saved.setChecked(True)
        welcome.list.setCurrentRow(0)
        connected(qtbot, again)
        page = open_test_page(qtbot, again)
        assert page.security.currentData() == "none" and page.port.value() == 25
        assert page.mech.currentText() == "CRAM-MD5"
        send(qtbot, page, until="accepted the test message")
        assert "test_send 25 CRAM-MD5" in services.calls
    finally:
        again.state.worker.stop()


def test_a_saved_server_with_another_port_is_tested_there(
    qtbot: QtBot, wiz: RelayWizard, services: FakeServices
) -> None:
    services.profile_store.profiles = [
        ServerProfile(name=HOST, host=HOST, smtp_port=2525, security="none", mechanism="CRAM-MD5")
    ]
    welcome = wiz.currentPage()
    assert isinstance(welcome, WelcomePage)
    welcome.initializePage()
    welcome.saved.setChecked(True)
    welcome.list.setCurrentRow(0)
    connected(qtbot, wiz)
    page = open_test_page(qtbot, wiz)
    assert page.port.value() == 2525
    page.security.setCurrentIndex(page.security.findData("tls"))
    page.security.activated.emit(page.security.currentIndex())
    assert page.port.value() == 465, "choosing a security moves the port to its usual one"


def test_settings_says_the_certificate_is_self_signed_and_what_staff_will_see(
    qtbot: QtBot, wiz: RelayWizard
) -> None:
    connected(qtbot, wiz)  # reached as mail.example.com; the certificate names mail.lab.test
    to_page(qtbot, wiz, PageId.SETTINGS)
    settings = wiz.currentPage()
    assert isinstance(settings, SettingsPage)
    qtbot.waitUntil(lambda: "self-signed" in settings.cert_note.text(), timeout=5000)
    text = settings.cert_note.text()
    assert "mail.lab.test" in text and "warn" in text and "fingerprint" in text
    # self-signed: staff accept it by its fingerprint, which covers the name too
    assert "server's name" not in text and "the name does not matter to them" in text
    settings.classic.setChecked(True)
    assert not settings.cert_note.isVisible(), "classic has no certificate to speak of"


@pytest.mark.parametrize(
    ("state", "said"),
    [
        ("deferred", "keeps trying for a few days"),
        ("queued", "waiting in the server's queue"),
        ("sent", "passed the message on"),
        ("bounced", "returns it to the sender"),
        ("unknown", "did not find the message"),
    ],
)
def test_what_became_of_the_message_is_a_plain_sentence(
    qtbot: QtBot, wiz: RelayWizard, services: FakeServices, state: str, said: str
) -> None:
    services.follow = lambda session, queue_id: MessageFate(  # type: ignore[method-assign]
        queue_id, state, "Deferred: Connection timed out", ()
    )
    connected(qtbot, wiz)
    page = open_test_page(qtbot, wiz)
    text = send(qtbot, page, until=said)
    assert f"{state}:" not in text
