"""``relay-wizard onboard TARGET STAFF_FILE --out DIR``: the office's accounts in one go.

Reads the staff list (a CSV file, or ``-`` for stdin), checks every line before connecting,
creates the accounts in one remote call with generated passwords, then writes each
person's handout (PDF, or HTML with ``--html``) and client files into DIR. The passwords
are printed once; they go onto the handouts only with ``--passwords-on-handouts`` (those
files are then 0600).
"""

from __future__ import annotations

import sys
import time
from typing import TYPE_CHECKING, TextIO

from wizard.cli.connect import connect
from wizard.cli.console import PROG, Console, print_json
from wizard.core.errors import Field, UsageError
from wizard.core.exports.client_settings import ClientSettings, IncomingServer
from wizard.core.exports.identity import identity, validate_mail_domain, validate_server_name
from wizard.core.exports.onboard import create_accounts, prepare_folder, write_kits
from wizard.core.exports.staff import parse_staff, read_staff_file
from wizard.core.local.profiles import ProfileStore, ServerProfile
from wizard.core.mta.sendmail import users
from wizard.core.target import parse_target
from wizard.core.untrusted import printable

if TYPE_CHECKING:
    import argparse


def _read_staff(path: str) -> str:
    return sys.stdin.read() if path == "-" else read_staff_file(path)


def _profile(args: argparse.Namespace, host: str) -> ServerProfile:
    store = ProfileStore()
    if args.profile_name:
        return store.get(args.profile_name)
    for saved in store.load():
        if saved.host.lower() == host.lower():
            return saved
    raise UsageError(
        f"No saved server for {host}: its port, security and login method come from a test "
        "message that went through.",
        "Send a test message through it first (test-send --profile), or name the saved "
        "server with --profile-name.",
        field=Field.PROFILE,
    )


def cmd_onboard(args: argparse.Namespace, console: Console, out: TextIO) -> int:
    staff = parse_staff(_read_staff(args.staff))  # every line checked before connecting
    target = parse_target(args.target)
    profile = _profile(args, target.host)
    if args.domain:
        validate_mail_domain(args.domain)
    if args.server_name:
        validate_server_name(args.server_name)
    incoming = None
    if args.incoming_host:
        incoming = IncomingServer(
            args.incoming_host, 0, args.incoming_type, args.incoming_security
        ).validated()
    render = None
    if not args.html:
        from wizard import render as pdf  # Qt, loaded only for the PDFs

        render = pdf.html_to_pdf
    prepare_folder(args.out)  # a folder that cannot take the kits stops before any account
    start = time.monotonic()
    with connect(args, console) as session:
        names = users.read_sasl_realm(session)
        if names.dovecot:
            raise users.dovecot_accounts()  # before any account or file
        realm = names.realm
        found = identity(profile.host, names.server_name, names.local)
        base = ClientSettings(
            profile,
            staff[0].account,
            domain=args.domain or found.mail_domain,
            incoming=incoming,
            server=args.server_name or found.server_name,
        )
        base.validated()  # the identity is refused before any account is made
        accounts = create_accounts(session, realm, staff)
    kits = write_kits(
        args.out,
        base,
        accounts.created,
        render_pdf=render,
        with_passwords=args.passwords_on_handouts,
    )
    elapsed = time.monotonic() - start
    if args.json:
        print_json(
            out,
            {
                "realm": realm,
                "created": [
                    {"account": a.person.account, "password": a.password} for a in accounts.created
                ],
                "existing": accounts.existing,
                "failed": accounts.failed,
                "files": {k.account: k.files for k in kits},
                "seconds": round(elapsed, 2),
            },
        )
    else:
        out.write("Passwords (shown once: hand each to its owner):\n")
        for a in accounts.created:
            out.write(f"  {a.person.account}@{realm}  {a.password}\n")
    for name in accounts.existing:
        console.warn(f"{name}@{realm} already exists: left as it was, no kit written.")
    for name in accounts.failed:
        console.warn(f"{name}@{realm} could not be created: look at the server's mail log.")
    for kit in kits:
        for note in kit.skipped:
            console.say(f"{PROG}: {printable(kit.account)}: not written: {printable(note)}")
    console.say(
        f"{PROG}: {len(accounts.created)} accounts, {sum(len(k.files) for k in kits)} files in "
        f"{printable(str(args.out))} ({elapsed:.1f} s)"
    )
    return 0 if not accounts.failed else 1
