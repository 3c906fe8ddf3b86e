"""Each page of the wizard with fake core services (fast), and a walk by keyboard alone."""

from __future__ import annotations

import os
import stat
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLineEdit, QWizard
from pytestqt.qtbot import QtBot

from tests.ui.fakes import FakeDialogs, FakeServices
from wizard.ui.model.state import PageId
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


@pytest.fixture
def fakes() -> tuple[FakeServices, FakeDialogs]:
    return FakeServices(), FakeDialogs()


@pytest.fixture
def wiz(qtbot: QtBot, fakes: tuple[FakeServices, FakeDialogs]) -> Iterator[RelayWizard]:
    w = RelayWizard(fakes[0], fakes[1])  # type: ignore[arg-type]
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    yield w
    w.state.worker.stop()


def connected(qtbot: QtBot, w: RelayWizard, host: str = "mail.example.com") -> ConnectPage:
    w.next()
    page = w.currentPage()
    assert isinstance(page, ConnectPage)
    page.host.setText(host)
    page.password.setText("ssh-pw")
    page.connect_button.click()
    qtbot.waitUntil(page.isComplete, timeout=5000)
    return page


def to_page(qtbot: QtBot, w: RelayWizard, page_id: int) -> None:
    """Walk forward, waiting for each page to be complete."""
    while w.currentId() != page_id:
        qtbot.waitUntil(
            lambda: (
                w.button(QWizard.WizardButton.NextButton).isEnabled()
                or w.button(QWizard.WizardButton.CommitButton).isEnabled()
            ),
            timeout=5000,
        )
        w.next()


def test_window_has_title_icon_and_version(wiz: RelayWizard) -> None:
    assert wiz.windowTitle() == "Relay Wizard"
    assert not wiz.windowIcon().isNull()
    assert wiz.width() >= 700 and wiz.height() >= 500
    page = wiz.currentPage()
    assert isinstance(page, WelcomePage)
    assert not page.saved.isEnabled(), "no saved server yet"


def test_connect_asks_about_an_unknown_key_then_connects(
    qtbot: QtBot, wiz: RelayWizard, fakes: tuple[FakeServices, FakeDialogs]
) -> None:
    services, dialogs = fakes
    page = connected(qtbot, wiz)
    assert dialogs.host_keys == ["SHA256:fake"]
    assert services.calls[-1] == "connect root@mail.example.com:22 accept=SHA256:fake"
    assert "Connected to root@mail.example.com:22" in page.status.text()


def test_refused_key_and_bad_input_say_why_next_to_the_field(
    qtbot: QtBot, wiz: RelayWizard, fakes: tuple[FakeServices, FakeDialogs]
) -> None:
    services, dialogs = fakes
    wiz.next()
    page = wiz.currentPage()
    assert isinstance(page, ConnectPage)
    page.host.setText("bad host!")
    page.connect_button.click()
    assert "not a valid host name" in page.error.text()
    assert services.calls == []
    dialogs.accept_key = False
    page.host.setText("mail.example.com")
    page.connect_button.click()
    qtbot.waitUntil(lambda: "not accepted" in page.error.text(), timeout=5000)
    assert not page.isComplete()
    services.unknown_key, services.wrong_password = False, True
    page.connect_button.click()
    qtbot.waitUntil(lambda: "refused the login" in page.error.text(), timeout=5000)
    services.wrong_password, services.changed_key = False, True
    page.connect_button.click()
    qtbot.waitUntil(lambda: "has CHANGED" in page.error.text(), timeout=5000)
    assert "background: #b00020" in page.error.styleSheet()
    assert not page.isComplete()


