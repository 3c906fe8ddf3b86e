"""What a long call reports to and is stopped by.

The GUI's worker context (``wizard.ui.worker.JobContext``) is one; :class:`Job` here is
the plain one for the command line, the benchmarks and the tests. The core's own
functions take ``progress`` and ``cancel`` separately; :class:`~wizard.core.services.
CoreServices` takes a job, so each of its calls says in one word that it can be followed
and stopped.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from threading import Event
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from collections.abc import Callable


class JobControl(Protocol):
    """``progress(text)`` says what is happening now; ``cancel`` is set to stop."""

    @property
    def cancel(self) -> Event: ...

    def progress(self, text: str) -> None: ...


def _silent(_text: str) -> None:
    pass


@dataclass(frozen=True)
class Job:
    """A :class:`JobControl` from a callback and an event (both optional)."""

    say: Callable[[str], None] = _silent
    cancel: Event = field(default_factory=Event)

    def progress(self, text: str) -> None:
        self.say(text)
