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

import atexit
import base64
import contextlib
import hashlib
import hmac
import os
import re
import select
import socket
import ssl
import threading
import time
from collections import deque
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from email.message import EmailMessage
from email.utils import formatdate, make_msgid
from typing import Literal, NoReturn

from wizard.core.errors import UsageError, WizardError
from wizard.core.target import validate_email
from wizard.core.untrusted import has_unsafe, printable

Security = Literal["none", "starttls", "tls"]
MECHANISMS = ("PLAIN", "LOGIN", "CRAM-MD5", "DIGEST-MD5")
HIDDEN = "<hidden>"

# What a server may send, with generous room over RFC 5321 (4.5.3.1.5: a reply line is at
# most 512 octets with its CRLF; real EHLO replies run to a kilobyte or two, in some 20
# lines). A server that goes beyond is broken or hostile: the session ends there.
MAX_LINE = 8192  # bytes of one reply line, its CRLF included
MAX_LINES = 100  # lines of one reply
MAX_REPLY = 64 * 1024  # bytes of one reply, all its lines
_SHOWN = 200  # characters of an oversized line kept in the transcript


@dataclass(frozen=True)
class Line:
    """One line of the conversation: 'C' client, 'S' server, '*' a note (TLS state)."""

    direction: str
    text: str
    at: float


@dataclass
class Transcript:
    """The conversation, line by line, with direction and time since the start.

    AUTH payloads are recorded as ``<hidden>`` by the client; ``secrets`` given here are
    replaced too, wherever they would appear (a belt to the braces).
    """

    lines: list[Line] = field(default_factory=list)
    started: float = field(default_factory=time.monotonic)
    secrets: tuple[str, ...] = ()

    def add(self, direction: str, text: str) -> None:
        """Record ``text``, secrets hidden and control characters escaped (one line)."""
        for secret in self.secrets:
            if secret:
                text = text.replace(secret, HIDDEN)
        self.lines.append(Line(direction, printable(text), time.monotonic() - self.started))

    def render(self) -> str:
        arrows = {"C": "C:", "S": "S:", "*": "**"}
        return "\n".join(
            f"{ln.at:7.3f} {arrows.get(ln.direction, ln.direction)} {ln.text}" for ln in self.lines
        )

    def to_json(self) -> list[dict[str, object]]:
        return [
            {"at": round(ln.at, 3), "direction": ln.direction, "text": ln.text} for ln in self.lines
        ]

    def save(self, path: str) -> None:
        """Write the transcript as text (it holds no secret)."""
        with open(path, "w", encoding="utf-8") as handle:
            handle.write(self.render() + "\n")


def b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


@dataclass(frozen=True)
class Reply:
    code: int
    text: str

    @property
    def enhanced(self) -> str:
        parts = self.text.split()
        return parts[0] if parts and parts[0][:1].isdigit() and "." in parts[0] else ""

    def __str__(self) -> str:
        return f"{self.code} {self.text}"


class SmtpFailure(WizardError):
    """An SMTP step failed. ``stage`` says which; ``reply`` is the server's answer if any.

    ``kind`` refines the stage where it matters (TLS: ``untrusted`` or ``mismatch``;
    connect: ``refused`` or ``timeout``; ``protocol``: the server's reply at this stage
    broke the rules or the limits, the message says how; ``timeout``: the step the reply
    was late for); ``cert_sha256`` is the server certificate's fingerprint when it is
    known; ``transcript`` is the conversation up to the failure.
    """

    def __init__(
        self,
        stage: str,
        message: str,
        fix: str = "",
        reply: Reply | None = None,
        *,
        kind: str = "",
        cert_sha256: str = "",
    ):
        super().__init__(message, fix)
        self.stage = stage
        self.reply = reply
        self.kind = kind
        self.cert_sha256 = cert_sha256
        self.transcript: Transcript | None = None


def cert_fingerprint(der: bytes) -> str:
    """SHA-256 of a DER certificate as colon-separated upper-case hex."""
    digest = hashlib.sha256(der).hexdigest().upper()
    return ":".join(digest[i : i + 2] for i in range(0, len(digest), 2))


