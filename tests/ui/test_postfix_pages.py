"""The wizard on a stock Debian Postfix server, with fake core services (fast): every page
names Postfix (or "the mail server"), never sendmail; the Server check says what was found
and its version; the Users page says where the realm comes from; the words are plain and
German where the window is, and nothing is cut off at the default size."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QLocale
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from tests.ui.fakes import FakeDialogs, guarded
from tests.ui.fakes_postfix import PostfixFakeServices
from tests.ui.test_no_cli_text import offences
from tests.ui.test_pages import connected, to_page
from tests.ui.test_text_fits import cut_off
from tests.ui.test_translations import Catalogue, german_texts, readable
from tests.ui.visible import visible_texts
from wizard.ui import i18n
from wizard.ui.model.state import PageId
from wizard.ui.pages import test as test_page
from wizard.ui.pages.apply import ApplyPage
from wizard.ui.pages.check import CheckPage
from wizard.ui.pages.done import DonePage
from wizard.ui.pages.settings import SettingsPage
from wizard.ui.pages.users import UsersPage
from wizard.ui.pages.welcome import WelcomePage
from wizard.ui.wizard import RelayWizard

SIZE = (820, 640)


def start(qtbot: QtBot, services: PostfixFakeServices) -> RelayWizard:
    w = RelayWizard(services, FakeDialogs())  # type: ignore[arg-type]
    qtbot.addWidget(w)
    w.resize(*SIZE)
    w.show()
    qtbot.waitExposed(w)
    return w


@pytest.fixture
def postfix() -> PostfixFakeServices:
    return PostfixFakeServices()


@pytest.fixture
def wiz(qtbot: QtBot, postfix: PostfixFakeServices) -> Iterator[RelayWizard]:
    w = start(qtbot, postfix)
    yield w
    w.state.worker.stop()


def texts(w: RelayWizard) -> list[str]:
    return [t for _, t in visible_texts(w) if t]


def visit_postfix_sections(qtbot: QtBot, page: SettingsPage) -> Iterator[str]:
    """Every state of the Certificate and Protection sections on Postfix, where only the
    server's own certificate or named files are offered and the ban is not; leaves the
    modern profile with the server's own certificate."""
    c, p = page.certificate, page.protection
    page.tabs.setCurrentIndex(page.tab_cert)
    yield "Certificate"
    assert not c.choice["certbot"].isVisible() and not c.choice["obtain"].isVisible()
    assert c.postfix_note.isVisible()
    c.choice["files"].setChecked(True)
    yield "Certificate, files"
    c.choice["keep"].setChecked(True)
    page.tabs.setCurrentIndex(page.tab_protect)
    yield "Protection"
    assert p.postfix_note.isVisible() and not p.protect.isVisible()
    assert p.given() is None
    page.classic.setChecked(True)
    yield "Protection, classic"
    page.tabs.setCurrentIndex(page.tab_cert)
    yield "Certificate, classic"
    page.modern.setChecked(True)
    page.tabs.setCurrentIndex(0)


def walk(qtbot: QtBot, w: RelayWizard) -> Iterator[tuple[str, RelayWizard]]:
    """Every page a new Postfix server goes through, each once its work is done; the Users
    page after adding an account and the Test page after a test message."""
    yield "Welcome", w
    connected(qtbot, w)
    yield "Connect", w
    for page in (PageId.CHECK, PageId.SETTINGS, PageId.REVIEW, PageId.APPLY, PageId.USERS):
        to_page(qtbot, w, page)
        qtbot.waitUntil(lambda: w.currentPage().isComplete(), timeout=5000)
        qtbot.wait(50)
        yield type(w.currentPage()).__name__, w
        settings = w.currentPage()
        if isinstance(settings, SettingsPage):  # the Certificate and Protection sections
            for state in visit_postfix_sections(qtbot, settings):
                yield f"Settings: {state}", w
    users = w.currentPage()
    assert isinstance(users, UsersPage)
    users.add.click()
    qtbot.waitUntil(lambda: users.table.rowCount() == 1, timeout=5000)
    yield "Users (added)", w
    w.next()
    test = w.currentPage()
    assert isinstance(test, test_page.TestPage)
    test.to.setText("someone@example.net")
    test.password.setText("Typed-Password-99")
    test.send.click()
    qtbot.waitUntil(lambda: test.send.isEnabled() and bool(test.card.text()), timeout=5000)
    yield "Test", w
    for page in (PageId.EXPORT, PageId.DONE):
        to_page(qtbot, w, page)
        qtbot.wait(50)
        yield type(w.currentPage()).__name__, w


