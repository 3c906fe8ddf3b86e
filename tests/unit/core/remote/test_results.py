"""wizard.core.remote.results: masking, quoting, command building, results."""

from __future__ import annotations

import shlex

import pytest

from wizard.core.errors import UsageError
from wizard.core.remote.results import (
    CommandResult,
    build_remote_command,
    command_text,
    mask_secrets,
)

# --------------------------------------------------------------------------- masking


def test_mask_replaces_every_occurrence_and_longest_first() -> None:
    text = "pw=hunter2 again hunter2 and hunter2X"
    assert mask_secrets(text, ["hunter2", "hunter2X"]) == "pw=*** again *** and ***"


def test_mask_catches_the_shell_quoted_form() -> None:
    secret = "it's $ecret"
    command = shlex.join(["saslpasswd2", "-p", secret])
    assert secret not in mask_secrets(command, [secret])
    assert mask_secrets(command, [secret]) == "saslpasswd2 -p ***"


def test_mask_ignores_empty_and_none() -> None:
    assert mask_secrets("abc", ["", None]) == "abc"


# --------------------------------------------------------------------------- commands


def test_command_text_joins_argv_safely() -> None:
    evil = "x; rm -rf / #"
    text = command_text(["echo", evil, "$(id)"])
    assert text == "echo 'x; rm -rf / #' '$(id)'"
    assert shlex.split(text) == ["echo", evil, "$(id)"]


def test_command_text_keeps_strings_as_is() -> None:
    assert command_text("ls /etc | wc -l") == "ls /etc | wc -l"


@pytest.mark.parametrize("bad", ["", "   ", [], "a\0b"])
def test_command_text_rejects_empty_or_nul(bad: str | list[str]) -> None:
    with pytest.raises(UsageError):
        command_text(bad)


def test_command_text_rejects_non_text_items() -> None:
    with pytest.raises(UsageError):
        command_text(["echo", 3])  # type: ignore[list-item]


def test_build_remote_command_as_root_login() -> None:
    assert build_remote_command("id -u", "root", True) == "sh -c 'id -u'"
    assert build_remote_command("id -u", "sudo-password", False) == "sh -c 'id -u'"


def test_build_remote_command_nopasswd() -> None:
    assert build_remote_command("cat > /tmp/x", "sudo-nopasswd", True) == (
        "sudo -n -- sh -c 'cat > /tmp/x'"
    )


def test_build_remote_command_password_sudo_reads_password_first() -> None:
    remote = build_remote_command("echo 'a b'", "sudo-password", True)
    assert remote == "sudo -k -S -p '' -- sh -c 'echo '\"'\"'a b'\"'\"''"
    # What the remote shell hands to sh -c is the caller's text, byte for byte.
    assert shlex.split(remote)[-1] == "echo 'a b'"


# --------------------------------------------------------------------------- results


def test_command_result_ok_and_describe_failure() -> None:
    result = CommandResult("make -C /etc/mail", 2, "", "l1\nl2\nl3\nl4\nl5\nl6\n")
    assert not result.ok
    text = result.describe()
    assert "make -C /etc/mail" in text and "exit code 2" in text
    assert "l6" in text and "l2" in text and "l1" not in text


def test_command_result_describe_success_and_signal() -> None:
    assert CommandResult("true", 0, "", "").ok
    assert "succeeded" in CommandResult("true", 0, "", "").describe()
    assert "without an exit code" in CommandResult("sleep 9", -1, "", "").describe()


def test_command_result_describe_falls_back_to_stdout() -> None:
    text = CommandResult("x", 1, "only stdout here\n", "").describe()
    assert "only stdout here" in text


def test_command_result_describe_shortens_long_commands() -> None:
    text = CommandResult("x" * 1000, 1, "", "").describe()
    assert len(text) < 400


# ---- stdin ahead in the environment (root logins: one round trip less per command)


@pytest.mark.parametrize(
    "stdin", [b"token\n", b"alice\nP@ss w0rd $(id) `id`\n", bytes(range(1, 256)), b"no newline"]
)
def test_a_command_reads_the_same_stdin_from_the_environment_as_from_its_real_stdin(
    stdin: bytes,
) -> None:
    import base64
    import os
    import subprocess

    from wizard.core.remote.results import STDIN_VAR, stdin_fits_env, stdin_from_env

    assert stdin_fits_env(stdin)
    text = stdin_from_env("od -An -c; env | grep -c RELAY_WIZARD_IN || :")
    env = {**os.environ, STDIN_VAR: base64.b64encode(stdin).decode()}
    via_env = subprocess.run(["sh", "-c", text], input=b"", capture_output=True, env=env)
    real = subprocess.run(["sh", "-c", text], input=stdin, capture_output=True)
    assert via_env.returncode == real.returncode == 0
    # the same bytes, and the variable is gone before the command runs
    assert via_env.stdout == real.stdout and real.stdout.endswith(b"0\n")


def test_nothing_or_too_much_stdin_stays_on_stdin() -> None:
    from wizard.core.remote.results import STDIN_ENV_MAX, stdin_fits_env

    assert not stdin_fits_env(b"")
    assert not stdin_fits_env(b"x" * (STDIN_ENV_MAX + 1))


class _Channels:
    """What RemoteShell hands to its channels: the command, stdin and env of each exec."""

    secrets: tuple[str, ...] = ()

    def __init__(self) -> None:
        self.calls: list[tuple[str, bytes, object]] = []

    def exec(self, remote: str, shown: str, stdin: bytes, *args: object, **kw: object) -> object:
        from wizard.core.remote.results import CommandResult

        self.calls.append((remote, stdin, kw.get("env")))
        return CommandResult(shown, 0, "", "")


@pytest.mark.parametrize(
    ("privilege", "secrets", "goes_ahead"),
    [("root", (), True), ("root", ("Pw-123",), False), ("sudo-nopasswd", (), False)],
)
def test_stdin_goes_ahead_in_the_environment_only_for_root_and_never_a_secret(
    privilege: str, secrets: tuple[str, ...], goes_ahead: bool
) -> None:
    from wizard.core.remote.results import STDIN_VAR
    from wizard.core.remote.shell import RemoteShell
    from wizard.core.target import Target

    shell = RemoteShell(Target("h", 22, "root"), object(), ())  # type: ignore[arg-type]
    shell.channels = _Channels()  # type: ignore[assignment]
    shell.privilege = privilege  # type: ignore[assignment]
    shell.run("cat", stdin="Pw-123\n", secrets=secrets)
    ((remote, stdin, env),) = shell.channels.calls  # type: ignore[attr-defined]
    assert stdin == b"Pw-123\n"  # always sent: sshd may refuse the variable
    assert (env is not None) == goes_ahead
    assert ("stdin-env" in remote) == goes_ahead
    if env is not None:
        assert set(env) == {STDIN_VAR}  # type: ignore[call-overload]
