"""The audit's SMTP side on a loopback server: the server's words, dropped connections,
the time budget, cancel, and the pool a finished audit leaves its connection in."""

from __future__ import annotations

import socket
import threading
from collections.abc import Callable, Iterator

import pytest

from tests.loopback import LoopbackServer
from wizard.core.errors import Cancelled
from wizard.core.mail.audit import audit_relay, greeting_name, parse_hello
from wizard.core.mail.audit_report import AuditReport
from wizard.core.mail.pool import SmtpPool
from wizard.core.mail.smtp import Reply, SmtpSettings
from wizard.core.mail.transcript import Transcript
from wizard.core.mail.tricks import TRICK_TEMPLATES
from wizard.core.mail.vantage import RelayConfig

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
    assert "1 of 21 relay tricks got no final answer" in report.summary()


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


def test_without_a_pool_the_audit_ends_with_quit(fake: Callable[[Policy], FakeSmtp]) -> None:
    server = fake(lambda conn, n, line: "")
    assert run_audit(server).closed
    assert server.commands[-1] == "QUIT"


def test_with_a_pool_the_connection_is_parked_after_rset(
    fake: Callable[[Policy], FakeSmtp],
) -> None:
    """The tricks end with RSET answered 250: parked as it is, without one RSET more (a
    round trip on a slow link)."""
    server = fake(lambda conn, n, line: "")
    settings = SmtpSettings("127.0.0.1", server.port, timeout=5)
    with SmtpPool() as pool:
        report = audit_relay(settings, config=RelayConfig(known=True), pool=pool)
        assert report.closed and len(pool) == 1
        assert server.commands[-1] == "RSET" and server.commands[-2].startswith("RCPT")
        assert "QUIT" not in server.commands
        client = pool.take(settings, Transcript())
        assert client is not None
        assert client.command("NOOP").code == 500  # the same session, still talking
        client.quit()
    assert server.connections == 1


def test_a_session_left_after_a_login_attempt_gets_rset_before_it_is_parked(
    fake: Callable[[Policy], FakeSmtp],
) -> None:
    """After the wrong-password check (AUTH) the session is not known to be at rest."""
    server = fake(lambda conn, n, line: "")
    settings = SmtpSettings("127.0.0.1", server.port, timeout=5)
    with SmtpPool() as pool:
        audit_relay(settings, config=RelayConfig(known=True), pool=pool, user="staff")
        assert len(pool) == 1
        assert server.commands[-2].startswith("AUTH") and server.commands[-1] == "RSET"
    assert server.connections == 1


def test_a_server_that_slows_down_after_errors_gets_a_new_session_before_it_does(
    fake: Callable[[Policy], FakeSmtp],
) -> None:
    """Postfix waits a second before every reply once a session made
    smtpd_soft_error_limit errors (10 by default; each refused RCPT is one): the tricks go
    on in a new session before that, two errors kept in hand (the wrong-password check, the
    test send that may take the session)."""
    seen: list[tuple[int, int]] = []

    def refuse(conn: int, n: int, line: str) -> str:
        seen.append((conn, n))
        return ""

    server = fake(refuse)
    settings = SmtpSettings("127.0.0.1", server.port, timeout=5)
    config = RelayConfig(known=True, mta="postfix", error_limit=10)
    with SmtpPool() as pool:
        report = audit_relay(settings, config=config, pool=pool, user="staff")
        assert report.closed and len(report.results) == 21
        assert all(r.outcome == "refused" for r in report.results)
    per_session = [max(n for c, n in seen if c == conn) for conn in sorted({c for c, _ in seen})]
    assert per_session == [8, 8, 5] and server.connections == 3
    assert report.connections == 3


def test_without_such_a_limit_one_session_takes_every_trick(
    fake: Callable[[Policy], FakeSmtp],
) -> None:
    server = fake(lambda conn, n, line: "")
    report = audit_relay(
        SmtpSettings("127.0.0.1", server.port, timeout=5), config=RelayConfig(known=True)
    )
    assert report.closed and server.connections == 1


def test_the_account_given_is_used_for_the_wrong_password_check(
    fake: Callable[[Policy], FakeSmtp],
) -> None:
    """The window's audit passes the Account field: never 'No account name was given'
    when one is (issue 15)."""
    from wizard.core.job import Job
    from wizard.core.services import CoreServices

    server = fake(lambda _c, _n, _line: "")
    settings = SmtpSettings("127.0.0.1", server.port, timeout=5)
    report = CoreServices().audit(settings, None, Job(), user="alice")
    (wrong,) = [c for c in report.checks if c.name == "wrong-password"]
    assert wrong.status != "skipped" and "alice" in wrong.detail
    assert "No account name" not in report.summary()
    assert any(line.startswith("AUTH CRAM-MD5") for line in server.commands)
