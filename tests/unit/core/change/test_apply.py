"""apply's orchestration with a fake runner: the order of the steps, progress, the
journal, cancel, and the rollback of the steps done so far when one fails. Pure: the
fake records each script the runner would send and answers as told."""

from __future__ import annotations

import hashlib
import shlex
import threading
from dataclasses import dataclass, field

import pytest

from wizard.core.change import apply
from wizard.core.change.journal import unfinished
from wizard.core.change.options import RelayOptions
from wizard.core.change.outcome import ApplyFailed, ApplyReport, StepOutcome
from wizard.core.change.plan import FileChange, Plan, Step, StepContext
from wizard.core.change.steps import ScriptStep, Verify, install, record, stage
from wizard.core.errors import Cancelled, WizardError
from wizard.core.mail.vantage import RelayConfig
from wizard.core.mta.sendmail.plan import build_step, reload_step
from wizard.core.target import Target

MC = FileChange("/etc/mail/sendmail.mc", "old mc\n", "new mc\n")
CF = "/etc/mail/sendmail.cf"
JOURNAL = "20240102T030405Z-000006"
OLD_SHA = hashlib.sha256(b"old mc\n").hexdigest()
SCRIPTS = ["stage", "build", "install", "restart", "finish"]


@dataclass
class Result:
    exit_code: int = 0
    stdout: str = ""
    stderr: str = ""

    @property
    def ok(self) -> bool:
        return self.exit_code == 0


@dataclass
class StubLock:
    """The apply's server lock: takes a journal to finish as it is released, or not."""

    accepts: bool
    journals: list[str] = field(default_factory=list)

    def finish_on_release(self, journal: str) -> bool:
        if self.accepts:
            self.journals.append(journal)
        return self.accepts


@dataclass
class FakeSession:
    """Runs nothing: records (script, args, stdin) and fails the scripts in ``fail``."""

    fail: set[str] = field(default_factory=set)
    lock_lost_after: str = ""  # the lock is lost once this script has run
    lock: StubLock | None = None  # the server lock the apply holds (None: none)
    ran: list[tuple[str, list[str], str]] = field(default_factory=list)
    target: Target = field(default_factory=lambda: Target("mail.example.org", 22, "root"))

    def run(
        self,
        command: str,
        *,
        root: bool = False,
        stdin: bytes | str | None = None,
        timeout: float = 0,
        check: bool = False,
        secrets: object = (),
        cancel: threading.Event | None = None,
    ) -> Result:
        words = shlex.split(command)
        assert words[:2] == ["sh", "-c"] and root
        name, args = words[3], words[4:]
        self.ran.append((name, args, str(stdin or "")))
        if name in self.fail:
            return Result(1, "", f"{name} went wrong")
        if name == "rollback":
            return Result(0, f"journal {args[0]}\nrestored /etc/mail/sendmail.mc\n")
        return Result(0, f"{name} done\n")

    def server_lock_lost(self) -> bool:
        ran = [name for name, _, _ in self.ran]
        return bool(self.lock_lost_after) and self.lock_lost_after in ran

    def server_lock(self) -> StubLock | None:
        return self.lock

    def scripts(self) -> list[str]:
        return [name for name, _, _ in self.ran]


@dataclass(frozen=True)
class FailingVerify(Verify):
    """verify whose SMTP check finds the relay open (no network)."""

    def run(self, ctx: StepContext) -> list[StepOutcome]:
        return [StepOutcome("port 25", False, "Port 25 accepted mail without a login.")]


def steps(verify: Step | None = None) -> tuple[Step, ...]:
    return (
        stage([MC], MC.path, CF, built=CF, restore_ports=("127.0.0.1:25",)),
        build_step("m4", 2),
        install([MC.diff]),
        reload_step("auto", ["0.0.0.0:25"], "HUP to the running sendmail"),
        verify or Verify(()),
        record(),
    )


def run(
    session: FakeSession,
    plan_steps: tuple[Step, ...] | None = None,
    *,
    cancel_after: str = "",
) -> tuple[ApplyReport, list[str], list[str]]:
    said: list[str] = []
    boundaries: list[str] = []
    cancel = threading.Event()

    def on_step(name: str) -> None:
        boundaries.append(name)
        if name == cancel_after:
            cancel.set()

    ctx = StepContext(session, "192.0.2.1", JOURNAL, progress=said.append, cancel=cancel)
    report = ApplyReport(journal_id=JOURNAL)
    apply.run_steps(plan_steps or steps(), ctx, report, on_step)
    return report, said, boundaries


