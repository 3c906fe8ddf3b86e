"""test-send against the real lab: each mechanism, the transcript, the message's fate, and
each failure stage the lab can produce for real, with its diagnosis."""

from __future__ import annotations

import base64
import io
import json
import socket
from pathlib import Path

import pytest

from tests.integration.helpers import (
    Run,
    known_hosts_for,
    run_cli,
    session_for,
    ssh_root_args,
)
from tests.integration.keyring_fixture import PrivateSecretService
from tests.integration.test_keyring import msmtp_lookup
from tests.lab.lab import LabServer
from wizard.cli.console import Console
from wizard.cli.main import main
from wizard.core.change.apply import apply_plan
from wizard.core.change.options import RelayOptions
from wizard.core.local.profiles import ProfileStore
from wizard.core.mail.diagnose import diagnose
from wizard.core.mail.smtp import SmtpClient, SmtpFailure, SmtpSettings
from wizard.core.mta.sendmail import users

PASSWORD = "Send-Test-Pw-7"
TO = "someone@example.net"


@pytest.fixture
def known(tmp_path: Path, fresh_server: LabServer) -> Path:
    return known_hosts_for(fresh_server, tmp_path / "known_hosts")


def prepare(server: LabServer, known: Path, options: RelayOptions | None, user: str = "alice"):  # type: ignore[no-untyped-def]
    with session_for(server, known) as session:
        if options is not None:
            apply_plan(session, options)
        users.add_user(session, users.read_realm(session), user, PASSWORD)


def send(
    server: LabServer,
    known: Path,
    *args: str,
    password: str = PASSWORD,
    ssh: bool = True,
    user: str = "alice",
) -> Run:
    argv = ["test-send", *args, "--user", user, "--to", TO, "--password-stdin", "--json"]
    if ssh:
        argv += ssh_root_args(server, known)
    return run_cli(argv, password + "\n")


def no_secrets(transcript: list[dict[str, object]], user: str = "alice") -> None:
    text = json.dumps(transcript)
    assert PASSWORD not in text
    payloads = [
        base64.b64encode(f"\0{user}\0{PASSWORD}".encode()).decode(),
        base64.b64encode(PASSWORD.encode()).decode(),
        base64.b64encode(user.encode()).decode(),
    ]
    assert not any(p in text for p in payloads)
    assert any(
        str(line["text"]).startswith("AUTH") for line in transcript if line["direction"] == "C"
    )


def server_cert_sha256(server: LabServer) -> str:
    out = server.run(
        "openssl x509 -noout -fingerprint -sha256 -in /etc/mail/tls/sendmail-server.crt"
    ).stdout
    return out.strip().split("=", 1)[1]


# --------------------------------------------------------------------------- success


def test_modern_plain_and_login_with_a_pinned_certificate(
    fresh_server: LabServer, known: Path, tmp_path: Path
) -> None:
    s = fresh_server
    prepare(s, known, RelayOptions("modern"))
    # Debian's certificate is self-signed: refused until pinned, with its fingerprint.
    r = send(s, known, f"{s.address}:587", "--mech", "PLAIN", ssh=False)
    assert r.code == 1
    j = json.loads(r.out)
    assert j["diagnosis"]["stage"] == "TLS (untrusted certificate)"
    fingerprint = server_cert_sha256(s)
    assert j["cert_sha256"] == fingerprint
    assert fingerprint in j["diagnosis"]["cause"]

    for mech in ("PLAIN", "LOGIN"):
        saved = tmp_path / f"{mech}.txt"
        r = send(
            s,
            known,
            s.address,
            "--mech",
            mech,
            "--pin-cert",
            fingerprint,
            "--transcript",
            str(saved),
        )
        assert r.code == 0, r.out + r.err
        j = json.loads(r.out)
        assert j["mechanism"] == mech and j["tls"] is True
        no_secrets(j["transcript"])
        assert PASSWORD not in saved.read_text() and "STARTTLS" in saved.read_text()
        assert j["fate"]["queue_id"] == j["queue_id"]
        assert j["fate"]["state"] in ("queued", "deferred"), j["fate"]
        assert j["queue_id"] in s.run("mailq").stdout


def test_classic_cram_and_digest(fresh_server: LabServer, known: Path) -> None:
    s = fresh_server
    prepare(s, known, RelayOptions("classic"))
    for mech in ("CRAM-MD5", "DIGEST-MD5"):
        r = send(s, known, s.address, "--security", "none", "--mech", mech)
        assert r.code == 0, r.out + r.err
        j = json.loads(r.out)
        assert j["mechanism"] == mech and j["tls"] is False
        no_secrets(j["transcript"])
        assert j["fate"]["state"] in ("queued", "deferred")
        assert any(j["queue_id"] in line for line in j["fate"]["log"])
    # Without --mech, the wizard picks a mechanism that keeps the password off the wire.
    r = send(s, known, s.address, "--security", "none", ssh=False)
    assert r.code == 0 and json.loads(r.out)["mechanism"] == "CRAM-MD5"


# --------------------------------------------------------------------------- failures


def test_connect_refused_on_a_stock_server(fresh_server: LabServer, known: Path) -> None:
    r = send(fresh_server, known, fresh_server.address, "--security", "none", ssh=False)
    assert r.code == 1
    j = json.loads(r.out)
    assert j["diagnosis"]["stage"] == "connect (refused)"
    assert "127.0.0.1" in j["diagnosis"]["cause"]
    assert "relay-wizard: the test message was not accepted" in r.err