def test_check_settings_review_apply_and_back_keeps_entries(
    qtbot: QtBot, wiz: RelayWizard, fakes: tuple[FakeServices, FakeDialogs]
) -> None:
    connected(qtbot, wiz)
    wiz.next()
    check = wiz.currentPage()
    assert isinstance(check, CheckPage)
    qtbot.waitUntil(check.isComplete, timeout=5000)
    texts = check.findings.texts()
    assert any("the mail is refused" in t for t in texts)

    wiz.next()
    settings = wiz.currentPage()
    assert isinstance(settings, SettingsPage)
    qtbot.waitUntil(settings.isComplete, timeout=5000)
    assert settings.mechs["PLAIN"].isChecked() and not settings.mechs["DIGEST-MD5"].isEnabled()
    settings.classic.setChecked(True)
    assert settings.mechs["DIGEST-MD5"].isChecked() and not settings.smtps.isEnabled()
    assert wiz.state.model.options.profile == "classic"
    settings.mechs["DIGEST-MD5"].setChecked(False)
    assert wiz.state.model.options.mechanisms == ("CRAM-MD5",)
    settings.modern.setChecked(True)
    settings.cert.setText("/etc/ssl/only-a-cert.pem")
    assert not settings.isComplete()
    assert "needs its key" in settings.checks.texts()[0]
    settings.cert.clear()
    assert settings.isComplete()

    wiz.next()
    review = wiz.currentPage()
    assert isinstance(review, ReviewPage)
    assert review.isCommitPage()
    assert wiz.button(QWizard.WizardButton.CommitButton).text() == "&Apply"
    shown = review.changes.toHtml()  # the exact changes, under the plain summary
    assert "#116611" in shown and "#aa1111" in shown  # added and removed lines in colour
    wiz.back()
    assert wiz.currentPage() is settings and settings.modern.isChecked()
    wiz.next()

    wiz.next()
    apply = wiz.currentPage()
    assert isinstance(apply, ApplyPage)
    qtbot.waitUntil(apply.isComplete, timeout=5000)
    assert "Applied and verified" in apply.outcome.text()
    assert apply.steps.count() == 4  # each step the fake reported


def test_apply_failure_shows_the_rollback(
    qtbot: QtBot, wiz: RelayWizard, fakes: tuple[FakeServices, FakeDialogs]
) -> None:
    services, _ = fakes
    services.apply_fails = True
    connected(qtbot, wiz)
    to_page(qtbot, wiz, PageId.APPLY)
    apply = wiz.currentPage()
    assert isinstance(apply, ApplyPage)
    qtbot.waitUntil(lambda: "put back" in apply.outcome.text(), timeout=5000)
    rows = [apply.steps.item(i).text() for i in range(apply.steps.count())]
    assert rows[-1].startswith("Put the server back as it was")
    assert "rollback: ok: restored /etc/mail/sendmail.mc" in apply.log.toPlainText()
    assert not apply.isComplete()


def test_cancel_during_apply(
    qtbot: QtBot, wiz: RelayWizard, fakes: tuple[FakeServices, FakeDialogs]
) -> None:
    services, _ = fakes
    services.release.clear()  # apply waits between its steps
    connected(qtbot, wiz)
    to_page(qtbot, wiz, PageId.APPLY)
    apply = wiz.currentPage()
    assert isinstance(apply, ApplyPage)
    apply.cancel_button.click()
    services.release.set()
    qtbot.waitUntil(lambda: "put back" in apply.outcome.text(), timeout=5000)
    assert "Cancelling" in apply.log.toPlainText()


def test_users_test_export_done(
    qtbot: QtBot, wiz: RelayWizard, fakes: tuple[FakeServices, FakeDialogs]
) -> None:
    services, _ = fakes
    connected(qtbot, wiz)
    to_page(qtbot, wiz, PageId.USERS)
    users = wiz.currentPage()
    assert isinstance(users, UsersPage)
    users.add.click()
    qtbot.waitUntil(lambda: users.table.rowCount() == 1, timeout=5000)
    assert "Password saved in KWallet" in users.status.text()
    assert services.creds.saved[("mail.example.com", "alice")] == "Typed-Password-99"
    users.copy.click()
    assert QApplication.clipboard().text() == "Typed-Password-99"
    users.table.selectRow(0)
    users.passwd.click()
    qtbot.waitUntil(lambda: "change_password alice" in services.calls, timeout=5000)

    wiz.next()
    test = wiz.currentPage()
    assert isinstance(test, test_page.TestPage)
    assert test.user.text() == "alice"
    test.to.setText("me@example.org")
    test.password.setText("wrong")
    test.send.click()
    qtbot.waitUntil(lambda: "535" in test.card.text(), timeout=5000)
    assert "What to do" in test.card.text()
    assert "wrong" not in test.transcript.toPlainText()
    test.password.setText("Typed-Password-99")
    test.send.click()
    qtbot.waitUntil(lambda: "accepted the test message" in test.card.text(), timeout=5000)
    assert "waiting in the server's queue" in test.card.text()
    test.audit.click()
    qtbot.waitUntil(lambda: "is closed" in test.card.text(), timeout=5000)

    wiz.next()
    export = wiz.currentPage()
    assert isinstance(export, ExportPage)
    assert "User name: alice" in export.view.toPlainText()
    wiz.next()
    done = wiz.currentPage()
    assert isinstance(done, DonePage)
    assert "5ATC0x00001" in done.summary.toPlainText()


