"""``relay-wizard users TARGET {list,add,passwd,remove} [NAME]``: the SASL accounts."""

from __future__ import annotations

from typing import TYPE_CHECKING, TextIO

from wizard.cli.connect import connect
from wizard.cli.console import Console, print_json
from wizard.core.errors import UsageError
from wizard.core.mta.sendmail import users

if TYPE_CHECKING:
    import argparse


def new_password(args: argparse.Namespace, console: Console) -> tuple[str, bool]:
    """(password, generated)."""
    if args.generate:
        return users.generate_password(), True
    if args.password_stdin:
        return console.read_line(), False
    if console.interactive:
        first = console.secret(f"New password for {args.name}: ") or ""
        second = console.secret("Again: ") or ""
        if first != second:
            raise UsageError("The two passwords differ.", "Type the same password twice.")
        return first, False
    raise UsageError("No password given.", "Use --password-stdin (and pipe it in) or --generate.")


def check_users_args(args: argparse.Namespace, console: Console) -> tuple[str, bool]:
    """Refuse a wrong combination before connecting; (the new password, generated) for
    ``add`` and ``passwd`` (asked once, also for several servers), else ("", False)."""
    action, name = args.action, args.name
    if action != "list" and not name:
        several = "..." if args.fleet else ""
        raise UsageError(
            f"'users {action}' needs an account name.",
            f"For example: users TARGET{several} {action} alice",
        )
    if action == "list" and (name or args.generate or args.password_stdin):
        raise UsageError("'users list' takes no name or password options.")
    if action == "remove" and (args.generate or args.password_stdin):
        raise UsageError("'users remove' takes no password options.")
    if action != "list":
        users.split_user_name(name)  # a bad name is refused before connecting
    if action not in ("add", "passwd"):
        return "", False
    password, generated = new_password(args, console)
    users.validate_password(password)
    return password, generated


def cmd_users(args: argparse.Namespace, console: Console, out: TextIO) -> int:
    password, generated = check_users_args(args, console)
    with connect(args, console) as session:
        found_realm = users.read_sasl_realm(session)
        if found_realm.dovecot:
            raise users.dovecot_accounts()  # before anything is read or changed
        realm = found_realm.realm
        # on Postfix, where the realm comes from (sendmail's is always its $j)
        postfix = found_realm.mta == "postfix"
        where = f"realm {realm} ({found_realm.source_text})" if postfix else f"realm {realm}"
        if args.action in ("add", "passwd", "remove"):
            users.validate_user_name(args.name, realm)
        if args.action == "list":
            found = users.list_users(session)
            if args.json:
                listing: dict[str, object] = {"realm": realm}
                if postfix:
                    listing["realm_source"] = found_realm.source
                listing["users"] = [{"name": u.name, "realm": u.realm} for u in found]
                print_json(out, listing)
            else:
                for u in found:
                    note = "" if u.realm == realm else "   (other realm: cannot log in)"
                    out.write(f"{u}{note}\n")
                if not found:
                    console.say(f"No mail accounts yet ({where}).")
                elif postfix:
                    console.say(f"Mail accounts are in the {where}.")
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
        if postfix:
            result["realm_source"] = found_realm.source
        if generated:
            result["password"] = password
        print_json(out, result)
    else:
        out.write(f"{user}: {verb}\n")
        if postfix:
            console.say(f"The account is in the {where}.")
        if generated:
            out.write(f"Generated password (shown once, keep it safe): {password}\n")
    return 0
