"""Where the command line talks to a person: the console, its output helpers, and every
error it prints, with the flag of the input the error concerns.

The core speaks in plain words and marks an error with the input it concerns
(:class:`wizard.core.errors.Field`); :data:`FLAGS` says which flag that is on the command
line, and :func:`error_text` adds it. Every error the CLI prints goes through it.
"""

from __future__ import annotations

import getpass
import json
import sys
import threading
from dataclasses import replace
from typing import TYPE_CHECKING, TextIO

from wizard.core.errors import Field, WizardError
from wizard.core.untrusted import printable

if TYPE_CHECKING:
    from collections.abc import Callable

    from wizard.core.fleet.hosts import Host
    from wizard.core.fleet.summary import Row

PROG = "relay-wizard"

# Where the command line reads passwords from (wizard.cli.connect), never from argv; here
# so that the grammar's help names them without importing the SSH layer.
ENV_SSH_PASSWORD = "RELAY_WIZARD_SSH_PASSWORD"
ENV_SUDO_PASSWORD = "RELAY_WIZARD_SUDO_PASSWORD"
ENV_KEY_PASSPHRASE = "RELAY_WIZARD_KEY_PASSPHRASE"

# The flag (or argument) of each input an error can concern; None: no flag says it.
FLAGS: dict[Field, str | None] = {
    Field.HOST: "TARGET",
    Field.USER: "TARGET",
    Field.PORT: "TARGET",
    Field.HOST_KEY: "--accept-new-host-key",
    Field.PASSWORD: "--generate or the password prompt",
    Field.PROFILE: "--profile",
    Field.SECURITY: "--security",
    Field.MECHANISM: "--mech",
    Field.PIN_CERT: "--pin-cert",
    Field.CERT: "--cert",
    Field.KEY: "--key",
    Field.EMAIL: "--email",
    Field.DOMAIN: "--domain",
    Field.INCOMING: "--incoming-host/--incoming-type/--incoming-port/--incoming-security",
    Field.FORMAT: "--format",
    Field.MC_FILE: "--mc-file",
    Field.INVENTORY: "--inventory",
    Field.LIMIT: "--limit",
    Field.JOBS: "--jobs",
    Field.TO: "--to",
    Field.ACCOUNT: "--user",
    Field.SERVER_NAME: "--server-name",
    Field.STAFF: "STAFF_FILE",
    Field.FOLDER: "--out",
    Field.SSH_KEY: "--identity",
    Field.CA: "--ca",
    Field.CERTIFICATE: "--certificate",
    Field.CERT_NAME: "--cert-name",
    Field.ACME_SERVER: "--acme-server",
    Field.WEBROOT: "--webroot",
    Field.BAN: "--ban-time/--max-retry/--find-time",
    Field.ALLOW: "--allow",
    Field.KEY_PASSPHRASE: None,  # asked at the prompt
    Field.SUDO_PASSWORD: None,  # asked at the prompt
}


def flag_note(field: Field | None, text: str = "") -> str:
    """ " (on the command line: --flag)" for ``field``; "" when it has none or ``text``
    names it already."""
    flag = FLAGS[field] if field is not None else None
    if not flag or flag in text:
        return ""
    return f" (on the command line: {flag})"


def error_text(exc: BaseException) -> str:
    """An error on one line for the terminal, with the flag of the input it concerns."""
    text = one_line(str(exc))
    if isinstance(exc, WizardError):
        text += flag_note(exc.field, text)
    return text


def row_text(row: Row) -> Row:
    """A summary row whose fix names the flag of the input its error concerns."""
    note = flag_note(row.field, f"{row.error} {row.fix}")
    return replace(row, fix=f"{row.fix}{note}".strip()) if note else row


def one_line(text: str) -> str:
    """One line for the terminal: whitespace runs as one space, any control or reordering
    character left (an escape sequence from a server's text) shown escaped."""
    return printable(" ".join(text.split()))


def print_json(out: TextIO, data: object) -> None:
    """``data`` as indented JSON, one document, on ``out``."""
    json.dump(data, out, indent=2)
    out.write("\n")


class Console:
    """Where the CLI talks to a person. Prompts only when stdin is a terminal."""

    def __init__(self, stdin: TextIO | None = None, stderr: TextIO | None = None) -> None:
        self.stdin = stdin if stdin is not None else sys.stdin
        self.stderr = stderr if stderr is not None else sys.stderr

    @property
    def interactive(self) -> bool:
        return self.stdin.isatty()

    def secret(self, prompt: str) -> str | None:
        if not self.interactive:
            return None
        return getpass.getpass(prompt, stream=self.stderr)

    def confirm(self, question: str) -> bool:
        if not self.interactive:
            return False
        self.stderr.write(f"{question} [y/N] ")
        self.stderr.flush()
        return self.stdin.readline().strip().lower() in ("y", "yes")

    def read_line(self) -> str:
        """The first line of stdin, without its line break (a password piped in)."""
        line = self.stdin.readline()
        return line[:-1] if line.endswith("\n") else line

    def say(self, text: str) -> None:
        """A line for the person on stderr (progress, notes): never the command's output."""
        self.stderr.write(f"{text}\n")

    def error(self, exc: BaseException | str, what: str = "") -> None:
        """``relay-wizard: WHAT ERROR`` on stderr; an exception through :func:`error_text`."""
        text = exc if isinstance(exc, str) else error_text(exc)
        self.say(f"{PROG}: {what}{text}")

    def warn(self, text: str) -> None:
        self.say(f"{PROG}: warning: {text}")


class LinePrinter:
    """Thread-safe ``[server] message`` lines on a stream shared by the workers."""

    def __init__(self, write: Callable[[str], object], flush: Callable[[], object]) -> None:
        self._write = write
        self._flush = flush
        self._lock = threading.Lock()

    def __call__(self, host: Host, message: str) -> None:
        lines = printable(message, multiline=True).splitlines() or [""]
        text = "".join(f"[{printable(host.name)}] {line}\n" for line in lines)
        with self._lock:
            self._write(text)
            self._flush()
