"""The Review and Done pages' HTML: escaped, coloured diffs, the steps that will run."""

from __future__ import annotations

import html

from tests.unit.ui.model.conftest import plan, report
from wizard.core.change.options import RelayOptions
from wizard.core.change.outcome import ApplyReport, StepOutcome
from wizard.core.mail.send import SendResult
from wizard.core.mail.smtp import Reply
from wizard.core.mail.transcript import Transcript
from wizard.core.mta.sendmail.users import SaslUser
from wizard.core.target import Target
from wizard.ui.model.reports import (
    diff_html,
    done_details_html,
    done_html,
    review_html,
    summary_html,
)
from wizard.ui.model.state import WizardState


def test_diffs_are_coloured_and_escaped() -> None:
    shown = diff_html("--- a\n+++ b\n@@ -1 +1 @@\n-<old>\n+<new>\n same")
    assert '<span style="color:#aa1111">-&lt;old&gt;</span>' in shown
    assert '<span style="color:#116611">+&lt;new&gt;</span>' in shown
    assert '<span style="color:#555555">@@ -1 +1 @@</span>' in shown
    assert '<span style="color:#000000">--- a</span>' in shown


def test_review_puts_the_plain_summary_first_and_the_exact_steps_apart() -> None:
    p = plan(RelayOptions("classic"))
    summary = summary_html(p)
    assert summary.startswith('<p style="font-size: large">After this, staff can send')
    assert "strangers" in summary.lower() and "TRUST_AUTH_MECH(" not in summary
    if any(str(c.level) in ("warning", "ok") for c in p.checks):
        assert "<h3>Before you apply</h3><ul><li><b>" in summary
    shown = review_html(p)
    for number, step in enumerate(p.steps, 1):
        assert f"<h3>{number}. " in shown and step.title.replace("'", "&#x27;") in shown
        # the plain sentence comes before the command
        if step.about and step.commands:
            about = shown.index(step.about.replace("'", "&#x27;"))
            assert about < shown.index("<pre>$ ", about)
    assert "TRUST_AUTH_MECH(`DIGEST-MD5 CRAM-MD5&#x27;)" in shown


def test_done_says_what_was_achieved_and_what_is_left_escaped() -> None:
    state = WizardState(target=Target("198.51.100.7", 22, "root"))
    state.plan = plan(RelayOptions("modern"))
    report = ApplyReport(journal_id="J1", verified=True)
    report.steps = [
        StepOutcome("Stage <files>", True),
        StepOutcome("Port 587 checked from this computer", True, "AUTH PLAIN; 550", 587),
    ]
    state.apply_report = report
    state.verified = SendResult("Q1", "PLAIN", Reply(250, "ok"), Transcript(), True, "")
    shown = done_html(state)
    assert shown.startswith("<h2>198.51.100.7</h2><ul><li>Staff can now send mail")
    assert "from anywhere on port 587" in shown
    assert "queue id, for the mail log: Q1" in shown
    assert "ok:" not in shown and "J1" not in shown and "250" not in shown
    left = shown[shown.index("<h3>Still to do</h3>") :]
    assert "Open port 587 (TCP)" in left  # the firewall
    assert "name in DNS" in left  # reached by its address
    assert "certificate" in left  # modern: what staff will see
    assert "Add a mail account" in left  # none yet
    details = done_details_html(state)
    assert "<li>ok: Stage &lt;files&gt;</li>" in details
    assert "Port 587 checked from this computer: AUTH PLAIN; 550" in details
    assert "Test message: 250 (queue id Q1)" in details


def test_done_with_nothing_left_names_no_chores() -> None:
    state = WizardState(target=Target("mail.example.com", 22, "root"))
    state.options = RelayOptions("classic")
    state.apply_report = ApplyReport(nothing_to_do=True)
    state.users = [SaslUser("alice", "mail.example.com")]
    state.verified = SendResult("Q1", "CRAM-MD5", Reply(250, "ok"), Transcript(), False, "")
    shown = done_html(state)
    assert "nothing needed to change" in shown
    assert "Mail accounts on the server: alice." in shown
    assert "Still to do" not in shown


def test_done_names_the_server_staff_use_and_what_its_certificate_means() -> None:
    # reached by address; the stock server calls itself mail-a.lab.test with Debian's
    # self-signed certificate (the recorded capture)
    state = WizardState(target=Target("198.51.100.7", 22, "root"))
    state.report = report()
    state.plan = plan(RelayOptions("modern"))
    shown = html.unescape(done_html(state))
    name = state.report.realm
    assert shown.startswith(f"<h2>{name} (198.51.100.7)</h2>")
    assert f"the name {name} points at this server in DNS" in shown
    assert "not the address 198.51.100.7" in shown
    assert "certificate is self-signed" in shown and f"Let's Encrypt, for {name}" in shown
