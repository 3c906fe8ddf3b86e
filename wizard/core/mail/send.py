"""The test send: log in and send a real message, to prove that authenticated relaying
works; what the server answered and the whole conversation come back either way.
"""

from __future__ import annotations

import contextlib
import dataclasses
import re
import time
from dataclasses import dataclass, field
from email.message import EmailMessage
from email.utils import formatdate, make_msgid
from typing import TYPE_CHECKING

from wizard.core.errors import Field, UsageError
from wizard.core.mail.auth import MECHANISMS, choose_mechanism
from wizard.core.mail.smtp import Reply, SmtpClient, SmtpFailure, SmtpSettings
from wizard.core.mail.transcript import Transcript
from wizard.core.target import validate_email
from wizard.core.translatable import QT_TRANSLATE_NOOP
from wizard.core.untrusted import has_unsafe, printable

if TYPE_CHECKING:
    from collections.abc import Callable

    from wizard.core.mail.certs import CertFacts
    from wizard.core.mail.pool import SmtpPool


def make_test_message(sender: str, recipient: str, server: str) -> EmailMessage:
    msg = EmailMessage()
    msg["From"] = sender
    msg["To"] = recipient
    msg["Date"] = formatdate(localtime=True)
    msg["Message-ID"] = make_msgid(domain="relay-wizard.invalid")
    msg["Subject"] = f"Relay Wizard test message via {server}"
    msg.set_content(
        f"This is a test message sent by Relay Wizard through {server}\n"
        "to prove that authenticated relaying works. You can delete it.\n"
    )
    return msg


@dataclass(frozen=True)
class SendResult:
    """A message the server accepted: its queue id, the reply, the whole conversation."""

    queue_id: str
    mechanism: str
    reply: Reply
    transcript: Transcript
    tls: bool
    cert_sha256: str
    # the certificate read over SSH that the one presented matched (then it was trusted
    # because it is the server's own, self-signed or not); None when not checked so
    server_cert: CertFacts | None = None

    def to_json(self) -> dict[str, object]:
        return {
            "queue_id": self.queue_id,
            "mechanism": self.mechanism,
            "reply": str(self.reply),
            "tls": self.tls,
            "cert_sha256": self.cert_sha256,
            "cert_checked_over_ssh": self.server_cert is not None,
            "server_cert": self.server_cert.to_json() if self.server_cert else None,
            "transcript": self.transcript.to_json(),
        }


def checked_pin(result: SendResult) -> str:
    """The fingerprint to keep pinned after ``result``: a self-signed certificate checked
    over SSH (so that later tests without SSH, and staff, can trust it), else ""."""
    cert = result.server_cert
    return cert.sha256 if cert is not None and cert.self_signed else ""


def checks_over_ssh(settings: SmtpSettings, server_cert: CertFacts | None) -> bool:
    """Whether the certificate read over SSH decides what is trusted: with TLS, and when
    the admin pinned none."""
    return server_cert is not None and settings.security != "none" and not settings.pinned_sha256


def not_the_servers(presented: str, server_cert: CertFacts) -> SmtpFailure:
    """The certificate presented is not the one the server uses: refuse, and say why."""
    return SmtpFailure(
        "tls",
        QT_TRANSLATE_NOOP(
            "Errors",
            "The certificate presented ({value}) is not the one the mail server uses on "
            "the server ({sha256}, read over SSH). Something between this computer and "
            "the server may be intercepting the connection, or the name leads to "
            "another machine. No password was sent.",
        ).format(value=presented or "unknown", sha256=server_cert.sha256),
        "Check that the server's name leads to this server. If its certificate was replaced "
        "a moment ago, try again.",
        kind="not-the-servers",
        cert_sha256=presented,
    )


