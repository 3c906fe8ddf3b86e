"""Why a test send failed, in plain words; deeper from the server's side over SSH; and
what became of a message the server accepted.

``diagnose`` is pure: it reads the stage, the server's reply code and enhanced status of
an :class:`~wizard.core.mail.smtp.SmtpFailure`, and gives the cause and the fix in a sentence
each. ``deepen`` asks the server itself (sendmail's own EHLO with ``-bs``, its trusted
mechanisms, the SASL accounts and realm, the mail log of the failed session) and names
the misconfiguration. ``follow_message`` finds a queue id in the queue and the mail log.
"""

from __future__ import annotations

import dataclasses
import re
import time
from dataclasses import dataclass
from typing import TYPE_CHECKING

from wizard.core.errors import Field
from wizard.core.mail.maillog import session_lines
from wizard.core.mta.sendmail.inspect_parse import build_report
from wizard.core.mta.sendmail.inspection import collect
from wizard.core.remote import scripts
from wizard.core.remote.sections import run_sections
from wizard.core.untrusted import printable

if TYPE_CHECKING:
    import threading

    from wizard.core.mail.smtp import SmtpFailure
    from wizard.core.remote.session import SshSession


@dataclass(frozen=True)
class Diagnosis:
    """The stage that failed, what it means and what to do (in plain words; ``field`` is
    the input the fix is about, for each front to name in its own terms)."""

    stage: str
    cause: str
    fix: str
    reply: str = ""
    server: tuple[str, ...] = ()  # findings from the server's side, when SSH was at hand
    field: Field | None = None

    def to_json(self) -> dict[str, object]:
        return {**dataclasses.asdict(self), "server": list(self.server)}

    def render(self) -> str:
        lines = [f"Failed at: {self.stage}"]
        if self.reply:
            lines.append(f"Server said: {self.reply}")
        lines += [f"Why: {self.cause}", f"What to do: {self.fix}"]
        lines += [f"On the server: {finding}" for finding in self.server]
        return "\n".join(lines)


