"""Settings' "Certificate" and "Protection" sections: the admin's choices become the
options, the defaults follow the profile, certbot's certificates are listed from the report,
and an error lands on its box (its section opened); Done says what is protected."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from pytestqt.qtbot import QtBot

from tests.ui.fakes import FakeDialogs, FakeServices, guarded
from tests.ui.test_pages import connected, to_page
from wizard.core.change.options import LETS_ENCRYPT
from wizard.core.mta.report import Protection
from wizard.ui.model.state import PageId
from wizard.ui.pages.done import DonePage
from wizard.ui.pages.settings import SettingsPage
from wizard.ui.wizard import RelayWizard


@pytest.fixture
def services() -> FakeServices:
    return guarded(FakeServices())


@pytest.fixture
def wiz(qtbot: QtBot, services: FakeServices) -> Iterator[RelayWizard]:
    w = RelayWizard(services, FakeDialogs())  # type: ignore[arg-type]
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    yield w
    w.state.worker.stop()


def settings_page(qtbot: QtBot, w: RelayWizard) -> SettingsPage:
    connected(qtbot, w)
    to_page(qtbot, w, PageId.SETTINGS)
    page = w.currentPage()
    assert isinstance(page, SettingsPage)
    qtbot.waitUntil(lambda: page.model.plan is not None, timeout=5000)
    return page


def test_certbots_certificates_are_listed_with_their_names_and_end(
    qtbot: QtBot, wiz: RelayWizard
) -> None:
    page = settings_page(qtbot, wiz)
    c = page.certificate
    items = [c.certbot_list.itemText(i) for i in range(c.certbot_list.count())]
    # the one naming the server first; the expired one is not offered
    assert items == [
        "mail.example.com, smtp.example.com, valid until 2027-02-20",
        "www.example.com, valid until 2027-01-10 (does not name this server)",
    ]
    assert c.choice["certbot"].isEnabled() and c.certbot_none.isHidden()
    # what staff see today is said first (issue 15's wording), the server's own is kept
    assert "self-signed" in c.today.text()
    assert c.choice["keep"].isChecked() and page.model.options.certificate == "keep"


def test_without_certbots_certificates_that_way_is_closed(
    qtbot: QtBot, wiz: RelayWizard, services: FakeServices
) -> None:
    services.certificates = []
    page = settings_page(qtbot, wiz)
    c = page.certificate
    assert not c.choice["certbot"].isEnabled()
    assert not c.certbot_none.isHidden() and c.certbot_list.isHidden()


def test_the_certificate_choices_become_the_options(qtbot: QtBot, wiz: RelayWizard) -> None:
    page = settings_page(qtbot, wiz)
    c = page.certificate
    c.choice["certbot"].setChecked(True)
    o = page.model.options
    assert (o.certificate, o.cert_name) == (
        "certbot",
        "mail.example.com",
    )  # it names the server itself
    c.certbot_list.setCurrentIndex(1)
    assert page.model.options.cert_name == "www.example.com"
    c.choice["obtain"].setChecked(True)
    # the name box starts with the name staff use; obtaining says what it needs
    assert c.cert_name.text() == "mail.example.com"
    assert not c.obtain_note.isHidden() and "port 80" in c.obtain_note.text()
    assert c.no_certbot.isHidden()  # certbot is installed
    c.cert_name.setText("relay.example.com")
    c.acme_server.setText("https://acme.lab.test:14000/dir")
    c.acme_email.setText("it@example.com")
    c.webroot.setText("/var/www/html")
    o = page.model.options
    assert (o.certificate, o.cert_name, o.acme_server, o.acme_email, o.webroot) == (
        "obtain",
        "relay.example.com",
        "https://acme.lab.test:14000/dir",
        "it@example.com",
        "/var/www/html",
    )
    assert page.isComplete()
    # typing a certificate file's path chooses that way
    c.cert.setText("/etc/ssl/mail.pem")
    assert c.choice["files"].isChecked()
    c.key.setText("/etc/ssl/mail.key")
    o = page.model.options
    assert (o.certificate, o.cert_file, o.key_file) == (
        "keep",
        "/etc/ssl/mail.pem",
        "/etc/ssl/mail.key",
    )
    c.choice["keep"].setChecked(True)  # the paths count only while their way is chosen
    assert (page.model.options.cert_file, page.model.options.key_file) == ("", "")


def test_obtaining_without_certbot_says_the_server_needs_it_first(
    qtbot: QtBot, wiz: RelayWizard, services: FakeServices
) -> None:
    services.protection = Protection("installed")  # no certbot
    page = settings_page(qtbot, wiz)
    page.certificate.choice["obtain"].setChecked(True)
    assert not page.certificate.no_certbot.isHidden()
    assert "certbot package" in page.certificate.no_certbot.text()


def test_protection_defaults_follow_the_profile_until_the_admin_chooses(
    qtbot: QtBot, wiz: RelayWizard
) -> None:
    page = settings_page(qtbot, wiz)
    p = page.protection
    assert p.protect.isChecked()  # modern: on
    o = page.model.options
    assert (o.protect, o.protect_given) == (True, False)
    page.classic.setChecked(True)
    assert not p.protect.isChecked() and page.model.options.protect is False
    assert not p.max_retry.isEnabled()  # the numbers are open only while the ban is on
    assert "Nobody is banned" in p.rule.text()
    p.protect.click()  # the admin's choice, kept whatever the profile
    o = page.model.options
    assert (o.protect, o.protect_given) == (True, True)
    page.modern.setChecked(True)
    page.classic.setChecked(True)
    assert p.protect.isChecked()


def test_the_ban_numbers_in_minutes_and_words_become_seconds(
    qtbot: QtBot, wiz: RelayWizard
) -> None:
    page = settings_page(qtbot, wiz)
    p = page.protection
    assert p.rule.text() == (
        "An address that fails to log in 5 times within 10 minutes is banned for 1 hour."
    )
    p.max_retry.setValue(6)
    p.find_minutes.setValue(1)
    p.ban_minutes.setValue(2)
    p.allow.setText("192.0.2.7, 203.0.113.0/24")
    o = page.model.options
    assert (o.max_retry, o.find_time, o.ban_time) == (6, 60, 120)
    assert o.allow == ("192.0.2.7", "203.0.113.0/24")
    assert "6 times within 1 minute is banned for 2 minutes" in p.rule.text()
    # the admin's own address is shown, and what protects the logins today
    assert "198.51.100.2" in p.own_address.text()
    today = p.today.text()
    assert "installed but not running" in today
    assert "137 failed logins since 2026-11-30" in today and "203.0.113.9 (90)" in today


def test_without_fail2ban_the_section_says_the_package_is_needed(
    qtbot: QtBot, wiz: RelayWizard, services: FakeServices
) -> None:
    services.protection = Protection("absent")
    page = settings_page(qtbot, wiz)
    text = page.protection.today.text()
    assert "needs the fail2ban package" in text and "no failed logins" in text


@pytest.mark.parametrize(
    ("setup", "widget", "tab"),
    [
        (lambda p: p.protection.allow.setText("not-an-address"), "allow", "tab_protect"),
        (
            lambda p: (
                p.certificate.choice["obtain"].setChecked(True),
                p.certificate.acme_server.setText("http://acme.example.com/dir"),
            ),
            "acme_server",
            "tab_cert",
        ),
        (
            lambda p: (
                p.certificate.choice["obtain"].setChecked(True),
                p.certificate.cert_name.setText("not a name!"),
            ),
            "cert_name",
            "tab_cert",
        ),
        (
            lambda p: (
                p.certificate.choice["obtain"].setChecked(True),
                p.certificate.acme_email.setText("nobody"),
            ),
            "acme_email",
            "tab_cert",
        ),
        (
            lambda p: (
                p.certificate.choice["obtain"].setChecked(True),
                p.certificate.webroot.setText("var/www"),
            ),
            "webroot",
            "tab_cert",
        ),
    ],
)
def test_an_error_lands_on_its_box_and_opens_its_section(
    qtbot: QtBot, wiz: RelayWizard, setup: object, widget: str, tab: str
) -> None:
    page = settings_page(qtbot, wiz)
    page.tabs.setCurrentIndex(0)
    setup(page)  # type: ignore[operator]
    box = getattr(page, widget)
    assert box.property("relay_wizard_marked"), page.checks.texts()
    assert box.accessibleDescription() == page.checks.texts()[0]
    assert page.tabs.currentIndex() == getattr(page, tab)
    assert box.isVisibleTo(page.tabs.currentWidget())  # the details opened if need be
    assert not page.isComplete()


def test_classic_says_it_has_no_certificate_and_hides_the_choice(
    qtbot: QtBot, wiz: RelayWizard
) -> None:
    page = settings_page(qtbot, wiz)
    page.certificate.choice["obtain"].setChecked(True)
    page.classic.setChecked(True)
    c = page.certificate
    assert c.ways.isHidden() and not c.no_tls.isHidden() and c.today.isHidden()
    assert page.model.options.certificate == "keep"  # classic has no TLS
    assert page.isComplete()


def test_done_says_what_is_protected_and_until_when_the_certificate_is_valid(
    qtbot: QtBot, wiz: RelayWizard
) -> None:
    page = settings_page(qtbot, wiz)
    page.certificate.choice["certbot"].setChecked(True)
    to_page(qtbot, wiz, PageId.DONE)
    done = wiz.currentPage()
    assert isinstance(done, DonePage)
    text = done.summary.toPlainText()
    assert "trust the server's certificate for mail.example.com" in text
    assert "valid until 2027-02-20 and renewed automatically" in text
    assert "an address that fails to log in 5 times within 10 minutes is banned for 1 hour" in (
        text
    )
    assert "Your own address, 198.51.100.2, is never banned." in text


def visit_sections(qtbot: QtBot, page: SettingsPage) -> Iterator[str]:
    """Every state of the two sections, for the walks that read or measure each page (the
    German catalogue, no command-line words, nothing cut off); yields each state's name.
    Leaves the modern profile with certbot's certificate chosen, for the Done page."""
    c, p = page.certificate, page.protection
    loaded = page.model.loaded
    assert loaded is not None

    page.tabs.setCurrentIndex(page.tab_cert)
    yield "Certificate"
    c.choice["certbot"].setChecked(True)
    yield "Certificate, certbot's"
    c.choice["obtain"].setChecked(True)
    c.more.setChecked(True)
    yield "Certificate, obtained, details"
    c.show_server(loaded.server.report.certificates, False, "mail.example.com")
    yield "Certificate, obtained without certbot"
    c.acme_server.setText("http://acme.example.com/dir")
    qtbot.waitUntil(lambda: bool(c.acme_server.property("relay_wizard_marked")), timeout=5000)
    yield "Certificate, a refused address"
    c.acme_server.setText(LETS_ENCRYPT)
    page.tabs.setCurrentIndex(page.tab_protect)
    yield "Protection"
    p.allow.setText("not-an-address")
    qtbot.waitUntil(lambda: bool(p.allow.property("relay_wizard_marked")), timeout=5000)
    yield "Protection, a refused address"
    p.allow.clear()
    p.protect.click()
    yield "Protection, off"
    p.protect.click()
    page.classic.setChecked(True)
    yield "Protection, classic"
    page.tabs.setCurrentIndex(page.tab_cert)
    yield "Certificate, classic"
    page.modern.setChecked(True)
    c.choice["certbot"].setChecked(True)
    page.tabs.setCurrentIndex(0)


def test_the_visit_reaches_every_state_and_leaves_a_plan(qtbot: QtBot, wiz: RelayWizard) -> None:
    page = settings_page(qtbot, wiz)
    states = list(visit_sections(qtbot, page))
    assert len(states) == 10
    assert page.isComplete()
    assert page.model.options.certificate == "certbot" and page.model.options.protect