def queue_id_of(reply: Reply) -> str:
    """sendmail's ``250 2.0.0 <queue id> Message accepted for delivery``, Postfix's
    ``250 2.0.0 Ok: queued as <queue id>``."""
    postfix = re.search(r"\bqueued as ([A-Za-z0-9]{6,24})\b", reply.text)
    if postfix:
        return postfix.group(1)
    words = reply.text.split()
    if len(words) >= 2 and words[0][:1].isdigit() and "." in words[0]:
        words = words[1:]
    return words[0] if words and words[0].isalnum() and len(words[0]) >= 8 else ""


def fetch_certificate(settings: SmtpSettings) -> str:
    """The SHA-256 fingerprint of the server's certificate, read without trusting it."""
    loose = dataclasses.replace(settings, verify_cert=False, pinned_sha256=None)
    with contextlib.suppress(SmtpFailure, OSError), SmtpClient(loose) as client:
        client.open()
        return client.peer_cert_sha256
    return ""


@dataclass(frozen=True)
class SendRequest:
    """One test message: where, as whom, from and to which address, with which
    mechanism ("" for the best one offered). The password never leaves this object but
    for the AUTH exchange (``repr`` hides it)."""

    settings: SmtpSettings
    user: str
    password: str = field(repr=False)
    sender: str
    recipient: str
    mechanism: str = ""
    # the certificate the mail server uses, read over SSH: the one presented must be it
    server_cert: CertFacts | None = None


