"""The pool of parked SMTP sessions: one is reused only while the server is silent.

Pure socket logic on a local socket pair (the lab's end-to-end reuse is in
tests/integration/test_apply.py).
"""

from __future__ import annotations

import gc
import socket
from collections.abc import Iterator

import pytest

from wizard.core.mail.pool import SmtpPool
from wizard.core.mail.smtp import SmtpClient, SmtpSettings
from wizard.core.mail.transcript import Transcript

SETTINGS = SmtpSettings("mail.example.com", 25, "none")


@pytest.fixture
def pair() -> Iterator[tuple[SmtpClient, socket.socket]]:
    ours, theirs = socket.socketpair()
    client = SmtpClient(SETTINGS)
    client._sock = ours
    yield client, theirs
    client.close()
    theirs.close()


def test_a_silent_connection_is_reused_once(pair: tuple[SmtpClient, socket.socket]) -> None:
    client, _theirs = pair
    pool = SmtpPool()
    pool.park(client)
    assert len(pool) == 1
    transcript = Transcript()
    assert pool.take(SETTINGS, transcript) is client
    assert client.transcript is transcript
    assert "reusing the connection" in transcript.render()
    assert pool.take(SETTINGS, Transcript()) is None  # taken once


def test_a_connection_the_server_closed_is_not_reused(
    pair: tuple[SmtpClient, socket.socket],
) -> None:
    client, theirs = pair
    pool = SmtpPool()
    pool.park(client)
    theirs.close()
    assert pool.take(SETTINGS, Transcript()) is None
    assert not client.connected  # closed, not left open


def test_a_connection_the_server_spoke_on_is_not_reused(
    pair: tuple[SmtpClient, socket.socket],
) -> None:
    client, theirs = pair
    pool = SmtpPool()
    pool.park(client)
    theirs.sendall(b"421 4.4.2 mail.example.com timeout waiting for input\r\n")
    assert pool.take(SETTINGS, Transcript()) is None


def test_other_settings_do_not_take_it(pair: tuple[SmtpClient, socket.socket]) -> None:
    client, _theirs = pair
    pool = SmtpPool()
    pool.park(client)
    assert pool.take(SmtpSettings("mail.example.com", 587, "none"), Transcript()) is None
    assert pool.take(SETTINGS, Transcript()) is client


def test_a_connection_parked_too_long_ago_is_ended(
    pair: tuple[SmtpClient, socket.socket],
) -> None:
    client, theirs = pair
    pool = SmtpPool(max_age=0.0)
    pool.park(client)
    theirs.sendall(b"221 2.0.0 closing connection\r\n")  # the reply to the QUIT it gets
    assert pool.take(SETTINGS, Transcript()) is None
    assert not client.connected
    assert theirs.recv(100) == b"QUIT\r\n"


def test_each_pool_holds_its_own_sessions(pair: tuple[SmtpClient, socket.socket]) -> None:
    """No module global: what one owner parks, another owner's pool does not hand out."""
    client, _theirs = pair
    ours, other = SmtpPool(), SmtpPool()
    ours.park(client)
    assert other.take(SETTINGS, Transcript()) is None
    assert ours.take(SETTINGS, Transcript()) is client


def test_closing_or_dropping_the_pool_ends_what_it_holds(
    pair: tuple[SmtpClient, socket.socket],
) -> None:
    client, theirs = pair
    theirs.sendall(b"221 2.0.0 closing connection\r\n")
    with SmtpPool() as pool:
        pool.park(client)
    assert not client.connected and len(pool) == 0
    assert theirs.recv(100) == b"QUIT\r\n"

    again, peer = socket.socketpair()
    second = SmtpClient(SETTINGS)
    second._sock = again
    peer.sendall(b"221 2.0.0 closing connection\r\n")
    dropped = SmtpPool()
    dropped.park(second)
    del dropped
    gc.collect()
    assert not second.connected
    assert peer.recv(100) == b"QUIT\r\n"
    peer.close()


def test_a_closed_client_is_not_parked() -> None:
    pool = SmtpPool()
    pool.park(SmtpClient(SETTINGS))
    assert len(pool) == 0