def test_wrong_password(fresh_server: LabServer, known: Path) -> None:
    s = fresh_server
    prepare(s, known, RelayOptions("classic"))
    r = send(s, known, s.address, "--security", "none", "--mech", "CRAM-MD5", password="nope-wrong")
    assert r.code == 1
    j = json.loads(r.out)
    assert j["diagnosis"]["stage"] == "authentication failed (535)"
    assert j["diagnosis"]["reply"].startswith("535")
    assert "nope-wrong" not in r.out + r.err


def test_advertised_but_not_trusted_is_named_from_the_server_side(
    fresh_server: LabServer, known: Path
) -> None:
    s = fresh_server
    # Open port 25 by hand, as an admin half-way through the recipe would: no TRUST_AUTH_MECH.
    s.run(
        "cd /etc/mail && sed -i 's/Port=smtp, Addr=127.0.0.1/Port=smtp/' sendmail.mc && "
        "m4 sendmail.mc > sendmail.cf && kill -HUP $(head -1 /run/sendmail/mta/sendmail.pid) && "
        "for i in $(seq 50); do ss -ltn | grep -q '0.0.0.0:25 ' && break; sleep 0.1; done"
    )
    prepare(s, known, None)
    r = send(s, known, s.address, "--security", "none", "--mech", "CRAM-MD5")
    assert r.code == 1
    j = json.loads(r.out)
    assert j["diagnosis"]["stage"] == "relay denied (550 5.7.1)"
    assert any(
        "AUTH is advertised (DIGEST-MD5 CRAM-MD5) but not trusted: TRUST_AUTH_MECH is missing"
        in finding
        for finding in j["diagnosis"]["server"]
    ), j["diagnosis"]["server"]


def test_realm_mismatch_is_named_from_the_server_side(fresh_server: LabServer, known: Path) -> None:
    s = fresh_server
    with session_for(s, known) as session:
        apply_plan(session, RelayOptions("classic"))
    # The classic mistake: saslpasswd2 without -u puts the user in the short host name.
    s.run(f"printf '%s\\n' {PASSWORD} | saslpasswd2 -p -c -u wrong.realm bob")
    r = send(s, known, s.address, "--security", "none", "--mech", "CRAM-MD5", user="bob")
    assert r.code == 1
    j = json.loads(r.out)
    assert j["diagnosis"]["stage"] == "authentication failed (535)"
    assert any(
        f"The user bob exists in realm wrong.realm but sendmail uses realm {s.fqdn}" in finding
        for finding in j["diagnosis"]["server"]
    ), j["diagnosis"]["server"]


def test_talking_before_the_greeting_and_bare_lf(fresh_server: LabServer, known: Path) -> None:
    s = fresh_server
    prepare(s, known, RelayOptions("classic"))
    # A client that talks first meets sendmail's greet_pause.
    client = SmtpClient(SmtpSettings(s.address, 25, timeout=20))
    client._sock = socket.create_connection((s.address, 25), timeout=20)
    client._send_line("EHLO impatient.example")
    reply = client.reply()
    client.close()
    assert reply.code == 554
    d = diagnose(SmtpFailure("greeting", "refused", reply=reply), s.address, 25)
    assert d.stage == "greeting (554)" and "greeting" in d.cause

    # DATA with bare LF line endings.
    with SmtpClient(SmtpSettings(s.address, 25, timeout=20)) as c:
        c.open()
        assert c.login("alice", PASSWORD, "CRAM-MD5").code == 235
        assert c.mail("alice@example.com").code == 250
        assert c.rcpt(TO).code == 250
        assert c.command("DATA").code == 354
        assert c._sock is not None
        c._sock.sendall(b"Subject: bare\n\nline one\nline two\n.\r\n")
        reply = c.reply()
    assert reply.code == 421 and "Bare linefeed" in reply.text
    d = diagnose(SmtpFailure("data", "refused", reply=reply))
    assert d.stage == "DATA refused (bare LF)" and "CRLF" in d.cause


# --------------------------------------------------------------------------- keyring


def test_remembered_password_is_used_from_the_keyring_and_the_profile_is_saved(
    fresh_server: LabServer,
    known: Path,
    secret_service: PrivateSecretService,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    s = fresh_server
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    prepare(s, known, RelayOptions("classic"))
    first = send(
        s, known, s.address, "--security", "none", "--remember", "--profile", "office", ssh=False
    )
    assert first.code == 0, first.out + first.err
    notes = json.loads(first.out)["notes"]
    assert any("saved in" in note for note in notes), notes
    # msmtp's own lookup finds what the wizard saved.
    assert msmtp_lookup(secret_service, s.address, "alice") == PASSWORD

    # Now without any password given: the keyring supplies it.
    out, err = io.StringIO(), io.StringIO()
    argv = ["test-send", s.address, "--security", "none", "--user", "alice", "--to", TO, "--json"]
    code = main(argv, console=Console(stdin=io.StringIO(""), stderr=err), out=out)
    assert code == 0, out.getvalue() + err.getvalue()

    profile = ProfileStore().get("office")
    assert profile.host == s.address and profile.smtp_port == 25
    assert profile.mechanism == "CRAM-MD5" and profile.smtp_user == "alice"
    assert profile.verified
    saved = (tmp_path / "config" / "relay-wizard" / "servers.json").read_text()
    assert PASSWORD not in saved


def test_no_password_anywhere_is_a_usage_error(
    secret_service: PrivateSecretService, monkeypatch: pytest.MonkeyPatch
) -> None:
    out, err = io.StringIO(), io.StringIO()
    argv = ["test-send", "mail.example.com", "--user", "nobody", "--to", TO]
    code = main(argv, console=Console(stdin=io.StringIO(""), stderr=err), out=out)
    assert code == 2
    assert "none is saved in the keyring" in err.getvalue()
