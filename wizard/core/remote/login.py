"""Logging in: the credentials, private key files, and the SSH authentication itself.

``Credentials`` never shows a secret in its ``repr``. ``authenticate`` tries a key file,
then the SSH agent's keys, then the password, and explains a refusal in plain words
(which methods were tried, which the server allows). Becoming root after the login is
:mod:`.sudo`'s part.

**The first login request goes ahead** (:func:`_request_ahead`): paramiko asks for the
userauth service and waits for the server's accept before it sends the request, and
the first command's channel is opened only after the login succeeded: two round trips
of their own. Here the service request, the login request and (``ahead``) the first
channel's open go back to back. RFC 4252 lets a client send its request without waiting
(5: "The client MAY send several authentication requests without waiting") and says
the server passes what follows a successful one to the service (5.1); OpenSSH answers a
channel open that follows a refused one with UNIMPLEMENTED and goes on (the fallback
methods then run as before, and that channel is dropped). A server that hangs up there
instead is connected to again without this (``AheadRefused``). Private paramiko calls:
``channel.PARAMIKO_PRIVATE``.
"""

from __future__ import annotations

import functools
import io
import logging
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from wizard.core.errors import AuthError, ConnectError, Field, UsageError
from wizard.core.lazy import LazyModule
from wizard.core.remote.connect import check_cancel
from wizard.core.remote.results import MASK
from wizard.core.translatable import QT_TRANSLATE_NOOP

# paramiko and cryptography load on first use (the first connect), not with this module:
# the window shows before them (wizard.core.lazy).
if TYPE_CHECKING:
    from collections.abc import Callable

    import paramiko
    from cryptography.hazmat.primitives import serialization

    from wizard.core.target import Target
else:
    paramiko = LazyModule("paramiko")
    serialization = LazyModule("cryptography.hazmat.primitives.serialization")

__all__ = ["Ahead", "AheadRefused", "Credentials", "authenticate", "load_key_file"]

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


class Ahead(Protocol):
    """Where the first command's channel is opened right behind the first login request
    (``channel.Channels``)."""

    def open_ahead(self) -> None: ...
    def drop_ahead(self) -> None: ...


class AheadRefused(Exception):
    """The server hung up on a refused login that had a channel open behind it: connect
    again without sending anything ahead."""


@functools.cache
def _ahead_handler() -> type[paramiko.auth_handler.AuthHandler]:
    """paramiko's AuthHandler, its login request sent right behind the service request."""
    base = paramiko.auth_handler.AuthHandler

    class RequestAhead(base):  # type: ignore[misc,valid-type]
        def _request_auth(self) -> None:
            base._request_auth(self)  # type: ignore[attr-defined]  # the service request
            accepted = paramiko.Message()
            accepted.add_string("ssh-userauth")
            accepted.rewind()
            # the request paramiko sends once the service is accepted, sent now
            base._parse_service_accept(self, accepted)  # type: ignore[attr-defined]

        def _parse_service_accept(self, m: paramiko.Message) -> None:
            log.debug("the server accepted the login service (the request went ahead)")

    return RequestAhead


def _request_ahead(
    transport: paramiko.Transport,
    user: str,
    secret: paramiko.PKey | str,
    ahead: Ahead | None,
) -> None:
    """``Transport.auth_publickey`` (a key) or ``auth_password`` (a str), the request
    sent without waiting for the service's accept, and the first channel's open right
    behind it (``ahead``). Raises as paramiko's own calls do."""
    if not transport.is_active() or not transport.initial_kex_done:
        raise paramiko.SSHException("No existing session")
    done = threading.Event()
    handler = _ahead_handler()(transport)
    transport.auth_handler = handler
    if isinstance(secret, str):
        handler.auth_password(user, secret, done)
    else:
        handler.auth_publickey(user, secret, done)
    if ahead is not None:
        ahead.open_ahead()
    try:
        handler.wait_for_response(done)
    except paramiko.BadAuthenticationType as exc:
        if isinstance(secret, str) and "keyboard-interactive" in exc.allowed_types:
            # paramiko's own password login answers a keyboard-interactive prompt instead
            transport.auth_password(user, secret)
            return
        raise


def authenticate(
    transport: paramiko.Transport,
    target: Target,
    credentials: Credentials,
    key: paramiko.PKey | None,
    cancel: threading.Event | None,
    ahead: Ahead | None = None,
) -> None:
    """Log in as ``target.user``: the key file, the agent's keys, then the password.

    The first request goes ahead of the server's accept, with ``ahead``'s channel behind
    it (see the module). Raises AheadRefused when that request was refused and the server
    hung up on the channel behind it.
    """
    user = target.user
    tried: list[str] = []
    allowed: list[str] | None = None
    first = [True]
    refused_ahead = [False]  # a refused login had a channel behind it

    def auth(secret: paramiko.PKey | str, call: Callable[[], object]) -> Callable[[], object]:
        """The first attempt goes ahead; the others are paramiko's own calls."""
        if not first[0]:
            return call
        first[0] = False

        def call_ahead() -> None:
            try:
                _request_ahead(transport, user, secret, ahead)
            except BaseException:
                if ahead is not None:
                    ahead.drop_ahead()  # the server ignores the channel behind a refusal
                    refused_ahead[0] = True
                    if not transport.is_active():
                        raise AheadRefused() from None
                raise

        return call_ahead

    def attempt(label: str, call: Callable[[], object]) -> None:
        nonlocal allowed
        check_cancel(cancel)
        try:
            call()
        except (paramiko.SSHException, OSError, EOFError) as exc:
            if refused_ahead[0] and not transport.is_active():
                # it hung up on the channel behind a refused login (paramiko may call
                # that a refused login too): connect again, step by step
                raise AheadRefused() from None
            if isinstance(exc, paramiko.BadAuthenticationType):
                allowed = list(exc.allowed_types)
                log.debug("login with %s: server allows only %s", label, allowed)
            elif isinstance(exc, paramiko.AuthenticationException):
                log.debug("login with %s refused", label)
            else:
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
        attempt(
            f"key file {credentials.key_file}",
            auth(key, lambda: transport.auth_publickey(user, key)),
        )
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
                    auth(agent_key, functools.partial(transport.auth_publickey, user, agent_key)),
                )
        finally:
            if agent is not None:
                agent.close()
    if not transport.is_authenticated() and credentials.password is not None:
        password = credentials.password
        attempt("password", auth(password, lambda: transport.auth_password(user, password)))
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
