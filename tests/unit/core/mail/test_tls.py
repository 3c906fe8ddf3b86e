"""Certificate fingerprints and pins (pure)."""

from __future__ import annotations

import pytest

from wizard.core.errors import Field, UsageError
from wizard.core.mail.tls import cert_fingerprint, client_context, normalize_fingerprint

SHA = "AB" * 32
COLONS = ":".join(["AB"] * 32)


def test_a_fingerprint_is_colon_separated_upper_case_hex() -> None:
    fp = cert_fingerprint(b"not really DER")
    assert len(fp) == 95 and fp == fp.upper() and fp.count(":") == 31


@pytest.mark.parametrize("text", [SHA, SHA.lower(), COLONS, f"SHA256:{COLONS}", f" sha256 {SHA} "])
def test_typed_fingerprints_are_normalized(text: str) -> None:
    assert normalize_fingerprint(text) == COLONS


@pytest.mark.parametrize("text", ["", "AB" * 31, "ZZ" * 32, "AB" * 33])
def test_a_wrong_fingerprint_names_the_pin_field(text: str) -> None:
    with pytest.raises(UsageError) as caught:
        normalize_fingerprint(text)
    assert caught.value.field is Field.PIN_CERT
    assert "--" not in str(caught.value)


def test_a_pinned_certificate_skips_the_chain_check() -> None:
    assert client_context(True).check_hostname
    assert not client_context(False).check_hostname
