"""The open-relay audit: try to relay without logging in, the ways spammers do.

Like nmap's ``smtp-open-relay`` (field notes 7), every trick is one MAIL FROM and one
RCPT TO on a single SMTP connection, followed by RSET; DATA is never sent, so nothing is
ever relayed even by an open server. A trick is *accepted* when RCPT gets a 2xx reply,
*refused* on a 5xx (at MAIL or RCPT), *deferred* on a 4xx: a temporary answer (a sender
domain that does not resolve right now, a reverse-DNS hiccup) proves nothing either way.
sendmail pauses before its greeting on every connection and throttles clients after a
few refused recipients (field notes 2): one connection keeps the audit fast; when the
server drops it anyway, the audit reconnects and goes on, within a time budget.

The tricks are data (:mod:`~wizard.core.mail.tricks`); whether this client's outcome
speaks for strangers is the vantage point (:mod:`~wizard.core.mail.vantage`); what was
found is an :class:`~wizard.core.mail.audit_report.AuditReport`. This module talks SMTP.

Two more checks ride on the same connection: a wrong password must get ``535``, and a
profile that forbids it must offer no PLAIN/LOGIN before TLS.
"""

from __future__ import annotations

import re
import secrets
import time
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from wizard.core.errors import Cancelled
from wizard.core.mail.audit_report import (
    NO_PLAINTEXT_BEFORE_TLS,
    WRONG_PASSWORD,
    AuditCheck,
    AuditReport,
    Outcome,
    TrickResult,
)
from wizard.core.mail.auth import b64
from wizard.core.mail.certs import certificate_from_der
from wizard.core.mail.smtp import Reply, SmtpClient, SmtpFailure, SmtpSettings
from wizard.core.mail.transcript import HIDDEN, Transcript
from wizard.core.mail.tricks import Trick, relay_tricks
from wizard.core.mail.vantage import RelayConfig, read_relay_config, vantage_point
from wizard.core.translatable import QT_TRANSLATE_NOOP

if TYPE_CHECKING:
    import threading

    from wizard.core.mail.pool import SmtpPool
    from wizard.core.remote.runner import Runner

Progress = Callable[[str], None]

_HELLO = re.compile(r"\bHello\s+(?:(\S+)\s+)?\[(?:IPv6:)?([0-9A-Fa-f:.]+)\]")


def parse_hello(ehlo_text: str) -> tuple[str, str]:
    """(client name, client address) from sendmail's "NAME Hello CLIENT [ADDR]" line.

    The name is "" when the server found none or calls it "(may be forged)".
    """
    first = ehlo_text.split("\n", 1)[0]
    m = _HELLO.search(first)
    if not m:
        return "", ""
    name = m.group(1) or ""
    if "may be forged" in first or name.startswith("["):
        name = ""
    return name, m.group(2)


def greeting_name(banner: Reply | None) -> str:
    """The server's own name: the first word of its greeting, if it looks like a name."""
    words = banner.text.split() if banner else []
    word = words[0] if words else ""
    return word if re.fullmatch(r"[A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?", word) else ""


class _AuditClient(SmtpClient):
    """The project's client (its hello and features before TLS are what the audit reads)."""


def _open(
    settings: SmtpSettings,
    transcript: Transcript,
    before_tls: Callable[[_AuditClient], None] | None = None,
) -> _AuditClient:
    """Connect, EHLO, (run ``before_tls``), STARTTLS + EHLO when the settings ask for it."""
    client = _AuditClient(settings, transcript)
    try:
        client.open(before_tls)  # type: ignore[arg-type]
    except BaseException:
        client.close()
        raise
    return client


def _rset(client: SmtpClient) -> bool:
    """RSET; False when the connection is gone or the server is closing it."""
    try:
        return client.command("RSET").code != 421
    except (SmtpFailure, OSError):
        return False


def _room(client: SmtpClient, error_limit: int, left: int) -> int:
    """How many of the ``left`` tricks to try on ``client`` before a new session: each may
    cost an error (a refused RCPT), and past ``error_limit`` errors the server waits before
    every reply (Postfix's smtpd_soft_error_limit). Two errors are kept in hand: the
    wrong-password check, and the test send that may take the session after. 0: start a
    new session."""
    if error_limit <= 0:
        return left
    return max(0, min(left, error_limit - 2 - client.errors))


def _outcome(code: int) -> Outcome:
    if 200 <= code < 300:
        return "accepted"
    return "deferred" if 400 <= code < 500 else "refused"