def normalize_fingerprint(text: str) -> str:
    hexdigits = "".join(c for c in text if c.isalnum()).upper()
    if hexdigits.startswith("SHA256"):
        hexdigits = hexdigits[6:]
    if len(hexdigits) != 64 or any(c not in "0123456789ABCDEF" for c in hexdigits):
        raise UsageError(
            f"{text!r} is not a SHA-256 certificate fingerprint.",
            "Give 64 hexadecimal digits (colons allowed), as shown by the wizard.",
        )
    return ":".join(hexdigits[i : i + 2] for i in range(0, 64, 2))


# --------------------------------------------------------------------------- DIGEST-MD5


def _parse_challenge(text: str) -> dict[str, str]:
    out: dict[str, str] = {}
    i, n = 0, len(text)
    while i < n:
        while i < n and text[i] in " ,":
            i += 1
        eq = text.find("=", i)
        if eq < 0:
            break
        key = text[i:eq].strip().lower()
        i = eq + 1
        if i < n and text[i] == '"':
            i += 1
            value = []
            while i < n and text[i] != '"':
                if text[i] == "\\" and i + 1 < n:
                    i += 1
                value.append(text[i])
                i += 1
            i += 1
            out[key] = "".join(value)
        else:
            end = text.find(",", i)
            end = n if end < 0 else end
            out[key] = text[i:end].strip()
            i = end
    return out


def _quoted(value: str) -> str:
    """An RFC 2831 quoted-string's content: backslash before ``"`` and ``\\``."""
    return value.replace("\\", "\\\\").replace('"', '\\"')


_NONCE = re.compile(r"[\x21\x23-\x5b\x5d-\x7e]+")  # visible ASCII but " and \


def digest_md5_response(
    challenge: bytes, user: str, password: str, host: str, cnonce: str | None = None
) -> bytes:
    """The client response to a DIGEST-MD5 challenge (RFC 2831), qop=auth.

    Raises:
        SmtpFailure: (stage ``auth``, kind ``protocol``) the challenge holds no usable
            nonce or realm.
    """
    c = _parse_challenge(challenge.decode("utf-8", "replace"))
    realm = c.get("realm", "")
    nonce = c.get("nonce", "")
    if not _NONCE.fullmatch(nonce):
        raise SmtpFailure(
            "auth",
            "The server's DIGEST-MD5 challenge holds "
            + (f"an unusable nonce '{printable(nonce)}'." if nonce else "no nonce."),
            "The server does not speak DIGEST-MD5 correctly: use another mechanism (--mech).",
            kind="protocol",
        )
    if has_unsafe(realm):
        raise SmtpFailure(
            "auth",
            f"The server's DIGEST-MD5 challenge names an unusable realm '{printable(realm)}'.",
            "The server does not speak DIGEST-MD5 correctly: use another mechanism (--mech).",
            kind="protocol",
        )
    cnonce = cnonce or base64.b64encode(os.urandom(24)).decode()
    nc = "00000001"
    qop = "auth"
    digest_uri = f"smtp/{host}"

    def md5(data: bytes) -> bytes:
        return hashlib.md5(data, usedforsecurity=False).digest()

    def hexmd5(data: bytes) -> str:
        return hashlib.md5(data, usedforsecurity=False).hexdigest()

    a1 = md5(f"{user}:{realm}:{password}".encode()) + f":{nonce}:{cnonce}".encode()
    a2 = f"AUTHENTICATE:{digest_uri}".encode()
    response = hexmd5(f"{hexmd5(a1)}:{nonce}:{nc}:{cnonce}:{qop}:{hexmd5(a2)}".encode())
    parts = [
        f'username="{_quoted(user)}"',
        f'realm="{_quoted(realm)}"' if realm else "",
        f'nonce="{nonce}"',
        f'cnonce="{cnonce}"',
        f"nc={nc}",
        f"qop={qop}",
        f'digest-uri="{digest_uri}"',
        f"response={response}",
    ]
    if c.get("charset", "").lower() == "utf-8":
        parts.append("charset=utf-8")
    return ",".join(p for p in parts if p).encode()


# --------------------------------------------------------------------------- the client