def diagnose(exc: SmtpFailure, host: str = "", port: int = 0) -> Diagnosis:
    """Cause and fix for a failed test send, by stage and reply. Pure."""
    r = exc.reply
    code = r.code if r else 0
    status = r.enhanced if r else ""
    said = str(r) if r else ""
    where = f"{host} port {port}" if host else "the server"

    def d(stage: str, cause: str, fix: str, field: Field | None = None) -> Diagnosis:
        return Diagnosis(stage, cause, fix, said, field=field)

    stage = exc.stage
    if exc.kind == "protocol":  # a reply that broke RFC 5321's syntax or the client's limits
        return d(f"{stage} (broken reply)", exc.message, exc.fix, exc.field)
    if stage == "resolve":
        return d(
            "name resolution",
            f"The name {host or 'of the server'} could not be found in DNS.",
            "Check the spelling, or use the server's IP address.",
        )
    if stage == "connect" and exc.kind == "refused":
        return d(
            "connect (refused)",
            f"Nothing accepts connections on {where}: sendmail does not listen there, or only "
            "on 127.0.0.1 (Debian's default).",
            "Apply a relay profile that opens this port, or choose the port sendmail listens on.",
        )
    if stage == "connect":
        return d(
            "connect (timeout)",
            f"{where} did not answer: a firewall drops the connection, or the host is down. "
            "Many Internet providers block outgoing port 25.",
            "Open the port in the server's firewall, or use the submission port 587.",
        )
    if stage == "greeting" and code == 554:
        return d(
            "greeting (554)",
            "The server refused the session before it began: the client spoke before the "
            "greeting (sendmail's greet_pause), or this address is rejected in the access db.",
            "Wait for the 220 greeting before sending anything; check /etc/mail/access for a "
            "REJECT line that covers this computer.",
        )
    if stage == "greeting" and code == 421:
        return d(
            "greeting (421)",
            "The server is refusing connections for now: too many from this address in a short "
            "time (ClientRate / ClientConn) or it is overloaded.",
            "Wait ten minutes and try again; for a trusted address, raise its ClientRate in the "
            "access db.",
        )
    if stage == "greeting":
        return d("greeting", f"The server did not greet with 220 ({said}).", "Check the mail log.")
    if stage == "tls" and exc.kind == "untrusted":
        fp = f" Its SHA-256 fingerprint is {exc.cert_sha256}." if exc.cert_sha256 else ""
        return d(
            "TLS (untrusted certificate)",
            "The server's certificate is not signed by an authority this computer trusts "
            f"(a self-signed certificate, like Debian's generated one).{fp}",
            "Compare the fingerprint with the one of the certificate on the server and, if "
            "they match, pin it (accept exactly this certificate); or install a certificate "
            "from a public authority.",
            Field.PIN_CERT,
        )
    if stage == "tls" and exc.kind == "mismatch":
        fp = f" Its SHA-256 fingerprint is {exc.cert_sha256}." if exc.cert_sha256 else ""
        return d(
            "TLS (name mismatch)",
            f"The server's certificate is made out for another name than {host or 'the one used'}."
            f"{fp}",
            "Connect with the name in the certificate, or pin this certificate after checking "
            "its fingerprint on the server.",
            Field.PIN_CERT,
        )
    if stage == "tls" and exc.kind == "not-the-servers":
        return d("TLS (not the server's certificate)", exc.message, exc.fix)
    if stage == "tls" and exc.kind == "pin":
        return d("TLS (not the pinned certificate)", exc.message, exc.fix, Field.PIN_CERT)
    if stage == "tls":
        return d(
            "TLS",
            f"Encryption could not be set up: {exc.message}",
            "Apply the modern profile (STARTTLS with the server's certificate), or check that "
            "sendmail can read its certificate and key (the mail log says STARTTLS=server).",
        )
    if stage == "ehlo":
        return d("EHLO", f"The server refused the EHLO greeting ({said}).", "Check the mail log.")
    if stage == "auth-offered":
        return d(
            "AUTH not offered",
            "The server does not offer SMTP AUTH on this port: sendmail was built without SASL, "
            "no mechanism is configured, or it offers AUTH only after STARTTLS.",
            "Connect with STARTTLS; or apply a relay profile, which configures AUTH.",
            Field.SECURITY,
        )
    if stage == "mechanism":
        return d(
            "mechanism not offered",
            exc.message,
            "Choose a mechanism the server offers, or add it to confAUTH_MECHANISMS and "
            "TRUST_AUTH_MECH (a relay profile does).",
            Field.MECHANISM,
        )
    if stage == "auth" and (code == 538 or (code == 504 and "not available" in said.lower())):
        return d(
            f"encryption required ({code})",
            "The server accepts this mechanism only over an encrypted connection (AuthOptions "
            "'p'), which is right: the password would otherwise cross the network readable.",
            "Connect with STARTTLS (port 587) or implicit TLS (port 465).",
            Field.SECURITY,
        )
    if stage == "auth" and code == 535:
        return d(
            "authentication failed (535)",
            "The server rejected the user name or password. Either is wrong, or the account "
            "lives in another SASL realm than the one sendmail uses.",
            "Check the password; look at the server's mail accounts and their realm, and "
            "set a new password for this one if need be.",
            Field.PASSWORD,
        )
    if stage == "auth":
        return d("authentication", f"The login failed ({said}).", "Check the mail log.")
    if stage == "mail" and code == 530:
        return d(
            "authentication required (530)",
            "This port accepts mail only after a login.",
            "Log in before sending (the wizard does: check the user name and password).",
        )
    if stage in ("rcpt", "mail") and code == 550 and status.startswith("5.7"):
        return d(
            "relay denied (550 5.7.1)",
            "The server refused to pass the message on to another domain: the login did not "
            "make the client trusted for relaying. On sendmail that happens when the mechanism "
            "used is advertised but not listed in TRUST_AUTH_MECH.",
            "Apply a relay profile (it sets TRUST_AUTH_MECH to the mechanisms it offers).",
        )
    if stage in ("rcpt", "mail") and 400 <= code < 500:
        return d(
            f"temporarily refused ({code})",
            "The server refused for now; with sendmail this is often a failed reverse-DNS lookup "
            "of this computer's address (450 4.4.0) or a temporary resolver problem.",
            "Try again later; give this computer's address a reverse DNS (PTR) record.",
        )
    if stage in ("rcpt", "mail"):
        return d(
            f"{'recipient' if stage == 'rcpt' else 'sender'} refused ({code})",
            f"The server refused the {'recipient' if stage == 'rcpt' else 'sender'} address.",
            "Check the address; the server's reply says why.",
        )
    if stage == "data" and "bare" in said.lower():
        return d(
            "DATA refused (bare LF)",
            "The message used bare LF line endings; SMTP requires CRLF and sendmail drops such "
            "a message.",
            "Use a mail program that sends CRLF line endings (every ordinary one does).",
        )
    if stage == "data":
        return d(
            f"DATA refused ({code})",
            "The server refused the message itself (size, content or a policy).",
            "Read the server's reply and the mail log.",
        )
    if stage == "timeout":
        return d(
            "timeout",
            "The server stopped answering in the middle of the conversation.",
            "Try again; if it happens again, look at the server's load and its mail log.",
        )
    return d(
        stage or "connection",
        f"The connection ended unexpectedly: {exc.message}",
        "Look at the transcript and the server's mail log.",
    )