def test_the_steps_run_in_order_in_one_journal_with_progress_and_boundaries() -> None:
    session = FakeSession()
    report, said, boundaries = run(session)
    assert session.scripts() == SCRIPTS
    assert all(args[0] == JOURNAL for _, args, _ in session.ran)
    _name, args, stdin = session.ran[0]
    assert args[1:] == [
        f"{MC.path}={OLD_SHA}",
        MC.path,
        CF,
        MC.path,
        CF,
    ]
    assert stdin == "bmV3IG1jCg==\n-\n"  # the new .mc in base64; the .cf is built later
    assert session.ran[1][1] == [JOURNAL, "1", "2", "m4"]
    assert session.ran[3][1] == [JOURNAL, "auto", "0.0.0.0:25"]
    assert said == [
        "Back up the files and stage the new ones",
        "Build and check the new sendmail.cf",
        "Install the new files",
        "Reload sendmail and wait for its listeners",
        "Verifying from this computer",
        "Record the change as applied",
    ]
    assert boundaries == ["stage", "build", "install", "restart", "verify", "finish"]
    assert report.verified and not report.rollback
    assert [s.title for s in report.steps] == [t for t in said if not t.startswith("Verifying")]
    assert report.to_json()["journal"] == JOURNAL


def test_the_server_lock_carries_the_finish_as_it_is_released() -> None:
    """After the verification, the journal is recorded by the lock's shell as the lock
    goes (a round trip less); with a lock that cannot (no flock on the server), finish.sh
    runs as before."""
    session = FakeSession(lock=StubLock(accepts=True))
    report, _said, boundaries = run(session)
    assert session.scripts() == SCRIPTS[:-1] and session.lock is not None
    assert session.lock.journals == [JOURNAL]
    assert report.verified and boundaries[-1] == "finish"
    assert report.steps[-1].ok and "lock" in report.steps[-1].detail

    session = FakeSession(lock=StubLock(accepts=False))
    report, _said, _boundaries = run(session)
    assert session.scripts() == SCRIPTS and report.verified


@pytest.mark.parametrize("failing", SCRIPTS)
def test_a_failed_step_rolls_back_the_steps_done_so_far(failing: str) -> None:
    session = FakeSession(fail={failing})
    with pytest.raises(ApplyFailed) as failed:
        run(session)
    done = SCRIPTS[: SCRIPTS.index(failing) + 1]
    report = failed.value.report
    assert report.steps[-1] == StepOutcome(report.steps[-1].title, False, f"{failing} went wrong")
    assert not report.verified
    if failing == "stage":
        # nothing was staged: nothing to undo, the server was not touched
        assert session.scripts() == ["stage"] and not report.rollback
        assert failed.value.message.endswith("failed. stage went wrong")
        return
    # one rollback of the journal, waiting for the listeners of the configuration restored
    assert session.scripts() == [*done, "rollback"]
    assert session.ran[-1][1] == [JOURNAL, "127.0.0.1:25"]
    assert [o.title for o in report.rollback] == [
        f"journal {JOURNAL}",
        "restored /etc/mail/sendmail.mc",
    ]
    assert "Everything was rolled back" in failed.value.message


def test_a_failed_verification_rolls_back_and_records_nothing() -> None:
    session = FakeSession()
    with pytest.raises(ApplyFailed) as failed:
        run(session, steps(FailingVerify(())))
    assert session.scripts() == ["stage", "build", "install", "restart", "rollback"]
    assert failed.value.message.startswith("Verification failed: Port 25 accepted mail")
    assert failed.value.report.steps[-1].title == "port 25"
    # what went wrong, apart from what the rollback did; not the admin's cancel
    assert failed.value.reason.startswith("Verification failed: Port 25 accepted mail")
    assert "rolled back" not in failed.value.reason and not failed.value.cancelled


@pytest.mark.parametrize("after", ["stage", "install", "verify"])
def test_cancel_stops_before_the_next_step_and_rolls_back(after: str) -> None:
    session = FakeSession()
    with pytest.raises(ApplyFailed) as failed:
        run(session, cancel_after=after)
    ran = session.scripts()
    assert ran[-1] == "rollback" and "finish" not in ran
    assert failed.value.message.startswith("Cancelled. Everything was rolled back")
    assert failed.value.cancelled and failed.value.reason == "Cancelled."
    assert failed.value.fix == "Apply again when you are ready."  # nothing "failed"