@dataclass(frozen=True)
class SmtpSettings:
    """Where and how to talk SMTP.

    ``timeout`` bounds connecting and each reply as a whole: a server that trickles its
    answer a byte at a time is cut off at the same deadline as one that says nothing.
    """

    host: str
    port: int = 25
    security: Security = "none"
    helo_name: str = "relay-wizard.invalid"
    timeout: float = 20.0
    verify_cert: bool = True
    pinned_sha256: str | None = None  # accept exactly this certificate (self-signed)


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


def _stage_of(command: str) -> str:
    return _STAGES.get(command.split(" ", 1)[0].upper(), "connection")


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
        self._sock: socket.socket | ssl.SSLSocket | None = None
        self._buffer = bytearray()
        self._scanned = 0  # bytes of the buffer known to hold no end of line
        self._awaiting: deque[str] = deque()  # the stage of each reply still to read
        self.max_line = MAX_LINE
        self.max_lines = MAX_LINES
        self.max_reply = MAX_REPLY
        self.banner: Reply | None = None
        self.hello: Reply | None = None
        self.features_before_tls: dict[str, str] = {}
        self._quit_sent = False

    # -- low level

    def _context(self) -> ssl.SSLContext:
        ctx = ssl.create_default_context()
        if self.settings.pinned_sha256 or not self.settings.verify_cert:
            ctx.check_hostname = False
            ctx.verify_mode = ssl.CERT_NONE
        return ctx

    def _wrap(self, sock: socket.socket) -> ssl.SSLSocket:
        try:
            tls = self._context().wrap_socket(sock, server_hostname=self.settings.host)
        except ssl.SSLCertVerificationError as exc:
            mismatch = exc.verify_code == 62  # X509_V_ERR_HOSTNAME_MISMATCH
            raise SmtpFailure(
                "tls",
                f"The server's certificate is not trusted: {printable(str(exc.verify_message))}.",
                "If the server uses a self-signed certificate, compare its fingerprint with the "
                "one on the server and pin it (--pin-cert).",
                kind="mismatch" if mismatch else "untrusted",
            ) from None
        except (ssl.SSLError, OSError) as exc:
            raise SmtpFailure("tls", f"The TLS handshake failed: {printable(str(exc))}.") from None
        der = tls.getpeercert(binary_form=True) or b""
        self.peer_cert_sha256 = cert_fingerprint(der)
        if self.settings.pinned_sha256 and self.peer_cert_sha256 != normalize_fingerprint(
            self.settings.pinned_sha256
        ):
            tls.close()
            raise SmtpFailure(
                "tls",
                f"The server's certificate ({self.peer_cert_sha256}) is not the pinned one.",
                "If the certificate was renewed on purpose, pin the new fingerprint.",
            )
        self.tls_active = True
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
            raise UsageError(
                f"The SMTP command '{printable(shown if shown is not None else text)}' holds "
                "a line break or NUL character, so it was not sent.",
                "Remove the line break from the value (an address, a name) it was made of.",
            )

    def _closed(self, stage: str) -> SmtpFailure:
        return SmtpFailure(
            "connection",
            "The connection to the server is closed.",
            "Look at the transcript: the last reply says why.",
            kind=stage,
        )

    def _write(self, data: bytes) -> None:
        stage = self._awaiting[-1] if self._awaiting else "connection"
        if self._sock is None:
            raise self._closed(stage)
        try:
            self._sock.sendall(data)
        except OSError as exc:
            self.close()
            raise SmtpFailure(
                "connection",
                f"The connection broke while sending ({printable(str(exc))}).",
                "Look at the transcript: the last reply says why.",
                kind=stage,
            ) from None

    def _send_line(self, text: str, shown: str | None = None, stage: str = "") -> None:
        self._check_command(text, shown)
        if self._sock is None:
            raise self._closed(stage or _stage_of(text))
        self.transcript.add("C", shown if shown is not None else text)
        self._awaiting.append(stage or _stage_of(text))
        self._write(text.encode("utf-8") + b"\r\n")

    def _fail(self, stage: str, message: str, *, kind: str = "protocol", fix: str = "") -> NoReturn:
        """End the session on a broken reply: note why in the transcript, close, raise."""
        self.transcript.add("*", f"stopped: {message}")
        self.close()
        raise SmtpFailure(
            stage,
            message,
            fix
            or "The server does not speak SMTP as RFC 5321 says (or is not a mail server): "
            "look at the transcript.",
            kind=kind,
        )

    def _read_line(self, stage: str, deadline: float) -> bytes:
        """One line's bytes without its end of line (CRLF, or a bare LF), within the limits.

        The buffer is searched only from where the last search ended and is never larger
        than ``max_line`` plus one read, whatever the server sends.
        """
        sock = self._sock
        if sock is None:
            raise self._closed(stage)
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
                        f"The server sent a reply line of {end + 1} bytes, more than "
                        f"the {self.max_line} this client accepts.",
                    )
                return line[:-1] if line.endswith(b"\r") else line
            self._scanned = len(self._buffer)
            if len(self._buffer) >= self.max_line:
                self.transcript.add("S", _reply_line(bytes(self._buffer[:_SHOWN])) + " ...")
                self._fail(
                    stage,
                    f"The server sent more than {self.max_line} bytes without an end of "
                    "line: a reply line may not be that long.",
                )
            left = deadline - time.monotonic()
            if left <= 0:
                raise TimeoutError
            sock.settimeout(left)
            chunk = sock.recv(65536)
            if not chunk:
                self.transcript.add("*", "the server closed the connection")
                self.close()
                raise SmtpFailure(
                    "connection",
                    "The server closed the connection.",
                    "Look at the transcript: the last reply says why.",
                    kind=stage,
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
                        f"The server's reply line '{text[:80]}' does not start with a "
                        "three-digit reply code and a space or dash.",
                    )
                if code and head != code:
                    self._fail(
                        stage,
                        f"The server's reply mixes the codes {code.decode()} and "
                        f"{head.decode()} in one reply.",
                    )
                code = head
                lines.append(text[4:])
                if sep != b"-":
                    break
                if len(lines) >= self.max_lines:
                    self._fail(stage, f"The server's reply goes on beyond {self.max_lines} lines.")
                if size > self.max_reply:
                    self._fail(stage, f"The server's reply goes on beyond {self.max_reply} bytes.")
        except TimeoutError:
            why = (
                f"The server did not finish its reply within {self.settings.timeout:g} s."
                if lines or self._buffer
                else f"The server did not answer within {self.settings.timeout:g} s."
            )
            self._fail(
                "timeout",
                why,
                kind=stage,
                fix="Try again; if it happens again, look at the server's load and its mail log.",
            )
        except OSError as exc:
            self._fail(
                "connection",
                f"The connection broke ({printable(str(exc))}).",
                kind=stage,
                fix="Look at the transcript: the last reply says why.",
            )
        finally:
            if self._sock is not None:
                self._sock.settimeout(self.settings.timeout)
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
        self._write(b"".join(c.encode("utf-8") + b"\r\n" for c in commands))

    # -- session

    def connect(self) -> Reply:
        s = self.settings
        try:
            sock = socket.create_connection((s.host, s.port), timeout=s.timeout)
        except socket.gaierror as exc:
            raise SmtpFailure(
                "resolve", f"Cannot find the server name {s.host!r} ({exc.strerror})."
            ) from None
        except ConnectionRefusedError:
            raise SmtpFailure(
                "connect",
                f"Nothing accepts mail on {s.host} port {s.port}: the connection was refused.",
                "sendmail may listen on 127.0.0.1 only, or not on this port.",
                kind="refused",
            ) from None
        except TimeoutError:
            raise SmtpFailure(
                "connect",
                f"{s.host} port {s.port} did not answer within {s.timeout:g} s.",
                kind="timeout",
            ) from None
        except OSError as exc:
            raise SmtpFailure(
                "connect", f"Cannot connect to {s.host} port {s.port}: {exc}."
            ) from None
        self.transcript.add("*", f"connected to {s.host} port {s.port}")
        self._sock = self._wrap(sock) if s.security == "tls" else sock
        self._awaiting.append("greeting")
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
            raise SmtpFailure("tls", f"The server refused STARTTLS: {r}.", reply=r)
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
            raise SmtpFailure("greeting", f"The server greeted with {banner}.", reply=banner)
        r = self.ehlo()
        if r.code != 250:
            raise SmtpFailure("ehlo", f"The server refused EHLO: {r}.", reply=r)
        self.hello = r
        self.features_before_tls = dict(self.features)
        if before_tls is not None:
            before_tls(self)
        if self.settings.security == "starttls":
            if "STARTTLS" not in self.features_before_tls:
                raise SmtpFailure(
                    "tls",
                    f"Port {self.settings.port} does not offer STARTTLS.",
                    "Configure STARTTLS (the modern profile does).",
                    kind="not-offered",
                )
            self.starttls()
            r = self.ehlo()
            if r.code != 250:
                raise SmtpFailure("ehlo", f"The server refused EHLO after STARTTLS: {r}.", reply=r)

    def login(self, user: str, password: str, mechanism: str) -> Reply:
        mech = mechanism.upper()
        if mech not in MECHANISMS:
            raise UsageError(f"Unknown mechanism {mechanism!r}.", f"Use one of {MECHANISMS}.")
        if mech not in self.auth_mechanisms:
            raise SmtpFailure(
                "mechanism",
                f"The server does not offer {mech} here (it offers: "
                f"{' '.join(self.auth_mechanisms) or 'no AUTH at all'}).",
            )
        if "\0" in user or "\0" in password:
            raise UsageError(
                "The user name or password holds a NUL character, which SMTP AUTH cannot carry.",
                "Type the user name and password again.",
            )
        if mech == "PLAIN":
            token = b64(f"\0{user}\0{password}".encode())
            r = self.command(f"AUTH PLAIN {token}", f"AUTH PLAIN {HIDDEN}")
        elif mech == "LOGIN":
            r = self.command("AUTH LOGIN")
            if r.code == 334:
                r = self.command(b64(user.encode()), HIDDEN, "auth")
            if r.code == 334:
                r = self.command(b64(password.encode()), HIDDEN, "auth")
        elif mech == "CRAM-MD5":
            r = self.command("AUTH CRAM-MD5")
            if r.code == 334:
                challenge = self._challenge(r, mech)
                digest = hmac.new(password.encode(), challenge, hashlib.md5).hexdigest()
                r = self.command(b64(f"{user} {digest}".encode()), HIDDEN, "auth")
        else:
            r = self.command("AUTH DIGEST-MD5")
            if r.code == 334:
                challenge = self._challenge(r, mech)
                try:
                    response = digest_md5_response(challenge, user, password, self.settings.host)
                except SmtpFailure as exc:
                    self._fail("auth", exc.message, fix=exc.fix)
                r = self.command(b64(response), HIDDEN, "auth")
                if r.code == 334:  # rspauth: acknowledge with an empty line
                    r = self.command("", HIDDEN, "auth")
        return r

    def _challenge(self, r: Reply, mech: str) -> bytes:
        """The bytes of a 334 challenge, decoded strictly; a broken one ends the session."""
        text = r.text.strip()
        try:
            challenge = base64.b64decode(text, validate=True)
        except ValueError:  # binascii.Error, or a character outside ASCII
            challenge = b""
        if not challenge:
            shown = f"'{text[:80]}'" if text else "empty"
            self._fail(
                "auth",
                f"The server's {mech} challenge is not valid base64 ({shown}).",
                fix="The server does not speak this mechanism correctly: use another one "
                "(--mech), and look at the transcript.",
            )
        return challenge

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
            raise self._closed("data")
        self.transcript.add("C", f"<message, {len(payload)} bytes>")
        self._awaiting.append("data")
        if then_quit:
            self.transcript.add("C", "QUIT")
            self._awaiting.append("connection")
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

    def close(self) -> None:
        self._buffer.clear()
        self._scanned = 0
        self._awaiting.clear()
        if self._sock is not None:
            try:
                self._sock.close()
            finally:
                self._sock = None

    def __enter__(self) -> SmtpClient:
        return self

    def __exit__(self, *exc: object) -> None:
        self.quit()


