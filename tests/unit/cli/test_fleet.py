"""wizard.cli.commands.fleet: several servers at once, refused or summed up, on data.

The refusals come before connecting; their addresses are on loopback, so a bug that
connects anyway cannot send anything off this machine. The runs swap the SSH connection
for a fake (the fleet's real runner and rows stay).
"""

from __future__ import annotations

import io
import threading
from pathlib import Path

import pytest

from wizard.cli.console import Console, LinePrinter
from wizard.cli.main import main
from wizard.core.fleet.hosts import Host
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
