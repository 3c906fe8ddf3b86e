"""Fake core services for the fast page tests: real data objects, no network.

The report, the server state and the plan are the real pure functions of the core run
on the recorded stock Debian server (tests/data), so the pages show what they would show.
"""

from __future__ import annotations

import dataclasses
import threading
from pathlib import Path
from typing import Any

from tests.capture import stock_sections
from wizard.core.change.journal import ROLLING_BACK
from wizard.core.change.options import RelayOptions
from wizard.core.change.outcome import ApplyFailed, ApplyReport, StepOutcome
from wizard.core.change.plan import Plan
from wizard.core.change.steps import install, stage
from wizard.core.errors import AuthError, HostKeyChanged, HostKeyUnknown, WizardError
from wizard.core.exports.client_settings import ClientSettings
from wizard.core.exports.clients import Exported, export
from wizard.core.exports.onboard import Accounts, NewAccount
from wizard.core.exports.staff import Staff
from wizard.core.guard import GuardState
from wizard.core.mail.audit_report import AuditReport
from wizard.core.mail.certs import CertFacts, parse_cert_section
from wizard.core.mail.diagnose import Diagnosis, MessageFate, diagnose
from wizard.core.mail.send import SendRequest, SendResult, checks_over_ssh, not_the_servers
from wizard.core.mail.smtp import Reply, SmtpFailure
from wizard.core.mail.transcript import Transcript
from wizard.core.mta.report import AuthFailures, CertificateFound, Protection, ServerReport
from wizard.core.mta.sendmail.inspect_parse import build_report
from wizard.core.mta.sendmail.plan import build_step, make_plan, reload_step
from wizard.core.mta.sendmail.state import FileFacts, Remote, ServerState
from wizard.core.mta.sendmail.users import SaslRealm, SaslUser
from wizard.core.target import Target
from wizard.core.translatable import Translatable
from wizard.ui.dialogs import Dialogs

DATA = Path(__file__).parent.parent / "data"
TLS = ("/etc/mail/tls/sendmail-server.crt", "/etc/mail/tls/sendmail-common.key")
# The real apply's steps, as far as the reload: their titles are what the Apply page shows
STAGE, BUILD, INSTALL, RELOAD = (
    step.title
    for step in (
        stage([], "/etc/mail/sendmail.mc", "/etc/mail/sendmail.cf"),
        build_step("m4", 2),
        install([]),
        reload_step("auto", ["25"], ""),
    )
)


def _certbot(lineage: str, names: tuple[str, ...], expires: str, days: int) -> CertificateFound:
    live = f"/etc/letsencrypt/live/{lineage}"
    covers = "mail.example.com" in names
    return CertificateFound(
        "certbot", f"{live}/fullchain.pem", f"{live}/privkey.pem", lineage, names,
        "CN=R11,O=Let's Encrypt", False, expires, days, covers,
    )  # fmt: skip


# A server with certbot's certificates (one that names it, one for another name, one
# expired) and fail2ban installed but not running, after a night of password guessing.
CERTBOT = [
    _certbot("www.example.com", ("www.example.com",), "2027-01-10", 39),
    _certbot("gone", ("mail.example.com",), "2026-11-01", -31),
    _certbot("mail.example.com", ("mail.example.com", "smtp.example.com"), "2027-02-20", 80),
]
GUESSED = Protection(
    "installed",
    firewall="nftables",
    certbot="2.1.0",
    failures=AuthFailures(
        "/var/log/mail.log", 137, "2026-11-30T06:25:01", (("203.0.113.9", 90), ("192.0.2.77", 7))
    ),
)


def guarded(services: FakeServices) -> FakeServices:
    """``services`` as a server with certbot's certificates, fail2ban and failed logins,
    reached from 198.51.100.2."""
    services.certificates = list(CERTBOT)
    services.protection = GUESSED
    services.admin_address = "198.51.100.2"
    return services


class FakeSession:
    def __init__(self, target: Target) -> None:
        self.target = target
        self.privilege = "root"
        self.closed = False

    def close(self) -> None:
        self.closed = True