# A connection the apply's verification left open, for the test send that follows it:
# one SMTP session instead of two saves sendmail's greet pause (1 s on Debian) and one
# connection of the client's rate limit. Taken at most once, only with the same settings,
# only while young, and only while the server has neither closed it nor said anything.
PARK_SECONDS = 300.0
_parked: dict[tuple[object, ...], tuple[float, SmtpClient]] = {}
_parked_lock = threading.Lock()


def _park_key(s: SmtpSettings) -> tuple[object, ...]:
    tls = s.security != "none"
    return (s.host, s.port, s.security, s.helo_name, tls and s.verify_cert, tls and s.pinned_sha256)


def park(client: SmtpClient) -> None:
    """Keep ``client`` (after RSET, outside any transaction) for :func:`send_test`."""
    if client._sock is None:
        return
    with _parked_lock:
        old = _parked.pop(_park_key(client.settings), None)
        _parked[_park_key(client.settings)] = (time.monotonic(), client)
    if old is not None:
        old[1].quit()


def _unpark(settings: SmtpSettings, transcript: Transcript) -> SmtpClient | None:
    with _parked_lock:
        entry = _parked.pop(_park_key(settings), None)
    if entry is None:
        return None
    since, client = entry
    if time.monotonic() - since > PARK_SECONDS:
        client.quit()
        return None
    if not _idle(client):
        client.close()
        return None
    client.transcript = transcript
    transcript.add(
        "*",
        f"reusing the connection to {settings.host} port {settings.port} "
        "that the verification opened (EHLO done, no login yet)",
    )
    return client


