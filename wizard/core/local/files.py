"""Local files that may hold something private: written whole, 0600, or not at all."""

from __future__ import annotations

import contextlib
import os
import tempfile


def replace_private(path: str | os.PathLike[str], data: bytes) -> None:
    """Put ``data`` at ``path`` through a new file in the same folder.

    The new file is created 0600 (``mkstemp``, and ``fchmod`` for a umask that took even
    the owner's bits), written, flushed to disk and renamed over ``path``; then the folder
    is flushed, so the rename survives a crash. Whatever the umask and the old file's
    mode, the data is never in a file others can read, and a reader of the old file never
    sees half of the new one.

    Raises:
        OSError: nothing was changed (the temporary file is gone again).
    """
    target = os.fspath(path)
    folder = os.path.dirname(os.path.abspath(target))
    fd, temp = tempfile.mkstemp(prefix=f".{os.path.basename(target)}.", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(fd, "wb") as handle:
            os.fchmod(handle.fileno(), 0o600)
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        raise
    with contextlib.suppress(OSError):
        dir_fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(dir_fd)
        finally:
            os.close(dir_fd)
