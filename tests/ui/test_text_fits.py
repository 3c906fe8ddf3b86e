"""Nothing is cut off at the window's default size (820x640): every finding, check and step
is shown whole, wrapped if need be, and nothing scrolls sideways (issue 15, Done-when 6).

The pages show real texts: the findings and checks the core's own judge makes for the .mc of
the corpus (tests/data/mc) that gives the longest ones. Each visible widget's text is
measured against its width: a label that does not wrap must be as wide as its text, a
wrapped one as tall as its text at its width, a button as wide as its text, an item view's
rows as wide (or, wrapped, as tall) as their text, and no horizontal scroll bar may show.
Under xvfb with ``QT_QPA_PLATFORM=xcb`` the fonts are the desktop's; offscreen works too.
The pages are measured in English and in German (longer words, longer sentences).
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import cache
from pathlib import Path

import pytest
from PySide6.QtCore import QLocale, QModelIndex, QPoint, QRect, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractScrollArea,
    QApplication,
    QHeaderView,
    QLabel,
    QWidget,
    QWizard,
)
from pytestqt.qtbot import QtBot

from tests.capture import mc_b64, stock_sections
from tests.ui.fakes import DATA, FakeDialogs, FakeServices, guarded
from tests.ui.test_guard_settings import visit_sections
from tests.ui.test_pages import connected, fakes  # noqa: F401 (fixtures)
from wizard.core.change.options import RelayOptions
from wizard.core.mta.report import ServerReport
from wizard.core.mta.sendmail.inspect_parse import build_report
from wizard.ui import i18n
from wizard.ui.model.state import PageId
from wizard.ui.pages import test as test_page
from wizard.ui.pages.check import CheckPage
from wizard.ui.pages.settings import SettingsPage
from wizard.ui.wizard import RelayWizard

SIZE = (820, 640)


@pytest.fixture(params=["en", "de"])
def language(request: pytest.FixtureRequest, qapp: QApplication) -> Iterator[str]:
    """The window's language: English, then German (installed before the window is made)."""
    locale = QLocale(QLocale.Language.German, QLocale.Country.Germany)
    translators = i18n.install(qapp, locale) if request.param == "de" else []
    yield request.param
    i18n.remove(qapp, translators)


@pytest.fixture
def wiz(
    qtbot: QtBot,
    language: str,
    fakes: tuple[FakeServices, FakeDialogs],  # noqa: F811
) -> Iterator[RelayWizard]:
    w = RelayWizard(fakes[0], fakes[1])  # type: ignore[arg-type]
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    yield w
    w.state.worker.stop()


@cache
def wordiest_mc() -> str:
    """The corpus .mc whose findings and checks are the longest sentences."""

    def longest(path: Path) -> int:
        services = serving(path.read_text(errors="replace"))
        state, remote = services.read_state(None, RelayOptions(), None)
        sentences = [f.message for f in state.report.findings]
        for profile in ("modern", "classic"):
            plan = services.plan(state, remote, RelayOptions(profile).validated())
            sentences += [c.message for c in plan.checks]
        return max(len(s) for s in sentences)

    return max(sorted((DATA / "mc").glob("*.mc")), key=longest).read_text(errors="replace")


def serving(mc: str, services: FakeServices | None = None) -> FakeServices:
    """The fake server runs ``mc``, inspected by the real judge."""
    services = services or FakeServices()
    services.mc_text = mc
    services._report = lambda: services._guarded(report_for(mc))  # type: ignore[method-assign]
    return services


def report_for(mc_text: str) -> ServerReport:
    sections = dict(stock_sections())
    sections["mc-b64"] = mc_b64(mc_text)
    return build_report("mail.example.com", sections)


def _row_texts(view: QAbstractItemView) -> list[QModelIndex]:
    model = view.model()
    found: list[QModelIndex] = []
    pending = [QModelIndex()]
    while pending:
        parent = pending.pop()
        for row in range(model.rowCount(parent)):
            column = 0
            while model.hasIndex(row, column, parent):  # a list model hides columnCount
                index = model.index(row, column, parent)
                found.append(index)
                if column == 0 and model.rowCount(index) > 0:
                    pending.append(index)
                column += 1
    return found


def cut_off(window: QWidget) -> list[str]:
    """What the window shows cut off or scrolled sideways, one line each ([] when none)."""
    found: list[str] = []
    for w in window.findChildren(QWidget):
        if not w.isVisibleTo(window) or w.width() <= 0:
            continue
        name = f"{type(w).__name__} {w.accessibleName() or w.objectName()}".strip()
        right = w.mapTo(window, QPoint(w.width(), 0)).x()
        if right > window.width() + 1 and not isinstance(w.parentWidget(), QAbstractScrollArea):
            found.append(f"{name}: reaches past the window's right edge ({right} px)")
        if isinstance(w, QLabel) and w.text() and w.pixmap().isNull():
            text = w.text()
            if w.wordWrap():
                if w.heightForWidth(w.width()) > w.height() + 1:
                    found.append(f"{name}: {text[:60]!r} is taller than its room")
            elif w.sizeHint().width() > w.width() + 1:
                found.append(f"{name}: {text[:60]!r} is wider than its room")
        elif isinstance(w, QAbstractButton) and w.text() and w.sizeHint().width() > w.width() + 1:
            found.append(f"{name}: {w.text()!r} is wider than its button")
        if isinstance(w, QAbstractScrollArea) and w.horizontalScrollBar().isVisible():
            found.append(f"{name}: scrolls sideways")
        if isinstance(w, QAbstractItemView) and not isinstance(w, QHeaderView):
            found += _cut_rows(w, name)
    return found


