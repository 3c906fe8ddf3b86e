"""wizard.cli.commands.fleet: several servers at once, refused or summed up, on data.

The refusals come before connecting; their addresses are on loopback, so a bug that
connects anyway cannot send anything off this machine. The runs swap the SSH connection
for a fake (the fleet's real runner and rows stay).
"""

from __future__ import annotations

import io
import itertools
import json
import threading
from pathlib import Path

import pytest

from wizard.cli.console import Console, LinePrinter
from wizard.cli.main import main
from wizard.core.errors import HostKeyUnknown
from wizard.core.fleet import runner
from wizard.core.fleet.hosts import Host
from wizard.core.mta.sendmail import users
from wizard.core.target import Target


def hosts(n: int) -> list[Host]:
    return [Host(f"h{i}", Target(f"10.0.0.{i}")) for i in range(1, n + 1)]


def cli(argv: list[str], stdin: str = "") -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(argv, console=Console(stdin=io.StringIO(stdin), stderr=err), out=out)
    return code, out.getvalue(), err.getvalue()


@pytest.mark.parametrize(
    ("argv", "phrase"),
    [
        (["inspect", "--inventory", "/nonexistent/hosts.ini"], "Cannot read the inventory"),
        (["inspect", "127.0.0.11", "root@127.0.0.11:22"], "listed twice"),
        (["apply", "127.0.0.11", "127.0.0.12"], "needs --yes"),
        (["inspect", "127.0.0.11", "127.0.0.12", "--accept-new-host-key", "SHA256:x"], "names one"),
        (["inspect", "127.0.0.11", "127.0.0.12", "--remember-ssh"], "one server at a time"),
        (["inspect", "127.0.0.11", "127.0.0.12", "--jobs", "0"], "out of range"),
        (["inspect", "127.0.0.11", "--limit", "office"], "--limit selects from an inventory"),
        (["users", "127.0.0.11", "127.0.0.12", "add"], "needs an account name"),
        (["users", "127.0.0.11", "127.0.0.12", "add", "alice"], "No password given"),
        (
            ["audit-relay", "127.0.0.11", "127.0.0.12", "--ssh", "root@127.0.0.11"],
            "--ssh names one",
        ),
        (["plan", "127.0.0.11", "127.0.0.12", "--mc-file", "x.mc"], "not both"),
        (["audit-relay", "127.0.0.11", "--limit", "office"], "--limit selects from an inventory"),
    ],
)
def test_bad_fleet_input_exits_2_before_connecting(argv: list[str], phrase: str) -> None:
    code, out, err = cli(argv)
    assert code == 2, (out, err)
    assert out == ""
    assert phrase in err, err


def test_an_empty_inventory_file_exits_2(tmp_path: Path) -> None:
    empty = tmp_path / "hosts"
    empty.write_text("# nothing yet\n")
    code, out, err = cli(["apply", "--inventory", str(empty), "--yes"])
    assert code == 2 and out == ""
    assert "lists no servers" in err


def test_unrecognized_words_are_still_refused() -> None:
    code, _, err = cli(["rollback", "127.0.0.11", "127.0.0.12"])
    assert code == 2 and "unrecognized arguments: 127.0.0.12" in err
    code, _, err = cli(["users", "127.0.0.11", "frobnicate"])
    assert code == 2 and "invalid choice: 'frobnicate'" in err


