"""Shared fixtures. Integration tests use the real lab (tests/lab): root and namespaces."""

from __future__ import annotations

import os
import subprocess
from collections.abc import Iterator
from pathlib import Path

import keyring
import keyring.backend
import keyring.core
import pytest
from keyring.backends import fail

from tests.integration.keyring_fixture import FOREIGN_VARIABLES, PrivateSecretService
from tests.lab import lab as labmod

STOCK = os.environ.get("RELAY_WIZARD_LAB_NAME", "mail-a")
BARE = os.environ.get("RELAY_WIZARD_LAB_BARE_NAME", "bare-a")
SECOND = os.environ.get("RELAY_WIZARD_LAB_SECOND_NAME", "mail-b")
RHEL = os.environ.get("RELAY_WIZARD_LAB_RHEL_NAME", "mail-r")
INTERNET = os.environ.get("RELAY_WIZARD_LAB_INTERNET_NAME", "mail-i")
POSTFIX = os.environ.get("RELAY_WIZARD_LAB_POSTFIX_NAME", "mail-p")


class _Lab:
    """Starts lab servers on first use, resets changed ones lazily, stops all at the end."""

    def __init__(self) -> None:
        self.servers: dict[str, labmod.LabServer] = {}
        self.dirty: set[str] = set()

    def server(self, name: str, variant: str = "stock") -> labmod.LabServer:
        if name not in self.servers or name in self.dirty:
            self.servers[name] = labmod.start(name, variant)
            self.dirty.discard(name)
        return self.servers[name]

    def stop_all(self) -> None:
        for name in self.servers:
            labmod.stop(name)


@pytest.fixture(scope="session")
def german_system(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """The environment of a German desktop: ``LANG=de_DE.UTF-8`` with that locale really
    there. It is compiled with glibc's ``localedef`` (Debian's ``locales`` sources) into a
    private folder named by ``LOCPATH``: the host's own locales are not touched."""
    folder = tmp_path_factory.mktemp("locales")
    subprocess.run(
        ["localedef", "-i", "de_DE", "-f", "UTF-8", "-c", str(folder / "de_DE.UTF-8")],
        check=True,
        capture_output=True,
    )
    return {"LOCPATH": str(folder), "LANG": "de_DE.UTF-8", "LC_ALL": "", "LANGUAGE": ""}


@pytest.fixture(scope="session")
def lab() -> Iterator[_Lab]:
    if os.geteuid() != 0:
        pytest.fail("the lab needs root: run the README's test command (it uses sudo when needed)")
    manager = _Lab()
    try:
        yield manager
    finally:
        manager.stop_all()


@pytest.fixture
def lab_server(lab: _Lab) -> labmod.LabServer:
    """The stock lab server, pristine. Tests that change it must use ``fresh_server``."""
    return lab.server(STOCK)


@pytest.fixture
def fresh_server(lab: _Lab) -> Iterator[labmod.LabServer]:
    """The stock lab server, pristine; marked for reset after the test, which may change it."""
    server = lab.server(STOCK)
    try:
        yield server
    finally:
        lab.dirty.add(STOCK)


@pytest.fixture
def second_server(lab: _Lab) -> Iterator[labmod.LabServer]:
    """A second stock lab server (for several servers at once), pristine; reset afterwards."""
    server = lab.server(SECOND)
    try:
        yield server
    finally:
        lab.dirty.add(SECOND)


@pytest.fixture
def rhel_server(lab: _Lab) -> Iterator[labmod.LabServer]:
    """A server of the ``rhel`` flavour (Debian's binaries laid out the RHEL way: a layout
    emulation, tests/lab/rhel.py), pristine; reset after the test, which may change it."""
    server = lab.server(RHEL, "rhel")
    try:
        yield server
    finally:
        lab.dirty.add(RHEL)


@pytest.fixture
def internet_server(lab: _Lab) -> Iterator[labmod.LabServer]:
    """A server of the ``internet`` variant (certbot, fail2ban, nftables installed, not
    running; the lab ACME CA trusted), pristine; reset after the test, which may change it."""
    server = lab.server(INTERNET, "internet")
    try:
        yield server
    finally:
        lab.dirty.add(INTERNET)


@pytest.fixture
def postfix_server(lab: _Lab) -> Iterator[labmod.LabServer]:
    """A server of the ``postfix`` variant (Debian 12's stock Postfix with Cyrus SASL's
    tools, no sendmail), pristine; reset after the test, which may change it."""
    server = lab.server(POSTFIX, "postfix")
    try:
        yield server
    finally:
        lab.dirty.add(POSTFIX)


@pytest.fixture
def bare_server(lab: _Lab) -> labmod.LabServer:
    """A lab server without sendmail installed (Debian base + sshd only)."""
    return lab.server(BARE, "no-sendmail")


@pytest.fixture
def unreachable_address() -> Iterator[str]:
    """An address the host's router answers "host unreachable" for (as a real one would).

    This sandbox's network accepts TCP to arbitrary outside addresses, so an address is made
    unreachable on purpose with an ``unreachable`` route, removed afterwards.
    """
    import subprocess

    address = "198.51.100.254"
    subprocess.run(["ip", "route", "replace", "unreachable", f"{address}/32"], check=True)
    try:
        yield address
    finally:
        subprocess.run(["ip", "route", "del", "unreachable", f"{address}/32"], check=False)


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> Iterator[None]:
    """In CI (``CI`` set) a skipped test is a failure: CI must run every test."""
    outcome = yield
    report = outcome.get_result()  # type: ignore[attr-defined]
    if os.environ.get("CI") and report.skipped and not hasattr(report, "wasxfail"):
        report.outcome = "failed"
        report.longrepr = f"skipped in CI, which must run every test: {report.longrepr}"


# --------------------------------------------------------------------------- keyring


def reset_keyring() -> None:
    """Forget keyring's cached backend list and choice, and detect again in this environment."""
    vars(keyring.backend.get_all_keyring).pop("saved_result", None)  # its @once cache
    try:
        keyring.core.init_backend()
    except Exception:  # detection can trip over a backend cached as viable earlier
        keyring.core.set_keyring(fail.Keyring())


@pytest.fixture
def secret_service(tmp_path: Path) -> Iterator[PrivateSecretService]:
    service = PrivateSecretService(tmp_path / "keyring")
    try:
        service.start()
        with pytest.MonkeyPatch.context() as mp:
            for name in FOREIGN_VARIABLES:
                mp.delenv(name, raising=False)
            for name, value in service.env.items():
                mp.setenv(name, value)
            reset_keyring()
            yield service
        reset_keyring()  # back to what the outer environment offers
    finally:
        service.stop()
