"""wizard.core.remote.hostkeys: fingerprints and the known_hosts file (what OpenSSH writes)."""

from __future__ import annotations

import base64
import hashlib
import hmac
import shutil
import stat
import subprocess
from collections.abc import Callable
from pathlib import Path

import paramiko
import pytest

from wizard.core.errors import UsageError
from wizard.core.remote.hostkeys import KnownHosts, fingerprint, normalize_fingerprint

ED25519_LINE = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl"


# --------------------------------------------------------------------------- fingerprints


def test_fingerprint_matches_ssh_keygen(tmp_path: Path, keygen: Callable[..., Path]) -> None:
    key = keygen(tmp_path / "k")
    pub = (tmp_path / "k.pub").read_text()
    shown = subprocess.run(
        ["ssh-keygen", "-lf", str(tmp_path / "k.pub")], capture_output=True, text=True, check=True
    ).stdout.split()[1]
    assert fingerprint(pub) == shown
    assert fingerprint(paramiko.Ed25519Key.from_private_key_file(str(key))) == shown
    blob = base64.b64decode(pub.split()[1])
    assert fingerprint(blob) == shown


def test_fingerprint_rejects_damaged_line() -> None:
    with pytest.raises(UsageError):
        fingerprint("ssh-ed25519 not-base64!!")
    with pytest.raises(UsageError):
        fingerprint("ssh-rsa " + ED25519_LINE.split()[1])  # type says rsa, blob says ed25519


# --------------------------------------------------------------------------- known hosts


def test_known_hosts_default_path(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path))
    assert KnownHosts.default_path() == tmp_path / "relay-wizard" / "known_hosts"
    monkeypatch.delenv("XDG_CONFIG_HOME")
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert KnownHosts.default_path() == tmp_path / "home" / ".config/relay-wizard/known_hosts"


def test_known_hosts_add_creates_private_file_openssh_style(tmp_path: Path) -> None:
    path = tmp_path / "a" / "b" / "known_hosts"
    hosts = KnownHosts(path)
    assert hosts.lookup("mail.example.com", 22) == []
    hosts.add("Mail.Example.com", 22, ED25519_LINE + " comment")
    hosts.add("198.51.100.2", 2222, ED25519_LINE)
    hosts.add("2001:db8::1", 2222, ED25519_LINE)
    hosts.add("198.51.100.2", 2222, ED25519_LINE)  # already there: not written twice
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert path.read_text().splitlines() == [
        f"mail.example.com {ED25519_LINE}",
        f"[198.51.100.2]:2222 {ED25519_LINE}",
        f"[2001:db8::1]:2222 {ED25519_LINE}",
    ]
    assert hosts.lookup("mail.example.com", 22) == [ED25519_LINE]
    assert hosts.lookup("MAIL.example.com", 22) == [ED25519_LINE]
    assert hosts.lookup("mail.example.com", 2222) == []
    assert hosts.lookup("198.51.100.2", 2222) == [ED25519_LINE]
    assert hosts.lookup("198.51.100.2", 22) == []


def test_known_hosts_file_is_readable_by_openssh(tmp_path: Path) -> None:
    if shutil.which("ssh-keygen") is None:
        pytest.skip("ssh-keygen is not installed")
    path = tmp_path / "known_hosts"
    KnownHosts(path).add("198.51.100.2", 2222, ED25519_LINE)
    found = subprocess.run(
        ["ssh-keygen", "-F", "[198.51.100.2]:2222", "-f", str(path)],
        capture_output=True,
        text=True,
    )
    assert found.returncode == 0 and ED25519_LINE in found.stdout


def test_known_hosts_appends_after_a_file_without_final_newline(tmp_path: Path) -> None:
    path = tmp_path / "known_hosts"
    path.write_text(f"other.example {ED25519_LINE}")
    KnownHosts(path).add("mail.example", 22, ED25519_LINE)
    assert path.read_text().splitlines() == [
        f"other.example {ED25519_LINE}",
        f"mail.example {ED25519_LINE}",
    ]


def test_known_hosts_reads_what_openssh_writes(tmp_path: Path) -> None:
    salt = b"0123456789abcdefghij"
    digest = hmac.new(salt, b"[hashed.example]:2200", hashlib.sha1).digest()
    hashed = f"|1|{base64.b64encode(salt).decode()}|{base64.b64encode(digest).decode()}"
    path = tmp_path / "known_hosts"
    path.write_text(
        "# comment\n\n"
        f"alias.example,mail.example,198.51.100.9 {ED25519_LINE}\n"
        f"{hashed} {ED25519_LINE}\n"
        f"*.wild.example,!no.wild.example,[ip?.example]:22?? {ED25519_LINE}\n"
        f"@cert-authority *.example {ED25519_LINE}\n"
        "broken.example ssh-ed25519 %%%%\n"
        "short.example\n"
    )
    hosts = KnownHosts(path)
    assert hosts.lookup("mail.example", 22) == [ED25519_LINE]
    assert hosts.lookup("198.51.100.9", 22) == [ED25519_LINE]
    assert hosts.lookup("hashed.example", 2200) == [ED25519_LINE]
    assert hosts.lookup("hashed.example", 22) == []
    assert hosts.lookup("a.wild.example", 22) == [ED25519_LINE]
    assert hosts.lookup("no.wild.example", 22) == []
    assert hosts.lookup("ip1.example", 2201) == [ED25519_LINE]
    assert hosts.lookup("ipx.example", 2201) == [ED25519_LINE]
    assert hosts.lookup("ip.example", 2201) == []
    assert hosts.lookup("other.example", 22) == []  # only the @cert-authority line matches
    assert hosts.lookup("broken.example", 22) == []


def test_known_hosts_add_rejects_bad_lines(tmp_path: Path) -> None:
    hosts = KnownHosts(tmp_path / "known_hosts")
    for bad in ["", "ssh-ed25519", "ssh-ed25519 @@@", "ssh-rsa " + ED25519_LINE.split()[1]]:
        with pytest.raises(UsageError):
            hosts.add("mail.example", 22, bad)
    assert not (tmp_path / "known_hosts").exists()


def test_normalize_fingerprint() -> None:
    assert normalize_fingerprint(" sha256:abc= ") == "SHA256:abc"
    assert normalize_fingerprint("SHA256:abc") == "SHA256:abc"
