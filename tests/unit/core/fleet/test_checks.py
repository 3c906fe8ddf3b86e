"""Checks on many saved servers: rows in plain words, the password look-up, the summary."""

from __future__ import annotations

import socket
import threading
from datetime import UTC, datetime

import pytest

from tests.unit.core.mail.test_audit_report import STRANGER, TRUSTED, report
from wizard.core.errors import Cancelled, UsageError
from wizard.core.fleet import checks as fc
from wizard.core.fleet.summary import Row
from wizard.core.local.credentials import KeyringLocked
from wizard.core.local.profiles import ServerProfile
from wizard.core.mail.diagnose import Diagnosis
from wizard.core.mail.send import SendResult
from wizard.core.mail.smtp import Reply
from wizard.core.mail.transcript import Transcript

WHEN = datetime(2024, 5, 1, 12, 0, tzinfo=UTC)


def profile(name: str = "office", user: str = "alice", verified: bool = True) -> ServerProfile:
    return ServerProfile(
        name=name,
        host=f"{name}.example.com",
        relay_profile="classic",
        smtp_port=25,
        security="none",
        mechanism="CRAM-MD5",
        smtp_user=user,
        verified_at=WHEN if verified else None,
    ).validated()


class Store:
    """A keyring with these passwords; raises ``error`` (once) when set."""

    def __init__(self, saved: dict[tuple[str, str], str], error: Exception | None = None):
        self.saved = saved
        self.error = error
        self.asked: list[str] = []

    def sasl_password(self, host: str, user: str) -> str | None:
        self.asked.append(host)
        if self.error is not None:
            raise self.error
        return self.saved.get((host, user))


# --------------------------------------------------------------------------- input


@pytest.mark.parametrize("good", ["you@example.org", "a.b+c@mail.example.net", "x@a-b.co"])
def test_recipients_that_can_take_a_test_message(good: str) -> None:
    assert fc.validate_recipient(f"  {good} ") == good


@pytest.mark.parametrize(
    "bad", ["", "you", "you@localhost", "@example.org", "a b@example.org", "<a@b.org>", "a@b..c"]
)
def test_other_recipients_are_refused_with_a_fix(bad: str) -> None:
    with pytest.raises(UsageError) as caught:
        fc.validate_recipient(bad)
    assert "another domain" in caught.value.fix


def test_settings_come_from_the_profile() -> None:
    p = ServerProfile(
        name="m",
        host="mail.example.com",
        smtp_port=465,
        security="tls",
        pinned_cert_sha256="AB" * 32,
    ).validated()
    s = fc.smtp_settings(p)
    assert (s.host, s.port, s.security, s.verify_cert) == ("mail.example.com", 465, "tls", True)
    assert s.pinned_sha256 == ":".join(["AB"] * 32)
    assert fc.smtp_settings(p, verify_cert=False).verify_cert is False


# --------------------------------------------------------------------------- passwords


def test_password_look_up_names_each_server_without_one() -> None:
    a, b, c = profile("a"), profile("b"), profile("c", user="")
    store = Store({("a.example.com", "alice"): "pw-a"})
    passwords, rows = fc.look_up_passwords([a, b, c], store)
    assert passwords == {"a": "pw-a"}
    assert [(r.server, r.check, r.result) for r in rows] == [
        ("b", "send", "not run"),
        ("c", "send", "not run"),
    ]
    assert rows[0].detail == "no saved password: open the server in the wizard and save it"
    assert "no mail account saved" in rows[1].detail
    assert store.asked == ["a.example.com", "b.example.com"]  # none asked for c


def test_a_locked_keyring_is_asked_once_not_once_per_server() -> None:
    store = Store({}, KeyringLocked("The keyring is locked.", "Unlock it."))
    passwords, rows = fc.look_up_passwords([profile("a"), profile("b"), profile("c")], store)
    assert passwords == {}
    assert store.asked == ["a.example.com"]
    assert [r.result for r in rows] == ["not run"] * 3
    assert all("the keyring could not be used: The keyring is locked." in r.detail for r in rows)


# --------------------------------------------------------------------------- rows


def test_an_accepted_send_in_plain_words() -> None:
    result = SendResult(
        "44TC0x01",
        "CRAM-MD5",
        Reply(250, "2.0.0 44TC0x01 Message accepted for delivery"),
        Transcript(),
        False,
        "",
    )
    row = fc.send_row(profile(), result)
    assert row.ok and row.check == "send" and fc.title(row.check) == "test send"
    assert row.detail == (
        "logged in as alice with CRAM-MD5; message accepted "
        "(250 2.0.0 44TC0x01 Message accepted for delivery) on port 25"
    )


