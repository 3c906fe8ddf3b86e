"""SSH to the mail server: the session the core uses.

The flow is ``SshSession.connect()`` (TCP, SSH handshake, host-key check against the
app's own known_hosts file *before* any credential is sent, login, then finding out
how to become root), followed by ``run()``, ``read_file()``, ``file_exists()``,
``write_file_atomic()`` and the server lock (``hold_server_lock()``, ``run_locked()``).

Where each part lives: reaching and trusting the server in :mod:`.connect` and
:mod:`.hostkeys`, the login in :mod:`.login`, becoming root in :mod:`.sudo`, running
commands in :mod:`.shell` (on the channels of :mod:`.channel`), files in :mod:`.files`,
the server lock in :mod:`.lock`.

Threading: everything on one session runs on one thread at a time. A lock enforces
it (a second thread simply waits), but the intended use is one worker thread per
session; the GUI talks to it through signals and stops it with a ``cancel`` event.

Secrets: the SSH password, the key passphrase and the sudo password never appear in
a command line, in a ``CommandResult``, or in a log record. The sudo password only
ever travels on the stdin of ``sudo -S``. Extra ``secrets`` given to ``run()`` are
replaced by ``***`` in the displayed command and in the captured output.
"""

from __future__ import annotations

import logging
import time
from typing import TYPE_CHECKING

from wizard.core.errors import Field, UsageError
from wizard.core.lazy import LazyModule
from wizard.core.remote.channel import Channels
from wizard.core.remote.connect import (
    check_cancel,
    check_host_key,
    handshake,
    open_socket,
    prefer_known_key_types,
)
from wizard.core.remote.files import RemoteFiles
from wizard.core.remote.lock import ServerLock, ServerLocks
from wizard.core.remote.login import AheadRefused, Credentials, authenticate, load_key_file
from wizard.core.remote.shell import RemoteShell
from wizard.core.remote.sudo import find_privilege
from wizard.core.translatable import QT_TRANSLATE_NOOP

# paramiko loads on first use (the first connect), not with this module: the window
# shows before it (wizard.core.lazy).
if TYPE_CHECKING:
    import contextlib
    import threading
    from collections.abc import Callable, Sequence
    from types import TracebackType

    import paramiko

    from wizard.core.remote.hostkeys import KnownHosts
    from wizard.core.remote.results import CommandResult
    from wizard.core.target import Target
else:
    paramiko = LazyModule("paramiko")

__all__ = ["SshSession"]

log = logging.getLogger("wizard.ssh")


