"""Several servers at once: target lists, inventory files and a bounded parallel runner.

The pure parts (parsing, selecting, summing up) are plain functions on data. The runner
gives every server its own worker thread from a bounded pool; each worker opens its own
SSH session and calls the same core functions a single-server run calls. A failure on
one server is that server's result and never touches the others.

Inventory formats (docs/fleet.md has examples):

- **the simple list**: one server per line, ``[user@]host[:port]`` followed by optional
  ``key=value`` settings (``user``, ``port``, ``host`` (the address to connect to),
  ``identity`` (a private key file)); ``#`` starts a comment. Unknown keys are refused.
- **Ansible INI**: the same host lines under ``[group]`` sections, plus
  ``[group:children]`` and ``[group:vars]``; ``ansible_host``, ``ansible_user``,
  ``ansible_port`` and ``ansible_ssh_private_key_file`` are understood, other variables
  are left to Ansible. Numeric host ranges (``mail[01:03]``) are expanded.
- **Ansible YAML**: ``all:`` (or any top-level group) with ``hosts``, ``children`` and
  ``vars``.

Passwords in an inventory (``ansible_password``, ``ansible_become_password``...) are
never used: they come from the environment, a key or the agent, or one prompt.
"""

from __future__ import annotations

import logging
import re
import shlex
import threading
import time
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Generic, TypeVar

from wizard.core.errors import Cancelled, UsageError, WizardError
from wizard.core.remote.hostkeys import KnownHosts
from wizard.core.remote.login import Credentials
from wizard.core.remote.session import SshSession
from wizard.core.target import Target, parse_target, validate_host, validate_port, validate_user
from wizard.core.untrusted import printable

log = logging.getLogger(__name__)

DEFAULT_JOBS = 4
MAX_JOBS = 64

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
                    f"--limit {word!r}: no such group or host in {self.source}.",
                    f"Groups there: {', '.join(known)}.",
                )
        chosen = tuple(h for h in self.hosts if h.name in wanted)
        if not chosen:
            raise UsageError(f"--limit {limit!r} selects no server in {self.source}.")
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


# --------------------------------------------------------------------------- inventories

_SECRET_VARS = {
    "ansible_password",
    "ansible_ssh_pass",
    "ansible_ssh_password",
    "ansible_become_pass",
    "ansible_become_password",
    "ansible_sudo_pass",
    "ansible_ssh_private_key_passphrase",
}
_ADDRESS = ("host", "ansible_host", "ansible_ssh_host")
_USER = ("user", "ansible_user", "ansible_ssh_user", "ansible_ssh_user_name")
_PORT = ("port", "ansible_port", "ansible_ssh_port")
_IDENTITY = ("identity", "ansible_ssh_private_key_file", "ansible_private_key_file")
_SIMPLE_KEYS = {"host", "user", "port", "identity"}
_GROUP_NAME = re.compile(r"^[A-Za-z0-9_][A-Za-z0-9_.-]*$")
_SECTION = re.compile(r"^\[([A-Za-z0-9_][A-Za-z0-9_.-]*(?::[A-Za-z]+)?)\]$")
_RANGE = re.compile(r"\[(\d+):(\d+)(?::(\d+))?\]")


