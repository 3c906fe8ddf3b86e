"""The pure parts of wizard.core.local.credentials: names, input checks, refused backends.

The real Secret Service is exercised in tests/integration/test_keyring.py. The stand-in
backends here are plain objects, not keyring.backend.KeyringBackend subclasses: keyring
registers every subclass as a candidate for its own backend detection.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import keyring.errors
import pytest
from keyring.backends import fail, null

from tests import ROOT
from wizard.core.errors import UsageError
from wizard.core.local import credentials
from wizard.core.local.credentials import (
    CredentialStore,
    KeyringUnavailable,
    msmtp_attributes,
    smtp_service,
    ssh_service,
    sudo_service,
)

REPO = ROOT


class MemoryBackend:
    """A keyring stand-in that keeps passwords in a dict (priority 1: recommended)."""

    priority = 1.0
    name = "memory"

    def __init__(self) -> None:
        self.saved: dict[tuple[str, str], str] = {}
        self.calls: list[str] = []

    def get_password(self, service: str, username: str) -> str | None:
        self.calls.append(f"get {service} {username}")
        return self.saved.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.calls.append(f"set {service} {username}")
        self.saved[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        self.calls.append(f"delete {service} {username}")
        if self.saved.pop((service, username), None) is None:
            raise keyring.errors.PasswordDeleteError("not found")


class PlaintextKeyring(MemoryBackend):
    """Looks like keyrings.alt's file backend, and claims a high priority."""

    priority = 50.0


PlaintextKeyring.__module__ = "keyrings.alt.file"


class NotRecommended(MemoryBackend):
    priority = 0.5


class Broken(MemoryBackend):
    @property  # type: ignore[override]
    def priority(self) -> float:
        raise RuntimeError("the backend's service is gone")


# --------------------------------------------------------------------------- names


def test_documented_service_names() -> None:
    assert smtp_service("Mail.Example.COM") == "relay-wizard:smtp:mail.example.com"
    assert ssh_service("mail.example.com", 2222) == "relay-wizard:ssh:mail.example.com:2222"
    assert sudo_service("mail.example.com") == "relay-wizard:sudo:mail.example.com:22"
    assert ssh_service("2001:DB8::1", 22) == "relay-wizard:ssh:[2001:db8::1]:22"
    assert smtp_service("[2001:db8::1]") == "relay-wizard:smtp:[2001:db8::1]"
    assert smtp_service("198.51.100.6") == "relay-wizard:smtp:198.51.100.6"


def test_msmtp_attributes() -> None:
    assert msmtp_attributes("Mail.Example.com", "alice") == {
        "host": "mail.example.com",
        "service": "smtp",
        "user": "alice",
    }
    assert msmtp_attributes("[2001:DB8::1]", "alice@example.com")["host"] == "2001:db8::1"


@pytest.mark.parametrize(
    "call",
    [
        lambda: smtp_service("bad host"),
        lambda: smtp_service(""),
        lambda: ssh_service("mail.example.com", 0),
        lambda: sudo_service("mail.example.com", 65536),
        lambda: msmtp_attributes("mail.example.com", ""),
        lambda: msmtp_attributes("mail.example.com", "alice\n"),
    ],
)
def test_malformed_names_are_usage_errors(call: object) -> None:
    assert callable(call)
    with pytest.raises(UsageError):
        call()


def test_bad_input_is_refused_before_the_keyring_is_touched() -> None:
    backend = MemoryBackend()
    store = CredentialStore(backend)  # type: ignore[arg-type]
    for call in (
        lambda: store.store_sasl_password("mail.example.com", "alice", ""),
        lambda: store.store_sasl_password("mail.example.com", "alice", "nul\0byte"),
        lambda: store.store_sasl_password("mail.example.com", "al\tice", "pw"),
        lambda: store.remember_ssh_password("bad host", 22, "root", "pw"),
        lambda: store.remember_sudo_password("mail.example.com", 22, "", "pw"),
        lambda: store.ssh_password("mail.example.com", 99999, "root"),
    ):
        with pytest.raises(UsageError):
            call()
    assert backend.calls == []


# --------------------------------------------------------------------------- other backends


