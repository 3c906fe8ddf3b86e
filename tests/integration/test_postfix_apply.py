"""plan, apply, verify, rollback on the lab's Postfix server (Debian 12's stock Postfix
with Cyrus SASL), from the non-local test side: what the SMTP checks see is what a
stranger on the Internet would see."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.integration.helpers import (
    Cli,
    cli_for,
    known_hosts_for,
    newest_journal_state,
    reached_after_cut,
    run_cli,
    session_for,
    ssh_root_args,
)
from tests.integration.test_apply import smtp, unauthenticated_relay
from tests.lab.lab import LabServer
from wizard.core.change.apply import apply_plan
from wizard.core.change.options import RelayOptions
from wizard.core.change.outcome import ApplyFailed
from wizard.core.errors import ConnectError
from wizard.core.mail.send import make_test_message

FILES = "/etc/postfix/main.cf /etc/postfix/master.cf"
SNAPSHOT = f"cd / && sha256sum {FILES} && stat -c '%n %U %G %a' {FILES}"
SENDER = "staff@example.com"
RECIPIENT = "someone@example.net"
PASSWORD = "Correct-Horse-9"
RUNNING = "kill -0 $(tr -d ' ' < /var/spool/postfix/pid/master.pid)"


@pytest.fixture
def known(tmp_path: Path, postfix_server: LabServer) -> Path:
    return known_hosts_for(postfix_server, tmp_path / "known_hosts")


@pytest.fixture
def cli(postfix_server: LabServer, known: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Cli]:
    monkeypatch.delenv("SSH_AUTH_SOCK", raising=False)
    yield cli_for(postfix_server, known)


def add_account(cli: Cli, user: str) -> str:
    """An account made the product's way (``users add``: the sasldb and smtpd's chroot
    copy, in the realm Postfix uses)."""
    r = cli("users", "add", user, "--password-stdin", stdin=PASSWORD + "\n")
    assert r.code == 0, r.out + r.err
    return user


def send_as_staff(server: LabServer, known: Path, port: int) -> dict[str, object]:
    """``relay-wizard test-send``: log in and relay to a non-local address (the certificate
    trusted over SSH); its JSON."""
    argv = ["test-send", f"{server.address}:{port}", "--user", "alice"]
    if port == 25:
        argv += ["--security", "none"]
    argv += ["--to", "someone@example.net", "--password-stdin", "--json"]
    r = run_cli([*argv, *ssh_root_args(server, known)], PASSWORD + "\n")
    assert r.code == 0, r.out + r.err
    return json.loads(r.out)  # type: ignore[no-any-return]


def send_logged_in(server: LabServer, port: int, user: str, mech: str, starttls: bool) -> str:
    """Log in and send to a non-local address; the queue id of the accepted message."""
    with smtp(server, port) as c:
        if starttls:
            c.starttls()
            c.ehlo()
        assert c.login(user, PASSWORD, mech).code == 235, (port, mech)
        assert c.mail(SENDER).code == 250
        assert c.rcpt(RECIPIENT).code == 250
        r = c.data(make_test_message(SENDER, RECIPIENT, server.address))
    assert r.code == 250, r.text
    return r.text.split()[-1]


def queued(server: LabServer, queue_id: str) -> bool:
    """The message waits in Postfix's queue (the lab has no DNS to deliver it)."""
    return queue_id in server.run("postqueue -p").stdout


def not_an_open_relay(server: LabServer) -> None:
    """nmap's open-relay script, from the test side, says port 25 does not relay."""
    import subprocess

    out = subprocess.run(
        ["nmap", "-Pn", "-p", "25", "--script", "smtp-open-relay", server.address],
        capture_output=True, text=True, timeout=300, check=True,
    ).stdout  # fmt: skip
    assert "doesn't seem to be an open relay" in out, out
    assert "Server is an open relay" not in out


