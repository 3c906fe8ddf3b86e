"""Fixtures of the integration tests beyond the lab's (tests/conftest.py)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import keyring
import keyring.backend
import keyring.core
import pytest
from keyring.backends import fail

from tests.integration.keyring_fixture import FOREIGN_VARIABLES, PrivateSecretService


def reset_keyring() -> None:
    """Forget keyring's cached backend list and choice, and detect again in this environment."""
    vars(keyring.backend.get_all_keyring).pop("saved_result", None)  # its @once cache
    try:
        keyring.core.init_backend()
    except Exception:  # detection can trip over a backend cached as viable earlier
        keyring.core.set_keyring(fail.Keyring())


@pytest.fixture
def secret_service(tmp_path: Path) -> Iterator[PrivateSecretService]:
    service = PrivateSecretService(tmp_path / "keyring")
    try:
        service.start()
        with pytest.MonkeyPatch.context() as mp:
            for name in FOREIGN_VARIABLES:
                mp.delenv(name, raising=False)
            for name, value in service.env.items():
                mp.setenv(name, value)
            reset_keyring()
            yield service
        reset_keyring()  # back to what the outer environment offers
    finally:
        service.stop()
