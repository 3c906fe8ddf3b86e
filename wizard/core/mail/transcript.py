"""The record of one SMTP conversation: every line, its direction and its time.

Secrets never reach it: the client records AUTH payloads as :data:`HIDDEN`, and the
secrets a transcript is given are replaced wherever they would appear. Each line passes
:func:`~wizard.core.untrusted.printable`, so no control character of the server's is kept.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field

from wizard.core.untrusted import printable

HIDDEN = "<hidden>"


@dataclass(frozen=True)
class Line:
    """One line of the conversation: 'C' client, 'S' server, '*' a note (TLS state)."""

    direction: str
    text: str
    at: float


@dataclass
class Transcript:
    """The conversation, line by line, with direction and time since the start.

    AUTH payloads are recorded as ``<hidden>`` by the client; ``secrets`` given here are
    replaced too, wherever they would appear (a belt to the braces).
    """

    lines: list[Line] = field(default_factory=list)
    started: float = field(default_factory=time.monotonic)
    secrets: tuple[str, ...] = ()

    def add(self, direction: str, text: str) -> None:
        """Record ``text``, secrets hidden and control characters escaped (one line)."""
        for secret in self.secrets:
            if secret:
                text = text.replace(secret, HIDDEN)
        self.lines.append(Line(direction, printable(text), time.monotonic() - self.started))

    def render(self) -> str:
        arrows = {"C": "C:", "S": "S:", "*": "**"}
        return "\n".join(
            f"{ln.at:7.3f} {arrows.get(ln.direction, ln.direction)} {ln.text}" for ln in self.lines
        )

    def to_json(self) -> list[dict[str, object]]:
        return [
            {"at": round(ln.at, 3), "direction": ln.direction, "text": ln.text} for ln in self.lines
        ]

    def save(self, path: str) -> None:
        """Write the transcript as text (it holds no secret)."""
        with open(path, "w", encoding="utf-8") as handle:
            handle.write(self.render() + "\n")
