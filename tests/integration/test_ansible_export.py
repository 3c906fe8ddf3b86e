"""The Ansible export run by the real ansible-playbook (ansible-core from PyPI).

First on this machine (connection local): the exported edit task, as written, applied to
copies of real sendmail.mc files gives exactly what the product's own editor gives, and a
second run changes nothing. Then against two fresh lab servers over real SSH: the playbook
brings both to a state the product itself verifies (audit-relay, an authenticated test
send, a plan with nothing to do), and a second run reports changed=0.
"""

from __future__ import annotations

import json
import os
import re
import shlex
import subprocess
import sys
from pathlib import Path
from typing import Any

import yaml

from tests.integration.helpers import run_cli
from tests.lab.lab import LabServer
from wizard.core.change.options import RelayOptions
from wizard.core.exports import playbook
from wizard.core.exports.playbook_source import vault_var
from wizard.core.exports.playbook_tasks import render_playbook
from wizard.core.mta.sendmail.mcplan import edit_mc
from wizard.core.mta.sendmail.state import DEBIAN_KEY_MODE

BIN = Path(sys.executable).parent
DATA = Path(__file__).parent.parent / "data" / "mc"
TLS = (
    "/etc/mail/tls/sendmail-server.crt",
    "/etc/mail/tls/sendmail-common.key",
    "/etc/mail/tls/sendmail-server.crt",
)
PASSWORD = "Vaulted-Pw-4711"
VAULT_PASSWORD = "test-vault-password"
RECAP = re.compile(
    r"^(\S+)\s+:\s+ok=(\d+)\s+changed=(\d+)\s+unreachable=(\d+)\s+failed=(\d+)", re.M
)


def ansible_env(tmp: Path) -> dict[str, str]:
    """Ansible confined to ``tmp``: its own HOME, temp dirs, empty config; no colour."""
    home = tmp / "home"
    home.mkdir(exist_ok=True)
    config = tmp / "ansible.cfg"
    config.write_text("[defaults]\n")
    env = {k: v for k, v in os.environ.items() if not k.startswith("ANSIBLE_")}
    env.update(
        HOME=str(home),
        ANSIBLE_CONFIG=str(config),
        ANSIBLE_LOCAL_TEMP=str(home / "tmp"),
        ANSIBLE_SSH_CONTROL_PATH_DIR=str(home / "cp"),
        ANSIBLE_HOST_KEY_CHECKING="True",
        ANSIBLE_PIPELINING="True",
        ANSIBLE_NOCOLOR="1",
        ANSIBLE_FORCE_COLOR="0",
        ANSIBLE_RETRY_FILES_ENABLED="False",
    )
    return env


def run(argv: list[str], tmp: Path, stdin: str = "") -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        argv,
        cwd=tmp,
        env=ansible_env(tmp),
        input=stdin,
        capture_output=True,
        text=True,
        timeout=900,
        check=False,
    )


def recap(output: str) -> dict[str, dict[str, int]]:
    return {
        m.group(1): {
            "ok": int(m.group(2)),
            "changed": int(m.group(3)),
            "unreachable": int(m.group(4)),
            "failed": int(m.group(5)),
        }
        for m in RECAP.finditer(output)
    }


# --------------------------------------------------------------------------- local


CASES = [
    ("debian12-sendmail.mc", "modern", RelayOptions("modern", open_smtp=True, smtps=True)),
    ("debian12-sendmail.mc", "classic", RelayOptions("classic")),
    ("rhel7-sendmail-redhat.mc", "modern", RelayOptions("modern")),
    ("sendmail-generic-linux.mc", "modern", RelayOptions("modern")),
    ("freebsd-freebsd.mc", "classic", RelayOptions("classic", mechanisms=("CRAM-MD5",))),
    (
        "pld-sendmail.mc",
        "modern",
        RelayOptions("modern", mechanisms=("PLAIN", "LOGIN", "CRAM-MD5")),
    ),
]