class _Builder:
    """Hosts, groups and variables as read, before the hosts are resolved."""

    def __init__(self, source: str) -> None:
        self.source = source
        self.order: list[str] = []  # host names, first appearance first
        self.host_vars: dict[str, dict[str, str]] = {}
        self.spec: dict[str, Target] = {}  # the user/port written in the host's own token
        self.group_hosts: dict[str, list[str]] = {}
        self.children: dict[str, list[str]] = {}
        self.group_vars: dict[str, dict[str, str]] = {}
        self.warnings: list[str] = []

    def group(self, name: str, where: str) -> None:
        if not _GROUP_NAME.match(name):
            raise UsageError(
                f"{where}: {name!r} is not a usable group name.",
                "Use letters, digits, '_', '.' and '-'.",
            )
        self.group_hosts.setdefault(name, [])
        self.children.setdefault(name, [])
        self.group_vars.setdefault(name, {})

    def host(self, token: str, group: str, values: Mapping[str, str], where: str) -> None:
        for name, spec in _expand(token, where):
            if name not in self.host_vars:
                self.order.append(name)
                self.host_vars[name] = {}
                self.spec[name] = spec
            members = self.group_hosts.setdefault(group, [])
            if name in members:
                raise UsageError(
                    f"{where}: {name} is listed twice"
                    + ("." if group == "ungrouped" else f" in [{group}]."),
                    "List each server once.",
                )
            members.append(name)
            self.host_vars[name].update(values)


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


def _parse_lines(text: str, source: str) -> tuple[_Builder, bool]:
    """The simple list and Ansible INI; also says whether it looked like Ansible."""
    b = _Builder(source)
    ansible = False
    group, kind = "ungrouped", "hosts"
    for number, raw in enumerate(text.splitlines(), 1):
        where = f"{source} line {number}"
        line = raw.strip()
        if not line or line.startswith(("#", ";")):
            continue
        section = _SECTION.match(line)
        if section:
            ansible = True
            name, _, suffix = section.group(1).partition(":")
            if suffix not in ("", "children", "vars"):
                raise UsageError(f"{where}: unknown section kind {suffix!r}.")
            b.group(name, where)
            group, kind = name, suffix or "hosts"
            continue
        try:
            words = shlex.split(line, comments=True)
        except ValueError as exc:
            raise UsageError(f"{where}: {exc}.", "Close the quotes.") from None
        if not words:
            continue
        if kind == "children":
            if len(words) != 1:
                raise UsageError(f"{where}: a [{group}:children] line names one group.")
            b.group(words[0], where)
            b.children[group].append(words[0])
        elif kind == "vars":
            key, eq, value = line.partition("=")
            if not eq or not key.strip():
                raise UsageError(f"{where}: a [{group}:vars] line is key=value.")
            words = shlex.split(value, comments=True) if value.strip() else [""]
            b.group_vars[group][key.strip()] = " ".join(words)
        else:
            values = _pairs(words[1:], where)
            ansible = ansible or any(k.startswith("ansible_") for k in values)
            b.host(words[0], group, values, where)
    return b, ansible


def _parse_yaml(text: str, source: str) -> _Builder:
    import yaml  # only when a YAML inventory is read

    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise UsageError(
            f"{source} is not valid YAML: {' '.join(str(exc).split())}",
            "Check the indentation, or write the inventory in the simple or INI format.",
        ) from None
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise UsageError(
            f"{source}: a YAML inventory is a mapping of groups (all: hosts: ...).",
            "See docs/fleet.md for an example.",
        )
    b = _Builder(source)

    def scalar_vars(value: object, where: str) -> dict[str, str]:
        if value is None:
            return {}
        if not isinstance(value, dict):
            raise UsageError(f"{where}: expected a mapping of variables.")
        return {
            str(k): "" if v is None else str(v)
            for k, v in value.items()
            if v is None or isinstance(v, str | int | float | bool)
        }

    def group(name: str, body: object, trail: tuple[str, ...]) -> None:
        where = f"{source}, group {name}"
        if name in trail:
            raise UsageError(f"{where}: the group contains itself ({' > '.join((*trail, name))}).")
        b.group(name, where)
        if body is None:
            return
        if not isinstance(body, dict):
            raise UsageError(
                f"{where}: expected hosts, children or vars under it.",
                "See docs/fleet.md for an example.",
            )
        unknown = set(body) - {"hosts", "children", "vars"}
        if unknown:
            raise UsageError(
                f"{where}: unknown key(s) {', '.join(sorted(map(str, unknown)))}.",
                "A group holds hosts, children and vars.",
            )
        b.group_vars[name].update(scalar_vars(body.get("vars"), f"{where}, vars"))
        hosts = body.get("hosts") or {}
        if isinstance(hosts, list):
            hosts = dict.fromkeys(hosts)
        if not isinstance(hosts, dict):
            raise UsageError(f"{where}: hosts must be a mapping of host names.")
        for host, values in hosts.items():
            b.host(str(host), name, scalar_vars(values, f"{where}, host {host}"), where)
        children = body.get("children") or {}
        if not isinstance(children, dict):
            raise UsageError(f"{where}: children must be a mapping of groups.")
        for child, child_body in children.items():
            b.children[name].append(str(child))
            group(str(child), child_body, (*trail, name))

    for name, body in data.items():
        group(str(name), body, ())
    return b


