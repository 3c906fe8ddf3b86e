"""The command line: a thin front end on the core, like the GUI.

Exit codes: 0 success, 1 failure (one line on stderr saying why and what to do),
2 usage error. Passwords come from the environment or a prompt, never from argv.
"""

from __future__ import annotations

import argparse
import getpass
import json
import os
import sys
from collections.abc import Callable, Sequence
from dataclasses import replace
from pathlib import Path
from typing import TextIO

from wizard import __version__
from wizard.core.change.apply import apply_plan, plan_for
from wizard.core.change.journal import rollback
from wizard.core.change.options import RelayOptions
from wizard.core.change.outcome import ApplyFailed, StepOutcome
from wizard.core.change.plan import CheckLevel, Plan, unified_diff
from wizard.core.errors import (
    AuthError,
    HostKeyUnknown,
    SudoPasswordNeeded,
    UsageError,
    WizardError,
)
from wizard.core.exports import clients as export
from wizard.core.exports import playbook
from wizard.core.local.credentials import CredentialStore, CredentialStoreError
from wizard.core.local.profiles import ProfileStore, ServerProfile, validate_name
from wizard.core.mail.audit import audit_relay
from wizard.core.mail.diagnose import deepen, diagnose, follow_message
from wizard.core.mail.smtp import (
    SendResult,
    SmtpFailure,
    SmtpSettings,
    normalize_fingerprint,
    send_test,
)
from wizard.core.mta.sendmail import users
from wizard.core.mta.sendmail.checks import tls_paths
from wizard.core.mta.sendmail.inspection import Level, ServerReport, inspect_server
from wizard.core.mta.sendmail.mcplan import plan_mc
from wizard.core.mta.sendmail.state import CERT_CANDIDATES, DEBIAN_KEY_MODE, FileFacts
from wizard.core.remote.ssh import Credentials, KnownHosts, SshSession
from wizard.core.target import (
    Target,
    parse_target,
    shown,
    validate_domain,
    validate_email,
    validate_host,
    validate_port,
)
from wizard.core.untrusted import has_unsafe, printable

ENV_SSH_PASSWORD = "RELAY_WIZARD_SSH_PASSWORD"
ENV_SUDO_PASSWORD = "RELAY_WIZARD_SUDO_PASSWORD"
ENV_KEY_PASSPHRASE = "RELAY_WIZARD_KEY_PASSPHRASE"

PROG = "relay-wizard"


