"""Relay Wizard's tests: unit (mirrors the package), integration (the lab), ui (pytest-qt)."""

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "tests" / "data"
