"""A warm channel's reader (scripts/warm.sh) run by a real shell, as sshd would run it.

It reads the command, then hands the rest of stdin to it, byte for byte; a command that
did not arrive whole never runs.
"""

from __future__ import annotations

import shlex
import subprocess
from pathlib import Path

import pytest

from wizard.core.remote.channel import WARM, warm_request


def warm(data: bytes) -> subprocess.CompletedProcess[bytes]:
    """sshd runs the exec request's command with the login shell's ``-c``."""
    return subprocess.run(
        ["sh", "-c", WARM], input=data, capture_output=True, check=False, timeout=30
    )


def test_the_command_runs_with_the_rest_of_stdin_byte_for_byte() -> None:
    payload = bytes(range(256)) * 40 + b"\n'; rm -rf / #\n$(id)\n"  # no newline at the end
    remote = shlex.join(["sh", "-c", 'printf "%s|" "$1"; cat; exit 3', "x", "arg with 'quotes'"])
    done = warm(warm_request(remote) + payload)
    assert done.returncode == 3, done.stderr
    assert done.stdout == b"arg with 'quotes'|" + payload


def test_a_long_command_arrives_whole() -> None:
    script = "cat >/dev/null; echo " + "x" * 120_000
    done = warm(warm_request(shlex.join(["sh", "-c", script])) + b"stdin")
    assert done.returncode == 0, done.stderr
    assert done.stdout == b"x" * 120_000 + b"\n"


@pytest.mark.parametrize("cut", [1, 10, 40])
def test_a_command_cut_short_never_runs(tmp_path: Path, cut: int) -> None:
    """The connection went away while the command was on its way: nothing of it runs,
    however the cut falls (here: inside the text, before its last line)."""
    witness = tmp_path / "ran"
    remote = f"touch {witness}\nexit 0\n"
    request = warm_request(remote)
    done = warm(request[: len(request) - cut])
    assert done.returncode == 70 and b"did not arrive whole" in done.stderr
    assert not witness.exists()


def test_no_command_at_all() -> None:
    assert warm(b"").returncode == 0  # the spare was closed unused
    refused = warm(b"not a length\necho hi\n")
    assert refused.returncode == 64 and refused.stdout == b""
