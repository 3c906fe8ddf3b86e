"""Postfix's driver: the :class:`wizard.core.mta.MailServer` the core calls for a Postfix
server. Reading (:mod:`.state`), planning (:mod:`.plan`: postconf on copies, ``postfix
check``, ``postfix reload``), the dangers of its settings, and the SASL accounts (Cyrus
sasldb: the scripts of :mod:`wizard.core.mta.sendmail.users` find Postfix on the server
and keep smtpd's chroot copy current).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from wizard.core.mta.postfix.dangers import danger_checks
from wizard.core.mta.postfix.plan import make_plan
from wizard.core.mta.postfix.state import PostfixState, read_state
from wizard.core.mta.sendmail import users

if TYPE_CHECKING:
    from wizard.core.change.options import RelayOptions
    from wizard.core.change.plan import Check, Plan
    from wizard.core.mta.sendmail.state import Remote


class Postfix:
    """Postfix, as the core sees it."""

    name = "postfix"
    read_realm = staticmethod(users.read_realm)
    read_sasl_realm = staticmethod(users.read_sasl_realm)
    list_users = staticmethod(users.list_users)
    add_user = staticmethod(users.add_user)
    change_password = staticmethod(users.change_password)
    remove_user = staticmethod(users.remove_user)
    generate_password = staticmethod(users.generate_password)
    read_state = staticmethod(read_state)

    def plan(self, state: PostfixState, facts: Remote, options: RelayOptions) -> Plan:
        return make_plan(state, facts, options)

    def dangers(self, state: PostfixState) -> list[Check]:
        """What lets strangers relay or weakens logins (:mod:`.dangers`): a refusal is an
        error."""
        return danger_checks(state.report)


POSTFIX = Postfix()
