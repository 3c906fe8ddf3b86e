"""Remote work off the GUI thread: one worker thread per SSH session.

A :class:`ServerWorker` owns a QThread and, once connected, the SSH session that lives on
it; every job for that server runs there, one after another. A job is a plain function
``fn(ctx)`` that gets the session, a ``progress(text)`` callback and a ``cancel`` event;
its :class:`Job` object carries the signals, which Qt queues to the GUI thread.
"""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QObject, QThread, Signal, Slot

from wizard.core.errors import WizardError
from wizard.core.untrusted import printable
from wizard.ui.i18n import shown

if TYPE_CHECKING:
    from collections.abc import Callable


def error_text(exc: BaseException) -> str:
    """A job's failure for the window: the product's own message, else the exception."""
    if isinstance(exc, WizardError):
        # message and fix each in the admin's language (wizard.core.translatable)
        return printable(f"{shown(exc.message)} {shown(exc.fix)}".strip(), multiline=True)
    return printable(f"{type(exc).__name__}: {exc}", multiline=True)


class JobContext:
    """What a job function sees: the worker's session, progress, cancel."""

    def __init__(self, worker: ServerWorker, job: Job) -> None:
        self.worker = worker
        self.job = job
        self.cancel = job.cancel_event

    @property
    def session(self) -> Any:
        return self.worker.session

    @session.setter
    def session(self, value: Any) -> None:
        self.worker.session = value

    def progress(self, text: str) -> None:
        # translated here: the signal carries a plain string to the window's thread
        self.job.progress.emit(shown(text))


class Job(QObject):
    """One piece of remote work; connect to its signals before it runs."""

    progress = Signal(str)
    finished = Signal(object)  # the function's result
    failed = Signal(object)  # the exception

    def __init__(self, fn: Callable[[JobContext], object], title: str = "") -> None:
        super().__init__()
        self.fn = fn
        self.title = title
        self.cancel_event = threading.Event()
        self.done = False

    def cancel(self) -> None:
        self.cancel_event.set()


class ServerWorker(QObject):
    """The thread that talks to one server."""

    _request = Signal(object)

    def __init__(self) -> None:
        super().__init__()
        self.session: Any = None
        self._thread = QThread()
        self._thread.setObjectName("relay-wizard-server")
        self.moveToThread(self._thread)
        self._request.connect(self._run)
        self._thread.start()
        self._pending = 0
        self._jobs: set[Job] = set()

    def submit(self, job: Job) -> Job:
        """Queue ``job`` on the worker thread (called from the GUI thread)."""
        self._jobs.add(job)  # keep it alive until it ends
        self._pending += 1
        job.finished.connect(lambda _r, j=job: self._ended(j))
        job.failed.connect(lambda _e, j=job: self._ended(j))
        self._request.emit(job)
        return job

    def _ended(self, job: Job) -> None:
        job.done = True
        self._jobs.discard(job)
        self._pending -= 1

    @property
    def busy(self) -> bool:
        return self._pending > 0

    @Slot(object)
    def _run(self, job: Job) -> None:
        ctx = JobContext(self, job)
        try:
            result = job.fn(ctx)
        except BaseException as exc:  # every failure goes back to the GUI as a value
            job.failed.emit(exc)
            return
        job.finished.emit(result)

    def stop(self) -> None:
        """Close the session on its thread and end the thread. Idempotent."""
        if not self._thread.isRunning():
            return
        for job in list(self._jobs):
            job.cancel()
        closed = threading.Event()

        home = QCoreApplication.instance().thread()  # type: ignore[union-attr]

        def close(ctx: JobContext) -> None:
            if ctx.session is not None:
                ctx.session.close()
                ctx.session = None
            # Back to the GUI thread, so that the worker is deleted where it was made.
            self.moveToThread(home)
            closed.set()

        closer = Job(close)  # kept referenced until it has run
        self._request.emit(closer)
        closed.wait(10)
        self._thread.quit()
        self._thread.wait(5000)
