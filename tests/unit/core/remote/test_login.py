"""wizard.core.remote.login: credentials that hide their secrets, private key files."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from wizard.core.errors import AuthError, Field, UsageError
from wizard.core.remote.login import Credentials, load_key_file

# --------------------------------------------------------------------------- credentials


def test_credentials_repr_hides_secrets() -> None:
    creds = Credentials(
        password="login-secret",
        key_file=Path("/k"),
        key_passphrase="pp-secret",
        sudo_password="sudo-secret",
    )
    for text in (repr(creds), str(creds), f"{creds}", repr([creds])):
        assert "secret" not in text
    assert "key_file=PosixPath('/k')" in repr(creds)
    assert set(creds.secrets()) == {"login-secret", "pp-secret", "sudo-secret"}
    assert "password=None" in repr(Credentials())


# --------------------------------------------------------------------------- key files


def test_load_key_file_plain_and_passphrase(tmp_path: Path, keygen: Callable[..., Path]) -> None:
    plain = keygen(tmp_path / "plain")
    locked = keygen(tmp_path / "locked", passphrase="right horse")
    rsa = keygen(tmp_path / "rsa", key_type="rsa", passphrase="right horse")
    assert load_key_file(plain, None).get_name() == "ssh-ed25519"
    assert load_key_file(plain, "ignored for a plain key").get_name() == "ssh-ed25519"
    assert load_key_file(locked, "right horse").get_name() == "ssh-ed25519"
    assert load_key_file(rsa, "right horse").get_name() == "ssh-rsa"
    with pytest.raises(AuthError, match=r"passphrase.*wrong"):
        load_key_file(locked, "wrong")
    with pytest.raises(AuthError, match=r"passphrase.*wrong"):
        load_key_file(rsa, "wrong")
    with pytest.raises(AuthError, match="protected by a passphrase") as missing:
        load_key_file(locked, None)
    assert missing.value.field is Field.KEY_PASSPHRASE


def test_load_key_file_errors(tmp_path: Path, keygen: Callable[..., Path]) -> None:
    with pytest.raises(UsageError, match="Cannot read"):
        load_key_file(tmp_path / "missing", None)
    keygen(tmp_path / "k")
    with pytest.raises(UsageError, match="not a private key") as public:
        load_key_file(tmp_path / "k.pub", None)
    assert public.value.field is Field.SSH_KEY
