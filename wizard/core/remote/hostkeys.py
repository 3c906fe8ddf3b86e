"""Host keys: fingerprints, public key lines, and the app's own known_hosts file.

``fingerprint`` prints a key as ``ssh-keygen -l`` does; ``KnownHosts`` reads and appends
the OpenSSH-format file the session checks a server against before any credential is
sent (hashed names, wildcards and negations included). A key line's fingerprint does not
load paramiko: saved profiles carry host keys, and the first page must stay light.
"""

from __future__ import annotations

import base64
import binascii
import functools
import hashlib
import hmac
import logging
import os
import re
import struct
from pathlib import Path
from typing import TYPE_CHECKING

from wizard.core.errors import UsageError
from wizard.core.lazy import LazyModule
from wizard.core.local.paths import config_dir
from wizard.core.translatable import QT_TRANSLATE_NOOP

if TYPE_CHECKING:
    import paramiko
else:
    paramiko = LazyModule("paramiko")

__all__ = ["KnownHosts", "fingerprint", "normalize_fingerprint", "parse_key_line"]

log = logging.getLogger("wizard.ssh")


def _read_ssh_string(blob: bytes, offset: int) -> tuple[bytes, int]:
    if offset + 4 > len(blob):
        raise ValueError("truncated key blob")
    (length,) = struct.unpack(">I", blob[offset : offset + 4])
    end = offset + 4 + length
    if end > len(blob):
        raise ValueError("truncated key blob")
    return blob[offset + 4 : end], end


def parse_key_line(key_line: str) -> tuple[str, str, bytes]:
    """``"type base64 [comment]"`` -> (type, base64, blob); UsageError if malformed."""
    fields = key_line.split()
    if len(fields) < 2:
        raise UsageError(
            QT_TRANSLATE_NOOP("Errors", "{key_line} is not an SSH public key line.").format(
                key_line=repr(key_line)
            ),
            QT_TRANSLATE_NOOP("Errors", "Expected 'key-type base64-data'."),
        )
    key_type, b64 = fields[0], fields[1]
    try:
        blob = base64.b64decode(b64, validate=True)
        name, _ = _read_ssh_string(blob, 0)
    except (binascii.Error, ValueError):
        raise UsageError(
            QT_TRANSLATE_NOOP(
                "Errors", "The {key_type} key data is not valid base64 key data."
            ).format(key_type=key_type)
        ) from None
    if name.decode("ascii", "replace") != key_type:
        raise UsageError(
            QT_TRANSLATE_NOOP(
                "Errors", "The key data says {value}, the line says {key_type}."
            ).format(value=repr(name.decode("ascii", "replace")), key_type=repr(key_type)),
            QT_TRANSLATE_NOOP("Errors", "The key line is damaged: copy it again."),
        )
    return key_type, b64, blob


def fingerprint(key: paramiko.PKey | str | bytes) -> str:
    """The SHA256 fingerprint of a public key, exactly as ``ssh-keygen -l`` prints it.

    ``key`` is a paramiko key, a public key line (``"ssh-ed25519 AAAA... [comment]"``)
    or the raw key blob.
    """
    if isinstance(key, str):  # first: a saved profile's key must not load paramiko
        blob = parse_key_line(key)[2]
    elif isinstance(key, paramiko.PKey):
        blob = key.asbytes()
    else:
        blob = bytes(key)
    digest = hashlib.sha256(blob).digest()
    return "SHA256:" + base64.b64encode(digest).decode("ascii").rstrip("=")


def normalize_fingerprint(text: str) -> str:
    text = text.strip()
    if text.upper().startswith("SHA256:"):
        text = text[7:]
    return "SHA256:" + text.rstrip("=")


# --------------------------------------------------------------------------- known hosts


