"""A test message through Postfix: its queue id in the DATA reply, and its fate in
Postfix's mail-log lines (the same shapes as sendmail's answers are judged from)."""

from __future__ import annotations

from wizard.core.mail.diagnose import fate_of
from wizard.core.mail.send import queue_id_of
from wizard.core.mail.smtp import Reply

QUEUE_LINE = (
    "4QzXyZ0ABcz9sQ1     412 Thu Dec  3 03:40:00  alice@mail.example.com\n"
    "(Host or domain name not found. Name service error for name=example.net type=MX: "
    "Host not found, try again)\n"
    "                                         someone@example.net"
)


def test_the_queue_id_of_postfix_and_of_sendmail() -> None:
    assert queue_id_of(Reply(250, "2.0.0 Ok: queued as 4QzXyZ0ABcz9sQ1")) == "4QzXyZ0ABcz9sQ1"
    assert queue_id_of(Reply(250, "2.0.0 Ok: queued as 3F2A41C0D2")) == "3F2A41C0D2"
    assert queue_id_of(Reply(250, "2.0.0 5ATF0x01 Message accepted for delivery")) == "5ATF0x01"
    assert queue_id_of(Reply(250, "2.0.0 Ok: queued as x")) == ""
    assert queue_id_of(Reply(250, "Ok")) == ""


def test_a_deferred_message_in_postfix_log() -> None:
    log = [
        "Dec  3 03:40:01 mail postfix/smtp[812]: 4QzXyZ0ABcz9sQ1: to=<someone@example.net>, "
        "relay=none, delay=0.51, delays=0.4/0.01/0.1/0, dsn=4.4.3, status=deferred (Host or "
        "domain name not found. Name service error for name=example.net type=MX: Host not "
        "found, try again)"
    ]
    fate = fate_of("4QzXyZ0ABcz9sQ1", QUEUE_LINE, log)
    assert fate.state == "deferred"
    assert fate.detail.startswith("deferred (Host or domain name not found.")
    assert fate.detail.endswith("try again)")


def test_a_sent_and_a_bounced_message_in_postfix_log() -> None:
    sent = (
        "Dec  3 03:40:02 mail postfix/smtp[812]: 4QzXyZ0ABcz9sQ2: to=<someone@example.net>, "
        "relay=mx.example.net[192.0.2.25]:25, delay=1.2, dsn=2.0.0, status=sent (250 2.0.0 Ok)"
    )
    fate = fate_of("4QzXyZ0ABcz9sQ2", "", [sent])
    assert (fate.state, fate.detail) == ("sent", "sent (250 2.0.0 Ok)")
    bounced = (
        "Dec  3 03:40:03 mail postfix/smtp[812]: 4QzXyZ0ABcz9sQ3: to=<nobody@example.net>, "
        "relay=mx.example.net[192.0.2.25]:25, dsn=5.1.1, status=bounced (host "
        "mx.example.net[192.0.2.25] said: 550 5.1.1 unknown user)"
    )
    fate = fate_of("4QzXyZ0ABcz9sQ3", "", [bounced])
    assert fate.state == "bounced" and "550 5.1.1 unknown user" in fate.detail
