"""The reload wait's listener check (``apply.LISTENING_FN``), run by a real sh and awk.

Only ``ss`` (a script printing fixed sockets) and the /proc it reads the owners from (a
directory with the same layout: ``PID/fd/N`` links to ``socket:[INODE]``,
``net/tcp`` and ``net/tcp6`` in the kernel's format) are replaced, so that a socket held
by the old daemon on the old address can be shown deterministically. The restart failure it
guards against: after an init-script restart whose stop had not finished, the old daemon
still held 127.0.0.1:25 and the check "port 25 listens somewhere" passed on it.
"""

from __future__ import annotations

import subprocess
import time
from pathlib import Path

import pytest

from wizard.core.change.journal import journal_id
from wizard.core.mta.sendmail.plan import CF_LISTENERS_FN, LISTENING_FN
from wizard.core.mta.sendmail.plan import reload_ports as _ports

# ss -ltnH (no -p: process names are chosen by their owners and may hold newlines)
SOCKETS = """\
LISTEN 0 4096 127.0.0.1:25 0.0.0.0:*
LISTEN 0 4096 0.0.0.0:587 0.0.0.0:*
LISTEN 0 128 [::]:22 [::]:*
LISTEN 0 128 *:465 *:*
LISTEN 0 128 [::1]:2525 [::]:*
"""
_REST = "00000000:00000000 00:00000000 00000000     0        0"
TCP = f"""\
  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode
   0: 0100007F:0019 00000000:0000 0A {_REST} 1005 1 0000000000000000 100 0 0 10 0
   1: 00000000:024B 00000000:0000 0A {_REST} 2005 1 0000000000000000 100 0 0 10 0
   2: 0100007F:0050 0100007F:E2A0 01 {_REST} 2099 1 0000000000000000 100 0 0 10 0
"""
_ANY6 = "0" * 32
_LO6 = "00000000000000000000000001000000"
TCP6 = f"""\
  sl  local_address                         remote_address                        st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode
   0: {_ANY6}:0016 {_ANY6}:0000 0A {_REST} 704 1 0000000000000000 100 0 0 10 0
   1: {_ANY6}:01D1 {_ANY6}:0000 0A {_REST} 2006 1 0000000000000000 100 0 0 10 0
   2: {_LO6}:09DD {_ANY6}:0000 0A {_REST} 2007 1 0000000000000000 100 0 0 10 0
"""
# pid: fd number -> socket inode (200 also holds an established socket, 2099, on port 80)
FDS = {"100": {5: 1005}, "200": {5: 2005, 6: 2006, 7: 2007, 9: 2099}, "7": {4: 704}}


def fake_proc(root: Path) -> Path:
    proc = root / "proc"
    (proc / "net").mkdir(parents=True)
    (proc / "net" / "tcp").write_text(TCP)
    (proc / "net" / "tcp6").write_text(TCP6)
    for pid, fds in FDS.items():
        (proc / pid / "fd").mkdir(parents=True)
        (proc / pid / "fd" / "0").symlink_to("/dev/null")
        for fd, inode in fds.items():
            (proc / pid / "fd" / str(fd)).symlink_to(f"socket:[{inode}]")
    return proc


def listening(tmp_path: Path, pid: str, *specs: str) -> bool:
    ss = tmp_path / "ss"
    ss.write_text(f"#!/bin/sh\ncat <<'EOF'\n{SOCKETS}EOF\n")
    ss.chmod(0o755)
    proc = tmp_path / "proc" if (tmp_path / "proc").exists() else fake_proc(tmp_path)
    result = subprocess.run(
        [
            "sh",
            "-c",
            f"proc_root={proc}\n" + LISTENING_FN + '\nlistening "$@"',
            "test",
            pid,
            *specs,
        ],
        env={"PATH": f"{tmp_path}:/usr/bin:/bin"},
        check=False,
    )
    return result.returncode == 0


@pytest.mark.parametrize(
    ("pid", "specs", "expected"),
    [
        # the old daemon (100) still holds port 25 on loopback: not the new one's
        ("200", ["25"], False),
        ("200", ["0.0.0.0:25"], False),
        ("100", ["0.0.0.0:25"], False),
        ("100", ["127.0.0.1:25"], True),
        ("100", ["25"], True),
        ("200", ["0.0.0.0:587", "587"], True),
        ("200", ["0.0.0.0:587", "127.0.0.1:25"], False),
        # a dual-stack socket ("*") serves both wildcard addresses
        ("200", ["0.0.0.0:465", "[::]:465"], True),
        ("200", ["[::1]:2525"], True),
        ("200", ["[::]:2525"], False),
        ("7", ["[::]:22"], True),
        ("7", ["0.0.0.0:22"], False),
        # an established socket on a port is not a listener on it
        ("200", ["80"], False),
        ("999", ["25"], False),
    ],
)
def test_listening_needs_the_new_daemon_on_the_planned_address(
    tmp_path: Path, pid: str, specs: list[str], expected: bool
) -> None:
    assert listening(tmp_path, pid, *specs) is expected


