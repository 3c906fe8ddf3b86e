"""Onboarding on the Users page, as the admin does it: a staff list pasted or opened, one
call for every account, a handout (a real PDF, rendered on the worker thread) and client
files per person in the chosen folder, the passwords shown once."""

from __future__ import annotations

import stat
import subprocess
import threading
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QApplication

from tests.ui.test_pages import connected, fakes, to_page, wiz
from wizard.core.mta.sendmail.users import SaslUser
from wizard.ui.model.state import PageId
from wizard.ui.onboarding import OnboardDialog
from wizard.ui.pages.users import UsersPage

__all__ = ["fakes", "wiz"]  # the fixtures of the page tests

if TYPE_CHECKING:
    from pathlib import Path

    from pytestqt.qtbot import QtBot

    from tests.ui.fakes import FakeDialogs, FakeServices
    from wizard.ui.wizard import RelayWizard

STAFF = "name,address,display name\n" + "".join(
    f"staff{i},staff{i}@lab.test,Staff Member {i}\n" for i in range(10)
)


def open_dialog(qtbot: QtBot, wiz: RelayWizard, host: str = "mail.example.com") -> OnboardDialog:
    connected(qtbot, wiz, host=host)
    to_page(qtbot, wiz, PageId.USERS)
    page = wiz.currentPage()
    assert isinstance(page, UsersPage)
    page.add_list.click()
    dialog = page.onboarding
    assert isinstance(dialog, OnboardDialog) and dialog.isVisible()
    return dialog


def finished(qtbot: QtBot, dialog: OnboardDialog) -> None:
    qtbot.waitUntil(lambda: dialog.job is None and dialog.close_button.isEnabled(), timeout=20000)


