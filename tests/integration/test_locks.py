"""The server lock on the real lab: two Relay Wizards on one server at once.

An apply is several remote commands, and an apply that finds an unfinished journal rolls
it back: without the lock, a second apply started while the first runs would undo the
first one's work mid-flight. With it, the second waits (or is refused, naming the first)
and the server ends in a consistent state.
"""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import ExitStack
from pathlib import Path

import pytest

from tests.integration.helpers import SETTLED, known_hosts_for, run_cli, session_for
from tests.lab.lab import LabServer
from wizard.core.change.apply import apply_plan
from wizard.core.change.options import RelayOptions
from wizard.core.change.outcome import ApplyFailed, ApplyReport
from wizard.core.change.plan import Plan
from wizard.core.errors import ConnectError
from wizard.core.mta.sendmail import users
from wizard.core.remote import lock as server_lock
from wizard.core.remote.hostkeys import KnownHosts
from wizard.core.remote.lock import ServerBusy
from wizard.core.remote.login import Credentials
from wizard.core.remote.session import SshSession
from wizard.core.target import Target

MC = "/etc/mail/sendmail.mc"
JOURNALS = (
    "cd /var/lib/relay-wizard/journal 2>/dev/null && "
    'for d in *; do [ -d "$d" ] && echo "$d $(cat "$d/state" 2>/dev/null)"; done; :'
)
LOCK_SHELLS = "pgrep -f 'relay-wizard-loc[k]' || :"  # [k]: not this very command


@pytest.fixture
def known(tmp_path: Path, fresh_server: LabServer) -> Path:
    return known_hosts_for(fresh_server, tmp_path / "known_hosts")


@pytest.fixture
def sessions(fresh_server: LabServer, known: Path) -> Iterator[Callable[[], SshSession]]:
    """Opens root sessions to the server; closes them all at the end."""
    opened: list[SshSession] = []

    def connect() -> SshSession:
        opened.append(session_for(fresh_server, known))
        return opened[-1]

    yield connect
    for session in opened:
        session.close()


def journals(s: LabServer) -> list[tuple[str, str]]:
    rows = [line.split(" ", 1) for line in s.run(JOURNALS).stdout.splitlines()]
    return sorted((row[0], row[1] if len(row) > 1 else "") for row in rows)


def planned_mc(plan: Plan) -> str:
    return next(c.after for c in plan.changes if c.path == MC)


def assert_consistent(s: LabServer, mc: str) -> None:
    """The planned .mc in place, its .cf built from it, sendmail up, no journal unfinished."""
    assert s.run(f"cat {MC}").stdout == mc
    built = s.run(f"cd /etc/mail && m4 {MC} | grep -v '^##### ' | sha256sum", check=False)
    installed = s.run("grep -v '^##### ' /etc/mail/sendmail.cf | sha256sum", check=False)
    assert built.stdout == installed.stdout
    assert s.run("kill -0 $(head -1 /run/sendmail/mta/sendmail.pid)", check=False).returncode == 0
    # the lock's shell records the last apply's finish as it lets go, just after the client
    # moved on: read the journals once nobody holds the lock
    assert s.run(SETTLED, check=False).returncode == 0
    rows = journals(s)
    assert rows, "no journal at all"
    assert all(state in ("applied", "rolled-back") for _, state in rows), rows
    assert rows[-1][1] == "applied", rows
    # the release does not wait for the lock shell, which ends within milliseconds
    left = s.run(
        f'for i in $(seq 100); do [ -z "$({LOCK_SHELLS})" ] && break; sleep 0.05; done; {LOCK_SHELLS}'
    )
    assert left.stdout.strip() == "", "a lock shell is left on the server"


class PausedApply:
    """An apply on its own thread that stops at one step boundary until told to go on."""

    def __init__(self, session: SshSession, boundary: str) -> None:
        self.session, self.boundary = session, boundary
        self.reached, self.go = threading.Event(), threading.Event()
        self.result: tuple[Plan, ApplyReport] | None = None
        self.error: BaseException | None = None
        self.thread = threading.Thread(target=self._run, daemon=True)

    def _pause(self, name: str) -> None:
        if name == self.boundary:
            self.reached.set()
            assert self.go.wait(120), "the test never let the first apply go on"

    def _run(self) -> None:
        try:
            self.result = apply_plan(self.session, RelayOptions("classic"), on_step=self._pause)
        except BaseException as exc:  # reported by finish()
            self.error = exc
            self.reached.set()

    def start(self) -> PausedApply:
        self.thread.start()
        assert self.reached.wait(120) and self.error is None, self.error
        return self

    def finish(self) -> tuple[Plan, ApplyReport]:
        self.go.set()
        self.thread.join(120)
        assert not self.thread.is_alive()
        if self.error is not None:
            raise self.error
        assert self.result is not None
        return self.result


