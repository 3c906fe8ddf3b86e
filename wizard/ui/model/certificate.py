"""What the Settings page says about the server's certificate: which sentences apply
(the page words them, through its translations), from the facts inspection read."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING

from wizard.core.mail.certs import CertFacts

if TYPE_CHECKING:
    from collections.abc import Sequence

    from wizard.core.mta.report import CertificateFound, TlsInfo


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


@dataclass(frozen=True)
class CertbotOffer:
    """A certificate certbot keeps on the server, as the Settings page offers it."""

    lineage: str  # certbot's name for it
    names: str  # its names, comma-separated
    expires: str  # ISO date
    days_left: int
    covers: bool  # it covers the server's name
    cert_name: str  # what the options' cert_name gets ("" = the server's own name)


def certbot_offers(certificates: Sequence[CertificateFound]) -> list[CertbotOffer]:
    """The certificates certbot keeps that sendmail could use, best first: those that cover
    the server's name, then the longest valid; expired ones are left out."""
    found = [c for c in certificates if c.source == "certbot" and c.days_left > 0]
    found.sort(key=lambda c: (not c.covers, -c.days_left, c.lineage))
    return [
        CertbotOffer(
            c.lineage,
            ", ".join(c.names),
            c.expires,
            c.days_left,
            c.covers,
            # the one the admin picked, by its first name (a wildcard: the server's own)
            next((n for n in c.names if not n.startswith("*")), ""),
        )
        for c in found
    ]


def certbot_expiry(certificates: Sequence[CertificateFound], cert_name: str) -> str:
    """When the certificate certbot keeps for ``cert_name`` ("" = the server's own name)
    ends, as inspection read it ("" when unknown)."""
    for offer in certbot_offers(certificates):
        if offer.covers if not cert_name else cert_name in offer.names.split(", "):
            return offer.expires
    return ""
