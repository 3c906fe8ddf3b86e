"""The packaged forms of the app, each built once per session with the real tools.

The one-folder app (PyInstaller, packaging/build-app) goes to dist/relay-wizard/, the
wheel and sdist (``python -m build``) to dist/python/, the clean virtual environment the
wheel is installed into to build/venv-wheel/. Nothing here is committed (.gitignore).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent.parent
DIST = ROOT / "dist"


def run(
    command: list[str | Path], *, env: dict[str, str] | None = None, timeout: float = 600
) -> subprocess.CompletedProcess[str]:
    """Run ``command`` from the project root; fail the test with its output if it fails.

    PYTHONPATH is dropped: a packaged app or a venv must not see the source tree (whose
    relay_wizard.egg-info would even make pip think the wheel is already installed).
    """
    base = {k: v for k, v in os.environ.items() if k not in {"PYTHONPATH", "PYTHONHOME"}}
    result = subprocess.run(
        [str(part) for part in command],
        cwd=ROOT,
        env={**base, **(env or {})},
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    if result.returncode != 0:
        pytest.fail(
            f"{' '.join(map(str, command))} exited {result.returncode}\n"
            f"--- stdout\n{result.stdout[-4000:]}\n--- stderr\n{result.stderr[-4000:]}"
        )
    return result


def tool(name: str, package: str) -> str:
    """The path of the command ``name``; fails (never skips) when it is not installed."""
    path = shutil.which(name)
    if path is None:
        pytest.fail(f"{name} is not installed: apt-get install {package} (scripts/lib.sh)")
    return path


@pytest.fixture(scope="session")
def app_bundle() -> Path:
    """dist/relay-wizard/relay-wizard, built by packaging/build-app (which smoke-tests it)."""
    shutil.rmtree(DIST / "relay-wizard", ignore_errors=True)
    run([ROOT / "packaging" / "build-app"], env={"PYTHON": sys.executable})
    app = DIST / "relay-wizard" / "relay-wizard"
    assert os.access(app, os.X_OK), f"{app} was not built"
    return app


@dataclass(frozen=True)
class PythonDists:
    sdist: Path
    wheel: Path


@pytest.fixture(scope="session")
def python_dists() -> PythonDists:
    """The sdist, and the wheel built from it, by ``python -m build`` (isolated)."""
    out = DIST / "python"
    shutil.rmtree(out, ignore_errors=True)
    run([sys.executable, "-m", "build", "--outdir", out, ROOT])
    sdists, wheels = list(out.glob("*.tar.gz")), list(out.glob("*.whl"))
    assert len(sdists) == 1 and len(wheels) == 1, sorted(p.name for p in out.iterdir())
    return PythonDists(sdists[0], wheels[0])


@pytest.fixture(scope="session")
def wheel_venv(python_dists: PythonDists) -> Path:
    """A new virtual environment (the system's python3) with only the wheel installed."""
    venv = ROOT / "build" / "venv-wheel"
    shutil.rmtree(venv, ignore_errors=True)
    python3 = tool("python3", "python3")
    run([python3, "-m", "venv", venv])
    run([venv / "bin" / "python", "-m", "pip", "install", "-q", python_dists.wheel])
    return venv
