"""``relay-wizard audit-relay HOST[:PORT]``: relay tricks without a login, from here."""

from __future__ import annotations

from typing import TYPE_CHECKING, Literal, TextIO

from wizard.cli.connect import connect
from wizard.cli.console import PROG, Console, print_json
from wizard.cli.parser import check_account, parse_server
from wizard.core.errors import WizardError
from wizard.core.mail.audit import audit_relay
from wizard.core.mail.diagnose import diagnose
from wizard.core.mail.smtp import SmtpFailure, SmtpSettings

if TYPE_CHECKING:
    import argparse

Security = Literal["none", "starttls", "tls"]
_BY_PORT: dict[int, Security] = {587: "starttls", 465: "tls"}


def audit_settings(args: argparse.Namespace, host: str, port: int) -> SmtpSettings:
    """How to reach the listener: ``--security`` as given, else by the port (starttls on
    587, tls on 465, none otherwise). Only a random wrong password is ever sent: no
    certificate needs to be trusted."""
    security: Security = args.security or _BY_PORT.get(port, "none")
    return SmtpSettings(host, port, security, timeout=args.smtp_timeout, verify_cert=False)


def cmd_audit_relay(args: argparse.Namespace, console: Console, out: TextIO) -> int:
    if args.user:
        check_account(args.user)
    host, port = parse_server(args.server, "none")
    settings = audit_settings(args, host, port)
    session = connect(args, console) if args.target else None
    try:
        report = audit_relay(
            settings,
            session=session,
            user=args.user,
            progress=None if args.json else (lambda m: console.say(f"... {m}")),
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
        print_json(out, report.to_json())
    else:
        for r in report.results:
            code = f"{r.reply.code}" if r.reply else "-"
            out.write(
                f"  [{r.outcome:<8}] {code:>3} at {r.stage or '-':<4} {r.trick.name}: "
                f"MAIL FROM:<{r.trick.sender}> RCPT TO:<{r.trick.recipient}>\n"
            )
        for sentence in report.certificate_sentences()[:1]:
            out.write("\n" + sentence + "\n")
        out.write("\n" + report.summary() + "\n")
    if not report.closed:
        console.stderr.write(
            f"{PROG}: {host} port {port} is {report.verdict}"
            + (f": accepted {report.accepted_text()}" if report.accepted else "")
            + "\n"
        )
        return 1
    return 0
