"""Files on the server, as root: read, test, and replace atomically (SFTP, or stdin).

``RemoteFiles`` works through a :class:`.shell.RemoteShell` (``SshSession`` delegates its
``read_file``, ``file_exists`` and ``write_file_atomic`` here). A new file's content
travels by SFTP to a private temporary file and is installed as root by
``remote/scripts/install-file.sh`` (owner, group and mode kept, renamed over the
target); without SFTP on the server it goes on the install script's stdin.
"""

from __future__ import annotations

import contextlib
import errno
import logging
import posixpath
import re
import secrets as _random
import shlex
from typing import TYPE_CHECKING

from wizard.core.errors import RemoteCommandError, UsageError
from wizard.core.lazy import LazyModule
from wizard.core.remote import scripts
from wizard.core.remote.results import CommandResult
from wizard.core.translatable import QT_TRANSLATE_NOOP

if TYPE_CHECKING:
    import paramiko

    from wizard.core.remote.shell import RemoteShell
else:
    paramiko = LazyModule("paramiko")

__all__ = ["RemoteFiles", "check_path"]

log = logging.getLogger("wizard.ssh")

_NAME = re.compile(r"^(?:[0-9]+|[A-Za-z_][A-Za-z0-9_.-]{0,31}\$?)$")
# Run as root: remote/scripts/install-file.sh SOURCE TARGET MODE OWNER GROUP.
INSTALL_SCRIPT = scripts.load("install-file")


def check_path(path: str) -> str:
    """``path`` if it is an absolute path to a file on the server; else UsageError."""
    if not isinstance(path, str) or not path.startswith("/") or "\0" in path or "\n" in path:
        raise UsageError(
            QT_TRANSLATE_NOOP("Errors", "{path} is not an absolute path on the server.").format(
                path=repr(path)
            ),
            QT_TRANSLATE_NOOP("Errors", "Give a path such as /etc/mail/sendmail.mc."),
        )
    if path.endswith("/") or posixpath.basename(path) in ("", ".", ".."):
        raise UsageError(
            QT_TRANSLATE_NOOP("Errors", "{path} names a directory, not a file.").format(
                path=repr(path)
            )
        )
    return path


