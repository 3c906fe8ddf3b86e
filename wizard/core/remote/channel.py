"""The command channels of one logged-in connection: open, exec, stream, stop.

Two round-trip savings live here, and both are visible on purpose:

- **exec without waiting** (:func:`send_exec`): the ``exec`` request, stdin and EOF go
  back to back, as the OpenSSH client does; the reply is checked once the command ended.
  It copies paramiko's own ``Channel.exec_command`` minus its wait, through private
  paramiko calls: :data:`PARAMIKO_PRIVATE` lists every one, and
  ``tests/unit/core/remote/test_paramiko_pin.py`` fails loudly when a paramiko release
  changes them (``pyproject.toml`` pins the range that test passed on).
- **spare channels** (:class:`SpareChannel`): while a command runs, the next commands'
  channels are opened in the background, so a command costs one round trip, not two.
  Two cold ones are kept (the apply's server lock and its steps go out back to back,
  each on its own channel) and one warm one.
- **warm channels**: a warm spare already runs a small reader (scripts/warm.sh) that
  takes the command's text and then its stdin from the channel, so that stdin (a
  password, the sudo password line) goes with the command: sshd lets a command's stdin
  through only once the command runs, a round trip after the exec request. Commands
  whose stdin can go ahead in the environment (root logins, nothing secret) take a
  cold spare: the reader is a process on the server, kept for those that need it. The
  first channel, opened behind the login (:meth:`Channels.open_ahead`), is cold: its
  command follows at once.

:class:`Channels` counts what it opens and runs (``bench/`` reads the counters). A
command that times out or is cancelled is stopped on the server by a callback the caller
gives (closing an SSH channel does not stop a command).
"""

from __future__ import annotations

import contextlib
import logging
import select
import shlex
import threading
import time
from collections import deque
from dataclasses import dataclass
from typing import TYPE_CHECKING

from wizard.core.errors import Cancelled, ConnectError, RemoteTimeout
from wizard.core.lazy import LazyModule
from wizard.core.remote import scripts
from wizard.core.remote.connect import POLL, check_cancel
from wizard.core.remote.results import CommandResult, mask_secrets
from wizard.core.translatable import QT_TRANSLATE_NOOP

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence

    import paramiko
else:
    paramiko = LazyModule("paramiko")

__all__ = ["CHUNK", "PARAMIKO_PRIVATE", "Channels", "PrivateCall", "SpareChannel", "send_exec"]

log = logging.getLogger("wizard.ssh")

# After the exit status arrived, how long to wait for output EOF that never comes
# (a daemon started by the command may keep stdout open).
_EXIT_GRACE = 1.0
# The most read or sent on a channel at once (bytes).
CHUNK = 32768
# Channels kept open ahead of the commands that will need them (sshd's MaxSessions is 10
# by default: a session uses at most these, a command's and the server lock's): two cold
# ones (opened only: costless on the server) and one warm one (its reader runs: a process).
COLD_SPARES = 2
WARM_SPARES = 1


@dataclass(frozen=True)
class PrivateCall:
    """A paramiko internal this module relies on, and what it must look like.

    ``params`` are a method's parameter names after ``self``; None marks an instance
    attribute, whose type on a fresh ``paramiko.<owner>`` must be ``kind``.
    """

    owner: str  # "Channel", "Transport" or "AuthHandler" (paramiko.<owner>)
    name: str
    params: tuple[str, ...] | None
    kind: str = ""
    why: str = ""


# Every paramiko internal (private or undocumented) the channel machinery uses: the
# one list tests/unit/core/remote/test_paramiko_pin.py checks against paramiko itself.
PARAMIKO_PRIVATE: tuple[PrivateCall, ...] = (
    PrivateCall("Channel", "_event_pending", (), why="send_exec: arms the exec reply"),
    PrivateCall("Transport", "_send_user_message", ("data",), why="send_exec: sends it"),
    PrivateCall("Channel", "remote_chanid", None, "int", "send_exec: the request's channel"),
    PrivateCall("Channel", "event_ready", None, "bool", "exec: did the server reply?"),
    PrivateCall("Channel", "eof_received", None, "int", "pump: the output has ended"),
    PrivateCall("Channel", "status_event", None, "Event", "pump: waits for the exit status"),
    PrivateCall("Channel", "event", None, "Event", "warm spare: its exec request answered"),
    # the login request sent ahead (wizard.core.remote.login._request_ahead)
    PrivateCall("AuthHandler", "_request_auth", (), why="login: sends the service request"),
    PrivateCall(
        "AuthHandler", "_parse_service_accept", ("m",), why="login: sends the login request"
    ),
    PrivateCall("AuthHandler", "auth_publickey", ("username", "key", "event"), why="login"),
    PrivateCall("AuthHandler", "auth_password", ("username", "password", "event"), why="login"),
    PrivateCall("AuthHandler", "wait_for_response", ("event",), why="login: the answer"),
    PrivateCall("Transport", "auth_handler", None, "None", "login: the handler in use"),
    PrivateCall("Transport", "initial_kex_done", None, "bool", "login: the handshake is done"),
)


