"""The one-page handout for a staff member: the settings to type, as text and as HTML.

The HTML is written with :mod:`wizard.core.markup` (every value escaped); the PDF is
rendered from it through Qt outside the core (``wizard.render``). Pure.
"""

from __future__ import annotations

from wizard.core.exports.client_settings import (
    MECHANISM_WORDS,
    SECURITY_WORDS,
    SELF_SIGNED,
    ClientSettings,
    cert_steps,
)
from wizard.core.markup import document, join, paragraphs, table, tag


def handout_rows(s: ClientSettings) -> list[tuple[str, str]]:
    """(label, value) pairs of the handout, in order."""
    p = s.profile
    rows = [
        ("Email address", s.email),
        ("Outgoing (SMTP) server", s.host),
        ("Port", str(p.smtp_port)),
        ("Security", SECURITY_WORDS[p.security]),
        ("Authentication", MECHANISM_WORDS.get(p.mechanism, p.mechanism)),
        ("User name", s.user),
    ]
    if s.password:
        rows.append(("Password", s.password))
    if s.fingerprint:
        rows.append(("Certificate fingerprint (SHA-256)", s.fingerprint))
    if s.incoming is not None:
        i = s.incoming
        rows += [
            (f"Incoming ({i.type.upper()}) server", i.host.lower()),
            ("Incoming port", str(i.port)),
            ("Incoming security", SECURITY_WORDS[i.security]),
        ]
    return rows


def handout_text(s: ClientSettings) -> str:
    """The handout as plain text (a preview, the clipboard)."""
    lines = [f"WARNING: {w}" for w in s.warnings()]
    lines += [f"{label}: {value}" for label, value in handout_rows(s)]
    if s.fingerprint:
        lines += ["", SELF_SIGNED.format(fp=s.fingerprint)]
        lines += [f"- {who}: {steps}" for who, steps in cert_steps(s.fingerprint)]
    return "\n".join(lines) + "\n"


def handout_html(s: ClientSettings) -> str:
    """One page for one staff member; also the source of the PDF."""
    p = s.profile
    who = f"{s.display_name} ({s.email})" if s.display_name else s.email
    title = f"Mail settings for {who}"
    rows = [(label, tag("b", value)) for label, value in handout_rows(s)]
    warnings = paragraphs(s.warnings(), 'style="color:#b00020; font-weight:bold"')
    notes = [
        "Use exactly these settings for sending: other ports or login methods were not "
        "tested and may be refused."
    ]
    if not s.password:
        notes.append("Your password is given to you separately.")
    if p.verified_at is not None:
        notes.append(f"Verified by a test message on {p.verified_at:%Y-%m-%d %H:%M} UTC.")
    parts = [tag("h1", title), *([warnings] if s.warnings() else [])]
    parts += [
        table(rows, attrs="cellpadding=6 border=1 cellspacing=0", row_header=True),
        paragraphs(notes),
    ]
    if s.fingerprint:
        steps = [(who, steps) for who, steps in cert_steps(s.fingerprint)]
        parts += [
            paragraphs([SELF_SIGNED.format(fp=s.fingerprint)], 'style="font-weight:bold"'),
            table(steps, attrs="cellpadding=4 border=0 cellspacing=0", row_header=True),
        ]
    return document(title, join(parts, "\n"))
