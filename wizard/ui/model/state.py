"""What the wizard knows so far (:class:`WizardState`), its page ids, and the typed results
of the jobs the pages run on the worker thread."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import IntEnum
from typing import TYPE_CHECKING, Any

from wizard.core.change.options import RelayOptions

if TYPE_CHECKING:
    from wizard.core.change.outcome import ApplyReport
    from wizard.core.change.plan import Plan
    from wizard.core.errors import WizardError
    from wizard.core.local.profiles import ServerProfile
    from wizard.core.mail.audit_report import AuditReport
    from wizard.core.mail.diagnose import Diagnosis, MessageFate
    from wizard.core.mail.send import SendResult
    from wizard.core.mail.smtp import SmtpFailure
    from wizard.core.mta.auto import AnyState
    from wizard.core.mta.report import ServerReport
    from wizard.core.mta.sendmail.state import Remote
    from wizard.core.mta.sendmail.users import SaslUser
    from wizard.core.target import Target

# The SSH session the worker thread owns: only the services look inside it.
Session = Any


class PageId(IntEnum):
    """The wizard's pages, in the order a new server walks them (QWizard's page ids)."""

    WELCOME = 0
    CONNECT = 1
    CHECK = 2
    SETTINGS = 3
    REVIEW = 4
    APPLY = 5
    USERS = 6
    TEST = 7
    EXPORT = 8
    DONE = 9


@dataclass(frozen=True)
class Account:
    """A mail account just added or given a new password, with that password."""

    name: str
    password: str


@dataclass(frozen=True)
class SendInputs:
    """The Test page's fields: how staff send, for the send and for the Export page."""

    security: str = "starttls"
    pin: str = ""
    port: int = 0  # 0: the security's usual port (sending.PORTS)
    user: str = ""
    password: str = ""
    mechanism: str = ""


@dataclass(frozen=True)
class Loaded:
    """The server's state read for planning (sendmail's or Postfix's), and how to reach
    its mail server."""

    server: AnyState
    remote: Remote


@dataclass
class WizardState:
    """Everything the pages share. Pages read and write it; none reads another's widgets."""

    keyring_problem: WizardError | None = None  # at start: why no password can be kept
    manage: bool = False  # Welcome: a saved server, to manage (skips Settings to Apply)
    chosen: ServerProfile | None = None  # Welcome: the saved server picked
    target: Target | None = None  # Connect: set once connected
    report: ServerReport | None = None  # Check
    loaded: Loaded | None = None  # Settings
    options: RelayOptions = field(default_factory=RelayOptions)  # Settings
    plan: Plan | None = None  # Settings (None while the options are refused)
    apply_report: ApplyReport | None = None  # Apply
    applied: bool = False  # Apply: applied and verified
    users: list[SaslUser] = field(default_factory=list)  # Users
    last_user: Account | None = None  # Users
    test: SendInputs = field(default_factory=SendInputs)  # Test
    verified: SendResult | None = None  # Test: the accepted test message
    audit: AuditReport | None = None  # Test


# ---------------------------------------------------------------- what the jobs return


@dataclass(frozen=True)
class Connected:
    """Connect's job: logged in; what could not be saved on this computer, if anything."""

    target: Target
    privilege: str
    fingerprint: str
    not_saved: tuple[WizardError, ...] = ()


@dataclass(frozen=True)
class Sent:
    """A test message the server accepted, and what became of it there (if known)."""

    result: SendResult
    fate: MessageFate | None


@dataclass(frozen=True)
class SendFailed:
    """A test message the server refused, and why."""

    failure: SmtpFailure
    diagnosis: Diagnosis


SendOutcome = Sent | SendFailed


@dataclass(frozen=True)
class AccountSaved:
    """An account added or given a new password; where its password was kept."""

    user: SaslUser
    password: str
    keyring: str = ""  # the keyring's name when the password was saved there
    not_saved: WizardError | None = None


@dataclass(frozen=True)
class Written:
    """A file written on this computer."""

    path: str