def _resolve(b: _Builder, fmt: str) -> Inventory:
    """Apply group variables (parents first, then children, then the host's own)."""
    parents: dict[str, set[str]] = {}
    for parent, kids in b.children.items():
        for kid in kids:
            parents.setdefault(kid, set()).add(parent)

    def ancestors(name: str, trail: tuple[str, ...] = ()) -> set[str]:
        if name in trail:
            raise UsageError(
                f"{b.source}: the group {name} contains itself ({' > '.join((*trail, name))})."
            )
        out: set[str] = set()
        for p in parents.get(name, ()):
            out |= {p} | ancestors(p, (*trail, name))
        return out

    def depth(name: str) -> int:
        return 1 + max((depth(p) for p in parents.get(name, ())), default=0)

    def members(name: str, trail: tuple[str, ...] = ()) -> list[str]:
        if name in trail:
            raise UsageError(
                f"{b.source}: the group {name} contains itself ({' > '.join((*trail, name))})."
            )
        out = list(b.group_hosts.get(name, []))
        for kid in b.children.get(name, []):
            out += members(kid, (*trail, name))
        return out

    groups: dict[str, tuple[str, ...]] = {}
    for name in b.group_hosts:
        found = set(members(name))
        groups[name] = tuple(h for h in b.order if h in found)
    all_vars = b.group_vars.get("all", {})
    hosts: list[Host] = []
    warned: set[str] = set()
    for name in b.order:
        direct = {g for g, hs in b.group_hosts.items() if name in hs}
        every = set(direct)
        for g in direct:
            every |= ancestors(g)
        every.discard("all")
        merged: dict[str, str] = dict(all_vars)
        for g in sorted(every, key=lambda g: (depth(g), g)):
            merged.update(b.group_vars.get(g, {}))
        merged.update(b.host_vars[name])
        where = f"{b.source}, host {name}"
        for key in sorted(set(merged) & _SECRET_VARS):
            if key not in warned:
                warned.add(key)
                b.warnings.append(
                    f"{b.source}: {key} is ignored: passwords come from the environment, "
                    "a key or the agent, never from a file."
                )
        if fmt == "simple":
            unknown = set(merged) - _SIMPLE_KEYS
            if unknown:
                raise UsageError(
                    f"{where}: unknown setting(s) {', '.join(sorted(unknown))}.",
                    "A server line takes user=, port=, host= and identity=.",
                )
        hosts.append(_host(name, b.spec[name], merged, where, tuple(sorted(every - {"ungrouped"}))))
    groups.pop("ungrouped", None)
    groups["all"] = tuple(b.order)
    if not hosts:
        raise UsageError(
            f"{b.source} lists no servers.", "Add one server per line: [user@]host[:port]."
        )
    inventory = Inventory(b.source, fmt, tuple(hosts), groups, tuple(b.warnings))
    check_distinct(inventory.hosts)
    return inventory


def _first(values: Mapping[str, str], keys: Sequence[str]) -> str:
    for key in keys:
        if values.get(key, "").strip():
            return values[key].strip()
    return ""


