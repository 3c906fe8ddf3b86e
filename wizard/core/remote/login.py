"""Logging in: the credentials, private key files, and the SSH authentication itself.

``Credentials`` never shows a secret in its ``repr``. ``authenticate`` tries a key file,
then the SSH agent's keys, then the password, and explains a refusal in plain words
(which methods were tried, which the server allows). Becoming root after the login is
:mod:`.sudo`'s part.
"""

from __future__ import annotations

import functools
import io
import logging
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from wizard.core.errors import AuthError, ConnectError, Field, UsageError
from wizard.core.lazy import LazyModule
from wizard.core.remote.connect import check_cancel
from wizard.core.remote.results import MASK
from wizard.core.translatable import QT_TRANSLATE_NOOP

# paramiko and cryptography load on first use (the first connect), not with this module:
# the window shows before them (wizard.core.lazy).
if TYPE_CHECKING:
    import threading
    from collections.abc import Callable

    import paramiko
    from cryptography.hazmat.primitives import serialization

    from wizard.core.target import Target
else:
    paramiko = LazyModule("paramiko")
    serialization = LazyModule("cryptography.hazmat.primitives.serialization")

__all__ = ["Credentials", "authenticate", "load_key_file"]

log = logging.getLogger("wizard.ssh")


@dataclass(frozen=True, repr=False)
class Credentials:
    """How to log in and become root. ``repr()`` never shows a secret.

    If ``sudo_password`` is None and sudo asks for one, the SSH ``password`` is tried
    (the common set-up: the sudo password is the user's own login password).
    """

    password: str | None = None
    key_file: Path | None = None
    key_passphrase: str | None = None
    use_agent: bool = True
    sudo_password: str | None = None

    def __repr__(self) -> str:
        def hidden(value: str | None) -> str:
            return "None" if value is None else repr(MASK)

        return (
            f"Credentials(password={hidden(self.password)}, key_file={self.key_file!r}, "
            f"key_passphrase={hidden(self.key_passphrase)}, use_agent={self.use_agent!r}, "
            f"sudo_password={hidden(self.sudo_password)})"
        )

    def secrets(self) -> tuple[str, ...]:
        """Every non-empty secret held (for masking)."""
        return tuple(s for s in (self.password, self.key_passphrase, self.sudo_password) if s)


def load_key_file(path: Path, passphrase: str | None) -> paramiko.PKey:
    """Load a private key file; UsageError/AuthError in plain words when it cannot be."""
    path = Path(path).expanduser()
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise UsageError(
            QT_TRANSLATE_NOOP("Errors", "Cannot read the key file {path}: {strerror}.").format(
                path=path, strerror=exc.strerror
            ),
            QT_TRANSLATE_NOOP(
                "Errors",
                "Choose the private key file (not the .pub file) and check its permissions.",
            ),
            field=Field.SSH_KEY,
        ) from None
    encrypted = False
    try:
        serialization.load_ssh_private_key(data, password=None)
    except TypeError:
        encrypted = True
    except ValueError:
        try:
            serialization.load_pem_private_key(data, password=None)
        except TypeError:
            encrypted = True
        except ValueError:
            raise UsageError(
                QT_TRANSLATE_NOOP(
                    "Errors", "{path} is not a private key this program can read."
                ).format(path=path),
                QT_TRANSLATE_NOOP(
                    "Errors",
                    "Choose an OpenSSH or PEM private key (RSA, ECDSA or Ed25519), not the "
                    ".pub file.",
                ),
                field=Field.SSH_KEY,
            ) from None
    except Exception:  # unsupported algorithms raise various errors
        raise UsageError(
            QT_TRANSLATE_NOOP("Errors", "{path} holds a key type this program cannot use.").format(
                path=path
            ),
            field=Field.SSH_KEY,
        ) from None
    if encrypted and not passphrase:
        raise AuthError(
            QT_TRANSLATE_NOOP(
                "Errors", "The key file {path} is protected by a passphrase, and none was given."
            ).format(path=path),
            QT_TRANSLATE_NOOP("Errors", "Enter the key's passphrase."),
            field=Field.KEY_PASSPHRASE,
        )
    if encrypted:
        assert passphrase is not None
        try:
            serialization.load_ssh_private_key(data, password=passphrase.encode())
        except ValueError:
            try:
                serialization.load_pem_private_key(data, password=passphrase.encode())
            except (ValueError, TypeError):
                raise AuthError(
                    QT_TRANSLATE_NOOP(
                        "Errors", "The passphrase for the key file {path} is wrong."
                    ).format(path=path),
                    QT_TRANSLATE_NOOP(
                        "Errors",
                        "Enter the passphrase again (it is the one chosen when the key was made).",
                    ),
                    field=Field.KEY_PASSPHRASE,
                ) from None
    text = data.decode("ascii", "replace")
    password = passphrase if encrypted else None
    classes: list[type[paramiko.PKey]] = [paramiko.Ed25519Key, paramiko.ECDSAKey, paramiko.RSAKey]
    for cls in classes:
        try:
            return cls.from_private_key(io.StringIO(text), password=password)
        except (paramiko.SSHException, ValueError, TypeError):
            continue
    raise UsageError(
        QT_TRANSLATE_NOOP("Errors", "{path} holds a key type this program cannot use.").format(
            path=path
        ),
        field=Field.SSH_KEY,
    )


