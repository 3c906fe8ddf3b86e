"""The steps of an apply, as objects: each owns what it runs, what the Review page shows
for it and what undoes it.

A :class:`ScriptStep` runs one script of wizard/core/remote/scripts on the server with its
arguments (the journal's id first); its ``commands`` are that same invocation as a person
reads it, so the plan shown and the apply that runs cannot drift apart. :class:`Verify`
talks SMTP from this computer. A step that opens the journal (stage) names the journal's
rollback as its ``undo``: it restores every file and reloads, so it also undoes every
step that ran after it (they only change what the journal holds a backup of).

The generic journal steps are made here (:func:`stage`, :func:`install`, :func:`record`);
the mail server's own ones (build, reload) by its driver (wizard.core.mta.sendmail.plan).
"""

from __future__ import annotations

import base64
import hashlib
import re
import shlex
from dataclasses import dataclass
from typing import TYPE_CHECKING

from wizard.core.change.journal import rollback
from wizard.core.change.outcome import StepOutcome
from wizard.core.change.verify import ExpectedPort, verify_from_outside
from wizard.core.errors import WizardError
from wizard.core.remote import scripts
from wizard.core.translatable import QT_TRANSLATE_NOOP, both, joined
from wizard.core.untrusted import printable

if TYPE_CHECKING:
    from collections.abc import Sequence

    from wizard.core.change.plan import FileChange, StepContext, Undo

# How the Review page names the journal, whose id is only chosen when the apply starts.
SHOWN_JOURNAL = "ID"
STEP_TIMEOUT = 120.0


@dataclass(frozen=True)
class JournalRollback:
    """Restore every backup of the apply's journal and reload; then wait for ``ports``,
    the listeners of the configuration restored."""

    ports: tuple[str, ...]

    def run(self, ctx: StepContext) -> list[StepOutcome]:
        return rollback(ctx.session, ctx.journal, progress=ctx.progress, ports=self.ports)


def check_lock(ctx: StepContext) -> None:
    """Refuse to change anything more once the server lock of this apply is lost."""
    if ctx.session.server_lock_lost():
        # another Relay Wizard may hold it now: change nothing more
        raise WizardError(
            QT_TRANSLATE_NOOP(
                "Errors",
                "The lock on the server that keeps a second Relay Wizard out was lost "
                "(the connection went silent).",
            ),
            QT_TRANSLATE_NOOP(
                "Errors",
                "Connect again; the next apply or rollback finishes or undoes this one.",
            ),
        )


SHOWN_WIDTH = 72
_DIGEST = re.compile(r"\b([0-9a-f]{12})[0-9a-f]{52}\b")


def shown_arg(arg: str) -> str:
    """An argument as the Review page shows it: a sha256 digest by its first 12 digits."""
    return _DIGEST.sub("\\1…", arg)


def _tail(text: str) -> str:
    return printable(text.strip()[-800:], multiline=True)


@dataclass(frozen=True)
class ScriptStep:
    """Run the script ``name`` on the server as root: ``sh -c SCRIPT NAME JOURNAL ARGS...``.

    ``stdin`` holds nothing secret: several steps in a row travel as one command
    (wizard.core.change.batch), with each step's stdin on its command line."""

    name: str
    title: str
    args: tuple[str, ...] = ()
    stdin: str = ""
    note: str = ""  # shown after the command: what it does, or what its stdin holds
    diffs: tuple[str, ...] = ()
    undo: Undo | None = None
    about: str = ""  # the step in a plain sentence, shown before its command

    @property
    def progress(self) -> str:
        return self.title

    def argv(self, journal: str) -> tuple[str, ...]:
        return (journal, *self.args)

    def script(self) -> str:
        """The text of the script that runs (as sent)."""
        return scripts.load(self.name)

    def command(self, journal: str) -> str:
        """The command line that runs."""
        return shlex.join(["sh", "-c", self.script(), self.name, *self.argv(journal)])

    @property
    def commands(self) -> tuple[str, ...]:
        """The invocation as shown: the script's file and the same arguments, one per line
        when they do not fit on one (sha256 digests shortened to their first 12 digits)."""
        words = [f"{self.name}.sh", *(shlex.quote(shown_arg(a)) for a in self.argv(SHOWN_JOURNAL))]
        line = " ".join(words)
        if len(line) > SHOWN_WIDTH or "\n" in line:
            line = " \\\n    ".join([" ".join(words[:2]), *words[2:]])
        elif self.note and len(f"{line}  # {self.note}") <= SHOWN_WIDTH:
            return (f"{line}  # {self.note}",)
        return (f"{line}\n# {self.note}" if self.note else line,)

    def run(self, ctx: StepContext) -> list[StepOutcome]:
        check_lock(ctx)
        result = ctx.session.run(
            self.command(ctx.journal),
            root=True,
            stdin=self.stdin,
            timeout=STEP_TIMEOUT,
            cancel=ctx.cancel,
        )
        return self.outcomes(result.exit_code, result.stdout, result.stderr)

    def outcomes(self, exit_code: int, stdout: str, stderr: str) -> list[StepOutcome]:
        """What the step's script said, as the apply reports it."""
        if exit_code != 0:
            return [StepOutcome(self.title, False, _tail(stderr.strip() or stdout))]
        return [StepOutcome(self.title, True, _tail(stdout))]

    def failure(self, outcomes: Sequence[StepOutcome]) -> str:
        return QT_TRANSLATE_NOOP("Steps", "{title}: failed. {detail}").format(
            title=self.title, detail=outcomes[-1].detail
        )


