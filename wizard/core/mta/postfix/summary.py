"""A Postfix plan in plain sentences, for the admin who decides: what changes for staff
and for strangers, which ports open, which login methods are added, how Postfix takes
the change (the same guarantees as sendmail's summary, in Postfix's words). Pure."""

from __future__ import annotations

from typing import TYPE_CHECKING

from wizard.core.change.sentences import logins_sentence, names, staff_sentence
from wizard.core.translatable import QT_TRANSLATE_NOOP

if TYPE_CHECKING:
    from collections.abc import Sequence

    from wizard.core.change.options import RelayOptions
    from wizard.core.change.plan import FileChange
    from wizard.core.change.verify import ExpectedPort
    from wizard.core.mta.postfix.settings import Decision

PLAINTEXT = ("PLAIN", "LOGIN")


def summarize(
    options: RelayOptions,
    changes: Sequence[FileChange],
    expect: Sequence[ExpectedPort],
    decision: Decision,
    *,
    running: bool,
) -> tuple[str, ...]:
    """The plan in sentences, most important first (empty when nothing changes)."""
    if not changes:
        return ()
    out = [staff_sentence(e) for e in expect] or [
        QT_TRANSLATE_NOOP(
            "Plan",
            "After this, staff can log in with their password to send mail through the server.",
        )
    ]
    out.append(
        QT_TRANSLATE_NOOP(
            "Plan",
            "Strangers still cannot relay mail through the server: Relay Wizard checks this "
            "from this computer right after the change and undoes everything if they can.",
        )
    )
    if options.profile == "classic":
        out.append(
            QT_TRANSLATE_NOOP(
                "Plan",
                "With the classic profile, logins and mail cross the network unencrypted: "
                "anyone on the way can read the mail, and the login is protected only by the "
                "older CRAM-MD5 or DIGEST-MD5 methods. Use it only on a network you trust.",
            )
        )
    elif any(m in PLAINTEXT for m in decision.mechanisms_after) or decision.dovecot:
        out.append(
            QT_TRANSLATE_NOOP("Plan", "Passwords are only accepted inside an encrypted connection.")
        )
    opens = QT_TRANSLATE_NOOP(
        "Plan",
        "Port {port} will accept connections from the network; today nothing listens on it.",
    )
    out += [opens.format(port=port) for port in sorted(decision.opened)]
    if options.profile == "modern" and not decision.auth_on_25:
        out.append(
            QT_TRANSLATE_NOOP(
                "Plan",
                "Port 25 keeps receiving mail from other mail servers as today; it does not "
                "offer logins.",
            )
        )
    if decision.dovecot:
        out.append(
            QT_TRANSLATE_NOOP(
                "Plan", "Logins are checked by Dovecot, as today: its accounts and methods stay."
            )
        )
    elif decision.mechanisms_after:
        out.append(logins_sentence(decision.mechanisms_before, decision.mechanisms_after))
    if running:
        out.append(
            QT_TRANSLATE_NOOP(
                "Plan",
                "Postfix then re-reads its configuration (postfix reload, well under a "
                "second); mail already in its queue is kept.",
            )
        )
    else:
        out.append(
            QT_TRANSLATE_NOOP(
                "Plan",
                "Postfix is not running: it is then started with the new configuration.",
            )
        )
    out.append(
        QT_TRANSLATE_NOOP(
            "Plan",
            "Files changed: {paths}. Postfix's own editor (postconf) makes the changes and "
            "Postfix checks them before anything is replaced. A backup stays on the server, "
            "and a failed step puts everything back by itself.",
        ).format(paths=names([c.path for c in changes]))
    )
    return tuple(out)