class CliUsageError(Exception):
    """Raised by the parser instead of exiting, so main() controls the exit code."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        raise CliUsageError(f"{self.prog}: {message}")


def _add_connection_options(
    p: argparse.ArgumentParser, optional_target: bool = False, several: bool = False
) -> None:
    if several:  # one TARGET as before, or several (or --inventory): see cli_fleet
        p.add_argument(
            "targets",
            metavar="TARGET",
            nargs="*",
            help="the server as [user@]host[:port]; the user defaults to root, the port to "
            "22. Several servers (or --inventory) run in parallel",
        )
        _add_fleet_options(p)
    else:
        p.add_argument(
            "target",
            metavar="TARGET",
            nargs="?" if optional_target else None,
            help="the server as [user@]host[:port]; the user defaults to root, the port to 22",
        )
    p.add_argument("-i", "--identity", metavar="FILE", type=Path, help="SSH private key file")
    p.add_argument(
        "--known-hosts",
        metavar="FILE",
        type=Path,
        help=f"host keys file (default: {KnownHosts.default_path()})",
    )
    p.add_argument(
        "--accept-new-host-key",
        nargs="?",
        const=True,
        default=False,
        metavar="SHA256:FINGERPRINT",
        help="accept and save the host key of a server seen for the first time; with a "
        "fingerprint, only that key. A changed key is always refused.",
    )
    p.add_argument("--no-agent", action="store_true", help="do not use the SSH agent")
    p.add_argument("--timeout", type=float, default=15.0, metavar="SECONDS", help="connect timeout")
    p.add_argument(
        "--remember-ssh",
        action="store_true",
        help="save the SSH and sudo passwords in the OS keyring after connecting",
    )


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog=PROG,
        description="Turn a sendmail server into a safe SMTP AUTH relay. Without arguments, "
        "the desktop wizard opens.",
        epilog=f"Passwords come from {ENV_SSH_PASSWORD}, {ENV_SUDO_PASSWORD} and "
        f"{ENV_KEY_PASSPHRASE}, or from a prompt; never from the command line.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="SUBCOMMAND", parser_class=_Parser)
    sub.required = True

    p = sub.add_parser(
        "inspect",
        help="show what the server has: sendmail, listeners, AUTH, SASL, TLS, relay risks",
        description="Connect over SSH and report the server's mail set-up, with findings.",
    )
    _add_connection_options(p, several=True)
    p.add_argument("--json", action="store_true", help="print the report as JSON")
    p.set_defaults(func=cmd_inspect)

    p = sub.add_parser(
        "users",
        help="list, add, change or remove mail accounts (SASL users)",
        usage=f"{PROG} users [options] TARGET... {{list,add,passwd,remove}} [NAME]",
        description="Manage the SASL accounts staff log in with. Accounts are created in "
        "sendmail's realm (its canonical name). Passwords are read from stdin "
        "(--password-stdin) or generated (--generate, shown once); never from arguments.",
    )
    _add_connection_options(p, several=True)  # TARGET... ACTION [NAME], split after parsing
    p.set_defaults(action=None, name=None)
    how = p.add_mutually_exclusive_group()
    how.add_argument(
        "--password-stdin",
        action="store_true",
        help="read the new password from the first line of stdin",
    )
    how.add_argument(
        "--generate", action="store_true", help="generate a strong password and print it once"
    )
    p.add_argument("--json", action="store_true", help="print the result as JSON")
    p.set_defaults(func=cmd_users)

    p = sub.add_parser(
        "plan",
        help="show what apply would change (diffs, commands, checks); changes nothing",
        description="Plan the change to sendmail.mc (and the SASL config) and show it. "
        "With --mc-file, work offline on a local copy and print the edited .mc.",
    )
    _add_connection_options(p, optional_target=True, several=True)
    _add_profile_options(p)
    p.add_argument(
        "--mc-file", metavar="FILE", type=Path, help="plan offline on this local sendmail.mc"
    )
    p.add_argument("--json", action="store_true", help="print the plan as JSON")
    p.set_defaults(func=cmd_plan)

    p = sub.add_parser(
        "apply",
        help="apply the plan: back up, write, rebuild, reload, verify; roll back on failure",
        description="Apply the relay profile. Every touched file is backed up in a journal "
        "on the server (/var/lib/relay-wizard); any failure rolls back by itself.",
    )
    _add_connection_options(p, several=True)
    _add_profile_options(p)
    p.add_argument("-y", "--yes", action="store_true", help="do not ask for confirmation")
    p.add_argument("--json", action="store_true", help="print the outcome as JSON")
    p.set_defaults(func=cmd_apply)

    p = sub.add_parser(
        "rollback",
        help="restore the state before the last apply (from the journal on the server)",
        description="Restore every file the last apply changed, byte for byte, and reload "
        "sendmail. Works from any machine: the journal is on the server.",
    )
    _add_connection_options(p)
    p.add_argument("--json", action="store_true", help="print the outcome as JSON")
    p.set_defaults(func=cmd_rollback)

    p = sub.add_parser(
        "test-send",
        help="send a real test message through the server with SMTP AUTH, and explain failures",
        description="Log in to the mail server as a staff member would and send a test "
        "message to ADDRESS. The conversation is shown with passwords hidden; a failure is "
        "explained stage by stage, and with --ssh also from the server's side.",
    )
    p.add_argument("server", metavar="HOST[:PORT]", help="the mail server (port by --security)")
    p.add_argument("--user", required=True, help="the mail account (SASL user) to log in as")
    p.add_argument("--to", required=True, metavar="ADDRESS", help="where to send the message")
    p.add_argument("--from", dest="sender", metavar="ADDRESS", help="sender (default: --to)")
    p.add_argument(
        "--security",
        choices=["starttls", "tls", "none"],
        default="starttls",
        help="starttls (port 587, default), tls (implicit, port 465) or none (port 25)",
    )
    p.add_argument("--mech", default="", metavar="MECHANISM", help="AUTH mechanism to use")
    p.add_argument(
        "--password-stdin", action="store_true", help="read the password from stdin's first line"
    )
    p.add_argument(
        "--pin-cert",
        metavar="SHA256",
        help="accept exactly the certificate with this SHA-256 fingerprint (self-signed)",
    )
    p.add_argument("--transcript", metavar="FILE", type=Path, help="save the conversation")
    p.add_argument("--smtp-timeout", type=float, default=20.0, metavar="SECONDS")
    p.add_argument(
        "--remember",
        action="store_true",
        help="after a successful send, save the password in the OS keyring (where msmtp "
        "finds it too)",
    )
    p.add_argument(
        "--profile",
        metavar="NAME",
        help="after a successful send, save these verified settings (and a pinned "
        "certificate) as the server profile NAME; nothing secret goes into it",
    )
    _add_ssh_options(p)
    p.add_argument("--json", action="store_true", help="print the outcome as JSON")
    p.set_defaults(func=cmd_test_send)

    p = sub.add_parser(
        "audit-relay",
        help="prove the server is not an open relay: relay tricks without login, from here",
        description="Try at least 16 sender/recipient tricks without logging in (stopping at "
        "RCPT, never sending DATA) and report each as refused or accepted. Exit 0 when the "
        "server is closed, 1 when it relays for strangers or the audit could not prove it.",
    )
    p.add_argument(
        "servers",
        metavar="HOST[:PORT]",
        nargs="*",
        help="the mail server (port 25 by default); several (or --inventory) run in parallel",
    )
    _add_fleet_options(p)
    p.add_argument(
        "--security",
        choices=["none", "starttls", "tls"],
        help="default by port: starttls on 587, tls on 465, none otherwise",
    )
    p.add_argument(
        "--user", default="", help="also check that a wrong password is refused for this account"
    )
    p.add_argument("--smtp-timeout", type=float, default=20.0, metavar="SECONDS")
    _add_ssh_options(p)
    p.add_argument("--json", action="store_true", help="print the report as JSON")
    p.set_defaults(func=cmd_audit_relay)

    p = sub.add_parser(
        "export",
        help="client settings for staff (Thunderbird, Apple, msmtp, mutt, a handout, DNS SRV), "
        "or an Ansible playbook of a relay profile",
        description="Write the settings a mail program needs to send through the relay, made "
        "from a saved server profile: only the port, security and login method a test send "
        "verified. Without -o the file goes to stdout. A profile without a successful "
        "test-send is exported with a warning that the settings are unverified.",
    )
    p.add_argument(
        "--format", required=True, choices=[*export.FORMATS, "ansible"], help="what to write"
    )
    p.add_argument("--profile-name", metavar="NAME", help="the saved server profile")
    p.add_argument("--user", help="the staff member's mail account (SASL user)")
    p.add_argument(
        "--email", default="", metavar="ADDRESS", help="their address (default USER@DOMAIN)"
    )
    p.add_argument(
        "--domain",
        default="",
        help="the mail domain (default: the server's name minus its first label)",
    )
    p.add_argument("-o", "--output", metavar="FILE", type=Path, help="write here, not to stdout")
    p.add_argument(
        "--incoming-host",
        default="",
        metavar="HOST",
        help="IMAP/POP3 server (thunderbird, mobileconfig)",
    )
    p.add_argument("--incoming-type", choices=["imap", "pop3"], default="imap")
    p.add_argument(
        "--incoming-port", default="", metavar="PORT", help="default by type and security"
    )
    p.add_argument("--incoming-security", choices=["tls", "starttls", "none"], default="tls")
    p.add_argument(
        "--include-password",
        action="store_true",
        help="handout: print the password on it (from the keyring, or --password-stdin)",
    )
    p.add_argument(
        "--password-stdin", action="store_true", help="with --include-password: read it from stdin"
    )
    ans = p.add_argument_group(
        "--format ansible",
        "An Ansible playbook that applies a relay profile, made from the plan for TARGET's "
        "sendmail.mc (read over SSH) or for a local copy (--mc-file). With -o DIR: a directory "
        "(playbook.yml, inventory example, group_vars for the accounts, README); with "
        "-o FILE.yml or without -o: the playbook alone. See docs/ansible.md.",
    )
    _add_connection_options(ans, optional_target=True)  # type: ignore[arg-type]
    _add_profile_options(ans)  # type: ignore[arg-type]
    ans.add_argument(
        "--mc-file", metavar="FILE", type=Path, help="plan offline from this local sendmail.mc"
    )
    ans.add_argument(
        "--sasl-user",
        action="append",
        default=[],
        metavar="NAME",
        help="a mail account the playbook creates (repeat); its password comes from Ansible Vault",
    )
    p.set_defaults(func=cmd_export)
    return parser


def _add_fleet_options(p: argparse.ArgumentParser) -> None:
    """--inventory, --limit and --jobs: several servers at once (docs/fleet.md)."""
    p.add_argument(
        "--inventory",
        metavar="FILE",
        type=Path,
        help="the servers from this file: one [user@]host[:port] per line, or an Ansible "
        "INI/YAML inventory",
    )
    p.add_argument(
        "--limit", metavar="GROUPS", default="", help="only these inventory groups or hosts"
    )
    p.add_argument(
        "--jobs", type=int, default=4, metavar="N", help="servers worked on at once (default 4)"
    )


def _add_ssh_options(p: argparse.ArgumentParser) -> None:
    """--ssh TARGET and its connection options, for looking at the server's side."""
    p.add_argument(
        "--ssh",
        dest="target",
        metavar="TARGET",
        help="also look at the server over SSH ([user@]host[:port]): follow the message, and "
        "explain failures from the server's side",
    )
    p.add_argument("-i", "--identity", metavar="FILE", type=Path, help="SSH private key file")
    p.add_argument("--known-hosts", metavar="FILE", type=Path, help="SSH host keys file")
    p.add_argument(
        "--accept-new-host-key", nargs="?", const=True, default=False, metavar="SHA256:FP"
    )
    p.add_argument("--no-agent", action="store_true", help="do not use the SSH agent")
    p.add_argument("--timeout", type=float, default=15.0, metavar="SECONDS", help="SSH timeout")


