"""The SMTP client against servers that misbehave on purpose (issue 12, items 4, 5 and 7).

A small threaded server on 127.0.0.1 plays a script: oversized, trickled, malformed and
escape-laden replies, broken AUTH challenges. Each must end in a clear ``SmtpFailure``
(or a reply with the server's text escaped), never another exception, with the
transcript kept and free of raw control characters. Nothing here waits on a clock: the
client gets small limits and a short deadline, the server threads are joined with a
timeout.
"""

from __future__ import annotations

import base64
import os
import socket
import subprocess
import sys
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import BinaryIO

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.loopback import LoopbackServer
from wizard.core.errors import UsageError
from wizard.core.mail import smtp
from wizard.core.mail.auth import digest_md5_response
from wizard.core.mail.send import send_test
from wizard.core.mail.smtp import Reply, SmtpClient, SmtpFailure, SmtpSettings
from wizard.core.mail.transcript import Transcript
from wizard.core.untrusted import has_unsafe

Script = Callable[["HostileSmtp", socket.socket, BinaryIO], None]

BIG = 16 * 1024 * 1024
ESCAPES = "\x1b]0;pwned\x07 \x1b[2J \rOK"  # set the title, clear the screen, overwrite
RAW_CONTROL = ("\x1b", "\r", "\x07", "\x00", "\x9b")


class HostileSmtp(LoopbackServer):
    """A server on loopback that runs ``script(conn, reader)`` for every connection."""

    def __init__(self, script: Script) -> None:
        self.script = script
        self.commands: list[bytes] = []
        super().__init__()

    def handle(self, conn: socket.socket, number: int) -> None:
        conn.settimeout(10)
        reader = conn.makefile("rb")
        try:
            self.script(self, conn, reader)
        except OSError:
            pass  # the client hung up, as it should on a hostile reply
        finally:
            reader.close()

    def command(self, reader: BinaryIO) -> bytes:
        line = reader.readline(4096)
        if not line:
            raise ConnectionResetError("client gone")
        self.commands.append(line)
        return line


@pytest.fixture
def hostile() -> Iterator[Callable[[Script], HostileSmtp]]:
    servers: list[HostileSmtp] = []

    def start(script: Script) -> HostileSmtp:
        servers.append(HostileSmtp(script))
        return servers[-1]

    yield start
    for server in servers:
        server.close()


def settings_for(server: HostileSmtp, timeout: float = 2.0) -> SmtpSettings:
    return SmtpSettings("127.0.0.1", server.port, "none", timeout=timeout)


def assert_clean(transcript: Transcript | None) -> str:
    """The transcript exists and none of its forms holds a raw control character."""
    assert transcript is not None
    rendered = transcript.render()
    for ln in transcript.lines:
        assert not has_unsafe(ln.text), ln.text
    for ch in RAW_CONTROL:
        assert ch not in rendered
        assert ch not in str(transcript.to_json())
    return rendered


def opened(server: HostileSmtp, **limits: int) -> tuple[SmtpClient, SmtpFailure]:
    """Run ``open()`` against ``server``; return the client and the failure it must raise."""
    client = SmtpClient(settings_for(server))
    for name, value in limits.items():
        setattr(client, name, value)
    with pytest.raises(SmtpFailure) as caught:
        client.open()
    client.close()
    return client, caught.value


def ehlo_script(ehlo_reply: bytes, banner: bytes = b"220 hostile.test ESMTP\r\n") -> Script:
    def script(server: HostileSmtp, conn: socket.socket, reader: BinaryIO) -> None:
        conn.sendall(banner)
        while True:
            verb = server.command(reader).split(b" ")[0].strip().upper()
            if verb == b"EHLO":
                conn.sendall(ehlo_reply)
            elif verb == b"QUIT":
                conn.sendall(b"221 bye\r\n")
                return
            else:
                conn.sendall(b"500 what\r\n")

    return script


