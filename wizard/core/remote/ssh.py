"""SSH to the mail server: host keys, login, becoming root, commands and file writes.

The flow is ``SshSession.connect()`` (TCP, SSH handshake, host-key check against the
app's own known_hosts file *before* any credential is sent, login, then finding out
how to become root), followed by ``run()``, ``read_file()``, ``file_exists()`` and
``write_file_atomic()``.

Threading: everything on one session runs on one thread at a time. A lock enforces
it (a second thread simply waits), but the intended use is one worker thread per
session; the GUI talks to it through signals and stops it with a ``cancel`` event.

Secrets: the SSH password, the key passphrase and the sudo password never appear in
a command line, in a ``CommandResult``, or in a log record. The sudo password only
ever travels on the stdin of ``sudo -S``. Extra ``secrets`` given to ``run()`` are
replaced by ``***`` in the displayed command and in the captured output.
"""

from __future__ import annotations

import base64
import binascii
import contextlib
import errno
import functools
import hashlib
import hmac
import inspect
import io
import logging
import os
import posixpath
import re
import secrets as _random
import select
import shlex
import socket
import struct
import threading
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Literal, ParamSpec, TypeVar

from wizard.core.errors import (
    AuthError,
    Cancelled,
    ConnectError,
    HostKeyChanged,
    HostKeyUnknown,
    PrivilegeError,
    RemoteCommandError,
    RemoteTimeout,
    SudoError,
    SudoPasswordNeeded,
    UsageError,
    WizardError,
)
from wizard.core.lazy import LazyModule
from wizard.core.local.paths import config_dir
from wizard.core.remote import scripts
from wizard.core.target import Target

# paramiko and cryptography load on first use (the first connect), not with this module:
# the window shows before them (wizard.core.lazy).
if TYPE_CHECKING:
    import paramiko
    from cryptography.hazmat.primitives import serialization
else:
    paramiko = LazyModule("paramiko")
    serialization = LazyModule("cryptography.hazmat.primitives.serialization")

__all__ = [
    "MASK",
    "CommandResult",
    "Credentials",
    "KnownHosts",
    "LockOwner",
    "Privilege",
    "ServerBusy",
    "ServerLock",
    "SshSession",
    "build_lock_command",
    "build_remote_command",
    "command_text",
    "fingerprint",
    "mask_secrets",
    "parse_lock_owner",
    "server_locked",
]

log = logging.getLogger("wizard.ssh")

Privilege = Literal["root", "sudo-nopasswd", "sudo-password"]

MASK = "***"

# How often blocking waits wake up to look at the cancel event (seconds).
_POLL = 0.05
# After the exit status arrived, how long to wait for output EOF that never comes
# (a daemon started by the command may keep stdout open).
_EXIT_GRACE = 1.0
_CHUNK = 32768
_JOB_VAR = "RELAY_WIZARD_JOB"
# Stops every process tagged with the job token in its environment: kill-job.sh.
_KILL = "kill-job"
_SUDO_NO_RIGHTS = ("is not in the sudoers file", "may not run sudo", "is not allowed to execute")
_SUDO_BAD_PASSWORD = ("incorrect password", "sorry, try again", "no password was provided")
_SUDO_NEEDS_TTY = ("must have a tty", "a terminal is required")
_NAME = re.compile(r"^(?:[0-9]+|[A-Za-z_][A-Za-z0-9_.-]{0,31}\$?)$")
# The server lock (SshSession.hold_server_lock): where, and its timings.
LOCK_DIR = "/var/lib/relay-wizard"
# How long a second apply, rollback or account change waits for the first (seconds).
LOCK_WAIT = 30.0
# A holder that went silent (its network gone without a word) loses the lock after this
# many seconds without a heartbeat; a closed connection frees it at once.
LOCK_LEASE = 60


# --------------------------------------------------------------------------- results


@dataclass(frozen=True)
class CommandResult:
    """What a remote command did. ``command`` is for display: secrets are ``***``."""

    command: str
    exit_code: int
    stdout: str
    stderr: str

    @property
    def ok(self) -> bool:
        """True if the command exited with status 0."""
        return self.exit_code == 0

    def describe(self) -> str:
        """One readable paragraph: the command, how it ended, the last lines it printed."""
        shown = self.command if len(self.command) <= 200 else self.command[:197] + "..."
        if self.exit_code == 0:
            text = f"The command `{shown}` succeeded (exit code 0)."
        elif self.exit_code < 0:
            text = (
                f"The command `{shown}` ended without an exit code "
                "(it was killed by a signal or the connection closed)."
            )
        else:
            text = f"The command `{shown}` failed with exit code {self.exit_code}."
        source, label = (
            (self.stderr, "error output") if self.stderr.strip() else (self.stdout, "output")
        )
        lines = [line.strip() for line in source.splitlines() if line.strip()][-5:]
        if lines:
            text += f" The last lines of its {label}: " + " / ".join(lines)
        return text


# --------------------------------------------------------------------------- pure helpers


def mask_secrets(text: str, secrets: Iterable[str | None]) -> str:
    """Replace every secret in ``text`` by ``***``.

    Each secret is matched both as is and in its shell-quoted form (what
    ``shlex.quote``/``shlex.join`` put in a command line). Longest first, so a
    secret that contains another is masked whole. Empty secrets are ignored.
    """
    forms: set[str] = set()
    for secret in secrets:
        if secret:
            forms.add(secret)
            forms.add(shlex.quote(secret))
    for form in sorted(forms, key=len, reverse=True):
        text = text.replace(form, MASK)
    return text


def command_text(command: str | Sequence[str]) -> str:
    """The shell text of ``command``.

    A string is used as is: the caller is responsible for quoting whatever it put
    in it. A sequence is an argv, joined with ``shlex.join`` so that every item
    reaches the program as exactly one argument, whatever characters it holds.
    """
    if isinstance(command, str):
        text = command
    else:
        items = list(command)
        if not all(isinstance(item, str) for item in items):
            raise UsageError(
                "A command argument is not text.", "Pass the command as a list of strings."
            )
        text = shlex.join(items)
    if not text.strip():
        raise UsageError("The command to run is empty.")
    if "\0" in text:
        raise UsageError("The command contains a NUL character.")
    return text


def build_remote_command(
    command: str, privilege: Privilege, root: bool, job: str | None = None
) -> str:
    """Wrap shell text ``command`` for the remote side.

    The command always runs under ``/bin/sh -c`` (whatever the login shell is).
    As a non-root login and with ``root=True`` it runs through sudo:
    ``sudo -n`` for NOPASSWD (sudo then never reads stdin, so stdin is the payload
    alone) or ``sudo -k -S -p ''`` for password sudo: ``-k`` ignores any cached
    ticket, so sudo always reads the password line first and the payload that follows
    it reaches the command intact; ``-p ''`` keeps the prompt out of stderr.

    ``job`` tags the command and all its children with ``RELAY_WIZARD_JOB=<job>`` in
    their environment, so that a timed-out or cancelled command can be found and
    stopped (closing an SSH channel does not stop a command).
    """
    argv = ["sh", "-c", command]
    if job is not None:
        argv = ["env", f"{_JOB_VAR}={job}", *argv]
    inner = shlex.join(argv)
    if not root or privilege == "root":
        return inner
    if privilege == "sudo-nopasswd":
        return "sudo -n -- " + inner
    return "sudo -k -S -p '' -- " + inner


def _read_ssh_string(blob: bytes, offset: int) -> tuple[bytes, int]:
    if offset + 4 > len(blob):
        raise ValueError("truncated key blob")
    (length,) = struct.unpack(">I", blob[offset : offset + 4])
    end = offset + 4 + length
    if end > len(blob):
        raise ValueError("truncated key blob")
    return blob[offset + 4 : end], end


def _parse_key_line(key_line: str) -> tuple[str, str, bytes]:
    """``"type base64 [comment]"`` -> (type, base64, blob); UsageError if malformed."""
    fields = key_line.split()
    if len(fields) < 2:
        raise UsageError(
            f"{key_line!r} is not an SSH public key line.", "Expected 'key-type base64-data'."
        )
    key_type, b64 = fields[0], fields[1]
    try:
        blob = base64.b64decode(b64, validate=True)
        name, _ = _read_ssh_string(blob, 0)
    except (binascii.Error, ValueError):
        raise UsageError(f"The {key_type} key data is not valid base64 key data.") from None
    if name.decode("ascii", "replace") != key_type:
        raise UsageError(
            f"The key data says {name.decode('ascii', 'replace')!r}, the line says {key_type!r}.",
            "The key line is damaged: copy it again.",
        )
    return key_type, b64, blob


