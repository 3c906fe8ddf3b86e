"""Credentials in a real Secret Service (gnome-keyring on a private D-Bus), and msmtp using them.

Every test gets its own bus and keyring daemon (``keyring_fixture.PrivateSecretService``);
this process's environment points at them while the test runs, and keyring's cached
backend is detected again, so ``keyring.get_keyring()`` is the real SecretService backend.
What is in the keyring is checked with real clients: keyring itself, secretstorage, and
libsecret's ``secret-tool``; the end-to-end test has Debian's msmtp find the password there
and send through a lab server made a relay by the project's own apply.
"""

from __future__ import annotations

import contextlib
import logging
import os
import subprocess
import sys
import time
import uuid
from pathlib import Path

import keyring
import keyring.backend
import keyring.core
import pytest
import secretstorage
from keyring.backends import SecretService, fail

from tests.conftest import reset_keyring as _reset_keyring
from tests.integration.keyring_fixture import PrivateSecretService
from tests.lab.lab import LabServer
from wizard.core.change.apply import apply_plan
from wizard.core.change.options import RelayOptions
from wizard.core.local.credentials import (
    CredentialStore,
    KeyringLocked,
    KeyringUnavailable,
    smtp_service,
    ssh_service,
    sudo_service,
)
from wizard.core.local.profiles import ProfileStore, ServerProfile
from wizard.core.mta.sendmail import users
from wizard.core.remote.hostkeys import KnownHosts
from wizard.core.remote.login import Credentials
from wizard.core.remote.session import SshSession
from wizard.core.target import Target

REPO = Path(__file__).resolve().parent.parent.parent
HOST = "mail.example.com"


def secret_tool(service: PrivateSecretService, *args: str) -> subprocess.CompletedProcess[str]:
    return service.run(["secret-tool", *args])


def msmtp_lookup(service: PrivateSecretService, host: str, user: str) -> str | None:
    """What msmtp would find: libsecret's lookup under host, service=smtp, user."""
    found = secret_tool(service, "lookup", "host", host, "service", "smtp", "user", user)
    return found.stdout if found.returncode == 0 else None


def items() -> list[tuple[str, dict[str, str]]]:
    """(label, attributes) of every item in the default collection."""
    with contextlib.closing(secretstorage.dbus_init()) as connection:
        collection = secretstorage.get_default_collection(connection)
        return sorted((i.get_label(), i.get_attributes()) for i in collection.get_all_items())


def lock_collection() -> None:
    with contextlib.closing(secretstorage.dbus_init()) as connection:
        collection = secretstorage.get_default_collection(connection)
        collection.lock()
        assert collection.is_locked()


def files_containing(root: Path, needle: str) -> list[Path]:
    data = needle.encode()
    return [p for p in root.rglob("*") if p.is_file() and data in p.read_bytes()]


# --------------------------------------------------------------------------- the backend


def test_backend_is_the_real_secret_service(secret_service: PrivateSecretService) -> None:
    assert isinstance(keyring.get_keyring(), SecretService.Keyring)
    store = CredentialStore()
    assert isinstance(store.backend(), SecretService.Keyring)
    assert "Secret Service" in store.location()
    store.check()
    # a password keyring saves is really there for another Secret Service client
    keyring.set_password("probe", "someone", "probe-pw")
    assert secret_tool(
        secret_service, "lookup", "service", "probe", "username", "someone"
    ).stdout == ("probe-pw")


# --------------------------------------------------------------------------- SASL passwords