def start_ehlo(
    hostile: Callable[[Script], HostileSmtp],
    ehlo_reply: bytes,
    banner: bytes = b"220 hostile.test ESMTP\r\n",
) -> HostileSmtp:
    return hostile(ehlo_script(ehlo_reply, banner))


# --------------------------------------------------------------------------- sizes and time


@pytest.mark.parametrize("newline", [b"", b"\r\n"], ids=["no-newline", "newline"])
def test_a_16_mib_banner_line_fails_at_the_greeting(
    hostile: Callable[[Script], HostileSmtp], newline: bytes
) -> None:
    def script(_server: HostileSmtp, conn: socket.socket, _reader: BinaryIO) -> None:
        conn.sendall(b"220 " + b"A" * BIG + newline)

    server = hostile(script)
    client, exc = opened(server)
    assert exc.stage == "greeting"
    assert exc.kind == "protocol"
    assert f"more than {smtp.MAX_LINE} bytes without an end of line" in exc.message
    text = assert_clean(client.transcript)
    assert "S: 220 AAAA" in text  # the start of the line is kept, not 16 MiB of it
    assert len(text) < 4 * smtp.MAX_LINE
    assert "stopped:" in text


def test_a_server_trickling_a_byte_at_a_time_meets_the_deadline(
    hostile: Callable[[Script], HostileSmtp],
) -> None:
    stop = threading.Event()

    def script(_server: HostileSmtp, conn: socket.socket, _reader: BinaryIO) -> None:
        conn.sendall(b"220-")
        while not stop.wait(0.02):  # a byte every 20 ms: no single read ever times out
            conn.sendall(b"x")

    server = hostile(script)
    client = SmtpClient(settings_for(server, timeout=0.5))
    try:
        with pytest.raises(SmtpFailure) as caught:
            client.connect()
    finally:
        stop.set()
    exc = caught.value
    assert exc.stage == "timeout"
    assert exc.kind == "greeting"
    assert "did not finish its reply within 0.5 s" in exc.message
    assert client._sock is None  # closed: no QUIT waits on this server again
    assert_clean(client.transcript)


def test_ten_thousand_continuation_lines_are_cut_off(
    hostile: Callable[[Script], HostileSmtp],
) -> None:
    server = start_ehlo(hostile, b"250-hostile.test\r\n" + b"250-X\r\n" * 10_000 + b"250 OK\r\n")
    client, exc = opened(server)
    assert exc.stage == "ehlo"
    assert exc.kind == "protocol"
    assert f"beyond {smtp.MAX_LINES} lines" in exc.message
    assert len([ln for ln in client.transcript.lines if ln.direction == "S"]) <= smtp.MAX_LINES + 1


def test_the_total_size_of_a_reply_is_bounded(hostile: Callable[[Script], HostileSmtp]) -> None:
    line = b"250-" + b"Y" * 1000 + b"\r\n"
    server = start_ehlo(hostile, line * 90 + b"250 OK\r\n")
    _client, exc = opened(server, max_reply=16 * 1024)
    assert exc.stage == "ehlo"
    assert "beyond 16384 bytes" in exc.message


def test_a_reply_within_the_limits_still_works(hostile: Callable[[Script], HostileSmtp]) -> None:
    server = start_ehlo(
        hostile, b"250-hostile.test Hello\r\n250-PIPELINING\r\n250 AUTH CRAM-MD5 PLAIN\n"
    )
    with SmtpClient(settings_for(server)) as client:
        client.open()
        assert client.banner == Reply(220, "hostile.test ESMTP")
        assert client.pipelining
        assert client.auth_mechanisms == ["CRAM-MD5", "PLAIN"]
    assert server.commands[-1] == b"QUIT\r\n"


def paired(**limits: int) -> tuple[SmtpClient, socket.socket]:
    """A client on one end of a socket pair; the test plays the server on the other."""
    ours, theirs = socket.socketpair()
    client = SmtpClient(SmtpSettings("mail.example.com", timeout=5))
    client._sock = ours
    for name, value in limits.items():
        setattr(client, name, value)
    return client, theirs


