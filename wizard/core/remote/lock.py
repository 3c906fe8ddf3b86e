"""The server lock: one Relay Wizard changes a server at a time.

What the lock is (:data:`LOCK_ACTIONS`, the remote command; who holds it, in words:
:mod:`.lock_owner`), how a core operation declares it (:func:`server_locked`), and how a
session takes it (:class:`ServerLocks`, behind ``SshSession.hold_server_lock`` and
``run_locked``; a held lock is a :class:`ServerLock` with its heartbeat, and it carries
an apply's finish as it is released).

The remote half lives in ``remote/scripts``: lib.sh's ``rw_take_lock`` takes a ``flock``
on fd 9 and records its owner; lock.sh holds it for as long as its stdin lasts (the
holder's heartbeat; a silent holder loses it after :data:`LOCK_LEASE` seconds);
run-locked.sh runs one command under it; lock-wrapper.sh, as the login user, appends
the client address sshd saw (sudo drops SSH_CLIENT).

The timings are read when used, so tests may change them on this module.
"""

from __future__ import annotations

import contextlib
import functools
import inspect
import logging
import re
import secrets
import select
import shlex
import threading
import time
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, ParamSpec, TypeVar

from wizard.core.errors import RemoteCommandError, UsageError
from wizard.core.lazy import LazyModule
from wizard.core.remote import scripts
from wizard.core.remote.channel import CHUNK
from wizard.core.remote.connect import POLL, check_cancel
from wizard.core.remote.lock_owner import (
    _LOCK_USER,
    LOCK_ACTIONS,
    LockOwner,
    ServerBusy,
    lock_wait_message,
    parse_lock_owner,
)
from wizard.core.remote.results import CommandResult, Privilege, mask_secrets
from wizard.core.translatable import QT_TRANSLATE_NOOP

if TYPE_CHECKING:
    import paramiko

    from wizard.core.remote.shell import RemoteShell
else:
    paramiko = LazyModule("paramiko")

__all__ = [
    "LOCK_ACTIONS",
    "LOCK_DIR",
    "LOCK_LEASE",
    "LOCK_WAIT",
    "LockOwner",
    "ServerBusy",
    "ServerLock",
    "ServerLocks",
    "build_lock_command",
    "lock_wait_message",
    "parse_lock_owner",
    "server_locked",
]

log = logging.getLogger("wizard.ssh")

Progress = Callable[[str], None] | None

LOCK_DIR = "/var/lib/relay-wizard"
# How long a second apply, rollback or account change waits for the first (seconds).
LOCK_WAIT = 30.0
# A holder that went silent (its network gone without a word) loses the lock after this
# many seconds without a heartbeat; a closed connection frees it at once.
LOCK_LEASE = 60

_LOCK_HEARTBEAT = 10.0
# How long the lock's answer to "finish JOURNAL" is waited for, off the caller's thread.
_FINISH_WAIT = 10.0
_JOURNAL = re.compile(r"[0-9A-Za-z-]{1,64}")
_LOCK_BUSY = 75  # the lock script's exit code: still held by another after the wait
_LOCK_ID = re.compile(r"[0-9a-f]{16}")

LOCK_TAKE_FN = scripts.lib("rw_take_lock")
_LOCK_SCRIPT = scripts.load("lock")
_LOCK_WRAPPER = scripts.load("lock-wrapper")


def build_lock_command(
    privilege: Privilege,
    what: str,
    user: str,
    wait: float,
    lease: int = LOCK_LEASE,
    lock_id: str = "",
) -> str:
    """The remote command that takes the server lock (see :data:`_LOCK_SCRIPT`).

    Every value is checked here and passed as its own argument; none is secret. As a
    non-root login it goes through sudo like ``build_remote_command`` does (``-k -S``:
    the password line on stdin is read by sudo and never reaches the script).
    """
    if what not in LOCK_ACTIONS:
        raise UsageError(
            QT_TRANSLATE_NOOP(
                "Errors", "{what} is not something that takes the server lock."
            ).format(what=repr(what))
        )
    if not _LOCK_USER.fullmatch(user):
        raise UsageError(
            QT_TRANSLATE_NOOP("Errors", "{user} is not a valid login name.").format(user=repr(user))
        )
    if not 0 <= wait <= 3600:
        raise UsageError(
            QT_TRANSLATE_NOOP("Errors", "{wait} is not a wait from 0 to 3600 seconds.").format(
                wait=repr(wait)
            )
        )
    if not 5 <= lease <= 3600:
        raise UsageError(
            QT_TRANSLATE_NOOP("Errors", "{lease} is not a lease from 5 to 3600 seconds.").format(
                lease=repr(lease)
            )
        )
    if lock_id and not _LOCK_ID.fullmatch(lock_id):
        raise UsageError(
            QT_TRANSLATE_NOOP("Errors", "{id} is not a lock id.").format(id=repr(lock_id))
        )
    argv = ["sh", "-c", _LOCK_SCRIPT, "relay-wizard-lock", what, user, str(int(wait)), str(lease)]
    argv.append(lock_id or "-")
    if privilege == "sudo-nopasswd":
        argv = ["sudo", "-n", "--", *argv]
    elif privilege == "sudo-password":
        argv = ["sudo", "-k", "-S", "-p", "", "--", *argv]
    return shlex.join(["sh", "-c", _LOCK_WRAPPER, "relay-wizard-lock", *argv])


