"""Reaching the server and trusting it: name lookup, TCP, the SSH handshake, the host key.

Every wait here polls ``cancel`` (:func:`check_cancel`, every :data:`POLL` seconds), so
the admin can abort a slow resolver or a silent server. The host key is checked against
the app's known_hosts (:mod:`.hostkeys`) before any credential is sent (:mod:`.login`).
"""

from __future__ import annotations

import errno
import logging
import os
import select
import socket
import threading
import time
from typing import TYPE_CHECKING

from wizard.core.errors import Cancelled, ConnectError, Field, HostKeyChanged, HostKeyUnknown
from wizard.core.lazy import LazyModule
from wizard.core.remote.hostkeys import (
    KnownHosts,
    fingerprint,
    normalize_fingerprint,
    parse_key_line,
)
from wizard.core.translatable import QT_TRANSLATE_NOOP

if TYPE_CHECKING:
    import paramiko

    from wizard.core.target import Target
else:
    paramiko = LazyModule("paramiko")

__all__ = [
    "POLL",
    "check_cancel",
    "check_host_key",
    "handshake",
    "open_socket",
    "prefer_known_key_types",
]

log = logging.getLogger("wizard.ssh")

# How often blocking waits wake up to look at the cancel event (seconds).
POLL = 0.05


def check_cancel(cancel: threading.Event | None) -> None:
    """Raise Cancelled if ``cancel`` is set."""
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
        check_cancel(cancel)
        if time.monotonic() > deadline:
            raise ConnectError(
                QT_TRANSLATE_NOOP(
                    "Errors", "Looking up the server name {host} took longer than {timeout} s."
                ).format(host=repr(target.host), timeout=format(timeout, "g")),
                QT_TRANSLATE_NOOP(
                    "Errors",
                    "Check this computer's network and DNS settings, or use the server's IP "
                    "address.",
                ),
                field=Field.HOST,
            )
        worker.join(POLL)
    result = box[0]
    if isinstance(result, BaseException):
        reason = getattr(result, "strerror", None) or str(result)
        raise ConnectError(
            QT_TRANSLATE_NOOP("Errors", "Cannot find the server name {host} ({reason}).").format(
                host=repr(target.host), reason=reason
            ),
            QT_TRANSLATE_NOOP(
                "Errors",
                "Check the spelling of the server name, or use its IP address. If the "
                "name is right, check this computer's DNS settings.",
            ),
            field=Field.HOST,
        )
    infos: list[tuple[int, int, int, tuple[str, int] | tuple[str, int, int, int]]] = []
    for family, socktype, proto, _, address in result:  # type: ignore[attr-defined]
        infos.append((family, socktype, proto, address))
    return infos


def _connect_error(target: Target, code: int | None, timeout: float) -> ConnectError:
    if code == errno.ECONNREFUSED:
        return ConnectError(
            QT_TRANSLATE_NOOP(
                "Errors", "Nothing listens on port {port} of {host}: the connection was refused."
            ).format(port=target.port, host=target.host),
            QT_TRANSLATE_NOOP(
                "Errors", "Is the SSH server running on it, and is {port} the right port?"
            ).format(port=target.port),
            field=Field.PORT,
        )
    if code in (errno.EHOSTUNREACH, errno.ENETUNREACH, errno.EHOSTDOWN, errno.ENETDOWN):
        return ConnectError(
            QT_TRANSLATE_NOOP(
                "Errors", "The server {host} (port {port}) cannot be reached: {value}."
            ).format(host=target.host, port=target.port, value=os.strerror(code or 0).lower()),
            QT_TRANSLATE_NOOP(
                "Errors",
                "Check the address, that the server is switched on, and this computer's network.",
            ),
            field=Field.HOST,
        )
    if code is None or code == errno.ETIMEDOUT:
        return ConnectError(
            QT_TRANSLATE_NOOP(
                "Errors", "The server {host} (port {port}) did not answer within {timeout} s."
            ).format(host=target.host, port=target.port, timeout=format(timeout, "g")),
            QT_TRANSLATE_NOOP(
                "Errors",
                "Check the address, that the server is up, and that no firewall blocks "
                "port {port}.",
            ).format(port=target.port),
            field=Field.HOST,
        )
    return ConnectError(
        QT_TRANSLATE_NOOP("Errors", "Cannot connect to {host} (port {port}): {value}.").format(
            host=target.host, port=target.port, value=os.strerror(code).lower()
        ),
        QT_TRANSLATE_NOOP("Errors", "Check the address and port, and this computer's network."),
    )


