"""Onboarding from the Users page: a staff list in, accounts and each person's kit out.

The rules without Qt: what is checked before anything is made (the list line by line, the
mail identity, every person's settings, the folder), the work the worker thread runs (one
remote call for every account, then each person's handout and client files, Stop honoured
between people) and what its result holds. The passwords live only in the result, which
the dialog shows once; they reach a file only on the handouts the admin asked for (0600).
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from wizard.core.errors import Cancelled, Field, UsageError, WizardError
from wizard.core.exports.client_settings import ClientSettings, IncomingServer
from wizard.core.exports.identity import validate_mail_domain, validate_server_name
from wizard.core.exports.onboard import person_settings, prepare_folder, write_kits
from wizard.core.exports.staff import parse_staff
from wizard.core.local.profiles import ServerProfile
from wizard.core.translatable import QT_TRANSLATE_NOOP
from wizard.ui.model.export import fingerprint
from wizard.ui.model.profiles import export_profile, profile_name

if TYPE_CHECKING:
    import threading
    from collections.abc import Callable

    from wizard.core.exports.onboard import Accounts, Kit
    from wizard.core.exports.staff import Staff
    from wizard.core.mta.report import ServerReport
    from wizard.ui.model.services import Services
    from wizard.ui.model.state import Session, WizardState

# The progress of a run: (steps done, steps in all, the account whose kit is being written;
# "" while the accounts are made on the server).
Step = tuple[int, int, str]


@dataclass(frozen=True)
class OnboardInputs:
    """The dialog's fields."""

    staff: str = ""  # the list as pasted or read from a CSV file
    domain: str = ""  # the mail domain
    server_name: str = ""  # the name staff use for the server
    folder: str = ""
    with_passwords: bool = False  # each password on its owner's handout (0600)
    incoming: str = ""  # the IMAP server staff read mail from (over TLS); "": none


@dataclass(frozen=True)
class Prepared:
    """Inputs checked: nothing in them can stop the run before the server is asked."""

    people: list[Staff]
    base: ClientSettings
    folder: str
    with_passwords: bool


@dataclass(frozen=True)
class Onboarded:
    """What a run made. ``accounts.created`` holds the passwords, to be shown once."""

    folder: str
    accounts: Accounts
    kits: list[Kit] = field(default_factory=list)
    not_written: WizardError | None = None  # writing the kits failed after the accounts

    @property
    def without_kit(self) -> list[str]:
        """Accounts made whose kit was not written (Stop, or a failure while writing)."""
        written = {kit.account for kit in self.kits}
        return [a.person.account for a in self.accounts.created if a.person.account not in written]


def kit_profile(state: WizardState, saved: ServerProfile | None) -> ServerProfile | None:
    """How staff send, for the handouts: as verified by this session's test send, else as
    the set-up applied in this session says, else as the saved server says, else as the
    set-up chosen on the Settings page says."""
    target = state.target
    if target is None:
        return None
    if state.verified is not None:
        return export_profile(saved, target, state.verified, state.test)[0]
    if saved is not None and not state.applied:
        return saved
    base = saved or ServerProfile(name=profile_name(target.host), host=target.host)
    # as that set-up says, unverified (the Test page comes after the Users page)
    return replace(base.applied(state.options.profile), verified_at=None)


def prepare(
    inputs: OnboardInputs, profile: ServerProfile | None, report: ServerReport | None
) -> Prepared:
    """``inputs`` checked, every person's settings too, before anything is made.

    Raises:
        UsageError: the first problem, with the field it concerns (the staff list names
            the line).
    """
    if profile is None:
        raise UsageError(QT_TRANSLATE_NOOP("Onboarding", "Connect to a server first."))
    people = parse_staff(inputs.staff)
    domain = validate_mail_domain(inputs.domain.strip())
    server = validate_server_name(inputs.server_name.strip())
    folder = inputs.folder.strip()
    if not folder:
        raise UsageError(
            QT_TRANSLATE_NOOP("Onboarding", "Choose the folder for the handouts."),
            code="folder",
            field=Field.FOLDER,
        )
    incoming = IncomingServer(inputs.incoming.strip()) if inputs.incoming.strip() else None
    base = ClientSettings(
        profile,
        people[0].account,
        domain=domain,
        incoming=incoming,
        server=server,
        fingerprint=fingerprint(report),
    )
    for person in people:
        person_settings(base, person, None).validated()
    return Prepared(people, base, folder, inputs.with_passwords)


def run(
    services: Services,
    session: Session,
    prepared: Prepared,
    *,
    render_pdf: Callable[[str], bytes] | None,
    cancel: threading.Event,
    step: Callable[[Step], None],
    say: Callable[[str], str] = str,
) -> Onboarded:
    """The work on the worker thread: the folder checked, every account in one remote call,
    then each person's kit.

    Stop before the remote call makes nothing (Cancelled). Once the server is asked, the
    call runs to its end (it is short, and its passwords must reach the admin); Stop then
    ends the kits before the next person, and the result says who has none.
    """
    prepare_folder(prepared.folder)
    total = 1 + len(prepared.people)
    if cancel.is_set():
        raise Cancelled(QT_TRANSLATE_NOOP("Onboarding", "Stopped: no account was made."))
    step((0, total, ""))
    accounts = services.create_accounts(session, prepared.people)
    done = 1

    def one(account: str) -> None:
        nonlocal done
        step((done, total, account))
        done += 1

    try:
        kits = write_kits(
            prepared.folder,
            prepared.base,
            accounts.created,
            render_pdf=render_pdf,
            with_passwords=prepared.with_passwords,
            progress=one,
            cancel=cancel,
            say=say,
        )
    except (WizardError, OSError) as exc:
        failure = exc if isinstance(exc, WizardError) else WizardError(str(exc))
        return Onboarded(prepared.folder, accounts, not_written=failure)
    step((total, total, ""))
    return Onboarded(prepared.folder, accounts, kits)


def passwords_text(result: Onboarded) -> str:
    """The passwords to copy: one ``account<TAB>password`` line each."""
    return "".join(f"{a.person.account}\t{a.password}\n" for a in result.accounts.created)
