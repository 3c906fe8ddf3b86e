"""The Ansible export for a Postfix server, run by the real ansible-playbook against the
Postfix lab server over real SSH: the first run makes AUTH work (an account from Ansible
Vault logs in on port 587 after STARTTLS), the second reports changed=0.

The playbook is exported from the plan for the lab server, read over SSH
(``relay-wizard export --format ansible``): the same edits an apply makes.
"""

from __future__ import annotations

import smtplib
import ssl
from pathlib import Path

from tests.integration.helpers import run_cli, session_for
from tests.integration.test_ansible_export import BIN, PASSWORD, VAULT_PASSWORD, recap, run
from tests.lab.lab import LabServer
from wizard.core.change.options import RelayOptions
from wizard.core.exports.playbook_source import vault_var
from wizard.core.mta.auto import AUTO
from wizard.core.mta.postfix.settings import wanted
from wizard.core.mta.postfix.state import PostfixState


def auth_after_starttls(server: LabServer, user: str, password: str) -> tuple[str, str, int]:
    """(AUTH before TLS, AUTH after STARTTLS, the login's reply code) on port 587."""
    context = ssl.create_default_context()
    context.check_hostname = False
    context.verify_mode = ssl.CERT_NONE  # Debian's snakeoil certificate
    with smtplib.SMTP(server.address, 587, timeout=20) as smtp:
        smtp.ehlo("client.test")
        before = smtp.esmtp_features.get("auth", "")
        smtp.starttls(context=context)
        smtp.ehlo("client.test")
        after = smtp.esmtp_features.get("auth", "")
        try:
            code = smtp.login(user, password)[0]
        except smtplib.SMTPAuthenticationError as exc:
            code = exc.smtp_code
    return before.strip(), after.strip(), code


def test_the_postfix_playbook_makes_auth_work_and_a_second_run_changes_nothing(
    postfix_server: LabServer, tmp_path: Path
) -> None:
    server = postfix_server
    main_cf_before = server.run("cat /etc/postfix/main.cf").stdout
    known = tmp_path / "known_hosts"
    known.write_text(f"{server.address} {server.host_key_line}\n")
    # The playbook comes from the plan for this server, read over SSH: the same edits
    # apply would make.
    out_dir = tmp_path / "relay"
    r = run_cli(
        ["export", "--format", "ansible", f"root@{server.address}",
         "-i", str(server.root_key), "--known-hosts", str(known), "--no-agent",
         "--sasl-user", "alice", "-o", str(out_dir)]
    )  # fmt: skip
    assert r.code == 0, r.err
    assert server.run("cat /etc/postfix/main.cf").stdout == main_cf_before, "export changes nothing"
    with session_for(server, known) as session:
        state, _ = AUTO.read_state(session, RelayOptions("modern"))
    assert isinstance(state, PostfixState)
    edits = wanted(state, RelayOptions("modern"))
    assert edits.services and edits.service_options, edits  # submission, AUTH after TLS
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
    (out_dir / "group_vars" / "relay_wizard" / "vault.yml").write_text(enc.stdout)

    ssh_args = f"-o UserKnownHostsFile={known} -o StrictHostKeyChecking=yes -o IdentitiesOnly=yes"
    inventory = tmp_path / "inventory.ini"
    inventory.write_text(
        "[relay_wizard]\n"
        f"pf ansible_host={server.address} ansible_user=root "
        f"ansible_ssh_private_key_file={server.root_key} "
        f"ansible_python_interpreter=/usr/bin/python3 ansible_ssh_common_args='{ssh_args}'\n"
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
    assert first.returncode == 0, first.stdout[-5000:] + first.stderr[-2000:]
    assert PASSWORD not in first.stdout + first.stderr
    counts = recap(first.stdout)["pf"]
    assert counts["changed"] > 0 and counts["failed"] == 0, counts
    assert "RUNNING HANDLER [Reload Postfix]" in first.stdout
    assert "port 587 (starttls): AUTH PLAIN LOGIN" in first.stdout

    # Postfix has every edit, as postconf reads it; main.cf was backed up once
    for name, value in edits.main:
        assert server.run(f"postconf -h {name}").stdout.strip() == value
    for key, option, value in edits.service_options:
        assert server.run(f"postconf -Ph {key}/{option}").stdout.strip() == value
    # each file that changes is backed up once (the stock server's modern plan changes
    # master.cf only: main.cf's settings already allow what submission overrides)
    backups = server.run("ls /etc/postfix/ | grep relay-wizard~").stdout.split()
    changed = (["main"] if edits.main else []) + ["master"]
    assert [b.split(".")[0] for b in backups] == changed, backups
    if edits.main:
        backup = server.run("cat /etc/postfix/main.cf.*.relay-wizard~").stdout
        assert backup == main_cf_before
    else:
        assert server.run("cat /etc/postfix/main.cf").stdout == main_cf_before
    smtpd_conf = server.run("cat /etc/postfix/sasl/smtpd.conf").stdout
    assert smtpd_conf == "pwcheck_method: auxprop\nauxprop_plugin: sasldb\nmech_list: PLAIN LOGIN\n"
    # the account, in Postfix's realm, copied where the chrooted smtpd reads it
    assert f"alice@{server.fqdn}: userPassword" in server.run("sasldblistusers2").stdout
    copy = server.run("stat -c '%U:%G %a' /var/spool/postfix/etc/sasldb2").stdout.strip()
    assert copy == "root:postfix 640"
    assert server.run("cmp /etc/sasldb2 /var/spool/postfix/etc/sasldb2").returncode == 0

    before, after, code = auth_after_starttls(server, "alice", PASSWORD)
    assert before == ""  # AUTH only after STARTTLS
    assert set(after.split()) == {"PLAIN", "LOGIN"}
    assert code == 235
    assert auth_after_starttls(server, "alice", "Wrong-Pw-0000")[2] == 535

    second = run(argv, tmp_path)
    assert second.returncode == 0, second.stdout[-5000:]
    counts = recap(second.stdout)["pf"]
    assert counts["changed"] == 0 and counts["failed"] == 0, counts
    assert "RUNNING HANDLER" not in second.stdout
    assert server.run("ls /etc/postfix/ | grep relay-wizard~").stdout.split() == backups
