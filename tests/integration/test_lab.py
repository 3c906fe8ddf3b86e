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
    for root in (Path("/etc/mail"), Path("/etc/sasldb2"), Path("/var/spool/mqueue")):
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
