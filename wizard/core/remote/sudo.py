"""Becoming root after the login: already root, ``sudo -n``, or ``sudo -S`` with a password.

``find_privilege`` probes the server (``id -u``, then sudo without and with a password)
and says how commands will run as root; a refusal is explained in plain words (no sudo
rights, ``requiretty``, a wrong password). How a command is then wrapped for that
privilege is :func:`.results.build_remote_command`.
"""

from __future__ import annotations

import shlex
from collections.abc import Callable
from typing import TYPE_CHECKING

from wizard.core.errors import Field, PrivilegeError, SudoError, SudoPasswordNeeded
from wizard.core.remote.results import CommandResult, Privilege
from wizard.core.translatable import QT_TRANSLATE_NOOP

if TYPE_CHECKING:
    from wizard.core.remote.login import Credentials

__all__ = ["Probe", "find_privilege"]

# Runs (remote command as is, the command shown, stdin) on the server and waits for it.
Probe = Callable[[str, str, bytes], CommandResult]

_SUDO_NO_RIGHTS = ("is not in the sudoers file", "may not run sudo", "is not allowed to execute")
_SUDO_BAD_PASSWORD = ("incorrect password", "sorry, try again", "no password was provided")
_SUDO_NEEDS_TTY = ("must have a tty", "a terminal is required")


def find_privilege(
    probe: Probe, user: str, credentials: Credentials
) -> tuple[Privilege, str | None]:
    """How ``user`` becomes root, and the sudo password that works (None if none is needed).

    Raises:
        PrivilegeError: no shell, or not root and no sudo.
        SudoPasswordNeeded: sudo wants a password and none was given.
        SudoError: sudo refused (no rights, requiretty, a wrong password).
    """
    if user == "root":
        # root is uid 0: no probe (its round trips are a tenth of a second on a slow
        # link); a broken shell shows in the first command's own error.
        return "root", None
    who = probe("id -u", "id -u", b"")
    if who.exit_code == 0 and _last_line(who.stdout) == "0":
        return "root", None
    if who.exit_code != 0:
        raise PrivilegeError(
            QT_TRANSLATE_NOOP(
                "Errors", "Cannot run commands as {user} on the server: {value}"
            ).format(user=user, value=who.describe()),
            QT_TRANSLATE_NOOP("Errors", "Check that the account has a normal shell."),
            field=Field.USER,
        )
    probe_cmd = shlex.join(["env", "LC_ALL=C", "sudo", "-n", "--", "sh", "-c", "id -u"])
    nopasswd = probe(probe_cmd, "sudo -n -- sh -c 'id -u'", b"")
    if nopasswd.exit_code == 0 and _last_line(nopasswd.stdout) == "0":
        return "sudo-nopasswd", None
    err = nopasswd.stderr.lower()
    if nopasswd.exit_code == 127 or "no such file" in err or "not found" in err:
        raise PrivilegeError(
            QT_TRANSLATE_NOOP(
                "Errors", "User {user} is not root, and the server has no sudo."
            ).format(user=user),
            QT_TRANSLATE_NOOP(
                "Errors",
                "Log in as root, or install sudo on the server and give the user sudo rights.",
            ),
            field=Field.USER,
        )
    _raise_for_sudo(user, nopasswd, password_tried=False)  # rights, tty: not a password matter
    password = credentials.sudo_password
    fallback = password is None
    if password is None:
        password = credentials.password
    if not password:
        raise SudoPasswordNeeded(
            QT_TRANSLATE_NOOP(
                "Errors",
                "sudo on the server asks for a password for user {user}, and none was given.",
            ).format(user=user),
            QT_TRANSLATE_NOOP(
                "Errors",
                "Enter the sudo password (usually the user's own login password), or log "
                "in as root.",
            ),
            field=Field.SUDO_PASSWORD,
        )
    check_cmd = shlex.join(
        ["env", "LC_ALL=C", "sudo", "-k", "-S", "-p", "", "--", "sh", "-c", "id -u"]
    )
    check = probe(check_cmd, "sudo -k -S -p '' -- sh -c 'id -u'", password.encode() + b"\n")
    if check.exit_code == 0 and _last_line(check.stdout) == "0":
        return "sudo-password", password
    _raise_for_sudo(user, check, password_tried=True)
    refused = (
        QT_TRANSLATE_NOOP(
            "Errors",
            "The sudo password was not accepted for user {user}. The SSH login password was "
            "tried, because no separate sudo password was given.",
        )
        if fallback
        else QT_TRANSLATE_NOOP("Errors", "The sudo password was not accepted for user {user}.")
    )
    if any(text in check.stderr.lower() for text in _SUDO_BAD_PASSWORD):
        raise SudoError(
            refused.format(user=user),
            QT_TRANSLATE_NOOP(
                "Errors",
                "Enter the right sudo password (on most servers it is the user's own "
                "login password).",
            ),
            field=Field.SUDO_PASSWORD,
        )
    raise _not_root(user, check)


def _raise_for_sudo(user: str, result: CommandResult, password_tried: bool) -> None:
    err = result.stderr.lower()
    if any(text in err for text in _SUDO_NO_RIGHTS):
        raise SudoError(
            QT_TRANSLATE_NOOP(
                "Errors",
                "User {user} has no sudo rights on the server, so it cannot make changes as root.",
            ).format(user=user),
            QT_TRANSLATE_NOOP(
                "Errors",
                "Log in as root instead, or on the server add {user} to the sudo group "
                "(Debian/Ubuntu: usermod -aG sudo {user}; RHEL/Fedora: usermod -aG wheel "
                "{user}) and connect again.",
            ).format(user=user),
            field=Field.USER,
        )
    if any(text in err for text in _SUDO_NEEDS_TTY):
        raise SudoError(
            QT_TRANSLATE_NOOP(
                "Errors", "sudo on the server insists on a terminal for user {user} (requiretty)."
            ).format(user=user),
            QT_TRANSLATE_NOOP(
                "Errors", "Remove 'Defaults requiretty' from the sudoers file, or log in as root."
            ),
        )
    if not password_tried and "password is required" not in err and result.exit_code != 0:
        raise _not_root(user, result)


def _not_root(user: str, result: CommandResult) -> SudoError:
    return SudoError(
        QT_TRANSLATE_NOOP("Errors", "sudo did not let user {user} become root: {value}").format(
            user=user, value=result.describe()
        ),
        QT_TRANSLATE_NOOP(
            "Errors", "Log in as root, or check the user's sudo rights on the server (sudo -l)."
        ),
    )


def _last_line(text: str) -> str:
    """The last non-empty line (a chatty shell start-up file may print before it)."""
    lines = text.strip().splitlines()
    return lines[-1].strip() if lines else ""