def _try_trick(client: SmtpClient, trick: Trick) -> tuple[TrickResult | None, bool]:
    """(result or None if the server is closing, whether the connection is still usable)."""
    r = client.mail(trick.sender)
    if r.code == 421:
        return None, False
    if not 200 <= r.code < 300:
        return TrickResult(trick, _outcome(r.code), "mail", r), _rset(client)
    r = client.rcpt(trick.recipient)
    if r.code == 421:
        return None, False
    return TrickResult(trick, _outcome(r.code), "rcpt", r), _rset(client)


def _try_tricks_pipelined(
    client: SmtpClient, tricks: Sequence[Trick]
) -> tuple[list[TrickResult], bool]:
    """All ``tricks`` in one write (MAIL, RCPT, RSET each; RFC 2920), replies read in order.

    One round trip instead of three per trick on a slow link. A refused MAIL makes the
    server refuse the RCPT that follows as well (503): the MAIL reply is the outcome, as
    when the tricks are tried one by one. Returns the results of the tricks whose replies
    all arrived, and whether the connection is still usable; the caller tries the rest
    (one by one, on a new connection) when the server closed it or said 421.
    """
    commands: list[str] = []
    for trick in tricks:
        commands += [f"MAIL FROM:<{trick.sender}>", f"RCPT TO:<{trick.recipient}>", "RSET"]
    results: list[TrickResult] = []
    try:
        client.send_commands(commands)
        for trick in tricks:
            mail, rcpt, rset = client.reply(), client.reply(), client.reply()
            if 421 in (mail.code, rcpt.code):
                return results, False
            if not 200 <= mail.code < 300:
                results.append(TrickResult(trick, _outcome(mail.code), "mail", mail))
            else:
                results.append(TrickResult(trick, _outcome(rcpt.code), "rcpt", rcpt))
            if rset.code == 421:
                return results, False
    except (SmtpFailure, OSError):
        return results, False
    return results, True


_PLAIN_MECHS = ("PLAIN", "LOGIN")
_WRONG_PASSWORD_ORDER = ("CRAM-MD5", "DIGEST-MD5", "PLAIN", "LOGIN")


def _plaintext_on(client: _AuditClient, security: str) -> AuditCheck:
    """On a session not yet in TLS: no PLAIN/LOGIN offered, nor taken when not offered."""
    name = NO_PLAINTEXT_BEFORE_TLS
    if security == "tls":
        return AuditCheck(
            name, "passed", QT_TRANSLATE_NOOP("Audit", "Implicit TLS: nothing is said before TLS.")
        )
    offered = [m for m in client.auth_mechanisms if m in _PLAIN_MECHS]
    if offered:
        return AuditCheck(
            name,
            "failed",
            QT_TRANSLATE_NOOP(
                "Audit",
                "{mechanisms} offered before TLS: passwords could cross the network in clear.",
            ).format(mechanisms=" and ".join(offered)),
        )
    # Not offered; does the server take a (made-up) PLAIN login anyway?
    token = b64(f"\0relay-wizard-probe\0{secrets.token_urlsafe(12)}".encode())
    r = client.command(f"AUTH PLAIN {token}", f"AUTH PLAIN {HIDDEN}")
    if r.code == 334:
        r = client.command("*")
    if r.code in (235, 535):
        return AuditCheck(
            name,
            "failed",
            QT_TRANSLATE_NOOP(
                "Audit",
                "PLAIN is not offered before TLS, but a PLAIN login was checked anyway ({reply}).",
            ).format(reply=r),
            r,
        )
    if 500 <= r.code < 600:
        return AuditCheck(
            name,
            "passed",
            QT_TRANSLATE_NOOP(
                "Audit",
                "No PLAIN/LOGIN before TLS (offered: {offered}; AUTH PLAIN answered {code}).",
            ).format(offered=" ".join(client.auth_mechanisms) or "none", code=r.code),
            r,
        )
    return AuditCheck(
        name,
        "inconclusive",
        QT_TRANSLATE_NOOP("Audit", "AUTH PLAIN before TLS answered {reply}.").format(reply=r),
        r,
    )


def _wrong_password_on(client: SmtpClient, user: str) -> AuditCheck:
    name = WRONG_PASSWORD
    mech = next((m for m in _WRONG_PASSWORD_ORDER if m in client.auth_mechanisms), "")
    if not mech:
        return AuditCheck(
            name,
            "skipped",
            QT_TRANSLATE_NOOP(
                "Audit",
                "The server offers no AUTH mechanism this client speaks here ({offered}): "
                "no login to try.",
            ).format(offered=" ".join(client.auth_mechanisms) or "none"),
        )
    r = client.login(user, "wrong-" + secrets.token_urlsafe(15), mech)
    if r.code == 535:
        return AuditCheck(
            name,
            "passed",
            QT_TRANSLATE_NOOP(
                "Audit", "A wrong password for {user} ({mechanism}) got {reply}."
            ).format(user=user, mechanism=mech, reply=r),
            r,
        )
    if r.code == 235:
        return AuditCheck(
            name,
            "failed",
            QT_TRANSLATE_NOOP(
                "Audit", "A WRONG password for {user} was accepted ({mechanism}): {reply}."
            ).format(user=user, mechanism=mech, reply=r),
            r,
        )
    return AuditCheck(
        name,
        "inconclusive",
        QT_TRANSLATE_NOOP(
            "Audit", "A wrong password for {user} ({mechanism}) got {reply}, not 535."
        ).format(user=user, mechanism=mech, reply=r),
        r,
    )


