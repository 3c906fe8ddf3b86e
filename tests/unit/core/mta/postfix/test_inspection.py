"""Postfix's inspection judged on the real capture of the lab's stock Debian 12 Postfix
(tests/data/inspect/debian12-postfix.txt) and on that capture with settings changed the way
admins change them."""

from __future__ import annotations

import re

from tests.capture import postfix_sections
from wizard.cli.commands.inspect import format_report
from wizard.core.mta.postfix.inspection import build_report, parse_services
from wizard.core.mta.report import Level, ServerReport

HOST = "mail-p-w1.lab.test"


def sections(settings: dict[str, str] | None = None, master: str = "") -> dict[str, str]:
    """The stock capture with main.cf ``settings`` set (as postconf -n, the values in
    force and postconf -x show them) and ``master`` lines added to postconf -M."""
    s = dict(postfix_sections())
    for name, value in (settings or {}).items():
        for key in ("postconf-n", "postconf", "postconf-x"):
            text = s[key]
            line = f"{name} = {value}"
            if re.search(rf"^{name} =", text, re.M):
                text = re.sub(rf"^{name} =.*$", lambda _m, new=line: new, text, flags=re.M)
            elif key != "postconf-x" or name in ("mynetworks", "relay_domains"):
                text = text + line + "\n"
            s[key] = text
    if master:
        s["postconf-M"] = s["postconf-M"] + master
    return s


def report(settings: dict[str, str] | None = None, master: str = "") -> ServerReport:
    return build_report(HOST, sections(settings, master))


def ids(r: ServerReport) -> dict[str, Level]:
    return {f.id: f.level for f in r.findings}


def test_stock_postfix_report_has_the_true_values() -> None:
    r = build_report(HOST, postfix_sections())
    assert r.mta == "postfix"
    assert r.to_json()["version"] == "3.7.11"
    assert r.os == "Debian GNU/Linux 12 (bookworm)"
    p = r.postfix
    assert p is not None
    assert p.running and p.chroot
    assert p.sasl_types == ("cyrus", "dovecot")
    assert p.expanded["mynetworks_style"] == "host"
    assert p.expanded["relay_domains"] == ""
    assert p.set["mynetworks"] == "127.0.0.0/8 [::ffff:127.0.0.0]/104 [::1]/128"
    assert [(x.name, x.port, x.address, x.modifiers) for x in r.listeners] == [
        ("smtp", 25, "", "A")
    ]
    assert r.listeners[0].reachable and r.listeners[0].wildcard and r.listeners[0].auth_off
    assert {(x.address, x.port, x.process) for x in r.listening} == {
        ("0.0.0.0", 25, "postfix"),
        ("::", 25, "postfix"),
    }
    assert r.auth.advertised == [] and r.auth.trusted == []
    assert r.tls.offered and r.tls.cert_self_signed
    assert r.tls.cert_file == "/etc/ssl/certs/ssl-cert-snakeoil.pem"
    assert r.sasl.users == 0 and r.sasl.sasldb_path == "/etc/sasldb2"
    assert r.sasl.sasldb_mode == "root:sasl 660"
    assert "PLAIN" in r.sasl.plugins and "CRAM-MD5" in r.sasl.plugins
    assert r.realm == HOST
    assert ids(r) == {
        "postfix": Level.OK,
        "listeners": Level.OK,
        "submission_off": Level.WARNING,
        "auth_not_offered": Level.WARNING,
        "tls": Level.OK,
        "cert_self_signed": Level.WARNING,
        "postfix_sasl": Level.OK,
        "realm": Level.OK,
        "sasl_users": Level.WARNING,
    }
    f = {x.id: x for x in r.findings}
    assert f["auth_not_offered"].fixed_by == ("modern", "classic")
    assert f["submission_off"].fixed_by == ("modern",)
    # sasldb_readable: 660 is root and the sasl group only
    assert "sasldb_readable" not in f


def test_the_text_names_postfix_not_sendmail() -> None:
    text = format_report(build_report(HOST, postfix_sections()))
    assert "Mail server Postfix 3.7.11 (running)" in text
    assert "smtp (port 25 on every address, no login)" in text
    assert "Listening   0.0.0.0:25, [::]:25" in text
    assert "mynetworks  127.0.0.0/8 [::ffff:127.0.0.0]/104 [::1]/128" in text
    assert "sendmail" not in text


