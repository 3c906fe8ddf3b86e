"""Several servers at once, against two real lab servers started side by side.

Each server is checked afterwards on its own, from the outside (SMTP) and through the
back door (checksums, the daemon's pid): the summary is not taken on trust.
"""

from __future__ import annotations

import io
import json
import threading
from pathlib import Path

import pytest

from tests.integration.helpers import Run, run_cli
from tests.lab.lab import LabServer
from wizard.cli.console import Console
from wizard.cli.main import main
from wizard.core.mail.smtp import SmtpClient, SmtpSettings

FILES = "/etc/mail/sendmail.mc /etc/mail/sendmail.cf /etc/mail/sasl/Sendmail.conf.2"
SNAPSHOT = f"cd / && sha256sum {FILES} && stat -c '%n %U %G %a' {FILES}"
PID = "head -1 /run/sendmail/mta/sendmail.pid"


@pytest.fixture
def pair(fresh_server: LabServer, second_server: LabServer) -> tuple[LabServer, LabServer]:
    return fresh_server, second_server


@pytest.fixture
def known(tmp_path: Path, pair: tuple[LabServer, LabServer]) -> Path:
    path = tmp_path / "known_hosts"
    path.write_text("".join(f"{s.address} {s.host_key_line}\n" for s in pair))
    return path


