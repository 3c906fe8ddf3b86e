"""`relay-wizard inspect --json` on a server ready for the internet (issue 16, Done-when 4):
a certbot certificate from the lab's ACME server (pebble), failed logins from the guesser
address and from the admin's, fail2ban running with a jail on the mail log.

Everything is real: the wizard's own classic apply opens port 25 with AUTH, certbot obtains
the certificate, sendmail writes the failures to the mail log, fail2ban reads it.
:func:`prepare` is also how ``tests/unit/core/mta/sendmail/data/guard-*.txt`` were captured.
"""

from __future__ import annotations

import base64
import datetime
import json
import smtplib
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.integration.helpers import cli_for, known_hosts_for, run_cli, ssh_root_args
from tests.lab import acme
from tests.lab.lab import LabServer

JAIL = """\
[sendmail-auth]
enabled = true
filter = sendmail-auth
backend = auto
logpath = /var/log/mail.log
banaction = nftables-multiport
port = smtp,submission
maxretry = 50
"""


def failed_logins(server: LabServer, source: str, count: int) -> None:
    """``count`` wrong CRAM-MD5 logins on one connection from ``source`` (one failure each)."""
    with smtplib.SMTP(server.address, 25, timeout=30, source_address=(source, 0)) as c:
        c.ehlo("guesser.lab.test")
        for _ in range(count):
            code, _challenge = c.docmd("AUTH", "CRAM-MD5")
            assert code == 334, code
            code, _reply = c.docmd(base64.b64encode(b"alice 0123456789abcdef").decode())
            assert code == 535, code


def prepare(server: LabServer, cli: object) -> acme.AcmeServer:
    """The server as the test inspects it; returns the running ACME server (stop it)."""
    r = cli("apply", "--profile", "classic", "--yes")  # type: ignore[operator]
    assert r.code == 0, r.out + r.err
    running = acme.start(server)
    try:
        server.run(
            "rm -rf /etc/letsencrypt/accounts && certbot certonly --standalone --non-interactive "
            f"--agree-tos --register-unsafely-without-email --server {acme.DIRECTORY} "
            f"-d {server.fqdn} --cert-name {server.fqdn}",
            timeout=120,
        )
        failed_logins(server, server.guesser_address, 3)
        failed_logins(server, server.client_address, 1)
        server.run(
            f"cat > /etc/fail2ban/jail.d/lab-sendmail.conf <<'EOF'\n{JAIL}EOF\n"
            "/etc/init.d/fail2ban start >/dev/null 2>&1; "
            "for i in $(seq 50); do fail2ban-client ping >/dev/null 2>&1 && break; sleep 0.2; done; "
            "fail2ban-client status sendmail-auth",
            timeout=60,
        )
    except BaseException:
        running.stop()
        raise
    return running


@pytest.fixture
def cli(
    internet_server: LabServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[object]:
    monkeypatch.delenv("SSH_AUTH_SOCK", raising=False)
    yield cli_for(internet_server, known_hosts_for(internet_server, tmp_path / "known_hosts"))


def test_inspect_shows_certificates_and_failed_logins(internet_server: LabServer, cli) -> None:  # type: ignore[no-untyped-def]
    s = internet_server
    running = prepare(s, cli)
    try:
        r = cli("inspect", "--json")
        assert r.code == 0, r.err
        j = json.loads(r.out)
        text = cli("inspect")
        assert text.code == 0, text.err
    finally:
        running.stop()

    certbot = [c for c in j["certificates"] if c["source"] == "certbot"]
    assert len(certbot) == 1, j["certificates"]
    cert = certbot[0]
    assert cert["lineage"] == s.fqdn
    assert cert["names"] == [s.fqdn]
    assert cert["path"] == f"/etc/letsencrypt/live/{s.fqdn}/fullchain.pem"
    assert cert["key_path"] == f"/etc/letsencrypt/live/{s.fqdn}/privkey.pem"
    assert cert["issuer"].startswith("Pebble Intermediate CA")
    assert cert["self_signed"] is False
    assert cert["covers"] is True
    assert cert["in_use"] is False  # sendmail still presents Debian's own
    expires = datetime.date.fromisoformat(cert["expires"])
    today = datetime.datetime.now(datetime.UTC).date()
    assert cert["days_left"] == (expires - today).days
    assert cert["days_left"] > 21
    # the classic profile leaves STARTTLS off: Debian's own certificate is there, unused
    stock = [c for c in j["certificates"] if c["source"] == "sendmail"]
    assert [(c["in_use"], c["self_signed"]) for c in stock] == [(False, True)]

    p = j["protection"]
    assert p["fail2ban"] == "running"
    assert p["jails"] == ["sendmail-auth"]
    assert p["wizard_jail"] is False
    assert p["firewall"] == "nftables"
    assert p["certbot"].startswith("2.")
    assert p["client_rate"] == "10" and p["client_conn"] == "10"
    assert p["bad_rcpt_throttle"] == "3"
    assert p["connection_rate_throttle"] == "15"
    f = p["failures"]
    assert f["log_path"] == "/var/log/mail.log"
    assert f["count"] == 4
    assert f["top_sources"] == [[s.guesser_address, 3], [s.client_address, 1]]
    assert f["since"][:10] == today.isoformat()

    ids = {x["id"]: x for x in j["findings"]}
    assert ids["auth_failures"]["level"] == "ok"  # fail2ban watches
    assert s.guesser_address in ids["auth_failures"]["message"] + ids["auth_failures"]["detail"]
    assert "guess_unprotected" not in ids
    assert ids["guess_protected"]["level"] == "ok"
    assert ids["cert_available"]["level"] == "ok"
    assert s.fqdn in ids["cert_available"]["message"]

    assert "Certificates" in text.out and "Protection" in text.out
    assert f"{s.fqdn} (certbot)" in text.out
    assert f"{s.guesser_address}: 3" in text.out


def test_audit_relay_names_the_certificate_presented_over_tls(
    internet_server: LabServer,
    cli,
    tmp_path: Path,  # type: ignore[no-untyped-def]
) -> None:
    s = internet_server
    r = cli("apply", "--profile", "modern", "--yes")
    assert r.code == 0, r.out + r.err
    known = known_hosts_for(s, tmp_path / "known_audit")
    args = ["audit-relay", f"{s.address}:587", *ssh_root_args(s, known)]
    j = json.loads(run_cli([*args, "--json"]).out)
    # what sendmail presents: Debian's own self-signed certificate, read over SSH too
    stock = s.run(
        "openssl x509 -in /etc/mail/tls/sendmail-server.crt -noout -enddate -subject"
    ).stdout
    cert = j["certificate"]
    assert cert is not None, j
    assert cert["self_signed"] is True and cert["issuer"] == "Sendmail"
    assert f"CN = {cert['names'][0]}" in stock or f"CN={cert['names'][0]}" in stock
    expires = datetime.datetime.strptime(
        stock.split("notAfter=")[1].split("\n")[0], "%b %d %H:%M:%S %Y %Z"
    ).date()
    assert cert["expires"] == expires.isoformat()
    today = datetime.datetime.now(datetime.UTC).date()
    assert cert["days_left"] == (expires - today).days
    text = run_cli(args)
    assert text.code == 0, text.out + text.err
    assert (
        f"The server presented a certificate from Sendmail for {cert['names'][0]}, valid until "
        f"{cert['expires']}." in text.out
    )
