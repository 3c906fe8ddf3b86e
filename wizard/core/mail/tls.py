"""TLS for the SMTP client: the context it connects with, certificate fingerprints, pins.

A server with a self-signed certificate is accepted only by its pinned SHA-256
fingerprint (the admin compares it with the server's own, then pins it); otherwise the
certificate must be signed by an authority this computer trusts and name the host.
"""

from __future__ import annotations

import hashlib
import ssl
from typing import TYPE_CHECKING

from wizard.core.errors import Field, UsageError, WizardError
from wizard.core.translatable import QT_TRANSLATE_NOOP
from wizard.core.untrusted import printable

if TYPE_CHECKING:
    import socket

# OpenSSL's X509_V_ERR_HOSTNAME_MISMATCH: the certificate names another host.
HOSTNAME_MISMATCH = 62


def client_context(verify: bool) -> ssl.SSLContext:
    """The default context; without ``verify`` (a pinned or unchecked certificate) it
    neither checks the chain nor the name: the pin is compared after the handshake."""
    ctx = ssl.create_default_context()
    if not verify:
        ctx.check_hostname = False
        ctx.verify_mode = ssl.CERT_NONE
    return ctx


def cert_fingerprint(der: bytes) -> str:
    """SHA-256 of a DER certificate as colon-separated upper-case hex."""
    digest = hashlib.sha256(der).hexdigest().upper()
    return ":".join(digest[i : i + 2] for i in range(0, len(digest), 2))


def normalize_fingerprint(text: str) -> str:
    """A typed or pasted SHA-256 fingerprint as :func:`cert_fingerprint` writes it.

    Raises:
        UsageError: (field ``PIN_CERT``) not 64 hexadecimal digits.
    """
    hexdigits = "".join(c for c in text if c.isalnum()).upper()
    if hexdigits.startswith("SHA256"):
        hexdigits = hexdigits[6:]
    if len(hexdigits) != 64 or any(c not in "0123456789ABCDEF" for c in hexdigits):
        raise UsageError(
            QT_TRANSLATE_NOOP("Errors", "{text} is not a SHA-256 certificate fingerprint.").format(
                text=repr(text)
            ),
            QT_TRANSLATE_NOOP(
                "Errors", "Give 64 hexadecimal digits (colons allowed), as shown by the wizard."
            ),
            field=Field.PIN_CERT,
        )
    return ":".join(hexdigits[i : i + 2] for i in range(0, 64, 2))


class HandshakeFailed(WizardError):
    """The TLS handshake failed or the certificate was refused; ``kind`` is ``untrusted``,
    ``mismatch`` (another name), ``pin`` (not the pinned certificate) or "" (the handshake
    itself)."""

    def __init__(
        self, message: str, fix: str = "", *, kind: str = "", cert_sha256: str = ""
    ) -> None:
        super().__init__(message, fix, field=Field.PIN_CERT if fix else None)
        self.kind = kind
        self.cert_sha256 = cert_sha256


def handshake(
    sock: socket.socket, host: str, *, verify: bool, pinned: str | None
) -> tuple[ssl.SSLSocket, str]:
    """TLS over ``sock``: the TLS socket and the certificate's SHA-256 fingerprint.

    With ``pinned``, exactly that certificate is accepted (neither chain nor name are
    checked); else ``verify`` checks both, or nothing (reading a fingerprint).

    Raises:
        HandshakeFailed: the handshake failed, the certificate is not trusted, or it is
            not the pinned one (the socket is then closed).
    """
    try:
        tls = client_context(verify and not pinned).wrap_socket(sock, server_hostname=host)
    except ssl.SSLCertVerificationError as exc:
        raise HandshakeFailed(
            QT_TRANSLATE_NOOP("Errors", "The server's certificate is not trusted: {value}.").format(
                value=printable(str(exc.verify_message))
            ),
            QT_TRANSLATE_NOOP(
                "Errors",
                "If the server uses a self-signed certificate, compare its fingerprint "
                "with the one on the server and pin it.",
            ),
            kind="mismatch" if exc.verify_code == HOSTNAME_MISMATCH else "untrusted",
        ) from None
    except (ssl.SSLError, OSError) as exc:
        raise HandshakeFailed(
            QT_TRANSLATE_NOOP("Errors", "The TLS handshake failed: {value}.").format(
                value=printable(str(exc))
            )
        ) from None
    fingerprint = cert_fingerprint(tls.getpeercert(binary_form=True) or b"")
    if pinned and fingerprint != normalize_fingerprint(pinned):
        tls.close()
        raise HandshakeFailed(
            QT_TRANSLATE_NOOP(
                "Errors", "The server's certificate ({fingerprint}) is not the pinned one."
            ).format(fingerprint=fingerprint),
            QT_TRANSLATE_NOOP(
                "Errors", "If the certificate was renewed on purpose, pin the new fingerprint."
            ),
            kind="pin",
            cert_sha256=fingerprint,
        )
    return tls, fingerprint
