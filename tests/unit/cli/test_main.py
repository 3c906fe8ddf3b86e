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
