"""SMTP sessions kept open for the step that follows, owned by whoever runs both steps.

The apply's verification ends with a session that has said EHLO and no more; the test
send that usually follows takes it instead of connecting again: one SMTP session instead
of two saves sendmail's greet pause (1 s on Debian) and one connection of the client's
rate limit. ``CoreServices`` owns one pool for the window's life; the command line makes
one per run when it wants the saving; ``None`` wherever a function takes a pool means
"open and close your own".

A session is taken at most once, only with the same settings, only while young
(:data:`PARK_SECONDS`), and only while the server has neither closed it nor said anything.
Sessions still parked when the pool is closed, dropped or the program ends get QUIT.
"""

from __future__ import annotations

import threading
import time
import weakref
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from wizard.core.mail.smtp import Security, SmtpClient, SmtpSettings
    from wizard.core.mail.transcript import Transcript

PARK_SECONDS = 300.0


@dataclass(frozen=True)
class PoolKey:
    """What a session must share with the settings that take it. The certificate checks
    count only where there is TLS."""

    host: str
    port: int
    security: Security
    helo_name: str
    verify_cert: bool
    pinned_sha256: str | None

    @classmethod
    def of(cls, s: SmtpSettings) -> PoolKey:
        tls = s.security != "none"
        return cls(
            s.host,
            s.port,
            s.security,
            s.helo_name,
            tls and s.verify_cert,
            s.pinned_sha256 if tls else None,
        )


@dataclass(frozen=True)
class Parked:
    since: float  # time.monotonic() when parked
    client: SmtpClient


def _quit_all(parked: dict[PoolKey, Parked], lock: threading.Lock) -> None:
    with lock:
        clients = [entry.client for entry in parked.values()]
        parked.clear()
    for client in clients:
        client.quit()


class SmtpPool:
    """Parked SMTP sessions, at most one per :class:`PoolKey`. Thread-safe."""

    def __init__(self, max_age: float = PARK_SECONDS) -> None:
        self.max_age = max_age
        self._parked: dict[PoolKey, Parked] = {}
        self._lock = threading.Lock()
        # QUIT what is left when the pool is closed, garbage-collected or the program ends.
        self._finalizer = weakref.finalize(self, _quit_all, self._parked, self._lock)

    def park(self, client: SmtpClient) -> None:
        """Keep ``client`` (after RSET, outside any transaction) for :meth:`take`; a session
        parked earlier with the same settings gets QUIT."""
        if not client.connected:
            return
        key = PoolKey.of(client.settings)
        with self._lock:
            old = self._parked.pop(key, None)
            self._parked[key] = Parked(time.monotonic(), client)
        if old is not None:
            old.client.quit()

    def take(self, settings: SmtpSettings, transcript: Transcript) -> SmtpClient | None:
        """The session parked for ``settings``, now recording to ``transcript``; None when
        there is none, or it is too old, closed or spoken on (then it is closed)."""
        with self._lock:
            entry = self._parked.pop(PoolKey.of(settings), None)
        if entry is None:
            return None
        if time.monotonic() - entry.since > self.max_age:
            entry.client.quit()
            return None
        client = entry.client
        if not client.idle():
            client.close()
            return None
        client.transcript = transcript
        transcript.add(
            "*",
            f"reusing the connection to {settings.host} port {settings.port} "
            "that the verification opened (EHLO done, no login yet)",
        )
        return client

    def __len__(self) -> int:
        with self._lock:
            return len(self._parked)

    def close(self) -> None:
        """QUIT every parked session; the pool stays usable."""
        _quit_all(self._parked, self._lock)

    def __enter__(self) -> SmtpPool:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
