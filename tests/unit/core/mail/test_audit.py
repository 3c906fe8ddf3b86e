"""The pure parts of the open-relay audit: the tricks, the vantage point, the report."""

from __future__ import annotations

import json
import socket
import threading
from collections.abc import Callable, Iterator
from typing import cast

import pytest

from tests.capture import stock_sections
from tests.loopback import LoopbackServer
from wizard.core.errors import Cancelled
from wizard.core.mail.audit import audit_relay, greeting_name, parse_hello
from wizard.core.mail.audit_report import AuditCheck, AuditReport, Outcome, TrickResult
from wizard.core.mail.smtp import Reply, SmtpSettings
from wizard.core.mail.transcript import Transcript
from wizard.core.mail.tricks import TRICK_TEMPLATES, Trick, ip_literal, relay_tricks
from wizard.core.mail.vantage import RelayConfig, Vantage, config_explanations, vantage_point

FQDN = "mail.example.org"
IP = "203.0.113.7"


# --------------------------------------------------------------------------- the tricks


def test_at_least_sixteen_distinct_tricks() -> None:
    tricks = relay_tricks(FQDN, IP)
    assert len(tricks) >= 16
    assert len(tricks) == len(TRICK_TEMPLATES)
    assert len({t.name for t in tricks}) == len(tricks)
    assert len({(t.sender, t.recipient) for t in tricks}) == len(tricks)


def test_the_tricks_carry_the_server_names() -> None:
    pairs = {(t.sender, t.recipient) for t in relay_tricks(FQDN, IP)}
    # nmap's smtp-open-relay list, with this server's name and IP literal filled in
    expected = {
        ("", "relaytest@example.net"),
        ("relay-audit@example.com", "relaytest@example.net"),
        ("relay-audit@mail.example.org", "relaytest@example.net"),
        ("relay-audit@[203.0.113.7]", "relaytest@example.net"),
        ("relay-audit@[203.0.113.7]", "relaytest%example.net@[203.0.113.7]"),
        ("relay-audit@[203.0.113.7]", "relaytest%example.net@mail.example.org"),
        ("relay-audit@[203.0.113.7]", '"relaytest@example.net"'),
        ("relay-audit@[203.0.113.7]", '"relaytest%example.net"'),
        ("relay-audit@[203.0.113.7]", "relaytest@example.net@[203.0.113.7]"),
        ("relay-audit@[203.0.113.7]", '"relaytest@example.net"@[203.0.113.7]'),
        ("relay-audit@[203.0.113.7]", "relaytest@example.net@mail.example.org"),
        ("relay-audit@[203.0.113.7]", "@[203.0.113.7]:relaytest@example.net"),
        ("relay-audit@[203.0.113.7]", "@mail.example.org:relaytest@example.net"),
        ("relay-audit@[203.0.113.7]", "example.net!relaytest"),
        ("relay-audit@[203.0.113.7]", "example.net!relaytest@[203.0.113.7]"),
        ("relay-audit@[203.0.113.7]", "example.net!relaytest@mail.example.org"),
    }
    assert expected <= pairs
    assert all("{" not in s + r for s, r in pairs), "every placeholder is filled in"


def test_a_trailing_dot_in_the_server_name_is_dropped() -> None:
    assert relay_tricks(FQDN + ".", IP) == relay_tricks(FQDN, IP)


def test_without_a_name_the_ip_literal_stands_in_and_duplicates_go() -> None:
    tricks = relay_tricks("", IP)
    pairs = [(t.sender, t.recipient) for t in tricks]
    assert len(pairs) == len(set(pairs))
    assert ("relay-audit@[203.0.113.7]", "@[203.0.113.7]:relaytest@example.net") in pairs
    assert len(tricks) < len(TRICK_TEMPLATES)


@pytest.mark.parametrize(
    ("address", "literal"),
    [
        ("192.0.2.1", "[192.0.2.1]"),
        ("[192.0.2.1]", "[192.0.2.1]"),
        ("2001:db8:0::1", "[IPv6:2001:db8::1]"),
    ],
)
def test_ip_literal(address: str, literal: str) -> None:
    assert ip_literal(address) == literal


def test_ipv6_server_tricks_use_the_ipv6_literal() -> None:
    tricks = relay_tricks("mail6.example.org", "2001:db8::25")
    assert any(t.recipient == "@[IPv6:2001:db8::25]:relaytest@example.net" for t in tricks)


