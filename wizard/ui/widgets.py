"""Widgets and looks the pages share: wrapping item views, level icons, labelled forms, and
the list of findings or checks (:class:`NoteList`)."""

from __future__ import annotations

from importlib import resources
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QModelIndex, QSize, Qt
from PySide6.QtGui import QIcon, QPixmap, QTextDocument
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTextBrowser,
    QToolButton,
    QTreeWidget,
    QVBoxLayout,
    QWidget,
)

from wizard.ui.i18n import shown

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


def no_keyring(box: QCheckBox, problem: BaseException | None, reason: str) -> None:
    """A "keep it in the keyring" box when this computer has no usable keyring: unticked,
    disabled, and saying why in one line (the keyring's own words in its tooltip)."""
    if problem is None:
        return
    box.setChecked(False)
    box.setEnabled(False)
    box.setText(reason)
    box.setToolTip(str(problem))


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


def level_word(level: str) -> str:
    """A level as a word people read (the icon's accessible name and tooltip)."""
    words = {
        "ok": QCoreApplication.translate("NoteList", "Fine"),
        "warning": QCoreApplication.translate("NoteList", "Warning"),
        "problem": QCoreApplication.translate("NoteList", "Problem"),
        "error": QCoreApplication.translate("NoteList", "Problem"),
    }
    return words[level]


def wrapped_label(parent: QWidget, text: str) -> QLabel:
    """Plain text that wraps at the widget's width and can be selected and copied."""
    label = QLabel(text, parent)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


class NoteRow(QWidget):
    """One finding or check: its level's icon, the plain sentence, what Relay Wizard does
    about it, and the technical detail behind a Details button."""

    def __init__(self, parent: QWidget, level: str, text: str, detail: str, note: str) -> None:
        super().__init__(parent)
        grid = QGridLayout(self)
        grid.setContentsMargins(4, 4, 4, 4)
        grid.setHorizontalSpacing(8)
        grid.setVerticalSpacing(2)
        self.icon = QLabel(self)
        self.icon.setPixmap(level_icon(self, level).pixmap(16, 16))
        self.icon.setAccessibleName(level_word(level))
        self.icon.setToolTip(level_word(level))
        self.icon.setAlignment(Qt.AlignmentFlag.AlignTop)
        grid.addWidget(self.icon, 0, 0, Qt.AlignmentFlag.AlignTop)
        self.text = wrapped_label(self, text)
        self.text.setAccessibleName(f"{level_word(level)}: {text}")
        grid.addWidget(self.text, 0, 1)
        grid.setColumnStretch(1, 1)
        row = 1
        self.note: QLabel | None = None
        if note:
            self.note = wrapped_label(self, note)
            self.note.setStyleSheet(OK_STYLE)
            grid.addWidget(self.note, row, 1)
            row += 1
        self.details: QToolButton | None = None
        self.detail: QLabel | None = None
        if detail:
            self.details = QToolButton(self)
            self.details.setText(QCoreApplication.translate("NoteList", "Details"))
            self.details.setCheckable(True)
            self.details.setAutoRaise(True)
            self.details.setArrowType(Qt.ArrowType.RightArrow)
            self.details.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
            self.details.setAccessibleName(
                QCoreApplication.translate("NoteList", "Details: %1").replace("%1", text)
            )
            self.detail = wrapped_label(self, detail)
            self.detail.hide()
            self.details.toggled.connect(self._show_detail)
            grid.addWidget(self.details, row, 1, Qt.AlignmentFlag.AlignLeft)
            grid.addWidget(self.detail, row + 1, 1)

    def _show_detail(self, shown: bool) -> None:
        assert self.detail is not None and self.details is not None
        self.detail.setVisible(shown)
        arrow = Qt.ArrowType.DownArrow if shown else Qt.ArrowType.RightArrow
        self.details.setArrowType(arrow)


class NoteList(QScrollArea):
    """Findings or checks one under the other, each sentence wrapped at the window's width:
    nothing is cut off, nothing scrolls sideways, and a new list starts at its top."""

    def __init__(self, parent: QWidget, name: str) -> None:
        super().__init__(parent)
        self.setAccessibleName(name)
        self.setWidgetResizable(True)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self._inner = QWidget(self)
        self._rows = QVBoxLayout(self._inner)
        self._rows.setContentsMargins(2, 2, 2, 2)
        self._rows.setSpacing(0)
        self._rows.addStretch(1)
        self.setWidget(self._inner)
        self.rows: list[NoteRow] = []

    def clear(self) -> None:
        for row in self.rows:
            self._rows.removeWidget(row)
            row.deleteLater()
        self.rows = []
        self.verticalScrollBar().setValue(0)

    def add(self, level: str, text: str, *, detail: str = "", note: str = "") -> NoteRow:
        # a core sentence in the admin's language (wizard.core.translatable)
        row = NoteRow(self._inner, level, shown(text), shown(detail), shown(note))
        self._rows.insertWidget(len(self.rows), row)
        self.rows.append(row)
        return row

    def texts(self) -> list[str]:
        """The plain sentences, in order."""
        return [row.text.text() for row in self.rows]
