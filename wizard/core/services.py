"""One facade over the core for the GUI: every remote capability as a plain method.

The GUI calls these on a worker thread (one SSH session per worker thread) and never
imports paramiko, keyring or smtplib itself. Tests of the pages replace this class by a
fake with the same methods; the end-to-end test uses it as it is.
"""

from __future__ import annotations

import time
import weakref
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from wizard.core.change.apply import apply_plan
from wizard.core.change.journal import rollback
from wizard.core.change.options import RelayOptions
from wizard.core.exports import onboard
from wizard.core.exports.clients import Exported, export
from wizard.core.fleet import checks as fleetchecks
from wizard.core.local.credentials import CredentialStore
from wizard.core.local.profiles import ProfileStore, ServerProfile
from wizard.core.mail.audit import audit_relay
from wizard.core.mail.certs import read_server_cert
from wizard.core.mail.diagnose import (
    Diagnosis,
    MessageFate,
    MessageFollower,
    deepen,
    diagnose,
    follow_message,
)
from wizard.core.mail.pool import SmtpPool
from wizard.core.mail.send import SendRequest, SendResult, send_test
from wizard.core.mta.auto import AUTO
from wizard.core.remote.hostkeys import KnownHosts
from wizard.core.remote.session import SshSession

if TYPE_CHECKING:
    from pathlib import Path
    from threading import Event

    from wizard.core.change.outcome import ApplyReport, StepOutcome
    from wizard.core.change.plan import Plan
    from wizard.core.exports.client_settings import ClientSettings
    from wizard.core.exports.onboard import Accounts
    from wizard.core.exports.staff import Staff
    from wizard.core.fleet.summary import Row
    from wizard.core.job import JobControl
    from wizard.core.mail.audit_report import AuditReport
    from wizard.core.mail.certs import CertFacts
    from wizard.core.mail.smtp import SmtpFailure, SmtpSettings
    from wizard.core.mta import MailServer
    from wizard.core.mta.auto import AnyState
    from wizard.core.mta.report import ServerReport
    from wizard.core.mta.sendmail.state import Remote
    from wizard.core.mta.sendmail.users import SaslRealm, SaslUser
    from wizard.core.remote.login import Credentials
    from wizard.core.target import Target

Progress = Callable[[str], None]

# How long the state read for the Server check page may serve the Settings page's plan.
# Apply plans again from the state the plan was made from, and its stage step refuses any
# file that changed since (sha256): a stale plan can only be shown, never applied.
STATE_REUSE_SECONDS = 600.0


def _tls_paths(options: RelayOptions) -> tuple[str, str, str]:
    return (options.cert_file or "", options.key_file or "", options.ca_file or "")


@dataclass(frozen=True)
class StateRead:
    """One read of a server's state, kept for a later call on the same session."""

    state: AnyState
    remote: Remote
    tls: tuple[str, str, str] = ("", "", "")  # the TLS paths it was read for
    at: float = field(default_factory=time.monotonic)

    def fresh(self) -> bool:
        return time.monotonic() - self.at < STATE_REUSE_SECONDS


class SessionCache:
    """Per SSH session, what one call read that saves the next one a round trip.

    ``last_read``: the last state read (inspect's read serves the Settings page's plan);
    ``planned``: the state the Review page's plan was made from (the apply that follows
    plans from it, and its stage step checks the files are still those bytes); ``realm``:
    sendmail's $j, the SASL realm (an apply does not change it). Each entry goes with its
    session (weak keys)."""

    def __init__(self) -> None:
        self.last_read: weakref.WeakKeyDictionary[SshSession, StateRead] = (
            weakref.WeakKeyDictionary()
        )
        self.planned: weakref.WeakKeyDictionary[SshSession, StateRead] = weakref.WeakKeyDictionary()
        self.realm: weakref.WeakKeyDictionary[SshSession, str] = weakref.WeakKeyDictionary()
        self.sasl_realm: weakref.WeakKeyDictionary[SshSession, SaslRealm] = (
            weakref.WeakKeyDictionary()
        )
        # the test message's fate, looked for while it was sent (``follow`` takes it)
        self.follower: weakref.WeakKeyDictionary[SshSession, MessageFollower] = (
            weakref.WeakKeyDictionary()
        )

    def remember(self, session: SshSession, read: StateRead) -> None:
        self.last_read[session] = read
        if read.state.report.realm:
            self.realm[session] = read.state.report.realm


