"""Running commands as root on a logged-in connection (the base of ``SshSession``).

``RemoteShell.run`` wraps a command for the login's privilege (:mod:`.results`), puts
the sudo password line first on stdin where sudo needs one, tags the command with a job
token so a timed-out or cancelled one can be stopped on the server, and masks every
secret in what it returns. The channels underneath are :class:`.channel.Channels`.

Threading: everything on one shell runs on one thread at a time. ``serial`` (a lock)
enforces it (a second thread simply waits); the intended use is one worker thread per
session.
"""

from __future__ import annotations

import base64
import functools
import logging
import secrets as _random
import threading
from typing import TYPE_CHECKING

from wizard.core.errors import RemoteCommandError
from wizard.core.remote import scripts
from wizard.core.remote.channel import Channels
from wizard.core.remote.results import (
    STDIN_VAR,
    CommandResult,
    Privilege,
    build_remote_command,
    command_text,
    mask_secrets,
    stdin_fits_env,
    stdin_from_env,
)

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence

    import paramiko

    from wizard.core.target import Target

__all__ = ["RemoteShell"]

log = logging.getLogger("wizard.ssh")

# Stops every process tagged with the job token in its environment: kill-job.sh.
_KILL = "kill-job"


class RemoteShell:
    """Commands as root (or as the login user) on one logged-in SSH transport."""

    def __init__(
        self,
        target: Target,
        transport: paramiko.Transport,
        secrets: Sequence[str],
        channels: Channels | None = None,
    ) -> None:
        self.target = target
        self.privilege: Privilege = "root"
        # ``channels``: made before the login, which opened the first channel ahead
        self.channels = channels or Channels(transport, target.host, secrets)
        # One command at a time (run, the file operations, taking the server lock).
        self.serial = threading.RLock()
        self._sudo_password: str | None = None

    def run(
        self,
        command: str | Sequence[str],
        *,
        root: bool = True,
        stdin: bytes | str | None = None,
        timeout: float = 120.0,
        check: bool = False,
        secrets: Sequence[str] = (),
        cancel: threading.Event | None = None,
    ) -> CommandResult:
        """Run a command on the server, as root by default, and wait for it.

        Args:
            command: an argv list (quoted with ``shlex.join``: safe for any value) or
                shell text used as is (the caller must quote what it puts in: use
                ``shlex.quote`` for every value). Runs under ``/bin/sh -c``. A command
                line is visible to every user of the server (``ps``) and sudo logs it:
                pass secrets on ``stdin``, never in the command.
            root: run as root (directly, or through sudo), else as the login user.
            stdin: data for the command's stdin; EOF follows it. (With password sudo,
                the password line goes first and sudo consumes it.)
            timeout: seconds; RemoteTimeout after it, and the command is signalled.
            check: raise RemoteCommandError (carrying the result) on non-zero exit.
            secrets: values replaced by ``***`` in the displayed command and in the
                captured stdout/stderr (the login and sudo passwords always are).
            cancel: set it to abort; Cancelled is raised within about 0.05 s.

        Returns:
            The result, stdout and stderr decoded as UTF-8 (bad bytes replaced). The
            command has ended when its exit status arrived and its output was closed,
            or 1 s after the exit status if something it started in the background
            keeps the output open (a daemon started by an init script).

        Raises:
            RemoteTimeout, Cancelled: the command is also stopped on the server
            (SIGTERM to every process it started, found by a tag in their environment).
            RemoteCommandError: ``check=True`` and the exit code was not 0.
            ConnectError: the connection was lost.
        """
        text = command_text(command)
        if isinstance(secrets, str):
            secrets = (secrets,)
        payload = stdin.encode("utf-8") if isinstance(stdin, str) else (stdin or b"")
        with self.serial:
            self.before_command()
            return self.run_text(
                text,
                root=root,
                stdin=payload,
                timeout=timeout,
                check=check,
                secrets=secrets,
                cancel=cancel,
            )

    def run_streaming(
        self,
        command: str,
        *,
        stdin: bytes | str,
        timeout: float,
        cancel: threading.Event | None,
        on_output: Callable[[bytes], None],
        waits_for_lock: bool = False,
    ) -> CommandResult:
        """:meth:`run` as root, ``on_output`` called with each piece of stdout as it
        arrives (a script that reports as it goes: wizard.core.change.batch). If
        ``on_output`` raises, the command is stopped as a cancelled one is.
        ``waits_for_lock``: the command itself waits on the server for the server lock
        asked for just before (steps.sh), so it goes out without waiting here."""
        payload = stdin.encode("utf-8") if isinstance(stdin, str) else stdin
        with self.serial:
            if not waits_for_lock:
                self.before_command()
            return self.run_text(
                command,
                root=True,
                stdin=payload,
                timeout=timeout,
                check=False,
                cancel=cancel,
                on_output=on_output,
            )

    def before_command(self) -> None:
        """What must be settled before a command goes out (SshSession: the server lock)."""

    def mask(self, text: str) -> str:
        """``text`` with the login's secrets replaced by ``***``, as :meth:`run` returns it."""
        return mask_secrets(text, self.channels.secrets)

    def run_text(
        self,
        text: str,
        *,
        root: bool,
        stdin: bytes,
        timeout: float,
        check: bool,
        secrets: Sequence[str] = (),
        cancel: threading.Event | None = None,
        display: str | None = None,
        raw: bool = False,
        on_output: Callable[[bytes], None] | None = None,
    ) -> CommandResult:
        """:meth:`run` for checked shell ``text``, the caller holding ``serial``.

        ``display``: what to show instead of ``text`` (masked all the same). ``raw``:
        stdout is the bytes as latin-1 text, unmasked (for reading a file). ``on_output``:
        each piece of stdout as it arrives (:meth:`Channels.exec`).
        """
        job = _random.token_hex(8)
        all_secrets = [*secrets, *self.channels.secrets]
        shown = mask_secrets(display if display is not None else text, all_secrets)
        env: dict[str, str] | None = None
        if self.privilege == "root" and not secrets and stdin_fits_env(stdin):
            # stdin reaches a command a round trip late (sshd opens a channel's window
            # only once the command runs): it also goes ahead in the environment (else a
            # warm channel takes it with the command). Not a secret: sshd logs the
            # variables it sets at LogLevel DEBUG
            env = {STDIN_VAR: base64.b64encode(stdin).decode()}
            text = stdin_from_env(text)
        remote = build_remote_command(text, self.privilege, root, job)
        stdin = self.sudo_stdin(root) + stdin
        stop = functools.partial(self._stop_job, job, root, shown)
        result = self.channels.exec(
            remote,
            shown,
            stdin,
            timeout,
            cancel,
            all_secrets,
            raw=raw,
            stop=stop,
            on_output=on_output,
            env=env,
        )
        if check and not result.ok:
            raise RemoteCommandError(result.describe(), result)
        return result

    def sudo_stdin(self, root: bool) -> bytes:
        """What must precede the payload on stdin: the sudo password line, or nothing."""
        if root and self.privilege == "sudo-password":
            assert self._sudo_password is not None
            return self._sudo_password.encode() + b"\n"
        return b""

    def _stop_job(self, token: str, root: bool, shown: str) -> None:
        """Signal every process of the job ``token`` (best effort, on a helper thread)."""
        script = scripts.command(_KILL, token)
        remote = build_remote_command(script, self.privilege, root)
        try:
            self.channels.exec(
                remote, f"stop `{shown}`", self.sudo_stdin(root), 30.0, None, quiet=True
            )
        except Exception as exc:  # best effort: the session may be gone already
            log.debug("could not stop `%s`: %s", shown, exc)

    @property
    def is_active(self) -> bool:
        """True while the connection is up."""
        return self.channels.transport.is_active()

    def counters(self) -> dict[str, int]:
        """Channels opened and commands run on this session so far."""
        return {"ssh_channels": self.channels.opened, "ssh_commands": self.channels.commands}

    def __repr__(self) -> str:
        return f"<{type(self).__name__} {self.target} privilege={self.privilege}>"
