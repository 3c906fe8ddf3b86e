"""wizard.core.fleet.inventory: inventories, the parallel runner and the summary, on data.

The CLI cases here are refused before connecting; their addresses are on loopback, so
a bug that connects anyway cannot send anything off this machine.
"""

from __future__ import annotations

import _thread
import io
import threading
from pathlib import Path

import pytest

from wizard.cli.main import Console, main
from wizard.core.errors import Cancelled, UsageError
from wizard.core.fleet import inventory as fleet
from wizard.core.fleet.inventory import Host, Outcome, parse_inventory, read_inventory
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


# --------------------------------------------------------------------------- Ansible INI

INI = """\
# as Ansible has them
mail0 ansible_host=10.0.0.9

[office]
mail-a ansible_host=198.51.100.6 ansible_user=admin
mail-b ansible_host=198.51.100.10 ansible_port=2222 datacenter=east

[branch]
mail[01:03].example.com

[mail:children]
office
branch

[office:vars]
ansible_ssh_private_key_file=/keys/office
ansible_become_password = "hunter2"

[mail:vars]
ansible_user=deploy
ansible_port=2200

[all:vars]
ansible_user=root
"""


def test_ansible_ini() -> None:
    inv = parse_inventory(INI, "hosts.ini")
    assert inv.format == "ini"
    got = {h.name: h for h in inv.hosts}
    assert list(got) == [
        "mail0",
        "mail-a",
        "mail-b",
        "mail01.example.com",
        "mail02.example.com",
        "mail03.example.com",
    ]
    # host vars beat child groups, which beat parents, which beat all
    assert got["mail0"].target == Target("10.0.0.9", 22, "root")
    assert got["mail-a"].target == Target("198.51.100.6", 2200, "admin")
    assert got["mail-b"].target == Target("198.51.100.10", 2222, "deploy")
    assert got["mail02.example.com"].target == Target("mail02.example.com", 2200, "deploy")
    assert got["mail-a"].identity == Path("/keys/office")
    assert got["mail01.example.com"].identity is None
    assert got["mail-a"].groups == ("mail", "office")
    assert dict(inv.groups) == {
        "office": ("mail-a", "mail-b"),
        "branch": ("mail01.example.com", "mail02.example.com", "mail03.example.com"),
        "mail": (
            "mail-a",
            "mail-b",
            "mail01.example.com",
            "mail02.example.com",
            "mail03.example.com",
        ),
        "all": tuple(got),
    }
    # the password is reported as ignored, never repeated
    assert len(inv.warnings) == 1
    assert "ansible_become_password is ignored" in inv.warnings[0]
    assert "hunter2" not in " ".join(inv.warnings)


def test_limit_selects_groups_and_hosts() -> None:
    inv = parse_inventory(INI, "hosts.ini")
    assert [h.name for h in inv.select("office")] == ["mail-a", "mail-b"]
    assert [h.name for h in inv.select("branch:mail0")] == [
        "mail0",
        "mail01.example.com",
        "mail02.example.com",
        "mail03.example.com",
    ]
    assert [h.name for h in inv.select("mail-b,office")] == ["mail-a", "mail-b"]
    assert len(inv.select("all")) == 6
    with pytest.raises(UsageError, match="no such group or host"):
        inv.select("nowhere")


def test_ini_ranges_with_a_step() -> None:
    inv = parse_inventory("[m]\nmx[1:9:4]\n", "hosts")
    assert [h.name for h in inv.hosts] == ["mx1", "mx5", "mx9"]


