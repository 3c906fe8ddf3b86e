"""One facade over the core for the GUI: every remote capability as a plain method.

The GUI calls these on a worker thread (one SSH session per worker thread) and never
imports paramiko, keyring or smtplib itself. Tests of the pages replace this class by a
fake with the same methods; the end-to-end test uses it as it is.
"""

from __future__ import annotations

import threading
import time
import weakref
from collections.abc import Callable
from pathlib import Path

from wizard.core.change.apply import (
    ApplyReport,
    Remote,
    StepOutcome,
    apply_plan,
    read_state,
    restart_command,
    rollback,
)
from wizard.core.change.relay import Plan, RelayOptions, ServerState, make_plan
from wizard.core.exports.client_settings import ClientSettings
from wizard.core.exports.clients import Exported, export
from wizard.core.fleet import checks as fleetchecks
from wizard.core.fleet.summary import Row
from wizard.core.local.credentials import CredentialStore
from wizard.core.local.profiles import ProfileStore, ServerProfile
from wizard.core.mail.audit import audit_relay
from wizard.core.mail.audit_report import AuditReport
from wizard.core.mail.diagnose import Diagnosis, MessageFate, deepen, diagnose, follow_message
from wizard.core.mail.pool import SmtpPool
from wizard.core.mail.send import SendResult, send_test
from wizard.core.mail.smtp import SmtpFailure, SmtpSettings
from wizard.core.mta.report import ServerReport
from wizard.core.mta.sendmail import users
from wizard.core.remote.hostkeys import KnownHosts
from wizard.core.remote.login import Credentials
from wizard.core.remote.session import SshSession
from wizard.core.target import Target

Progress = Callable[[str], None]

# How long the state read for the Server check page may serve the Settings page's plan.
# Apply plans again from the state the plan was made from, and its stage step refuses any
# file that changed since (sha256): a stale plan can only be shown, never applied.
STATE_REUSE_SECONDS = 600.0


def _tls_paths(options: RelayOptions) -> tuple[str, str, str]:
    return (options.cert_file or "", options.key_file or "", options.ca_file or "")