def test_a_whole_line_over_the_limit_is_refused_too() -> None:
    client, theirs = paired(max_line=50)
    try:
        theirs.sendall(b"250 " + b"A" * 100 + b"\r\n")
        client._awaiting.append("mail")
        with pytest.raises(SmtpFailure) as caught:
            client.reply()
        assert caught.value.stage == "mail"
        assert "a reply line of 106 bytes, more than the 50" in caught.value.message
    finally:
        client.close()
        theirs.close()


def test_a_broken_pipelined_reply_names_the_command_it_answers() -> None:
    client, theirs = paired()
    try:
        client.send_commands(["MAIL FROM:<a@example.org>", "RCPT TO:<b@example.net>", "DATA"])
        theirs.sendall(b"250 2.1.0 ok\r\n250-2.1.5 ok\r\n354 go on\r\n")
        assert client.reply() == Reply(250, "2.1.0 ok")
        with pytest.raises(SmtpFailure) as caught:
            client.reply()
        assert (caught.value.stage, caught.value.kind) == ("rcpt", "protocol")
        assert "mixes the codes 250 and 354" in caught.value.message
        assert client._sock is None
        with pytest.raises(SmtpFailure) as again:  # closed: nothing more is read or sent
            client.command("RSET")
        assert again.value.stage == "connection"
    finally:
        client.close()
        theirs.close()


def test_the_transcript_escapes_every_line_and_hides_secrets() -> None:
    transcript = Transcript(secrets=("hunter2",))
    transcript.add("C", "AUTH x hunter2\x1b[2J")
    transcript.add("S", "550 \rno\u202e")
    assert [ln.text for ln in transcript.lines] == [
        "AUTH x <hidden>\\x1b[2J",
        "550 \\x0dno\\u202e",
    ]


# --------------------------------------------------------------------------- malformed


@pytest.mark.parametrize(
    ("ehlo_reply", "why"),
    [
        (b"250-hostile.test\r\n550 AUTH PLAIN\r\n", "mixes the codes 250 and 550"),
        (b"2x0 hostile.test\r\n", "three-digit reply code"),
        (b"250xhostile.test\r\n", "three-digit reply code"),
        (b"25\r\n", "three-digit reply code"),
        (b"\r\n", "three-digit reply code"),
        (b"\x1b[2J250 hostile.test\r\n", "three-digit reply code"),
        (b"650 hostile.test\r\n", "three-digit reply code"),
    ],
    ids=["mixed-codes", "non-numeric", "no-separator", "short", "empty", "escape-first", "6xx"],
)
def test_a_malformed_reply_is_a_clear_failure(
    hostile: Callable[[Script], HostileSmtp], ehlo_reply: bytes, why: str
) -> None:
    server = start_ehlo(hostile, ehlo_reply)
    client, exc = opened(server)
    assert exc.stage == "ehlo"
    assert exc.kind == "protocol"
    assert why in exc.message
    assert not has_unsafe(exc.message)
    assert "stopped:" in assert_clean(client.transcript)


def test_foreign_bytes_nul_and_cr_in_the_text_are_escaped_not_fatal(
    hostile: Callable[[Script], HostileSmtp],
) -> None:
    banner = b"220 caf\xe9 \xff\x00 m\xc3\xbcller\rOK ESMTP\r\n"
    server = start_ehlo(hostile, b"250 hostile.test\r\n", banner)
    with SmtpClient(settings_for(server)) as client:
        client.open()
        assert client.banner == Reply(220, "caf\\xe9 \\xff\\x00 müller\\x0dOK ESMTP")
        assert_clean(client.transcript)


