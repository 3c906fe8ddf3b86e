"""The command line's grammar: argparse, and the checks on words argparse cannot make.

:func:`parse` turns argv into a namespace whose ``command`` names the module of
``wizard/cli/commands`` that runs it; ``fleet`` is True when several servers (or an
inventory) were named. Nothing here connects or reads a file.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

from wizard import __version__
from wizard.cli.console import ENV_KEY_PASSPHRASE, ENV_SSH_PASSWORD, ENV_SUDO_PASSWORD, PROG
from wizard.core.change.options import BAN_TIME, FIND_TIME, LETS_ENCRYPT, MAX_RETRY
from wizard.core.errors import Field, UsageError
from wizard.core.exports import FORMATS as EXPORT_FORMATS
from wizard.core.remote.hostkeys import KnownHosts
from wizard.core.target import parse_target, shown
from wizard.core.untrusted import has_unsafe

if TYPE_CHECKING:
    from collections.abc import Sequence


class CliUsageError(Exception):
    """Raised by the parser instead of exiting, so main() controls the exit code."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        raise CliUsageError(f"{self.prog}: {message}")


def _add_connection_options(
    p: argparse.ArgumentParser, optional_target: bool = False, several: bool = False
) -> None:
    if several:  # one TARGET as before, or several (or --inventory): see commands/fleet.py
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


# Each subcommand's one-line help and its description (``usage`` where argparse's is wrong).
_ABOUT: dict[str, dict[str, str]] = {
    "inspect": dict(
        help="show what the server has: sendmail or Postfix, listeners, AUTH, SASL, TLS, relay risks",
        description="Connect over SSH and report the server's mail set-up, with findings.",
    ),
    "onboard": dict(
        help="create the accounts of a staff list and write each person's handout and files",
        usage=f"{PROG} onboard [options] TARGET STAFF_FILE --out DIR",
        description="Read a staff list (CSV: account, then optionally the address and the "
        "name shown; a header line is allowed; - reads stdin), create every account in one "
        "go with generated passwords, and write each person's one-page handout and client "
        "files into DIR. The passwords are printed once.",
    ),
    "users": dict(
        help="list, add, change or remove mail accounts (SASL users)",
        usage=f"{PROG} users [options] TARGET... {{list,add,passwd,remove}} [NAME]",
        description="Manage the SASL accounts staff log in with. Accounts are created in "
        "sendmail's realm (its canonical name). Passwords are read from stdin "
        "(--password-stdin) or generated (--generate, shown once); never from arguments.",
    ),
    "plan": dict(
        help="show what apply would change (diffs, commands, checks); changes nothing",
        description="Plan the change to sendmail.mc (and the SASL config) and show it. "
        "With --mc-file, work offline on a local copy and print the edited .mc.",
    ),
    "apply": dict(
        help="apply the plan: back up, write, rebuild, reload, verify; roll back on failure",
        description="Apply the relay profile. Every touched file is backed up in a journal "
        "on the server (/var/lib/relay-wizard); any failure rolls back by itself.",
    ),
    "rollback": dict(
        help="restore the state before the last apply (from the journal on the server)",
        description="Restore every file the last apply changed, byte for byte, and reload "
        "sendmail. Works from any machine: the journal is on the server.",
    ),
    "test-send": dict(
        help="send a real test message through the server with SMTP AUTH, and explain failures",
        description="Log in to the mail server as a staff member would and send a test "
        "message to ADDRESS. The conversation is shown with passwords hidden; a failure is "
        "explained stage by stage, and with --ssh also from the server's side.",
    ),
    "audit-relay": dict(
        help="prove the server is not an open relay: relay tricks without login, from here",
        description="Try at least 16 sender/recipient tricks without logging in (stopping at "
        "RCPT, never sending DATA) and report each as refused or accepted. Exit 0 when the "
        "server is closed, 1 when it relays for strangers or the audit could not prove it.",
    ),
    "export": dict(
        help="client settings for staff (Thunderbird, Apple, msmtp, mutt, a handout, DNS SRV), "
        "or an Ansible playbook of a relay profile",
        description="Write the settings a mail program needs to send through the relay, made "
        "from a saved server profile: only the port, security and login method a test send "
        "verified. Without -o the file goes to stdout. A profile without a successful "
        "test-send is exported with a warning that the settings are unverified.",
    ),
}


def _command(sub: argparse._SubParsersAction[_Parser], name: str) -> argparse.ArgumentParser:
    """The subparser of ``name``, with its help and description from :data:`_ABOUT`."""
    about = _ABOUT[name]
    parser: argparse.ArgumentParser = sub.add_parser(
        name, help=about["help"], description=about["description"], usage=about.get("usage")
    )
    return parser