def send_test(
    settings: SmtpSettings,
    user: str,
    password: str,
    sender: str,
    recipient: str,
    mechanism: str = "",
    progress: Callable[[str], None] | None = None,
    *,
    pool: SmtpPool | None = None,
    server_cert: CertFacts | None = None,
    on_message_id: Callable[[str], None] | None = None,
) -> SendResult:
    """Log in and send a real test message.

    ``on_message_id``: called with the message's Message-ID just before its text goes
    out (to look for it on the server meanwhile: ``diagnose.MessageFollower``).

    ``pool``: a session parked there for these settings (the apply's verification) is
    used instead of a new connection. ``server_cert``: the certificate sendmail uses, read
    over SSH; unless the admin pinned one, exactly it is accepted over TLS (self-signed or
    not), and any other is refused as a possible interception.

    Raises:
        UsageError: the sender, recipient, user name or mechanism is malformed; checked
            before anything is sent.
        SmtpFailure: with ``stage`` (resolve, connect, greeting, tls, ehlo, auth-offered,
            mechanism, auth, mail, rcpt, data, timeout, connection), the server's ``reply``,
            the ``transcript`` so far and, for TLS trouble, the certificate fingerprint.
    """
    validate_email(sender, envelope=True)
    validate_email(recipient, envelope=True)
    if has_unsafe(user) or not user:
        raise UsageError(
            f"The user name '{printable(user)}' holds a line break or another control character."
            if user
            else "Give the user name to log in as.",
            QT_TRANSLATE_NOOP("Errors", "Type the user name again."),
            field=Field.USER,
        )
    if mechanism and mechanism.upper() not in MECHANISMS:
        raise UsageError(
            QT_TRANSLATE_NOOP(
                "Errors", "The mechanism '{mechanism}' is not one this client speaks."
            ).format(mechanism=printable(mechanism)),
            QT_TRANSLATE_NOOP("Errors", "Use one of {mechanisms}.").format(
                mechanisms=", ".join(MECHANISMS)
            ),
            field=Field.MECHANISM,
        )
    say = progress or (lambda _m: None)
    started, local = time.monotonic(), ""
    by_ssh = server_cert if checks_over_ssh(settings, server_cert) else None
    if by_ssh is not None:
        settings = dataclasses.replace(settings, pinned_sha256=by_ssh.sha256)
    transcript = Transcript(secrets=(password,) if password else ())
    reused = pool.take(settings, transcript) if pool is not None else None
    client = reused or SmtpClient(settings, transcript)
    try:
        with client:
            if reused is None:
                say(
                    QT_TRANSLATE_NOOP("Progress", "Connecting to {host} port {port}").format(
                        host=settings.host, port=settings.port
                    )
                )
                client.open()
            local = client.addresses()[0]  # the mail log names the client by it
            offered = client.auth_mechanisms
            if not offered:
                raise SmtpFailure(
                    "auth-offered",
                    QT_TRANSLATE_NOOP("Errors", "The server does not offer SMTP AUTH here."),
                )
            mech = choose_mechanism(offered, client.tls_active, mechanism)
            if not mech:
                raise SmtpFailure(
                    "mechanism",
                    QT_TRANSLATE_NOOP(
                        "Errors",
                        "The server offers only PLAIN or LOGIN here, and without TLS the "
                        "password would cross the network readable (it offers: {offered}).",
                    ).format(offered=" ".join(offered)),
                    QT_TRANSLATE_NOOP(
                        "Errors", "Use STARTTLS or implicit TLS, or name the mechanism to use."
                    ),
                    field=Field.SECURITY,
                )
            say(
                QT_TRANSLATE_NOOP("Progress", "Logging in as {user} with {mechanism}").format(
                    user=user, mechanism=mech
                )
            )
            r = client.login(user, password, mech)
            if r.code != 235:
                raise SmtpFailure(
                    "auth",
                    QT_TRANSLATE_NOOP("Errors", "The login was refused: {r}.").format(r=r),
                    reply=r,
                )
            message = make_test_message(sender, recipient, settings.host)
            piped = client.pipelining
            if piped:
                # RFC 2920: MAIL, RCPT and DATA in one write, the replies read in order;
                # the first failing one is reported, as one by one. After a failure the
                # session is dropped, not ended with QUIT: whatever the server said to the
                # rest, no message can be ended by what follows.
                client.send_commands([f"MAIL FROM:<{sender}>", f"RCPT TO:<{recipient}>", "DATA"])
            r = client.reply() if piped else client.mail(sender)
            if r.code != 250:
                if piped:
                    client.close()
                raise SmtpFailure(
                    "mail",
                    QT_TRANSLATE_NOOP("Errors", "The sender <{sender}> was refused: {r}.").format(
                        sender=sender, r=r
                    ),
                    reply=r,
                )
            r = client.reply() if piped else client.rcpt(recipient)
            if r.code not in (250, 251):
                if piped:
                    client.close()
                raise SmtpFailure(
                    "rcpt",
                    QT_TRANSLATE_NOOP(
                        "Errors", "The recipient <{recipient}> was refused: {r}."
                    ).format(recipient=recipient, r=r),
                    reply=r,
                )
            say(QT_TRANSLATE_NOOP("Progress", "Sending the test message"))
            if piped:
                r = client.reply()
                if r.code == 354:
                    if on_message_id is not None:
                        on_message_id(str(message["Message-ID"]))
                    r = client.send_message_body(message, then_quit=True)
            else:
                if on_message_id is not None:
                    on_message_id(str(message["Message-ID"]))
                r = client.data(message)
            if r.code != 250:
                raise SmtpFailure(
                    "data",
                    QT_TRANSLATE_NOOP("Errors", "The message was refused: {r}.").format(r=r),
                    reply=r,
                )
            return SendResult(
                queue_id_of(r),
                mech,
                r,
                transcript,
                client.tls_active,
                client.peer_cert_sha256,
                by_ssh,
            )
    except SmtpFailure as exc:
        exc.transcript = transcript
        exc.started, exc.client_address = started, local
        if by_ssh is not None and exc.stage == "tls" and exc.kind == "pin":
            refused = not_the_servers(exc.cert_sha256, by_ssh)
            refused.transcript = transcript
            refused.started, refused.client_address = started, local
            raise refused from None
        if exc.stage == "tls" and exc.kind in ("untrusted", "mismatch") and not exc.cert_sha256:
            exc.cert_sha256 = fetch_certificate(settings)
        raise