def _idle(client: SmtpClient) -> bool:
    """Still connected, with nothing unread: the server has neither closed the connection
    nor said anything (a 421 time-out, say) since the RSET that parked it. Costs no round
    trip (a RSET to prove it would cost one on a slow link)."""
    sock = client._sock
    if sock is None or client._buffer:
        return False
    if isinstance(sock, ssl.SSLSocket) and sock.pending():
        return False
    try:
        readable, _, _ = select.select([sock], [], [], 0)
    except (OSError, ValueError):
        return False
    return not readable


@atexit.register
def _quit_parked() -> None:
    with _parked_lock:
        clients = [c for _, c in _parked.values()]
        _parked.clear()
    for c in clients:
        c.quit()


def make_test_message(sender: str, recipient: str, server: str) -> EmailMessage:
    msg = EmailMessage()
    msg["From"] = sender
    msg["To"] = recipient
    msg["Date"] = formatdate(localtime=True)
    msg["Message-ID"] = make_msgid(domain="relay-wizard.invalid")
    msg["Subject"] = f"Relay Wizard test message via {server}"
    msg.set_content(
        f"This is a test message sent by Relay Wizard through {server}\n"
        "to prove that authenticated relaying works. You can delete it.\n"
    )
    return msg


@dataclass(frozen=True)
class SendResult:
    """A message the server accepted: its queue id, the reply, the whole conversation."""

    queue_id: str
    mechanism: str
    reply: Reply
    transcript: Transcript
    tls: bool
    cert_sha256: str

    def to_json(self) -> dict[str, object]:
        return {
            "queue_id": self.queue_id,
            "mechanism": self.mechanism,
            "reply": str(self.reply),
            "tls": self.tls,
            "cert_sha256": self.cert_sha256,
            "transcript": self.transcript.to_json(),
        }


