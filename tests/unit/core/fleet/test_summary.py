"""wizard.core.fleet.summary: rows and the summary table, on data."""

from __future__ import annotations

from wizard.core.errors import UsageError
from wizard.core.fleet import summary
from wizard.core.fleet.hosts import Host
from wizard.core.fleet.runner import Outcome
from wizard.core.target import Target


def hosts(n: int) -> list[Host]:
    return [Host(f"h{i}", Target(f"10.0.0.{i}")) for i in range(1, n + 1)]


def test_summary_table() -> None:
    a, b = hosts(2)
    ok = summary.row_for(
        Outcome(a, value=1, started=1.0, finished=2.0),
        "ok",
        True,
        changed=summary.changes_text(
            ["/etc/mail/sendmail.mc"], ["--- a\n+++ b\n@@\n-old\n+new\n+more\n"], True
        ),
        verification="port 25: AUTH CRAM-MD5, relay closed",
    )
    bad = summary.row_for(
        Outcome(b, error=UsageError("It broke.", "Fix it.")), "rolled back", False
    )
    table = summary.format_table([ok, bad]).splitlines()
    assert table[0].split() == ["SERVER", "RESULT", "CHANGED", "VERIFICATION"]
    assert table[1].split()[:2] == ["h1", "ok"]
    assert "1 file (+2 -1 lines): sendmail.mc, sendmail.cf rebuilt" in table[1]
    assert table[1].index("port 25") == table[0].index("VERIFICATION")
    assert table[2].split()[:3] == ["h2", "rolled", "back"]
    assert "h2: It broke. Fix it." in table
    assert table[-1] == "1 of 2 servers succeeded."
    assert ok.to_json()["started"] == 1.0 and bad.to_json()["error"] == "It broke."


def test_the_summary_says_how_much_the_servers_overlapped() -> None:
    a = summary.Row("h1", "h1", "ok", True, started=100.0, finished=103.0)
    b = summary.Row("h2", "h2", "ok", True, started=100.5, finished=103.5)
    last = summary.format_table([a, b]).splitlines()[-1]
    assert last == "2 of 2 servers succeeded. Wall time 3.5 s for 6.0 s of work, side by side."
    never = summary.Row("h3", "h3", "not started", False)
    assert summary.format_table([a, never]).splitlines()[-1] == "1 of 2 servers succeeded."
