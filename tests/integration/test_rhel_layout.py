"""The wizard on a server laid out the RHEL way: inspect, apply (both profiles), users,
test-send, a restart the host's way, rollback.

The server is the lab's ``rhel`` flavour (tests/lab/rhel.py): Debian's binaries laid out
the RHEL way, a layout emulation, not RHEL. Its sendmail.mc is RHEL's default, its SASL
config ``/etc/sasl2/Sendmail.conf`` (``pwcheck_method:saslauthd``), its rebuild
``/etc/mail/make``, and sendmail runs under ``sendmail.service`` (started by the lab's
systemctl shim, which runs the unit's ``ExecStartPre=-/etc/mail/make`` like systemd). The
SMTP checks come from the test side, which the server does not trust.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.integration.helpers import Run, known_hosts_for, run_cli, ssh_root_args
from tests.lab.lab import LabServer
from wizard.core.mail.smtp import SmtpClient, SmtpSettings

FILES = "/etc/mail/sendmail.mc /etc/mail/sendmail.cf /etc/sasl2/Sendmail.conf"
SNAPSHOT = f"cd / && sha256sum {FILES} && stat -c '%n %U %G %a' {FILES}"
PASSWORD = "Rhel-Layout-Pw-5"
SENDER = "staff@example.com"
RECIPIENT = "someone@example.net"


@pytest.fixture
def known(tmp_path: Path, rhel_server: LabServer) -> Path:
    return known_hosts_for(rhel_server, tmp_path / "known_hosts")


def cli(server: LabServer, known: Path, *args: str, stdin: str = "") -> Run:
    """``relay-wizard COMMAND root@server ...`` as the admin would run it."""
    target = [f"root@{server.address}", "-i", str(server.root_key), "--no-agent"]
    return run_cli([args[0], *target, "--known-hosts", str(known), *args[1:]], stdin)


def send_as_alice(server: LabServer, known: Path, *args: str) -> dict[str, object]:
    """``relay-wizard test-send`` as alice; the reply's JSON (asserted a success)."""
    argv = ["test-send", *args, "--user", "alice", "--to", RECIPIENT, "--password-stdin"]
    r = run_cli([*argv, "--json", *ssh_root_args(server, known)], PASSWORD + "\n")
    assert r.code == 0, r.out + r.err
    return json.loads(r.out)  # type: ignore[no-any-return]


def listening(server: LabServer) -> set[str]:
    out = server.run("ss -ltnH | awk '{print $4}'").stdout.split()
    return {a for a in out if not a.endswith(":22")}


def daemon_pid(server: LabServer) -> str:
    return server.run("head -n 1 /run/sendmail.pid").stdout.strip()


def relay_without_login(server: LabServer, port: int) -> int:
    """The reply code a stranger gets for RCPT to another domain without a login."""
    client = SmtpClient(SmtpSettings(server.address, port, timeout=20, verify_cert=False))
    client.open()
    with client as c:
        if port == 587:
            c.starttls()
            c.ehlo()
        r = c.mail(SENDER)
        return r.code if r.code >= 400 else c.rcpt(RECIPIENT).code


def restart_the_host_way(server: LabServer) -> None:
    """``systemctl restart sendmail``: the unit's ExecStartPre runs /etc/mail/make, which
    rebuilds sendmail.cf from a newer sendmail.mc, then sendmail starts again."""
    before = daemon_pid(server)
    cf = server.run("sha256sum /etc/mail/sendmail.cf").stdout
    server.run("systemctl restart sendmail")
    assert daemon_pid(server) != before, "the daemon was not restarted"
    assert server.run("systemctl is-active sendmail").stdout.strip() == "active"
    assert server.run("sha256sum /etc/mail/sendmail.cf").stdout == cf, "make rebuilt the cf"


# --------------------------------------------------------------------------- inspect


