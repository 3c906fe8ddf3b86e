"""The mail identity: the mail domain and the server's name, from what inspection read."""

from __future__ import annotations

import pytest

from wizard.core.errors import Field, UsageError
from wizard.core.exports.identity import (
    identity,
    postfix_names,
    postfix_value,
    report_identity,
    validate_mail_domain,
    validate_server_name,
)
from wizard.core.mta.postfix.inspection import build_report
from wizard.core.mta.sendmail.users import parse_class_w

LAB_D0 = """Version 8.17.1.9
  (canonical domain name) $j = mail-w2.lab.test
ADDRESS TEST MODE (ruleset 3 NOT automatically invoked)
Enter <ruleset> <address>
> [198.51.100.6]
mail-w2.lab.test
mail-w2
localhost
[127.0.0.1]
mail.lab.test
> """


def test_class_w_is_read_from_the_test_mode_answer() -> None:
    assert parse_class_w(LAB_D0) == [
        "[198.51.100.6]",
        "mail-w2.lab.test",
        "mail-w2",
        "localhost",
        "[127.0.0.1]",
        "mail.lab.test",
    ]
    assert parse_class_w("Version 8.17\n> \n") == []
    assert parse_class_w("") == []


def test_a_server_reached_by_address_gets_its_canonical_name_and_domain() -> None:
    found = identity("198.51.100.6", "mail-w2.lab.test", parse_class_w(LAB_D0))
    assert found.server_name == "mail-w2.lab.test"
    assert found.mail_domain == "lab.test"
    assert "198.51.100.6" not in found.server_names + found.mail_domains
    assert "localhost" not in found.mail_domains and "mail.lab.test" in found.mail_domains


def test_the_local_domain_sendmail_takes_mail_for_comes_first() -> None:
    found = identity("10.0.0.5", "smtp.office.example.com", ["office.example.com", "example.org"])
    assert found.mail_domains[0] == "office.example.com"
    assert "example.org" in found.mail_domains


def test_the_certificate_names_the_server() -> None:
    # the certificate is for mail.example.com: staff must use that name, not $j
    found = identity("192.0.2.1", "debian.localdomain", (), ("mail.example.com", "*.example.com"))
    assert found.server_names == ("mail.example.com",)
    assert found.mail_domain == "example.com" or "example.com" in found.mail_domains
    # the name the admin used comes first when the certificate holds it
    found = identity("smtp.example.com", "", (), ("mail.example.com", "smtp.example.com"))
    assert found.server_names == ("smtp.example.com", "mail.example.com")


def test_a_self_signed_certificate_does_not_outrank_the_name_the_server_calls_itself() -> None:
    # Debian's stock certificate names the host as it was called at install time
    found = identity(
        "198.51.100.7", "mail-a.lab.test", ["lab.test"], ["mail.lab.test"], self_signed=True
    )
    assert found.server_names == ("mail-a.lab.test", "mail.lab.test")
    assert found.mail_domain == "lab.test"


def test_nothing_known_gives_no_candidates() -> None:
    found = identity("192.0.2.1")
    assert found.server_name == "" and found.mail_domain == ""


@pytest.mark.parametrize("bad", ["", "192.0.2.1", "[::1]", "a b.example", "mail\n.example.com"])
def test_a_server_name_is_a_name(bad: str) -> None:
    with pytest.raises(UsageError) as caught:
        validate_server_name(bad)
    assert caught.value.field == Field.SERVER_NAME and "--" not in str(caught.value)


@pytest.mark.parametrize("bad", ["", "192.0.2.1", "exa mple.com", "ex;ample.com"])
def test_a_mail_domain_is_a_name(bad: str) -> None:
    with pytest.raises(UsageError) as caught:
        validate_mail_domain(bad)
    assert caught.value.field == Field.DOMAIN


POSTFIX_SETTINGS = """\
myhostname = mail.example.org
mydomain = example.org
mydestination = $myhostname, localhost.${mydomain}, localhost, example.org, hash:/etc/postfix/dest
smtpd_sasl_local_domain = office.example
"""


def test_a_postfix_server_is_named_by_myhostname_and_takes_mail_for_mydestination() -> None:
    # the SASL realm is smtpd_sasl_local_domain here: the server's name is still myhostname
    report = build_report("198.51.100.7", {"postconf": POSTFIX_SETTINGS})
    assert report.realm == "office.example"
    assert postfix_names(report.postfix.effective if report.postfix else {}) == (
        "mail.example.org",
        ["mail.example.org", "localhost.example.org", "localhost", "example.org"],
    )
    found = report_identity("198.51.100.7", report)
    assert found.server_name == "mail.example.org"
    assert found.mail_domain == "example.org"
    assert "office.example" not in found.server_names


def test_postfix_references_are_expanded_and_loops_end() -> None:
    params = {"a": "$b.x", "b": "${c}", "c": "$(a)"}
    assert postfix_value("$a", params).endswith(".x")
    assert postfix_value("$unknown.example", {}) == ".example"
