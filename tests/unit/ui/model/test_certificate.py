"""What Settings says about the server's certificate (the sentences chosen, without Qt)."""

from __future__ import annotations

from wizard.core.mta.report import CertificateFound, TlsInfo
from wizard.ui.model.certificate import CertNote, cert_summary, certbot_expiry, certbot_offers

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


def found(lineage: str, names: tuple[str, ...], days: int, covers: bool) -> CertificateFound:
    return CertificateFound(
        "certbot",
        f"/etc/letsencrypt/live/{lineage}/fullchain.pem",
        f"/etc/letsencrypt/live/{lineage}/privkey.pem",
        lineage,
        names,
        "CN=R11,O=Let's Encrypt",
        False,
        f"2027-01-{days:02d}",
        days,
        covers,
    )


def test_certbot_offers_those_that_name_the_server_first_and_leaves_out_expired_ones() -> None:
    certificates = [
        found("www", ("www.example.com",), 20, False),
        found("old", ("mail.example.com",), -3, True),
        found("mail", ("mail.example.com", "smtp.example.com"), 10, True),
        CertificateFound("sendmail", "/etc/mail/tls/x.crt", "/etc/mail/tls/x.key", in_use=True),
        CertificateFound("acme.sh", "/root/.acme.sh/a/a.cer", "/root/.acme.sh/a/a.key"),
    ]
    offers = certbot_offers(certificates)
    assert [o.lineage for o in offers] == ["mail", "www"]
    assert offers[0].names == "mail.example.com, smtp.example.com"
    assert offers[0].expires == "2027-01-10"
    # one that names the server needs no name; another is asked for by its first name
    assert [o.cert_name for o in offers] == ["mail.example.com", "www.example.com"]
    assert certbot_expiry(certificates, "") == "2027-01-10"
    assert certbot_expiry(certificates, "www.example.com") == "2027-01-20"
    assert certbot_expiry(certificates, "other.example.com") == ""
    assert certbot_offers([]) == []