def test_inspect_reports_the_rhel_layout(rhel_server: LabServer, known: Path) -> None:
    s = rhel_server
    # The flavour is what it claims: none of Debian's own paths is there to be found.
    gone = "/etc/mail/sasl /etc/init.d/sendmail /usr/share/sendmail/cf /etc/mail/sendmail.conf"
    assert s.run(f"ls -d {gone} 2>/dev/null; true").stdout == ""
    before = s.run(SNAPSHOT).stdout

    r = cli(s, known, "inspect", "--json")
    assert r.code == 0, r.err
    j = json.loads(r.out)
    sm, lay = j["sendmail"], j["layout"]
    assert sm["layout"] == lay["name"] == "rhel"
    assert sm["mc_path"] == lay["mc_path"] == "/etc/mail/sendmail.mc"
    assert sm["cf_dir"] == "/usr/share/sendmail-cf"
    assert sm["rebuild"] == "/etc/mail/make"
    assert sm["pid_file"] == "/run/sendmail.pid"
    assert sm["restart"] == "systemctl restart sendmail"
    assert j["service_manager"] == "systemd"
    assert lay["unit"] == "/usr/lib/systemd/system/sendmail.service"
    assert j["sasl"]["config_path"] == "/etc/sasl2/Sendmail.conf"
    assert j["sasl"]["pwcheck_method"] == "saslauthd"
    assert j["sasl"]["sasldb_path"] == "/etc/sasldb2"
    assert j["sasl"]["users"] == 0
    assert {"address": "127.0.0.1", "port": 25, "process": "sendmail"} in j["listening"]
    levels = {f["id"]: f["level"] for f in j["findings"]}
    assert levels["layout"] == "ok"
    assert levels["sasl_saslauthd"] == "warning"
    assert levels["sendmail_sasl"] == "ok"
    layout = next(f for f in j["findings"] if f["id"] == "layout")
    assert "Red Hat way" in layout["message"]  # the plain sentence; the paths in its detail
    assert "/etc/mail/make" in layout["detail"] and "/etc/sasl2/Sendmail.conf" in layout["detail"]
    assert s.run(SNAPSHOT).stdout == before, "inspecting must change nothing"


# --------------------------------------------------------------------------- classic


def test_classic_apply_users_send_restart_and_rollback(rhel_server: LabServer, known: Path) -> None:
    s = rhel_server
    stock = s.run(SNAPSHOT).stdout
    assert listening(s) == {"127.0.0.1:25"}

    plan = cli(s, known, "plan", "--profile", "classic")
    assert plan.code == 0, plan.err
    # the reload step shows the script it runs and, in words, how this host reloads
    assert "restart.sh ID auto" in plan.out
    assert "HUP to the running sendmail" in plan.out and "pid file /run/sendmail.pid" in plan.out
    assert s.run(SNAPSHOT).stdout == stock, "planning must change nothing"

    r = cli(s, known, "apply", "--profile", "classic", "--yes")
    assert r.code == 0, r.out + r.err
    assert "Applied and verified" in r.out
    assert "0.0.0.0:25" in listening(s)
    assert relay_without_login(s, 25) == 550
    journal = s.run('cat "$(ls -d /var/lib/relay-wizard/journal/* | tail -n 1)/paths"')
    assert journal.stdout == "mc\t/etc/mail/sendmail.mc\ncf\t/etc/mail/sendmail.cf\n"

    add = cli(s, known, "users", "add", "alice", "--password-stdin", stdin=PASSWORD + "\n")
    assert add.code == 0, add.err
    # RHEL has no sasldb until the first account; the wizard made it private.
    assert s.run("stat -c '%a' /etc/sasldb2").stdout.strip()[-1] == "0"
    listed = cli(s, known, "users", "list", "--json")
    assert listed.code == 0, listed.err
    assert json.loads(listed.out)["users"] == [{"name": "alice", "realm": s.fqdn}]

    for mech in ("CRAM-MD5", "DIGEST-MD5"):
        j = send_as_alice(s, known, s.address, "--security", "none", "--mech", mech)
        assert j["mechanism"] == mech
        assert j["fate"]["state"] in ("queued", "deferred"), j["fate"]  # type: ignore[index]
        # the fate comes from RHEL's mail log, /var/log/maillog
        assert any(j["queue_id"] in line for line in j["fate"]["log"])  # type: ignore[index]

    restart_the_host_way(s)
    assert "0.0.0.0:25" in listening(s)
    assert relay_without_login(s, 25) == 550
    j = send_as_alice(s, known, s.address, "--security", "none", "--mech", "CRAM-MD5")
    assert j["fate"]["state"] in ("queued", "deferred")  # type: ignore[index]

    gone = cli(s, known, "users", "remove", "alice")
    assert gone.code == 0, gone.err
    assert "alice" not in s.run("sasldblistusers2 -f /etc/sasldb2").stdout

    back = cli(s, known, "rollback")
    assert back.code == 0, back.out + back.err
    assert "restored /etc/mail/sendmail.mc" in back.out
    assert s.run(SNAPSHOT).stdout == stock, "rollback must restore every file byte for byte"
    assert listening(s) == {"127.0.0.1:25"}
    # ... and the host's own restart keeps it that way (no rebuild from a newer .mc)
    restart_the_host_way(s)
    assert s.run(SNAPSHOT).stdout == stock
    assert listening(s) == {"127.0.0.1:25"}


