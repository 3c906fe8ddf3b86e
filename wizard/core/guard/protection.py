"""Protection of the login against password guessing: a fail2ban jail on the mail log with
a ban on the server's firewall (the admin's own address never banned), and the mail
server's own rate controls."""

from __future__ import annotations

from typing import TYPE_CHECKING

from wizard.core.guard import NOTHING, Addition

if TYPE_CHECKING:
    from wizard.core.change.options import RelayOptions
    from wizard.core.guard import GuardState
    from wizard.core.mta.report import ServerReport


def plan_protection(report: ServerReport, guard: GuardState, o: RelayOptions) -> Addition:
    """What ``o.protect`` adds to the plan."""
    if not o.protect:
        return NOTHING
    return NOTHING  # to do
