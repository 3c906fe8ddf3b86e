"""Script steps in a row as one command (steps.sh and wizard.core.change.batch), run by the
real ``sh`` of this machine on stand-in steps (no server: the scripts' own work is in the
lab tests). What matters here is the protocol: every step runs once, in order, with its
arguments and stdin exactly; a failure stops the rest; a report cannot be forged; and a
client that went away stops the steps after the one in flight."""

from __future__ import annotations

import os
import subprocess
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from wizard.core.change import batch
from wizard.core.change.apply import run_steps
from wizard.core.change.outcome import ApplyFailed, ApplyReport
from wizard.core.change.plan import StepContext
from wizard.core.change.steps import ScriptStep
from wizard.core.remote.results import CommandResult
from wizard.core.remote.sections import ProtocolError, new_token

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator

# Each stand-in step writes its name, arguments and stdin to $OUT/NAME (one line each,
# shell-quoted by printf %q's POSIX cousin: one argument per line), prints "did NAME".
RECORD = """set -eu
{ printf '%s\\n' "$0"; for a in "$@"; do printf '[%s]\\n' "$a"; done; printf 'stdin[%s]\\n' "$(cat)"; } > "$OUT/$0"
echo "did $0"
"""


@dataclass(frozen=True)
class Stand(ScriptStep):
    text: str = RECORD

    def script(self) -> str:
        return self.text


@dataclass
class LocalSession:
    """Runs the batch command with this machine's sh; stdout handed over as it comes."""

    env: dict[str, str]
    gone: Callable[[], bool] = lambda: False  # close our end of stdout once this is true
    ran: list[str] = field(default_factory=list)

    def server_lock_lost(self) -> bool:
        return False

    def mask(self, text: str) -> str:
        return text.replace("hunter2", "***")

    def server_lock(self) -> None:
        return None  # the lock's own tests: tests/integration/test_locks.py

    def run(self, command: str, **_: object) -> CommandResult:  # pragma: no cover
        raise AssertionError("a batch runs through run_streaming")

    def run_streaming(
        self,
        command: str,
        *,
        stdin: bytes | str,
        timeout: float,
        cancel: threading.Event | None,
        on_output: Callable[[bytes], None],
        waits_for_lock: bool = False,
    ) -> CommandResult:
        self.ran.append(command)
        with subprocess.Popen(
            ["sh", "-c", command],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            env=self.env,
        ) as proc:
            assert proc.stdin is not None and proc.stdout is not None
            assert proc.stderr is not None
            proc.stdin.write(stdin.encode() if isinstance(stdin, str) else stdin)
            proc.stdin.close()
            while True:
                piece = os.read(proc.stdout.fileno(), 4096)
                if not piece:
                    break
                on_output(piece)
                if self.gone():
                    proc.stdout.close()  # this computer went away
                    break
            code = proc.wait(timeout)
            return CommandResult("steps", code, "", proc.stderr.read().decode())


@pytest.fixture
def out(tmp_path: Path) -> Path:
    (tmp_path / "out").mkdir()
    return tmp_path / "out"


@pytest.fixture
def session(tmp_path: Path, out: Path) -> LocalSession:
    env = {**os.environ, "OUT": str(out), "rw_lock_dir": str(tmp_path / "lock")}
    return LocalSession(env)


def ctx(session: LocalSession, said: list[str]) -> StepContext:
    return StepContext(session, "host", "J1", progress=said.append)  # type: ignore[arg-type]


HOSTILE = "a b\n$(touch /tmp/batch-pwned) `id` '\"; rm -rf / #"


def three(fail: str = "") -> tuple[Stand, ...]:
    fails = "echo 'it broke' >&2; exit 4\n"
    return (
        Stand("one", "Step one", ("x", HOSTILE), stdin="line 1\nline 2"),
        Stand("two", "Step two", (), text=fails if fail == "two" else RECORD),
        Stand("three", "Step three", ("", "-", "--"), stdin=HOSTILE),
    )


def test_every_step_runs_once_in_order_with_its_arguments_and_stdin(
    session: LocalSession, out: Path
) -> None:
    said: list[str] = []
    boundaries: list[str] = []
    report = ApplyReport()
    run_steps(three(), ctx(session, said), report, boundaries.append)
    assert len(session.ran) == 1, "one command for the three steps"
    assert report.verified
    assert boundaries == ["one", "two", "three"]
    assert said == ["Step one", "Step two", "Step three"]
    assert [(o.title, o.ok, o.detail) for o in report.steps] == [
        ("Step one", True, "did one"),
        ("Step two", True, "did two"),
        ("Step three", True, "did three"),
    ]
    assert (out / "one").read_text() == f"one\n[J1]\n[x]\n[{HOSTILE}]\nstdin[line 1\nline 2]\n"
    assert (out / "two").read_text() == "two\n[J1]\nstdin[]\n"
    assert (out / "three").read_text() == f"three\n[J1]\n[]\n[-]\n[--]\nstdin[{HOSTILE}]\n"
    assert not Path("/tmp/batch-pwned").exists()


def test_the_first_failure_is_the_last_step_run(session: LocalSession, out: Path) -> None:
    report = ApplyReport()
    boundaries: list[str] = []
    with pytest.raises(ApplyFailed) as failed:
        run_steps(three(fail="two"), ctx(session, []), report, boundaries.append)
    assert boundaries == ["one"]
    assert "Step two: failed. it broke" in failed.value.message
    assert not (out / "three").exists()
    assert [(o.title, o.ok) for o in report.steps][:2] == [("Step one", True), ("Step two", False)]


