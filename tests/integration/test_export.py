"""Exported client settings used by real mail programs (Debian's msmtp and mutt) against the
lab relay, and the PDF handout rendered and read back by poppler."""

from __future__ import annotations

import json
import os
import plistlib
import subprocess
import sys
import uuid
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from tests.integration.helpers import known_hosts_for, run_cli
from tests.integration.keyring_fixture import PrivateSecretService
from tests.integration.test_send import PASSWORD, prepare, send
from tests.lab.lab import LabServer
from wizard.core.relay import RelayOptions

SENDER = "staff@example.com"
RECIPIENT = "someone@example.net"
EXPORT_PDF = (sys.executable, "-m", "wizard", "export", "--format", "handout-pdf")


@pytest.fixture
def verified(
    fresh_server: LabServer,
    secret_service: PrivateSecretService,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> LabServer:
    """The classic relay with alice, a verified profile "office", her password in the keyring."""
    s = fresh_server
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    known = known_hosts_for(s, tmp_path / "known_hosts")
    prepare(s, known, RelayOptions("classic"))
    r = send(
        s, known, s.address, "--security", "none", "--remember", "--profile", "office", ssh=False
    )
    assert r.code == 0, r.out + r.err
    assert json.loads(r.out)["mechanism"] == "CRAM-MD5"
    return s


def exported(fmt: str, path: Path, *extra: str) -> Path:
    argv = ["export", "--format", fmt, "--profile-name", "office", "--user", "alice"]
    r = run_cli([*argv, "--email", SENDER, "-o", str(path), *extra])
    assert r.code == 0, r.err
    assert "warning" not in r.err, "the profile is verified"
    return path


def queued_with(server: LabServer, marker: str) -> bool:
    found = server.run(f"grep -l -F '{marker}' /var/spool/mqueue/* || true").stdout
    return bool(found.strip())


def test_msmtp_sends_with_the_exported_file_and_the_keyring_password(
    verified: LabServer, secret_service: PrivateSecretService, tmp_path: Path
) -> None:
    s = verified
    config = exported("msmtp", tmp_path / "msmtprc")
    text = config.read_text()
    assert f"host {s.address}\n" in text and "port 25\n" in text and "auth cram-md5\n" in text
    assert PASSWORD not in text and "\npassword" not in text
    message_id = f"<{uuid.uuid4().hex}@example.com>"
    message = (
        f"From: {SENDER}\nTo: {RECIPIENT}\nSubject: exported msmtp settings\n"
        f"Message-ID: {message_id}\n\nSent by msmtp with Relay Wizard's exported settings.\n"
    )
    sent = secret_service.run(
        ["msmtp", "-C", str(config), "-a", "default", RECIPIENT], input=message
    )
    assert sent.returncode == 0, sent.stdout + sent.stderr
    assert RECIPIENT in s.run("mailq 2>&1").stdout
    assert queued_with(s, message_id), "the message msmtp sent is not in the server's queue"
    log = s.run("cat /var/log/mail.log").stdout
    assert any(
        f"msgid={message_id}" in line and "proto=ESMTPA" in line for line in log.splitlines()
    )


def test_mutt_sends_with_the_exported_settings(
    verified: LabServer, secret_service: PrivateSecretService, tmp_path: Path
) -> None:
    s = verified
    muttrc = exported("mutt", tmp_path / "muttrc")
    assert f'set smtp_url="smtp://alice@{s.address}:25/"' in muttrc.read_text()
    assert "set ssl_starttls=no" in muttrc.read_text()
    home = tmp_path / "mutt-home"
    home.mkdir()
    subject = f"exported mutt settings {uuid.uuid4().hex}"
    body = tmp_path / "body.txt"
    body.write_text("Sent by mutt with Relay Wizard's exported settings.\n")
    with body.open() as stdin:
        sent = subprocess.run(
            [
                "mutt",
                "-n",
                "-F",
                str(muttrc),
                "-e",
                f'set smtp_pass="{PASSWORD}"',
                "-s",
                subject,
                RECIPIENT,
            ],
            stdin=stdin,
            env=secret_service.child_env({"HOME": str(home), "TERM": "dumb"}),
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
            start_new_session=True,
        )
    assert sent.returncode == 0, sent.stdout + sent.stderr
    assert queued_with(s, subject), "the message mutt sent is not in the server's queue"
    assert "authid=alice, mech=CRAM-MD5" in s.run("cat /var/log/mail.log").stdout


def test_thunderbird_and_apple_files_hold_the_verified_values(
    verified: LabServer, tmp_path: Path
) -> None:
    s = verified
    incoming = ("--incoming-host", "imap.example.com")
    root = ET.parse(exported("thunderbird", tmp_path / "config-v1.1.xml", *incoming)).getroot()
    out = root.find("emailProvider/outgoingServer")
    assert out is not None
    assert [out.findtext(t) for t in ("hostname", "port", "socketType", "authentication")] == [
        s.address,
        "25",
        "plain",
        "password-encrypted",
    ]
    path = exported("mobileconfig", tmp_path / "alice.mobileconfig", *incoming)
    mail = plistlib.loads(path.read_bytes())["PayloadContent"][0]
    assert mail["OutgoingMailServerHostName"] == s.address
    assert mail["OutgoingMailServerPortNumber"] == 25
    assert mail["OutgoingMailServerAuthentication"] == "EmailAuthCRAMMD5"
    assert mail["OutgoingMailServerUseSSL"] is False


def test_the_pdf_handout_renders_and_holds_the_values(verified: LabServer, tmp_path: Path) -> None:
    s = verified
    pdf = tmp_path / "alice.pdf"
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY")}
    made = subprocess.run(
        [*EXPORT_PDF, "--profile-name", "office", "--user", "alice", "-o", str(pdf)],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert made.returncode == 0, made.stderr
    assert pdf.read_bytes().startswith(b"%PDF")
    subprocess.run(["pdftoppm", "-png", "-r", "40", str(pdf), str(tmp_path / "page")], check=True)
    image = tmp_path / "page-1.png"
    assert image.read_bytes().startswith(b"\x89PNG"), "poppler rendered the page"
    text = subprocess.run(
        ["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    for value in (s.address, "25", "alice", "CRAM-MD5"):
        assert value in text, value
    assert PASSWORD not in text, "no password unless asked for"
