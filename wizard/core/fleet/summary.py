"""One row per server: what a job on it gave, and the summary of many rows. Pure.

The command line (``--jobs``, several servers) and the Servers window (a check on every
saved server) both turn each server's :class:`~wizard.core.fleet.runner.Outcome` into a
:class:`Row`; the CLI prints them as an aligned table (:func:`format_table`) or JSON, the
window as its summary (:mod:`wizard.core.fleet.checks`).
"""

from __future__ import annotations

from dataclasses import dataclass
from dataclasses import field as _default
from typing import TYPE_CHECKING

from wizard.core.errors import Cancelled, Field, WizardError
from wizard.core.translatable import QT_TRANSLATE_NOOP

if TYPE_CHECKING:
    from collections.abc import Iterable, Mapping, Sequence

    from wizard.core.fleet.runner import Outcome


@dataclass(frozen=True)
class Row:
    """One server's result of one job: a line of the summary, an object of ``--json``.

    ``result`` is the word shown (ok, failed, rolled back, not started, passed, not run,
    cancelled...); ``check`` what ran when a front runs several kinds (the window's
    ``send`` and ``audit``); ``verification`` what was found when it went well; ``error``
    and ``fix`` why not, and ``field`` the input the error concerns (each front names it
    in its own terms).
    """

    server: str
    target: str
    result: str
    ok: bool
    check: str = ""
    changed: str = "-"
    verification: str = "-"
    error: str = ""
    fix: str = ""
    field: Field | None = None
    started: float = 0.0
    finished: float = 0.0
    details: Mapping[str, object] = _default(default_factory=dict)

    @property
    def detail(self) -> str:
        """One text for the row: why it failed (and what to do), else what was found."""
        if self.error and self.fix:
            return QT_TRANSLATE_NOOP("Fleet", "{error} What to do: {fix}").format(
                error=self.error, fix=self.fix
            )
        return self.error or self.verification

    def to_json(self) -> dict[str, object]:
        """The per-server object of ``--json``: the fields people read, then ``details``."""
        shown: dict[str, object] = {name: getattr(self, name) for name in _JSON_FIELDS}
        shown.update(started=round(self.started, 3), finished=round(self.finished, 3))
        return shown | dict(self.details)


_JSON_FIELDS = ("server", "target", "result", "ok", "changed", "verification", "error", "fix")


def row_for(
    outcome: Outcome[object],
    result: str,
    ok: bool,
    *,
    changed: str = "-",
    verification: str = "-",
    error: str = "",
    fix: str = "",
    details: Mapping[str, object] | None = None,
) -> Row:
    """A row for ``outcome``; when no ``error`` is given, its exception's message and fix."""
    exc = outcome.error
    found: Field | None = None
    if exc is not None and not error:
        error, fix = describe(exc)
        found = exc.field if isinstance(exc, WizardError) else None
    return Row(
        outcome.host.name,
        str(outcome.host.target),
        result,
        ok,
        changed=changed,
        verification=verification,
        error=error,
        fix=fix,
        field=found,
        started=outcome.started,
        finished=outcome.finished,
        details=details or {},
    )


def describe(exc: BaseException) -> tuple[str, str]:
    """(what happened, what to do) for any exception, on one line each."""
    if isinstance(exc, Cancelled):
        return "Cancelled.", ""
    if isinstance(exc, WizardError):
        return " ".join(exc.message.split()), " ".join(exc.fix.split())
    if isinstance(exc, KeyboardInterrupt):
        return "Interrupted.", ""
    return f"{type(exc).__name__}: {exc}", "This is a bug in relay-wizard; please report it."


def not_started(outcome: Outcome[object]) -> Row | None:
    """The row of a server the interrupted run never started, else None."""
    if outcome.ran:
        return None
    return row_for(
        outcome,
        "not started",
        False,
        error="Not started: the run was interrupted first.",
        fix="Run the command again for this server.",
    )


def diff_size(diffs: Iterable[str]) -> tuple[int, int]:
    """(lines added, lines removed) in unified diffs."""
    added = removed = 0
    for diff in diffs:
        for line in diff.splitlines():
            if line.startswith("+") and not line.startswith("+++"):
                added += 1
            elif line.startswith("-") and not line.startswith("---"):
                removed += 1
    return added, removed


def changes_text(paths: Sequence[str], diffs: Iterable[str], rebuilt: bool) -> str:
    """ "2 files (+3 -1 lines), sendmail.cf rebuilt"; "nothing" when there is no change."""
    if not paths:
        return "nothing"
    added, removed = diff_size(diffs)
    text = f"{len(paths)} file{'s' if len(paths) != 1 else ''} (+{added} -{removed} lines)"
    names = ", ".join(p.rsplit("/", 1)[-1] for p in paths)
    return f"{text}: {names}" + (", sendmail.cf rebuilt" if rebuilt else "")


def format_table(rows: Sequence[Row]) -> str:
    """The summary: one aligned line per server, then why each failed one failed."""
    head = ("SERVER", "RESULT", "CHANGED", "VERIFICATION")
    cells = [head] + [(r.server, r.result, r.changed, r.verification) for r in rows]
    widths = [max(len(c[i]) for c in cells) for i in range(3)]
    lines = ["  ".join(c[i].ljust(widths[i]) for i in range(3)) + "  " + c[3] for c in cells]
    lines = [line.rstrip() for line in lines]
    problems = [r for r in rows if not r.ok and r.error]
    if problems:
        lines.append("")
        for r in problems:
            lines.append(f"{r.server}: {r.error}" + (f" {r.fix}" if r.fix else ""))
    ok = sum(1 for r in rows if r.ok)
    last = f"{ok} of {len(rows)} server{'s' if len(rows) != 1 else ''} succeeded."
    ran = [r for r in rows if r.started > 0 and r.finished >= r.started]
    if len(ran) > 1:
        wall = max(r.finished for r in ran) - min(r.started for r in ran)
        work = sum(r.finished - r.started for r in ran)
        last += f" Wall time {wall:.1f} s for {work:.1f} s of work, side by side."
    lines += ["", last]
    return "\n".join(lines)