def authenticate(
    transport: paramiko.Transport,
    target: Target,
    credentials: Credentials,
    key: paramiko.PKey | None,
    cancel: threading.Event | None,
) -> None:
    """Log in as ``target.user``: the key file, the agent's keys, then the password."""
    user = target.user
    tried: list[str] = []
    allowed: list[str] | None = None

    def attempt(label: str, call: Callable[[], object]) -> None:
        nonlocal allowed
        check_cancel(cancel)
        try:
            call()
        except paramiko.BadAuthenticationType as exc:
            allowed = list(exc.allowed_types)
            log.debug("login with %s: server allows only %s", label, allowed)
        except paramiko.AuthenticationException:
            log.debug("login with %s refused", label)
        except (paramiko.SSHException, OSError, EOFError) as exc:
            raise ConnectError(
                QT_TRANSLATE_NOOP(
                    "Errors", "The connection to {host} closed during the login ({exc})."
                ).format(host=target.host, exc=exc),
                QT_TRANSLATE_NOOP(
                    "Errors",
                    "The server may limit login attempts (MaxAuthTries): try again with "
                    "fewer keys.",
                ),
            ) from None
        tried.append(label)

    if key is not None:
        attempt(f"key file {credentials.key_file}", lambda: transport.auth_publickey(user, key))
    if not transport.is_authenticated() and credentials.use_agent:
        agent: paramiko.Agent | None = None
        try:
            agent = paramiko.Agent()
            agent_keys = list(agent.get_keys())
        except (paramiko.SSHException, OSError) as exc:
            log.debug("SSH agent not usable: %s", exc)
            agent_keys = []
        if credentials.password is not None:
            agent_keys = agent_keys[:4]  # leave room for the password under MaxAuthTries
        try:
            for agent_key in agent_keys:
                if transport.is_authenticated():
                    break
                attempt(
                    f"agent key {agent_key.get_name()}",
                    functools.partial(transport.auth_publickey, user, agent_key),
                )
        finally:
            if agent is not None:
                agent.close()
    if not transport.is_authenticated() and credentials.password is not None:
        password = credentials.password
        attempt("password", lambda: transport.auth_password(user, password))
    if transport.is_authenticated():
        log.info("logged in to %s as %s", target.host, user)
        return
    if not tried:
        raise AuthError(
            QT_TRANSLATE_NOOP(
                "Errors",
                "There is no way to log in as {user}: no password, no key file, and no "
                "key in an SSH agent.",
            ).format(user=user),
            QT_TRANSLATE_NOOP("Errors", "Enter the password, or choose a key file."),
            field=Field.PASSWORD,
        )
    if (
        allowed is not None
        and "password" in tried
        and not {"password", "keyboard-interactive"} & set(allowed)
    ):
        raise AuthError(
            QT_TRANSLATE_NOOP(
                "Errors",
                "The server does not accept password logins for user {user} (it accepts: "
                "{allowed}).",
            ).format(user=user, allowed=", ".join(allowed)),
            QT_TRANSLATE_NOOP("Errors", "Log in with an SSH key file instead."),
            field=Field.SSH_KEY,
        )
    fix = "Check the user name and the password or key."
    if user == "root":
        fix += (
            " Many servers refuse root logins with a password (PermitRootLogin "
            "prohibit-password): use a key, or log in as an ordinary user with sudo rights."
        )
    raise AuthError(
        QT_TRANSLATE_NOOP(
            "Errors", "The server refused the login for user {user} (tried: {tried})."
        ).format(user=user, tried=", ".join(tried)),
        fix,
        field=Field.PASSWORD,
    )