# --------------------------------------------------------------------------- server side

# Appended to the inspection: remote/scripts/diagnose-server.sh (sendmail -bs, the mail log).
_SERVER = "diagnose-server"


def deepen(
    session: SshSession,
    diagnosis: Diagnosis,
    *,
    user: str = "",
    mechanism: str = "",
    client_address: str = "",
    failure: SmtpFailure | None = None,
    recipient: str = "",
    cancel: threading.Event | None = None,
) -> Diagnosis:
    """Look at the server itself and add what is misconfigured there.

    ``failure`` (the test's): its start and this computer's address pick the mail-log
    lines of that session only (:mod:`~wizard.core.mail.maillog`)."""
    sections = collect(session, _SERVER, ("now", "bs", "log"), cancel=cancel)
    view = ServerView.from_sections(session.target.host, sections)
    age = time.monotonic() - failure.started if failure is not None and failure.started else None
    log = session_lines(
        view.log,
        now=sections.get("now", ""),
        age=age,
        client_address=client_address or (failure.client_address if failure else ""),
        user=user.partition("@")[0] if user else "",
        recipient=recipient,
    )
    view = dataclasses.replace(view, log="\n".join(log))
    found = server_findings(view, user=user, mechanism=mechanism)
    return dataclasses.replace(diagnosis, server=tuple(found))


def _bs_mechanisms(text: str) -> list[str]:
    for line in text.splitlines():
        m = re.match(r"^250[- ]AUTH[ =](.*)$", line.strip(), re.I)
        if m:
            return m.group(1).split()
    return []


@dataclass(frozen=True)
class ServerView:
    """What the server itself shows about SMTP AUTH, read over SSH."""

    advertised: tuple[str, ...]  # AUTH in sendmail's own EHLO (sendmail -bs)
    trusted: tuple[str, ...]  # TRUST_AUTH_MECH
    realm: str  # the SASL realm sendmail uses ($j)
    sasl_users: tuple[str, ...]  # the sasldb's accounts, as user@realm
    pwcheck: str  # pwcheck_method of Sendmail.conf
    saslauthd_running: bool
    log: str  # the mail log's lines of the failed session (maillog.session_lines)
    options: tuple[str, ...] = ()  # confAUTH_OPTIONS ("p": AUTH only after STARTTLS)
    configured: tuple[str, ...] = ()  # confAUTH_MECHANISMS

    @classmethod
    def from_sections(cls, host: str, sections: dict[str, str]) -> ServerView:
        """From the inspection's sections plus diagnose-server.sh's ``bs`` and ``log``. Pure."""
        report = build_report(host, sections)
        return cls(
            advertised=tuple(_bs_mechanisms(sections.get("bs", ""))),
            trusted=tuple(report.auth.trusted),
            realm=report.realm,
            sasl_users=tuple(report.sasl.user_names),
            pwcheck=report.sasl.pwcheck_method,
            saslauthd_running=report.sasl.saslauthd_running,
            log=sections.get("log", ""),
            options=tuple(report.auth.options),
            configured=tuple(report.auth.configured_mechanisms),
        )


