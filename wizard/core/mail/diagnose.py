"""Why a test send failed, deeper from the server's side over SSH; and what became of a
message the server accepted.

``diagnose`` (pure, in :mod:`~wizard.core.mail.diagnosis`) gives the cause and the fix in a
sentence each. ``deepen`` asks the server itself (sendmail's own EHLO with ``-bs``, its trusted
mechanisms, the SASL accounts and realm, the mail log of the failed session) and names
the misconfiguration. ``follow_message`` finds a queue id in the queue and the mail log
(``MessageFollower``: looked for while the message is sent).
"""

from __future__ import annotations

import dataclasses
import logging
import re
import threading
import time
from dataclasses import dataclass
from typing import TYPE_CHECKING

from wizard.core.mail.diagnosis import Diagnosis as Diagnosis  # noqa: TC001 (re-exported)
from wizard.core.mail.diagnosis import diagnose as diagnose  # re-exported
from wizard.core.mail.maillog import session_lines
from wizard.core.mta.detect import OtherMailServer
from wizard.core.mta.sendmail.inspect_parse import build_report
from wizard.core.mta.sendmail.inspection import collect
from wizard.core.remote import scripts
from wizard.core.remote.sections import run_sections
from wizard.core.translatable import QT_TRANSLATE_NOOP
from wizard.core.untrusted import printable

if TYPE_CHECKING:
    from wizard.core.mail.smtp import SmtpFailure
    from wizard.core.remote.runner import Runner
    from wizard.core.remote.session import SshSession

log = logging.getLogger("wizard.mail")


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
    try:
        view = ServerView.from_sections(session.target.host, sections)
    except OtherMailServer:
        return diagnosis  # the server's side is read the sendmail way only, for now
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
            QT_TRANSLATE_NOOP(
                "Diagnosis",
                "AUTH is advertised ({mechanisms}) but not trusted: TRUST_AUTH_MECH is "
                "missing, so a login succeeds and relaying is still refused.",
            ).format(mechanisms=" ".join(offered))
        )
    elif mechanism and mechanism in offered and mechanism not in view.trusted:
        out.append(
            QT_TRANSLATE_NOOP(
                "Diagnosis",
                "{mechanism} is advertised but not trusted: TRUST_AUTH_MECH lists only {trusted}.",
            ).format(mechanism=mechanism, trusted=" ".join(view.trusted))
        )
    if after_tls:
        out.append(
            QT_TRANSLATE_NOOP(
                "Diagnosis",
                "sendmail offers logins only after STARTTLS (AuthOptions p), as the modern "
                "profile sets it up: mail programs must use STARTTLS (port 587) or TLS "
                "(port 465).",
            )
        )
    elif not view.advertised:
        out.append(
            QT_TRANSLATE_NOOP(
                "Diagnosis",
                "sendmail offers no login (SMTP AUTH) at all, not even to its own session.",
            )
        )
    if user:
        bare = user.partition("@")[0]
        names = {u.rpartition("@")[0]: u.rpartition("@")[2] for u in view.sasl_users}
        in_realm = f"{bare}@{view.realm}" in view.sasl_users
        others = [u.rpartition("@")[2] for u in view.sasl_users if u.rpartition("@")[0] == bare]
        if not in_realm and others:
            out.append(
                QT_TRANSLATE_NOOP(
                    "Diagnosis",
                    "The user {user} exists in realm {other} but sendmail uses realm {realm}: "
                    "create it again in {realm} (adding it with Relay Wizard does).",
                ).format(user=bare, other=others[0], realm=view.realm)
            )
        elif not in_realm and bare not in names:
            out.append(
                QT_TRANSLATE_NOOP(
                    "Diagnosis", "There is no SASL account named {user} (realm {realm})."
                ).format(user=bare, realm=view.realm)
            )
    if (
        mechanism in ("PLAIN", "LOGIN")
        and view.pwcheck == "saslauthd"
        and not view.saslauthd_running
    ):
        out.append(
            QT_TRANSLATE_NOOP(
                "Diagnosis",
                "{mechanism} checks passwords with saslauthd, which is not running; the "
                "accounts Relay Wizard manages live in the sasldb (pwcheck_method: auxprop).",
            ).format(mechanism=mechanism)
        )
    for line in view.log.splitlines()[-3:]:
        text = line.split(": ", 1)[-1] if ": " in line else line
        # anyone on the server can write to the mail log (logger): show it escaped
        out.append(
            QT_TRANSLATE_NOOP("Diagnosis", "mail log: {line}").format(line=printable(text.strip()))
        )
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


# remote/scripts/follow-msgid.sh: the same, found by the Message-ID while it is sent.
_FOLLOW_MSGID_SCRIPT = scripts.load("follow-msgid")
_MESSAGE_ID = re.compile(r"[A-Za-z0-9._%+=-]{1,200}@[A-Za-z0-9.-]{1,200}")
# How long the fate found while sending may still take once the server accepted the
# message (seconds): the script gives up 1.8 s after it started at most.
FOLLOWER_WAIT = 3.0


