"""``relay-wizard test-send``: a real message through the relay, failures explained."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING, TextIO

from wizard.cli.connect import connect
from wizard.cli.console import PROG, Console, print_json
from wizard.cli.parser import check_account, parse_server
from wizard.core.errors import UsageError
from wizard.core.local.credentials import CredentialStore, CredentialStoreError
from wizard.core.local.profiles import ProfileStore, ServerProfile
from wizard.core.mail.certs import read_server_cert
from wizard.core.mail.diagnose import MessageFollower, deepen, diagnose, follow_message
from wizard.core.mail.send import SendResult, checked_pin, send_test
from wizard.core.mail.smtp import SmtpFailure, SmtpSettings
from wizard.core.mail.tls import normalize_fingerprint
from wizard.core.target import validate_domain, validate_email

if TYPE_CHECKING:
    import argparse


def _smtp_password(args: argparse.Namespace, console: Console, host: str) -> tuple[str, str]:
    """(password, where it came from): stdin, the keyring, or a prompt."""
    if args.password_stdin:
        password, source = console.read_line(), "stdin"
    else:
        password, source = "", ""
        try:
            password = CredentialStore().sasl_password(host, args.user) or ""
            source = "the keyring" if password else ""
        except CredentialStoreError as exc:
            console.error(exc)
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
            console.error(exc, "the password was not saved: ")
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
            pinned_cert_sha256=args.pin_cert or checked_pin(result) or base.pinned_cert_sha256,
        ).mark_verified()
        profiles.save(profile)
        notes.append(f"Saved as the verified server profile {args.profile}.")
    return notes


def _trusted_by(result: SendResult, pin: str | None) -> str:
    """Why the certificate was accepted: "ssh" (the one sendmail uses), "pin", "authority"
    (verified with the trusted authorities and the name), "" (no TLS)."""
    if not result.tls:
        return ""
    if result.server_cert is not None:
        return "ssh"
    return "pin" if pin else "authority"


def _check_test_send_args(args: argparse.Namespace) -> None:
    """Refuse a malformed --to, --from or --user before anything connects."""
    validate_email(args.to, envelope=True)
    if args.sender is not None:
        validate_email(args.sender, envelope=True)
    check_account(args.user)
    if args.tls_name:
        args.tls_name = validate_domain(args.tls_name.strip().lower().rstrip("."), "server name")


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
    settings = SmtpSettings(
        host,
        port,
        args.security,
        timeout=args.smtp_timeout,
        pinned_sha256=pin,
        tls_name=args.tls_name,
    )
    password, source = _smtp_password(args, console, host)
    session = connect(args, console) if args.target else None
    try:
        # over SSH, the certificate sendmail uses: the one presented must be it (then it is
        # trusted, self-signed or not); without SSH, an authority or a pin decides
        server_cert = None
        if session is not None and args.security != "none" and not pin:
            server_cert = read_server_cert(session)
        # over SSH, the message is looked for on the server while it is sent
        followers: list[MessageFollower] = []

        def follow_on(message_id: str) -> None:
            if session is not None:
                followers.append(MessageFollower(session, message_id))

        try:
            result = send_test(
                settings,
                args.user,
                password,
                args.sender or args.to,
                args.to,
                args.mech,
                progress=None if args.json else (lambda m: console.say(f"... {m}")),
                server_cert=server_cert,
                on_message_id=follow_on,
            )
        except SmtpFailure as exc:
            for follower in followers:
                follower.cancel()  # the session is free for the diagnosis
            diagnosis = diagnose(exc, host, port)
            if session is not None:
                diagnosis = deepen(
                    session,
                    diagnosis,
                    user=args.user,
                    mechanism=args.mech.upper(),
                    failure=exc,
                    recipient=args.to,
                )
            transcript = exc.transcript
            if args.transcript and transcript is not None:
                transcript.save(str(args.transcript))
            if args.json:
                print_json(
                    out,
                    {
                        "ok": False,
                        "diagnosis": diagnosis.to_json(),
                        "cert_sha256": exc.cert_sha256,
                        "transcript": transcript.to_json() if transcript else [],
                    },
                )
            else:
                if transcript is not None:
                    out.write(transcript.render() + "\n\n")
                out.write(diagnosis.render() + "\n")
            console.say(f"{PROG}: the test message was not accepted: {diagnosis.cause}")
            return 1
        fate = (
            follow_message(session, result.queue_id, follower=followers[-1] if followers else None)
            if session is not None
            else None
        )
    finally:
        if session is not None:
            session.close()
    if args.transcript:
        result.transcript.save(str(args.transcript))
    notes = _after_success(args, console, result, host, port, password, source)
    if args.json:
        payload: dict[str, object] = {"ok": True, **result.to_json(), "notes": notes}
        payload["cert_trusted_by"] = _trusted_by(result, pin)
        if fate is not None:
            payload["fate"] = fate.to_json()
        print_json(out, payload)
        return 0
    out.write(result.transcript.render() + "\n\n")
    out.write(
        f"Accepted: the server took the message (queue id {result.queue_id or 'unknown'}), "
        f"logged in with {result.mechanism}{' over TLS' if result.tls else ''}.\n"
    )
    if result.server_cert is not None:
        out.write(
            "The server's certificate is self-signed; it is the one the server uses "
            "(checked over SSH), so the test trusted it.\n"
            if result.server_cert.self_signed
            else "The certificate presented is the one the server uses (checked over SSH).\n"
        )
    elif result.tls and not pin:
        out.write(
            f"The server's certificate for {args.tls_name or host} was verified: it is issued by "
            "an authority this computer trusts (no pin).\n"
        )
    if fate is not None:
        out.write(f"On the server: {fate.state}: {fate.detail}\n")
    for note in notes:
        out.write(note + "\n")
    return 0
