"""Passwords in the operating system's keyring, through the ``keyring`` library; never in a file.

Where each secret lives. These names are part of the interface: the admin sees them in the
keyring's own tool (Passwords and Keys, KWalletManager, Keychain Access, Credential
Manager) and other programs may look them up.

=========================  ===============================  =============
secret                     keyring service name             keyring user
=========================  ===============================  =============
SMTP AUTH (SASL) password  ``relay-wizard:smtp:HOST``       the SASL user
SSH login password         ``relay-wizard:ssh:HOST:PORT``   the SSH user
sudo password              ``relay-wizard:sudo:HOST:PORT``  the SSH user
=========================  ===============================  =============

HOST is the server's name in lower case, an IPv6 address in brackets
(``relay-wizard:ssh:[2001:db8::1]:22``); PORT is the SSH port. SSH and sudo passwords are
stored only when the admin asks to remember them (the ``remember_*`` methods).

On the Secret Service (the keyring of Linux desktops: GNOME Keyring, KWallet, KeePassXC) the
SMTP password is also stored as the item msmtp looks up (field notes 9 and 10), so msmtp
built with libsecret needs no password line in its configuration:

- attributes ``host=HOST`` (lower case, IPv6 without brackets), ``service=smtp``,
  ``user=USER``, plus ``application=relay-wizard`` to say who wrote it;
- label ``Relay Wizard: SMTP password for USER@HOST``.

``secret-tool lookup host HOST service smtp user USER`` prints it. There is one such item per
host and user, as msmtp can only use one: storing replaces any there was (also one made by
hand with ``secret-tool store``), forgetting deletes it.

When there is no keyring, when it is locked and stays locked, or when D-Bus cannot be
reached, the methods raise :class:`KeyringUnavailable` or :class:`KeyringLocked`, each
with a plain-language message and a fix; the front end then offers to go on without saving
(and asks for the password when it is needed). There is never a plaintext fallback:
keyring's "keyrings.alt" backends (plain or "encrypted" files), its fail and null backends
and any backend keyring itself does not recommend (priority below 1) are refused.
Secrets are never logged.
"""

from __future__ import annotations

import contextlib
import ipaddress
import logging
from typing import TYPE_CHECKING, TypeVar

from wizard.core.errors import UsageError, WizardError
from wizard.core.lazy import LazyModule
from wizard.core.target import validate_host, validate_port
from wizard.core.translatable import QT_TRANSLATE_NOOP

# keyring (and D-Bus with it) loads on first use, not with this module: the window shows
# before it (wizard.core.lazy).
if TYPE_CHECKING:
    from collections.abc import Callable, Iterator

    import keyring
    import keyring.errors
    import secretstorage
    from keyring.backend import KeyringBackend
    from keyring.backends import SecretService, chainer, fail, null
else:
    keyring = LazyModule("keyring", "errors")
    SecretService = LazyModule("keyring.backends.SecretService")
    chainer = LazyModule("keyring.backends.chainer")
    fail = LazyModule("keyring.backends.fail")
    null = LazyModule("keyring.backends.null")

log = logging.getLogger("wizard.credentials")

SERVICE_PREFIX = "relay-wizard"
MSMTP_SERVICE = "smtp"
APPLICATION = "relay-wizard"
# How long an unlock prompt of the desktop keyring may stay open before we give up.
UNLOCK_TIMEOUT = 120.0
_MAX_USER = 256
_T = TypeVar("_T")


class CredentialStoreError(WizardError):
    """The keyring refused an operation (other than being absent or locked)."""


class KeyringUnavailable(CredentialStoreError):
    """There is no usable keyring: none installed, D-Bus unreachable, or a refused backend."""


class KeyringLocked(CredentialStoreError):
    """The keyring is locked and was not unlocked (prompt dismissed or not answered)."""


def _unavailable(reason: str) -> KeyringUnavailable:
    return KeyringUnavailable(
        QT_TRANSLATE_NOOP(
            "Errors", "No keyring is available to keep passwords in ({value})."
        ).format(value=reason.rstrip(".")),
        QT_TRANSLATE_NOOP(
            "Errors",
            "Install your desktop's keyring (gnome-keyring, or KWallet or KeePassXC with "
            "Secret Service enabled) and run the wizard inside your desktop session, "
            "or go on without saving: the wizard then asks for the password whenever it needs it.",
        ),
    )


