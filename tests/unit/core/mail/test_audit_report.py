"""The audit's report: the verdict, the summary for a person, the JSON (pure)."""

from __future__ import annotations

import json
import re
from typing import cast

from wizard.core.mail.audit_report import AuditCheck, AuditReport, Outcome, TrickResult
from wizard.core.mail.smtp import Reply
from wizard.core.mail.transcript import Transcript
from wizard.core.mail.tricks import relay_tricks
from wizard.core.mail.vantage import RelayConfig, Vantage
from wizard.core.translatable import Translatable

FQDN = "mail.example.org"
IP = "203.0.113.7"


def report(
    outcomes: list[tuple[str, int]], vantage: Vantage, cfg: RelayConfig | None = None
) -> AuditReport:
    tricks = relay_tricks(FQDN, IP)
    results = []
    for trick, (outcome, code) in zip(tricks, outcomes, strict=False):
        reply = Reply(code, "2.1.5 ok" if code < 300 else "5.7.1 Relaying denied") if code else None
        results.append(TrickResult(trick, cast(Outcome, outcome), "rcpt" if code else "", reply))
    transcript = Transcript()
    transcript.add("C", "MAIL FROM:<>")
    return AuditReport(
        host=IP,
        port=25,
        security="none",
        server_name=FQDN,
        server_address=IP,
        client_address="198.51.100.5",
        results=tuple(results),
        vantage=vantage,
        checks=(
            AuditCheck("no-plaintext-before-tls", "passed", "none offered", Reply(504, "no")),
            AuditCheck("wrong-password", "skipped", "No account name was given."),
        ),
        config=cfg or RelayConfig(),
        mechanisms_before_tls=("CRAM-MD5",),
        mechanisms=("CRAM-MD5",),
        connections=1,
        elapsed=1.25,
        transcript=transcript,
    )


STRANGER = Vantage("198.51.100.5", "", True)
TRUSTED = Vantage("198.51.100.5", "client.lab.test", True, ("access db line 'Connect:x RELAY'",))


def test_all_refused_is_closed() -> None:
    r = report([("refused", 550)] * 18, STRANGER)
    assert r.verdict == "closed" and r.closed
    assert r.accepted == () and r.unproven == ()
    assert "is closed to relaying: all 18 relay tricks" in r.summary()


def test_one_accepted_is_open_and_named() -> None:
    r = report([("accepted", 250)] + [("refused", 550)] * 17, STRANGER)
    assert r.verdict == "open"
    assert [x.trick.name for x in r.accepted] == ["null-sender"]
    assert "1 of 18 relay tricks accepted: empty sender (a bounce) (answered 250)" in r.summary()
    assert "null-sender" not in r.summary(), "no internal name"


def test_deferred_or_untested_leaves_it_incomplete() -> None:
    r = report([("refused", 550)] * 17 + [("deferred", 451)], STRANGER)
    assert r.verdict == "incomplete"
    untested = report([("refused", 550)] * 17 + [("untested", 0)], STRANGER)
    assert untested.verdict == "incomplete"
    assert "incomplete" in untested.summary()


def test_open_from_a_trusted_vantage_point_says_so() -> None:
    r = report([("accepted", 250)] * 3 + [("refused", 553)], TRUSTED)
    assert r.verdict == "open"
    note = r.vantage_note()
    assert "expected from this vantage point, not proof of an open relay" in note
    assert "Connect:x RELAY" in note and "outside" in note
    assert note in r.summary()


