"""The wheel and the sdist: built by ``python -m build``, installed in a clean venv."""

from __future__ import annotations

import os
import tarfile
import zipfile
from pathlib import Path

from tests.integration.keyring_fixture import PrivateSecretService
from tests.packaging.conftest import ROOT, PythonDists, run
from wizard import __version__

SCRIPTS = ROOT / "wizard" / "core" / "remote" / "scripts"


def test_the_sdist_has_the_sources_assets_and_license(python_dists: PythonDists) -> None:
    with tarfile.open(python_dists.sdist) as sdist:
        names = {name.split("/", 1)[1] for name in sdist.getnames() if "/" in name}
    for path in (
        "LICENSE",
        "README.md",
        "pyproject.toml",
        "wizard/main.py",
        "wizard/resources/relay-wizard.svg",
        "wizard/core/remote/scripts/lib.sh",
        "wizard/core/remote/scripts/ehlo.bash",
        "wizard/core/remote/scripts/verify.py",
        "resources/relay-wizard.svg",
        "resources/relay-wizard.desktop",
        "resources/relay-wizard.metainfo.xml",
        "packaging/desktop_files.py",
        "packaging/pyinstaller/relay-wizard.spec",
        "docs/screenshots/01-welcome.png",
    ):
        assert path in names, f"{path} is missing from {python_dists.sdist.name}"
    assert not any("__pycache__" in name or ".flatpak-builder" in name for name in names)


def test_the_wheel_has_the_icon_and_license(python_dists: PythonDists) -> None:
    assert python_dists.wheel.name == f"relay_wizard-{__version__}-py3-none-any.whl"
    with zipfile.ZipFile(python_dists.wheel) as wheel:
        names = set(wheel.namelist())
        assert (
            wheel.read("wizard/resources/relay-wizard.svg")
            == (ROOT / "resources" / "relay-wizard.svg").read_bytes()
        )
        entry_points = wheel.read(f"relay_wizard-{__version__}.dist-info/entry_points.txt")
        # every remote script, byte for byte
        for script in sorted((SCRIPTS).iterdir()):
            if script.suffix in (".sh", ".bash", ".py"):
                assert wheel.read(f"wizard/core/remote/scripts/{script.name}") == (
                    script.read_bytes()
                ), script.name
    assert f"relay_wizard-{__version__}.dist-info/licenses/LICENSE" in names
    assert b"relay-wizard = wizard.main:main" in entry_points
    assert not any(name.startswith(("tests/", "packaging/")) for name in names)


def test_the_installed_wheel_runs(wheel_venv: Path) -> None:
    result = run([wheel_venv / "bin" / "relay-wizard", "--version"])
    assert result.stdout.strip() == f"relay-wizard {__version__}"


def test_the_installed_wheel_is_not_the_source_tree(wheel_venv: Path) -> None:
    probe = "import wizard, importlib.resources as r; print(wizard.__file__); print(len((r.files('wizard.resources') / 'relay-wizard.svg').read_bytes()))"
    result = run([wheel_venv / "bin" / "python", "-I", "-c", probe])
    location, size = result.stdout.split()
    assert Path(location).is_relative_to(wheel_venv), location
    assert int(size) == (ROOT / "resources" / "relay-wizard.svg").stat().st_size
    # the remote scripts load from the installed package as from the source tree
    probe = "from wizard.core.remote import scripts; print(len(scripts.load('inspect', 'state')))"
    result = run([wheel_venv / "bin" / "python", "-I", "-c", probe])
    from wizard.core.remote import scripts

    assert int(result.stdout) == len(scripts.load("inspect", "state"))


def test_the_installed_wheel_opens_the_window(
    wheel_venv: Path, secret_service: PrivateSecretService
) -> None:
    env = {"QT_QPA_PLATFORM": "offscreen"}
    result = run([wheel_venv / "bin" / "relay-wizard", "--smoke-test"], env=env)
    assert "window ok" in result.stdout
    assert "keyring: your desktop keyring (Secret Service)" in result.stdout
    assert os.environ.get("DBUS_SESSION_BUS_ADDRESS") == secret_service.address


GERMAN_PROBE = """
from PySide6.QtCore import QCoreApplication, QLocale
from wizard.ui import i18n
app = QCoreApplication([])
installed = i18n.install(app, QLocale("de_DE"))
print(len(installed), i18n.catalogue_folder())
print(QCoreApplication.translate("", "Welcome to Relay Wizard"))
print(QCoreApplication.translate("QPlatformTheme", "Cancel"))
"""


def test_the_installed_wheel_speaks_german(wheel_venv: Path, python_dists: PythonDists) -> None:
    with zipfile.ZipFile(python_dists.wheel) as wheel:
        shipped = wheel.read("wizard/resources/translations/relay_wizard_de.qm")
    assert shipped == (ROOT / "wizard/resources/translations/relay_wizard_de.qm").read_bytes()
    with tarfile.open(python_dists.sdist) as sdist:
        assert any(
            n.endswith("wizard/resources/translations/relay_wizard_de.ts") for n in sdist.getnames()
        )
    result = run([wheel_venv / "bin" / "python", "-I", "-c", GERMAN_PROBE])
    count_folder, welcome, cancel = result.stdout.splitlines()
    count, folder = count_folder.split(" ", 1)
    assert count == "2", "Qt's and the wizard's German catalogues"
    assert Path(folder).is_relative_to(wheel_venv)
    assert (welcome, cancel) == ("Willkommen bei Relay Wizard", "Abbrechen")
