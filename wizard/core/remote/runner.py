"""What the core needs from an SSH session, as a Protocol.

``session.SshSession`` is the real one; pure code (inspection, users, the section protocol)
takes any object with this shape, so its tests can pass a stand-in.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    import threading
    from collections.abc import Sequence


class ResultLike(Protocol):
    """A finished remote command (``results.CommandResult``)."""

    @property
    def exit_code(self) -> int: ...
    @property
    def stdout(self) -> str: ...
    @property
    def stderr(self) -> str: ...
    @property
    def ok(self) -> bool: ...


class Runner(Protocol):
    """Runs a command on the server (``session.SshSession.run``)."""

    def run(
        self,
        command: str,
        *,
        root: bool = ...,
        stdin: bytes | str | None = ...,
        timeout: float = ...,
        check: bool = ...,
        secrets: Sequence[str] = ...,
        cancel: threading.Event | None = ...,
    ) -> ResultLike: ...
