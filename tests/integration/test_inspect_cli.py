"""`relay-wizard inspect` against the real lab: true values, following hand edits, errors.

Every error test also checks that the server's mail configuration is unchanged.
"""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.lab.lab import LabServer
from wizard.cli.main import main

FINGERPRINT_OF_MAIL_FILES = (
    "cd / && find etc/mail etc/sasldb2 -type f -print0 | sort -z | xargs -0 sha256sum"
)


class Run:
    def __init__(self, code: int, out: str, err: str) -> None:
        self.code, self.out, self.err = code, out, err


def cli(args: list[str], env: dict[str, str], monkeypatch: pytest.MonkeyPatch) -> Run:
    for key in ("RELAY_WIZARD_SSH_PASSWORD", "RELAY_WIZARD_SUDO_PASSWORD", "SSH_AUTH_SOCK"):
        monkeypatch.delenv(key, raising=False)
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    out, err = io.StringIO(), io.StringIO()
    from wizard.cli.console import Console

    code = main(args, console=Console(stdin=io.StringIO(), stderr=err), out=out)
    return Run(code, out.getvalue(), err.getvalue())


def snapshot(server: LabServer) -> str:
    return server.run(FINGERPRINT_OF_MAIL_FILES).stdout


@pytest.fixture
def known(tmp_path: Path, lab_server: LabServer) -> Path:
    path = tmp_path / "known_hosts"
    path.write_text(f"{lab_server.address} {lab_server.host_key_line}\n")
    return path


