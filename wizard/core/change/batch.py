"""Script steps in a row as one remote invocation that reports each step as it ends.

An apply's stage, build, install and reload (and what the guard options add between them)
need nothing from this computer in between: only verify does, and it comes after them.
Sent one command each, they cost a round trip each; sent as one (steps.sh), they cost
one. The script runs them in order, stops at the first that fails, and after each writes
a report: a line ``@@@TOKEN INDEX EXIT_CODE STDOUT_BYTES STDERR_BYTES``, then the step's
output. The token is drawn per run and sent on stdin, as for the inspection's sections
(:mod:`wizard.core.remote.sections`): a step's output cannot forge a report, and the
lengths make the output opaque to the parser.

Nothing else changes for the apply (:func:`wizard.core.change.apply.run_steps`): the
progress line, the outcome, ``on_step`` and the journal state come per step as before, and
any failure rolls back what was done. What a cut connection leaves: each step starts only
once the previous step's report was written, so when this computer has gone away the
script ends after the step that was running (the journal then says how far it got, and
the next apply or rollback undoes it; rollback.sh waits for the script to end).

A step's stdin travels on the batch's command line (``ScriptStep.stdin`` holds nothing
secret); a step whose stdin is too long for one argument runs on its own.
"""

from __future__ import annotations

import re
import shlex
import threading
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Protocol, runtime_checkable

from wizard.core.change.outcome import ApplyFailed, StepOutcome
from wizard.core.change.steps import STEP_TIMEOUT, ScriptStep, check_lock
from wizard.core.remote import scripts
from wizard.core.remote.sections import ProtocolError, new_token
from wizard.core.translatable import QT_TRANSLATE_NOOP

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence

    from wizard.core.change.outcome import ApplyReport
    from wizard.core.change.plan import Step, StepContext
    from wizard.core.remote.lock import ServerLock
    from wizard.core.remote.results import CommandResult

# Linux refuses a single argument over 128 KiB (MAX_ARG_STRLEN); keep well below it.
MAX_ARG = 100_000
# How long the first step waits on the server for the lock asked for just before (s).
LOCK_WAIT = 45
_HEADER = re.compile(rb"@@@([0-9a-f]{32}) ([0-9]{1,4}) ([0-9]{1,3}) ([0-9]{1,9}) ([0-9]{1,9})\n")
_HEADER_MAX = 3 + 32 + 5 * 10 + 1


@runtime_checkable
class Streaming(Protocol):
    """A session that runs a command and hands over its output as it comes."""

    def run_streaming(
        self,
        command: str,
        *,
        stdin: bytes | str,
        timeout: float,
        cancel: threading.Event | None,
        on_output: Callable[[bytes], None],
        waits_for_lock: bool = False,
    ) -> CommandResult: ...

    def mask(self, text: str) -> str: ...

    def server_lock(self) -> ServerLock | None: ...


def groups(steps: Sequence[Step]) -> list[tuple[Step, ...]]:
    """``steps`` cut into runs: script steps in a row together, every other step alone."""
    out: list[tuple[Step, ...]] = []
    run: list[Step] = []
    for step in steps:
        if isinstance(step, ScriptStep) and all(
            len(a) <= MAX_ARG for a in (step.stdin, *step.args)
        ):
            run.append(step)
            continue
        if run:
            out.append(tuple(run))
            run = []
        out.append((step,))
    if run:
        out.append(tuple(run))
    return out


def command(steps: Sequence[ScriptStep], journal: str, lock_id: str = "-") -> str:
    """The one command that runs ``steps`` (steps.sh): each step's name, script, stdin and
    arguments, in order."""
    words = ["sh", "-c", scripts.load("steps"), "steps", lock_id, str(LOCK_WAIT), str(len(steps))]
    for step in steps:
        argv = step.argv(journal)
        words += [step.name, step.script(), step.stdin, str(len(argv)), *argv]
    return shlex.join(words)


