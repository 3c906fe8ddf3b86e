"""The Servers window says until when each server's certificate is valid, from the audit's
TLS handshake, with a warning sign 21 days before it expires (issue 16)."""

from __future__ import annotations

import dataclasses
import datetime
from typing import Any

from pytestqt.qtbot import QtBot

from tests.ui.test_servers_view import FleetFakes, finished, made, make, result, saved  # noqa: F401
from tests.unit.core.mail.test_audit_certificate import EXPIRES, der
from tests.unit.core.mail.test_audit_report import STRANGER, report
from wizard.core.fleet import checks as fc
from wizard.core.fleet.summary import Row
from wizard.core.local.profiles import ServerProfile
from wizard.core.mail.certs import certificate_from_der
from wizard.ui.servers import COL_RESULT, ServersDialog


class CertificateFakes(FleetFakes):
    """Audits that saw pebble's certificate, judged on a given day per server."""

    days: dict[str, datetime.date]

    def audit_check(self, profile: ServerProfile, job: Any) -> Row:
        r = report([("refused", 550)] * 18, STRANGER)
        r = dataclasses.replace(
            r, certificate=certificate_from_der(der()), today=self.days[profile.name]
        )
        return fc.audit_row(profile, r)


def test_the_audit_cell_says_the_expiry_and_warns_21_days_before(
    qtbot: QtBot,
    made: list[ServersDialog],  # noqa: F811
) -> None:
    services = CertificateFakes([saved("a"), saved("b")], {})
    services.days = {"a": datetime.date(2026, 12, 2), "b": EXPIRES - datetime.timedelta(days=9)}
    w = make(qtbot, made, services)
    w.resize(820, 640)
    w.audit_all.click()
    finished(qtbot, w)
    assert result(w, 0) == "open-relay audit: passed; certificate valid until 2031-12-02"
    assert result(w, 1) == "open-relay audit: passed; certificate expires in 9 day(s)"
    ok, ageing = (w.table.item(i, COL_RESULT) for i in (0, 1))
    assert ok.icon().cacheKey() != ageing.icon().cacheKey()  # the warning sign
    assert "expires in 9 day(s), on 2031-12-02: renew it before then." in ageing.toolTip()
    assert "The certificate is valid until 2031-12-02." in w.summary.toPlainText()
    w.grab().save("/tmp/w1-servers.png")
