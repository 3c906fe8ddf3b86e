"""The Ansible export for a Postfix server, run by the real ansible-playbook against the
Postfix lab server over real SSH: the first run makes AUTH work (an account from Ansible
Vault logs in on port 587 after STARTTLS), the second reports changed=0.

The edits are made by hand here (a submission service with AUTH after TLS and Cyrus
SASL's sasldb): the playbook is written from whatever ``PostfixEdits`` the plan gives.
"""

from __future__ import annotations

import smtplib
import ssl
from pathlib import Path

from tests.integration.test_ansible_export import BIN, PASSWORD, VAULT_PASSWORD, recap, run
from tests.lab.lab import LabServer
from wizard.core.change.options import RelayOptions
from wizard.core.change.verify import ExpectedPort
from wizard.core.exports.playbook_postfix import PostfixPlaybookSource, render_postfix_bundle
from wizard.core.exports.playbook_source import vault_var
from wizard.core.mta.postfix.settings import PostfixEdits

SUBMISSION = "submission/inet"
EDITS = PostfixEdits(
    main=(
        ("smtpd_sasl_security_options", "noanonymous"),
        (
            "smtpd_relay_restrictions",
            "permit_mynetworks permit_sasl_authenticated reject_unauth_destination",
        ),
    ),
    services=((SUBMISSION, "submission inet n - y - - smtpd"),),
    service_options=(
        (SUBMISSION, "syslog_name", "postfix/submission"),
        (SUBMISSION, "smtpd_tls_security_level", "encrypt"),
        (SUBMISSION, "smtpd_sasl_auth_enable", "yes"),
        (SUBMISSION, "smtpd_tls_auth_only", "yes"),
    ),
    sasl_conf=(
        ("pwcheck_method", "auxprop"),
        ("auxprop_plugin", "sasldb"),
        ("mech_list", "PLAIN LOGIN"),
    ),
)
EXPECT = (ExpectedPort(587, "starttls", ("PLAIN", "LOGIN"), False, True),)


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
    src = PostfixPlaybookSource(
        RelayOptions("modern").validated(), EDITS, expect=EXPECT, origin=server.fqdn
    )
    out_dir = tmp_path / "relay"
    for name, text in render_postfix_bundle(src, ["alice"]).items():
        (out_dir / name).parent.mkdir(parents=True, exist_ok=True)
        (out_dir / name).write_text(text)
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

    known = tmp_path / "known_hosts"
    known.write_text(f"{server.address} {server.host_key_line}\n")
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
    for name, value in EDITS.main:
        assert server.run(f"postconf -h {name}").stdout.strip() == value
    for key, option, value in EDITS.service_options:
        assert server.run(f"postconf -Ph {key}/{option}").stdout.strip() == value
    backups = server.run("ls /etc/postfix/ | grep relay-wizard~").stdout.split()
    assert [b.split(".")[0] for b in backups] == ["main", "master"], backups
    backup = server.run("cat /etc/postfix/main.cf.*.relay-wizard~").stdout
    assert backup == main_cf_before
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
