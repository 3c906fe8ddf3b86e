"""What several integration tests share: running the CLI in-process, SSH as root."""

from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path

from tests.lab.lab import LabServer
from wizard.cli.console import Console
from wizard.cli.main import main
from wizard.core.remote.hostkeys import KnownHosts
from wizard.core.remote.login import Credentials
from wizard.core.remote.session import SshSession
from wizard.core.target import Target


class Run:
    """The outcome of one in-process ``relay-wizard`` run."""

    def __init__(self, code: int, out: str, err: str) -> None:
        self.code, self.out, self.err = code, out, err


def run_cli(argv: list[str], stdin: str = "") -> Run:
    out, err = io.StringIO(), io.StringIO()
    code = main(argv, console=Console(stdin=io.StringIO(stdin), stderr=err), out=out)
    return Run(code, out.getvalue(), err.getvalue())


Cli = Callable[..., Run]


def cli_for(server: LabServer, known: Path) -> Cli:
    """``relay-wizard COMMAND root@server -i KEY --known-hosts KNOWN ARGS...``, in-process."""

    def run(*args: str, stdin: str = "") -> Run:
        target = [f"root@{server.address}", "-i", str(server.root_key)]
        return run_cli([args[0], *target, "--known-hosts", str(known), *args[1:]], stdin)

    return run


def known_hosts_for(server: LabServer, path: Path) -> Path:
    """A known_hosts file that already trusts ``server``."""
    path.write_text(f"{server.address} {server.host_key_line}\n")
    return path


def ssh_root_args(server: LabServer, known: Path) -> list[str]:
    """``--ssh root@server`` with its key, for test-send and audit-relay."""
    return [
        "--ssh",
        f"root@{server.address}",
        "-i",
        str(server.root_key),
        "--known-hosts",
        str(known),
        "--no-agent",
    ]


def session_for(server: LabServer, known: Path) -> SshSession:
    """An SSH session as root, by key, to ``server``."""
    return SshSession.connect(
        Target(server.address, 22, "root"),
        Credentials(key_file=server.root_key, use_agent=False),
        KnownHosts(known),
    )


# The steps that need nothing from this computer in between run on the server as one
# command (wizard.core.change.batch): each starts once the previous one's report was
# written, so a connection cut at a step boundary lets the step in flight end (or sshd's
# hang-up stops it half-way: its state is not written), and nothing runs once sshd has
# seen the connection go. How many steps that takes depends on how soon the report is
# read here and the hang-up seen there: on a loaded machine, seen settled, up to the end
# of the batch. By boundary (the step whose report this computer had read), the journal
# states the server may be left in: that step's or a later one's, never an earlier one.
# A cut after the last of those steps leaves it where that step left it.
def reached_after_cut(steps: list[str], states: dict[str, str], boundary: str) -> set[str]:
    """``steps``: the batch's steps in order; ``states``: the journal state each leaves."""
    if boundary not in steps:
        return {states[steps[-1]]}
    return {states[s] for s in steps[steps.index(boundary) :]}


# Wait until the server is settled: no apply's steps still run (batch.lock) and no Relay
# Wizard holds the server lock (an apply's lock shell records its finish as it lets go,
# milliseconds after the client moved on). Without flock there is nothing to wait for.
SETTLED = (
    "if command -v flock >/dev/null; then for l in /var/lib/relay-wizard/batch.lock "
    '/var/lib/relay-wizard/lock; do [ ! -e "$l" ] || flock -w 30 "$l" true; done; fi; '
)


def newest_journal_state(server: LabServer) -> str:
    """The state file of the newest journal on ``server`` ("" if there is none), once the
    server is settled (:data:`SETTLED`): read it before anything the state implies."""
    return server.run(
        SETTLED + "cd /var/lib/relay-wizard/journal 2>/dev/null && "
        'd=$(ls -1 | sort | tail -n 1) && cat "$d/state"; :'
    ).stdout.strip()
