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

import re
from collections.abc import Callable, Iterable, Sequence
from typing import TYPE_CHECKING, Literal, Protocol

from wizard.core import markup
from wizard.core.errors import Cancelled, Field, UsageError, WizardError
from wizard.core.fleet.summary import Row
from wizard.core.mail.audit import audit_relay
from wizard.core.mail.diagnose import Diagnosis, diagnose
from wizard.core.mail.send import SendResult, send_test
from wizard.core.mail.smtp import SmtpFailure, SmtpSettings
from wizard.core.target import validate_email

if TYPE_CHECKING:
    import threading

    from wizard.core.fleet.runner import Outcome
    from wizard.core.local.profiles import ServerProfile
    from wizard.core.mail.audit_report import AuditReport

Check = Literal["send", "audit"]
Status = Literal["passed", "failed", "not run", "cancelled"]
Progress = Callable[[str], None]

CHECK_TITLES: dict[str, str] = {"send": "test send", "audit": "open-relay audit"}
STATUS_ORDER: tuple[Status, ...] = ("passed", "failed", "not run", "cancelled")

NO_PASSWORD = "no saved password: open the server in the wizard and save it"
NO_ACCOUNT = (
    "no mail account saved for this server: open it in the wizard, add an account and "
    "send a test message there"
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
            f"{text!r} is not a mail address the test message can go to."
            if text
            else "Give the address the test messages go to.",
            "Use an address in another domain than the servers' own, e.g. you@example.org: "
            "only a message to another domain shows that the relay works.",
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


def _unverified(profile: ServerProfile) -> str:
    if profile.verified:
        return ""
    return (
        f" (these settings, port {profile.smtp_port} with {profile.security}, were never "
        "verified by a test send)"
    )


def send_row(profile: ServerProfile, result: SendResult) -> Row:
    """A test message the server accepted."""
    how = f"{result.mechanism}{' over TLS' if result.tls else ''}"
    return check_row(
        profile,
        "send",
        "passed",
        f"logged in as {profile.smtp_user} with {how}; message accepted "
        f"({result.reply}) on port {profile.smtp_port}",
    )


def send_failed_row(profile: ServerProfile, diagnosis: Diagnosis) -> Row:
    """A test message that did not get through: where, why and what to do."""
    said = f" The server said: {diagnosis.reply}." if diagnosis.reply else ""
    return check_row(
        profile,
        "send",
        "failed",
        f"failed at {diagnosis.stage}.{said} {diagnosis.cause}",
        diagnosis.fix + _unverified(profile),
    )


def audit_row(profile: ServerProfile, report: AuditReport) -> Row:
    """Passed when every relay trick without login was refused and no check beside failed."""
    ok = report.closed and not report.failed_checks
    return check_row(
        profile,
        "audit",
        "passed" if ok else "failed",
        report.summary() + ("" if ok else _unverified(profile)),
    )


def error_row(profile: ServerProfile, check: Check, exc: BaseException) -> Row:
    """A check that could not run to its end."""
    if isinstance(exc, Cancelled):
        return check_row(profile, check, "cancelled", "stopped before the end")
    text = str(exc) if isinstance(exc, WizardError | OSError) else f"{type(exc).__name__}: {exc}"
    return check_row(profile, check, "failed", text + _unverified(profile))


def outcome_row(profile: ServerProfile, check: Check, outcome: Outcome[Row]) -> Row:
    """The row of one server's check as the runner gave it back: its row, the row of its
    error, or "not started" when the run was stopped first."""
    if outcome.value is not None:
        return outcome.value
    if outcome.error is not None:
        return error_row(profile, check, outcome.error)
    return check_row(profile, check, "cancelled", "not started")


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
            f"could not talk to port {settings.port}: {found.cause}",
            found.fix + _unverified(profile),
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
        return "No check has run yet."
    servers = len({r.server for r in rows})
    counts = [
        f"{sum(r.result == s for r in rows)} {s}"
        for s in STATUS_ORDER
        if any(r.result == s for r in rows)
    ]
    checks = "check" if len(rows) == 1 else "checks"
    where = "server" if servers == 1 else "servers"
    return f"{len(rows)} {checks} on {servers} {where}: {', '.join(counts)}."


def summary_text(rows: Sequence[Row]) -> str:
    """The summary as plain text: one block per row, for the clipboard or a file."""
    lines = ["Relay Wizard: checks on the saved servers", tally(rows), ""]
    for r in rows:
        where = r.server if r.target == r.server else f"{r.server} ({r.target})"
        lines.append(f"{where}: {title(r.check)}: {r.result.upper()}")
        lines.append(f"    {r.detail}")
    return "\n".join(lines) + "\n"


_STATUS_COLOUR = {"passed": "#116611", "failed": "#b00020", "not run": "#8a5a00"}


def summary_html(rows: Sequence[Row]) -> str:
    """The summary as an HTML table (a whole document when saved)."""
    cells = []
    for r in rows:
        colour = _STATUS_COLOUR.get(r.result, "#555555")
        where = (
            markup.esc(r.server)
            if r.target == r.server
            else markup.join([r.server, markup.Markup("<br>"), r.target])
        )
        result = markup.tag("b", r.result)
        cells.append(
            (where, title(r.check), markup.tag("span", result, f'style="color:{colour}"'), r.detail)
        )
    return markup.paragraphs([tally(rows)]) + markup.table(
        cells, ("Server", "Check", "Result", "Detail")
    )


def summary_document(rows: Sequence[Row]) -> str:
    """:func:`summary_html` as a file of its own."""
    body = markup.join([markup.tag("h1", "Checks on the saved servers"), summary_html(rows)])
    return markup.document("Relay Wizard: saved servers", body)