@dataclass(frozen=True)
class Verify:
    """Verify from this computer, over SMTP, each listener the plan expects."""

    expect: tuple[ExpectedPort, ...]
    name: str = "verify"
    progress: str = QT_TRANSLATE_NOOP("Steps", "Verifying from this computer")
    commands: tuple[str, ...] = ()
    diffs: tuple[str, ...] = ()
    undo: Undo | None = None
    about: str = QT_TRANSLATE_NOOP(
        "Steps",
        "Relay Wizard connects from this computer as a stranger would: each port must answer, "
        "offer the planned login methods, and refuse to relay mail without a login. Any "
        "failure puts everything back.",
    )

    @property
    def title(self) -> str:
        if not self.expect:
            return QT_TRANSLATE_NOOP(
                "Steps",
                "Verify from this computer that staff can log in and strangers cannot relay",
            )
        return QT_TRANSLATE_NOOP(
            "Steps",
            "Verify from this computer on port {ports} that staff can log in and strangers "
            "cannot relay",
        ).format(ports=both([str(e.port) for e in self.expect]))

    def run(self, ctx: StepContext) -> list[StepOutcome]:
        return verify_from_outside(
            ctx.host,
            self.expect,
            ctx.smtp_timeout,
            ctx.relay,
            cancel=ctx.cancel,
            pool=ctx.smtp_pool,
        )

    def failure(self, outcomes: Sequence[StepOutcome]) -> str:
        return QT_TRANSLATE_NOOP("Steps", "Verification failed: {problems}").format(
            problems=joined([o.detail for o in outcomes if not o.ok], "; ")
        )


def _encode(text: str) -> bytes:
    return text.encode("utf-8", "surrogateescape")


def _sha256(text: str) -> str:
    return hashlib.sha256(_encode(text)).hexdigest() if text else "empty"


def stage(
    files: Sequence[FileChange],
    mc_path: str,
    cf_path: str,
    *,
    built: str = "",
    restore_ports: Sequence[str] = (),
    produced: Sequence[str] = (),
    modes: dict[str, int] | None = None,
) -> ScriptStep:
    """Back up every file, refuse one changed since it was read (sha256), store the new
    contents in a new journal (stage.sh). ``built``: a file a later step produces (the
    .cf), backed up too. ``mc_path``/``cf_path``: the host's, for the rollback.
    ``restore_ports``: the listeners the rollback waits for. ``produced``: other files
    later steps make (a certificate's copy), backed up too. ``modes``: the mode a new file
    gets, by path (install.sh; a file that exists keeps its own)."""
    modes = modes or {}
    expect = "\n".join(f"{f.path}={_sha256(f.before)}" for f in files)
    later = ([built] if built else []) + [p for p in produced if p != built]
    paths = [f.path for f in files] + later
    stdin = "".join(
        base64.b64encode(_encode(f.after)).decode()
        + (f" {modes[f.path]:04o}" if f.path in modes else "")
        + "\n"
        for f in files
    )
    stdin += "-\n" * len(later)
    return ScriptStep(
        "stage",
        QT_TRANSLATE_NOOP("Steps", "Back up the files and stage the new ones"),
        (expect, mc_path, cf_path, *paths),
        stdin=stdin,
        note="stdin: the new content of each file, base64, one line each",
        undo=JournalRollback(tuple(restore_ports)),
        about=QT_TRANSLATE_NOOP(
            "Steps",
            "Copies every file the change touches into a new backup folder on the server, "
            "and stops if a file changed since Relay Wizard read it.",
        ),
    )


def install(diffs: Sequence[str]) -> ScriptStep:
    """Each staged file to a temporary file in its directory, owner and mode copied from
    the file it replaces, renamed into place (install.sh)."""
    return ScriptStep(
        "install",
        QT_TRANSLATE_NOOP("Steps", "Install the new files"),
        diffs=tuple(diffs),
        about=QT_TRANSLATE_NOOP(
            "Steps", "Puts the new files in place, keeping each file's owner and permissions."
        ),
    )


@dataclass(frozen=True)
class Record(ScriptStep):
    """Mark the journal applied (finish.sh). After the verification, alone: the apply's
    server lock carries it instead, as the lock goes (``ServerLock.finish_on_release``),
    which saves the command's round trip; run as a command where there is no such lock
    (a server without flock, a session that takes none)."""

    def run(self, ctx: StepContext) -> list[StepOutcome]:
        check_lock(ctx)
        lock = ctx.session.server_lock()
        if lock is not None and lock.finish_on_release(ctx.journal):
            return [
                StepOutcome(
                    self.title,
                    True,
                    QT_TRANSLATE_NOOP("Steps", "as the lock on the server is released"),
                )
            ]
        return super().run(ctx)


def record() -> ScriptStep:
    """Mark the journal applied (finish.sh)."""
    return Record(
        "finish",
        QT_TRANSLATE_NOOP("Steps", "Record the change as applied"),
        about=QT_TRANSLATE_NOOP(
            "Steps", "Notes on the server that the change is complete, so that Undo can find it."
        ),
    )
