"""The login request sent ahead, against an SSH server that hangs up on it; warm spare
channels, against one that refuses their reader.

OpenSSH answers a channel open that follows a refused login with UNIMPLEMENTED (the lab
tests show it: tests/integration/test_ssh.py). Dropbear, and any server strict in the
same way, ends the connection instead. This fake (paramiko in server mode, a hostile
peer on loopback) refuses every key, accepts one password, and hangs up on a channel
asked for before the login: the wizard must connect again, step by step, and log in
with the password.
"""

from __future__ import annotations

import socket
import subprocess
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import paramiko
import pytest

from tests.loopback import LoopbackServer
from wizard.core.errors import AuthError
from wizard.core.remote.hostkeys import KnownHosts
from wizard.core.remote.login import Credentials
from wizard.core.remote.session import SshSession
from wizard.core.target import Target

PASSWORD = "the-right-one"


class StrictTransport(paramiko.Transport):
    """Ends the connection when a channel is asked for before the login succeeded."""

    early_channels = 0

    def _ensure_authed(self, ptype: int, message: paramiko.Message) -> paramiko.Message | None:
        if ptype == paramiko.common.MSG_CHANNEL_OPEN and not self.is_authenticated():
            StrictTransport.early_channels += 1
            raise EOFError("a channel asked for before the login")
        return super()._ensure_authed(ptype, message)  # type: ignore[misc,no-any-return]


class Server(paramiko.ServerInterface):
    def __init__(self, logins: list[str]) -> None:
        self.logins = logins

    def get_allowed_auths(self, username: str) -> str:
        return "publickey,password"

    def check_auth_publickey(self, username: str, key: paramiko.PKey) -> int:
        return paramiko.AUTH_FAILED

    def check_auth_password(self, username: str, password: str) -> int:
        if password != PASSWORD:
            return paramiko.AUTH_FAILED
        self.logins.append(username)
        return paramiko.AUTH_SUCCESSFUL

    def check_channel_request(self, kind: str, chanid: int) -> int:
        return paramiko.OPEN_SUCCEEDED

    def check_channel_exec_request(self, channel: paramiko.Channel, command: bytes) -> bool:
        return True  # the spare channels' commands: they just wait


def keygen(path: Path) -> Path:
    subprocess.run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", str(path)], check=True)
    return path


class NoReader(Server):
    """Refuses the exec request of a warm channel's reader; answers any other command
    with "0" (as `id -u` as root would)."""

    def check_channel_exec_request(self, channel: paramiko.Channel, command: bytes) -> bool:
        if b"relay-wizard-warm" in command:
            return False

        def answer() -> None:
            time.sleep(0.2)  # after paramiko's reply to the request, as sshd orders them
            try:
                channel.sendall(b"0\n")
                channel.send_exit_status(0)
                channel.shutdown_write()
            except (paramiko.SSHException, EOFError, OSError):
                pass

        threading.Thread(target=answer, daemon=True).start()
        return True


class StrictSsh(LoopbackServer):
    def __init__(self, host_key: Path, interface: type[Server] = Server) -> None:
        self.host_key = paramiko.Ed25519Key.from_private_key_file(str(host_key))
        self.logins: list[str] = []
        self.interface = interface
        super().__init__()

    def known_hosts(self, path: Path) -> KnownHosts:
        known = KnownHosts(path)
        known.add("127.0.0.1", self.port, f"ssh-ed25519 {self.host_key.get_base64()}")
        return known

    def handle(self, conn: socket.socket, number: int) -> None:
        transport = StrictTransport(conn)
        transport.add_server_key(self.host_key)
        try:
            transport.start_server(server=self.interface(self.logins))
            transport.join(10)  # until the client hangs up (or this server does)
        except (paramiko.SSHException, EOFError, OSError):
            pass
        finally:
            transport.close()


@pytest.fixture
def server(tmp_path: Path) -> Iterator[StrictSsh]:
    started = StrictSsh(keygen(tmp_path / "host_key"))
    yield started
    started.close()


def test_a_server_that_hangs_up_on_the_channel_ahead_is_logged_in_to_step_by_step(
    server: StrictSsh, tmp_path: Path
) -> None:
    client_key = keygen(tmp_path / "client_key")
    known = server.known_hosts(tmp_path / "known_hosts")
    StrictTransport.early_channels = 0
    credentials = Credentials(key_file=client_key, password=PASSWORD, use_agent=False)
    with SshSession.connect(Target("127.0.0.1", server.port, "root"), credentials, known) as s:
        assert s.is_active and s.privilege == "root"
    assert StrictTransport.early_channels == 1  # the first connection, behind the key
    assert server.connections == 2 and server.logins == ["root"]


def test_a_refused_login_on_such_a_server_is_still_refused_in_plain_words(
    server: StrictSsh, tmp_path: Path
) -> None:
    known = server.known_hosts(tmp_path / "known_hosts")
    credentials = Credentials(password="wrong", use_agent=False)
    with pytest.raises(AuthError, match=r"refused the login for user root \(tried: password\)"):
        SshSession.connect(Target("127.0.0.1", server.port, "root"), credentials, known)


def test_a_refused_reader_leaves_each_command_a_channel_of_its_own(tmp_path: Path) -> None:
    """A server that refuses the warm channels' reader (its exec request answered with a
    failure, the channel left open without a window): no command is sent into such a
    channel; each goes on a channel of its own, as without spares."""
    server = StrictSsh(keygen(tmp_path / "host_key"), NoReader)
    try:
        known = server.known_hosts(tmp_path / "known_hosts")
        credentials = Credentials(password=PASSWORD, use_agent=False)
        with SshSession.connect(Target("127.0.0.1", server.port, "root"), credentials, known) as s:
            for _ in range(3):  # stdin that is a secret asks for a warm channel
                assert s.run("id -u", stdin="pw\n", secrets=("pw",), timeout=20).stdout == "0\n"
    finally:
        server.close()
