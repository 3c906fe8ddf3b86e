"""A real Secret Service for tests: a private D-Bus session bus and gnome-keyring on it.

Field notes 9: ``gnome-keyring-daemon --unlock --components=secrets`` reading a password on
stdin, with a fresh ``XDG_DATA_HOME``, on its own session bus, is the Secret Service a
desktop has. Here the bus is a ``dbus-daemon`` with a configuration of its own that
activates no services (so nothing starts behind the test's back: no second keyring
daemon, no unlock prompter), listening on a socket in a private runtime folder.

Both daemons run in the foreground as children of the test, each in its own process group;
:meth:`PrivateSecretService.stop` ends them and checks that nothing of them is left.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import subprocess
import tempfile
import time
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path

from jeepney.bus_messages import message_bus
from jeepney.io.blocking import Proxy, open_dbus_connection

SECRETS_NAME = "org.freedesktop.secrets"
TEST_KEYRING_PASSWORD = "keyring-test-pw"

_BUS_CONFIG = """<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig>
  <type>session</type>
  <listen>unix:path={socket}</listen>
  <auth>EXTERNAL</auth>
  <policy context="default">
    <allow send_destination="*" eavesdrop="true"/>
    <allow eavesdrop="true"/>
    <allow own="*"/>
  </policy>
