"""SASL for SMTP AUTH: what each mechanism sends, and which one is chosen (pure)."""

from __future__ import annotations

import base64

import pytest

from wizard.core.errors import Field
from wizard.core.mail.auth import (
    ChallengeError,
    choose_mechanism,
    cram_md5_response,
    decode_challenge,
    digest_md5_response,
    plain_token,
)


def test_plain_token_has_no_authorization_identity() -> None:
    assert base64.b64decode(plain_token("alice", "pw")) == b"\0alice\0pw"


def test_cram_md5_answers_rfc_2195s_example() -> None:
    challenge = b"<1896.697170952@postoffice.reston.mci.net>"
    answer = base64.b64decode(cram_md5_response(challenge, "tim", "tanstaaftanstaaf"))
    assert answer == b"tim b913a602c7eda7a495b4e6e7334d3890"


def test_a_challenge_is_decoded_strictly() -> None:
    assert decode_challenge(" PDE4OTYuNjk3MTcwOTUyQHBvc3RvZmZpY2U+ ", "CRAM-MD5").startswith(
        b"<1896"
    )
    for text in ("not base64!", "", "\u00e9t\u00e9"):
        with pytest.raises(ChallengeError) as caught:
            decode_challenge(text, "CRAM-MD5")
        assert "CRAM-MD5 challenge is not valid base64" in caught.value.message
        assert caught.value.field is Field.MECHANISM
        assert "--" not in caught.value.fix


def test_digest_md5_without_a_nonce_cannot_be_answered() -> None:
    with pytest.raises(ChallengeError, match="holds no nonce"):
        digest_md5_response(b'realm="r",qop="auth"', "alice", "pw", "mail.test")
    response = digest_md5_response(b'nonce="abc",qop="auth"', "alice", "pw", "mail.test", "c")
    assert b'digest-uri="smtp/mail.test"' in response and b"realm=" not in response


@pytest.mark.parametrize(
    ("offered", "tls", "wanted", "chosen"),
    [
        (["PLAIN", "LOGIN", "CRAM-MD5"], True, "", "PLAIN"),
        (["LOGIN", "DIGEST-MD5"], True, "", "LOGIN"),
        (["PLAIN", "LOGIN", "CRAM-MD5"], False, "", "CRAM-MD5"),
        (["PLAIN", "LOGIN"], False, "", ""),  # never the password in clear by itself
        (["PLAIN", "LOGIN"], False, "plain", "PLAIN"),  # asked for: the admin's choice
        (["GSSAPI"], True, "", ""),
    ],
)
def test_choose_mechanism(offered: list[str], tls: bool, wanted: str, chosen: str) -> None:
    assert choose_mechanism(offered, tls, wanted) == chosen
