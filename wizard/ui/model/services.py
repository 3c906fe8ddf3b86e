"""What the GUI calls on :class:`wizard.core.services.CoreServices`, as Protocols.

The pages are typed against :class:`Services`, so a page test can hand them a fake;
``tests/unit/ui/test_services_protocol.py`` checks that CoreServices and the tests' fake
both have every method here with the same parameters, so neither can drift.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from threading import Event

    from wizard.core.change.options import RelayOptions
    from wizard.core.change.outcome import ApplyReport, StepOutcome
    from wizard.core.change.plan import Plan
    from wizard.core.errors import WizardError
    from wizard.core.exports.client_settings import ClientSettings
    from wizard.core.exports.clients import Exported
    from wizard.core.exports.onboard import Accounts
    from wizard.core.exports.staff import Staff
    from wizard.core.fleet.summary import Row
    from wizard.core.job import JobControl
    from wizard.core.local.profiles import ServerProfile
    from wizard.core.mail.audit_report import AuditReport
    from wizard.core.mail.certs import CertFacts
    from wizard.core.mail.diagnose import Diagnosis, MessageFate
    from wizard.core.mail.send import SendRequest, SendResult
    from wizard.core.mail.smtp import SmtpFailure, SmtpSettings
    from wizard.core.mta.auto import AnyState
    from wizard.core.mta.report import ServerReport
    from wizard.core.mta.sendmail.state import Remote
    from wizard.core.mta.sendmail.users import SaslRealm, SaslUser
    from wizard.core.remote.login import Credentials
    from wizard.core.target import Target
    from wizard.ui.model.state import Session

Progress = Callable[[str], None]


class ProfileStore(Protocol):
    """The saved servers (servers.json): what the GUI reads and writes."""

    def load(self) -> list[ServerProfile]: ...

    def find(self, name: str) -> ServerProfile | None: ...

    def save(self, profile: ServerProfile) -> ServerProfile: ...


class CredentialStore(Protocol):
    """The keyring: what the GUI writes there."""

    def location(self) -> str: ...

    def problem(self) -> WizardError | None: ...

    def store_sasl_password(self, host: str, user: str, password: str) -> None: ...

    def remember_ssh_password(self, host: str, port: int, user: str, password: str) -> None: ...

    def remember_sudo_password(self, host: str, port: int, user: str, password: str) -> None: ...


class Services(Protocol):
    """The wizard's pages' calls. Every remote one blocks: the worker thread makes it."""

    def connect(
        self, target: Target, credentials: Credentials, job: JobControl, accept: bool | str = False
    ) -> Session: ...

    def inspect(self, session: Session, job: JobControl) -> ServerReport: ...

    def read_state(
        self, session: Session, options: RelayOptions, cancel: Event
    ) -> tuple[AnyState, Remote]: ...

    def plan(self, state: AnyState, remote: Remote, options: RelayOptions) -> Plan: ...

    def apply(
        self, session: Session, options: RelayOptions, job: JobControl
    ) -> tuple[Plan, ApplyReport]: ...

    def rollback(self, session: Session, progress: Progress) -> list[StepOutcome]: ...

    def sasl_realm(self, session: Session) -> SaslRealm: ...

    def list_users(self, session: Session) -> list[SaslUser]: ...

    def add_user(self, session: Session, name: str, password: str) -> SaslUser: ...

    def change_password(self, session: Session, name: str, password: str) -> SaslUser: ...

    def remove_user(self, session: Session, name: str) -> None: ...

    def generate_password(self) -> str: ...

    def create_accounts(self, session: Session, staff: list[Staff]) -> Accounts: ...

    def test_send(
        self, r: SendRequest, progress: Progress, session: Session | None = None
    ) -> SendResult: ...

    def server_cert(self, session: Session) -> CertFacts | None: ...

    def diagnose(
        self, failure: SmtpFailure, r: SendRequest, session: Session | None
    ) -> Diagnosis: ...

    def follow(self, session: Session, queue_id: str) -> MessageFate: ...

    def audit(
        self, settings: SmtpSettings, session: Session | None, job: JobControl, user: str = ""
    ) -> AuditReport: ...

    def export(self, fmt: str, settings: ClientSettings) -> Exported: ...

    def credentials(self) -> CredentialStore: ...

    def profiles(self) -> ProfileStore: ...


class FleetServices(Services, Protocol):
    """The Servers window's calls besides the wizard's: one per saved server and check."""

    def saved_passwords(
        self, profiles: list[ServerProfile]
    ) -> tuple[dict[str, str], list[Row]]: ...

    def send_check(
        self, profile: ServerProfile, password: str, to: str, job: JobControl
    ) -> Row: ...

    def audit_check(self, profile: ServerProfile, job: JobControl) -> Row: ...
