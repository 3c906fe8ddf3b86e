"""Exported client settings used by real mail programs (Debian's msmtp and mutt) against the
lab relay, and the PDF handout rendered and read back by poppler.

Exports carry the server's name, never the address the wizard reached it by, so the files
name the lab server by its FQDN (such as ``mail-a.lab.test``). The name resolves only for the mail
program under test: it runs in a private mount namespace with a hosts file bound over
/etc/hosts (:func:`resolving`); the host's own /etc/hosts and resolver are never touched.
"""

from __future__ import annotations

import json
import os
import plistlib
import re
import socket
import stat
import subprocess
import sys
import uuid
import xml.etree.ElementTree as ET
from datetime import UTC, datetime
from pathlib import Path

import pytest

from tests.integration.helpers import known_hosts_for, run_cli
from tests.integration.keyring_fixture import PrivateSecretService
from tests.integration.test_send import PASSWORD, prepare, send
from tests.lab.lab import LabServer
from tests.stubs import NoSecrets
from wizard.core.change.options import RelayOptions
from wizard.core.exports.client_formats import mutt_value
from wizard.core.local.profiles import ProfileStore, ServerProfile

SENDER = "staff@example.com"
MAIL_DOMAIN = "example.com"
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


def exported(server: LabServer, fmt: str, path: Path, *extra: str) -> Path:
    """``fmt`` exported for alice from the verified profile (saved by the lab's address),
    with the server's name, as the admin gives it."""
    argv = ["export", "--format", fmt, "--profile-name", "office", "--user", "alice"]
    argv += ["--server-name", server.fqdn, "--domain", MAIL_DOMAIN]
    r = run_cli([*argv, "--email", SENDER, "-o", str(path), *extra])
    assert r.code == 0, r.err
    assert "warning" not in r.err, "the profile is verified"
    assert server.address not in path.read_text(errors="replace"), "no address in an export"
    return path


def resolving(server: LabServer, tmp_path: Path) -> list[str]:
    """A command prefix: the program runs in a private mount namespace in which a hosts file
    naming the lab server is bound over /etc/hosts, so ``server.fqdn`` resolves to its address
    through the ordinary resolver (getaddrinfo, nsswitch "files") for that program alone."""
    hosts = tmp_path / "hosts"
    hosts.write_text(f"{Path('/etc/hosts').read_text()}\n{server.address}\t{server.fqdn}\n")
    script = 'mount --bind "$0" /etc/hosts && exec "$@"'
    return ["unshare", "--mount", "--propagation", "private", "sh", "-c", script, str(hosts)]


def not_resolvable_here(name: str) -> bool:
    """True when ``name`` does not resolve outside the namespace (the host is untouched)."""
    try:
        socket.getaddrinfo(name, 25)
    except socket.gaierror:
        return True
    return False


def queued_with(server: LabServer, marker: str) -> bool:
    found = server.run(f"grep -l -F '{marker}' /var/spool/mqueue/* || true").stdout
    return bool(found.strip())