def choose_mechanism(offered: list[str], tls: bool, wanted: str = "") -> str:
    """The mechanism to use: the one asked for, else the best offered.

    Without TLS, PLAIN and LOGIN (password readable on the way) are never chosen by
    themselves: they must be asked for.
    """
    if wanted:
        return wanted.upper()
    order = ("PLAIN", "LOGIN", "CRAM-MD5", "DIGEST-MD5") if tls else ("CRAM-MD5", "DIGEST-MD5")
    return next((m for m in order if m in offered), "")


def queue_id_of(reply: Reply) -> str:
    """sendmail's ``250 2.0.0 <queue id> Message accepted for delivery``."""
    words = reply.text.split()
    if len(words) >= 2 and words[0][:1].isdigit() and "." in words[0]:
        words = words[1:]
    return words[0] if words and words[0].isalnum() and len(words[0]) >= 8 else ""


def fetch_certificate(settings: SmtpSettings) -> str:
    """The SHA-256 fingerprint of the server's certificate, read without trusting it."""
    loose = SmtpSettings(
        settings.host,
        settings.port,
        settings.security,
        settings.helo_name,
        settings.timeout,
        verify_cert=False,
    )
    with contextlib.suppress(SmtpFailure, OSError), SmtpClient(loose) as client:
        client.open()
        return client.peer_cert_sha256
    return ""