def send_exec(chan: paramiko.Channel, command: str) -> None:
    """Send the ``exec`` request without waiting for its reply.

    paramiko's ``exec_command`` waits for the server's reply: one round trip per
    command. OpenSSH handles a channel's messages in order, so stdin and EOF sent right
    after the request reach the command (the OpenSSH client does the same). The reply
    still arrives (``chan.event_ready``); :meth:`Channels.exec` checks it once the
    command ended: a refused request closes the channel without an exit status.
    """
    m = paramiko.Message()
    m.add_byte(paramiko.common.cMSG_CHANNEL_REQUEST)
    m.add_int(chan.remote_chanid)
    m.add_string("exec")
    m.add_boolean(True)
    m.add_string(command)
    # paramiko's own exec_command, minus its wait (the private calls: PARAMIKO_PRIVATE)
    chan._event_pending()  # type: ignore[attr-defined]
    chan.transport._send_user_message(m)  # type: ignore[union-attr]


# A warm spare's command: reads the next command and runs it (scripts/warm.sh).
WARM = shlex.join(["sh", "-c", scripts.load("warm"), "relay-wizard-warm"])
WARM_END = "\n#relay-wizard-end"


def warm_request(remote: str) -> bytes:
    """What a warm channel's command reads before the command's own stdin."""
    text = (remote + WARM_END).encode("utf-8")
    return b"%d\n" % len(text) + text


class SpareChannel:
    """A session channel being opened on a background thread for the next command.

    ``warm``: once open, it already runs :data:`WARM`, which reads the command it is to
    run from stdin: the command and its stdin then go in one piece, without the round
    trip sshd puts between an exec request and the command's stdin."""

    def __init__(self, channels: Channels, *, warm: bool = True) -> None:
        self._transport = channels.transport
        self.warm = warm
        self._chan: paramiko.Channel | None = None
        self._done = threading.Event()
        self._thread = threading.Thread(
            target=self._open, args=(channels,), name="relay-wizard-ssh-spare", daemon=True
        )
        self._thread.start()

    def _open(self, channels: Channels) -> None:
        try:
            chan = self._transport.open_session(timeout=30.0)
            channels.opened += 1
            if self.warm:
                send_exec(chan, WARM)
            self._chan = chan
        except Exception as exc:  # the next command opens its own channel
            log.debug("no spare channel: %s", exc)
        finally:
            self._done.set()

    def take(self, timeout: float) -> paramiko.Channel | None:
        """The channel once it is open (waiting up to ``timeout``), or None (also when a
        warm channel's command ended: refused, or stopped on the server)."""
        if not self._done.wait(timeout):
            self._thread = threading.Thread(target=self.discard, daemon=True)
            self._thread.start()  # still opening: close it whenever it comes
            return None
        chan = self._chan
        if self.warm and chan is not None:
            # sshd answers the reader's exec request; one it refused leaves the channel
            # open with no command and no window: never send into that
            chan.event.wait(timeout)
        if (
            chan is None
            or chan.closed
            or not chan.active
            or chan.exit_status_ready()
            or (self.warm and not chan.event_ready)
        ):
            if chan is not None:
                with contextlib.suppress(Exception):
                    chan.close()
            return None
        return chan

    def discard(self) -> None:
        """Close the channel, once it is open (or has failed to open)."""
        self._done.wait(35.0)
        if self._chan is not None:
            with contextlib.suppress(Exception):
                self._chan.close()