def test_escape_sequences_never_reach_replies_or_the_transcript(
    hostile: Callable[[Script], HostileSmtp], tmp_path: Path
) -> None:
    hostile_text = ESCAPES.encode() + b" \xe2\x80\xae(bidi) \xc2\x9b31m"
    server = start_ehlo(
        hostile,
        b"250-" + hostile_text + b"\r\n250 AUTH " + hostile_text + b"\r\n",
        b"220 " + hostile_text + b"\r\n",
    )
    with SmtpClient(settings_for(server)) as client:
        client.open()
        for reply in (client.banner, client.hello):
            assert reply is not None
            assert all(not has_unsafe(line) for line in reply.text.split("\n"))
        assert client.banner is not None
        assert "\\x1b]0;pwned\\x07" in client.banner.text
        assert "\\u202e(bidi)" in client.transcript.render()
        for key, value in client.features.items():
            assert not has_unsafe(key) and not has_unsafe(value)
    path = tmp_path / "transcript.txt"
    client.transcript.save(str(path))
    saved = path.read_bytes()
    assert b"\x1b" not in saved and b"\r" not in saved and b"\x07" not in saved


# --------------------------------------------------------------------------- AUTH challenges


def auth_script(challenge: bytes, after: bytes = b"235 2.7.0 ok\r\n") -> Script:
    """Offers CRAM-MD5 and DIGEST-MD5; answers AUTH with ``challenge``; a login with ``after``."""

    def script(server: HostileSmtp, conn: socket.socket, reader: BinaryIO) -> None:
        conn.sendall(b"220 hostile.test ESMTP\r\n")
        while True:
            line = server.command(reader)
            verb = line.split(b" ")[0].strip().upper()
            if verb == b"EHLO":
                conn.sendall(b"250-hostile.test\r\n250 AUTH CRAM-MD5 DIGEST-MD5\r\n")
            elif verb == b"AUTH":
                conn.sendall(challenge)
                server.command(reader)  # the response, if any
                conn.sendall(after)
            elif verb == b"QUIT":
                conn.sendall(b"221 bye\r\n")
                return
            else:
                conn.sendall(b"250 ok\r\n")

    return script


def send_against(server: HostileSmtp, mechanism: str) -> SmtpFailure:
    with pytest.raises(SmtpFailure) as caught:
        send_test(
            settings_for(server),
            "alice",
            "s3cret-pass",
            "alice@example.org",
            "bob@example.net",
            mechanism,
        )
    return caught.value


@pytest.mark.parametrize(
    ("mechanism", "challenge", "why"),
    [
        ("CRAM-MD5", b"334 this is not base64!\r\n", "CRAM-MD5 challenge is not valid base64"),
        ("CRAM-MD5", b"334 PDEyMz4=garbage\r\n", "CRAM-MD5 challenge is not valid base64"),
        ("CRAM-MD5", b"334 \x1b[2J\r\n", "CRAM-MD5 challenge is not valid base64"),
        ("CRAM-MD5", b"334 \r\n", "CRAM-MD5 challenge is not valid base64 (empty)"),
        ("DIGEST-MD5", b"334 %%%%\r\n", "DIGEST-MD5 challenge is not valid base64"),
        (
            "DIGEST-MD5",
            b"334 " + base64.b64encode(b'realm="hostile.test",qop="auth"') + b"\r\n",
            "DIGEST-MD5 challenge holds no nonce",
        ),
        (
            "DIGEST-MD5",
            b"334 " + base64.b64encode(b"\xff\xfe not a challenge at all") + b"\r\n",
            "DIGEST-MD5 challenge holds no nonce",
        ),
        (
            "DIGEST-MD5",
            b"334 " + base64.b64encode(b'nonce="a\\"b\x1b",qop="auth"') + b"\r\n",
            "DIGEST-MD5 challenge holds an unusable nonce",
        ),
    ],
    ids=["cram-text", "cram-trailing", "cram-escape", "cram-empty", "digest-not-b64",
         "digest-no-nonce", "digest-binary", "digest-bad-nonce"],
)  # fmt: skip
def test_a_malformed_auth_challenge_fails_clearly_with_the_transcript(
    hostile: Callable[[Script], HostileSmtp], mechanism: str, challenge: bytes, why: str
) -> None:
    server = hostile(auth_script(challenge))
    exc = send_against(server, mechanism)
    assert exc.stage == "auth"
    assert exc.kind == "protocol"
    assert why in exc.message
    assert not has_unsafe(exc.message)
    text = assert_clean(exc.transcript)
    assert f"C: AUTH {mechanism}" in text
    assert "s3cret-pass" not in text


