"""The verification's parked SMTP connection: reused only while the server is silent.

Pure socket logic on a local socket pair (the lab's end-to-end reuse is in
tests/integration/test_apply.py).
"""

from __future__ import annotations

import socket
from collections.abc import Iterator

import pytest

from wizard.core.mail import smtp
from wizard.core.mail.smtp import SmtpClient, SmtpSettings, Transcript

SETTINGS = SmtpSettings("mail.example.com", 25, "none")


@pytest.fixture
def pair() -> Iterator[tuple[SmtpClient, socket.socket]]:
    ours, theirs = socket.socketpair()
    client = SmtpClient(SETTINGS)
    client._sock = ours
    yield client, theirs
    client.close()
    theirs.close()
    smtp._parked.clear()


def test_a_silent_connection_is_reused_once(pair: tuple[SmtpClient, socket.socket]) -> None:
    client, _theirs = pair
    smtp.park(client)
    transcript = Transcript()
    assert smtp._unpark(SETTINGS, transcript) is client
    assert "reusing the connection" in transcript.render()
    assert smtp._unpark(SETTINGS, Transcript()) is None  # taken once


def test_a_connection_the_server_closed_is_not_reused(
    pair: tuple[SmtpClient, socket.socket],
) -> None:
    client, theirs = pair
    smtp.park(client)
    theirs.close()
    assert smtp._unpark(SETTINGS, Transcript()) is None
    assert client._sock is None  # closed, not left open


def test_a_connection_the_server_spoke_on_is_not_reused(
    pair: tuple[SmtpClient, socket.socket],
) -> None:
    client, theirs = pair
    smtp.park(client)
    theirs.sendall(b"421 4.4.2 mail.example.com timeout waiting for input\r\n")
    assert smtp._unpark(SETTINGS, Transcript()) is None


def test_other_settings_do_not_take_it(pair: tuple[SmtpClient, socket.socket]) -> None:
    client, _theirs = pair
    smtp.park(client)
    assert smtp._unpark(SmtpSettings("mail.example.com", 587, "none"), Transcript()) is None
    assert smtp._unpark(SETTINGS, Transcript()) is client