@pytest.mark.parametrize(
    ("text", "phrase"),
    [
        ("[office]\nmail-a\nmail-a\n", "mail-a is listed twice in [office]"),
        ("[office:hosts]\nmail-a\n", "unknown section kind 'hosts'"),
        ("[a:children]\nb\n[b:children]\na\n", "contains itself"),
        ("[office:vars]\nnot a setting\n", "is key=value"),
        ("[office:children]\nb c\n", "names one group"),
        ("[office]\nmail-a ansible_port=x\n", "'x' is not a port number"),
        ("[office]\n", "lists no servers"),
    ],
)
def test_bad_ini_is_refused(text: str, phrase: str) -> None:
    with pytest.raises(UsageError) as caught:
        parse_inventory(text, "hosts.ini")
    assert phrase in str(caught.value)


def test_a_host_in_two_groups_is_one_server() -> None:
    inv = parse_inventory("[office]\nmail-a ansible_host=10.0.0.1\n[backup]\nmail-a\n", "hosts.ini")
    assert [h.name for h in inv.hosts] == ["mail-a"]
    assert inv.hosts[0].groups == ("backup", "office")


# --------------------------------------------------------------------------- Ansible YAML

YAML = """\
all:
  vars:
    ansible_user: admin
  hosts:
    mail-a:
      ansible_host: 198.51.100.6
  children:
    branch:
      vars:
        ansible_port: 2200
      hosts:
        mail-b:
          ansible_host: 198.51.100.10
          ansible_ssh_private_key_file: /keys/branch
        mail-c:
"""


def test_ansible_yaml() -> None:
    inv = parse_inventory(YAML, "hosts.yml")
    assert inv.format == "yaml"
    assert [(h.name, h.target) for h in inv.hosts] == [
        ("mail-a", Target("198.51.100.6", 22, "admin")),
        ("mail-b", Target("198.51.100.10", 2200, "admin")),
        ("mail-c", Target("mail-c", 2200, "admin")),
    ]
    assert inv.hosts[1].identity == Path("/keys/branch")
    assert [h.name for h in inv.select("branch")] == ["mail-b", "mail-c"]


@pytest.mark.parametrize(
    ("text", "phrase"),
    [
        ("all:\n  hosts: [\n", "is not valid YAML"),
        ("- a\n- b\n", "mapping of groups"),
        ("all:\n  hostz:\n    a:\n", "unknown key(s) hostz"),
        ("all:\n  hosts: 3\n", "hosts must be a mapping"),
        ("all:\n  hosts:\n    a:\n      ansible_host: 'bad host!'\n", "not a valid host name"),
        ("all:\n", "lists no servers"),
    ],
)
def test_bad_yaml_is_refused(text: str, phrase: str) -> None:
    with pytest.raises(UsageError) as caught:
        parse_inventory(text, "hosts.yml", "yaml")
    assert phrase in str(caught.value)


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


# --------------------------------------------------------------------------- the runner


def hosts(n: int) -> list[Host]:
    return [Host(f"h{i}", Target(f"10.0.0.{i}")) for i in range(1, n + 1)]


def test_one_failure_stays_with_its_server() -> None:
    said: list[tuple[str, str]] = []

    def work(host: Host, say: fleet.Callable[[str], None], cancel: threading.Event) -> str:
        say("working")
        if host.name == "h2":
            raise RuntimeError("boom")
        return host.name.upper()

    out = fleet.run_parallel(hosts(3), work, progress=lambda h, m: said.append((h.name, m)))
    assert [o.host.name for o in out] == ["h1", "h2", "h3"]
    assert [o.value for o in out] == ["H1", None, "H3"]
    assert [o.ok for o in out] == [True, False, True]
    assert isinstance(out[1].error, RuntimeError)
    assert sorted(said) == [("h1", "working"), ("h2", "working"), ("h3", "working")]
    assert all(o.started <= o.finished for o in out)


def test_at_most_jobs_servers_at_once() -> None:
    lock = threading.Lock()
    running = peak = 0
    both = threading.Barrier(2, timeout=10)

    def work(host: Host, say: object, cancel: threading.Event) -> None:
        nonlocal running, peak
        with lock:
            running += 1
            peak = max(peak, running)
        both.wait()  # two really do run together (the barrier breaks otherwise)
        with lock:
            running -= 1

    out = fleet.run_parallel(hosts(6), work, jobs=2)
    assert all(o.ok for o in out), [o.error for o in out]
    assert peak == 2