class KnownHosts:
    """The app's own known_hosts file.

    OpenSSH format, one ``[host]:port keytype base64`` (or ``host keytype base64``
    for port 22) line per key, as OpenSSH writes it. Reading also understands what
    OpenSSH may have written into a copied file: comma-separated host lists, hashed
    names (``|1|salt|hash``), ``*``/``?`` wildcards and ``!`` negations. Lines with a
    marker (``@cert-authority``, ``@revoked``) are ignored.
    """

    def __init__(self, path: Path) -> None:
        self.path = Path(path)

    @staticmethod
    def default_path() -> Path:
        """``known_hosts`` in Relay Wizard's folder (:func:`wizard.core.local.paths.config_dir`)."""
        return config_dir() / "known_hosts"

    @staticmethod
    def host_token(host: str, port: int) -> str:
        """How OpenSSH names ``host:port`` in known_hosts."""
        host = host.strip().lower()
        if host.startswith("[") and host.endswith("]"):
            host = host[1:-1]
        return host if port == 22 else f"[{host}]:{port}"

    def lookup(self, host: str, port: int) -> list[str]:
        """The keys saved for ``host:port``, as ``"keytype base64"`` lines."""
        try:
            text = self.path.read_text(encoding="utf-8", errors="replace")
        except FileNotFoundError:
            return []
        except OSError as exc:
            raise UsageError(
                QT_TRANSLATE_NOOP(
                    "Errors", "Cannot read the known hosts file {path}: {strerror}."
                ).format(path=self.path, strerror=exc.strerror),
                QT_TRANSLATE_NOOP("Errors", "Check the file's permissions."),
            ) from None
        token = self.host_token(host, port)
        found: list[str] = []
        for number, raw in enumerate(text.splitlines(), 1):
            line = raw.strip()
            if not line or line.startswith("#") or line.startswith("@"):
                continue
            fields = line.split()
            if len(fields) < 3 or not _host_matches(fields[0], token):
                continue
            try:
                key_type, b64, _ = parse_key_line(f"{fields[1]} {fields[2]}")
            except UsageError:
                log.warning("ignoring damaged line %d of %s", number, self.path)
                continue
            entry = f"{key_type} {b64}"
            if entry not in found:
                found.append(entry)
        return found

    def add(self, host: str, port: int, key_line: str) -> None:
        """Save ``key_line`` (``"keytype base64"``) for ``host:port``.

        Creates the parent directories (mode 0700) and the file (mode 0600), and
        appends; a key already saved for that host and port is not written twice.
        """
        key_type, b64, _ = parse_key_line(key_line)
        if f"{key_type} {b64}" in self.lookup(host, port):
            return
        token = self.host_token(host, port)
        if not token or any(c.isspace() for c in token):
            raise UsageError(
                QT_TRANSLATE_NOOP("Errors", "{host} cannot be saved as a host name.").format(
                    host=repr(host)
                )
            )
        self.path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        fd = os.open(self.path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
        with os.fdopen(fd, "ab") as handle:
            os.fchmod(handle.fileno(), 0o600)
            prefix = b""
            size = os.fstat(handle.fileno()).st_size
            if size:
                with open(self.path, "rb") as reader:
                    reader.seek(size - 1)
                    if reader.read(1) != b"\n":
                        prefix = b"\n"
            handle.write(prefix + f"{token} {key_type} {b64}\n".encode("ascii"))
        log.info("saved the %s host key of %s to %s", key_type, token, self.path)


def _host_matches(patterns: str, token: str) -> bool:
    matched = False
    for pattern in patterns.split(","):
        if not pattern:
            continue
        negated = pattern.startswith("!")
        if negated:
            pattern = pattern[1:]
        if pattern.startswith("|1|"):
            hit = _hashed_host_matches(pattern, token)
        else:
            hit = _wildcard(pattern.lower()).fullmatch(token) is not None
        if hit and negated:
            return False
        matched = matched or hit
    return matched


@functools.lru_cache(maxsize=256)
def _wildcard(pattern: str) -> re.Pattern[str]:
    """OpenSSH host patterns: only ``*`` and ``?`` are special (``[`` is literal)."""
    return re.compile(
        "".join(".*" if c == "*" else "." if c == "?" else re.escape(c) for c in pattern)
    )


def _hashed_host_matches(pattern: str, token: str) -> bool:
    parts = pattern.split("|")
    if len(parts) != 4:
        return False
    try:
        salt = base64.b64decode(parts[2], validate=True)
        wanted = base64.b64decode(parts[3], validate=True)
    except binascii.Error:
        return False
    actual = hmac.new(salt, token.encode("utf-8"), hashlib.sha1).digest()
    return hmac.compare_digest(actual, wanted)
