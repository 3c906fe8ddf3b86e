"""The HTML the Review and Done pages show, made with :mod:`wizard.core.markup` (escaped)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from wizard.core.markup import Markup, bullets, join, paragraphs, tag

if TYPE_CHECKING:
    from wizard.core.change.plan import Plan
    from wizard.ui.model.state import WizardState

_ADDED, _REMOVED, _HUNK, _CONTEXT = "#116611", "#aa1111", "#555555", "#000000"


def _colour(line: str) -> str:
    if line.startswith("+") and not line.startswith("+++"):
        return _ADDED
    if line.startswith("-") and not line.startswith("---"):
        return _REMOVED
    return _HUNK if line.startswith("@@") else _CONTEXT


def diff_html(diff: str) -> Markup:
    """A unified diff, added lines green and removed ones red."""
    lines = (tag("span", line, f'style="color:{_colour(line)}"') for line in diff.splitlines())
    return tag("pre", join(lines, "\n"))


def review_html(
    plan: Plan,
    heading: str = "Before you apply",
    note: str = "Please note",
    good: str = "Good",
) -> Markup:
    """What the plan keeps and what to know before the point of no return, in the planner's
    own sentences (warnings first), then every step that will run: its commands and diffs."""
    notes = [c for c in plan.checks if str(c.level) == "warning"]
    notes += [c for c in plan.checks if str(c.level) == "ok"]
    parts: list[Markup] = []
    if notes:
        parts.append(tag("h3", heading))
        parts.append(
            bullets(
                join((tag("b", f"{note if str(c.level) == 'warning' else good}:"), " ", c.message))
                for c in notes
            )
        )
    for number, step in enumerate(plan.steps, 1):
        parts.append(tag("h3", f"{number}. {step.title}"))
        if step.commands:
            parts.append(tag("pre", "\n".join(f"$ {c}" for c in step.commands)))
        parts += [diff_html(d) for d in step.diffs]
    return join(parts)


def done_html(state: WizardState) -> Markup:
    """What was changed and verified in this session."""
    parts = [tag("h2", str(state.target))]
    report = state.apply_report
    if report is not None:
        parts.append(
            paragraphs([f"Profile: {state.options.profile}; journal {report.journal_id or '-'}"])
        )
        parts.append(
            bullets(
                f"{'ok' if o.ok else 'FAILED'}: {o.title} "
                f"{o.detail if o.title.startswith('port') else ''}"
                for o in report.steps
            )
        )
    sent = state.verified
    if sent is not None:
        parts.append(
            paragraphs([f"Test message accepted (queue id {sent.queue_id}) with {sent.mechanism}."])
        )
    if state.audit is not None:
        parts.append(paragraphs([state.audit.summary()]))
    return join(parts)
