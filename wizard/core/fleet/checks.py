"""One check on many saved servers: a test send or an open-relay audit on each, one summary.

The GUI's Servers window runs :func:`run_send` or :func:`run_audit` on every saved server
through the fleet's runner (:func:`wizard.core.fleet.runner.run_parallel`, a few at a time)
and shows the rows they return (the fleet's one :class:`~wizard.core.fleet.summary.Row`,
its ``check`` "send" or "audit"); the summary is made by the pure functions at the end of
this module, tested on data.

A saved server (:class:`wizard.core.local.profiles.ServerProfile`) holds everything a check
needs except the mail password, which comes from the keyring: :func:`look_up_passwords`
reads them all first, one after another, so a locked keyring is asked to unlock once,
not once per server. A server without a saved password gets a row that says so instead
of a prompt. Neither check needs SSH: the audit then cannot say whether the server's
config trusts this computer, and says so when a trick is accepted (see
:meth:`wizard.core.mail.audit.Vantage.note`).
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Literal, Protocol

from wizard.core import markup
from wizard.core.errors import Cancelled, Field, UsageError, WizardError
from wizard.core.fleet.summary import Row
from wizard.core.mail.audit import audit_relay
from wizard.core.mail.audit_report import EXPIRY_WARNING_DAYS
from wizard.core.mail.diagnose import Diagnosis, diagnose
from wizard.core.mail.send import SendResult, send_test
from wizard.core.mail.smtp import SmtpFailure, SmtpSettings
from wizard.core.target import validate_email
from wizard.core.translatable import QT_TRANSLATE_NOOP, joined

if TYPE_CHECKING:
    import threading

    from wizard.core.fleet.runner import Outcome
    from wizard.core.local.profiles import ServerProfile
    from wizard.core.mail.audit_report import AuditReport

Check = Literal["send", "audit"]
Status = Literal["passed", "failed", "not run", "cancelled"]
Progress = Callable[[str], None]

CHECK_TITLES: dict[str, str] = {
    "send": QT_TRANSLATE_NOOP("Fleet", "test send"),
    "audit": QT_TRANSLATE_NOOP("Fleet", "open-relay audit"),
}
# A row's result in words (the result itself stays the stable name, for the JSON).
RESULT_WORDS: dict[str, str] = {
    "passed": QT_TRANSLATE_NOOP("Fleet", "passed"),
    "failed": QT_TRANSLATE_NOOP("Fleet", "failed"),
    "not run": QT_TRANSLATE_NOOP("Fleet", "not run"),
    "cancelled": QT_TRANSLATE_NOOP("Fleet", "cancelled"),
}
STATUS_ORDER: tuple[Status, ...] = ("passed", "failed", "not run", "cancelled")

NO_PASSWORD = QT_TRANSLATE_NOOP(
    "Fleet", "no saved password: open the server in the wizard and save it"
)
NO_ACCOUNT = QT_TRANSLATE_NOOP(
    "Fleet",
    "no mail account saved for this server: open it in the wizard, add an account and "
    "send a test message there",
)
MAX_PARALLEL = 4

_LABEL = r"[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?"
_RECIPIENT = re.compile(rf"[^\s@<>()\[\],;:\"]+@{_LABEL}(?:\.{_LABEL})+")


def title(check: str) -> str:
    """The words for a check ("test send", "open-relay audit")."""
    return CHECK_TITLES.get(check, check)


def check_row(
    profile: ServerProfile,
    check: Check,
    status: Status,
    detail: str,
    fix: str = "",
) -> Row:
    """A row of ``check`` on the saved server ``profile``: ``detail`` is what was found
    when it passed, else why not (and ``fix`` what to do)."""
    if status == "passed":
        return Row(profile.name, profile.host, status, True, check, verification=detail)
    return Row(profile.name, profile.host, status, False, check, error=detail, fix=fix)


class PasswordSource(Protocol):
    """What the look-up needs of the keyring (``CredentialStore`` provides it)."""

    def sasl_password(self, host: str, user: str) -> str | None: ...


def validate_recipient(text: str) -> str:
    """The test message's recipient, ``local@domain.tld``; UsageError otherwise."""
    text = text.strip()
    if _RECIPIENT.fullmatch(text):
        validate_email(text, envelope=True)  # no control characters, nothing SMTP forbids
    else:
        raise UsageError(
            QT_TRANSLATE_NOOP(
                "Fleet", "{text} is not a mail address the test message can go to."
            ).format(text=repr(text))
            if text
            else QT_TRANSLATE_NOOP("Fleet", "Give the address the test messages go to."),
            QT_TRANSLATE_NOOP(
                "Fleet",
                "Use an address in another domain than the servers' own, e.g. you@example.org: "
                "only a message to another domain shows that the relay works.",
            ),
            code="bad_recipient",
            field=Field.TO,
        )
    return text


