"""Saved servers: what the wizard remembers about each one. Nothing secret.

The file is ``$XDG_CONFIG_HOME/relay-wizard/servers.json`` (default
``~/.config/relay-wizard/servers.json``), UTF-8 JSON::

    {
      "format": "relay-wizard-servers",
      "version": 1,
      "servers": [
        {"name": "office", "host": "mail.example.com", "port": 22, "ssh_user": "admin",
         "host_key": "ssh-ed25519 AAAA...", "pinned_cert_sha256": "",
         "relay_profile": "modern", "smtp_port": 587, "security": "starttls",
         "mechanism": "PLAIN", "smtp_user": "alice",
         "verified_at": "2024-05-01T12:00:00+00:00"}
      ]
    }

It is rewritten whole on every change: written to a temporary file in the same folder
(mode 0600; the folder is created with mode 0700), flushed to disk, then renamed over the
old one, so a crash leaves either the old list or the new one. Each change reads, edits
and replaces the file under an exclusive ``flock`` on ``servers.json.lock`` beside it, so
two writers (two windows, the CLI beside the GUI) never lose each other's changes. What is
read is validated; a damaged file raises :class:`ProfileStoreError` (with the fix) and is
never overwritten.

Passwords live in the keyring (:mod:`wizard.core.local.credentials`), keyed by host, port and
user; deleting a profile deletes them there too, unless another saved profile still uses
the same host and user.
"""

from __future__ import annotations

import contextlib
import dataclasses
import fcntl
import json
import os
import re
import time
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Literal, Protocol

from wizard.core.change.options import ALLOWED_MECHANISMS, PROFILES, Profile
from wizard.core.errors import UsageError, WizardError
from wizard.core.local.credentials import CredentialStore, CredentialStoreError, key_host
from wizard.core.local.files import replace_private
from wizard.core.local.paths import config_dir
from wizard.core.mail.tls import normalize_fingerprint
from wizard.core.mta.sendmail.users import split_user_name
from wizard.core.remote.hostkeys import fingerprint
from wizard.core.target import shown, validate_host, validate_port, validate_user
from wizard.core.translatable import QT_TRANSLATE_NOOP

FORMAT = "relay-wizard-servers"
VERSION = 1
FILE_NAME = "servers.json"

Security = Literal["none", "starttls", "tls"]  # as wizard.core.mail.smtp.Security
SECURITIES: tuple[Security, ...] = ("starttls", "tls", "none")
MECHANISMS: tuple[str, ...] = tuple(
    dict.fromkeys(m for mechs in ALLOWED_MECHANISMS.values() for m in mechs)
)
# How staff send after each relay set-up is applied: (security, port, login method).
RELAY_SENDING: dict[str, tuple[Security, int, str]] = {
    "modern": ("starttls", 587, "PLAIN"),
    "classic": ("none", 25, "CRAM-MD5"),
}
_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,63}")
_B64_FINGERPRINT = re.compile(r"SHA256:[A-Za-z0-9+/]{43}")


class ProfileStoreError(WizardError):
    """The saved server list cannot be read or written, or names no such server."""


def validate_name(name: str) -> str:
    """Return ``name`` if it can name a saved server, else raise UsageError."""
    if not isinstance(name, str) or not _NAME.fullmatch(name):
        raise UsageError(
            QT_TRANSLATE_NOOP("Errors", "{name} cannot be the name of a saved server.").format(
                name=repr(name)
            ),
            QT_TRANSLATE_NOOP(
                "Errors",
                "Use 1 to 64 letters, digits, '.', '_' or '-', starting with a letter or digit.",
            ),
        )
    return name


def _validate_host_key(text: str) -> str:
    """A known_hosts key (``"keytype base64"``) or a ``SHA256:`` fingerprint; "" for none."""
    text = text.strip()
    if not text:
        return ""
    if text.upper().startswith("SHA256:"):
        text = "SHA256:" + text[7:].rstrip("=")
        if not _B64_FINGERPRINT.fullmatch(text):
            raise UsageError(
                QT_TRANSLATE_NOOP("Errors", "{text} is not an SSH host key fingerprint.").format(
                    text=repr(text)
                ),
                QT_TRANSLATE_NOOP(
                    "Errors", "Give it as ssh-keygen -l prints it: SHA256: and 43 characters."
                ),
            )
        return text
    fields = text.split()
    fingerprint(text)  # UsageError if the key line is malformed
    return f"{fields[0]} {fields[1]}"


