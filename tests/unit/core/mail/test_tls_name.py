"""test-send's certificate check by name (SmtpSettings.tls_name): a certificate an authority
signed for the name staff use verifies when the client connects to an address, with no
pin; without the name it is refused as a mismatch. A loopback STARTTLS server, a CA made
with openssl for the test."""

from __future__ import annotations

import socket
import ssl
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.loopback import LoopbackServer
from wizard.core.mail.smtp import SmtpClient, SmtpFailure, SmtpSettings

NAME = "mail.example.org"


def _openssl(*args: str) -> None:
    subprocess.run(["openssl", *args], check=True, capture_output=True, timeout=60)


@pytest.fixture(scope="module")
def pki(tmp_path_factory: pytest.TempPathFactory) -> Path:
    d = tmp_path_factory.mktemp("pki")
    _openssl(
        "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes",
        "-keyout", str(d / "ca.key"), "-out", str(d / "ca.pem"), "-days", "2", "-subj", "/CN=Test CA",
    )  # fmt: skip
    _openssl(
        "req", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes",
        "-keyout", str(d / "leaf.key"), "-out", str(d / "leaf.csr"), "-subj", f"/CN={NAME}",
    )  # fmt: skip
    (d / "ext").write_text(f"subjectAltName=DNS:{NAME}\n")
    _openssl(
        "x509", "-req", "-in", str(d / "leaf.csr"), "-CA", str(d / "ca.pem"),
        "-CAkey", str(d / "ca.key"), "-CAcreateserial", "-out", str(d / "leaf.pem"),
        "-days", "2", "-extfile", str(d / "ext"),
    )  # fmt: skip
    return d


class StartTls(LoopbackServer):
    def __init__(self, pki: Path) -> None:
        self.ctx = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        self.ctx.load_cert_chain(str(pki / "leaf.pem"), str(pki / "leaf.key"))
        super().__init__()

    def handle(self, conn: socket.socket, number: int) -> None:
        conn.settimeout(10)
        try:
            conn.sendall(b"220 mail.example.org ESMTP\r\n")
            conn.recv(1024)  # EHLO
            conn.sendall(b"250-mail.example.org\r\n250 STARTTLS\r\n")
            conn.recv(1024)  # STARTTLS
            conn.sendall(b"220 2.0.0 Ready to start TLS\r\n")
            with self.ctx.wrap_socket(conn, server_side=True) as tls:
                tls.recv(1024)  # EHLO
                tls.sendall(b"250-mail.example.org\r\n250 AUTH PLAIN\r\n")
                tls.recv(1024)
        except (OSError, ssl.SSLError):
            pass


@pytest.fixture
def server(pki: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[StartTls]:
    monkeypatch.setenv("SSL_CERT_FILE", str(pki / "ca.pem"))
    srv = StartTls(pki)
    try:
        yield srv
    finally:
        srv.close()


def test_the_name_staff_use_verifies_an_authoritys_certificate_at_an_address(
    server: StartTls,
) -> None:
    settings = SmtpSettings("127.0.0.1", server.port, "starttls", timeout=10, tls_name=NAME)
    with SmtpClient(settings) as client:
        client.open()
        assert client.peer_cert_sha256


def test_without_the_name_the_address_does_not_match(server: StartTls) -> None:
    settings = SmtpSettings("127.0.0.1", server.port, "starttls", timeout=10)
    with pytest.raises(SmtpFailure) as failed, SmtpClient(settings) as client:
        client.open()
    # an address checked against a certificate for names: OpenSSL's IP address mismatch
    assert failed.value.stage == "tls" and "mismatch" in failed.value.message.lower()


def test_another_name_is_refused(server: StartTls) -> None:
    settings = SmtpSettings(
        "127.0.0.1", server.port, "starttls", timeout=10, tls_name="x.example.org"
    )
    with pytest.raises(SmtpFailure) as failed, SmtpClient(settings) as client:
        client.open()
    assert failed.value.kind == "mismatch"
