"""``relay-wizard --smoke-test``: packaged builds prove with it that the window opens.

Run as a real process (its own QApplication, Qt's own message handling), offscreen.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from tests.integration.keyring_fixture import PrivateSecretService

ROOT = Path(__file__).resolve().parent.parent.parent


def smoke(**env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "wizard", "--smoke-test"],
        cwd=ROOT,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen", **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_the_window_opens_and_closes() -> None:
    result = smoke()
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("relay-wizard ")
    assert "window ok" in result.stdout
    assert result.stderr == ""


def test_a_qt_warning_fails_it() -> None:
    result = smoke(QT_STYLE_OVERRIDE="no-such-style")
    assert result.returncode == 1
    assert "window FAILED" in result.stdout
    assert "smoke test: Qt: " in result.stderr
    assert "no-such-style" in result.stderr


def test_a_missing_platform_plugin_fails_it() -> None:
    result = smoke(QT_QPA_PLATFORM="no-such-platform")
    assert result.returncode != 0
    assert "no-such-platform" in result.stderr


def test_it_names_the_keyring(secret_service: PrivateSecretService) -> None:
    result = smoke()
    assert result.returncode == 0, result.stderr
    assert "keyring: your desktop keyring (Secret Service)" in result.stdout


def test_it_is_not_offered_as_a_command() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "wizard", "--help"], cwd=ROOT, capture_output=True, text=True
    )
    assert result.returncode == 0
    assert "--smoke-test" not in result.stdout