def server_findings(view: ServerView, *, user: str = "", mechanism: str = "") -> list[str]:
    """What the server's own view says is wrong for this login (``user`` with
    ``mechanism``, each "" when unknown). Pure: tested on data."""
    out: list[str] = []
    # sendmail -bs has no TLS: under AuthOptions p its EHLO offers no AUTH (field notes
    # 11), and what it offers after STARTTLS is what is configured.
    after_tls = not view.advertised and "p" in view.options
    offered = view.configured if after_tls else view.advertised
    if offered and not view.trusted:
        out.append(
            f"AUTH is advertised ({' '.join(offered)}) but not trusted: TRUST_AUTH_MECH is "
            "missing, so a login succeeds and relaying is still refused."
        )
    elif mechanism and mechanism in offered and mechanism not in view.trusted:
        out.append(
            f"{mechanism} is advertised but not trusted: TRUST_AUTH_MECH lists only "
            f"{' '.join(view.trusted)}."
        )
    if after_tls:
        out.append(
            "sendmail offers logins only after STARTTLS (AuthOptions p), as the modern "
            "profile sets it up: mail programs must use STARTTLS (port 587) or TLS (port 465)."
        )
    elif not view.advertised:
        out.append("sendmail offers no login (SMTP AUTH) at all, not even to its own session.")
    if user:
        bare = user.partition("@")[0]
        names = {u.rpartition("@")[0]: u.rpartition("@")[2] for u in view.sasl_users}
        in_realm = f"{bare}@{view.realm}" in view.sasl_users
        others = [u.rpartition("@")[2] for u in view.sasl_users if u.rpartition("@")[0] == bare]
        if not in_realm and others:
            out.append(
                f"The user {bare} exists in realm {others[0]} but sendmail uses realm {view.realm}: "
                f"create it again in {view.realm} (adding it with Relay Wizard does)."
            )
        elif not in_realm and bare not in names:
            out.append(f"There is no SASL account named {bare} (realm {view.realm}).")
    if (
        mechanism in ("PLAIN", "LOGIN")
        and view.pwcheck == "saslauthd"
        and not view.saslauthd_running
    ):
        out.append(
            f"{mechanism} checks passwords with saslauthd, which is not running; the accounts "
            "Relay Wizard manages live in the sasldb (pwcheck_method: auxprop)."
        )
    for line in view.log.splitlines()[-3:]:
        text = line.split(": ", 1)[-1] if ": " in line else line
        # anyone on the server can write to the mail log (logger): show it escaped
        out.append(f"mail log: {printable(text.strip())}")
    return out


# --------------------------------------------------------------------------- the message


@dataclass(frozen=True)
class MessageFate:
    """What became of a message: queued, deferred (with why), sent, bounced, unknown."""

    queue_id: str
    state: str
    detail: str
    log: tuple[str, ...]

    def to_json(self) -> dict[str, object]:
        return {**dataclasses.asdict(self), "log": list(self.log)}


_QUEUE_ID = re.compile(r"^[A-Za-z0-9]{6,24}$")
# remote/scripts/follow.sh: the message's lines in the queue and the mail log.
_FOLLOW_SCRIPT = scripts.load("follow")


def follow_message(
    session: SshSession, queue_id: str, *, cancel: threading.Event | None = None
) -> MessageFate:
    """Find ``queue_id`` (from the server's DATA reply) in the queue and the mail log."""
    if not _QUEUE_ID.match(queue_id):
        return MessageFate(queue_id, "unknown", "The server's reply held no queue id.", ())
    sections = run_sections(
        session,
        _FOLLOW_SCRIPT,
        ("mailq", "log"),
        name="follow",
        args=(queue_id,),
        timeout=60,
        cancel=cancel,
        what="Looking for the message on the server",
    )
    queue = printable(sections["mailq"].strip(), multiline=True)
    log = printable(sections["log"].strip(), multiline=True).splitlines()
    return fate_of(queue_id, queue, log)


def fate_of(queue_id: str, queue: str, log: list[str]) -> MessageFate:
    """Pure: the fate from mailq's lines for the id and its mail-log lines."""
    stats = [m.group(1).strip() for ln in log if (m := re.search(r"stat=([^,]*(?:,.*)?)$", ln))]
    last = stats[-1] if stats else ""
    if any("stat=Sent" in ln for ln in log):
        return MessageFate(queue_id, "sent", last, tuple(log))
    if any(" DSN: " in ln or "return to sender" in ln.lower() for ln in log):
        dsn = next((ln.split(" DSN: ", 1)[-1] for ln in log if " DSN: " in ln), last)
        return MessageFate(queue_id, "bounced", dsn, tuple(log))
    if queue:
        reason = re.search(r"\((.*)\)", queue)
        detail = reason.group(1) if reason else "waiting in the queue"
        state = "deferred" if last.startswith("Deferred") or reason else "queued"
        return MessageFate(queue_id, state, last or detail, tuple(log))
    if log:
        return MessageFate(queue_id, "accepted", last or "logged", tuple(log))
    return MessageFate(queue_id, "unknown", "not in the queue nor in the mail log", ())
