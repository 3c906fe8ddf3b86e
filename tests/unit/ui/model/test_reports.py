"""The Review and Done pages' HTML: escaped, coloured diffs, the steps that will run."""

from __future__ import annotations

import dataclasses
import html

from tests.unit.ui.model.conftest import plan, report, server_state
from wizard.core.change.options import RelayOptions
from wizard.core.change.outcome import ApplyReport, StepOutcome
from wizard.core.guard import GuardState
from wizard.core.mail.certs import CertFacts
from wizard.core.mail.send import SendResult
from wizard.core.mail.smtp import Reply
from wizard.core.mail.transcript import Transcript
from wizard.core.mta.report import CertificateFound, Protection
from wizard.core.mta.sendmail.state import Remote
from wizard.core.mta.sendmail.users import SaslUser
from wizard.core.target import Target
from wizard.ui.model.reports import (
    achieved,
    diff_html,
    done_details_html,
    done_html,
    left_to_do,
    review_html,
    summary_html,
)
from wizard.ui.model.state import Loaded, WizardState


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


def applied(options: RelayOptions, protection: Protection | None = None) -> WizardState:
    """A modern apply verified from outside, with ``options`` and what inspection found."""
    state = WizardState(target=Target("mail.example.com", 22, "root"))
    base = report()
    state.report = dataclasses.replace(
        base,
        certificates=[
            CertificateFound(
                "certbot",
                "/etc/letsencrypt/live/mail.example.com/fullchain.pem",
                "/etc/letsencrypt/live/mail.example.com/privkey.pem",
                "mail.example.com",
                ("mail.example.com",),
                "CN=R11,O=Let's Encrypt",
                False,
                "2027-02-20",
                80,
                True,
            )
        ],
        protection=protection or Protection("installed"),
    )
    state.options = options.validated()
    state.plan = plan(options)
    state.apply_report = ApplyReport(journal_id="J1", verified=True)
    return state


def test_done_says_the_certificate_is_trusted_until_when_and_renewed() -> None:
    state = applied(RelayOptions("modern", certificate="certbot"))
    shown = html.unescape(done_html(state))
    # the name staff use (reached as mail.example.com), the date certbot's certificate ends
    assert (
        "Staff's mail programs trust the server's certificate for mail.example.com without a "
        "question: it is valid until 2027-02-20 and renewed automatically."
    ) in shown
    left = shown[shown.index("Still to do") :]
    assert "self-signed" not in left and "Check the server's certificate" not in left
    # after the test send, the certificate sendmail presents says until when
    state.verified = SendResult(
        "Q1",
        "PLAIN",
        Reply(250, "ok"),
        Transcript(),
        True,
        "AB",
        CertFacts(("relay.example.com",), "CN=R11", False, "AB", "2027-03-01"),
    )
    state.options = RelayOptions("modern", certificate="obtain", cert_name="relay.example.com")
    shown = html.unescape(done_html(state))
    assert "certificate for relay.example.com without a question: it is valid until 2027-03-01" in (
        shown
    )
    # obtained, not tested yet: no date to give, still renewed
    state.verified = None
    assert "renewed automatically before it runs out" in html.unescape(done_html(state))


def test_done_keeps_the_self_signed_wording_when_the_certificate_is_kept() -> None:
    shown = html.unescape(done_html(applied(RelayOptions("modern"))))
    assert "trust the server's certificate" not in shown
    assert "certificate is self-signed" in shown


def test_done_says_what_is_protected_and_whose_address_is_never_banned() -> None:
    state = applied(
        RelayOptions("modern", max_retry=6, find_time=60, ban_time=120, allow=("192.0.2.7",))
    )
    state.loaded = Loaded(
        dataclasses.replace(server_state(), guard=GuardState(admin_address="198.51.100.2")),
        Remote("", "", 76),
    )
    done = achieved(state)
    assert (
        "The server now bans password guessers at its firewall: an address that fails to log "
        "in 6 times within 1 minute is banned for 2 minutes."
    ) in done
    assert "Your own address, 198.51.100.2, is never banned." in done
    assert "Never banned either: 192.0.2.7." in done
    state.loaded = None
    assert "The address this computer connects from is never banned." in achieved(state)
    # classic leaves it off unless chosen; nothing is claimed without fail2ban on the server
    assert not any("bans" in t for t in achieved(applied(RelayOptions("classic"))))
    without = applied(RelayOptions("modern", protect=True), Protection("absent"))
    assert not any("bans" in t for t in achieved(without))
    assert any("Install the fail2ban package" in t for t in left_to_do(without))
    assert not any("fail2ban" in t for t in left_to_do(state))
    # a failed apply claims nothing
    failed = applied(RelayOptions("modern", certificate="certbot"))
    failed.apply_report = ApplyReport(journal_id="J1", verified=False)
    assert not any("trust" in t or "bans" in t for t in achieved(failed))