def test_msmtp_sends_with_the_exported_file_and_the_keyring_password(
    verified: LabServer, secret_service: PrivateSecretService, tmp_path: Path
) -> None:
    s = verified
    config = exported(s, "msmtp", tmp_path / "msmtprc")
    text = config.read_text()
    assert f"host {s.fqdn}\n" in text and "port 25\n" in text and "auth cram-md5\n" in text
    assert PASSWORD not in text and "\npassword" not in text
    # msmtp looks the password up under the host it is given, the server's name: staff put
    # it there as the file's own comment says (the wizard's item is under the address).
    store = re.search(r"^# put it there: (secret-tool store .*)$", text, re.MULTILINE)
    assert store is not None, text
    argv = store.group(1).split()
    assert argv[argv.index("host") + 1] == s.fqdn
    stored = secret_service.run(argv, input=PASSWORD)
    assert stored.returncode == 0, stored.stderr
    message_id = f"<{uuid.uuid4().hex}@example.com>"
    message = (
        f"From: {SENDER}\nTo: {RECIPIENT}\nSubject: exported msmtp settings\n"
        f"Message-ID: {message_id}\n\nSent by msmtp with Relay Wizard's exported settings.\n"
    )
    hosts_before = Path("/etc/hosts").read_bytes()
    assert not_resolvable_here(s.fqdn), "the name resolves only inside the namespace"
    sent = secret_service.run(
        [*resolving(s, tmp_path), "msmtp", "-C", str(config), "-a", "default", RECIPIENT],
        input=message,
    )
    assert sent.returncode == 0, sent.stdout + sent.stderr
    assert Path("/etc/hosts").read_bytes() == hosts_before, "the host's /etc/hosts untouched"
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
    muttrc = exported(s, "mutt", tmp_path / "muttrc")
    assert f"set smtp_url='smtp://alice@{s.fqdn}:25/'" in muttrc.read_text()
    assert "set ssl_starttls=no" in muttrc.read_text()
    home = tmp_path / "mutt-home"
    home.mkdir()
    subject = f"exported mutt settings {uuid.uuid4().hex}"
    body = tmp_path / "body.txt"
    body.write_text("Sent by mutt with Relay Wizard's exported settings.\n")
    with body.open() as stdin:
        sent = subprocess.run(
            [
                *resolving(s, tmp_path),
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
    thunderbird = exported(s, "thunderbird", tmp_path / "config-v1.1.xml", *incoming)
    root = ET.parse(thunderbird).getroot()
    assert root.findtext("emailProvider/domain") == MAIL_DOMAIN
    out = root.find("emailProvider/outgoingServer")
    assert out is not None
    assert [out.findtext(t) for t in ("hostname", "port", "socketType", "authentication")] == [
        s.fqdn,
        "25",
        "plain",
        "password-encrypted",
    ]
    path = exported(s, "mobileconfig", tmp_path / "alice.mobileconfig", *incoming)
    mail = plistlib.loads(path.read_bytes())["PayloadContent"][0]
    assert mail["OutgoingMailServerHostName"] == s.fqdn
    assert mail["OutgoingMailServerPortNumber"] == 25
    assert mail["OutgoingMailServerAuthentication"] == "EmailAuthCRAMMD5"
    assert mail["OutgoingMailServerUseSSL"] is False


def test_the_pdf_handout_renders_and_holds_the_values(verified: LabServer, tmp_path: Path) -> None:
    s = verified
    pdf = tmp_path / "alice.pdf"
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY")}
    made = subprocess.run(
        [
            *EXPORT_PDF,
            "--profile-name",
            "office",
            "--user",
            "alice",
            "--email",
            SENDER,
            "--server-name",
            s.fqdn,
            "--domain",
            MAIL_DOMAIN,
            "-o",
            str(pdf),
        ],
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
    for value in (s.fqdn, "25", "alice", "CRAM-MD5"):
        assert value in text, value
    assert s.address not in text, "the server by its name, never its address"
    assert PASSWORD not in text, "no password unless asked for"


# --------------------------------------------------------------------------- hostile values
# No lab needed: the real msmtp and mutt read files exported from awkward but accepted
# values, and the CLI refuses the rest (issue 12).

ODD_USER = "a.b+c_d-e"
ODD_EMAIL = "x!#&*+/=?^_{|}~-y@staff.example.org"


@pytest.fixture
def odd_profile(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A verified profile with awkward but valid values; XDG_CONFIG_HOME for the CLI."""
    config = tmp_path / "config"
    monkeypatch.setenv("XDG_CONFIG_HOME", str(config))
    store = ProfileStore(credentials=NoSecrets())
    for name, host in (("my.office_1-a", "Mail.Example.com"), ("v6", "fe80::1%eth0")):
        store.save(
            ServerProfile(
                name,
                host,
                smtp_port=587,
                security="starttls",
                mechanism="PLAIN",
                smtp_user=ODD_USER,
                pinned_cert_sha256=":".join(["0F"] * 32),
                verified_at=datetime(2024, 5, 1, tzinfo=UTC),
            )
        )
    return config


def _pretend(rc: Path, home: Path) -> dict[str, str]:
    """msmtp --pretend: the settings msmtp itself read from ``rc``, as a dict."""
    env = {"PATH": os.environ["PATH"], "HOME": str(home), "LC_ALL": "C"}
    shown = subprocess.run(
        ["msmtp", "-C", str(rc), "--pretend"],
        env=env,
        capture_output=True,
        text=True,
        timeout=30,
        check=False,
    )
    assert shown.returncode == 0, shown.stdout + shown.stderr
    settings = {}
    for line in shown.stdout.splitlines():
        key, sep, value = line.partition(" = ")
        if sep:
            settings[key] = value
    return settings


@pytest.mark.parametrize(
    ("profile", "name", "host"),
    [
        ("my.office_1-a", "", "mail.example.com"),
        # saved by a scoped IPv6 address: exported by the name the admin gives
        ("v6", "Mail-6.Staff-Example.ORG.", "mail-6.staff-example.org"),
    ],
)
def test_msmtp_reads_exactly_the_awkward_values_written(
    odd_profile: Path, tmp_path: Path, profile: str, name: str, host: str
) -> None:
    rc = tmp_path / "msmtprc"
    argv = ["export", "--format", "msmtp", "--profile-name", profile, "--user", ODD_USER]
    argv += ["--email", ODD_EMAIL, "-o", str(rc)]
    if name:
        refused = run_cli(argv)
        assert refused.code == 2 and "--server-name" in refused.err, refused.err
        assert not rc.exists(), "a server saved by its address is never exported by it"
        argv += ["--server-name", name]
    r = run_cli(argv)
    assert r.code == 0, r.err
    got = _pretend(rc, tmp_path)
    assert got["host"] == host and got["port"] == "587"
    assert got["from"] == ODD_EMAIL and got["user"] == ODD_USER
    assert got["auth"] == "PLAIN" and got["tls"] == "on" and got["tls_starttls"] == "on"
    assert got["tls_fingerprint"] == ":".join(["0F"] * 32)
    assert got["passwordeval"] == "(not set)" and got["password"] == "(not set)"
    assert got["logfile"] == "(not set)" and got["proxy host"] == "(not set)"


def test_msmtp_never_sees_an_injected_passwordeval(odd_profile: Path, tmp_path: Path) -> None:
    rc = tmp_path / "msmtprc"
    canary = tmp_path / "canary"
    for flag, value in (
        ("--domain", f"example.com\npasswordeval touch {canary}"),
        ("--email", f"a@example.com\npasswordeval touch {canary}"),
        ("--email", f'"a\npasswordeval touch {canary}"@example.com'),
    ):
        r = run_cli(
            [
                "export",
                "--format",
                "msmtp",
                "--profile-name",
                "my.office_1-a",
                "--user",
                ODD_USER,
                flag,
                value,
                "-o",
                str(rc),
            ]
        )
        assert r.code == 2 and r.err.count("\n") == 1, r.err
        assert not rc.exists(), "nothing written"
    assert not canary.exists()


def _mutt_query(muttrc: Path, home: Path, *variables: str) -> dict[str, str]:
    """mutt -Q: the variables as mutt itself read them from ``muttrc`` (nothing is sent)."""
    argv = ["mutt", "-n", "-F", str(muttrc)]
    for name in variables:
        argv += ["-Q", name]
    shown = subprocess.run(
        argv,
        env={"PATH": os.environ["PATH"], "HOME": str(home), "TERM": "dumb"},
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=30,
        check=False,
        start_new_session=True,
    )
    assert shown.returncode == 0, shown.stdout + shown.stderr
    values = {}
    for line in shown.stdout.splitlines():
        name, _, value = line.partition("=")
        values[name] = value.removeprefix('"').removesuffix('"')
    return values


def test_mutt_reads_exactly_the_awkward_values_written(odd_profile: Path, tmp_path: Path) -> None:
    muttrc = tmp_path / "muttrc"
    r = run_cli(
        [
            "export",
            "--format",
            "mutt",
            "--profile-name",
            "my.office_1-a",
            "--user",
            ODD_USER,
            "--email",
            ODD_EMAIL,
            "-o",
            str(muttrc),
        ]
    )
    assert r.code == 0, r.err
    got = _mutt_query(muttrc, tmp_path, "from", "smtp_url", "smtp_authenticators", "ssl_starttls")
    assert got == {
        "from": ODD_EMAIL,
        "smtp_url": "smtp://a.b%2Bc_d-e@mail.example.com:587/",
        "smtp_authenticators": "plain",
        "ssl_starttls": "yes",
    }


def test_mutt_runs_nothing_from_a_quoted_value(odd_profile: Path, tmp_path: Path) -> None:
    """The export's quoting, read by the real mutt: a backtick command stays text."""
    canary = tmp_path / "canary"
    line = f"set realname={mutt_value(f'`touch {canary}`;$HOME|x')}\n"
    muttrc = tmp_path / "muttrc"
    muttrc.write_text(line)
    assert _mutt_query(muttrc, tmp_path, "realname") == {"realname": f"`touch {canary}`;$HOME|x"}
    assert not canary.exists(), "mutt ran nothing"
    # The CLI refuses such an address outright: nothing written, nothing run.
    r = run_cli(
        [
            "export",
            "--format",
            "mutt",
            "--profile-name",
            "my.office_1-a",
            "--user",
            ODD_USER,
            "--email",
            f"`touch {canary}`@example.com",
            "-o",
            str(muttrc),
        ]
    )
    assert r.code == 2 and "not a usable e-mail address" in r.err
    assert muttrc.read_text() == line and not canary.exists()


@pytest.mark.parametrize("fmt", ["handout-html", "handout-pdf"])
def test_a_handout_with_the_password_is_0600_whatever_the_umask_and_old_mode(
    odd_profile: Path, tmp_path: Path, fmt: str
) -> None:
    """The real CLI, umask 000, over an old world-readable file."""
    output = tmp_path / f"alice.{fmt.split('-')[1]}"
    output.write_text("old")
    output.chmod(0o644)
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY")}
    env["XDG_CONFIG_HOME"] = str(odd_profile)
    argv = [sys.executable, "-m", "wizard", "export", "--format", fmt]
    argv += ["--profile-name", "my.office_1-a", "--user", ODD_USER, "--email", ODD_EMAIL]
    argv += ["--include-password", "--password-stdin", "-o", str(output)]
    made = subprocess.run(
        ["sh", "-c", 'umask 000 && exec "$@"', "sh", *argv],  # umask 000: the point
        input="Sekret-Pass-77\n",
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert made.returncode == 0, made.stderr
    assert stat.S_IMODE(output.stat().st_mode) == 0o600
    data = output.read_bytes()
    assert data.startswith(b"%PDF") if fmt == "handout-pdf" else b"Sekret-Pass-77" in data
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".")) == []
