"""Fixtures for the remote package's unit tests."""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest


@pytest.fixture
def keygen() -> Callable[..., Path]:
    """Makes a private key file with ssh-keygen: ``keygen(path, key_type, passphrase)``."""
    if shutil.which("ssh-keygen") is None:
        pytest.skip("ssh-keygen is not installed")

    def make(path: Path, key_type: str = "ed25519", passphrase: str = "") -> Path:
        args = ["ssh-keygen", "-q", "-t", key_type, "-N", passphrase, "-C", "unit", "-f", str(path)]
        if key_type == "rsa":
            args[4:4] = ["-b", "2048"]
        subprocess.run(args, check=True)
        return path

    return make
