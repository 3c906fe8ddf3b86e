"""Why a test send failed, from what sendmail really says; what the server's own view adds;
what became of an accepted message. Every rule with a realistic input. Pure: no network.
"""

from __future__ import annotations

import dataclasses
import json
from typing import cast

import pytest

from tests.capture import stock_sections
from wizard.core.errors import Field
from wizard.core.mail.diagnose import (
    Diagnosis,
    MessageFate,
    ServerView,
    diagnose,
    fate_of,
    follow_message,
    server_findings,
)
from wizard.core.mail.smtp import Reply, SmtpFailure
from wizard.core.remote.session import SshSession
from wizard.core.translatable import Translatable

HOST, PORT = "mail.example.com", 587
FP = ":".join(["AB"] * 32)


def failure(
    stage: str, reply: str = "", *, kind: str = "", message: str = "", cert: str = ""
) -> SmtpFailure:
    """An SmtpFailure as the client raises it, with the server's reply ("550 5.7.1 ...")."""
    parsed = Reply(int(reply[:3]), reply[4:]) if reply else None
    return SmtpFailure(
        stage, message or "The step failed.", reply=parsed, kind=kind, cert_sha256=cert
    )


# --------------------------------------------------------------------------- diagnose

# (stage, kind, the server's reply, expected stage, a phrase of the cause, of the fix, field)
RULES = [
    ("resolve", "", "", "name resolution", "could not be found in DNS", "IP address", None),
    ("connect", "refused", "", "connect (refused)", "127.0.0.1", "relay profile", None),
    ("connect", "timeout", "", "connect (timeout)", "firewall", "port 587", None),
    (
        "greeting",
        "",
        "554 mail.example.com ESMTP not accepting messages",
        "greeting (554)",
        "greet_pause",
        "/etc/mail/access",
        None,
    ),
    (
        "greeting",
        "",
        "421 4.3.2 Connection rate limit exceeded.",
        "greeting (421)",
        "ClientRate",
        "ten minutes",
        None,
    ),
    (
        "greeting",
        "",
        "521 5.3.2 mail.example.com does not accept mail",
        "greeting",
        "did not greet with 220",
        "mail log",
        None,
    ),
    (
        "tls",
        "untrusted",
        "",
        "TLS (untrusted certificate)",
        "self-signed",
        "pin it",
        Field.PIN_CERT,
    ),
    ("tls", "mismatch", "", "TLS (name mismatch)", HOST, "pin this certificate", Field.PIN_CERT),
    (
        "tls",
        "",
        "",
        "TLS",
        "Encryption could not be set up",
        "can read its certificate and key",
        None,
    ),
    ("ehlo", "", "501 5.0.0 Invalid domain name", "EHLO", "501 5.0.0", "mail log", None),
    ("auth-offered", "", "", "AUTH not offered", "without SASL", "STARTTLS", Field.SECURITY),
    (
        "mechanism",
        "",
        "",
        "mechanism not offered",
        "The step failed.",
        "TRUST_AUTH_MECH",
        Field.MECHANISM,
    ),
    (
        "auth",
        "",
        "538 5.7.11 Encryption required for requested authentication mechanism",
        "encryption required (538)",
        "AuthOptions",
        "port 465",
        Field.SECURITY,
    ),
    (
        "auth",
        "",
        "504 5.3.3 AUTH mechanism PLAIN not available",
        "encryption required (504)",
        "encrypted connection",
        "STARTTLS (port 587)",
        Field.SECURITY,
    ),
    (
        "auth",
        "",
        "535 5.7.0 authentication failed",
        "authentication failed (535)",
        "SASL realm",
        "new password",
        Field.PASSWORD,
    ),
    (
        "auth",
        "",
        "454 4.7.0 Temporary authentication failure",
        "authentication",
        "454 4.7.0",
        "mail log",
        None,
    ),
    (
        "mail",
        "",
        "530 5.7.0 Authentication required",
        "authentication required (530)",
        "only after a login",
        "user name and password",
        None,
    ),
    (
        "rcpt",
        "",
        "550 5.7.1 <someone@example.net>... Relaying denied. Proper authentication required.",
        "relay denied (550 5.7.1)",
        "TRUST_AUTH_MECH",
        "relay profile",
        None,
    ),
    (
        "rcpt",
        "",
        "450 4.4.0 <someone@example.net>... Relaying temporarily denied. Cannot resolve PTR "
        "record for 198.51.100.5",
        "temporarily refused (450)",
        "reverse-DNS",
        "PTR",
        None,
    ),
    (
        "mail",
        "",
        "451 4.1.8 Domain of sender address alice@nowhere.test does not resolve",
        "temporarily refused (451)",
        "temporary resolver problem",
        "Try again later",
        None,
    ),
    (
        "rcpt",
        "",
        "550 5.1.1 <nobody@mail.example.com>... User unknown",
        "recipient refused (550)",
        "recipient address",
        "Check the address",
        None,
    ),
    (
        "mail",
        "",
        "553 5.1.8 <alice@nowhere.invalid>... Domain of sender address alice@nowhere.invalid "
        "does not exist",
        "sender refused (553)",
        "sender address",
        "Check the address",
        None,
    ),
    (
        "data",
        "",
        "421 4.5.0 Bare linefeed (LF) not allowed",
        "DATA refused (bare LF)",
        "CRLF",
        "CRLF line endings",
        None,
    ),
    (
        "data",
        "",
        "552 5.2.3 Message size exceeds fixed maximum message size (10000000)",
        "DATA refused (552)",
        "size, content or a policy",
        "mail log",
        None,
    ),
    ("timeout", "", "", "timeout", "stopped answering", "server's load", None),
    (
        "connection",
        "",
        "",
        "connection",
        "ended unexpectedly: The step failed.",
        "transcript",
        None,
    ),
]


