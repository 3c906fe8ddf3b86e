"""The plan in plain sentences: what changes for staff and strangers, made from the plan
itself (the Review page and ``relay-wizard plan`` show it before the exact steps)."""

from __future__ import annotations

import dataclasses

from tests.unit.core.mta.sendmail.test_plan import CLASSIC, MODERN, stock_state
from tests.unit.core.mta.sendmail.test_plan_intent import RELAY_LOGIN_PLAIN
from wizard.core.change.options import RelayOptions
from wizard.core.mta.sendmail.plan import make_plan

HUP = "HUP to the running sendmail (pid 76, pid file /run/sendmail/mta/sendmail.pid)"


def test_modern_on_a_stock_server_says_587_with_encryption_and_strangers_kept_out() -> None:
    plan = make_plan(stock_state(), MODERN, HUP)
    staff, strangers, *rest = plan.summary
    assert staff == (
        "After this, staff can send from anywhere on port 587 after logging in with their "
        "password; the connection is encrypted before the password is sent."
    )
    assert strangers.startswith("Strangers still cannot relay mail through the server")
    assert (
        "Port 587 will accept connections from the network; today only the server itself "
        "can reach it."
    ) in rest
    assert "Mail programs may log in with PLAIN and LOGIN." in rest
    assert any(s.startswith("sendmail then re-reads its configuration") for s in rest)
    files = rest[-1]
    assert "/etc/mail/sendmail.mc and /etc/mail/sasl/Sendmail.conf.2" in files
    assert not any("unencrypted" in s for s in plan.summary)
    assert plan.to_json()["summary"] == list(plan.summary)


def test_classic_says_port_25_and_that_logins_and_mail_cross_unencrypted() -> None:
    plan = make_plan(stock_state(), CLASSIC, "/etc/init.d/sendmail restart")
    assert plan.summary[0] == (
        "After this, staff can send from anywhere on port 25 after logging in with their password."
    )
    warning = next(s for s in plan.summary if "unencrypted" in s)
    assert "logins and mail cross the network unencrypted" in warning
    assert "Port 25 will accept connections from the network" in " ".join(plan.summary)
    assert "Mail programs may log in with DIGEST-MD5 and CRAM-MD5." in plan.summary
    assert any(s.startswith("sendmail is then restarted") for s in plan.summary)


def test_an_already_auth_server_keeps_its_logins_and_opens_no_port_anew() -> None:
    state = dataclasses.replace(stock_state(), mc_text=RELAY_LOGIN_PLAIN)
    options = RelayOptions("classic", ("CRAM-MD5",)).validated()
    plan = make_plan(state, options, HUP)
    assert plan.changes and not plan.errors
    text = " ".join(plan.summary)
    assert (
        "The login methods staff use today (LOGIN and PLAIN) keep working; CRAM-MD5 is added."
        in plan.summary
    )
    assert "will accept connections from the network" not in text  # already open
    assert "Strangers still cannot relay" in text


def test_nothing_to_do_has_no_summary() -> None:
    state = dataclasses.replace(stock_state(), mc_text=RELAY_LOGIN_PLAIN)
    plan = make_plan(state, CLASSIC, HUP)
    assert plan.nothing_to_do and plan.summary == ()