class Channels:
    """Runs commands on channels of one logged-in ``transport``, to ``host``.

    ``secrets`` (the login's own) are masked in every output it returns. Not thread-safe
    by itself: the session runs one command at a time.
    """

    def __init__(self, transport: paramiko.Transport, host: str, secrets: Sequence[str]) -> None:
        self.transport = transport
        self.host = host
        self.secrets = tuple(secrets)
        # Cheap always-on instrumentation (bench/ reads it): SSH channels opened (exec and
        # SFTP) and remote commands run, the round trips that cost on a slow link.
        self.opened = 0
        self.commands = 0
        # The next commands' channels, opened while the current one runs (see take).
        self._spares: deque[SpareChannel] = deque()
        self._stoppers: list[threading.Thread] = []

    def open_ahead(self) -> None:
        """Open the first command's channel now, behind the login request still
        unanswered (``login.authenticate``): it is open once the login succeeded. Not
        warm: its command follows at once, before a warm command's start would be known."""
        self._spares.append(SpareChannel(self, warm=False))

    def drop_ahead(self) -> None:
        """The login in front of the channels opened ahead was refused: the server
        ignores them, so close them once their open gives up, and open new ones."""
        spares, self._spares = list(self._spares), deque()
        for spare in spares:
            threading.Thread(
                target=spare.discard, name="relay-wizard-ssh-drop", daemon=True
            ).start()

    def take(self, timeout: float, warm: bool = False) -> tuple[paramiko.Channel, bool]:
        """A session channel for the next command, and whether it is warm (runs
        :data:`WARM`): the oldest spare of the kind asked for once it is open (``warm``:
        for stdin that cannot go ahead in the environment), else of the other kind (either
        serves any command), else a new one.

        Then new spares are opened in the background (:data:`COLD_SPARES` and
        :data:`WARM_SPARES`), so that the next commands find their channels already
        confirmed. A spare that failed (sshd's MaxSessions, say) just means a command opens
        its own, as without spares.
        """
        chan = None
        got_warm = False
        for kind in (warm, not warm):
            while chan is None and any(sp.warm == kind for sp in self._spares):
                spare = next(sp for sp in self._spares if sp.warm == kind)
                self._spares.remove(spare)
                chan, got_warm = spare.take(timeout), spare.warm
        if chan is None:
            chan = self.transport.open_session(timeout=timeout)
            self.opened += 1
            got_warm = False
        for kind, count in ((False, COLD_SPARES), (True, WARM_SPARES)):
            while sum(sp.warm == kind for sp in self._spares) < count:
                self._spares.append(SpareChannel(self, warm=kind))
        return chan, got_warm

    def start(
        self,
        remote: str,
        shown: str,
        timeout: float,
        cancel: threading.Event | None,
        stdin: bytes = b"",
        env: dict[str, str] | None = None,
        warm: bool = False,
    ) -> paramiko.Channel:
        """Take a channel and send ``remote``'s exec request (or, on a warm channel,
        ``remote`` itself), then ``stdin`` if given. ``env``: variables asked for first
        (``env`` requests: sshd sets those its ``AcceptEnv`` allows and ignores the others
        without a reply); not on a warm channel, whose command runs already. ``warm``: the
        command's stdin follows (not given here) and does not go in ``env``: a warm channel
        is preferred.

        Raises ConnectError (the connection is gone) or Cancelled; on either the channel
        is closed.
        """
        if not self.transport.is_active():
            raise self.lost(shown)
        check_cancel(cancel)
        try:
            # a warm channel for stdin that does not go ahead in the environment
            chan, warm = self.take(min(timeout, 30.0), warm or (bool(stdin) and not env))
        except (paramiko.SSHException, OSError, EOFError):
            raise self.lost(shown) from None
        self.commands += 1
        try:
            if warm:
                chan.sendall(warm_request(remote))
            else:
                for name, value in (env or {}).items():
                    chan.set_environment_variable(name, value)
                send_exec(chan, remote)
            if stdin:
                chan.sendall(stdin)
        except (paramiko.SSHException, OSError, EOFError):
            chan.close()
            raise self.lost(shown) from None
        return chan

    def exec(
        self,
        remote: str,
        shown: str,
        stdin: bytes,
        timeout: float,
        cancel: threading.Event | None,
        secrets: Sequence[str] = (),
        *,
        raw: bool = False,
        stop: Callable[[], None] | None = None,
        quiet: bool = False,
        on_output: Callable[[bytes], None] | None = None,
        env: dict[str, str] | None = None,
    ) -> CommandResult:
        """Run ``remote`` as is and collect its result.

        ``raw``: stdout is the bytes as latin-1 text, unmasked (for ``read_file``).
        ``on_output``: called with each piece of stdout as it arrives (unmasked: the
        caller's own protocol); if it raises, the command is stopped like a cancelled one.
        ``stop``: stops the command on the server, run on a helper thread when it times
        out or is cancelled. ``quiet``: an expected failure (a probe): log it at debug
        level only.
        """
        secrets = [*secrets, *self.secrets]
        log.log(logging.DEBUG if quiet else logging.INFO, "run: %s", shown)
        started = time.monotonic()
        chan = self.start(remote, shown, timeout, cancel, env=env, warm=bool(stdin) and not env)
        try:
            try:
                code, out, err = self._pump(chan, stdin, timeout, cancel, shown, stop, on_output)
            except (paramiko.SSHException, OSError, EOFError):
                raise self.lost(shown) from None
            if not chan.event_ready:  # no reply to the exec request, or a refusal
                raise self.refused(shown)
        finally:
            chan.close()
        stdout = (
            out.decode("latin-1") if raw else mask_secrets(out.decode("utf-8", "replace"), secrets)
        )
        stderr = mask_secrets(err.decode("utf-8", "replace"), secrets)
        result = CommandResult(shown, code, stdout, stderr)
        log.debug("exit %d after %.2f s: %s", code, time.monotonic() - started, shown)
        if code != 0:
            log.log(logging.DEBUG if quiet else logging.INFO, "%s", result.describe())
        return result

    def _pump(
        self,
        chan: paramiko.Channel,
        stdin: bytes,
        timeout: float,
        cancel: threading.Event | None,
        shown: str,
        stop: Callable[[], None] | None,
        on_output: Callable[[bytes], None] | None = None,
    ) -> tuple[int, bytes, bytes]:
        """Feed stdin and drain stdout/stderr concurrently until the command ends."""
        out = bytearray()
        err = bytearray()
        sent = 0
        if not stdin:
            chan.shutdown_write()
        deadline = time.monotonic() + timeout
        last_progress = time.monotonic()
        wake = chan.fileno()
        while True:
            progressed = False
            if chan.recv_ready():
                piece = chan.recv(CHUNK)
                out += piece
                progressed = True
                if on_output is not None and piece:
                    try:
                        on_output(piece)
                    except BaseException:
                        self._abort(chan, stop)
                        raise
            if chan.recv_stderr_ready():
                err += chan.recv_stderr(CHUNK)
                progressed = True
            if sent < len(stdin) and chan.send_ready():
                if chan.closed or chan.exit_status_ready():
                    sent = len(stdin)  # the command ended without reading it all
                else:
                    sent += chan.send(stdin[sent : sent + CHUNK])
                    progressed = True
                    if sent >= len(stdin):
                        chan.shutdown_write()
            if progressed:
                last_progress = time.monotonic()
                continue
            now = time.monotonic()
            if chan.exit_status_ready() and (
                chan.eof_received or now - last_progress > _EXIT_GRACE
            ):
                break
            if chan.closed:
                break
            if cancel is not None and cancel.is_set():
                self._abort(chan, stop)
                log.info("cancelled: %s", shown)
                raise Cancelled()
            if now > deadline:
                self._abort(chan, stop)
                raise RemoteTimeout(
                    QT_TRANSLATE_NOOP(
                        "Errors",
                        "The command `{shown}` did not finish within {timeout} s; it was stopped.",
                    ).format(shown=shown, timeout=format(timeout, "g")),
                    QT_TRANSLATE_NOOP(
                        "Errors",
                        "The server may be overloaded or the command stuck; try again, or allow "
                        "more time.",
                    ),
                )
            if chan.eof_received:
                chan.status_event.wait(POLL)
            elif sent < len(stdin):
                select.select([wake], [], [], 0.005)  # waiting for the send window
            else:
                select.select([wake], [], [], POLL)
        if chan.exit_status_ready():
            return chan.exit_status, bytes(out), bytes(err)
        if not self.transport.is_active():
            raise self.lost(shown)
        return -1, bytes(out), bytes(err)

    def _abort(self, chan: paramiko.Channel, stop: Callable[[], None] | None) -> None:
        """Close the channel and stop the command on the server.

        Closing an SSH channel does not stop the remote command, so a helper thread
        runs ``stop`` (a second command that signals it). It runs in the background so
        that Cancelled/RemoteTimeout is raised at once; ``close()`` waits for it.
        """
        chan.close()
        if stop is None:
            return
        stopper = threading.Thread(target=stop, name="wizard-ssh-stop", daemon=True)
        self._stoppers = [t for t in self._stoppers if t.is_alive()] + [stopper]
        stopper.start()

    def lost(self, shown: str) -> ConnectError:
        """The error for a connection lost while running ``shown``."""
        return ConnectError(
            QT_TRANSLATE_NOOP(
                "Errors", "The connection to {host} was lost (while running `{shown}`)."
            ).format(host=self.host, shown=shown),
            QT_TRANSLATE_NOOP("Errors", "Check the network and connect again."),
        )

    def refused(self, shown: str) -> ConnectError:
        """A channel that ended without running ``shown``: the connection is gone, or the
        server refused the exec request."""
        if not self.transport.is_active():
            return self.lost(shown)
        return ConnectError(
            QT_TRANSLATE_NOOP(
                "Errors",
                "The server {host} refused to run `{shown}` (the SSH exec request failed).",
            ).format(host=self.host, shown=shown),
            QT_TRANSLATE_NOOP(
                "Errors",
                "Check the server's sshd configuration (ForceCommand, MaxSessions) and "
                "connect again.",
            ),
        )

    def settle(self) -> None:
        """Wait (a few seconds at most) for the stopping of cancelled commands."""
        deadline = time.monotonic() + 5.0
        for stopper in self._stoppers:
            stopper.join(max(0.0, deadline - time.monotonic()))

    def close(self) -> None:
        """Close the connection (and the spare channels, once they are open)."""
        spares, self._spares = list(self._spares), deque()
        self.transport.close()
        for spare in spares:
            spare.discard()