def wait_for(condition: Callable[[], bool], seconds: float = 20) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.05)


# --------------------------------------------------------------------------- two applies


def test_a_second_apply_waits_for_the_first_and_leaves_its_work_alone(
    fresh_server: LabServer, sessions: Callable[[], SshSession]
) -> None:
    s = fresh_server
    # paused once the server reloaded (the steps before run as one command), not verified
    first = PausedApply(sessions(), "restart").start()
    (in_flight,) = [row for row in journals(s) if row[1] == "restarted"]

    said: list[str] = []
    box: dict[str, object] = {}

    def second() -> None:
        try:
            box["result"] = apply_plan(sessions(), RelayOptions("classic"), progress=said.append)
        except BaseException as exc:
            box["error"] = exc

    worker = threading.Thread(target=second, daemon=True)
    worker.start()
    wait_for(lambda: any(m.startswith("Waiting for the other Relay Wizard") for m in said))
    waiting = next(m for m in said if m.startswith("Waiting"))
    assert f"(an apply by root from {s.client_address} since " in waiting
    time.sleep(1.0)
    # the second apply did not touch the first one's journal while it waited
    assert (in_flight[0], "restarted") in journals(s)
    assert worker.is_alive()

    plan, report = first.finish()
    assert report.verified
    worker.join(120)
    assert "error" not in box, box.get("error")
    _, second_report = box["result"]  # type: ignore[misc]
    assert second_report.nothing_to_do and not second_report.recovered
    assert_consistent(s, planned_mc(plan))
    assert journals(s) == [(in_flight[0], "applied")]


