"""wizard.core.fleet.runner: the bounded parallel runner, Ctrl-C, cancel."""

from __future__ import annotations

import _thread
import threading
from collections.abc import Callable

import pytest

from wizard.core.errors import Cancelled, Field, UsageError
from wizard.core.fleet import runner
from wizard.core.fleet.hosts import Host
from wizard.core.fleet.summary import not_started
from wizard.core.target import Target


def hosts(n: int) -> list[Host]:
    return [Host(f"h{i}", Target(f"10.0.0.{i}")) for i in range(1, n + 1)]


def test_one_failure_stays_with_its_server() -> None:
    said: list[tuple[str, str]] = []

    def work(host: Host, say: Callable[[str], None], cancel: threading.Event) -> str:
        say("working")
        if host.name == "h2":
            raise RuntimeError("boom")
        return host.name.upper()

    out = runner.run_parallel(hosts(3), work, progress=lambda h, m: said.append((h.name, m)))
    assert [o.host.name for o in out] == ["h1", "h2", "h3"]
    assert [o.value for o in out] == ["H1", None, "H3"]
    assert [o.ok for o in out] == [True, False, True]
    assert isinstance(out[1].error, RuntimeError)
    assert sorted(said) == [("h1", "working"), ("h2", "working"), ("h3", "working")]
    assert all(o.started <= o.finished for o in out)


def test_at_most_jobs_servers_at_once() -> None:
    lock = threading.Lock()
    running = peak = 0
    both = threading.Barrier(2, timeout=10)

    def work(host: Host, say: object, cancel: threading.Event) -> None:
        nonlocal running, peak
        with lock:
            running += 1
            peak = max(peak, running)
        both.wait()  # two really do run together (the barrier breaks otherwise)
        with lock:
            running -= 1

    out = runner.run_parallel(hosts(6), work, jobs=2)
    assert all(o.ok for o in out), [o.error for o in out]
    assert peak == 2


def test_ctrl_c_starts_no_new_server_and_lets_the_running_one_finish() -> None:
    stop = threading.Event()
    interrupts: list[int] = []

    def work(host: Host, say: object, cancel: threading.Event) -> str:
        _thread.interrupt_main()  # Ctrl-C, as the terminal sends it to the main thread
        assert stop.wait(10)
        return "finished"

    out = runner.run_parallel(hosts(3), work, jobs=1, stop=stop, on_interrupt=interrupts.append)
    assert interrupts == [1]
    assert out[0].value == "finished" and out[0].ok
    assert [o.ran for o in out] == [True, False, False]
    rows = [not_started(o) for o in out]
    assert rows[0] is None
    assert rows[1] is not None and rows[1].result == "not started" and not rows[1].ok


def test_a_second_ctrl_c_cancels_the_running_work() -> None:
    stop = threading.Event()

    def work(host: Host, say: object, cancel: threading.Event) -> str:
        _thread.interrupt_main()
        assert stop.wait(10)
        _thread.interrupt_main()
        if cancel.wait(10):
            raise Cancelled()  # what a running apply does: roll back, then say so
        return "not cancelled"

    out = runner.run_parallel(hosts(2), work, jobs=1, stop=stop)
    assert isinstance(out[0].error, Cancelled)
    assert not out[1].ran


def test_jobs_out_of_range() -> None:
    with pytest.raises(UsageError, match="out of range") as caught:
        runner.run_parallel(hosts(1), lambda h, s, c: None, jobs=0)
    assert caught.value.field == Field.JOBS and "--jobs" not in str(caught.value)
