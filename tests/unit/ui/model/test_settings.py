"""The Settings page's choices become RelayOptions; the logins a server uses today are kept."""

from __future__ import annotations

from tests.unit.ui.model.conftest import server_state
from wizard.ui.model.settings import RelayChoice, kept_mechanisms, mechanism_boxes


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
