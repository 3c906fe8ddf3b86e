"""The Servers window's audit row says until when the server's certificate is valid, and
warns 21 days before it expires (issue 16), from the certificate the audit saw over TLS."""

from __future__ import annotations

import dataclasses
import datetime

from tests.unit.core.fleet.test_checks import profile
from tests.unit.core.mail.test_audit_certificate import EXPIRES, der
from tests.unit.core.mail.test_audit_report import STRANGER, report
from wizard.core.fleet import checks as fc
from wizard.core.mail.certs import certificate_from_der


def audited(today: datetime.date) -> fc.Row:
    r = report([("refused", 550)] * 18, STRANGER)
    r = dataclasses.replace(r, certificate=certificate_from_der(der()), today=today)
    return fc.audit_row(profile(), r)


def test_a_valid_certificate_is_named_with_its_date() -> None:
    row = audited(datetime.date(2026, 12, 2))
    assert row.result == "passed"
    assert row.verification.endswith("The certificate is valid until 2031-12-02.")
    assert row.details == {"certificate_expires": "2031-12-02", "certificate_days_left": 1826}
    assert row.to_json()["certificate_days_left"] == 1826
    assert fc.certificate_note(row.details) == ("certificate valid until 2031-12-02", False)


def test_21_days_before_expiry_the_row_warns() -> None:
    row = audited(EXPIRES - datetime.timedelta(days=21))
    assert "expires in 21 day(s), on 2031-12-02" in row.verification
    assert "valid until 2031-12-02." not in row.verification
    assert fc.certificate_note(row.details) == ("certificate expires in 21 day(s)", True)
    gone = audited(EXPIRES + datetime.timedelta(days=3))
    assert fc.certificate_note(gone.details) == ("certificate expired on 2031-12-02", True)


def test_without_tls_there_is_no_certificate_to_say() -> None:
    row = fc.audit_row(profile(), report([("refused", 550)] * 18, STRANGER))
    assert row.details == {} and fc.certificate_note(row.details) == ("", False)
    assert "certificate" not in row.verification
