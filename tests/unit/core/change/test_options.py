"""RelayOptions.validated(): every choice kept, defaults filled in, mistakes refused in
plain words with the field they concern. Pure."""

from __future__ import annotations

import pytest

from wizard.core.change.options import RelayOptions
from wizard.core.errors import Field, UsageError


@pytest.mark.parametrize("restart", ["auto", "init"])
def test_validated_keeps_the_restart_mode(restart: str) -> None:
    o = RelayOptions("classic", restart=restart).validated()
    assert o.restart == restart
    assert o.validated().restart == restart  # and so does a second validation


def test_validated_keeps_every_choice_and_fills_in_the_defaults() -> None:
    given = RelayOptions(
        "modern",
        mechanisms=(" plain ", "PLAIN", "login"),
        open_smtp=True,
        smtps=True,
        cert_file="/etc/ssl/mail.pem",
        key_file="/etc/ssl/mail.key",
        ca_file="/etc/ssl/ca.pem",
        restart="init",
        drop_mechanisms=("gssapi",),
    )
    o = given.validated()
    assert o == RelayOptions(
        "modern",
        ("PLAIN", "LOGIN"),
        True,
        True,
        "/etc/ssl/mail.pem",
        "/etc/ssl/mail.key",
        "/etc/ssl/ca.pem",
        "init",
        ("GSSAPI",),
        True,
        protect=True,  # the modern profile's default
        protect_given=False,
    )
    assert RelayOptions("classic").validated().mechanisms == ("DIGEST-MD5", "CRAM-MD5")


@pytest.mark.parametrize(
    ("options", "field"),
    [
        (RelayOptions("postfix"), Field.PROFILE),  # type: ignore[arg-type]
        (RelayOptions("classic", smtps=True), Field.PROFILE),
        (RelayOptions("classic", mechanisms=("PLAIN",)), Field.MECHANISM),
        (RelayOptions("modern", drop_mechanisms=("PLAIN", "LOGIN")), Field.MECHANISM),
        (RelayOptions("modern", drop_mechanisms=("NO WAY",)), Field.MECHANISM),
        (RelayOptions("modern", cert_file="mail.pem", key_file="/k"), Field.CERT),
        (RelayOptions("modern", cert_file="/c", key_file="/k'"), Field.KEY),
        (RelayOptions("modern", ca_file="ca.pem"), Field.CA),
        (RelayOptions("modern", cert_file="/etc/ssl/mail.pem"), Field.KEY),
        (RelayOptions("modern", key_file="/etc/ssl/mail.key"), Field.CERT),
    ],
)
def test_mistakes_name_their_field_in_plain_words(options: RelayOptions, field: Field) -> None:
    with pytest.raises(UsageError) as refused:
        options.validated()
    assert refused.value.field == field
    assert "--" not in refused.value.message + refused.value.fix


def test_an_unknown_restart_mode_is_refused() -> None:
    with pytest.raises(UsageError, match="Unknown restart mode"):
        RelayOptions("classic", restart="reboot").validated()