def _add_profile_options(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--profile",
        choices=["modern", "classic"],
        default="modern",
        help="modern (default): STARTTLS, submission port 587 with login required, PLAIN/LOGIN "
        "only inside TLS; classic: port 25 open, DIGEST-MD5 and CRAM-MD5",
    )
    p.add_argument(
        "--mech",
        action="append",
        default=[],
        metavar="MECHANISM",
        help="an AUTH mechanism to offer and trust (repeat; default by profile)",
    )
    p.add_argument(
        "--drop-mech",
        action="append",
        default=[],
        metavar="MECHANISM",
        help="stop trusting and offering a mechanism the server has today (repeat); staff "
        "whose mail programs use it can no longer send. Never done otherwise",
    )
    p.add_argument(
        "--open-smtp", action="store_true", help="modern: also open port 25 to the network"
    )
    p.add_argument("--smtps", action="store_true", help="modern: implicit TLS on port 465 too")
    p.add_argument("--cert", metavar="PATH", default="", help="server certificate on the server")
    p.add_argument("--key", metavar="PATH", default="", help="its private key on the server")
    p.add_argument("--ca", metavar="PATH", default="", help="CA certificate file on the server")


# --------------------------------------------------------------------------- connecting


class Console:
    """Where the CLI talks to a person. Prompts only when stdin is a terminal."""

    def __init__(self, stdin: TextIO | None = None, stderr: TextIO | None = None) -> None:
        self.stdin = stdin if stdin is not None else sys.stdin
        self.stderr = stderr if stderr is not None else sys.stderr

    @property
    def interactive(self) -> bool:
        return self.stdin.isatty()

    def secret(self, prompt: str) -> str | None:
        if not self.interactive:
            return None
        return getpass.getpass(prompt, stream=self.stderr)

    def confirm(self, question: str) -> bool:
        if not self.interactive:
            return False
        self.stderr.write(f"{question} [y/N] ")
        self.stderr.flush()
        return self.stdin.readline().strip().lower() in ("y", "yes")