def test_cancel_before_anything_ran_changes_nothing() -> None:
    session = FakeSession()
    ctx = StepContext(session, "192.0.2.1", JOURNAL, cancel=threading.Event())
    assert ctx.cancel is not None
    ctx.cancel.set()
    with pytest.raises(Cancelled):
        apply.run_steps(steps(), ctx, ApplyReport())
    assert session.ran == []


def test_a_lost_server_lock_stops_the_next_change_and_rolls_back() -> None:
    session = FakeSession(lock_lost_after="build")
    with pytest.raises(ApplyFailed) as failed:
        run(session)
    assert session.scripts() == ["stage", "build", "rollback"]
    assert "lock on the server" in failed.value.message


def test_a_rollback_that_fails_says_the_journal_keeps_the_backups() -> None:
    session = FakeSession(fail={"install", "rollback"})
    with pytest.raises(ApplyFailed) as failed:
        run(session)
    assert "automatic rollback did not complete" in failed.value.message
    assert JOURNAL in failed.value.fix
    assert failed.value.report.rollback[-1].ok is False


def test_an_undo_runs_once_per_step_that_has_one_newest_first() -> None:
    @dataclass(frozen=True)
    class Mark:
        label: str

        def run(self, ctx: StepContext) -> list[StepOutcome]:
            return [StepOutcome(f"undone {self.label}", True)]

    first = ScriptStep("stage", "first", undo=Mark("first"))
    second = ScriptStep("install", "second", undo=Mark("second"))
    session = FakeSession(fail={"finish"})
    with pytest.raises(ApplyFailed) as failed:
        run(session, (first, second, record()))
    assert [o.title for o in failed.value.report.rollback] == ["undone second", "undone first"]


# --------------------------------------------------------------------------- apply_plan


@dataclass
class FakeFacts:
    journal_id: str = ""
    journal_state: str = "applied"
    relay: RelayConfig = field(default_factory=RelayConfig)


@dataclass
class FakeMta:
    """A MailServer whose plan is ``steps()`` and whose reads are counted."""

    facts: FakeFacts = field(default_factory=FakeFacts)
    reads: int = 0
    name: str = "fake"

    def read_state(
        self, session: object, options: RelayOptions, **_: object
    ) -> tuple[str, FakeFacts]:
        self.reads += 1
        return "state", self.facts

    def plan(self, state: str, facts: FakeFacts, options: RelayOptions) -> Plan:
        return Plan(options.validated(), (MC,), steps(), (), (), "m4")


def test_apply_plan_plans_from_the_known_state_without_reading_again() -> None:
    session, mta = FakeSession(), FakeMta()
    plan, report = apply.apply_plan(
        session,  # type: ignore[arg-type]
        RelayOptions("classic"),
        known=("state", FakeFacts()),  # type: ignore[arg-type]
        mta=mta,  # type: ignore[arg-type]
    )
    assert mta.reads == 0 and report.verified
    assert session.scripts() == SCRIPTS
    assert all(args[0] == report.journal_id for _, args, _ in session.ran)
    assert plan.steps == steps()


def test_apply_plan_rolls_back_an_unfinished_journal_first_and_plans_again() -> None:
    session = FakeSession()
    mta = FakeMta(FakeFacts("20230101T000000Z-000001", "installed"))
    _plan, report = apply.apply_plan(session, RelayOptions("classic"), mta=mta)  # type: ignore[arg-type]
    assert unfinished("installed") and not unfinished("applied")
    assert session.ran[0][:2] == ("rollback", ["20230101T000000Z-000001"])
    assert mta.reads == 2 and report.recovered == "20230101T000000Z-000001"
    assert session.scripts()[1:] == SCRIPTS


def test_apply_plan_refuses_a_plan_with_errors_before_anything_runs() -> None:
    from wizard.core.change.plan import Check, CheckLevel

    class Refusing(FakeMta):
        def plan(self, state: str, facts: FakeFacts, options: RelayOptions) -> Plan:
            return Plan(options, (), (), (Check("no_m4", CheckLevel.ERROR, "No m4."),), (), "")

    session = FakeSession()
    with pytest.raises(WizardError, match="No m4"):
        apply.apply_plan(session, RelayOptions("classic"), mta=Refusing())  # type: ignore[arg-type]
    assert session.ran == []
