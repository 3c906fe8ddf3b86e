"""SASL for SMTP AUTH: the mechanisms this client speaks and what each sends (pure).

PLAIN and LOGIN send the password itself (base64 is no protection); CRAM-MD5 and
DIGEST-MD5 answer a challenge of the server's with a keyed digest. The conversation that
carries them is :meth:`wizard.core.mail.smtp.SmtpClient.login`; a challenge this module
cannot answer raises :class:`ChallengeError`, which the client turns into an
``SmtpFailure`` (stage ``auth``, kind ``protocol``) after closing the session.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import os
import re

from wizard.core.errors import Field, WizardError
from wizard.core.translatable import QT_TRANSLATE_NOOP
from wizard.core.untrusted import has_unsafe, printable

MECHANISMS = ("PLAIN", "LOGIN", "CRAM-MD5", "DIGEST-MD5")


class ChallengeError(WizardError):
    """The server's challenge for a mechanism cannot be answered (it breaks the RFC)."""

    def __init__(self, mechanism: str, message: str) -> None:
        super().__init__(
            message,
            f"The server does not speak {mechanism} correctly: use another mechanism, and "
            "look at the transcript.",
            field=Field.MECHANISM,
        )


def b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def plain_token(user: str, password: str) -> str:
    """AUTH PLAIN's initial response (RFC 4616), no authorization identity."""
    return b64(f"\0{user}\0{password}".encode())


def decode_challenge(text: str, mechanism: str) -> bytes:
    """The bytes of a 334 challenge, decoded strictly.

    Raises:
        ChallengeError: not base64, or empty.
    """
    text = text.strip()
    try:
        challenge = base64.b64decode(text, validate=True)
    except ValueError:  # binascii.Error, or a character outside ASCII
        challenge = b""
    if not challenge:
        shown = f"'{text[:80]}'" if text else "empty"
        raise ChallengeError(
            mechanism,
            QT_TRANSLATE_NOOP(
                "Errors", "The server's {mechanism} challenge is not valid base64 ({shown})."
            ).format(mechanism=mechanism, shown=shown),
        )
    return challenge


def cram_md5_response(challenge: bytes, user: str, password: str) -> str:
    """The base64 answer to a CRAM-MD5 challenge (RFC 2195)."""
    digest = hmac.new(password.encode(), challenge, hashlib.md5).hexdigest()
    return b64(f"{user} {digest}".encode())


def _parse_challenge(text: str) -> dict[str, str]:
    out: dict[str, str] = {}
    i, n = 0, len(text)
    while i < n:
        while i < n and text[i] in " ,":
            i += 1
        eq = text.find("=", i)
        if eq < 0:
            break
        key = text[i:eq].strip().lower()
        i = eq + 1
        if i < n and text[i] == '"':
            i += 1
            value = []
            while i < n and text[i] != '"':
                if text[i] == "\\" and i + 1 < n:
                    i += 1
                value.append(text[i])
                i += 1
            i += 1
            out[key] = "".join(value)
        else:
            end = text.find(",", i)
            end = n if end < 0 else end
            out[key] = text[i:end].strip()
            i = end
    return out


def _quoted(value: str) -> str:
    """An RFC 2831 quoted-string's content: backslash before ``"`` and ``\\``."""
    return value.replace("\\", "\\\\").replace('"', '\\"')


_NONCE = re.compile(r"[\x21\x23-\x5b\x5d-\x7e]+")  # visible ASCII but " and \


def digest_md5_response(
    challenge: bytes, user: str, password: str, host: str, cnonce: str | None = None
) -> bytes:
    """The client response to a DIGEST-MD5 challenge (RFC 2831), qop=auth.

    Raises:
        ChallengeError: the challenge holds no usable nonce or realm.
    """
    c = _parse_challenge(challenge.decode("utf-8", "replace"))
    realm = c.get("realm", "")
    nonce = c.get("nonce", "")
    if not _NONCE.fullmatch(nonce):
        raise ChallengeError(
            "DIGEST-MD5",
            "The server's DIGEST-MD5 challenge holds "
            + (f"an unusable nonce '{printable(nonce)}'." if nonce else "no nonce."),
        )
    if has_unsafe(realm):
        raise ChallengeError(
            "DIGEST-MD5",
            QT_TRANSLATE_NOOP(
                "Errors", "The server's DIGEST-MD5 challenge names an unusable realm '{realm}'."
            ).format(realm=printable(realm)),
        )
    cnonce = cnonce or base64.b64encode(os.urandom(24)).decode()
    nc = "00000001"
    qop = "auth"
    digest_uri = f"smtp/{host}"

    def md5(data: bytes) -> bytes:
        return hashlib.md5(data, usedforsecurity=False).digest()

    def hexmd5(data: bytes) -> str:
        return hashlib.md5(data, usedforsecurity=False).hexdigest()

    a1 = md5(f"{user}:{realm}:{password}".encode()) + f":{nonce}:{cnonce}".encode()
    a2 = f"AUTHENTICATE:{digest_uri}".encode()
    response = hexmd5(f"{hexmd5(a1)}:{nonce}:{nc}:{cnonce}:{qop}:{hexmd5(a2)}".encode())
    parts = [
        f'username="{_quoted(user)}"',
        f'realm="{_quoted(realm)}"' if realm else "",
        f'nonce="{nonce}"',
        f'cnonce="{cnonce}"',
        f"nc={nc}",
        f"qop={qop}",
        f'digest-uri="{digest_uri}"',
        f"response={response}",
    ]
    if c.get("charset", "").lower() == "utf-8":
        parts.append("charset=utf-8")
    return ",".join(p for p in parts if p).encode()


def choose_mechanism(offered: list[str], tls: bool, wanted: str = "") -> str:
    """The mechanism to use: the one asked for, else the best offered.

    Without TLS, PLAIN and LOGIN (password readable on the way) are never chosen by
    themselves: they must be asked for.
    """
    if wanted:
        return wanted.upper()
    order = MECHANISMS if tls else ("CRAM-MD5", "DIGEST-MD5")
    return next((m for m in order if m in offered), "")