class SshSession(RemoteShell):
    """A logged-in SSH connection that knows how to become root.

    Create it with :meth:`connect`. Everything on one session runs on one thread at a
    time: a lock serialises ``run``/``read_file``/``file_exists``/``write_file_atomic``.
    ``close()`` may be called from any thread (it aborts a command in progress).
    """

    def __init__(
        self,
        target: Target,
        transport: paramiko.Transport,
        credentials: Credentials,
        host_key_fingerprint: str,
        channels: Channels | None = None,
    ) -> None:
        super().__init__(target, transport, credentials.secrets(), channels)
        self.host_key_fingerprint = host_key_fingerprint
        self._files = RemoteFiles(self)
        self._locks = ServerLocks(self)

    # ---- connecting

    @classmethod
    def connect(
        cls,
        target: Target,
        credentials: Credentials,
        known_hosts: KnownHosts,
        *,
        accept_new_host_key: bool | str = False,
        timeout: float = 10.0,
        cancel: threading.Event | None = None,
    ) -> SshSession:
        """Connect, check the host key, log in and find out how to become root.

        Args:
            target: where and as whom.
            credentials: password, key file (+ passphrase), agent use, sudo password.
            known_hosts: the saved host keys; checked before any credential is sent.
            accept_new_host_key: for a host with no saved key, True accepts and saves
                whatever key it presents; a ``"SHA256:..."`` string accepts only the key
                with that fingerprint. A *changed* key is always refused.
            timeout: seconds for each step (name lookup, TCP, handshake, login).
            cancel: set it to abort; the wait ends within about 0.05 s.

        Raises:
            ConnectError, HostKeyUnknown, HostKeyChanged, AuthError, SudoError,
            PrivilegeError, UsageError, Cancelled.
        """
        if isinstance(accept_new_host_key, str) and not accept_new_host_key.upper().startswith(
            "SHA256:"
        ):
            raise UsageError(
                QT_TRANSLATE_NOOP(
                    "Errors", "{accept_new_host_key} is not a host key fingerprint."
                ).format(accept_new_host_key=repr(accept_new_host_key)),
                QT_TRANSLATE_NOOP(
                    "Errors",
                    "Give it as ssh-keygen -l prints it: SHA256: followed by 43 characters.",
                ),
                field=Field.HOST_KEY,
            )
        for secret, field in (
            (credentials.password, Field.PASSWORD),
            (credentials.sudo_password, Field.SUDO_PASSWORD),
        ):
            if secret is not None and ("\n" in secret or "\r" in secret or "\0" in secret):
                raise UsageError(
                    QT_TRANSLATE_NOOP("Errors", "A password contains a line break."),
                    QT_TRANSLATE_NOOP("Errors", "Enter the password on one line."),
                    field=field,
                )
        check_cancel(cancel)
        key = (
            load_key_file(credentials.key_file, credentials.key_passphrase)
            if credentials.key_file is not None
            else None
        )
        log.info("connecting to %s", target)
        try:
            return cls._connect(
                target, credentials, known_hosts, key, accept_new_host_key, timeout, cancel
            )
        except AheadRefused:
            log.info("the server hung up on a refused login: connecting again, step by step")
            return cls._connect(
                target,
                credentials,
                known_hosts,
                key,
                accept_new_host_key,
                timeout,
                cancel,
                ahead=False,
            )

    @classmethod
    def _connect(
        cls,
        target: Target,
        credentials: Credentials,
        known_hosts: KnownHosts,
        key: paramiko.PKey | None,
        accept_new_host_key: bool | str,
        timeout: float,
        cancel: threading.Event | None,
        *,
        ahead: bool = True,
    ) -> SshSession:
        sock = open_socket(target, timeout, cancel)
        transport: paramiko.Transport | None = None
        session: SshSession | None = None
        try:
            transport = paramiko.Transport(sock)
            transport.banner_timeout = timeout
            transport.handshake_timeout = timeout
            transport.auth_timeout = timeout
            prefer_known_key_types(transport, known_hosts.lookup(target.host, target.port))
            handshake(transport, target, timeout, cancel)
            check_cancel(cancel)
            fp = check_host_key(transport, target, known_hosts, accept_new_host_key)
            # made before the login: the first command's channel is opened right behind it
            channels = Channels(transport, target.host, credentials.secrets())
            authenticate(transport, target, credentials, key, cancel, channels if ahead else None)
            transport.set_keepalive(30)
            session = cls(target, transport, credentials, fp, channels)
            session._become_root(credentials, max(timeout, 30.0), cancel)
            log.info("connected to %s, privilege %s", target, session.privilege)
            return session
        except BaseException:
            if session is not None:
                session.close()
            elif transport is not None:
                transport.close()
            else:
                sock.close()
            raise

    def _become_root(
        self, credentials: Credentials, timeout: float, cancel: threading.Event | None
    ) -> None:
        def probe(remote: str, shown: str, stdin: bytes) -> CommandResult:
            return self.channels.exec(remote, shown, stdin, timeout, cancel, quiet=True)

        self.privilege, self._sudo_password = find_privilege(probe, self.target.user, credentials)

    # ---- the server lock (wizard.core.remote.lock)

    def hold_server_lock(
        self,
        what: str,
        *,
        wait: float | None = None,
        cancel: threading.Event | None = None,
        progress: Callable[[str], None] | None = None,
        defer: bool = False,
    ) -> contextlib.AbstractContextManager[ServerLock]:
        """Hold the server's Relay Wizard lock while the ``with`` block runs.

        ``what`` (a key of :data:`.lock.LOCK_ACTIONS`) is recorded, with the login user,
        the client address sshd saw and the time, for whoever has to wait. The lock is a
        ``flock`` on ``/var/lib/relay-wizard/lock`` held by a remote shell on one extra
        channel of this connection: it lives as long as that channel, so a cut connection
        frees it at once, and one that went silent frees it after :data:`.lock.LOCK_LEASE`
        seconds without the holder's heartbeat. Re-entrant per thread on one session (an
        apply's own rollback runs under the apply's lock).

        When another Relay Wizard holds it, ``progress`` says who, and the wait lasts up
        to ``wait`` seconds (default :data:`.lock.LOCK_WAIT`). A server without ``flock``
        is used without a lock (``progress`` says so; the yielded lock has ``held`` False).

        ``defer``: yield at once a pending lock (no round trip): the first command under it
        waits for the server's answer (``ServerLock.confirm``), or waits for the lock on the
        server itself (an apply's steps, wizard.core.change.batch).

        Raises:
            ServerBusy: still held by the other one after ``wait``; nothing was done.
            Cancelled: ``cancel`` was set while waiting.
            RemoteCommandError, ConnectError: the lock could not be taken.
        """
        return self._locks.hold(what, wait, cancel, progress, defer)

    def run_locked(
        self,
        what: str,
        script: str,
        *,
        stdin: bytes | str | None = None,
        timeout: float = 120.0,
        secrets: Sequence[str] = (),
        cancel: threading.Event | None = None,
    ) -> CommandResult:
        """Run one shell ``script`` as root under the server lock, taken inline.

        For an operation that is one command (an account change): the script itself takes
        the lock (run-locked.sh) and holds it until it ends, so the lock costs no
        channel and no round trip of its own. A thread that holds the lock already
        (``hold_server_lock``) runs the script as it is.

        Raises:
            ServerBusy: another Relay Wizard kept the lock for :data:`.lock.LOCK_WAIT`
                seconds; nothing of ``script`` ran.
            The errors of :meth:`run`.
        """
        if self._locks.holding():
            return self.run(script, stdin=stdin, timeout=timeout, secrets=secrets, cancel=cancel)
        locked, wait = self._locks.inline(what, self.target.user, script)
        started = time.monotonic()
        result = self.run(
            locked, stdin=stdin, timeout=timeout + wait, secrets=secrets, cancel=cancel
        )
        return self._locks.check_inline(result, what, started)

    def server_lock_lost(self) -> bool:
        """Did the server lock this thread holds end under it (connection or lease lost)?"""
        return self._locks.lost()

    def server_lock(self) -> ServerLock | None:
        """The server lock this thread holds (maybe still pending: :class:`.lock.ServerLock`)."""
        return self._locks.current()

    def before_command(self) -> None:
        """A command under a pending server lock waits until the server granted it."""
        self._locks.confirm()

    # ---- files (wizard.core.remote.files)

    def read_file(self, path: str) -> bytes:
        """The content of ``path`` on the server, read as root.

        Raises:
            RemoteCommandError: the file is missing or unreadable.
        """
        self.before_command()
        return self._files.read(path)

    def file_exists(self, path: str) -> bool:
        """True if ``path`` exists on the server (checked as root; follows symlinks)."""
        self.before_command()
        return self._files.exists(path)

    def write_file_atomic(
        self,
        path: str,
        data: bytes,
        *,
        mode: int | None = None,
        owner: str | None = None,
        group: str | None = None,
    ) -> None:
        """Replace ``path`` on the server with ``data`` atomically, as root.

        Owner, group and mode default to those of the existing file; for a new file to
        ``root``, the owner's group and 0644. Pass ``mode`` for anything secret. How:
        :meth:`.files.RemoteFiles.write_atomic`.
        """
        self.before_command()
        self._files.write_atomic(path, data, mode, owner, group)

    # ---- lifetime

    def close(self) -> None:
        """Close the connection. Idempotent; callable from any thread.

        Waits (a few seconds at most) for the stopping of cancelled commands.
        """
        self.channels.settle()
        self._files.close()
        self.channels.close()
        self._sudo_password = None

    def __enter__(self) -> SshSession:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()
