"""Postfix's driver: the :class:`wizard.core.mta.MailServer` the core calls for a Postfix
server. Reading (:mod:`.state`), planning (:mod:`.plan`: postconf on copies, ``postfix
check``, ``postfix reload``), the dangers of its settings, and the SASL accounts (Cyrus
sasldb: the scripts of :mod:`wizard.core.mta.sendmail.users` find Postfix on the server
and keep smtpd's chroot copy current).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from wizard.core.change.plan import Check, CheckLevel
from wizard.core.mta.postfix.dangers import all_dangers, plaintext_login_dangers
from wizard.core.mta.postfix.plan import make_plan
from wizard.core.mta.postfix.state import PostfixState, read_state
from wizard.core.mta.sendmail import users

if TYPE_CHECKING:
    from wizard.core.change.options import RelayOptions
    from wizard.core.change.plan import Plan
    from wizard.core.mta.report import ServerReport
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


def danger_checks(report: ServerReport) -> list[Check]:
    """The dangers of a Postfix report's settings as a plan's checks: a refusal is an error.
    (Here, not in :mod:`.dangers`: the inspection, which the audit also runs, does not
    depend on the plan's types.)"""
    info = report.postfix
    if info is None:
        return []
    level = {"refuse": CheckLevel.ERROR, "warning": CheckLevel.WARNING, "note": CheckLevel.OK}
    dangers = [*all_dangers(info), *plaintext_login_dangers(info, report.auth.advertised)]
    return [Check(d.id, level[d.level], d.message, d.detail) for d in dangers]


POSTFIX = Postfix()
