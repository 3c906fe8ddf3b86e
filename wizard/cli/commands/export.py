"""``relay-wizard export``: client settings for staff, or an Ansible playbook."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING, TextIO

from wizard.cli.commands.plan import options_from, read_mc_file, refuse_guard_options
from wizard.cli.connect import connect
from wizard.cli.console import PROG, Console
from wizard.core.change.apply import plan_for
from wizard.core.errors import UsageError
from wizard.core.exports import clients as export
from wizard.core.exports import playbook, playbook_postfix
from wizard.core.exports.client_settings import ClientSettings, IncomingServer
from wizard.core.exports.identity import validate_server_name
from wizard.core.local.credentials import CredentialStore
from wizard.core.local.profiles import ProfileStore, validate_name
from wizard.core.mta.postfix import settings as postfix_settings
from wizard.core.mta.postfix.state import PostfixState
from wizard.core.mta.sendmail import users
from wizard.core.target import validate_domain, validate_email, validate_host, validate_port
from wizard.core.untrusted import printable

if TYPE_CHECKING:
    import argparse
    from pathlib import Path


def _handout_password(args: argparse.Namespace, console: Console, host: str) -> str:
    if args.password_stdin:
        password = console.read_line()
    else:
        password = CredentialStore().sasl_password(host, args.user) or ""
    if not password:
        raise UsageError(
            f"No password of {args.user} for the handout: none is saved in the keyring.",
            "Pipe it in with --password-stdin, or leave out --include-password.",
        )
    return password


def cmd_export_ansible(args: argparse.Namespace, console: Console, out: TextIO) -> int:
    client_only = [
        flag
        for flag, value in (
            ("--profile-name", args.profile_name),
            ("--user", args.user),
            ("--email", args.email),
            ("--domain", args.domain),
            ("--incoming-host", args.incoming_host),
            ("--include-password", args.include_password),
            ("--password-stdin", args.password_stdin),
        )
        if value
    ]
    if client_only:
        raise UsageError(
            f"{', '.join(client_only)}: only for the client formats, not for ansible.",
            "Name the mail accounts the playbook creates with --sasl-user.",
        )
    options = options_from(args)
    refuse_guard_options(options, "The Ansible playbook")
    accounts = playbook.check_accounts(args.sasl_user)
    directory = args.output is not None and args.output.suffix not in (".yml", ".yaml")
    if accounts and not directory:
        raise UsageError(
            "--sasl-user goes into group_vars, which only the directory form holds.",
            "Give -o DIR, or list the accounts in relay_wizard_sasl_users yourself.",
        )
    if args.mc_file is not None:
        source = playbook.source_from_mc(read_mc_file(args), options, args.mc_file.name)
    elif args.target:
        with connect(args, console) as session:
            plan, state, _ = plan_for(session, options)
            if isinstance(state, PostfixState):
                # the same edits apply makes, as postconf tasks
                pf = playbook_postfix.source_from_postfix(
                    state, plan, postfix_settings.wanted(state, options), session.target.host
                )
                files = playbook_postfix.render_postfix_bundle(pf, accounts)
                return _write_bundle(args, console, out, files, directory)
            source = playbook.source_from_state(state, plan, session.target.host)
    else:
        raise UsageError(
            "export --format ansible needs the sendmail.mc to plan from.",
            "Give a TARGET to read it over SSH, or --mc-file FILE.",
        )
    files = playbook.render_bundle(source, accounts)
    return _write_bundle(args, console, out, files, directory)


def _write_bundle(
    args: argparse.Namespace,
    console: Console,
    out: TextIO,
    files: dict[str, str],
    directory: bool,
) -> int:
    """The playbook on stdout, in one file (-o FILE.yml) or the whole directory (-o DIR)."""
    if args.output is None:
        out.write(files["playbook.yml"])
        return 0
    if not directory:
        _write_files({args.output: files["playbook.yml"]})
        console.say(f"{PROG}: wrote {args.output}")
        return 0
    kept, wanted = [], {}
    for name, text in files.items():
        path = args.output / name
        if name.startswith("group_vars/") and path.exists():
            kept.append(path)  # the admin's accounts: never overwritten
        else:
            wanted[path] = text
    _write_files(wanted)
    for path in kept:
        console.say(f"{PROG}: kept your {path} as it is")
    console.say(f"{PROG}: wrote {args.output}/ (read its README.md)")
    return 0


def _write_files(files: dict[Path, str]) -> None:
    """Write each file (directories made as needed); a clear message when one cannot be."""
    for path, text in files.items():
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            if path.is_dir():
                raise IsADirectoryError(21, "it is a directory")
            path.write_text(text, encoding="utf-8")
        except OSError as exc:
            raise UsageError(
                f"Cannot write {path}: {exc.strerror}.", "Choose a place you can write to with -o."
            ) from None


def _check_export_args(args: argparse.Namespace) -> int:
    """Each client-format argument checked for its kind, before anything is read or
    written; the incoming port as a number (0: the usual one)."""
    if args.profile_name:
        validate_name(args.profile_name)
    if args.user:
        users.split_user_name(args.user)
    if args.email:
        validate_email(args.email)
    if args.domain:
        validate_domain(args.domain.removesuffix("."))
    if args.server_name:
        validate_server_name(args.server_name)
    if args.incoming_host:
        validate_host(args.incoming_host)
    return validate_port(args.incoming_port) if args.incoming_port else 0


def cmd_export(args: argparse.Namespace, console: Console, out: TextIO) -> int:
    if args.format == "ansible":
        return cmd_export_ansible(args, console, out)
    incoming_port = _check_export_args(args)
    for flag, value in (
        ("TARGET", args.target),
        ("--mc-file", args.mc_file),
        ("--sasl-user", args.sasl_user),
    ):
        if value:
            raise UsageError(f"{flag} is only for --format ansible.")
    if not args.profile_name or not args.user:
        raise UsageError(
            f"--format {args.format} needs --profile-name NAME and --user USER.",
            "The profile is the one test-send --profile saved.",
        )
    if args.password_stdin and not args.include_password:
        raise UsageError("--password-stdin is only for --include-password.")
    if args.include_password and args.format not in ("handout-html", "handout-pdf"):
        raise UsageError("Only the handout may hold a password.", "Leave out --include-password.")
    profile = ProfileStore().get(args.profile_name)
    incoming = None
    if args.incoming_host:
        incoming = IncomingServer(
            args.incoming_host, incoming_port, args.incoming_type, args.incoming_security
        )
    elif incoming_port:
        raise UsageError("--incoming-port needs --incoming-host.")
    settings = ClientSettings(
        profile,
        args.user,
        email=args.email,
        domain=args.domain,
        incoming=incoming,
        server=args.server_name,
    )
    if args.include_password:
        settings = replace(settings, password=_handout_password(args, console, profile.host))
    fmt = "handout-html" if args.format == "handout-pdf" else args.format
    result = export.export(fmt, settings)
    for warning in result.warnings:
        console.warn(warning)
    if args.format == "handout-pdf":
        from wizard import render  # Qt, loaded only for the PDF

        data = render.html_to_pdf(result.text)
    else:
        data = result.text.encode("utf-8")
    if args.output:
        # A handout with a password: 0600 whatever the umask or the old file's mode;
        # msmtp and mutt refuse a config others can read: created private too.
        secret = export.holds_secret(args.format, settings)
        export.write_file(args.output, data, fmt=args.format, secret=secret)
        console.say(f"{PROG}: wrote {printable(str(args.output))}")
        return 0
    if args.format == "handout-pdf":
        buffer = getattr(out, "buffer", None)
        if buffer is None:
            raise UsageError("The PDF cannot be written here.", "Give a file with -o.")
        out.flush()
        buffer.write(data)
        buffer.flush()
    else:
        out.write(result.text)
    return 0
