"""The certificate staff's mail programs trust: one certbot keeps, or one certbot obtains
now; copied where the mail server reads it (key 0600) and kept fresh by a renewal hook."""

from __future__ import annotations

from typing import TYPE_CHECKING

from wizard.core.guard import NOTHING, Addition

if TYPE_CHECKING:
    from wizard.core.change.options import RelayOptions
    from wizard.core.guard import GuardState
    from wizard.core.mta.report import ServerReport


def plan_certificate(report: ServerReport, guard: GuardState, o: RelayOptions) -> Addition:
    """What ``o.certificate`` adds to the plan."""
    if o.certificate == "keep":
        return NOTHING
    return NOTHING  # to do
