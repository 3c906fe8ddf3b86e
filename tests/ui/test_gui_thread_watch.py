"""The freeze check of the end-to-end tests catches blocking work on the GUI thread only."""

from __future__ import annotations

import os
import socket
import threading
from pathlib import Path

from PySide6.QtCore import QThread
from pytestqt.qtbot import QtBot

from tests.ui.gui_thread import GuiThreadWatch


def exchange() -> None:
    a, b = socket.socketpair()
    with a, b:
        a.sendall(b"ping")
        assert b.recv(4) == b"ping"


def test_a_socket_on_the_gui_thread_is_named() -> None:
    with GuiThreadWatch() as watch:
        exchange()
    assert [c.split(" on ")[0] for c in watch.calls] == ["socket.sendall", "socket.recv"]
    assert "test_gui_thread_watch.py" in watch.calls[0] and "exchange" in watch.calls[0]


def test_an_fsync_and_a_rename_on_the_gui_thread_are_named(tmp_path: Path) -> None:
    with GuiThreadWatch() as watch:
        (tmp_path / "a").write_text("x")
        with open(tmp_path / "a") as handle:
            os.fsync(handle.fileno())
        os.replace(tmp_path / "a", tmp_path / "b")
    assert [c.split(" on ")[0] for c in watch.calls] == ["os.fsync", "os.replace"]


def test_a_python_thread_and_a_qthread_pass(qtbot: QtBot) -> None:
    class Worker(QThread):
        def run(self) -> None:
            exchange()

    with GuiThreadWatch() as watch:
        thread = threading.Thread(target=exchange)
        thread.start()
        thread.join()
        worker = Worker()
        worker.start()
        qtbot.waitUntil(worker.isFinished, timeout=10000)
        worker.wait()
    assert watch.calls == []


def test_paused_for_the_tests_own_checks_and_restored_after() -> None:
    original = socket.socket.sendall
    with GuiThreadWatch() as watch:
        assert socket.socket.sendall is not original
        with watch.paused():
            exchange()
    assert watch.calls == []
    assert socket.socket.sendall is original