def smtp_settings(profile: ServerProfile, *, verify_cert: bool = True) -> SmtpSettings:
    """How a mail program reaches the relay of ``profile``: its port, security, pinned cert."""
    return SmtpSettings(
        profile.host,
        profile.smtp_port,
        profile.security,
        verify_cert=verify_cert,
        pinned_sha256=profile.pinned_cert_sha256 or None,
    )


def look_up_passwords(
    profiles: Iterable[ServerProfile], store: PasswordSource
) -> tuple[dict[str, str], list[Row]]:
    """The saved mail password of each server's account, one look-up after another.

    Returns:
        (passwords by server name, a "not run" row for each server that has none). After
        the first keyring error the rest are not looked up (each would ask to unlock it
        again): they get that error as their row.
    """
    passwords: dict[str, str] = {}
    rows: list[Row] = []
    broken = ""
    for p in profiles:
        if not p.smtp_user:
            rows.append(check_row(p, "send", "not run", NO_ACCOUNT))
            continue
        if broken:
            rows.append(check_row(p, "send", "not run", broken))
            continue
        try:
            found = store.sasl_password(p.host, p.smtp_user)
        except WizardError as exc:
            broken = f"the keyring could not be used: {exc}"
            rows.append(check_row(p, "send", "not run", broken))
            continue
        if found:
            passwords[p.name] = found
        else:
            rows.append(check_row(p, "send", "not run", NO_PASSWORD))
    return passwords, rows


# --------------------------------------------------------------------------- rows (pure)


def _unverified(profile: ServerProfile, text: str) -> str:
    """``text``, with a note when the profile's settings were never verified."""
    if profile.verified:
        return text
    return QT_TRANSLATE_NOOP(
        "Fleet",
        "{text} (these settings, port {port} with {security}, were never verified by a test send)",
    ).format(text=text, port=profile.smtp_port, security=profile.security)


def send_row(profile: ServerProfile, result: SendResult) -> Row:
    """A test message the server accepted."""
    detail = (
        QT_TRANSLATE_NOOP(
            "Fleet",
            "logged in as {user} with {mechanism} over TLS; message accepted ({reply}) on "
            "port {port}",
        )
        if result.tls
        else QT_TRANSLATE_NOOP(
            "Fleet",
            "logged in as {user} with {mechanism}; message accepted ({reply}) on port {port}",
        )
    )
    return check_row(
        profile,
        "send",
        "passed",
        detail.format(
            user=profile.smtp_user,
            mechanism=result.mechanism,
            reply=result.reply,
            port=profile.smtp_port,
        ),
    )


def send_failed_row(profile: ServerProfile, diagnosis: Diagnosis) -> Row:
    """A test message that did not get through: where, why and what to do."""
    detail = (
        QT_TRANSLATE_NOOP("Fleet", "failed at {stage}. The server said: {reply}. {cause}")
        if diagnosis.reply
        else QT_TRANSLATE_NOOP("Fleet", "failed at {stage}. {cause}")
    )
    return check_row(
        profile,
        "send",
        "failed",
        detail.format(stage=diagnosis.stage, reply=diagnosis.reply, cause=diagnosis.cause),
        _unverified(profile, diagnosis.fix),
    )


