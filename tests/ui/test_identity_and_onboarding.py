"""The Users page smalls and the Export page's mail identity, as the admin sees them."""

from __future__ import annotations

from typing import TYPE_CHECKING

from tests.ui.test_pages import connected, fakes, to_page, wiz

__all__ = ["fakes", "wiz"]  # the fixtures of the page tests
from wizard.ui.model.state import PageId
from wizard.ui.pages.export import ExportPage
from wizard.ui.pages.users import UsersPage

if TYPE_CHECKING:
    from pytestqt.qtbot import QtBot

    from wizard.ui.wizard import RelayWizard


def test_users_page_acts_only_on_a_chosen_account_and_shows_no_row_numbers(
    qtbot: QtBot, wiz: RelayWizard
) -> None:
    connected(qtbot, wiz)
    to_page(qtbot, wiz, PageId.USERS)
    page = wiz.currentPage()
    assert isinstance(page, UsersPage)
    assert not page.table.verticalHeader().isVisible()
    page.table.clearSelection()
    page.table.setCurrentCell(-1, -1)
    assert not page.passwd.isEnabled() and not page.remove.isEnabled()
    if page.table.rowCount():
        page.table.selectRow(0)
        assert page.passwd.isEnabled() and page.remove.isEnabled()


def test_export_by_address_uses_the_servers_name_and_domain(qtbot: QtBot, wiz: RelayWizard) -> None:
    connected(qtbot, wiz, host="192.0.2.7")
    to_page(qtbot, wiz, PageId.TEST)
    wiz.next()
    export = wiz.currentPage()
    assert isinstance(export, ExportPage)
    export.account.setText("alice")
    assert export.server_name.text() == "mail-a.lab.test" and export.domain.text() == "lab.test"
    for index in range(export.format.count()):
        export.format.setCurrentIndex(index)
        assert "192.0.2.7" not in export.view.toPlainText(), export.format.currentData()
    export.domain.setText("192.0.2.7")
    assert not export.copy.isEnabled() and "mail domain" in export.note.text()
