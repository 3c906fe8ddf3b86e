"""CoreServices' SASL realm: read once per session, with where it comes from."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from wizard.core.mta.sendmail.users import SaslRealm
from wizard.core.services import CoreServices

POSTFIX = SaslRealm("mail.example.org", "myhostname", "postfix", server_name="mail.example.org")


class _Mta:
    def __init__(self) -> None:
        self.reads = 0

    def read_sasl_realm(self, session: Any, cancel: Any = None) -> SaslRealm:
        self.reads += 1
        return POSTFIX


class _Session:
    """A weak-referenceable stand-in: the cache keys on the session."""


def test_the_realm_and_its_source_are_read_once_per_session(tmp_path: Path) -> None:
    mta = _Mta()
    services = CoreServices(tmp_path / "known_hosts", mta=mta)  # type: ignore[arg-type]
    session = _Session()
    assert services.sasl_realm(session) == POSTFIX  # type: ignore[arg-type]
    assert services.sasl_realm(session).source_text == "Postfix's myhostname"  # type: ignore[arg-type]
    assert services.realm(session) == "mail.example.org"  # type: ignore[arg-type]
    assert mta.reads == 1