def test_report_json() -> None:
    cfg = RelayConfig(known=True, relay_features=("promiscuous_relay",))
    r = report([("accepted", 250), ("refused", 550)], TRUSTED, cfg)
    data = json.loads(json.dumps(r.to_json()))
    assert data["verdict"] == "open" and data["closed"] is False
    assert data["accepted"] == ["null-sender"]
    assert data["tricks"][0] == {
        "name": "null-sender",
        "what": "empty sender (a bounce)",
        "sender": "",
        "recipient": "relaytest@example.net",
        "outcome": "accepted",
        "stage": "rcpt",
        "code": 250,
        "reply": "2.1.5 ok",
        "note": "",
    }
    assert data["tricks"][1]["outcome"] == "refused"
    assert data["vantage"]["trusted"] is True
    assert "expected from this vantage point" in data["vantage"]["note"]
    assert data["explanations"][0].startswith("FEATURE(`promiscuous_relay')")
    assert data["checks"][1] == {
        "name": "wrong-password",
        "status": "skipped",
        "detail": "No account name was given.",
        "code": None,
    }
    assert data["transcript"] == [
        {"at": data["transcript"][0]["at"], "direction": "C", "text": "MAIL FROM:<>"}
    ]
    assert data["summary"] == r.summary()


def test_the_summary_says_closed_to_relaying_and_names_no_check_by_its_id() -> None:
    r = report([("refused", 550)] * 21, STRANGER)
    text = r.summary()
    assert "port 25 is closed to relaying: all 21 relay tricks without login were refused" in text
    assert "A wrong password: not tried: No account name was given." in text
    assert "wrong-password" not in text and "skipped" not in text


def test_details_list_every_trick_in_plain_words() -> None:
    r = report([("accepted", 250)] + [("refused", 550)] * 19 + [("untested", 0)], TRUSTED)
    lines = r.details()
    assert lines[0] == "The 21 ways of relaying without a login that were tried:"
    assert lines[1] == (
        "1. Empty sender (a bounce): ACCEPTED: the server would relay this for a stranger."
    )
    assert lines[2] == (
        "   Tried: MAIL FROM:<> RCPT TO:<relaytest@example.net>; the server answered 250 2.1.5 ok."
    )
    assert lines[3].startswith("2. Sender and recipient both elsewhere: refused (good).")
    assert "the server answered 550 5.7.1 Relaying denied" in lines[4]
    assert lines[41].startswith("21. ") and lines[41].endswith(": not tried.")
    assert lines[-1] == "A wrong password: not tried: No account name was given."
    names = {t.name for t in relay_tricks(FQDN, IP)}
    assert not any(name in line for line in lines for name in names if "-" in name)


def test_a_reply_ending_in_a_full_stop_gets_no_second_one() -> None:
    r = report([("refused", 550)] * 21, STRANGER)
    tricks = relay_tricks(FQDN, IP)
    dotted = TrickResult(tricks[0], "refused", "rcpt", Reply(550, "5.7.1 Relaying denied. Auth."))
    lines = AuditReport(**{**r.__dict__, "results": (dotted,)}).details()
    assert lines[2].endswith("550 5.7.1 Relaying denied. Auth.")


_DATA = {"host", "port", "count", "unproven", "accepted", "reasons", "reply", "code", "number"}
_DATA |= {"sender", "recipient", "client", "entries", "address", "settings", "user"}
_DATA |= {"mechanism", "offered", "mechanisms"}
_DATA |= {"detail"}  # a check's own words: audit.py marks them (this fixture's are plain)


def _english(text: str) -> list[str]:
    """The parts of ``text`` the window could not translate (plain text that is no value)."""
    if not isinstance(text, Translatable):
        return [text] if text.strip() else []
    found: list[str] = []
    for name, value in text.values.items():
        if isinstance(value, Translatable):
            found += _english(value)
        elif re.fullmatch(r"p\d+", name):  # a part of a joined text: plain unless blank
            found += [str(value)] if str(value).strip() else []
        elif name not in _DATA:
            found.append(f"{name}={value}")
    return found


def test_the_window_gets_every_summary_and_detail_line_as_whole_sentences() -> None:
    for results, vantage in (
        ([("refused", 550)] * 21, STRANGER),
        ([("accepted", 250)] + [("refused", 550)] * 20, TRUSTED),
        ([("deferred", 451)] + [("refused", 550)] * 20, STRANGER),
    ):
        r = report(results, vantage)
        assert r.summary() == " ".join(r.summary_sentences())
        for line in [*r.summary_sentences(), *r.details()]:
            assert _english(line) == [], line
