"""The fleet's inspect row and table take a Postfix report as they take sendmail's."""

from __future__ import annotations

import json

from tests.capture import postfix_sections
from wizard.cli.commands.fleet import _inspect_row
from wizard.core.fleet.hosts import Host
from wizard.core.fleet.runner import Outcome
from wizard.core.fleet.summary import format_table
from wizard.core.mta.postfix.inspection import build_report
from wizard.core.target import Target


def test_a_postfix_report_makes_a_fleet_row() -> None:
    report = build_report("mail-p-w1.lab.test", postfix_sections())
    host = Host("mail-p", Target("mail-p-w1.lab.test", 22, "root"))
    row = _inspect_row(Outcome(host, report, started=1.0, finished=2.0))
    assert row.ok
    warnings = [f for f in report.findings if f.level == "warning"]
    assert len(warnings) == 4  # submission, AUTH, the snakeoil certificate, no accounts
    assert "AUTH none (trusted: none); 0 problem(s), 4 warning(s)" in row.verification
    details = json.loads(json.dumps(row.details))
    assert details["report"]["mta"] == "postfix"
    assert details["report"]["version"] == "3.7.11"
    assert "mail-p" in format_table([row])