def audit_row(profile: ServerProfile, report: AuditReport) -> Row:
    """Passed when every relay trick without login was refused and no check beside failed;
    the text says until when the certificate presented is valid (a warning 21 days before
    it expires is among the summary's sentences)."""
    ok = report.closed and not report.failed_checks
    sentences = report.summary_sentences()
    cert, days = report.certificate, report.cert_days_left
    if cert is not None and not report.certificate_warning():
        sentences.append(
            QT_TRANSLATE_NOOP("Fleet", "The certificate is valid until {expires}.").format(
                expires=cert.expires
            )
        )
    text = joined(sentences)
    row = check_row(
        profile, "audit", "passed" if ok else "failed", text if ok else _unverified(profile, text)
    )
    if cert is None:
        return row
    return dataclasses.replace(
        row, details={"certificate_expires": cert.expires, "certificate_days_left": days}
    )


def certificate_note(details: Mapping[str, object]) -> tuple[str, bool]:
    """A row's certificate in a few words for the Servers window's cell, and whether it
    needs attention (expires within 21 days, or expired); ("", False) without one."""
    expires, days = details.get("certificate_expires"), details.get("certificate_days_left")
    if not isinstance(expires, str) or not isinstance(days, int):
        return "", False
    if days < 0:
        return QT_TRANSLATE_NOOP("Fleet", "certificate expired on {expires}").format(
            expires=expires
        ), True
    if days <= EXPIRY_WARNING_DAYS:
        return QT_TRANSLATE_NOOP("Fleet", "certificate expires in {days} day(s)").format(
            days=days
        ), True
    return QT_TRANSLATE_NOOP("Fleet", "certificate valid until {expires}").format(
        expires=expires
    ), False


def error_row(profile: ServerProfile, check: Check, exc: BaseException) -> Row:
    """A check that could not run to its end."""
    if isinstance(exc, Cancelled):
        return check_row(
            profile, check, "cancelled", QT_TRANSLATE_NOOP("Fleet", "stopped before the end")
        )
    if isinstance(exc, WizardError):
        text = joined([part for part in (exc.message, exc.fix) if part])
    else:
        text = str(exc) if isinstance(exc, OSError) else f"{type(exc).__name__}: {exc}"
    return check_row(profile, check, "failed", _unverified(profile, text))


def outcome_row(profile: ServerProfile, check: Check, outcome: Outcome[Row]) -> Row:
    """The row of one server's check as the runner gave it back: its row, the row of its
    error, or "not started" when the run was stopped first."""
    if outcome.value is not None:
        return outcome.value
    if outcome.error is not None:
        return error_row(profile, check, outcome.error)
    return check_row(profile, check, "cancelled", QT_TRANSLATE_NOOP("Fleet", "not started"))


# --------------------------------------------------------------------------- running


def run_send(
    profile: ServerProfile,
    password: str,
    recipient: str,
    progress: Progress | None = None,
    cancel: threading.Event | None = None,
) -> Row:
    """Send a test message through ``profile``'s relay as its saved account. Blocks.

    The sender is the recipient, as on the wizard's Test page. The send itself cannot be
    interrupted (it ends within the SMTP timeout); ``cancel`` set before it starts skips it.
    """
    if cancel is not None and cancel.is_set():
        return error_row(profile, "send", Cancelled())
    settings = smtp_settings(profile)
    try:
        result = send_test(
            settings,
            profile.smtp_user,
            password,
            recipient,
            recipient,
            profile.mechanism,
            progress,
        )
    except SmtpFailure as exc:
        return send_failed_row(profile, diagnose(exc, settings.host, settings.port))
    except (WizardError, OSError) as exc:
        return error_row(profile, "send", exc)
    return send_row(profile, result)


def run_audit(
    profile: ServerProfile,
    progress: Progress | None = None,
    cancel: threading.Event | None = None,
) -> Row:
    """Run the open-relay audit on ``profile``'s relay listener, without SSH. Blocks.

    Only a random wrong password is ever sent, so the certificate need not be trusted.
    """
    settings = smtp_settings(profile, verify_cert=False)
    try:
        report = audit_relay(settings, user=profile.smtp_user, cancel=cancel, progress=progress)
    except SmtpFailure as exc:
        found = diagnose(exc, settings.host, settings.port)
        return check_row(
            profile,
            "audit",
            "failed",
            QT_TRANSLATE_NOOP("Fleet", "could not talk to port {port}: {cause}").format(
                port=settings.port, cause=found.cause
            ),
            _unverified(profile, found.fix),
        )
    except (WizardError, OSError) as exc:
        return error_row(profile, "audit", exc)
    return audit_row(profile, report)