def check_config(server: LabServer) -> None:
    assert server.run(RUNNING, check=False).returncode == 0, "Postfix must run"
    check = server.run("postfix check", check=False)
    assert check.returncode == 0, check.stderr


@pytest.mark.parametrize("profile", ["modern", "classic"])
def test_apply_verifies_relays_for_staff_only_and_rolls_back_byte_for_byte(
    postfix_server: LabServer, cli: Cli, known: Path, profile: str
) -> None:
    s = postfix_server
    stock = s.run(SNAPSHOT).stdout

    plan = cli("plan", "--profile", profile)
    assert plan.code == 0, plan.out + plan.err
    assert "/etc/postfix/main.cf" in plan.out or "/etc/postfix/master.cf" in plan.out
    assert s.run(SNAPSHOT).stdout == stock, "planning must change nothing"

    r = cli("apply", "--profile", profile, "--yes")
    assert r.code == 0, r.out + r.err
    assert "Applied and verified" in r.out
    check_config(s)

    user = add_account(cli, "alice")
    # the product's own test send: logged in, relayed to a non-local address, queued
    sent = send_as_staff(s, known, 587 if profile == "modern" else 25)
    assert sent["tls"] is (profile == "modern")
    assert str(sent["queue_id"]) in s.run("mailq").stdout, "relayed: queued for example.net"
    if profile == "modern":
        assert "Port 587 checked from this computer: AUTH PLAIN LOGIN after STARTTLS" in r.out
        with smtp(s, 587) as c:
            assert "STARTTLS" in c.features
            assert not c.auth_mechanisms, "no login before STARTTLS"
        for mech in ("PLAIN", "LOGIN"):
            assert queued(s, send_logged_in(s, 587, user, mech, starttls=True))
        with smtp(s, 25) as c:
            assert not c.auth_mechanisms, "port 25 offers no login unless asked"
    else:
        for mech in ("CRAM-MD5", "DIGEST-MD5"):
            assert queued(s, send_logged_in(s, 25, user, mech, starttls=False))
    # 454/554: relaying refused; 530: port 587 wants STARTTLS before anything
    assert unauthenticated_relay(s, 25) in (454, 554)
    if profile == "modern":
        assert unauthenticated_relay(s, 587) == 530
    not_an_open_relay(s)

    again = cli("apply", "--profile", profile, "--yes", "--json")
    assert again.code == 0, again.err
    assert json.loads(again.out)["nothing_to_do"] is True

    back = cli("rollback")
    assert back.code == 0, back.out + back.err
    assert s.run(SNAPSHOT).stdout == stock, "rollback must restore every file byte for byte"
    check_config(s)
    assert ":587" not in s.run("ss -ltnH").stdout


BATCH = ["stage", "postfix-build", "install", "postfix-reload"]
BATCH_STATES = {
    "stage": "staged",
    "postfix-build": "built",
    "install": "installed",
    "postfix-reload": "restarted",
}


@pytest.mark.parametrize(
    "boundary", ["stage", "postfix-build", "install", "postfix-reload", "verify"]
)
def test_connection_cut_at_each_step_boundary_leaves_a_safe_server(
    postfix_server: LabServer, known: Path, cli: Cli, boundary: str
) -> None:
    s = postfix_server
    stock = s.run(SNAPSHOT).stdout
    session = session_for(s, known)

    def cut(name: str) -> None:
        if name == boundary:
            session.close()

    with pytest.raises((ApplyFailed, ConnectError)):
        apply_plan(session, RelayOptions("modern"), on_step=cut)
    state = newest_journal_state(s)  # once the server is settled: first
    check_config(s)
    assert state in reached_after_cut(BATCH, BATCH_STATES, boundary), (boundary, state)
    if state in ("staged", "built"):
        assert s.run(SNAPSHOT).stdout == stock  # nothing installed

    back = cli("rollback")
    assert back.code == 0, back.out + back.err
    if state in ("staged", "built"):
        assert "never saw the new configuration" in back.out
    else:
        assert "reloaded with: postfix reload" in back.out
    assert s.run(SNAPSHOT).stdout == stock
    check_config(s)
    r = cli("apply", "--profile", "modern", "--yes")
    assert r.code == 0, r.out + r.err
    assert unauthenticated_relay(s, 587) == 530


