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
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from wizard.core.errors import Field, UsageError
from wizard.core.target import Target, parse_target, validate_host, validate_port, validate_user

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
_SIMPLE_KEYS = {"host", "user", "port", "identity"}
_SECTION = re.compile(r"^\[[A-Za-z0-9_][A-Za-z0-9_.-]*(?::[A-Za-z]+)?\]\s*([#;].*)?$")
_RANGE = re.compile(r"\[(\d+):(\d+)(?::(\d+))?\]")

# --------------------------------------------------------------------------- hosts


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
