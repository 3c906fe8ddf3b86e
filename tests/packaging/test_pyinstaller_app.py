"""The one-folder app built by PyInstaller (packaging/build-app) runs on its own."""

from __future__ import annotations

import subprocess
from pathlib import Path

from tests.integration.keyring_fixture import PrivateSecretService
from tests.packaging.conftest import run
from wizard import __version__


def test_it_prints_its_version(app_bundle: Path) -> None:
    result = run([app_bundle, "--version"])
    assert result.stdout.strip() == f"relay-wizard {__version__}"


def test_it_opens_the_window_and_finds_the_secret_service(
    app_bundle: Path, secret_service: PrivateSecretService
) -> None:
    result = run([app_bundle, "--smoke-test"], env={"QT_QPA_PLATFORM": "offscreen"})
    assert "window ok" in result.stdout
    assert "keyring: your desktop keyring (Secret Service)" in result.stdout, result.stdout
    assert result.stderr == ""


def test_its_command_line_reaches_ssh(app_bundle: Path, tmp_path: Path) -> None:
    # paramiko and cryptography came along: a refused connection is reported as one line.
    result = run([app_bundle, "--help"])
    assert "inspect" in result.stdout
    refused = subprocess.run(
        [app_bundle, "inspect", "root@127.0.0.1:1", "--timeout", "5"],
        capture_output=True,
        text=True,
        timeout=60,
        env={"PATH": "/usr/bin:/bin", "HOME": str(tmp_path)},
    )
    assert refused.returncode == 1, refused.stderr
    assert "Traceback" not in refused.stderr
    assert "127.0.0.1" in refused.stderr


def test_it_leaves_out_the_qt_it_does_not_use(app_bundle: Path) -> None:
    internal = app_bundle.parent / "_internal"
    assert (internal / "wizard" / "resources" / "relay-wizard.svg").is_file()
    shipped = internal / "wizard" / "core" / "remote" / "scripts"
    for name in ("lib.sh", "inspect.sh", "ehlo.bash", "verify.py"):
        assert (shipped / name).is_file(), name
    assert list((internal / "PySide6" / "Qt" / "plugins" / "imageformats").glob("libqsvg*"))
    for unused in ("QtQml", "QtQuick", "QtPdf", "QtWebEngineCore", "QtSql"):
        assert not list(internal.rglob(f"{unused}.*")), unused
        assert not list(internal.rglob(f"libQt6{unused.removeprefix('Qt')}.so*")), unused


def test_it_ships_the_german_catalogues(app_bundle: Path, german_system: dict[str, str]) -> None:
    internal = app_bundle.parent / "_internal"
    ours = internal / "wizard" / "resources" / "translations" / "relay_wizard_de.qm"
    source = Path(__file__).resolve().parent.parent.parent / "wizard" / "resources"
    assert ours.read_bytes() == (source / "translations" / "relay_wizard_de.qm").read_bytes()
    # Qt's own, for the standard buttons (Cancel, Yes, No), where QLibraryInfo finds them
    assert list(internal.rglob("translations/qtbase_de.qm"))
    # the app starts in German on a German system
    probe = run(
        [app_bundle, "--smoke-test"],
        env={"QT_QPA_PLATFORM": "offscreen", **german_system},
    )
    assert "window ok" in probe.stdout