def open_socket(target: Target, timeout: float, cancel: threading.Event | None) -> socket.socket:
    """A connected TCP socket to ``target`` (each address in turn), with TCP_NODELAY."""
    infos = _resolve(target, timeout, cancel)
    last: ConnectError | None = None
    for family, socktype, proto, address in infos:
        check_cancel(cancel)
        sock = socket.socket(family, socktype, proto)
        try:
            sock.setblocking(False)
            code: int | None = sock.connect_ex(address)
            if code in (errno.EINPROGRESS, errno.EWOULDBLOCK, errno.EAGAIN, errno.EALREADY):
                code = None
                deadline = time.monotonic() + timeout
                while True:
                    check_cancel(cancel)
                    remaining = deadline - time.monotonic()
                    if remaining <= 0:
                        break
                    _, writable, _ = select.select([], [sock], [], min(POLL, remaining))
                    if writable:
                        code = sock.getsockopt(socket.SOL_SOCKET, socket.SO_ERROR)
                        break
            if code == 0:
                sock.setblocking(True)
                # Commands go as several small SSH messages back to back (exec request,
                # stdin, EOF: see channel.send_exec). With Nagle's algorithm the stdin would wait
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
    raise last or ConnectError(
        QT_TRANSLATE_NOOP("Errors", "Cannot find an address for {host}.").format(
            host=repr(target.host)
        ),
        field=Field.HOST,
    )


def handshake(
    transport: paramiko.Transport, target: Target, timeout: float, cancel: threading.Event | None
) -> None:
    """Complete the SSH handshake on ``transport``; ConnectError in plain words if not."""
    done = threading.Event()
    transport.start_client(event=done)
    deadline = time.monotonic() + transport.banner_timeout + transport.handshake_timeout
    while not done.wait(POLL):
        check_cancel(cancel)
        if time.monotonic() > deadline:
            raise ConnectError(
                QT_TRANSLATE_NOOP(
                    "Errors",
                    "The server {host} (port {port}) accepted the connection but did not "
                    "complete the SSH handshake within {timeout} s.",
                ).format(host=target.host, port=target.port, timeout=format(timeout, "g")),
                QT_TRANSLATE_NOOP(
                    "Errors", "Check that an SSH server (not another service) listens on this port."
                ),
                field=Field.PORT,
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
            QT_TRANSLATE_NOOP(
                "Errors", "The service on port {port} of {host} does not speak SSH."
            ).format(port=target.port, host=target.host),
            QT_TRANSLATE_NOOP(
                "Errors",
                "Check the port number: SSH usually listens on port 22, port {port} "
                "seems to be another service.",
            ).format(port=target.port),
            field=Field.PORT,
        )
    raise ConnectError(
        QT_TRANSLATE_NOOP(
            "Errors", "The SSH handshake with {host} (port {port}) failed: {text}."
        ).format(host=target.host, port=target.port, text=text),
        QT_TRANSLATE_NOOP(
            "Errors",
            "The server may only offer algorithms this program does not support; "
            "check its sshd settings.",
        ),
    )


def prefer_known_key_types(transport: paramiko.Transport, known: list[str]) -> None:
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


def check_host_key(
    transport: paramiko.Transport,
    target: Target,
    known_hosts: KnownHosts,
    accept: bool | str,
) -> str:
    """The server's host key fingerprint, once the key is trusted.

    A saved key must match (else HostKeyChanged); an unknown host's key is saved when
    ``accept`` is True or the fingerprint it names, else HostKeyUnknown.
    """
    key = transport.get_remote_server_key()
    key_type = key.get_name()
    key_line = f"{key_type} {key.get_base64()}"
    fp = fingerprint(key)
    known = known_hosts.lookup(target.host, target.port)
    if known:
        blob = key.asbytes()
        if any(parse_key_line(line)[2] == blob for line in known):
            log.debug("host key of %s:%d matches the saved one (%s)", target.host, target.port, fp)
            return fp
        raise HostKeyChanged(
            target.host, target.port, key_type, fp, ", ".join(fingerprint(line) for line in known)
        )
    if accept is True or (
        isinstance(accept, str) and normalize_fingerprint(accept) == normalize_fingerprint(fp)
    ):
        known_hosts.add(target.host, target.port, key_line)
        return fp
    raise HostKeyUnknown(target.host, target.port, key_type, fp, key_line)