def check_wrong_password(settings: SmtpSettings, user: str) -> AuditCheck:
    """A wrong password for ``user`` must get ``535`` (one connection of its own)."""
    client = _open(settings, Transcript())
    try:
        return _wrong_password_on(client, user)
    finally:
        client.quit()


def check_no_plaintext_before_tls(settings: SmtpSettings) -> AuditCheck:
    """No PLAIN/LOGIN before TLS on this listener (one connection of its own)."""
    plain = SmtpSettings(
        settings.host,
        settings.port,
        "tls" if settings.security == "tls" else "none",
        settings.helo_name,
        settings.timeout,
        settings.verify_cert,
        settings.pinned_sha256,
    )
    client = _open(plain, Transcript())
    try:
        return _plaintext_on(client, settings.security)
    finally:
        client.quit()


def audit_relay(
    settings: SmtpSettings,
    *,
    server_name: str = "",
    session: Runner | None = None,
    config: RelayConfig | None = None,
    user: str = "",
    forbid_plaintext_before_tls: bool | None = None,
    time_budget: float = 120.0,
    max_connections: int = 4,
    cancel: threading.Event | None = None,
    progress: Progress | None = None,
    pool: SmtpPool | None = None,
) -> AuditReport:
    """Try every trick on one connection (reconnecting when dropped); never send DATA.

    Args:
        settings: the listener; ``security`` "starttls" runs the tricks inside TLS.
        server_name: the server's name for the tricks; default: from its greeting.
        session: an SSH session to read the server's relay config (vantage point).
        config: that config, already read (wins over ``session``).
        user: an account name for the wrong-password check; "" skips it (and says so).
        forbid_plaintext_before_tls: the profile forbids PLAIN/LOGIN before TLS; None:
            as the server's AuthOptions say ('p') when its config was read, else True.
        time_budget: seconds after which the tricks left are reported untested.
        max_connections: connections the audit may open, the first included (the new
            sessions it opens before the server would slow down do not count).
        pool: park the connection there (after RSET) for a test send that follows;
            None: end it with QUIT.

    Raises:
        SmtpFailure: the first connection failed (nothing could be tried); its
            ``transcript`` holds the conversation up to there.
        Cancelled: ``cancel`` was set.
    """
    say = progress or (lambda _msg: None)
    started = time.monotonic()
    if config is None and session is not None:
        say(QT_TRANSLATE_NOOP("Progress", "Reading who the server's config lets relay"))
        config = read_relay_config(session, settings.host, cancel=cancel)
    config = config or RelayConfig()
    deadline = time.monotonic() + time_budget
    transcript = Transcript()
    checks: list[AuditCheck] = []

    forbid = forbid_plaintext_before_tls
    allowed_why = "The profile allows PLAIN/LOGIN without TLS."
    if forbid is None:
        forbid = "p" in config.auth_options if config.known else True
        allowed_why = QT_TRANSLATE_NOOP(
            "Audit",
            "The server's AuthOptions lack 'p': its config allows PLAIN/LOGIN without TLS.",
        )

    def first_steps(client: _AuditClient) -> None:
        if forbid:
            checks.append(_plaintext_on(client, settings.security))
        else:
            checks.append(AuditCheck(NO_PLAINTEXT_BEFORE_TLS, "skipped", allowed_why))

    say(
        QT_TRANSLATE_NOOP("Progress", "Connecting to {host} port {port}").format(
            host=settings.host, port=settings.port
        )
    )
    try:
        first = _open(settings, transcript, first_steps)
    except SmtpFailure as exc:
        exc.transcript = transcript  # what the server said up to the failure
        raise
    client: _AuditClient | None = first
    connections = 1
    planned = 0  # sessions opened before the server's error limit, not after a drop
    local, peer = first.addresses()
    mechanisms_before = tuple(
        first.features_before_tls.get("AUTH", "").upper().split()
        if settings.security != "tls"
        else ()
    )
    mechanisms = tuple(first.auth_mechanisms)
    seen_name, seen_address = parse_hello(first.hello.text if first.hello else "")
    name = server_name or greeting_name(first.banner) or settings.host
    tricks = relay_tricks(name, peer)
    vantage = vantage_point(
        seen_address or local, config, client_name=seen_name, server_addresses=(peer,)
    )

    results: list[TrickResult] = []
    retried: set[int] = set()
    pipeline = True
    fresh: _AuditClient | None = first  # a session no trick was tried on yet
    i = 0
    try:
        while i < len(tricks):
            if cancel is not None and cancel.is_set():
                raise Cancelled()
            trick = tricks[i]
            why = ""
            if time.monotonic() > deadline:
                why = f"the time budget of {time_budget:g} s ran out"
            elif client is None:
                if connections - planned >= max_connections:
                    why = f"the server dropped the connection {connections - planned} times"
                else:
                    say(
                        QT_TRANSLATE_NOOP(
                            "Progress", "The server closed the connection: connecting again"
                        )
                    )
                    try:
                        client = fresh = _open(settings, transcript)
                        connections += 1
                    except (SmtpFailure, OSError) as exc:
                        connections += 1
                        why = QT_TRANSLATE_NOOP("Audit", "reconnecting failed: {reason}").format(
                            reason=exc
                        )
            if why:
                results += [TrickResult(t, "untested", "", None, why) for t in tricks[i:]]
                break
            assert client is not None
            room = _room(client, config.error_limit, len(tricks) - i)
            if room == 0 and client is fresh:
                room = 1  # a limit too low to keep under: at least one trick a session
            if room == 0:
                # this session has made as many errors as the server lets a client make
                # before it waits a second before each reply (Postfix): go on in a new one
                client.quit()
                client = None
                connections += 1
                planned += 1
                try:
                    client = fresh = _open(settings, transcript)
                except (SmtpFailure, OSError) as exc:
                    why = QT_TRANSLATE_NOOP("Audit", "reconnecting failed: {reason}").format(
                        reason=exc
                    )
                    results += [TrickResult(t, "untested", "", None, why) for t in tricks[i:]]
                    break
                continue
            fresh = None
            if client.pipelining and pipeline:
                pipeline = room < len(tricks) - i  # once, unless the rest waits for a new session
                say(
                    QT_TRANSLATE_NOOP("Progress", "Tricks {first} to {last}, pipelined").format(
                        first=i + 1, last=i + room
                    )
                )
                done, usable = _try_tricks_pipelined(client, tricks[i : i + room])
                results += done
                i += len(done)
                if not usable:
                    client.close()
                    client = None
                    pipeline = False  # after a drop, the rest one by one
                continue
            say(
                QT_TRANSLATE_NOOP("Progress", "Trick {number} of {count}: {name}").format(
                    number=i + 1, count=len(tricks), name=trick.name
                )
            )
            try:
                result, usable = _try_trick(client, trick)
            except (SmtpFailure, OSError) as exc:
                result, usable = None, False
                why = str(exc)
            if not usable:
                client.close()
                client = None
            if result is None:  # the server is closing: try this trick once more
                if i in retried:
                    note = why or QT_TRANSLATE_NOOP(
                        "Audit", "the server closed the connection at this trick twice"
                    )
                    results.append(TrickResult(trick, "untested", "", None, note))
                    i += 1
                else:
                    retried.add(i)
                continue
            results.append(result)
            i += 1

        if not user:
            checks.append(
                AuditCheck(
                    WRONG_PASSWORD,
                    "skipped",
                    QT_TRANSLATE_NOOP(
                        "Audit", "No account name was given, so a wrong password was not tried."
                    ),
                )
            )
        elif client is None:
            checks.append(
                AuditCheck(
                    WRONG_PASSWORD,
                    "skipped",
                    QT_TRANSLATE_NOOP(
                        "Audit",
                        "The connection was gone after the tricks; the login was not tried.",
                    ),
                )
            )
        else:
            say(QT_TRANSLATE_NOOP("Progress", "Trying a wrong password"))
            try:
                checks.append(_wrong_password_on(client, user))
            except (SmtpFailure, OSError) as exc:
                checks.append(AuditCheck(WRONG_PASSWORD, "inconclusive", str(exc)))
    finally:
        if client is not None:
            # the tricks end with RSET: a session at rest needs no RSET more (a round trip)
            if pool is not None and (client.at_rest or _rset(client)):
                pool.park(client)
            else:
                client.quit()

    return AuditReport(
        host=settings.host,
        port=settings.port,
        security=settings.security,
        server_name=name,
        server_address=peer,
        client_address=local,
        results=tuple(results),
        vantage=vantage,
        checks=tuple(checks),
        config=config,
        mechanisms_before_tls=mechanisms_before,
        mechanisms=mechanisms,
        certificate=certificate_from_der(first.peer_cert_der),
        connections=connections,
        elapsed=time.monotonic() - started,
        transcript=transcript,
    )
