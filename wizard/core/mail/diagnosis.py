"""Why a test send failed, in plain words: :func:`diagnose` reads the stage, the server's
reply code and enhanced status of an :class:`~wizard.core.mail.smtp.SmtpFailure`, and gives
the cause and the fix in a sentence each (a :class:`Diagnosis`). Pure; the sentences are
marked for the catalogue, so the window shows them in the admin's language.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import TYPE_CHECKING

from wizard.core.errors import Field
from wizard.core.translatable import QT_TRANSLATE_NOOP

if TYPE_CHECKING:
    from wizard.core.mail.smtp import SmtpFailure


@dataclass(frozen=True)
class Diagnosis:
    """The stage that failed, what it means and what to do (in plain words; ``field`` is
    the input the fix is about, for each front to name in its own terms)."""

    stage: str
    cause: str
    fix: str
    reply: str = ""
    server: tuple[str, ...] = ()  # findings from the server's side, when SSH was at hand
    field: Field | None = None

    def to_json(self) -> dict[str, object]:
        return {**dataclasses.asdict(self), "server": list(self.server)}

    def lines(self) -> list[str]:
        """The diagnosis line by line, each a whole sentence (the window translates each)."""
        lines: list[str] = [
            QT_TRANSLATE_NOOP("Diagnosis", "Failed at: {stage}").format(stage=self.stage)
        ]
        if self.reply:
            lines.append(
                QT_TRANSLATE_NOOP("Diagnosis", "Server said: {reply}").format(reply=self.reply)
            )
        lines += [
            QT_TRANSLATE_NOOP("Diagnosis", "Why: {cause}").format(cause=self.cause),
            QT_TRANSLATE_NOOP("Diagnosis", "What to do: {fix}").format(fix=self.fix),
        ]
        lines += [
            QT_TRANSLATE_NOOP("Diagnosis", "On the server: {finding}").format(finding=finding)
            for finding in self.server
        ]
        return lines

    def render(self) -> str:
        return "\n".join(self.lines())


def diagnose(exc: SmtpFailure, host: str = "", port: int = 0) -> Diagnosis:
    """Cause and fix for a failed test send, by stage and reply. Pure."""
    r = exc.reply
    code = r.code if r else 0
    status = r.enhanced if r else ""
    said = str(r) if r else ""

    def d(stage: str, cause: str, fix: str, field: Field | None = None) -> Diagnosis:
        return Diagnosis(stage, cause, fix, said, field=field)

    stage = exc.stage
    if exc.kind == "protocol":  # a reply that broke RFC 5321's syntax or the client's limits
        return d(
            QT_TRANSLATE_NOOP("Diagnosis", "{stage} (broken reply)").format(stage=stage),
            exc.message,
            exc.fix,
            exc.field,
        )
    if stage == "resolve":
        return d(
            QT_TRANSLATE_NOOP("Diagnosis", "name resolution"),
            QT_TRANSLATE_NOOP("Diagnosis", "The name {host} could not be found in DNS.").format(
                host=host
            )
            if host
            else QT_TRANSLATE_NOOP(
                "Diagnosis", "The name of the server could not be found in DNS."
            ),
            QT_TRANSLATE_NOOP("Diagnosis", "Check the spelling, or use the server's IP address."),
        )
    if stage == "connect" and exc.kind == "refused":
        return d(
            QT_TRANSLATE_NOOP("Diagnosis", "connect (refused)"),
            QT_TRANSLATE_NOOP(
                "Diagnosis",
                "Nothing accepts connections on {host} port {port}: the mail server does not "
                "listen there, or only on 127.0.0.1 (Debian's default for sendmail).",
            ).format(host=host, port=port)
            if host
            else QT_TRANSLATE_NOOP(
                "Diagnosis",
                "Nothing accepts connections on the server: the mail server does not listen there, "
                "or only on 127.0.0.1 (Debian's default for sendmail).",
            ),
            QT_TRANSLATE_NOOP(
                "Diagnosis",
                "Apply a relay profile that opens this port, or choose the port the mail server "
                "listens on.",
            ),
        )
    if stage == "connect":
        return d(
            QT_TRANSLATE_NOOP("Diagnosis", "connect (timeout)"),
            QT_TRANSLATE_NOOP(
                "Diagnosis",
                "{host} port {port} did not answer: a firewall drops the connection, or the "
                "host is down. Many Internet providers block outgoing port 25.",
            ).format(host=host, port=port)
            if host
            else QT_TRANSLATE_NOOP(
                "Diagnosis",
                "The server did not answer: a firewall drops the connection, or the host is "
                "down. Many Internet providers block outgoing port 25.",
            ),
            QT_TRANSLATE_NOOP(
                "Diagnosis",
                "Open the port in the server's firewall, or use the submission port 587.",
            ),
        )
    if stage == "greeting" and code == 554:
        return d(
            QT_TRANSLATE_NOOP("Diagnosis", "greeting (554)"),
            QT_TRANSLATE_NOOP(
                "Diagnosis",
                "The server refused the session before it began: the client spoke before the "
                "greeting (sendmail's greet_pause), or this address is rejected in the access "
                "db.",
            ),
            QT_TRANSLATE_NOOP(
                "Diagnosis",
                "Wait for the 220 greeting before sending anything; check /etc/mail/access for "
                "a REJECT line that covers this computer.",
            ),
        )
    if stage == "greeting" and code == 421:
        return d(
            QT_TRANSLATE_NOOP("Diagnosis", "greeting (421)"),
            QT_TRANSLATE_NOOP(
                "Diagnosis",
                "The server is refusing connections for now: too many from this address in a "
                "short time (ClientRate / ClientConn) or it is overloaded.",
            ),
            QT_TRANSLATE_NOOP(
                "Diagnosis",
                "Wait ten minutes and try again; for a trusted address, raise its ClientRate "
                "in the access db.",
            ),
        )
    if stage == "greeting":
        return d(
            QT_TRANSLATE_NOOP("Diagnosis", "greeting"),
            QT_TRANSLATE_NOOP("Diagnosis", "The server did not greet with 220 ({reply}).").format(
                reply=said
            ),
            _CHECK_LOG,
        )
    if stage == "tls" and exc.kind == "untrusted":
        return d(
            QT_TRANSLATE_NOOP("Diagnosis", "TLS (untrusted certificate)"),
            QT_TRANSLATE_NOOP(
                "Diagnosis",
                "The server's certificate is not signed by an authority this computer trusts "
                "(a self-signed certificate, like Debian's generated one). Its SHA-256 "
                "fingerprint is {fingerprint}.",
            ).format(fingerprint=exc.cert_sha256)
            if exc.cert_sha256
            else QT_TRANSLATE_NOOP(
                "Diagnosis",
                "The server's certificate is not signed by an authority this computer trusts "
                "(a self-signed certificate, like Debian's generated one).",
            ),
            QT_TRANSLATE_NOOP(
                "Diagnosis",
                "Compare the fingerprint with the one of the certificate on the server and, if "
                "they match, pin it (accept exactly this certificate); or install a certificate "
                "from a public authority.",
            ),
            Field.PIN_CERT,
        )
    if stage == "tls" and exc.kind == "mismatch":
        return d(
            QT_TRANSLATE_NOOP("Diagnosis", "TLS (name mismatch)"),
            _mismatch(host, exc.cert_sha256),
            QT_TRANSLATE_NOOP(
                "Diagnosis",
                "Connect with the name in the certificate, or pin this certificate after "
                "checking its fingerprint on the server.",
            ),
            Field.PIN_CERT,
        )
    if stage == "tls" and exc.kind == "not-the-servers":
        return d(
            QT_TRANSLATE_NOOP("Diagnosis", "TLS (not the server's certificate)"),
            exc.message,
            exc.fix,
        )
    if stage == "tls" and exc.kind == "pin":
        return d(
            QT_TRANSLATE_NOOP("Diagnosis", "TLS (not the pinned certificate)"),
            exc.message,
            exc.fix,
            Field.PIN_CERT,
        )
    if stage == "tls":
        return d(
            "TLS",
            QT_TRANSLATE_NOOP("Diagnosis", "Encryption could not be set up: {reason}").format(
                reason=exc.message
            ),
            QT_TRANSLATE_NOOP(
                "Diagnosis",
                "Apply the modern profile (STARTTLS with the server's certificate), or check "
                "that the mail server can read its certificate and key (the mail log says so "
                "when it cannot).",
            ),
        )
    if stage == "ehlo":
        return d(
            "EHLO",
            QT_TRANSLATE_NOOP(
                "Diagnosis", "The server refused the EHLO greeting ({reply})."
            ).format(reply=said),
            _CHECK_LOG,
        )
    if stage == "auth-offered":
        return d(
            QT_TRANSLATE_NOOP("Diagnosis", "AUTH not offered"),
            QT_TRANSLATE_NOOP(
                "Diagnosis",
                "The server does not offer SMTP AUTH on this port: the mail server was built "
                "without SASL, logins are not turned on, or it offers AUTH only after STARTTLS.",
            ),
            QT_TRANSLATE_NOOP(
                "Diagnosis",
                "Connect with STARTTLS; or apply a relay profile, which configures AUTH.",
            ),
            Field.SECURITY,
        )
    if stage == "mechanism":
        return d(
            QT_TRANSLATE_NOOP("Diagnosis", "mechanism not offered"),
            exc.message,
            QT_TRANSLATE_NOOP(
                "Diagnosis",
                "Choose a mechanism the server offers, or add it to confAUTH_MECHANISMS and "
                "TRUST_AUTH_MECH (a relay profile does).",
            ),
            Field.MECHANISM,
        )
    if stage == "auth" and (code == 538 or (code == 504 and "not available" in said.lower())):
        return d(
            QT_TRANSLATE_NOOP("Diagnosis", "encryption required ({code})").format(code=code),
            QT_TRANSLATE_NOOP(
                "Diagnosis",
                "The server accepts this mechanism only over an encrypted connection "
                "(AuthOptions 'p'), which is right: the password would otherwise cross the "
                "network readable.",
            ),
            QT_TRANSLATE_NOOP(
                "Diagnosis", "Connect with STARTTLS (port 587) or implicit TLS (port 465)."
            ),
            Field.SECURITY,
        )
    if stage == "auth" and code == 535:
        return d(
            QT_TRANSLATE_NOOP("Diagnosis", "authentication failed (535)"),
            QT_TRANSLATE_NOOP(
                "Diagnosis",
                "The server rejected the user name or password. Either is wrong, or the account "
                "lives in another SASL realm than the one the mail server uses.",
            ),
            QT_TRANSLATE_NOOP(
                "Diagnosis",
                "Check the password; look at the server's mail accounts and their realm, and "
                "set a new password for this one if need be.",
            ),
            Field.PASSWORD,
        )
    if stage == "auth":
        return d(
            QT_TRANSLATE_NOOP("Diagnosis", "authentication"),
            QT_TRANSLATE_NOOP("Diagnosis", "The login failed ({reply}).").format(reply=said),
            _CHECK_LOG,
        )
    if stage == "mail" and code == 530:
        return d(
            QT_TRANSLATE_NOOP("Diagnosis", "authentication required (530)"),
            QT_TRANSLATE_NOOP("Diagnosis", "This port accepts mail only after a login."),
            QT_TRANSLATE_NOOP(
                "Diagnosis",
                "Log in before sending (the wizard does: check the user name and password).",
            ),
        )
    if stage in ("rcpt", "mail") and code == 550 and status.startswith("5.7"):
        return d(
            QT_TRANSLATE_NOOP("Diagnosis", "relay denied (550 5.7.1)"),
            QT_TRANSLATE_NOOP(
                "Diagnosis",
                "The server refused to pass the message on to another domain: the login did not "
                "make the client trusted for relaying. On sendmail that happens when the "
                "mechanism used is advertised but not listed in TRUST_AUTH_MECH.",
            ),
            QT_TRANSLATE_NOOP(
                "Diagnosis",
                "Apply a relay profile (it sets TRUST_AUTH_MECH to the mechanisms it offers).",
            ),
        )
    if stage in ("rcpt", "mail") and 400 <= code < 500:
        return d(
            QT_TRANSLATE_NOOP("Diagnosis", "temporarily refused ({code})").format(code=code),
            QT_TRANSLATE_NOOP(
                "Diagnosis",
                "The server refused for now; with sendmail this is often a failed reverse-DNS "
                "lookup of this computer's address (450 4.4.0) or a temporary resolver problem.",
            ),
            QT_TRANSLATE_NOOP(
                "Diagnosis",
                "Try again later; give this computer's address a reverse DNS (PTR) record.",
            ),
        )
    if stage == "rcpt":
        return d(
            QT_TRANSLATE_NOOP("Diagnosis", "recipient refused ({code})").format(code=code),
            QT_TRANSLATE_NOOP("Diagnosis", "The server refused the recipient address."),
            _CHECK_ADDRESS,
        )
    if stage == "mail":
        return d(
            QT_TRANSLATE_NOOP("Diagnosis", "sender refused ({code})").format(code=code),
            QT_TRANSLATE_NOOP("Diagnosis", "The server refused the sender address."),
            _CHECK_ADDRESS,
        )
    if stage == "data" and "bare" in said.lower():
        return d(
            QT_TRANSLATE_NOOP("Diagnosis", "DATA refused (bare LF)"),
            QT_TRANSLATE_NOOP(
                "Diagnosis",
                "The message used bare LF line endings; SMTP requires CRLF and the server "
                "refused such a message.",
            ),
            QT_TRANSLATE_NOOP(
                "Diagnosis",
                "Use a mail program that sends CRLF line endings (every ordinary one does).",
            ),
        )
    if stage == "data":
        return d(
            QT_TRANSLATE_NOOP("Diagnosis", "DATA refused ({code})").format(code=code),
            QT_TRANSLATE_NOOP(
                "Diagnosis", "The server refused the message itself (size, content or a policy)."
            ),
            QT_TRANSLATE_NOOP("Diagnosis", "Read the server's reply and the mail log."),
        )
    if stage == "timeout":
        return d(
            QT_TRANSLATE_NOOP("Diagnosis", "timeout"),
            QT_TRANSLATE_NOOP(
                "Diagnosis", "The server stopped answering in the middle of the conversation."
            ),
            QT_TRANSLATE_NOOP(
                "Diagnosis",
                "Try again; if it happens again, look at the server's load and its mail log.",
            ),
        )
    return d(
        stage or QT_TRANSLATE_NOOP("Diagnosis", "connection"),
        QT_TRANSLATE_NOOP("Diagnosis", "The connection ended unexpectedly: {reason}").format(
            reason=exc.message
        ),
        QT_TRANSLATE_NOOP("Diagnosis", "Look at the transcript and the server's mail log."),
    )


_CHECK_LOG = QT_TRANSLATE_NOOP("Diagnosis", "Check the mail log.")
_CHECK_ADDRESS = QT_TRANSLATE_NOOP("Diagnosis", "Check the address; the server's reply says why.")


def _mismatch(host: str, fingerprint: str) -> str:
    """The name-mismatch cause, one whole sentence for each case."""
    if host and fingerprint:
        text = QT_TRANSLATE_NOOP(
            "Diagnosis",
            "The server's certificate is made out for another name than {host}. Its SHA-256 "
            "fingerprint is {fingerprint}.",
        )
    elif host:
        text = QT_TRANSLATE_NOOP(
            "Diagnosis", "The server's certificate is made out for another name than {host}."
        )
    elif fingerprint:
        text = QT_TRANSLATE_NOOP(
            "Diagnosis",
            "The server's certificate is made out for another name than the one used. Its "
            "SHA-256 fingerprint is {fingerprint}.",
        )
    else:
        text = QT_TRANSLATE_NOOP(
            "Diagnosis", "The server's certificate is made out for another name than the one used."
        )
    return text.format(host=host, fingerprint=fingerprint)
