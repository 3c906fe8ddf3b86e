"""A local user on the server tries to steer the wizard (docs/security.md).

Any user of a server can name a process (prctl PR_SET_NAME, 15 bytes, newlines allowed),
and ``ss -p`` prints that name as it is. Before the section markers carried a secret
token, a process named like a section marker made every apply on that server fail, and a
longer forgery could put text of the attacker's choice into the sendmail.mc that m4 runs
as root. Here an unprivileged user holds such processes while the wizard inspects and
applies on the real lab server.
"""

from __future__ import annotations

import base64
import io
import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.integration.helpers import Run, known_hosts_for, run_cli
from tests.lab.lab import LabServer
from wizard.cli.console import Console
from wizard.cli.main import main

# Each name is what ``ss -ltnp`` would print on a line of its own, as a section marker of
# the old protocol (or of the new one without its token).
MARKERS = [
    "\n@@@ mc-b64\n",
    "\n@@@ journal\n",
    "\n@@@ daemon\n",
    "\n@@@ sasl-real\n",
    "\n@@@ access\n",
    "\n@@@ mc\n",
    "\n@@@ fin\n",
]

HOSTILE = r"""
import ctypes, socket, sys, time
name, port, ready = bytes.fromhex(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
ctypes.CDLL(None).prctl(15, ctypes.c_char_p(name), 0, 0, 0)  # PR_SET_NAME
s = socket.socket()
s.bind(("0.0.0.0", port))
s.listen()
open(ready, "w").close()
time.sleep(900)
"""


@pytest.fixture
def hostile(fresh_server: LabServer) -> Iterator[LabServer]:
    """The stock server with one process per marker, each held by the user nobody."""
    s = fresh_server
    s.run("cat > /tmp/hostile.py && chmod 644 /tmp/hostile.py", input=HOSTILE)
    for n, marker in enumerate(MARKERS):
        port = 2600 + n
        s.run(
            f"rm -f /tmp/ready-{port}; setsid -f setpriv --reuid=nobody --regid=nogroup "
            f"--clear-groups python3 /tmp/hostile.py {marker.encode().hex()} {port} "
            f"/tmp/ready-{port} </dev/null >/dev/null 2>&1; "
            f"for i in $(seq 100); do [ -e /tmp/ready-{port} ] && exit 0; sleep 0.05; done; exit 1"
        )
    yield s
    s.run("pkill -u nobody -f '^python3 /tmp/hostile[.]py' || true", check=False)


def test_the_attack_is_live_on_the_lab(hostile: LabServer) -> None:
    """The forged lines really are in ss -p's output (so the tests below can fail)."""
    out = hostile.run("ss -ltnpH").stdout
    assert out.count("\n@@@ mc-b64\n") == 1
    assert "\n@@@ journal\n" in out
    # held by the unprivileged user alone
    held = hostile.run(
        "pgrep -f '^python3 /tmp/hostile[.]py' | xargs ps -o user= -p | sort | uniq -c"
    )
    assert held.stdout.split() == [str(len(MARKERS)), "nobody"]


def test_apply_with_forged_markers_writes_exactly_the_planned_file(
    hostile: LabServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    s = hostile
    monkeypatch.delenv("SSH_AUTH_SOCK", raising=False)
    known = known_hosts_for(s, tmp_path / "known_hosts")

    def cli(*args: str) -> Run:
        target = [f"root@{s.address}", "-i", str(s.root_key), "--known-hosts", str(known)]
        return run_cli([args[0], *target, *args[1:]])

    # What the offline plan makes of the server's own file, before any apply.
    before = tmp_path / "sendmail.mc"
    before.write_bytes(base64.b64decode(s.run("base64 -w0 /etc/mail/sendmail.mc").stdout))
    out, err = io.StringIO(), io.StringIO()
    code = main(
        ["plan", "--mc-file", str(before), "--profile", "classic"],
        console=Console(stdin=io.StringIO(""), stderr=err),
        out=out,
    )
    assert code == 0, err.getvalue()
    planned = out.getvalue()
    assert "TRUST_AUTH_MECH" in planned

    report = cli("inspect", "--json")
    assert report.code == 0, report.err
    listening = json.loads(report.out)["listening"]
    # the daemon's sockets, found by inode; the hostile ports are not sendmail's
    assert {(x["address"], x["port"], x["process"]) for x in listening} == {
        ("127.0.0.1", 25, "sendmail"),
        ("127.0.0.1", 587, "sendmail"),
    }

    applied = cli("apply", "--profile", "classic", "--yes")
    assert applied.code == 0, applied.out + applied.err
    assert "Applied and verified" in applied.out
    after = s.run("base64 -w0 /etc/mail/sendmail.mc").stdout
    assert base64.b64decode(after).decode() == planned

    # The journal and the daemon were read right too: a second apply has nothing to do
    # and a rollback restores the file the user could not touch.
    again = cli("apply", "--profile", "classic", "--yes", "--json")
    assert again.code == 0, again.err
    assert json.loads(again.out)["nothing_to_do"] is True
    back = cli("rollback")
    assert back.code == 0, back.err
    restored = s.run("base64 -w0 /etc/mail/sendmail.mc").stdout
    assert base64.b64decode(restored) == before.read_bytes()