def test_export_without_a_verified_send_says_unverified(qtbot: QtBot, wiz: RelayWizard) -> None:
    connected(qtbot, wiz)
    wiz.state.model.manage = True
    to_page(qtbot, wiz, PageId.EXPORT)
    export = wiz.currentPage()
    assert isinstance(export, ExportPage)
    assert "account" in export.note.text(), "no account yet: the page says what is missing"
    assert not export.save.isEnabled()
    export.account.setText("alice")
    assert "UNVERIFIED" in export.note.text() and "UNVERIFIED" in export.view.toPlainText()
    assert export.save.isEnabled()


def test_export_previews_saves_and_copies_each_format(
    qtbot: QtBot,
    wiz: RelayWizard,
    fakes: tuple[FakeServices, FakeDialogs],
    tmp_path: Path,
) -> None:
    services, dialogs = fakes
    connected(qtbot, wiz)
    to_page(qtbot, wiz, PageId.TEST)
    test = wiz.currentPage()
    assert isinstance(test, test_page.TestPage)
    test.to.setText("me@example.org")
    test.user.setText("alice")
    test.password.setText("Typed-Password-99")
    test.send.click()
    qtbot.waitUntil(lambda: "accepted the test message" in test.card.text(), timeout=5000)
    wiz.next()
    export = wiz.currentPage()
    assert isinstance(export, ExportPage)
    # the verified settings are saved (off the GUI thread), for the command line's export too
    qtbot.waitUntil(lambda: services.profile_store.profiles[-1].verified, timeout=5000)
    (saved,) = services.profile_store.profiles
    assert saved.verified and saved.smtp_port == 587 and saved.mechanism == "CRAM-MD5"
    assert export.note.text() == "", "verified: no warning"

    def choose(fmt: str) -> None:
        export.format.setCurrentIndex(export.format.findData(fmt))

    assert "Password" not in export.view.toPlainText()
    export.with_password.setChecked(True)
    assert "Password: Typed-Password-99" in export.view.toPlainText()
    export.with_password.setChecked(False)

    choose("thunderbird")
    assert "incoming" in export.note.text() and not export.save.isEnabled()
    assert export.use_handout.isVisibleTo(export)
    export.use_handout.click()
    assert export.current_format() == "handout-html"
    choose("thunderbird")
    export.incoming_host.setText("imap.example.com")
    root = ET.fromstring(export.view.toPlainText())
    assert root.findtext("emailProvider/outgoingServer/port") == "587"
    assert root.findtext("emailProvider/outgoingServer/authentication") == "password-encrypted"

    choose("msmtp")
    assert "auth cram-md5" in export.view.toPlainText()
    export.copy.click()
    assert QApplication.clipboard().text() == export.view.toPlainText()
    target = tmp_path / "msmtprc"
    dialogs.save_file = lambda parent, title, name: str(target)  # type: ignore[method-assign]
    export.save.click()  # written off the GUI thread
    qtbot.waitUntil(lambda: "Saved" in export.note.text(), timeout=5000)
    assert "port 587" in target.read_text() and target.stat().st_mode & 0o077 == 0

    choose("handout-pdf")
    assert "User name: alice" in export.view.toPlainText()
    pdf = tmp_path / "alice.pdf"
    dialogs.save_file = lambda parent, title, name: str(pdf)  # type: ignore[method-assign]
    export.save.click()
    qtbot.waitUntil(lambda: str(pdf) in export.note.text(), timeout=5000)
    assert pdf.read_bytes().startswith(b"%PDF")
    assert "export handout-html" in services.calls


def _verified_export_page(
    qtbot: QtBot, wiz: RelayWizard, password: str = "Typed-Password-99"
) -> ExportPage:
    connected(qtbot, wiz)
    to_page(qtbot, wiz, PageId.TEST)
    test = wiz.currentPage()
    assert isinstance(test, test_page.TestPage)
    test.to.setText("me@example.org")
    test.user.setText("alice")
    test.password.setText(password)
    test.send.click()
    qtbot.waitUntil(lambda: "accepted the test message" in test.card.text(), timeout=5000)
    wiz.next()
    export = wiz.currentPage()
    assert isinstance(export, ExportPage)
    return export