def pdf_text(path: Path) -> str:
    text = subprocess.run(
        ["pdftotext", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    return text.replace("\ufb00", "ff").replace("\ufb01", "fi")  # the font's ligatures


def test_ten_staff_from_a_csv_file_one_call_ten_kits_passwords_shown_once(
    qtbot: QtBot, wiz: RelayWizard, fakes: tuple[FakeServices, FakeDialogs], tmp_path: Path
) -> None:
    services, dialogs = fakes
    csv = tmp_path / "staff.csv"
    csv.write_text(STAFF)
    dialogs.staff_file, dialogs.folder = str(csv), str(tmp_path / "kits")
    dialog = open_dialog(qtbot, wiz, host="192.0.2.7")  # reached by address
    dialog.open_file.click()
    dialog.choose.click()
    assert (
        dialog.list_note.text()
        == "10 people: staff0, staff1, staff2, staff3, staff4, staff5 and 4 more."
    )
    assert dialog.server_name.text() == "mail-a.lab.test" and dialog.domain.text() == "lab.test"
    dialog.create_button.click()
    assert dialogs.questions[-1] == "Create 10 mail accounts on the server now?"
    finished(qtbot, dialog)
    assert [c for c in services.calls if c.startswith("create_accounts")] == ["create_accounts 10"]
    folder = tmp_path / "kits"
    assert dialog.headline.text() == (
        f"10 accounts made; handouts and mail settings for each person are in {folder}."
    )
    assert dialog.table.rowCount() == 10
    passwords = {dialog.table.item(r, 0).text(): dialog.table.item(r, 1).text() for r in range(10)}
    assert sorted(passwords) == [f"staff{i}" for i in range(10)]
    addresses = {dialog.table.item(r, 2).text() for r in range(10)}
    assert all(a.endswith("@lab.test") for a in addresses), "each person's address is shown"
    pdfs = sorted(folder.glob("*-mail-settings.pdf"))
    assert len(pdfs) == 10
    assert len(list(folder.glob("*-msmtprc"))) == 10 and len(list(folder.glob("*-muttrc"))) == 10
    text = pdf_text(folder / "staff3-mail-settings.pdf")
    assert "mail-a.lab.test" in text and "staff3" in text and "192.0.2.7" not in text
    for path in folder.iterdir():
        data = path.read_bytes()
        assert not any(p.encode() in data for p in passwords.values()), path.name
        assert b"192.0.2.7" not in data, path.name
    assert "Thunderbird or Apple Mail" in dialog.notes.text(), "no incoming server was given"
    dialog.copy.click()
    copied = QApplication.clipboard().text()
    assert copied.splitlines()[0] == f"staff0\t{passwords['staff0']}"
    # Closing asks first, then the passwords go with the window; the table is read again.
    dialog.reject()
    assert dialogs.questions[-1] == "Close this window? The passwords will not be shown again."
    assert not dialog.isVisible() and dialog.table.rowCount() == 0
    page = wiz.currentPage()
    assert isinstance(page, UsersPage)
    qtbot.waitUntil(lambda: page.table.rowCount() == 10, timeout=5000)


def test_a_bad_line_is_named_and_nothing_is_made(
    qtbot: QtBot, wiz: RelayWizard, fakes: tuple[FakeServices, FakeDialogs], tmp_path: Path
) -> None:
    services, dialogs = fakes
    dialog = open_dialog(qtbot, wiz)
    dialog.staff.setPlainText("alice, alice@example.com\nbob smith\ncarol\n")
    assert dialog.list_note.text().startswith("Line 2 of the staff list has 'bob smith'")
    dialog.folder.setText(str(tmp_path / "kits"))
    dialog.create_button.click()
    assert dialog.list_note.text().startswith("Line 2 of the staff list")
    assert dialog.error.text() == "", "said once, under the list"
    assert dialog.focusWidget() is dialog.staff, "the list, where the line is"
    assert dialog.stack.currentIndex() == 0
    assert not any(c.startswith("create_accounts") for c in services.calls)
    assert dialogs.questions == [] and not (tmp_path / "kits").exists()
    dialog.staff.setPlainText("alice\n")
    dialog.folder.setText("")
    dialog.create_button.click()
    assert dialog.error.text() == "Choose the folder for the handouts."
    dialog.folder.setText(str(tmp_path / "kits"))
    dialog.server_name.setText("192.0.2.7")
    dialog.create_button.click()
    assert "not its address" in dialog.error.text()
    assert not any(c.startswith("create_accounts") for c in services.calls)


def test_passwords_on_the_handouts_only_when_asked_and_those_files_are_0600(
    qtbot: QtBot, wiz: RelayWizard, fakes: tuple[FakeServices, FakeDialogs], tmp_path: Path
) -> None:
    _services, _dialogs = fakes
    dialog = open_dialog(qtbot, wiz)
    dialog.staff.setPlainText("alice, alice@example.com, Alice Martin\nbob\n")
    dialog.folder.setText(str(tmp_path / "kits"))
    dialog.incoming.setText("imap.example.com")
    dialog.with_passwords.setChecked(True)
    dialog.create_button.click()
    finished(qtbot, dialog)
    folder = tmp_path / "kits"
    alice = dialog.table.item(0, 1).text()
    handout = folder / "alice-mail-settings.pdf"
    assert stat.S_IMODE(handout.stat().st_mode) == 0o600
    assert alice in pdf_text(handout)
    assert "only you can open those files" in dialog.passwords_note.text()
    thunderbird = folder / "alice-thunderbird-config-v1.1.xml"
    assert thunderbird.exists() and alice not in thunderbird.read_text()
    assert stat.S_IMODE(thunderbird.stat().st_mode) & 0o044, "no password: an ordinary file"
    assert "Thunderbird" not in dialog.notes.text()


def test_stop_during_the_run_keeps_the_passwords_of_the_accounts_made(
    qtbot: QtBot, wiz: RelayWizard, fakes: tuple[FakeServices, FakeDialogs], tmp_path: Path
) -> None:
    services, dialogs = fakes
    services.user_list = [SaslUser("bob", "mail.example.com")]  # bob exists already
    dialog = open_dialog(qtbot, wiz)
    dialog.staff.setPlainText("alice\nbob\ncarol\n")
    dialog.folder.setText(str(tmp_path / "kits"))
    services.release.clear()  # the server call waits
    dialog.create_button.click()
    assert dialog.stack.currentIndex() == 1 and not dialog.close_button.isEnabled()
    qtbot.waitUntil(lambda: "create_accounts 3" in services.calls, timeout=5000)
    dialog.reject()  # Escape while it runs: Stop, not close
    assert dialog.isVisible() and dialog.headline.text() == "Stopping after the current person..."
    threading.Timer(0.2, services.release.set).start()
    finished(qtbot, dialog)
    assert dialog.headline.text() == (
        f"2 accounts made; handouts and mail settings for 0 of them are in {tmp_path / 'kits'}."
    )
    assert [dialog.table.item(r, 0).text() for r in range(dialog.table.rowCount())] == [
        "alice",
        "carol",
    ]
    notes = dialog.notes.text()
    assert "Already had an account, left as it was (no handout): bob." in notes
    assert "Stopped before the handouts of: alice, carol." in notes
    dialogs.answer = False
    dialog.reject()
    assert dialog.isVisible(), "the admin chose to keep the passwords on screen"


def test_stop_before_the_server_is_asked_makes_nothing(
    qtbot: QtBot, wiz: RelayWizard, fakes: tuple[FakeServices, FakeDialogs], tmp_path: Path
) -> None:
    services, _dialogs = fakes
    dialog = open_dialog(qtbot, wiz)
    dialog.staff.setPlainText("alice\n")
    dialog.folder.setText(str(tmp_path / "kits"))
    block = threading.Event()
    dialog.ctx.run(lambda _ctx: block.wait(10), lambda _r: None, lambda _e: None)  # busy
    dialog.create_button.click()
    dialog.stop.click()
    block.set()
    finished(qtbot, dialog)
    assert dialog.headline.text() == "Stopped: no account was made."
    assert not any(c.startswith("create_accounts") for c in services.calls)