@dataclass
class Reports:
    """The reader of steps.sh's output: whole reports out of the pieces as they arrive."""

    token: str
    _buffer: bytearray = field(default_factory=bytearray)
    seen: int = 0

    def feed(self, piece: bytes) -> list[tuple[int, int, bytes, bytes]]:
        """Every report completed by ``piece``: (index from 1, exit code, stdout, stderr).

        Raises:
            ProtocolError: the output is not reports of this run, in order.
        """
        self._buffer += piece
        done: list[tuple[int, int, bytes, bytes]] = []
        while self._buffer:
            end = self._buffer.find(b"\n")
            if end < 0:
                if len(self._buffer) > _HEADER_MAX:
                    raise self._bad()
                break
            match = _HEADER.fullmatch(bytes(self._buffer[: end + 1]))
            if match is None or match.group(1).decode() != self.token:
                raise self._bad()
            index, code, out_len, err_len = (int(g) for g in match.groups()[1:])
            if index != self.seen + 1:
                raise self._bad()
            start = end + 1
            if len(self._buffer) < start + out_len + err_len:
                break
            out = bytes(self._buffer[start : start + out_len])
            err = bytes(self._buffer[start + out_len : start + out_len + err_len])
            del self._buffer[: start + out_len + err_len]
            self.seen = index
            done.append((index, code, out, err))
        return done

    def _bad(self) -> ProtocolError:
        return ProtocolError(
            QT_TRANSLATE_NOOP(
                "Errors", "The server's report on the apply's steps is not in the expected form."
            ),
            QT_TRANSLATE_NOOP("Errors", "Apply again."),
        )


def run_batch(
    steps: Sequence[ScriptStep],
    ctx: StepContext,
    report: ApplyReport,
    on_step: Callable[[str], None] | None,
    done: list[Step],
    session: Streaming,
) -> None:
    """Run ``steps`` as one command on ``session``; each step's outcome goes to ``report``
    and, once it succeeded, to ``on_step`` and ``done`` as its report arrives.

    Raises:
        ApplyFailed: a step failed, or the script ended before every step reported (the
            caller undoes ``done``).
    """
    check_lock(ctx)
    reports = Reports(new_token())
    failed: list[StepOutcome] = []

    def arrived(piece: bytes) -> None:
        for index, code, out, err in reports.feed(piece):
            step = steps[index - 1]
            said = step.outcomes(code, session.mask(_text(out)), session.mask(_text(err)))
            report.steps.extend(said)
            if code != 0:
                failed.extend(said)
                return
            if on_step is not None:
                on_step(step.name)
            done.append(step)
            if index < len(steps) and ctx.progress is not None:
                ctx.progress(steps[index].progress)

    if ctx.progress is not None:
        ctx.progress(steps[0].progress)
    lock = session.server_lock()
    with _LockAnswer(lock, ctx.cancel) as answer:
        result = session.run_streaming(
            command(steps, ctx.journal, lock.lock_id if lock is not None and lock.held else "-"),
            stdin=reports.token + "\n",
            timeout=STEP_TIMEOUT * len(steps),
            cancel=answer.stop,
            on_output=arrived,
            waits_for_lock=lock is not None,
        )
    if failed:
        raise ApplyFailed(steps[reports.seen - 1].failure(failed), report)
    if reports.seen < len(steps):
        step = steps[reports.seen]
        said = step.outcomes(result.exit_code or 1, "", result.stderr or _ended(result.exit_code))
        report.steps.extend(said)
        raise ApplyFailed(step.failure(said), report)


class _Either(threading.Event):
    """Set when it is set itself or ``other`` is: the batch's cancel."""

    def __init__(self, other: threading.Event | None) -> None:
        super().__init__()
        self._other = other

    def is_set(self) -> bool:
        return super().is_set() or (self._other is not None and self._other.is_set())


class _LockAnswer:
    """The server lock's answer, read while the steps wait for it on the server.

    The lock was asked for on its own channel just before (pending): the steps' command
    goes out behind it at once and waits on the server until the lock is granted, while
    a thread here reads the lock's channel (who holds it now, said as progress). If the
    lock is refused (another Relay Wizard kept it), the steps are stopped and that error
    is raised instead.
    """

    def __init__(self, lock: ServerLock | None, cancel: threading.Event | None) -> None:
        self.lock = lock
        self.stop = _Either(cancel)
        self.error: BaseException | None = None
        self._thread: threading.Thread | None = None

    def __enter__(self) -> _LockAnswer:
        if self.lock is not None and self.lock.pending:
            self._thread = threading.Thread(
                target=self._confirm, name="relay-wizard-lock-answer", daemon=True
            )
            self._thread.start()
        return self

    def _confirm(self) -> None:
        assert self.lock is not None
        try:
            self.lock.confirm()
        except BaseException as exc:
            self.error = exc
            self.stop.set()

    def __exit__(self, exc_type: object, exc: BaseException | None, tb: object) -> None:
        if self._thread is not None:
            if exc is not None and self.error is None:
                self.stop.set()  # the steps failed here: the lock's answer no longer matters
            self._thread.join()
        if self.error is not None:
            raise self.error


def _text(raw: bytes) -> str:
    return raw.decode("utf-8", "replace")


def _ended(code: int) -> str:
    return QT_TRANSLATE_NOOP(
        "Errors", "The server ended the apply's steps early (exit code {code})."
    ).format(code=code)
