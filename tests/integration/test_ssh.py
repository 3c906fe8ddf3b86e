"""The SSH session against the real lab server (sshd, sudo; see docs/testing.md).

wizard.core.remote.session and what it is made of: connect, login, sudo, shell, channel, files.
"""

from __future__ import annotations

import hashlib
import logging
import os
import socket
import subprocess
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import paramiko
import pytest

from tests.lab.lab import LabServer
from wizard.core.errors import (
    AuthError,
    Cancelled,
    ConnectError,
    HostKeyChanged,
    HostKeyUnknown,
    RemoteCommandError,
    RemoteTimeout,
    SudoError,
)
from wizard.core.remote.hostkeys import KnownHosts, fingerprint
from wizard.core.remote.login import Credentials
from wizard.core.remote.session import SshSession
from wizard.core.target import Target

# An ed25519 key that is not the lab's (generated once for these tests).
OTHER_KEY = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl"


@pytest.fixture
def known(lab_server: LabServer, tmp_path: Path) -> KnownHosts:
    """A known_hosts file that already trusts the lab server."""
    hosts = KnownHosts(tmp_path / "known_hosts")
    hosts.add(lab_server.address, lab_server.ssh_port, lab_server.host_key_line)
    return hosts


def connect(
    server: LabServer, user: str, known: KnownHosts, *, timeout: float = 10.0, **creds: Any
) -> SshSession:
    creds.setdefault("use_agent", False)
    return SshSession.connect(
        Target(server.address, server.ssh_port, user), Credentials(**creds), known, timeout=timeout
    )


def admin(server: LabServer, known: KnownHosts) -> SshSession:
    return connect(server, server.admin_user, known, password=server.admin_password)


def deploy(server: LabServer, known: KnownHosts) -> SshSession:
    return connect(server, server.deploy_user, known, password=server.deploy_password)


def root(server: LabServer, known: KnownHosts) -> SshSession:
    return connect(server, "root", known, key_file=server.root_key)


def ps_args(server: LabServer) -> str:
    return server.run("ps -eo user,args").stdout


def wait_gone(server: LabServer, needle: str, seconds: float = 3.0) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if needle not in ps_args(server):
            return True
        time.sleep(0.1)
    return False


# --------------------------------------------------------------------------- logins


def test_password_login_with_password_sudo(lab_server: LabServer, known: KnownHosts) -> None:
    with admin(lab_server, known) as session:
        assert session.privilege == "sudo-password"
        assert session.run("id -u").stdout == "0\n"
        assert session.run(["id", "-un"], root=False).stdout == f"{lab_server.admin_user}\n"
        assert session.host_key_fingerprint == fingerprint(lab_server.host_key_line)


def test_key_login_as_root(lab_server: LabServer, known: KnownHosts) -> None:
    with root(lab_server, known) as session:
        assert session.privilege == "root"
        result = session.run("id -u; echo to-stderr >&2; exit 3")
        assert (result.stdout, result.stderr, result.exit_code) == ("0\n", "to-stderr\n", 3)
        assert not result.ok


def test_passphrase_key_for_admin(lab_server: LabServer, known: KnownHosts) -> None:
    key = dict(key_file=lab_server.admin_key, sudo_password=lab_server.admin_password)
    with connect(
        lab_server,
        lab_server.admin_user,
        known,
        key_passphrase=lab_server.admin_key_passphrase,
        **key,
    ) as session:
        assert session.privilege == "sudo-password"
        assert session.run("id -u").stdout == "0\n"
    with pytest.raises(AuthError, match="passphrase") as wrong:
        connect(lab_server, lab_server.admin_user, known, key_passphrase="not-it", **key)
    assert "wrong" in wrong.value.message
    with pytest.raises(AuthError, match="passphrase"):
        connect(lab_server, lab_server.admin_user, known, **key)


def test_key_login_without_sudo_password_asks_for_it(
    lab_server: LabServer, known: KnownHosts
) -> None:
    with pytest.raises(SudoError, match="none was given"):
        connect(
            lab_server,
            lab_server.admin_user,
            known,
            key_file=lab_server.admin_key,
            key_passphrase=lab_server.admin_key_passphrase,
        )


