"""``relay-wizard inspect TARGET``: what the server has, with findings."""

from __future__ import annotations

from typing import TYPE_CHECKING, TextIO

from wizard.cli.connect import connect
from wizard.cli.console import Console, print_json
from wizard.core.mta.report import Level, ServerReport
from wizard.core.mta.sendmail.inspection import inspect_server

if TYPE_CHECKING:
    import argparse
    from collections.abc import Sequence

_MARK = {Level.OK: "ok  ", Level.WARNING: "WARN", Level.PROBLEM: "FAIL"}


def format_report(r: ServerReport) -> str:
    def mechs(items: Sequence[str]) -> str:
        return " ".join(items) if items else "none"

    lines = [
        f"Server      {r.host}",
        f"System      {r.os}",
        f"sendmail    {r.sendmail.version} (SASL {'yes' if r.sendmail.sasl else 'no'}, "
        f"STARTTLS {'yes' if r.sendmail.starttls else 'no'}); rebuild: "
        f"{r.sendmail.rebuild or 'not possible'}; restart: "
        f"{r.sendmail.restart or r.service_manager or 'unknown'}",
        f"Realm       {r.realm}",
        "Listeners   "
        + ", ".join(
            f"{lst.name or '?'} {lst.to_json()['address']}:{lst.port}" for lst in r.listeners
        ),
        "Listening   " + (", ".join(f"{s.address}:{s.port}" for s in r.listening) or "nothing"),
        f"AUTH        advertised {mechs(r.auth.advertised)}; trusted {mechs(r.auth.trusted)}; "
        f"options {mechs(r.auth.options)}",
        f"SASL        {r.sasl.config_path or 'no config'} (pwcheck_method "
        f"{r.sasl.pwcheck_method or '?'}); plugins {mechs(r.sasl.plugins)}; "
        f"{r.sasl.users} user(s)",
        f"TLS         {'offered' if r.tls.offered else 'not offered'}",
        "",
        "Findings",
    ]
    for f in r.findings:
        lines.append(f"  [{_MARK[f.level]}] {f.message}")
        if f.detail:
            lines.append(f"        {f.detail}")
        if f.fixed_by:
            lines.append(f"        Fixed by the {' or the '.join(f.fixed_by)} profile.")
    return "\n".join(lines)


def cmd_inspect(args: argparse.Namespace, console: Console, out: TextIO) -> int:
    with connect(args, console) as session:
        report = inspect_server(session, session.target.host)
    if args.json:
        print_json(out, report.to_json())
    else:
        out.write(format_report(report) + "\n")
    return 0