def fingerprint(key: paramiko.PKey | str | bytes) -> str:
    """The SHA256 fingerprint of a public key, exactly as ``ssh-keygen -l`` prints it.

    ``key`` is a paramiko key, a public key line (``"ssh-ed25519 AAAA... [comment]"``)
    or the raw key blob.
    """
    if isinstance(key, str):  # first: a saved profile's key must not load paramiko
        blob = _parse_key_line(key)[2]
    elif isinstance(key, paramiko.PKey):
        blob = key.asbytes()
    else:
        blob = bytes(key)
    digest = hashlib.sha256(blob).digest()
    return "SHA256:" + base64.b64encode(digest).decode("ascii").rstrip("=")


def _normalize_fingerprint(text: str) -> str:
    text = text.strip()
    if text.upper().startswith("SHA256:"):
        text = text[7:]
    return "SHA256:" + text.rstrip("=")


# --------------------------------------------------------------------------- known hosts


class KnownHosts:
    """The app's own known_hosts file.

    OpenSSH format, one ``[host]:port keytype base64`` (or ``host keytype base64``
    for port 22) line per key, as OpenSSH writes it. Reading also understands what
    OpenSSH may have written into a copied file: comma-separated host lists, hashed
    names (``|1|salt|hash``), ``*``/``?`` wildcards and ``!`` negations. Lines with a
    marker (``@cert-authority``, ``@revoked``) are ignored.
    """

    def __init__(self, path: Path) -> None:
        self.path = Path(path)

    @staticmethod
    def default_path() -> Path:
        """``known_hosts`` in Relay Wizard's folder (:func:`wizard.core.local.paths.config_dir`)."""
        return config_dir() / "known_hosts"

    @staticmethod
    def host_token(host: str, port: int) -> str:
        """How OpenSSH names ``host:port`` in known_hosts."""
        host = host.strip().lower()
        if host.startswith("[") and host.endswith("]"):
            host = host[1:-1]
        return host if port == 22 else f"[{host}]:{port}"

    def lookup(self, host: str, port: int) -> list[str]:
        """The keys saved for ``host:port``, as ``"keytype base64"`` lines."""
        try:
            text = self.path.read_text(encoding="utf-8", errors="replace")
        except FileNotFoundError:
            return []
        except OSError as exc:
            raise UsageError(
                f"Cannot read the known hosts file {self.path}: {exc.strerror}.",
                "Check the file's permissions.",
            ) from None
        token = self.host_token(host, port)
        found: list[str] = []
        for number, raw in enumerate(text.splitlines(), 1):
            line = raw.strip()
            if not line or line.startswith("#") or line.startswith("@"):
                continue
            fields = line.split()
            if len(fields) < 3 or not _host_matches(fields[0], token):
                continue
            try:
                key_type, b64, _ = _parse_key_line(f"{fields[1]} {fields[2]}")
            except UsageError:
                log.warning("ignoring damaged line %d of %s", number, self.path)
                continue
            entry = f"{key_type} {b64}"
            if entry not in found:
                found.append(entry)
        return found

    def add(self, host: str, port: int, key_line: str) -> None:
        """Save ``key_line`` (``"keytype base64"``) for ``host:port``.

        Creates the parent directories (mode 0700) and the file (mode 0600), and
        appends; a key already saved for that host and port is not written twice.
        """
        key_type, b64, _ = _parse_key_line(key_line)
        if f"{key_type} {b64}" in self.lookup(host, port):
            return
        token = self.host_token(host, port)
        if not token or any(c.isspace() for c in token):
            raise UsageError(f"{host!r} cannot be saved as a host name.")
        self.path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        fd = os.open(self.path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
        with os.fdopen(fd, "ab") as handle:
            os.fchmod(handle.fileno(), 0o600)
            prefix = b""
            size = os.fstat(handle.fileno()).st_size
            if size:
                with open(self.path, "rb") as reader:
                    reader.seek(size - 1)
                    if reader.read(1) != b"\n":
                        prefix = b"\n"
            handle.write(prefix + f"{token} {key_type} {b64}\n".encode("ascii"))
        log.info("saved the %s host key of %s to %s", key_type, token, self.path)


def _host_matches(patterns: str, token: str) -> bool:
    matched = False
    for pattern in patterns.split(","):
        if not pattern:
            continue
        negated = pattern.startswith("!")
        if negated:
            pattern = pattern[1:]
        if pattern.startswith("|1|"):
            hit = _hashed_host_matches(pattern, token)
        else:
            hit = _wildcard(pattern.lower()).fullmatch(token) is not None
        if hit and negated:
            return False
        matched = matched or hit
    return matched


@functools.lru_cache(maxsize=256)
def _wildcard(pattern: str) -> re.Pattern[str]:
    """OpenSSH host patterns: only ``*`` and ``?`` are special (``[`` is literal)."""
    return re.compile(
        "".join(".*" if c == "*" else "." if c == "?" else re.escape(c) for c in pattern)
    )


def _hashed_host_matches(pattern: str, token: str) -> bool:
    parts = pattern.split("|")
    if len(parts) != 4:
        return False
    try:
        salt = base64.b64decode(parts[2], validate=True)
        wanted = base64.b64decode(parts[3], validate=True)
    except binascii.Error:
        return False
    actual = hmac.new(salt, token.encode("utf-8"), hashlib.sha1).digest()
    return hmac.compare_digest(actual, wanted)


# --------------------------------------------------------------------------- credentials


@dataclass(frozen=True, repr=False)
class Credentials:
    """How to log in and become root. ``repr()`` never shows a secret.

    If ``sudo_password`` is None and sudo asks for one, the SSH ``password`` is tried
    (the common set-up: the sudo password is the user's own login password).
    """

    password: str | None = None
    key_file: Path | None = None
    key_passphrase: str | None = None
    use_agent: bool = True
    sudo_password: str | None = None

    def __repr__(self) -> str:
        def hidden(value: str | None) -> str:
            return "None" if value is None else repr(MASK)

        return (
            f"Credentials(password={hidden(self.password)}, key_file={self.key_file!r}, "
            f"key_passphrase={hidden(self.key_passphrase)}, use_agent={self.use_agent!r}, "
            f"sudo_password={hidden(self.sudo_password)})"
        )

    def secrets(self) -> tuple[str, ...]:
        """Every non-empty secret held (for masking)."""
        return tuple(s for s in (self.password, self.key_passphrase, self.sudo_password) if s)


def _load_key_file(path: Path, passphrase: str | None) -> paramiko.PKey:
    """Load a private key file; UsageError/AuthError in plain words when it cannot be."""
    path = Path(path).expanduser()
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise UsageError(
            f"Cannot read the key file {path}: {exc.strerror}.",
            "Choose the private key file (not the .pub file) and check its permissions.",
        ) from None
    encrypted = False
    try:
        serialization.load_ssh_private_key(data, password=None)
    except TypeError:
        encrypted = True
    except ValueError:
        try:
            serialization.load_pem_private_key(data, password=None)
        except TypeError:
            encrypted = True
        except ValueError:
            raise UsageError(
                f"{path} is not a private key this program can read.",
                "Choose an OpenSSH or PEM private key (RSA, ECDSA or Ed25519), not the .pub file.",
            ) from None
    except Exception:  # unsupported algorithms raise various errors
        raise UsageError(f"{path} holds a key type this program cannot use.") from None
    if encrypted and not passphrase:
        raise AuthError(
            f"The key file {path} is protected by a passphrase, and none was given.",
            "Enter the key's passphrase.",
        )
    if encrypted:
        assert passphrase is not None
        try:
            serialization.load_ssh_private_key(data, password=passphrase.encode())
        except ValueError:
            try:
                serialization.load_pem_private_key(data, password=passphrase.encode())
            except (ValueError, TypeError):
                raise AuthError(
                    f"The passphrase for the key file {path} is wrong.",
                    "Enter the passphrase again (it is the one chosen when the key was made).",
                ) from None
    text = data.decode("ascii", "replace")
    password = passphrase if encrypted else None
    classes: list[type[paramiko.PKey]] = [paramiko.Ed25519Key, paramiko.ECDSAKey, paramiko.RSAKey]
    for cls in classes:
        try:
            return cls.from_private_key(io.StringIO(text), password=password)
        except (paramiko.SSHException, ValueError, TypeError):
            continue
    raise UsageError(f"{path} holds a key type this program cannot use.")


# --------------------------------------------------------------------------- connecting


def _check_cancel(cancel: threading.Event | None) -> None:
    if cancel is not None and cancel.is_set():
        raise Cancelled()


def _resolve(
    target: Target, timeout: float, cancel: threading.Event | None
) -> list[tuple[int, int, int, tuple[str, int] | tuple[str, int, int, int]]]:
    """getaddrinfo on a helper thread, so a slow resolver can be cancelled."""
    box: list[object] = []

    def work() -> None:
        try:
            box.append(socket.getaddrinfo(target.host, target.port, type=socket.SOCK_STREAM))
        except (OSError, UnicodeError) as exc:
            box.append(exc)

    worker = threading.Thread(target=work, name="wizard-ssh-resolve", daemon=True)
    worker.start()
    deadline = time.monotonic() + timeout
    while worker.is_alive():
        _check_cancel(cancel)
        if time.monotonic() > deadline:
            raise ConnectError(
                f"Looking up the server name {target.host!r} took longer than {timeout:g} s.",
                "Check this computer's network and DNS settings, or use the server's IP address.",
            )
        worker.join(_POLL)
    result = box[0]
    if isinstance(result, BaseException):
        reason = getattr(result, "strerror", None) or str(result)
        raise ConnectError(
            f"Cannot find the server name {target.host!r} ({reason}).",
            "Check the spelling of the server name, or use its IP address. If the name is "
            "right, check this computer's DNS settings.",
        )
    infos: list[tuple[int, int, int, tuple[str, int] | tuple[str, int, int, int]]] = []
    for family, socktype, proto, _, address in result:  # type: ignore[attr-defined]
        infos.append((family, socktype, proto, address))
    return infos


def _connect_error(target: Target, code: int | None, timeout: float) -> ConnectError:
    where = f"{target.host} (port {target.port})"
    if code == errno.ECONNREFUSED:
        return ConnectError(
            f"Nothing listens on port {target.port} of {target.host}: the connection was refused.",
            f"Is the SSH server running on it, and is {target.port} the right port?",
        )
    if code in (errno.EHOSTUNREACH, errno.ENETUNREACH, errno.EHOSTDOWN, errno.ENETDOWN):
        return ConnectError(
            f"The server {where} cannot be reached: {os.strerror(code or 0).lower()}.",
            "Check the address, that the server is switched on, and this computer's network.",
        )
    if code is None or code == errno.ETIMEDOUT:
        return ConnectError(
            f"The server {where} did not answer within {timeout:g} s.",
            "Check the address, that the server is up, and that no firewall blocks "
            f"port {target.port}.",
        )
    return ConnectError(
        f"Cannot connect to {where}: {os.strerror(code).lower()}.",
        "Check the address and port, and this computer's network.",
    )


def _open_socket(target: Target, timeout: float, cancel: threading.Event | None) -> socket.socket:
    infos = _resolve(target, timeout, cancel)
    last: ConnectError | None = None
    for family, socktype, proto, address in infos:
        _check_cancel(cancel)
        sock = socket.socket(family, socktype, proto)
        try:
            sock.setblocking(False)
            code: int | None = sock.connect_ex(address)
            if code in (errno.EINPROGRESS, errno.EWOULDBLOCK, errno.EAGAIN, errno.EALREADY):
                code = None
                deadline = time.monotonic() + timeout
                while True:
                    if cancel is not None and cancel.is_set():
                        raise Cancelled()
                    remaining = deadline - time.monotonic()
                    if remaining <= 0:
                        break
                    _, writable, _ = select.select([], [sock], [], min(_POLL, remaining))
                    if writable:
                        code = sock.getsockopt(socket.SOL_SOCKET, socket.SO_ERROR)
                        break
            if code == 0:
                sock.setblocking(True)
                # Commands go as several small SSH messages back to back (exec request,
                # stdin, EOF: see _send_exec). With Nagle's algorithm the stdin would wait
                # for the exec request's ACK: a round trip per command that reads stdin
                # (every sectioned script reads its token first). OpenSSH sets it too.
                sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
                log.debug("TCP connected to %s", address[0])
                return sock
            last = _connect_error(target, code, timeout)
            log.debug("TCP connect to %s failed: %s", address[0], last.message)
        except BaseException:
            sock.close()
            raise
        sock.close()
    raise last or ConnectError(f"Cannot find an address for {target.host!r}.")


def _handshake(
    transport: paramiko.Transport, target: Target, timeout: float, cancel: threading.Event | None
) -> None:
    done = threading.Event()
    transport.start_client(event=done)
    deadline = time.monotonic() + transport.banner_timeout + transport.handshake_timeout
    while not done.wait(_POLL):
        _check_cancel(cancel)
        if time.monotonic() > deadline:
            raise ConnectError(
                f"The server {target.host} (port {target.port}) accepted the connection but "
                f"did not complete the SSH handshake within {timeout:g} s.",
                "Check that an SSH server (not another service) listens on this port.",
            )
    if transport.is_active():
        return
    exc = transport.get_exception()
    text = str(exc) if exc else ""
    if (
        exc is None
        or isinstance(exc, (EOFError, paramiko.ssh_exception.IncompatiblePeer))
        or "banner" in text.lower()
        or "protocol version" in text.lower()
    ):
        raise ConnectError(
            f"The service on port {target.port} of {target.host} does not speak SSH.",
            f"Check the port number: SSH usually listens on port 22, port {target.port} seems to "
            "be another service.",
        )
    raise ConnectError(
        f"The SSH handshake with {target.host} (port {target.port}) failed: {text}.",
        "The server may only offer algorithms this program does not support; "
        "check its sshd settings.",
    )


def _prefer_known_key_types(transport: paramiko.Transport, known: list[str]) -> None:
    """Negotiate a host key type already saved, like OpenSSH does, when possible."""
    if not known:
        return
    wanted: list[str] = []
    for line in known:
        key_type = line.split()[0]
        wanted += (
            ["rsa-sha2-512", "rsa-sha2-256", "ssh-rsa"] if key_type == "ssh-rsa" else [key_type]
        )
    options = transport.get_security_options()
    current = tuple(options.key_types)
    first = [k for k in current if k in wanted]
    options.key_types = tuple(first + [k for k in current if k not in first])


def _check_host_key(
    transport: paramiko.Transport,
    target: Target,
    known_hosts: KnownHosts,
    accept: bool | str,
) -> str:
    key = transport.get_remote_server_key()
    key_type = key.get_name()
    key_line = f"{key_type} {key.get_base64()}"
    fp = fingerprint(key)
    known = known_hosts.lookup(target.host, target.port)
    if known:
        blob = key.asbytes()
        if any(_parse_key_line(line)[2] == blob for line in known):
            log.debug("host key of %s:%d matches the saved one (%s)", target.host, target.port, fp)
            return fp
        raise HostKeyChanged(
            target.host, target.port, key_type, fp, ", ".join(fingerprint(line) for line in known)
        )
    if accept is True or (
        isinstance(accept, str) and _normalize_fingerprint(accept) == _normalize_fingerprint(fp)
    ):
        known_hosts.add(target.host, target.port, key_line)
        return fp
    raise HostKeyUnknown(target.host, target.port, key_type, fp, key_line)


def _authenticate(
    transport: paramiko.Transport,
    target: Target,
    credentials: Credentials,
    key: paramiko.PKey | None,
    cancel: threading.Event | None,
) -> None:
    user = target.user
    tried: list[str] = []
    allowed: list[str] | None = None

    def attempt(label: str, call: Callable[[], object]) -> None:
        nonlocal allowed
        _check_cancel(cancel)
        try:
            call()
        except paramiko.BadAuthenticationType as exc:
            allowed = list(exc.allowed_types)
            log.debug("login with %s: server allows only %s", label, allowed)
        except paramiko.AuthenticationException:
            log.debug("login with %s refused", label)
        except (paramiko.SSHException, OSError, EOFError) as exc:
            raise ConnectError(
                f"The connection to {target.host} closed during the login ({exc}).",
                "The server may limit login attempts (MaxAuthTries): try again with fewer keys.",
            ) from None
        tried.append(label)

    if key is not None:
        attempt(f"key file {credentials.key_file}", lambda: transport.auth_publickey(user, key))
    if not transport.is_authenticated() and credentials.use_agent:
        agent: paramiko.Agent | None = None
        try:
            agent = paramiko.Agent()
            agent_keys = list(agent.get_keys())
        except (paramiko.SSHException, OSError) as exc:
            log.debug("SSH agent not usable: %s", exc)
            agent_keys = []
        if credentials.password is not None:
            agent_keys = agent_keys[:4]  # leave room for the password under MaxAuthTries
        try:
            for agent_key in agent_keys:
                if transport.is_authenticated():
                    break
                attempt(
                    f"agent key {agent_key.get_name()}",
                    functools.partial(transport.auth_publickey, user, agent_key),
                )
        finally:
            if agent is not None:
                agent.close()
    if not transport.is_authenticated() and credentials.password is not None:
        password = credentials.password
        attempt("password", lambda: transport.auth_password(user, password))
    if transport.is_authenticated():
        log.info("logged in to %s as %s", target.host, user)
        return
    if not tried:
        raise AuthError(
            f"There is no way to log in as {user}: no password, no key file, "
            "and no key in an SSH agent.",
            "Enter the password, or choose a key file.",
        )
    if (
        allowed is not None
        and "password" in tried
        and not {"password", "keyboard-interactive"} & set(allowed)
    ):
        raise AuthError(
            f"The server does not accept password logins for user {user} "
            f"(it accepts: {', '.join(allowed)}).",
            "Log in with an SSH key file instead.",
        )
    fix = "Check the user name and the password or key."
    if user == "root":
        fix += (
            " Many servers refuse root logins with a password (PermitRootLogin "
            "prohibit-password): use a key, or log in as an ordinary user with sudo rights."
        )
    raise AuthError(
        f"The server refused the login for user {user} (tried: {', '.join(tried)}).",
        fix,
    )


# --------------------------------------------------------------------------- the session


def _send_exec(chan: paramiko.Channel, command: str) -> None:
    """Send the ``exec`` request without waiting for its reply.

    paramiko's ``exec_command`` waits for the server's reply: one round trip per
    command. OpenSSH handles a channel's messages in order, so stdin and EOF sent right
    after the request reach the command (the OpenSSH client does the same). The reply
    still arrives (``chan.event_ready``); ``_exec`` checks it once the command ended: a
    refused request closes the channel without an exit status.
    """
    m = paramiko.Message()
    m.add_byte(paramiko.common.cMSG_CHANNEL_REQUEST)
    m.add_int(chan.remote_chanid)
    m.add_string("exec")
    m.add_boolean(True)
    m.add_string(command)
    # paramiko's own exec_command, minus its wait (private API, pinned by tests/integration/test_ssh.py)
    chan._event_pending()  # type: ignore[attr-defined]
    chan.transport._send_user_message(m)  # type: ignore[union-attr]


class SshSession:
    """A logged-in SSH connection that knows how to become root.

    Create it with :meth:`connect`. Everything on one session runs on one thread at a
    time: a lock serialises ``run``/``read_file``/``file_exists``/``write_file_atomic``.
    ``close()`` may be called from any thread (it aborts a command in progress).
    """

    def __init__(
        self,
        target: Target,
        transport: paramiko.Transport,
        credentials: Credentials,
        host_key_fingerprint: str,
    ) -> None:
        self.target = target
        self.host_key_fingerprint = host_key_fingerprint
        self.privilege: Privilege = "root"
        self._transport = transport
        self._secrets = credentials.secrets()
        self._sudo_password: str | None = None
        self._lock = threading.RLock()
        self._sftp: paramiko.SFTPClient | None = None
        self._sftp_failed = False
        self._stoppers: list[threading.Thread] = []
        # Cheap always-on instrumentation (bench/ reads it): SSH channels opened (exec and
        # SFTP) and remote commands run, the round trips that cost on a slow link.
        self.channels_opened = 0
        self.commands_run = 0
        # The next command's channel, opened while the current one runs: on a slow link
        # that saves the open's round trip per command (see _take_channel).
        self._spare: _SpareChannel | None = None
        # The server lock held by each thread (hold_server_lock), for re-entry.
        self._server_locks: dict[int, ServerLock] = {}

    def run_locked(
        self,
        what: str,
        script: str,
        *,
        stdin: bytes | str | None = None,
        timeout: float = 120.0,
        secrets: Sequence[str] = (),
        cancel: threading.Event | None = None,
    ) -> CommandResult:
        """Run one shell ``script`` as root under the server lock, taken inline.

        For an operation that is one command (an account change): the script itself takes
        the lock (run-locked.sh) and holds it until it ends, so the lock costs no
        channel and no round trip of its own. A thread that holds the lock already
        (``hold_server_lock``) runs the script as it is.

        Raises:
            ServerBusy: another Relay Wizard kept the lock for :data:`LOCK_WAIT` seconds;
                nothing of ``script`` ran.
            The errors of :meth:`run`.
        """
        if threading.get_ident() in self._server_locks:
            return self.run(script, stdin=stdin, timeout=timeout, secrets=secrets, cancel=cancel)
        if what not in LOCK_ACTIONS:
            raise UsageError(f"{what!r} is not something that takes the server lock.")
        user = self.target.user if _LOCK_USER.fullmatch(self.target.user) else "unknown"
        wait = int(LOCK_WAIT)
        locked = scripts.command("run-locked", what, user, str(wait), "sh", "-c", script)
        started = time.monotonic()
        result = self.run(
            locked, stdin=stdin, timeout=timeout + wait, secrets=secrets, cancel=cancel
        )
        lines = result.stdout.splitlines()
        if "no-flock" in lines:
            log.warning("the server has no flock command: %s ran without the lock", what)
        if result.exit_code == _LOCK_BUSY and any(ln.startswith("busy") for ln in lines):
            busy = [ln for ln in lines if ln.startswith("busy")]
            owner = parse_lock_owner(busy[-1][4:])
            raise ServerBusy.waited(self.target.host, what, owner, time.monotonic() - started)
        return result

    def server_lock_lost(self) -> bool:
        """Did the server lock this thread holds end under it (connection or lease lost)?"""
        lock = self._server_locks.get(threading.get_ident())
        return lock is not None and lock.lost

    def counters(self) -> dict[str, int]:
        """Channels opened and commands run on this session so far."""
        return {"ssh_channels": self.channels_opened, "ssh_commands": self.commands_run}

    def __repr__(self) -> str:
        return f"<SshSession {self.target} privilege={self.privilege}>"

    # ---- connecting

    @classmethod
    def connect(
        cls,
        target: Target,
        credentials: Credentials,
        known_hosts: KnownHosts,
        *,
        accept_new_host_key: bool | str = False,
        timeout: float = 10.0,
        cancel: threading.Event | None = None,
    ) -> SshSession:
        """Connect, check the host key, log in and find out how to become root.

        Args:
            target: where and as whom.
            credentials: password, key file (+ passphrase), agent use, sudo password.
            known_hosts: the saved host keys; checked before any credential is sent.
            accept_new_host_key: for a host with no saved key, True accepts and saves
                whatever key it presents; a ``"SHA256:..."`` string accepts only the key
                with that fingerprint. A *changed* key is always refused.
            timeout: seconds for each step (name lookup, TCP, handshake, login).
            cancel: set it to abort; the wait ends within about 0.05 s.

        Raises:
            ConnectError, HostKeyUnknown, HostKeyChanged, AuthError, SudoError,
            PrivilegeError, UsageError, Cancelled.
        """
        if isinstance(accept_new_host_key, str) and not accept_new_host_key.upper().startswith(
            "SHA256:"
        ):
            raise UsageError(
                f"{accept_new_host_key!r} is not a host key fingerprint.",
                "Give it as ssh-keygen -l prints it: SHA256: followed by 43 characters.",
            )
        for secret in (credentials.password, credentials.sudo_password):
            if secret is not None and ("\n" in secret or "\r" in secret or "\0" in secret):
                raise UsageError(
                    "A password contains a line break.", "Enter the password on one line."
                )
        _check_cancel(cancel)
        key = (
            _load_key_file(credentials.key_file, credentials.key_passphrase)
            if credentials.key_file is not None
            else None
        )
        log.info("connecting to %s", target)
        sock = _open_socket(target, timeout, cancel)
        transport: paramiko.Transport | None = None
        session: SshSession | None = None
        try:
            transport = paramiko.Transport(sock)
            transport.banner_timeout = timeout
            transport.handshake_timeout = timeout
            transport.auth_timeout = timeout
            _prefer_known_key_types(transport, known_hosts.lookup(target.host, target.port))
            _handshake(transport, target, timeout, cancel)
            _check_cancel(cancel)
            fp = _check_host_key(transport, target, known_hosts, accept_new_host_key)
            _authenticate(transport, target, credentials, key, cancel)
            transport.set_keepalive(30)
            session = cls(target, transport, credentials, fp)
            session._become_root(credentials, max(timeout, 30.0), cancel)
            log.info("connected to %s, privilege %s", target, session.privilege)
            return session
        except BaseException:
            if session is not None:
                session.close()
            elif transport is not None:
                transport.close()
            else:
                sock.close()
            raise

    def _become_root(
        self, credentials: Credentials, timeout: float, cancel: threading.Event | None
    ) -> None:
        user = self.target.user
        if user == "root":
            # root is uid 0: no probe (its round trips are a tenth of a second on a slow
            # link); a broken shell shows in the first command's own error.
            self.privilege = "root"
            return
        who = self._exec("id -u", "id -u", b"", timeout, cancel, quiet=True)
        if who.exit_code == 0 and _last_line(who.stdout) == "0":
            self.privilege = "root"
            return
        if who.exit_code != 0:
            raise PrivilegeError(
                f"Cannot run commands as {user} on the server: {who.describe()}",
                "Check that the account has a normal shell.",
            )
        probe_cmd = shlex.join(["env", "LC_ALL=C", "sudo", "-n", "--", "sh", "-c", "id -u"])
        probe = self._exec(probe_cmd, "sudo -n -- sh -c 'id -u'", b"", timeout, cancel, quiet=True)
        if probe.exit_code == 0 and _last_line(probe.stdout) == "0":
            self.privilege = "sudo-nopasswd"
            return
        err = probe.stderr.lower()
        if probe.exit_code == 127 or "no such file" in err or "not found" in err:
            raise PrivilegeError(
                f"User {user} is not root, and the server has no sudo.",
                "Log in as root, or install sudo on the server and give the user sudo rights.",
            )
        self._raise_for_sudo(probe, password_tried=False)  # rights, tty: not a password matter
        password = credentials.sudo_password
        fallback = password is None
        if password is None:
            password = credentials.password
        if not password:
            raise SudoPasswordNeeded(
                f"sudo on the server asks for a password for user {user}, and none was given.",
                "Enter the sudo password (usually the user's own login password), "
                "or log in as root.",
            )
        check_cmd = shlex.join(
            ["env", "LC_ALL=C", "sudo", "-k", "-S", "-p", "", "--", "sh", "-c", "id -u"]
        )
        check = self._exec(
            check_cmd,
            "sudo -k -S -p '' -- sh -c 'id -u'",
            password.encode() + b"\n",
            timeout,
            cancel,
            quiet=True,
        )
        if check.exit_code == 0 and _last_line(check.stdout) == "0":
            self.privilege = "sudo-password"
            self._sudo_password = password
            return
        self._raise_for_sudo(check, password_tried=True)
        tried = (
            " The SSH login password was tried, because no separate sudo password was given."
            if fallback
            else ""
        )
        if any(text in check.stderr.lower() for text in _SUDO_BAD_PASSWORD):
            raise SudoError(
                f"The sudo password was not accepted for user {user}.{tried}",
                "Enter the right sudo password (on most servers it is the user's own "
                "login password).",
            )
        raise SudoError(
            f"sudo did not let user {user} become root: {check.describe()}",
            "Log in as root, or check the user's sudo rights on the server (sudo -l).",
        )

    def _raise_for_sudo(self, result: CommandResult, password_tried: bool) -> None:
        user = self.target.user
        err = result.stderr.lower()
        if any(text in err for text in _SUDO_NO_RIGHTS):
            raise SudoError(
                f"User {user} has no sudo rights on the server, so it cannot make changes as root.",
                f"Log in as root instead, or on the server add {user} to the sudo group "
                f"(Debian/Ubuntu: usermod -aG sudo {user}; RHEL/Fedora: usermod -aG wheel {user}) "
                "and connect again.",
            )
        if any(text in err for text in _SUDO_NEEDS_TTY):
            raise SudoError(
                f"sudo on the server insists on a terminal for user {user} (requiretty).",
                "Remove 'Defaults requiretty' from the sudoers file, or log in as root.",
            )
        if not password_tried and "password is required" not in err and result.exit_code != 0:
            raise SudoError(
                f"sudo did not let user {user} become root: {result.describe()}",
                "Log in as root, or check the user's sudo rights on the server (sudo -l).",
            )

    # ---- running commands

    def run(
        self,
        command: str | Sequence[str],
        *,
        root: bool = True,
        stdin: bytes | str | None = None,
        timeout: float = 120.0,
        check: bool = False,
        secrets: Sequence[str] = (),
        cancel: threading.Event | None = None,
    ) -> CommandResult:
        """Run a command on the server, as root by default, and wait for it.

        Args:
            command: an argv list (quoted with ``shlex.join``: safe for any value) or
                shell text used as is (the caller must quote what it puts in: use
                ``shlex.quote`` for every value). Runs under ``/bin/sh -c``. A command
                line is visible to every user of the server (``ps``) and sudo logs it:
                pass secrets on ``stdin``, never in the command.
            root: run as root (directly, or through sudo), else as the login user.
            stdin: data for the command's stdin; EOF follows it. (With password sudo,
                the password line goes first and sudo consumes it.)
            timeout: seconds; RemoteTimeout after it, and the command is signalled.
            check: raise RemoteCommandError (carrying the result) on non-zero exit.
            secrets: values replaced by ``***`` in the displayed command and in the
                captured stdout/stderr (the login and sudo passwords always are).
            cancel: set it to abort; Cancelled is raised within about 0.05 s.

        Returns:
            The result, stdout and stderr decoded as UTF-8 (bad bytes replaced). The
            command has ended when its exit status arrived and its output was closed,
            or 1 s after the exit status if something it started in the background
            keeps the output open (a daemon started by an init script).

        Raises:
            RemoteTimeout, Cancelled: the command is also stopped on the server
            (SIGTERM to every process it started, found by a tag in their environment).
            RemoteCommandError: ``check=True`` and the exit code was not 0.
            ConnectError: the connection was lost.
        """
        text = command_text(command)
        if isinstance(secrets, str):
            secrets = (secrets,)
        payload = stdin.encode("utf-8") if isinstance(stdin, str) else (stdin or b"")
        with self._lock:
            return self._run(
                text,
                root=root,
                stdin=payload,
                timeout=timeout,
                check=check,
                secrets=secrets,
                cancel=cancel,
            )

    def _run(
        self,
        text: str,
        *,
        root: bool,
        stdin: bytes,
        timeout: float,
        check: bool,
        secrets: Sequence[str] = (),
        cancel: threading.Event | None = None,
        display: str | None = None,
        raw: bool = False,
    ) -> CommandResult:
        job = _random.token_hex(8)
        remote = build_remote_command(text, self.privilege, root, job)
        stdin = self._sudo_stdin(root) + stdin
        all_secrets = [*secrets, *self._secrets]
        shown = mask_secrets(display if display is not None else text, all_secrets)
        result = self._exec(
            remote, shown, stdin, timeout, cancel, all_secrets, raw=raw, job=(job, root)
        )
        if check and not result.ok:
            raise RemoteCommandError(result.describe(), result)
        return result

    def _sudo_stdin(self, root: bool) -> bytes:
        """What must precede the payload on stdin: the sudo password line, or nothing."""
        if root and self.privilege == "sudo-password":
            assert self._sudo_password is not None
            return self._sudo_password.encode() + b"\n"
        return b""

    def _exec(
        self,
        remote: str,
        shown: str,
        stdin: bytes,
        timeout: float,
        cancel: threading.Event | None,
        secrets: Sequence[str] = (),
        *,
        raw: bool = False,
        job: tuple[str, bool] | None = None,
        quiet: bool = False,
    ) -> CommandResult:
        """Run ``remote`` as is and collect its result.

        ``raw``: stdout is the bytes as latin-1 text, unmasked (for ``read_file``).
        ``job``: (token, root) of a tagged command, to stop it on timeout or cancel.
        ``quiet``: an expected failure (a probe): log it at debug level only.
        """
        secrets = [*secrets, *self._secrets]
        log.log(logging.DEBUG if quiet else logging.INFO, "run: %s", shown)
        if not self._transport.is_active():
            raise self._lost(shown)
        _check_cancel(cancel)
        started = time.monotonic()
        try:
            chan = self._take_channel(min(timeout, 30.0))
        except (paramiko.SSHException, OSError, EOFError):
            raise self._lost(shown) from None
        self.commands_run += 1
        try:
            try:
                _send_exec(chan, remote)
                code, out, err = self._pump(chan, stdin, timeout, cancel, shown, job)
            except (paramiko.SSHException, OSError, EOFError):
                raise self._lost(shown) from None
            if not chan.event_ready:  # no reply to the exec request, or a refusal
                raise self._refused(shown)
        finally:
            chan.close()
        stdout = (
            out.decode("latin-1") if raw else mask_secrets(out.decode("utf-8", "replace"), secrets)
        )
        stderr = mask_secrets(err.decode("utf-8", "replace"), secrets)
        result = CommandResult(shown, code, stdout, stderr)
        log.debug("exit %d after %.2f s: %s", code, time.monotonic() - started, shown)
        if code != 0:
            log.log(logging.DEBUG if quiet else logging.INFO, "%s", result.describe())
        return result

    def _take_channel(self, timeout: float) -> paramiko.Channel:
        """A session channel for the next command: the spare if it is ready, else a new one.

        Then a new spare is opened in the background, so that the next command finds its
        channel already confirmed. A spare that failed (sshd's MaxSessions, say) just means
        the next command opens its own, as without spares.
        """
        spare, self._spare = self._spare, None
        chan = spare.take(timeout) if spare is not None else None
        if chan is None:
            chan = self._transport.open_session(timeout=timeout)
            self.channels_opened += 1
        self._spare = _SpareChannel(self)
        return chan

    def _pump(
        self,
        chan: paramiko.Channel,
        stdin: bytes,
        timeout: float,
        cancel: threading.Event | None,
        shown: str,
        job: tuple[str, bool] | None,
    ) -> tuple[int, bytes, bytes]:
        """Feed stdin and drain stdout/stderr concurrently until the command ends."""
        out = bytearray()
        err = bytearray()
        sent = 0
        if not stdin:
            chan.shutdown_write()
        deadline = time.monotonic() + timeout
        last_progress = time.monotonic()
        wake = chan.fileno()
        while True:
            progressed = False
            if chan.recv_ready():
                out += chan.recv(_CHUNK)
                progressed = True
            if chan.recv_stderr_ready():
                err += chan.recv_stderr(_CHUNK)
                progressed = True
            if sent < len(stdin) and chan.send_ready():
                if chan.closed or chan.exit_status_ready():
                    sent = len(stdin)  # the command ended without reading it all
                else:
                    sent += chan.send(stdin[sent : sent + _CHUNK])
                    progressed = True
                    if sent >= len(stdin):
                        chan.shutdown_write()
            if progressed:
                last_progress = time.monotonic()
                continue
            now = time.monotonic()
            if chan.exit_status_ready() and (
                chan.eof_received or now - last_progress > _EXIT_GRACE
            ):
                break
            if chan.closed:
                break
            if cancel is not None and cancel.is_set():
                self._abort(chan, job, shown)
                log.info("cancelled: %s", shown)
                raise Cancelled()
            if now > deadline:
                self._abort(chan, job, shown)
                raise RemoteTimeout(
                    f"The command `{shown}` did not finish within {timeout:g} s; it was stopped.",
                    "The server may be overloaded or the command stuck; try again, "
                    "or allow more time.",
                )
            if chan.eof_received:
                chan.status_event.wait(_POLL)
            elif sent < len(stdin):
                select.select([wake], [], [], 0.005)  # waiting for the send window
            else:
                select.select([wake], [], [], _POLL)
        if chan.exit_status_ready():
            return chan.exit_status, bytes(out), bytes(err)
        if not self._transport.is_active():
            raise self._lost(shown)
        return -1, bytes(out), bytes(err)

    def _abort(self, chan: paramiko.Channel, job: tuple[str, bool] | None, shown: str) -> None:
        """Close the channel and stop the command on the server.

        Closing an SSH channel does not stop the remote command, so a helper thread
        runs a second command that sends SIGTERM to every process tagged with the job's
        token. It runs in the background so that Cancelled/RemoteTimeout is raised at
        once; ``close()`` waits for it.
        """
        chan.close()
        if job is None:
            return
        stopper = threading.Thread(
            target=self._stop_job, args=(*job, shown), name="wizard-ssh-stop", daemon=True
        )
        self._stoppers = [t for t in self._stoppers if t.is_alive()] + [stopper]
        stopper.start()

    def _stop_job(self, token: str, root: bool, shown: str) -> None:
        script = scripts.command(_KILL, token)
        remote = build_remote_command(script, self.privilege, root)
        try:
            self._exec(remote, f"stop `{shown}`", self._sudo_stdin(root), 30.0, None, quiet=True)
        except Exception as exc:  # best effort: the session may be gone already
            log.debug("could not stop `%s`: %s", shown, exc)

    def _lost(self, shown: str) -> ConnectError:
        return ConnectError(
            f"The connection to {self.target.host} was lost (while running `{shown}`).",
            "Check the network and connect again.",
        )

    def _refused(self, shown: str) -> ConnectError:
        """A channel that ended without running ``shown``: the connection is gone, or the
        server refused the exec request."""
        if not self._transport.is_active():
            return self._lost(shown)
        return ConnectError(
            f"The server {self.target.host} refused to run `{shown}` (the SSH exec "
            "request failed).",
            "Check the server's sshd configuration (ForceCommand, MaxSessions) and connect again.",
        )

    # ---- the server lock

    @contextlib.contextmanager
    def hold_server_lock(
        self,
        what: str,
        *,
        wait: float | None = None,
        cancel: threading.Event | None = None,
        progress: Callable[[str], None] | None = None,
    ) -> Iterator[ServerLock]:
        """Hold the server's Relay Wizard lock while the ``with`` block runs.

        ``what`` (a key of :data:`LOCK_ACTIONS`) is recorded, with the login user, the
        client address sshd saw and the time, for whoever has to wait. The lock is a
        ``flock`` on ``/var/lib/relay-wizard/lock`` held by a remote shell on one extra
        channel of this connection: it lives as long as that channel, so a cut connection
        frees it at once, and one that went silent frees it after :data:`LOCK_LEASE`
        seconds without the holder's heartbeat. Re-entrant per thread on one session (an
        apply's own rollback runs under the apply's lock).

        When another Relay Wizard holds it, ``progress`` says who, and the wait lasts up
        to ``wait`` seconds (default :data:`LOCK_WAIT`). A server without ``flock`` is
        used without a lock (``progress`` says so; the yielded lock has ``held`` False).

        Raises:
            ServerBusy: still held by the other one after ``wait``; nothing was done.
            Cancelled: ``cancel`` was set while waiting.
            RemoteCommandError, ConnectError: the lock could not be taken.
        """
        me = threading.get_ident()
        outer = self._server_locks.get(me)
        if outer is not None:
            yield outer
            return
        lock = self._acquire_server_lock(
            what, LOCK_WAIT if wait is None else wait, cancel, progress
        )
        self._server_locks[me] = lock
        try:
            yield lock
        finally:
            del self._server_locks[me]
            lock.release()

    def _acquire_server_lock(
        self,
        what: str,
        wait: float,
        cancel: threading.Event | None,
        progress: Callable[[str], None] | None,
    ) -> ServerLock:
        remote = build_lock_command(self.privilege, what, self.target.user, wait, LOCK_LEASE)
        shown = f"take the Relay Wizard lock on the server ({what})"
        log.info("lock: %s", shown)  # not "run:": the commands run under it are listed so
        if not self._transport.is_active():
            raise self._lost(shown)
        _check_cancel(cancel)
        with self._lock:
            try:
                chan = self._take_channel(30.0)
            except (paramiko.SSHException, OSError, EOFError):
                raise self._lost(shown) from None
            self.commands_run += 1
            try:
                _send_exec(chan, remote)
                # the sudo password line, if any, goes first: sudo reads it; nothing else
                # ever reads this channel's stdin but the heartbeat counter
                sudo = self._sudo_stdin(True)
                if sudo:
                    chan.sendall(sudo)
            except (paramiko.SSHException, OSError, EOFError):
                chan.close()
                raise self._lost(shown) from None
        try:
            return self._await_server_lock(chan, what, wait, cancel, progress, shown)
        except BaseException:
            chan.close()
            raise

    def _await_server_lock(
        self,
        chan: paramiko.Channel,
        what: str,
        wait: float,
        cancel: threading.Event | None,
        progress: Callable[[str], None] | None,
        shown: str,
    ) -> ServerLock:
        """Read the lock script's lines until it holds the lock, gives up or fails."""
        out = bytearray()
        err = bytearray()
        owner: LockOwner | None = None
        told = ""
        started = time.monotonic()
        deadline = started + wait + 15.0  # the script itself gives up after ``wait``
        wake = chan.fileno()
        while True:
            try:
                while chan.recv_ready():
                    out += chan.recv(_CHUNK)
                while chan.recv_stderr_ready():
                    err += chan.recv_stderr(_CHUNK)
            except (paramiko.SSHException, OSError, EOFError):
                raise self._lost(shown) from None
            while b"\n" in out:
                raw, _, rest = bytes(out).partition(b"\n")
                out = bytearray(rest)
                line = raw.decode("utf-8", "replace").strip()
                if line == "locked":
                    log.info("holding the server lock (%s)", what)
                    return ServerLock(what, chan)
                if line == "no-flock":
                    note = (
                        "The server has no flock command: going on without the lock that "
                        "keeps a second Relay Wizard from changing it at the same time."
                    )
                    log.warning("%s", note)
                    if progress is not None:
                        progress(note)
                    chan.close()
                    return ServerLock(what, None, note)
                if line.startswith("busy"):
                    seen = parse_lock_owner(line[4:])
                    if owner is not None and not seen.describe():
                        continue  # the holder just let go (it clears its line): keep the name
                    owner = seen
                    message = lock_wait_message(owner)
                    if message != told:
                        told = message
                        log.info("%s", message)
                        if progress is not None:
                            progress(message)
            if len(out) > 65536 or len(err) > 65536:
                out, err = out[-65536:], err[-65536:]
            if chan.exit_status_ready() and not chan.recv_ready() and not chan.recv_stderr_ready():
                code = chan.exit_status
                if code == _LOCK_BUSY:
                    raise ServerBusy.waited(
                        self.target.host, what, owner, time.monotonic() - started
                    )
                result = CommandResult(
                    shown,
                    code,
                    mask_secrets(out.decode("utf-8", "replace"), self._secrets),
                    mask_secrets(err.decode("utf-8", "replace"), self._secrets),
                )
                raise RemoteCommandError(
                    f"Cannot take the Relay Wizard lock on the server. {result.describe()}",
                    result,
                    f"Check that {LOCK_DIR} can be created and written as root, then try again.",
                )
            if chan.closed:
                raise self._refused(shown)
            _check_cancel(cancel)
            if time.monotonic() > deadline:
                raise ServerBusy.waited(self.target.host, what, owner, time.monotonic() - started)
            select.select([wake], [], [], _POLL)

    # ---- files

    def read_file(self, path: str) -> bytes:
        """The content of ``path`` on the server, read as root.

        Raises:
            RemoteCommandError: the file is missing or unreadable.
        """
        path = _check_path(path)
        with self._lock:
            result = self._run(
                shlex.join(["cat", "--", path]),
                root=True,
                stdin=b"",
                timeout=120.0,
                check=False,
                raw=True,
            )
        if not result.ok:
            shown = CommandResult(result.command, result.exit_code, "", result.stderr)
            raise RemoteCommandError(f"Cannot read {path} on the server. {shown.describe()}", shown)
        return result.stdout.encode("latin-1")

    def file_exists(self, path: str) -> bool:
        """True if ``path`` exists on the server (checked as root; follows symlinks)."""
        path = _check_path(path)
        with self._lock:
            result = self._run(
                shlex.join(["test", "-e", path]), root=True, stdin=b"", timeout=60.0, check=False
            )
        if result.exit_code in (0, 1):
            return result.exit_code == 0
        raise RemoteCommandError(result.describe(), result)

    def write_file_atomic(
        self,
        path: str,
        data: bytes,
        *,
        mode: int | None = None,
        owner: str | None = None,
        group: str | None = None,
    ) -> None:
        """Replace ``path`` on the server with ``data`` atomically, as root.

        The data is uploaded with SFTP to a private temporary file (``mktemp`` in the
        login user's temp dir, or directly next to the target when logged in as root),
        copied as root into a temporary file in the target's directory, given its owner,
        group and mode, and renamed over the target (readers see the old or the new file,
        never a half-written one). Without SFTP on the server, the data goes on the stdin
        of the root command instead. Temporary files are removed on failure.

        Owner, group and mode default to those of the existing file (a symlink is
        followed: the file it points to is replaced); for a new file to ``root``, the
        owner's group and 0644. Pass ``mode`` for anything secret.
        """
        path = _check_path(path)
        if mode is not None and not 0 <= mode <= 0o7777:
            raise UsageError(f"{mode:o} is not a file mode.", "Use a mode such as 0o644 or 0o600.")
        for label, name in (("owner", owner), ("group", group)):
            if name is not None and not _NAME.match(name):
                raise UsageError(f"{name!r} is not a valid {label} name.")
        with self._lock:
            self._write_file_atomic(path, bytes(data), mode, owner, group)

    def _write_file_atomic(
        self, path: str, data: bytes, mode: int | None, owner: str | None, group: str | None
    ) -> None:
        directory = posixpath.dirname(path)
        shown = f"write {path}"
        upload = self._upload(path, directory, data)
        source = upload if upload is not None else "-"
        args = [source, path, "" if mode is None else format(mode, "o"), owner or "", group or ""]
        command = scripts.command("install-file", *args)
        result = self._run(
            command,
            root=True,
            stdin=b"" if upload is not None else data,
            timeout=120.0,
            check=False,
            display=shown,
        )
        if not result.ok:
            if upload is not None:
                self._remove_upload(upload)
            raise RemoteCommandError(
                f"Cannot write {path} on the server. {result.describe()}", result
            )
        log.info("wrote %s (%d bytes)", path, len(data))

    def _sftp_client(self) -> paramiko.SFTPClient | None:
        if self._sftp is None and not self._sftp_failed:
            try:
                self.channels_opened += 1
                self._sftp = paramiko.SFTPClient.from_transport(self._transport)
                if self._sftp is None:
                    raise paramiko.SSHException("the server refused the sftp subsystem")
            except (paramiko.SSHException, OSError, EOFError) as exc:
                log.info("SFTP not available (%s); file contents will go over stdin", exc)
                self._sftp_failed = True
        return self._sftp

    def _upload(self, path: str, directory: str, data: bytes) -> str | None:
        """SFTP ``data`` to a private temp file; its path, or None if SFTP is not usable."""
        sftp = self._sftp_client()
        if sftp is None:
            return None
        if self.privilege == "root":
            base = posixpath.basename(path)
            upload = posixpath.join(directory, f".{base}.rw-{_random.token_hex(6)}")
            created = False
        else:
            made = self._run(
                "mktemp -t relay-wizard.XXXXXXXXXX", root=False, stdin=b"", timeout=60.0, check=True
            )
            upload = made.stdout.strip()
            created = True
            if not upload.startswith("/"):
                raise RemoteCommandError(f"mktemp gave no path: {made.describe()}", made)
        try:
            with sftp.open(upload, "wb" if created else "wbx") as handle:
                handle.chmod(0o600)
                handle.set_pipelined(True)
                handle.write(data)
        except (OSError, paramiko.SSHException) as exc:
            if created or not (isinstance(exc, OSError) and exc.errno == errno.ENOENT):
                self._remove_upload(upload)
            failed = CommandResult(f"upload to {upload}", -1, "", str(exc))
            if isinstance(exc, OSError) and exc.errno == errno.ENOENT:
                raise RemoteCommandError(
                    f"Cannot write {path}: the directory {directory} does not exist on the server.",
                    failed,
                ) from None
            raise RemoteCommandError(
                f"Cannot upload the new content of {path} to the server: {exc}.",
                failed,
                "Check that the server has free disk space.",
            ) from None
        return upload

    def _remove_upload(self, upload: str) -> None:
        try:
            self._run(
                shlex.join(["rm", "-f", "--", upload]),
                root=True,
                stdin=b"",
                timeout=30.0,
                check=False,
            )
        except Exception as exc:  # cleanup must not hide the real error
            log.debug("could not remove %s: %s", upload, exc)

    # ---- lifetime

    @property
    def is_active(self) -> bool:
        """True while the connection is up."""
        return self._transport.is_active()

    def close(self) -> None:
        """Close the connection. Idempotent; callable from any thread.

        Waits (a few seconds at most) for the stopping of cancelled commands.
        """
        deadline = time.monotonic() + 5.0
        for stopper in self._stoppers:
            stopper.join(max(0.0, deadline - time.monotonic()))
        sftp, self._sftp = self._sftp, None
        if sftp is not None:
            with contextlib.suppress(Exception):  # closing anyway
                sftp.close()
        spare, self._spare = self._spare, None
        self._transport.close()
        if spare is not None:
            spare.discard()
        self._sudo_password = None

    def __enter__(self) -> SshSession:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()


class _SpareChannel:
    """A session channel being opened on a background thread for the next command."""

    def __init__(self, session: SshSession) -> None:
        self._transport = session._transport
        self._chan: paramiko.Channel | None = None
        self._done = threading.Event()
        self._thread = threading.Thread(
            target=self._open, args=(session,), name="relay-wizard-ssh-spare", daemon=True
        )
        self._thread.start()

    def _open(self, session: SshSession) -> None:
        try:
            self._chan = self._transport.open_session(timeout=30.0)
            session.channels_opened += 1
        except Exception as exc:  # the next command opens its own channel
            log.debug("no spare channel: %s", exc)
        finally:
            self._done.set()

    def take(self, timeout: float) -> paramiko.Channel | None:
        """The channel once it is open (waiting up to ``timeout``), or None."""
        if not self._done.wait(timeout):
            self._thread = threading.Thread(target=self.discard, daemon=True)
            self._thread.start()  # still opening: close it whenever it comes
            return None
        chan = self._chan
        if chan is None or chan.closed or not chan.active:
            return None
        return chan

    def discard(self) -> None:
        self._done.wait(35.0)
        if self._chan is not None:
            with contextlib.suppress(Exception):
                self._chan.close()


def _last_line(text: str) -> str:
    """The last non-empty line (a chatty shell start-up file may print before it)."""
    lines = text.strip().splitlines()
    return lines[-1].strip() if lines else ""


def _check_path(path: str) -> str:
    if not isinstance(path, str) or not path.startswith("/") or "\0" in path or "\n" in path:
        raise UsageError(
            f"{path!r} is not an absolute path on the server.",
            "Give a path such as /etc/mail/sendmail.mc.",
        )
    if path.endswith("/") or posixpath.basename(path) in ("", ".", ".."):
        raise UsageError(f"{path!r} names a directory, not a file.")
    return path


# Run as root: remote/scripts/install-file.sh SOURCE TARGET MODE OWNER GROUP.
_INSTALL_SCRIPT = scripts.load("install-file")


# --------------------------------------------------------------------------- the server lock

_LOCK_HEARTBEAT = 10.0
_LOCK_BUSY = 75  # the lock script's exit code: still held by another after the wait
# What may hold the lock, and how a waiting admin is told about it.
LOCK_ACTIONS = {
    "apply": "an apply",
    "rollback": "a rollback",
    "users": "a change of mail accounts",
}
_LOCK_WHAT = re.compile(r"[a-z][a-z-]{0,31}")
_LOCK_USER = re.compile(r"[A-Za-z0-9._-]{1,32}\$?")
_LOCK_ADDRESS = re.compile(r"[0-9A-Fa-f:.]{2,45}")
_LOCK_SINCE = re.compile(r"(\d{4})-(\d\d)-(\d\d)T(\d\d):(\d\d):(\d\d)Z")

# The server lock's remote half (remote/scripts): lib.sh's rw_take_lock takes it on fd 9
# and records its owner; lock.sh holds it for as long as its stdin lasts (the holder's
# heartbeat; a silent holder loses it after LEASE seconds); run-locked.sh runs one
# command under it (SshSession.run_locked); lock-wrapper.sh, as the login user, appends
# the client address sshd saw (sudo drops SSH_CLIENT).
LOCK_TAKE_FN = scripts.lib("rw_take_lock")
_LOCK_SCRIPT = scripts.load("lock")
_LOCK_WRAPPER = scripts.load("lock-wrapper")


@dataclass(frozen=True)
class LockOwner:
    """Who holds the server lock, as its holder recorded it ("" / None / 0: not known)."""

    what: str = ""
    user: str = ""
    address: str = ""
    since: datetime | None = None
    pid: int = 0

    def describe(self, now: datetime | None = None) -> str:
        """``"an apply by admin from 198.51.100.1 since 12:03 UTC"``; "" if nothing is known.

        The date is added when ``since`` is not today (UTC) as of ``now``.
        """
        if not (self.what or self.user or self.address or self.since):
            return ""
        parts = [LOCK_ACTIONS.get(self.what, "a change")]
        if self.user:
            parts.append(f"by {self.user}")
        if self.address:
            parts.append(f"from {self.address}")
        if self.since is not None:
            today = (now or datetime.now(UTC)).astimezone(UTC).date()
            stamp = self.since.strftime("%H:%M UTC")
            if self.since.date() != today:
                stamp = self.since.strftime("%Y-%m-%d ") + stamp
            parts.append(f"since {stamp}")
        return " ".join(parts)


def parse_lock_owner(line: str) -> LockOwner:
    """Read a ``lock.owner`` line (``what=apply user=admin from=ADDR since=... pid=N``).

    Tolerant: unknown keys, and values not of their expected form, are left out (the line
    was written by root, but a damaged or foreign one must not reach a message as is).
    """
    values: dict[str, str] = {}
    for item in line.split()[:16]:
        key, sep, value = item.partition("=")
        if sep and key not in values:
            values[key] = value
    what = values.get("what", "")
    user = values.get("user", "")
    address = values.get("from", "")
    since: datetime | None = None
    match = _LOCK_SINCE.fullmatch(values.get("since", ""))
    if match:
        year, month, day, hour, minute, second = (int(g) for g in match.groups())
        try:
            since = datetime(year, month, day, hour, minute, second, tzinfo=UTC)
        except ValueError:
            since = None
    pid_text = values.get("pid", "")
    return LockOwner(
        what if _LOCK_WHAT.fullmatch(what) else "",
        user if _LOCK_USER.fullmatch(user) else "",
        address if _LOCK_ADDRESS.fullmatch(address) and address != "unknown" else "",
        since,
        int(pid_text) if pid_text.isascii() and pid_text.isdigit() and len(pid_text) < 10 else 0,
    )


def lock_wait_message(owner: LockOwner | None, now: datetime | None = None) -> str:
    """The progress line while waiting for the lock's holder."""
    described = owner.describe(now) if owner is not None else ""
    if described:
        return f"Waiting for the other Relay Wizard ({described}) to finish"
    return "Waiting for another Relay Wizard to finish its change on this server"


class ServerBusy(WizardError):
    """Another Relay Wizard holds the server lock and did not let go in time."""

    def __init__(self, message: str, fix: str = "", owner: LockOwner | None = None) -> None:
        super().__init__(message, fix)
        self.owner = owner or LockOwner()

    @classmethod
    def waited(
        cls,
        host: str,
        what: str,
        owner: LockOwner | None,
        seconds: float,
        now: datetime | None = None,
    ) -> ServerBusy:
        """The refusal after waiting ``seconds`` for ``owner`` on ``host``."""
        described = owner.describe(now) if owner is not None else ""
        holder = f"another Relay Wizard ({described})" if described else "another Relay Wizard"
        action = "this " + LOCK_ACTIONS.get(what, "a change").split(" ", 1)[1]
        message = (
            f"The server {host} is busy with {holder}: {action} waited {seconds:.0f} s "
            "for it to finish and did not start, so nothing was changed."
        )
        fix = "Try again once the other Relay Wizard has finished."
        if owner is not None and owner.pid:
            fix += (
                f" If none is running any more, the lock frees itself within {LOCK_LEASE} s "
                f"(on the server, process {owner.pid} holds it)."
            )
        return cls(message, fix, owner)


def build_lock_command(
    privilege: Privilege, what: str, user: str, wait: float, lease: int = LOCK_LEASE
) -> str:
    """The remote command that takes the server lock (see :data:`_LOCK_SCRIPT`).

    Every value is checked here and passed as its own argument; none is secret. As a
    non-root login it goes through sudo like ``build_remote_command`` does (``-k -S``:
    the password line on stdin is read by sudo and never reaches the script).
    """
    if what not in LOCK_ACTIONS:
        raise UsageError(f"{what!r} is not something that takes the server lock.")
    if not _LOCK_USER.fullmatch(user):
        raise UsageError(f"{user!r} is not a valid login name.")
    if not 0 <= wait <= 3600:
        raise UsageError(f"{wait!r} is not a wait from 0 to 3600 seconds.")
    if not 5 <= lease <= 3600:
        raise UsageError(f"{lease!r} is not a lease from 5 to 3600 seconds.")
    argv = ["sh", "-c", _LOCK_SCRIPT, "relay-wizard-lock", what, user, str(int(wait)), str(lease)]
    if privilege == "sudo-nopasswd":
        argv = ["sudo", "-n", "--", *argv]
    elif privilege == "sudo-password":
        argv = ["sudo", "-k", "-S", "-p", "", "--", *argv]
    return shlex.join(["sh", "-c", _LOCK_WRAPPER, "relay-wizard-lock", *argv])


class ServerLock:
    """The server lock while it is held (see :meth:`SshSession.hold_server_lock`).

    ``held`` is False when the server has no ``flock`` (``note`` says so). While held, a
    heartbeat thread sends one byte every few seconds, so that the server frees the lock
    when the holder falls silent.
    """

    def __init__(self, what: str, chan: paramiko.Channel | None, note: str = "") -> None:
        self.what = what
        self.held = chan is not None
        self.note = note
        self._chan = chan
        self._stop = threading.Event()
        self._beat: threading.Thread | None = None
        if chan is not None:
            self._beat = threading.Thread(
                target=self._heartbeat, name="relay-wizard-lock-heartbeat", daemon=True
            )
            self._beat.start()

    @property
    def lost(self) -> bool:
        """True when a held lock's channel ended (connection lost, or the lease ran out)."""
        chan = self._chan
        return chan is not None and (chan.closed or chan.exit_status_ready())

    def _heartbeat(self) -> None:
        assert self._chan is not None
        while not self._stop.wait(_LOCK_HEARTBEAT):
            try:
                self._chan.sendall(b"\n")
            except (paramiko.SSHException, OSError, EOFError) as exc:
                log.info("the server lock's heartbeat stopped: %s", exc)
                return

    def release(self) -> None:
        """Let go of the lock: EOF and close on its channel, without waiting for the
        server's side (that would cost a round trip; the lock shell ends within
        milliseconds, and a next lock taken at once waits for it quietly).

        Never raises: a lost connection has freed the lock already.
        """
        self._stop.set()
        if self._beat is not None:
            self._beat.join(2.0)
        chan, self._chan = self._chan, None
        if chan is None:
            return
        try:
            chan.shutdown_write()
        except Exception as exc:  # the connection may be gone: then so is the lock
            log.debug("releasing the server lock: %s", exc)
        finally:
            with contextlib.suppress(Exception):
                chan.close()
        log.info("released the server lock (%s)", self.what)


_P = ParamSpec("_P")
_R = TypeVar("_R")


def server_locked(what: str) -> Callable[[Callable[_P, _R]], Callable[_P, _R]]:
    """Decorate a core operation to run under the server lock (``hold_server_lock``).

    The operation's ``session`` argument provides the lock; its ``cancel`` and
    ``progress`` arguments, if it has them, are used for the wait. A ``session`` without
    ``hold_server_lock`` (a unit test's fake runner) runs the operation unlocked.
    """
    if what not in LOCK_ACTIONS:
        raise UsageError(f"{what!r} is not something that takes the server lock.")

    def decorate(func: Callable[_P, _R]) -> Callable[_P, _R]:
        signature = inspect.signature(func)

        @functools.wraps(func)
        def locked(*args: _P.args, **kwargs: _P.kwargs) -> _R:
            bound = signature.bind_partial(*args, **kwargs).arguments
            hold = getattr(bound.get("session"), "hold_server_lock", None)
            if hold is None:
                return func(*args, **kwargs)
            with hold(what, cancel=bound.get("cancel"), progress=bound.get("progress")):
                return func(*args, **kwargs)

        return locked

    return decorate