def _host(
    name: str, spec: Target, values: Mapping[str, str], where: str, groups: tuple[str, ...]
) -> Host:
    try:
        address = _first(values, _ADDRESS)
        if address.startswith("[") and address.endswith("]"):
            address = address[1:-1]
        host = validate_host(address) if address else spec.host
        user = _first(values, _USER)
        port = _first(values, _PORT)
        target = Target(
            host,
            validate_port(port) if port else spec.port,
            validate_user(user) if user else spec.user,
        )
    except UsageError as exc:
        raise UsageError(f"{where}: {exc.message}", exc.fix) from None
    identity = _first(values, _IDENTITY)
    return Host(name, target, Path(identity).expanduser() if identity else None, groups)


def parse_inventory(text: str, source: str = "the inventory", fmt: str = "auto") -> Inventory:
    """Parse an inventory's text. ``fmt``: "auto", "simple", "ini" or "yaml".

    Raises:
        UsageError: the text is not an inventory, lists nothing, or names a server twice.
    """
    if "\0" in text:
        raise UsageError(f"{source} is not a text file.", "Give an inventory file.")
    if fmt == "auto":
        fmt = "yaml" if _looks_like_yaml(text) else "lines"
    if fmt == "yaml":
        return _resolve(_parse_yaml(text, source), "yaml")
    if fmt not in ("lines", "simple", "ini"):
        raise UsageError(f"Unknown inventory format {fmt!r}.", "Use simple, ini or yaml.")
    builder, ansible = _parse_lines(text, source)
    return _resolve(builder, "ini" if ansible or fmt == "ini" else "simple")


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


# --------------------------------------------------------------------------- the runner

T = TypeVar("T")
HostProgress = Callable[[Host, str], None]
Work = Callable[[Host, Callable[[str], None], threading.Event], T]


@dataclass(frozen=True)
class Outcome(Generic[T]):
    """What one server's work gave: a value, or the exception it raised, or nothing
    because it never started (the run was interrupted first)."""

    host: Host
    value: T | None = None
    error: BaseException | None = None
    started: float = 0.0  # time.time() when the work began; 0 if it never did
    finished: float = 0.0

    @property
    def ran(self) -> bool:
        return self.started > 0

    @property
    def ok(self) -> bool:
        return self.ran and self.error is None


