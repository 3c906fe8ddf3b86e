"""Every script Relay Wizard runs on a server, as real files next to this module.

``NAME.sh`` are POSIX sh scripts (``ehlo.bash`` is the one bash piece), ``lib.sh`` holds
the shell functions several of them call, ``verify.py`` is the playbook's check on the
server. shellcheck checks every script as it is sent (tests/unit/core/remote/test_scripts.py).

:func:`load` gives the text to send. A script names the lib functions it calls on a
``# lib: NAME...`` line; the text sent is those functions (and the ones they call, in
lib.sh's order), then the script. Only what a script needs goes, not all of lib.sh,
because every script travels as an ``sh -c TEXT`` argument on every call: the bytes are
paid for on each round trip, and the inspection must stay as small as it was. For the
same reason comment lines and blank lines are left out of the text sent (``# shellcheck``
directives stay, so that the check sees what runs); a comment after code stays.

An ``# embed: VAR FILE`` line becomes ``VAR='text of FILE'`` in the text sent: the
inspection's bash EHLO, run as ``bash -c "$RW_EHLO"``, so that it too is a file
shellcheck reads.

Files are read with :mod:`importlib.resources` (a wheel, a zip, the PyInstaller app) and
each composition is made once per process.
"""

from __future__ import annotations

import functools
import re
import shlex
from importlib import resources
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from importlib.resources.abc import Traversable

LIB = "lib.sh"
_FUNCTION = re.compile(r"^([A-Za-z_][A-Za-z0-9_]*)\(\) \{$")
_WORD = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")


@functools.cache
def _folder() -> Traversable:
    return resources.files(__package__)


@functools.cache
def source(file: str) -> str:
    """The text of one file of this folder, as it is stored."""
    return (_folder() / file).read_text(encoding="utf-8")


def files() -> list[str]:
    """Every script file of this folder (lib.sh included), sorted."""
    return sorted(
        entry.name
        for entry in _folder().iterdir()
        if entry.name.endswith((".sh", ".bash", ".py")) and not entry.name.startswith("_")
    )


def _code(text: str) -> str:
    """``text`` without its shebang, comment lines and blank lines (directives kept)."""
    kept = []
    for line in text.splitlines():
        stripped = line.strip()
        if not stripped:
            continue
        if stripped.startswith("#") and not stripped.startswith("# shellcheck "):
            continue
        kept.append(line)
    return "\n".join(kept) + "\n"


@functools.cache
def functions() -> dict[str, str]:
    """lib.sh's functions by name, in the file's order: each its definition (comments out)."""
    found: dict[str, str] = {}
    name = ""
    body: list[str] = []
    for line in source(LIB).splitlines():
        match = _FUNCTION.match(line)
        if match:
            name, body = match.group(1), [line]
        elif name:
            body.append(line)
            if line == "}":
                found[name] = _code("\n".join(body))
                name = ""
    return found


def _needs(text: str, known: dict[str, str]) -> set[str]:
    """The lib functions named in ``text``'s code (comments out)."""
    return {w for w in _WORD.findall(_code(text)) if w in known}


def _directive(text: str, key: str) -> list[list[str]]:
    prefix = f"# {key}:"
    return [ln[len(prefix) :].split() for ln in text.splitlines() if ln.startswith(prefix)]


@functools.cache
def lib(*names: str) -> str:
    """The lib functions ``names`` and every lib function they call, in lib.sh's order."""
    known = functions()
    wanted: set[str] = set()
    todo = list(names)
    while todo:
        name = todo.pop()
        if name not in known:
            raise KeyError(f"lib.sh has no function {name!r}")
        if name not in wanted:
            wanted.add(name)
            todo += _needs(known[name], known) - wanted
    return "".join(body for name, body in known.items() if name in wanted)


def _body(file: str) -> str:
    text = source(file)
    out = []
    for line in text.splitlines():
        if line.startswith("# embed:"):
            var, embedded = line[len("# embed:") :].split()
            out.append(
                "# shellcheck disable=SC2016  # the text of a script: expanded where it runs"
            )
            out.append(f"{var}={shlex.quote(_code(source(embedded)))}")
        else:
            out.append(line)
    return _code("\n".join(out))


@functools.cache
def load(*names: str) -> str:
    """The text to send for the scripts ``names`` run one after the other in one shell
    (``"inspect", "state"``): the lib functions they name on their ``# lib:`` lines, then
    each script. A name is a file's name without ``.sh``; ``verify.py`` is given as is.

    Raises:
        KeyError: a script names a lib function lib.sh does not have.
        FileNotFoundError: no such script.
    """
    files_ = [n if "." in n else n + ".sh" for n in names]
    if any(f.endswith(".py") for f in files_):
        if len(files_) != 1:
            raise ValueError("a Python script is loaded alone")
        return source(files_[0])
    needed = [fn for f in files_ for line in _directive(source(f), "lib") for fn in line]
    return lib(*needed) + "".join(_body(f) for f in files_)


def command(name: str, *args: str) -> str:
    """The command line that runs script ``name`` with positional ``args``:
    ``sh -c TEXT NAME ARGS...``, every word quoted."""
    return shlex.join(["sh", "-c", load(name), name, *args])


def argv(name: str, *args: str) -> list[str]:
    """``["sh", "-c", TEXT, NAME, *args]``: the same, as an argument vector (Ansible)."""
    return ["sh", "-c", load(name), name, *args]