def send_test(
    settings: SmtpSettings,
    user: str,
    password: str,
    sender: str,
    recipient: str,
    mechanism: str = "",
    progress: Callable[[str], None] | None = None,
) -> SendResult:
    """Log in and send a real test message.

    Raises:
        UsageError: the sender, recipient, user name or mechanism is malformed; checked
            before anything is sent.
        SmtpFailure: with ``stage`` (resolve, connect, greeting, tls, ehlo, auth-offered,
            mechanism, auth, mail, rcpt, data, timeout, connection), the server's ``reply``,
            the ``transcript`` so far and, for TLS trouble, the certificate fingerprint.
    """
    validate_email(sender, envelope=True)
    validate_email(recipient, envelope=True)
    if has_unsafe(user) or not user:
        raise UsageError(
            f"The user name '{printable(user)}' holds a line break or another control character."
            if user
            else "Give the user name to log in as.",
            "Type the user name again.",
        )
    if mechanism and mechanism.upper() not in MECHANISMS:
        raise UsageError(
            f"The mechanism '{printable(mechanism)}' is not one this client speaks.",
            f"Use one of {', '.join(MECHANISMS)}.",
        )
    say = progress or (lambda _m: None)
    transcript = Transcript(secrets=(password,) if password else ())
    reused = _unpark(settings, transcript)
    client = reused or SmtpClient(settings, transcript)
    try:
        with client:
            if reused is None:
                say(f"Connecting to {settings.host} port {settings.port}")
                client.open()
            offered = client.auth_mechanisms
            if not offered:
                raise SmtpFailure("auth-offered", "The server does not offer SMTP AUTH here.")
            mech = choose_mechanism(offered, client.tls_active, mechanism)
            if not mech:
                raise SmtpFailure(
                    "mechanism",
                    "The server offers only PLAIN or LOGIN here, and without TLS the password "
                    f"would cross the network readable (it offers: {' '.join(offered)}).",
                    "Use --security starttls (or tls), or ask for the mechanism explicitly.",
                )
            say(f"Logging in as {user} with {mech}")
            r = client.login(user, password, mech)
            if r.code != 235:
                raise SmtpFailure("auth", f"The login was refused: {r}.", reply=r)
            message = make_test_message(sender, recipient, settings.host)
            piped = client.pipelining
            if piped:
                # RFC 2920: MAIL, RCPT and DATA in one write, the replies read in order;
                # the first failing one is reported, as one by one. After a failure the
                # session is dropped, not ended with QUIT: whatever the server said to the
                # rest, no message can be ended by what follows.
                client.send_commands([f"MAIL FROM:<{sender}>", f"RCPT TO:<{recipient}>", "DATA"])
            r = client.reply() if piped else client.mail(sender)
            if r.code != 250:
                if piped:
                    client.close()
                raise SmtpFailure("mail", f"The sender <{sender}> was refused: {r}.", reply=r)
            r = client.reply() if piped else client.rcpt(recipient)
            if r.code not in (250, 251):
                if piped:
                    client.close()
                raise SmtpFailure("rcpt", f"The recipient <{recipient}> was refused: {r}.", reply=r)
            say("Sending the test message")
            if piped:
                r = client.reply()
                if r.code == 354:
                    r = client.send_message_body(message, then_quit=True)
            else:
                r = client.data(message)
            if r.code != 250:
                raise SmtpFailure("data", f"The message was refused: {r}.", reply=r)
            return SendResult(
                queue_id_of(r), mech, r, transcript, client.tls_active, client.peer_cert_sha256
            )
    except SmtpFailure as exc:
        exc.transcript = transcript
        if exc.stage == "tls" and exc.kind in ("untrusted", "mismatch") and not exc.cert_sha256:
            exc.cert_sha256 = fetch_certificate(settings)
        raise
