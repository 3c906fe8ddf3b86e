"""`relay-wizard inspect` on the lab's Postfix server (issue 17, Done-when 1's inspect part):
the stock Debian 12 Postfix as the wizard reports it, then the same server changed by hand
the way admins do (a wide mynetworks; AUTH on with Cyrus's sasldb but no copy in smtpd's
chroot) and the findings that follow. Everything is real: Postfix's own tools answer, the
EHLO is Postfix's, ``postconf -e`` and ``postfix reload`` change the server.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.integration.helpers import Cli, cli_for, known_hosts_for, session_for
from tests.lab.lab import LabServer
from wizard.core.change.options import RelayOptions
from wizard.core.change.plan import CheckLevel
from wizard.core.mta.detect import which_mta
from wizard.core.mta.postfix.driver import POSTFIX
from wizard.core.mta.sendmail.inspection import INSPECT_SCRIPT
from wizard.core.mta.sendmail.inspection import INSPECT_SECTIONS as SENDMAIL_SECTIONS
from wizard.core.remote.sections import run_sections


@pytest.fixture
def known(postfix_server: LabServer, tmp_path: Path) -> Path:
    return known_hosts_for(postfix_server, tmp_path / "known_hosts")


@pytest.fixture
def cli(postfix_server: LabServer, known: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Cli]:
    monkeypatch.delenv("SSH_AUTH_SOCK", raising=False)
    yield cli_for(postfix_server, known)


def _findings(j: dict[str, object]) -> dict[str, dict[str, object]]:
    return {f["id"]: f for f in j["findings"]}  # type: ignore[attr-defined,index]


def test_stock_postfix_report(postfix_server: LabServer, known: Path, cli: Cli) -> None:
    s = postfix_server
    r = cli("inspect", "--json")
    assert r.code == 0, r.err
    j = json.loads(r.out)
    assert j["mta"] == "postfix"
    assert j["version"] == "3.7.11"
    assert j["version"] == s.run("postconf -h mail_version").stdout.strip()
    # master.cf's smtp service on every address (inet_interfaces = all), no AUTH there
    assert [(x["name"], x["port"], x["address"], x["modifiers"]) for x in j["listeners"]] == [
        ("smtp", 25, "0.0.0.0", "A")
    ]
    assert {(x["address"], x["port"], x["process"]) for x in j["listening"]} == {
        ("0.0.0.0", 25, "postfix"),
        ("::", 25, "postfix"),
    }
    p = j["postfix"]
    assert p["running"] is True
    assert p["chroot"] is True  # Debian's master.cf: smtp inet n - y
    assert p["set"]["mynetworks"] == s.run("postconf -h mynetworks").stdout.strip()
    assert p["expanded"]["mynetworks_style"] == "host"
    assert set(p["sasl_types"]) == set(s.run("postconf -a").stdout.split()) == {"cyrus", "dovecot"}
    assert j["auth"]["advertised"] == []
    assert j["tls"]["offered"] is True and j["tls"]["cert_self_signed"] is True
    assert j["realm"] == s.fqdn
    f = _findings(j)
    assert f["auth_not_offered"]["level"] == "warning"
    assert f["auth_not_offered"]["fixed_by"] == ["modern", "classic"]
    assert f["submission_off"]["fixed_by"] == ["modern"]
    assert f["cert_self_signed"]["level"] == "warning"
    assert "snakeoil" in f["cert_self_signed"]["detail"]
    assert f["postfix_sasl"]["level"] == "ok"
    # the stock relay rules are safe: nothing lets strangers through
    for danger in ("open_relay", "relay_permit_first", "mynetworks_wide", "mynetworks_open"):
        assert danger not in f
    assert not [x for x in j["findings"] if x["level"] == "problem"]

    text = cli("inspect")
    assert text.code == 0, text.err
    assert "Mail server Postfix 3.7.11 (running)" in text.out
    assert "smtp (port 25 on every address, no login)" in text.out
    assert "sendmail" not in text.out

    # sendmail's inspection (what AUTO runs first) sees Postfix in its mta section
    with session_for(s, known) as session:
        sections = run_sections(session, INSPECT_SCRIPT, SENDMAIL_SECTIONS)
    assert which_mta(sections["mta"]) == "postfix"
    assert "postfix running" in sections["mta"]


def test_wide_mynetworks_is_a_problem(postfix_server: LabServer, known: Path, cli: Cli) -> None:
    s = postfix_server
    s.run("postconf -e 'mynetworks = 127.0.0.0/8 [::1]/128 44.0.0.0/8' && postfix reload")
    r = cli("inspect", "--json")
    assert r.code == 0, r.err
    f = _findings(json.loads(r.out))
    assert f["mynetworks_wide"]["level"] == "problem"
    assert "44.0.0.0/8" in f["mynetworks_wide"]["message"]
    # the plan's dangers say the same, as an error
    with session_for(s, known) as session:
        state, _ = POSTFIX.read_state(session, RelayOptions())
    checks = {c.id: c for c in POSTFIX.dangers(state)}
    assert checks["mynetworks_wide"].level == CheckLevel.ERROR


def test_auth_on_without_the_chroot_copy(postfix_server: LabServer, cli: Cli) -> None:
    s = postfix_server
    s.run(
        "printf 'pwcheck_method: auxprop\\nauxprop_plugin: sasldb\\nmech_list: PLAIN LOGIN "
        "CRAM-MD5\\n' > /etc/postfix/sasl/smtpd.conf && "
        f"echo 'not-a-secret-9' | saslpasswd2 -p -c -u {s.fqdn} alice && "
        "postconf -e smtpd_sasl_auth_enable=yes && postfix reload"
    )
    r = cli("inspect", "--json")
    assert r.code == 0, r.err
    j = json.loads(r.out)
    assert j["auth"]["advertised"] == ["PLAIN", "LOGIN", "CRAM-MD5"]
    assert j["auth"]["trusted"] == ["PLAIN", "LOGIN", "CRAM-MD5"]
    assert j["listeners"][0]["modifiers"] == ""
    assert j["sasl"]["config_path"] == "/etc/postfix/sasl/smtpd.conf"
    assert j["sasl"]["user_names"] == [f"alice@{s.fqdn}"]
    f = _findings(j)
    assert f["sasldb_chroot"]["level"] == "problem"
    assert "/var/spool/postfix/etc/sasldb2" in f["sasldb_chroot"]["detail"]
    assert f["plaintext_auth"]["level"] == "warning"
    assert f["auth_trusted"]["level"] == "ok"
    assert "auth_not_offered" not in f

    # with the copy in place, the trap is gone
    s.run("mkdir -p /var/spool/postfix/etc && cp -p /etc/sasldb2 /var/spool/postfix/etc/sasldb2")
    f = _findings(json.loads(cli("inspect", "--json").out))
    assert "sasldb_chroot" not in f
