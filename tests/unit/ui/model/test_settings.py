"""The Settings page's choices become RelayOptions; the logins a server uses today are kept."""

from __future__ import annotations

from tests.unit.ui.model.conftest import server_state
from wizard.core.change.options import LETS_ENCRYPT
from wizard.ui.model.settings import (
    RelayChoice,
    allowed,
    kept_mechanisms,
    mechanism_boxes,
    protect_default,
)


def test_the_profiles_own_mechanisms_are_not_named() -> None:
    options = RelayChoice(modern=False, mechanisms=("CRAM-MD5", "DIGEST-MD5")).options()
    assert options.profile == "classic" and options.mechanisms == ()


def test_a_narrower_choice_is_named_and_an_unticked_login_is_dropped() -> None:
    choice = RelayChoice(modern=False, mechanisms=("CRAM-MD5",), unticked_kept=("LOGIN",))
    options = choice.options()
    assert options.mechanisms == ("CRAM-MD5",)
    assert options.drop_mechanisms == ("LOGIN",)
    kept_by_choice = RelayChoice(
        modern=False, mechanisms=("CRAM-MD5",), unticked_kept=("CRAM-MD5",)
    )
    assert kept_by_choice.options().drop_mechanisms == ()


def test_modern_extras_count_only_with_modern() -> None:
    extras = dict(open_smtp=True, smtps=True, cert=" /c.pem ", key="/k.pem")
    modern = RelayChoice(modern=True, mechanisms=("PLAIN",), **extras).options()  # type: ignore[arg-type]
    assert (modern.open_smtp, modern.smtps, modern.cert_file) == (True, True, "/c.pem")
    classic = RelayChoice(modern=False, **extras).options()  # type: ignore[arg-type]
    assert (classic.open_smtp, classic.smtps, classic.cert_file, classic.key_file) == (
        False,
        False,
        "",
        "",
    )


def test_the_boxes_follow_the_profile() -> None:
    modern, classic = mechanism_boxes("modern"), mechanism_boxes("classic")
    assert modern["PLAIN"] == (True, True) and modern["DIGEST-MD5"][0] is False
    assert classic["DIGEST-MD5"] == (True, True) and classic["PLAIN"] == (False, False)


def test_a_stock_server_trusts_no_login_yet() -> None:
    assert kept_mechanisms(server_state()) == []


def test_the_certificate_choice_becomes_the_options() -> None:
    keep = RelayChoice(cert="/c.pem", key="/k.pem").options()
    assert (keep.certificate, keep.cert_file, keep.key_file) == ("keep", "/c.pem", "/k.pem")
    certbot = RelayChoice(certificate="certbot", cert_name="", cert="/c.pem").options()
    assert (certbot.certificate, certbot.cert_name, certbot.cert_file) == ("certbot", "", "")
    obtain = RelayChoice(
        certificate="obtain",
        cert_name=" relay.example.com ",
        acme_server=" https://acme.lab.test:14000/dir ",
        acme_email="it@example.com",
        webroot="/var/www/html",
    ).options()
    assert obtain.certificate == "obtain" and obtain.cert_name == "relay.example.com"
    assert obtain.acme_server == "https://acme.lab.test:14000/dir"
    assert (obtain.acme_email, obtain.webroot) == ("it@example.com", "/var/www/html")
    assert RelayChoice(certificate="obtain", acme_server=" ").options().acme_server == (
        LETS_ENCRYPT
    )
    # what only obtaining uses is left out otherwise; classic has no certificate at all
    certbot_too = RelayChoice(certificate="certbot", acme_email="it@example.com").options()
    assert certbot_too.acme_email == ""
    classic = RelayChoice(modern=False, certificate="obtain", cert_name="x.example.com")
    assert (classic.options().certificate, classic.options().cert_name) == ("keep", "")
    classic.options().validated()  # accepted: classic with no TLS option


def test_the_protection_in_minutes_becomes_seconds_and_its_default_follows_the_profile() -> None:
    options = RelayChoice(
        max_retry=6, find_minutes=1, ban_minutes=2, allow="192.0.2.10, 198.51.100.0/24;192.0.2.10"
    ).options()
    assert (options.max_retry, options.find_time, options.ban_time) == (6, 60, 120)
    assert options.allow == ("192.0.2.10", "198.51.100.0/24")
    assert allowed("  ") == ()
    # left as the profile sets it: None, so the core knows the admin did not choose
    modern, classic = RelayChoice().options(), RelayChoice(modern=False).options()
    assert modern.protect is None and classic.protect is None
    assert modern.validated().protect is True and modern.validated().protect_given is False
    assert classic.validated().protect is False
    chosen = RelayChoice(modern=False, protect=True).options().validated()
    assert chosen.protect is True and chosen.protect_given is True
    assert protect_default("modern") and not protect_default("classic")