def _no_dbus(reason: str) -> KeyringUnavailable:
    return KeyringUnavailable(
        QT_TRANSLATE_NOOP(
            "Errors", "The desktop keyring cannot be reached over D-Bus ({value})."
        ).format(value=reason.rstrip(".")),
        QT_TRANSLATE_NOOP(
            "Errors",
            "Run the wizard inside your desktop session, with gnome-keyring (or another Secret "
            "Service) installed and running, "
            "or go on without saving: the wizard then asks for the password whenever it needs it.",
        ),
    )


def _locked(reason: str = "") -> KeyringLocked:
    message = (
        QT_TRANSLATE_NOOP(
            "Errors",
            "Your keyring is locked, so passwords can be neither saved nor read ({reason}).",
        )
        if reason
        else QT_TRANSLATE_NOOP(
            "Errors", "Your keyring is locked, so passwords can be neither saved nor read."
        )
    )
    return KeyringLocked(
        message.format(reason=reason.rstrip(".")),
        QT_TRANSLATE_NOOP(
            "Errors",
            "Unlock your login keyring (for example in Passwords and Keys, or by logging in to "
            "the desktop again) and try again, "
            "or go on without saving: the wizard then asks for the password whenever it needs it.",
        ),
    )


# --------------------------------------------------------------------------- names


def key_host(host: str) -> str:
    """The host as it appears in service names: validated, lower case, IPv6 in brackets."""
    host = host.strip()
    if host.startswith("[") and host.endswith("]"):
        host = host[1:-1]
    host = validate_host(host).lower()
    with contextlib.suppress(ValueError):
        if ipaddress.ip_address(host).version == 6:
            return f"[{host}]"
    return host


def msmtp_host(host: str) -> str:
    """The ``host`` attribute of the msmtp item: as in msmtp's ``host`` line, lower case."""
    return key_host(host).strip("[]")


def smtp_service(host: str) -> str:
    """Service name of the SMTP AUTH password of ``host``: ``relay-wizard:smtp:HOST``."""
    return f"{SERVICE_PREFIX}:smtp:{key_host(host)}"


def ssh_service(host: str, port: int = 22) -> str:
    """Service name of a remembered SSH password: ``relay-wizard:ssh:HOST:PORT``."""
    return f"{SERVICE_PREFIX}:ssh:{key_host(host)}:{validate_port(port)}"


def sudo_service(host: str, port: int = 22) -> str:
    """Service name of a remembered sudo password: ``relay-wizard:sudo:HOST:PORT``."""
    return f"{SERVICE_PREFIX}:sudo:{key_host(host)}:{validate_port(port)}"


def msmtp_attributes(host: str, user: str) -> dict[str, str]:
    """The attributes msmtp searches for: ``host``, ``service=smtp``, ``user``."""
    return {"host": msmtp_host(host), "service": MSMTP_SERVICE, "user": _check_user(user)}


def _check_user(user: str) -> str:
    if not user or len(user) > _MAX_USER or any(ord(c) < 32 or ord(c) == 127 for c in user):
        raise UsageError(
            QT_TRANSLATE_NOOP(
                "Errors", "{user} cannot be used as a user name in the keyring."
            ).format(user=repr(user)),
            QT_TRANSLATE_NOOP(
                "Errors",
                "Give the account name without spaces at either end or control characters.",
            ),
        )
    return user


def _check_password(password: str) -> str:
    if not isinstance(password, str) or not password:
        raise UsageError(
            QT_TRANSLATE_NOOP("Errors", "An empty password cannot be saved."),
            QT_TRANSLATE_NOOP("Errors", "Type the password to save."),
        )
    if "\0" in password:
        raise UsageError(
            QT_TRANSLATE_NOOP(
                "Errors", "The password contains a NUL character and cannot be saved."
            )
        )
    return password


# --------------------------------------------------------------------------- backends