class MessageFollower:
    """The message's fate, looked for on the server while the message is sent: a round
    trip less than asking once the server's reply named the queue id.

    Start it as the message's text goes out (``send_test``'s ``on_message_id``); it runs
    follow-msgid.sh on its own thread (the session runs one command at a time: nothing
    else may need it meanwhile). :func:`follow_message` takes its answer when it names the
    queue id of the server's reply; else it asks as before. :meth:`cancel` it when the
    send failed.
    """

    def __init__(self, session: Runner, message_id: str) -> None:
        self.message_id = message_id.strip().removeprefix("<").removesuffix(">")
        self._cancel = threading.Event()
        self._found: tuple[str, str, list[str]] | None = None
        self._thread: threading.Thread | None = None
        if _MESSAGE_ID.fullmatch(self.message_id):
            self._thread = threading.Thread(
                target=self._run, args=(session,), name="relay-wizard-follow", daemon=True
            )
            self._thread.start()

    def _run(self, session: Runner) -> None:
        try:
            sections = run_sections(
                session,
                _FOLLOW_MSGID_SCRIPT,
                ("qid", "mailq", "log"),
                name="follow-msgid",
                args=(self.message_id,),
                timeout=30,
                cancel=self._cancel,
                what=QT_TRANSLATE_NOOP("Progress", "Looking for the message on the server"),
            )
        except Exception as exc:  # asked again after the send, as before
            log.debug("following the message while it was sent failed: %s", exc)
            return
        self._found = (
            sections["qid"].strip(),
            printable(sections["mailq"].strip(), multiline=True),
            printable(sections["log"].strip(), multiline=True).splitlines(),
        )

    def fate(self, queue_id: str) -> MessageFate | None:
        """The fate of ``queue_id`` found while sending, or None (another queue id, none
        found, or not in time)."""
        if self._thread is None:
            return None
        self._thread.join(FOLLOWER_WAIT)
        if self._thread.is_alive():
            self.cancel()
            return None
        found = self._found
        if found is None or found[0] != queue_id:
            return None
        return fate_of(queue_id, found[1], found[2])

    def cancel(self) -> None:
        """Stop looking (the send failed): the command ends on the server, the session is
        free again."""
        self._cancel.set()
        if self._thread is not None:
            self._thread.join(FOLLOWER_WAIT + 5)


def follow_message(
    session: SshSession,
    queue_id: str,
    *,
    cancel: threading.Event | None = None,
    follower: MessageFollower | None = None,
) -> MessageFate:
    """Find ``queue_id`` (from the server's DATA reply) in the queue and the mail log;
    ``follower``: what was found while the message was sent, used when it is that one."""
    if not _QUEUE_ID.match(queue_id):
        if follower is not None:
            follower.cancel()
        return MessageFate(queue_id, "unknown", "The server's reply held no queue id.", ())
    found = follower.fate(queue_id) if follower is not None else None
    if found is not None:
        return found
    sections = run_sections(
        session,
        _FOLLOW_SCRIPT,
        ("mailq", "log"),
        name="follow",
        args=(queue_id,),
        timeout=60,
        cancel=cancel,
        what=QT_TRANSLATE_NOOP("Progress", "Looking for the message on the server"),
    )
    queue = printable(sections["mailq"].strip(), multiline=True)
    log = printable(sections["log"].strip(), multiline=True).splitlines()
    return fate_of(queue_id, queue, log)


def fate_of(queue_id: str, queue: str, log: list[str]) -> MessageFate:
    """Pure: the fate from mailq's lines for the id and its mail-log lines."""
    # sendmail's "stat=Sent (...)", Postfix's "status=sent (...)"
    stats = [
        m.group(1).strip() for ln in log if (m := re.search(r"\bstat(?:us)?=([^,]*(?:,.*)?)$", ln))
    ]
    last = stats[-1] if stats else ""
    if any("stat=Sent" in ln or "status=sent " in ln for ln in log):
        return MessageFate(queue_id, "sent", last, tuple(log))
    if any(
        " DSN: " in ln or "return to sender" in ln.lower() or "status=bounced " in ln for ln in log
    ):
        dsn = next((ln.split(" DSN: ", 1)[-1] for ln in log if " DSN: " in ln), last)
        return MessageFate(queue_id, "bounced", dsn, tuple(log))
    if queue:
        reason = re.search(r"\((.*)\)", queue)
        detail = (
            reason.group(1) if reason else QT_TRANSLATE_NOOP("Diagnosis", "waiting in the queue")
        )
        deferred = last.lower().startswith("deferred")
        state = "deferred" if deferred or reason else "queued"
        return MessageFate(queue_id, state, last or detail, tuple(log))
    if log:
        logged = QT_TRANSLATE_NOOP("Diagnosis", "logged")
        return MessageFate(queue_id, "accepted", last or logged, tuple(log))
    return MessageFate(queue_id, "unknown", "not in the queue nor in the mail log", ())
