"""The server lock's pure parts: the owner line, the messages, the remote command, re-entry.

The lock itself (flock on the server, held by an SSH channel) is exercised on the lab in
tests/integration/test_locks.py.
"""

from __future__ import annotations

import shlex
import subprocess
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from wizard.core.errors import UsageError, WizardError
from wizard.core.remote import lock as server_lock
from wizard.core.remote.lock import (
    LockOwner,
    ServerBusy,
    ServerLock,
    build_lock_command,
    lock_wait_message,
    parse_lock_owner,
    server_locked,
)
from wizard.core.remote.login import Credentials
from wizard.core.remote.session import SshSession
from wizard.core.target import Target

NOW = datetime(2024, 5, 1, 12, 30, tzinfo=UTC)
LINE = "what=apply user=admin from=198.51.100.1 since=2024-05-01T12:03:04Z pid=1234"


# --------------------------------------------------------------------------- the owner line


def test_a_full_owner_line() -> None:
    owner = parse_lock_owner(LINE)
    assert owner == LockOwner(
        "apply", "admin", "198.51.100.1", datetime(2024, 5, 1, 12, 3, 4, tzinfo=UTC), 1234
    )
    assert owner.describe(NOW) == "an apply by admin from 198.51.100.1 since 12:03 UTC"


def test_an_owner_from_another_day_shows_the_date() -> None:
    owner = parse_lock_owner(LINE)
    later = datetime(2024, 5, 2, 0, 1, tzinfo=UTC)
    assert owner.describe(later) == (
        "an apply by admin from 198.51.100.1 since 2024-05-01 12:03 UTC"
    )


@pytest.mark.parametrize(
    ("line", "described"),
    [
        ("what=rollback user=root from=2001:db8::7 since=2024-05-01T08:00:00Z pid=9",
         "a rollback by root from 2001:db8::7 since 08:00 UTC"),
        ("what=users user=deploy from=unknown since=2024-05-01T08:00:00Z pid=9",
         "a change of mail accounts by deploy since 08:00 UTC"),
        ("what=apply", "an apply"),
        ("what=later-version-thing user=admin", "a change by admin"),
        ("pid=77", ""),
        ("", ""),
        ("garbage without equals signs", ""),
    ],
)  # fmt: skip
def test_partial_and_foreign_owner_lines(line: str, described: str) -> None:
    assert parse_lock_owner(line).describe(NOW) == described


@pytest.mark.parametrize(
    "line",
    [
        "what=apply;reboot user=admin",
        "what=apply user=ad\x1b]0;owned\x07min from=1.2.3.4",
        "what=apply user=admin from=$(reboot) since=2024-05-01T12:03:04Z",
        "what=apply user=admin from=1.2.3.4 since=2024-13-45T99:99:99Z pid=-1",
        "what=apply user=" + "a" * 200 + " pid=99999999999999999999",
        "what=APPLY user=admin\u202e from=1.2.3.4",
    ],
)
def test_hostile_values_are_left_out(line: str) -> None:
    owner = parse_lock_owner(line)
    text = owner.describe(NOW)
    assert all(c.isalnum() or c in " .:-_$" for c in text), text
    assert "reboot" not in text and "owned" not in text and "\u202e" not in text
    assert owner.pid < 10**10


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=400))
def test_any_owner_line_gives_a_harmless_description(line: str) -> None:
    owner = parse_lock_owner(line)
    text = lock_wait_message(owner, NOW)
    assert all(c.isascii() and c.isprintable() for c in text), text
    busy = ServerBusy.waited("mail.example.com", "apply", owner, 30, NOW)
    assert all(c.isascii() and c.isprintable() for c in busy.message + busy.fix)


# --------------------------------------------------------------------------- the messages


def test_the_wait_message_names_the_holder() -> None:
    assert lock_wait_message(parse_lock_owner(LINE), NOW) == (
        "Waiting for the other Relay Wizard "
        "(an apply by admin from 198.51.100.1 since 12:03 UTC) to finish"
    )
    assert lock_wait_message(LockOwner(), NOW) == (
        "Waiting for another Relay Wizard to finish its change on this server"
    )
    assert lock_wait_message(None) == lock_wait_message(LockOwner())


def test_the_refusal_names_the_holder_and_says_nothing_changed() -> None:
    busy = ServerBusy.waited("mail.example.com", "users", parse_lock_owner(LINE), 30.2, NOW)
    assert isinstance(busy, WizardError)
    assert busy.message == (
        "The server mail.example.com is busy with another Relay Wizard (an apply by admin "
        "from 198.51.100.1 since 12:03 UTC): this change of mail accounts waited 30 s for it "
        "to finish and did not start, so nothing was changed."
    )
    assert busy.fix.startswith("Try again once the other Relay Wizard has finished.")
    assert "process 1234" in busy.fix and f"{server_lock.LOCK_LEASE} s" in busy.fix
    assert busy.owner.pid == 1234