@pytest.mark.parametrize(
    ("stage", "kind", "reply", "expected", "cause", "fix", "field"),
    RULES,
    ids=[f"{r[0]}-{r[1] or r[2][:3] or 'plain'}-{r[3]}" for r in RULES],
)
def test_every_rule_names_the_stage_the_cause_and_the_fix(
    stage: str,
    kind: str,
    reply: str,
    expected: str,
    cause: str,
    fix: str,
    field: Field | None,
) -> None:
    d = diagnose(failure(stage, reply, kind=kind), HOST, PORT)
    assert d.stage == expected
    assert cause in d.cause, d.cause
    assert fix in d.fix, d.fix
    assert d.field == field
    assert d.reply == reply  # the server's words, as they were
    assert d.cause.endswith(".") and d.fix.endswith(".")
    assert "--" not in d.fix + d.cause, "core words, not command-line flags"


def test_a_broken_reply_keeps_the_clients_own_explanation() -> None:
    exc = SmtpFailure(
        "auth",
        "The server's CRAM-MD5 challenge is not valid base64 ('not base64!').",
        "The server does not speak CRAM-MD5 correctly: use another mechanism.",
        kind="protocol",
        field=Field.MECHANISM,
    )
    d = diagnose(exc, HOST, PORT)
    assert d.stage == "auth (broken reply)"
    assert (d.cause, d.fix, d.field) == (exc.message, exc.fix, Field.MECHANISM)


def test_the_untrusted_certificate_shows_its_fingerprint_when_known() -> None:
    assert FP not in diagnose(failure("tls", kind="untrusted"), HOST, PORT).cause
    d = diagnose(failure("tls", kind="untrusted", cert=FP), HOST, PORT)
    assert f"Its SHA-256 fingerprint is {FP}." in d.cause
    d = diagnose(failure("tls", kind="mismatch", cert=FP), HOST, PORT)
    assert FP in d.cause


def test_without_a_host_the_words_stay_general() -> None:
    d = diagnose(failure("connect", kind="refused"))
    assert "the server" in d.cause
    assert "the one used" in diagnose(failure("tls", kind="mismatch")).cause
    assert d.stage == "connect (refused)"


def test_the_mechanism_rule_repeats_what_the_client_found() -> None:
    message = "The server does not offer DIGEST-MD5 here (it offers: PLAIN LOGIN)."
    d = diagnose(failure("mechanism", message=message), HOST, PORT)
    assert d.cause == message