</busconfig>
"""

# Variables that could point a client at another keyring, bus or display.
FOREIGN_VARIABLES = (
    "DBUS_SESSION_BUS_ADDRESS",
    "DISPLAY",
    "WAYLAND_DISPLAY",
    "GNOME_KEYRING_CONTROL",
    "PYTHON_KEYRING_BACKEND",
    "SSH_AUTH_SOCK",
)


class PrivateSecretService:
    """dbus-daemon + gnome-keyring-daemon, with their own home, data and runtime folders.

    ``root`` holds the home and XDG folders (the keyring file lands in
    ``root/data/keyrings``); the bus socket and gnome-keyring's control socket live in a
    short folder under /tmp (socket paths are limited to about 100 bytes).
    """

    def __init__(self, root: Path, password: str = TEST_KEYRING_PASSWORD) -> None:
        self.root = root
        self.password = password
        self.home = root / "home"
        self.data = root / "data"
        self.config = root / "config"
        self.cache = root / "cache"
        self.runtime = Path(tempfile.mkdtemp(prefix="rw-kr-", dir="/tmp"))
        os.chmod(self.runtime, 0o700)
        self.socket = self.runtime / "bus"
        self.address = f"unix:path={self.socket}"
        self.bus: subprocess.Popen[bytes] | None = None
        self.daemon: subprocess.Popen[bytes] | None = None
        self._groups: list[int] = []

    @property
    def env(self) -> dict[str, str]:
        """The variables that make a process use this keyring."""
        return {
            "DBUS_SESSION_BUS_ADDRESS": self.address,
            "HOME": str(self.home),
            "XDG_DATA_HOME": str(self.data),
            "XDG_CONFIG_HOME": str(self.config),
            "XDG_CACHE_HOME": str(self.cache),
            "XDG_RUNTIME_DIR": str(self.runtime),
        }

    def child_env(self, extra: Mapping[str, str] | None = None) -> dict[str, str]:
        """A whole environment for a subprocess: this one's, minus other buses and displays."""
        env = {k: v for k, v in os.environ.items() if k not in FOREIGN_VARIABLES}
        env.update(self.env)
        env.update(extra or {})
        return env

    def run(
        self, argv: Sequence[str], *, input: str | None = None, timeout: float = 30
    ) -> subprocess.CompletedProcess[str]:
        """Run a client (secret-tool, msmtp) against this keyring, with no terminal."""
        return subprocess.run(
            list(argv),
            input=input,
            env=self.child_env(),
            capture_output=True,
            text=True,
            timeout=timeout,
            start_new_session=True,
            check=False,
        )

    # ---- life cycle

    def start(self) -> None:
        for folder in (self.home, self.data, self.config, self.cache):
            folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        config = self.runtime / "bus.conf"
        config.write_text(_BUS_CONFIG.format(socket=self.socket))
        with open(self.root / "dbus-daemon.log", "ab") as log:
            self.bus = subprocess.Popen(
                ["dbus-daemon", f"--config-file={config}", "--nofork", "--nopidfile"],
                stdin=subprocess.DEVNULL,
                stdout=log,
                stderr=log,
                env=self.child_env(),
                start_new_session=True,
            )
        self._groups.append(self.bus.pid)
        self._wait(
            lambda: self.socket.exists() and self._name_owned("org.freedesktop.DBus"), "D-Bus"
        )
        self.start_keyring_daemon()

    def start_keyring_daemon(self) -> None:
        """Start gnome-keyring, unlocking (or creating) the login keyring with the password."""
        with open(self.root / "gnome-keyring.log", "ab") as log:
            self.daemon = subprocess.Popen(
                ["gnome-keyring-daemon", "--foreground", "--unlock", "--components=secrets"],
                stdin=subprocess.PIPE,
                stdout=log,
                stderr=log,
                env=self.child_env(),
                start_new_session=True,
            )
        self._groups.append(self.daemon.pid)
        assert self.daemon.stdin is not None
        self.daemon.stdin.write(self.password.encode())
        self.daemon.stdin.close()
        self._wait(lambda: self._name_owned(SECRETS_NAME), "gnome-keyring")

    def stop_keyring_daemon(self) -> None:
        """End gnome-keyring (the bus stays): the Secret Service is gone."""
        if self.daemon is not None:
            _end(self.daemon)
            self.daemon = None
        self._wait(lambda: not self._name_owned(SECRETS_NAME), "gnome-keyring to leave the bus")

    def stop(self) -> None:
        """End both daemons and remove the runtime folder; raise if a process is left."""
        for proc in (self.daemon, self.bus):
            if proc is not None:
                _end(proc)
        self.daemon = self.bus = None
        left = [group for group in self._groups if _group_alive(group)]
        for group in left:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(group, signal.SIGKILL)
        shutil.rmtree(self.runtime, ignore_errors=True)
        if left:
            raise AssertionError(f"processes of the test keyring were left in groups {left}")

    # ---- helpers

    def _name_owned(self, name: str) -> bool:
        try:
            with contextlib.closing(open_dbus_connection(bus=self.address)) as connection:
                return bool(Proxy(message_bus, connection).NameHasOwner(name)[0])
        except (OSError, ValueError):
            return False

    def _wait(self, ready: Callable[[], bool], what: str, timeout: float = 15) -> None:
        deadline = time.monotonic() + timeout
        while not ready():
            for proc, log in ((self.bus, "dbus-daemon.log"), (self.daemon, "gnome-keyring.log")):
                if proc is not None and proc.poll() is not None:
                    text = (self.root / log).read_text(errors="replace")
                    raise RuntimeError(f"{proc.args[0]} exited with {proc.returncode}: {text}")
            if time.monotonic() > deadline:
                raise RuntimeError(f"timed out waiting for {what}")
            time.sleep(0.05)


def _end(proc: subprocess.Popen[bytes]) -> None:
    """SIGTERM the process group, SIGKILL it after 5 s; reap the leader."""
    if proc.poll() is None:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(timeout=5)
        except subprocess.TimeoutExpired:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(proc.pid, signal.SIGKILL)
            proc.wait(timeout=5)


def _group_alive(group: int, grace: float = 2.0) -> bool:
    """True if a process of ``group`` is still there after ``grace`` seconds."""
    deadline = time.monotonic() + grace
    while True:
        try:
            os.killpg(group, 0)
        except ProcessLookupError:
            return False
        if time.monotonic() > deadline:
            return True
        time.sleep(0.05)