def test_test_page_refuses_a_hostile_recipient_before_sending(
    qtbot: QtBot, wiz: RelayWizard, fakes: tuple[FakeServices, FakeDialogs]
) -> None:
    services, _ = fakes
    connected(qtbot, wiz)
    to_page(qtbot, wiz, PageId.TEST)
    test = wiz.currentPage()
    assert isinstance(test, test_page.TestPage)
    test.user.setText("alice")
    test.password.setText("pw")
    for to in ("me@example.org\r\nRCPT TO:<x@evil.example>", "me@999.1.1.1", "a b@example.org"):
        test.to.setText(to)
        test.send.click()
        assert "not a usable e-mail address" in test.card.text()
        assert "\n" not in test.card.text()
    test.to.setText("me@example.org")
    test.user.setText("ali\nce")
    test.send.click()
    assert "control character" in test.card.text()
    assert not any(call.startswith("test_send") for call in services.calls), "nothing sent"


def test_export_page_refuses_hostile_fields_and_saves_nothing(
    qtbot: QtBot, wiz: RelayWizard, fakes: tuple[FakeServices, FakeDialogs], tmp_path: Path
) -> None:
    _, dialogs = fakes
    export = _verified_export_page(qtbot, wiz)
    target = tmp_path / "out"
    dialogs.save_file = lambda parent, title, name: str(target)  # type: ignore[method-assign]
    export.format.setCurrentIndex(export.format.findData("msmtp"))
    for field, value, phrase in (
        (export.email, "a@example.com\npasswordeval touch /tmp/x", "not a usable e-mail"),
        (export.email, "`touch /tmp/x`@example.com", "not a usable e-mail"),
        (export.account, "alice\npasswordeval x", "not a usable account name"),
        (export.incoming_host, "999.1.1.1", "IPv4"),
    ):
        field.setText(value)
        assert phrase in export.note.text(), export.note.text()
        assert "\n" not in export.note.text()
        assert not export.save.isEnabled() and export.view.toPlainText() == ""
        export.save.click()
        assert not target.exists(), "nothing written"
        field.setText("imap.example.com" if field is export.incoming_host else "")
        if field is export.account:
            field.setText("alice")
    assert "from alice@example.com" in export.view.toPlainText()


def test_a_handout_with_the_password_is_saved_private(
    qtbot: QtBot, wiz: RelayWizard, fakes: tuple[FakeServices, FakeDialogs], tmp_path: Path
) -> None:
    _, dialogs = fakes
    export = _verified_export_page(qtbot, wiz)
    export.with_password.setChecked(True)
    old = os.umask(0)
    try:
        for fmt, name in (("handout-html", "alice.html"), ("handout-pdf", "alice.pdf")):
            export.format.setCurrentIndex(export.format.findData(fmt))
            path = tmp_path / name
            path.write_text("old")
            path.chmod(0o644)
            dialogs.save_file = lambda parent, title, name, p=path: str(p)  # type: ignore[method-assign,misc]
            export.save.click()
            qtbot.waitUntil(lambda p=path: f"Saved {p}" in export.note.text(), timeout=5000)
            assert stat.S_IMODE(path.stat().st_mode) == 0o600, fmt
            assert path.read_bytes() != b"old"
        assert b"Typed-Password-99" in (tmp_path / "alice.html").read_bytes()
        link = tmp_path / "link.html"
        link.symlink_to(tmp_path / "alice.html")
        export.format.setCurrentIndex(export.format.findData("handout-html"))
        dialogs.save_file = lambda parent, title, name: str(link)  # type: ignore[method-assign]
        export.save.click()
        qtbot.waitUntil(lambda: "not an ordinary file" in export.note.text(), timeout=5000)
        export.with_password.setChecked(False)
        public = tmp_path / "public.html"
        dialogs.save_file = lambda parent, title, name: str(public)  # type: ignore[method-assign]
        export.save.click()
        qtbot.waitUntil(lambda: str(public) in export.note.text(), timeout=5000)
        assert stat.S_IMODE(public.stat().st_mode) == 0o644, "no password: an ordinary file"
    finally:
        os.umask(old)


