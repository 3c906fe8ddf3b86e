"""The mail server a host runs, chosen on the server itself: the driver the core calls
when it does not know yet (:data:`AUTO`).

Reading the state runs sendmail's inspection first (the one round trip sendmail's plan
needs); its ``mta`` section says when the host runs Postfix instead
(:mod:`wizard.core.mta.detect`), and then Postfix's own inspection runs. Planning and the
dangers follow the state's type. The SASL accounts are the same Cyrus sasldb for both:
the account scripts find the mail server on the server.

The Postfix driver is imported only when a host turns out to run Postfix (or a Postfix
state is planned): a command line talking to a sendmail server never loads it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, TypeAlias

from wizard.core.mta.detect import OtherMailServer
from wizard.core.mta.sendmail import users
from wizard.core.mta.sendmail.driver import SENDMAIL
from wizard.core.mta.sendmail.inspection import inspect_server
from wizard.core.mta.sendmail.state import ServerState

if TYPE_CHECKING:
    import threading
    from collections.abc import Callable

    from wizard.core.change.options import RelayOptions
    from wizard.core.change.plan import Check, Plan
    from wizard.core.mta.postfix.state import PostfixState
    from wizard.core.mta.report import ServerReport
    from wizard.core.mta.sendmail.state import Remote
    from wizard.core.remote.runner import Runner
    from wizard.core.remote.session import SshSession


# what a plan is made from, whichever the mail server (a string: PostfixState is not
# imported at run time)
AnyState: TypeAlias = "ServerState | PostfixState"


class AnyMailServer:
    """sendmail or Postfix, whichever the host runs."""

    name = "auto"
    read_realm = staticmethod(users.read_realm)
    read_sasl_realm = staticmethod(users.read_sasl_realm)
    list_users = staticmethod(users.list_users)
    add_user = staticmethod(users.add_user)
    change_password = staticmethod(users.change_password)
    remove_user = staticmethod(users.remove_user)
    generate_password = staticmethod(users.generate_password)

    def read_state(
        self,
        session: SshSession,
        options: RelayOptions,
        *,
        cancel: threading.Event | None = None,
        progress: Callable[[str], None] | None = None,
    ) -> tuple[ServerState | PostfixState, Remote]:
        try:
            return SENDMAIL.read_state(session, options, cancel=cancel, progress=progress)
        except OtherMailServer as other:
            if other.mta != "postfix":
                raise
        from wizard.core.mta.postfix.driver import POSTFIX

        return POSTFIX.read_state(session, options, cancel=cancel, progress=progress)

    def plan(self, state: ServerState | PostfixState, facts: Remote, options: RelayOptions) -> Plan:
        if isinstance(state, ServerState):
            return SENDMAIL.plan(state, facts, options)
        from wizard.core.mta.postfix.driver import POSTFIX

        return POSTFIX.plan(state, facts, options)

    def dangers(self, state: ServerState | PostfixState) -> list[Check]:
        if isinstance(state, ServerState):
            return SENDMAIL.dangers(state)
        from wizard.core.mta.postfix.driver import POSTFIX

        return POSTFIX.dangers(state)


AUTO = AnyMailServer()


def inspect_any(
    session: Runner,
    host: str,
    *,
    progress: Callable[[str], None] | None = None,
    cancel: threading.Event | None = None,
) -> ServerReport:
    """Inspect whichever mail server the host runs (sendmail's inspection first: its
    ``mta`` section names Postfix when the host runs it)."""
    try:
        return inspect_server(session, host, progress=progress, cancel=cancel)
    except OtherMailServer as other:
        if other.mta != "postfix":
            raise
    from wizard.core.mta.postfix.inspection import inspect_postfix

    return inspect_postfix(session, host, progress=progress, cancel=cancel)