class CoreServices:
    """What the wizard can do. Methods block: call them off the GUI thread."""

    def __init__(self, known_hosts: Path | None = None) -> None:
        self.known_hosts = KnownHosts(known_hosts or KnownHosts.default_path())
        # Per session: the last state read (for the next read_state) and sendmail's $j
        # (the SASL realm; an apply does not change it). One round trip each saved.
        self._states: weakref.WeakKeyDictionary[SshSession, tuple[float, ServerState, Remote]] = (
            weakref.WeakKeyDictionary()
        )
        self._realms: weakref.WeakKeyDictionary[SshSession, str] = weakref.WeakKeyDictionary()
        # Per session: the state the last plan was made from, for the apply that follows.
        self._planned: weakref.WeakKeyDictionary[
            SshSession, tuple[float, ServerState, Remote, tuple[str, str, str]]
        ] = weakref.WeakKeyDictionary()
        # The apply's verification parks its SMTP session here for the test send after it.
        self.smtp_pool = SmtpPool()

    # ---- SSH and the server

    def connect(
        self,
        target: Target,
        credentials: Credentials,
        accept_host_key: bool | str = False,
        cancel: threading.Event | None = None,
    ) -> SshSession:
        return SshSession.connect(
            target,
            credentials,
            self.known_hosts,
            accept_new_host_key=accept_host_key,
            cancel=cancel,
        )

    def inspect(
        self, session: SshSession, progress: Progress, cancel: threading.Event
    ) -> ServerReport:
        # One remote read serves this page and the Settings page that follows: the state
        # script is the inspection script plus the files' bytes (same report).
        state, remote = read_state(session, RelayOptions(), cancel=cancel, progress=progress)
        self._remember(session, state, remote)
        return state.report

    def read_state(
        self, session: SshSession, options: RelayOptions, cancel: threading.Event
    ) -> tuple[ServerState, Remote]:
        cached = self._states.pop(session, None)
        custom_paths = options.cert_file or options.key_file or options.ca_file
        if cached and not custom_paths and time.monotonic() - cached[0] < STATE_REUSE_SECONDS:
            self._planned[session] = (time.monotonic(), cached[1], cached[2], _tls_paths(options))
            return cached[1], cached[2]
        state, remote = read_state(session, options, cancel=cancel)
        self._remember(session, state, remote)
        self._states.pop(session, None)  # read for this plan: one use only
        self._planned[session] = (time.monotonic(), state, remote, _tls_paths(options))
        return state, remote

    def _remember(self, session: SshSession, state: ServerState, remote: Remote) -> None:
        self._states[session] = (time.monotonic(), state, remote)
        if state.report.realm:
            self._realms[session] = state.report.realm

    def plan(self, state: ServerState, remote: Remote, options: RelayOptions) -> Plan:
        """Pure and instant: the GUI re-plans on every change of an option."""
        return make_plan(state, options, restart_command(remote, options.restart))

    def apply(
        self,
        session: SshSession,
        options: RelayOptions,
        progress: Progress,
        cancel: threading.Event,
    ) -> tuple[Plan, ApplyReport]:
        # The state the Review page's plan was made from: apply plans from it again and its
        # stage step checks that the files are still those bytes (one read fewer).
        planned = self._planned.pop(session, None)
        known = None
        if (
            planned is not None
            and time.monotonic() - planned[0] < STATE_REUSE_SECONDS
            and planned[3] == _tls_paths(options)
        ):
            known = (planned[1], planned[2])
        # The Test page usually follows: keep the verification's SMTP session for it.
        return apply_plan(
            session,
            options,
            progress=progress,
            cancel=cancel,
            smtp_pool=self.smtp_pool,
            known=known,
        )

    def rollback(self, session: SshSession, progress: Progress) -> list[StepOutcome]:
        return rollback(session, progress=progress)

    # ---- SASL users

    def realm(self, session: SshSession) -> str:
        if session not in self._realms:
            self._realms[session] = users.read_realm(session)
        return self._realms[session]

    def list_users(self, session: SshSession) -> list[users.SaslUser]:
        return users.list_users(session)

    def add_user(self, session: SshSession, name: str, password: str) -> users.SaslUser:
        return users.add_user(session, self.realm(session), name, password)

    def change_password(self, session: SshSession, name: str, password: str) -> users.SaslUser:
        return users.change_password(session, self.realm(session), name, password)

    def remove_user(self, session: SshSession, name: str) -> None:
        users.remove_user(session, self.realm(session), name)

    def generate_password(self) -> str:
        return users.generate_password()

    # ---- testing from the outside

    def test_send(
        self,
        settings: SmtpSettings,
        user: str,
        password: str,
        sender: str,
        recipient: str,
        mechanism: str,
        progress: Progress,
    ) -> SendResult:
        return send_test(
            settings, user, password, sender, recipient, mechanism, progress, pool=self.smtp_pool
        )

    def diagnose(
        self,
        failure: SmtpFailure,
        settings: SmtpSettings,
        session: SshSession | None,
        user: str,
        mechanism: str,
    ) -> Diagnosis:
        found = diagnose(failure, settings.host, settings.port)
        if session is not None:
            found = deepen(session, found, user=user, mechanism=mechanism)
        return found

    def follow(self, session: SshSession, queue_id: str) -> MessageFate:
        return follow_message(session, queue_id)

    def audit(
        self,
        settings: SmtpSettings,
        session: SshSession | None,
        progress: Progress,
        cancel: threading.Event,
    ) -> AuditReport:
        return audit_relay(settings, session=session, progress=progress, cancel=cancel)

    # ---- many saved servers at once (the Servers view: one call per server and check)

    def saved_passwords(self, profiles: list[ServerProfile]) -> tuple[dict[str, str], list[Row]]:
        """Every server's saved mail password, looked up one after another."""
        return fleetchecks.look_up_passwords(profiles, self.credentials())

    def send_check(
        self,
        profile: ServerProfile,
        password: str,
        recipient: str,
        progress: Progress,
        cancel: threading.Event,
    ) -> Row:
        return fleetchecks.run_send(profile, password, recipient, progress, cancel)

    def audit_check(
        self, profile: ServerProfile, progress: Progress, cancel: threading.Event
    ) -> Row:
        return fleetchecks.run_audit(profile, progress, cancel)

    # ---- client settings

    def export(self, fmt: str, settings: ClientSettings) -> Exported:
        """One client settings format (pure and instant; the PDF is rendered by the GUI)."""
        return export(fmt, settings)

    # ---- what is kept on this computer

    def credentials(self) -> CredentialStore:
        return CredentialStore()

    def profiles(self) -> ProfileStore:
        return ProfileStore()