def test_ssh_and_sudo_passwords_on_any_recommended_backend() -> None:
    backend = MemoryBackend()
    store = CredentialStore(backend)  # type: ignore[arg-type]
    store.remember_ssh_password("Mail.example.com", 2222, "admin", "ssh-pw")
    store.remember_sudo_password("mail.example.com", 2222, "admin", "sudo-pw")
    store.store_sasl_password("mail.example.com", "alice", "sasl-pw")
    assert backend.saved == {
        ("relay-wizard:ssh:mail.example.com:2222", "admin"): "ssh-pw",
        ("relay-wizard:sudo:mail.example.com:2222", "admin"): "sudo-pw",
        ("relay-wizard:smtp:mail.example.com", "alice"): "sasl-pw",
    }
    assert store.ssh_password("mail.example.com", 2222, "admin") == "ssh-pw"
    assert store.sudo_password("mail.example.com", 2222, "admin") == "sudo-pw"
    assert store.sasl_password("MAIL.example.com", "alice") == "sasl-pw"
    assert store.forget_ssh_password("mail.example.com", 2222, "admin") is True
    assert store.forget_ssh_password("mail.example.com", 2222, "admin") is False
    assert store.forget_sasl_password("mail.example.com", "alice") is True
    assert store.forget_sasl_password("mail.example.com", "alice") is False
    assert backend.saved == {("relay-wizard:sudo:mail.example.com:2222", "admin"): "sudo-pw"}


@pytest.mark.parametrize(
    ("backend", "says"),
    [
        (fail.Keyring(), "no supported keyring was found"),
        (null.Keyring(), "switched off"),
        (PlaintextKeyring(), "keeps passwords in a file on disk"),
        (NotRecommended(), "not a recommended keyring"),
        (Broken(), "the backend's service is gone"),
    ],
)
def test_refused_backends_never_receive_a_password(backend: object, says: str) -> None:
    store = CredentialStore(backend)  # type: ignore[arg-type]
    for call in (
        lambda: store.store_sasl_password("mail.example.com", "alice", "secret-pw"),
        lambda: store.remember_ssh_password("mail.example.com", 22, "root", "secret-pw"),
        lambda: store.sasl_password("mail.example.com", "alice"),
        store.check,
        store.location,
    ):
        with pytest.raises(KeyringUnavailable) as caught:
            call()
        assert says in caught.value.message
        assert "without saving" in caught.value.fix
    assert getattr(backend, "calls", []) == []


def test_keyrings_alt_chosen_through_the_environment_is_refused(tmp_path: Path) -> None:
    """keyring loads whatever PYTHON_KEYRING_BACKEND names; the wizard still refuses files."""
    program = (
        "import sys, types, keyring.backend\n"
        "module = types.ModuleType('keyrings.alt.file')\n"
        "class PlaintextKeyring(keyring.backend.KeyringBackend):\n"
        "    priority = 0.5\n"
        "    def get_password(self, s, u): return None\n"
        "    def set_password(self, s, u, p): open(sys.argv[1], 'w').write(p)\n"
        "    def delete_password(self, s, u): pass\n"
        "PlaintextKeyring.__module__ = 'keyrings.alt.file'\n"
        "module.PlaintextKeyring = PlaintextKeyring\n"
        "sys.modules.update({'keyrings': types.ModuleType('keyrings'),\n"
        "    'keyrings.alt': types.ModuleType('keyrings.alt'), 'keyrings.alt.file': module})\n"
        "from wizard.core.local.credentials import CredentialStore, KeyringUnavailable\n"
        "try:\n"
        "    CredentialStore().store_sasl_password('mail.example.com', 'alice', 'pw-on-disk')\n"
        "except KeyringUnavailable as exc:\n"
        "    print(exc.message)\n"
    )
    target = tmp_path / "plaintext"
    run = subprocess.run(
        [sys.executable, "-c", program, str(target)],
        env={
            "PATH": "/usr/bin:/bin",
            "HOME": str(tmp_path),
            "PYTHON_KEYRING_BACKEND": "keyrings.alt.file.PlaintextKeyring",
        },
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert run.returncode == 0, run.stderr
    assert "keyrings.alt.file.PlaintextKeyring" in run.stdout
    assert "keeps passwords in a file on disk" in run.stdout
    assert not target.exists()


def test_the_store_shows_no_secret_in_its_repr() -> None:
    backend = MemoryBackend()
    store = CredentialStore(backend)  # type: ignore[arg-type]
    store.store_sasl_password("mail.example.com", "alice", "repr-secret")
    assert "repr-secret" not in repr(store)
    assert credentials.SERVICE_PREFIX == "relay-wizard"


def test_the_start_of_the_window_learns_whether_a_keyring_is_there() -> None:
    """problem(): the reason no password can be kept, or None, without touching a secret."""
    usable = MemoryBackend()
    assert CredentialStore(usable).problem() is None  # type: ignore[arg-type]
    assert usable.calls == []
    missing = CredentialStore(fail.Keyring()).problem()  # type: ignore[arg-type]
    assert isinstance(missing, KeyringUnavailable)
    assert "No keyring is available" in missing.message
    off = CredentialStore(null.Keyring()).problem()  # type: ignore[arg-type]
    assert isinstance(off, KeyringUnavailable) and "switched off" in off.message