def test_a_server_reached_by_address_takes_its_mail_domain_from_its_canonical_name(
    qtbot: QtBot, wiz: RelayWizard
) -> None:
    """An IP address names neither the server nor a mail domain: the server's $j
    (inspected) gives both, and without them the page asks for the name."""
    connected(qtbot, wiz, host="192.0.2.7")
    to_page(qtbot, wiz, PageId.TEST)
    wiz.next()
    export = wiz.currentPage()
    assert isinstance(export, ExportPage)
    export.account.setText("alice")
    assert wiz.state.model.report.realm == "mail-a.lab.test"
    assert "Email address: alice@lab.test" in export.view.toPlainText()
    assert "Outgoing (SMTP) server: mail-a.lab.test" in export.view.toPlainText()
    assert "192.0.2.7" not in export.view.toPlainText()
    export.server_name.clear()
    assert "192.0.2.7" in export.note.text() and "name" in export.note.text()
    assert not export.save.isEnabled() and not export.copy.isEnabled()
    export.server_name.setText("mail.example.com")
    export.email.setText("alice@example.com")
    assert "Email address: alice@example.com" in export.view.toPlainText()
    assert export.save.isEnabled() and export.copy.isEnabled()


def test_inputs_have_accessible_names_and_buddies(wiz: RelayWizard) -> None:
    for page_id in wiz.pageIds():
        page = wiz.page(page_id)
        for edit in page.findChildren(QLineEdit):
            if edit.objectName().startswith("qt_"):
                continue  # Qt's own line edit inside a spin box, named through the spin box
            assert edit.accessibleName(), f"{type(page).__name__}: a field without a name"


