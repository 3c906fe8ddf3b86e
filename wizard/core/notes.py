"""One observation with a level and a sentence: the shape of an inspection finding and a
plan check alike (each with its own scale of levels)."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Generic, TypeVar

LevelT = TypeVar("LevelT", bound=StrEnum)


@dataclass(frozen=True)
class Note(Generic[LevelT]):
    """``id`` is stable (the same in ``--json`` and the tests); ``message`` is for people.

    ``message`` is the plain sentence a small-office admin reads first; ``detail`` the
    technical words behind it (the setting, the file, the daemon), shown on request.
    ``fixed_by`` names the relay profiles whose change makes the observation go away.
    """

    id: str
    level: LevelT
    message: str
    detail: str = ""
    fixed_by: tuple[str, ...] = ()
