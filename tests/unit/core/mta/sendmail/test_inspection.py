"""Judging a server from the inspection script's output: data in, report out."""

import pytest

from tests.capture import mc_b64, stock_mc, stock_sections
from wizard.core.errors import SendmailMissing
from wizard.core.mta.detect import OtherMailServer
from wizard.core.mta.report import Level
from wizard.core.mta.sendmail.inspect_parse import build_report


def sections(**changes: str) -> dict[str, str]:
    """The stock capture with ``changes``; ``mc=TEXT`` stands for the .mc's text."""
    s = stock_sections()
    if "mc" in changes:
        changes["mc-b64"] = mc_b64(changes.pop("mc"))
    s.update(changes)
    return s


def levels(report) -> dict[str, Level]:  # type: ignore[no-untyped-def]
    return {f.id: f.level for f in report.findings}


def test_stock_debian_report_has_the_true_values() -> None:
    r = build_report("mail-a", stock_sections())
    j = r.to_json()
    assert j["os"] == "Debian GNU/Linux 12 (bookworm)"
    assert j["sendmail"]["version"].startswith("8.17")  # type: ignore[index]
    assert j["sendmail"]["sasl"] is True and j["sendmail"]["starttls"] is True  # type: ignore[index]
    assert j["sendmail"]["rebuild"] == "make -C /etc/mail"  # type: ignore[index]
    assert j["realm"] == "mail-a.lab.test"
    assert {
        "name": "MTA-v4",
        "address": "127.0.0.1",
        "port": 25,
        "family": "inet",
        "modifiers": "",
        "default": False,
    } in j["listeners"]  # type: ignore[operator]
    assert {(s["address"], s["port"]) for s in j["listening"]} == {  # type: ignore[attr-defined]
        ("127.0.0.1", 25),
        ("127.0.0.1", 587),
    }
    assert j["auth"] == {
        "advertised": ["DIGEST-MD5", "CRAM-MD5"],
        "trusted": [],
        "options": [],
        "configured_mechanisms": [],
    }
    assert j["sasl"]["pwcheck_method"] == "saslauthd"  # type: ignore[index]
    assert j["sasl"]["users"] == 0  # type: ignore[index]
    assert j["tls"]["offered"] is False  # type: ignore[index]
    # Debian's stock certificate, not configured yet: self-signed, CN = host name, no SAN
    assert r.tls.cert_file == ""
    assert r.tls.cert_names == ("mail.lab.test",)
    assert r.tls.cert_self_signed is True and r.tls.cert_issuer == "Sendmail"
    assert r.tls.cert_sha256.startswith("79:93:BE:0D:") and len(r.tls.cert_sha256) == 95
    assert r.tls.cert_expires == "2036-11-29"
    assert j["service_manager"] == "init-script"
    lv = levels(r)
    assert lv["listeners_loopback"] == Level.WARNING
    assert lv["auth_not_trusted"] == Level.WARNING
    assert lv["tls_off"] == Level.WARNING
    assert lv["loopback_relay"] == Level.OK
    assert "access_relay" not in lv
    assert all(f.message.endswith(".") for f in r.findings)


def test_trusted_mechanisms_and_open_listener_change_the_findings() -> None:
    cf = (
        stock_sections()["cf-options"]
        + "\nC{TrustAuthMech}DIGEST-MD5 CRAM-MD5\nO AuthOptions=A,p,y"
    )
    mc = stock_mc().replace("Port=smtp, Addr=127.0.0.1", "Port=smtp")
    r = build_report("h", sections(**{"cf-options": cf, "mc": mc}))
    assert r.auth.trusted == ["DIGEST-MD5", "CRAM-MD5"]
    assert r.auth.options == ["A", "p", "y"]
    lv = levels(r)
    assert lv["auth_trusted"] == Level.OK
    assert lv["listeners"] == Level.OK
    assert "auth_not_trusted" not in lv and "listeners_loopback" not in lv


def test_logins_offered_only_after_starttls_are_not_read_as_no_logins() -> None:
    # after the modern apply: AuthOptions p, STARTTLS configured, so sendmail's plain EHLO
    # shows no AUTH at all (field notes 11); the server does ask for a login, after TLS
    cf = (
        stock_sections()["cf-options"]
        + "\nC{TrustAuthMech}PLAIN LOGIN\nO AuthMechanisms=PLAIN LOGIN\nO AuthOptions=A,p,y"
        + "\nO ServerCertFile=/etc/mail/tls/sendmail-server.crt"
        + "\nO ServerKeyFile=/etc/mail/tls/sendmail-common.key"
    )
    ehlo = stock_sections()["ehlo"].replace("250-AUTH DIGEST-MD5 CRAM-MD5\n", "")
    r = build_report("h", sections(**{"cf-options": cf, "ehlo": ehlo}))
    assert r.auth.advertised == [] and r.tls.configured
    lv = levels(r)
    assert lv["auth_trusted"] == Level.OK
    assert "auth_not_offered" not in lv and "plaintext_without_p" not in lv
    # without TLS the same EHLO does mean that nothing asks for a login
    plain = build_report("h", sections(ehlo=ehlo))
    assert levels(plain)["auth_not_offered"] == Level.WARNING