def _cut_rows(view: QAbstractItemView, name: str) -> list[str]:
    found: list[str] = []
    metrics = view.fontMetrics()
    wrap = bool(getattr(view, "wordWrap", lambda: False)())
    for index in _row_texts(view):
        text = str(index.data(Qt.ItemDataRole.DisplayRole) or "")
        rect = view.visualRect(index)
        if not text or rect.isEmpty():
            continue  # a collapsed or scrolled-away row
        icon = 0 if index.data(Qt.ItemDataRole.DecorationRole) is None else 24
        width = rect.width() - icon - 8
        if wrap:
            room = QRect(0, 0, max(width, 1), 100000)
            needed = metrics.boundingRect(room, Qt.TextFlag.TextWordWrap, text).height()
            if needed > rect.height() + 1:
                found.append(f"{name}: row {text[:60]!r} is taller than its room")
        elif metrics.horizontalAdvance(text) > width:
            found.append(f"{name}: row {text[:60]!r} is cut off")
    return found


def settle(qtbot: QtBot, w: RelayWizard) -> list[str]:
    """Let the layouts settle at the default size, then measure."""
    assert (w.width(), w.height()) == SIZE
    qtbot.wait(50)
    return cut_off(w)


def test_the_wordiest_corpus_file_makes_long_sentences() -> None:
    report = report_for(wordiest_mc())
    assert max(len(f.message) for f in report.findings) > 100


def test_check_and_settings_show_every_sentence_whole(
    qtbot: QtBot,
    wiz: RelayWizard,
    fakes: tuple[FakeServices, object],  # noqa: F811
) -> None:
    guarded(serving(wordiest_mc(), fakes[0]))  # certbot's certificates, failed logins
    connected(qtbot, wiz)
    wiz.next()
    check = wiz.currentPage()
    assert isinstance(check, CheckPage)
    qtbot.waitUntil(check.isComplete, timeout=5000)
    assert len(check.findings.rows) >= 8
    assert settle(qtbot, wiz) == []
    for row in check.findings.rows:  # the detail, opened, is whole too
        if row.details is not None:
            row.details.setChecked(True)
    assert settle(qtbot, wiz) == []

    wiz.next()
    settings = wiz.currentPage()
    assert isinstance(settings, SettingsPage)
    qtbot.waitUntil(lambda: settings.model.loaded is not None, timeout=5000)
    assert settle(qtbot, wiz) == []
    settings.classic.setChecked(True)
    assert settings.checks.rows, "the classic plan has checks"
    assert settle(qtbot, wiz) == []
    for check_row in settings.checks.rows:
        if check_row.details is not None:
            check_row.details.setChecked(True)
    assert settle(qtbot, wiz) == []
    # the Certificate and Protection sections, in each of their states
    settings.modern.setChecked(True)
    cut = {state: settle(qtbot, wiz) for state in visit_sections(qtbot, settings)}
    assert {state: found for state, found in cut.items() if found} == {}


def test_review_apply_test_and_done_show_every_line_whole(
    qtbot: QtBot,
    wiz: RelayWizard,
    fakes: tuple[FakeServices, object],  # noqa: F811
) -> None:
    connected(qtbot, wiz)
    seen: dict[PageId, list[str]] = {}
    while wiz.currentId() != PageId.DONE:
        qtbot.waitUntil(
            lambda: (
                wiz.button(QWizard.WizardButton.NextButton).isEnabled()
                or wiz.button(QWizard.WizardButton.CommitButton).isEnabled()
            ),
            timeout=5000,
        )
        if wiz.currentId() == PageId.TEST:  # a refused send: the longest texts it shows
            test = wiz.currentPage()
            assert isinstance(test, test_page.TestPage)
            test.to.setText("me@example.org")
            test.user.setText("alice")
            test.password.setText("wrong")
            test.send.click()
            card = test.card
            qtbot.waitUntil(
                lambda: "What to do" in card.text() or "Was tun" in card.text(),  # noqa: B023
                timeout=5000,
            )
        if wiz.currentId() in (PageId.REVIEW, PageId.APPLY, PageId.TEST):
            seen[PageId(wiz.currentId())] = settle(qtbot, wiz)
        wiz.next()
    seen[PageId.DONE] = settle(qtbot, wiz)
    assert set(seen) == {PageId.REVIEW, PageId.APPLY, PageId.TEST, PageId.DONE}
    assert {page.name: cut for page, cut in seen.items() if cut} == {}


def test_the_measure_finds_a_cut_label_and_a_sideways_scroll(qtbot: QtBot) -> None:
    """The measure itself: a label too narrow for its text and a view that scrolls
    sideways are found; the same text wrapped in room enough is not."""
    from PySide6.QtWidgets import QListWidget, QPlainTextEdit, QVBoxLayout

    window = QWidget()
    qtbot.addWidget(window)
    layout = QVBoxLayout(window)
    cut = QLabel("A sentence far too long for the narrow room it was given here.")
    cut.setMinimumWidth(1)
    cut.setMaximumWidth(60)
    whole = QLabel("A sentence that wraps at its width and so is shown whole.")
    whole.setWordWrap(True)
    sideways = QPlainTextEdit("x" * 400)
    sideways.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
    elided = QListWidget()
    elided.addItem("A row far longer than the list is wide, so Qt ends it with an ellipsis.")
    elided.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    for w in (cut, whole, sideways, elided):
        layout.addWidget(w)
    window.resize(300, 300)
    window.show()
    qtbot.waitExposed(window)
    found = cut_off(window)
    assert any("narrow room" in line for line in found), found
    assert any("scrolls sideways" in line for line in found), found
    assert any("A row far longer" in line and "cut off" in line for line in found), found
    assert not any("wraps at its width" in line for line in found), found