def test_diagnosis_json_and_text() -> None:
    d = Diagnosis(
        "authentication failed (535)",
        "The password is wrong.",
        "Set it again.",
        "535 5.7.0 authentication failed",
        ("There is no SASL account named bob (realm mail.example.com).",),
        Field.PASSWORD,
    )
    data = json.loads(json.dumps(d.to_json()))
    assert data == {
        "stage": "authentication failed (535)",
        "cause": "The password is wrong.",
        "fix": "Set it again.",
        "reply": "535 5.7.0 authentication failed",
        "server": ["There is no SASL account named bob (realm mail.example.com)."],
        "field": "password",
    }
    assert d.render().splitlines() == [
        "Failed at: authentication failed (535)",
        "Server said: 535 5.7.0 authentication failed",
        "Why: The password is wrong.",
        "What to do: Set it again.",
        "On the server: There is no SASL account named bob (realm mail.example.com).",
    ]


# --------------------------------------------------------------------------- the server's view

BS = """220 mail.example.com ESMTP Sendmail 8.17.1.9/8.17.1.9; Sun, 29 Nov 2024 15:00:00 GMT
250-mail.example.com Hello root@localhost, pleased to meet you
250-ENHANCEDSTATUSCODES
250-PIPELINING
250-AUTH DIGEST-MD5 CRAM-MD5 PLAIN LOGIN
250-STARTTLS
250 HELP
221 2.0.0 mail.example.com closing connection
"""
AUTH_FAILURE = (
    "Nov 29 15:00:01 mail sm-mta[1234]: 4ATF01x1234567: AUTH failure (CRAM-MD5): user not "
    "found (-13) SASL(-13): user not found: no secret in database, relay=[198.51.100.5]"
)


def view(**changes: object) -> ServerView:
    base = ServerView(
        advertised=("DIGEST-MD5", "CRAM-MD5"),
        trusted=("DIGEST-MD5", "CRAM-MD5"),
        realm="mail.example.com",
        sasl_users=("alice@mail.example.com",),
        pwcheck="auxprop",
        saslauthd_running=False,
        log="",
    )
    return dataclasses.replace(base, **changes)  # type: ignore[arg-type]


def test_a_healthy_server_has_nothing_to_add() -> None:
    assert server_findings(view(), user="alice", mechanism="CRAM-MD5") == []


def test_auth_advertised_but_not_trusted() -> None:
    found = server_findings(view(trusted=()), user="alice", mechanism="CRAM-MD5")
    assert found == [
        "AUTH is advertised (DIGEST-MD5 CRAM-MD5) but not trusted: TRUST_AUTH_MECH is "
        "missing, so a login succeeds and relaying is still refused."
    ]


def test_the_mechanism_used_is_advertised_but_not_trusted() -> None:
    found = server_findings(view(trusted=("DIGEST-MD5",)), mechanism="CRAM-MD5")
    assert found == [
        "CRAM-MD5 is advertised but not trusted: TRUST_AUTH_MECH lists only DIGEST-MD5."
    ]


def test_no_auth_in_sendmails_own_ehlo() -> None:
    found = server_findings(view(advertised=(), trusted=()))
    assert found == ["sendmail offers no login (SMTP AUTH) at all, not even to its own session."]


def test_auth_only_after_starttls_is_said_as_such_not_as_no_auth() -> None:
    """Field notes 11: under AuthOptions p, sendmail -bs (no TLS) shows no AUTH at all."""
    modern = view(
        advertised=(),
        trusted=("PLAIN", "LOGIN"),
        options=("A", "p", "y"),
        configured=("PLAIN", "LOGIN"),
    )
    found = server_findings(modern, user="alice", mechanism="PLAIN")
    assert found == [
        "sendmail offers logins only after STARTTLS (AuthOptions p), as the modern profile "
        "sets it up: mail programs must use STARTTLS (port 587) or TLS (port 465)."
    ]
    assert not any("no login" in f or "no AUTH" in f for f in found)
    untrusted = server_findings(dataclasses.replace(modern, trusted=()), mechanism="PLAIN")
    assert untrusted[0].startswith("AUTH is advertised (PLAIN LOGIN) but not trusted")