def test_rollback_starts_a_stopped_sendmail_the_host_way(
    rhel_server: LabServer, known: Path
) -> None:
    s = rhel_server
    stock = s.run(SNAPSHOT).stdout
    r = cli(s, known, "apply", "--profile", "classic", "--yes")
    assert r.code == 0, r.out + r.err
    s.run("systemctl stop sendmail")
    assert listening(s) == set()

    back = cli(s, known, "rollback")
    assert back.code == 0, back.out + back.err
    assert "reloaded with: systemctl restart sendmail" in back.out
    assert s.run(SNAPSHOT).stdout == stock
    assert listening(s) == {"127.0.0.1:25"}
    assert s.run("systemctl is-active sendmail").stdout.strip() == "active"


# --------------------------------------------------------------------------- modern


def test_modern_apply_users_send_restart_and_rollback(rhel_server: LabServer, known: Path) -> None:
    s = rhel_server
    stock = s.run(SNAPSHOT).stdout

    r = cli(s, known, "apply", "--profile", "modern", "--yes")
    assert r.code == 0, r.out + r.err
    assert "Applied and verified" in r.out
    assert "0.0.0.0:587" in listening(s)
    # PLAIN and LOGIN check the sasldb: RHEL's SASL config, where RHEL keeps it
    conf = s.run("cat /etc/sasl2/Sendmail.conf").stdout
    assert "pwcheck_method: auxprop" in conf and "auxprop_plugin: sasldb" in conf
    assert s.run("ls -d /etc/mail/sasl 2>/dev/null; true").stdout == ""
    assert relay_without_login(s, 587) == 530

    add = cli(s, known, "users", "add", "alice", "--password-stdin", stdin=PASSWORD + "\n")
    assert add.code == 0, add.err
    fingerprint = (
        s.run("openssl x509 -noout -fingerprint -sha256 -in /etc/pki/tls/certs/sendmail.pem")
        .stdout.strip()
        .split("=", 1)[1]
    )
    for mech in ("PLAIN", "LOGIN"):
        j = send_as_alice(s, known, f"{s.address}:587", "--mech", mech, "--pin-cert", fingerprint)
        assert j["mechanism"] == mech and j["tls"] is True
        assert j["fate"]["state"] in ("queued", "deferred"), j["fate"]  # type: ignore[index]

    restart_the_host_way(s)
    assert "0.0.0.0:587" in listening(s)
    assert relay_without_login(s, 587) == 530
    j = send_as_alice(s, known, f"{s.address}:587", "--mech", "PLAIN", "--pin-cert", fingerprint)
    assert j["tls"] is True

    back = cli(s, known, "rollback")
    assert back.code == 0, back.out + back.err
    assert "restored /etc/sasl2/Sendmail.conf" in back.out
    assert s.run(SNAPSHOT).stdout == stock, "rollback must restore every file byte for byte"
    assert listening(s) == {"127.0.0.1:25"}
