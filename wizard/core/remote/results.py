"""What a remote command did, and the text that runs it.

``CommandResult`` (a finished command, its secrets masked), ``mask_secrets``,
``command_text`` (an argv or shell text, checked) and ``build_remote_command`` (the
``sh -c`` wrapper, through sudo when the login is not root). Pure: no network, no
paramiko.
"""

from __future__ import annotations

import shlex
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from wizard.core.errors import UsageError
from wizard.core.remote import scripts
from wizard.core.translatable import QT_TRANSLATE_NOOP

if TYPE_CHECKING:
    from collections.abc import Iterable, Sequence

__all__ = [
    "JOB_VAR",
    "MASK",
    "CommandResult",
    "Privilege",
    "build_remote_command",
    "command_text",
    "mask_secrets",
]

# How the login becomes root: it is root, sudo without a password, or sudo with one.
Privilege = Literal["root", "sudo-nopasswd", "sudo-password"]

MASK = "***"
# The environment variable that tags a command and its children (see build_remote_command).
JOB_VAR = "RELAY_WIZARD_JOB"


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
                QT_TRANSLATE_NOOP("Errors", "A command argument is not text."),
                QT_TRANSLATE_NOOP("Errors", "Pass the command as a list of strings."),
            )
        text = shlex.join(items)
    if not text.strip():
        raise UsageError(QT_TRANSLATE_NOOP("Errors", "The command to run is empty."))
    if "\0" in text:
        raise UsageError(QT_TRANSLATE_NOOP("Errors", "The command contains a NUL character."))
    return text


# stdin also travels in this variable (base64) when the login is root: sshd's window
# for a command's stdin opens only once the command runs, a round trip after the exec
# request, while ``env`` requests arrive with it. The LC_ prefix is what Debian's and
# Ubuntu's sshd accept (AcceptEnv LANG LC_*); where sshd refuses it, the command reads
# its real stdin, sent all the same. Only root (the login) can read a root process's
# environment, as its stdin; but sshd at LogLevel DEBUG logs the variables it sets, so
# stdin that holds a secret (a password: ``run(secrets=...)``) never goes this way.
STDIN_VAR = "LC_RELAY_WIZARD_IN"
STDIN_ENV_MAX = 16384


def stdin_fits_env(stdin: bytes) -> bool:
    """Small enough for an environment variable (and not empty)."""
    return 0 < len(stdin) <= STDIN_ENV_MAX


def stdin_from_env(text: str) -> str:
    """Shell ``text`` run with its stdin from :data:`STDIN_VAR` when sshd passed it on,
    else from the real stdin (stdin-env.sh); the variable is gone before ``text`` runs."""
    return shlex.join(["sh", "-c", scripts.load("stdin-env"), "stdin-env", "sh", "-c", text])


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
        argv = ["env", f"{JOB_VAR}={job}", *argv]
    inner = shlex.join(argv)
    if not root or privilege == "root":
        return inner
    if privilege == "sudo-nopasswd":
        return "sudo -n -- " + inner
    return "sudo -k -S -p '' -- " + inner