def test_the_exported_edit_task_run_by_ansible_gives_the_products_mc(tmp_path: Path) -> None:
    plays: list[dict[str, Any]] = []
    expected: dict[Path, str] = {}
    for number, (name, profile, options) in enumerate(CASES):
        text = (DATA / name).read_text()
        target = tmp_path / f"{number}-{name}"
        target.write_text(text)
        o = options.validated()
        # offline, Debian's certificate and its key's mode (0640) are assumed
        key_mode = DEBIAN_KEY_MODE if not o.cert_file else 0
        tls = TLS if profile == "modern" else ("", "", "")
        expected[target] = edit_mc(text, o, tls, key_mode)
        source = playbook.source_from_mc(text, options, name)
        exported = yaml.safe_load(render_playbook(source))[0]
        edit = next(t for t in exported["tasks"] if t["name"].endswith("apply the profile's edits"))
        args = dict(edit["ansible.builtin.lineinfile"])
        # This machine has no sendmail-cf to validate with; the lab run below validates.
        assert " %s m4" in args.pop("validate")
        args["path"] = str(target)
        plays.append(
            {
                "name": f"{name} {profile}",
                "hosts": "localhost",
                "gather_facts": False,
                "vars": {"relay_wizard_mc_edits": exported["vars"]["relay_wizard_mc_edits"]},
                "tasks": [{"name": edit["name"], "ansible.builtin.lineinfile": args,
                           "loop": edit["loop"]}],
            }
        )  # fmt: skip
    book = tmp_path / "local.yml"
    book.write_text(yaml.safe_dump(plays, sort_keys=False))
    argv = [
        str(BIN / "ansible-playbook"),
        "-i",
        "localhost,",
        "-c",
        "local",
        "-e",
        f"ansible_python_interpreter={sys.executable}",
        str(book),
    ]
    first = run(argv, tmp_path)
    assert first.returncode == 0, first.stdout[-3000:] + first.stderr[-2000:]
    assert recap(first.stdout)["localhost"]["changed"] == len(CASES)
    for path, want in expected.items():
        assert path.read_text() == want, path.name
    second = run(argv, tmp_path)
    assert second.returncode == 0, second.stdout[-3000:]
    assert recap(second.stdout)["localhost"]["changed"] == 0
    for path, want in expected.items():
        assert path.read_text() == want, path.name


# --------------------------------------------------------------------------- the lab


def cert_sha256(server: LabServer) -> str:
    out = server.run(
        "openssl x509 -noout -fingerprint -sha256 -in /etc/mail/tls/sendmail-server.crt"
    ).stdout
    return out.strip().split("=", 1)[1]