def test_relay_opening_features_and_broad_access_entries_are_named() -> None:
    mc = stock_mc() + "FEATURE(`promiscuous_relay')dnl\nFEATURE(`relay_based_on_MX')dnl\n"
    access = (
        stock_sections()["access"] + "\nConnect:10.0\tRELAY\n192.168\tRELAY\nTo:example.org RELAY\n"
    )
    r = build_report("h", sections(mc=mc, access=access))
    lv = levels(r)
    assert lv["feature_promiscuous_relay"] == Level.PROBLEM
    assert lv["feature_relay_based_on_MX"] == Level.WARNING
    assert r.access_relay == ["Connect:10.0\tRELAY", "192.168\tRELAY"]
    msgs = [f.message for f in r.findings if f.id == "access_relay"]
    assert any("Connect:10.0" in m for m in msgs) and any("192.168" in m for m in msgs)


def test_users_in_a_foreign_realm_are_a_warning() -> None:
    db = "@@ mode root:sasl 660\nalice@mail-a.lab.test: userPassword\nbob@mail-a: userPassword"
    r = build_report("h", sections(sasldb=db))
    assert r.sasl.users == 2
    assert r.sasl.realms == ["mail-a", "mail-a.lab.test"]
    (f,) = [f for f in r.findings if f.id == "sasl_realm_mismatch"]
    assert "bob@mail-a" in f.message and "mail-a.lab.test" in f.message


def test_world_readable_sasldb_is_a_problem() -> None:
    r = build_report("h", sections(sasldb="@@ mode root:sasl 644\n"))
    assert levels(r)["sasldb_readable"] == Level.PROBLEM


def test_no_sendmail_says_what_is_there_instead() -> None:
    with pytest.raises(SendmailMissing) as err:
        build_report("box", sections(**{"sendmail-d0": "", "other-mta": "postfix"}))
    assert "not installed on box" in err.value.message.replace(
        "Neither sendmail nor Postfix is", "not"
    )
    assert "postfix" in err.value.message
    assert "apt install postfix" in err.value.fix


def test_a_running_postfix_is_handed_to_its_own_driver() -> None:
    with pytest.raises(OtherMailServer) as err:
        build_report(
            "box", sections(**{"sendmail-d0": "", "mta": "postfix installed\npostfix running\n"})
        )
    assert err.value.mta == "postfix"


def test_missing_sendmail_cf_means_no_rebuild() -> None:
    r = build_report("h", sections(rebuild="m4\nmake"))
    assert r.sendmail.rebuild == ""
    assert levels(r)["rebuild"] == Level.PROBLEM


def test_findings_say_it_plainly_first_and_name_what_the_wizard_fixes() -> None:
    """The jargon is in the detail, after a plain sentence; the profile that fixes a warning
    is named, so the Server check can say which warnings go away."""
    r = build_report("mail-a", stock_sections())
    by_id = {f.id: f for f in r.findings}
    jargon = ("TRUST_AUTH_MECH", "saslauthd", "sasldb", "Sendmail.conf.2", "AuthOptions")
    for f in r.findings:
        assert not any(word in f.message for word in jargon), f.message
    trust = by_id["auth_not_trusted"]
    assert "TRUST_AUTH_MECH" in trust.detail and trust.fixed_by == ("modern", "classic")
    assert "loopback" in by_id["listeners_loopback"].detail
    assert by_id["listeners_loopback"].fixed_by == ("modern", "classic")
    if "sasl_saslauthd" in by_id:
        assert "saslauthd" in by_id["sasl_saslauthd"].detail
    assert not by_id["sasl_users"].fixed_by, "accounts are made by the admin, not by a profile"
    assert all(f.level == Level.OK or f.message for f in r.findings)
    (listed,) = [x for x in r.to_json()["findings"] if x["id"] == "auth_not_trusted"]  # type: ignore[attr-defined]
    assert listed["fixed_by"] == ["modern", "classic"] and "TRUST_AUTH_MECH" in listed["detail"]