def test_server_text_is_escaped_in_the_terminal() -> None:
    text = format_report(report({"mynetworks": "127.0.0.0/8 \x1b[31mred"}))
    assert "\x1b" not in text


def test_submission_and_smtps_services_become_listeners() -> None:
    master = (
        "submission inet n - y - - smtpd -o syslog_name=postfix/submission "
        "-o smtpd_tls_security_level=encrypt -o smtpd_sasl_auth_enable=yes "
        "-o smtpd_tls_auth_only=yes -o smtpd_client_restrictions=permit_sasl_authenticated,reject\n"
        "smtps inet n - y - - smtpd -o smtpd_tls_wrappermode=yes -o smtpd_sasl_auth_enable=yes "
        "-o smtpd_recipient_restrictions=permit_sasl_authenticated,reject\n"
        "127.0.0.1:10025 inet n - n - - smtpd -o content_filter=\n"
        "[::1]:2525 inet n - n - - smtpd\n"
        "relay unix - - y - - smtp\n"
    )
    r = report(master=master)
    got = [(x.name, x.port, x.address, x.modifiers) for x in r.listeners]
    assert got == [
        ("smtp", 25, "", "A"),
        ("submission", 587, "", "a"),
        ("smtps", 465, "", "sa"),
        ("127.0.0.1:10025", 10025, "127.0.0.1", "A"),
        ("[::1]:2525", 2525, "::1", "A"),
    ]
    assert [x.reachable for x in r.listeners] == [True, True, True, False, False]
    assert r.listeners[4].family == "inet6"
    assert "submission_off" not in ids(r)


def test_inet_interfaces_decides_the_address() -> None:
    r = report({"inet_interfaces": "loopback-only"})
    assert [(x.address, x.reachable) for x in r.listeners] == [("127.0.0.1", False)]
    assert ids(r)["listeners_loopback"] == Level.WARNING
    r = report({"inet_interfaces": "127.0.0.1, 192.168.1.5"})
    assert [x.address for x in r.listeners] == ["127.0.0.1", "192.168.1.5"]
    assert ids(r)["listeners"] == Level.OK


def test_permit_before_the_relay_check_is_an_open_relay() -> None:
    r = report({"smtpd_relay_restrictions": "permit, reject_unauth_destination"})
    assert ids(r)["relay_permit_first"] == Level.PROBLEM
    # another list still refuses strangers: a warning, not an open relay
    r = report(
        {
            "smtpd_relay_restrictions": "permit",
            "smtpd_recipient_restrictions": "permit_mynetworks reject_unauth_destination",
        }
    )
    assert ids(r)["relay_permit_first"] == Level.WARNING


def test_no_relay_check_at_all_is_an_open_relay() -> None:
    r = report({"smtpd_relay_restrictions": "permit_mynetworks permit_sasl_authenticated"})
    assert ids(r)["open_relay"] == Level.PROBLEM
    assert "open_relay" not in ids(report())


def test_a_service_override_that_opens_relay_is_found() -> None:
    master = "2525 inet n - y - - smtpd -o smtpd_relay_restrictions=permit_mynetworks\n"
    r = report(master=master)
    f = {x.id: x for x in r.findings}
    assert f["open_relay"].level == Level.PROBLEM
    assert "2525" in f["open_relay"].detail


def test_mynetworks_is_judged_by_who_it_trusts() -> None:
    assert ids(report({"mynetworks": "127.0.0.0/8 0.0.0.0/0"}))["mynetworks_open"] == (
        Level.PROBLEM
    )
    assert ids(report({"mynetworks": "127.0.0.0/8 [::]/0"}))["mynetworks_open"] == Level.PROBLEM
    assert ids(report({"mynetworks": "127.0.0.0/8 44.0.0.0/8"}))["mynetworks_wide"] == (
        Level.PROBLEM
    )
    assert ids(report({"mynetworks": "127.0.0.0/8 81.2.69.0/24"}))["mynetworks_public"] == (
        Level.WARNING
    )
    assert ids(report({"mynetworks": "127.0.0.0/8 10.0.0.0/8"}))["mynetworks_private_wide"] == (
        Level.WARNING
    )
    lan = report({"mynetworks": "127.0.0.0/8 192.168.1.0/24"})
    assert ids(lan)["mynetworks_lan"] == Level.OK
    assert "192.168.1.0/24" in next(f.message for f in lan.findings if f.id == "mynetworks_lan")
    table = report({"mynetworks": "127.0.0.0/8 hash:/etc/postfix/network_table"})
    assert ids(table)["mynetworks_table"] == Level.OK
    # the stock list (loopback only) is no finding at all
    assert not [f for f in report().findings if f.id.startswith("mynetworks")]