# --------------------------------------------------------------------------- server words


def test_parse_hello() -> None:
    line = "mail-r.lab.test Hello client.lab.test [198.51.100.9], pleased to meet you\nPIPELINING"
    assert parse_hello(line) == ("client.lab.test", "198.51.100.9")
    forged = "mx Hello evil.example [198.51.100.9] (may be forged), pleased to meet you"
    assert parse_hello(forged) == ("", "198.51.100.9")
    assert parse_hello("mx Hello [198.51.100.9], pleased to meet you") == ("", "198.51.100.9")
    assert parse_hello("mx Hello [IPv6:2001:db8::5], pleased") == ("", "2001:db8::5")
    assert parse_hello("mx.example.org at your service") == ("", "")


def test_greeting_name() -> None:
    banner = Reply(220, "mail-r.lab.test ESMTP Sendmail 8.17.1.9/8.17.1.9; (No UCE/UBE)")
    assert greeting_name(banner) == "mail-r.lab.test"
    assert greeting_name(Reply(220, "[192.0.2.1] ready")) == ""
    assert greeting_name(None) == ""


# --------------------------------------------------------------------------- vantage point


def config(*access: str, relay_domains: tuple[str, ...] = ()) -> RelayConfig:
    return RelayConfig(known=True, access=access, relay_domains=relay_domains)


@pytest.mark.parametrize(
    "line",
    [
        "Connect:198.51.100 RELAY",
        "Connect:198.51.100.5 RELAY",
        "connect:198.51.100.5\tRELAY",
        "Connect:198 RELAY",
        "198.51.100 RELAY",  # untagged keys apply to connections too
        "Connect:198.51.100.0/24 RELAY",
        "Connect:198.51.100.0/29 RELAY",
        "Connect:client.lab.test RELAY",
        "Connect:lab.test RELAY",
        "lab.test RELAY",
    ],
)
def test_the_client_is_trusted_by(line: str) -> None:
    v = vantage_point("198.51.100.5", config(line), client_name="client.lab.test")
    assert v.trusted
    assert v.trusted_by == (f"access db line '{' '.join(line.split())}'",)
    assert "expected from this vantage point, not proof of an open relay" in v.note(True)
    assert "outside" in v.outside_hint()


@pytest.mark.parametrize(
    "line",
    [
        "Connect:198.51.100.50 RELAY",  # octets, not string prefixes
        "Connect:198.51.10 RELAY",
        "Connect:198.51.100.8/29 RELAY",
        "Connect:198.51.100 REJECT",
        "Connect:198.51.100 OK",
        "To:198.51.100 RELAY",  # about recipients, not clients
        "From:lab.test RELAY",
        "To:example.net RELAY",
        "ClientRate:198.51.100.5 0",
        "GreetPause:198.51.100.5 0",
        "Connect:other.lab.test RELAY",
        "Connect:test.lab RELAY",
        "Connect:IPv6:2001:db8 RELAY",
    ],
)
def test_the_client_is_not_trusted_by(line: str) -> None:
    v = vantage_point("198.51.100.5", config(line), client_name="client.lab.test")
    assert not v.trusted
    assert "what a stranger sees" in v.note(True)
    assert v.outside_hint() == ""


def test_a_forged_or_missing_name_matches_no_name_entry() -> None:
    v = vantage_point("198.51.100.5", config("Connect:lab.test RELAY"), client_name="")
    assert not v.trusted


def test_relay_domains_entries_trust_networks_and_domains() -> None:
    by_net = vantage_point("198.51.100.5", config(relay_domains=("198.51.100",)))
    assert by_net.trusted_by == ("relay-domains entry '198.51.100'",)
    by_name = vantage_point(
        "198.51.100.5", config(relay_domains=("lab.test",)), client_name="client.lab.test"
    )
    assert by_name.trusted_by == ("relay-domains entry 'lab.test'",)
    other = vantage_point("198.51.100.5", config(relay_domains=("example.org", "10.1")))
    assert not other.trusted


def test_ipv6_prefix_and_exact_entries() -> None:
    address = "2001:db8::5"
    assert vantage_point(address, config("Connect:IPv6:2001:db8 RELAY")).trusted
    assert vantage_point(address, config("Connect:IPv6:2001:db8::5 RELAY")).trusted
    assert vantage_point(address, config("Connect:IPv6:2001:db8::/32 RELAY")).trusted
    assert not vantage_point(address, config("Connect:IPv6:2001:db9 RELAY")).trusted
    assert not vantage_point(address, config("Connect:198.51.100 RELAY")).trusted