def test_the_user_lives_in_another_realm() -> None:
    found = server_findings(view(sasl_users=("alice@mail",)), user="alice@mail.example.com")
    assert found == [
        "The user alice exists in realm mail but sendmail uses realm mail.example.com: "
        "create it again in mail.example.com (adding it with Relay Wizard does)."
    ]


def test_there_is_no_such_account() -> None:
    found = server_findings(view(), user="bob")
    assert found == ["There is no SASL account named bob (realm mail.example.com)."]


def test_server_findings_name_the_saslauthd_trap() -> None:
    trap = view(advertised=("PLAIN", "LOGIN"), trusted=("PLAIN", "LOGIN"), pwcheck="saslauthd")
    assert server_findings(trap, user="alice", mechanism="PLAIN") == [
        "PLAIN checks passwords with saslauthd, which is not running; the accounts Relay "
        "Wizard manages live in the sasldb (pwcheck_method: auxprop)."
    ]
    running = view(pwcheck="saslauthd", saslauthd_running=True)
    assert server_findings(running, user="alice", mechanism="PLAIN") == []
    assert server_findings(trap, user="alice", mechanism="CRAM-MD5") == []


def test_the_sessions_mail_log_lines_are_quoted_escaped() -> None:
    forged = "Nov 29 15:00:02 mail logger: AUTH \x1b[2Jrelay=[198.51.100.5]"
    found = server_findings(view(log="\n".join([AUTH_FAILURE, forged])))
    assert found == [
        "mail log: 4ATF01x1234567: AUTH failure (CRAM-MD5): user not found (-13) SASL(-13): "
        "user not found: "
        "no secret in database, relay=[198.51.100.5]",
        "mail log: AUTH \\x1b[2Jrelay=[198.51.100.5]",
    ]


def test_only_the_last_three_log_lines_are_kept() -> None:
    log = "\n".join(f"{AUTH_FAILURE} #{i}" for i in range(5))
    found = server_findings(view(log=log))
    assert [line[-2:] for line in found] == ["#2", "#3", "#4"]


def test_the_view_is_read_from_the_sections() -> None:
    sections = {**stock_sections(), "bs": BS, "log": AUTH_FAILURE}
    seen = ServerView.from_sections("mail.example.com", sections)
    assert seen.advertised == ("DIGEST-MD5", "CRAM-MD5", "PLAIN", "LOGIN")
    assert seen.log == AUTH_FAILURE
    assert seen.realm  # sendmail's $j from the stock capture
    assert ServerView.from_sections("x", {**stock_sections(), "bs": ""}).advertised == ()


# --------------------------------------------------------------------------- the message

QUEUE_LINE = (
    "5ATF0x01     1234 Sun Nov 29 15:00 <alice@example.com>\n"
    "      (Deferred: Name server: example.net.: host name lookup failure)\n"
    "                                         <someone@example.net>"
)


def test_a_deferred_message_says_why() -> None:
    log = [
        "Nov 29 15:00:00 mail sm-mta[9]: 5ATF0x01: from=<alice@example.com>, size=412, nrcpts=1",
        "Nov 29 15:00:01 mail sm-mta[9]: 5ATF0x01: to=<someone@example.net>, delay=00:00:01, "
        "mailer=esmtp, pri=120412, stat=Deferred: Name server: example.net.: host name lookup "
        "failure",
    ]
    fate = fate_of("5ATF0x01", QUEUE_LINE, log)
    assert fate.state == "deferred"
    assert fate.detail == "Deferred: Name server: example.net.: host name lookup failure"
    assert fate.log == tuple(log)


def test_a_queued_message_without_a_reason_is_waiting() -> None:
    fate = fate_of("5ATF0x06", "5ATF0x06*     412 Sun Nov 29 15:00 <alice@example.com>", [])
    assert (fate.state, fate.detail) == ("queued", "waiting in the queue")


