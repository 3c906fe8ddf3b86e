"""``relay-wizard inspect`` prints each finding's plain sentence, then its detail and the
profile that fixes it, as the Server check page shows them."""

from __future__ import annotations

from tests.capture import stock_sections
from wizard.cli.commands.inspect import format_report
from wizard.core.mta.sendmail.inspect_parse import build_report


def test_a_finding_is_followed_by_its_detail_and_what_fixes_it() -> None:
    report = build_report("mail-a", stock_sections())
    lines = format_report(report).splitlines()
    (at,) = [i for i, line in enumerate(lines) if "the mail is refused" in line]
    assert lines[at].lstrip().startswith("[")
    assert "TRUST_AUTH_MECH" in lines[at + 1]
    assert lines[at + 2].strip() == "Fixed by the modern or the classic profile."
