"""``relay-wizard plan``: what apply would change, over SSH or offline on a local .mc."""

from __future__ import annotations

from typing import TYPE_CHECKING, TextIO

from wizard.cli.connect import connect
from wizard.cli.console import Console, one_line, print_json
from wizard.core.change.apply import plan_for
from wizard.core.change.options import RelayOptions
from wizard.core.change.plan import CheckLevel, Plan, unified_diff
from wizard.core.errors import Field, UsageError
from wizard.core.mta.sendmail.checks import tls_paths
from wizard.core.mta.sendmail.mcplan import plan_mc
from wizard.core.mta.sendmail.state import CERT_CANDIDATES, DEBIAN_KEY_MODE, FileFacts

if TYPE_CHECKING:
    import argparse


def options_from(args: argparse.Namespace) -> RelayOptions:
    return RelayOptions(
        profile=args.profile,
        mechanisms=tuple(m for item in args.mech for m in item.replace(",", " ").split()),
        drop_mechanisms=tuple(m for item in args.drop_mech for m in item.replace(",", " ").split()),
        open_smtp=args.open_smtp,
        smtps=args.smtps,
        cert_file=args.cert,
        key_file=args.key,
        ca_file=args.ca,
        certificate=args.certificate,
        cert_name=args.cert_name,
        acme_server=args.acme_server,
        acme_email=args.acme_email,
        webroot=args.webroot,
        protect=args.protect,
        ban_time=args.ban_time,
        max_retry=args.max_retry,
        find_time=args.find_time,
        allow=tuple(a for item in args.allow for a in item.replace(",", " ").split()),
    ).validated()


def refuse_guard_options(options: RelayOptions, what: str) -> None:
    """``what`` (an offline plan, the playbook) edits the .mc only: a certificate from
    certbot or the protection, asked for explicitly, would be silently left out."""
    if options.certificate != "keep":
        raise UsageError(
            f"{what} cannot set up a certificate from certbot: that needs the server itself.",
            "Run apply against the server for the certificate, or leave that option out.",
            field=Field.CERTIFICATE,
        )
    if options.protect and options.protect_given:
        raise UsageError(
            f"{what} cannot set up the protection against password guessing (fail2ban): "
            "that needs the server itself.",
            "Run apply against the server for the protection, or leave that option out.",
            field=Field.BAN,
        )


_CHECK_MARK = {CheckLevel.OK: "ok  ", CheckLevel.WARNING: "WARN", CheckLevel.ERROR: "FAIL"}


def format_plan(plan: Plan) -> str:
    lines = [f"Profile     {plan.options.profile} ({' '.join(plan.options.mechanisms)})"]
    if plan.summary or plan.actions:
        lines += ["", "What changes"]
        lines += [f"  - {one_line(sentence)}" for sentence in (*plan.actions, *plan.summary)]
    if plan.checks:
        lines += ["", "Checks"]
        for c in plan.checks:
            lines.append(f"  [{_CHECK_MARK[c.level]}] {c.message}")
            if c.detail:
                lines.append(f"        {c.detail}")
    lines.append("")
    if plan.errors and not plan.changes:
        lines.append("Relay Wizard will not change this server: " + plan.errors[0].message)
        return "\n".join(lines)
    if plan.nothing_to_do:
        lines.append("Nothing to do: the server already has this configuration.")
        return "\n".join(lines)
    for number, step in enumerate(plan.steps, 1):
        lines.append(f"Step {number}. {step.title}")
        if step.about:
            lines.append(f"    {step.about}")
        lines += [f"    $ {command}" for command in step.commands]
        for diff in step.diffs:
            lines += ["    " + line for line in diff.rstrip("\n").split("\n")]
    if plan.errors:
        lines += ["", "The plan has errors: apply would refuse to run."]
    return "\n".join(lines)


def read_mc_file(args: argparse.Namespace) -> str:
    """The text of ``--mc-file`` (bytes kept through surrogates), refused with a TARGET."""
    if args.target:
        raise UsageError("Give either a TARGET or --mc-file, not both.")
    try:
        text: str = args.mc_file.read_bytes().decode("utf-8", "surrogateescape")
    except OSError as exc:
        raise UsageError(f"Cannot read {args.mc_file}: {exc.strerror}.") from None
    return text


def cmd_plan(args: argparse.Namespace, console: Console, out: TextIO) -> int:
    options = options_from(args)
    if args.mc_file is not None:
        refuse_guard_options(options, "A plan made from a local file")
        text = read_mc_file(args)
        tls = tls_paths(options, {CERT_CANDIDATES[0][0]: FileFacts(CERT_CANDIDATES[0][0], True)})
        mcplan = plan_mc(
            text,
            options,
            tls if options.profile == "modern" else ("", "", ""),
            DEBIAN_KEY_MODE if not options.cert_file else 0,
            path=one_line(args.mc_file.name),
        )
        if args.json:
            print_json(out, mcplan.to_json())
            return 1 if mcplan.refused else 0
        for check in mcplan.checks:
            console.say(f"[{_CHECK_MARK[check.level]}] {one_line(check.message)}")
        if mcplan.refused:
            console.stderr.write(
                "Relay Wizard will not change this file: nothing was written to standard output.\n"
            )
            return 1
        edited = mcplan.after
        out.buffer.write(edited.encode("utf-8", "surrogateescape")) if hasattr(
            out, "buffer"
        ) else out.write(edited)
        out.flush()
        if edited != text:
            console.stderr.write(unified_diff(str(args.mc_file), text, edited))
        else:
            console.say("Nothing to do: the file already has this configuration.")
        return 0
    if not args.target:
        raise UsageError("plan needs a TARGET (or --mc-file FILE to plan offline).")
    with connect(args, console) as session:
        plan, _, _ = plan_for(session, options)
    if args.json:
        print_json(out, plan.to_json())
    else:
        out.write(format_plan(plan) + "\n")
    return 1 if plan.errors else 0
