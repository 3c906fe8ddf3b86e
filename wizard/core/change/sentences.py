"""The sentences every mail server's plan summary shares: what staff can do on a port
after the change, which login methods are offered, a list in words. Pure."""

from __future__ import annotations

from typing import TYPE_CHECKING

from wizard.core.translatable import QT_TRANSLATE_NOOP

if TYPE_CHECKING:
    from collections.abc import Sequence

    from wizard.core.change.verify import ExpectedPort


def names(items: Sequence[str]) -> str:
    """ "A", "A and B", "A, B and C"."""
    items = list(items)
    if len(items) < 2:
        return "".join(items)
    return QT_TRANSLATE_NOOP("Plan", "{items} and {last}").format(
        items=", ".join(items[:-1]), last=items[-1]
    )


def staff_sentence(e: ExpectedPort) -> str:
    """What staff can do on one listener after the change."""
    if e.security == "tls":
        text = QT_TRANSLATE_NOOP(
            "Plan",
            "After this, staff can send from anywhere on port {port} after logging in with "
            "their password; the connection is encrypted from the start.",
        )
    elif e.security == "starttls":
        text = QT_TRANSLATE_NOOP(
            "Plan",
            "After this, staff can send from anywhere on port {port} after logging in with "
            "their password; the connection is encrypted before the password is sent.",
        )
    else:
        text = QT_TRANSLATE_NOOP(
            "Plan",
            "After this, staff can send from anywhere on port {port} after logging in with "
            "their password.",
        )
    return text.format(port=e.port)


def logins_sentence(before: Sequence[str], after: Sequence[str]) -> str:
    """Which login methods may relay (``before`` and ``after`` the change), which are new."""
    added = [m for m in after if m not in before]
    kept = [m for m in before if m in after]
    if not before:
        return QT_TRANSLATE_NOOP("Plan", "Mail programs may log in with {methods}.").format(
            methods=names(after)
        )
    if not added:
        return QT_TRANSLATE_NOOP("Plan", "The login methods stay as they are ({methods}).").format(
            methods=names(kept)
        )
    if len(added) == 1:
        text = QT_TRANSLATE_NOOP(
            "Plan", "The login methods staff use today ({today}) keep working; {added} is added."
        )
    else:
        text = QT_TRANSLATE_NOOP(
            "Plan", "The login methods staff use today ({today}) keep working; {added} are added."
        )
    return text.format(today=names(kept), added=names(added))