def test_a_garbage_334_after_plain_is_a_refused_login(
    hostile: Callable[[Script], HostileSmtp],
) -> None:
    def script(server: HostileSmtp, conn: socket.socket, reader: BinaryIO) -> None:
        conn.sendall(b"220 hostile.test ESMTP\r\n")
        while True:
            verb = server.command(reader).split(b" ")[0].strip().upper()
            if verb == b"EHLO":
                conn.sendall(b"250-hostile.test\r\n250 AUTH PLAIN\r\n")
            elif verb == b"AUTH":
                conn.sendall(b"334 \x1b]0;pwned\x07\r\n")
            else:
                conn.sendall(b"221 bye\r\n")
                return

    server = hostile(script)
    exc = send_against(server, "PLAIN")
    assert exc.stage == "auth"
    assert exc.reply is not None and exc.reply.code == 334
    assert "\x1b" not in exc.message and "\\x1b]0;pwned\\x07" in exc.message
    assert_clean(exc.transcript)


def test_digest_md5_quotes_the_user_name() -> None:
    challenge = b'realm="r\\"x",nonce="abc",qop="auth",charset=utf-8'
    response = digest_md5_response(challenge, 'al"ice\\', "pw", "mail.test", cnonce="c")
    assert response.startswith(b'username="al\\"ice\\\\",realm="r\\"x",nonce="abc",')


# --------------------------------------------------------------------------- what we send


@pytest.mark.parametrize(
    "value", ["bob@example.net\r\nRSET", "bob@example.net\nDATA", "bob@example.net\x00"]
)
def test_the_client_never_sends_a_line_break_inside_a_command(value: str) -> None:
    ours, theirs = socket.socketpair()
    client = SmtpClient(SmtpSettings("mail.example.com"))
    client._sock = ours
    try:
        for attempt in (
            lambda: client.rcpt(value),
            lambda: client.mail(value),
            lambda: client.send_commands(["MAIL FROM:<a@example.org>", f"RCPT TO:<{value}>"]),
        ):
            with pytest.raises(UsageError) as caught:
                attempt()
            assert "line break or NUL" in caught.value.message
            assert not has_unsafe(caught.value.message)
        theirs.setblocking(False)
        with pytest.raises(BlockingIOError):
            theirs.recv(1)  # nothing at all was written
        assert client.transcript.lines == []
    finally:
        client.close()
        theirs.close()


def test_send_test_refuses_a_bad_address_or_user_before_connecting(
    hostile: Callable[[Script], HostileSmtp],
) -> None:
    server = hostile(auth_script(b"334 PDEyMz4=\r\n"))
    for user, sender, recipient, shown in (
        ("alice", "alice@example.org", "bob@example.net\r\nRSET", "bob@example.net\\x0d"),
        ("alice", "alice@example.org\r\nRCPT TO:<x@y.z>", "bob@example.net", "org\\x0d\\x0a"),
        ("alice", "alice@example.org", "<bob@example.net>", "'<bob@example.net>'"),
        ("alice", "alice@example.org", "bob@example.net\x00", "bob@example.net\\x00"),
        ("al\x1b[2Jice", "alice@example.org", "bob@example.net", "al\\x1b[2Jice"),
    ):
        with pytest.raises(UsageError) as caught:
            send_test(settings_for(server), user, "pw", sender, recipient, "CRAM-MD5")
        assert shown in caught.value.message
        assert not has_unsafe(caught.value.message)
    assert server.connections == 0