def test_playbook_configures_two_fresh_servers_and_a_second_run_changes_nothing(
    fresh_server: LabServer, second_server: LabServer, tmp_path: Path
) -> None:
    servers = {"first": fresh_server, "second": second_server}
    known = tmp_path / "known_hosts"
    known.write_text("".join(f"{s.address} {s.host_key_line}\n" for s in servers.values()))
    # The playbook comes from the plan for the first server, read over SSH.
    out_dir = tmp_path / "relay"
    r = run_cli(
        ["export", "--format", "ansible", f"root@{fresh_server.address}",
         "-i", str(fresh_server.root_key), "--known-hosts", str(known), "--no-agent",
         "--sasl-user", "alice", "-o", str(out_dir)]
    )  # fmt: skip
    assert r.code == 0, r.err
    # The password goes into the vault through stdin, never a command line or a clear file.
    vault_pw = tmp_path / "vault-pass"
    vault_pw.write_text(VAULT_PASSWORD + "\n")
    vault_pw.chmod(0o600)
    enc = run(
        [str(BIN / "ansible-vault"), "encrypt_string", "--vault-password-file", str(vault_pw),
         "--stdin-name", vault_var("alice")],
        tmp_path,
        stdin=PASSWORD,
    )  # fmt: skip
    assert enc.returncode == 0, enc.stderr
    assert PASSWORD not in enc.stdout and "$ANSIBLE_VAULT" in enc.stdout
    (out_dir / "group_vars" / "relay_wizard" / "vault.yml").write_text(enc.stdout)
    for path in out_dir.rglob("*"):
        if path.is_file():
            assert PASSWORD not in path.read_text(), path

    ssh_args = f"-o UserKnownHostsFile={known} -o StrictHostKeyChecking=yes -o IdentitiesOnly=yes"
    inventory = tmp_path / "inventory.ini"
    inventory.write_text(
        "[relay_wizard]\n"
        + "".join(
            f"{name} ansible_host={s.address} ansible_user=root "
            f"ansible_ssh_private_key_file={s.root_key} "
            f"ansible_python_interpreter=/usr/bin/python3 ansible_ssh_common_args='{ssh_args}'\n"
            for name, s in servers.items()
        )
    )
    argv = [
        str(BIN / "ansible-playbook"),
        "-i",
        str(inventory),
        str(out_dir / "playbook.yml"),
        "--vault-password-file",
        str(vault_pw),
    ]
    first = run(argv, tmp_path)
    assert first.returncode == 0, first.stdout[-4000:] + first.stderr[-2000:]
    assert PASSWORD not in first.stdout + first.stderr
    counts = recap(first.stdout)
    assert set(counts) == set(servers)
    assert all(c["changed"] > 0 and c["failed"] == 0 for c in counts.values()), counts
    assert first.stdout.count("port 587 (starttls): AUTH PLAIN LOGIN") == 2

    for s in servers.values():
        # The product's own verdicts, from outside.
        audit = run_cli(["audit-relay", f"{s.address}:587", "--user", "alice", "--json"])
        assert audit.code == 0, audit.out + audit.err
        report = json.loads(audit.out)
        assert report["verdict"] == "closed" and report["accepted"] == []
        sent = run_cli(
            ["test-send", s.address, "--user", "alice", "--to", "someone@example.net",
             "--mech", "PLAIN", "--pin-cert", cert_sha256(s), "--password-stdin", "--json"],
            PASSWORD + "\n",
        )  # fmt: skip
        assert sent.code == 0, sent.out + sent.err
        result = json.loads(sent.out)
        assert result["mechanism"] == "PLAIN" and result["tls"] is True
        assert result["queue_id"]
        # The server is exactly where relay-wizard apply would have put it.
        plan = run_cli(
            ["plan", f"root@{s.address}", "-i", str(s.root_key), "--known-hosts", str(known),
             "--no-agent", "--json"]
        )  # fmt: skip
        assert plan.code == 0, plan.err
        assert json.loads(plan.out)["nothing_to_do"] is True
        # The backups the edits promised, and the account in sendmail's realm.
        listing = s.run(
            "ls /etc/mail/*.relay-wizard~ /etc/mail/sasl/*.relay-wizard~; sasldblistusers2"
        ).stdout
        assert "sendmail.mc." in listing and "sendmail.cf." in listing
        assert "Sendmail.conf.2." in listing
        assert f"alice@{s.fqdn}: userPassword" in listing

    second = run(argv, tmp_path)
    assert second.returncode == 0, second.stdout[-4000:]
    counts = recap(second.stdout)
    assert counts and all(c["changed"] == 0 for c in counts.values()), counts
    assert "RUNNING HANDLER" not in second.stdout

    # The edits' validate, as lineinfile runs it (no shell, "%s" the candidate), refuses a
    # sendmail.mc m4 cannot build, so such a file is never written.
    exported = yaml.safe_load((out_dir / "playbook.yml").read_text())[0]
    edit = next(t for t in exported["tasks"] if t["name"].endswith("apply the profile's edits"))
    validate = edit["ansible.builtin.lineinfile"]["validate"]
    s = fresh_server
    good = s.run(
        "cp /etc/mail/sendmail.mc /tmp/good.mc; "
        + shlex.join(shlex.split(validate % "/tmp/good.mc"))
    )
    assert good.returncode == 0, good.stderr
    bad = s.run(
        "cp /etc/mail/sendmail.mc /tmp/bad.mc; "
        + shlex.join(["echo", "include(`/nonexistent/relay-wizard-test.m4')dnl"])
        + " >> /tmp/bad.mc; "
        + shlex.join(shlex.split(validate % "/tmp/bad.mc")),
        check=False,
    )
    assert bad.returncode == 1
    assert "m4 could not build sendmail.cf from the new sendmail.mc" in bad.stderr
    assert "relay-wizard-test.m4" in bad.stderr
