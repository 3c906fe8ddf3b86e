"""The servers of a fleet: a :class:`Host` each, an :class:`Inventory` of them.

Every source ends here: command-line targets (:func:`host_from_text`), the simple list
and Ansible inventories (:mod:`wizard.core.fleet.inventory` reads them; a host's settings
become its address, port, user and key through :func:`host_from_vars`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from wizard.core.errors import Field, UsageError
from wizard.core.target import Target, parse_target, validate_host, validate_port, validate_user

if TYPE_CHECKING:
    from collections.abc import Iterable, Mapping, Sequence

SECRET_VARS = frozenset(
    {
        "ansible_password",
        "ansible_ssh_pass",
        "ansible_ssh_password",
        "ansible_become_pass",
        "ansible_become_password",
        "ansible_sudo_pass",
        "ansible_ssh_private_key_passphrase",
    }
)
_ADDRESS = ("host", "ansible_host", "ansible_ssh_host")
_USER = ("user", "ansible_user", "ansible_ssh_user", "ansible_ssh_user_name")
_PORT = ("port", "ansible_port", "ansible_ssh_port")
_IDENTITY = ("identity", "ansible_ssh_private_key_file", "ansible_private_key_file")


@dataclass(frozen=True)
class Host:
    """One server of a fleet: the name shown in progress lines and the summary."""

    name: str
    target: Target
    identity: Path | None = None  # a per-host private key file (else the command's -i)
    groups: tuple[str, ...] = ()

    def to_json(self) -> dict[str, object]:
        return {
            "name": self.name,
            "target": str(self.target),
            "identity": str(self.identity) if self.identity else "",
            "groups": list(self.groups),
        }


@dataclass(frozen=True)
class Inventory:
    """Hosts read from a file, in file order, and which groups hold which hosts."""

    source: str
    format: str  # "simple", "ini" or "yaml"
    hosts: tuple[Host, ...]
    groups: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    warnings: tuple[str, ...] = ()

    def select(self, limit: str = "") -> tuple[Host, ...]:
        """The hosts named by ``limit``: group or host names separated by ``,`` or ``:``.

        ``""`` and ``all`` select every host. An unknown name is refused.
        """
        if not limit.strip():
            return self.hosts
        by_name = {h.name: h for h in self.hosts}
        wanted: set[str] = set()
        for word in re.split(r"[,:]", limit):
            word = word.strip()
            if not word:
                continue
            if word == "all":
                wanted.update(by_name)
            elif word in self.groups:
                wanted.update(self.groups[word])
            elif word in by_name:
                wanted.add(word)
            else:
                known = sorted(set(self.groups) | {"all"})
                raise UsageError(
                    f"There is no group or host {word!r} in {self.source}.",
                    f"Choose among its groups: {', '.join(known)}.",
                    code="no_such_group",
                    field=Field.LIMIT,
                )
        chosen = tuple(h for h in self.hosts if h.name in wanted)
        if not chosen:
            raise UsageError(
                f"The selection {limit!r} holds no server of {self.source}.",
                code="selects_nothing",
                field=Field.LIMIT,
            )
        return chosen


def host_from_text(text: str) -> Host:
    """A server given on the command line as ``[user@]host[:port]``."""
    target = parse_target(text)
    return Host(_label(target), target)


def _label(target: Target) -> str:
    host = f"[{target.host}]" if ":" in target.host else target.host
    return host if target.port == 22 else f"{host}:{target.port}"


def check_distinct(hosts: Sequence[Host]) -> None:
    """Refuse a list naming one server twice: two applies at once on one server collide."""
    seen: dict[tuple[str, int], Host] = {}
    names: dict[str, Host] = {}
    for h in hosts:
        key = (h.target.host.lower().rstrip("."), h.target.port)
        if key in seen:
            first = seen[key]
            same = "is listed twice" if first.name == h.name else f"and {first.name} are"
            raise UsageError(
                f"{h.name} {same} the same server ({_label(h.target)}).",
                "List each server once: two changes at once on one server would collide.",
            )
        if h.name in names:
            raise UsageError(f"Two servers are called {h.name}.", "Give each server its own name.")
        seen[key] = h
        names[h.name] = h


def _first(values: Mapping[str, str], keys: Sequence[str]) -> str:
    for key in keys:
        if values.get(key, "").strip():
            return values[key].strip()
    return ""


def host_from_vars(
    name: str,
    values: Mapping[str, str],
    where: str,
    groups: tuple[str, ...] = (),
    spec: Target | None = None,
) -> Host:
    """A host from its settings (simple keys or Ansible variables); ``spec``: what its own
    line said (``[user@]host[:port]``), else its name is the address."""
    try:
        address = _first(values, _ADDRESS)
        if address.startswith("[") and address.endswith("]"):
            address = address[1:-1]
        if address:
            host = validate_host(address)
        else:
            host = spec.host if spec else validate_host(name.strip("[]"))
        user = _first(values, _USER)
        port = _first(values, _PORT)
        target = Target(
            host,
            validate_port(port) if port else spec.port if spec else 22,
            validate_user(user) if user else spec.user if spec else "root",
        )
    except UsageError as exc:
        raise UsageError(f"{where}: {exc.message}", exc.fix) from None
    identity = _first(values, _IDENTITY)
    return Host(name, target, Path(identity).expanduser() if identity else None, groups)


def finish(
    source: str,
    fmt: str,
    hosts: Sequence[Host],
    groups: Mapping[str, tuple[str, ...]],
    warnings: Sequence[str] = (),
) -> Inventory:
    """The inventory of these hosts: ``all`` added, refused when empty or a server twice."""
    if not hosts:
        raise UsageError(
            f"{source} lists no servers.", "Add one server per line: [user@]host[:port]."
        )
    everything = {**groups, "all": tuple(h.name for h in hosts)}
    inventory = Inventory(source, fmt, tuple(hosts), everything, tuple(warnings))
    check_distinct(inventory.hosts)
    return inventory


def secret_warnings(source: str, names: Iterable[str]) -> list[str]:
    """One warning per password variable found: ignored, and its value never repeated."""
    return [
        f"{source}: {key} is ignored: passwords come from the environment, "
        "a key or the agent, never from a file."
        for key in sorted(set(names) & SECRET_VARS)
    ]