class FakeCredentials:
    def __init__(self) -> None:
        self.saved: dict[tuple[str, str], str] = {}
        self.missing: WizardError | None = None  # a test sets it: no keyring on this computer

    def location(self) -> str:
        return "KWallet"  # as the real one names a keyring: by its name

    def problem(self) -> WizardError | None:
        return self.missing

    def store_sasl_password(self, host: str, user: str, password: str) -> None:
        self.saved[(host, user)] = password

    def remember_ssh_password(self, host: str, port: int, user: str, password: str) -> None:
        self.saved[(f"ssh:{host}", user)] = password

    def remember_sudo_password(self, host: str, port: int, user: str, password: str) -> None:
        self.saved[(f"sudo:{host}", user)] = password


class FakeProfiles:
    def __init__(self, profiles: list[Any] | None = None) -> None:
        self.profiles = profiles or []

    def load(self) -> list[Any]:
        return list(self.profiles)

    def find(self, name: str) -> Any:
        return next((p for p in self.profiles if p.name == name), None)

    def save(self, profile: Any) -> Any:
        self.profiles = [p for p in self.profiles if p.name != profile.name] + [profile]
        return profile


class FakeServices:
    """Same methods as CoreServices; every call is recorded in ``calls``."""

    def __init__(self) -> None:
        self.calls: list[str] = []
        self.unknown_key = True
        self.wrong_password = False
        self.changed_key = False
        self.apply_fails = False
        self.user_list: list[SaslUser] = []
        self.audit_report: AuditReport | None = None  # a real report to show, when set
        self.creds = FakeCredentials()
        self.profile_store = FakeProfiles()
        self.release = threading.Event()
        self.release.set()
        # the server's sendmail.mc (read_state); the lab's stock file unless a test sets one
        self.mc_text = (DATA / "mc" / "debian12-sendmail.mc").read_text()
        # the certificate read over SSH (the stock capture's), and the one the server presents
        self.cert: CertFacts | None = parse_cert_section(stock_sections()["server-cert"])
        self.presented = self.cert.sha256 if self.cert else ""
        # what inspection found for the certificate and the protection (a test sets them),
        # and the address the server sees this computer come from
        self.certificates: list[CertificateFound] = []
        self.protection: Protection | None = None
        self.admin_address = ""
        # what the fake apply says while it runs and what a rollback restores (a Postfix
        # server's fake gives its own)
        self.apply_steps: tuple[str, ...] = (STAGE, BUILD, INSTALL, RELOAD)
        self.restored = ("restored /etc/mail/sendmail.mc", "reloaded with: kill -HUP 4154")

    def _report(self) -> ServerReport:
        report = build_report("mail.example.com", stock_sections())
        return self._guarded(report)

    def _guarded(self, report: ServerReport) -> ServerReport:
        """``report`` with the certificates and protection a test gave, if any."""
        return dataclasses.replace(
            report,
            certificates=self.certificates or report.certificates,
            protection=self.protection or report.protection,
        )

    def connect(
        self, target: Target, credentials: Any, job: Any, accept: Any = False
    ) -> FakeSession:
        self.calls.append(f"connect {target} accept={accept}")
        if self.unknown_key and accept is False:
            raise HostKeyUnknown(target.host, target.port, "ssh-ed25519", "SHA256:fake", "k")
        if self.changed_key:
            raise HostKeyChanged(
                target.host, target.port, "ssh-ed25519", "SHA256:new", "SHA256:old"
            )
        if self.wrong_password:
            raise AuthError(f"The server refused the login for user {target.user}.", "Check it.")
        return FakeSession(target)

    def inspect(self, session: Any, job: Any) -> ServerReport:
        self.calls.append("inspect")
        job.progress("Reading the server's configuration")
        return self._report()

    def read_state(self, session: Any, options: Any, cancel: Any) -> tuple[ServerState, Remote]:
        self.calls.append("read_state")
        files = {
            TLS[0]: FileFacts(TLS[0], True, "root", "smmsp", 0o644, True, "k", "CN = mail"),
            TLS[1]: FileFacts(TLS[1], True, "root", "smmsp", 0o640, True, "k"),
        }
        mc = self.mc_text
        state = ServerState(
            self._report(),
            "/etc/mail/sendmail.mc",
            mc,
            "/etc/mail/sasl/Sendmail.conf.2",
            "pwcheck_method: saslauthd\n",
            files,
            guard=GuardState(admin_address=self.admin_address),
        )
        return state, Remote("", "", 76)

    def plan(self, state: ServerState, remote: Remote, options: RelayOptions) -> Plan:
        return make_plan(state, options, "kill -HUP 76")

    def apply(self, session: Any, options: RelayOptions, job: Any) -> Any:
        self.calls.append(f"apply {options.profile}")
        for step in self.apply_steps:
            job.progress(step)
            if not self.release.wait(10) or job.cancel.is_set():
                break
        report = ApplyReport(journal_id="20261129T120000Z-00001")
        report.steps = [StepOutcome(STAGE, True)]
        if self.apply_fails or job.cancel.is_set():
            report.steps.append(StepOutcome(self.apply_steps[-1], False, "no"))
            report.rollback = [
                StepOutcome(f"journal {report.journal_id}", True),
                *(StepOutcome(line, True) for line in self.restored),
            ]
            job.progress(ROLLING_BACK)  # as journal.rollback says it
            cancelled = job.cancel.is_set()
            reason = "Cancelled." if cancelled else "Reload failed."
            raise ApplyFailed(
                f"{reason} Everything was rolled back.", report, reason=reason, cancelled=cancelled
            )
        report.steps.append(
            StepOutcome("Port 25 checked from this computer", True, "AUTH DIGEST-MD5 CRAM-MD5", 25)
        )
        report.verified = True
        return None, report

    def rollback(self, session: Any, progress: Any) -> list[StepOutcome]:
        return [StepOutcome(self.restored[0], True)]

    def realm(self, session: Any) -> str:
        return "mail.example.com"

    def sasl_realm(self, session: Any) -> SaslRealm:
        return SaslRealm("mail.example.com", "sendmail", server_name="mail.example.com")

    def list_users(self, session: Any) -> list[SaslUser]:
        self.calls.append("list_users")
        return list(self.user_list)

    def add_user(self, session: Any, name: str, password: str) -> SaslUser:
        self.calls.append(f"add_user {name}")
        user = SaslUser(name, "mail.example.com")
        self.user_list.append(user)
        return user

    def change_password(self, session: Any, name: str, password: str) -> SaslUser:
        self.calls.append(f"change_password {name}")
        return SaslUser(name, "mail.example.com")

    def remove_user(self, session: Any, name: str) -> None:
        self.calls.append(f"remove_user {name}")
        self.user_list = [u for u in self.user_list if u.name != name]

    def generate_password(self) -> str:
        return "Generated-Password-123"

    def create_accounts(self, session: Any, staff: list[Staff]) -> Accounts:
        """Onboarding: one call for the whole list; names already in user_list exist."""
        self.calls.append(f"create_accounts {len(staff)}")
        self.release.wait(10)
        known = {u.name for u in self.user_list}
        made = [NewAccount(p, f"Pw-{p.account}-{len(p.account)}7x") for p in staff]
        created = [a for a in made if a.person.account not in known]
        self.user_list += [SaslUser(a.person.account, "mail.example.com") for a in created]
        existing = [p.account for p in staff if p.account in known]
        return Accounts(created, existing)

    def test_send(self, r: SendRequest, progress: Any, session: Any = None) -> SendResult:
        self.calls.append(f"test_send {r.settings.port} {r.mechanism}")
        password, mechanism = r.password, r.mechanism
        transcript = Transcript(secrets=(password,))
        transcript.add("S", "220 mail.example.com ESMTP")
        transcript.add("C", "AUTH CRAM-MD5")
        transcript.add("C", "<hidden>")
        if password == "wrong":
            failure = SmtpFailure(
                "auth", "refused", reply=Reply(535, "5.7.0 authentication failed")
            )
            failure.transcript = transcript
            raise failure
        tls = r.settings.security != "none"
        by_ssh = r.server_cert if checks_over_ssh(r.settings, r.server_cert) else None
        if by_ssh is not None and self.presented != by_ssh.sha256:
            failure = not_the_servers(self.presented, by_ssh)
            failure.transcript = transcript
            raise failure
        return SendResult(
            "5ATC0x00001",
            mechanism or "CRAM-MD5",
            Reply(250, "2.0.0 ok"),
            transcript,
            tls,
            self.presented if tls else "",
            by_ssh,
        )

    def server_cert(self, session: Any) -> CertFacts | None:
        self.calls.append("server_cert")
        return self.cert

    def diagnose(self, failure: SmtpFailure, r: SendRequest, session: Any) -> Diagnosis:
        if failure.stage == "tls":
            return diagnose(failure, r.settings.host, r.settings.port)
        return Diagnosis(
            "authentication failed (535)", "The password is wrong.", "Check it.", str(failure.reply)
        )

    def follow(self, session: Any, queue_id: str) -> MessageFate:
        return MessageFate(queue_id, "queued", "waiting in the queue", ())

    def audit(self, settings: Any, session: Any, job: Any, user: str = "") -> Any:
        self.calls.append(f"audit {user}".strip())
        if self.audit_report is not None:
            return self.audit_report

        class Closed:
            closed = True

            def summary(self) -> str:
                return (
                    "mail.example.com port 25 is closed to relaying: all 21 relay tricks "
                    "without login were refused."
                )

            def summary_sentences(self) -> list[str]:
                # the real report's sentence (the window translates it)
                return [
                    Translatable(
                        "Audit",
                        "{host} port {port} is closed to relaying: all {count} relay tricks "
                        "without login were refused.",
                    ).format(host="mail.example.com", port=25, count=21)
                ]

            def details(self) -> list[str]:
                return ["The 21 ways of relaying without a login that were tried:"]

        return Closed()

    def export(self, fmt: str, settings: ClientSettings) -> Exported:
        self.calls.append(f"export {fmt}")
        return export(fmt, settings)  # pure: the real formats

    def credentials(self) -> FakeCredentials:
        return self.creds

    def profiles(self) -> FakeProfiles:
        return self.profile_store


