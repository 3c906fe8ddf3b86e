"""Widgets and looks the pages share: wrapping item views, level icons, labelled forms."""

from __future__ import annotations

from importlib import resources
from typing import TYPE_CHECKING

from PySide6.QtCore import QModelIndex, QSize, Qt
from PySide6.QtGui import QIcon, QPixmap, QTextDocument
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QPlainTextEdit,
    QPushButton,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTextBrowser,
    QTreeWidget,
    QWidget,
)

if TYPE_CHECKING:
    from collections.abc import Iterable

ERROR_STYLE = "color: #b00020"
OK_STYLE = "color: #116611"

LEVEL_ICON = {
    "ok": QStyle.StandardPixmap.SP_DialogApplyButton,
    "warning": QStyle.StandardPixmap.SP_MessageBoxWarning,
    "problem": QStyle.StandardPixmap.SP_MessageBoxCritical,
    "error": QStyle.StandardPixmap.SP_MessageBoxCritical,
}


def level_icon(widget: QWidget, level: str) -> QIcon:
    """The style's icon for a finding's or a check's level."""
    return widget.style().standardIcon(LEVEL_ICON[level])


def app_icon() -> QIcon:
    try:
        data = resources.files("wizard.resources").joinpath("relay-wizard.svg").read_bytes()
    except (ModuleNotFoundError, FileNotFoundError, OSError):
        return QIcon()
    pixmap = QPixmap()
    pixmap.loadFromData(data, "SVG")
    return QIcon(pixmap)


class Form(QFormLayout):
    """A form that makes each input with its label: the label is the input's buddy
    (Alt+letter) and gives it its accessible name. Inputs are made in row order, which is
    also the Tab order."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__()
        self.owner = parent

    def row(self, text: str, widget: QWidget) -> QWidget:
        label = QLabel(text, self.owner)
        label.setBuddy(widget)
        widget.setAccessibleName(text.replace("&", "").rstrip(":"))
        self.addRow(label, widget)
        return widget

    def line(
        self, text: str, value: str = "", *, placeholder: str = "", secret: bool = False
    ) -> QLineEdit:
        edit = QLineEdit(value, self.owner)
        edit.setPlaceholderText(placeholder)
        if secret:
            edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.row(text, edit)
        return edit

    def combo(self, text: str, items: Iterable[str], tip: str = "") -> QComboBox:
        box = QComboBox(self.owner)
        box.addItems(list(items))
        if tip:
            box.setToolTip(tip)
        self.row(text, box)
        return box


def button_row(*buttons: QPushButton) -> QHBoxLayout:
    """Buttons side by side from the left."""
    row = QHBoxLayout()
    for button in buttons:
        row.addWidget(button)
    row.addStretch(1)
    return row


def html_view(parent: QWidget, name: str) -> QTextBrowser:
    """A read-only rich text view (the plan, the summary)."""
    view = QTextBrowser(parent)
    view.setAccessibleName(name)
    return view


def text_view(parent: QWidget, name: str) -> QPlainTextEdit:
    """A read-only plain text box (a log, a conversation, a preview)."""
    view = QPlainTextEdit(parent)
    view.setReadOnly(True)
    view.setAccessibleName(name)
    return view


def wrap_items(view: QListWidget | QTreeWidget) -> None:
    """Long sentences wrap inside the view's width instead of being cut off or scrolled."""
    view.setWordWrap(True)
    view.setTextElideMode(Qt.TextElideMode.ElideNone)
    view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    if isinstance(view, QListWidget):
        view.setResizeMode(QListWidget.ResizeMode.Adjust)
    if isinstance(view, QTreeWidget):
        view.setUniformRowHeights(False)
        view.header().setStretchLastSection(True)
        view.header().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        # QTreeView measures a row without its column's width: give it one, and measure
        # again when the column changes width.
        view.setItemDelegate(WrappingDelegate(view))
        view.header().sectionResized.connect(lambda *_: view.doItemsLayout())


class WrappingDelegate(QStyledItemDelegate):
    """Row heights for wrapped text in a tree: the text laid out at its column's width."""

    def __init__(self, view: QTreeWidget) -> None:
        super().__init__(view)
        self._view = view

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex) -> QSize:  # type: ignore[override]
        base = super().sizeHint(option, index)
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        depth, parent = 0, index.parent()
        while parent.isValid():
            depth, parent = depth + 1, parent.parent()
        icon = opt.decorationSize.width() + 8 if not opt.icon.isNull() else 0
        width = self._view.columnWidth(index.column()) - self._view.indentation() * (depth + 1)
        width -= icon + 8
        if width <= 50:
            return base
        doc = QTextDocument()
        doc.setDefaultFont(opt.font)
        doc.setPlainText(opt.text)
        doc.setTextWidth(width)
        return QSize(base.width(), max(base.height(), int(doc.size().height()) + 2))