def test_a_failed_send_carries_the_diagnosis_and_whether_settings_were_verified() -> None:
    d = Diagnosis("authentication failed (535)", "The password is wrong.", "Set it again.", "535 x")
    row = fc.send_failed_row(profile(verified=False), d)
    assert row.result == "failed"
    assert row.detail.startswith(
        "failed at authentication failed (535). The server said: 535 x. The password is wrong. "
        "What to do: Set it again."
    )
    assert "never verified" in row.detail
    assert "never verified" not in fc.send_failed_row(profile(), d).detail


def test_a_closed_audit_passes_and_an_open_one_fails() -> None:
    closed = fc.audit_row(profile(), report([("refused", 550)] * 18, STRANGER))
    assert closed.result == "passed" and closed.check == "audit"
    assert "is closed to relaying: all 18 relay tricks without login were refused." in closed.detail
    opened = fc.audit_row(profile(), report([("accepted", 250)] + [("refused", 550)] * 17, TRUSTED))
    assert opened.result == "failed"
    assert "relays without login for this client: 1 of 18 relay tricks" in opened.detail
    assert "trusts this client" in opened.detail
    nothing = fc.audit_row(profile(), report([], STRANGER))
    assert nothing.result == "failed" and "incomplete" in nothing.detail


def test_errors_become_rows() -> None:
    assert fc.error_row(profile(), "audit", Cancelled()).result == "cancelled"
    row = fc.error_row(profile(), "send", RuntimeError("boom"))
    assert (row.result, row.detail) == ("failed", "RuntimeError: boom")


# --------------------------------------------------------------------------- running, for real


def closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def local(port: int) -> ServerProfile:
    return ServerProfile(
        name="here", host="127.0.0.1", smtp_port=port, security="none", smtp_user="alice"
    ).validated()


def test_a_send_to_a_closed_port_is_a_failed_row_with_the_diagnosis() -> None:
    row = fc.run_send(local(closed_port()), "pw", "you@example.org")
    assert row.result == "failed"
    assert row.detail.startswith("failed at ")
    assert "What to do:" in row.detail and "pw" not in row.detail.split()


def test_an_audit_of_a_closed_port_is_a_failed_row() -> None:
    port = closed_port()
    row = fc.run_audit(local(port))
    assert row.result == "failed"
    assert row.detail.startswith(f"could not talk to port {port}: ")


def test_a_send_cancelled_before_it_starts_does_not_connect() -> None:
    cancel = threading.Event()
    cancel.set()
    row = fc.run_send(local(closed_port()), "pw", "you@example.org", cancel=cancel)
    assert (row.result, row.detail) == ("cancelled", "stopped before the end")


# --------------------------------------------------------------------------- the summary


def rows() -> list[Row]:
    a, b = profile("a"), profile("b")
    return [
        fc.check_row(b, "send", "failed", "failed at connect."),
        fc.check_row(a, "send", "not run", fc.NO_PASSWORD),
        fc.check_row(a, "audit", "passed", "closed <all> refused"),
        fc.check_row(b, "send", "passed", "message accepted"),
    ]


def test_latest_keeps_the_last_row_of_each_server_and_check_audit_first() -> None:
    shown = fc.latest(rows())
    assert [(r.server, r.check, r.result) for r in shown] == [
        ("a", "audit", "passed"),
        ("a", "send", "not run"),
        ("b", "send", "passed"),
    ]


def test_tally_counts_checks_servers_and_outcomes() -> None:
    assert fc.tally([]) == "No check has run yet."
    assert fc.tally(fc.latest(rows())) == "3 checks on 2 servers: 2 passed, 1 not run."
    assert fc.tally(rows()[:1]) == "1 check on 1 server: 1 failed."


def test_summary_as_text_and_html() -> None:
    shown = fc.latest(rows())
    text = fc.summary_text(shown)
    assert "a (a.example.com): open-relay audit: PASSED\n    closed <all> refused\n" in text
    assert f"a (a.example.com): test send: NOT RUN\n    {fc.NO_PASSWORD}\n" in text
    page = fc.summary_html(shown)
    assert "<th>Server</th><th>Check</th><th>Result</th><th>Detail</th>" in page
    assert "closed &lt;all&gt; refused" in page and "<all>" not in page
    assert page.count("<tr>") == 4
    assert fc.summary_document(shown).startswith("<!doctype html>")
    bare = ServerProfile(name="10.0.0.1", host="10.0.0.1").validated()
    named_by_host = [fc.check_row(bare, "audit", "passed", "closed")]
    assert "\n10.0.0.1: open-relay audit: PASSED\n" in fc.summary_text(named_by_host)
    assert "<td>10.0.0.1</td>" in fc.summary_html(named_by_host)