def test_a_second_apply_that_waits_too_long_is_refused_naming_the_first(
    fresh_server: LabServer,
    sessions: Callable[[], SshSession],
    known: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    s = fresh_server
    monkeypatch.setattr(server_lock, "LOCK_WAIT", 2.0)
    monkeypatch.delenv("SSH_AUTH_SOCK", raising=False)
    first = PausedApply(sessions(), "restart").start()
    before = journals(s)
    mc_before = s.run(f"cat {MC}").stdout

    started = time.monotonic()
    target = [f"root@{s.address}", "-i", str(s.root_key), "--known-hosts", str(known)]
    r = run_cli(["apply", *target, "--profile", "classic", "--yes"])
    assert 1.5 < time.monotonic() - started < 20
    assert r.code == 1, r.out + r.err
    assert f"is busy with another Relay Wizard (an apply by root from {s.client_address}" in r.err
    assert "nothing was changed" in r.err
    assert journals(s) == before and s.run(f"cat {MC}").stdout == mc_before

    plan, report = first.finish()
    assert report.verified
    assert_consistent(s, planned_mc(plan))


# --------------------------------------------------------------------------- dead holders


def test_a_lock_whose_connection_is_cut_is_free_for_the_next_apply(
    fresh_server: LabServer, sessions: Callable[[], SshSession], monkeypatch: pytest.MonkeyPatch
) -> None:
    s = fresh_server
    monkeypatch.setattr(server_lock, "LOCK_WAIT", 10.0)
    holder = sessions()
    with ExitStack() as stack:
        lock = stack.enter_context(holder.hold_server_lock("apply"))
        assert lock.held and s.run(LOCK_SHELLS).stdout.strip()
        holder.channels.transport.sock.shutdown(socket.SHUT_RDWR)  # abruptly: no SSH goodbye
        wait_for(lambda: not holder.is_active)
        started = time.monotonic()
        plan, report = apply_plan(sessions(), RelayOptions("classic"))
        assert time.monotonic() - started < 30
        assert report.verified
        assert lock.lost
    assert_consistent(s, planned_mc(plan))


def test_an_apply_cut_mid_flight_frees_the_lock_and_the_next_apply_recovers(
    fresh_server: LabServer, sessions: Callable[[], SshSession], monkeypatch: pytest.MonkeyPatch
) -> None:
    s = fresh_server
    monkeypatch.setattr(server_lock, "LOCK_WAIT", 10.0)
    cut = sessions()

    def on_step(name: str) -> None:
        if name == "install":
            cut.channels.transport.sock.shutdown(socket.SHUT_RDWR)

    with pytest.raises((ApplyFailed, ConnectError)):
        apply_plan(cut, RelayOptions("classic"), on_step=on_step)
    ((interrupted, state),) = journals(s)
    # the step in flight (the reload) ended, or sshd's hang-up stopped it: nothing more ran
    assert state in ("installed", "restarted")

    said: list[str] = []
    plan, report = apply_plan(sessions(), RelayOptions("classic"), progress=said.append)
    assert report.recovered == interrupted and report.verified
    assert not any(m.startswith("Waiting") for m in said), said
    assert_consistent(s, planned_mc(plan))
    assert (interrupted, "rolled-back") in journals(s)


def test_a_silent_holder_loses_the_lock_after_the_lease_and_a_beating_one_keeps_it(
    fresh_server: LabServer, sessions: Callable[[], SshSession], monkeypatch: pytest.MonkeyPatch
) -> None:
    s = fresh_server
    monkeypatch.setattr(server_lock, "LOCK_LEASE", 5)
    monkeypatch.setattr(server_lock, "_LOCK_HEARTBEAT", 1.0)
    holder, other = sessions(), sessions()
    with (
        holder.hold_server_lock("apply"),
        pytest.raises(ServerBusy),  # the heartbeat keeps it past the lease
        other.hold_server_lock("rollback", wait=7),
    ):
        pass

    monkeypatch.setattr(server_lock, "_LOCK_HEARTBEAT", 3600.0)  # a holder gone silent
    with holder.hold_server_lock("apply") as silent:
        started = time.monotonic()
        with other.hold_server_lock("rollback", wait=20) as mine:
            assert mine.held
            assert 3 < time.monotonic() - started < 15
        assert silent.lost
    assert s.run(LOCK_SHELLS).stdout.strip() == ""


# --------------------------------------------------------------------------- accounts, sudo


def test_account_changes_wait_for_a_sudo_holder_whose_password_is_nowhere(
    fresh_server: LabServer,
    sessions: Callable[[], SshSession],
    known: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    s = fresh_server
    monkeypatch.setattr(server_lock, "LOCK_WAIT", 2.0)
    admin = SshSession.connect(
        Target(s.address, 22, s.admin_user),
        Credentials(password=s.admin_password, use_agent=False),
        KnownHosts(known),
    )
    root = sessions()
    realm = users.read_realm(root)
    try:
        assert admin.privilege == "sudo-password"
        with admin.hold_server_lock("apply"):
            owner = s.run("cat /var/lib/relay-wizard/lock.owner").stdout
            assert owner.startswith(f"what=apply user=admin from={s.client_address} since=")
            stored = s.run(
                "cat /var/lib/relay-wizard/* /proc/[0-9]*/cmdline 2>/dev/null | tr '\\0' ' '"
            )
            assert s.admin_password not in stored.stdout
            assert s.run("stat -c %a /var/lib/relay-wizard/lock").stdout.strip() == "600"
            with pytest.raises(ServerBusy) as busy:
                users.add_user(root, realm, "alice", "Correct-Horse-9")
            assert f"(an apply by admin from {s.client_address} since " in busy.value.message
            assert "change of mail accounts" in busy.value.message
            assert users.list_users(root) == []  # listing takes no lock
        assert users.add_user(root, realm, "alice", "Correct-Horse-9").name == "alice"
        assert [u.name for u in users.list_users(root)] == ["alice"]
        users.remove_user(root, realm, "alice")
        assert users.list_users(root) == []
    finally:
        admin.close()
    assert s.run(LOCK_SHELLS).stdout.strip() == ""


def test_a_server_without_flock_is_changed_without_the_lock_and_says_so(
    fresh_server: LabServer, sessions: Callable[[], SshSession]
) -> None:
    s = fresh_server
    s.run('mv "$(command -v flock)" /root/flock.off')
    said: list[str] = []
    session = sessions()
    with session.hold_server_lock("apply", progress=said.append) as lock:
        assert not lock.held and "no flock command" in lock.note
    assert said == [lock.note]
    plan, report = apply_plan(session, RelayOptions("classic"), progress=said.append)
    assert report.verified and said.count(lock.note) == 2
    assert_consistent(s, planned_mc(plan))
