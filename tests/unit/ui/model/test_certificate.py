"""What Settings says about the server's certificate (the sentences chosen, without Qt)."""

from __future__ import annotations

from wizard.core.mta.report import TlsInfo
from wizard.ui.model.certificate import CertNote, cert_summary

FP = ":".join(["AB"] * 32)


def tls(names: tuple[str, ...], self_signed: bool) -> TlsInfo:
    issuer = "CN=mail.lab.test" if self_signed else "CN=R11,O=Let's Encrypt"
    return TlsInfo(
        True,
        True,
        "/etc/mail/tls/x.crt",
        "/etc/mail/tls/x.key",
        names,
        issuer,
        self_signed,
        FP,
        "2027-01-01",
    )


def test_no_certificate() -> None:
    assert cert_summary(TlsInfo(False, False, "", ""), "mail.example.com").notes == (CertNote.NONE,)


def test_a_self_signed_certificate_for_another_name_is_said_to_be_harmless() -> None:
    # Debian's names the host as it was at install; staff accept it by fingerprint
    found = cert_summary(tls(("mail.lab.test",), True), "shots-m.lab.test")
    assert found.notes == (CertNote.SELF_SIGNED, CertNote.OLD_NAME)
    assert found.host == "shots-m.lab.test"
    assert cert_summary(tls(("mail.lab.test",), True), "mail.lab.test").notes == (
        CertNote.SELF_SIGNED,
    )
    assert found.sha256 == FP and found.names == "mail.lab.test"


def test_an_authority_certificate_that_does_not_name_the_server_is_said() -> None:
    assert cert_summary(tls(("www.example.com",), False), "mail.example.com").notes == (
        CertNote.AUTHORITY,
        CertNote.OTHER_NAME,
    )
    assert cert_summary(tls(("mail.example.com",), False), "mail.example.com").notes == (
        CertNote.AUTHORITY,
    )
