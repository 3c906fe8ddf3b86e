"""The seam between the core and the mail server it configures.

:class:`MailServer` is what the change runner (:mod:`wizard.core.change.apply`) and the
GUI's services (:mod:`wizard.core.services`) call for everything that depends on the mail
server: reading its configuration, planning the edit (whose steps build and reload it,
and verify), the dangers of its configuration, and the SASL realm and accounts. Each mail
server is a sibling package with a driver that satisfies it: sendmail's is
:data:`wizard.core.mta.sendmail.driver.SENDMAIL`. It holds only what sendmail needs today.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol, TypeVar

if TYPE_CHECKING:
    import threading
    from collections.abc import Callable

    from wizard.core.change.options import RelayOptions
    from wizard.core.change.plan import Check, Plan
    from wizard.core.mail.vantage import RelayConfig
    from wizard.core.mta.sendmail.users import SaslRealm, SaslUser
    from wizard.core.remote.runner import Runner
    from wizard.core.remote.session import SshSession


class ServerFacts(Protocol):
    """What the apply runner reads of the facts a driver returns with the state."""

    @property
    def journal_id(self) -> str: ...  # the newest journal on the server
    @property
    def journal_state(self) -> str: ...  # its state ("applied", "rolled-back", ...)
    @property
    def relay(self) -> RelayConfig: ...  # who may relay, to explain an audit's finding


class SetPassword(Protocol):
    def __call__(
        self,
        session: Runner,
        realm: str,
        name: str,
        password: str,
        cancel: threading.Event | None = None,
    ) -> SaslUser: ...


StateT = TypeVar("StateT")
FactsT = TypeVar("FactsT", bound=ServerFacts)


class MailServer(Protocol[StateT, FactsT]):
    """One mail server's driver. ``StateT``: what its plan is made from; ``FactsT``: the
    facts read with it (the journal, the daemon)."""

    @property
    def name(self) -> str: ...

    def read_state(
        self,
        session: SshSession,
        options: RelayOptions,
        *,
        cancel: threading.Event | None = None,
        progress: Callable[[str], None] | None = None,
    ) -> tuple[StateT, FactsT]:
        """Everything planning needs, in one round trip."""
        ...

    def plan(self, state: StateT, facts: FactsT, options: RelayOptions) -> Plan:
        """The edit, its checks and the steps that apply and verify it. Pure."""
        ...

    def dangers(self, state: StateT) -> list[Check]:
        """What in the configuration lets strangers relay or weakens logins. Pure."""
        ...

    def read_realm(self, session: Runner, cancel: threading.Event | None = None) -> str: ...

    def read_sasl_realm(
        self, session: Runner, cancel: threading.Event | None = None
    ) -> SaslRealm: ...

    def list_users(
        self, session: Runner, cancel: threading.Event | None = None
    ) -> list[SaslUser]: ...

    # add_user and change_password: set ``name``'s password in ``realm`` (a new account,
    # or one that exists).
    @property
    def add_user(self) -> SetPassword: ...
    @property
    def change_password(self) -> SetPassword: ...

    def remove_user(
        self, session: Runner, realm: str, name: str, cancel: threading.Event | None = None
    ) -> None: ...

    def generate_password(self) -> str: ...