def test_the_refusal_without_a_known_holder() -> None:
    busy = ServerBusy.waited("192.0.2.7", "rollback", None, 30, NOW)
    assert busy.message.startswith(
        "The server 192.0.2.7 is busy with another Relay Wizard: this rollback waited 30 s"
    )
    assert "process" not in busy.fix


# --------------------------------------------------------------------------- the command


def unwrap(command: str) -> list[str]:
    """The argv the wrapper finally runs (its last argument, the client address, aside)."""
    argv = shlex.split(command)
    assert argv[:4] == ["sh", "-c", server_lock._LOCK_WRAPPER, "relay-wizard-lock"]
    return argv[4:]


def test_the_command_as_root() -> None:
    argv = unwrap(build_lock_command("root", "apply", "root", 30, 60))
    assert argv == [
        "sh",
        "-c",
        server_lock._LOCK_SCRIPT,
        "relay-wizard-lock",
        "apply",
        "root",
        "30",
        "60",
        "-",
    ]
    with_id = unwrap(build_lock_command("root", "apply", "root", 30, 60, "0123456789abcdef"))
    assert with_id[-1] == "0123456789abcdef"


def test_the_command_through_sudo() -> None:
    nopasswd = unwrap(build_lock_command("sudo-nopasswd", "users", "deploy", 5.9, 60))
    assert nopasswd[:3] == ["sudo", "-n", "--"]
    script = ["sh", "-c", server_lock._LOCK_SCRIPT, "relay-wizard-lock"]
    assert nopasswd[3:] == [*script, "users", "deploy", "5", "60", "-"]
    # -k: sudo always reads the password line first, so it never reaches the script
    password = unwrap(build_lock_command("sudo-password", "rollback", "admin", 30, 60))
    assert password[:6] == ["sudo", "-k", "-S", "-p", "", "--"]


@pytest.mark.parametrize(
    ("what", "user", "wait", "lease"),
    [
        ("reboot", "root", 30, 60),
        ("apply;id", "root", 30, 60),
        ("apply", "root;id", 30, 60),
        ("apply", "ad min", 30, 60),
        ("apply", "", 30, 60),
        ("apply", "root", -1, 60),
        ("apply", "root", 4000, 60),
        ("apply", "root", 30, 1),
    ],
)
def test_bad_lock_requests_are_refused(what: str, user: str, wait: float, lease: int) -> None:
    with pytest.raises(UsageError):
        build_lock_command("root", what, user, wait, lease)


def take_lock(folder: Path, *args: str, then: str = "") -> subprocess.CompletedProcess[str]:
    """``rw_take_lock ARGS`` run by a real sh on a lock in ``folder``, then ``then``."""
    script = f"rw_lock_dir={shlex.quote(str(folder))}\n" + server_lock.LOCK_TAKE_FN
    script += '\nrw_take_lock "$@"; rc=$?\n' + then + "\nexit $rc\n"
    return subprocess.run(
        ["sh", "-c", script, "test", *args], capture_output=True, text=True, check=False
    )


