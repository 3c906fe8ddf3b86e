"""wizard.core.fleet.inventory: the simple list, the one loader, command-line targets."""

from __future__ import annotations

from pathlib import Path

import pytest

from wizard.core.errors import UsageError
from wizard.core.fleet import hosts as fleet
from wizard.core.fleet.inventory import parse_inventory, read_inventory
from wizard.core.target import Target

# --------------------------------------------------------------------------- the simple list


def test_simple_list() -> None:
    inv = parse_inventory(
        "# office\n"
        "admin@mail-a.example.com\n"
        "\n"
        "mail-b.example.com:2222   # the branch\n"
        "10.0.0.7 user=deploy port=2200 identity=~/.ssh/office\n"
        "office-c host=10.0.0.8\n"
        "[2001:db8::1]:2022\n",
        "servers.txt",
    )
    assert inv.format == "simple"
    assert [h.name for h in inv.hosts] == [
        "mail-a.example.com",
        "mail-b.example.com:2222",
        "10.0.0.7",
        "office-c",
        "[2001:db8::1]:2022",
    ]
    assert [h.target for h in inv.hosts] == [
        Target("mail-a.example.com", 22, "admin"),
        Target("mail-b.example.com", 2222, "root"),
        Target("10.0.0.7", 2200, "deploy"),
        Target("10.0.0.8", 22, "root"),
        Target("2001:db8::1", 2022, "root"),
    ]
    assert inv.hosts[2].identity == Path("~/.ssh/office").expanduser()
    assert inv.hosts[0].identity is None
    assert inv.warnings == ()
    assert inv.select() == inv.hosts


@pytest.mark.parametrize(
    ("text", "phrase"),
    [
        ("", "lists no servers"),
        ("# only a comment\n\n", "lists no servers"),
        ("mail-a\nmail-a\n", "line 2: mail-a is listed twice"),
        ("mail-a idenity=~/.ssh/k\n", "unknown setting(s) idenity"),
        ("mail-a user\n", "'user' is not a key=value setting"),
        ("mail-a port=99999\n", "Port 99999 is out of range"),
        ("bad host!\n", "line 1"),
        ("mail-a user='admin\n", "No closing quotation"),
        ("10.0.0.7\nroot@10.0.0.7:22\n", "10.0.0.7 is listed twice"),
        ("one host=10.0.0.7\ntwo host=10.0.0.7\n", "two and one are the same server"),
        ("web[a:c]\n", "only numeric host ranges"),
        ("bin\0ary\n", "not a text file"),
    ],
)
def test_bad_lists_are_refused(text: str, phrase: str) -> None:
    with pytest.raises(UsageError) as caught:
        parse_inventory(text, "servers.txt")
    assert phrase in str(caught.value)


# --------------------------------------------------------------------------- reading files, targets


def test_read_inventory_by_suffix_and_errors(tmp_path: Path) -> None:
    yml = tmp_path / "hosts.yaml"
    yml.write_text("office:\n  hosts:\n    mail-a:\n")
    assert [h.name for h in read_inventory(yml).hosts] == ["mail-a"]
    with pytest.raises(UsageError, match="Cannot read the inventory"):
        read_inventory(tmp_path / "missing.ini")
    binary = tmp_path / "hosts.bin"
    binary.write_bytes(b"\xff\xfe\x00")
    with pytest.raises(UsageError, match="not a text file"):
        read_inventory(binary)


def test_positional_targets_must_be_distinct() -> None:
    hosts = [fleet.host_from_text(t) for t in ("admin@10.0.0.1", "10.0.0.1:2222", "10.0.0.2")]
    fleet.check_distinct(hosts)
    assert [h.name for h in hosts] == ["10.0.0.1", "10.0.0.1:2222", "10.0.0.2"]
    twice = [fleet.host_from_text(t) for t in ("admin@10.0.0.1", "root@10.0.0.1:22")]
    with pytest.raises(UsageError, match="listed twice"):
        fleet.check_distinct(twice)