# --------------------------------------------------------------------------- property


# Lines that look like replies (a code, a separator, any text, an end of line) now and then,
# so that the property reaches the multiline, mixed-code and size paths, not only the
# first check.
_reply_like = st.lists(
    st.tuples(
        st.sampled_from([b"250", b"550", b"334", b"220", b"25x", b"", b"2500"]),
        st.sampled_from([b" ", b"-", b"", b"x"]),
        st.binary(max_size=60),
        st.sampled_from([b"\r\n", b"\n", b"\r", b""]),
    ).map(b"".join),
    max_size=12,
).map(b"".join)


@settings(max_examples=300, deadline=None)
@given(
    data=st.one_of(st.binary(max_size=3000), _reply_like),
    limits=st.sampled_from([(smtp.MAX_LINE, smtp.MAX_LINES, smtp.MAX_REPLY), (40, 4, 120)]),
)
def test_random_bytes_give_a_reply_or_a_clear_failure(
    data: bytes, limits: tuple[int, int, int]
) -> None:
    ours, theirs = socket.socketpair()
    client = SmtpClient(SmtpSettings("mail.example.com", timeout=5))
    client._sock = ours
    client.max_line, client.max_lines, client.max_reply = limits
    try:
        theirs.sendall(data)
        theirs.shutdown(socket.SHUT_WR)  # then the end of the stream: nothing waits
        for _ in range(len(data) + 2):
            try:
                reply = client.reply()
            except SmtpFailure as exc:
                assert exc.stage in ("connection", "timeout") or exc.kind == "protocol"
                assert not has_unsafe(exc.message)
                assert client._sock is None
                break
            assert 200 <= reply.code <= 599
            assert all(not has_unsafe(line) for line in reply.text.split("\n"))
            assert len(reply.text) <= 4 * client.max_reply
        else:
            pytest.fail("the reader neither ended nor failed")
        for ln in client.transcript.lines:
            assert not has_unsafe(ln.text)
    finally:
        client.close()
        theirs.close()


# --------------------------------------------------------------------------- the CLI


def run_cli(server: HostileSmtp, tmp_path: Path, to: str, *extra: str) -> tuple[int, str, str]:
    transcript = tmp_path / "transcript.txt"
    env = {**os.environ, "HOME": str(tmp_path), "XDG_CONFIG_HOME": str(tmp_path / "config")}
    env.pop("DISPLAY", None)
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "wizard.main",
            "test-send",
            f"127.0.0.1:{server.port}",
            "--user",
            "u",
            "--to",
            to,
            "--security",
            "none",
            "--password-stdin",
            "--smtp-timeout",
            "5",
            "--transcript",
            str(transcript),
            *extra,
        ],
        input="hunter2-secret\n",
        capture_output=True,
        text=True,
        encoding="utf-8",
        errors="surrogateescape",
        env=env,
        timeout=60,
        check=False,
    )
    return done.returncode, done.stdout, done.stderr


def escape_laden_script(server: HostileSmtp, conn: socket.socket, reader: BinaryIO) -> None:
    esc = ESCAPES.encode()
    conn.sendall(b"220 hostile.test " + esc + b"\r\n")
    while True:
        verb = server.command(reader).split(b" ")[0].strip().upper()
        if verb == b"EHLO":
            conn.sendall(b"250-hostile.test " + esc + b"\r\n250 AUTH CRAM-MD5\r\n")
        elif verb == b"AUTH":
            conn.sendall(b"334 PDEyMzQ1QGhvc3RpbGUudGVzdD4=\r\n")
            server.command(reader)
            conn.sendall(b"235 2.7.0 " + esc + b"\r\n")
        elif verb == b"MAIL":
            conn.sendall(b"250 2.1.0 ok " + esc + b"\r\n")
        elif verb == b"RCPT":
            conn.sendall(b"550 5.1.1 \x1b[2J\x1b[H\rUser unknown\x1b]0;pwned\x07\r\n")
        else:
            conn.sendall(b"221 bye\r\n")
            return


