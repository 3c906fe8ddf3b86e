"""What the Test page needs from the core on a stock Debian Postfix server: the certificate
smtpd presents, read over SSH (a self-signed one is then checked without a pin), and a
failed test send diagnosed rather than failing the page."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from tests.integration.helpers import known_hosts_for, session_for
from wizard.core.mail.certs import read_server_cert
from wizard.core.mail.send import SendRequest, fetch_certificate
from wizard.core.mail.smtp import SmtpFailure, SmtpSettings
from wizard.core.services import CoreServices

if TYPE_CHECKING:
    from pathlib import Path

    from tests.lab.lab import LabServer


def test_the_certificate_postfix_presents_is_read_over_ssh(
    postfix_server: LabServer, tmp_path: Path
) -> None:
    s = postfix_server
    known = known_hosts_for(s, tmp_path / "known_hosts")
    with session_for(s, known) as session:
        cert = read_server_cert(session)
    assert cert is not None and cert.in_use
    assert cert.path == s.run("postconf -xh smtpd_tls_cert_file").stdout.strip()
    fingerprint = s.run(f"openssl x509 -noout -fingerprint -sha256 -in {cert.path}").stdout
    assert cert.self_signed and cert.sha256 == fingerprint.strip().split("=", 1)[1]
    presented = fetch_certificate(SmtpSettings(s.address, 25, "starttls"))
    assert presented and presented == cert.sha256


def test_a_failed_test_send_on_postfix_is_diagnosed(
    postfix_server: LabServer, tmp_path: Path
) -> None:
    # stock Postfix offers no login at all: the send fails, and the diagnosis says why
    s = postfix_server
    known = known_hosts_for(s, tmp_path / "known_hosts")
    services = CoreServices(known_hosts=known)
    with session_for(s, known) as session:
        cert = read_server_cert(session)
        r = SendRequest(
            SmtpSettings(s.address, 25, "starttls"),
            "alice",
            "Not-A-Password-1",
            f"alice@{s.fqdn}",
            "someone@example.net",
            server_cert=cert,
        )
        with pytest.raises(SmtpFailure) as failed:
            services.test_send(r, lambda _text: None)
        found = services.diagnose(failed.value, r, session)
    assert found.stage == "AUTH not offered", found
    assert "Relay Wizard" not in found.stage
