"""wizard.core.remote.files: paths, and the install script run by the local /bin/sh on temp files."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from wizard.core.errors import UsageError
from wizard.core.remote.files import INSTALL_SCRIPT, check_path

# --------------------------------------------------------------------------- paths


@pytest.mark.parametrize("bad", ["relative", "", "/etc/", "/etc/..", "/a\nb", "/a\0b"])
def test_check_path_rejects(bad: str) -> None:
    with pytest.raises(UsageError):
        check_path(bad)


def test_check_path_accepts_odd_but_valid_names() -> None:
    assert check_path("/tmp/a b'$(x)") == "/tmp/a b'$(x)"


# --------------------------------------------------------------------------- install script


needs_root_and_gnu = pytest.mark.skipif(
    sys.platform != "linux" or os.geteuid() != 0, reason="needs root on Linux (chown)"
)


def _install(*args: str, stdin: bytes = b"") -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        ["sh", "-c", INSTALL_SCRIPT, "install-file", *args],
        input=stdin,
        capture_output=True,
    )


@needs_root_and_gnu
def test_install_script_keeps_owner_and_mode_of_existing_file(tmp_path: Path) -> None:
    target = tmp_path / "conf"
    target.write_text("old\n")
    os.chown(target, 1, 2)
    target.chmod(0o640)
    src = tmp_path / "upload"
    src.write_text("new\n")
    done = _install(str(src), str(target), "", "", "")
    assert done.returncode == 0, done.stderr
    st = target.stat()
    assert target.read_text() == "new\n"
    assert (st.st_uid, st.st_gid, stat.S_IMODE(st.st_mode)) == (1, 2, 0o640)
    assert not src.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["conf"]


@pytest.mark.skipif(sys.platform != "linux", reason="GNU coreutils")
def test_install_script_new_file_from_stdin_with_mode(tmp_path: Path) -> None:
    target = tmp_path / "new"
    uid, gid = os.getuid(), os.getgid()
    done = _install("-", str(target), "600", str(uid), str(gid), stdin=b"secret\x00bytes")
    assert done.returncode == 0, done.stderr
    assert target.read_bytes() == b"secret\x00bytes"
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert [p.name for p in tmp_path.iterdir()] == ["new"]


@pytest.mark.skipif(sys.platform != "linux", reason="GNU coreutils")
def test_install_script_follows_symlink_and_uses_temp_in_same_dir(tmp_path: Path) -> None:
    real_dir = tmp_path / "real"
    real_dir.mkdir()
    real = real_dir / "Sendmail.conf"
    real.write_text("old\n")
    real.chmod(0o644)
    link = tmp_path / "link.conf"
    link.symlink_to(real)
    uid, gid = os.getuid(), os.getgid()
    src = tmp_path / "upload"
    src.write_text("new\n")
    done = _install(str(src), str(link), "", str(uid), str(gid))
    assert done.returncode == 0, done.stderr
    assert link.is_symlink() and real.read_text() == "new\n"
    assert stat.S_IMODE(real.stat().st_mode) == 0o644


@pytest.mark.skipif(sys.platform != "linux", reason="GNU coreutils")
def test_install_script_cleans_up_on_failure(tmp_path: Path) -> None:
    src = tmp_path / "upload"
    src.write_text("new\n")
    done = _install(str(src), str(tmp_path / "missing-dir" / "f"), "", "", "")
    assert done.returncode != 0 and b"does not exist" in done.stderr
    assert not src.exists()
    target = tmp_path / "t"
    target.write_text("old\n")
    src.write_text("new\n")
    done = _install(str(src), str(target), "", "no-such-user-xyz", "")
    assert done.returncode != 0
    assert target.read_text() == "old\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["t"]