def _refusal(backend: KeyringBackend) -> KeyringUnavailable | None:
    """Why ``backend`` must not hold passwords, or None when it may."""
    cls = type(backend)
    name = f"{cls.__module__}.{cls.__qualname__}"
    if cls.__module__.split(".")[0] == "keyrings":  # keyrings.alt and its kin: files
        return KeyringUnavailable(
            QT_TRANSLATE_NOOP(
                "Errors",
                "The configured keyring ({name}) keeps passwords in a file on disk, "
                "which Relay Wizard refuses to do.",
            ).format(name=name),
            QT_TRANSLATE_NOOP(
                "Errors",
                "Remove that setting (PYTHON_KEYRING_BACKEND, or keyringrc.cfg in keyring's "
                "configuration folder) so that your desktop's keyring is used, "
                "or go on without saving: the wizard then asks for the password whenever it "
                "needs it.",
            ),
        )
    if isinstance(backend, fail.Keyring):
        return _unavailable("no supported keyring was found")
    if isinstance(backend, null.Keyring):
        return _unavailable("the keyring is switched off in keyring's configuration")
    try:
        priority = float(backend.priority)
    except Exception as exc:  # keyring reports an unusable backend by raising from priority
        if isinstance(backend, SecretService.Keyring):
            return _no_dbus(str(exc))
        return _unavailable(f"{name}: {exc}")
    if priority < 1:
        return _unavailable(f"{name} is not a recommended keyring")
    return None


def _describe(backend: KeyringBackend) -> str:
    module = type(backend).__module__
    if isinstance(backend, SecretService.Keyring):
        return QT_TRANSLATE_NOOP("Keyring", "your desktop keyring (Secret Service)")
    if module.endswith(".macOS") or ".macOS." in module:
        return QT_TRANSLATE_NOOP("Keyring", "the macOS Keychain")
    if module.endswith(".Windows"):
        return QT_TRANSLATE_NOOP("Keyring", "the Windows Credential Manager")
    if module.endswith(".kwallet"):
        return "KWallet"
    return QT_TRANSLATE_NOOP("Keyring", "the keyring {name}").format(name=backend.name)


def _translate(exc: BaseException, dbus: bool) -> CredentialStoreError | None:
    """The typed error for a failure of keyring, SecretStorage or D-Bus; None if unknown.

    ``dbus``: the operation talked to the Secret Service, so an OS error is about D-Bus.
    """
    if isinstance(exc, CredentialStoreError):
        return exc
    if isinstance(exc, keyring.errors.KeyringLocked):
        return _locked()
    if isinstance(exc, keyring.errors.NoKeyringError):
        return _unavailable("no supported keyring was found")
    if isinstance(exc, keyring.errors.InitError):
        return _unavailable(str(exc))
    if isinstance(exc, keyring.errors.KeyringError):
        return CredentialStoreError(
            QT_TRANSLATE_NOOP("Errors", "The keyring refused the operation: {exc}.").format(
                exc=exc
            ),
            QT_TRANSLATE_NOOP(
                "Errors",
                "Try again, "
                "or go on without saving: the wizard then asks for the password whenever it "
                "needs it.",
            ),
        )
    module = type(exc).__module__
    if module.startswith("secretstorage"):
        kind = type(exc).__name__
        if kind == "LockedException":
            return _locked()
        if kind == "PromptDismissedException":
            return _locked("the unlock prompt was dismissed")
        if kind == "ItemNotFoundException":
            return _unavailable(f"the keyring has no collection to keep passwords in: {exc}")
        return _no_dbus(str(exc) or kind)
    if module.startswith("jeepney") or (dbus and isinstance(exc, OSError)):
        return _no_dbus(str(exc) or type(exc).__name__)
    if isinstance(exc, OSError):
        return _unavailable(str(exc) or type(exc).__name__)
    return None


@contextlib.contextmanager
def _translated(dbus: bool = False) -> Iterator[None]:
    try:
        yield
    except Exception as exc:
        typed = _translate(exc, dbus)
        if typed is None or typed is exc:
            raise
        raise typed from exc


# --------------------------------------------------------------------------- the store