@dataclass(frozen=True)
class ServerProfile:
    """One saved server. Nothing here is secret; passwords are in the keyring.

    Attributes:
        name: what the admin calls it; letters, digits, '.', '_' and '-'.
        host, port, ssh_user: where and as whom to log in over SSH.
        host_key: the accepted SSH host key, ``"keytype base64"`` as in known_hosts, or
            its ``SHA256:...`` fingerprint; "" before one was accepted.
        pinned_cert_sha256: the relay's TLS certificate accepted by the admin (self-signed),
            SHA-256 as colon-separated upper-case hex; "" for none.
        relay_profile: the relay set-up chosen, "modern" or "classic".
        smtp_port, security, mechanism: how mail clients send through the relay.
        smtp_user: the SASL account used for the test send ("" none); its password is in
            the keyring under this host and user.
        verified_at: when a test send through the relay last succeeded (UTC), or None.
    """

    name: str
    host: str
    port: int = 22
    ssh_user: str = "root"
    host_key: str = ""
    pinned_cert_sha256: str = ""
    relay_profile: Profile = "modern"
    smtp_port: int = 587
    security: Security = "starttls"
    mechanism: str = "PLAIN"
    smtp_user: str = ""
    verified_at: datetime | None = field(default=None)

    @property
    def verified(self) -> bool:
        """True once a test send through the relay has succeeded."""
        return self.verified_at is not None

    def mark_verified(self, when: datetime | None = None) -> ServerProfile:
        """A copy recording a successful test send at ``when`` (default: now)."""
        when = when or datetime.now(UTC)
        return dataclasses.replace(self, verified_at=_utc(when)).validated()

    def applied(self, relay_profile: Profile) -> ServerProfile:
        """A copy recording that ``relay_profile`` was applied: staff now send as that set-up
        says (port, security, login method), unless a test send already verified this very
        set-up; settings verified for the other set-up no longer count as verified."""
        if relay_profile == self.relay_profile and self.verified:
            return self
        security, port, mechanism = RELAY_SENDING[relay_profile]
        return dataclasses.replace(
            self,
            relay_profile=relay_profile,
            security=security,
            smtp_port=port,
            mechanism=mechanism,
            verified_at=None,
        ).validated()

    def validated(self) -> ServerProfile:
        """This profile with every field checked and normalised; UsageError otherwise.

        Values are taken as they are (nothing stripped): a hand-edited servers.json with
        a line break or space in a host or user name is refused, not exported.
        """
        if self.relay_profile not in PROFILES:
            raise UsageError(
                QT_TRANSLATE_NOOP("Errors", "Unknown relay profile {relay_profile}.").format(
                    relay_profile=repr(self.relay_profile)
                ),
                QT_TRANSLATE_NOOP("Errors", "Choose modern or classic."),
            )
        if self.security not in SECURITIES:
            raise UsageError(
                QT_TRANSLATE_NOOP("Errors", "Unknown connection security {security}.").format(
                    security=repr(self.security)
                ),
                QT_TRANSLATE_NOOP(
                    "Errors", "Choose starttls, tls (implicit, usually port 465) or none."
                ),
            )
        mechanism = self.mechanism.strip().upper()
        if mechanism not in MECHANISMS:
            raise UsageError(
                QT_TRANSLATE_NOOP("Errors", "Unknown login method {mechanism}.").format(
                    mechanism=repr(self.mechanism)
                ),
                QT_TRANSLATE_NOOP("Errors", "Choose {mechanisms}.").format(
                    mechanisms=", ".join(MECHANISMS)
                ),
            )
        if not isinstance(self.smtp_user, str):
            raise UsageError(
                QT_TRANSLATE_NOOP("Errors", "The mail account {smtp_user} is not text.").format(
                    smtp_user=shown(self.smtp_user)
                )
            )
        if self.smtp_user:
            split_user_name(self.smtp_user)
        if self.verified_at is not None and not isinstance(self.verified_at, datetime):
            raise UsageError(
                QT_TRANSLATE_NOOP("Errors", "{verified_at} is not a time.").format(
                    verified_at=repr(self.verified_at)
                )
            )
        return dataclasses.replace(
            self,
            name=validate_name(self.name),
            host=validate_host(self.host),
            port=validate_port(_int(self.port)),
            ssh_user=validate_user(self.ssh_user),
            host_key=_validate_host_key(self.host_key),
            pinned_cert_sha256=(
                normalize_fingerprint(self.pinned_cert_sha256) if self.pinned_cert_sha256 else ""
            ),
            smtp_port=validate_port(_int(self.smtp_port)),
            mechanism=mechanism,
            verified_at=_utc(self.verified_at) if self.verified_at is not None else None,
        )

    def to_json(self) -> dict[str, object]:
        data: dict[str, object] = dataclasses.asdict(self)
        data["verified_at"] = self.verified_at.isoformat() if self.verified_at else None
        return data

    @classmethod
    def from_json(cls, data: object) -> ServerProfile:
        """Build and validate a profile from its JSON object; UsageError if anything is off."""
        if not isinstance(data, Mapping):
            raise UsageError(QT_TRANSLATE_NOOP("Errors", "A server entry is not a JSON object."))
        known = {f.name: f for f in dataclasses.fields(cls)}
        unknown = sorted(set(data) - set(known))
        if unknown:
            raise UsageError(
                QT_TRANSLATE_NOOP("Errors", "Unknown field {unknown}.").format(
                    unknown=repr(unknown[0])
                )
            )
        for required in ("name", "host"):
            if required not in data:
                raise UsageError(
                    QT_TRANSLATE_NOOP("Errors", "The field {required} is missing.").format(
                        required=repr(required)
                    )
                )
        values: dict[str, Any] = {}
        for key, value in data.items():
            if key in ("port", "smtp_port"):
                if not isinstance(value, int) or isinstance(value, bool):
                    raise UsageError(
                        QT_TRANSLATE_NOOP(
                            "Errors", "The field {key} is not a number: {value}."
                        ).format(key=repr(key), value=repr(value))
                    )
                values[key] = value
            elif key == "verified_at":
                values[key] = None if value is None else _parse_time(value)
            else:
                if not isinstance(value, str):
                    raise UsageError(
                        QT_TRANSLATE_NOOP("Errors", "The field {key} is not text: {value}.").format(
                            key=repr(key), value=repr(value)
                        )
                    )
                values[key] = value
        return cls(**values).validated()