def credentials_from(args: argparse.Namespace) -> Credentials:
    return Credentials(
        password=os.environ.get(ENV_SSH_PASSWORD) or None,
        key_file=args.identity,
        key_passphrase=os.environ.get(ENV_KEY_PASSPHRASE) or None,
        use_agent=not args.no_agent,
        sudo_password=os.environ.get(ENV_SUDO_PASSWORD) or None,
    )


def connect(
    args: argparse.Namespace,
    console: Console,
    connector: Callable[..., SshSession] = SshSession.connect,
) -> SshSession:
    """Connect as the arguments say; ask the person when a terminal is there to ask.

    Passwords the admin asked to remember (``--remember-ssh``) come from the keyring when
    none is given; after a successful connection with ``--remember-ssh`` the SSH and sudo
    passwords used are saved there.
    """
    target: Target = parse_target(args.target)
    creds = credentials_from(args)
    known = KnownHosts(args.known_hosts or KnownHosts.default_path())
    accept: bool | str = args.accept_new_host_key
    looked_up = False
    for _ in range(5):
        try:
            session = connector(
                target, creds, known, accept_new_host_key=accept, timeout=args.timeout
            )
            if getattr(args, "remember_ssh", False):
                _remember_ssh(console, target, creds)
            return session
        except (AuthError, SudoPasswordNeeded) as exc:
            if not looked_up:  # passwords the admin asked to remember, once
                looked_up = True
                ssh_pw, sudo_pw = _remembered(console, target)
                remembered = replace(
                    creds,
                    password=creds.password or ssh_pw,
                    sudo_password=creds.sudo_password or sudo_pw,
                )
                if remembered != creds:
                    creds = remembered
                    continue
            creds = _ask(console, target, creds, exc)
        except HostKeyUnknown as exc:
            if accept is not False or not console.interactive:
                raise
            console.stderr.write(exc.message + "\n")
            if not console.confirm("Accept this key and save it?"):
                raise
            accept = exc.fingerprint
    raise WizardError("Could not connect after several attempts.")


def _ask(console: Console, target: Target, creds: Credentials, exc: WizardError) -> Credentials:
    """Prompt for the password the failure asks for, or raise ``exc`` again."""
    if isinstance(exc, SudoPasswordNeeded):
        if creds.sudo_password is not None:
            raise exc
        password = console.secret(f"sudo password for {target.user} on {target.host}: ")
        if password is None:
            raise exc
        return replace(creds, sudo_password=password)
    if creds.password is not None:
        raise exc
    password = console.secret(f"SSH password for {target.user}@{target.host}: ")
    if password is None:
        raise exc
    return replace(creds, password=password)


def _remembered(console: Console, target: Target) -> tuple[str | None, str | None]:
    """(SSH password, sudo password) remembered in the keyring, or Nones."""
    try:
        store = CredentialStore()
        return (
            store.ssh_password(target.host, target.port, target.user),
            store.sudo_password(target.host, target.port, target.user),
        )
    except CredentialStoreError:
        return None, None


def _remember_ssh(console: Console, target: Target, creds: Credentials) -> None:
    try:
        store = CredentialStore()
        if creds.password:
            store.remember_ssh_password(target.host, target.port, target.user, creds.password)
        if creds.sudo_password:
            store.remember_sudo_password(target.host, target.port, target.user, creds.sudo_password)
        console.stderr.write(f"The SSH passwords are saved in {store.location()}.\n")
    except CredentialStoreError as exc:
        console.stderr.write(f"{PROG}: the passwords were not saved: {_one_line(str(exc))}\n")


# --------------------------------------------------------------------------- commands

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
    return "\n".join(lines)


def cmd_inspect(args: argparse.Namespace, console: Console, out: TextIO) -> int:
    with connect(args, console) as session:
        report = inspect_server(session, session.target.host)
    if args.json:
        json.dump(report.to_json(), out, indent=2)
        out.write("\n")
    else:
        out.write(format_report(report) + "\n")
    return 0


def _new_password(args: argparse.Namespace, console: Console) -> tuple[str, bool]:
    """(password, generated)."""
    if args.generate:
        return users.generate_password(), True
    if args.password_stdin:
        line = console.stdin.readline()
        return line[:-1] if line.endswith("\n") else line, False
    if console.interactive:
        first = console.secret(f"New password for {args.name}: ") or ""
        second = console.secret("Again: ") or ""
        if first != second:
            raise UsageError("The two passwords differ.", "Type the same password twice.")
        return first, False
    raise UsageError("No password given.", "Use --password-stdin (and pipe it in) or --generate.")


