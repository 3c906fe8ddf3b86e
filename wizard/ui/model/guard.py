"""What the Server check page says about the certificates on the server and what protects
its login against password guessing: plain sentences (context ``Check``), each with its
level, from the facts inspection read. No Qt: the page adds them to a list."""

from __future__ import annotations

from typing import TYPE_CHECKING

from wizard.core.translatable import QT_TRANSLATE_NOOP, joined

if TYPE_CHECKING:
    from wizard.core.mta.report import CertificateFound, ServerReport

# how many days before expiry a certificate is a warning (as inspection judges it)
EXPIRY_WARNING_DAYS = 21
# a certificate's source when the mail server itself names it (not a tool that renews it)
MAIL_SERVERS = ("sendmail", "postfix")


def _names(c: CertificateFound) -> str:
    return ", ".join(c.names)


def _certificate(c: CertificateFound, name: str) -> tuple[str, str]:
    """One sentence for one certificate, and its level."""
    if c.self_signed:
        text = QT_TRANSLATE_NOOP(
            "Check", "A self-signed certificate for {names}, valid until {expires}."
        )
    elif c.source in MAIL_SERVERS:
        text = QT_TRANSLATE_NOOP(
            "Check", "A certificate from {issuer} for {names}, valid until {expires}."
        )
    else:
        text = QT_TRANSLATE_NOOP(
            "Check",
            "A certificate from {issuer} for {names}, valid until {expires}, kept up to date "
            "by {tool}.",
        )
    parts = [
        text.format(issuer=c.issuer, names=_names(c), expires=c.expires, tool=c.source),
    ]
    if c.days_left < 0:
        parts.append(QT_TRANSLATE_NOOP("Check", "It has expired."))
    elif c.days_left <= EXPIRY_WARNING_DAYS:
        parts.append(
            QT_TRANSLATE_NOOP("Check", "It expires in {days} day(s).").format(days=c.days_left)
        )
    if name and not c.self_signed:
        if c.covers:
            parts.append(QT_TRANSLATE_NOOP("Check", "It is valid for {name}.").format(name=name))
        else:
            parts.append(
                QT_TRANSLATE_NOOP("Check", "It is not valid for {name}.").format(name=name)
            )
    if c.in_use:
        parts.append(QT_TRANSLATE_NOOP("Check", "The mail server uses it."))
    else:
        parts.append(QT_TRANSLATE_NOOP("Check", "The mail server does not use it."))
    level = "ok"
    if c.days_left < 0 and c.in_use:
        level = "problem"
    elif c.days_left <= EXPIRY_WARNING_DAYS and (c.in_use or c.source not in MAIL_SERVERS):
        level = "warning"
    return joined(parts), level


def guard_notes(r: ServerReport) -> list[tuple[str, str]]:
    """(level, sentence) for each certificate found, then fail2ban, then the failed logins."""
    name = r.realm
    out: list[tuple[str, str]] = []
    # a tool's certificate the mail server presents is said once, as that tool's
    shared = any(c.in_use and c.source not in MAIL_SERVERS for c in r.certificates)
    for c in r.certificates:
        if shared and c.source in MAIL_SERVERS:
            continue
        text, level = _certificate(c, name)
        out.append((level, text))
    if not r.certificates:
        out.append(("ok", QT_TRANSLATE_NOOP("Check", "No certificate was found on the server.")))
    if r.mta == "postfix":
        # what guards Postfix's logins is not read yet: say so instead of guessing
        out.append(
            (
                "ok",
                QT_TRANSLATE_NOOP(
                    "Check",
                    "Relay Wizard does not check or set up protection against password "
                    "guessing on Postfix yet.",
                ),
            )
        )
        return out
    p = r.protection
    # nothing against guessing where the login is open to the network: a warning
    open_login = "warning" if any(f.id == "guess_unprotected" for f in r.findings) else "ok"
    if p.jails:
        out.append(
            (
                "ok",
                QT_TRANSLATE_NOOP(
                    "Check",
                    "fail2ban is running and bans addresses that keep failing to log in.",
                ),
            )
        )
    elif p.fail2ban == "running":
        out.append(
            (
                open_login,
                QT_TRANSLATE_NOOP(
                    "Check", "fail2ban is running, but it does not watch the mail server's logins."
                ),
            )
        )
    elif p.fail2ban == "installed":
        out.append(("ok", QT_TRANSLATE_NOOP("Check", "fail2ban is installed but not running.")))
    else:
        out.append((open_login, QT_TRANSLATE_NOOP("Check", "fail2ban is not installed.")))
    f = p.failures
    if not f.log_path:
        out.append(("ok", QT_TRANSLATE_NOOP("Check", "The mail log was not found.")))
    elif not f.count:
        out.append(("ok", QT_TRANSLATE_NOOP("Check", "The mail log shows no failed logins.")))
    else:
        sources = ", ".join(f"{address} ({count})" for address, count in f.top_sources)
        text = (
            QT_TRANSLATE_NOOP(
                "Check", "The mail log shows {count} failed login(s), most from: {sources}."
            )
            if sources
            else QT_TRANSLATE_NOOP("Check", "The mail log shows {count} failed login(s).")
        )
        out.append(("ok" if p.jails else "warning", text.format(count=f.count, sources=sources)))
    return out
