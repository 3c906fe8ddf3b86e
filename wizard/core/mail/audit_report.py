"""What one audit of one listener found: each trick's outcome, the checks beside the
tricks, the vantage point, and the verdict with a summary for a person.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from wizard.core.mail.certs import days_left
from wizard.core.mail.vantage import RelayConfig, Vantage, config_explanations
from wizard.core.translatable import QT_TRANSLATE_NOOP, Translatable, capitalized, joined

if TYPE_CHECKING:
    import datetime

    from wizard.core.mail.certs import CertFacts
    from wizard.core.mail.smtp import Reply
    from wizard.core.mail.transcript import Transcript
    from wizard.core.mail.tricks import Trick

Outcome = Literal["refused", "accepted", "deferred", "untested"]
CheckStatus = Literal["passed", "failed", "skipped", "inconclusive"]
Verdict = Literal["closed", "open", "incomplete"]

# The report's fields that say which listener, from where: as they are in its JSON.
_WHERE = ("host", "port", "security", "server_name", "server_address", "client_address")

# A certificate that expires within this many days is a warning (as inspection says it).
EXPIRY_WARNING_DAYS = 21

# The checks beside the tricks: their names (stable, in the JSON) and what people read.
WRONG_PASSWORD = "wrong-password"
NO_PLAINTEXT_BEFORE_TLS = "no-plaintext-before-tls"
CHECK_TITLES: dict[str, str] = {
    WRONG_PASSWORD: QT_TRANSLATE_NOOP("Audit", "A wrong password"),
    NO_PLAINTEXT_BEFORE_TLS: QT_TRANSLATE_NOOP("Audit", "No readable password before encryption"),
}
STATUS_WORDS: dict[str, str] = {
    "passed": QT_TRANSLATE_NOOP("Audit", "passed"),
    "failed": QT_TRANSLATE_NOOP("Audit", "FAILED"),
    "skipped": QT_TRANSLATE_NOOP("Audit", "not tried"),
    "inconclusive": QT_TRANSLATE_NOOP("Audit", "no clear answer"),
}
# Each trick's outcome for a person: what it means for the server.
OUTCOME_WORDS: dict[str, str] = {
    "refused": QT_TRANSLATE_NOOP("Audit", "refused (good)"),
    "accepted": QT_TRANSLATE_NOOP("Audit", "ACCEPTED: the server would relay this for a stranger"),
    "deferred": QT_TRANSLATE_NOOP("Audit", 'answered "try later": proves nothing'),
    "untested": QT_TRANSLATE_NOOP("Audit", "not tried"),
}


@dataclass(frozen=True)
class TrickResult:
    trick: Trick
    outcome: Outcome
    stage: str  # "mail" or "rcpt": the reply that decided; "" when untested
    reply: Reply | None
    note: str = ""

    @property
    def accepted(self) -> bool:
        return self.outcome == "accepted"

    def to_json(self) -> dict[str, object]:
        return {
            "name": self.trick.name,
            "what": self.trick.what,
            "sender": self.trick.sender,
            "recipient": self.trick.recipient,
            "outcome": self.outcome,
            "stage": self.stage,
            "code": self.reply.code if self.reply else None,
            "reply": self.reply.text if self.reply else "",
            "note": self.note,
        }


@dataclass(frozen=True)
class AuditCheck:
    """A check beside the tricks: wrong password, plaintext before TLS."""

    name: str
    status: CheckStatus
    detail: str
    reply: Reply | None = None

    def to_json(self) -> dict[str, object]:
        return {
            "name": self.name,
            "status": self.status,
            "detail": self.detail,
            "code": self.reply.code if self.reply else None,
        }


@dataclass(frozen=True)
class AuditReport:
    """Everything one audit of one listener found."""

    host: str
    port: int
    security: str
    server_name: str
    server_address: str
    client_address: str  # the local address of this side's socket
    results: tuple[TrickResult, ...]
    vantage: Vantage
    checks: tuple[AuditCheck, ...]
    config: RelayConfig
    mechanisms_before_tls: tuple[str, ...]
    mechanisms: tuple[str, ...]  # AUTH offered once the session is as secure as it gets
    connections: int
    elapsed: float
    transcript: Transcript
    certificate: CertFacts | None = None  # what the server presented over TLS
    today: datetime.date | None = None  # the day the certificate is judged on (None: today)

    @property
    def cert_days_left(self) -> int | None:
        return days_left(self.certificate, self.today) if self.certificate else None

    def certificate_sentences(self) -> list[str]:
        """The certificate the server presented: names, issuer, expiry; then a warning
        when it expires within 21 days or has expired."""
        c, days = self.certificate, self.cert_days_left
        if c is None or days is None:
            return []
        out: list[str] = [
            QT_TRANSLATE_NOOP(
                "Audit",
                "The server presented a certificate from {issuer} for {names}, valid until "
                "{expires}.",
            ).format(issuer=c.issuer, names=", ".join(c.names), expires=c.expires)
        ]
        warning = self.certificate_warning()
        if warning:
            out.append(warning)
        return out

    def certificate_warning(self) -> str:
        """A sentence when the certificate expires within 21 days or has expired, else ""."""
        c, days = self.certificate, self.cert_days_left
        if c is None or days is None or days > EXPIRY_WARNING_DAYS:
            return ""
        if days < 0:
            return QT_TRANSLATE_NOOP(
                "Audit", "The server's certificate expired on {expires}: renew it."
            ).format(expires=c.expires)
        return QT_TRANSLATE_NOOP(
            "Audit",
            "The server's certificate expires in {days} day(s), on {expires}: renew it before "
            "then.",
        ).format(days=days, expires=c.expires)

    @property
    def accepted(self) -> tuple[TrickResult, ...]:
        return tuple(r for r in self.results if r.accepted)

    @property
    def unproven(self) -> tuple[TrickResult, ...]:
        """Tricks without a final answer: deferred (4xx) or untested (no answer)."""
        return tuple(r for r in self.results if r.outcome in ("deferred", "untested"))

    @property
    def verdict(self) -> Verdict:
        """What this client saw: any trick accepted is open; every one refused is closed."""
        if self.accepted:
            return "open"
        return "incomplete" if self.unproven or not self.results else "closed"

    @property
    def closed(self) -> bool:
        return self.verdict == "closed"

    @property
    def explanations(self) -> tuple[str, ...]:
        """Config settings that open the server to anyone (from the config, if read)."""
        return config_explanations(self.config)

    @property
    def failed_checks(self) -> tuple[AuditCheck, ...]:
        return tuple(c for c in self.checks if c.status == "failed")

    def accepted_text(self) -> str:
        """The accepted tricks in plain words with the server's answers, on one line."""
        answered = QT_TRANSLATE_NOOP("Audit", "{what} (answered {code})")
        return joined(
            (
                answered.format(what=r.trick.what, code=r.reply.code if r.reply else "?")
                for r in self.accepted
            ),
            "; ",
        )

    def details(self) -> list[str]:
        """Every trick in plain words (what was tried, what the server answered, what it
        means), then the checks beside them: the detail under :meth:`summary`."""
        lines: list[str] = [
            QT_TRANSLATE_NOOP(
                "Audit", "The {count} ways of relaying without a login that were tried:"
            ).format(count=len(self.results))
        ]
        trick_line = QT_TRANSLATE_NOOP("Audit", "{number}. {what}: {outcome}.")
        tried = QT_TRANSLATE_NOOP(
            "Audit", "Tried: MAIL FROM:<{sender}> RCPT TO:<{recipient}>; {answer}."
        )
        for number, r in enumerate(self.results, 1):
            answer = (
                QT_TRANSLATE_NOOP("Audit", "the server answered {reply}").format(
                    reply=str(r.reply).rstrip(".")
                )
                if r.reply
                else _without_stop(r.note) or QT_TRANSLATE_NOOP("Audit", "no answer")
            )
            what = capitalized(r.trick.what)
            lines += [
                trick_line.format(number=number, what=what, outcome=OUTCOME_WORDS[r.outcome]),
                joined(
                    (
                        "   ",
                        tried.format(
                            sender=r.trick.sender, recipient=r.trick.recipient, answer=answer
                        ),
                    ),
                    "",
                ),
            ]
        lines += [self._check_text(check) for check in self.checks]
        lines += self.certificate_sentences()[:1]
        return lines

    @staticmethod
    def _check_text(check: AuditCheck) -> str:
        return QT_TRANSLATE_NOOP("Audit", "{check}: {status}: {detail}").format(
            check=CHECK_TITLES.get(check.name, check.name),
            status=STATUS_WORDS.get(check.status, check.status),
            detail=check.detail,
        )

    def vantage_note(self) -> str:
        return self.vantage.note(bool(self.accepted))

    def summary(self) -> str:
        """A few sentences for a person: the verdict, what was accepted, what it means."""
        return " ".join(self.summary_sentences())

    def summary_sentences(self) -> list[str]:
        """:meth:`summary` sentence by sentence, each whole (the window translates each)."""
        n = len(self.results)
        where = {"host": self.host, "port": self.port, "count": n}
        if self.verdict == "closed":
            text = QT_TRANSLATE_NOOP(
                "Audit",
                "{host} port {port} is closed to relaying: all {count} relay tricks without "
                "login were refused.",
            ).format(**where)
        elif self.verdict == "incomplete":
            reasons = sorted(
                {r.note or (f"answered {r.reply}" if r.reply else "") for r in self.unproven} - {""}
            )
            text = (
                QT_TRANSLATE_NOOP(
                    "Audit",
                    "{host} port {port}: the audit is incomplete: {unproven} of {count} relay "
                    "tricks got no final answer ({reasons}); none was accepted.",
                )
                if reasons
                else QT_TRANSLATE_NOOP(
                    "Audit",
                    "{host} port {port}: the audit is incomplete: {unproven} of {count} relay "
                    "tricks got no final answer (no answer); none was accepted.",
                )
            ).format(**where, unproven=len(self.unproven), reasons="; ".join(reasons))
        else:
            text = QT_TRANSLATE_NOOP(
                "Audit",
                "{host} port {port} relays without login for this client: {accepted} of "
                "{count} relay tricks accepted: {tricks}.",
            ).format(**where, accepted=len(self.accepted), tricks=self.accepted_text())
        out: list[str] = [text]
        if self.accepted and self.explanations:
            out.append(
                QT_TRANSLATE_NOOP("Audit", "The server's config explains it: {settings}.").format(
                    settings="; ".join(self.explanations)
                )
            )
        if self.accepted or self.vantage.trusted:
            out.append(self.vantage_note())
        out += [self._check_text(check) for check in self.checks if check.status != "passed"]
        if self.certificate_warning():
            out.append(self.certificate_warning())
        return out

    def to_json(self) -> dict[str, object]:
        return {
            **{name: getattr(self, name) for name in _WHERE},
            "verdict": self.verdict,
            "closed": self.closed,
            "accepted": [r.trick.name for r in self.accepted],
            "tricks": [r.to_json() for r in self.results],
            "vantage": {**self.vantage.to_json(), "note": self.vantage_note()},
            "explanations": list(self.explanations),
            "config": self.config.to_json(),
            "checks": [c.to_json() for c in self.checks],
            "mechanisms_before_tls": list(self.mechanisms_before_tls),
            "mechanisms": list(self.mechanisms),
            "certificate": (
                {**self.certificate.to_json(), "days_left": self.cert_days_left}
                if self.certificate
                else None
            ),
            "connections": self.connections,
            "elapsed": round(self.elapsed, 3),
            "summary": self.summary(),
            "transcript": self.transcript.to_json(),
        }


def _without_stop(note: str) -> str:
    """A note without its final full stop (the line adds one); a marked note as it is."""
    return note if isinstance(note, Translatable) else note.rstrip(".")