def cmd_users(args: argparse.Namespace, console: Console, out: TextIO) -> int:
    if args.action != "list" and not args.name:
        raise UsageError(
            f"'users {args.action}' needs an account name.",
            f"For example: users TARGET {args.action} alice",
        )
    if args.action == "list" and (args.name or args.generate or args.password_stdin):
        raise UsageError("'users list' takes no name or password options.")
    if args.action == "remove" and (args.generate or args.password_stdin):
        raise UsageError("'users remove' takes no password options.")
    if args.action != "list":
        users.split_user_name(args.name)  # a bad name is refused before connecting
    password, generated = "", False
    if args.action in ("add", "passwd"):
        password, generated = _new_password(args, console)
        users.validate_password(password)
    with connect(args, console) as session:
        realm = users.read_realm(session)
        if args.action in ("add", "passwd", "remove"):
            users.validate_user_name(args.name, realm)
        if args.action == "list":
            found = users.list_users(session)
            if args.json:
                json.dump(
                    {"realm": realm, "users": [{"name": u.name, "realm": u.realm} for u in found]},
                    out,
                    indent=2,
                )
                out.write("\n")
            else:
                for u in found:
                    note = "" if u.realm == realm else "   (other realm: cannot log in)"
                    out.write(f"{u}{note}\n")
                if not found:
                    console.stderr.write(f"No mail accounts yet (realm {realm}).\n")
            return 0
        if args.action == "add":
            user = users.add_user(session, realm, args.name, password)
        elif args.action == "passwd":
            user = users.change_password(session, realm, args.name, password)
        else:
            users.remove_user(session, realm, args.name)
            user = users.SaslUser(users.validate_user_name(args.name, realm), realm)
    verb = {"add": "created", "passwd": "password changed", "remove": "removed"}[args.action]
    if args.json:
        result: dict[str, object] = {"user": user.name, "realm": user.realm, "result": verb}
        if generated:
            result["password"] = password
        json.dump(result, out, indent=2)
        out.write("\n")
    else:
        out.write(f"{user}: {verb}\n")
        if generated:
            out.write(f"Generated password (shown once, keep it safe): {password}\n")
    return 0


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
    ).validated()


_CHECK_MARK = {CheckLevel.OK: "ok  ", CheckLevel.WARNING: "WARN", CheckLevel.ERROR: "FAIL"}


def format_plan(plan: Plan) -> str:
    lines = [f"Profile     {plan.options.profile} ({' '.join(plan.options.mechanisms)})"]
    if plan.checks:
        lines += ["", "Checks"]
        lines += [f"  [{_CHECK_MARK[c.level]}] {c.message}" for c in plan.checks]
    lines.append("")
    if plan.errors and not plan.changes:
        lines.append("Relay Wizard will not change this server: " + plan.errors[0].message)
        return "\n".join(lines)
    if plan.nothing_to_do:
        lines.append("Nothing to do: the server already has this configuration.")
        return "\n".join(lines)
    for number, step in enumerate(plan.steps, 1):
        lines.append(f"Step {number}. {step.title}")
        lines += [f"    $ {command}" for command in step.commands]
        for diff in step.diffs:
            lines += ["    " + line for line in diff.rstrip("\n").split("\n")]
    if plan.errors:
        lines += ["", "The plan has errors: apply would refuse to run."]
    return "\n".join(lines)


def cmd_plan(args: argparse.Namespace, console: Console, out: TextIO) -> int:
    options = options_from(args)
    if args.mc_file is not None:
        if args.target:
            raise UsageError("Give either a TARGET or --mc-file, not both.")
        try:
            text = args.mc_file.read_bytes().decode("utf-8", "surrogateescape")
        except OSError as exc:
            raise UsageError(f"Cannot read {args.mc_file}: {exc.strerror}.") from None
        tls = tls_paths(options, {CERT_CANDIDATES[0][0]: FileFacts(CERT_CANDIDATES[0][0], True)})
        mcplan = plan_mc(
            text,
            options,
            tls if options.profile == "modern" else ("", "", ""),
            DEBIAN_KEY_MODE if not options.cert_file else 0,
            path=_one_line(args.mc_file.name),
        )
        if args.json:
            json.dump(mcplan.to_json(), out, indent=2)
            out.write("\n")
            return 1 if mcplan.refused else 0
        for check in mcplan.checks:
            console.stderr.write(f"[{_CHECK_MARK[check.level]}] {_one_line(check.message)}\n")
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
            console.stderr.write("Nothing to do: the file already has this configuration.\n")
        return 0
    if not args.target:
        raise UsageError("plan needs a TARGET (or --mc-file FILE to plan offline).")
    with connect(args, console) as session:
        plan, _, _ = plan_for(session, options)
    if args.json:
        json.dump(plan.to_json(), out, indent=2)
        out.write("\n")
    else:
        out.write(format_plan(plan) + "\n")
    return 1 if plan.errors else 0


def _format_outcomes(title: str, items: Sequence[StepOutcome]) -> list[str]:
    lines = [title] if items else []
    for item in items:
        mark = "ok  " if item.ok else "FAIL"
        detail = f": {_one_line(item.detail)}" if item.detail and not item.ok else ""
        if item.ok and item.detail and item.title.startswith("port "):
            detail = f": {item.detail}"
        lines.append(f"  [{mark}] {item.title}{detail}")
    return lines


