"""What an SMTP session deals in: where and how to connect (:class:`SmtpSettings`), a
server's :class:`Reply`, the :class:`SmtpFailure` a step ends with (its stage and kind), and
the messages of the failures the client raises before anything is sent or read (most
messages are written where the failure happens, in ``smtp``).
"""

from __future__ import annotations

import socket
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from wizard.core.errors import Field, UsageError, WizardError
from wizard.core.translatable import QT_TRANSLATE_NOOP
from wizard.core.untrusted import printable

if TYPE_CHECKING:
    from wizard.core.mail.transcript import Transcript

Security = Literal["none", "starttls", "tls"]


@dataclass(frozen=True)
class Reply:
    code: int
    text: str

    @property
    def enhanced(self) -> str:
        parts = self.text.split()
        return parts[0] if parts and parts[0][:1].isdigit() and "." in parts[0] else ""

    def __str__(self) -> str:
        return f"{self.code} {self.text}"


class SmtpFailure(WizardError):
    """An SMTP step failed. ``stage`` says which; ``reply`` is the server's answer if any.

    ``kind`` refines the stage where it matters (TLS: ``untrusted`` or ``mismatch``;
    connect: ``refused`` or ``timeout``; ``protocol``: the server's reply at this stage
    broke the rules or the limits, the message says how; ``timeout``: the step the reply
    was late for); ``cert_sha256`` is the server certificate's fingerprint when it is
    known; ``transcript`` is the conversation up to the failure.
    """

    def __init__(
        self,
        stage: str,
        message: str,
        fix: str = "",
        reply: Reply | None = None,
        *,
        kind: str = "",
        cert_sha256: str = "",
        field: Field | None = None,
    ):
        super().__init__(message, fix, field=field)
        self.stage = stage
        self.reply = reply
        self.kind = kind
        self.cert_sha256 = cert_sha256
        self.transcript: Transcript | None = None
        self.started = 0.0  # time.monotonic() when the attempt began (0: unknown)
        self.client_address = ""  # this side's address on the connection, once connected


@dataclass(frozen=True)
class SmtpSettings:
    """Where and how to talk SMTP.

    ``timeout`` bounds connecting and each reply as a whole: a server that trickles its
    answer a byte at a time is cut off at the same deadline as one that says nothing.
    """

    host: str
    port: int = 25
    security: Security = "none"
    helo_name: str = "relay-wizard.invalid"
    timeout: float = 20.0
    verify_cert: bool = True
    pinned_sha256: str | None = None  # accept exactly this certificate (self-signed)
    # the name the certificate must be valid for, when ``host`` is not it (an address, a
    # name only this computer uses): TLS asks for it (SNI) and checks it; "" = ``host``
    tls_name: str = ""


# --------------------------------------------------------------------------- the messages

SEE_TRANSCRIPT = QT_TRANSLATE_NOOP("Errors", "Look at the transcript: the last reply says why.")
NOT_SMTP = QT_TRANSLATE_NOOP(
    "Errors",
    "The server does not speak SMTP as RFC 5321 says (or is not a mail server): "
    "look at the transcript.",
)
TRY_AGAIN = QT_TRANSLATE_NOOP(
    "Errors", "Try again; if it happens again, look at the server's load and its mail log."
)


def unsendable_command(command: str) -> UsageError:
    """A command with a line break or NUL in it (``command``: as shown, escaped)."""
    return UsageError(
        QT_TRANSLATE_NOOP(
            "Errors",
            "The SMTP command '{command}' holds a line break or NUL character, so it was not sent.",
        ).format(command=command),
        QT_TRANSLATE_NOOP(
            "Errors", "Remove the line break from the value (an address, a name) it was made of."
        ),
    )


def unknown_mechanism(mechanism: str, known: tuple[str, ...]) -> UsageError:
    return UsageError(
        QT_TRANSLATE_NOOP("Errors", "Unknown mechanism {mechanism}.").format(
            mechanism=repr(mechanism)
        ),
        QT_TRANSLATE_NOOP("Errors", "Use one of {mechanisms}.").format(mechanisms=known),
        field=Field.MECHANISM,
    )


def not_connected(exc: OSError, s: SmtpSettings) -> SmtpFailure:
    """Why the connection to ``s.host`` port ``s.port`` could not be made."""
    if isinstance(exc, socket.gaierror):
        return SmtpFailure(
            "resolve",
            QT_TRANSLATE_NOOP("Errors", "Cannot find the server name {host} ({reason}).").format(
                host=repr(s.host), reason=exc.strerror
            ),
        )
    if isinstance(exc, ConnectionRefusedError):
        return SmtpFailure(
            "connect",
            QT_TRANSLATE_NOOP(
                "Errors",
                "Nothing accepts mail on {host} port {port}: the connection was refused.",
            ).format(host=s.host, port=s.port),
            QT_TRANSLATE_NOOP(
                "Errors", "The mail server may listen on 127.0.0.1 only, or not on this port."
            ),
            kind="refused",
        )
    if isinstance(exc, TimeoutError):
        return SmtpFailure(
            "connect",
            QT_TRANSLATE_NOOP(
                "Errors", "{host} port {port} did not answer within {seconds} s."
            ).format(host=s.host, port=s.port, seconds=f"{s.timeout:g}"),
            kind="timeout",
        )
    return SmtpFailure(
        "connect",
        QT_TRANSLATE_NOOP("Errors", "Cannot connect to {host} port {port}: {reason}.").format(
            host=s.host, port=s.port, reason=printable(str(exc))
        ),
    )


def not_offered(mechanism: str, offered: list[str]) -> SmtpFailure:
    """The server does not offer ``mechanism`` (stage ``mechanism``)."""
    message = (
        QT_TRANSLATE_NOOP(
            "Errors", "The server does not offer {mechanism} here (it offers: {offered})."
        )
        if offered
        else QT_TRANSLATE_NOOP(
            "Errors", "The server does not offer {mechanism} here (it offers no AUTH at all)."
        )
    )
    return SmtpFailure(
        "mechanism",
        message.format(mechanism=mechanism, offered=" ".join(offered)),
        field=Field.MECHANISM,
    )


def nul_in_login() -> UsageError:
    return UsageError(
        QT_TRANSLATE_NOOP(
            "Errors",
            "The user name or password holds a NUL character, which SMTP AUTH cannot carry.",
        ),
        QT_TRANSLATE_NOOP("Errors", "Type the user name and password again."),
    )
