"""A test server on loopback that plays a scripted peer (the fake SMTP servers of the
unit tests: one that misbehaves on cue, one that is hostile on purpose)."""

from __future__ import annotations

import socket
import threading


class LoopbackServer:
    """Accepts connections on 127.0.0.1 (a free port) on its own thread and hands each to
    :meth:`handle`, one at a time, until :meth:`close`."""

    def __init__(self) -> None:
        self.connections = 0
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.listener.settimeout(0.1)
        self.port: int = self.listener.getsockname()[1]
        self.stopping = threading.Event()
        self.thread = threading.Thread(target=self._serve, daemon=True)
        self.thread.start()

    def handle(self, conn: socket.socket, number: int) -> None:
        """Talk to connection ``number`` (0 for the first); the connection closes after."""
        raise NotImplementedError

    def _serve(self) -> None:
        while not self.stopping.is_set():
            try:
                conn, _ = self.listener.accept()
            except TimeoutError:
                continue
            self.connections += 1
            with conn:
                self.handle(conn, self.connections - 1)

    def close(self, wait: float = 15) -> None:
        self.stopping.set()
        self.thread.join(wait)
        self.listener.close()
        assert not self.thread.is_alive(), "the test server did not stop"