def cmd_apply(args: argparse.Namespace, console: Console, out: TextIO) -> int:
    options = options_from(args)
    with connect(args, console) as session:
        if not args.yes:
            plan, _, _ = plan_for(session, options)
            if plan.nothing_to_do or plan.errors:
                out.write(format_plan(plan) + "\n")
                return 1 if plan.errors else 0
            if not console.interactive:
                raise UsageError(
                    "apply changes the server and needs a confirmation.",
                    "Run it on a terminal, or add --yes after reading relay-wizard plan.",
                )
            console.stderr.write(format_plan(plan) + "\n")
            if not console.confirm(f"Apply this to {session.target.host}?"):
                console.stderr.write("Nothing was changed.\n")
                return 1

        def progress(message: str) -> None:
            if not args.json:
                console.stderr.write(f"... {message}\n")

        try:
            plan, report = apply_plan(session, options, progress=progress)
        except ApplyFailed as exc:
            if args.json:
                json.dump({"ok": False, "error": str(exc), **exc.report.to_json()}, out, indent=2)
                out.write("\n")
            else:
                lines = _format_outcomes("Steps", exc.report.steps)
                lines += _format_outcomes("Rollback", exc.report.rollback)
                out.write("\n".join(lines) + "\n")
            raise
    if args.json:
        json.dump({"ok": True, **report.to_json()}, out, indent=2)
        out.write("\n")
        return 0
    lines: list[str] = []
    if report.recovered:
        lines += _format_outcomes(
            f"An earlier apply ({report.recovered}) had not finished; it was rolled back:",
            report.rollback,
        )
    if report.nothing_to_do:
        lines.append("Nothing to do: the server already has this configuration.")
    else:
        lines += _format_outcomes("Steps", report.steps)
        lines.append(
            f"Applied and verified. Journal {report.journal_id} on the server; "
            "relay-wizard rollback undoes it."
        )
    out.write("\n".join(lines) + "\n")
    return 0


def cmd_rollback(args: argparse.Namespace, console: Console, out: TextIO) -> int:
    with connect(args, console) as session:
        steps = rollback(session)
    nothing = any(s.title == "nothing-to-roll-back" for s in steps)
    if args.json:
        json.dump(
            {
                "ok": True,
                "nothing_to_do": nothing,
                "steps": [{"title": s.title, "ok": s.ok} for s in steps],
            },
            out,
            indent=2,
        )
        out.write("\n")
    elif nothing:
        out.write("Nothing to roll back: no apply is recorded on this server.\n")
    else:
        out.write("\n".join(f"  {s.title}" for s in steps) + "\nRolled back.\n")
    return 0


DEFAULT_PORTS = {"starttls": 587, "tls": 465, "none": 25}


def parse_server(text: str, security: str) -> tuple[str, int]:
    """``HOST[:PORT]`` of a mail server; the port defaults by security."""
    if "@" in text:
        raise UsageError(
            f"{text!r} names a user; the mail server is HOST[:PORT].",
            "Give the account with --user.",
        )
    target = parse_target(text, default_port=DEFAULT_PORTS[security])
    return target.host, target.port


def _smtp_password(args: argparse.Namespace, console: Console, host: str) -> tuple[str, str]:
    """(password, where it came from): stdin, the keyring, or a prompt."""
    if args.password_stdin:
        line = console.stdin.readline()
        password = line[:-1] if line.endswith("\n") else line
        source = "stdin"
    else:
        password, source = "", ""
        try:
            password = CredentialStore().sasl_password(host, args.user) or ""
            source = "the keyring" if password else ""
        except CredentialStoreError as exc:
            console.stderr.write(f"{PROG}: {_one_line(str(exc))}\n")
        if not password:
            password = console.secret(f"Password of {args.user} on {host}: ") or ""
            source = "prompt"
    if not password:
        raise UsageError(
            f"No password for {args.user}: none is saved in the keyring.",
            "Pipe it in with --password-stdin (and add --remember to save it), or run on a "
            "terminal to be asked.",
        )
    return password, source


def _after_success(
    args: argparse.Namespace,
    console: Console,
    result: SendResult,
    host: str,
    port: int,
    password: str,
    source: str,
) -> list[str]:
    """Save the password and the verified profile when asked; what was saved, in words."""
    notes: list[str] = []
    if args.remember and source != "the keyring":
        try:
            store = CredentialStore()
            store.store_sasl_password(host, args.user, password)
            notes.append(f"The password of {args.user} is saved in {store.location()}.")
        except CredentialStoreError as exc:
            console.stderr.write(f"{PROG}: the password was not saved: {_one_line(str(exc))}\n")
    if args.profile:
        profiles = ProfileStore()
        existing = profiles.find(args.profile)
        base = existing or ServerProfile(name=args.profile, host=host)
        profile = replace(
            base,
            host=host,
            smtp_port=port,
            security=args.security,
            mechanism=result.mechanism,
            smtp_user=args.user,
            pinned_cert_sha256=args.pin_cert or base.pinned_cert_sha256,
        ).mark_verified()
        profiles.save(profile)
        notes.append(f"Saved as the verified server profile {args.profile}.")
    return notes


def _check_test_send_args(args: argparse.Namespace) -> None:
    """Refuse a malformed --to, --from or --user before anything connects."""
    validate_email(args.to, envelope=True)
    if args.sender is not None:
        validate_email(args.sender, envelope=True)
    _check_account(args.user)


def _check_account(user: str) -> None:
    """Refuse a mail account name that is empty or holds a space or control character."""
    if not user or has_unsafe(user) or any(c.isspace() for c in user):
        raise UsageError(
            f"The account {shown(user)} is empty or holds a space, line break or "
            "control character.",
            "Give the mail account as the server knows it, e.g. alice.",
        )


