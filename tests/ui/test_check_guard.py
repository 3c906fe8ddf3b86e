"""The Server check page shows the certificates found and what protects the login against
password guessing, in plain sentences (issue 16, Done-when 4), from a real capture of the
lab's internet server (tests/data/inspect/README.md)."""

from __future__ import annotations

import datetime
from collections.abc import Iterator
from typing import Any

import pytest
from pytestqt.qtbot import QtBot

from tests.capture import internet_sections, stock_sections
from tests.ui.fakes import FakeDialogs, FakeServices
from tests.ui.test_check_and_settings import check_page
from tests.ui.test_translations import Catalogue, german, german_texts, readable  # noqa: F401
from wizard.core.mta.report import ServerReport
from wizard.core.mta.sendmail.inspect_parse import build_report
from wizard.ui.model.guard import guard_notes
from wizard.ui.wizard import RelayWizard

CAPTURED = datetime.date(2026, 12, 2)


def internet_report() -> ServerReport:
    return build_report("mail-w1i.lab.test", internet_sections(), CAPTURED)


@pytest.fixture
def wiz(qtbot: QtBot, monkeypatch: pytest.MonkeyPatch) -> Iterator[RelayWizard]:
    monkeypatch.setattr(FakeServices, "_report", lambda self: internet_report())
    w = RelayWizard(FakeServices(), FakeDialogs())  # type: ignore[arg-type]
    w.resize(820, 640)
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    yield w
    w.state.worker.stop()


def test_the_check_page_lists_certificates_and_protection(qtbot: QtBot, wiz: Any) -> None:
    page = check_page(qtbot, wiz)
    texts = page.guard.texts()
    assert texts[0] == (
        "A self-signed certificate for mail.lab.test, valid until 2036-11-29. "
        "The mail server does not use it."
    )
    assert texts[1].startswith(
        "A certificate from Pebble Intermediate CA 14ed8e for mail-w1i.lab.test, valid until "
        "2031-12-02, kept up to date by certbot. It is valid for mail-w1i.lab.test."
    )
    assert texts[2] == "fail2ban is running and bans addresses that keep failing to log in."
    assert texts[3] == (
        "The mail log shows 4 failed login(s), most from: 203.0.113.4 (3), 198.51.100.17 (1)."
    )
    levels = [r.icon.accessibleName() for r in page.guard.rows]
    assert levels == ["Fine"] * 4
    # the findings say what it means: a certificate ready to use, the login guarded
    findings = " ".join(page.findings.texts())
    assert "already has a certificate from Pebble" in findings
    assert "Addresses that keep failing to log in are banned" in findings
    wiz.grab().save("/tmp/w1-check.png")


def test_an_unguarded_server_with_failures_and_an_ageing_certificate_warns() -> None:
    s = internet_sections()
    s["guard"] = "\n".join(ln for ln in s["guard"].splitlines() if "fail2ban" not in ln)
    r = build_report("x", s, datetime.date(2031, 11, 25))
    notes = guard_notes(r)
    assert notes[1][0] == "warning" and "It expires in 7 day(s)." in notes[1][1]
    assert notes[2] == ("warning", "fail2ban is not installed.")  # the login is open
    assert notes[3][0] == "warning"
    stock = guard_notes(build_report("mail-a", stock_sections(), CAPTURED))
    assert stock[-1] == ("ok", "The mail log shows no failed logins.")


def test_in_german_every_certificate_and_protection_sentence_is_translated(
    qtbot: QtBot,
    german: None,  # noqa: F811
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    s = internet_sections()
    s["guard"] = "\n".join(ln for ln in s["guard"].splitlines() if "fail2ban" not in ln)
    in_use = s["certificates"].split()[3]  # certbot's certificate, now sendmail's too
    s["server-cert"] = f"in-use /etc/letsencrypt/live/x/fullchain.pem\n{in_use}\n"
    ageing = build_report("mail-w1i.lab.test", s, datetime.date(2031, 11, 25))
    monkeypatch.setattr(FakeServices, "_report", lambda self: ageing)
    w = RelayWizard(FakeServices(), FakeDialogs())  # type: ignore[arg-type]
    qtbot.addWidget(w)
    w.resize(820, 640)
    w.show()
    try:
        page = check_page(qtbot, w)
        texts = page.guard.texts() + page.findings.texts()
        catalogue = Catalogue(german_texts())
        gaps = sorted({gap for text in readable(w) if text for gap in catalogue.gaps(text)})
        assert not gaps, gaps
        assert "Es läuft in 7 Tag(en) ab." in " ".join(texts)
        assert "fail2ban ist nicht installiert." in texts
        # certbot's certificate, which sendmail presents, is said once
        certs = [t for t in page.guard.texts() if t.startswith("Ein Zertifikat")]
        assert (
            len(certs) == 1 and "certbot" in certs[0] and "Der Mailserver verwendet es." in certs[0]
        )
        assert any(t.startswith("Das Zertifikat des Servers läuft in 7 Tag(en) ab") for t in texts)
        w.grab().save("/tmp/w1-check-de.png")
    finally:
        w.state.worker.stop()
