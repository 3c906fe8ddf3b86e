"""The certificate a server uses, read over SSH and parsed on this computer.

The server's PEM file is untrusted text: it is parsed here with ``cryptography`` (never
from ``openssl`` text output), within size limits, and only the first certificate counts
(the server's own; a chain may follow it). What comes back is plain facts for every front:
the names it is issued for, who issued it, whether it is self-signed, its SHA-256 as
:func:`wizard.core.mail.tls.cert_fingerprint` writes it, and when it expires.
"""

from __future__ import annotations

import datetime
import re
import ssl
from dataclasses import dataclass
from typing import TYPE_CHECKING

from wizard.core.errors import WizardError
from wizard.core.lazy import LazyModule
from wizard.core.mail.tls import cert_fingerprint
from wizard.core.remote import scripts
from wizard.core.remote.sections import b64_strict
from wizard.core.translatable import QT_TRANSLATE_NOOP
from wizard.core.untrusted import printable

if TYPE_CHECKING:
    import threading

    from cryptography import exceptions, x509
    from cryptography.hazmat.primitives import serialization

    from wizard.core.remote.runner import Runner
else:
    exceptions = LazyModule("cryptography.exceptions")
    x509 = LazyModule("cryptography.x509")
    serialization = LazyModule("cryptography.hazmat.primitives.serialization")

# A server certificate file is a few kB; anything much larger is not one.
MAX_PEM = 64 * 1024
MAX_NAMES = 50
MAX_TEXT = 200
_PEM = re.compile(rb"-----BEGIN CERTIFICATE-----\r?\n[A-Za-z0-9+/=\r\n]+?-----END CERTIFICATE-----")


@dataclass(frozen=True)
class CertFacts:
    """One certificate, as facts. ``path``: where the server keeps it; ``in_use``: sendmail's
    built configuration names it (else it is the one the modern set-up would use)."""

    names: tuple[str, ...]  # DNS names: the SANs, else the subject's CN
    issuer: str
    self_signed: bool
    sha256: str
    expires: str  # ISO date, YYYY-MM-DD
    path: str = ""
    in_use: bool = False

    def covers(self, host: str) -> bool:
        """Whether ``host`` is one of the names (a ``*.`` wildcard covers one label)."""
        host = host.lower().rstrip(".")
        for name in self.names:
            name = name.lower().rstrip(".")
            if name == host:
                return True
            if name.startswith("*.") and "." in host and host.split(".", 1)[1] == name[2:]:
                return True
        return False

    def to_json(self) -> dict[str, object]:
        return {
            "names": list(self.names),
            "issuer": self.issuer,
            "self_signed": self.self_signed,
            "sha256": self.sha256,
            "expires": self.expires,
            "path": self.path,
            "in_use": self.in_use,
        }


def _text(value: object) -> str:
    return printable(str(value))[:MAX_TEXT]


def _names(cert: x509.Certificate) -> tuple[str, ...]:
    try:
        san = cert.extensions.get_extension_for_class(x509.SubjectAlternativeName)
        dns = san.value.get_values_for_type(x509.DNSName)
    except (x509.ExtensionNotFound, ValueError):
        dns = []
    if not dns:
        cns = cert.subject.get_attributes_for_oid(x509.NameOID.COMMON_NAME)
        dns = [str(a.value) for a in cns]
    return tuple(_text(n) for n in dns[:MAX_NAMES])


def _issuer(cert: x509.Certificate) -> str:
    for oid in (x509.NameOID.ORGANIZATION_NAME, x509.NameOID.COMMON_NAME):
        found = cert.issuer.get_attributes_for_oid(oid)
        if found:
            return _text(found[0].value)
    return _text(cert.issuer.rfc4514_string())


def _self_signed(cert: x509.Certificate) -> bool:
    if cert.issuer != cert.subject:
        return False
    try:
        cert.verify_directly_issued_by(cert)
    except (ValueError, TypeError, exceptions.InvalidSignature):  # TypeError: key type
        return False
    return True


def parse_certificate(pem: bytes, path: str = "", *, in_use: bool = False) -> CertFacts | None:
    """The facts of the first certificate in ``pem``; None if there is none that parses."""
    match = _PEM.search(pem[:MAX_PEM])
    if match is None:
        return None
    try:
        cert = x509.load_pem_x509_certificate(match.group(0))
        der = cert.public_bytes(serialization.Encoding.DER)
        expires = cert.not_valid_after_utc
    except ValueError:
        return None
    return CertFacts(
        names=_names(cert),
        issuer=_issuer(cert),
        self_signed=_self_signed(cert),
        sha256=cert_fingerprint(der),
        expires=expires.date().isoformat(),
        path=_text(path),
        in_use=in_use,
    )


def certificate_from_der(der: bytes) -> CertFacts | None:
    """The facts of a certificate as a TLS handshake gives it (DER); None if it does not parse."""
    if not der or len(der) > MAX_PEM:
        return None
    return parse_certificate(ssl.DER_cert_to_PEM_cert(der).encode("ascii"))


def days_left(facts: CertFacts, today: datetime.date | None = None) -> int:
    """Days until ``facts`` expires (negative: expired), from ``today`` (UTC by default)."""
    today = today or datetime.datetime.now(datetime.UTC).date()
    return (datetime.date.fromisoformat(facts.expires) - today).days


def parse_cert_section(text: str) -> CertFacts | None:
    """The ``server-cert`` section of a remote script (lib.sh's ``server_cert``): a line
    ``in-use PATH`` or ``stock PATH``, then the file as one line of base64."""
    lines = text.splitlines()
    if len(lines) < 2:
        return None
    how, _, path = lines[0].partition(" ")
    if how not in ("in-use", "stock"):
        return None
    if len(lines[1]) > MAX_PEM * 2:
        return None
    pem = b64_strict(lines[1], "the certificate")
    return parse_certificate(pem, path, in_use=how == "in-use")


def read_server_cert(session: Runner, cancel: threading.Event | None = None) -> CertFacts | None:
    """The certificate sendmail presents, read as root over ``session`` (one round trip);
    None when the server has none.

    Raises:
        WizardError: the script could not run.
        ProtocolError: its answer is not base64.
    """
    r = session.run(scripts.command("server-cert"), timeout=30, cancel=cancel)
    if not r.ok:
        raise WizardError(
            QT_TRANSLATE_NOOP("Errors", "Could not read the server's certificate."),
            QT_TRANSLATE_NOOP(
                "Errors", "Check that the server can still be reached over SSH, then try again."
            ),
        )
    return parse_cert_section(r.stdout)
