"""The server's certificate as facts: names, issuer, self-signed, fingerprint, expiry; and
whatever else the file holds refused without a traceback."""

from __future__ import annotations

import base64
import datetime

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from wizard.core.mail.certs import MAX_PEM, parse_cert_section, parse_certificate
from wizard.core.mail.tls import cert_fingerprint
from wizard.core.remote.sections import ProtocolError


def _name(cn: str, org: str = "") -> x509.Name:
    attrs = [x509.NameAttribute(NameOID.COMMON_NAME, cn)]
    if org:
        attrs.insert(0, x509.NameAttribute(NameOID.ORGANIZATION_NAME, org))
    return x509.Name(attrs)


def make_cert(
    cn: str,
    *,
    sans: tuple[str, ...] = (),
    issuer: tuple[x509.Name, ec.EllipticCurvePrivateKey] | None = None,
    org: str = "",
) -> x509.Certificate:
    key = ec.generate_private_key(ec.SECP256R1())
    subject = _name(cn, org)
    issuer_name, signer = issuer if issuer else (subject, key)
    builder = (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(issuer_name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(datetime.datetime(2025, 1, 1, tzinfo=datetime.UTC))
        .not_valid_after(datetime.datetime(2035, 6, 30, 12, tzinfo=datetime.UTC))
    )
    if sans:
        builder = builder.add_extension(
            x509.SubjectAlternativeName([x509.DNSName(n) for n in sans]), critical=False
        )
    return builder.sign(signer, hashes.SHA256())


def pem(cert: x509.Certificate) -> bytes:
    return cert.public_bytes(serialization.Encoding.PEM)


def test_a_stock_self_signed_certificate_names_its_cn() -> None:
    cert = make_cert("mail.example.org", org="Sendmail")
    facts = parse_certificate(pem(cert), "/etc/mail/tls/sendmail-server.crt")
    assert facts is not None
    assert facts.names == ("mail.example.org",)
    assert facts.self_signed is True and facts.issuer == "Sendmail"
    assert facts.sha256 == cert_fingerprint(cert.public_bytes(serialization.Encoding.DER))
    assert facts.expires == "2035-06-30"
    assert facts.covers("MAIL.example.org.") and not facts.covers("198.51.100.7")


def test_the_sans_win_over_the_cn_and_a_wildcard_covers_one_label() -> None:
    facts = parse_certificate(pem(make_cert("ignored", sans=("*.example.org", "example.org"))))
    assert facts is not None
    assert facts.names == ("*.example.org", "example.org")
    assert facts.covers("mail.example.org") and facts.covers("example.org")
    assert not facts.covers("a.mail.example.org")


def test_a_certificate_from_an_authority_is_not_self_signed_and_the_first_one_counts() -> None:
    ca_key = ec.generate_private_key(ec.SECP256R1())
    ca_name = _name("Office CA", "Example Authority")
    leaf = make_cert("mail.example.org", issuer=(ca_name, ca_key))
    ca = make_cert("Office CA", org="Example Authority")
    facts = parse_certificate(pem(leaf) + pem(ca))
    assert facts is not None
    assert facts.self_signed is False and facts.issuer == "Example Authority"
    assert facts.names == ("mail.example.org",)


def test_a_name_that_claims_itself_but_is_signed_by_another_key_is_not_self_signed() -> None:
    other = ec.generate_private_key(ec.SECP256R1())
    forged = make_cert("mail.example.org", issuer=(_name("mail.example.org"), other))
    facts = parse_certificate(pem(forged))
    assert facts is not None and facts.self_signed is False


@pytest.mark.parametrize(
    "text",
    [
        b"",
        b"not a certificate at all",
        b"-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n",
        b"-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n",
        b"A" * (MAX_PEM + 10) + pem(make_cert("late.example.org")),
    ],
    ids=["empty", "text", "broken-der", "a-key", "beyond-the-limit"],
)
def test_garbage_is_no_certificate(text: bytes) -> None:
    assert parse_certificate(text) is None


def test_untrusted_names_come_back_printable() -> None:
    facts = parse_certificate(pem(make_cert("evil\x1b[31m.example.org", org="Bad\nOrg")))
    assert facts is not None
    assert "\x1b" not in facts.names[0] and "\n" not in facts.issuer


def test_the_section_says_whether_sendmail_uses_it() -> None:
    body = base64.b64encode(pem(make_cert("mail.example.org"))).decode()
    used = parse_cert_section(f"in-use /etc/mail/tls/cert.pem\n{body}\n")
    stock = parse_cert_section(f"stock /etc/mail/tls/sendmail-server.crt\n{body}\n")
    assert used is not None and used.in_use and used.path == "/etc/mail/tls/cert.pem"
    assert stock is not None and not stock.in_use
    assert parse_cert_section("") is None
    assert parse_cert_section(f"other /x\n{body}\n") is None
    with pytest.raises(ProtocolError):
        parse_cert_section("in-use /x\nnot base64!\n")
