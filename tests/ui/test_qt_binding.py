"""The Qt binding keeps Python's reference counts: a broken release kills the app later.

PySide6 6.12.0 dropped a reference to True on every Signal.emit(); after a few thousand
signals CPython aborted with "Fatal Python error: bool_dealloc". The wizard emits a signal
for every progress line, so such a release must never be installed (pyproject.toml).
"""

from __future__ import annotations

import sys

from PySide6.QtCore import QObject, Signal


class _Emitter(QObject):
    changed = Signal(object)
    text = Signal(str)


def test_emitting_signals_keeps_the_reference_count_of_true() -> None:
    emitter = _Emitter()
    seen: list[object] = []
    emitter.changed.connect(seen.append)
    before = sys.getrefcount(True)
    for i in range(200):
        emitter.changed.emit(i)
        emitter.text.emit("progress")
    assert len(seen) == 200
    assert sys.getrefcount(True) - before >= -5, "the Qt binding leaks references to True"
