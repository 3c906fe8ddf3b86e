"""sendmail's driver: the :class:`wizard.core.mta.MailServer` the core calls.

Reading (:mod:`.state`), planning (:mod:`.plan`, whose build and reload steps run m4 and
HUP the daemon), the dangers of a .mc (:mod:`.dangers`) and the SASL accounts in the
sasldb (:mod:`.users`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from wizard.core.mta.sendmail import users
from wizard.core.mta.sendmail.mc import McFile
from wizard.core.mta.sendmail.mcplan import danger_checks
from wizard.core.mta.sendmail.plan import make_plan, reload_how
from wizard.core.mta.sendmail.state import Remote, ServerState, read_state

if TYPE_CHECKING:
    from wizard.core.change.options import RelayOptions
    from wizard.core.change.plan import Check, Plan


class Sendmail:
    """sendmail, as the core sees it."""

    name = "sendmail"
    read_realm = staticmethod(users.read_realm)
    read_sasl_realm = staticmethod(users.read_sasl_realm)
    list_users = staticmethod(users.list_users)
    add_user = staticmethod(users.add_user)
    change_password = staticmethod(users.change_password)
    remove_user = staticmethod(users.remove_user)
    generate_password = staticmethod(users.generate_password)
    read_state = staticmethod(read_state)

    def plan(self, state: ServerState, facts: Remote, options: RelayOptions) -> Plan:
        return make_plan(state, options, reload_how(facts, options.restart))

    def dangers(self, state: ServerState) -> list[Check]:
        return danger_checks(McFile.parse(state.mc_text), state.mc_path or "sendmail.mc")


SENDMAIL = Sendmail()