class FakeDialogs(Dialogs):
    def __init__(self) -> None:
        self.host_keys: list[str] = []
        self.accept_key = True
        self.user = ("alice", "Typed-Password-99")
        self.apply_answer = True  # confirm_apply: Apply (True) or Cancel
        self.stop_answer = True  # stop_apply: stop and put back (True) or keep going
        self.asked: list[str] = []  # confirm_apply, stop_apply and inform, in order
        self.informed: list[str] = []  # the texts inform showed
        self.staff_file = ""  # what "Open a CSV file" picks ("": cancelled)
        self.folder = ""  # what "Choose a folder" picks
        self.questions: list[str] = []  # every confirm() asked
        self.answer = True

    def host_key(self, parent: Any, exc: HostKeyUnknown) -> bool:
        self.host_keys.append(exc.fingerprint)
        return self.accept_key

    def new_user(self, parent: Any, generated: str) -> tuple[str, str] | None:
        return self.user

    def new_password(self, parent: Any, name: str, generated: str) -> str | None:
        return generated

    def confirm(self, parent: Any, question: str) -> bool:
        self.questions.append(question)
        return self.answer

    def open_staff_list(self, parent: Any) -> str:
        return self.staff_file

    def choose_folder(self, parent: Any, title: str) -> str:
        return self.folder

    def save_file(self, parent: Any, title: str, name: str) -> str:
        return ""

    def confirm_apply(self, parent: Any, server: str, summary: list[str]) -> bool:
        self.asked.append(f"confirm_apply {server}")
        return self.apply_answer

    def stop_apply(self, parent: Any, server: str) -> bool:
        self.asked.append(f"stop_apply {server}")
        return self.stop_answer

    def inform(self, parent: Any, title: str, text: str) -> None:
        self.asked.append("inform")
        self.informed.append(text)


__all__ = ["AuditReport", "FakeDialogs", "FakeServices"]