def test_cli_shows_and_saves_server_text_escaped(
    hostile: Callable[[Script], HostileSmtp], tmp_path: Path
) -> None:
    server = hostile(escape_laden_script)
    code, out, err = run_cli(server, tmp_path, "x@example.net")
    assert code == 1, err
    saved = (tmp_path / "transcript.txt").read_text(encoding="utf-8", errors="surrogateescape")
    for text in (out, err, saved):
        for ch in RAW_CONTROL:
            assert ch not in text
    assert "Traceback" not in err
    assert "\\x1b]0;pwned\\x07" in saved
    assert "550 5.1.1 \\x1b[2J\\x1b[H\\x0dUser unknown" in out
    errors = [ln for ln in err.splitlines() if ln.startswith("relay-wizard:")]
    assert errors == ["relay-wizard: the test message was not accepted: "
                      "The server refused the recipient address."]  # fmt: skip


def test_cli_survives_a_16_mib_banner(
    hostile: Callable[[Script], HostileSmtp], tmp_path: Path
) -> None:
    def script(_server: HostileSmtp, conn: socket.socket, _reader: BinaryIO) -> None:
        conn.sendall(b"220 \x1b[2J" + b"B" * BIG + b"\r\n")

    server = hostile(script)
    code, out, err = run_cli(server, tmp_path, "x@example.net")
    assert code == 1, err
    assert "Traceback" not in err
    saved = (tmp_path / "transcript.txt").read_text(encoding="utf-8")
    assert "more than 8192 bytes without an end of line" in saved
    assert len(saved) < 4 * smtp.MAX_LINE
    for text in (out, err, saved):
        assert "\x1b" not in text
    assert len([ln for ln in err.splitlines() if ln.startswith("relay-wizard:")]) == 1


def test_cli_refuses_a_recipient_with_a_line_break_before_connecting(
    hostile: Callable[[Script], HostileSmtp], tmp_path: Path
) -> None:
    server = hostile(escape_laden_script)
    code, _out, err = run_cli(server, tmp_path, "x@example.net\r\nRSET")
    assert code == 2
    lines = err.splitlines()
    assert len(lines) == 1
    assert lines[0].startswith("relay-wizard: 'x@example.net\\x0d\\x0aRSET' is not a usable")
    assert "\r" not in err
    assert server.connections == 0


@pytest.mark.parametrize(
    ("mech", "challenge", "why"),
    [
        ("CRAM-MD5", b"334 not base64!\r\n", "not valid base64"),
        ("DIGEST-MD5", b"334 " + base64.b64encode(b'realm="x",qop="auth"') + b"\r\n", "nonce"),
    ],
)
def test_cli_saves_the_transcript_of_a_malformed_auth_challenge(
    hostile: Callable[[Script], HostileSmtp],
    tmp_path: Path,
    mech: str,
    challenge: bytes,
    why: str,
) -> None:
    def script(server: HostileSmtp, conn: socket.socket, reader: BinaryIO) -> None:
        conn.sendall(b"220 hostile.test\r\n")
        server.command(reader)  # EHLO
        conn.sendall(b"250-hostile.test\r\n250 AUTH " + mech.encode() + b"\r\n")
        server.command(reader)  # AUTH
        conn.sendall(challenge)
        server.command(reader)  # whatever comes next, if anything

    server = hostile(script)
    code, _out, err = run_cli(server, tmp_path, "x@example.net", "--mech", mech)
    assert code == 1 and "Traceback" not in err
    errors = [ln for ln in err.splitlines() if ln.startswith("relay-wizard:")]
    assert len(errors) == 1 and why in errors[0], err
    saved = (tmp_path / "transcript.txt").read_text(encoding="utf-8")
    assert challenge.decode().strip() in saved and "hunter2-secret" not in saved
