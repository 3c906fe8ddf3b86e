"""The Review and Done pages' HTML: escaped, coloured diffs, the steps that will run."""

from __future__ import annotations

from tests.unit.ui.model.conftest import plan
from wizard.core.change.options import RelayOptions
from wizard.core.change.outcome import ApplyReport, StepOutcome
from wizard.core.mail.send import SendResult
from wizard.core.mail.smtp import Reply
from wizard.core.mail.transcript import Transcript
from wizard.core.target import Target
from wizard.ui.model.reports import diff_html, done_html, review_html
from wizard.ui.model.state import WizardState


def test_diffs_are_coloured_and_escaped() -> None:
    shown = diff_html("--- a\n+++ b\n@@ -1 +1 @@\n-<old>\n+<new>\n same")
    assert '<span style="color:#aa1111">-&lt;old&gt;</span>' in shown
    assert '<span style="color:#116611">+&lt;new&gt;</span>' in shown
    assert '<span style="color:#555555">@@ -1 +1 @@</span>' in shown
    assert '<span style="color:#000000">--- a</span>' in shown


def test_review_lists_the_notes_then_every_step() -> None:
    p = plan(RelayOptions("classic"))
    shown = review_html(p)
    for number, step in enumerate(p.steps, 1):
        assert f"<h3>{number}. " in shown and step.title.replace("'", "&#x27;") in shown
    assert "TRUST_AUTH_MECH(`DIGEST-MD5 CRAM-MD5&#x27;)" in shown
    if any(str(c.level) in ("warning", "ok") for c in p.checks):
        assert shown.startswith("<h3>Before you apply</h3><ul><li><b>")


def test_done_summarises_the_session_escaped() -> None:
    state = WizardState(target=Target("mail.example.com", 22, "root"))
    report = ApplyReport(journal_id="J1")
    report.steps = [StepOutcome("Stage <files>", True), StepOutcome("port 25", False, "no AUTH")]
    state.apply_report = report
    state.verified = SendResult("Q1", "CRAM-MD5", Reply(250, "ok"), Transcript(), False, "")
    shown = done_html(state)
    assert shown.startswith("<h2>root@mail.example.com:22</h2>")
    assert "<p>Profile: modern; journal J1</p>" in shown
    assert "<li>ok: Stage &lt;files&gt; </li>" in shown
    assert "<li>FAILED: port 25 no AUTH</li>" in shown
    assert "Test message accepted (queue id Q1) with CRAM-MD5." in shown
