"""Cyrus SASL's application config for sendmail (``Sendmail.conf``).

PLAIN and LOGIN check passwords with ``pwcheck_method``; Debian ships ``saslauthd``
(not running), so for the sasldb accounts the wizard manages they need ``auxprop``
with ``auxprop_plugin: sasldb`` (field notes 2). Only the keys that must change are
rewritten; comments, order and line endings stay.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from wizard.core.exports.lineops import LineOp

if TYPE_CHECKING:
    from collections.abc import Sequence


def parse_sasl_conf(text: str) -> dict[str, str]:
    values: dict[str, str] = {}
    for line in text.splitlines():
        stripped = line.strip()
        if not stripped or stripped.startswith("#") or ":" not in stripped:
            continue
        key, _, value = stripped.partition(":")
        values[key.strip()] = value.strip()
    return values


def wanted_sasl_conf(mechanisms: Sequence[str]) -> dict[str, str]:
    """The keys the modern profile sets: passwords from the sasldb, these mechanisms."""
    return {
        "pwcheck_method": "auxprop",
        "auxprop_plugin": "sasldb",
        "mech_list": " ".join(mechanisms),
    }


def sasl_conf_ops(mechanisms: Sequence[str]) -> list[LineOp]:
    """:func:`edit_sasl_conf` as line operations: each key's line, found by its key."""
    return [
        LineOp(f"{key}: {value}", rf"^[ \t]*{re.escape(key)}[ \t]*:", why=f"Set {key}: {value}")
        for key, value in wanted_sasl_conf(mechanisms).items()
    ]


def edit_sasl_conf(text: str, mechanisms: Sequence[str]) -> str:
    """Set auxprop/sasldb and the mechanism list; keep every other line as it is."""
    wanted = wanted_sasl_conf(mechanisms)
    newline = "\r\n" if "\r\n" in text else "\n"
    lines = text.splitlines(keepends=True)
    seen: set[str] = set()
    out: list[str] = []
    for line in lines:
        stripped = line.strip()
        key = stripped.partition(":")[0].strip() if ":" in stripped else ""
        if key in wanted and not stripped.startswith("#"):
            if key in seen:
                continue  # a duplicate key would be ambiguous: keep one
            seen.add(key)
            ending = line[len(line.rstrip("\r\n")) :] or newline
            current = stripped.partition(":")[2].strip()
            out.append(line if current == wanted[key] else f"{key}: {wanted[key]}{ending}")
        else:
            out.append(line)
    missing = [k for k in wanted if k not in seen]
    if missing:
        if out and not out[-1].endswith(("\n", "\r")):
            out[-1] += newline
        out.extend(f"{k}: {wanted[k]}{newline}" for k in missing)
    return "".join(out)
