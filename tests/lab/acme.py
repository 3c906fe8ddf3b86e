"""The lab's ACME server: Debian's ``pebble`` (a Let's Encrypt-style CA for tests) and
``pebble-challtestsrv`` (its DNS), run in one lab server's network namespace.

Nothing leaves the machine: pebble resolves every name through challtestsrv, which answers
with the lab server's own address, so an HTTP-01 challenge reaches the server's port 80
(certbot ``--standalone`` there) exactly as Let's Encrypt would reach a real server. The
server finds pebble at ``https://acme.lab.test:14000/dir`` (its ``/etc/hosts`` names
127.0.0.1, the shared loopback of the namespace); pebble's own HTTPS certificate is issued
by the lab's ACME TLS CA (:func:`tls_ca`), which the ``internet`` image trusts system-wide.

The CA that signs the certificates pebble issues is made anew each time pebble starts:
:meth:`AcmeServer.root_pem` fetches it from pebble's management port, for a test that
verifies the mail server's certificate (``SSL_CERT_FILE``), with no pin.
"""

from __future__ import annotations

import json
import os
import socket
import ssl
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from tests.lab.lab import LabServer

ACME_PORT = 14000
MANAGEMENT_PORT = 15000
DNS_PORT = 8053
DNS_MANAGEMENT_PORT = 8055
ACME_NAME = "acme.lab.test"
DIRECTORY = f"https://{ACME_NAME}:{ACME_PORT}/dir"


def _dir() -> Path:
    from tests.lab.lab import LAB_DIR

    path = LAB_DIR / "acme"
    path.mkdir(parents=True, exist_ok=True)
    path.chmod(0o700)
    return path


def _openssl(*args: str) -> None:
    subprocess.run(["openssl", *args], check=True, capture_output=True, timeout=60)


def tls_ca() -> str:
    """The PEM of the CA that signed pebble's own HTTPS certificate (made once)."""
    d = _dir()
    ca, ca_key = d / "tls-ca.pem", d / "tls-ca.key"
    cert, key = d / "tls.pem", d / "tls.key"
    if not (ca.exists() and cert.exists()):
        _openssl(
            "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes",
            "-keyout", str(ca_key), "-out", str(ca), "-days", "3650",
            "-subj", "/CN=Relay Wizard lab ACME TLS CA",
        )  # fmt: skip
        _openssl(
            "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes",
            "-keyout", str(key), "-out", str(cert), "-days", "3650",
            "-CA", str(ca), "-CAkey", str(ca_key),
            "-subj", f"/CN={ACME_NAME}",
            "-addext", f"subjectAltName=DNS:{ACME_NAME},DNS:localhost,IP:127.0.0.1",
        )  # fmt: skip
    return ca.read_text().strip()


@dataclass
class AcmeServer:
    """pebble and challtestsrv running for ``server``."""

    server: LabServer
    processes: list[subprocess.Popen[bytes]]
    directory: str = DIRECTORY

    def root_pem(self) -> str:
        """The root of the certificates this pebble issues (new at every start)."""
        ctx = ssl.create_default_context(cafile=str(_dir() / "tls-ca.pem"))
        with (
            socket.create_connection((self.server.address, MANAGEMENT_PORT), timeout=10) as raw,
            ctx.wrap_socket(raw, server_hostname=ACME_NAME) as tls,
        ):
            tls.sendall(f"GET /roots/0 HTTP/1.0\r\nHost: {ACME_NAME}\r\n\r\n".encode())
            data = b""
            while chunk := tls.recv(65536):
                data += chunk
        head, _, body = data.partition(b"\r\n\r\n")
        if b" 200 " not in head.split(b"\r\n")[0]:
            raise RuntimeError(f"pebble's root: {head[:200]!r}")
        return body.decode().strip() + "\n"

    def stop(self) -> None:
        for proc in self.processes:
            proc.kill()
            proc.wait(timeout=10)


def _wait(address: str, port: int, proc: subprocess.Popen[bytes], log: Path) -> None:
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"{log.name} ended: {log.read_text()[-2000:]}")
        try:
            with socket.create_connection((address, port), timeout=0.5):
                return
        except OSError:
            time.sleep(0.05)
    raise RuntimeError(f"{log.name} did not listen on {port}: {log.read_text()[-2000:]}")


def start(server: LabServer) -> AcmeServer:
    """Start pebble and challtestsrv in ``server``'s network namespace (they end with it)."""
    from tests.lab.lab import _netns, _server_dir

    tls_ca()
    d = _dir()
    work = _server_dir(server.name) / "acme"
    work.mkdir(parents=True, exist_ok=True)
    config = work / "pebble.json"
    config.write_text(
        json.dumps(
            {
                "pebble": {
                    "listenAddress": f"0.0.0.0:{ACME_PORT}",
                    "managementListenAddress": f"0.0.0.0:{MANAGEMENT_PORT}",
                    "certificate": str(d / "tls.pem"),
                    "privateKey": str(d / "tls.key"),
                    "httpPort": 80,
                    "tlsPort": 443,
                    "ocspResponderURL": "",
                    "externalAccountBindingRequired": False,
                }
            }
        )
    )
    netns = ["ip", "netns", "exec", _netns(server.name)]
    env = {
        **os.environ,
        "PEBBLE_VA_NOSLEEP": "1",  # validate at once, not after a random pause
        "PEBBLE_WFE_NONCEREJECT": "0",  # no random badNonce: the test asserts, not retries
    }
    processes: list[subprocess.Popen[bytes]] = []
    dns_log, acme_log = work / "challtestsrv.log", work / "pebble.log"
    with open(dns_log, "wb") as out:
        dns = subprocess.Popen(
            [
                *netns, "pebble-challtestsrv",
                "-defaultIPv4", server.address, "-defaultIPv6", "",
                "-dns01", f"127.0.0.1:{DNS_PORT}",
                "-http01", "", "-https01", "", "-tlsalpn01", "",
                "-management", f"0.0.0.0:{DNS_MANAGEMENT_PORT}",
            ],
            stdout=out, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, env=env,
            start_new_session=True,
        )  # fmt: skip
    processes.append(dns)
    try:
        _wait(server.address, DNS_MANAGEMENT_PORT, dns, dns_log)
    except BaseException:
        AcmeServer(server, processes).stop()
        raise
    with open(acme_log, "wb") as out:
        acme = subprocess.Popen(
            [*netns, "pebble", "-config", str(config), "-dnsserver", f"127.0.0.1:{DNS_PORT}"],
            stdout=out, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, env=env,
            start_new_session=True,
        )  # fmt: skip
    processes.append(acme)
    running = AcmeServer(server, processes)
    try:
        _wait(server.address, ACME_PORT, acme, acme_log)
        _wait(server.address, MANAGEMENT_PORT, acme, acme_log)
    except BaseException:
        running.stop()
        raise
    return running
