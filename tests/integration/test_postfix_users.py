"""SASL accounts on a Postfix server (`relay-wizard users`) against the real lab server.

Debian's Postfix runs smtpd chrooted in /var/spool/postfix: it reads the COPY of the
sasldb there, which the wizard refreshes after every change. The proof is a real SMTP
AUTH login to that smtpd. What the server holds is read through the back door
(``server.run``).
"""

from __future__ import annotations

import json
import smtplib
from pathlib import Path

import pytest

from tests.integration.helpers import known_hosts_for, run_cli
from tests.integration.test_users import Run, cli, session_as, users_cmd
from tests.lab.lab import LabServer
from wizard.core.errors import WizardError
from wizard.core.local.profiles import ProfileStore, ServerProfile
from wizard.core.mta.sendmail import users as accounts

CHROOT_DB = "/var/spool/postfix/etc/sasldb2"

# Cyrus SASL for smtpd, by hand: in the product, the plan and apply do this (w2's build
# step: smtpd.conf, smtpd_sasl_auth_enable, postfix reload). Here it only lets the test
# log in; nothing in it touches the sasldb.
ENABLE_AUTH = """
mkdir -p /etc/postfix/sasl
printf 'pwcheck_method: auxprop\\nauxprop_plugin: sasldb\\nmech_list: PLAIN LOGIN\\n' \\
  > /etc/postfix/sasl/smtpd.conf
postconf -e smtpd_sasl_auth_enable=yes
postfix reload
"""


def enable_auth(server: LabServer) -> None:
    server.run(ENABLE_AUTH)


def login(server: LabServer, user: str, password: str) -> int:
    """AUTH PLAIN on port 25 from this computer, as a mail program would: 235 or 535."""
    with smtplib.SMTP(server.address, 25, timeout=20) as smtp:
        smtp.ehlo("client.test")
        assert "PLAIN" in smtp.esmtp_features.get("auth", "").split(), smtp.esmtp_features
        try:
            return smtp.login(user, password)[0]
        except smtplib.SMTPAuthenticationError as exc:
            return exc.smtp_code


def db_facts(server: LabServer) -> tuple[str, str]:
    """(the sasldb's sha256, its chroot copy's "OWNER:GROUP MODE sha256" or "absent")."""
    main = server.run("sha256sum < /etc/sasldb2").stdout.split()[0]
    copy = server.run(
        f"if [ -e {CHROOT_DB} ]; then stat -c '%U:%G %a' {CHROOT_DB}; "
        f"sha256sum < {CHROOT_DB}; else echo absent; fi"
    ).stdout.split()
    return main, " ".join(copy[:3])


def users(server: LabServer, tmp_path: Path, *words: str, stdin: str = "") -> Run:
    with pytest.MonkeyPatch.context() as mp:
        return cli(users_cmd(server, tmp_path, *words), mp, stdin=stdin)


def test_accounts_made_by_the_wizard_log_in_through_the_chrooted_smtpd(
    postfix_server: LabServer, tmp_path: Path
) -> None:
    server = postfix_server
    enable_auth(server)
    realm = server.fqdn  # Postfix's myhostname: smtpd_sasl_local_domain is not set

    r = users(server, tmp_path, "add", "alice", "--password-stdin", stdin="Alice-pw-1234\n")
    assert (r.code, r.out) == (0, f"alice@{realm}: created\n"), r.err
    assert f"realm {realm} (Postfix's myhostname)" in r.err

    # smtpd reads the copy in its chroot: root:postfix 0640, the same bytes as /etc/sasldb2
    main, copy = db_facts(server)
    assert copy == f"root:postfix 640 {main}"
    assert login(server, "alice", "Alice-pw-1234") == 235
    assert login(server, f"alice@{realm}", "Alice-pw-1234") == 235
    assert login(server, "alice", "Wrong-pw-1234") == 535

    r = users(server, tmp_path, "list")
    assert (r.code, r.out) == (0, f"alice@{realm}\n"), r.err
    assert f"realm {realm} (Postfix's myhostname)" in r.err

    r = users(server, tmp_path, "passwd", "alice", "--password-stdin", stdin="Alice-new-5678\n")
    assert (r.code, r.out) == (0, f"alice@{realm}: password changed\n"), r.err
    assert login(server, "alice", "Alice-new-5678") == 235
    assert login(server, "alice", "Alice-pw-1234") == 535

    r = users(server, tmp_path, "remove", "alice")
    assert (r.code, r.out) == (0, f"alice@{realm}: removed\n"), r.err
    main, copy = db_facts(server)
    assert copy == f"root:postfix 640 {main}"
    assert login(server, "alice", "Alice-new-5678") == 535
    r = users(server, tmp_path, "list")
    assert (r.code, r.out) == (0, ""), r.err
    assert f"No mail accounts yet (realm {realm} (Postfix's myhostname))" in r.err


