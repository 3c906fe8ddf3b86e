"""Verification from this computer: what the plan says each listener must do, and the
check that it does, over SMTP, as a stranger would (the open-relay audit included)."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from wizard.core.change.outcome import StepOutcome
from wizard.core.mail.audit import audit_relay
from wizard.core.mail.smtp import SmtpFailure, SmtpSettings
from wizard.core.translatable import QT_TRANSLATE_NOOP, joined

if TYPE_CHECKING:
    import threading
    from collections.abc import Sequence

    from wizard.core.mail.pool import SmtpPool
    from wizard.core.mail.vantage import RelayConfig


@dataclass(frozen=True)
class ExpectedPort:
    """What verify must find on one listener reachable from the network."""

    port: int
    security: Literal["none", "starttls", "tls"]
    mechanisms: tuple[str, ...]  # offered once the session is as secure as it gets
    plain_before_tls: bool  # may PLAIN/LOGIN be offered before TLS?
    auth_required: bool

    def to_json(self) -> dict[str, object]:
        """The fields a plan's JSON shows (not ``plain_before_tls``: verify's own detail)."""
        out = dataclasses.asdict(self)
        del out["plain_before_tls"]
        out["mechanisms"] = list(self.mechanisms)
        return out


def verify_from_outside(
    host: str,
    expect: Sequence[ExpectedPort],
    timeout: float = 20.0,
    config: RelayConfig | None = None,
    *,
    cancel: threading.Event | None = None,
    pool: SmtpPool | None = None,
) -> list[StepOutcome]:
    """Talk SMTP to every listener the plan opened, as a stranger would.

    One connection per listener: STARTTLS and no PLAIN/LOGIN before it where planned, the
    planned AUTH mechanisms, then the open-relay audit. Any trick accepted fails, even
    when ``config`` (the server's relay settings) explains it by this computer's vantage
    point: the failure then says so.
    """
    out: list[StepOutcome] = []
    for e in expect:
        settings = SmtpSettings(host, e.port, e.security, timeout=timeout, verify_cert=False)
        title = QT_TRANSLATE_NOOP("Steps", "Port {port} checked from this computer").format(
            port=e.port
        )
        try:
            audit = audit_relay(
                settings,
                config=config,
                forbid_plaintext_before_tls=not e.plain_before_tls,
                time_budget=max(60.0, 3 * timeout),
                cancel=cancel,
                pool=pool,
            )
        except SmtpFailure as exc:
            out.append(StepOutcome(title, False, exc.message, e.port))
            continue
        except OSError as exc:
            failed = QT_TRANSLATE_NOOP("Steps", "SMTP on port {port} failed: {error}")
            out.append(StepOutcome(title, False, failed.format(port=e.port, error=exc), e.port))
            continue
        problems: list[str] = [
            QT_TRANSLATE_NOOP("Steps", "Port {port}: {problem}").format(
                port=e.port, problem=c.detail
            )
            for c in audit.checks
            if c.status == "failed"
        ]
        missing = [m for m in e.mechanisms if m not in audit.mechanisms]
        if missing:
            problems.append(
                QT_TRANSLATE_NOOP(
                    "Steps", "Port {port} does not offer {missing} (it offers: {offered})."
                ).format(
                    port=e.port,
                    missing=" ".join(missing),
                    offered=" ".join(audit.mechanisms) or QT_TRANSLATE_NOOP("Steps", "no AUTH"),
                )
            )
        if audit.accepted:
            values = {
                "port": e.port,
                "accepted": len(audit.accepted),
                "tried": len(audit.results),
                "tricks": audit.accepted_text(),
                "why": joined(audit.explanations, "; "),
                "vantage": audit.vantage_note(),
            }
            if audit.explanations:
                text = QT_TRANSLATE_NOOP(
                    "Steps",
                    "Port {port} accepted mail without a login for {accepted} of {tried} relay "
                    "tricks: {tricks}. Strangers must not be able to relay. The server's config "
                    "explains it: {why}. {vantage}",
                )
            else:
                text = QT_TRANSLATE_NOOP(
                    "Steps",
                    "Port {port} accepted mail without a login for {accepted} of {tried} relay "
                    "tricks: {tricks}. Strangers must not be able to relay. {vantage}",
                )
            problems.append(text.format(**values))
        elif audit.verdict != "closed":
            problems.append(
                QT_TRANSLATE_NOOP("Steps", "Port {port}: {problem}").format(
                    port=e.port, problem=audit.summary()
                )
            )
        if problems:
            out.append(StepOutcome(title, False, joined(problems, " "), e.port))
            continue
        codes = sorted({r.reply.code for r in audit.results if r.reply})
        passed = (
            QT_TRANSLATE_NOOP(
                "Steps",
                "AUTH {methods} after STARTTLS; relaying without login refused: all {tried} "
                "relay tricks ({codes})",
            )
            if e.security == "starttls"
            else QT_TRANSLATE_NOOP(
                "Steps",
                "AUTH {methods}; relaying without login refused: all {tried} relay tricks "
                "({codes})",
            )
        )
        detail = passed.format(
            methods=" ".join(audit.mechanisms),
            tried=len(audit.results),
            codes=", ".join(map(str, codes)),
        )
        out.append(StepOutcome(title, True, detail, e.port))
    return out
