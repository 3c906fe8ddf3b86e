"""Which blocking work ran on the GUI thread: the freeze check without a stopwatch.

A GUI freezes when its thread waits for something outside the process: the network (SSH,
SMTP), the desktop keyring (D-Bus, a Unix socket), the disk (``fsync``, the rename that
commits a file). :class:`GuiThreadWatch` wraps exactly those operations while it is
active and writes down every one made on the GUI thread, with the product's frames of the
call's stack, so a test asserts ``watch.calls == []`` and a failure names the line that
blocked. Work on a worker thread (a QThread, paramiko's transport, a Python thread) passes
untouched. Nothing is timed, so a busy CI machine cannot make it fail and a fast one cannot
make it pass.
"""

from __future__ import annotations

import contextlib
import functools
import os
import socket
import threading
import traceback
from collections.abc import Callable, Iterator
from typing import Any

import paramiko

# (owner, attribute): every way this product's code leaves the process and waits
WATCHED: tuple[tuple[Any, str], ...] = (
    (socket.socket, "connect"),
    (socket.socket, "connect_ex"),
    (socket.socket, "send"),
    (socket.socket, "sendall"),
    (socket.socket, "sendmsg"),
    (socket.socket, "recv"),
    (socket.socket, "recv_into"),
    (socket.socket, "recvmsg"),
    # paramiko waits for the transport thread without touching the socket itself
    (paramiko.Channel, "exec_command"),
    (paramiko.Channel, "recv"),
    (paramiko.Channel, "recv_stderr"),
    (paramiko.Channel, "recv_exit_status"),
    (paramiko.Transport, "open_session"),
    (os, "fsync"),
    (os, "replace"),
    (os, "rename"),
)


class GuiThreadWatch:
    """Records the blocking calls made on the GUI (main) thread while active."""

    def __init__(self) -> None:
        self.calls: list[str] = []
        self._paused = 0
        self._saved: list[tuple[Any, str, Any]] = []

    def __enter__(self) -> GuiThreadWatch:
        for owner, name in WATCHED:
            original = getattr(owner, name)
            self._saved.append((owner, name, original))
            setattr(owner, name, self._wrap(f"{_name(owner)}.{name}", original))
        return self

    def __exit__(self, *exc: object) -> None:
        while self._saved:
            owner, name, original = self._saved.pop()
            setattr(owner, name, original)

    @contextlib.contextmanager
    def paused(self) -> Iterator[None]:
        """The test's own checks (a keyring read to compare) are not the product's."""
        self._paused += 1
        try:
            yield
        finally:
            self._paused -= 1

    def _wrap(self, label: str, original: Callable[..., Any]) -> Callable[..., Any]:
        @functools.wraps(original)
        def watched(*args: Any, **kwargs: Any) -> Any:
            if not self._paused and threading.current_thread() is threading.main_thread():
                self.calls.append(f"{label} on the GUI thread, from {_where()}")
            return original(*args, **kwargs)

        return watched


def _name(owner: Any) -> str:
    return owner.__name__ if isinstance(owner, type) else owner.__name__.split(".")[-1]


def _where() -> str:
    """The innermost frames of the product (wizard/) on the stack, or the caller's."""
    stack = traceback.extract_stack()[:-2]
    ours = [f for f in stack if f"{os.sep}wizard{os.sep}" in f.filename]
    frames = ours[-3:] or stack[-3:]
    return " <- ".join(
        f"{os.path.basename(f.filename)}:{f.lineno} {f.name}" for f in reversed(frames)
    )
