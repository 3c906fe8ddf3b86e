"""The one-page handout for a staff member: the settings to type, as text and as HTML.

The HTML is written with :mod:`wizard.core.markup` (every value escaped); the PDF is
rendered from it through Qt outside the core (``wizard.render``). Pure.

The handout is prose for staff, so its labels and sentences are marked for the catalogue
(:mod:`wizard.core.translatable`): ``say`` turns each into the language the handout is
written in (the command line's ``str`` keeps English; the window passes
``wizard.ui.i18n.shown``). Values (addresses, names, the password) are never translated.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from wizard.core.exports.client_settings import (
    MECHANISM_WORDS,
    SECURITY_WORDS,
    SELF_SIGNED,
    ClientSettings,
    cert_steps,
)
from wizard.core.markup import document, join, paragraphs, table, tag
from wizard.core.translatable import QT_TRANSLATE_NOOP

if TYPE_CHECKING:
    from collections.abc import Callable

    Say = Callable[[str], str]


def handout_rows(s: ClientSettings) -> list[tuple[str, str]]:
    """(label, value) pairs of the handout, in order (labels and words are Translatable)."""
    p = s.profile
    rows: list[tuple[str, str]] = [
        (QT_TRANSLATE_NOOP("Handout", "Email address"), s.email),
        (QT_TRANSLATE_NOOP("Handout", "Outgoing (SMTP) server"), s.host),
        (QT_TRANSLATE_NOOP("Handout", "Port"), str(p.smtp_port)),
        (QT_TRANSLATE_NOOP("Handout", "Security"), SECURITY_WORDS[p.security]),
        (
            QT_TRANSLATE_NOOP("Handout", "Authentication"),
            MECHANISM_WORDS.get(p.mechanism, p.mechanism),
        ),
        (QT_TRANSLATE_NOOP("Handout", "User name"), s.user),
    ]
    if s.password:
        rows.append((QT_TRANSLATE_NOOP("Handout", "Password"), s.password))
    if s.fingerprint:
        rows.append(
            (QT_TRANSLATE_NOOP("Handout", "Certificate fingerprint (SHA-256)"), s.fingerprint)
        )
    if s.incoming is not None:
        i = s.incoming
        rows += [
            (
                QT_TRANSLATE_NOOP("Handout", "Incoming ({type}) server").format(
                    type=i.type.upper()
                ),
                i.host.lower(),
            ),
            (QT_TRANSLATE_NOOP("Handout", "Incoming port"), str(i.port)),
            (QT_TRANSLATE_NOOP("Handout", "Incoming security"), SECURITY_WORDS[i.security]),
        ]
    return rows


def handout_text(s: ClientSettings, say: Say = str) -> str:
    """The handout as plain text (a preview, the clipboard), each sentence through ``say``."""
    lines = [
        say(QT_TRANSLATE_NOOP("Handout", "WARNING: {warning}").format(warning=w))
        for w in s.warnings()
    ]
    row = QT_TRANSLATE_NOOP("Handout", "{label}: {value}")
    lines += [say(row.format(label=label, value=value)) for label, value in handout_rows(s)]
    if s.fingerprint:
        lines += ["", say(SELF_SIGNED.format(fp=s.fingerprint))]
        step = QT_TRANSLATE_NOOP("Handout", "- {program}: {steps}")
        lines += [
            say(step.format(program=who, steps=what)) for who, what in cert_steps(s.fingerprint)
        ]
    return "\n".join(lines) + "\n"


def handout_html(s: ClientSettings, say: Say = str) -> str:
    """One page for one staff member; also the source of the PDF."""
    p = s.profile
    if s.display_name:
        title = QT_TRANSLATE_NOOP("Handout", "Mail settings for {name} ({email})").format(
            name=s.display_name, email=s.email
        )
    else:
        title = QT_TRANSLATE_NOOP("Handout", "Mail settings for {email}").format(email=s.email)
    rows = [(say(label), tag("b", say(value))) for label, value in handout_rows(s)]
    warnings = paragraphs([say(w) for w in s.warnings()], 'style="color:#b00020; font-weight:bold"')
    notes = [
        QT_TRANSLATE_NOOP(
            "Handout",
            "Use exactly these settings for sending: other ports or login methods were not "
            "tested and may be refused.",
        )
    ]
    if not s.password:
        notes.append(QT_TRANSLATE_NOOP("Handout", "Your password is given to you separately."))
    if p.verified_at is not None:
        notes.append(
            QT_TRANSLATE_NOOP("Handout", "Verified by a test message on {time} UTC.").format(
                time=f"{p.verified_at:%Y-%m-%d %H:%M}"
            )
        )
    parts = [tag("h1", say(title)), *([warnings] if s.warnings() else [])]
    parts += [
        table(rows, attrs="cellpadding=6 border=1 cellspacing=0", row_header=True),
        paragraphs([say(n) for n in notes]),
    ]
    if s.fingerprint:
        steps = [(say(who), say(what)) for who, what in cert_steps(s.fingerprint)]
        parts += [
            paragraphs([say(SELF_SIGNED.format(fp=s.fingerprint))], 'style="font-weight:bold"'),
            table(steps, attrs="cellpadding=4 border=0 cellspacing=0", row_header=True),
        ]
    return document(say(title), join(parts, "\n"))