def cmd_test_send(args: argparse.Namespace, console: Console, out: TextIO) -> int:
    _check_test_send_args(args)
    host, port = parse_server(args.server, args.security)
    if args.pin_cert:
        args.pin_cert = normalize_fingerprint(args.pin_cert)
    elif args.profile:
        saved = ProfileStore().find(args.profile)
        if saved is not None and saved.host == host and saved.pinned_cert_sha256:
            args.pin_cert = saved.pinned_cert_sha256  # the certificate pinned before
    pin = args.pin_cert or None
    settings = SmtpSettings(host, port, args.security, timeout=args.smtp_timeout, pinned_sha256=pin)
    password, source = _smtp_password(args, console, host)
    session = connect(args, console) if args.target else None
    try:
        try:
            result = send_test(
                settings,
                args.user,
                password,
                args.sender or args.to,
                args.to,
                args.mech,
                progress=None if args.json else (lambda m: console.stderr.write(f"... {m}\n")),
            )
        except SmtpFailure as exc:
            diagnosis = diagnose(exc, host, port)
            if session is not None:
                diagnosis = deepen(session, diagnosis, user=args.user, mechanism=args.mech.upper())
            transcript = exc.transcript
            if args.transcript and transcript is not None:
                transcript.save(str(args.transcript))
            if args.json:
                json.dump(
                    {
                        "ok": False,
                        "diagnosis": diagnosis.to_json(),
                        "cert_sha256": exc.cert_sha256,
                        "transcript": transcript.to_json() if transcript else [],
                    },
                    out,
                    indent=2,
                )
                out.write("\n")
            else:
                if transcript is not None:
                    out.write(transcript.render() + "\n\n")
                out.write(diagnosis.render() + "\n")
            console.stderr.write(f"{PROG}: the test message was not accepted: {diagnosis.cause}\n")
            return 1
        fate = follow_message(session, result.queue_id) if session is not None else None
    finally:
        if session is not None:
            session.close()
    if args.transcript:
        result.transcript.save(str(args.transcript))
    notes = _after_success(args, console, result, host, port, password, source)
    if args.json:
        payload: dict[str, object] = {"ok": True, **result.to_json(), "notes": notes}
        if fate is not None:
            payload["fate"] = fate.to_json()
        json.dump(payload, out, indent=2)
        out.write("\n")
        return 0
    out.write(result.transcript.render() + "\n\n")
    out.write(
        f"Accepted: the server took the message (queue id {result.queue_id or 'unknown'}), "
        f"logged in with {result.mechanism}{' over TLS' if result.tls else ''}.\n"
    )
    if fate is not None:
        out.write(f"On the server: {fate.state}: {fate.detail}\n")
    for note in notes:
        out.write(note + "\n")
    return 0


def cmd_audit_relay(args: argparse.Namespace, console: Console, out: TextIO) -> int:
    if args.user:
        _check_account(args.user)
    host, port = parse_server(args.server, "none")
    security = args.security or {587: "starttls", 465: "tls"}.get(port, "none")
    # Only a random wrong password is ever sent: no certificate needs to be trusted.
    settings = SmtpSettings(host, port, security, timeout=args.smtp_timeout, verify_cert=False)
    session = connect(args, console) if args.target else None
    try:
        report = audit_relay(
            settings,
            session=session,
            user=args.user,
            progress=None if args.json else (lambda m: console.stderr.write(f"... {m}\n")),
        )
    except SmtpFailure as exc:
        diagnosis = diagnose(exc, host, port)
        raise WizardError(
            f"The audit could not talk to {host} port {port}: {diagnosis.cause}", diagnosis.fix
        ) from None
    finally:
        if session is not None:
            session.close()
    if args.json:
        json.dump(report.to_json(), out, indent=2)
        out.write("\n")
    else:
        for r in report.results:
            code = f"{r.reply.code}" if r.reply else "-"
            out.write(
                f"  [{r.outcome:<8}] {code:>3} at {r.stage or '-':<4} {r.trick.name}: "
                f"MAIL FROM:<{r.trick.sender}> RCPT TO:<{r.trick.recipient}>\n"
            )
        out.write("\n" + report.summary() + "\n")
    if not report.closed:
        console.stderr.write(
            f"{PROG}: {host} port {port} is {report.verdict}"
            + (f": accepted {report.accepted_text()}" if report.accepted else "")
            + "\n"
        )
        return 1
    return 0


# --------------------------------------------------------------------------- export


