"""wizard.cli.main: every command name reaches its function, and a command line imports
only the command it runs (checked in a fresh interpreter)."""

import json
import subprocess
import sys

from tests import ROOT
from wizard.cli import parser
from wizard.cli.main import COMMANDS, FLEET, command


def test_every_command_of_the_grammar_has_a_function() -> None:
    grammar = parser.build_parser()
    choices = next(a for a in grammar._actions if a.dest == "command").choices
    assert set(COMMANDS) == set(choices)
    for name in [*COMMANDS.values(), FLEET]:
        assert callable(command(name))


def test_a_command_line_loads_only_its_own_command() -> None:
    probe = (
        "import json, sys\n"
        "from wizard.cli.main import main\n"
        "code = main(['plan', '--mc-file', 'tests/data/mc/debian12-sendmail.mc', '--json'])\n"
        "print(json.dumps([code, sorted(m for m in sys.modules if m.startswith("
        "'wizard.cli.commands.'))]))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, cwd=ROOT, timeout=60
    )
    code, loaded = json.loads(done.stdout.splitlines()[-1])
    assert code == 0, done.stderr
    assert loaded == ["wizard.cli.commands.plan"]


# Loaded by no command before it connects: SSH, keyring and Qt come when used (or never);
# Postfix's driver only for a Postfix host; the exports and the fleet only for their commands.
NOT_BEFORE_CONNECTING = (
    "paramiko",
    "cryptography",
    "invoke",
    "keyring",
    "PySide6",
    "wizard.core.mta.postfix",
    "wizard.core.exports.clients",
    "wizard.core.fleet",
    "wizard.cli.commands.fleet",
    "wizard.cli.commands.export",
)


def loaded_after(code: str) -> tuple[set[str], list[str]]:
    """All modules loaded after ``code`` in a fresh interpreter, and the heavy ones."""
    probe = (
        "import contextlib, io, json, sys\n"
        "import wizard.cli.main as cli\n"
        f"{code}\n"
        "print(json.dumps(sorted(sys.modules)))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, cwd=ROOT, timeout=60
    )
    assert done.returncode == 0, done.stderr
    mods = set(json.loads(done.stdout.splitlines()[-1]))
    heavy = sorted(
        m for m in mods for h in NOT_BEFORE_CONNECTING if m == h or m.startswith(h + ".")
    )
    return mods, heavy


def test_help_loads_no_command_and_no_ssh_layer() -> None:
    mods, heavy = loaded_after(
        "with contextlib.redirect_stdout(io.StringIO()), contextlib.suppress(SystemExit):\n"
        "    cli.main(['--help'])\n"
        "with contextlib.redirect_stdout(io.StringIO()), contextlib.suppress(SystemExit):\n"
        "    cli.main(['apply', '--help'])"
    )
    assert heavy == []
    assert not {m for m in mods if m.startswith("wizard.cli.commands.")}
    assert "wizard.core.remote.session" not in mods


def test_the_server_commands_load_nothing_they_do_not_use_before_connecting() -> None:
    for argv in (
        ["apply", "mail.example.org", "--yes"],
        ["inspect", "mail.example.org"],
        ["users", "mail.example.org", "list"],
        ["test-send", "mail.example.org", "--user", "a", "--to", "b@example.net"],
    ):
        mods, heavy = loaded_after(
            f"args = cli.parser.parse(cli.parser.build_parser(), {argv!r})\n"
            "cli.command(cli.COMMANDS[args.command])"
        )
        assert heavy == [], argv
        assert "wizard.core.remote.session" in mods, argv  # what connects is there
