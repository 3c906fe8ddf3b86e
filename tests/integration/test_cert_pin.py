"""The certificate checked over SSH, on the real lab: after the modern apply, a test send
with SSH trusts Debian's self-signed certificate without any pin because it is the one
sendmail uses; a certificate that is not the one on the server is refused."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

import pytest

from tests.integration.helpers import known_hosts_for, session_for
from tests.integration.test_send import prepare, send, server_cert_sha256
from wizard.core.change.options import RelayOptions
from wizard.core.mail.certs import read_server_cert
from wizard.core.mta.sendmail.inspection import inspect_server

if TYPE_CHECKING:
    from pathlib import Path

    from tests.lab.lab import LabServer


@pytest.fixture
def known(tmp_path: Path, fresh_server: LabServer) -> Path:
    return known_hosts_for(fresh_server, tmp_path / "known_hosts")


def test_modern_apply_then_a_test_send_needs_no_pin(fresh_server: LabServer, known: Path) -> None:
    s = fresh_server
    stock = server_cert_sha256(s)
    with session_for(s, known) as session:
        # before the apply: the stock certificate the modern set-up will use
        before = inspect_server(session, s.address).tls
        assert before.cert_sha256 == stock and before.cert_self_signed
        assert before.cert_names == ("mail.lab.test",) and before.cert_file == ""
    prepare(s, known, RelayOptions("modern"))
    with session_for(s, known) as session:
        after = inspect_server(session, s.address).tls
        cert = read_server_cert(session)
    assert after.cert_file and after.cert_sha256 == stock
    assert cert is not None and cert.in_use and cert.sha256 == stock

    r = send(s, known, s.address, "--mech", "PLAIN")  # STARTTLS on 587, SSH, no pin
    assert r.code == 0, r.out + r.err
    j = json.loads(r.out)
    assert j["tls"] is True and j["cert_checked_over_ssh"] is True
    assert j["server_cert"]["self_signed"] is True and j["cert_sha256"] == stock
    assert j["fate"]["state"] in ("queued", "deferred"), j["fate"]

    # Without SSH, nothing says the certificate is the server's: refused as before.
    r = send(s, known, s.address, "--mech", "PLAIN", ssh=False)
    assert r.code == 1
    assert json.loads(r.out)["diagnosis"]["stage"] == "TLS (untrusted certificate)"


def test_a_certificate_that_is_not_the_servers_is_refused(
    fresh_server: LabServer, known: Path
) -> None:
    s = fresh_server
    prepare(s, known, RelayOptions("modern"))
    presented = server_cert_sha256(s)
    # The file changes under the running daemon, which keeps presenting the one it loaded:
    # what SSH reads is no longer what the client is shown (as with an interceptor).
    s.run(
        "openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj /CN=other.example "
        "-keyout /tmp/other.key -out /etc/mail/tls/sendmail-server.crt 2>/dev/null"
    )
    assert server_cert_sha256(s) != presented
    r = send(s, known, s.address, "--mech", "PLAIN")
    assert r.code == 1, r.out
    j = json.loads(r.out)
    assert j["diagnosis"]["stage"] == "TLS (not the server's certificate)"
    assert "intercept" in j["diagnosis"]["cause"] and presented in j["diagnosis"]["cause"]
    assert not any(
        str(line["text"]).startswith("AUTH") for line in j["transcript"] if line["direction"] == "C"
    )