def test_a_refused_build_installs_nothing(postfix_server: LabServer, cli: Cli) -> None:
    """postfix check refuses the configuration (a broken line the plan keeps): the build
    step stops the apply and no file changes."""
    s = postfix_server
    s.run("printf 'broken line without equals\\n' >> /etc/postfix/main.cf")
    broken = s.run(SNAPSHOT).stdout
    r = cli("apply", "--profile", "modern", "--yes")
    assert r.code != 0
    assert "postfix check" in (r.out + r.err) or "postconf" in (r.out + r.err)
    assert s.run(SNAPSHOT).stdout == broken
    assert ":587" not in s.run("ss -ltnH").stdout


def test_a_build_that_is_not_what_the_plan_showed_installs_nothing(
    postfix_server: LabServer, known: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The plan shows what the emulation of postconf computes; were it ever to differ from
    what the real postconf writes, the build step refuses and nothing is installed. The
    drift is injected into the emulation (the one fake here); postconf is the real one."""
    from wizard.core.mta.postfix import plan as postfix_plan

    s = postfix_server
    stock = s.run(SNAPSHOT).stdout
    real = postfix_plan.edit.run_edits

    def drifted(main: str, master: str, lines: object) -> tuple[str, str]:
        new_main, new_master = real(main, master, lines)  # type: ignore[arg-type]
        return new_main, new_master + "# drift\n"

    monkeypatch.setattr(postfix_plan.edit, "run_edits", drifted)
    with pytest.raises(ApplyFailed) as failed:
        apply_plan(session_for(s, known), RelayOptions("modern"))
    detail = " ".join(o.detail for o in failed.value.report.steps)
    assert "is not the one the plan showed" in detail and "# drift" in detail
    assert s.run(SNAPSHOT).stdout == stock
    assert ":587" not in s.run("ss -ltnH").stdout
    check_config(s)


def test_an_interrupted_apply_is_rolled_back_by_the_next_apply(
    postfix_server: LabServer, known: Path, cli: Cli
) -> None:
    s = postfix_server
    session = session_for(s, known)
    with pytest.raises((ApplyFailed, ConnectError)):
        apply_plan(
            session, RelayOptions("classic"), on_step=lambda n: n == "install" and session.close()
        )
    check_config(s)
    r = cli("apply", "--profile", "classic", "--yes")
    assert r.code == 0, r.out + r.err
    assert "had not finished; it was rolled back" in r.out
    assert "Applied and verified" in r.out
    assert unauthenticated_relay(s, 25) == 554


def test_audit_relay_reads_postfix_config_for_its_vantage_point(
    postfix_server: LabServer, cli: Cli, tmp_path: Path
) -> None:
    """`audit-relay --ssh` on Postfix: the classic setup is closed to relaying, and the
    vantage point comes from Postfix's mynetworks; a mynetworks that covers this computer
    explains the accepted tricks instead of crying wolf."""
    from tests.integration.test_audit import audit_cli

    s = postfix_server
    r = cli("apply", "--profile", "classic", "--yes")
    assert r.code == 0, r.out + r.err
    code, out, err = audit_cli(s, tmp_path, "--json")
    assert code == 0, out + err
    data = json.loads(out)
    assert data["verdict"] == "closed"
    assert data["vantage"]["config_known"] is True and data["vantage"]["trusted"] is False

    s.run(f"postconf -e 'mynetworks = 127.0.0.0/8 {s.client_address}/32' && postfix reload")
    code, out, err = audit_cli(s, tmp_path)
    assert code == 1, out + err
    assert f"mynetworks entry '{s.client_address}/32'" in out
    assert "expected from this vantage point, not proof of an open relay" in out
