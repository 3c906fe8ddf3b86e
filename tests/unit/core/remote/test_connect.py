"""wizard.core.remote.connect: the parts that need no server (host key type order)."""

from __future__ import annotations

import paramiko

from wizard.core.remote.connect import prefer_known_key_types

ED25519_LINE = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl"


def test_prefer_known_key_types_puts_saved_type_first() -> None:
    transport = paramiko.Transport(_Dummy())  # type: ignore[arg-type]
    try:
        prefer_known_key_types(transport, ["ssh-rsa AAAA"])
        order = transport.get_security_options().key_types
        rsa = [k for k in ("rsa-sha2-512", "rsa-sha2-256", "ssh-rsa") if k in order]
        assert list(order[: len(rsa)]) == rsa and rsa[0] == "rsa-sha2-512"
        prefer_known_key_types(transport, [ED25519_LINE])
        assert transport.get_security_options().key_types[0] == "ssh-ed25519"
    finally:
        transport.close()


class _Dummy:
    """Just enough of a socket for paramiko.Transport() to be built (never started)."""

    def settimeout(self, _: float) -> None:
        pass

    def close(self) -> None:
        pass
