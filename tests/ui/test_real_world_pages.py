"""Settings and Review on a server that is not stock (issue 13): the logins staff use today
are shown as kept, dropping one is the admin's explicit choice, and the Review page says in
plain sentences what the plan keeps, what it changes for staff and what is dangerous."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from tests.ui.fakes import FakeServices
from tests.ui.test_pages import connected, fakes, wiz  # noqa: F401 (fixtures)
from tests.unit.core.mta.sendmail.test_plan_intent import RELAY_LOGIN_PLAIN
from wizard.ui.pages.check import CheckPage
from wizard.ui.pages.review import ReviewPage
from wizard.ui.pages.settings import SettingsPage
from wizard.ui.wizard import RelayWizard

# The admin's old relay (LOGIN PLAIN, own certificate, `Apy'), plus relaying by MX.
SERVER_MC = RELAY_LOGIN_PLAIN.replace("`A p y'", "`Apy'").replace(
    "MAILER(`local')", "FEATURE(`relay_based_on_MX')dnl\nMAILER(`local')"
)


def settings_page(qtbot: QtBot, w: RelayWizard, services: FakeServices) -> SettingsPage:
    services.mc_text = SERVER_MC
    connected(qtbot, w)
    w.next()
    check = w.currentPage()
    assert isinstance(check, CheckPage)
    qtbot.waitUntil(check.isComplete, timeout=5000)
    # every finding is shown whole in the window's default size: wrapped, never cut off
    labels = [row.text for row in check.findings.rows]
    qtbot.waitUntil(
        lambda: all(label.height() >= label.heightForWidth(label.width()) for label in labels),
        timeout=3000,
    )
    w.next()
    page = w.currentPage()
    assert isinstance(page, SettingsPage)
    qtbot.waitUntil(lambda: bool(page.kept), timeout=5000)
    return page


def items(page: SettingsPage) -> list[str]:
    return [*page.checks.texts(), page.status.text()]


def test_kept_logins_nothing_to_do_and_a_plain_review(
    qtbot: QtBot,
    wiz: RelayWizard,  # noqa: F811
    fakes: tuple[FakeServices, object],  # noqa: F811
) -> None:
    page = settings_page(qtbot, wiz, fakes[0])
    assert list(page.kept) == ["LOGIN", "PLAIN"]
    assert all(c.isChecked() for c in page.kept.values()) and page.kept_box.isVisible()

    page.classic.setChecked(True)
    shown = items(page)
    assert any("already relays mail for staff who log in" in t for t in shown), shown
    assert any("relay_based_on_MX" in t for t in shown)
    assert wiz.state.model.plan is not None and wiz.state.model.plan.nothing_to_do
    assert wiz.state.model.options.mechanisms_given is False

    page.modern.setChecked(True)
    plan = wiz.state.model.plan
    assert plan is not None and not plan.nothing_to_do and not plan.errors
    wiz.next()
    review = wiz.currentPage()
    assert isinstance(review, ReviewPage)
    text = review.view.toPlainText()
    assert "Before you apply" in text
    assert "only A is in effect" in text  # `Apy' explained
    assert "will have to turn it on" in text  # plaintext logins without TLS
    assert "relay_based_on_MX" in text
    assert "keeps the certificate" in text
    wiz.back()

    page.kept["LOGIN"].setChecked(False)
    assert wiz.state.model.options.drop_mechanisms == ("LOGIN",)
    wiz.next()
    review = wiz.currentPage()
    assert isinstance(review, ReviewPage)
    assert "log in with LOGIN will not be able to send" in review.view.toPlainText()
