"""SASL accounts (`relay-wizard users`, wizard.core.mta.sendmail.users) against the real lab server.

What the server holds is read through the back door (``server.run``): ``sasldblistusers2``
for the accounts, ``db_dump`` for the secret sasldb stores, and a real SMTP AUTH login to
the server's sendmail to show that a password works (and that a wrong one does not).
"""

from __future__ import annotations

import contextlib
import io
import json
import logging
import os
import secrets
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.lab.lab import LabServer
from wizard.cli.console import Console
from wizard.cli.main import main
from wizard.core.errors import UsageError
from wizard.core.mta.sendmail import users
from wizard.core.remote.hostkeys import KnownHosts
from wizard.core.remote.login import Credentials
from wizard.core.remote.session import SshSession
from wizard.core.target import Target

SSH_LOG = "wizard.ssh"


class Run:
    def __init__(self, code: int, out: str, err: str) -> None:
        self.code, self.out, self.err = code, out, err


def cli(
    args: list[str],
    monkeypatch: pytest.MonkeyPatch,
    *,
    stdin: str = "",
    env: dict[str, str] | None = None,
) -> Run:
    for key in (
        "RELAY_WIZARD_SSH_PASSWORD",
        "RELAY_WIZARD_SUDO_PASSWORD",
        "RELAY_WIZARD_KEY_PASSPHRASE",
        "SSH_AUTH_SOCK",
    ):
        monkeypatch.delenv(key, raising=False)
    for key, value in (env or {}).items():
        monkeypatch.setenv(key, value)
    out, err = io.StringIO(), io.StringIO()
    code = main(args, console=Console(stdin=io.StringIO(stdin), stderr=err), out=out)
    return Run(code, out.getvalue(), err.getvalue())


def known_hosts(server: LabServer, tmp_path: Path) -> Path:
    path = tmp_path / "known_hosts"
    path.write_text(f"{server.address} {server.host_key_line}\n")
    return path


def as_root(server: LabServer, tmp_path: Path) -> list[str]:
    """Connection options for root by key; they follow ``users TARGET ACTION [NAME]``."""
    return ["-i", str(server.root_key), "--known-hosts", str(known_hosts(server, tmp_path))]


def users_cmd(server: LabServer, tmp_path: Path, *words: str, user: str = "root") -> list[str]:
    """``users USER@SERVER WORDS... CONNECTION-OPTIONS``."""
    options = (
        as_root(server, tmp_path)
        if user == "root"
        else ["--known-hosts", str(known_hosts(server, tmp_path))]
    )
    return ["users", f"{user}@{server.address}", *words, *options, "--no-agent"]


def expect_refusal(r: Run, *phrases: str) -> None:
    """Exit 2, nothing on stdout, one line on stderr saying why."""
    assert r.code == 2, (r.code, r.out, r.err)
    assert r.out == ""
    assert r.err.endswith("\n") and r.err.count("\n") == 1, r.err
    assert r.err.startswith("relay-wizard: ")
    for phrase in phrases:
        assert phrase in r.err, r.err


# ----------------------------------------------------------------------------- back door


def _undump(text: str) -> bytes:
    """One value of ``db_dump -p``: printable bytes as is, ``\\\\`` and ``\\xx`` hex."""
    out = bytearray()
    i = 0
    while i < len(text):
        if text[i] != "\\":
            out += text[i].encode()
            i += 1
        elif text[i + 1] == "\\":
            out += b"\\"
            i += 2
        else:
            out.append(int(text[i + 1 : i + 3], 16))
            i += 3
    return bytes(out)


def stored(server: LabServer) -> dict[str, str]:
    """``user@realm`` -> the password sasldb holds, read from the file with db_dump."""
    dump = server.run("test -e /etc/sasldb2 || exit 0; db_dump -p /etc/sasldb2").stdout
    if not dump:
        return {}
    lines = dump.split("HEADER=END\n", 1)[1].split("DATA=END", 1)[0].splitlines()
    assert all(line.startswith(" ") for line in lines), dump
    items = [_undump(line[1:]) for line in lines]
    result = {}
    for key, value in zip(items[0::2], items[1::2], strict=True):
        name, realm, prop = key.split(b"\0")
        assert prop == b"userPassword", key
        result[f"{name.decode()}@{realm.decode()}"] = value.decode()
    return result