class ServerLock:
    """The server lock while it is held (see :meth:`SshSession.hold_server_lock`).

    ``held`` is False when the server has no ``flock`` (``note`` says so). While held, a
    heartbeat thread sends one byte every few seconds, so that the server frees the lock
    when the holder falls silent.

    A lock is first *pending*: its request went out, its answer is read only when the
    first command under it needs it (:meth:`confirm`), so that taking the lock costs no
    round trip of its own. A command sent right behind the request may instead wait for
    the lock on the server, by its ``lock_id`` (steps.sh).
    """

    def __init__(
        self,
        what: str,
        chan: paramiko.Channel | None,
        note: str = "",
        lock_id: str = "",
        pending: Callable[[], str | None] | None = None,
    ) -> None:
        self.what = what
        self.held = chan is not None
        self.note = note
        self.lock_id = lock_id
        self._chan = chan
        self._pending = pending
        self._finish = ""  # the journal lock.sh marks applied as the lock goes
        self._confirming = threading.Lock()
        self._stop = threading.Event()
        self._beat: threading.Thread | None = None
        if chan is not None:
            self._beat = threading.Thread(
                target=self._heartbeat, name="relay-wizard-lock-heartbeat", daemon=True
            )
            self._beat.start()

    @property
    def pending(self) -> bool:
        """The lock was asked for; whether the server granted it is not known yet."""
        return self._pending is not None

    def confirm(self) -> None:
        """Wait until the server granted the lock (at once if it did already).

        Raises:
            ServerBusy, Cancelled, RemoteCommandError, ConnectError: as
            :meth:`SshSession.hold_server_lock`; the lock is then not held.
        """
        with self._confirming:
            settle, self._pending = self._pending, None
            if settle is None:
                return
            try:
                note = settle()
            except BaseException:
                self.held = False
                self.release()
                raise
            if note is not None:  # a server without flock: nothing is held
                self.held, self.note = False, note
                self.release()

    @property
    def lost(self) -> bool:
        """True when a held lock's channel ended (connection lost, or the lease ran out)."""
        chan = self._chan
        return not self.pending and chan is not None and (chan.closed or chan.exit_status_ready())

    def _heartbeat(self) -> None:
        assert self._chan is not None
        while not self._stop.wait(_LOCK_HEARTBEAT):
            try:
                self._chan.sendall(b"\n")
            except (paramiko.SSHException, OSError, EOFError) as exc:
                log.info("the server lock's heartbeat stopped: %s", exc)
                return

    def finish_on_release(self, journal: str) -> bool:
        """Have the lock's shell mark ``journal`` applied as the lock goes (lock.sh's
        "finish JOURNAL"), instead of a command of its own: a round trip less per apply.

        Only on a lock held on its channel (not on a server without flock); False when
        it is not, and the caller records the journal itself. The line goes with the
        release, behind every command of the operation on the same connection; when the
        connection is gone before, the journal stays unfinished, as when a finish command
        is lost: the next apply or rollback takes the lock and undoes it.
        """
        if self.pending:
            self.confirm()
        if not self.held or self.lost or not _JOURNAL.fullmatch(journal):
            return False
        self._finish = journal
        return True

    def release(self) -> None:
        """Let go of the lock: EOF and close on its channel, without waiting for the
        server's side (that would cost a round trip; the lock shell ends within
        milliseconds, and a next lock taken at once waits for it quietly). A journal to
        finish (:meth:`finish_on_release`) goes first; the lock shell's answer is read
        on a helper thread, which logs it.

        Never raises: a lost connection has freed the lock already.
        """
        self._stop.set()
        if self._beat is not None:
            self._beat.join(2.0)
        chan, self._chan = self._chan, None
        if chan is None:
            return
        journal, self._finish = self._finish, ""
        try:
            if journal:
                chan.sendall(f"finish {journal}\n".encode())
            chan.shutdown_write()
        except Exception as exc:  # the connection may be gone: then so is the lock
            log.debug("releasing the server lock: %s", exc)
            journal = ""
        finally:
            if journal:
                threading.Thread(
                    target=_read_finish,
                    args=(chan, journal),
                    name="relay-wizard-lock-finish",
                    daemon=True,
                ).start()
            else:
                with contextlib.suppress(Exception):
                    chan.close()
        log.info("released the server lock (%s)", self.what)


