"""Typed errors. Each says what went wrong and what the admin can do about it.

The core speaks in plain words and never names a command-line flag or a widget: an error
that concerns one input carries that input as ``field`` (a :class:`Field`), and each front
says it in its own terms (``cli/console.py`` adds the flag, the GUI highlights the box).
"""

from __future__ import annotations

from enum import StrEnum

from wizard.core.translatable import QT_TRANSLATE_NOOP


class Field(StrEnum):
    """An input an error can concern; each front maps it to a flag or a widget."""

    HOST = "host"
    USER = "user"
    PORT = "port"
    HOST_KEY = "host_key"
    PASSWORD = "password"
    SSH_KEY = "ssh_key"
    KEY_PASSPHRASE = "key_passphrase"
    SUDO_PASSWORD = "sudo_password"
    PROFILE = "profile"
    SECURITY = "security"
    MECHANISM = "mechanism"
    PIN_CERT = "pin_cert"
    CERT = "cert"
    KEY = "key"
    CA = "ca"
    EMAIL = "email"
    DOMAIN = "domain"
    INCOMING = "incoming"
    FORMAT = "format"
    MC_FILE = "mc_file"
    INVENTORY = "inventory"
    LIMIT = "limit"
    JOBS = "jobs"
    TO = "to"
    ACCOUNT = "account"
    SERVER_NAME = "server_name"
    STAFF = "staff"
    FOLDER = "folder"
    CERTIFICATE = "certificate"  # where the certificate comes from (keep, certbot, obtain)
    CERT_NAME = "cert_name"
    ACME_SERVER = "acme_server"
    WEBROOT = "webroot"
    BAN = "ban"  # the protection's numbers: ban time, tries, window
    ALLOW = "allow"  # addresses never banned


class WizardError(Exception):
    """Base of every error the core raises on purpose.

    Attributes:
        message: what went wrong, in a sentence a small-office admin understands.
        fix: what to do about it, in plain words (no flag, no widget), or "".
        code: a stable name for the kind of error (``"host_key_unknown"``), for tests and
            front ends; "" when the class alone says it.
        field: the input it concerns, if one does.
    """

    def __init__(
        self, message: str, fix: str = "", *, code: str = "", field: Field | None = None
    ) -> None:
        super().__init__(message)
        self.message = message
        self.fix = fix
        self.code = code
        self.field = field

    def __str__(self) -> str:
        return f"{self.message} {self.fix}".strip()


class UsageError(WizardError):
    """The input is malformed (a host name, a user name, an option). Nothing ran."""


class ConnectError(WizardError):
    """The server could not be reached: name resolution, refused, timeout."""


class AuthError(WizardError):
    """The server refused the SSH login."""


class HostKeyUnknown(WizardError):
    """The server presented a host key this program has never seen.

    The GUI shows ``fingerprint`` to the admin; on acceptance ``key_line`` is saved
    and the connection retried.
    """

    def __init__(
        self, host: str, port: int, key_type: str, fingerprint: str, key_line: str
    ) -> None:
        super().__init__(
            QT_TRANSLATE_NOOP(
                "Errors",
                "The server {host} (port {port}) is not known yet. It presented a {key_type} "
                "host key with fingerprint {fingerprint}.",
            ).format(host=host, port=port, key_type=key_type, fingerprint=fingerprint),
            QT_TRANSLATE_NOOP(
                "Errors",
                "Compare the fingerprint with the one the server shows "
                "(ssh-keygen -lf /etc/ssh/ssh_host_*_key.pub on its console), then accept it.",
            ),
            code="host_key_unknown",
            field=Field.HOST_KEY,
        )
        self.host = host
        self.port = port
        self.key_type = key_type
        self.fingerprint = fingerprint
        self.key_line = key_line


class HostKeyChanged(WizardError):
    """The server's host key differs from the one saved earlier: refuse to talk."""

    def __init__(
        self, host: str, port: int, key_type: str, fingerprint: str, known_fingerprint: str
    ) -> None:
        super().__init__(
            QT_TRANSLATE_NOOP(
                "Errors",
                "WARNING: the host key of {host} (port {port}) has CHANGED. It now presents "
                "{key_type} {fingerprint}, but {known} was saved earlier. Someone may be "
                "intercepting the connection, or the server was reinstalled.",
            ).format(
                host=host,
                port=port,
                key_type=key_type,
                fingerprint=fingerprint,
                known=known_fingerprint,
            ),
            QT_TRANSLATE_NOOP(
                "Errors",
                "Do not continue until you have checked the new key on the server's console. If "
                "the change is legitimate, remove the old entry from the known hosts file and "
                "connect again.",
            ),
        )
        self.host = host
        self.port = port
        self.key_type = key_type
        self.fingerprint = fingerprint
        self.known_fingerprint = known_fingerprint


class SudoError(WizardError):
    """sudo refused: wrong password, or the user may not use sudo."""


class SudoPasswordNeeded(SudoError):
    """sudo asks for a password and none was given: the front end may ask and retry."""


class PrivilegeError(WizardError):
    """The login has no way to become root (not root, no sudo)."""


class RemoteCommandError(WizardError):
    """A remote command failed. Carries the result (command with secrets masked)."""

    def __init__(self, message: str, result: object, fix: str = "") -> None:
        super().__init__(message, fix)
        self.result = result


class RemoteTimeout(WizardError):
    """A remote operation took longer than allowed."""


class Cancelled(WizardError):
    """The admin cancelled the operation."""

    def __init__(self, message: str = "") -> None:
        super().__init__(message or QT_TRANSLATE_NOOP("Errors", "Cancelled."))


class SendmailMissing(WizardError):
    """The server has no sendmail installed."""