def listed(server: LabServer) -> set[str]:
    return set(server.run("sasldblistusers2").stdout.splitlines())


def sasldb_state(server: LabServer) -> str:
    return server.run("cd /etc && sha256sum sasldb2 && stat -c '%a %U %G %s' sasldb2").stdout


def add_by_hand(server: LabServer, name: str, password: str, realm: str | None = None) -> None:
    realm = realm or server.fqdn
    server.run(f"saslpasswd2 -p -c -u {realm} -- {name}", input=password + "\n")


_SMTP_LOGIN = """
import smtplib, sys
user, password = sys.stdin.read().split("\\n")[:2]
with smtplib.SMTP("127.0.0.1", 25, timeout=20) as smtp:
    smtp.ehlo("client.test")
    assert "CRAM-MD5" in smtp.esmtp_features["auth"].split()
    try:
        code = smtp.login(user, password)[0]
    except smtplib.SMTPAuthenticationError as exc:
        code = exc.smtp_code
print(code)
"""


def smtp_login(server: LabServer, user: str, password: str) -> int:
    """SMTP AUTH (CRAM-MD5) to the server's own sendmail as a mail client would: 235 or 535.

    The stock sendmail listens on 127.0.0.1 only, so this Python runs in the server's
    network namespace (``nsenter -n``); the credentials travel on its stdin.
    """
    proc = subprocess.run(
        ["nsenter", "-t", str(server.init_pid), "-n", sys.executable, "-c", _SMTP_LOGIN],
        input=f"{user}\n{password}\n",
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    return int(proc.stdout)


def ssh_commands(caplog: pytest.LogCaptureFixture) -> list[str]:
    """The commands the app ran on the server, from its own log (the login's privilege
    probes are logged at debug level and left out)."""
    return [
        r.getMessage()[len("run: ") :]
        for r in caplog.records
        if r.name == SSH_LOG and r.levelno >= logging.INFO and r.getMessage().startswith("run: ")
    ]


def session_as(server: LabServer, user: str, tmp_path: Path) -> SshSession:
    hosts = KnownHosts(tmp_path / "kh")
    hosts.add(server.address, server.ssh_port, server.host_key_line)
    if user == "root":
        creds = Credentials(key_file=server.root_key, use_agent=False)
    else:
        creds = Credentials(password=server.deploy_password, use_agent=False)
        assert user == server.deploy_user
    return SshSession.connect(Target(server.address, server.ssh_port, user), creds, hosts)


# ----------------------------------------------------------------------------- add, passwd


def test_add_reads_the_password_from_stdin_and_creates_name_at_realm(
    fresh_server: LabServer,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.DEBUG)
    server = fresh_server
    # Spaces at both ends and every shell character: all of it is the password.
    password = " Al1ce pw $(id) `id` 'q' \"d\" \\ ; | & * ? < > "
    r = cli(
        users_cmd(server, tmp_path, "add", "alice", "--password-stdin", user="admin"),
        monkeypatch,
        stdin=password + "\n",
        env={"RELAY_WIZARD_SSH_PASSWORD": server.admin_password},
    )
    assert r.code == 0, r.err
    assert r.out == f"alice@{server.fqdn}: created\n"
    assert r.err == ""
    # Through password sudo: the sudo password went first on stdin, and did not end up
    # in the account; the account got exactly the line given, one newline stripped.
    assert stored(server) == {f"alice@{server.fqdn}": password}
    assert listed(server) == {f"alice@{server.fqdn}: userPassword"}
    assert smtp_login(server, "alice", password) == 235
    assert smtp_login(server, "alice", password.strip()) == 535
    assert smtp_login(server, "alice", server.admin_password) == 535
    # sasldb holds recoverable secrets: not for the world.
    mode, group = server.run("stat -c '%a %G' /etc/sasldb2").stdout.split()
    assert mode.endswith("0") and group == "sasl"
    # The app ran commands and logged them; neither password is in any record.
    assert ssh_commands(caplog)
    for secret in (password, server.admin_password):
        assert not any(secret in record.getMessage() for record in caplog.records)
        assert secret not in caplog.text


def test_generate_shows_the_password_once_and_it_works(
    fresh_server: LabServer,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.DEBUG)
    server = fresh_server
    r = cli(users_cmd(server, tmp_path, "add", "bob", "--generate"), monkeypatch)
    assert r.code == 0, r.err
    assert r.err == ""
    first_line, second_line = r.out.splitlines()
    assert first_line == f"bob@{server.fqdn}: created"
    prefix = "Generated password (shown once, keep it safe): "
    assert second_line.startswith(prefix)
    generated = second_line[len(prefix) :]
    assert len(generated) == 20
    assert r.out.count(generated) == 1
    assert stored(server) == {f"bob@{server.fqdn}": generated}
    assert smtp_login(server, "bob", generated) == 235

    r = cli(users_cmd(server, tmp_path, "passwd", "bob", "--generate", "--json"), monkeypatch)
    assert r.code == 0, r.err
    result = json.loads(r.out)
    assert set(result) == {"user", "realm", "result", "password"}
    assert (result["user"], result["realm"], result["result"]) == (
        "bob",
        server.fqdn,
        "password changed",
    )
    renewed = result["password"]
    assert renewed != generated and r.out.count(renewed) == 1
    assert stored(server) == {f"bob@{server.fqdn}": renewed}
    assert smtp_login(server, "bob", generated) == 535
    assert smtp_login(server, "bob", renewed) == 235
    assert ssh_commands(caplog)
    for secret in (generated, renewed):
        assert secret not in caplog.text


def test_passwd_from_stdin_changes_only_that_password(
    fresh_server: LabServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    server = fresh_server
    add_by_hand(server, "carol", "carol-old-pw-1")
    add_by_hand(server, "dave", "dave-keeps-this-1")
    r = cli(
        users_cmd(server, tmp_path, "passwd", "carol", "--password-stdin"),
        monkeypatch,
        stdin="carol-new-pw-2\nthe second line is ignored\n",
    )
    assert r.code == 0, r.err
    assert r.out == f"carol@{server.fqdn}: password changed\n"
    assert stored(server) == {
        f"carol@{server.fqdn}": "carol-new-pw-2",
        f"dave@{server.fqdn}": "dave-keeps-this-1",
    }
    assert smtp_login(server, "carol", "carol-old-pw-1") == 535
    assert smtp_login(server, "carol", "carol-new-pw-2") == 235
    assert smtp_login(server, "dave", "dave-keeps-this-1") == 235


def test_a_name_in_the_servers_own_realm_is_accepted(
    fresh_server: LabServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    server = fresh_server
    r = cli(
        users_cmd(server, tmp_path, "add", f"first.last@{server.fqdn.upper()}", "--password-stdin"),
        monkeypatch,
        stdin="own-realm-pw-1\n",
    )
    assert r.code == 0, r.err
    assert r.out == f"first.last@{server.fqdn}: created\n"
    assert stored(server) == {f"first.last@{server.fqdn}": "own-realm-pw-1"}


def test_the_longest_password_allowed_is_stored_whole_and_works(
    fresh_server: LabServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # saslpasswd2 silently keeps only the first 2048 bytes; the app allows 1024.
    server = fresh_server
    password = secrets.token_hex(users.MAX_PASSWORD_BYTES // 2)
    assert len(password) == users.MAX_PASSWORD_BYTES
    r = cli(
        users_cmd(server, tmp_path, "add", "long", "--password-stdin"),
        monkeypatch,
        stdin=password + "\n",
    )
    assert r.code == 0, r.err
    assert stored(server) == {f"long@{server.fqdn}": password}
    assert smtp_login(server, "long", password) == 235
    r = cli(
        users_cmd(server, tmp_path, "passwd", "long", "--password-stdin"),
        monkeypatch,
        stdin=password + "x\n",
    )
    expect_refusal(r, "longer than 1024 bytes")
    assert stored(server) == {f"long@{server.fqdn}": password}


# ----------------------------------------------------------------------------- remove


def test_remove_deletes_only_that_account(
    fresh_server: LabServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    server = fresh_server
    add_by_hand(server, "erin", "erin-pw-123")
    add_by_hand(server, "frank", "frank-pw-123")
    r = cli(users_cmd(server, tmp_path, "remove", "erin", "--json"), monkeypatch)
    assert r.code == 0, r.err
    assert json.loads(r.out) == {"user": "erin", "realm": server.fqdn, "result": "removed"}
    assert stored(server) == {f"frank@{server.fqdn}": "frank-pw-123"}
    assert smtp_login(server, "erin", "erin-pw-123") == 535
    assert smtp_login(server, "frank", "frank-pw-123") == 235
    r = cli(users_cmd(server, tmp_path, "remove", "frank"), monkeypatch)
    assert r.code == 0, r.err
    assert r.out == f"frank@{server.fqdn}: removed\n"
    assert stored(server) == {}
    assert listed(server) == set()


# ----------------------------------------------------------------------------- refusals


def test_add_of_an_existing_account_is_refused_and_keeps_its_password(
    fresh_server: LabServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    server = fresh_server
    add_by_hand(server, "alice", "the-original-pw")
    before = sasldb_state(server)
    for name in ("alice", f"alice@{server.fqdn}"):
        r = cli(
            users_cmd(server, tmp_path, "add", name, "--password-stdin"),
            monkeypatch,
            stdin="an-overwriting-pw\n",
        )
        expect_refusal(r, f"The account alice@{server.fqdn} already exists", "Change its password")
        assert "an-overwriting-pw" not in r.err
    assert sasldb_state(server) == before
    assert stored(server) == {f"alice@{server.fqdn}": "the-original-pw"}
    assert smtp_login(server, "alice", "the-original-pw") == 235


def test_passwd_or_remove_of_a_missing_account_is_refused(
    fresh_server: LabServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    server = fresh_server
    add_by_hand(server, "keep", "keep-this-pw")
    # The same name in another realm is not this server's account either.
    add_by_hand(server, "ghost", "ghost-other-realm", realm="other.example")
    before = sasldb_state(server)
    r = cli(
        users_cmd(server, tmp_path, "passwd", "ghost", "--password-stdin"),
        monkeypatch,
        stdin="would-create-it\n",
    )
    expect_refusal(r, f"There is no account ghost@{server.fqdn}", "list of accounts")
    r = cli(users_cmd(server, tmp_path, "remove", "ghost"), monkeypatch)
    expect_refusal(r, f"There is no account ghost@{server.fqdn}", "list of accounts")
    assert sasldb_state(server) == before
    assert stored(server) == {
        f"keep@{server.fqdn}": "keep-this-pw",
        "ghost@other.example": "ghost-other-realm",
    }


BAD_NAMES = [
    ("a b", "not a usable account name"),
    ("a;touch /tmp/pwned", "not a usable account name"),
    ("$(touch /tmp/pwned)", "not a usable account name"),
    ("`touch /tmp/pwned`", "not a usable account name"),
    ("a'b", "not a usable account name"),
    ('a"b', "not a usable account name"),
    ("a|b", "not a usable account name"),
    ("../etc/passwd", "not a usable account name"),
    ("x" * 65, "not a usable account name"),
    ("alice\n", "not a usable account name"),
    ("alice\nbob", "not a usable account name"),
    ("ålice", "not a usable account name"),
    ("bob@", "is not a domain name"),
    ("bob@bad realm", "is not a domain name"),
    ("a@b@c.example", "not a usable account name"),
    ("", "needs an account name"),
]


@pytest.mark.parametrize(("name", "phrase"), BAD_NAMES)
def test_a_bad_name_is_refused_before_connecting(
    lab_server: LabServer,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
    name: str,
    phrase: str,
) -> None:
    caplog.set_level(logging.DEBUG)
    server = lab_server
    before = sasldb_state(server)
    for action, how in (("add", "--password-stdin"), ("passwd", "--generate"), ("remove", None)):
        words = [action, name] + ([how] if how else [])
        r = cli(users_cmd(server, tmp_path, *words), monkeypatch, stdin="good-password-1\n")
        expect_refusal(r, phrase)
        assert "good-password-1" not in r.err
    assert not [r for r in caplog.records if r.name == SSH_LOG]  # no connection at all
    assert sasldb_state(server) == before
    assert server.run("test -e /tmp/pwned", check=False).returncode == 1


@pytest.mark.parametrize("name", ["bob@other.example", "bob@example.com"])
def test_a_foreign_realm_is_refused_after_reading_only_the_realm(
    lab_server: LabServer,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
    name: str,
) -> None:
    caplog.set_level(logging.DEBUG)
    server = lab_server
    before = sasldb_state(server)
    for words in (["add", name, "--password-stdin"], ["passwd", name, "--generate"]):
        caplog.clear()
        r = cli(users_cmd(server, tmp_path, *words), monkeypatch, stdin="good-password-1\n")
        expect_refusal(r, f"realm '{name.split('@')[1]}'", f"realm '{server.fqdn}'")
        commands = ssh_commands(caplog)
        assert [c for c in commands if "sendmail -d0.1 -bt" in c] == commands
        assert len(commands) == 1
    r = cli(users_cmd(server, tmp_path, "remove", name), monkeypatch)
    expect_refusal(r, "could never log in")
    assert sasldb_state(server) == before


@pytest.mark.parametrize(
    ("words", "stdin", "phrase"),
    [
        (["add", "alice", "--password-stdin"], "", "The password is empty"),
        (["add", "alice", "--password-stdin"], "\n", "The password is empty"),
        (["add", "alice", "--password-stdin"], "Sh0rt!\n", "shorter than 8"),
        (["add", "alice", "--password-stdin"], "x" * 1025 + "\n", "longer than 1024 bytes"),
        (["add", "alice", "--password-stdin"], "windows-pw\r\n", "line break"),
        (["passwd", "alice"], "", "No password given"),
        (["add", "alice"], "piped-but-not-asked-for\n", "No password given"),
        (["add"], "", "needs an account name"),
        (["remove", "alice", "--generate"], "", "takes no password options"),
        (["list", "alice"], "", "takes no name"),
        (["list", "--generate"], "", "takes no name"),
    ],
)
def test_usage_errors_are_refused_before_connecting(
    lab_server: LabServer,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
    words: list[str],
    stdin: str,
    phrase: str,
) -> None:
    caplog.set_level(logging.DEBUG)
    before = sasldb_state(lab_server)
    r = cli(users_cmd(lab_server, tmp_path, *words), monkeypatch, stdin=stdin)
    expect_refusal(r, phrase)
    if stdin.strip():
        assert stdin.strip() not in r.err
    assert not [r for r in caplog.records if r.name == SSH_LOG]
    assert sasldb_state(lab_server) == before


def test_password_options_exclude_each_other(
    lab_server: LabServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = sasldb_state(lab_server)
    words = ["add", "alice", "--password-stdin", "--generate"]
    r = cli(users_cmd(lab_server, tmp_path, *words), monkeypatch, stdin="good-password-1\n")
    assert r.code == 2 and "not allowed with argument" in r.err
    assert sasldb_state(lab_server) == before


# ----------------------------------------------------------------------------- list


def test_list_shows_users_with_realm_and_flags_foreign_ones(
    fresh_server: LabServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    server = fresh_server
    add_by_hand(server, "alice", "alice-pw-123")
    add_by_hand(server, "zed", "zed-pw-12345")
    add_by_hand(server, "bob", "bob-pw-12345", realm="other.example")
    r = cli(users_cmd(server, tmp_path, "list", "--json"), monkeypatch)
    assert r.code == 0, r.err
    j = json.loads(r.out)
    assert j["realm"] == server.fqdn
    assert sorted(j["users"], key=lambda u: u["name"]) == [
        {"name": "alice", "realm": server.fqdn},
        {"name": "bob", "realm": "other.example"},
        {"name": "zed", "realm": server.fqdn},
    ]
    r = cli(users_cmd(server, tmp_path, "list"), monkeypatch)
    assert r.code == 0, r.err
    assert r.err == ""
    assert sorted(r.out.splitlines()) == [
        f"alice@{server.fqdn}",
        "bob@other.example   (other realm: cannot log in)",
        f"zed@{server.fqdn}",
    ]
    for pw in ("alice-pw-123", "zed-pw-12345", "bob-pw-12345"):
        assert pw not in r.out


def test_list_of_the_stock_server_is_empty(
    lab_server: LabServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    r = cli(users_cmd(lab_server, tmp_path, "list"), monkeypatch)
    assert (r.code, r.out) == (0, "")
    assert r.err == f"No mail accounts yet (realm {lab_server.fqdn}).\n"
    r = cli(users_cmd(lab_server, tmp_path, "list", "--json"), monkeypatch)
    assert r.code == 0, r.err
    assert json.loads(r.out) == {"realm": lab_server.fqdn, "users": []}


# ----------------------------------------------------------------------------- secrecy


class ServerProcessWatch:
    """Every process's argv and environment inside the server, read in a tight shell loop
    that runs in the server (through the back door) until stopped."""

    LOG = "/tmp/ps-watch.log"
    STOP = "/tmp/ps-watch.stop"

    def __init__(self, server: LabServer) -> None:
        self.server = server
        self.thread = threading.Thread(target=self._loop)

    def _loop(self) -> None:
        self.server.run(
            f"while [ ! -e {self.STOP} ]; do cat /proc/[0-9]*/cmdline /proc/[0-9]*/environ "
            f"2>/dev/null | tr '\\0' ' '; echo; done > {self.LOG}",
            timeout=300,
        )

    def __enter__(self) -> ServerProcessWatch:
        self.server.run(f"rm -f {self.LOG} {self.STOP}")
        self.thread.start()
        deadline = time.monotonic() + 10
        while self.server.run(f"test -s {self.LOG}", check=False).returncode != 0:
            assert time.monotonic() < deadline, "the process watch did not start"
            time.sleep(0.02)
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.run(f"touch {self.STOP}")
        self.thread.join(timeout=30)
        assert not self.thread.is_alive()
        self.text = (self.server.root / self.LOG.lstrip("/")).read_text(errors="replace")


@pytest.fixture
def host_process_watch() -> Iterator[set[str]]:
    """Every process's argv on this machine (the client), collected until the test ends.

    The lab's processes are visible from here too (their pid namespace is a child)."""
    seen: set[str] = set()
    stop = threading.Event()

    def loop() -> None:
        while not stop.is_set():
            for proc in Path("/proc").iterdir():
                if proc.name.isdigit():
                    with contextlib.suppress(OSError, UnicodeDecodeError):
                        seen.add((proc / "cmdline").read_bytes().replace(b"\0", b" ").decode())

    thread = threading.Thread(target=loop)
    thread.start()
    try:
        yield seen
    finally:
        stop.set()
        thread.join(timeout=30)


def test_the_password_is_in_no_process_list_on_either_machine(
    fresh_server: LabServer, tmp_path: Path, host_process_watch: set[str]
) -> None:
    server = fresh_server
    password = "Unmistakable-Pw-" + secrets.token_hex(8)
    env = {k: v for k, v in os.environ.items() if not k.startswith("RELAY_WIZARD")}
    env.pop("SSH_AUTH_SOCK", None)
    env["RELAY_WIZARD_SSH_PASSWORD"] = server.admin_password
    exe = Path(sys.executable).with_name("relay-wizard")
    with ServerProcessWatch(server) as watch:
        proc = subprocess.run(
            [
                str(exe),
                *users_cmd(server, tmp_path, "add", "alice", "--password-stdin", user="admin"),
            ],
            input=password + "\n",
            capture_output=True,
            text=True,
            env=env,
            timeout=60,
        )
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout == f"alice@{server.fqdn}: created\n"
    assert proc.stderr == ""
    # The watches saw the work happen: the SSH session and the script in the server,
    # the command on this machine.
    assert f"sshd: {server.admin_user}" in watch.text
    # (users-batch.sh with the realm and the mode as its arguments: never a password)
    assert f"users-batch {server.fqdn} add" in watch.text
    assert any("relay-wizard users" in args for args in host_process_watch)
    # ... and never the password, nor the sudo password.
    for secret in (password, server.admin_password):
        assert secret not in watch.text
        assert not any(secret in args for args in host_process_watch)
    # Nor in the server's logs (sudo logs the command it runs).
    logs = server.run(
        "cat /var/log/auth.log /var/log/syslog /var/log/mail.log 2>/dev/null", check=False
    )
    assert "sudo" in logs.stdout
    assert password not in logs.stdout
    # It arrived intact.
    assert stored(server) == {f"alice@{server.fqdn}": password}
    assert smtp_login(server, "alice", password) == 235


# ----------------------------------------------------------------------------- batch


def test_a_batch_of_50_accounts_is_one_remote_command(
    fresh_server: LabServer, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    server = fresh_server
    accounts = [(f"staff{i:02d}", f"Batch-{i:02d}-{secrets.token_hex(6)}") for i in range(50)]
    with session_as(server, server.deploy_user, tmp_path) as session:  # NOPASSWD sudo
        assert session.privilege == "sudo-nopasswd"
        realm = users.read_realm(session)
        assert realm == server.fqdn
        caplog.clear()
        with ServerProcessWatch(server) as watch:
            result = users.set_passwords(session, realm, accounts, mode="add")
        assert len(ssh_commands(caplog)) == 1
        assert result == users.BatchResult([n for n, _ in accounts], [], [], [])
        assert {str(u) for u in users.list_users(session)} == {f"{n}@{realm}" for n, _ in accounts}
    assert stored(server) == {f"{n}@{realm}": p for n, p in accounts}
    # saslpasswd2 was seen running with its arguments, never with a password.
    assert f"saslpasswd2 -f /etc/sasldb2 -p -c -u {realm} -- staff" in watch.text
    for _, password in accounts:
        assert password not in watch.text
    for name, password in (accounts[0], accounts[-1]):
        assert smtp_login(server, name, password) == 235
    assert not any(p in caplog.text for _, p in accounts)


def test_batch_modes_refuse_per_account(fresh_server: LabServer, tmp_path: Path) -> None:
    server = fresh_server
    add_by_hand(server, "old1", "old1-password")
    add_by_hand(server, "old2", "old2-password")
    with session_as(server, "root", tmp_path) as session:
        realm = users.read_realm(session)
        added = users.set_passwords(
            session,
            realm,
            [("old1", "new1-password"), ("new1", "new1-password"), ("old2", "new2-password")],
            mode="add",
        )
        assert added == users.BatchResult(["new1"], ["old1", "old2"], [], [])
        changed = users.set_passwords(
            session, realm, [("old1", "old1-changed"), ("nobody", "nobody-password")], mode="passwd"
        )
        assert changed == users.BatchResult(["old1"], [], ["nobody"], [])
        both = users.set_passwords(
            session, realm, [("old2", "old2-changed"), ("new2", "new2-password")], mode="set"
        )
        assert both == users.BatchResult(["old2", "new2"], [], [], [])
    assert stored(server) == {
        f"old1@{realm}": "old1-changed",
        f"old2@{realm}": "old2-changed",
        f"new1@{realm}": "new1-password",
        f"new2@{realm}": "new2-password",
    }


def test_a_batch_with_a_bad_line_changes_nothing(
    fresh_server: LabServer, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    # A name ending in a newline used to pass the check: the lines the script reads then
    # shifted, the first password became an account name (on argv) and the next name a
    # password. Now the whole batch is refused before anything runs.
    caplog.set_level(logging.DEBUG)
    server = fresh_server
    before = sasldb_state(server)
    with session_as(server, "root", tmp_path) as session:
        realm = users.read_realm(session)
        caplog.clear()
        for accounts in (
            [("carol\n", "Pw-one-1111"), ("dave", "Pw-two-2222")],
            [("carol", "Pw-one-1111"), ("carol", "Pw-two-2222")],
            [("carol", "Pw-one-1111"), ("dave", "Pw-two\n2222")],
        ):
            with pytest.raises(UsageError):
                users.set_passwords(session, realm, accounts)
        assert ssh_commands(caplog) == []
    assert sasldb_state(server) == before
    assert stored(server) == {}
