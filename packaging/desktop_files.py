"""Install the desktop integration: the .desktop entry, the AppStream metadata, the icons.

    python packaging/desktop_files.py PREFIX        # e.g. /usr/local, ~/.local, /app

The sources are the files in ``resources/`` (the one copy); the PNG icons are rendered
here from ``resources/relay-wizard.svg`` with Qt's SVG renderer, at the sizes desktops
look for, into ``PREFIX/share/icons/hicolor/NxN/apps/``. The AppStream file is installed
under its component id, as ``PREFIX/share/metainfo/ID.metainfo.xml``.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RESOURCES = ROOT / "resources"
NAME = "relay-wizard"  # the desktop entry's and the icon's name (Icon=, setDesktopFileName)
SVG = RESOURCES / f"{NAME}.svg"
DESKTOP = RESOURCES / f"{NAME}.desktop"
METAINFO = RESOURCES / f"{NAME}.metainfo.xml"
ICON_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)


def component_id() -> str:
    """The AppStream component id (reverse DNS): the Flatpak app id too."""
    cid = ET.parse(METAINFO).getroot().findtext("id")  # noqa: S314 (our own file)
    if not cid:
        raise SystemExit(f"{METAINFO} has no <id>")
    return cid


def render_png(svg: Path, size: int, out: Path) -> None:
    """Render ``svg`` as a ``size``x``size`` PNG with a transparent background."""
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    renderer = QSvgRenderer(str(svg))
    if not renderer.isValid():
        raise SystemExit(f"Qt cannot read the SVG {svg}")
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
    renderer.render(painter)
    painter.end()
    out.parent.mkdir(parents=True, exist_ok=True)
    if not image.save(str(out), "PNG"):
        raise SystemExit(f"could not write {out}")


def install(prefix: Path) -> list[Path]:
    """Install every desktop file under ``prefix``; the paths written."""
    share = prefix / "share"
    written: list[Path] = []

    def copy(source: Path, target: Path) -> None:
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, target)
        written.append(target)

    copy(DESKTOP, share / "applications" / DESKTOP.name)
    copy(METAINFO, share / "metainfo" / f"{component_id()}.metainfo.xml")
    copy(SVG, share / "icons" / "hicolor" / "scalable" / "apps" / SVG.name)
    for size in ICON_SIZES:
        png = share / "icons" / "hicolor" / f"{size}x{size}" / "apps" / f"{NAME}.png"
        render_png(SVG, size, png)
        written.append(png)
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("prefix", type=Path, help="install under PREFIX/share")
    args = parser.parse_args(argv)
    for path in install(args.prefix):
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
