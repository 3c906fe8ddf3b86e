"""The servers of a fleet: command-line targets and inventory files, one loader for all.

Formats (docs/fleet.md has examples):

- **the simple list**, parsed here: one server per line, ``[user@]host[:port]`` followed
  by optional ``key=value`` settings (``user``, ``port``, ``host`` (the address to connect
  to), ``identity`` (a private key file)); ``#`` starts a comment; numeric ranges
  (``mail[01:03]``) are expanded. Unknown keys are refused.
- **Ansible INI and YAML** inventories, read by ansible-core's own parser
  (:mod:`wizard.core.fleet.ansible`), so they mean here what they mean to Ansible.

:func:`parse_inventory` tells them apart; every format ends as the same
:class:`Inventory` of :class:`Host`. Passwords in an inventory (``ansible_password``,
``ansible_become_password``...) are never used: they come from the environment, a key or
the agent, or one prompt.
"""

from __future__ import annotations

import re
import shlex
from pathlib import Path
from typing import TYPE_CHECKING

from wizard.core.errors import UsageError
from wizard.core.fleet.hosts import Host, Inventory, finish, host_from_vars
from wizard.core.target import Target, parse_target

if TYPE_CHECKING:
    from collections.abc import Iterable

_SIMPLE_KEYS = {"host", "user", "port", "identity"}
_SECTION = re.compile(r"^\[[A-Za-z0-9_][A-Za-z0-9_.-]*(?::[A-Za-z]+)?\]\s*([#;].*)?$")
_RANGE = re.compile(r"\[(\d+):(\d+)(?::(\d+))?\]")

# --------------------------------------------------------------------------- the simple list


def _parse_simple(text: str, source: str) -> Inventory:
    """One server per line: ``[user@]host[:port] [key=value...]``."""
    hosts: list[Host] = []
    for number, raw in enumerate(text.splitlines(), 1):
        where = f"{source} line {number}"
        line = raw.strip()
        if not line or line.startswith(("#", ";")):
            continue
        try:
            words = shlex.split(line, comments=True)
        except ValueError as exc:
            raise UsageError(f"{where}: {exc}.", "Close the quotes.") from None
        if not words:
            continue
        values = _pairs(words[1:], where)
        for name, spec in _expand(words[0], where):
            if any(h.name == name for h in hosts):
                raise UsageError(f"{where}: {name} is listed twice.", "List each server once.")
            unknown = set(values) - _SIMPLE_KEYS
            if unknown:
                raise UsageError(
                    f"{source}, host {name}: unknown setting(s) {', '.join(sorted(unknown))}.",
                    "A server line takes user=, port=, host= and identity=.",
                )
            hosts.append(host_from_vars(name, values, f"{source}, host {name}", (), spec))
    return finish(source, "simple", hosts, {})


def _pairs(words: Iterable[str], where: str) -> dict[str, str]:
    out: dict[str, str] = {}
    for word in words:
        key, eq, value = word.partition("=")
        if not eq or not key:
            raise UsageError(
                f"{where}: {word!r} is not a key=value setting.",
                "Write settings as key=value after the host, e.g. user=admin port=2222.",
            )
        out[key] = value
    return out


def _expand(token: str, where: str) -> list[tuple[str, Target]]:
    """``[user@]host[:port]`` with numeric ranges expanded: (name, parsed token) each."""
    match = _RANGE.search(token)
    if match is None:
        if "[" in token and not token.startswith("["):
            raise UsageError(
                f"{where}: {token!r}: only numeric host ranges such as mail[01:03] are understood.",
                "List the hosts one per line.",
            )
        return [_spec(token, where)]
    first, last, step = match.group(1), match.group(2), int(match.group(3) or 1)
    width = len(first) if first.startswith("0") else 0
    if int(last) < int(first) or step < 1 or (int(last) - int(first)) // step >= 1000:
        raise UsageError(f"{where}: {token!r} is not a usable host range.")
    out: list[tuple[str, Target]] = []
    for n in range(int(first), int(last) + 1, step):
        text = token[: match.start()] + str(n).zfill(width) + token[match.end() :]
        out.extend(_expand(text, where))
    return out


def _spec(token: str, where: str) -> tuple[str, Target]:
    try:
        target = parse_target(token)
    except UsageError as exc:
        raise UsageError(f"{where}: {exc.message}", exc.fix) from None
    name = token.rsplit("@", 1)[-1]
    if target.port == 22 and name.endswith(":22"):
        name = name[:-3]
    return name, target


# --------------------------------------------------------------------------- the loader


def parse_inventory(text: str, source: str = "the inventory", fmt: str = "auto") -> Inventory:
    """Parse an inventory's text. ``fmt``: "auto", "simple", "ini" or "yaml".

    Raises:
        UsageError: the text is not an inventory, lists nothing, or names a server twice;
            an Ansible inventory when ansible-core is not installed.
    """
    if "\0" in text:
        raise UsageError(f"{source} is not a text file.", "Give an inventory file.")
    if fmt == "auto":
        fmt = "yaml" if _looks_like_yaml(text) else "ini" if _looks_like_ini(text) else "simple"
    if fmt == "simple":
        return _parse_simple(text, source)
    if fmt not in ("ini", "yaml"):
        raise UsageError(f"Unknown inventory format {fmt!r}.", "Use simple, ini or yaml.")
    from wizard.core.fleet import ansible  # ansible-core, only for an Ansible inventory

    return ansible.parse(text, source, fmt)


def _looks_like_ini(text: str) -> bool:
    """A ``[group]`` section, or a host line with an ``ansible_`` variable."""
    for raw in text.splitlines():
        line = raw.strip()
        if _SECTION.match(line):
            return True
        if re.search(r"(^|\s)ansible_\w+=", line.split("#", 1)[0]):
            return True
    return False


def _looks_like_yaml(text: str) -> bool:
    for raw in text.splitlines():
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        if line in ("---", "{}") or line.startswith("{"):
            return True
        # a first line "all:" or "office:" (a group), not "host:22" or "[group]"
        return bool(re.match(r"^[A-Za-z0-9_.-]+:\s*(#.*)?$", line))
    return False


def read_inventory(path: Path, fmt: str = "auto") -> Inventory:
    """Read and parse an inventory file; ``.yml``/``.yaml``/``.json`` are read as YAML.

    Raises:
        UsageError: unreadable, not text, not an inventory, empty, or a server twice.
    """
    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        raise UsageError(
            f"Cannot read the inventory {path}: {exc.strerror or exc}.",
            "Check the file name and its permissions.",
        ) from None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        raise UsageError(f"{path} is not a text file (UTF-8).", "Give an inventory file.") from None
    if fmt == "auto" and Path(path).suffix.lower() in (".yml", ".yaml", ".json"):
        fmt = "yaml"
    return parse_inventory(text, str(path), fmt)