def _read_finish(chan: paramiko.Channel, journal: str) -> None:
    """Log whether the lock's shell marked ``journal`` applied, then close its channel."""
    out = bytearray()
    deadline = time.monotonic() + _FINISH_WAIT
    try:
        while time.monotonic() < deadline and not chan.closed:
            if chan.recv_ready():
                out += chan.recv(CHUNK)
                continue
            if chan.exit_status_ready() and chan.eof_received:
                break
            select.select([chan.fileno()], [], [], POLL)
    except Exception as exc:  # the connection went away
        log.debug("reading the lock's answer: %s", exc)
    finally:
        with contextlib.suppress(Exception):
            chan.close()
    if f"finished {journal}".encode() in out.splitlines():
        log.info("the server recorded the apply %s as applied", journal)
    else:
        log.warning(
            "the server did not confirm that the apply %s was recorded: the next apply or "
            "rollback undoes it",
            journal,
        )


_P = ParamSpec("_P")
_R = TypeVar("_R")


def server_locked(
    what: str, *, defer: bool = False
) -> Callable[[Callable[_P, _R]], Callable[_P, _R]]:
    """Decorate a core operation to run under the server lock (``hold_server_lock``).

    ``defer``: the operation starts at once; its first command waits for the lock's
    answer, or waits for the lock on the server itself (:class:`ServerLock`).

    The operation's ``session`` argument provides the lock; its ``cancel`` and
    ``progress`` arguments, if it has them, are used for the wait. A ``session`` without
    ``hold_server_lock`` (a unit test's fake runner) runs the operation unlocked.
    """
    if what not in LOCK_ACTIONS:
        raise UsageError(
            QT_TRANSLATE_NOOP(
                "Errors", "{what} is not something that takes the server lock."
            ).format(what=repr(what))
        )

    def decorate(func: Callable[_P, _R]) -> Callable[_P, _R]:
        signature = inspect.signature(func)

        @functools.wraps(func)
        def locked(*args: _P.args, **kwargs: _P.kwargs) -> _R:
            bound = signature.bind_partial(*args, **kwargs).arguments
            hold = getattr(bound.get("session"), "hold_server_lock", None)
            if hold is None:
                return func(*args, **kwargs)
            with hold(
                what, cancel=bound.get("cancel"), progress=bound.get("progress"), defer=defer
            ):
                return func(*args, **kwargs)

        return locked

    return decorate