def test_inspect_json_reports_the_stock_server(
    lab_server: LabServer, known: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    r = cli(
        ["inspect", f"admin@{lab_server.address}:22", "--known-hosts", str(known), "--json"],
        {"RELAY_WIZARD_SSH_PASSWORD": lab_server.admin_password},
        monkeypatch,
    )
    assert r.code == 0, r.err
    j = json.loads(r.out)
    assert j["os"].startswith("Debian GNU/Linux 12")
    assert j["sendmail"]["version"].startswith("8.17")
    assert j["sendmail"]["sasl"] is True
    assert j["sendmail"]["starttls"] is True
    assert j["realm"] == lab_server.fqdn
    assert {"name": "MTA-v4", "address": "127.0.0.1", "port": 25} in [
        {k: lst[k] for k in ("name", "address", "port")} for lst in j["listeners"]
    ]
    assert {"address": "127.0.0.1", "port": 25, "process": "sendmail"} in j["listening"]
    assert j["auth"]["advertised"] == ["DIGEST-MD5", "CRAM-MD5"]
    assert j["auth"]["trusted"] == []
    assert j["auth"]["options"] == []
    assert j["sasl"]["pwcheck_method"] == "saslauthd"
    assert j["sasl"]["users"] == 0
    assert j["tls"]["offered"] is False
    ids = {f["id"]: f["level"] for f in j["findings"]}
    assert ids["auth_not_trusted"] == "warning"
    assert ids["listeners_loopback"] == "warning"


def test_report_follows_a_hand_edit(
    fresh_server: LabServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    known = tmp_path / "known_hosts"
    known.write_text(f"{fresh_server.address} {fresh_server.host_key_line}\n")
    fresh_server.run(
        "set -e; cd /etc/mail\n"
        "sed -i 's/^MAILER_DEFINITIONS/TRUST_AUTH_MECH(`DIGEST-MD5 CRAM-MD5'\\'')dnl\\n"
        "define(`confAUTH_OPTIONS'\\'', `A p y'\\'')dnl\\nMAILER_DEFINITIONS/' sendmail.mc\n"
        "sed -i 's/Port=smtp, Addr=127.0.0.1/Port=smtp/' sendmail.mc\n"
        "make -C /etc/mail sendmail.cf >/dev/null 2>&1\n"
        "/etc/init.d/sendmail restart >/dev/null 2>&1\n"
        "printf '%s\\n' secret | saslpasswd2 -p -c -u \"$(hostname -f)\" alice\n"
    )
    r = cli(
        [
            "inspect",
            f"root@{fresh_server.address}",
            "-i",
            str(fresh_server.root_key),
            "--known-hosts",
            str(known),
            "--json",
        ],
        {},
        monkeypatch,
    )
    assert r.code == 0, r.err
    j = json.loads(r.out)
    assert j["auth"]["trusted"] == ["DIGEST-MD5", "CRAM-MD5"]
    assert j["auth"]["options"] == ["A", "p", "y"]
    mta = next(lst for lst in j["listeners"] if lst["name"] == "MTA-v4")
    assert mta["address"] == "0.0.0.0"
    assert {"address": "0.0.0.0", "port": 25, "process": "sendmail"} in j["listening"]
    assert j["sasl"]["users"] == 1
    ids = {f["id"] for f in j["findings"]}
    assert "auth_trusted" in ids and "auth_not_trusted" not in ids


def test_human_output_and_the_installed_command(lab_server: LabServer, known: Path) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("RELAY_WIZARD")}
    env["RELAY_WIZARD_SSH_PASSWORD"] = lab_server.deploy_password
    exe = Path(sys.executable).with_name("relay-wizard")
    proc = subprocess.run(
        [
            str(exe),
            "inspect",
            f"deploy@{lab_server.address}",
            "--known-hosts",
            str(known),
            "--no-agent",
        ],
        capture_output=True,
        text=True,
        env=env,
        stdin=subprocess.DEVNULL,
        timeout=60,
    )
    assert proc.returncode == 0, proc.stderr
    assert f"Realm       {lab_server.fqdn}" in proc.stdout
    assert "advertised DIGEST-MD5 CRAM-MD5; trusted none" in proc.stdout
    assert (
        "[WARN] Staff can log in, but the server still refuses to pass their mail on" in proc.stdout
    )
    assert lab_server.deploy_password not in proc.stdout + proc.stderr


# ----------------------------------------------------------------------------- errors


def expect_failure(r: Run, *phrases: str) -> None:
    assert r.code == 1, (r.code, r.out, r.err)
    assert r.out == ""
    line = r.err.strip()
    assert "\n" not in line, "the reason must be one line"
    assert line.startswith("relay-wizard: ")
    for phrase in phrases:
        assert phrase in line, line


def test_wrong_ssh_password(
    lab_server: LabServer, known: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = snapshot(lab_server)
    r = cli(
        ["inspect", f"admin@{lab_server.address}", "--known-hosts", str(known)],
        {"RELAY_WIZARD_SSH_PASSWORD": "not-the-password"},
        monkeypatch,
    )
    expect_failure(r, "refused the login for user admin")
    assert "not-the-password" not in r.err
    assert snapshot(lab_server) == before


def test_unreachable_host(
    unreachable_address: str, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    r = cli(
        [
            "inspect",
            f"admin@{unreachable_address}",
            "--known-hosts",
            str(tmp_path / "k"),
            "--timeout",
            "3",
        ],
        {"RELAY_WIZARD_SSH_PASSWORD": "x"},
        monkeypatch,
    )
    expect_failure(r, unreachable_address, "cannot be reached", "switched on")


def test_unknown_host_name(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    r = cli(
        ["inspect", "admin@no-such-host.invalid", "--known-hosts", str(tmp_path / "k")],
        {"RELAY_WIZARD_SSH_PASSWORD": "x"},
        monkeypatch,
    )
    expect_failure(r, "Cannot find the server name 'no-such-host.invalid'")


def test_closed_port(lab_server: LabServer, known: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    r = cli(
        ["inspect", f"admin@{lab_server.address}:2222", "--known-hosts", str(known)],
        {"RELAY_WIZARD_SSH_PASSWORD": lab_server.admin_password},
        monkeypatch,
    )
    expect_failure(r, "Nothing listens on port 2222", "right port")


def test_wrong_sudo_password(
    lab_server: LabServer, known: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = snapshot(lab_server)
    r = cli(
        ["inspect", f"admin@{lab_server.address}", "--known-hosts", str(known)],
        {
            "RELAY_WIZARD_SSH_PASSWORD": lab_server.admin_password,
            "RELAY_WIZARD_SUDO_PASSWORD": "wrong-sudo-pw",
        },
        monkeypatch,
    )
    expect_failure(r, "sudo password was not accepted")
    assert "wrong-sudo-pw" not in r.err
    assert snapshot(lab_server) == before


def test_user_without_sudo_rights(
    lab_server: LabServer, known: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = snapshot(lab_server)
    r = cli(
        ["inspect", f"guest@{lab_server.address}", "--known-hosts", str(known)],
        {"RELAY_WIZARD_SSH_PASSWORD": lab_server.guest_password},
        monkeypatch,
    )
    expect_failure(r, "guest has no sudo rights", "Log in as root")
    assert snapshot(lab_server) == before


def test_changed_host_key_is_refused(
    lab_server: LabServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    other = tmp_path / "other"
    subprocess.run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", str(other)], check=True)
    known = tmp_path / "known_hosts"
    known.write_text(
        f"{lab_server.address} {' '.join(other.with_suffix('.pub').read_text().split()[:2])}\n"
    )
    before = snapshot(lab_server)
    r = cli(
        [
            "inspect",
            f"admin@{lab_server.address}",
            "--known-hosts",
            str(known),
            "--accept-new-host-key",
        ],
        {"RELAY_WIZARD_SSH_PASSWORD": lab_server.admin_password},
        monkeypatch,
    )
    expect_failure(r, "has CHANGED", "Do not continue")
    assert snapshot(lab_server) == before


def test_unknown_host_key_without_a_terminal_names_the_fingerprint(
    lab_server: LabServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    pub = tmp_path / "key.pub"
    pub.write_text(lab_server.host_key_line + "\n")
    fp = subprocess.run(
        ["ssh-keygen", "-lf", str(pub)], capture_output=True, text=True, check=True
    ).stdout.split()[1]
    known = tmp_path / "known_hosts"
    r = cli(
        ["inspect", f"admin@{lab_server.address}", "--known-hosts", str(known)],
        {"RELAY_WIZARD_SSH_PASSWORD": lab_server.admin_password},
        monkeypatch,
    )
    expect_failure(r, "is not known yet", fp, "--accept-new-host-key")
    assert not known.exists() or known.read_text() == ""
    r = cli(
        [
            "inspect",
            f"admin@{lab_server.address}",
            "--known-hosts",
            str(known),
            "--accept-new-host-key",
            fp,
            "--json",
        ],
        {"RELAY_WIZARD_SSH_PASSWORD": lab_server.admin_password},
        monkeypatch,
    )
    assert r.code == 0, r.err
    assert lab_server.host_key_line.split()[1] in known.read_text()


def test_sendmail_not_installed(
    bare_server: LabServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    known = tmp_path / "known_hosts"
    known.write_text(f"{bare_server.address} {bare_server.host_key_line}\n")
    r = cli(
        ["inspect", f"admin@{bare_server.address}", "--known-hosts", str(known)],
        {"RELAY_WIZARD_SSH_PASSWORD": bare_server.admin_password},
        monkeypatch,
    )
    # neither mail server: the message names both, and how to install either
    expect_failure(
        r,
        f"Neither sendmail nor Postfix is installed on {bare_server.address}",
        "apt install postfix",
    )
    assert bare_server.run("test ! -e /etc/mail", check=False).returncode == 0


def test_usage_errors_exit_2(monkeypatch: pytest.MonkeyPatch) -> None:
    r = cli(["inspect", "admin@bad host!"], {}, monkeypatch)
    assert r.code == 2 and "not a valid host name" in r.err
    r = cli(["inspect"], {}, monkeypatch)
    assert r.code == 2 and "TARGET" in r.err
    r = cli(["inspect", "admin@host:99999"], {}, monkeypatch)
    assert r.code == 2 and "out of range" in r.err
