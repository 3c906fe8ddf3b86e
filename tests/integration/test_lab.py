"""The lab itself: stock state, isolation from the host, fast reset, clean teardown."""

from __future__ import annotations

import hashlib
import socket
import subprocess
from pathlib import Path

from tests.lab import lab as labmod
from tests.lab.lab import LabServer


def host_mail_state() -> str:
    """A digest of the host's own mail files (or of their absence)."""
    h = hashlib.sha256()
    for root in (
        Path("/etc/mail"),
        Path("/etc/sasldb2"),
        Path("/var/spool/mqueue"),
        Path("/etc/postfix"),
        Path("/var/spool/postfix"),
    ):
        if not root.exists():
            h.update(f"absent {root}".encode())
            continue
        paths = [root] if root.is_file() else sorted(p for p in root.rglob("*") if p.is_file())
        for p in paths:
            h.update(str(p).encode() + p.read_bytes())
    return h.hexdigest()


def test_stock_server_is_debian_stock_and_non_local(lab_server: LabServer) -> None:
    out = lab_server.run(
        "hostname; grep -c '^DAEMON_OPTIONS(.*Addr=127.0.0.1' /etc/mail/sendmail.mc; "
        "grep -c TRUST_AUTH_MECH /etc/mail/sendmail.mc || true; "
        "grep -q 'Connect:127' /etc/mail/access && echo loopback-relays"
    ).stdout.split()
    assert out == [lab_server.fqdn, "2", "0", "loopback-relays"]
    # The test side is not loopback to the server: its address is the veth peer's.
    seen = lab_server.run("ip -4 -o addr show eth0").stdout
    assert f"{lab_server.address}/30" in seen
    assert not lab_server.client_address.startswith("127.")
    # Port 25 is on loopback only: from the test side it is closed.
    with socket.socket() as s:
        s.settimeout(3)
        assert s.connect_ex((lab_server.address, 25)) != 0


def test_lab_never_touches_the_hosts_mail_files(lab: object) -> None:
    before = host_mail_state()
    server = labmod.start("lab-iso")
    try:
        server.run("echo changed >> /etc/mail/sendmail.mc; echo x > /etc/sasldb2")
        assert "changed" in server.run("tail -1 /etc/mail/sendmail.mc").stdout
    finally:
        labmod.stop("lab-iso")
    assert host_mail_state() == before


def test_two_servers_side_by_side_have_their_own_names_and_files(lab_server: LabServer) -> None:
    other = labmod.start("lab-two")
    try:
        assert other.address != lab_server.address
        assert other.run("hostname").stdout.strip() == other.fqdn != lab_server.fqdn
        other.run("echo only-here > /etc/mail/marker")
        assert lab_server.run("test -e /etc/mail/marker", check=False).returncode == 1
    finally:
        labmod.stop("lab-two")


def test_reset_restores_pristine_state_and_teardown_leaves_nothing() -> None:
    server = labmod.start("lab-reset")
    try:
        pristine = server.run("sha256sum /etc/mail/sendmail.mc /etc/mail/sendmail.cf").stdout
        server.run("echo 'dnl edited' >> /etc/mail/sendmail.mc; useradd -M intruder")
        server = server.reset()
        assert (
            server.run("sha256sum /etc/mail/sendmail.mc /etc/mail/sendmail.cf").stdout == pristine
        )
        assert server.run("id intruder", check=False).returncode != 0
        assert server.run("pgrep -f 'sendmail: MTA'", check=False).returncode == 0
    finally:
        labmod.stop("lab-reset", forget=True)
    netns = subprocess.run(["ip", "netns", "list"], capture_output=True, text=True).stdout
    assert "rwlab-lab-reset" not in netns
    leftovers = [x for x in labmod.leftovers() if "lab-reset" in x]
    assert leftovers == []
    assert not (labmod.LAB_DIR / "servers" / "lab-reset").exists()


def test_postfix_server_is_debian_stock_postfix_and_resets(postfix_server: LabServer) -> None:
    """The postfix variant: Debian 12's Postfix as installed ("Internet Site"), no sendmail,
    its own name in main.cf; a reset brings main.cf back and the host's files stay apart."""
    s = postfix_server
    before = host_mail_state()
    facts = s.run(
        "postconf -h mail_version myhostname smtpd_relay_restrictions smtpd_sasl_auth_enable; "
        "dpkg -s sendmail-bin >/dev/null 2>&1 && echo sendmail || echo no-sendmail; "
        "kill -0 $(cat /var/spool/postfix/pid/master.pid) && echo master-running"
    ).stdout.splitlines()
    assert facts == [
        "3.7.11",
        s.fqdn,
        "permit_mynetworks permit_sasl_authenticated defer_unauth_destination",
        "no",
        "no-sendmail",
        "master-running",
    ]
    # inet_interfaces = all: port 25 answers the test side, and refuses to relay for it
    # with the temporary code defer_unauth_destination gives (field notes §13)
    with socket.create_connection((s.address, 25), timeout=10) as c:
        f = c.makefile("rwb")
        assert f.readline().startswith(b"220 ")
        for line in (
            b"EHLO client.lab.test",
            b"MAIL FROM:<a@example.org>",
            b"RCPT TO:<b@example.net>",
        ):
            f.write(line + b"\r\n")
            f.flush()
            reply = f.readline()
            while reply[3:4] == b"-":
                reply = f.readline()
        assert reply.startswith(b"454 4.7.1") and b"Relay access denied" in reply
    pristine = s.run("sha256sum /etc/postfix/main.cf /etc/postfix/master.cf").stdout
    s.run("postconf -e 'mynetworks = 0.0.0.0/0' && postfix reload")
    s = s.reset()
    assert s.run("sha256sum /etc/postfix/main.cf /etc/postfix/master.cf").stdout == pristine
    assert host_mail_state() == before