def test_the_server_itself_is_always_trusted() -> None:
    assert vantage_point("127.0.0.1", config()).trusted
    assert vantage_point("::1", config()).trusted
    own = vantage_point("198.51.100.6", config(), server_addresses=("198.51.100.6",))
    assert own.trusted and "the server itself" in own.trusted_by[0]


def test_every_matching_entry_is_named() -> None:
    v = vantage_point(
        "198.51.100.5",
        config("Connect:198.51.100 RELAY", "Connect:198.51.100.5 RELAY"),
        client_name="client.lab.test",
    )
    assert len(v.trusted_by) == 2
    assert "198.51.100.5 (client.lab.test)" in v.note(True)


def test_unknown_config_says_what_a_test_from_outside_needs() -> None:
    v = vantage_point("198.51.100.5", RelayConfig())
    assert not v.trusted and not v.config_known
    assert "not read" in v.note(True) and "outside" in v.note(True)


def test_debian_stock_config_trusts_loopback_and_not_the_lab_client() -> None:
    sections = stock_sections()
    cfg = RelayConfig.from_sections("mail.lab.test", sections)
    assert cfg.known
    assert "Connect:127\t\t\t\tRELAY" in cfg.access
    assert not any(line.startswith("#") for line in cfg.access)
    assert cfg.relay_features == ()
    assert not vantage_point("198.51.100.5", cfg).trusted
    assert vantage_point("127.0.0.1", cfg).trusted
    assert config_explanations(cfg) == ()
    assert cfg.to_json()["access_relay"] == [
        "Connect:127\t\t\t\tRELAY",
        "Connect:IPv6:::1\t\tRELAY",
    ]


def test_config_explanations_name_what_opens_the_server_to_anyone() -> None:
    cfg = RelayConfig(
        known=True,
        access=("To:example.net RELAY", "Connect:198.51.100 RELAY"),
        relay_domains=("example.net",),
        relay_features=("promiscuous_relay",),
    )
    text = config_explanations(cfg)
    assert len(text) == 3
    assert text[0].startswith("FEATURE(`promiscuous_relay') relays mail for anyone")
    assert "'To:example.net RELAY' lets anyone relay to example.net" in text[1]
    assert "relay-domains" in text[2]


# --------------------------------------------------------------------------- the report


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
    assert "is closed: all 18 relay tricks" in r.summary()


def test_one_accepted_is_open_and_named() -> None:
    r = report([("accepted", 250)] + [("refused", 550)] * 17, STRANGER)
    assert r.verdict == "open"
    assert [x.trick.name for x in r.accepted] == ["null-sender"]
    assert (
        "1 of 18 tricks accepted: null-sender (MAIL FROM:<> RCPT TO:<relaytest@example.net>)"
        in (r.summary())
    )


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


def test_trick_text() -> None:
    t = Trick("bang", "UUCP bang path", "a@[192.0.2.1]", "example.net!relaytest")
    assert str(t) == "bang (MAIL FROM:<a@[192.0.2.1]> RCPT TO:<example.net!relaytest>)"


# --------------------------------------------------------------------------- dropped connections

Policy = Callable[[int, int, str], str]