def test_welcome_says_both_mail_servers_work(wiz: RelayWizard) -> None:
    page = wiz.currentPage()
    assert isinstance(page, WelcomePage)
    shown = "\n".join(texts(wiz))
    assert "works with sendmail and Postfix" in shown
    assert "your sendmail server" not in shown


def test_the_server_check_says_postfix_was_found_and_its_version(
    qtbot: QtBot, wiz: RelayWizard
) -> None:
    connected(qtbot, wiz)
    wiz.next()
    check = wiz.currentPage()
    assert isinstance(check, CheckPage)
    qtbot.waitUntil(check.isComplete, timeout=5000)
    assert check.found.text() == (
        "This server runs Postfix 3.7.11 on Debian GNU/Linux 12 (bookworm): Relay Wizard "
        "sets up Postfix."
    )
    assert check.found.isVisible()
    assert check.status.text() == "Mail accounts are made for mail.example.com."
    assert wiz.state.model.report is not None and wiz.state.model.report.mta == "postfix"


def test_settings_plan_for_the_postfix_state_read(
    qtbot: QtBot, wiz: RelayWizard, postfix: PostfixFakeServices
) -> None:
    connected(qtbot, wiz)
    to_page(qtbot, wiz, PageId.SETTINGS)
    settings = wiz.currentPage()
    assert isinstance(settings, SettingsPage)
    qtbot.waitUntil(lambda: settings.model.plan is not None, timeout=5000)
    loaded = wiz.state.model.loaded
    assert loaded is not None and loaded.server.report.mta == "postfix"
    assert "read_state" in postfix.calls
    # stock Postfix has no logins: nothing to keep, the profile's own methods offered
    assert not settings.kept_box.isVisibleTo(settings)
    assert settings.mechs["PLAIN"].isChecked() and settings.mechs["PLAIN"].isEnabled()
    assert "self-signed" in settings.cert_note.text()
    # Postfix already takes mail from the network on port 25: no box to open it
    assert not settings.open_smtp.isVisibleTo(settings) and not settings.open_smtp.isChecked()
    assert settings.smtps.isVisibleTo(settings)
    # the same choices as for sendmail: classic, and back
    settings.classic.setChecked(True)
    qtbot.waitUntil(lambda: wiz.state.model.options.profile == "classic", timeout=5000)
    assert settings.mechs["CRAM-MD5"].isChecked() and not settings.mechs["PLAIN"].isEnabled()
    settings.modern.setChecked(True)
    settings.smtps.setChecked(True)
    qtbot.waitUntil(lambda: wiz.state.model.options.smtps, timeout=5000)


def test_users_page_says_the_realm_and_where_it_comes_from(qtbot: QtBot) -> None:
    for services, said, detail in (
        (
            PostfixFakeServices(),
            "New accounts are made in the realm mail.example.com: the server's name as Postfix "
            "knows it.",
            "myhostname",
        ),
        (
            PostfixFakeServices(local_domain="example.com"),
            "New accounts are made in the realm example.com: the login domain set in Postfix's "
            "configuration.",
            "smtpd_sasl_local_domain",
        ),
    ):
        w = start(qtbot, services)
        connected(qtbot, w)
        to_page(qtbot, w, PageId.USERS)
        users = w.currentPage()
        assert isinstance(users, UsersPage)
        assert users.realm.text().startswith(said), users.realm.text()
        assert users.realm.isVisible() and detail in users.realm.toolTip()
        assert "sendmail" not in users.undo.toolTip()
        w.state.worker.stop()