def test_the_realm_is_smtpd_sasl_local_domain_when_it_is_set(
    postfix_server: LabServer, tmp_path: Path
) -> None:
    server = postfix_server
    enable_auth(server)
    server.run("postconf -e smtpd_sasl_local_domain=office.example && postfix reload")

    r = users(server, tmp_path, "add", "bob", "--password-stdin", stdin="Bob-pw-12345\n")
    assert (r.code, r.out) == (0, "bob@office.example: created\n"), r.err
    assert "realm office.example (Postfix's smtpd_sasl_local_domain)" in r.err
    assert "bob@office.example: userPassword" in server.run("sasldblistusers2").stdout
    assert login(server, "bob", "Bob-pw-12345") == 235


def test_with_dovecot_sasl_the_accounts_are_dovecots_and_nothing_changes(
    postfix_server: LabServer, tmp_path: Path
) -> None:
    server = postfix_server
    server.run("postconf -e smtpd_sasl_type=dovecot")
    before = db_facts(server), server.run("sasldblistusers2").stdout

    for words, stdin in (
        (("add", "carol", "--password-stdin"), "Carol-pw-1234\n"),
        (("passwd", "carol", "--password-stdin"), "Carol-pw-1234\n"),
        (("remove", "carol"), ""),
        (("list",), ""),
    ):
        r = users(server, tmp_path, *words, stdin=stdin)
        assert (r.code, r.out) == (1, ""), (words, r.err)
        assert "checks logins with Dovecot, so the mail accounts are Dovecot's" in r.err
        assert "did not change anything" in r.err
    # the account scripts refuse by themselves too (a caller that did not look first)
    with session_as(server, "root", tmp_path) as session:
        for call in (
            lambda: accounts.add_user(session, server.fqdn, "carol", "Carol-pw-1234"),
            lambda: accounts.change_password(session, server.fqdn, "carol", "Carol-pw-1234"),
            lambda: accounts.remove_user(session, server.fqdn, "carol"),
            lambda: accounts.list_users(session),
        ):
            with pytest.raises(WizardError, match="Dovecot's: Relay Wizard did not change"):
                call()

    assert (db_facts(server), server.run("sasldblistusers2").stdout) == before


def test_onboarding_on_postfix_names_the_server_by_myhostname_and_the_accounts_log_in(
    postfix_server: LabServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    server = postfix_server
    enable_auth(server)
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    ProfileStore().save(
        ServerProfile(
            name="office", host=server.address, smtp_port=25, security="none", mechanism="PLAIN"
        )
    )
    staff = tmp_path / "staff.csv"
    staff.write_text("name,address\n" + "".join(f"p{i},p{i}@lab.test\n" for i in range(3)))
    out = tmp_path / "kits"
    r = run_cli(
        ["onboard", f"root@{server.address}", str(staff), "--out", str(out), "--html",
         "-i", str(server.root_key), "--known-hosts",
         str(known_hosts_for(server, tmp_path / "known_hosts")), "--no-agent", "--json"]
    )  # fmt: skip
    assert r.code == 0, r.err
    result = json.loads(r.out)
    assert result["realm"] == server.fqdn
    created = {c["account"]: c["password"] for c in result["created"]}
    assert sorted(created) == ["p0", "p1", "p2"]
    for name, password in created.items():
        text = (out / f"{name}-msmtprc").read_text()
        assert server.address not in text, "the server by its name, not its address"
        assert f"host {server.fqdn}" in text
        assert f"from {name}@lab.test" in text
        assert login(server, name, password) == 235