def test_the_lock_function_records_only_checked_values_and_refuses_when_held(
    tmp_path: Path,
) -> None:
    folder = tmp_path / "lock"
    held = take_lock(folder, "apply", "admin", "5", "198.51.100.9")
    assert held.returncode == 0 and held.stdout == ""
    owner = (folder / "lock.owner").read_text()
    assert parse_lock_owner(owner).describe().startswith("an apply by admin from 198.51.100.9")
    assert oct((folder / "lock.owner").stat().st_mode & 0o777) == "0o600"

    # values that are not of their form never reach the owner line
    take_lock(folder, "users", "x y\nwhat=apply", "5", "1.2.3.4; rm -rf /")
    line = (folder / "lock.owner").read_text()
    assert line.count("\n") == 1 and "user=unknown from=unknown" in line
    assert take_lock(folder, "Apply;id", "admin", "5", "").returncode == 64

    # held by another process: a bounded, polling wait that ends in 75 and names the holder
    holder = subprocess.Popen(
        [
            "sh",
            "-c",
            f"rw_lock_dir={folder}\n{server_lock.LOCK_TAKE_FN}\nrw_take_lock rollback root 5 ''; echo ok; read x",
        ],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline() == "ok\n"
        busy = take_lock(folder, "apply", "admin", "0", "")
        assert busy.returncode == 75
        assert "busy what=rollback user=root" in busy.stdout
    finally:
        holder.communicate("\n", timeout=10)
    assert take_lock(folder, "apply", "admin", "0", "").returncode == 0  # free again


def run_lock_script(folder: Path, journals: Path, stdin: str) -> subprocess.CompletedProcess[str]:
    """lock.sh itself, its lock and journal folders in ``tmp_path``, fed ``stdin``."""
    script = f"rw_lock_dir={folder}; rw_journal_root={journals}\n" + server_lock._LOCK_SCRIPT
    return subprocess.run(
        ["sh", "-c", script, "relay-wizard-lock", "apply", "admin", "5", "60", "0123456789abcdef"],
        input=stdin,
        capture_output=True,
        text=True,
        check=False,
        timeout=30,
    )


def test_the_lock_shell_marks_the_journal_applied_as_it_lets_go(tmp_path: Path) -> None:
    """The apply's last word on the lock's channel: "finish JOURNAL" after the heartbeats
    (empty lines); lock.sh marks that journal applied, says so, and lets go at EOF."""
    folder, journals = tmp_path / "lock", tmp_path / "root"
    journal = journals / "journal" / "20261203T091114Z-440452"
    journal.mkdir(parents=True)
    (journal / "state").write_text("restarted\n")
    done = run_lock_script(folder, journals, "\n\nfinish 20261203T091114Z-440452\n")
    assert done.returncode == 0, done.stderr
    assert done.stdout == "locked\nfinished 20261203T091114Z-440452\n"
    assert (journal / "state").read_text() == "applied\n"
    assert (folder / "lock.owner").read_text() == ""  # let go
    assert take_lock(folder, "apply", "admin", "0", "").returncode == 0


@pytest.mark.parametrize(
    "said",
    [
        "",  # the connection went away before the apply was verified
        "\n",
        "finish 20261203T091114Z-440452",  # cut in the middle of the line
        "finish ../20261203T091114Z-440452\n",
        "finish 20261203T091114Z-440452/../x\n",
        "finish 20991231T000000Z-000000\n",  # no such journal
        "applied 20261203T091114Z-440452\n",
    ],
)
def test_the_lock_shell_finishes_nothing_else(tmp_path: Path, said: str) -> None:
    folder, journals = tmp_path / "lock", tmp_path / "root"
    journal = journals / "journal" / "20261203T091114Z-440452"
    journal.mkdir(parents=True)
    (journal / "state").write_text("restarted\n")
    done = run_lock_script(folder, journals, said)
    assert done.returncode == 0, done.stderr
    assert done.stdout == "locked\n"
    assert (journal / "state").read_text() == "restarted\n"
    assert sorted(p.name for p in journals.rglob("*")) == [
        "20261203T091114Z-440452",
        "journal",
        "state",
    ]


# --------------------------------------------------------------------------- the decorator


class Holder:
    """A session stand-in that records the lock requests."""

    def __init__(self) -> None:
        self.calls: list[tuple[str, object, object]] = []
        self.deferred: list[bool] = []

    @contextmanager
    def hold_server_lock(
        self, what: str, *, cancel: object = None, progress: object = None, defer: bool = False
    ) -> Iterator[None]:
        self.calls.append((what, cancel, progress))
        self.deferred.append(defer)
        yield


def test_the_decorator_takes_the_lock_with_cancel_and_progress() -> None:
    seen: list[str] = []

    @server_locked("apply")
    def operation(
        session: Any,
        value: int,
        *,
        cancel: threading.Event | None = None,
        progress: Callable[[str], None] | None = None,
    ) -> int:
        seen.append("ran")
        return value * 2

    holder = Holder()
    event = threading.Event()
    assert operation(holder, 21, cancel=event, progress=print) == 42
    assert holder.calls == [("apply", event, print)]
    assert operation(holder, 1) == 2
    assert holder.calls[-1] == ("apply", None, None)
    assert operation.__name__ == "operation"
    # a runner without the lock (a unit test's fake) runs unlocked
    assert operation(object(), 2) == 4
    assert seen == ["ran"] * 3
    assert holder.deferred == [False, False]

    @server_locked("apply", defer=True)
    def asks_without_waiting(session: Any) -> None:
        pass

    asks_without_waiting(holder)
    assert holder.deferred[-1] is True


def test_the_decorator_refuses_an_unknown_action() -> None:
    with pytest.raises(UsageError):
        server_locked("reboot")


def test_apply_and_rollback_are_locked() -> None:
    from wizard.core.change import apply

    for func in (apply.apply_plan, apply.rollback):
        assert hasattr(func, "__wrapped__"), func


class Server(Holder):
    """A session stand-in that also runs commands (as the account changes need)."""

    def __init__(self, stdout: str) -> None:
        super().__init__()
        self.stdout = stdout
        self.commands: list[tuple[str, int]] = []
        self.inline: list[str] = []  # operations that took the lock in their own script

    def run_locked(self, what: str, script: str, **options: Any) -> Any:
        self.inline.append(what)
        return self.run(script, **options)

    def run(self, command: str, **options: Any) -> Any:
        self.commands.append((command, len(self.calls)))  # how many locks were taken by then

        class Result:
            exit_code, stdout, stderr, ok = 0, self.stdout, "", True

        return Result()


def test_account_changes_run_under_the_lock_and_bad_input_takes_none() -> None:
    from wizard.core.mta.sendmail import users

    server = Server("ok alice\n")
    assert users.add_user(server, "mail.example.com", "alice", "Correct-Horse-9").name == "alice"
    # one command: the batch script takes the lock itself (no lock channel, no round trip)
    assert server.inline == ["users"] and server.calls == []

    server = Server("alice@mail.example.com: userPassword\n")
    users.remove_user(server, "mail.example.com", "alice")
    assert [what for what, _, _ in server.calls] == ["users"]  # listing and removal: one lock
    assert [taken for _, taken in server.commands] == [1, 1]

    server = Server("")
    users.list_users(server)
    assert server.calls == []  # listing alone changes nothing: no lock

    for bad in (
        lambda: users.add_user(server, "mail.example.com", "al ice", "Correct-Horse-9"),
        lambda: users.change_password(server, "mail.example.com", "alice", "short"),
        lambda: users.remove_user(server, "mail.example.com", "alice\n"),
        lambda: users.set_passwords(
            server, "mail.example.com", [("bob", "Pw-one-1111"), ("bob", "Pw-two-2222")]
        ),
    ):
        with pytest.raises(UsageError):
            bad()
    assert server.calls == [] and server.inline == []
    assert len(server.commands) == 1  # the listing above; nothing ran for the bad input


# --------------------------------------------------------------------------- re-entry


class _Transport:
    def is_active(self) -> bool:
        return True


def session_with_fake_acquire(
    monkeypatch: pytest.MonkeyPatch,
) -> tuple[SshSession, list[tuple[str, float]], list[str]]:
    session = SshSession(Target("mail.example.com", 22, "root"), _Transport(), Credentials(), "")  # type: ignore[arg-type]
    taken: list[tuple[str, float]] = []
    released: list[str] = []

    def acquire(
        what: str, wait: float, cancel: object, progress: object, *, defer: bool = False
    ) -> ServerLock:
        taken.append((what, wait))
        lock = ServerLock(what, None)
        monkeypatch.setattr(lock, "release", lambda: released.append(what))
        return lock

    monkeypatch.setattr(session._locks, "acquire", acquire)
    return session, taken, released


def test_the_lock_is_reentrant_on_one_thread(monkeypatch: pytest.MonkeyPatch) -> None:
    session, taken, released = session_with_fake_acquire(monkeypatch)
    monkeypatch.setattr(server_lock, "LOCK_WAIT", 7.0)
    with session.hold_server_lock("apply") as outer:
        with session.hold_server_lock("rollback") as inner:
            assert inner is outer
        assert released == []
    assert taken == [("apply", 7.0)]  # the default wait is read when the lock is taken
    assert released == ["apply"]
    with session.hold_server_lock("rollback", wait=3):
        pass
    assert taken[-1] == ("rollback", 3)
    assert released == ["apply", "rollback"]


def test_another_thread_on_the_same_session_takes_its_own(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    session, taken, released = session_with_fake_acquire(monkeypatch)

    def other() -> None:
        with session.hold_server_lock("users"):
            pass

    with session.hold_server_lock("apply"):
        worker = threading.Thread(target=other)
        worker.start()
        worker.join()
        assert released == ["users"]
    assert [what for what, _ in taken] == ["apply", "users"]
    assert released == ["users", "apply"]


def test_the_lock_is_released_when_the_block_fails(monkeypatch: pytest.MonkeyPatch) -> None:
    session, _, released = session_with_fake_acquire(monkeypatch)
    with pytest.raises(RuntimeError), session.hold_server_lock("apply"):
        raise RuntimeError("boom")
    assert released == ["apply"]
    assert session._locks._held == {}


def test_a_lock_without_flock_is_not_held() -> None:
    lock = ServerLock("apply", None, "no flock")
    assert not lock.held and not lock.lost and lock.note == "no flock"
    lock.release()  # nothing to release; never raises