def test_the_whole_job_by_keyboard_alone(
    qtbot: QtBot, wiz: RelayWizard, fakes: tuple[FakeServices, FakeDialogs]
) -> None:
    """Tab moves between fields and buttons, Space presses, Enter goes on, Escape leaves."""
    services, _ = fakes
    wiz.activateWindow()
    qtbot.waitActive(wiz)

    def press(k: Qt.Key) -> None:
        QTest.keyClick(QApplication.focusWidget() or wiz, k)

    def tab_to(widget: object) -> None:
        for _ in range(60):
            if QApplication.focusWidget() is widget:
                return
            press(Qt.Key.Key_Tab)
        raise AssertionError(f"{widget} cannot be reached with Tab")

    def type_text(text: str) -> None:
        QTest.keyClicks(QApplication.focusWidget(), text)

    def enter_next(expected: int) -> None:
        qtbot.waitUntil(wiz.currentPage().isComplete, timeout=5000)
        tab_to(wiz.button(QWizard.WizardButton.NextButton))
        press(Qt.Key.Key_Space)
        assert wiz.currentId() == expected

    press(Qt.Key.Key_Return)  # Enter: Next is the default button
    assert wiz.currentId() == PageId.CONNECT
    page = wiz.currentPage()
    assert isinstance(page, ConnectPage)
    tab_to(page.host)
    type_text("mail.example.com")
    press(Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is page.port.findChild(QLineEdit) or page.port.hasFocus()
    tab_to(page.password)
    type_text("ssh-pw")
    press(Qt.Key.Key_Return)  # Enter in the password field connects
    qtbot.waitUntil(page.isComplete, timeout=5000)
    enter_next(PageId.CHECK)
    enter_next(PageId.SETTINGS)
    settings = wiz.currentPage()
    assert isinstance(settings, SettingsPage)
    qtbot.waitUntil(settings.isComplete, timeout=5000)
    tab_to(settings.modern)
    press(Qt.Key.Key_Down)  # arrows move within the profile choice
    assert settings.classic.isChecked() and wiz.state.model.options.profile == "classic"
    enter_next(PageId.REVIEW)
    tab_to(wiz.button(QWizard.WizardButton.CommitButton))
    press(Qt.Key.Key_Space)  # Apply
    assert wiz.currentId() == PageId.APPLY
    enter_next(PageId.USERS)
    users = wiz.currentPage()
    assert isinstance(users, UsersPage)
    tab_to(users.add)
    press(Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: "is ready" in users.status.text(), timeout=5000)
    assert "add_user alice" in services.calls
    enter_next(PageId.TEST)
    test = wiz.currentPage()
    assert isinstance(test, test_page.TestPage)
    tab_to(test.to)
    type_text("me@example.org")
    tab_to(test.send)
    press(Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: "accepted the test message" in test.card.text(), timeout=5000)
    enter_next(PageId.EXPORT)
    enter_next(PageId.DONE)
    press(Qt.Key.Key_Escape)
    assert not wiz.isVisible()


def test_a_saved_server_opens_straight_into_the_manage_view(
    qtbot: QtBot, fakes: tuple[FakeServices, FakeDialogs]
) -> None:
    services, dialogs = fakes
    first = RelayWizard(services, dialogs)  # type: ignore[arg-type]
    qtbot.addWidget(first)
    first.show()
    connected(qtbot, first)
    first.state.worker.stop()
    saved = services.profile_store.profiles
    assert [(p.name, p.host, p.ssh_user, p.host_key) for p in saved] == [
        ("mail.example.com", "mail.example.com", "root", "")
    ]

    w = RelayWizard(services, dialogs)  # type: ignore[arg-type]
    qtbot.addWidget(w)
    w.show()
    welcome = w.currentPage()
    assert isinstance(welcome, WelcomePage)
    assert welcome.saved.isEnabled() and welcome.list.count() == 1
    welcome.saved.setChecked(True)
    welcome.list.setCurrentRow(0)
    w.next()
    page = w.currentPage()
    assert isinstance(page, ConnectPage)
    assert page.host.text() == "mail.example.com"
    page.password.setText("pw")
    page.connect_button.click()
    qtbot.waitUntil(page.isComplete, timeout=5000)
    w.next()
    qtbot.waitUntil(w.currentPage().isComplete, timeout=5000)
    w.next()
    users = w.currentPage()
    assert isinstance(users, UsersPage), "manage: straight to users, test, export, undo"
    users.undo.click()
    qtbot.waitUntil(lambda: "Rolled back" in users.status.text(), timeout=5000)
    w.state.worker.stop()


def test_mnemonics_are_unique_on_every_page(wiz: RelayWizard) -> None:
    """Alt+letter must reach one control: the page's own and the wizard's Next and Back."""
    import re

    from PySide6.QtWidgets import QAbstractButton, QLabel

    for page_id in wiz.pageIds():
        page = wiz.page(page_id)
        letters = ["n", "b"]  # &Next >, < &Back
        texts = [b.text() for b in page.findChildren(QAbstractButton)]
        texts += [lab.text() for lab in page.findChildren(QLabel) if lab.buddy() is not None]
        if page.isCommitPage():
            letters.append("a")  # &Apply
        for text in texts:
            m = re.search(r"&(\w)", text)
            if m:
                letters.append(m.group(1).lower())
        dupes = {c for c in letters if letters.count(c) > 1}
        assert not dupes, f"{type(page).__name__}: Alt+{dupes} is taken twice"


def test_page_ids_are_named_and_every_page_is_registered_under_its_name(
    wiz: RelayWizard,
) -> None:
    assert sorted(wiz.pageIds()) == [int(p) for p in PageId]
    assert isinstance(wiz.page(PageId.REVIEW), ReviewPage)
    assert isinstance(wiz.page(PageId.SETTINGS), SettingsPage)


def test_every_field_of_an_error_names_a_widget_of_its_page(wiz: RelayWizard) -> None:
    from PySide6.QtWidgets import QWidget

    from wizard.ui.fields import WIDGETS, widget_for

    for page_id, fields in WIDGETS.items():
        page = wiz.page(page_id)
        for field in fields:
            assert isinstance(widget_for(page, page_id, field), QWidget), (page_id, field)


def test_a_connect_error_about_the_server_shows_next_to_it(
    qtbot: QtBot, wiz: RelayWizard, fakes: tuple[FakeServices, FakeDialogs]
) -> None:
    """The field comes from the error (exc.field), never from searching its words."""
    from wizard.core.errors import ConnectError, Field

    services, _ = fakes
    services.unknown_key = False
    refusal = ConnectError("Nothing answers there.", "Check it.", field=Field.PORT)

    def refuse(*_args: object, **_kwargs: object) -> None:
        raise refusal

    services.connect = refuse  # type: ignore[method-assign,assignment]
    wiz.next()
    page = wiz.currentPage()
    assert isinstance(page, ConnectPage)
    page.host.setText("mail.example.com")
    page.connect_button.click()
    qtbot.waitUntil(lambda: "Nothing answers" in page.error.text(), timeout=5000)
    assert page.port.property("relay_wizard_marked")
    refusal.field = None
    page.connect_button.click()
    qtbot.waitUntil(lambda: "Nothing answers" in page.error.text(), timeout=5000)
    assert not page.port.property("relay_wizard_marked")
