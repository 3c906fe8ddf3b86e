"""The whole plan for a Postfix server (to be written: postconf -e/-M/-P on copies,
``postfix check``, the journal, ``postfix reload``, verify). Pure: no I/O."""

from __future__ import annotations

from typing import TYPE_CHECKING

from wizard.core.change.plan import Check, CheckLevel, Plan

if TYPE_CHECKING:
    from wizard.core.change.options import RelayOptions
    from wizard.core.mta.postfix.state import PostfixState
    from wizard.core.mta.sendmail.state import Remote


def make_plan(state: PostfixState, facts: Remote, options: RelayOptions) -> Plan:
    o = options.validated()
    refused = Check(
        "postfix_unsupported",
        CheckLevel.ERROR,
        "Relay Wizard cannot change Postfix's configuration yet.",
    )
    return Plan(o, (), (), (refused,), (), "")
