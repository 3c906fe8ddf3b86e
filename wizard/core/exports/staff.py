"""The office's staff from a CSV file or a pasted list: one person a line.

Each line is ``account[,address[,display name]]`` (a header line naming the columns is
allowed); values are checked for their kind, and a hostile or broken line is refused with
one sentence that names it. Pure.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass

from wizard.core.errors import Field, UsageError, WizardError
from wizard.core.mta.sendmail.users import split_user_name
from wizard.core.target import shown, validate_email
from wizard.core.translatable import QT_TRANSLATE_NOOP
from wizard.core.untrusted import has_unsafe

MAX_STAFF = 500
MAX_DISPLAY_NAME = 100
MAX_FILE_BYTES = 1_000_000  # 500 people need a few tens of kB
_HEADER_WORDS = {"name", "account", "user", "username", "login", "staff"}


@dataclass(frozen=True)
class Staff:
    """One person: the account they log in with, their address and the name shown."""

    account: str
    email: str = ""
    display_name: str = ""


def _refuse(line: int, what: str) -> UsageError:
    return UsageError(
        QT_TRANSLATE_NOOP("Errors", "Line {line} of the staff list {what}.").format(
            line=line, what=what
        ),
        QT_TRANSLATE_NOOP(
            "Errors",
            "Correct that line: an account name, then optionally the address and the "
            "name shown, separated by commas.",
        ),
        code="staff_line",
        field=Field.STAFF,
    )


def _person(line: int, cells: list[str]) -> Staff:
    if len(cells) > 3:
        raise _refuse(line, "has more than three values")
    account, email, display = (*cells, "", "")[:3]
    for value in (account, email, display):
        if has_unsafe(value) or "\0" in value:
            raise _refuse(line, "holds a control character")
    if not account:
        raise _refuse(line, "has no account name")
    try:
        split_user_name(account)
    except WizardError:
        raise _refuse(
            line,
            f"has {shown(account)}, which is not a usable account name (letters, digits, "
            "'.', '_', '+' or '-', no spaces)",
        ) from None
    if email:
        try:
            validate_email(email)
        except WizardError:
            raise _refuse(line, f"has {shown(email)}, which is not an e-mail address") from None
    if len(display) > MAX_DISPLAY_NAME:
        raise _refuse(line, f"has a name longer than {MAX_DISPLAY_NAME} characters")
    return Staff(account, email, display)


def parse_staff(text: str) -> list[Staff]:
    """The people in ``text``; UsageError naming the first bad line.

    Empty lines and lines starting with ``#`` are skipped; so is a first line whose first
    value is a column name (name, account, user...).
    """
    people: list[Staff] = []
    seen: dict[str, int] = {}
    if "\0" in text:
        line = text[: text.index("\0")].count("\n") + 1
        raise _refuse(line, "holds a control character")
    rows = csv.reader(text.splitlines())
    for number, row in enumerate(rows, start=1):
        cells = [cell.strip() for cell in row]
        while cells and not cells[-1]:
            cells.pop()
        if not cells or cells[0].startswith("#"):
            continue
        if not people and not seen and cells[0].lower() in _HEADER_WORDS:
            seen[""] = number  # the header: nothing to check
            continue
        person = _person(number, cells)
        key = person.account.lower()
        if key in seen:
            raise _refuse(
                number, f"repeats the account {shown(person.account)} of line {seen[key]}"
            )
        seen[key] = number
        people.append(person)
        if len(people) > MAX_STAFF:
            raise UsageError(
                QT_TRANSLATE_NOOP(
                    "Errors", "The staff list has more than {max_staff} people."
                ).format(max_staff=MAX_STAFF),
                QT_TRANSLATE_NOOP("Errors", "Split it into smaller lists."),
                field=Field.STAFF,
            )
    if not people:
        raise UsageError(
            QT_TRANSLATE_NOOP("Errors", "The staff list names nobody."),
            QT_TRANSLATE_NOOP(
                "Errors",
                "Give one person a line: an account name, then optionally the address "
                "and the name shown, separated by commas.",
            ),
            code="staff_empty",
            field=Field.STAFF,
        )
    return people


def read_staff_file(path: str) -> str:
    """The text of the staff list at ``path`` (UTF-8, a BOM allowed); UsageError when it
    cannot be read, is not text or is far larger than a staff list."""
    reason = ""
    try:
        with open(path, "rb") as handle:
            data = handle.read(MAX_FILE_BYTES + 1)
        if len(data) > MAX_FILE_BYTES:
            reason = "it is too large for a staff list"
        else:
            return data.decode("utf-8-sig")
    except OSError as exc:
        reason = exc.strerror or str(exc)
    except UnicodeDecodeError:
        reason = "it is not UTF-8 text"
    raise UsageError(
        f"Cannot read the staff list {shown(path, 200)}: {reason}.",
        "Give a CSV file: one person a line.",
        code="staff_file",
        field=Field.STAFF,
    )
