"""Every text the admin can read or hover in a window, for the walks that check the words
(tests/ui/test_no_cli_text.py: no command-line syntax; tests/ui/test_translations.py: all
in the catalogue)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import (
    QAbstractButton,
    QComboBox,
    QGroupBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QPlainTextEdit,
    QTableWidget,
    QTextEdit,
    QTreeWidget,
    QTreeWidgetItem,
    QWidget,
    QWizard,
)

if TYPE_CHECKING:
    from collections.abc import Iterator


def plain(text: str) -> str:
    """Rich text as the reader sees it."""
    if "<" in text and ">" in text:
        doc = QTextDocument()
        doc.setHtml(text)
        return doc.toPlainText()
    return text


def prose(document: QTextDocument) -> str:
    """A document's text without its preformatted blocks (commands, diffs, files: data)."""
    lines = []
    block = document.begin()
    while block.isValid():
        if not block.blockFormat().nonBreakableLines():
            lines.append(block.text())
        block = block.next()
    return "\n".join(lines)


def _tree(item: QTreeWidgetItem) -> Iterator[str]:
    for col in range(item.columnCount()):
        yield item.text(col)
        yield item.toolTip(col)
    for i in range(item.childCount()):
        yield from _tree(item.child(i))


def _texts(w: QWidget, prose_only: bool) -> Iterator[str]:
    """The texts one widget shows itself (not its children's)."""
    yield w.toolTip()
    yield w.accessibleDescription()
    if isinstance(w, QLabel):
        yield plain(w.text())
    elif isinstance(w, QAbstractButton):
        yield w.text()
    elif isinstance(w, QGroupBox):
        yield w.title()
    elif isinstance(w, QLineEdit):
        yield w.placeholderText()
    elif isinstance(w, QTextEdit):
        yield prose(w.document()) if prose_only else w.toPlainText()
        yield w.placeholderText()
    elif isinstance(w, QPlainTextEdit):
        yield w.toPlainText()
        yield w.placeholderText()
    elif isinstance(w, QComboBox):
        yield from (w.itemText(i) for i in range(w.count()))
    elif isinstance(w, QListWidget):
        for i in range(w.count()):
            yield w.item(i).text()
            yield w.item(i).toolTip()
    elif isinstance(w, QTreeWidget):
        header = w.headerItem()
        yield from (header.text(c) for c in range(header.columnCount()))
        for i in range(w.topLevelItemCount()):
            yield from _tree(w.topLevelItem(i))
    elif isinstance(w, QTableWidget):
        for c in range(w.columnCount()):
            head = w.horizontalHeaderItem(c)
            yield head.text() if head else ""
        for r in range(w.rowCount()):
            for c in range(w.columnCount()):
                cell = w.item(r, c)
                yield cell.text() if cell else ""
                yield cell.toolTip() if cell else ""


def visible_texts(
    root: QWidget, skip: tuple[QWidget, ...] = (), *, prose_only: bool = False
) -> Iterator[tuple[str, str]]:
    """(where, text) for every non-empty text the admin can see or hover in ``root``: the
    wizard page's title and subtitle, window titles, labels, buttons, placeholders, items,
    tooltips. ``skip``: widgets (and their children) that show data verbatim;
    ``prose_only``: leave out a rich text's preformatted blocks."""
    if isinstance(root, QWizard) and root.currentPage() is not None:
        page = root.currentPage()
        yield "page title", page.title()
        yield "page subtitle", page.subTitle()
    for w in [root, *root.findChildren(QWidget)]:
        if any(w is s or s.isAncestorOf(w) for s in skip):
            continue
        if w is not root and not w.isVisibleTo(root):
            continue
        where = f"{type(w).__name__} {w.objectName()}".strip()
        if w.isWindow():
            yield where, w.windowTitle()
        yield from ((where, text) for text in _texts(w, prose_only) if text)
