"""Which mail server the pages name, where the realm comes from, and the logins a Postfix
server keeps: on the stock Debian server of each kind."""

from __future__ import annotations

import dataclasses

from tests.ui.postfix_data import DATA, postfix_sections
from tests.unit.ui.model.conftest import report as sendmail_report
from wizard.core.mta.postfix.inspection import build_report
from wizard.core.mta.postfix.state import PostfixState
from wizard.core.mta.report import ServerReport
from wizard.ui.model.mailserver import (
    found_sentence,
    is_postfix,
    mta_name,
    realm_note,
    receives_from_network,
)
from wizard.ui.model.settings import kept_mechanisms


def postfix_report(local_domain: str = "", sasl_type: str = "cyrus") -> ServerReport:
    return build_report("mail.example.com", postfix_sections(local_domain, sasl_type))


def postfix_state(report: ServerReport, smtpd_conf: str = "") -> PostfixState:
    return PostfixState(
        report,
        "/etc/postfix/main.cf",
        (DATA / "main.cf").read_text(),
        "/etc/postfix/master.cf",
        (DATA / "master.cf").read_text(),
        "/etc/postfix/sasl/smtpd.conf",
        smtpd_conf,
    )


def test_the_server_found_is_named_with_its_version_and_system() -> None:
    postfix = postfix_report()
    assert is_postfix(postfix) and mta_name(postfix) == "Postfix"
    assert found_sentence(postfix) == (
        "This server runs Postfix 3.7.11 on Debian GNU/Linux 12 (bookworm): Relay Wizard "
        "sets up Postfix."
    )
    sendmail = sendmail_report()
    assert not is_postfix(sendmail) and mta_name(sendmail) == "sendmail"
    said = found_sentence(sendmail)
    assert said.startswith(f"This server runs sendmail {sendmail.sendmail.version} on Debian")
    assert "Postfix" not in said
    assert mta_name(None) == "" and not is_postfix(None)


def test_a_postfix_that_did_not_say_its_version_is_still_named() -> None:
    sections = postfix_sections()
    sections["postfix-version"] = ""
    report = build_report("mail.example.com", sections)
    assert found_sentence(report) == (
        "This server runs Postfix on Debian GNU/Linux 12 (bookworm): Relay Wizard sets up Postfix."
    )


def test_the_realm_and_the_setting_it_comes_from() -> None:
    # stock Debian: no smtpd_sasl_local_domain, so the host name
    sentence, detail = realm_note(postfix_report())
    assert "realm mail.example.com: the server's name as Postfix knows it" in sentence
    assert "mail.example.com@" not in sentence and "@mail.example.com" in sentence
    assert detail == (
        "Postfix's setting myhostname is mail.example.com; smtpd_sasl_local_domain is not set."
    )
    # the admin's login domain wins, and the page says it is one
    sentence, detail = realm_note(postfix_report(local_domain="example.com"))
    assert "realm example.com: the login domain set in Postfix's configuration" in sentence
    assert detail == "Postfix's setting smtpd_sasl_local_domain is example.com."
    # Dovecot's logins: the accounts are Dovecot's
    sentence, detail = realm_note(postfix_report(sasl_type="dovecot"))
    assert "Dovecot" in sentence and "realm" not in sentence
    # sendmail: its own name, no Postfix setting
    sentence, detail = realm_note(sendmail_report())
    assert "as sendmail knows it" in sentence and detail == ""
    assert realm_note(None) == ("", "")
    assert realm_note(dataclasses.replace(sendmail_report(), realm="")) == ("", "")


def test_postfix_keeps_the_logins_its_smtpd_conf_lists_where_logins_are_on() -> None:
    conf = "pwcheck_method: auxprop\nauxprop_plugin: sasldb\nmech_list: plain login cram-md5\n"
    stock = postfix_report()
    # stock: logins are off, so smtpd.conf's list is not in use
    assert kept_mechanisms(postfix_state(stock, conf)) == []
    # on in main.cf
    info = stock.postfix
    assert info is not None
    on = dataclasses.replace(info, effective={**info.effective, "smtpd_sasl_auth_enable": "yes"})
    report = dataclasses.replace(stock, postfix=on)
    assert kept_mechanisms(postfix_state(report, conf)) == ["PLAIN", "LOGIN", "CRAM-MD5"]
    # on for the submission service only (master.cf's -o), and no smtpd.conf at all
    sections = postfix_sections()
    sections["postconf-M"] += (
        "submission inet n       -       y       -       -       smtpd "
        "-o smtpd_sasl_auth_enable=yes -o smtpd_tls_security_level=encrypt\n"
    )
    submission = build_report("mail.example.com", sections)
    assert kept_mechanisms(postfix_state(submission, conf)) == ["PLAIN", "LOGIN", "CRAM-MD5"]
    assert kept_mechanisms(postfix_state(submission, "")) == []


def test_port_25_from_the_network_is_offered_only_where_it_is_not_open_yet() -> None:
    # stock Postfix: smtp on every interface already
    assert receives_from_network(postfix_report())
    # a Postfix on the loopback only (a null client's)
    sections = postfix_sections()
    sections["postconf"] = sections["postconf"].replace(
        "inet_interfaces = all", "inet_interfaces = loopback-only"
    )
    assert not receives_from_network(build_report("mail.example.com", sections))
    sections["postconf"] = sections["postconf"].replace(
        "inet_interfaces = loopback-only", "inet_interfaces = 127.0.0.1, [::1]"
    )
    assert not receives_from_network(build_report("mail.example.com", sections))
    # sendmail: the box stays (Debian's listens on the loopback only)
    assert not receives_from_network(sendmail_report())
    assert not receives_from_network(None)


def test_the_certificate_postfix_names_is_the_mail_servers_not_a_tools() -> None:
    from wizard.core.mta.report import CertificateFound
    from wizard.ui.model.guard import guard_notes

    cert = CertificateFound(
        "postfix", "/etc/ssl/certs/mail.pem", "/etc/ssl/private/mail.key", "",
        ("mail.example.com",), "CN=R11,O=Let's Encrypt", False, "2026-12-10", 7, True, True,
    )  # fmt: skip
    report = dataclasses.replace(postfix_report(), certificates=[cert])
    level, text = guard_notes(report)[0]
    assert text == (
        "A certificate from CN=R11,O=Let's Encrypt for mail.example.com, valid until "
        "2026-12-10. It expires in 7 day(s). It is valid for mail.example.com. The mail server "
        "uses it."
    )
    assert level == "warning"


def test_on_postfix_the_check_lists_the_certificate_and_says_protection_is_not_checked() -> None:
    from tests.capture import postfix_sections
    from wizard.core.mta.postfix.inspection import build_report as postfix_report
    from wizard.ui.model.guard import guard_notes

    notes = guard_notes(postfix_report("198.51.100.6", postfix_sections()))
    texts = [text for _, text in notes]
    assert not any("No certificate was found" in t for t in texts)
    assert not any("fail2ban" in t or "mail log" in t for t in texts)
    assert texts[-1] == (
        "Relay Wizard does not check or set up protection against password guessing on Postfix yet."
    )
