"""wizard.ui.worker: jobs run on the worker's own thread, in order, one at a time; results,
failures and progress come back to the GUI thread as signals; cancel reaches the job; stop
closes the session on its thread and ends the thread. Real QThreads, no server."""

from __future__ import annotations

import threading
from collections.abc import Iterator

import pytest
from PySide6.QtCore import QThread
from pytestqt.qtbot import QtBot

from wizard.core.errors import UsageError
from wizard.core.job import JobControl
from wizard.ui.worker import Job, JobContext, ServerWorker, error_text


@pytest.fixture
def worker(qtbot: QtBot) -> Iterator[ServerWorker]:
    w = ServerWorker()
    yield w
    w.stop()


def run(qtbot: QtBot, worker: ServerWorker, job: Job) -> object:
    with qtbot.waitSignal(job.finished, timeout=5000) as blocker:
        worker.submit(job)
    return blocker.args[0]


def test_a_job_runs_on_the_worker_thread_and_its_result_comes_back(
    qtbot: QtBot, worker: ServerWorker
) -> None:
    gui = QThread.currentThread()
    seen: list[object] = []
    result = run(qtbot, worker, Job(lambda ctx: seen.append(QThread.currentThread()) or 42))
    assert result == 42
    assert seen and seen[0] is not gui
    assert not worker.busy


def test_jobs_run_one_after_another_in_the_order_submitted(
    qtbot: QtBot, worker: ServerWorker
) -> None:
    order: list[int] = []
    inside = threading.Lock()

    def step(n: int) -> Job:
        def fn(ctx: JobContext) -> int:
            assert inside.acquire(blocking=False), "two jobs ran at once"
            try:
                order.append(n)
                return n
            finally:
                inside.release()

        return Job(fn)

    jobs = [step(n) for n in range(5)]
    with qtbot.waitSignal(jobs[-1].finished, timeout=5000):
        for job in jobs:
            worker.submit(job)
    assert order == [0, 1, 2, 3, 4]
    qtbot.waitUntil(lambda: not worker.busy, timeout=2000)
    assert all(job.done for job in jobs)


def test_a_failure_comes_back_as_a_value_with_the_products_own_words(
    qtbot: QtBot, worker: ServerWorker
) -> None:
    def fn(ctx: JobContext) -> None:
        raise UsageError("The port is not a number.", "Type a number from 1 to 65535.")

    job = Job(fn)
    with qtbot.waitSignal(job.failed, timeout=5000) as blocker:
        worker.submit(job)
    exc = blocker.args[0]
    assert isinstance(exc, UsageError)
    assert error_text(exc) == "The port is not a number. Type a number from 1 to 65535."
    assert error_text(ValueError("x\x1b[31m")).startswith("ValueError: x")
    assert "\x1b" not in error_text(ValueError("x\x1b[31m"))


def test_progress_reaches_the_gui_thread_and_cancel_reaches_the_job(
    qtbot: QtBot, worker: ServerWorker
) -> None:
    started = threading.Event()

    def fn(ctx: JobContext) -> str:
        control: JobControl = ctx  # the context is the core's JobControl
        control.progress("Reading the server's configuration")
        started.set()
        return "cancelled" if control.cancel.wait(5) else "not cancelled"

    job = Job(fn)
    said: list[str] = []
    job.progress.connect(said.append)
    with qtbot.waitSignal(job.finished, timeout=8000) as blocker:
        worker.submit(job)
        assert started.wait(5)
        job.cancel()
    assert blocker.args[0] == "cancelled"
    assert said == ["Reading the server's configuration"]


def test_the_session_lives_on_the_worker_and_stop_closes_it_there(qtbot: QtBot) -> None:
    worker = ServerWorker()
    closed_on: list[object] = []

    class Session:
        def close(self) -> None:
            closed_on.append(QThread.currentThread())

    made_on: list[object] = []

    def connect(ctx: JobContext) -> None:
        ctx.session = Session()
        made_on.append(QThread.currentThread())

    run(qtbot, worker, Job(connect))
    assert isinstance(worker.session, Session)
    worker.stop()
    assert worker.session is None
    assert closed_on == made_on and closed_on[0] is not QThread.currentThread()
    worker.stop()  # idempotent
