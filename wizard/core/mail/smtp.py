"""The wizard as a mail client: SMTP with STARTTLS or implicit TLS and SMTP AUTH.

Used to prove a configuration from the outside: that strangers cannot relay and that a
logged-in user can. Every line of the conversation goes into a transcript with AUTH
payloads and passwords replaced by a placeholder.

The server is not trusted (docs/security.md). What it may send is bounded: a reply line
of at most :data:`MAX_LINE` bytes, a reply of at most :data:`MAX_LINES` lines and
:data:`MAX_REPLY` bytes, all of it within ``SmtpSettings.timeout`` seconds (a deadline for
the whole reply, not for each read); anything else, or a reply that breaks RFC 5321's
syntax, ends the session with an :class:`SmtpFailure`. Its text is escaped
(:func:`~wizard.core.untrusted.printable`) where the bytes become text, so no control or
reordering character of the server's reaches a reply, the transcript or a message. The
client in turn never sends a line break or NUL inside a command.
"""

from __future__ import annotations

import contextlib
import re
import select
import socket
import ssl
import time
from collections import deque
from typing import TYPE_CHECKING, NoReturn

from wizard.core.mail import auth
from wizard.core.mail.smtp_types import (
    NOT_SMTP,
    SEE_TRANSCRIPT,
    TRY_AGAIN,
    Reply,
    Security,
    SmtpFailure,
    SmtpSettings,
    not_connected,
    not_offered,
    nul_in_login,
    unknown_mechanism,
    unsendable_command,
)
from wizard.core.mail.tls import HandshakeFailed, handshake
from wizard.core.mail.transcript import HIDDEN, Transcript
from wizard.core.translatable import QT_TRANSLATE_NOOP
from wizard.core.untrusted import printable

__all__ = [
    "MAX_LINE",
    "MAX_LINES",
    "MAX_REPLY",
    "Reply",
    "Security",
    "SmtpClient",
    "SmtpFailure",
    "SmtpSettings",
]

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence
    from email.message import EmailMessage

    from wizard.core.errors import Field

# What a server may send, with generous room over RFC 5321 (4.5.3.1.5: a reply line is at
# most 512 octets with its CRLF; real EHLO replies run to a kilobyte or two, in some 20
# lines). A server that goes beyond is broken or hostile: the session ends there.
MAX_LINE = 8192  # bytes of one reply line, its CRLF included
MAX_LINES = 100  # lines of one reply
MAX_REPLY = 64 * 1024  # bytes of one reply, all its lines
_SHOWN = 200  # characters of an oversized line kept in the transcript


# --------------------------------------------------------------------------- the client


# The step a reply answers, by the verb of the command (the stage of an SmtpFailure).
_STAGES = {
    "EHLO": "ehlo",
    "HELO": "ehlo",
    "STARTTLS": "tls",
    "AUTH": "auth",
    "MAIL": "mail",
    "RCPT": "rcpt",
    "DATA": "data",
}
_REPLY_CODE = re.compile(rb"[2-5][0-9][0-9]")
_FORBIDDEN_IN_COMMAND = ("\r", "\n", "\0")


def _verb(command: str) -> str:
    return command.split(" ", 1)[0].upper()


def _stage_of(command: str) -> str:
    return _STAGES.get(_verb(command), "connection")


def _reply_line(raw: bytes) -> str:
    """A reply line's bytes as text: UTF-8 where it is, every other byte and every control
    or reordering character shown as an escape (``\\xNN``), never raw."""
    return printable(raw.decode("utf-8", "surrogateescape"))