def test_ports_name_the_addresses_the_mc_asks_for() -> None:
    stock = (
        "FEATURE(`no_default_msa')dnl\n"
        "DAEMON_OPTIONS(`Family=inet,  Name=MTA-v4, Port=smtp, Addr=127.0.0.1')dnl\n"
        "DAEMON_OPTIONS(`Family=inet,  Name=MSP-v4, Port=submission, M=Ea, Addr=127.0.0.1')dnl\n"
    )
    assert _ports(stock) == ["127.0.0.1:25", "127.0.0.1:587"]
    classic = (
        "FEATURE(`no_default_msa')dnl\n"
        "DAEMON_OPTIONS(`Family=inet,  Name=MTA-v4, Port=smtp')dnl\n"
        "DAEMON_OPTIONS(`Family=inet6, Name=MTA-v6, Port=smtp, Addr=::1')dnl\n"
        "DAEMON_OPTIONS(`Family=inet,  Name=MSA, Port=587, Addr=localhost')dnl\n"
    )
    assert _ports(classic) == ["0.0.0.0:25", "587", "[::1]:25"]
    assert _ports("") == ["25"]
    # keys as sendmail reads them (first letter, any case); sendmail's default MSA on 587
    # without FEATURE(no_default_msa); an optional listener (M=O) is not waited for
    spelled = (
        "DAEMON_OPTIONS(`family=inet, name=MTA, port=smtp, address=127.0.0.1')dnl\n"
        "DAEMON_OPTIONS(`F=inet6, N=MTA6, P=25, A=::1, M=O')dnl\n"
    )
    assert _ports(spelled) == ["0.0.0.0:587", "127.0.0.1:25"]
    assert _ports("OSTYPE(`linux')dnl\n") == ["0.0.0.0:25", "0.0.0.0:587"]


def test_rollback_reads_the_listeners_of_the_restored_cf(tmp_path: Path) -> None:
    cf = tmp_path / "sendmail.cf"
    cf.write_text(
        "O DaemonPortOptions=Family=inet,  Name=MTA-v4, Port=smtp, Addr=127.0.0.1\n"
        "O DaemonPortOptions=Family=inet,  Name=MSP-v4, Port=submission, M=Ea, Addr=127.0.0.1\n"
        "#O DaemonPortOptions=Port=2500\n"
        "O DaemonPortOptions=Name=MTA\n"
        "O DaemonPortOptions=Family=inet6, Name=MTA-v6, Port=smtp, Addr=::1\n"
        "O DaemonPortOptions=Family=inet6, Name=MTA-v6, Port=2525\n"
        "O DaemonPortOptions=Port=587, Addr=localhost\n"
        "O DaemonPortOptions=family=inet, port=2526, address=127.0.0.2\n"
        "O DaemonPortOptions=F=inet, P=2527, A=127.0.0.3\n"
        "O DaemonPortOptions=Family=inet6, Port=2528, Address=::, M=O\n"
    )
    out = subprocess.run(
        ["sh", "-c", CF_LISTENERS_FN + '\ncf_listeners "$1"', "test", str(cf)],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    assert sorted(out) == sorted(
        [
            "0.0.0.0:25",
            "127.0.0.1:25",
            "127.0.0.1:587",
            "587",
            "[::1]:25",
            "[::]:2525",
            "127.0.0.2:2526",
            "127.0.0.3:2527",
        ]
    )


def test_journal_names_sort_in_the_order_the_applies_ran() -> None:
    """The newest journal is the last name (state.sh, rollback.sh): two applies
    in one second must not sort by chance (a rolled-back one after the applied one)."""
    base = 1_796_000_000.0
    times = [base, base + 0.000001, base + 0.25, base + 0.999999, base + 1, base + 1.5]
    names = [journal_id(t) for t in times]
    assert names == sorted(names) and len(set(names)) == len(names)
    assert journal_id(base + 0.5) == time.strftime("%Y%m%dT%H%M%SZ", time.gmtime(base)) + "-500000"
