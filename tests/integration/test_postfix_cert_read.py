"""The certificate a stock Debian Postfix presents, read over SSH for the test send (the
GUI's Test page checks a self-signed one with it): the snakeoil certificate Postfix's
smtpd_tls_cert_file names, the same one its STARTTLS presents."""

from __future__ import annotations

from typing import TYPE_CHECKING

from tests.integration.helpers import known_hosts_for, session_for
from wizard.core.mail.certs import read_server_cert
from wizard.core.mail.send import fetch_certificate
from wizard.core.mail.smtp import SmtpSettings

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
