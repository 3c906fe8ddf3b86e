"""The bounded parallel runner: one job on many servers, a few at a time.

Every server gets its own worker thread from a bounded pool; each worker calls the same
core functions a single-server run calls (opening its own SSH session when it needs one).
A failure on one server is that server's :class:`Outcome` and never touches the others.
The command line (``--jobs``) and the Servers window (from its worker thread) both run
their servers through :func:`run_parallel`.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Generic, TypeVar

from wizard.core.errors import Field, UsageError
from wizard.core.fleet.hosts import Host
from wizard.core.remote.session import SshSession

if TYPE_CHECKING:
    from wizard.core.remote.hostkeys import KnownHosts
    from wizard.core.remote.login import Credentials

log = logging.getLogger(__name__)

DEFAULT_JOBS = 4
MAX_JOBS = 64


def check_jobs(jobs: int) -> None:
    """Refuse a number of servers at once outside 1..MAX_JOBS."""
    if not 1 <= jobs <= MAX_JOBS:
        raise UsageError(
            f"{jobs} servers at once is out of range.",
            f"Give 1 to {MAX_JOBS}.",
            code="jobs_out_of_range",
            field=Field.JOBS,
        )


T = TypeVar("T")
HostProgress = Callable[[Host, str], None]
Work = Callable[[Host, Callable[[str], None], threading.Event], T]


@dataclass(frozen=True)
class Outcome(Generic[T]):
    """What one server's work gave: a value, or the exception it raised, or nothing
    because it never started (the run was interrupted first)."""

    host: Host
    value: T | None = None
    error: BaseException | None = None
    started: float = 0.0  # time.time() when the work began; 0 if it never did
    finished: float = 0.0

    @property
    def ran(self) -> bool:
        return self.started > 0

    @property
    def ok(self) -> bool:
        return self.ran and self.error is None


def run_parallel(
    hosts: Sequence[Host],
    work: Work[T],
    *,
    jobs: int = DEFAULT_JOBS,
    progress: HostProgress | None = None,
    stop: threading.Event | None = None,
    cancel: threading.Event | None = None,
    on_interrupt: Callable[[int], None] | None = None,
    on_done: Callable[[Outcome[T]], None] | None = None,
) -> list[Outcome[T]]:
    """Run ``work(host, say, cancel)`` for every host, at most ``jobs`` at a time.

    Every exception stays with its host's ``Outcome``. Outcomes come back in the order
    of ``hosts``.

    Interruptions (Ctrl-C in the calling thread, or ``stop`` set by the caller): no new
    server is started; servers already running go on. A second Ctrl-C sets ``cancel``,
    which a running apply answers by rolling its server back. This function returns only
    when every started server has finished, so no server is left half-done.
    ``on_interrupt(count)`` is told about each Ctrl-C; ``on_done(outcome)`` is called from
    the worker as each server finishes.
    """
    check_jobs(jobs)
    stop = stop or threading.Event()
    cancel = cancel or threading.Event()

    def one(host: Host) -> Outcome[T]:
        if stop.is_set():
            return Outcome(host)
        started = time.time()

        def say(message: str) -> None:
            if progress is not None:
                progress(host, message)

        outcome: Outcome[T]
        try:
            value = work(host, say, cancel)
        except BaseException as exc:  # one server's failure is its own result
            outcome = Outcome(host, error=exc, started=started, finished=time.time())
        else:
            outcome = Outcome(host, value=value, started=started, finished=time.time())
        if on_done is not None:
            try:
                on_done(outcome)
            except Exception:  # a report that fails must not lose the outcome
                log.exception("reporting the outcome of %s failed", host.name)
        return outcome

    if not hosts:
        return []
    # Plain threads taking the next server from a shared counter, not a ThreadPoolExecutor:
    # a Ctrl-C can land inside submit() after the work was queued, and that server would
    # then run untracked. Here a server is either taken (and its outcome kept) or never
    # started, decided under one lock.
    results: list[Outcome[T] | None] = [None] * len(hosts)
    lock = threading.Lock()
    next_index = 0
    interrupts = 0

    def worker(finished: threading.Event) -> None:
        nonlocal next_index
        try:
            while True:
                with lock:
                    if stop.is_set() or next_index >= len(hosts):
                        return
                    index = next_index
                    next_index += 1
                results[index] = one(hosts[index])
        finally:
            finished.set()

    def interrupted() -> None:
        nonlocal interrupts
        interrupts += 1
        stop.set()
        if interrupts >= 2:
            cancel.set()
        if on_interrupt is not None:
            on_interrupt(interrupts)

    # Waiting on events, not Thread.join(): a join that a Ctrl-C interrupts marks a thread
    # that is still running as stopped (CPython 3.11, bpo-45274's fix).
    started: list[threading.Event] = []
    for n in range(min(jobs, len(hosts))):
        finished = threading.Event()
        thread = threading.Thread(target=worker, args=(finished,), name=f"fleet-{n}")
        try:  # a Ctrl-C may come at any moment, also while starting them
            if stop.is_set():
                break
            thread.start()
            started.append(finished)
        except KeyboardInterrupt:
            if thread.ident is not None:
                started.append(finished)
            interrupted()
    for finished in started:
        while not finished.is_set():
            try:
                finished.wait(0.2)
            except KeyboardInterrupt:
                interrupted()
    return [r if r is not None else Outcome(h) for r, h in zip(results, hosts, strict=True)]


def connect_host(
    host: Host,
    credentials: Credentials,
    known_hosts: KnownHosts,
    *,
    accept_new_host_key: bool = False,
    timeout: float = 15.0,
    cancel: threading.Event | None = None,
) -> SshSession:
    """Open this server's own SSH session, with its own key file when the inventory names one.

    Never asks anything: an unknown host key or a missing password is this server's error.
    """
    if host.identity is not None:
        credentials = replace(credentials, key_file=host.identity)
    return SshSession.connect(
        host.target,
        credentials,
        known_hosts,
        accept_new_host_key=accept_new_host_key,
        timeout=timeout,
        cancel=cancel,
    )