def test_sasl_password_stored_found_and_forgotten(
    secret_service: PrivateSecretService, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    store = CredentialStore()
    assert store.sasl_password(HOST, "alice") is None

    store.store_sasl_password("Mail.Example.COM", "alice", "First-Secret-1")
    assert store.sasl_password(HOST, "alice") == "First-Secret-1"
    # under the documented service name, for any keyring client ...
    assert smtp_service(HOST) == "relay-wizard:smtp:mail.example.com"
    assert keyring.get_password("relay-wizard:smtp:mail.example.com", "alice") == "First-Secret-1"
    # ... and as the item msmtp looks up, found by libsecret itself
    assert msmtp_lookup(secret_service, HOST, "alice") == "First-Secret-1"
    msmtp_items = [(label, a) for label, a in items() if a.get("service") == "smtp"]
    assert msmtp_items == [
        (
            "Relay Wizard: SMTP password for alice@mail.example.com",
            {"host": HOST, "service": "smtp", "user": "alice", "application": "relay-wizard"},
        )
    ]
    assert msmtp_lookup(secret_service, HOST, "bob") is None
    assert msmtp_lookup(secret_service, "other.example.com", "alice") is None

    # storing again replaces both forms: one item each, the new password
    store.store_sasl_password(HOST, "alice", "Second-Secret-2")
    assert store.sasl_password(HOST, "alice") == "Second-Secret-2"
    assert msmtp_lookup(secret_service, HOST, "alice") == "Second-Secret-2"
    assert len(items()) == 2

    assert store.forget_sasl_password(HOST, "alice") is True
    assert store.sasl_password(HOST, "alice") is None
    assert keyring.get_password(smtp_service(HOST), "alice") is None
    assert msmtp_lookup(secret_service, HOST, "alice") is None
    assert items() == []
    assert store.forget_sasl_password(HOST, "alice") is False

    assert "saved the SMTP password of alice" in caplog.text
    for secret in ("First-Secret-1", "Second-Secret-2"):
        assert secret not in caplog.text


def test_an_msmtp_password_saved_by_hand_is_found_and_replaced(
    secret_service: PrivateSecretService,
) -> None:
    made = secret_service.run(
        ["secret-tool", "store", "--label=msmtp", "host", HOST, "service", "smtp", "user", "carol"],
        input="Hand-Made-3",
    )
    assert made.returncode == 0, made.stderr
    store = CredentialStore()
    assert store.sasl_password(HOST, "carol") == "Hand-Made-3"

    store.store_sasl_password(HOST, "carol", "Wizard-Made-4")
    labels = [label for label, a in items() if a.get("service") == "smtp"]
    assert labels == ["Relay Wizard: SMTP password for carol@mail.example.com"]
    assert msmtp_lookup(secret_service, HOST, "carol") == "Wizard-Made-4"


def test_ipv6_hosts_are_named_with_brackets_and_found_by_msmtp_without(
    secret_service: PrivateSecretService,
) -> None:
    store = CredentialStore()
    store.store_sasl_password("2001:DB8::25", "dave", "V6-Secret-5")
    assert keyring.get_password("relay-wizard:smtp:[2001:db8::25]", "dave") == "V6-Secret-5"
    assert msmtp_lookup(secret_service, "2001:db8::25", "dave") == "V6-Secret-5"
    assert store.sasl_password("[2001:db8::25]", "dave") == "V6-Secret-5"


# --------------------------------------------------------------------------- SSH and sudo


def test_ssh_and_sudo_passwords_only_when_remembered(
    secret_service: PrivateSecretService,
) -> None:
    store = CredentialStore()
    store.store_sasl_password(HOST, "alice", "Sasl-Only-6")
    services = {a.get("service") for _label, a in items()}
    assert services == {"relay-wizard:smtp:mail.example.com", "smtp"}
    assert store.ssh_password(HOST, 2222, "admin") is None
    assert store.sudo_password(HOST, 2222, "admin") is None

    store.remember_ssh_password(HOST, 2222, "admin", "Ssh-Pw-7")
    store.remember_sudo_password(HOST, 2222, "admin", "Sudo-Pw-8")
    assert ssh_service(HOST, 2222) == "relay-wizard:ssh:mail.example.com:2222"
    assert keyring.get_password("relay-wizard:ssh:mail.example.com:2222", "admin") == "Ssh-Pw-7"
    assert sudo_service(HOST, 2222) == "relay-wizard:sudo:mail.example.com:2222"
    assert keyring.get_password("relay-wizard:sudo:mail.example.com:2222", "admin") == "Sudo-Pw-8"
    assert store.ssh_password(HOST, 2222, "admin") == "Ssh-Pw-7"
    assert store.ssh_password(HOST, 22, "admin") is None  # the port is part of the name
    assert store.sudo_password(HOST, 2222, "admin") == "Sudo-Pw-8"

    assert store.forget_ssh_password(HOST, 2222, "admin") is True
    assert store.forget_sudo_password(HOST, 2222, "admin") is True
    assert store.ssh_password(HOST, 2222, "admin") is None
    assert store.sudo_password(HOST, 2222, "admin") is None
    assert store.sasl_password(HOST, "alice") == "Sasl-Only-6"


def test_passwords_reach_the_disk_only_encrypted(secret_service: PrivateSecretService) -> None:
    store = CredentialStore()
    secret = f"On-Disk-{uuid.uuid4().hex}"
    store.store_sasl_password(HOST, "alice", secret)
    store.remember_sudo_password(HOST, 22, "admin", secret + "-sudo")
    keyrings = secret_service.data / "keyrings"
    deadline = time.monotonic() + 10
    while not any(p.suffix == ".keyring" for p in keyrings.glob("*")):
        assert time.monotonic() < deadline, "gnome-keyring wrote no keyring file"
        time.sleep(0.1)
    assert files_containing(secret_service.root, secret) == []
    assert files_containing(Path(secret_service.runtime), secret) == []


# --------------------------------------------------------------------------- failures


def test_a_locked_keyring_gives_a_typed_error_and_stores_nothing(
    secret_service: PrivateSecretService,
) -> None:
    store = CredentialStore(unlock_timeout=30)
    store.store_sasl_password(HOST, "alice", "Before-Lock-9")
    lock_collection()

    started = time.monotonic()
    with pytest.raises(KeyringLocked) as caught:
        store.store_sasl_password(HOST, "bob", "While-Locked-10")
    # no prompter on this bus: the unlock prompt fails at once instead of hanging
    assert time.monotonic() - started < 20
    assert "locked" in caught.value.message
    assert "Unlock your login keyring" in caught.value.fix
    assert "without saving" in caught.value.fix
    # a locked keyring is an error, never "no password saved"
    with pytest.raises(KeyringLocked):
        store.sasl_password(HOST, "alice")
    with pytest.raises(KeyringLocked):
        store.remember_ssh_password(HOST, 22, "admin", "While-Locked-11")
    with pytest.raises(KeyringLocked):
        store.check()
    assert msmtp_lookup(secret_service, HOST, "bob") is None

    # unlocked again (gnome-keyring restarted with the password): only what was there before
    secret_service.stop_keyring_daemon()
    secret_service.start_keyring_daemon()
    assert store.sasl_password(HOST, "alice") == "Before-Lock-9"
    assert store.sasl_password(HOST, "bob") is None
    assert store.ssh_password(HOST, 22, "admin") is None
    assert {a["user"] for _label, a in items() if "user" in a} == {"alice"}


def test_no_secret_service_on_the_bus_gives_a_typed_error(
    secret_service: PrivateSecretService,
) -> None:
    store = CredentialStore()
    assert isinstance(store.backend(), SecretService.Keyring)
    secret_service.stop_keyring_daemon()
    with pytest.raises(KeyringUnavailable) as caught:
        store.store_sasl_password(HOST, "alice", "No-Daemon-12")
    assert "D-Bus" in caught.value.message
    assert "without saving" in caught.value.fix
    with pytest.raises(KeyringUnavailable):
        store.sasl_password(HOST, "alice")
    assert files_containing(secret_service.root, "No-Daemon-12") == []


def test_no_dbus_gives_a_typed_error_and_writes_nothing(
    secret_service: PrivateSecretService, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    secret = f"No-Bus-{uuid.uuid4().hex}"
    # in this process: the backend chosen earlier, and the bus address gone
    monkeypatch.delenv("DBUS_SESSION_BUS_ADDRESS")
    store = CredentialStore()
    with pytest.raises(KeyringUnavailable) as caught:
        store.store_sasl_password(HOST, "alice", secret)
    assert "DBUS_SESSION_BUS_ADDRESS is unset" in caught.value.message
    assert "without saving" in caught.value.fix
    # keyring detecting afresh without a bus: its fail backend, refused the same way
    _reset_keyring()
    assert isinstance(keyring.get_keyring(), fail.Keyring)
    with pytest.raises(KeyringUnavailable):
        CredentialStore().store_sasl_password(HOST, "alice", secret)

    # a fresh program, as the wizard starts on a machine without a session bus
    home = tmp_path / "nobus"
    env = {k: v for k, v in secret_service.child_env().items() if k != "DBUS_SESSION_BUS_ADDRESS"}
    env.update(
        HOME=str(home),
        XDG_DATA_HOME=str(home / "data"),
        XDG_CONFIG_HOME=str(home / "config"),
        XDG_CACHE_HOME=str(home / "cache"),
        PYTHONDONTWRITEBYTECODE="1",
    )
    home.mkdir()
    program = (
        "import sys\n"
        "from wizard.core.local.credentials import CredentialStore, CredentialStoreError\n"
        "try:\n"
        "    CredentialStore().store_sasl_password('mail.example.com', 'alice', sys.stdin.read())\n"
        "except CredentialStoreError as exc:\n"
        "    print(type(exc).__name__)\n"
        "    print(exc.message)\n"
        "else:\n"
        "    print('stored')\n"
    )
    run = subprocess.run(
        [sys.executable, "-c", program],
        input=secret,
        env=env,
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert run.returncode == 0, run.stderr
    kind, message = run.stdout.splitlines()[:2]
    assert kind == "KeyringUnavailable"
    assert "No keyring is available" in message
    assert list(home.rglob("*")) == [], "nothing may be written, not even a config file"
    assert files_containing(tmp_path, secret) == []


def test_refused_backends_configured_by_the_admin(
    secret_service: PrivateSecretService, tmp_path: Path
) -> None:
    """keyring's own configuration cannot switch the wizard to a non-keyring."""
    config = secret_service.config / "python_keyring"
    config.mkdir(parents=True)
    (config / "keyringrc.cfg").write_text(
        "[backend]\ndefault-keyring=keyring.backends.null.Keyring\n"
    )
    _reset_keyring()
    with pytest.raises(KeyringUnavailable) as caught:
        CredentialStore().store_sasl_password(HOST, "alice", "Null-Backend-13")
    assert "switched off" in caught.value.message
    (config / "keyringrc.cfg").unlink()
    _reset_keyring()
    assert isinstance(CredentialStore().backend(), SecretService.Keyring)


# --------------------------------------------------------------------------- profiles


def test_deleting_a_profile_deletes_its_secrets(
    secret_service: PrivateSecretService, tmp_path: Path
) -> None:
    store = CredentialStore()
    profiles = ProfileStore(secret_service.config / "relay-wizard" / "servers.json")
    office = profiles.save(ServerProfile("office", HOST, 22, "admin", smtp_user="alice"))
    branch = profiles.save(
        ServerProfile("branch", "branch.example.com", 22, "admin", smtp_user="alice")
    )
    for profile in (office, branch):
        store.store_sasl_password(profile.host, "alice", f"Sasl-{profile.name}")
        store.remember_ssh_password(profile.host, 22, "admin", f"Ssh-{profile.name}")
        store.remember_sudo_password(profile.host, 22, "admin", f"Sudo-{profile.name}")
    assert "Sasl-office" not in profiles.path.read_text()

    deleted = profiles.delete("office")
    assert deleted == office
    assert [p.name for p in profiles.load()] == ["branch"]
    assert store.sasl_password(HOST, "alice") is None
    assert msmtp_lookup(secret_service, HOST, "alice") is None
    assert store.ssh_password(HOST, 22, "admin") is None
    assert store.sudo_password(HOST, 22, "admin") is None
    # the other server's secrets stay
    assert store.sasl_password("branch.example.com", "alice") == "Sasl-branch"
    assert msmtp_lookup(secret_service, "branch.example.com", "alice") == "Sasl-branch"
    assert store.ssh_password("branch.example.com", 22, "admin") == "Ssh-branch"
    assert store.sudo_password("branch.example.com", 22, "admin") == "Sudo-branch"

    # with the keyring locked the profile is kept, and the error says so
    lock_collection()
    with pytest.raises(KeyringLocked) as caught:
        profiles.delete("branch")
    assert "'branch' was not deleted" in caught.value.message
    assert [p.name for p in profiles.load()] == ["branch"]
    assert profiles.delete("branch", forget_secrets=False).name == "branch"
    assert profiles.load() == []


# --------------------------------------------------------------------------- msmtp end to end

SENDER = "staff@example.com"
RECIPIENT = "someone@example.net"


def test_msmtp_sends_through_the_relay_with_the_password_from_the_keyring(
    fresh_server: LabServer, secret_service: PrivateSecretService, tmp_path: Path
) -> None:
    server = fresh_server
    password = "Msmtp-Keyring-14"
    known = tmp_path / "known_hosts"
    known.write_text(f"{server.address} {server.host_key_line}\n")
    with SshSession.connect(
        Target(server.address, 22, "root"),
        Credentials(key_file=server.root_key, use_agent=False),
        KnownHosts(known),
    ) as session:
        _plan, report = apply_plan(session, RelayOptions("classic"))
        assert report.journal_id and not report.nothing_to_do
        users.add_user(session, users.read_realm(session), "alice", password)

    config = tmp_path / "msmtprc"
    config.write_text(
        "defaults\n"
        f"logfile {tmp_path / 'msmtp.log'}\n"
        "account lab\n"
        f"host {server.address}\n"
        "port 25\n"
        f"from {SENDER}\n"
        "auth cram-md5\n"
        "user alice\n"
        "tls off\n"
    )
    config.chmod(0o600)
    assert "password" not in config.read_text()
    message_id = f"<{uuid.uuid4().hex}@example.com>"
    message = (
        f"From: {SENDER}\nTo: {RECIPIENT}\nSubject: msmtp with the keyring\n"
        f"Message-ID: {message_id}\n\nSent by msmtp, password from the Secret Service.\n"
    )
    command = ["msmtp", "-C", str(config), "-a", "lab", RECIPIENT]

    # nothing in the keyring yet: msmtp has no password and cannot send
    before = secret_service.run(command, input=message)
    assert before.returncode != 0, before.stdout + before.stderr
    assert "CRAM-MD5 needs a password" in before.stderr

    CredentialStore().store_sasl_password(server.address, "alice", password)
    sent = secret_service.run(command, input=message)
    assert sent.returncode == 0, sent.stdout + sent.stderr + (tmp_path / "msmtp.log").read_text()

    assert RECIPIENT in server.run("mailq 2>&1").stdout
    queued = server.run(f"grep -l -F '{message_id}' /var/spool/mqueue/* || true").stdout
    assert queued.strip(), "the message msmtp sent is not in the server's queue"
    # sendmail logged the login and the message as received after AUTH (ESMTPA)
    log = server.run("cat /var/log/mail.log").stdout
    assert "authid=alice, mech=CRAM-MD5" in log
    assert any(
        f"msgid={message_id}" in line and "proto=ESMTPA" in line for line in log.splitlines()
    )
    assert os.environ.get("DBUS_SESSION_BUS_ADDRESS") == secret_service.address


def test_cli_remembers_ssh_and_sudo_passwords_only_when_asked(
    secret_service: PrivateSecretService,
    lab_server: LabServer,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import io

    from wizard.cli.console import Console
    from wizard.cli.main import main

    s = lab_server
    known = tmp_path / "known_hosts"
    known.write_text(f"{s.address} {s.host_key_line}\n")
    base = ["inspect", f"admin@{s.address}", "--known-hosts", str(known), "--no-agent", "--json"]

    def run(*extra: str) -> tuple[int, str]:
        err = io.StringIO()
        code = main(
            [*base, *extra], console=Console(stdin=io.StringIO(), stderr=err), out=io.StringIO()
        )
        return code, err.getvalue()

    store = CredentialStore()
    monkeypatch.setenv("RELAY_WIZARD_SSH_PASSWORD", s.admin_password)
    assert run()[0] == 0
    assert store.ssh_password(s.address, 22, "admin") is None, "not remembered unless asked"
    code, err = run("--remember-ssh")
    assert code == 0, err
    assert store.ssh_password(s.address, 22, "admin") == s.admin_password
    # Later, with no password given anywhere, the remembered one logs in (and serves sudo).
    monkeypatch.delenv("RELAY_WIZARD_SSH_PASSWORD")
    code, err = run()
    assert code == 0, err