def run_parallel(
    hosts: Sequence[Host],
    work: Work[T],
    *,
    jobs: int = DEFAULT_JOBS,
    progress: HostProgress | None = None,
    stop: threading.Event | None = None,
    cancel: threading.Event | None = None,
    on_interrupt: Callable[[int], None] | None = None,
    on_done: Callable[[Outcome[T]], None] | None = None,
) -> list[Outcome[T]]:
    """Run ``work(host, say, cancel)`` for every host, at most ``jobs`` at a time.

    Every exception stays with its host's ``Outcome``. Outcomes come back in the order
    of ``hosts``.

    Interruptions (Ctrl-C in the calling thread, or ``stop`` set by the caller): no new
    server is started; servers already running go on. A second Ctrl-C sets ``cancel``,
    which a running apply answers by rolling its server back. This function returns only
    when every started server has finished, so no server is left half-done.
    ``on_interrupt(count)`` is told about each Ctrl-C; ``on_done(outcome)`` is called from
    the worker as each server finishes.
    """
    if not 1 <= jobs <= MAX_JOBS:
        raise UsageError(f"--jobs {jobs} is out of range.", f"Give 1 to {MAX_JOBS}.")
    stop = stop or threading.Event()
    cancel = cancel or threading.Event()

    def one(host: Host) -> Outcome[T]:
        if stop.is_set():
            return Outcome(host)
        started = time.time()

        def say(message: str) -> None:
            if progress is not None:
                progress(host, message)

        outcome: Outcome[T]
        try:
            value = work(host, say, cancel)
        except BaseException as exc:  # one server's failure is its own result
            outcome = Outcome(host, error=exc, started=started, finished=time.time())
        else:
            outcome = Outcome(host, value=value, started=started, finished=time.time())
        if on_done is not None:
            try:
                on_done(outcome)
            except Exception:  # a report that fails must not lose the outcome
                log.exception("reporting the outcome of %s failed", host.name)
        return outcome

    if not hosts:
        return []
    # Plain threads taking the next server from a shared counter, not a ThreadPoolExecutor:
    # a Ctrl-C can land inside submit() after the work was queued, and that server would
    # then run untracked. Here a server is either taken (and its outcome kept) or never
    # started, decided under one lock.
    results: list[Outcome[T] | None] = [None] * len(hosts)
    lock = threading.Lock()
    next_index = 0
    interrupts = 0

    def worker(finished: threading.Event) -> None:
        nonlocal next_index
        try:
            while True:
                with lock:
                    if stop.is_set() or next_index >= len(hosts):
                        return
                    index = next_index
                    next_index += 1
                results[index] = one(hosts[index])
        finally:
            finished.set()

    def interrupted() -> None:
        nonlocal interrupts
        interrupts += 1
        stop.set()
        if interrupts >= 2:
            cancel.set()
        if on_interrupt is not None:
            on_interrupt(interrupts)

    # Waiting on events, not Thread.join(): a join that a Ctrl-C interrupts marks a thread
    # that is still running as stopped (CPython 3.11, bpo-45274's fix).
    started: list[threading.Event] = []
    for n in range(min(jobs, len(hosts))):
        finished = threading.Event()
        thread = threading.Thread(target=worker, args=(finished,), name=f"fleet-{n}")
        try:  # a Ctrl-C may come at any moment, also while starting them
            if stop.is_set():
                break
            thread.start()
            started.append(finished)
        except KeyboardInterrupt:
            if thread.ident is not None:
                started.append(finished)
            interrupted()
    for finished in started:
        while not finished.is_set():
            try:
                finished.wait(0.2)
            except KeyboardInterrupt:
                interrupted()
    return [r if r is not None else Outcome(h) for r, h in zip(results, hosts, strict=True)]


def connect_host(
    host: Host,
    credentials: Credentials,
    known_hosts: KnownHosts,
    *,
    accept_new_host_key: bool = False,
    timeout: float = 15.0,
    cancel: threading.Event | None = None,
) -> SshSession:
    """Open this server's own SSH session, with its own key file when the inventory names one.

    Never asks anything: an unknown host key or a missing password is this server's error.
    """
    if host.identity is not None:
        credentials = replace(credentials, key_file=host.identity)
    return SshSession.connect(
        host.target,
        credentials,
        known_hosts,
        accept_new_host_key=accept_new_host_key,
        timeout=timeout,
        cancel=cancel,
    )


# --------------------------------------------------------------------------- summary


@dataclass(frozen=True)
class Row:
    """One line of the summary table, and the per-server object of ``--json``."""

    server: str
    target: str
    result: str  # ok, unchanged, failed, rolled back, not started, ...
    ok: bool
    changed: str = "-"
    verification: str = "-"
    error: str = ""
    fix: str = ""
    started: float = 0.0
    finished: float = 0.0
    details: Mapping[str, object] = field(default_factory=dict)

    def to_json(self) -> dict[str, object]:
        return {
            "server": self.server,
            "target": self.target,
            "result": self.result,
            "ok": self.ok,
            "changed": self.changed,
            "verification": self.verification,
            "error": self.error,
            "fix": self.fix,
            "started": round(self.started, 3),
            "finished": round(self.finished, 3),
            **self.details,
        }