def _int(value: object) -> int:
    if not isinstance(value, int) or isinstance(value, bool):
        raise UsageError(
            QT_TRANSLATE_NOOP("Errors", "{value} is not a port number.").format(value=repr(value)),
            QT_TRANSLATE_NOOP("Errors", "Give a number from 1 to 65535."),
        )
    return value


def _utc(when: datetime) -> datetime:
    if when.tzinfo is None:
        raise UsageError(QT_TRANSLATE_NOOP("Errors", "A time without a time zone cannot be saved."))
    return when.astimezone(UTC)


def _parse_time(value: object) -> datetime:
    if not isinstance(value, str):
        raise UsageError(
            QT_TRANSLATE_NOOP("Errors", "The field 'verified_at' is not a time: {value}.").format(
                value=repr(value)
            )
        )
    try:
        when = datetime.fromisoformat(value)
    except ValueError:
        raise UsageError(
            QT_TRANSLATE_NOOP("Errors", "The field 'verified_at' is not a time: {value}.").format(
                value=repr(value)
            )
        ) from None
    if when.tzinfo is None:
        raise UsageError(
            QT_TRANSLATE_NOOP("Errors", "The time {value} has no time zone.").format(
                value=repr(value)
            )
        )
    return when


class SecretForgetter(Protocol):
    """What deleting a profile needs of the keyring (``CredentialStore`` provides it)."""

    def forget_sasl_password(self, host: str, user: str) -> bool: ...
    def forget_ssh_password(self, host: str, port: int, user: str) -> bool: ...
    def forget_sudo_password(self, host: str, port: int, user: str) -> bool: ...


# How long a writer waits for another one (another window, the CLI) to finish.
LOCK_WAIT = 30.0


def _acquire(lock_path: Path, wait: float) -> int:
    """Open ``lock_path`` (created 0600, never removed) and ``flock`` it, waiting up to ``wait``.

    Returns the descriptor: closing it frees the lock, and so does the death of the
    process. Raises OSError when the file cannot be opened, TimeoutError when the wait
    runs out.
    """
    fd = os.open(lock_path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o600)
    deadline = time.monotonic() + wait
    while True:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return fd
        except BlockingIOError:
            if time.monotonic() >= deadline:
                os.close(fd)
                raise TimeoutError from None
            time.sleep(0.01)
        except BaseException:
            os.close(fd)
            raise


def default_path() -> Path:
    """``servers.json`` in Relay Wizard's folder (:func:`wizard.core.local.paths.config_dir`)."""
    return config_dir() / FILE_NAME


