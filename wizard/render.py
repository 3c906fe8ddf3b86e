"""HTML to PDF through Qt, for the handout: used by the GUI, and by the CLI for handout-pdf.

It lives outside wizard.core because the core never imports Qt. Without a running Qt
application (the command line) a headless one is made (the offscreen platform). With the
window's application running, it may be called on a worker thread (onboarding renders every
handout there): QTextDocument is reentrant and QPainter may paint on a QPdfWriter off the
GUI thread; the handout holds no images (QPixmap is GUI-thread only).
"""

from __future__ import annotations

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QMarginsF
from PySide6.QtGui import QFont, QGuiApplication, QPageLayout, QPageSize, QPdfWriter, QTextDocument

_app: QGuiApplication | None = None


def _ensure_app() -> None:
    global _app
    if QGuiApplication.instance() is None:
        _app = QGuiApplication(["relay-wizard", "-platform", "offscreen"])


def html_to_pdf(html: str, title: str = "Mail settings") -> bytes:
    """The PDF (A4, one page for a handout) of ``html``."""
    _ensure_app()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(buffer)
    writer.setTitle(title)
    writer.setCreator("Relay Wizard")
    writer.setPageLayout(
        QPageLayout(
            QPageSize(QPageSize.PageSizeId.A4),
            QPageLayout.Orientation.Portrait,
            QMarginsF(18, 18, 18, 18),
            QPageLayout.Unit.Millimeter,
        )
    )
    document = QTextDocument()
    document.setDefaultFont(QFont("DejaVu Sans", 11))
    document.setHtml(html)
    document.print_(writer)  # lays the text out on the writer's pages at its resolution
    buffer.close()
    return bytes(data.data())