def _handout_password(args: argparse.Namespace, console: Console, host: str) -> str:
    if args.password_stdin:
        line = console.stdin.readline()
        password = line[:-1] if line.endswith("\n") else line
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
    accounts = playbook.check_accounts(args.sasl_user)
    directory = args.output is not None and args.output.suffix not in (".yml", ".yaml")
    if accounts and not directory:
        raise UsageError(
            "--sasl-user goes into group_vars, which only the directory form holds.",
            "Give -o DIR, or list the accounts in relay_wizard_sasl_users yourself.",
        )
    if args.mc_file is not None:
        if args.target:
            raise UsageError("Give either a TARGET or --mc-file, not both.")
        try:
            text = args.mc_file.read_bytes().decode("utf-8", "surrogateescape")
        except OSError as exc:
            raise UsageError(f"Cannot read {args.mc_file}: {exc.strerror}.") from None
        source = playbook.source_from_mc(text, options, args.mc_file.name)
    elif args.target:
        with connect(args, console) as session:
            plan, state, _ = plan_for(session, options)
            source = playbook.source_from_state(state, plan, session.target.host)
    else:
        raise UsageError(
            "export --format ansible needs the sendmail.mc to plan from.",
            "Give a TARGET to read it over SSH, or --mc-file FILE.",
        )
    files = playbook.render_bundle(source, accounts)
    if args.output is None:
        out.write(files["playbook.yml"])
        return 0
    if not directory:
        _write_files({args.output: files["playbook.yml"]})
        console.stderr.write(f"{PROG}: wrote {args.output}\n")
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
        console.stderr.write(f"{PROG}: kept your {path} as it is\n")
    console.stderr.write(f"{PROG}: wrote {args.output}/ (read its README.md)\n")
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
        incoming = export.IncomingServer(
            args.incoming_host, incoming_port, args.incoming_type, args.incoming_security
        )
    elif incoming_port:
        raise UsageError("--incoming-port needs --incoming-host.")
    settings = export.ClientSettings(
        profile, args.user, email=args.email, domain=args.domain, incoming=incoming
    )
    if args.include_password:
        settings = replace(settings, password=_handout_password(args, console, profile.host))
    fmt = "handout-html" if args.format == "handout-pdf" else args.format
    result = export.export(fmt, settings)
    for warning in result.warnings:
        console.stderr.write(f"{PROG}: warning: {warning}\n")
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
        console.stderr.write(f"{PROG}: wrote {printable(str(args.output))}\n")
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


# --------------------------------------------------------------------------- main


_USERS_ACTIONS = ("list", "add", "passwd", "remove")


def _split_targets(args: argparse.Namespace, extra: Sequence[str] = ()) -> None:
    """One TARGET as before (``args.target``), or several: ``args.fleet`` is then True.

    ``extra``: the words argparse left over. Targets after an option (``inspect A --json
    B``) land there, as does ``users``'s ``ACTION [NAME]`` (``users A B -i KEY add
    alice``): the action word is found from the end.
    """
    args.fleet = False
    several = "servers" if args.command == "audit-relay" else "targets"
    if extra and (not hasattr(args, several) or any(w.startswith("-") for w in extra)):
        raise CliUsageError(f"{PROG}: unrecognized arguments: {' '.join(extra)}")
    if extra:
        setattr(args, several, [*getattr(args, several), *extra])
    if args.command == "users":
        words = list(args.targets)
        if len(words) >= 2 and words[-2] in _USERS_ACTIONS:
            args.action, args.name, args.targets = words[-2], words[-1], words[:-2]
        elif words and words[-1] in _USERS_ACTIONS:
            args.action, args.targets = words[-1], words[:-1]
        elif len(words) >= 2 or (words and args.inventory):
            bad = words[-1] if len(words) == 2 or args.inventory else words[-2]
            choices = ", ".join(repr(a) for a in _USERS_ACTIONS)
            raise CliUsageError(
                f"{PROG} users: argument action: invalid choice: {bad!r} (choose from {choices})"
            )
        else:
            raise CliUsageError(f"{PROG} users: the following arguments are required: action")
    if args.command == "audit-relay":
        args.server = args.servers[0] if len(args.servers) == 1 else None
        args.fleet = len(args.servers) > 1 or args.inventory is not None or bool(args.limit)
        if not args.servers and args.inventory is None:
            raise CliUsageError(
                f"{PROG} audit-relay: the following arguments are required: HOST[:PORT]"
            )
        return
    targets = getattr(args, "targets", None)
    if targets is None:
        return
    # --limit without --inventory is refused by the fleet code, not silently ignored
    args.fleet = len(targets) > 1 or args.inventory is not None or bool(args.limit)
    args.target = targets[0] if len(targets) == 1 else None
    if not targets and args.inventory is None and args.command != "plan":
        raise CliUsageError(f"{PROG} {args.command}: the following arguments are required: TARGET")


def _one_line(text: str) -> str:
    """One line for the terminal: whitespace runs as one space, any control or reordering
    character left (an escape sequence from a server's text) shown escaped."""
    return printable(" ".join(text.split()))


def main(
    argv: Sequence[str] | None = None, *, console: Console | None = None, out: TextIO | None = None
) -> int:
    console = console or Console()
    out = out or sys.stdout
    parser = build_parser()
    try:
        args, extra = parser.parse_known_args(list(sys.argv[1:] if argv is None else argv))
        _split_targets(args, extra)
    except CliUsageError as exc:
        parser.print_usage(console.stderr)
        console.stderr.write(f"{printable(str(exc))}\n")
        return 2
    try:
        if args.fleet:
            from wizard.cli import fleet as cli_fleet  # several servers at once

            return cli_fleet.run(args, console, out)
        code: int = args.func(args, console, out)
        return code
    except UsageError as exc:
        console.stderr.write(f"{PROG}: {_one_line(str(exc))}\n")
        return 2
    except WizardError as exc:
        console.stderr.write(f"{PROG}: {_one_line(str(exc))}\n")
        return 1
    except KeyboardInterrupt:
        console.stderr.write(f"{PROG}: interrupted\n")
        return 1
