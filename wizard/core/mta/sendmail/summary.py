"""A plan in plain sentences, for the admin who decides: what changes for staff and for
strangers, which ports and login methods change, how sendmail takes the change, and (for
the classic profile) what crosses the network unencrypted. Pure: no I/O.

The Review page shows these sentences first and ``relay-wizard plan`` prints them before
the steps; the exact edits and commands stay available as detail.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from wizard.core.change.sentences import logins_sentence, names, staff_sentence
from wizard.core.mta.sendmail.mc import McFile, effective_daemons
from wizard.core.translatable import QT_TRANSLATE_NOOP

if TYPE_CHECKING:
    from collections.abc import Sequence

    from wizard.core.change.options import RelayOptions
    from wizard.core.change.plan import FileChange
    from wizard.core.change.verify import ExpectedPort

PLAINTEXT = ("PLAIN", "LOGIN")


def _ports_of(mc_text: str, reachable: bool) -> set[int]:
    """The TCP ports of this .mc's listeners (``reachable``: those other machines reach)."""
    if not mc_text.strip():
        return set()
    daemons = effective_daemons(McFile.parse(mc_text))
    return {d.port for d in daemons if d.network and (d.reachable or not reachable)}


def _ports(before: str, after: str) -> list[str]:
    """Which listeners open to the network or close to it."""
    was, now = _ports_of(before, True), _ports_of(after, True)
    local = _ports_of(before, False)
    opens_local = QT_TRANSLATE_NOOP(
        "Plan",
        "Port {port} will accept connections from the network; today only the server itself "
        "can reach it.",
    )
    opens_new = QT_TRANSLATE_NOOP(
        "Plan",
        "Port {port} will accept connections from the network; today nothing listens on it.",
    )
    closes = QT_TRANSLATE_NOOP(
        "Plan", "Port {port} will no longer accept connections from the network."
    )
    out: list[str] = [
        (opens_local if port in local else opens_new).format(port=port)
        for port in sorted(now - was)
    ]
    out += [closes.format(port=port) for port in sorted(was - now)]
    return out


def _reload(how: str) -> str:
    if "HUP" in how:
        return QT_TRANSLATE_NOOP(
            "Plan",
            "sendmail then re-reads its configuration (well under a second); mail already in "
            "its queue is kept.",
        )
    return QT_TRANSLATE_NOOP(
        "Plan",
        "sendmail is then restarted (a few seconds without mail service); mail already in its "
        "queue is kept.",
    )


def _files(changes: Sequence[FileChange], built: bool) -> str:
    paths = names([c.path for c in changes])
    if built:
        return QT_TRANSLATE_NOOP(
            "Plan",
            "Files changed: {paths}; sendmail.cf is rebuilt from the new sendmail.mc. A backup "
            "stays on the server, and a failed step puts everything back by itself.",
        ).format(paths=paths)
    return QT_TRANSLATE_NOOP(
        "Plan",
        "Files changed: {paths}. A backup stays on the server, and a failed step puts "
        "everything back by itself.",
    ).format(paths=paths)


def summarize(
    options: RelayOptions,
    changes: Sequence[FileChange],
    expect: Sequence[ExpectedPort],
    *,
    mc_before: str,
    mc_after: str,
    trusted_before: Sequence[str],
    trusted_after: Sequence[str],
    reload: str,
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
    elif any(m in PLAINTEXT for m in trusted_after):
        out.append(
            QT_TRANSLATE_NOOP("Plan", "Passwords are only accepted inside an encrypted connection.")
        )
    out += _ports(mc_before, mc_after)
    if trusted_after:
        out.append(logins_sentence(trusted_before, trusted_after))
    out.append(_reload(reload))
    out.append(_files(changes, mc_before != mc_after))
    return tuple(out)
