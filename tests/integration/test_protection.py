"""The protection against password guessing, against the real lab (issue 16, Done when 3).

The guesser is the lab's second address towards the server (``guesser_address``, not exempt
like the admin's ``client_address``); its wrong logins land in the real mail log, the real
fail2ban reads them and bans with the real nftables in the server's network namespace.
"""

from __future__ import annotations

import base64
import smtplib
import ssl
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.integration.helpers import Cli, cli_for, known_hosts_for, run_cli
from tests.lab.lab import LabServer
from wizard.core.guard.protection import JAIL, JAIL_PATH

BAN_TIME = 20
PROTECT = ("--protect", "--max-retry", "6", "--find-time", "60", "--ban-time", str(BAN_TIME))
# sendmail makes strangers wait 5 s for the greeting (GreetPause): generous timeouts
TIMEOUT = 30
USER, PASSWORD = "alice", "Guess-Me-Not-7"


@pytest.fixture
def cli(
    internet_server: LabServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[Cli]:
    monkeypatch.delenv("SSH_AUTH_SOCK", raising=False)
    yield cli_for(internet_server, known_hosts_for(internet_server, tmp_path / "known_hosts"))


def _tls() -> ssl.SSLContext:
    context = ssl.create_default_context()
    context.check_hostname = False
    context.verify_mode = ssl.CERT_NONE  # the lab's self-signed certificate: not the point here
    return context


def _login(server: LabServer, source: str, password: str) -> int:
    """One connection from ``source`` to port 587: STARTTLS, one AUTH PLAIN (one failure in
    the log for a wrong password, where smtplib's login() would try two mechanisms)."""
    with smtplib.SMTP(server.address, 587, timeout=TIMEOUT, source_address=(source, 0)) as smtp:
        smtp.ehlo("client.lab.test")
        smtp.starttls(context=_tls())
        smtp.ehlo("client.lab.test")
        token = base64.b64encode(f"\0{USER}\0{password}".encode()).decode()
        code, _ = smtp.docmd("AUTH", "PLAIN " + token)
        return code


def _greeting(server: LabServer, source: str) -> int:
    with smtplib.SMTP(server.address, 587, timeout=TIMEOUT, source_address=(source, 0)) as smtp:
        return smtp.noop()[0]


def _refused(server: LabServer) -> bool:
    try:
        _greeting(server, server.guesser_address)
    except ConnectionRefusedError:
        return True
    return False


def _fail2ban_status(server: LabServer) -> str:
    proc = server.run("fail2ban-client status 2>&1", check=False)
    return proc.stdout


def test_guesser_banned_admin_served_ban_ends_rollback_clean(
    internet_server: LabServer, cli: Cli
) -> None:
    server = internet_server
    assert "f2b" not in server.run("nft list ruleset").stdout
    applied = cli("apply", "--profile", "modern", *PROTECT, "--yes")
    assert applied.code == 0, applied.out + applied.err
    assert "Start the ban on password guessers" in applied.out
    jail = server.run(f"stat -c '%a %U' {JAIL_PATH} && cat {JAIL_PATH}").stdout
    assert jail.startswith("644 root\n")
    assert f"ignoreip = 127.0.0.0/8 ::1 {server.client_address}\n" in jail
    assert "maxretry = 6\nfindtime = 60\nbantime = 20\n" in jail
    assert JAIL in server.run(f"fail2ban-client status {JAIL}").stdout
    again = cli("plan", "--profile", "modern", *PROTECT)
    assert "Nothing to do" in again.out, again.out
    added = cli("users", "add", USER, "--password-stdin", stdin=PASSWORD + "\n")
    assert added.code == 0, added.out + added.err

    # 6 wrong logins within a minute: banned after the 6th. Each connection ends before the
    # next starts, and the first look comes after fail2ban has read the log (it polls each
    # second): a connection open when the ban starts would hang until the ban ends (the
    # reject hits its packets too). sendmail lets a stranger make 10 connections a minute
    # (ClientRate): 6 logins, a few looks, and the one after the ban stay below that.
    started = time.monotonic()
    for n in range(6):
        assert _login(server, server.guesser_address, f"wrong-{n}") == 535
    assert time.monotonic() - started < 60
    time.sleep(3)
    deadline = time.monotonic() + 6
    while not _refused(server):
        assert time.monotonic() < deadline, server.run("tail -n 20 /var/log/fail2ban.log").stdout
        time.sleep(2)
    banned_at = time.monotonic()
    with pytest.raises(ConnectionRefusedError):
        _greeting(server, server.guesser_address)
    rules = server.run("nft list ruleset").stdout
    assert "table inet f2b-table" in rules
    assert server.guesser_address in rules
    # the admin's address is still served, and the right password still works from it
    assert _greeting(server, server.client_address) == 250
    assert _login(server, server.client_address, PASSWORD) == 235

    # the ban ends after the configured time (fail2ban checks expiry about once a second)
    while _refused(server):
        assert time.monotonic() < banned_at + BAN_TIME + 20, "the ban did not end"
        time.sleep(1)
    assert time.monotonic() - banned_at >= BAN_TIME - 6
    assert _greeting(server, server.guesser_address) == 250

    # rollback: no jail, fail2ban as it was (stopped), no firewall rule
    rolled = cli("rollback")
    assert rolled.code == 0, rolled.out + rolled.err
    assert "stopped fail2ban, as it was before" in rolled.out
    assert server.run(f"test -e {JAIL_PATH}", check=False).returncode == 1
    assert "fail2ban" not in server.run("pgrep -a fail2ban-server || true").stdout
    assert JAIL not in _fail2ban_status(server)
    rules = server.run("nft list ruleset").stdout
    assert "f2b" not in rules, rules


def test_running_fail2ban_reloaded_restarted_and_put_back(
    internet_server: LabServer, cli: Cli
) -> None:
    """fail2ban already running (Debian's sshd jail): the apply reloads it and rollback
    reloads it again without Relay Wizard's jail; stopped by hand, the plan only starts it."""
    server = internet_server
    server.run("/etc/init.d/fail2ban start")
    assert "sshd" in _fail2ban_status(server)
    applied = cli("apply", "--profile", "modern", "--yes")  # the modern default: protected
    assert applied.code == 0, applied.out + applied.err
    assert JAIL in _fail2ban_status(server)
    assert (
        "fail2ban\trunning\t\n" in server.run("cat /var/lib/relay-wizard/journal/*/services").stdout
    )

    server.run("/etc/init.d/fail2ban stop")
    planned = cli("plan", "--profile", "modern")
    assert "Start fail2ban, which bans password guessers." in planned.out, planned.out
    assert "Nothing to do" not in planned.out
    restarted = cli("apply", "--profile", "modern", "--yes")
    assert restarted.code == 0, restarted.out + restarted.err
    assert JAIL in _fail2ban_status(server)
    # that apply found fail2ban stopped: its rollback stops it again, the jail file stays
    first = cli("rollback")
    assert first.code == 0, first.out + first.err
    assert "fail2ban" not in server.run("pgrep -a fail2ban-server || true").stdout
    assert server.run(f"test -f {JAIL_PATH}", check=False).returncode == 0
    # the first apply found it running: its rollback starts it, without the jail
    second = cli("rollback")
    assert second.code == 0, second.out + second.err
    assert server.run(f"test -e {JAIL_PATH}", check=False).returncode == 1
    status = _fail2ban_status(server)
    assert "sshd" in status
    assert JAIL not in status
    assert f"addr-set-{JAIL}" not in server.run("nft list ruleset").stdout


def test_stock_server_without_fail2ban_says_why(fresh_server: LabServer, tmp_path: Path) -> None:
    """The modern default on a server without fail2ban: applied without a jail, and the
    plan says why; asked for explicitly, the plan refuses."""
    cli = cli_for(fresh_server, known_hosts_for(fresh_server, tmp_path / "known_hosts"))
    asked = cli("plan", "--profile", "modern", "--protect")
    assert "fail2ban is not installed" in asked.out
    assert "apply would refuse" in asked.out or "will not change" in asked.out, asked.out
    default = cli("plan", "--profile", "modern")
    assert "[WARN] fail2ban is not installed" in default.out, default.out
    assert "apply would refuse" not in default.out
    applied = cli("apply", "--profile", "modern", "--yes")
    assert applied.code == 0, applied.out + applied.err
    assert fresh_server.run(f"test -e {JAIL_PATH}", check=False).returncode == 1
    assert "Nothing to do" in cli("plan", "--profile", "modern").out


def test_the_admins_address_is_found_through_sudo(
    internet_server: LabServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """sudo resets the environment: the address still comes from the SSH login's own."""
    server = internet_server
    monkeypatch.delenv("SSH_AUTH_SOCK", raising=False)
    monkeypatch.setenv("RELAY_WIZARD_SSH_PASSWORD", server.admin_password)
    known = known_hosts_for(server, tmp_path / "known_hosts")
    target = f"{server.admin_user}@{server.address}"
    r = run_cli(["plan", target, "--known-hosts", str(known), "--no-agent", *PROTECT])
    assert r.code == 0, r.out + r.err
    assert f"({server.client_address}) is never banned" in r.out, r.out
    assert f"ignoreip = 127.0.0.0/8 ::1 {server.client_address}" in r.out
