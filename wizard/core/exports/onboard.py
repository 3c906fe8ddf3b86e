"""Onboard the office in one go: accounts for a staff list, then each person's kit.

:func:`create_accounts` makes every account in ONE remote call with generated passwords
(on stdin only: :func:`wizard.core.mta.sendmail.users.set_passwords`); an account that
already exists keeps its password and is reported. :func:`write_kits` then writes, per
person, the one-page handout (a PDF when the front passes a renderer; the core never
imports Qt) and every client file their settings allow, into one folder. Passwords are
returned to the front to be shown once; they are written only onto handouts the admin asked
for, and those files are 0600.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from wizard.core.errors import Field, UsageError, WizardError
from wizard.core.exports.clients import export, write_file
from wizard.core.exports.handout import handout_html
from wizard.core.mta.sendmail import users
from wizard.core.target import shown
from wizard.core.translatable import QT_TRANSLATE_NOOP

if TYPE_CHECKING:
    import threading
    from collections.abc import Callable

    from wizard.core.exports.client_settings import ClientSettings
    from wizard.core.exports.staff import Staff
    from wizard.core.remote.runner import Runner

# Per person, besides the handout: the client files (those a person's settings cannot make,
# such as Thunderbird without an incoming server, are left out with a note).
CLIENT_FORMATS = ("msmtp", "mutt", "thunderbird", "mobileconfig")
_SUFFIX = {
    "msmtp": "{user}-msmtprc",
    "mutt": "{user}-muttrc",
    "thunderbird": "{user}-thunderbird-config-v1.1.xml",
    "mobileconfig": "{user}.mobileconfig",
}


@dataclass(frozen=True)
class NewAccount:
    """One person whose account was made, and its password (to be shown once)."""

    person: Staff
    password: str


@dataclass(frozen=True)
class Accounts:
    created: list[NewAccount]
    existing: list[str] = field(default_factory=list)  # kept as they were
    failed: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Kit:
    """The files written for one person, and what could not be made."""

    account: str
    files: list[str]
    skipped: list[str] = field(default_factory=list)


def create_accounts(
    session: Runner,
    realm: str,
    staff: list[Staff],
    *,
    generate: Callable[[], str] = users.generate_password,
    cancel: threading.Event | None = None,
) -> Accounts:
    """Every account in one remote call; existing accounts are left alone."""
    passwords = {p.account: generate() for p in staff}
    result = users.set_passwords(
        session,
        realm,
        [(p.account, passwords[p.account]) for p in staff],
        mode="add",
        cancel=cancel,
    )
    done = set(result.done)
    created = [NewAccount(p, passwords[p.account]) for p in staff if p.account in done]
    return Accounts(created, list(result.existing), list(result.failed))


def prepare_folder(folder: str | os.PathLike[str]) -> None:
    """Make ``folder`` if missing and check it can be written: before any account is made,
    so that a folder that cannot take the kits stops the onboarding first. UsageError."""
    path = os.fspath(folder)
    problem = None
    try:
        os.makedirs(path, exist_ok=True)
        if not os.access(path, os.W_OK | os.X_OK):
            problem = QT_TRANSLATE_NOOP(
                "Errors", "Cannot write into the folder {value}: it is not writable."
            ).format(value=shown(path, 200))
    except OSError as exc:
        problem = QT_TRANSLATE_NOOP(
            "Errors", "Cannot write into the folder {value}: {reason}."
        ).format(value=shown(path, 200), reason=exc.strerror or str(exc))
    if problem is not None:
        raise UsageError(
            problem,
            QT_TRANSLATE_NOOP("Errors", "Choose a folder you can write to."),
            code="folder",
            field=Field.FOLDER,
        )


def _safe(name: str) -> str:
    return "".join(c if c.isalnum() or c in "._-" else "-" for c in name)


def person_settings(base: ClientSettings, person: Staff, password: str | None) -> ClientSettings:
    """``base`` (the server, the mail identity) for one person."""
    return replace(
        base,
        user=person.account,
        email=person.email,
        display_name=person.display_name,
        password=password,
    )


def write_kits(
    folder: str | os.PathLike[str],
    base: ClientSettings,
    accounts: list[NewAccount],
    *,
    render_pdf: Callable[[str], bytes] | None = None,
    with_passwords: bool = False,
    progress: Callable[[str], None] | None = None,
    cancel: threading.Event | None = None,
    say: Callable[[str], str] = str,
) -> list[Kit]:
    """Each person's handout and client files in ``folder`` (made if missing); ``say``
    puts the handout's sentences in the window's language (the command line keeps English).

    Every person's settings are checked before the first file is written, so a bad value
    writes nothing. UsageError when the folder cannot be written. ``cancel`` stops before
    the next person: the kits of those before are returned.
    """
    checked = [
        (a, person_settings(base, a.person, a.password if with_passwords else None).validated())
        for a in accounts
    ]
    prepare_folder(folder)
    kits = []
    for account, settings in checked:
        if cancel is not None and cancel.is_set():
            break  # the kits written so far stand; the caller says who has none
        user = _safe(account.person.account)
        if progress is not None:
            progress(account.person.account)
        files, skipped = [], []
        handout = handout_html(settings, say)
        if render_pdf is not None:
            name, data = f"{user}-mail-settings.pdf", render_pdf(handout)
        else:
            name, data = f"{user}-mail-settings.html", handout.encode("utf-8")
        path = os.path.join(folder, name)
        write_file(path, data, fmt="handout-html", secret=bool(settings.password))
        files.append(path)
        for fmt in CLIENT_FORMATS:
            try:
                made = export(fmt, replace(settings, password=None))
            except WizardError as exc:
                skipped.append(f"{fmt}: {exc.message}")
                continue
            path = os.path.join(folder, _SUFFIX[fmt].format(user=user))
            write_file(path, made.text.encode("utf-8"), fmt=fmt, secret=False)
            files.append(path)
        kits.append(Kit(account.person.account, files, skipped))
    return kits