@pytest.fixture(autouse=True)
def _no_agent(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SSH_AUTH_SOCK", raising=False)
    for name in ("RELAY_WIZARD_SSH_PASSWORD", "RELAY_WIZARD_SUDO_PASSWORD"):
        monkeypatch.delenv(name, raising=False)


def fleet(pair: tuple[LabServer, LabServer], known: Path, *args: str, stdin: str = "") -> Run:
    """``COMMAND root@A root@B -i KEY --known-hosts FILE --no-agent ARGS...``."""
    a, b = pair
    command, rest = args[0], args[1:]
    common = ["-i", str(a.root_key), "--known-hosts", str(known), "--no-agent"]
    return run_cli([command, f"root@{a.address}", f"root@{b.address}", *common, *rest], stdin)


def rows_of(r: Run) -> dict[str, dict[str, object]]:
    return {row["server"]: row for row in json.loads(r.out)}


def smtp(server: LabServer) -> SmtpClient:
    client = SmtpClient(SmtpSettings(server.address, 25, timeout=20, verify_cert=False))
    client.open()
    return client


def classic_from_outside(server: LabServer) -> None:
    """Port 25 open to this (non-local) client, AUTH offered, relaying without login refused."""
    with smtp(server) as c:
        ehlo = c.ehlo()
        assert "AUTH" in ehlo.text and "DIGEST-MD5" in ehlo.text and "CRAM-MD5" in ehlo.text
        assert c.mail("staff@example.com").code == 250
        assert c.rcpt("someone@example.net").code == 550
    mc = server.run("cat /etc/mail/sendmail.mc").stdout
    assert "TRUST_AUTH_MECH(`DIGEST-MD5 CRAM-MD5')dnl" in mc


def test_apply_on_two_servers_in_parallel(pair: tuple[LabServer, LabServer], known: Path) -> None:
    a, b = pair
    for s in pair:  # stock: port 25 only on loopback, so a stranger cannot even connect
        assert "0.0.0.0:25" not in s.run("ss -ltnH").stdout

    r = fleet(pair, known, "apply", "--profile", "classic", "--yes", "--json")
    assert r.code == 0, r.out + r.err
    rows = rows_of(r)
    assert list(rows) == [a.address, b.address]
    for row in rows.values():
        assert row["result"] == "ok" and row["ok"] is True, row
        assert row["report"]["verified"] is True  # type: ignore[index]
        assert "sendmail.mc" in str(row["changed"])
        assert "AUTH DIGEST-MD5 CRAM-MD5" in str(row["verification"])
    # Parallel, not one after the other: each server started before the other finished.
    ra, rb = rows[a.address], rows[b.address]
    assert float(rb["started"]) < float(ra["finished"])  # type: ignore[arg-type]
    assert float(ra["started"]) < float(rb["finished"])  # type: ignore[arg-type]

    for s in pair:  # each one on its own, from outside
        classic_from_outside(s)

    # The audit of both from here agrees; and a second apply has nothing to do.
    audit = run_cli(["audit-relay", a.address, b.address, "--json"])
    assert audit.code == 0, audit.out + audit.err
    assert {row["result"] for row in rows_of(audit).values()} == {"closed"}
    again = fleet(pair, known, "apply", "--profile", "classic", "--yes")
    assert again.code == 0, again.err
    assert again.out.count("unchanged") == 2, again.out
    assert "2 of 2 servers succeeded." in again.out


def test_a_failure_rolls_back_that_server_only(
    pair: tuple[LabServer, LabServer], known: Path
) -> None:
    a, b = pair
    # Something only the build can discover: an m4 feature the stock .mc uses is gone.
    b.run("rm /usr/share/sendmail/cf/feature/no_default_msa.m4")
    before = b.run(SNAPSHOT).stdout
    pid = b.run(PID).stdout

    r = fleet(pair, known, "apply", "--profile", "classic", "--yes")
    assert r.code == 1, r.out + r.err

    lines = r.out.splitlines()
    row_a = next(line for line in lines if line.startswith(a.address + " "))
    row_b = next(line for line in lines if line.startswith(b.address + " "))
    assert " ok " in row_a and "relay closed" in row_a
    assert "rolled back" in row_b
    assert f"{b.address}: Build and check the new sendmail.cf: failed" in r.out
    assert "no_default_msa.m4" in r.out
    assert "1 of 2 servers succeeded." in r.out
    assert f"1 of 2 servers failed: {b.address}" in r.err
    assert f"[{b.address}] Rolling back" in r.err
    assert f"[{a.address}] Verifying from this computer" in r.err

    # b: byte for byte as before, the same daemon still answering; a: done and verified.
    assert b.run(SNAPSHOT).stdout == before
    assert b.run(PID).stdout == pid
    assert b.run(f"kill -0 {pid}", check=False).returncode == 0
    assert "rolled-back" in b.run("cat /var/lib/relay-wizard/journal/*/state").stdout
    banner = b.run(
        "bash -c 'exec 3<>/dev/tcp/127.0.0.1/25 && read -r -t 20 line <&3 && echo \"$line\"'"
    ).stdout
    assert banner.startswith("220 "), banner  # answering on its stock loopback listener
    classic_from_outside(a)


def test_inventory_inspect_and_plan(
    pair: tuple[LabServer, LabServer], known: Path, tmp_path: Path
) -> None:
    a, b = pair
    inventory = tmp_path / "hosts.ini"
    inventory.write_text(
        "# the office's mail servers, as Ansible has them\n"
        "[office]\n"
        f"alpha ansible_host={a.address}\n"
        "[branch]\n"
        f"beta ansible_host={b.address} ansible_port=22\n"
        "[mail:children]\n"
        "office\n"
        "branch\n"
        "[mail:vars]\n"
        "ansible_user=root\n"
        f"ansible_ssh_private_key_file={a.root_key}\n"
        "ansible_become_password=never-used\n"
    )
    common = ["--inventory", str(inventory), "--known-hosts", str(known), "--no-agent"]
    stock = {s.address: s.run(SNAPSHOT).stdout for s in pair}

    r = run_cli(["inspect", *common])
    assert r.code == 0, r.out + r.err
    assert "ansible_become_password is ignored" in r.err
    assert "never-used" not in r.out + r.err
    table = r.out.splitlines()
    assert table[0].split() == ["SERVER", "RESULT", "CHANGED", "VERIFICATION"]
    assert table[1].startswith("alpha ") and table[2].startswith("beta ")
    assert "AUTH DIGEST-MD5 CRAM-MD5 (trusted: none)" in r.out

    plan = run_cli(["plan", *common, "--profile", "classic", "--json"])
    assert plan.code == 0, plan.err
    rows = rows_of(plan)
    assert list(rows) == ["alpha", "beta"]
    for name, s in (("alpha", a), ("beta", b)):
        row = rows[name]
        assert row["target"] == f"root@{s.address}:22"
        assert str(row["changed"]).startswith("would change 1 file")
        diff = "".join(f["diff"] for f in row["plan"]["files"])  # type: ignore[index]
        assert "+TRUST_AUTH_MECH(`DIGEST-MD5 CRAM-MD5')dnl" in diff

    only = run_cli(["plan", *common, "--limit", "branch", "--profile", "classic"])
    assert only.code == 0, only.err
    assert "beta " in only.out and "alpha" not in only.out
    assert "1 of 1 server succeeded." in only.out

    # Planning changed nothing anywhere.
    assert {s.address: s.run(SNAPSHOT).stdout for s in pair} == stock


def test_plan_with_one_job_runs_one_server_after_the_other(
    pair: tuple[LabServer, LabServer], known: Path
) -> None:
    r = fleet(pair, known, "plan", "--profile", "classic", "--jobs", "1", "--json")
    assert r.code == 0, r.err
    first, second = json.loads(r.out)
    assert float(second["started"]) >= float(first["finished"])


def test_unknown_host_key_fails_that_server_only(
    pair: tuple[LabServer, LabServer], tmp_path: Path
) -> None:
    a, b = pair
    known = tmp_path / "known_hosts"
    known.write_text(f"{a.address} {a.host_key_line}\n")  # b was never seen
    r = fleet(pair, known, "inspect")
    assert r.code == 1
    assert f"{b.address}: The server {b.address} (port 22) is not known yet" in r.out
    assert "--accept-new-host-key" in r.out
    assert b.address not in known.read_text(), "nothing accepted without being asked to"
    assert "1 of 2 servers succeeded." in r.out

    ok = fleet(pair, known, "inspect", "--accept-new-host-key")
    assert ok.code == 0, ok.out + ok.err
    assert b.address in known.read_text()


def test_users_add_on_both_reads_the_password_once(
    pair: tuple[LabServer, LabServer], known: Path
) -> None:
    password = "Correct-Horse-9"
    r = fleet(pair, known, "users", "add", "alice", "--password-stdin", stdin=password + "\n")
    assert r.code == 0, r.out + r.err
    assert password not in r.out + r.err
    for s in pair:
        assert f"alice@{s.fqdn}" in s.run("sasldblistusers2").stdout
        assert f"alice@{s.fqdn}: created" in r.out


class Terminal(Console):
    """A person at a terminal who types the SSH password when asked, and counts the asks."""

    def __init__(self, password: str) -> None:
        super().__init__(stdin=io.StringIO(), stderr=io.StringIO())
        self.password = password
        self.prompts: list[str] = []
        self.asked_from: set[str] = set()

    @property
    def interactive(self) -> bool:
        return True

    def secret(self, prompt: str) -> str | None:
        self.prompts.append(prompt)
        self.asked_from.add(threading.current_thread().name)
        return self.password


def test_a_password_is_asked_once_before_the_servers_start(
    pair: tuple[LabServer, LabServer], known: Path
) -> None:
    a, b = pair
    assert a.admin_password == b.admin_password  # the lab's admin, with password sudo
    terminal = Terminal(a.admin_password)
    out = io.StringIO()
    argv = ["inspect", f"admin@{a.address}", f"admin@{b.address}", "--known-hosts", str(known)]
    code = main([*argv, "--no-agent"], console=terminal, out=out)
    assert code == 0, out.getvalue() + terminal.stderr.getvalue()  # type: ignore[attr-defined]
    assert terminal.prompts == [f"SSH password for admin@{a.address}: "]
    assert terminal.asked_from == {threading.main_thread().name}
    assert "2 of 2 servers succeeded." in out.getvalue()
    assert a.admin_password not in out.getvalue() + terminal.stderr.getvalue()  # type: ignore[attr-defined]