class ProfileStore:
    """The saved servers, in one JSON file.

    Every change (read, modify, replace) runs under an exclusive ``flock`` on the sidecar
    file ``servers.json.lock``, so two writers (two windows, the CLI beside the GUI) never
    lose each other's changes; a second writer waits up to :data:`LOCK_WAIT` seconds.
    Readers take no lock: the file is replaced atomically.

    Args:
        path: the file; default :func:`default_path`.
        credentials: where deleting a profile deletes its passwords; default the OS keyring
            (a :class:`wizard.core.local.credentials.CredentialStore`).
    """

    def __init__(
        self, path: Path | None = None, credentials: SecretForgetter | None = None
    ) -> None:
        self.path = Path(path) if path is not None else default_path()
        self.credentials = credentials if credentials is not None else CredentialStore()

    def __repr__(self) -> str:
        return f"<ProfileStore {self.path}>"

    # ---- reading

    def load(self) -> list[ServerProfile]:
        """Every saved server, sorted by name; [] when nothing was saved yet."""
        try:
            raw = self.path.read_bytes()
        except FileNotFoundError:
            return []
        except OSError as exc:
            raise ProfileStoreError(
                QT_TRANSLATE_NOOP(
                    "Errors", "Cannot read the saved servers in {path}: {value}."
                ).format(path=self.path, value=exc.strerror or exc),
                QT_TRANSLATE_NOOP(
                    "Errors", "Check that it is a readable file (not a folder) and its permissions."
                ),
            ) from None
        try:
            document = json.loads(raw.decode("utf-8"))
        except UnicodeDecodeError:
            raise self._damaged("it is not UTF-8 text") from None
        except json.JSONDecodeError as exc:
            raise self._damaged(f"line {exc.lineno}, column {exc.colno}: {exc.msg}") from None
        if not isinstance(document, dict) or document.get("format") != FORMAT:
            raise self._damaged("it is not a Relay Wizard server list")
        version = document.get("version")
        if not isinstance(version, int) or isinstance(version, bool) or version < 1:
            raise self._damaged(f"its version {version!r} is not valid")
        if version > VERSION:
            raise ProfileStoreError(
                QT_TRANSLATE_NOOP(
                    "Errors",
                    "The saved servers in {path} were written by a newer Relay Wizard "
                    "(format version {version}).",
                ).format(path=self.path, version=version),
                QT_TRANSLATE_NOOP(
                    "Errors", "Use that newer version, or move the file aside to start a new list."
                ),
            )
        servers = document.get("servers")
        if not isinstance(servers, list):
            raise self._damaged("it has no list of servers")
        profiles: dict[str, ServerProfile] = {}
        for number, entry in enumerate(servers, 1):
            try:
                profile = ServerProfile.from_json(entry)
            except UsageError as exc:
                name = entry.get("name") if isinstance(entry, dict) else None
                label = f"server {number}" + (f" ({name!r})" if isinstance(name, str) else "")
                raise self._damaged(f"{label}: {exc.message}") from None
            if profile.name in profiles:
                raise self._damaged(f"the name {profile.name!r} is saved twice")
            profiles[profile.name] = profile
        return sorted(profiles.values(), key=lambda p: p.name)

    def find(self, name: str) -> ServerProfile | None:
        """The saved server called ``name``, or None."""
        return next((p for p in self.load() if p.name == name), None)

    def get(self, name: str) -> ServerProfile:
        """The saved server called ``name``; ProfileStoreError if there is none."""
        profile = self.find(name)
        if profile is None:
            raise self._not_found(name)
        return profile

    # ---- writing

    def save(self, profile: ServerProfile) -> ServerProfile:
        """Add ``profile``, or replace the saved one of the same name. Returns it validated."""
        profile = profile.validated()
        with self._locked():
            others = [p for p in self.load() if p.name != profile.name]
            self._write([*others, profile])
        return profile

    def record_apply(self, host: str, relay_profile: Profile) -> list[ServerProfile]:
        """Every saved server on ``host``, now recording that ``relay_profile`` was applied
        (:meth:`ServerProfile.applied`); the ones changed are returned."""
        with self._locked():
            profiles = self.load()
            changed = [p.applied(relay_profile) if p.host == host else p for p in profiles]
            if changed != profiles:
                self._write(changed)
        return [new for new, old in zip(changed, profiles, strict=True) if new != old]

    def delete(self, name: str, *, forget_secrets: bool = True) -> ServerProfile:
        """Delete the saved server ``name`` and, first, its passwords in the keyring.

        A password still used by another saved server (same host and user) is kept. When
        the keyring cannot be used, its error is raised and the profile is kept;
        ``forget_secrets=False`` deletes the profile and leaves the keyring alone.

        Returns:
            The deleted profile.
        """
        with self._locked():
            profiles = self.load()
            victim = next((p for p in profiles if p.name == name), None)
            if victim is None:
                raise self._not_found(name)
            rest = [p for p in profiles if p.name != name]
            if forget_secrets:
                self._forget_secrets(victim, rest)
            self._write(rest)
        return victim

    @property
    def lock_path(self) -> Path:
        """The sidecar file whose ``flock`` serialises writers: ``servers.json.lock``."""
        return self.path.with_name(self.path.name + ".lock")

    @contextlib.contextmanager
    def _locked(self) -> Iterator[None]:
        """Hold the writers' lock for one read-modify-replace (not re-entrant)."""
        try:
            self.path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
            fd = _acquire(self.lock_path, LOCK_WAIT)
        except TimeoutError:
            raise ProfileStoreError(
                QT_TRANSLATE_NOOP(
                    "Errors",
                    "The saved servers in {path} are being changed by another Relay Wizard "
                    "(a window or the command line), which did not finish within {lock_wait} "
                    "s.",
                ).format(path=self.path, lock_wait=format(LOCK_WAIT, "g")),
                QT_TRANSLATE_NOOP(
                    "Errors",
                    "Try again in a moment; if it keeps happening, close the other Relay Wizard.",
                ),
            ) from None
        except OSError as exc:
            raise self._unwritable(exc) from None
        try:
            yield
        finally:
            os.close(fd)  # frees the lock

    def _forget_secrets(self, victim: ServerProfile, rest: Iterable[ServerProfile]) -> None:
        rest = list(rest)
        host = key_host(victim.host)
        shares_login = any(
            key_host(p.host) == host and p.port == victim.port and p.ssh_user == victim.ssh_user
            for p in rest
        )
        shares_smtp = any(
            key_host(p.host) == host and p.smtp_user == victim.smtp_user for p in rest
        )
        try:
            if victim.smtp_user and not shares_smtp:
                self.credentials.forget_sasl_password(victim.host, victim.smtp_user)
            if not shares_login:
                self.credentials.forget_ssh_password(victim.host, victim.port, victim.ssh_user)
                self.credentials.forget_sudo_password(victim.host, victim.port, victim.ssh_user)
        except CredentialStoreError as exc:
            raise type(exc)(
                f"The server {victim.name!r} was not deleted: its passwords could not be "
                f"deleted from the keyring. {exc.message}",
                "Unlock the keyring and delete again, or delete the server and leave its "
                "passwords in the keyring.",
            ) from exc

    def _write(self, profiles: list[ServerProfile]) -> None:
        document = {
            "format": FORMAT,
            "version": VERSION,
            "servers": [p.to_json() for p in sorted(profiles, key=lambda p: p.name)],
        }
        data = (json.dumps(document, indent=2, ensure_ascii=False) + "\n").encode("utf-8")
        try:
            self.path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
            replace_private(self.path, data)
        except OSError as exc:
            raise self._unwritable(exc) from None

    # ---- errors

    def _damaged(self, reason: str) -> ProfileStoreError:
        return ProfileStoreError(
            QT_TRANSLATE_NOOP(
                "Errors", "The saved servers in {path} are damaged ({reason})."
            ).format(path=self.path, reason=reason),
            QT_TRANSLATE_NOOP(
                "Errors",
                "Move the file aside (for example to {name}.bad) and add the servers "
                "again; their passwords in the keyring are kept.",
            ).format(name=self.path.name),
        )

    def _unwritable(self, exc: OSError) -> ProfileStoreError:
        return ProfileStoreError(
            QT_TRANSLATE_NOOP("Errors", "Cannot save the servers in {path}: {value}.").format(
                path=self.path, value=exc.strerror or exc
            ),
            QT_TRANSLATE_NOOP(
                "Errors", "Check that the folder is writable and the disk is not full."
            ),
        )

    @staticmethod
    def _not_found(name: str) -> ProfileStoreError:
        return ProfileStoreError(
            QT_TRANSLATE_NOOP("Errors", "No saved server is called {name}.").format(
                name=repr(name)
            ),
            QT_TRANSLATE_NOOP("Errors", "List the saved servers and pick one."),
        )
