"""The command line for several servers at once: thin, like every command.

``inspect``, ``plan``, ``apply``, ``users`` and ``audit-relay`` with several targets or
``--inventory``: each server gets its own worker and SSH session (the fleet's runner,
:mod:`wizard.core.fleet.runner`), progress lines are prefixed with the server's name on
stderr, and a summary table (or, with ``--json``, a list of per-server objects) goes to
stdout. Exit 0 when every server succeeded, 1 otherwise, 2 for a usage error (nothing was
done).

Nothing is asked from a worker thread: the host keys must be known or accepted with
``--accept-new-host-key``; a password prompt, when one is needed, is asked once on the
first server before the workers start, and the answer is used for all.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import TYPE_CHECKING, TextIO, cast

from wizard.cli.commands.audit import audit_settings
from wizard.cli.commands.plan import options_from
from wizard.cli.commands.users import check_users_args
from wizard.cli.connect import ask, credentials_from
from wizard.cli.console import PROG, Console, LinePrinter, print_json, row_text
from wizard.cli.parser import parse_server
from wizard.core.change.apply import apply_plan, plan_for
from wizard.core.change.outcome import ApplyFailed, ApplyReport
from wizard.core.change.plan import Plan
from wizard.core.errors import AuthError, SudoPasswordNeeded, UsageError, WizardError
from wizard.core.fleet import inventory, runner
from wizard.core.fleet.hosts import Host, check_distinct, host_from_text
from wizard.core.fleet.runner import Outcome
from wizard.core.fleet.summary import Row, changes_text, format_table, not_started, row_for
from wizard.core.mail.audit import audit_relay
from wizard.core.mail.audit_report import AuditReport
from wizard.core.mail.smtp import SmtpFailure
from wizard.core.mta.auto import inspect_any
from wizard.core.mta.report import Level, ServerReport
from wizard.core.mta.sendmail import users
from wizard.core.remote.hostkeys import KnownHosts
from wizard.core.remote.login import Credentials
from wizard.core.remote.session import SshSession
from wizard.core.target import Target

if TYPE_CHECKING:
    import argparse

Say = Callable[[str], None]


def hosts_from(args: argparse.Namespace, console: Console, texts: list[str]) -> list[Host]:
    """The servers named on the command line, then those of ``--inventory`` (``--limit``)."""
    hosts = [host_from_text(t) for t in texts]
    if args.inventory is not None:
        found = inventory.read_inventory(args.inventory)
        hosts += found.select(args.limit)
        for warning in found.warnings:
            console.warn(warning)
    elif args.limit:
        raise UsageError("--limit selects from an inventory.", "Add --inventory FILE.")
    check_distinct(hosts)
    return hosts


def run(args: argparse.Namespace, console: Console, out: TextIO) -> int:
    runner.check_jobs(args.jobs)
    if args.command == "audit-relay":
        return _audit(args, console, out)
    if args.command == "plan" and args.mc_file is not None:
        raise UsageError("Give either TARGETs or --mc-file, not both.")
    if isinstance(args.accept_new_host_key, str):
        raise UsageError(
            "A fingerprint names one server's key; several servers have several.",
            "Use --accept-new-host-key without a fingerprint, or accept each server's key "
            "on its own first.",
        )
    if args.remember_ssh:
        raise UsageError("--remember-ssh works with one server at a time.")
    if args.command == "apply" and not args.yes:
        raise UsageError(
            "apply on several servers needs --yes.",
            "Read relay-wizard plan for the same servers first, then add --yes.",
        )
    hosts = hosts_from(args, console, list(args.targets))
    job = _job(args, console)
    return _run_sessions(args, console, out, hosts, *job)


Job = tuple[Callable[[SshSession, Say, threading.Event], object], Callable[[Outcome[object]], Row]]


def _job(args: argparse.Namespace, console: Console) -> Job:
    """(the work on one connected server, its summary row) for the command."""
    if args.command == "inspect":
        return _inspect_work, _inspect_row
    if args.command == "plan":
        options = options_from(args)
        return (
            lambda s, say, cancel: plan_for(s, options, cancel=cancel, progress=say)[0],
            _plan_row,
        )
    if args.command == "apply":
        options = options_from(args)
        return (
            lambda s, say, cancel: apply_plan(s, options, progress=say, cancel=cancel),
            _apply_row,
        )
    return _users_job(args, console)


def _inspect_work(session: SshSession, say: Say, cancel: threading.Event) -> ServerReport:
    return inspect_any(session, session.target.host, progress=say, cancel=cancel)


def _inspect_row(o: Outcome[object]) -> Row:
    report = o.value
    if not isinstance(report, ServerReport):
        return row_for(o, "failed", False)
    problems = sum(1 for f in report.findings if f.level == Level.PROBLEM)
    warnings = sum(1 for f in report.findings if f.level == Level.WARNING)
    advertised = " ".join(report.auth.advertised) or "none"
    trusted = " ".join(report.auth.trusted) or "none"
    return row_for(
        o,
        "ok",
        True,
        verification=f"AUTH {advertised} (trusted: {trusted}); {problems} problem(s), "
        f"{warnings} warning(s)",
        details={"report": report.to_json()},
    )


def _plan_row(o: Outcome[object]) -> Row:
    plan = o.value
    if not isinstance(plan, Plan):
        return row_for(o, "failed", False)
    details = {"plan": plan.to_json()}
    changed = _changed(plan)
    if plan.errors:
        return row_for(
            o,
            "errors",
            False,
            changed=changed,
            error="The plan has errors: " + " ".join(c.message for c in plan.errors),
            fix="Fix what the checks say, then plan again.",
            details=details,
        )
    if plan.nothing_to_do:
        return row_for(o, "nothing to do", True, changed="nothing", details=details)
    verify = "; ".join(f"port {e.port}: AUTH {' '.join(e.mechanisms)}" for e in plan.expect)
    return row_for(
        o, "ok", True, changed=f"would change {changed}", verification=verify, details=details
    )


def _changed(plan: Plan) -> str:
    paths = [c.path for c in plan.changes]
    rebuilt = any(c.path.endswith(".mc") for c in plan.changes)
    return changes_text(paths, (c.diff for c in plan.changes), rebuilt)


def _verification(report: ApplyReport) -> str:
    ports = [s for s in report.steps if s.port]
    return "; ".join(
        f"port {s.port}: {s.detail.split(';')[0]}, relay closed"
        if s.ok
        else f"port {s.port}: FAILED"
        for s in ports
    )


def _apply_row(o: Outcome[object]) -> Row:
    if isinstance(o.value, tuple):
        plan, report = o.value
        details = {"report": report.to_json()}
        if report.nothing_to_do:
            return row_for(
                o,
                "unchanged",
                True,
                changed="nothing",
                verification="already configured",
                details=details,
            )
        return row_for(
            o,
            "ok",
            True,
            changed=_changed(plan),
            verification=_verification(report),
            details=details,
        )
    exc = o.error
    if isinstance(exc, ApplyFailed):
        report = exc.report
        details = {"report": report.to_json()}
        failed = next((s for s in report.steps if not s.ok), None)
        verification = _verification(report) or (f"{failed.title}: failed" if failed else "-")
        if not report.rollback:
            result = "failed"
        elif all(s.ok for s in report.rollback):
            result = "rolled back"
        else:
            result = "FAILED, rollback incomplete"
        return row_for(
            o, result, False, changed="nothing", verification=verification, details=details
        )
    return row_for(o, "failed", False, changed="nothing")


def _users_job(args: argparse.Namespace, console: Console) -> Job:
    action, name = args.action, args.name
    password, generated = check_users_args(args, console)  # once, for every server

    def work(session: SshSession, say: Say, cancel: threading.Event) -> object:
        realm = users.read_realm(session, cancel)
        if action == "list":
            return realm, users.list_users(session, cancel)
        say(f"{action} {name}@{realm}")
        if action == "add":
            return users.add_user(session, realm, name, password, cancel)
        if action == "passwd":
            return users.change_password(session, realm, name, password, cancel)
        users.remove_user(session, realm, name, cancel)
        return users.SaslUser(users.validate_user_name(name, realm), realm)

    verb = {"add": "created", "passwd": "password changed", "remove": "removed"}.get(action, "")

    def row(o: Outcome[object]) -> Row:
        if o.value is None:
            return row_for(o, "failed", False, changed="nothing")
        if action == "list":
            realm, found = cast("tuple[str, list[users.SaslUser]]", o.value)
            names = [str(u) for u in found]
            return row_for(
                o,
                "ok",
                True,
                verification=f"{len(names)} account(s) in realm {realm}",
                details={
                    "realm": realm,
                    "users": [{"name": u.name, "realm": u.realm} for u in found],
                },
            )
        user = o.value
        details: dict[str, object] = {
            "user": getattr(user, "name", ""),
            "realm": getattr(user, "realm", ""),
        }
        if generated and action != "remove":
            details["password"] = password
        return row_for(o, "ok", True, changed=f"{user}: {verb}", details=details)

    args.generated_password = password if generated else ""
    return work, row


Connect = Callable[[Host, Credentials, threading.Event | None], SshSession]


def _probe(
    console: Console, host: Host, creds: Credentials, connect: Connect
) -> tuple[SshSession | None, Credentials, BaseException | None]:
    """Connect to the first server here, before the workers: the one place a password
    prompt may be answered. (session or None, the credentials to use for all, its error)."""
    for _ in range(3):
        try:
            return connect(host, creds, None), creds, None
        except (AuthError, SudoPasswordNeeded) as exc:
            try:
                creds = ask(console, host.target, creds, exc)
            except (AuthError, SudoPasswordNeeded) as final:
                return None, creds, final
        except Exception as exc:
            return None, creds, exc
    return None, creds, None


def _run_sessions(
    args: argparse.Namespace,
    console: Console,
    out: TextIO,
    hosts: list[Host],
    work: Callable[[SshSession, Say, threading.Event], object],
    make_row: Callable[[Outcome[object]], Row],
) -> int:
    creds = credentials_from(args)
    known = KnownHosts(args.known_hosts or KnownHosts.default_path())

    def connect(host: Host, creds: Credentials, cancel: threading.Event | None) -> SshSession:
        return runner.connect_host(
            host,
            creds,
            known,
            accept_new_host_key=bool(args.accept_new_host_key),
            timeout=args.timeout,
            cancel=cancel,
        )

    printer = LinePrinter(console.stderr.write, console.stderr.flush)
    quiet = args.json

    def say(host: Host, message: str) -> None:
        if not quiet:
            printer(host, message)

    opened: dict[str, SshSession] = {}
    early: dict[str, BaseException] = {}
    if console.interactive:
        session, creds, error = _probe(console, hosts[0], creds, connect)
        if session is not None:
            opened[hosts[0].name] = session
        elif error is not None:
            early[hosts[0].name] = error

    def one(host: Host, report: Say, cancel: threading.Event) -> object:
        if host.name in early:
            raise early[host.name]
        session = opened.pop(host.name, None)
        if session is None:
            report(f"connecting to {host.target}")
            session = connect(host, creds, cancel)
        with session:
            return work(session, report, cancel)

    def done(o: Outcome[object]) -> None:
        row = make_row(o)
        say(o.host, f"{row.result}" + (f": {row.error}" if row.error else ""))

    def interrupted(count: int) -> None:
        console.stderr.write(
            f"{PROG}: interrupted: no more servers are started; those running finish"
            + (" (Ctrl-C again rolls them back)\n" if count == 1 else ", rolling back\n")
        )

    try:
        outcomes = runner.run_parallel(
            hosts, one, jobs=args.jobs, progress=say, on_interrupt=interrupted, on_done=done
        )
    finally:
        for session in opened.values():
            session.close()
    rows = [not_started(o) or make_row(o) for o in outcomes]
    return _print(args, console, out, rows)


def _print(args: argparse.Namespace, console: Console, out: TextIO, rows: list[Row]) -> int:
    rows = [row_text(r) for r in rows]  # each error with the flag it concerns
    if args.json:
        print_json(out, [r.to_json() for r in rows])
    else:
        out.write(format_table(rows) + "\n")
        password = getattr(args, "generated_password", "")
        if password and any(r.ok for r in rows):
            out.write(f"Generated password (shown once, keep it safe): {password}\n")
    failed = [r.server for r in rows if not r.ok]
    if failed:
        console.stderr.write(
            f"{PROG}: {len(failed)} of {len(rows)} servers failed: {', '.join(failed)}\n"
        )
        return 1
    return 0


def _audit(args: argparse.Namespace, console: Console, out: TextIO) -> int:
    """Each server's listener audited from here, without SSH (``--ssh`` names one server)."""
    if args.target:
        raise UsageError(
            "--ssh names one server; with several, the audit runs without SSH.",
            "Leave out --ssh, or audit one server at a time.",
        )
    security = args.security or "none"
    port = {"starttls": 587, "tls": 465}.get(security, 25)
    hosts: list[Host] = []
    for text in args.servers:
        address, smtp_port = parse_server(text, security)
        name = address if smtp_port == port else f"{address}:{smtp_port}"
        hosts.append(Host(name, Target(address, smtp_port, "root")))
    if args.inventory is not None or args.limit:  # its addresses, the listener by --security
        for h in hosts_from(args, console, []):
            hosts.append(Host(h.name, Target(h.target.host, port, h.target.user)))
    check_distinct(hosts)
    printer = LinePrinter(console.stderr.write, console.stderr.flush)

    def say(host: Host, message: str) -> None:
        if not args.json:
            printer(host, message)

    def work(host: Host, report: Say, cancel: threading.Event) -> AuditReport:
        settings = audit_settings(args, host.target.host, host.target.port)
        try:
            return audit_relay(settings, user=args.user, cancel=cancel, progress=report)
        except SmtpFailure as exc:
            raise WizardError(
                f"The audit could not talk to {host.target.host} port {host.target.port}: "
                f"{exc.message}"
            ) from None

    def row(o: Outcome[object]) -> Row:
        report = o.value
        if not isinstance(report, AuditReport):
            return row_for(o, "failed", False)
        n = len(report.results)
        verification = (
            f"closed: all {n} relay tricks refused"
            if report.closed
            else f"{report.verdict}: {len(report.accepted)} of {n} accepted"
        )
        return row_for(
            o,
            report.verdict,
            report.closed,
            verification=f"port {report.port}: {verification}",
            error="" if report.closed else report.summary(),
            details={"audit": report.to_json()},
        )

    def done(o: Outcome[object]) -> None:
        say(o.host, row(o).result)

    outcomes = runner.run_parallel(hosts, work, jobs=args.jobs, progress=say, on_done=done)
    rows = [not_started(o) or row(o) for o in outcomes]
    return _print(args, console, out, rows)
