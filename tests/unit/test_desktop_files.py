"""The desktop-integration assets: the icon, the .desktop entry, the AppStream metadata.

No Qt here: the files are checked as files (XML, key=value) and, for the .desktop entry,
by freedesktop's own validator (desktop-file-validate, from desktop-file-utils).
"""

import configparser
import shutil
import subprocess
import xml.etree.ElementTree as ET
from importlib.resources import files
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent.parent
RESOURCES = ROOT / "resources"
ICON = RESOURCES / "relay-wizard.svg"
PACKAGED_ICON = ROOT / "wizard" / "resources" / "relay-wizard.svg"
DESKTOP = RESOURCES / "relay-wizard.desktop"
METAINFO = RESOURCES / "relay-wizard.metainfo.xml"

SVG_NS = "{http://www.w3.org/2000/svg}"
XLINK_HREF = "{http://www.w3.org/1999/xlink}href"


def desktop_entry() -> dict[str, str]:
    parser = configparser.ConfigParser(interpolation=None, delimiters=("=",))
    parser.optionxform = str  # type: ignore[assignment,method-assign]  # keys are case-sensitive
    parser.read_string(DESKTOP.read_text(encoding="utf-8"))
    assert parser.sections()[0] == "Desktop Entry", "the first group must be [Desktop Entry]"
    return dict(parser["Desktop Entry"])


def test_icon_is_svg_with_a_square_viewbox() -> None:
    root = ET.parse(ICON).getroot()
    assert root.tag == f"{SVG_NS}svg"
    view_box = root.get("viewBox")
    assert view_box is not None, "the icon needs a viewBox to scale"
    assert [float(v) for v in view_box.replace(",", " ").split()] == [0, 0, 256, 256]


def test_icon_is_self_contained_and_has_no_text() -> None:
    root = ET.parse(ICON).getroot()
    for element in root.iter():
        tag = element.tag.removeprefix(SVG_NS)
        assert tag not in {"text", "image", "script", "foreignObject", "use"}, tag
        for name in ("href", XLINK_HREF):
            href = element.get(name)
            assert href is None or href.startswith("#"), f"external reference: {href}"
        for value in element.attrib.values():
            if "url(" in value:
                assert "url(#" in value, f"external reference: {value}"


def test_packaged_icon_is_the_same_file() -> None:
    assert PACKAGED_ICON.read_bytes() == ICON.read_bytes(), (
        "wizard/resources/relay-wizard.svg differs from resources/relay-wizard.svg: copy it"
    )
    packaged = files("wizard.resources") / "relay-wizard.svg"
    assert packaged.read_bytes() == ICON.read_bytes()


def test_desktop_entry_has_the_required_keys() -> None:
    entry = desktop_entry()
    for key in ("Type", "Name", "GenericName", "Comment", "Exec", "Icon", "Terminal"):
        assert entry.get(key), f"{key} is missing or empty"
    assert entry["Type"] == "Application"
    assert entry["Name"] == "Relay Wizard"
    assert entry["Exec"] == "relay-wizard"
    assert entry["Icon"] == "relay-wizard"
    assert entry["Terminal"] == "false"
    assert entry["StartupNotify"] == "true"
    assert entry.get("StartupWMClass")
    assert entry["Categories"].endswith(";")
    assert set(entry["Keywords"].split(";")) >= {"sendmail", "SMTP", "relay", "mail", "SASL"}


def test_desktop_entry_passes_desktop_file_validate() -> None:
    validator = shutil.which("desktop-file-validate")
    if validator is None:
        pytest.fail(
            "desktop-file-validate is not installed: install the Debian package "
            "desktop-file-utils (apt-get install desktop-file-utils)"
        )
    result = subprocess.run([validator, str(DESKTOP)], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_metainfo_matches_the_desktop_entry() -> None:
    root = ET.parse(METAINFO).getroot()
    assert root.tag == "component"
    assert root.get("type") == "desktop-application"
    assert root.findtext("metadata_license") == "CC0-1.0"
    assert root.findtext("project_license") == "GPL-3.0-or-later"
    launchable = root.find("launchable")
    assert launchable is not None
    assert launchable.get("type") == "desktop-id"
    assert launchable.text == DESKTOP.name
    categories = {c.text for c in root.iterfind("categories/category")}
    assert categories == set(filter(None, desktop_entry()["Categories"].split(";")))
    assert root.find("content_rating") is not None
