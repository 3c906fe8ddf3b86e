"""The command line's entry: parse, run the command's module, turn errors into exit codes.

Exit codes: 0 success, 1 failure (one line on stderr saying why and what to do, with the
flag of the input it concerns), 2 usage error (nothing ran). Passwords come from the
environment or a prompt, never from argv. Each command lives in ``wizard/cli/commands``;
several servers at once (``--inventory``, several targets) in ``commands/fleet.py``.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, TextIO

from wizard.cli import parser
from wizard.cli.console import Console
from wizard.cli.parser import CliUsageError
from wizard.core.errors import UsageError, WizardError
from wizard.core.untrusted import printable

if TYPE_CHECKING:
    from types import ModuleType

Command = Callable[[argparse.Namespace, Console, TextIO], int]

# Each command's module (in wizard/cli/commands) and function, imported only when that
# command runs: a command line loads nothing another command needs.
COMMANDS: dict[str, tuple[str, str]] = {
    "inspect": ("inspect", "cmd_inspect"),
    "users": ("users", "cmd_users"),
    "plan": ("plan", "cmd_plan"),
    "apply": ("apply", "cmd_apply"),
    "rollback": ("apply", "cmd_rollback"),
    "test-send": ("test_send", "cmd_test_send"),
    "audit-relay": ("audit", "cmd_audit_relay"),
    "export": ("export", "cmd_export"),
    "onboard": ("onboard", "cmd_onboard"),
}
FLEET = ("fleet", "run")


def _module(name: str) -> ModuleType:
    """A module of wizard/cli/commands, imported now. Literal import statements, not
    importlib: a freezer's analysis (PyInstaller, the packaged app) and the import-cycle
    test both see every command module."""
    match name:
        case "inspect":
            from wizard.cli.commands import inspect

            return inspect
        case "users":
            from wizard.cli.commands import users

            return users
        case "plan":
            from wizard.cli.commands import plan

            return plan
        case "apply":
            from wizard.cli.commands import apply

            return apply
        case "test_send":
            from wizard.cli.commands import test_send

            return test_send
        case "audit":
            from wizard.cli.commands import audit

            return audit
        case "export":
            from wizard.cli.commands import export

            return export
        case "onboard":
            from wizard.cli.commands import onboard

            return onboard
        case "fleet":
            from wizard.cli.commands import fleet

            return fleet
    raise KeyError(name)


def command(name: tuple[str, str]) -> Command:
    """The function ``name`` (module, function) of wizard/cli/commands, imported now."""
    fn: Command = getattr(_module(name[0]), name[1])
    return fn


def main(
    argv: Sequence[str] | None = None, *, console: Console | None = None, out: TextIO | None = None
) -> int:
    console = console or Console()
    out = out or sys.stdout
    grammar = parser.build_parser()
    try:
        args = parser.parse(grammar, list(sys.argv[1:] if argv is None else argv))
    except CliUsageError as exc:
        grammar.print_usage(console.stderr)
        console.say(printable(str(exc)))
        return 2
    try:
        return command(FLEET if args.fleet else COMMANDS[args.command])(args, console, out)
    except UsageError as exc:
        console.error(exc)
        return 2
    except WizardError as exc:
        console.error(exc)
        return 1
    except KeyboardInterrupt:
        console.error("interrupted")
        return 1