class CredentialStore:
    """Save, look up and forget the wizard's passwords in the OS keyring.

    The backend is keyring's current one (``keyring.get_keyring()``) unless one is given;
    it is checked on every call, so a keyring that appears or goes away is noticed.
    Lookups return the password or None; every method raises :class:`KeyringUnavailable`
    or :class:`KeyringLocked` when the keyring cannot be used, and :class:`UsageError`
    for a malformed host, port, user or an empty password.
    """

    def __init__(
        self, backend: KeyringBackend | None = None, *, unlock_timeout: float = UNLOCK_TIMEOUT
    ) -> None:
        self._backend = backend
        self.unlock_timeout = unlock_timeout

    def __repr__(self) -> str:
        return f"<CredentialStore backend={self._backend!r}>"

    # ---- the backend

    def backend(self) -> KeyringBackend:
        """The keyring backend passwords go to; raises KeyringUnavailable if none may."""
        with _translated():
            try:
                backend = self._backend if self._backend is not None else keyring.get_keyring()
            except keyring.errors.KeyringError:
                raise
            except Exception as exc:  # keyring's detection itself failed
                raise _unavailable(str(exc)) from exc
        if isinstance(backend, chainer.ChainerBackend):
            # A chain passes a write on to the next backend when one fails: it must never
            # reach a file, so use the best backend of the chain that may hold passwords.
            chained: list[KeyringBackend] = list(backend.backends)
            allowed = [b for b in chained if _refusal(b) is None]
            if not allowed:
                raise (_refusal(chained[0]) if chained else None) or _unavailable(
                    "no supported keyring was found"
                )
            backend = allowed[0]
        refusal = _refusal(backend)
        if refusal is not None:
            raise refusal
        return backend

    def location(self) -> str:
        """Where passwords will live, for the admin: e.g. "your desktop keyring (Secret Service)"."""
        return _describe(self.backend())

    def problem(self) -> CredentialStoreError | None:
        """Why no password can be kept, or None when a usable keyring is there.

        Cheap enough for the start of the window: it finds the backend (no keyring, no
        D-Bus, a refused file backend) but neither unlocks nor prompts; a locked keyring
        is found out when a password is saved (:meth:`check`).
        """
        try:
            self.backend()
        except CredentialStoreError as exc:
            return exc
        return None

    def check(self) -> None:
        """Raise KeyringUnavailable or KeyringLocked unless passwords can be saved now.

        On the Secret Service a locked collection is unlocked first: the desktop shows its
        unlock prompt (for at most ``unlock_timeout`` seconds).
        """
        backend = self.backend()
        if isinstance(backend, SecretService.Keyring):
            with self._collection(backend):
                pass

    # ---- SMTP AUTH (SASL) passwords

    def store_sasl_password(self, host: str, user: str, password: str) -> None:
        """Save the SMTP AUTH password of ``user`` on ``host`` (and the msmtp item)."""
        service, attributes = smtp_service(host), msmtp_attributes(host, user)
        _check_password(password)
        backend = self.backend()

        def work(collection: secretstorage.Collection | None) -> None:
            backend.set_password(service, user, password)
            if collection is not None:
                for item in list(collection.search_items(attributes)):
                    item.delete()
                collection.create_item(
                    f"Relay Wizard: SMTP password for {user}@{attributes['host']}",
                    {**attributes, "application": APPLICATION},
                    password.encode("utf-8"),
                    replace=True,
                )

        self._run(backend, work)
        log.info("saved the SMTP password of %s for %s in %s", user, host, _describe(backend))

    def sasl_password(self, host: str, user: str) -> str | None:
        """The saved SMTP AUTH password of ``user`` on ``host``, or None.

        On the Secret Service an msmtp item saved by other means is found too.
        """
        service, attributes = smtp_service(host), msmtp_attributes(host, user)
        backend = self.backend()

        def work(collection: secretstorage.Collection | None) -> str | None:
            found = backend.get_password(service, user)
            if found is None and collection is not None:
                for item in collection.search_items(attributes):
                    if item.is_locked():
                        self._unlock(item)
                    return item.get_secret().decode("utf-8")
            return found

        return self._run(backend, work)

    def forget_sasl_password(self, host: str, user: str) -> bool:
        """Delete the SMTP AUTH password of ``user`` on ``host`` in both forms.

        Returns:
            True if anything was deleted.
        """
        service, attributes = smtp_service(host), msmtp_attributes(host, user)
        backend = self.backend()

        def work(collection: secretstorage.Collection | None) -> bool:
            deleted = _delete_all(backend, service, user)
            if collection is not None:
                for item in list(collection.search_items(attributes)):
                    item.delete()
                    deleted = True
            return deleted

        deleted = self._run(backend, work)
        if deleted:
            log.info("forgot the SMTP password of %s for %s", user, host)
        return deleted

    # ---- SSH and sudo passwords: only when the admin asks to remember them

    def remember_ssh_password(self, host: str, port: int, user: str, password: str) -> None:
        """Save the SSH login password of ``user`` on ``host:port`` (the admin asked to)."""
        self._remember(ssh_service(host, port), user, password, "SSH")

    def ssh_password(self, host: str, port: int, user: str) -> str | None:
        """The remembered SSH password of ``user`` on ``host:port``, or None."""
        return self._lookup(ssh_service(host, port), user)

    def forget_ssh_password(self, host: str, port: int, user: str) -> bool:
        """Delete the remembered SSH password; True if there was one."""
        return self._forget(ssh_service(host, port), user)

    def remember_sudo_password(self, host: str, port: int, user: str, password: str) -> None:
        """Save the sudo password of ``user`` on ``host:port`` (the admin asked to)."""
        self._remember(sudo_service(host, port), user, password, "sudo")

    def sudo_password(self, host: str, port: int, user: str) -> str | None:
        """The remembered sudo password of ``user`` on ``host:port``, or None."""
        return self._lookup(sudo_service(host, port), user)

    def forget_sudo_password(self, host: str, port: int, user: str) -> bool:
        """Delete the remembered sudo password; True if there was one."""
        return self._forget(sudo_service(host, port), user)

    # ---- internals

    def _remember(self, service: str, user: str, password: str, what: str) -> None:
        _check_user(user)
        _check_password(password)
        backend = self.backend()
        self._run(backend, lambda _c: backend.set_password(service, user, password))
        log.info(
            "saved the %s password of %s for %s in %s", what, user, service, _describe(backend)
        )

    def _lookup(self, service: str, user: str) -> str | None:
        _check_user(user)
        backend = self.backend()
        return self._run(backend, lambda _c: backend.get_password(service, user))

    def _forget(self, service: str, user: str) -> bool:
        _check_user(user)
        backend = self.backend()
        return self._run(backend, lambda _c: _delete_all(backend, service, user))

    def _run(
        self, backend: KeyringBackend, work: Callable[[secretstorage.Collection | None], _T]
    ) -> _T:
        """Run ``work`` with errors typed; on the Secret Service with the unlocked collection.

        The collection is opened (and unlocked) here first, on a connection closed
        afterwards, so that keyring itself never meets a locked collection.
        """
        if isinstance(backend, SecretService.Keyring):
            with _translated(dbus=True), self._collection(backend) as collection:
                return work(collection)
        with _translated():
            return work(None)

    @contextlib.contextmanager
    def _collection(self, backend: SecretService.Keyring) -> Iterator[secretstorage.Collection]:
        import secretstorage

        with _translated(dbus=True):
            connection = secretstorage.dbus_init()
            with contextlib.closing(connection):
                path = getattr(backend, "preferred_collection", None)
                if path:
                    collection = secretstorage.Collection(connection, path)
                else:
                    collection = secretstorage.get_default_collection(connection)
                if collection.is_locked():
                    self._unlock(collection)
                yield collection

    def _unlock(self, thing: secretstorage.Collection | secretstorage.Item) -> None:
        """Ask the Secret Service to unlock (the desktop prompts); KeyringLocked if it stays so."""
        try:
            thing.unlock(timeout=self.unlock_timeout)
        except TimeoutError:
            raise _locked("the unlock prompt was not answered") from None
        if thing.is_locked():
            raise _locked("it was not unlocked when asked")


def _delete_all(backend: KeyringBackend, service: str, user: str) -> bool:
    """Delete every entry for ``service``/``user``: some backends delete one per call."""
    deleted = False
    for _ in range(100):
        if backend.get_password(service, user) is None:
            break
        try:
            backend.delete_password(service, user)
        except keyring.errors.PasswordDeleteError:
            break
        deleted = True
    return deleted