def test_progress_lines_are_whole_and_prefixed() -> None:
    buffer = io.StringIO()
    printer = LinePrinter(buffer.write, buffer.flush)
    threads = [
        threading.Thread(
            target=lambda h=h: [printer(h, f"step {i}\nsecond line") for i in range(200)]
        )
        for h in hosts(4)
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    lines = buffer.getvalue().splitlines()
    assert len(lines) == 4 * 200 * 2
    assert all(line.startswith("[h") and line[3:5] == "] " for line in lines)


# --------------------------------------------------------------------------- runs, faked SSH


class FakeSession:
    """What the fleet's work sees of a connected server."""

    def __init__(self, target: Target) -> None:
        self.target = target
        self.closed = False

    def __enter__(self) -> FakeSession:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self.closed = True


class FakeFleet:
    """connect_host and the users calls, per server: h3 (10.0.0.3) has an unknown key."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.connected: list[str] = []
        self.added: list[tuple[str, str, str]] = []
        self.lock = threading.Lock()
        monkeypatch.setattr(runner, "connect_host", self.connect)
        monkeypatch.setattr(users, "read_realm", lambda s, cancel=None: f"realm-{s.target.host}")
        monkeypatch.setattr(users, "list_users", self.list_users)
        monkeypatch.setattr(users, "add_user", self.add_user)

    def connect(self, host: Host, *args: object, **kwargs: object) -> FakeSession:
        with self.lock:
            self.connected.append(host.name)
        if host.target.host == "127.0.0.13":
            raise HostKeyUnknown(host.target.host, 22, "ssh-ed25519", "SHA256:xyz", "k")
        return FakeSession(host.target)

    def list_users(self, session: FakeSession, cancel: object = None) -> list[users.SaslUser]:
        return [users.SaslUser("alice", f"realm-{session.target.host}")]

    def add_user(
        self, session: FakeSession, realm: str, name: str, password: str, cancel: object = None
    ) -> users.SaslUser:
        with self.lock:
            self.added.append((session.target.host, name, password))
        return users.SaslUser(name, realm)


THREE = ["127.0.0.11", "127.0.0.12", "127.0.0.13"]


def test_one_server_failing_is_its_row_and_exit_1(monkeypatch: pytest.MonkeyPatch) -> None:
    fake = FakeFleet(monkeypatch)
    code, out, err = cli(["users", *THREE, "list"])
    assert code == 1
    assert sorted(fake.connected) == ["127.0.0.11", "127.0.0.12", "127.0.0.13"]
    table = out.splitlines()
    assert table[0].split() == ["SERVER", "RESULT", "CHANGED", "VERIFICATION"]
    assert table[1].split()[:2] == ["127.0.0.11", "ok"]
    assert "1 account(s) in realm realm-127.0.0.11" in table[1]
    assert table[3].split()[:2] == ["127.0.0.13", "failed"]
    problem = next(line for line in table if line.startswith("127.0.0.13: "))
    assert "is not known yet" in problem
    assert problem.endswith("(on the command line: --accept-new-host-key)")  # the CLI's map
    assert table[-1].startswith("2 of 3 servers succeeded.")
    assert "[127.0.0.11] connecting to root@127.0.0.11:22" in err
    assert err.rstrip().endswith("1 of 3 servers failed: 127.0.0.13")


def test_json_is_one_object_per_server_and_no_progress(monkeypatch: pytest.MonkeyPatch) -> None:
    FakeFleet(monkeypatch)
    code, out, err = cli(["users", *THREE[:2], "list", "--json"])
    assert code == 0, err
    rows = json.loads(out)
    assert [(r["server"], r["ok"], r["realm"]) for r in rows] == [
        ("127.0.0.11", True, "realm-127.0.0.11"),
        ("127.0.0.12", True, "realm-127.0.0.12"),
    ]
    assert rows[0]["users"] == [{"name": "alice", "realm": "realm-127.0.0.11"}]
    assert err == ""


def test_a_generated_password_is_the_same_on_all_and_shown_once(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    fake = FakeFleet(monkeypatch)
    code, out, _ = cli(["users", *THREE[:2], "add", "bob", "--generate"])
    assert code == 0
    passwords = {p for _, _, p in fake.added}
    assert len(fake.added) == 2 and len(passwords) == 1
    (password,) = passwords
    assert out.count(password) == 1
    assert f"Generated password (shown once, keep it safe): {password}" in out
    assert "bob@realm-127.0.0.11: created" in out


def test_inventory_limit_and_one_job_at_a_time(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    fake = FakeFleet(monkeypatch)
    inventory = tmp_path / "servers.txt"
    inventory.write_text("127.0.0.11\n127.0.0.12\n127.0.0.13\n")
    code, out, _ = cli(["users", "--inventory", str(inventory), "list", "--jobs", "1", "--json"])
    assert code == 1
    assert fake.connected == THREE  # in order, one after another
    rows = json.loads(out)
    assert all(b["started"] >= a["finished"] for a, b in itertools.pairwise(rows))
    code, out, err = cli(["users", "--inventory", str(inventory), "--limit", "nowhere", "list"])
    assert code == 2 and out == ""
    assert "no group or host 'nowhere'" in err and "(on the command line: --limit)" in err
