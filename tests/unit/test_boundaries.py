"""The layers: the core and the CLI never load Qt; the GUI never loads SSH, keyring or SMTP."""

import ast
import json
import subprocess
import sys
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent.parent / "wizard"


def loaded_modules(code: str) -> set[str]:
    probe = f"{code}\nimport json, sys\nprint(json.dumps(sorted(sys.modules)))"
    out = subprocess.run(
        [sys.executable, "-c", probe],
        capture_output=True,
        text=True,
        check=True,
        cwd=PACKAGE.parent,
    ).stdout
    return set(json.loads(out.splitlines()[-1]))


def test_core_and_cli_do_not_load_pyside6() -> None:
    mods = loaded_modules(
        "import wizard.cli.main, wizard.main, wizard.core.remote.session, wizard.core.mta.sendmail.inspection, wizard.core.mta.sendmail.mc\n"
        "wizard.cli.main.main(['--version']) if False else None"
    )
    assert "wizard.core.remote.session" in mods
    assert not any(m == "PySide6" or m.startswith("PySide6.") for m in mods)


def test_cli_help_runs_without_qt() -> None:
    mods = loaded_modules(
        "import contextlib, io, wizard.main\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        "    try:\n        wizard.main.main(['--help'])\n    except SystemExit:\n        pass"
    )
    assert "wizard.cli.main" in mods
    assert "PySide6" not in mods


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text())
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module.split(".")[0])
    return names


def test_ui_imports_no_paramiko_keyring_or_smtplib() -> None:
    files = list((PACKAGE / "ui").rglob("*.py"))
    assert files
    for path in files:
        assert not _imports(path) & {"paramiko", "keyring", "smtplib"}, path


def test_core_imports_no_qt() -> None:
    for path in (PACKAGE / "core").rglob("*.py"):
        assert "PySide6" not in _imports(path), path


def test_the_gui_model_imports_no_qt() -> None:
    """wizard/ui/model is the wizard without a window: its rules are tested without Qt."""
    files = list((PACKAGE / "ui" / "model").rglob("*.py"))
    assert files
    for path in files:
        assert not _imports(path) & {"PySide6", "shiboken6"}, path
