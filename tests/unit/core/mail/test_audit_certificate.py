"""The audit reports the certificate the server presented over TLS: names, issuer, expiry,
and a warning 21 days before it expires (issue 16). The certificate is the real one certbot
got from the lab's pebble (tests/data/inspect/debian12-internet.txt)."""

from __future__ import annotations

import base64
import dataclasses
import datetime
import json
import ssl

from tests.capture import internet_sections
from tests.unit.core.mail.test_audit_report import STRANGER, report
from wizard.core.mail.certs import certificate_from_der, parse_certificate

EXPIRES = datetime.date(2031, 12, 2)


def der() -> bytes:
    pem = base64.b64decode(internet_sections()["certificates"].split()[3]).decode()
    return ssl.PEM_cert_to_DER_cert(pem)


def test_a_handshakes_certificate_is_parsed_by_the_one_parser() -> None:
    facts = certificate_from_der(der())
    assert facts is not None
    assert facts.names == ("mail-w1i.lab.test",) and facts.expires == EXPIRES.isoformat()
    assert facts.issuer.startswith("Pebble Intermediate CA") and not facts.self_signed
    pem = ssl.DER_cert_to_PEM_cert(der()).encode()
    assert facts == parse_certificate(pem)
    assert certificate_from_der(b"") is None and certificate_from_der(b"\x30\x03junk") is None


def test_the_audit_names_the_certificate_and_warns_21_days_before_expiry() -> None:
    base = report([("refused", 550)] * 18, STRANGER)
    facts = certificate_from_der(der())
    early = dataclasses.replace(base, certificate=facts, today=datetime.date(2026, 12, 2))
    (said,) = early.certificate_sentences()
    assert said == (
        "The server presented a certificate from Pebble Intermediate CA "
        f"{facts.issuer.split()[-1]} for mail-w1i.lab.test, valid until 2031-12-02."  # type: ignore[union-attr]
    )
    assert said in early.details() and "certificate" not in early.summary()
    j = json.loads(json.dumps(early.to_json()))
    assert j["certificate"]["names"] == ["mail-w1i.lab.test"]
    assert j["certificate"]["days_left"] == (EXPIRES - datetime.date(2026, 12, 2)).days

    late = dataclasses.replace(early, today=EXPIRES - datetime.timedelta(days=21))
    assert late.certificate_warning() == (
        "The server's certificate expires in 21 day(s), on 2031-12-02: renew it before then."
    )
    assert late.summary().endswith(late.certificate_warning())
    gone = dataclasses.replace(early, today=EXPIRES + datetime.timedelta(days=1))
    assert gone.certificate_warning() == "The server's certificate expired on 2031-12-02: renew it."
    assert base.certificate_sentences() == [] and base.to_json()["certificate"] is None
