"""Offline plans and the playbook edit the .mc only: a certificate from certbot or the
protection, asked for explicitly, is refused in one sentence instead of left out silently."""

from __future__ import annotations

import subprocess
import sys
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from pathlib import Path

DEBIAN_MC = "tests/data/mc/debian12-sendmail.mc"


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "wizard", *args], capture_output=True, text=True, timeout=60
    )


@pytest.mark.parametrize(
    ("extra", "says", "flag"),
    [
        (["--certificate", "obtain"], "certificate from certbot", "--certificate"),
        (["--certificate", "certbot"], "certificate from certbot", "--certificate"),
        (["--protect"], "password guessing (fail2ban)", "--ban-time"),
    ],
)
@pytest.mark.parametrize("command", ["plan", "export"])
def test_offline_refuses_what_needs_the_server(
    command: str, extra: list[str], says: str, flag: str, tmp_path: Path
) -> None:
    args = [command, "--mc-file", DEBIAN_MC, "--profile", "modern", *extra]
    if command == "export":
        args += ["--format", "ansible", "-o", str(tmp_path / "p.yml")]
    run = _run(*args)
    assert run.returncode == 2, run.stderr
    assert says in run.stderr and flag in run.stderr
    assert run.stdout == "" and not (tmp_path / "p.yml").exists()


def test_offline_modern_plan_without_those_options_still_works() -> None:
    run = _run("plan", "--mc-file", DEBIAN_MC, "--profile", "modern")
    assert run.returncode == 0, run.stderr
    assert "DAEMON_OPTIONS" in run.stdout
