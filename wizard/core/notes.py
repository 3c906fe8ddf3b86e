"""One observation with a level and a sentence: the shape of an inspection finding and a
plan check alike (each with its own scale of levels)."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Generic, TypeVar

LevelT = TypeVar("LevelT", bound=StrEnum)


@dataclass(frozen=True)
class Note(Generic[LevelT]):
    """``id`` is stable (the same in ``--json`` and the tests); ``message`` is for people."""

    id: str
    level: LevelT
    message: str
