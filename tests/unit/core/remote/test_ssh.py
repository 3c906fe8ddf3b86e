"""Pure logic of wizard.core.remote.ssh: masking, quoting, command building, known_hosts, keys.

No network. The install script is exercised with the local /bin/sh on temp files.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import os
import shlex
import shutil
import stat
import subprocess
import sys
from pathlib import Path

import paramiko
import pytest

from wizard.core.errors import AuthError, UsageError
from wizard.core.remote import ssh
from wizard.core.remote.ssh import (
    CommandResult,
    Credentials,
    KnownHosts,
    build_remote_command,
    command_text,
    fingerprint,
    mask_secrets,
)

ED25519_LINE = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl"


def _keygen(path: Path, key_type: str = "ed25519", passphrase: str = "") -> Path:
    if shutil.which("ssh-keygen") is None:
        pytest.skip("ssh-keygen is not installed")
    args = ["ssh-keygen", "-q", "-t", key_type, "-N", passphrase, "-C", "unit", "-f", str(path)]
    if key_type == "rsa":
        args[4:4] = ["-b", "2048"]
    subprocess.run(args, check=True)
    return path


# --------------------------------------------------------------------------- masking


def test_mask_replaces_every_occurrence_and_longest_first() -> None:
    text = "pw=hunter2 again hunter2 and hunter2X"
    assert mask_secrets(text, ["hunter2", "hunter2X"]) == "pw=*** again *** and ***"


def test_mask_catches_the_shell_quoted_form() -> None:
    secret = "it's $ecret"
    command = shlex.join(["saslpasswd2", "-p", secret])
    assert secret not in mask_secrets(command, [secret])
    assert mask_secrets(command, [secret]) == "saslpasswd2 -p ***"


def test_mask_ignores_empty_and_none() -> None:
    assert mask_secrets("abc", ["", None]) == "abc"


# --------------------------------------------------------------------------- commands


def test_command_text_joins_argv_safely() -> None:
    evil = "x; rm -rf / #"
    text = command_text(["echo", evil, "$(id)"])
    assert text == "echo 'x; rm -rf / #' '$(id)'"
    assert shlex.split(text) == ["echo", evil, "$(id)"]


def test_command_text_keeps_strings_as_is() -> None:
    assert command_text("ls /etc | wc -l") == "ls /etc | wc -l"


@pytest.mark.parametrize("bad", ["", "   ", [], "a\0b"])
def test_command_text_rejects_empty_or_nul(bad: str | list[str]) -> None:
    with pytest.raises(UsageError):
        command_text(bad)


def test_command_text_rejects_non_text_items() -> None:
    with pytest.raises(UsageError):
        command_text(["echo", 3])  # type: ignore[list-item]


def test_build_remote_command_as_root_login() -> None:
    assert build_remote_command("id -u", "root", True) == "sh -c 'id -u'"
    assert build_remote_command("id -u", "sudo-password", False) == "sh -c 'id -u'"


def test_build_remote_command_nopasswd() -> None:
    assert build_remote_command("cat > /tmp/x", "sudo-nopasswd", True) == (
        "sudo -n -- sh -c 'cat > /tmp/x'"
    )


def test_build_remote_command_password_sudo_reads_password_first() -> None:
    remote = build_remote_command("echo 'a b'", "sudo-password", True)
    assert remote == "sudo -k -S -p '' -- sh -c 'echo '\"'\"'a b'\"'\"''"
    # What the remote shell hands to sh -c is the caller's text, byte for byte.
    assert shlex.split(remote)[-1] == "echo 'a b'"


# --------------------------------------------------------------------------- results


def test_command_result_ok_and_describe_failure() -> None:
    result = CommandResult("make -C /etc/mail", 2, "", "l1\nl2\nl3\nl4\nl5\nl6\n")
    assert not result.ok
    text = result.describe()
    assert "make -C /etc/mail" in text and "exit code 2" in text
    assert "l6" in text and "l2" in text and "l1" not in text


def test_command_result_describe_success_and_signal() -> None:
    assert CommandResult("true", 0, "", "").ok
    assert "succeeded" in CommandResult("true", 0, "", "").describe()
    assert "without an exit code" in CommandResult("sleep 9", -1, "", "").describe()


def test_command_result_describe_falls_back_to_stdout() -> None:
    text = CommandResult("x", 1, "only stdout here\n", "").describe()
    assert "only stdout here" in text


def test_command_result_describe_shortens_long_commands() -> None:
    text = CommandResult("x" * 1000, 1, "", "").describe()
    assert len(text) < 400


# --------------------------------------------------------------------------- credentials


def test_credentials_repr_hides_secrets() -> None:
    creds = Credentials(
        password="login-secret",
        key_file=Path("/k"),
        key_passphrase="pp-secret",
        sudo_password="sudo-secret",
    )
    for text in (repr(creds), str(creds), f"{creds}", repr([creds])):
        assert "secret" not in text
    assert "key_file=PosixPath('/k')" in repr(creds)
    assert set(creds.secrets()) == {"login-secret", "pp-secret", "sudo-secret"}
    assert "password=None" in repr(Credentials())


# --------------------------------------------------------------------------- fingerprints


def test_fingerprint_matches_ssh_keygen(tmp_path: Path) -> None:
    key = _keygen(tmp_path / "k")
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


def test_prefer_known_key_types_puts_saved_type_first() -> None:
    transport = paramiko.Transport(_Dummy())  # type: ignore[arg-type]
    try:
        ssh._prefer_known_key_types(transport, ["ssh-rsa AAAA"])
        order = transport.get_security_options().key_types
        rsa = [k for k in ("rsa-sha2-512", "rsa-sha2-256", "ssh-rsa") if k in order]
        assert list(order[: len(rsa)]) == rsa and rsa[0] == "rsa-sha2-512"
        ssh._prefer_known_key_types(transport, [ED25519_LINE])
        assert transport.get_security_options().key_types[0] == "ssh-ed25519"
    finally:
        transport.close()


class _Dummy:
    """Just enough of a socket for paramiko.Transport() to be built (never started)."""

    def settimeout(self, _: float) -> None:
        pass

    def close(self) -> None:
        pass


def test_normalize_fingerprint() -> None:
    assert ssh._normalize_fingerprint(" sha256:abc= ") == "SHA256:abc"
    assert ssh._normalize_fingerprint("SHA256:abc") == "SHA256:abc"


# --------------------------------------------------------------------------- key files


def test_load_key_file_plain_and_passphrase(tmp_path: Path) -> None:
    plain = _keygen(tmp_path / "plain")
    locked = _keygen(tmp_path / "locked", passphrase="right horse")
    rsa = _keygen(tmp_path / "rsa", key_type="rsa", passphrase="right horse")
    assert ssh._load_key_file(plain, None).get_name() == "ssh-ed25519"
    assert ssh._load_key_file(plain, "ignored for a plain key").get_name() == "ssh-ed25519"
    assert ssh._load_key_file(locked, "right horse").get_name() == "ssh-ed25519"
    assert ssh._load_key_file(rsa, "right horse").get_name() == "ssh-rsa"
    with pytest.raises(AuthError, match=r"passphrase.*wrong"):
        ssh._load_key_file(locked, "wrong")
    with pytest.raises(AuthError, match=r"passphrase.*wrong"):
        ssh._load_key_file(rsa, "wrong")
    with pytest.raises(AuthError, match="protected by a passphrase"):
        ssh._load_key_file(locked, None)


def test_load_key_file_errors(tmp_path: Path) -> None:
    with pytest.raises(UsageError, match="Cannot read"):
        ssh._load_key_file(tmp_path / "missing", None)
    _keygen(tmp_path / "k")
    with pytest.raises(UsageError, match="not a private key"):
        ssh._load_key_file(tmp_path / "k.pub", None)


# --------------------------------------------------------------------------- paths


@pytest.mark.parametrize("bad", ["relative", "", "/etc/", "/etc/..", "/a\nb", "/a\0b"])
def test_check_path_rejects(bad: str) -> None:
    with pytest.raises(UsageError):
        ssh._check_path(bad)


def test_check_path_accepts_odd_but_valid_names() -> None:
    assert ssh._check_path("/tmp/a b'$(x)") == "/tmp/a b'$(x)"


# --------------------------------------------------------------------------- install script


needs_root_and_gnu = pytest.mark.skipif(
    sys.platform != "linux" or os.geteuid() != 0, reason="needs root on Linux (chown)"
)


def _install(*args: str, stdin: bytes = b"") -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        ["sh", "-c", ssh._INSTALL_SCRIPT, "install-file", *args],
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


# --------------------------------------------------------------------------- layering


def test_core_ssh_does_not_import_qt() -> None:
    code = "import sys, wizard.core.remote.ssh; print(any(m.startswith('PySide6') for m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