class FakeSmtp(LoopbackServer):
    """A tiny SMTP server on loopback that refuses every relay and misbehaves on cue.

    ``policy(connection, rcpt_number, rcpt_line)`` answers each RCPT: "" refuses it with
    550, "drop" closes the connection without a reply, "421" says goodbye and closes.
    """

    def __init__(self, policy: Policy) -> None:
        self.policy = policy
        self.commands: list[str] = []
        super().__init__()

    def handle(self, conn: socket.socket, number: int) -> None:
        self.talk(conn, number)

    def talk(self, conn: socket.socket, number: int) -> None:
        conn.settimeout(5)
        reader = conn.makefile("rb")
        try:
            conn.sendall(b"220 fake.test ESMTP ready\r\n")
            rcpts = 0
            for raw in reader:
                line = raw.decode().rstrip("\r\n")
                self.commands.append(line)
                verb = line.split(" ", 1)[0].upper()
                if verb == "EHLO":
                    reply = "250-fake.test Hello [127.0.0.1], hi\r\n250 AUTH CRAM-MD5\r\n"
                elif verb == "MAIL":
                    reply = "250 2.1.0 Sender ok\r\n"
                elif verb == "RCPT":
                    rcpts += 1
                    action = self.policy(number, rcpts, line)
                    if action == "drop":
                        return
                    if action == "421":
                        conn.sendall(b"421 4.7.0 fake.test closing connection\r\n")
                        return
                    reply = "550 5.7.1 Relaying denied\r\n"
                elif verb == "RSET":
                    reply = "250 2.0.0 Reset state\r\n"
                elif verb == "AUTH":
                    reply = "504 5.3.3 AUTH mechanism PLAIN not available\r\n"
                elif verb == "QUIT":
                    conn.sendall(b"221 2.0.0 bye\r\n")
                    return
                else:
                    reply = "500 5.5.1 Command unrecognized\r\n"
                conn.sendall(reply.encode())
        except OSError:
            return
        finally:
            reader.close()


@pytest.fixture
def fake() -> Iterator[Callable[[Policy], FakeSmtp]]:
    servers: list[FakeSmtp] = []

    def start(policy: Policy) -> FakeSmtp:
        servers.append(FakeSmtp(policy))
        return servers[-1]

    yield start
    for server in servers:
        server.close()


def run_audit(server: FakeSmtp, **kw: float) -> AuditReport:
    settings = SmtpSettings("127.0.0.1", server.port, timeout=5)
    return audit_relay(settings, config=RelayConfig(known=True), **kw)  # type: ignore[arg-type]


def test_a_dropped_connection_is_reopened_and_the_trick_tried_again(
    fake: Callable[[Policy], FakeSmtp],
) -> None:
    server = fake(lambda conn, n, line: "drop" if (conn, n) == (0, 3) else "")
    report = run_audit(server)
    assert report.connections == 2
    assert report.verdict == "closed"
    assert [r.trick.name for r in report.results] == [t[0] for t in TRICK_TEMPLATES]
    assert all(r.outcome == "refused" for r in report.results)
    rcpts = [c for c in server.commands if c.startswith("RCPT")]
    assert len(rcpts) == len(report.results) + 1, "the third trick was tried twice"
    mails = [c for c in server.commands if c.startswith("MAIL")]
    assert mails[2] == mails[3] == f"MAIL FROM:<{report.results[2].trick.sender}>"
    assert report.server_name == "fake.test"
    assert not any(c.startswith("DATA") for c in server.commands)


def test_a_trick_that_always_ends_the_connection_is_reported_untested(
    fake: Callable[[Policy], FakeSmtp],
) -> None:
    server = fake(lambda conn, n, line: "421" if "!relaytest>" in line else "")
    report = run_audit(server, max_connections=10)
    bang = [r for r in report.results if r.outcome == "untested"]
    assert [r.trick.name for r in bang] == ["bang"]  # bang-ip and bang-name end in @host
    assert "twice" in bang[0].note
    assert report.connections == 3
    assert report.verdict == "incomplete"
    assert "1 of 21 tricks got no final answer" in report.summary()


def test_reconnecting_is_bounded(fake: Callable[[Policy], FakeSmtp]) -> None:
    server = fake(lambda conn, n, line: "drop")
    report = run_audit(server, max_connections=4)
    assert server.connections == report.connections == 4
    assert all(r.outcome == "untested" for r in report.results)
    assert "dropped the connection 4 times" in report.results[-1].note
    assert report.verdict == "incomplete"


def test_the_time_budget_bounds_the_audit(fake: Callable[[Policy], FakeSmtp]) -> None:
    server = fake(lambda conn, n, line: "")
    report = run_audit(server, time_budget=0.0)
    assert all(r.outcome == "untested" for r in report.results)
    assert "time budget" in report.results[0].note
    assert not any(c.startswith("MAIL") for c in server.commands)


def test_cancel_stops_before_the_first_trick(fake: Callable[[Policy], FakeSmtp]) -> None:
    server = fake(lambda conn, n, line: "")
    cancel = threading.Event()
    cancel.set()
    with pytest.raises(Cancelled):
        audit_relay(SmtpSettings("127.0.0.1", server.port, timeout=5), cancel=cancel)
    assert not any(c.startswith("MAIL") for c in server.commands)