def base_row(outcome: Outcome[object], result: str, ok: bool, **kw: object) -> Row:
    """A row for ``outcome`` with its error's message and fix (when it failed)."""
    error, fix = kw.pop("error", ""), kw.pop("fix", "")
    exc = outcome.error
    if exc is not None and not error:
        error, fix = describe(exc)
    return Row(
        outcome.host.name,
        str(outcome.host.target),
        result,
        ok,
        error=str(error),
        fix=str(fix),
        started=outcome.started,
        finished=outcome.finished,
        **kw,  # type: ignore[arg-type]
    )


def describe(exc: BaseException) -> tuple[str, str]:
    """(what happened, what to do) for any exception, on one line each."""
    if isinstance(exc, Cancelled):
        return "Cancelled.", ""
    if isinstance(exc, WizardError):
        return " ".join(exc.message.split()), " ".join(exc.fix.split())
    if isinstance(exc, KeyboardInterrupt):
        return "Interrupted.", ""
    return f"{type(exc).__name__}: {exc}", "This is a bug in relay-wizard; please report it."


def not_started(outcome: Outcome[object]) -> Row | None:
    """The row of a server the interrupted run never started, else None."""
    if outcome.ran:
        return None
    return base_row(
        outcome,
        "not started",
        False,
        error="Not started: the run was interrupted first.",
        fix="Run the command again for this server.",
    )


def diff_size(diffs: Iterable[str]) -> tuple[int, int]:
    """(lines added, lines removed) in unified diffs."""
    added = removed = 0
    for diff in diffs:
        for line in diff.splitlines():
            if line.startswith("+") and not line.startswith("+++"):
                added += 1
            elif line.startswith("-") and not line.startswith("---"):
                removed += 1
    return added, removed


def changes_text(paths: Sequence[str], diffs: Iterable[str], rebuilt: bool) -> str:
    """ "2 files (+3 -1 lines), sendmail.cf rebuilt"; "nothing" when there is no change."""
    if not paths:
        return "nothing"
    added, removed = diff_size(diffs)
    text = f"{len(paths)} file{'s' if len(paths) != 1 else ''} (+{added} -{removed} lines)"
    names = ", ".join(p.rsplit("/", 1)[-1] for p in paths)
    return f"{text}: {names}" + (", sendmail.cf rebuilt" if rebuilt else "")


def format_table(rows: Sequence[Row]) -> str:
    """The summary: one aligned line per server, then why each failed one failed."""
    head = ("SERVER", "RESULT", "CHANGED", "VERIFICATION")
    cells = [head] + [(r.server, r.result, r.changed, r.verification) for r in rows]
    widths = [max(len(c[i]) for c in cells) for i in range(3)]
    lines = ["  ".join(c[i].ljust(widths[i]) for i in range(3)) + "  " + c[3] for c in cells]
    lines = [line.rstrip() for line in lines]
    problems = [r for r in rows if not r.ok and r.error]
    if problems:
        lines.append("")
        for r in problems:
            lines.append(f"{r.server}: {r.error}" + (f" {r.fix}" if r.fix else ""))
    ok = sum(1 for r in rows if r.ok)
    last = f"{ok} of {len(rows)} server{'s' if len(rows) != 1 else ''} succeeded."
    ran = [r for r in rows if r.started > 0 and r.finished >= r.started]
    if len(ran) > 1:
        wall = max(r.finished for r in ran) - min(r.started for r in ran)
        work = sum(r.finished - r.started for r in ran)
        last += f" Wall time {wall:.1f} s for {work:.1f} s of work, side by side."
    lines += ["", last]
    return "\n".join(lines)


class LinePrinter:
    """Thread-safe ``[server] message`` lines on a stream shared by the workers."""

    def __init__(self, write: Callable[[str], object], flush: Callable[[], object]) -> None:
        self._write = write
        self._flush = flush
        self._lock = threading.Lock()

    def __call__(self, host: Host, message: str) -> None:
        lines = printable(message, multiline=True).splitlines() or [""]
        text = "".join(f"[{printable(host.name)}] {line}\n" for line in lines)
        with self._lock:
            self._write(text)
            self._flush()
