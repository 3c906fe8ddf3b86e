"""wizard.core.remote.sudo: how a login becomes root, from what the probes print.

The probes' answers are scripted (what id -u and sudo print on a real server); the real
sudo is exercised on the lab in tests/integration/test_ssh.py.
"""

from __future__ import annotations

import pytest

from wizard.core.errors import Field, PrivilegeError, SudoError, SudoPasswordNeeded
from wizard.core.remote.login import Credentials
from wizard.core.remote.results import CommandResult
from wizard.core.remote.sudo import find_privilege

ANSWERS = {
    "uid": ("id -u", CommandResult("id -u", 0, "1000\n", "")),
    "root": ("id -u", CommandResult("id -u", 0, "motd line\n0\n", "")),
    "nopasswd": ("sudo -n", CommandResult("sudo -n", 0, "0\n", "")),
    "asks": ("sudo -n", CommandResult("sudo -n", 1, "", "sudo: a password is required\n")),
    "no-sudo": ("sudo -n", CommandResult("sudo -n", 127, "", "sh: sudo: not found\n")),
    "no-rights": ("sudo -n", CommandResult("sudo -n", 1, "", "admin is not in the sudoers file")),
    "tty": ("sudo -n", CommandResult("sudo -n", 1, "", "sudo: sorry, you must have a tty")),
    "accepted": ("sudo -k -S", CommandResult("sudo -k", 0, "0\n", "")),
    "wrong": ("sudo -k -S", CommandResult("sudo -k", 1, "", "sudo: 1 incorrect password attempt")),
}


class Server:
    """Answers each probe with the next scripted result; records what was sent."""

    def __init__(self, *answers: str) -> None:
        self.answers = [ANSWERS[a] for a in answers]
        self.stdins: list[bytes] = []

    def __call__(self, remote: str, shown: str, stdin: bytes) -> CommandResult:
        expected, result = self.answers.pop(0)
        assert shown.startswith(expected), (shown, expected)
        self.stdins.append(stdin)
        return result


def test_root_is_not_probed() -> None:
    assert find_privilege(Server(), "root", Credentials()) == ("root", None)


def test_uid_zero_under_another_name_is_root() -> None:
    assert find_privilege(Server("root"), "toor", Credentials()) == ("root", None)


def test_sudo_without_a_password() -> None:
    server = Server("uid", "nopasswd")
    assert find_privilege(server, "admin", Credentials()) == ("sudo-nopasswd", None)
    assert server.answers == []


def test_sudo_with_the_login_password_when_no_sudo_password_is_given() -> None:
    server = Server("uid", "asks", "accepted")
    creds = Credentials(password="login-pw")
    assert find_privilege(server, "admin", creds) == ("sudo-password", "login-pw")
    assert server.stdins[-1] == b"login-pw\n"  # the password goes on stdin, one line


def test_the_sudo_password_comes_first() -> None:
    server = Server("uid", "asks", "accepted")
    creds = Credentials(password="login-pw", sudo_password="sudo-pw")
    assert find_privilege(server, "admin", creds) == ("sudo-password", "sudo-pw")


def test_a_password_is_needed_and_none_was_given() -> None:
    with pytest.raises(SudoPasswordNeeded) as needed:
        find_privilege(Server("uid", "asks"), "admin", Credentials())
    assert needed.value.field is Field.SUDO_PASSWORD


def test_a_wrong_login_password_says_it_was_tried_for_sudo() -> None:
    with pytest.raises(SudoError, match="SSH login password was tried") as wrong:
        find_privilege(Server("uid", "asks", "wrong"), "admin", Credentials(password="x"))
    assert wrong.value.field is Field.SUDO_PASSWORD
    with pytest.raises(SudoError) as wrong_sudo:
        creds = Credentials(password="x", sudo_password="y")
        find_privilege(Server("uid", "asks", "wrong"), "admin", creds)
    assert "login password was tried" not in wrong_sudo.value.message


@pytest.mark.parametrize(
    ("answer", "error", "words"),
    [
        ("no-sudo", PrivilegeError, "has no sudo"),
        ("no-rights", SudoError, "has no sudo rights"),
        ("tty", SudoError, "requiretty"),
    ],
)
def test_refusals_in_plain_words(answer: str, error: type[Exception], words: str) -> None:
    with pytest.raises(error, match=words):
        find_privilege(Server("uid", answer), "admin", Credentials(password="pw"))