# --------------------------------------------------------------------------- the summary


def latest(rows: Iterable[Row]) -> list[Row]:
    """The last row of each (server, check), sorted by server, the audit first."""
    last: dict[tuple[str, str], Row] = {}
    for row in rows:
        last[(row.server, row.check)] = row
    return sorted(last.values(), key=lambda r: (r.server, r.check != "audit"))


def tally(rows: Sequence[Row]) -> str:
    """E.g. "4 checks on 2 servers: 3 passed, 1 failed"."""
    if not rows:
        return QT_TRANSLATE_NOOP("Fleet", "No check has run yet.")
    servers = len({r.server for r in rows})
    counts = [
        _COUNTED[s].format(count=sum(r.result == s for r in rows))
        for s in STATUS_ORDER
        if any(r.result == s for r in rows)
    ]
    if len(rows) == 1:
        text = QT_TRANSLATE_NOOP("Fleet", "1 check on 1 server: {counts}.")
    elif servers == 1:
        text = QT_TRANSLATE_NOOP("Fleet", "{checks} checks on 1 server: {counts}.")
    else:
        text = QT_TRANSLATE_NOOP("Fleet", "{checks} checks on {servers} servers: {counts}.")
    return text.format(checks=len(rows), servers=servers, counts=joined(counts, ", "))


_COUNTED = {
    "passed": QT_TRANSLATE_NOOP("Fleet", "{count} passed"),
    "failed": QT_TRANSLATE_NOOP("Fleet", "{count} failed"),
    "not run": QT_TRANSLATE_NOOP("Fleet", "{count} not run"),
    "cancelled": QT_TRANSLATE_NOOP("Fleet", "{count} cancelled"),
}


def summary_text(rows: Sequence[Row], say: Callable[[str], str] = str) -> str:
    """The summary as plain text: one block per row, for the clipboard or a file (``say``:
    in the window's language)."""
    heading = QT_TRANSLATE_NOOP("Fleet", "Relay Wizard: checks on the saved servers")
    lines = [say(heading), say(tally(rows)), ""]
    for r in rows:
        where = r.server if r.target == r.server else f"{r.server} ({r.target})"
        result = say(RESULT_WORDS.get(r.result, r.result)).upper()
        lines.append(f"{where}: {say(title(r.check))}: {result}")
        lines.append(f"    {say(r.detail)}")
    return "\n".join(lines) + "\n"


_STATUS_COLOUR = {"passed": "#116611", "failed": "#b00020", "not run": "#8a5a00"}


def summary_html(rows: Sequence[Row], say: Callable[[str], str] = str) -> str:
    """The summary as an HTML table (a whole document when saved); ``say`` puts its
    sentences in the window's language."""
    cells = []
    for r in rows:
        colour = _STATUS_COLOUR.get(r.result, "#555555")
        where = (
            markup.esc(r.server)
            if r.target == r.server
            else markup.join([r.server, markup.Markup("<br>"), r.target])
        )
        result = markup.tag("b", say(RESULT_WORDS.get(r.result, r.result)))
        cells.append(
            (
                where,
                say(title(r.check)),
                markup.tag("span", result, f'style="color:{colour}"'),
                say(r.detail),
            )
        )
    headings = (
        QT_TRANSLATE_NOOP("Fleet", "Server"),
        QT_TRANSLATE_NOOP("Fleet", "Check"),
        QT_TRANSLATE_NOOP("Fleet", "Result"),
        QT_TRANSLATE_NOOP("Fleet", "Detail"),
    )
    return markup.paragraphs([say(tally(rows))]) + markup.table(
        cells, tuple(say(h) for h in headings)
    )


def summary_document(rows: Sequence[Row], say: Callable[[str], str] = str) -> str:
    """:func:`summary_html` as a file of its own."""
    heading = say(QT_TRANSLATE_NOOP("Fleet", "Checks on the saved servers"))
    body = markup.join([markup.tag("h1", heading), summary_html(rows, say)])
    return markup.document(say(QT_TRANSLATE_NOOP("Fleet", "Relay Wizard: saved servers")), body)
