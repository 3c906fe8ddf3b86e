"""The Export page's rules: the settings from its fields, the mail domain of an address."""

from __future__ import annotations

from tests.unit.ui.model.conftest import report
from wizard.core.local.profiles import ServerProfile
from wizard.ui.model.export import ExportInputs, client_settings, file_name, identity_for
from wizard.ui.model.state import SendInputs

BY_NAME = ServerProfile(name="mail", host="mail.example.com")
BY_ADDRESS = ServerProfile(name="ip", host="192.0.2.7")


def test_a_server_reached_by_address_takes_the_domain_of_its_canonical_name() -> None:
    assert identity_for(BY_NAME.host, None).server_name == "mail.example.com"
    found = identity_for(BY_ADDRESS.host, report())
    assert (found.mail_domain, found.server_name) == ("lab.test", "mail-a.lab.test")
    assert identity_for(BY_ADDRESS.host, None).server_name == ""


def test_the_password_goes_only_where_asked_and_the_pdf_is_the_html_handout() -> None:
    test = SendInputs(password="pw")
    inputs = ExportInputs("handout-pdf", " alice ", incoming=(" imap.x ", "imap", "tls"))
    settings = client_settings(BY_NAME, inputs, test, None)
    assert settings.password is None and settings.user == "alice"
    assert settings.incoming is not None and settings.incoming.host == "imap.x"
    assert inputs.core_format == "handout-html" and inputs.is_handout
    asked = client_settings(BY_NAME, ExportInputs(with_password=True), test, None)
    assert asked.password == "pw" and asked.incoming is None
    assert file_name("alice.html", "handout-pdf") == "alice.pdf"
    assert file_name("msmtprc", "msmtp") == "msmtprc"