def test_a_step_that_prints_a_report_line_cannot_forge_one(session: LocalSession) -> None:
    # even one that knew the token could not: the lengths make its output opaque
    forge = Stand("liar", "Liar", text="printf '@@@%032d 2 0 0 0\\n' 0; echo 'done'\n")
    report = ApplyReport()
    run_steps((forge, Stand("after", "After")), ctx(session, []), report)
    assert report.steps[0].detail == "@@@" + "0" * 32 + " 2 0 0 0\ndone"
    assert [o.title for o in report.steps] == ["Liar", "After"]


def test_secrets_of_the_login_are_masked_in_what_a_step_said(session: LocalSession) -> None:
    report = ApplyReport()
    run_steps(
        (Stand("a", "A", text="echo hunter2\n"), Stand("b", "B", text="true\n")),
        ctx(session, []),
        report,
    )
    assert report.steps[0].detail == "***"


def test_a_client_that_went_away_stops_the_steps_after_the_one_in_flight(
    session: LocalSession, out: Path
) -> None:
    boundaries: list[str] = []
    session.gone = lambda: bool(boundaries)  # right after the first step's report
    slow = "sleep 0.3\n" + RECORD
    steps = tuple(Stand(n, n.title(), text=slow) for n in ("one", "two", "three", "four"))
    with pytest.raises(ApplyFailed):
        run_steps(steps, ctx(session, []), ApplyReport(), boundaries.append)
    time.sleep(1.0)  # let the server side finish what it does
    assert sorted(p.name for p in out.iterdir()) == ["one", "two"]


@pytest.mark.parametrize(
    "output",
    [
        b"hello\n",  # anything before the first report
        b"@@@" + b"f" * 32 + b" 1 0 0 0\n",  # another run's token
        b"@@@{token} 2 0 0 0\n",  # a report out of order
        b"@@@{token} 1 0 x 0\n",
        b"@@@{token}" + b"9" * 200,  # a line that never ends
    ],
)
def test_the_reader_refuses_what_is_not_this_runs_reports(output: bytes) -> None:
    token = new_token()
    reader = batch.Reports(token)
    stream = output.replace(b"{token}", token.encode())
    with pytest.raises(ProtocolError):
        for i in range(len(stream)):  # byte by byte: the pieces come as the network cuts them
            reader.feed(stream[i : i + 1])


def test_the_reader_takes_reports_in_any_pieces() -> None:
    token = new_token().encode()
    stream = b"@@@" + token + b" 1 0 3 2\nabcde" + b"@@@" + token + b" 2 5 0 5\n\n@@@x"
    whole = batch.Reports(token.decode())
    assert whole.feed(stream) == [(1, 0, b"abc", b"de"), (2, 5, b"", b"\n@@@x")]
    pieces = batch.Reports(token.decode())
    got = [r for i in range(len(stream)) for r in pieces.feed(stream[i : i + 1])]
    assert got == [(1, 0, b"abc", b"de"), (2, 5, b"", b"\n@@@x")]


def test_a_step_too_long_for_one_argument_runs_on_its_own() -> None:
    big = Stand("big", "Big", stdin="x" * (batch.MAX_ARG + 1))
    a, b = Stand("a", "A"), Stand("b", "B")
    assert batch.groups((a, b, big, a)) == [(a, b), (big,), (a,)]


def run_script(
    tmp_path: Path, lock_id: str, owner: str | None, delay: float = 0.0
) -> subprocess.CompletedProcess[str]:
    """steps.sh with one step that says "ran", the lock asked for as ``lock_id`` (2 s wait),
    and ``owner`` written to lock.owner after ``delay`` seconds."""
    lock = tmp_path / "lock"
    lock.mkdir(exist_ok=True)

    def write_owner() -> None:
        time.sleep(delay)
        if owner is not None:
            (lock / "lock.owner").write_text(owner + "\n")

    writer = threading.Thread(target=write_owner)
    writer.start()
    step = Stand("one", "One", text="echo ran\n")
    command = batch.command([step], "J1", lock_id)
    token = new_token()
    proc = subprocess.run(
        ["sh", "-c", command],
        input=token + "\n",
        capture_output=True,
        text=True,
        env={**os.environ, "rw_lock_dir": str(lock)},
        timeout=30,
    )
    writer.join()
    return proc


@pytest.fixture
def lock_id(monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    monkeypatch.setattr(batch, "LOCK_WAIT", 2)
    yield new_token()[:16]


def test_the_first_step_waits_for_the_lock_asked_for_just_before(
    tmp_path: Path, lock_id: str
) -> None:
    owner = f"what=apply user=root from=1.2.3.4 since=2026-12-03T07:00:00Z pid=42 id={lock_id}"
    proc = run_script(tmp_path, lock_id, owner, delay=0.3)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.endswith(" 1 0 4 0\nran\n")


def test_no_step_runs_without_the_lock(tmp_path: Path, lock_id: str) -> None:
    other = "what=apply user=root from=1.2.3.4 since=2026-12-03T07:00:00Z pid=42 id=abc"
    proc = run_script(tmp_path, lock_id, other)
    assert proc.returncode == 75
    assert "ran" not in proc.stdout and "lock of this apply is not held" in proc.stdout
