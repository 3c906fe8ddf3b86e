"""``relay-wizard apply`` and ``rollback``: change the server, verify, undo."""

from __future__ import annotations

from typing import TYPE_CHECKING, TextIO

from wizard.cli.commands.plan import format_plan, options_from
from wizard.cli.connect import connect
from wizard.cli.console import Console, one_line, print_json
from wizard.core.change.apply import apply_plan, plan_for
from wizard.core.change.journal import rollback
from wizard.core.change.outcome import ApplyFailed, StepOutcome
from wizard.core.errors import UsageError, WizardError
from wizard.core.guard.certificates import applied_note, rollback_note
from wizard.core.local.profiles import ProfileStore

if TYPE_CHECKING:
    import argparse
    from collections.abc import Sequence


def _format_outcomes(title: str, items: Sequence[StepOutcome]) -> list[str]:
    lines = [title] if items else []
    for item in items:
        mark = "ok  " if item.ok else "FAIL"
        detail = f": {one_line(item.detail)}" if item.detail and not item.ok else ""
        if item.ok and item.detail and item.port:
            detail = f": {item.detail}"
        lines.append(f"  [{mark}] {item.title}{detail}")
    return lines


def cmd_apply(args: argparse.Namespace, console: Console, out: TextIO) -> int:
    options = options_from(args)
    with connect(args, console) as session:
        if not args.yes:
            plan, _, _ = plan_for(session, options)
            if plan.nothing_to_do or plan.errors:
                out.write(format_plan(plan) + "\n")
                return 1 if plan.errors else 0
            if not console.interactive:
                raise UsageError(
                    "apply changes the server and needs a confirmation.",
                    "Run it on a terminal, or add --yes after reading relay-wizard plan.",
                )
            console.stderr.write(format_plan(plan) + "\n")
            if not console.confirm(f"Apply this to {session.target.host}?"):
                console.say("Nothing was changed.")
                return 1

        def progress(message: str) -> None:
            if not args.json:
                console.say(f"... {message}")

        try:
            plan, report = apply_plan(session, options, progress=progress)
        except ApplyFailed as exc:
            if args.json:
                print_json(out, {"ok": False, "error": str(exc), **exc.report.to_json()})
            else:
                failed = _format_outcomes("Steps", exc.report.steps)
                failed += _format_outcomes("Rollback", exc.report.rollback)
                out.write("\n".join(failed) + "\n")
            raise
    try:  # a saved server on this host now sends as this set-up does (port, security)
        ProfileStore().record_apply(session.target.host, options.profile)
    except WizardError as exc:
        console.error(exc, "the saved server was not updated: ")
    if args.json:
        note = applied_note(plan) if not report.nothing_to_do else ""
        print_json(out, {"ok": True, **report.to_json(), "notes": [note] if note else []})
        return 0
    lines: list[str] = []
    if report.recovered:
        lines += _format_outcomes(
            f"An earlier apply ({report.recovered}) had not finished; it was rolled back:",
            report.rollback,
        )
    if report.nothing_to_do:
        lines.append("Nothing to do: the server already has this configuration.")
    else:
        lines += _format_outcomes("Steps", report.steps)
        if note := applied_note(plan):
            lines.append(note)
        lines.append(
            f"Applied and verified. Journal {report.journal_id} on the server; "
            "relay-wizard rollback undoes it."
        )
    out.write("\n".join(lines) + "\n")
    return 0


def cmd_rollback(args: argparse.Namespace, console: Console, out: TextIO) -> int:
    with connect(args, console) as session:
        steps = rollback(session)
    nothing = any(s.title == "nothing-to-roll-back" for s in steps)
    if args.json:
        print_json(
            out,
            {
                "ok": True,
                "nothing_to_do": nothing,
                "steps": [{"title": s.title, "ok": s.ok} for s in steps],
                "notes": [n for n in (rollback_note([s.title for s in steps]),) if n],
            },
        )
    elif nothing:
        out.write("Nothing to roll back: no apply is recorded on this server.\n")
    else:
        out.write("\n".join(f"  {s.title}" for s in steps) + "\nRolled back.\n")
        if note := rollback_note([s.title for s in steps]):
            out.write(note + "\n")
    return 0