def _add_json(p: argparse.ArgumentParser, what: str) -> None:
    p.add_argument("--json", action="store_true", help=f"print the {what} as JSON")


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

    p = _command(sub, "inspect")
    _add_connection_options(p, several=True)
    _add_json(p, "report")

    p = _command(sub, "users")
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
    _add_json(p, "result")

    p = _command(sub, "onboard")
    _add_connection_options(p)
    p.add_argument("staff", metavar="STAFF_FILE", help="the staff list (CSV), or - for stdin")
    p.add_argument("--out", required=True, metavar="DIR", help="the folder for the files")
    p.add_argument("--profile-name", metavar="NAME", help="the saved server (default: TARGET's)")
    p.add_argument("--domain", default="", help="the mail domain (default: from the server)")
    p.add_argument(
        "--server-name", default="", metavar="NAME", help="the name staff use for the server"
    )
    p.add_argument("--incoming-host", default="", metavar="HOST", help="IMAP/POP3 server")
    p.add_argument("--incoming-type", choices=["imap", "pop3"], default="imap")
    p.add_argument("--incoming-security", choices=["tls", "starttls", "none"], default="tls")
    p.add_argument("--html", action="store_true", help="HTML handouts instead of PDF")
    p.add_argument(
        "--passwords-on-handouts",
        action="store_true",
        help="print each password on its handout (those files are then readable only by you)",
    )
    _add_json(p, "result")

    p = _command(sub, "plan")
    _add_connection_options(p, optional_target=True, several=True)
    _add_profile_options(p)
    p.add_argument(
        "--mc-file", metavar="FILE", type=Path, help="plan offline on this local sendmail.mc"
    )
    _add_json(p, "plan")

    p = _command(sub, "apply")
    _add_connection_options(p, several=True)
    _add_profile_options(p)
    p.add_argument("-y", "--yes", action="store_true", help="do not ask for confirmation")
    _add_json(p, "outcome")

    p = _command(sub, "rollback")
    _add_connection_options(p)
    _add_json(p, "outcome")

    p = _command(sub, "test-send")
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
    p.add_argument(
        "--tls-name",
        default="",
        metavar="NAME",
        help="the name the certificate must be valid for, when HOST is an address or a name "
        "staff do not use (default: HOST)",
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
    _add_json(p, "outcome")

    p = _command(sub, "audit-relay")
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
    _add_json(p, "report")

    p = _command(sub, "export")
    p.add_argument(
        "--format", required=True, choices=[*EXPORT_FORMATS, "ansible"], help="what to write"
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
    p.add_argument(
        "--server-name",
        default="",
        metavar="NAME",
        help="the name staff use for the server (needed when it was saved by its IP address)",
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
    p.add_argument(
        "--certificate",
        choices=["keep", "certbot", "obtain"],
        default="keep",
        help="modern: the certificate staff see: keep (the server's own, default), certbot "
        "(one certbot already keeps for --cert-name) or obtain (certbot gets one now); "
        "certbot ones are copied for sendmail and kept fresh by a renewal hook",
    )
    p.add_argument(
        "--cert-name",
        metavar="NAME",
        default="",
        help="the name staff use for the server, which the certificate must cover "
        "(default: the server's own name)",
    )
    p.add_argument(
        "--acme-server",
        metavar="URL",
        default=LETS_ENCRYPT,
        help="with --certificate obtain: the ACME directory (default: Let's Encrypt)",
    )
    p.add_argument(
        "--acme-email",
        metavar="ADDRESS",
        default="",
        help="with --certificate obtain: where the CA sends expiry warnings (default: none)",
    )
    p.add_argument(
        "--webroot",
        metavar="DIR",
        default="",
        help="with --certificate obtain: answer the challenge through the web server that "
        "serves DIR (default: certbot's own, on port 80)",
    )
    protect = p.add_mutually_exclusive_group()
    protect.add_argument(
        "--protect",
        dest="protect",
        action="store_true",
        default=None,
        help="ban password guessers with fail2ban and set sendmail's rate controls "
        "(default: on for modern, off for classic)",
    )
    protect.add_argument("--no-protect", dest="protect", action="store_false")
    p.add_argument(
        "--ban-time",
        type=int,
        default=BAN_TIME,
        metavar="SECONDS",
        help=f"how long a guesser stays banned (default {BAN_TIME})",
    )
    p.add_argument(
        "--max-retry",
        type=int,
        default=MAX_RETRY,
        metavar="N",
        help=f"failed logins that get an address banned (default {MAX_RETRY})",
    )
    p.add_argument(
        "--find-time",
        type=int,
        default=FIND_TIME,
        metavar="SECONDS",
        help=f"within this many seconds (default {FIND_TIME})",
    )
    p.add_argument(
        "--allow",
        action="append",
        default=[],
        metavar="ADDRESS",
        help="an address or network never banned (repeat); the address Relay Wizard "
        "connects from is never banned anyway",
    )


USERS_ACTIONS = ("list", "add", "passwd", "remove")


def parse(grammar: argparse.ArgumentParser, argv: Sequence[str]) -> argparse.Namespace:
    """The namespace for ``argv``; :class:`CliUsageError` when the words are wrong."""
    args, extra = grammar.parse_known_args(list(argv))
    split_targets(args, extra)
    return args


def split_targets(args: argparse.Namespace, extra: Sequence[str] = ()) -> None:
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
        if len(words) >= 2 and words[-2] in USERS_ACTIONS:
            args.action, args.name, args.targets = words[-2], words[-1], words[:-2]
        elif words and words[-1] in USERS_ACTIONS:
            args.action, args.targets = words[-1], words[:-1]
        elif len(words) >= 2 or (words and args.inventory):
            bad = words[-1] if len(words) == 2 or args.inventory else words[-2]
            choices = ", ".join(repr(a) for a in USERS_ACTIONS)
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


DEFAULT_PORTS = {"starttls": 587, "tls": 465, "none": 25}


def parse_server(text: str, security: str) -> tuple[str, int]:
    """``HOST[:PORT]`` of a mail server; the port defaults by security."""
    if "@" in text:
        raise UsageError(
            f"{text!r} names a user; the mail server is HOST[:PORT].",
            "Give the account with --user.",
            field=Field.HOST,
        )
    target = parse_target(text, default_port=DEFAULT_PORTS[security])
    return target.host, target.port


def check_account(user: str) -> None:
    """Refuse a mail account name that is empty or holds a space or control character."""
    if not user or has_unsafe(user) or any(c.isspace() for c in user):
        raise UsageError(
            f"The account {shown(user)} is empty or holds a space, line break or "
            "control character.",
            "Give the mail account as the server knows it, e.g. alice.",
            field=Field.ACCOUNT,
        )