def test_a_failed_apply_and_a_rollback_name_postfix(
    qtbot: QtBot, wiz: RelayWizard, postfix: PostfixFakeServices
) -> None:
    postfix.apply_fails = True
    connected(qtbot, wiz)
    to_page(qtbot, wiz, PageId.APPLY)
    apply = wiz.currentPage()
    assert isinstance(apply, ApplyPage)
    qtbot.waitUntil(lambda: "put back" in apply.outcome.text(), timeout=5000)
    assert "Postfix runs with its previous configuration" in apply.outcome.text()
    assert "sendmail" not in apply.outcome.text()
    postfix.apply_fails = False
    # Users' undo of the last apply
    users = wiz.page(PageId.USERS)
    assert isinstance(users, UsersPage)
    users._rolled_back(postfix.rollback(None, print))
    assert users.status.text().startswith("Rolled back: Postfix is back")


def test_no_page_says_sendmail_or_command_line_words_on_a_postfix_server(qtbot: QtBot) -> None:
    # with certbot's certificates, fail2ban and failed logins: every sentence about them
    wiz = start(qtbot, guarded(PostfixFakeServices()))
    seen: dict[str, list[str]] = {}
    for name, w in walk(qtbot, wiz):
        for text in texts(w):
            if "sendmail" in text.lower() and "sendmail and Postfix" not in text:
                seen.setdefault(name, []).append(text)
            bad = offences(text)
            if bad:
                seen.setdefault(name, []).append(f"{bad}: {text}")
    wiz.state.worker.stop()
    assert not seen, seen


@pytest.mark.parametrize("language", ["en", "de"])
def test_nothing_is_cut_off_on_the_pages_that_differ(
    qtbot: QtBot, qapp: QApplication, language: str
) -> None:
    locale = QLocale(QLocale.Language.German, QLocale.Country.Germany)
    translators = i18n.install(qapp, locale) if language == "de" else []
    wiz = start(qtbot, guarded(PostfixFakeServices()))
    cut: dict[str, list[str]] = {}
    for name, w in walk(qtbot, wiz):
        assert (w.width(), w.height()) == SIZE
        qtbot.wait(50)  # the layouts settle
        found = cut_off(w)
        if found:
            cut[name] = found
    wiz.state.worker.stop()
    i18n.remove(qapp, translators)
    assert not cut, cut


@pytest.fixture
def german(qapp: QApplication) -> Iterator[None]:
    translators = i18n.install(qapp, QLocale(QLocale.Language.German, QLocale.Country.Germany))
    yield
    i18n.remove(qapp, translators)


def test_in_german_every_page_on_a_postfix_server_is_translated(qtbot: QtBot, german: None) -> None:
    w = start(qtbot, guarded(PostfixFakeServices()))
    catalogue = Catalogue(german_texts())
    gaps: set[str] = set()
    for _name, shown in walk(qtbot, w):
        gaps |= {gap for text in readable(shown) if text for gap in catalogue.gaps(text)}
        if isinstance(shown.currentPage(), CheckPage):
            assert "Auf diesem Server läuft Postfix 3.7.11" in shown.currentPage().found.text()
    w.state.worker.stop()
    assert not gaps, sorted(gaps)


def test_where_postfix_uses_dovecot_the_accounts_are_not_made_here(qtbot: QtBot) -> None:
    services = PostfixFakeServices(sasl_type="dovecot")
    w = start(qtbot, services)
    connected(qtbot, w)
    to_page(qtbot, w, PageId.USERS)
    users = w.currentPage()
    assert isinstance(users, UsersPage)
    assert users.realm.text().startswith("Postfix checks logins with Dovecot")
    assert not users.add.isEnabled() and not users.add_list.isEnabled()
    qtbot.waitUntil(lambda: "list_users" in services.calls, timeout=5000)
    assert not users.passwd.isEnabled() and not users.remove.isEnabled()
    w.state.worker.stop()


def test_done_on_postfix_says_the_ban_is_not_set_up_instead_of_asking_for_fail2ban(
    qtbot: QtBot,
) -> None:
    wiz = start(qtbot, PostfixFakeServices())
    for name, _ in walk(qtbot, wiz):
        last = name
    done = wiz.currentPage()
    assert last == "DonePage" and isinstance(done, DonePage)
    shown = done.summary.toPlainText()
    assert "does not set up a ban on password guessers for Postfix yet" in shown
    assert "Install the fail2ban package" not in shown
    wiz.state.worker.stop()