def test_a_wide_mynetworks_the_relay_rules_do_not_use_is_only_a_note() -> None:
    r = report(
        {
            "mynetworks": "0.0.0.0/0",
            "smtpd_relay_restrictions": "permit_sasl_authenticated reject_unauth_destination",
        }
    )
    assert ids(r)["mynetworks_unused"] == Level.OK
    assert "mynetworks_open" not in ids(r)


def test_relay_domains_that_open_relay() -> None:
    assert ids(report({"relay_domains": "static:all"}))["relay_domains_open"] == Level.PROBLEM
    assert ids(report({"relay_domains": "example.org"}))["relay_domains"] == Level.OK


def test_auth_after_tls_only_is_not_read_as_no_auth() -> None:
    s = sections({"smtpd_sasl_auth_enable": "yes", "smtpd_tls_auth_only": "yes"})
    s["sasl-conf"] = (
        "@@ path /etc/postfix/sasl/smtpd.conf\npwcheck_method: auxprop\n"
        "auxprop_plugin: sasldb\nmech_list: PLAIN LOGIN\n"
    )
    r = build_report(HOST, s)
    assert r.auth.advertised == ["PLAIN", "LOGIN"]
    assert r.auth.trusted == ["PLAIN", "LOGIN"]
    assert r.auth.configured_mechanisms == ["PLAIN", "LOGIN"]
    assert "plaintext_auth" not in ids(r)
    assert "auth_not_offered" not in ids(r)


def test_plaintext_auth_before_tls_is_a_warning() -> None:
    s = sections({"smtpd_sasl_auth_enable": "yes"})
    s["ehlo"] = s["ehlo"].replace("250-STARTTLS", "250-AUTH PLAIN LOGIN\n250-STARTTLS")
    r = build_report(HOST, s)
    f = {x.id: x for x in r.findings}
    assert f["plaintext_auth"].level == Level.WARNING
    assert f["plaintext_auth"].fixed_by == ("modern",)
    assert f["auth_trusted"].level == Level.OK
    # AUTH offered, but the relay rules refuse before permit_sasl_authenticated
    s2 = sections(
        {
            "smtpd_sasl_auth_enable": "yes",
            "smtpd_relay_restrictions": "permit_mynetworks reject_unauth_destination",
        }
    )
    s2["ehlo"] = s["ehlo"]
    assert ids(build_report(HOST, s2))["auth_not_trusted"] == Level.WARNING


def _sasldb(main: str, copy: str | None) -> str:
    out = f"@@ db /etc/sasldb2 root:sasl 640 {main}\nalice@{HOST}: userPassword\n"
    if copy is not None:
        out += f"@@ db /var/spool/postfix/etc/sasldb2 root:postfix 640 {copy}\n"
        out += f"alice@{HOST}: userPassword\n" if copy == main else ""
    return out