@pytest.fixture
def agent(lab_server: LabServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """A real ssh-agent holding the lab's root key; SSH_AUTH_SOCK points at it."""
    sock = tmp_path / "agent.sock"
    proc = subprocess.Popen(
        ["ssh-agent", "-D", "-a", str(sock)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    try:
        deadline = time.monotonic() + 5
        while not sock.exists() and time.monotonic() < deadline:
            time.sleep(0.02)
        env = {**os.environ, "SSH_AUTH_SOCK": str(sock)}
        subprocess.run(
            ["ssh-add", str(lab_server.root_key)], env=env, check=True, capture_output=True
        )
        monkeypatch.setenv("SSH_AUTH_SOCK", str(sock))
        yield str(sock)
    finally:
        proc.terminate()
        proc.wait(timeout=5)


def test_agent_login(lab_server: LabServer, known: KnownHosts, agent: str) -> None:
    with connect(lab_server, "root", known, use_agent=True) as session:
        assert session.privilege == "root"
        assert session.run("id -u").stdout == "0\n"
    with pytest.raises(AuthError, match="no way to log in"):
        connect(lab_server, "root", known, use_agent=False)


def test_wrong_ssh_password(lab_server: LabServer, known: KnownHosts) -> None:
    with pytest.raises(AuthError) as refused:
        connect(lab_server, lab_server.admin_user, known, password="wrong-password")
    assert f"refused the login for user {lab_server.admin_user}" in refused.value.message
    assert "password" in refused.value.fix
    assert "wrong-password" not in str(refused.value)


@pytest.fixture
def opens(monkeypatch: pytest.MonkeyPatch) -> list[bool]:
    """For each session channel opened: was the login already done when it was asked for?"""
    seen: list[bool] = []
    real = paramiko.Transport.open_session

    def open_session(self: paramiko.Transport, *args: Any, **kwargs: Any) -> paramiko.Channel:
        seen.append(self.is_authenticated())
        return real(self, *args, **kwargs)

    monkeypatch.setattr(paramiko.Transport, "open_session", open_session)
    return seen


def test_the_first_channel_is_opened_right_behind_the_login(
    lab_server: LabServer, known: KnownHosts, opens: list[bool]
) -> None:
    """The login request goes out without waiting for the service's accept, and the first
    command's channel right behind it (RFC 4252 5.1): sshd opens it once the login
    succeeded, and the first command runs on it."""
    with root(lab_server, known) as session:
        assert opens == [False]  # asked for before the login's answer came
        assert session.run("id -u").stdout == "0\n"
        assert opens[0] is False and all(opens[1:])  # the command took the one ahead
    with admin(lab_server, known) as session:  # a password login, then sudo's probe
        assert session.privilege == "sudo-password"
        assert session.run("id -u").stdout == "0\n"


def test_a_refused_first_login_drops_the_channel_ahead_and_the_next_method_works(
    lab_server: LabServer, known: KnownHosts, tmp_path: Path, opens: list[bool]
) -> None:
    """A key the server refuses goes ahead with a channel behind it; sshd answers that
    channel with UNIMPLEMENTED. The password that follows logs in, and no command waits
    for the channel that never opens."""
    other = tmp_path / "other_key"
    subprocess.run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", str(other)], check=True)
    with connect(
        lab_server,
        lab_server.admin_user,
        known,
        key_file=other,
        password=lab_server.admin_password,
    ) as session:
        assert session.privilege == "sudo-password"
        assert opens[0] is False  # behind the refused key
        assert session.run("id -u").stdout == "0\n"
        assert all(opens[1:])  # every channel since: asked for after the login
        assert session.channels.transport.is_active()


# --------------------------------------------------------------------------- reaching it


def test_unreachable_host(tmp_path: Path) -> None:
    started = time.monotonic()
    with pytest.raises(ConnectError):
        SshSession.connect(
            Target("198.51.100.254", 22, "admin"),
            Credentials(password="x", use_agent=False),
            KnownHosts(tmp_path / "kh"),
            timeout=1.5,
        )
    assert time.monotonic() - started < 6


def test_server_that_does_not_answer_times_out(fresh_server: LabServer, tmp_path: Path) -> None:
    # The server silently drops every reply to us: a TCP connect that never completes.
    fresh_server.run(f"ip route add blackhole {fresh_server.client_address}/32")
    started = time.monotonic()
    with pytest.raises(ConnectError, match=r"did not answer within 1\.5 s") as silent:
        connect(fresh_server, "admin", KnownHosts(tmp_path / "kh"), timeout=1.5, password="x")
    assert 1.4 < time.monotonic() - started < 4
    assert "firewall" in silent.value.fix


def test_dns_failure(tmp_path: Path) -> None:
    with pytest.raises(ConnectError, match=r"Cannot find the server name 'no-such-host\.invalid'"):
        SshSession.connect(
            Target("no-such-host.invalid", 22, "admin"),
            Credentials(password="x", use_agent=False),
            KnownHosts(tmp_path / "kh"),
            timeout=5,
        )


def test_closed_port(lab_server: LabServer, tmp_path: Path) -> None:
    with pytest.raises(ConnectError) as refused:
        SshSession.connect(
            Target(lab_server.address, 1, "admin"),
            Credentials(password="x", use_agent=False),
            KnownHosts(tmp_path / "kh"),
            timeout=5,
        )
    assert "Nothing listens on port 1 " in refused.value.message
    assert "right port" in refused.value.fix


def test_port_with_another_service(tmp_path: Path) -> None:
    listener = socket.create_server(("127.0.0.1", 0))
    port = listener.getsockname()[1]

    def smtp_like() -> None:
        conn, _ = listener.accept()
        with conn:
            conn.sendall(b"220 fake.example ESMTP\r\n")

    server = threading.Thread(target=smtp_like, daemon=True)
    server.start()
    try:
        with pytest.raises(ConnectError, match=f"service on port {port} .* does not speak SSH"):
            SshSession.connect(
                Target("127.0.0.1", port, "admin"),
                Credentials(password="x", use_agent=False),
                KnownHosts(tmp_path / "kh"),
                timeout=5,
            )
    finally:
        server.join(5)
        listener.close()


# --------------------------------------------------------------------------- sudo


def test_wrong_sudo_password(lab_server: LabServer, known: KnownHosts) -> None:
    with pytest.raises(SudoError, match="sudo password was not accepted") as refused:
        connect(
            lab_server,
            lab_server.admin_user,
            known,
            password=lab_server.admin_password,
            sudo_password="not-the-sudo-password",
        )
    assert "not-the-sudo-password" not in str(refused.value)


def test_user_without_sudo_rights(lab_server: LabServer, known: KnownHosts) -> None:
    with pytest.raises(SudoError) as refused:
        connect(lab_server, lab_server.guest_user, known, password=lab_server.guest_password)
    assert "has no sudo rights" in refused.value.message
    assert "sudo group" in refused.value.fix and "root" in refused.value.fix


def test_nopasswd_sudo_payload_arrives_intact(fresh_server: LabServer, tmp_path: Path) -> None:
    known = KnownHosts(tmp_path / "kh")
    known.add(fresh_server.address, 22, fresh_server.host_key_line)
    payload = os.urandom(300_000) + b"\nlast line without newline"
    with deploy(fresh_server, known) as session:
        assert session.privilege == "sudo-nopasswd"
        result = session.run("cat > /tmp/x && id -u", stdin=payload, check=True)
        assert result.stdout == "0\n"
    digest = fresh_server.run("sha256sum /tmp/x; stat -c %U /tmp/x").stdout.split()
    assert digest == [hashlib.sha256(payload).hexdigest(), "/tmp/x", "root"]


def test_password_sudo_payload_arrives_intact(fresh_server: LabServer, tmp_path: Path) -> None:
    known = KnownHosts(tmp_path / "kh")
    known.add(fresh_server.address, 22, fresh_server.host_key_line)
    payload = "first line\nsecond line\n"
    with admin(fresh_server, known) as session:
        session.run("cat > /tmp/y", stdin=payload, check=True)
    content = fresh_server.run("cat /tmp/y").stdout
    assert content == payload
    assert fresh_server.admin_password not in content


def test_sudo_password_not_visible_on_server_or_in_results(
    lab_server: LabServer, known: KnownHosts, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    password = lab_server.admin_password
    seen: list[str] = []
    with admin(lab_server, known) as session:
        results = []
        worker = threading.Thread(target=lambda: results.append(session.run("sleep 2; id -u")))
        worker.start()
        deadline = time.monotonic() + 1.8
        while time.monotonic() < deadline:
            seen.append(ps_args(lab_server))
            time.sleep(0.1)
        worker.join()
    assert any("sleep 2" in snapshot for snapshot in seen)  # we looked while it ran
    assert not any(password in snapshot for snapshot in seen)
    (result,) = results
    assert result.stdout == "0\n"
    assert password not in repr(result)
    assert not any(password in record.getMessage() for record in caplog.records)
    assert password not in lab_server.run("cat /var/log/auth.log").stdout


def test_secrets_are_masked(lab_server: LabServer, known: KnownHosts) -> None:
    with root(lab_server, known) as session:
        result = session.run(["echo", "it's a s3cret"], secrets=["it's a s3cret"])
    assert result.command == "echo ***"
    assert result.stdout == "***\n"


# --------------------------------------------------------------------------- host keys


def test_unknown_host_key(lab_server: LabServer, tmp_path: Path) -> None:
    pub = tmp_path / "host.pub"
    pub.write_text(lab_server.host_key_line + "\n")
    keygen = subprocess.run(["ssh-keygen", "-lf", str(pub)], capture_output=True, text=True)
    expected = keygen.stdout.split()[1]
    known = KnownHosts(tmp_path / "known_hosts")
    with pytest.raises(HostKeyUnknown) as unknown:
        admin(lab_server, known)
    error = unknown.value
    assert error.fingerprint == expected
    assert (error.host, error.port, error.key_type) == (lab_server.address, 22, "ssh-ed25519")
    assert error.key_line == lab_server.host_key_line
    assert expected in error.message
    assert not known.path.exists()


def test_accepted_host_key_is_saved(lab_server: LabServer, tmp_path: Path) -> None:
    known = KnownHosts(tmp_path / "known_hosts")
    target = Target(lab_server.address, 22, "root")
    creds = Credentials(key_file=lab_server.root_key, use_agent=False)
    with pytest.raises(HostKeyUnknown):  # a different fingerprint was confirmed
        SshSession.connect(target, creds, known, accept_new_host_key=fingerprint(OTHER_KEY))
    assert known.lookup(lab_server.address, 22) == []
    fp = fingerprint(lab_server.host_key_line)
    with SshSession.connect(target, creds, known, accept_new_host_key=fp) as session:
        assert session.run("id -u").stdout == "0\n"
    assert known.lookup(lab_server.address, 22) == [lab_server.host_key_line]
    assert known.path.read_text() == f"{lab_server.address} {lab_server.host_key_line}\n"
    with SshSession.connect(target, creds, known) as session:  # no accepting needed now
        assert session.privilege == "root"


def test_accept_any_new_host_key(lab_server: LabServer, tmp_path: Path) -> None:
    known = KnownHosts(tmp_path / "known_hosts")
    creds = Credentials(key_file=lab_server.root_key, use_agent=False)
    with SshSession.connect(
        Target(lab_server.address, 22, "root"), creds, known, accept_new_host_key=True
    ):
        pass
    assert known.lookup(lab_server.address, 22) == [lab_server.host_key_line]


def test_changed_host_key_is_refused_before_login(
    lab_server: LabServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    known = KnownHosts(tmp_path / "known_hosts")
    known.add(lab_server.address, 22, OTHER_KEY)
    attempts: list[str] = []
    # every login request goes out through here (paramiko's own, and the one sent ahead)
    real_request = paramiko.AuthHandler._request_auth  # type: ignore[attr-defined]

    def spy_request(self: paramiko.AuthHandler) -> None:
        attempts.append(self.auth_method)
        real_request(self)

    monkeypatch.setattr(paramiko.AuthHandler, "_request_auth", spy_request)
    logins_before = lab_server.run("grep -c 'for admin from' /var/log/auth.log", check=False)

    for accept in (False, True, fingerprint(lab_server.host_key_line)):
        with pytest.raises(HostKeyChanged) as changed:
            SshSession.connect(
                Target(lab_server.address, 22, lab_server.admin_user),
                Credentials(password=lab_server.admin_password, use_agent=False),
                known,
                accept_new_host_key=accept,
            )
        assert changed.value.fingerprint == fingerprint(lab_server.host_key_line)
        assert changed.value.known_fingerprint == fingerprint(OTHER_KEY)
        assert "CHANGED" in changed.value.message
    assert attempts == []
    time.sleep(0.3)  # rsyslog
    logins_after = lab_server.run("grep -c 'for admin from' /var/log/auth.log", check=False)
    assert logins_after.stdout == logins_before.stdout  # sshd saw no login attempt
    assert known.lookup(lab_server.address, 22) == [OTHER_KEY]  # nothing overwritten
    # The spies do let a normal login through.
    good = KnownHosts(tmp_path / "good")
    good.add(lab_server.address, 22, lab_server.host_key_line)
    admin(lab_server, good).close()
    assert attempts == ["password"]


# --------------------------------------------------------------------------- commands


def test_timeout_stops_the_command(lab_server: LabServer, known: KnownHosts) -> None:
    with admin(lab_server, known) as session:
        started = time.monotonic()
        with pytest.raises(RemoteTimeout, match="did not finish within 1 s"):
            session.run("sleep 30", timeout=1)
        assert 0.9 < time.monotonic() - started < 2
        assert session.run("echo still usable").stdout == "still usable\n"
    assert wait_gone(lab_server, "sleep 30"), "the timed-out command still runs"


def test_cancel_stops_the_command_promptly(lab_server: LabServer, known: KnownHosts) -> None:
    with deploy(lab_server, known) as session:
        cancel = threading.Event()
        timer = threading.Timer(0.5, cancel.set)
        timer.start()
        started = time.monotonic()
        with pytest.raises(Cancelled):
            session.run("sleep 30", cancel=cancel)
        elapsed = time.monotonic() - started
        timer.join()
        assert 0.45 < elapsed < 0.7
    assert wait_gone(lab_server, "sleep 30"), "the cancelled command still runs"


def test_cancel_before_connecting(lab_server: LabServer, known: KnownHosts) -> None:
    cancel = threading.Event()
    cancel.set()
    with pytest.raises(Cancelled):
        SshSession.connect(
            Target(lab_server.address, 22, "root"),
            Credentials(key_file=lab_server.root_key, use_agent=False),
            known,
            cancel=cancel,
        )


def test_background_child_holding_output_does_not_hang(
    lab_server: LabServer, known: KnownHosts
) -> None:
    # Like an init script whose daemon keeps stdout open.
    with root(lab_server, known) as session:
        started = time.monotonic()
        result = session.run("sleep 7 & echo started")
        assert result.stdout == "started\n" and result.ok
        assert time.monotonic() - started < 3
    lab_server.run("pkill -f '^sleep 7$' || true")


def test_large_output_on_both_streams(lab_server: LabServer, known: KnownHosts) -> None:
    with admin(lab_server, known) as session:
        result = session.run(
            "head -c 8000000 /dev/zero | tr '\\0' o; head -c 3000000 /dev/zero | tr '\\0' e >&2",
            timeout=60,
        )
        assert (len(result.stdout), len(result.stderr)) == (8_000_000, 3_000_000)
        data = os.urandom(4_000_000)
        echoed = session.run("cat | sha256sum; cat /etc/hostname >&2", stdin=data)
        assert echoed.stdout.split()[0] == hashlib.sha256(data).hexdigest()


def test_check_raises_with_result(lab_server: LabServer, known: KnownHosts) -> None:
    with deploy(lab_server, known) as session, pytest.raises(RemoteCommandError) as failed:
        session.run("echo boom >&2; exit 4", check=True)
    result = failed.value.result
    assert result.exit_code == 4  # type: ignore[attr-defined]
    assert "exit code 4" in failed.value.message and "boom" in failed.value.message


def test_read_file_and_file_exists(lab_server: LabServer, known: KnownHosts) -> None:
    with admin(lab_server, known) as session:
        assert session.read_file("/etc/hostname") == f"{lab_server.name}\n".encode()
        shadow = session.read_file("/etc/shadow")  # root only
        assert shadow.startswith(b"root:")
        assert session.file_exists("/etc/mail/sendmail.mc")
        assert not session.file_exists("/etc/mail/no-such-file")
        with pytest.raises(RemoteCommandError, match="No such file"):
            session.read_file("/etc/mail/no-such-file")


# --------------------------------------------------------------------------- file writes


@pytest.mark.parametrize("login", ["admin", "deploy", "root"])
def test_write_file_atomic(fresh_server: LabServer, tmp_path: Path, login: str) -> None:
    known = KnownHosts(tmp_path / "kh")
    known.add(fresh_server.address, 22, fresh_server.host_key_line)
    session = {"admin": admin, "deploy": deploy, "root": root}[login](fresh_server, known)
    before_tmp = fresh_server.run("ls -A /tmp").stdout
    with session:
        # An existing file keeps its owner, group and mode.
        fresh_server.run(
            "printf 'old\\n' > /etc/mail/wizard.conf && chown smmsp:smmsp /etc/mail/wizard.conf"
            " && chmod 604 /etc/mail/wizard.conf"
        )
        content = b"new content\n\x00binary\xff\n"
        session.write_file_atomic("/etc/mail/wizard.conf", content)
        assert fresh_server.run("stat -c '%U %G %a' /etc/mail/wizard.conf").stdout == (
            "smmsp smmsp 604\n"
        )
        assert session.read_file("/etc/mail/wizard.conf") == content
        # A new file gets what is asked for.
        session.write_file_atomic("/etc/mail/new.secret", b"s\n", mode=0o640, group="smmsp")
        assert fresh_server.run("stat -c '%U %G %a' /etc/mail/new.secret").stdout == (
            "root smmsp 640\n"
        )
        # Explicit values override the existing ones.
        session.write_file_atomic("/etc/mail/wizard.conf", b"x", mode=0o600, owner="root")
        assert fresh_server.run("stat -c '%U %G %a' /etc/mail/wizard.conf").stdout == (
            "root smmsp 600\n"
        )
        # A file name with shell metacharacters is just a name.
        odd = "/tmp/odd name $(touch .pwned) `touch .pwned` ';\""
        session.write_file_atomic(odd, b"odd\n")
        assert session.read_file(odd) == b"odd\n"
        found = fresh_server.run("find / -path /proc -prune -o -name .pwned -print").stdout
        assert found == ""
        session.run(["rm", "-f", odd], check=True)
        # A failure leaves nothing behind.
        with pytest.raises(RemoteCommandError, match="does not exist"):
            session.write_file_atomic("/etc/mail/no-dir/file", b"x")
    leftovers = fresh_server.run("ls -A /etc/mail | grep -E '^\\.' || true").stdout
    assert leftovers == ""
    assert fresh_server.run("ls -A /tmp").stdout == before_tmp


def test_write_file_atomic_replaces_the_file_by_rename(
    fresh_server: LabServer, known: KnownHosts
) -> None:
    fresh_server.run("printf 'old\\n' > /etc/mail/renamed.conf")
    inode_before = fresh_server.run("stat -c %i /etc/mail/renamed.conf").stdout
    with admin(fresh_server, known) as session:
        session.write_file_atomic("/etc/mail/renamed.conf", b"new\n")
    assert fresh_server.run("stat -c %i /etc/mail/renamed.conf").stdout != inode_before
    assert fresh_server.run("cat /etc/mail/renamed.conf").stdout == "new\n"
