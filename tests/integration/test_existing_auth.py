"""A server that already relays for staff who log in (LOGIN PLAIN, AuthOptions `Apy',
STARTTLS, port 25 open): neither profile may break their PLAIN login over STARTTLS
(issue 13). sendmail reads `Apy' as A alone (the first letter of each word), so PLAIN is
also offered before TLS there; the modern profile writes `A p y', as the line meant. The lab server is set up that way by hand first, the way an admin would have
done it years ago; a test send before and after each apply proves the login still works."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.integration.helpers import known_hosts_for, run_cli, session_for, ssh_root_args
from tests.integration.test_send import server_cert_sha256
from tests.lab.lab import LabServer
from wizard.core.mta.sendmail import users

PASSWORD = "Old-Relay-Pw-3"

# The admin's own AUTH relay: MTA open on port 25, STARTTLS with Debian's certificate,
# LOGIN and PLAIN trusted and offered only after TLS ('p'), passwords in the sasldb.
SETUP = r"""
set -e
cd /etc/mail
sed -i "s/^DAEMON_OPTIONS(\`Family=inet,  Name=MTA-v4, Port=smtp, Addr=127.0.0.1')dnl$/DAEMON_OPTIONS(\`Family=inet,  Name=MTA-v4, Port=smtp')dnl/" sendmail.mc
grep -q "^DAEMON_OPTIONS(\`Family=inet,  Name=MTA-v4, Port=smtp')dnl$" sendmail.mc
sed -i '/^MAILER_DEFINITIONS/i\
define(`confSERVER_CERT'"'"', `/etc/mail/tls/sendmail-server.crt'"'"')dnl\
define(`confSERVER_KEY'"'"', `/etc/mail/tls/sendmail-common.key'"'"')dnl\
define(`confCACERT'"'"', `/etc/mail/tls/sendmail-server.crt'"'"')dnl\
define(`confCACERT_PATH'"'"', `/etc/ssl/certs'"'"')dnl\
define(`confDONT_BLAME_SENDMAIL'"'"', `GroupReadableKeyFile'"'"')dnl\
TRUST_AUTH_MECH(`LOGIN PLAIN'"'"')dnl\
define(`confAUTH_MECHANISMS'"'"', `LOGIN PLAIN'"'"')dnl\
define(`confAUTH_OPTIONS'"'"', `Apy'"'"')dnl' sendmail.mc
printf 'pwcheck_method: auxprop\nauxprop_plugin: sasldb\nmech_list: PLAIN LOGIN\n' > sasl/Sendmail.conf.2
make -s -C /etc/mail >/dev/null 2>&1
kill -HUP "$(head -1 /run/sendmail/mta/sendmail.pid)"
for i in $(seq 1 200); do
  ss -ltnH | grep -q '0.0.0.0:25 ' && break; sleep 0.05
done
ss -ltnH | grep -q '0.0.0.0:25 '
"""


@pytest.fixture
def known(tmp_path: Path, fresh_server: LabServer) -> Path:
    return known_hosts_for(fresh_server, tmp_path / "known_hosts")


def plain_over_starttls(server: LabServer, port: int) -> dict[str, object]:
    run = run_cli(
        [
            "test-send",
            f"{server.address}:{port}",
            "--security",
            "starttls",
            "--mech",
            "PLAIN",
            "--pin-cert",
            server_cert_sha256(server),
            "--user",
            "carol",
            "--to",
            "someone@example.net",
            "--password-stdin",
            "--json",
        ],
        PASSWORD + "\n",
    )
    assert run.code == 0, run.out + run.err
    result: dict[str, object] = json.loads(run.out)
    return result


def apply(server: LabServer, known: Path, profile: str) -> dict[str, object]:
    # the same root login as --ssh takes, as apply's target
    target = ssh_root_args(server, known)[1:]
    run = run_cli(["apply", *target, "--profile", profile, "--yes", "--json"])
    assert run.code == 0, run.out + run.err
    result: dict[str, object] = json.loads(run.out)
    return result


def test_an_existing_login_plain_relay_survives_both_profiles(
    fresh_server: LabServer, known: Path
) -> None:
    s = fresh_server
    s.run(SETUP)
    with session_for(s, known) as session:
        users.add_user(session, users.read_realm(session), "carol", PASSWORD)
    mc_before = s.run("cat /etc/mail/sendmail.mc").stdout
    conf_before = s.run("cat /etc/mail/sasl/Sendmail.conf.2").stdout

    sent = plain_over_starttls(s, 25)
    assert sent["mechanism"] == "PLAIN" and sent["tls"] is True

    # classic: the server already does what the profile wants. Nothing changes.
    classic = apply(s, known, "classic")
    assert classic["nothing_to_do"] is True, classic
    assert s.run("cat /etc/mail/sendmail.mc").stdout == mc_before
    plain_over_starttls(s, 25)

    # modern: port 587 opens (login required); LOGIN PLAIN, the certificate and the SASL
    # config stay, AuthOptions become what `Apy' meant; PLAIN over STARTTLS still works on
    # port 25, and now on 587.
    modern = apply(s, known, "modern")
    assert modern["verified"] is True, modern
    mc_after = s.run("cat /etc/mail/sendmail.mc").stdout
    assert mc_after != mc_before
    for line in (
        "TRUST_AUTH_MECH(`LOGIN PLAIN')dnl",
        "define(`confAUTH_MECHANISMS', `LOGIN PLAIN')dnl",
        "define(`confAUTH_OPTIONS', `A p y')dnl",
        "define(`confSERVER_CERT', `/etc/mail/tls/sendmail-server.crt')dnl",
        "DAEMON_OPTIONS(`Family=inet,  Name=MTA-v4, Port=smtp')dnl",
    ):
        assert line in mc_after.splitlines(), line
    assert s.run("cat /etc/mail/sasl/Sendmail.conf.2").stdout == conf_before
    cf = s.run("cat /etc/mail/sendmail.cf").stdout
    assert "C{TrustAuthMech}LOGIN PLAIN" in cf
    plain_over_starttls(s, 25)
    plain_over_starttls(s, 587)

    # and a second classic apply still has nothing to do
    assert apply(s, known, "classic")["nothing_to_do"] is True
    plain_over_starttls(s, 25)