def test_the_chroot_trap() -> None:
    s = sections({"smtpd_sasl_auth_enable": "yes"})
    s["sasldb"] = _sasldb("a" * 64, None)
    r = build_report(HOST, s)
    f = {x.id: x for x in r.findings}
    assert f["sasldb_chroot"].level == Level.PROBLEM
    assert "missing" in f["sasldb_chroot"].detail
    assert r.sasl.users == 1  # the accounts of /etc/sasldb2, where they are made
    s["sasldb"] = _sasldb("a" * 64, "b" * 64)
    r = build_report(HOST, s)
    assert ids(r)["sasldb_chroot"] == Level.PROBLEM
    assert r.sasl.sasldb_path == "/var/spool/postfix/etc/sasldb2"
    assert r.sasl.users == 0  # smtpd reads the old copy
    s["sasldb"] = _sasldb("a" * 64, "a" * 64)
    r = build_report(HOST, s)
    assert "sasldb_chroot" not in ids(r)
    assert r.sasl.user_names == [f"alice@{HOST}"]
    # smtpd not chrooted: it reads /etc/sasldb2 itself
    unchrooted = sections({"smtpd_sasl_auth_enable": "yes"})
    unchrooted["postconf-M"] = unchrooted["postconf-M"].replace(
        "smtp       inet  n       -       y", "smtp       inet  n       -       n"
    )
    unchrooted["sasldb"] = _sasldb("a" * 64, None)
    r = build_report(HOST, unchrooted)
    assert r.postfix is not None and not r.postfix.chroot
    assert "sasldb_chroot" not in ids(r)


def test_dovecot_sasl_is_a_note_that_accounts_are_dovecots() -> None:
    s = sections(
        {
            "smtpd_sasl_auth_enable": "yes",
            "smtpd_sasl_type": "dovecot",
            "smtpd_sasl_path": "private/auth",
        }
    )
    s["dovecot"] = "socket /var/spool/postfix/private/auth\ninstalled\n"
    r = build_report(HOST, s)
    f = {x.id: x for x in r.findings}
    assert f["dovecot_sasl"].level == Level.OK
    assert "Dovecot" in f["dovecot_sasl"].message
    assert "sasl_users" not in f  # no sasldb accounts to count
    s["dovecot"] = ""
    assert ids(build_report(HOST, s))["dovecot_sasl"] == Level.WARNING


def test_master_chroot_dash_means_no_since_postfix_3() -> None:
    master = "smtp inet n - - - - smtpd\n"
    s = sections()
    s["postconf-M"] = master
    r = build_report(HOST, s)
    assert r.postfix is not None and not r.postfix.chroot
    assert parse_services(master)[0].chroot == "-"


def test_a_stopped_postfix_is_a_problem() -> None:
    s = sections()
    s["master-pid"] = ""
    s["listening"] = "LISTEN 0 128 0.0.0.0:22 0.0.0.0:*\n"
    s["master-sockets"] = ""
    r = build_report(HOST, s)
    assert ids(r)["postfix"] == Level.PROBLEM
    assert ids(r)["not_listening"] == Level.PROBLEM


def test_logins_trusted_on_submission_by_its_own_rules() -> None:
    master = (
        "submission inet n - y - - smtpd -o smtpd_sasl_auth_enable=yes "
        "-o smtpd_tls_auth_only=yes "
        "-o smtpd_relay_restrictions=permit_sasl_authenticated,reject\n"
    )
    s = sections(
        {
            "smtpd_tls_auth_only": "yes",
            "smtpd_relay_restrictions": "permit_mynetworks reject_unauth_destination",
        },
        master,
    )
    s["sasl-conf"] = "@@ path /etc/postfix/sasl/smtpd.conf\nmech_list: PLAIN LOGIN\n"
    s["ehlo"] = s["ehlo"].replace("250-STARTTLS", "250-AUTH PLAIN LOGIN\n250-STARTTLS")
    r = build_report(HOST, s)
    assert r.auth.trusted == ["PLAIN", "LOGIN"]
    assert ids(r)["auth_trusted"] == Level.OK
    # no service with AUTH on: nothing is trusted
    assert build_report(HOST, sections()).auth.trusted == []


def test_the_certificate_postfix_presents_is_listed_and_judged() -> None:
    """The stock capture: Debian's snakeoil pair, made for the image's build name."""
    import datetime

    from tests.capture import postfix_sections
    from wizard.core.mta.postfix.inspection import build_report as postfix_report

    r = postfix_report("198.51.100.6", postfix_sections(), datetime.date(2026, 12, 3))
    [cert] = r.certificates
    assert (cert.source, cert.path) == ("postfix", "/etc/ssl/certs/ssl-cert-snakeoil.pem")
    assert cert.key_path == "/etc/ssl/private/ssl-cert-snakeoil.key"
    assert cert.in_use and cert.self_signed and cert.expires == "2036-11-30"
    assert cert.names == ("mail.lab.test",) and not cert.covers  # not the server's own name
