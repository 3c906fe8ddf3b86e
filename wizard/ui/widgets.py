"""Widgets and looks the pages share: wrapping item views, level icons, labelled forms."""

from __future__ import annotations

from collections.abc import Iterable
from importlib import resources

from PySide6.QtCore import QModelIndex, QSize, Qt
from PySide6.QtGui import QIcon, QPixmap, QTextDocument
from PySide6.QtWidgets import (
    QFormLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTreeWidget,
    QWidget,
)

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


def add_rows(form: QFormLayout, parent: QWidget, rows: Iterable[tuple[str, QWidget]]) -> None:
    """A labelled row per widget: the label is its buddy (Alt+letter) and its accessible name."""
    for text, widget in rows:
        label = QLabel(text, parent)
        label.setBuddy(widget)
        widget.setAccessibleName(text.replace("&", "").rstrip(":"))
        form.addRow(label, widget)


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
