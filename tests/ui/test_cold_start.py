"""Cold start: the first window comes up before the SSH and keyring libraries load, and
they load in the background once it is shown (bench/ times it; these check the behaviour).

Each test runs the real app (``wizard.ui.app.run_gui``) in a fresh interpreter, offscreen,
because the test process itself has paramiko and keyring loaded long ago.
"""

import json
import os
import subprocess
import sys
from pathlib import Path

from wizard.core.local.profiles import ProfileStore, ServerProfile

ROOT = Path(__file__).resolve().parent.parent.parent
HEAVY = ("paramiko", "cryptography", "invoke", "keyring")
HOST_KEY = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl"

# Keeps the window (run_gui drops it) and reports what was loaded once run_gui returned.
PROBE = f"""
import json, sys
from wizard.ui import app as app_mod
kept = []
real_open = app_mod._open
def keep_open():
    pair = real_open()
    kept.append(pair[1])
    on_open()
    return pair
app_mod._open = keep_open
SETUP
code = app_mod.run_gui()
welcome = kept[0].page(0)
print(json.dumps({{
    "code": code,
    "saved": welcome.list.count(),
    "loaded": [m for m in {HEAVY!r} if m in sys.modules],
    "pages": len(kept[0].pageIds()),
    "core_services": "wizard.core.services" in sys.modules,
    "preloaded": [t.is_alive() for t in PRELOADS],
}}))
"""


def run_app(
    tmp_path: Path,
    setup: str = "PRELOADS = []\non_open = lambda: None",
    exit_after_show: bool = True,
) -> dict:
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "HOME": str(tmp_path),
        "XDG_CONFIG_HOME": str(tmp_path / "config"),
    }
    env.pop("RELAY_WIZARD_EXIT_AFTER_SHOW", None)
    if exit_after_show:
        env["RELAY_WIZARD_EXIT_AFTER_SHOW"] = "1"
    done = subprocess.run(
        [sys.executable, "-c", PROBE.replace("SETUP", setup)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=env,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert any("window shown at" in line for line in lines) == exit_after_show, done.stdout
    result: dict = json.loads(lines[-1])
    return result


def save_profile(tmp_path: Path) -> None:
    store = ProfileStore(tmp_path / "config" / "relay-wizard" / "servers.json")
    store.save(ServerProfile("office", "mail.example.com", ssh_user="admin", host_key=HOST_KEY))


def test_first_window_shows_without_ssh_or_keyring_libraries(tmp_path: Path) -> None:
    save_profile(tmp_path)  # its host key is checked on load: without paramiko
    out = run_app(tmp_path)
    assert out["code"] == 0
    assert out["saved"] == 1  # the first page really listed the saved server
    assert out["loaded"] == []
    # only the first page is made before it is shown; the others, and the core services
    # they call, come once it is on screen
    assert out["pages"] == 1
    assert out["core_services"] is False


def test_they_load_in_the_background_once_the_window_is_shown(tmp_path: Path) -> None:
    # Quit when the preloading thread has finished (a deadline, not a measurement).
    setup = """
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
PRELOADS = []
real_start = app_mod.start_preloading
def spy():
    PRELOADS.append(real_start())
    return PRELOADS[-1]
app_mod.start_preloading = spy
def poll():
    if PRELOADS and not PRELOADS[0].is_alive():
        QApplication.quit()
    else:
        QTimer.singleShot(20, poll)
def on_open():  # the application exists; its event loop is about to run
    QTimer.singleShot(0, poll)
    QTimer.singleShot(30_000, QApplication.quit)
"""
    out = run_app(tmp_path, setup, exit_after_show=False)
    assert out["preloaded"] == [False]  # started once, and finished
    assert out["pages"] == 10 and out["core_services"] is True  # every page, once shown
    assert {"paramiko", "cryptography", "keyring"} <= set(out["loaded"])
