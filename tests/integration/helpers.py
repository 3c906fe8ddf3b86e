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
