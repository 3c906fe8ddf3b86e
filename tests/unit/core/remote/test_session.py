"""wizard.core.remote.session: the layering (no Qt in the core's SSH session)."""

from __future__ import annotations

import subprocess
import sys

# --------------------------------------------------------------------------- layering


def test_the_ssh_session_does_not_import_qt() -> None:
    code = "import sys, wizard.core.remote.session; print(any(m.startswith('PySide6') for m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
