"""The classic job the way the wizard does it: one process, one SSH session, the core's API.

Connect, inspect (Server check page), read the state and plan (Settings/Review), apply
with its verification from outside (the open-relay audit), add a SASL user (Users page),
one authenticated test send to a non-local address and the message's fate on the server
(Test page): the calls ``wizard.ui`` makes through ``CoreServices``, in the same order.

Before its clock starts the job, the process loads what ``relay-wizard apply`` loads
before it has connected with a key: the CLI's entry point, its grammar (the apply command
line parsed), the apply command's module, and SSH (paramiko, cryptography, as the lazy
proxies load them). Not the keyring: a key login never opens it. So "job" is the wizard's
work and "process" (timed from outside, by bench/main.py) what a command-line user waits.

Run: python -m bench.product HOST KEY KNOWN_HOSTS [--init]; prints one JSON line.
"""

from __future__ import annotations

import argparse
import json
import sys
import threading
import time
from pathlib import Path


def main(argv: list[str] | None = None) -> int:
    started = time.monotonic()
    p = argparse.ArgumentParser()
    p.add_argument("host")
    p.add_argument("key")
    p.add_argument("known_hosts")
    p.add_argument("--port", type=int, default=22)
    p.add_argument("--init", action="store_true", help="restart with the init script")
    a = p.parse_args(argv)

    # What the command line loads for `relay-wizard apply ... --yes` before connecting.
    from wizard.cli import main as cli

    cli_args = cli.parser.parse(
        cli.parser.build_parser(),
        [
            "apply",
            f"root@{a.host}:{a.port}",
            "-i",
            a.key,
            "--known-hosts",
            a.known_hosts,
            "--no-agent",
            "--yes",
        ],
    )
    cli.command(cli.COMMANDS[cli_args.command])

    from wizard.core.change.options import RelayOptions
    from wizard.core.job import Job
    from wizard.core.mail import certs
    from wizard.core.mail.send import SendRequest
    from wizard.core.mail.smtp import SmtpSettings
    from wizard.core.remote import session as ssh
    from wizard.core.remote.login import Credentials, serialization
    from wizard.core.services import CoreServices
    from wizard.core.target import Target

    # SSH, as the CLI loads it on connecting (and the GUI in the background while its
    # first page shows): through the lazy proxies, so that paramiko comes without invoke.
    _first_reads_import = (ssh.paramiko.Transport, serialization.Encoding, certs.x509.Certificate)
    imported = time.monotonic()
    phases: dict[str, float] = {}
    mark = [imported]

    def lap(name: str) -> None:
        now = time.monotonic()
        phases[name] = round(now - mark[0], 3)
        mark[0] = now

    cancel = threading.Event()
    core = CoreServices(known_hosts=Path(a.known_hosts))
    options = RelayOptions(profile="classic", restart="init" if a.init else "auto")
    session = core.connect(
        Target(a.host, a.port, "root"), Credentials(key_file=Path(a.key), use_agent=False), Job()
    )
    lap("connect")
    try:
        core.inspect(session, Job(cancel=cancel))
        lap("inspect")
        state, remote = core.read_state(session, options, cancel)
        core.plan(state, remote, options)
        lap("plan")
        _plan, report = core.apply(session, options, Job(cancel=cancel))
        lap("apply")
        if not report.verified:
            raise SystemExit(f"apply did not verify: {report.to_json()}")
        password = core.generate_password()
        core.add_user(session, "benchuser", password)
        lap("add_user")
        settings = SmtpSettings(a.host, 25, "none")
        to = "someone@example.net"
        result = core.test_send(
            SendRequest(settings, "benchuser", password, to, to), lambda _m: None, session
        )
        lap("test_send")
        fate = core.follow(session, result.queue_id)
        lap("follow")
        counters = session.counters()
    finally:
        session.close()
    done = time.monotonic()
    print(
        json.dumps(
            {
                "job": done - imported,
                "process": done - started,
                "queue_id": result.queue_id,
                "mechanism": result.mechanism,
                "fate": fate.state,
                "phases": phases,
                **counters,
            }
        )
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