def test_a_sent_message() -> None:
    line = (
        "Nov 29 15:00:02 mail sm-mta[9]: 5ATF0x02: to=<someone@example.net>, delay=00:00:02, "
        "mailer=esmtp, relay=mx.example.net. [192.0.2.25], dsn=2.0.0, stat=Sent (OK id=1)"
    )
    fate = fate_of("5ATF0x02", "", [line])
    assert (fate.state, fate.detail) == ("sent", "Sent (OK id=1)")


def test_a_bounced_message_gives_the_dsn() -> None:
    line = (
        "Nov 29 15:00:03 mail sm-mta[9]: 5ATF0x03: 5ATF0x04: DSN: Host unknown (Name server: "
        "example.net: host not found)"
    )
    fate = fate_of("5ATF0x03", "", [line])
    assert fate.state == "bounced"
    assert fate.detail == "Host unknown (Name server: example.net: host not found)"


def test_a_message_only_in_the_log_was_accepted() -> None:
    line = "Nov 29 15:00:00 mail sm-mta[9]: 5ATF0x05: from=<alice@example.com>, size=412"
    assert fate_of("5ATF0x05", "", [line]) == MessageFate("5ATF0x05", "accepted", "logged", (line,))


def test_a_message_nowhere_is_unknown() -> None:
    fate = fate_of("5ATF0x07", "", [])
    assert (fate.state, fate.detail, fate.log) == (
        "unknown",
        "not in the queue nor in the mail log",
        (),
    )
    assert fate.to_json() == {
        "queue_id": "5ATF0x07",
        "state": "unknown",
        "detail": "not in the queue nor in the mail log",
        "log": [],
    }


def test_a_reply_without_a_queue_id_is_not_looked_for() -> None:
    """No round trip: the id is checked before the server is asked."""
    fate = follow_message(cast(SshSession, None), "Message accepted")
    assert (fate.state, fate.detail) == ("unknown", "The server's reply held no queue id.")


@pytest.mark.parametrize(
    "failure",
    [
        SmtpFailure("resolve", "x"),
        SmtpFailure("connect", "x", kind="refused"),
        SmtpFailure("connect", "x", kind="timeout"),
        SmtpFailure("tls", "x", kind="untrusted", cert_sha256=FP),
        SmtpFailure("tls", "x", kind="mismatch"),
        SmtpFailure("auth", "x", reply=Reply(535, "5.7.0 authentication failed")),
        SmtpFailure("rcpt", "x", reply=Reply(550, "5.7.1 Relaying denied")),
        SmtpFailure("rcpt", "x", reply=Reply(451, "4.4.0 try later")),
        SmtpFailure("mail", "x", reply=Reply(553, "5.1.8 bad sender")),
    ],
)
def test_each_line_of_a_diagnosis_is_one_whole_sentence_for_the_window(
    failure: SmtpFailure,
) -> None:
    d = diagnose(failure, HOST, PORT)
    view = ServerView(
        advertised=("PLAIN",),
        trusted=(),
        realm="mail.example.com",
        sasl_users=("bob@other.example",),
        pwcheck="saslauthd",
        saslauthd_running=False,
        log="sm-mta: x: lost",
    )
    d = dataclasses.replace(d, server=tuple(server_findings(view, user="bob", mechanism="PLAIN")))
    assert d.render() == "\n".join(d.lines())  # the command line's text is unchanged
    for line in d.lines():
        # each line is one marked sentence; what fills it in is a marked sentence too, or a
        # value (the server's reply, names, numbers): no English outside a marked template
        assert _english_pieces(line) == [], line


_VALUES = {"reply", "host", "port", "fingerprint", "line", "user", "other", "realm", "code"}
_VALUES |= {"mechanism", "mechanisms", "trusted"}


def _english_pieces(text: str) -> list[str]:
    if not isinstance(text, Translatable):
        return [text]
    found: list[str] = []
    for name, value in text.values.items():
        if isinstance(value, Translatable):
            found += _english_pieces(value)
        elif name not in _VALUES:
            found.append(f"{name}={value}")
    return found