class RemoteFiles:
    """The file operations of one session (its SFTP client opened on first use)."""

    def __init__(self, shell: RemoteShell) -> None:
        self._shell = shell
        self._sftp: paramiko.SFTPClient | None = None
        self._sftp_failed = False

    def read(self, path: str) -> bytes:
        """The content of ``path`` on the server, read as root.

        Raises:
            RemoteCommandError: the file is missing or unreadable.
        """
        path = check_path(path)
        with self._shell.serial:
            result = self._shell.run_text(
                shlex.join(["cat", "--", path]),
                root=True,
                stdin=b"",
                timeout=120.0,
                check=False,
                raw=True,
            )
        if not result.ok:
            shown = CommandResult(result.command, result.exit_code, "", result.stderr)
            raise RemoteCommandError(
                QT_TRANSLATE_NOOP("Errors", "Cannot read {path} on the server. {value}").format(
                    path=path, value=shown.describe()
                ),
                shown,
            )
        return result.stdout.encode("latin-1")

    def exists(self, path: str) -> bool:
        """True if ``path`` exists on the server (checked as root; follows symlinks)."""
        path = check_path(path)
        with self._shell.serial:
            result = self._shell.run_text(
                shlex.join(["test", "-e", path]), root=True, stdin=b"", timeout=60.0, check=False
            )
        if result.exit_code in (0, 1):
            return result.exit_code == 0
        raise RemoteCommandError(result.describe(), result)

    def write_atomic(
        self, path: str, data: bytes, mode: int | None, owner: str | None, group: str | None
    ) -> None:
        """Replace ``path`` on the server with ``data`` atomically, as root.

        The data is uploaded with SFTP to a private temporary file (``mktemp`` in the
        login user's temp dir, or directly next to the target when logged in as root),
        copied as root into a temporary file in the target's directory, given its owner,
        group and mode, and renamed over the target (readers see the old or the new file,
        never a half-written one). Without SFTP on the server, the data goes on the stdin
        of the root command instead. Temporary files are removed on failure.

        Owner, group and mode default to those of the existing file (a symlink is
        followed: the file it points to is replaced); for a new file to ``root``, the
        owner's group and 0644. Pass ``mode`` for anything secret.
        """
        path = check_path(path)
        if mode is not None and not 0 <= mode <= 0o7777:
            raise UsageError(
                QT_TRANSLATE_NOOP("Errors", "{mode} is not a file mode.").format(
                    mode=format(mode, "o")
                ),
                QT_TRANSLATE_NOOP("Errors", "Use a mode such as 0o644 or 0o600."),
            )
        if owner is not None and not _NAME.match(owner):
            raise UsageError(
                QT_TRANSLATE_NOOP("Errors", "{name} is not a valid owner name.").format(
                    name=repr(owner)
                )
            )
        if group is not None and not _NAME.match(group):
            raise UsageError(
                QT_TRANSLATE_NOOP("Errors", "{name} is not a valid group name.").format(
                    name=repr(group)
                )
            )
        with self._shell.serial:
            self._write(path, bytes(data), mode, owner, group)

    def _write(
        self, path: str, data: bytes, mode: int | None, owner: str | None, group: str | None
    ) -> None:
        directory = posixpath.dirname(path)
        shown = f"write {path}"
        upload = self._upload(path, directory, data)
        source = upload if upload is not None else "-"
        args = [source, path, "" if mode is None else format(mode, "o"), owner or "", group or ""]
        command = scripts.command("install-file", *args)
        result = self._shell.run_text(
            command,
            root=True,
            stdin=b"" if upload is not None else data,
            timeout=120.0,
            check=False,
            display=shown,
        )
        if not result.ok:
            if upload is not None:
                self._remove_upload(upload)
            raise RemoteCommandError(
                QT_TRANSLATE_NOOP("Errors", "Cannot write {path} on the server. {value}").format(
                    path=path, value=result.describe()
                ),
                result,
            )
        log.info("wrote %s (%d bytes)", path, len(data))

    def _sftp_client(self) -> paramiko.SFTPClient | None:
        if self._sftp is None and not self._sftp_failed:
            try:
                self._shell.channels.opened += 1
                self._sftp = paramiko.SFTPClient.from_transport(self._shell.channels.transport)
                if self._sftp is None:
                    raise paramiko.SSHException("the server refused the sftp subsystem")
            except (paramiko.SSHException, OSError, EOFError) as exc:
                log.info("SFTP not available (%s); file contents will go over stdin", exc)
                self._sftp_failed = True
        return self._sftp

    def _upload(self, path: str, directory: str, data: bytes) -> str | None:
        """SFTP ``data`` to a private temp file; its path, or None if SFTP is not usable."""
        sftp = self._sftp_client()
        if sftp is None:
            return None
        if self._shell.privilege == "root":
            base = posixpath.basename(path)
            upload = posixpath.join(directory, f".{base}.rw-{_random.token_hex(6)}")
            created = False
        else:
            made = self._shell.run_text(
                "mktemp -t relay-wizard.XXXXXXXXXX", root=False, stdin=b"", timeout=60.0, check=True
            )
            upload = made.stdout.strip()
            created = True
            if not upload.startswith("/"):
                raise RemoteCommandError(
                    QT_TRANSLATE_NOOP("Errors", "mktemp gave no path: {value}").format(
                        value=made.describe()
                    ),
                    made,
                )
        try:
            with sftp.open(upload, "wb" if created else "wbx") as handle:
                handle.chmod(0o600)
                handle.set_pipelined(True)
                handle.write(data)
        except (OSError, paramiko.SSHException) as exc:
            if created or not (isinstance(exc, OSError) and exc.errno == errno.ENOENT):
                self._remove_upload(upload)
            failed = CommandResult(f"upload to {upload}", -1, "", str(exc))
            if isinstance(exc, OSError) and exc.errno == errno.ENOENT:
                raise RemoteCommandError(
                    QT_TRANSLATE_NOOP(
                        "Errors",
                        "Cannot write {path}: the directory {directory} does not exist on the "
                        "server.",
                    ).format(path=path, directory=directory),
                    failed,
                ) from None
            raise RemoteCommandError(
                QT_TRANSLATE_NOOP(
                    "Errors", "Cannot upload the new content of {path} to the server: {exc}."
                ).format(path=path, exc=exc),
                failed,
                "Check that the server has free disk space.",
            ) from None
        return upload

    def _remove_upload(self, upload: str) -> None:
        try:
            self._shell.run_text(
                shlex.join(["rm", "-f", "--", upload]),
                root=True,
                stdin=b"",
                timeout=30.0,
                check=False,
            )
        except Exception as exc:  # cleanup must not hide the real error
            log.debug("could not remove %s: %s", upload, exc)

    def close(self) -> None:
        """Close the SFTP client, if one was opened."""
        sftp, self._sftp = self._sftp, None
        if sftp is not None:
            with contextlib.suppress(Exception):  # closing anyway
                sftp.close()