class SmtpClient:
    """One SMTP session. Use as a context manager; every step records to ``transcript``.

    ``max_line``, ``max_lines`` and ``max_reply`` bound what a reply may hold (the module's
    :data:`MAX_LINE`, :data:`MAX_LINES`, :data:`MAX_REPLY` unless set on the instance).
    """

    def __init__(self, settings: SmtpSettings, transcript: Transcript | None = None) -> None:
        self.settings = settings
        self.transcript = transcript or Transcript()
        self.features: dict[str, str] = {}
        self.tls_active = False
        self.peer_cert_sha256 = ""
        self.peer_cert_der = b""  # the certificate the server presented (the audit reads it)
        self._sock: socket.socket | ssl.SSLSocket | None = None
        self._buffer = bytearray()
        self._scanned = 0  # bytes of the buffer known to hold no end of line
        self._awaiting: deque[str] = deque()  # the stage of each reply still to read
        self._verbs: deque[str] = deque()  # the verb of each command whose reply is awaited
        self.at_rest = False  # the last reply was 250 to RSET or EHLO, nothing awaited
        self.errors = 0  # replies of 400 or more in this session (servers count them)
        self.max_line = MAX_LINE
        self.max_lines = MAX_LINES
        self.max_reply = MAX_REPLY
        self.banner: Reply | None = None
        self.hello: Reply | None = None
        self.features_before_tls: dict[str, str] = {}
        self._quit_sent = False

    # -- low level

    def _wrap(self, sock: socket.socket) -> ssl.SSLSocket:
        s = self.settings
        try:
            tls, self.peer_cert_sha256 = handshake(
                sock, s.tls_name or s.host, verify=s.verify_cert, pinned=s.pinned_sha256
            )
        except HandshakeFailed as exc:
            raise SmtpFailure(
                "tls",
                exc.message,
                exc.fix,
                kind=exc.kind,
                field=exc.field,
                cert_sha256=exc.cert_sha256,
            ) from None
        self.tls_active = True
        self.peer_cert_der = tls.getpeercert(binary_form=True) or b""
        cipher = tls.cipher()
        self.transcript.add(
            "*", f"TLS established: {tls.version()}, {cipher[0] if cipher else 'unknown cipher'}"
        )
        return tls

    @staticmethod
    def _check_command(text: str, shown: str | None = None) -> None:
        """Refuse a command with a line break or NUL in it: the server would read it as
        two commands (the recipient ``a@b\\r\\nRSET``, say). Nothing is sent."""
        if any(ch in text for ch in _FORBIDDEN_IN_COMMAND):
            raise unsendable_command(printable(shown if shown is not None else text))

    @staticmethod
    def _lost(stage: str, message: str = "") -> SmtpFailure:
        """The connection is gone (``stage``: the step whose reply was awaited)."""
        message = message or QT_TRANSLATE_NOOP("Errors", "The connection to the server is closed.")
        return SmtpFailure("connection", message, SEE_TRANSCRIPT, kind=stage)

    def _write(self, data: bytes) -> None:
        self.at_rest = False
        stage = self._awaiting[-1] if self._awaiting else "connection"
        if self._sock is None:
            raise self._lost(stage)
        try:
            self._sock.sendall(data)
        except OSError as exc:
            self.close()
            raise self._lost(
                stage,
                QT_TRANSLATE_NOOP(
                    "Errors", "The connection broke while sending ({reason})."
                ).format(reason=printable(str(exc))),
            ) from None

    def _send_line(self, text: str, shown: str | None = None, stage: str = "") -> None:
        self._check_command(text, shown)
        if self._sock is None:
            raise self._lost(stage or _stage_of(text))
        self.transcript.add("C", shown if shown is not None else text)
        self._awaiting.append(stage or _stage_of(text))
        self._verbs.append(_verb(text))
        self._write(text.encode("utf-8") + b"\r\n")

    def _fail(
        self,
        stage: str,
        message: str,
        *,
        kind: str = "protocol",
        fix: str = "",
        field: Field | None = None,
    ) -> NoReturn:
        """End the session on a broken reply: note why in the transcript, close, raise."""
        self.transcript.add("*", f"stopped: {message}")
        self.close()
        raise SmtpFailure(
            stage,
            message,
            fix or NOT_SMTP,
            kind=kind,
            field=field,
        )

    def _read_line(self, stage: str, deadline: float) -> bytes:
        """One line's bytes without its end of line (CRLF, or a bare LF), within the limits.

        The buffer is searched only from where the last search ended and is never larger
        than ``max_line`` plus one read, whatever the server sends.
        """
        sock = self._sock
        if sock is None:
            raise self._lost(stage)
        while True:
            end = self._buffer.find(b"\n", self._scanned)
            if end >= 0:
                line = bytes(self._buffer[:end])
                del self._buffer[: end + 1]
                self._scanned = 0
                if end + 1 > self.max_line:
                    self.transcript.add("S", _reply_line(line[:_SHOWN]) + " ...")
                    self._fail(
                        stage,
                        QT_TRANSLATE_NOOP(
                            "Errors",
                            "The server sent a reply line of {size} bytes, more than "
                            "the {limit} this client accepts.",
                        ).format(size=end + 1, limit=self.max_line),
                    )
                return line[:-1] if line.endswith(b"\r") else line
            self._scanned = len(self._buffer)
            if len(self._buffer) >= self.max_line:
                self.transcript.add("S", _reply_line(bytes(self._buffer[:_SHOWN])) + " ...")
                self._fail(
                    stage,
                    QT_TRANSLATE_NOOP(
                        "Errors",
                        "The server sent more than {limit} bytes without an end of "
                        "line: a reply line may not be that long.",
                    ).format(limit=self.max_line),
                )
            left = deadline - time.monotonic()
            if left <= 0:
                raise TimeoutError
            sock.settimeout(left)
            chunk = sock.recv(65536)
            if not chunk:
                self.transcript.add("*", "the server closed the connection")
                self.close()
                raise self._lost(
                    stage, QT_TRANSLATE_NOOP("Errors", "The server closed the connection.")
                )
            self._buffer += chunk

    def reply(self) -> Reply:
        """Read one reply (all its lines) within the limits and ``settings.timeout``.

        Raises:
            SmtpFailure: stage of the command the reply answers, kind ``protocol``, for a
                reply that breaks the syntax (no three-digit code, no space or dash after
                it, other codes on the lines of one reply) or a limit; stage ``timeout``
                when it is not complete in time; ``connection`` when the server hangs up.
                The connection is closed in each case.
        """
        stage = self._awaiting.popleft() if self._awaiting else "connection"
        verb = self._verbs.popleft() if self._verbs else ""
        deadline = time.monotonic() + self.settings.timeout
        lines: list[str] = []
        code = b""
        size = 0
        try:
            while True:
                raw = self._read_line(stage, deadline)
                text = _reply_line(raw)
                self.transcript.add("S", text)
                size += len(raw) + 2
                head, sep = raw[:3], raw[3:4]
                if not _REPLY_CODE.fullmatch(head) or sep not in (b"", b" ", b"-"):
                    self._fail(
                        stage,
                        QT_TRANSLATE_NOOP(
                            "Errors",
                            "The server's reply line '{line}' does not start with a "
                            "three-digit reply code and a space or dash.",
                        ).format(line=text[:80]),
                    )
                if code and head != code:
                    self._fail(
                        stage,
                        QT_TRANSLATE_NOOP(
                            "Errors",
                            "The server's reply mixes the codes {first} and {other} in one reply.",
                        ).format(first=code.decode(), other=head.decode()),
                    )
                code = head
                lines.append(text[4:])
                if sep != b"-":
                    break
                if len(lines) >= self.max_lines:
                    self._fail(
                        stage,
                        QT_TRANSLATE_NOOP(
                            "Errors", "The server's reply goes on beyond {limit} lines."
                        ).format(limit=self.max_lines),
                    )
                if size > self.max_reply:
                    self._fail(
                        stage,
                        QT_TRANSLATE_NOOP(
                            "Errors", "The server's reply goes on beyond {limit} bytes."
                        ).format(limit=self.max_reply),
                    )
        except TimeoutError:
            why = (
                QT_TRANSLATE_NOOP(
                    "Errors", "The server did not finish its reply within {seconds} s."
                )
                if lines or self._buffer
                else QT_TRANSLATE_NOOP("Errors", "The server did not answer within {seconds} s.")
            ).format(seconds=f"{self.settings.timeout:g}")
            self._fail(
                "timeout",
                why,
                kind=stage,
                fix=TRY_AGAIN,
            )
        except OSError as exc:
            self._fail(
                "connection",
                QT_TRANSLATE_NOOP("Errors", "The connection broke ({reason}).").format(
                    reason=printable(str(exc))
                ),
                kind=stage,
                fix=SEE_TRANSCRIPT,
            )
        finally:
            if self._sock is not None:
                self._sock.settimeout(self.settings.timeout)
        self.at_rest = int(code) == 250 and verb in ("RSET", "EHLO") and not self._awaiting
        if int(code) >= 400:
            self.errors += 1
        return Reply(int(code), "\n".join(lines))

    def command(self, text: str, shown: str | None = None, stage: str = "") -> Reply:
        self._send_line(text, shown, stage)
        return self.reply()

    @property
    def pipelining(self) -> bool:
        """The server advertised PIPELINING (RFC 2920) in its last EHLO reply."""
        return "PIPELINING" in self.features

    def send_commands(self, commands: Sequence[str]) -> None:
        """Send several commands in one write (RFC 2920); read their replies with ``reply``.

        Only for commands the RFC lets a client pipeline (MAIL, RCPT, RSET, and one of
        DATA/NOOP/QUIT last), and only when :attr:`pipelining` is true.
        """
        for text in commands:
            self._check_command(text)
        for text in commands:
            self.transcript.add("C", text)
            self._awaiting.append(_stage_of(text))
            self._verbs.append(_verb(text))
        self._write(b"".join(c.encode("utf-8") + b"\r\n" for c in commands))

    # -- session

    def connect(self) -> Reply:
        s = self.settings
        try:
            sock = socket.create_connection((s.host, s.port), timeout=s.timeout)
        except OSError as exc:
            raise not_connected(exc, s) from None
        self.transcript.add("*", f"connected to {s.host} port {s.port}")
        self._sock = self._wrap(sock) if s.security == "tls" else sock
        self._awaiting.append("greeting")
        self._verbs.append("")
        self.banner = self.reply()
        return self.banner

    def ehlo(self) -> Reply:
        r = self.command(f"EHLO {self.settings.helo_name}")
        self.features = {}
        if r.code == 250:
            for line in r.text.split("\n")[1:]:
                key, _, value = line.partition(" ")
                self.features[key.upper()] = value
        return r

    def addresses(self) -> tuple[str, str]:
        """(local address, peer address) of the connection; empty when not connected."""
        if self._sock is None:
            return "", ""
        return str(self._sock.getsockname()[0]), str(self._sock.getpeername()[0])

    @property
    def auth_mechanisms(self) -> list[str]:
        return self.features.get("AUTH", "").upper().split()

    def starttls(self) -> Reply:
        r = self.command("STARTTLS")
        if r.code != 220:
            raise SmtpFailure(
                "tls",
                QT_TRANSLATE_NOOP("Errors", "The server refused STARTTLS: {reply}.").format(
                    reply=r
                ),
                reply=r,
            )
        assert self._sock is not None and isinstance(self._sock, socket.socket)
        # What came after the 220 was sent in clear, where anyone could have put it: dropped.
        self._buffer.clear()
        self._scanned = 0
        self._sock = self._wrap(self._sock)
        return r

    def open(self, before_tls: Callable[[SmtpClient], None] | None = None) -> None:
        """Connect, EHLO, and STARTTLS + EHLO again when the security asks for it.

        ``before_tls`` runs after the first EHLO, before STARTTLS (the audit looks at what
        is offered in clear there). ``hello`` keeps the first EHLO reply and
        ``features_before_tls`` what it offered.
        """
        banner = self.connect()
        if banner.code != 220:
            raise SmtpFailure(
                "greeting",
                QT_TRANSLATE_NOOP("Errors", "The server greeted with {reply}.").format(
                    reply=banner
                ),
                reply=banner,
            )
        r = self.ehlo()
        if r.code != 250:
            raise SmtpFailure(
                "ehlo",
                QT_TRANSLATE_NOOP("Errors", "The server refused EHLO: {reply}.").format(reply=r),
                reply=r,
            )
        self.hello = r
        self.features_before_tls = dict(self.features)
        if before_tls is not None:
            before_tls(self)
        if self.settings.security == "starttls":
            if "STARTTLS" not in self.features_before_tls:
                raise SmtpFailure(
                    "tls",
                    QT_TRANSLATE_NOOP("Errors", "Port {port} does not offer STARTTLS.").format(
                        port=self.settings.port
                    ),
                    QT_TRANSLATE_NOOP("Errors", "Configure STARTTLS (the modern profile does)."),
                    kind="not-offered",
                )
            self.starttls()
            r = self.ehlo()
            if r.code != 250:
                raise SmtpFailure(
                    "ehlo",
                    QT_TRANSLATE_NOOP(
                        "Errors", "The server refused EHLO after STARTTLS: {reply}."
                    ).format(reply=r),
                    reply=r,
                )

    def login(self, user: str, password: str, mechanism: str) -> Reply:
        """SMTP AUTH with ``mechanism``; the server's last reply (235: logged in).

        Raises:
            UsageError: a mechanism this client does not speak, or a NUL in the user name
                or password; nothing is sent.
            SmtpFailure: stage ``mechanism`` when the server does not offer it here; stage
                ``auth``, kind ``protocol``, for a challenge that cannot be answered (the
                session is closed).
        """
        mech = mechanism.upper()
        if mech not in auth.MECHANISMS:
            raise unknown_mechanism(mechanism, auth.MECHANISMS)
        if mech not in self.auth_mechanisms:
            raise not_offered(mech, self.auth_mechanisms)
        if "\0" in user or "\0" in password:
            raise nul_in_login()
        if mech == "PLAIN":
            token = auth.plain_token(user, password)
            return self.command(f"AUTH PLAIN {token}", f"AUTH PLAIN {HIDDEN}")
        r = self.command(f"AUTH {mech}")
        try:
            if mech == "LOGIN":
                if r.code == 334:
                    r = self.command(auth.b64(user.encode()), HIDDEN, "auth")
                if r.code == 334:
                    r = self.command(auth.b64(password.encode()), HIDDEN, "auth")
            elif mech == "CRAM-MD5" and r.code == 334:
                challenge = auth.decode_challenge(r.text, mech)
                response = auth.cram_md5_response(challenge, user, password)
                r = self.command(response, HIDDEN, "auth")
            elif mech == "DIGEST-MD5" and r.code == 334:
                challenge = auth.decode_challenge(r.text, mech)
                answer = auth.digest_md5_response(challenge, user, password, self.settings.host)
                r = self.command(auth.b64(answer), HIDDEN, "auth")
                if r.code == 334:  # rspauth: acknowledge with an empty line
                    r = self.command("", HIDDEN, "auth")
        except auth.ChallengeError as exc:
            self._fail("auth", exc.message, fix=exc.fix, field=exc.field)
        return r

    def mail(self, sender: str) -> Reply:
        return self.command(f"MAIL FROM:<{sender}>")

    def rcpt(self, recipient: str) -> Reply:
        return self.command(f"RCPT TO:<{recipient}>")

    def data(self, message: EmailMessage) -> Reply:
        r = self.command("DATA")
        if r.code != 354:
            return r
        return self.send_message_body(message)

    def send_message_body(self, message: EmailMessage, *, then_quit: bool = False) -> Reply:
        """After a 354: the message, dot-stuffed, and its end; the server's reply to it.

        ``then_quit`` (only with PIPELINING, RFC 2920): QUIT goes in the same write, and
        the session ends without waiting for its reply.
        """
        body = message.as_bytes(policy=message.policy.clone(linesep="\r\n"))
        lines = body.split(b"\r\n")
        if lines and lines[-1] == b"":
            lines.pop()
        payload = b"".join((b"." + ln if ln.startswith(b".") else ln) + b"\r\n" for ln in lines)
        if self._sock is None:
            raise self._lost("data")
        self.transcript.add("C", f"<message, {len(payload)} bytes>")
        self._awaiting.append("data")
        self._verbs.append("")
        if then_quit:
            self.transcript.add("C", "QUIT")
            self._awaiting.append("connection")
            self._verbs.append("QUIT")
            self._quit_sent = True
        self._write(payload + b".\r\n" + (b"QUIT\r\n" if then_quit else b""))
        return self.reply()

    def quit(self) -> None:
        if self._sock is None:
            return
        if self._quit_sent:  # pipelined after the message: its reply is not awaited
            self.close()
            return
        with contextlib.suppress(OSError, SmtpFailure):
            self.command("QUIT")
        self.close()

    @property
    def connected(self) -> bool:
        return self._sock is not None

    def idle(self) -> bool:
        """Still connected with nothing unread: the server has neither closed the connection
        nor said anything (a 421 time-out, say) since the last reply. Costs no round trip
        (a RSET to prove it would cost one on a slow link)."""
        sock = self._sock
        if sock is None or self._buffer:
            return False
        if isinstance(sock, ssl.SSLSocket) and sock.pending():
            return False
        try:
            readable, _, _ = select.select([sock], [], [], 0)
        except (OSError, ValueError):
            return False
        return not readable

    def close(self) -> None:
        self._buffer.clear()
        self._scanned = 0
        self._awaiting.clear()
        self._verbs.clear()
        self.at_rest = False
        if self._sock is not None:
            try:
                self._sock.close()
            finally:
                self._sock = None

    def __enter__(self) -> SmtpClient:
        return self

    def __exit__(self, *exc: object) -> None:
        self.quit()
