"""The desktop files as installed: validated by AppStream's and freedesktop's own tools."""

from __future__ import annotations

import struct
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from tests.packaging.conftest import ROOT, run, tool

METAINFO = ROOT / "resources" / "relay-wizard.metainfo.xml"
SCREENSHOTS = ROOT / "docs" / "screenshots"
# The placeholder for the project's web address (packaging/README.md): the screenshots
# are the files of docs/screenshots/ under it.
SITE = "https://relay-wizard.example.org/"
SIZES = (16, 24, 32, 48, 64, 128, 256, 512)


def png_size(path: Path) -> tuple[int, int]:
    header = path.read_bytes()[:24]
    assert header[:8] == b"\x89PNG\r\n\x1a\n", f"{path} is not a PNG"
    width, height = struct.unpack(">II", header[16:24])
    return width, height


@pytest.fixture(scope="module")
def prefix(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("prefix")
    run([sys.executable, ROOT / "packaging" / "desktop_files.py", root])
    return root


def test_the_metainfo_passes_appstreamcli() -> None:
    result = run([tool("appstreamcli", "appstream"), "validate", "--no-net", METAINFO])
    assert "Validation was successful" in result.stdout
    # Not even a warning or an info; only the pedantic hint about the id's capitals.
    assert [line for line in result.stdout.splitlines() if line[:2] in {"E:", "W:", "I:"}] == []


def test_the_installed_tree_passes_appstreamcli(prefix: Path) -> None:
    # validate-tree also checks that the desktop entry and the icon the metainfo names exist.
    result = run([tool("appstreamcli", "appstream"), "validate-tree", "--no-net", prefix])
    assert "Validation was successful" in result.stdout
    assert (prefix / "share/metainfo/org.example.RelayWizard.metainfo.xml").is_file()


def test_the_installed_desktop_entry_passes_desktop_file_validate(prefix: Path) -> None:
    desktop = prefix / "share/applications/relay-wizard.desktop"
    result = run([tool("desktop-file-validate", "desktop-file-utils"), desktop])
    assert result.stdout == ""


def test_the_icons_come_in_every_size_desktops_look_for(prefix: Path) -> None:
    hicolor = prefix / "share/icons/hicolor"
    for size in SIZES:
        assert png_size(hicolor / f"{size}x{size}/apps/relay-wizard.png") == (size, size)
    assert (hicolor / "scalable/apps/relay-wizard.svg").read_bytes() == (
        ROOT / "resources/relay-wizard.svg"
    ).read_bytes()
    assert sorted(p.parent.parent.name for p in hicolor.glob("*/apps/*")) == sorted(
        [f"{s}x{s}" for s in SIZES] + ["scalable"]
    )


def test_the_icons_are_drawn_not_blank(prefix: Path) -> None:
    # A renderer that failed would leave a fully transparent PNG of the right size.
    from PySide6.QtGui import QImage

    image = QImage(str(prefix / "share/icons/hicolor/48x48/apps/relay-wizard.png"))
    assert not image.isNull()
    alphas = {image.pixelColor(x, y).alpha() for x in range(48) for y in range(48)}
    assert max(alphas) == 255
    assert min(alphas) == 0  # the corners stay transparent


def test_the_screenshots_are_the_ones_in_docs() -> None:
    root = ET.parse(METAINFO).getroot()
    shots = root.findall("screenshots/screenshot")
    assert len(shots) == len(list(SCREENSHOTS.glob("*.png")))
    assert shots[0].get("type") == "default"
    for shot in shots:
        assert shot.findtext("caption")
        image = shot.find("image")
        assert image is not None and image.text is not None
        assert image.text.startswith(SITE + "docs/screenshots/"), image.text
        local = ROOT / image.text.removeprefix(SITE)
        assert local.is_file(), f"{image.text}: no {local.relative_to(ROOT)}"
        assert png_size(local) == (int(image.get("width", 0)), int(image.get("height", 0)))


def test_the_release_is_the_package_version() -> None:
    from wizard import __version__

    release = ET.parse(METAINFO).getroot().find("releases/release")
    assert release is not None
    assert release.get("version") == __version__