class ServerLocks:
    """Takes the server lock for one session (``SshSession`` delegates here).

    Re-entrant per thread: the lock a thread holds is remembered, so an apply's own
    rollback runs under the apply's lock.
    """

    def __init__(self, shell: RemoteShell) -> None:
        self._shell = shell
        self._held: dict[int, ServerLock] = {}  # by thread

    @contextlib.contextmanager
    def hold(
        self,
        what: str,
        wait: float | None,
        cancel: threading.Event | None,
        progress: Progress,
        defer: bool = False,
    ) -> Iterator[ServerLock]:
        """The lock while the ``with`` block runs (``wait`` None: :data:`LOCK_WAIT`); see
        ``SshSession.hold_server_lock``."""
        me = threading.get_ident()
        outer = self._held.get(me)
        if outer is not None:
            yield outer
            return
        lock = self.acquire(
            what, LOCK_WAIT if wait is None else wait, cancel, progress, defer=defer
        )
        self._held[me] = lock
        try:
            yield lock
        finally:
            del self._held[me]
            lock.release()

    def lost(self) -> bool:
        """Did the lock this thread holds end under it (connection or lease lost)?"""
        lock = self._held.get(threading.get_ident())
        return lock is not None and lock.lost

    def current(self) -> ServerLock | None:
        """The lock this thread holds (maybe still pending), or None."""
        return self._held.get(threading.get_ident())

    def confirm(self) -> None:
        """Before a command under the lock this thread holds: wait until it is granted."""
        lock = self._held.get(threading.get_ident())
        if lock is not None and lock.pending:
            lock.confirm()

    def holding(self) -> bool:
        """Does this thread hold the lock already?"""
        return threading.get_ident() in self._held

    @staticmethod
    def inline(what: str, user: str, script: str) -> tuple[str, int]:
        """The command that runs ``script`` under the lock it takes itself (run-locked.sh),
        and how long it may wait for the lock (seconds, to add to the command's timeout)."""
        if what not in LOCK_ACTIONS:
            raise UsageError(
                QT_TRANSLATE_NOOP(
                    "Errors", "{what} is not something that takes the server lock."
                ).format(what=repr(what))
            )
        user = user if _LOCK_USER.fullmatch(user) else "unknown"
        wait = int(LOCK_WAIT)
        return scripts.command("run-locked", what, user, str(wait), "sh", "-c", script), wait

    def check_inline(self, result: CommandResult, what: str, started: float) -> CommandResult:
        """``result`` of an :meth:`inline` command; ServerBusy if it never got the lock."""
        lines = result.stdout.splitlines()
        if "no-flock" in lines:
            log.warning("the server has no flock command: %s ran without the lock", what)
        if result.exit_code == _LOCK_BUSY and any(ln.startswith("busy") for ln in lines):
            busy = [ln for ln in lines if ln.startswith("busy")]
            owner = parse_lock_owner(busy[-1][4:])
            host = self._shell.target.host
            raise ServerBusy.waited(host, what, owner, time.monotonic() - started, lease=LOCK_LEASE)
        return result

    def acquire(
        self,
        what: str,
        wait: float,
        cancel: threading.Event | None,
        progress: Progress,
        *,
        defer: bool = False,
    ) -> ServerLock:
        """Start the lock script on a channel of its own and wait until it holds the lock;
        with ``defer``, return at once a pending lock that waits when confirmed."""
        shell = self._shell
        lock_id = secrets.token_hex(8)
        remote = build_lock_command(
            shell.privilege, what, shell.target.user, wait, LOCK_LEASE, lock_id
        )
        shown = f"take the Relay Wizard lock on the server ({what})"
        log.info("lock: %s", shown)  # not "run:": the commands run under it are listed so
        with shell.serial:
            # the sudo password line, if any, goes first: sudo reads it; nothing else
            # ever reads this channel's stdin but the heartbeat counter
            chan = shell.channels.start(remote, shown, 30.0, cancel, shell.sudo_stdin(True))

        def settle() -> str | None:
            return self._await(chan, what, wait, cancel, progress, shown)

        lock = ServerLock(what, chan, lock_id=lock_id, pending=settle)
        if not defer:
            lock.confirm()
        return lock

    def _await(
        self,
        chan: paramiko.Channel,
        what: str,
        wait: float,
        cancel: threading.Event | None,
        progress: Progress,
        shown: str,
    ) -> str | None:
        """Read the lock script's lines until it holds the lock (None), gives up or fails;
        on a server without flock, the note that says so."""
        channels = self._shell.channels
        host = self._shell.target.host
        out = bytearray()
        err = bytearray()
        owner: LockOwner | None = None
        told = ""
        started = time.monotonic()
        deadline = started + wait + 15.0  # the script itself gives up after ``wait``
        wake = chan.fileno()
        while True:
            try:
                while chan.recv_ready():
                    out += chan.recv(CHUNK)
                while chan.recv_stderr_ready():
                    err += chan.recv_stderr(CHUNK)
            except (paramiko.SSHException, OSError, EOFError):
                raise channels.lost(shown) from None
            while b"\n" in out:
                raw, _, rest = bytes(out).partition(b"\n")
                out = bytearray(rest)
                line = raw.decode("utf-8", "replace").strip()
                if line == "locked":
                    log.info("holding the server lock (%s)", what)
                    return None
                if line == "no-flock":
                    note = (
                        "The server has no flock command: going on without the lock that "
                        "keeps a second Relay Wizard from changing it at the same time."
                    )
                    log.warning("%s", note)
                    if progress is not None:
                        progress(note)
                    return note
                if line.startswith("busy"):
                    seen = parse_lock_owner(line[4:])
                    if owner is not None and not seen.describe():
                        continue  # the holder just let go (it clears its line): keep the name
                    owner = seen
                    message = lock_wait_message(owner)
                    if message != told:
                        told = message
                        log.info("%s", message)
                        if progress is not None:
                            progress(message)
            if len(out) > 65536 or len(err) > 65536:
                out, err = out[-65536:], err[-65536:]
            if chan.exit_status_ready() and not chan.recv_ready() and not chan.recv_stderr_ready():
                code = chan.exit_status
                if code == _LOCK_BUSY:
                    raise ServerBusy.waited(
                        host, what, owner, time.monotonic() - started, lease=LOCK_LEASE
                    )
                result = CommandResult(
                    shown,
                    code,
                    mask_secrets(out.decode("utf-8", "replace"), channels.secrets),
                    mask_secrets(err.decode("utf-8", "replace"), channels.secrets),
                )
                raise RemoteCommandError(
                    QT_TRANSLATE_NOOP(
                        "Errors", "Cannot take the Relay Wizard lock on the server. {value}"
                    ).format(value=result.describe()),
                    result,
                    f"Check that {LOCK_DIR} can be created and written as root, then try again.",
                )
            if chan.closed:
                raise channels.refused(shown)
            check_cancel(cancel)
            if time.monotonic() > deadline:
                raise ServerBusy.waited(
                    host, what, owner, time.monotonic() - started, lease=LOCK_LEASE
                )
            select.select([wake], [], [], POLL)
