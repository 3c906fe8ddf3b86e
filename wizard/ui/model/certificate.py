"""What the Settings page says about the server's certificate: which sentences apply
(the page words them, through its translations), from the facts inspection read."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING

from wizard.core.mail.certs import CertFacts

if TYPE_CHECKING:
    from wizard.core.mta.report import TlsInfo


class CertNote(StrEnum):
    NONE = "none"  # no certificate found
    SELF_SIGNED = "self-signed"  # staff's programs warn once; the fingerprint to check
    AUTHORITY = "authority"  # issued by an authority: trusted as it is
    OTHER_NAME = "other-name"  # an authority's certificate for other names than staff's
    OLD_NAME = "old-name"  # a self-signed one for another name: harmless, said for clarity


@dataclass(frozen=True)
class CertSummary:
    notes: tuple[CertNote, ...]
    names: str = ""  # the certificate's names, comma-separated
    host: str = ""  # the name staff use
    issuer: str = ""
    sha256: str = ""
    expires: str = ""


def cert_summary(tls: TlsInfo, host: str) -> CertSummary:
    """Which sentences describe ``tls``'s certificate for staff reaching it as ``host`` (the
    name the exports give staff). A self-signed certificate's names do not matter: staff
    accept it by its fingerprint, and that exception covers the name too."""
    if not tls.cert_sha256:
        return CertSummary((CertNote.NONE,))
    facts = CertFacts(
        tls.cert_names, tls.cert_issuer, tls.cert_self_signed, tls.cert_sha256, tls.cert_expires
    )
    notes = [CertNote.SELF_SIGNED if facts.self_signed else CertNote.AUTHORITY]
    if host and not facts.covers(host):
        notes.append(CertNote.OLD_NAME if facts.self_signed else CertNote.OTHER_NAME)
    return CertSummary(
        tuple(notes), ", ".join(facts.names), host, facts.issuer, facts.sha256, facts.expires
    )
