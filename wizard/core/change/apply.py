"""Applying a plan as a transaction: its steps one after the other, rolled back on any
failure.

Each step is one remote script (or, for verify, SMTP from this computer) and leaves the
server in a safe state (sendmail running, a config that builds); the journal on the server
(:mod:`wizard.core.change.journal`) records each. Script steps in a row travel as one
command that reports each step as it ends (:mod:`wizard.core.change.batch`), and the
server lock is asked for without waiting: that command waits for it on the server. For
sendmail the steps are
(:func:`wizard.core.mta.sendmail.plan.make_plan`):

1. stage: back up every file the apply will touch (the .mc, the SASL config, the .cf),
   refuse a file changed since the plan read it (sha256), store the new contents;
2. build: build the new .cf from the new .mc with m4 into the journal, refuse it when m4
   fails or says anything it does not say about the current .mc, and let sendmail itself
   parse it;
3. install: each file to a temporary file in its own directory, owner and mode copied
   from the file it replaces, renamed into place;
4. reload: HUP the running daemon (it re-reads sendmail.cf, listeners, STARTTLS and
   Sendmail.conf) or start it the host's way; wait for the new daemon and its listeners;
5. verify from this computer (SMTP, one connection per listener): listeners reachable,
   AUTH offered as planned (after STARTTLS where planned, no PLAIN/LOGIN before it), and
   the open-relay audit (``wizard.core.mail.audit``): every relay trick without login refused;
6. record: mark the journal applied.

Any failure runs the ``undo`` of the steps done so far (the journal's rollback: every
backup restored byte for byte, the daemon reloaded, its listeners awaited). A journal left
half-way (the connection was cut) is rolled back first by the next ``apply`` or by
``rollback``. The mail server's part (reading, planning) comes through the
:class:`wizard.core.mta.MailServer` given as ``mta``.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TYPE_CHECKING, cast

from wizard.core.change.batch import Streaming, groups, run_batch
from wizard.core.change.journal import journal_id, rollback, unfinished
from wizard.core.change.outcome import ApplyFailed, ApplyReport, StepOutcome
from wizard.core.change.plan import Plan, Step, StepContext
from wizard.core.errors import Cancelled, WizardError
from wizard.core.mta import MailServer
from wizard.core.mta.auto import AUTO, AnyState
from wizard.core.mta.sendmail.state import Remote
from wizard.core.remote.lock import server_locked
from wizard.core.translatable import QT_TRANSLATE_NOOP, joined

if TYPE_CHECKING:
    import threading

    from wizard.core.change.options import RelayOptions
    from wizard.core.change.steps import ScriptStep
    from wizard.core.mail.pool import SmtpPool
    from wizard.core.remote.session import SshSession

Progress = Callable[[str], None]
AnyServer = MailServer[AnyState, Remote]


def plan_for(
    session: SshSession,
    options: RelayOptions,
    *,
    cancel: threading.Event | None = None,
    progress: Progress | None = None,
    mta: AnyServer = AUTO,
) -> tuple[Plan, AnyState, Remote]:
    """Read the server and plan. Changes nothing on the server."""
    state, remote = mta.read_state(session, options, cancel=cancel, progress=progress)
    return mta.plan(state, remote, options), state, remote


# the server lock, held from reading the journal to the end; asked for without waiting:
# the first command under it waits for it (the steps: on the server)
@server_locked("apply", defer=True)
def apply_plan(
    session: SshSession,
    options: RelayOptions,
    *,
    progress: Progress | None = None,
    cancel: threading.Event | None = None,
    on_step: Callable[[str], None] | None = None,
    smtp_timeout: float = 20.0,
    smtp_pool: SmtpPool | None = None,
    known: tuple[AnyState, Remote] | None = None,
    mta: AnyServer = AUTO,
) -> tuple[Plan, ApplyReport]:
    """Plan and apply; verify; roll back by itself on any failure.

    ``known``: the state the admin's plan was made from, read moments ago on this session
    (the wizard's Server check). Apply then plans from it instead of reading the server
    again, and the stage step refuses to go on if any file to change is no longer
    byte for byte what was read. Without it, or when that read saw an unfinished journal,
    apply reads the server itself.

    ``smtp_pool``: park the verification's SMTP connection there for a test send that
    follows (``send.send_test`` takes it from the pool; it saves the server's greet pause).

    ``on_step(name)`` is called at every step boundary (after stage, build, install,
    restart, verify, finish): the place where a cut connection must leave a safe server.

    Raises:
        ApplyFailed: a step failed; the rollback outcome is in its report.
        WizardError: the plan has errors (nothing was changed).
    """
    report = ApplyReport()
    say = progress or (lambda _msg: None)
    if known is not None and not unfinished(known[1].journal_state):
        state, remote = known
        plan = mta.plan(state, remote, options)
    else:
        plan, state, remote = plan_for(session, options, cancel=cancel, progress=progress, mta=mta)
    if unfinished(remote.journal_state):
        say(
            QT_TRANSLATE_NOOP(
                "Steps", "An earlier apply ({journal}) did not finish: rolling it back first"
            ).format(journal=remote.journal_id)
        )
        report.recovered = remote.journal_id
        # the listeners to wait for are those of the restored files: the script reads them
        report.rollback = rollback(session, remote.journal_id)
        plan, state, remote = plan_for(session, options, cancel=cancel, progress=progress, mta=mta)
        # the files are back as they were before the interrupted apply
        report.rollback = [
            *report.rollback,
            StepOutcome(QT_TRANSLATE_NOOP("Steps", "re-planned after the rollback"), True),
        ]
    if plan.errors:
        raise WizardError(
            QT_TRANSLATE_NOOP(
                "Errors", "The plan has errors, so nothing was changed: {errors}"
            ).format(errors=joined([c.message for c in plan.errors], " ")),
            QT_TRANSLATE_NOOP("Errors", "Fix what the checks say, then plan again."),
        )
    if plan.nothing_to_do:
        report.nothing_to_do = True
        return plan, report
    report.journal_id = journal_id(time.time())
    ctx = StepContext(
        session,
        session.target.host,
        report.journal_id,
        progress=progress,
        cancel=cancel,
        smtp_timeout=smtp_timeout,
        smtp_pool=smtp_pool,
        relay=remote.relay,
    )
    run_steps(plan.steps, ctx, report, on_step)
    return plan, report


def run_steps(
    steps: tuple[Step, ...],
    ctx: StepContext,
    report: ApplyReport,
    on_step: Callable[[str], None] | None = None,
) -> None:
    """Run ``steps`` in order, each reported in ``report``; on a failure, a cancel or any
    exception, run the ``undo`` of the steps done so far, newest first.

    Raises:
        ApplyFailed: a step failed (or was cancelled); the rollback outcome is in its report.
    """
    done: list[Step] = []
    session = ctx.session
    try:
        for group in groups(steps):
            if ctx.cancel is not None and ctx.cancel.is_set():
                raise Cancelled()
            if len(group) > 1 and isinstance(session, Streaming):
                # script steps in a row: one command, each step reported as it ends
                run_batch(cast("list[ScriptStep]", group), ctx, report, on_step, done, session)
                continue
            for step in group:
                if ctx.cancel is not None and ctx.cancel.is_set():
                    raise Cancelled()
                if ctx.progress is not None:
                    ctx.progress(step.progress)
                outcomes = step.run(ctx)
                report.steps.extend(outcomes)
                if not all(o.ok for o in outcomes):
                    raise ApplyFailed(step.failure(outcomes), report)
                if on_step is not None:
                    on_step(step.name)
                done.append(step)
        report.verified = True
    except BaseException as exc:
        undo = [step.undo for step in reversed(done) if step.undo is not None]
        if not undo:
            raise
        try:
            report.rollback = [o for u in undo for o in u.run(ctx)]
        except Exception as rb:  # the connection may be gone: say what to do
            report.rollback.append(StepOutcome("rollback", False, str(rb)))
            raise ApplyFailed(
                QT_TRANSLATE_NOOP(
                    "Errors", "{reason} The automatic rollback did not complete ({error})."
                ).format(reason=_reason(exc), error=rb),
                report,
                QT_TRANSLATE_NOOP(
                    "Errors",
                    "Connect again and roll back (or apply again): the journal {journal} on the "
                    "server holds every backup.",
                ).format(journal=ctx.journal),
                reason=_reason(exc),
                cancelled=isinstance(exc, Cancelled),
            ) from exc
        if isinstance(exc, (KeyboardInterrupt, SystemExit)):
            raise
        cancelled = isinstance(exc, Cancelled)
        raise ApplyFailed(
            QT_TRANSLATE_NOOP(
                "Errors", "{reason} Everything was rolled back: the server is as it was before."
            ).format(reason=_reason(exc)),
            report,
            QT_TRANSLATE_NOOP("Errors", "Apply again when you are ready.")
            if cancelled
            else QT_TRANSLATE_NOOP(
                "Errors", "Read the failed step above; fix the cause and apply again."
            ),
            reason=_reason(exc),
            cancelled=cancelled,
        ) from exc


def _reason(exc: BaseException) -> str:
    if isinstance(exc, Cancelled):
        return QT_TRANSLATE_NOOP("Errors", "Cancelled.")
    if isinstance(exc, WizardError):
        return exc.message
    return f"{type(exc).__name__}: {exc}"
