"""Which page follows which, when a page lets the admin go on, and what each page needs.

One table, :data:`PAGES`, in the style of Electrum's wizard navmap: per page the rule for
the next page, the rule that enables Next (``None``: always enabled), the state fields it
needs set by an earlier page, and those it sets. QWizard asks :func:`next_page`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, fields

from wizard.ui.model.state import PageId, WizardState

Rule = Callable[[WizardState], bool]


@dataclass(frozen=True)
class PageSpec:
    next: Callable[[WizardState], PageId | None]
    ready: Rule | None = None  # None: Next is always enabled
    needs: tuple[str, ...] = ()  # WizardState fields an earlier page must have set
    produces: tuple[str, ...] = ()  # the fields this page sets


def _then(page: PageId) -> Callable[[WizardState], PageId]:
    return lambda _state: page


def _after_check(state: WizardState) -> PageId:
    """A saved server is managed: its accounts, a test, the settings; no new plan."""
    return PageId.USERS if state.manage else PageId.SETTINGS


def _after_settings(state: WizardState) -> PageId:
    """Nothing to change on the server: no review, no apply."""
    return PageId.USERS if state.plan is not None and state.plan.nothing_to_do else PageId.REVIEW


PAGES: dict[PageId, PageSpec] = {
    PageId.WELCOME: PageSpec(
        _then(PageId.CONNECT),
        ready=lambda s: not s.manage or s.chosen is not None,
        produces=("manage", "chosen"),
    ),
    PageId.CONNECT: PageSpec(
        _then(PageId.CHECK), ready=lambda s: s.target is not None, produces=("target",)
    ),
    PageId.CHECK: PageSpec(
        _after_check,
        ready=lambda s: s.report is not None,
        needs=("target",),
        produces=("report",),
    ),
    PageId.SETTINGS: PageSpec(
        _after_settings,
        ready=lambda s: s.plan is not None and not s.plan.errors,
        needs=("target", "report"),
        produces=("loaded", "options", "plan"),
    ),
    PageId.REVIEW: PageSpec(_then(PageId.APPLY), needs=("plan",)),
    PageId.APPLY: PageSpec(
        _then(PageId.USERS),
        ready=lambda s: s.applied,
        needs=("target", "plan"),
        produces=("apply_report", "applied"),
    ),
    PageId.USERS: PageSpec(_then(PageId.TEST), needs=("target",), produces=("users", "last_user")),
    PageId.TEST: PageSpec(
        _then(PageId.EXPORT), needs=("target",), produces=("test", "verified", "audit")
    ),
    PageId.EXPORT: PageSpec(_then(PageId.DONE), needs=("target", "test")),
    PageId.DONE: PageSpec(lambda _state: None, needs=("target",)),
}

STATE_FIELDS = frozenset(f.name for f in fields(WizardState))


def next_page(page: PageId, state: WizardState) -> PageId | None:
    """The page after ``page`` for this state; None after the last."""
    return PAGES[page].next(state)


def ready(page: PageId, state: WizardState) -> bool:
    """May the admin go on from ``page``?"""
    rule = PAGES[page].ready
    return True if rule is None else rule(state)


def gated(page: PageId) -> bool:
    """Does Next on ``page`` wait for its work (a connection, a read, a plan, an apply)?"""
    return PAGES[page].ready is not None


def walk(state: WizardState, start: PageId = PageId.WELCOME) -> list[PageId]:
    """Every page from ``start`` to the end for this state (a loop would be a bug)."""
    pages: list[PageId] = []
    page: PageId | None = start
    while page is not None:
        if page in pages:
            raise ValueError(f"the pages loop at {page.name}")
        pages.append(page)
        page = next_page(page, state)
    return pages
