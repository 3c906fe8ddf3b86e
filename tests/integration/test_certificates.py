"""A certificate staff's mail programs trust, against the real lab: the "internet" server
(certbot installed) and the lab's ACME server (pebble in the server's network namespace).

Done when (issue 16): with no certificate, ``apply --certificate obtain`` obtains one from
pebble, sendmail presents it, ``test-send`` verifies it against pebble's root (SSL_CERT_FILE,
no pin, no SSH read), a second plan has nothing to do, and rollback restores the .mc and
removes the hook and the copies; with a certbot certificate already there, the plan uses it
and ``certbot renew --force-renewal`` is followed by sendmail presenting the new one."""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.integration.helpers import Cli, cli_for, known_hosts_for, run_cli
from tests.lab import acme
from tests.lab.lab import LabServer
from wizard.core.guard.certificates import CRT, HOOK, KEY
from wizard.core.mail.smtp import SmtpClient, SmtpSettings
from wizard.core.mail.tls import normalize_fingerprint

FILES = "/etc/mail/sendmail.mc /etc/mail/sendmail.cf"
SNAPSHOT = f"cd / && sha256sum {FILES} && stat -c '%n %U %G %a' {FILES}"
PASSWORD = "Trusted-Cert-Pw-7"


@pytest.fixture
def pebble(internet_server: LabServer) -> Iterator[acme.AcmeServer]:
    server = acme.start(internet_server)
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture
def cli(
    internet_server: LabServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[Cli]:
    monkeypatch.delenv("SSH_AUTH_SOCK", raising=False)
    yield cli_for(internet_server, known_hosts_for(internet_server, tmp_path / "known_hosts"))


def trust_pebble(pebble: acme.AcmeServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """This computer trusts pebble's root, and nothing else (Python's ssl reads SSL_CERT_FILE)."""
    root = tmp_path / "pebble-root.pem"
    root.write_text(pebble.root_pem())
    monkeypatch.setenv("SSL_CERT_FILE", str(root))


def presented(server: LabServer, *, verify: bool) -> str:
    """The fingerprint of the certificate sendmail presents on port 587 after STARTTLS,
    verified by name against the trusted authorities when ``verify``."""
    settings = SmtpSettings(
        server.address, 587, "starttls", timeout=30, verify_cert=verify, tls_name=server.fqdn
    )
    with SmtpClient(settings) as client:
        client.open()
        return normalize_fingerprint(client.peer_cert_sha256)


def lineage_fingerprint(server: LabServer) -> str:
    out = server.run(
        f"openssl x509 -in /etc/letsencrypt/live/{server.fqdn}/cert.pem -outform DER | sha256sum"
    ).stdout
    return normalize_fingerprint(out.split()[0])


def certbot_obtain(server: LabServer) -> None:
    server.run(
        "certbot certonly --standalone --non-interactive --agree-tos "
        f"--register-unsafely-without-email --server {acme.DIRECTORY} -d {server.fqdn} "
        f"--cert-name {server.fqdn}",
        timeout=180,
    )


def test_obtained_certificate_is_presented_verified_by_name_and_rolled_back(
    internet_server: LabServer,
    pebble: acme.AcmeServer,
    cli: Cli,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    s = internet_server
    stock = s.run(SNAPSHOT).stdout
    stock_mc = s.run("cat /etc/mail/sendmail.mc").stdout
    trust_pebble(pebble, tmp_path, monkeypatch)
    wanted = ("--profile", "modern", "--certificate", "obtain", "--acme-server", acme.DIRECTORY)

    plan = cli("plan", *wanted)
    assert plan.code == 0, plan.out + plan.err
    assert "Obtain a certificate for " + s.fqdn in plan.out
    assert "no DontBlameSendmail" in plan.out

    r = cli("apply", *wanted, "--yes")
    assert r.code == 0, r.out + r.err
    key = s.run(f"stat -c '%U %a' {KEY} && stat -c '%a' {HOOK}").stdout.split()
    assert key == ["root", "600", "755"]
    assert "DontBlameSendmail" not in s.run("cat /etc/mail/sendmail.mc").stdout
    # sendmail presents certbot's certificate, which verifies by name against pebble's root
    assert presented(s, verify=True) == lineage_fingerprint(s)

    add = cli("users", "add", "alice", "--password-stdin", stdin=PASSWORD + "\n")
    assert add.code == 0, add.out + add.err
    # no SSH: neither the server's own certificate read over SSH nor a pin decides
    sent = run_cli(
        [
            "test-send",
            s.address,
            "--user",
            "alice",
            "--to",
            "someone@example.net",
            "--password-stdin",
            "--tls-name",
            s.fqdn,
            "--smtp-timeout",
            "30",
        ],
        PASSWORD + "\n",
    )
    assert sent.code == 0, sent.out + sent.err
    assert "verified: it is issued by an authority this computer trusts (no pin)" in sent.out
    # without the name, the same certificate is refused: the check is real
    plain = ["--user", "alice", "--to", "someone@example.net", "--password-stdin"]
    wrong = run_cli(["test-send", s.address, *plain, "--smtp-timeout", "30"], PASSWORD + "\n")
    assert wrong.code != 0

    again = json.loads(cli("plan", *wanted, "--json").out)
    assert again["nothing_to_do"] is True, again

    back = cli("rollback")
    assert back.code == 0, back.out + back.err
    assert "The certificate certbot obtained stays on the server" in back.out
    assert s.run(SNAPSHOT).stdout == stock
    assert s.run("cat /etc/mail/sendmail.mc").stdout == stock_mc
    left = s.run(f"ls {HOOK} {CRT} {KEY} 2>&1 || true").stdout
    assert left.count("No such file") == 3, left
    # the certificate itself stays with certbot
    assert (
        s.run(f"test -e /etc/letsencrypt/live/{s.fqdn}/fullchain.pem", check=False).returncode == 0
    )


def test_existing_certbot_certificate_is_used_and_a_renewal_reaches_sendmail(
    internet_server: LabServer,
    pebble: acme.AcmeServer,
    cli: Cli,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    s = internet_server
    certbot_obtain(s)
    trust_pebble(pebble, tmp_path, monkeypatch)
    for choice in ("certbot", "obtain"):
        wanted = ("--profile", "modern", "--certificate", choice, "--acme-server", acme.DIRECTORY)
        plan = json.loads(cli("plan", *wanted, "--json").out)
        titles = [step["title"] for step in plan["steps"]]
        assert not any("Obtain" in t for t in titles), titles
        assert any("Copy the certificate" in t for t in titles), titles
    r = cli("apply", "--profile", "modern", "--certificate", "certbot", "--yes")
    assert r.code == 0, r.out + r.err
    first = presented(s, verify=True)
    assert first == lineage_fingerprint(s)

    renew = s.run(
        "certbot renew --force-renewal --non-interactive --no-random-sleep-on-renew "
        f"--server {acme.DIRECTORY}",
        timeout=180,
    )
    assert "relay-wizard-sendmail" in renew.stdout + renew.stderr or renew.returncode == 0
    renewed = lineage_fingerprint(s)
    assert renewed != first
    deadline = time.monotonic() + 30
    now = presented(s, verify=True)
    while now != renewed and time.monotonic() < deadline:
        time.sleep(1)
        now = presented(s, verify=True)
    assert now == renewed, "sendmail must present the renewed certificate"
    assert s.run(f"stat -c '%U %a' {KEY}").stdout.split() == ["root", "600"]
    assert json.loads(cli("plan", "--profile", "modern", "--certificate", "certbot", "--json").out)[
        "nothing_to_do"
    ]


def test_certbot_failures_are_told_in_plain_words_and_change_nothing(
    internet_server: LabServer, cli: Cli
) -> None:
    """No ACME server answers (pebble not started): the dry run fails, the apply says why
    and changes nothing; a program on port 80 stops the plan before anything runs."""
    s = internet_server
    stock = s.run(SNAPSHOT).stdout
    wanted = ("--profile", "modern", "--certificate", "obtain", "--acme-server", acme.DIRECTORY)
    r = cli("apply", *wanted, "--yes")
    assert r.code != 0
    assert "certbot could not reach the certificate authority at " + acme.DIRECTORY in r.err
    assert s.run(SNAPSHOT).stdout == stock
    assert s.run(f"test -e {HOOK}", check=False).returncode != 0
    assert s.run("ls /var/lib/relay-wizard/journal 2>/dev/null | wc -l").stdout.strip() == "0"

    s.run("setsid python3 -m http.server 80 >/dev/null 2>&1 < /dev/null & sleep 1")
    plan = json.loads(cli("plan", *wanted, "--json").out)
    taken = [c for c in plan["checks"] if c["id"] == "port80_taken"]
    assert taken and "python3" in taken[0]["message"] and plan["steps"] == []