def test_ctrl_c_starts_no_new_server_and_lets_the_running_one_finish() -> None:
    stop = threading.Event()
    interrupts: list[int] = []

    def work(host: Host, say: object, cancel: threading.Event) -> str:
        _thread.interrupt_main()  # Ctrl-C, as the terminal sends it to the main thread
        assert stop.wait(10)
        return "finished"

    out = fleet.run_parallel(hosts(3), work, jobs=1, stop=stop, on_interrupt=interrupts.append)
    assert interrupts == [1]
    assert out[0].value == "finished" and out[0].ok
    assert [o.ran for o in out] == [True, False, False]
    rows = [fleet.not_started(o) for o in out]
    assert rows[0] is None
    assert rows[1] is not None and rows[1].result == "not started" and not rows[1].ok


def test_a_second_ctrl_c_cancels_the_running_work() -> None:
    stop = threading.Event()

    def work(host: Host, say: object, cancel: threading.Event) -> str:
        _thread.interrupt_main()
        assert stop.wait(10)
        _thread.interrupt_main()
        if cancel.wait(10):
            raise Cancelled()  # what a running apply does: roll back, then say so
        return "not cancelled"

    out = fleet.run_parallel(hosts(2), work, jobs=1, stop=stop)
    assert isinstance(out[0].error, Cancelled)
    assert not out[1].ran


def test_jobs_out_of_range() -> None:
    with pytest.raises(UsageError, match="out of range"):
        fleet.run_parallel(hosts(1), lambda h, s, c: None, jobs=0)


# --------------------------------------------------------------------------- the summary


def test_summary_table() -> None:
    a, b = hosts(2)
    ok = fleet.base_row(
        Outcome(a, value=1, started=1.0, finished=2.0),
        "ok",
        True,
        changed=fleet.changes_text(
            ["/etc/mail/sendmail.mc"], ["--- a\n+++ b\n@@\n-old\n+new\n+more\n"], True
        ),
        verification="port 25: AUTH CRAM-MD5, relay closed",
    )
    bad = fleet.base_row(Outcome(b, error=UsageError("It broke.", "Fix it.")), "rolled back", False)
    table = fleet.format_table([ok, bad]).splitlines()
    assert table[0].split() == ["SERVER", "RESULT", "CHANGED", "VERIFICATION"]
    assert table[1].split()[:2] == ["h1", "ok"]
    assert "1 file (+2 -1 lines): sendmail.mc, sendmail.cf rebuilt" in table[1]
    assert table[1].index("port 25") == table[0].index("VERIFICATION")
    assert table[2].split()[:3] == ["h2", "rolled", "back"]
    assert "h2: It broke. Fix it." in table
    assert table[-1] == "1 of 2 servers succeeded."
    assert ok.to_json()["started"] == 1.0 and bad.to_json()["error"] == "It broke."


def test_progress_lines_are_whole_and_prefixed() -> None:
    buffer = io.StringIO()
    printer = fleet.LinePrinter(buffer.write, buffer.flush)
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


# --------------------------------------------------------------------------- CLI refusals


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


def test_the_summary_says_how_much_the_servers_overlapped() -> None:
    a = fleet.Row("h1", "h1", "ok", True, started=100.0, finished=103.0)
    b = fleet.Row("h2", "h2", "ok", True, started=100.5, finished=103.5)
    last = fleet.format_table([a, b]).splitlines()[-1]
    assert last == "2 of 2 servers succeeded. Wall time 3.5 s for 6.0 s of work, side by side."
    never = fleet.Row("h3", "h3", "not started", False)
    assert fleet.format_table([a, never]).splitlines()[-1] == "1 of 2 servers succeeded."