class CoreServices:
    """What the wizard can do. Methods block: call them off the GUI thread."""

    def __init__(
        self,
        known_hosts: Path | None = None,
        *,
        cache: SessionCache | None = None,
        mta: MailServer[AnyState, Remote] = AUTO,
    ) -> None:
        self.known_hosts = KnownHosts(known_hosts or KnownHosts.default_path())
        self.cache = cache or SessionCache()
        self.mta = mta
        # The apply's verification parks its SMTP session here for the test send after it.
        self.smtp_pool = SmtpPool()

    # ---- SSH and the server

    def connect(
        self, target: Target, credentials: Credentials, job: JobControl, accept: bool | str = False
    ) -> SshSession:
        """``accept``: a host key never seen is accepted (True, or its fingerprint)."""
        return SshSession.connect(
            target, credentials, self.known_hosts, accept_new_host_key=accept, cancel=job.cancel
        )

    def inspect(self, session: SshSession, job: JobControl) -> ServerReport:
        # One remote read serves this page and the Settings page that follows: the state
        # script is the inspection script plus the files' bytes (same report).
        state, remote = self.mta.read_state(
            session, RelayOptions(), cancel=job.cancel, progress=job.progress
        )
        self.cache.remember(session, StateRead(state, remote))
        return state.report

    def read_state(
        self, session: SshSession, options: RelayOptions, cancel: Event
    ) -> tuple[AnyState, Remote]:
        cached = self.cache.last_read.pop(session, None)
        custom_paths = options.cert_file or options.key_file or options.ca_file
        if cached and not custom_paths and cached.fresh():
            self.cache.planned[session] = StateRead(
                cached.state, cached.remote, _tls_paths(options)
            )
            return cached.state, cached.remote
        state, remote = self.mta.read_state(session, options, cancel=cancel)
        self.cache.remember(session, StateRead(state, remote))
        self.cache.last_read.pop(session, None)  # read for this plan: one use only
        self.cache.planned[session] = StateRead(state, remote, _tls_paths(options))
        return state, remote

    def plan(self, state: AnyState, remote: Remote, options: RelayOptions) -> Plan:
        """Pure and instant: the GUI re-plans on every change of an option."""
        return self.mta.plan(state, remote, options)

    def apply(
        self, session: SshSession, options: RelayOptions, job: JobControl
    ) -> tuple[Plan, ApplyReport]:
        # The state the Review page's plan was made from: apply plans from it again and its
        # stage step checks that the files are still those bytes (one read fewer).
        planned = self.cache.planned.pop(session, None)
        known = None
        if planned is not None and planned.fresh() and planned.tls == _tls_paths(options):
            known = (planned.state, planned.remote)
        # The Test page usually follows: keep the verification's SMTP session for it.
        return apply_plan(
            session,
            options,
            progress=job.progress,
            cancel=job.cancel,
            smtp_pool=self.smtp_pool,
            known=known,
            mta=self.mta,
        )

    def rollback(self, session: SshSession, progress: Progress) -> list[StepOutcome]:
        return rollback(session, progress=progress)

    # ---- SASL users

    def sasl_realm(self, session: SshSession) -> SaslRealm:
        """The realm, where it comes from (``source``, ``source_text``) and whether the
        accounts are Dovecot's (``dovecot``: the account calls refuse)."""
        if session not in self.cache.sasl_realm:
            found = self.mta.read_sasl_realm(session)
            self.cache.sasl_realm[session] = found
            self.cache.realm[session] = found.realm
        return self.cache.sasl_realm[session]

    def realm(self, session: SshSession) -> str:
        if session not in self.cache.realm:
            self.cache.realm[session] = self.mta.read_realm(session)
        return self.cache.realm[session]

    def list_users(self, session: SshSession) -> list[SaslUser]:
        return self.mta.list_users(session)

    def add_user(self, session: SshSession, name: str, password: str) -> SaslUser:
        return self.mta.add_user(session, self.realm(session), name, password)

    def change_password(self, session: SshSession, name: str, password: str) -> SaslUser:
        return self.mta.change_password(session, self.realm(session), name, password)

    def remove_user(self, session: SshSession, name: str) -> None:
        self.mta.remove_user(session, self.realm(session), name)

    def generate_password(self) -> str:
        return self.mta.generate_password()

    def create_accounts(self, session: SshSession, staff: list[Staff]) -> Accounts:
        """Every account of a staff list in one remote call, with generated passwords."""
        return onboard.create_accounts(
            session, self.realm(session), staff, generate=self.mta.generate_password
        )

    # ---- testing from the outside

    def test_send(
        self, r: SendRequest, progress: Progress, session: SshSession | None = None
    ) -> SendResult:
        """``session``: the server's, for the :meth:`follow` that comes next: the message is
        looked for on it while it is sent (a round trip less)."""
        followers = self.cache.follower
        if session is not None and session in followers:
            followers.pop(session).cancel()

        def follow_on(message_id: str) -> None:
            if session is not None:
                followers[session] = MessageFollower(session, message_id)

        try:
            return send_test(
                r.settings,
                r.user,
                r.password,
                r.sender,
                r.recipient,
                r.mechanism,
                progress,
                pool=self.smtp_pool,
                server_cert=r.server_cert,
                on_message_id=follow_on if session is not None else None,
            )
        except BaseException:
            if session is not None and session in followers:
                followers.pop(session).cancel()  # free the session for the diagnosis
            raise

    def server_cert(self, session: SshSession) -> CertFacts | None:
        """The certificate sendmail presents, read over SSH (one round trip)."""
        return read_server_cert(session)

    def diagnose(
        self, failure: SmtpFailure, r: SendRequest, session: SshSession | None
    ) -> Diagnosis:
        """Why ``r`` failed; with a session, deepened by what the server's side shows."""
        found = diagnose(failure, r.settings.host, r.settings.port)
        if session is not None:
            found = deepen(
                session,
                found,
                user=r.user,
                mechanism=r.mechanism,
                failure=failure,
                recipient=r.recipient,
            )
        return found

    def follow(self, session: SshSession, queue_id: str) -> MessageFate:
        return follow_message(session, queue_id, follower=self.cache.follower.pop(session, None))

    def audit(
        self, settings: SmtpSettings, session: SshSession | None, job: JobControl, user: str = ""
    ) -> AuditReport:
        """The open-relay audit; ``user`` (the Account the page holds) for the check that a
        wrong password is refused."""
        return audit_relay(
            settings, session=session, user=user, progress=job.progress, cancel=job.cancel
        )

    # ---- many saved servers at once (the Servers view: one call per server and check)

    def saved_passwords(self, profiles: list[ServerProfile]) -> tuple[dict[str, str], list[Row]]:
        """Every server's saved mail password, looked up one after another."""
        return fleetchecks.look_up_passwords(profiles, self.credentials())

    def send_check(self, profile: ServerProfile, password: str, to: str, job: JobControl) -> Row:
        return fleetchecks.run_send(profile, password, to, job.progress, job.cancel)

    def audit_check(self, profile: ServerProfile, job: JobControl) -> Row:
        return fleetchecks.run_audit(profile, job.progress, job.cancel)

    # ---- client settings

    def export(self, fmt: str, settings: ClientSettings) -> Exported:
        """One client settings format (pure and instant; the PDF is rendered by the GUI)."""
        return export(fmt, settings)

    # ---- what is kept on this computer

    def credentials(self) -> CredentialStore:
        return CredentialStore()

    def profiles(self) -> ProfileStore:
        return ProfileStore()
