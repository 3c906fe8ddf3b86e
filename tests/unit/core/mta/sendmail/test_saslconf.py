"""Sendmail.conf (Cyrus SASL's config for sendmail): only the keys that must change do.

Expected files written by hand from the distributions' own Sendmail.conf before the tests
ran: Debian's /etc/mail/sasl/Sendmail.conf.2 and the Fedora/RHEL package's
Sendmail-sasl2.conf (``pwcheck_method:saslauthd``, no space).
"""

from __future__ import annotations

import pytest

from wizard.core.exports.lineops import apply_line_ops, changed_by
from wizard.core.mta.sendmail.saslconf import (
    edit_sasl_conf,
    parse_sasl_conf,
    sasl_conf_ops,
    wanted_sasl_conf,
)

DEBIAN = (
    "# Debian's\n"
    "pwcheck_method: saslauthd\n"
    "#auxprop_plugin: sasldb\n"
    "allowplaintext: 1\n"
    "mech_list: EXTERNAL DIGEST-MD5 CRAM-MD5 LOGIN PLAIN\n"
)
RHEL = "pwcheck_method:saslauthd\n"
PL = ("PLAIN", "LOGIN")


def test_parse_reads_live_keys_only() -> None:
    assert parse_sasl_conf(DEBIAN) == {
        "pwcheck_method": "saslauthd",
        "allowplaintext": "1",
        "mech_list": "EXTERNAL DIGEST-MD5 CRAM-MD5 LOGIN PLAIN",
    }
    assert parse_sasl_conf(RHEL) == {"pwcheck_method": "saslauthd"}
    assert parse_sasl_conf("\n  # x: y\nno colon here\n") == {}


def test_wanted_keys() -> None:
    assert wanted_sasl_conf(("PLAIN", "LOGIN", "CRAM-MD5")) == {
        "pwcheck_method": "auxprop",
        "auxprop_plugin": "sasldb",
        "mech_list": "PLAIN LOGIN CRAM-MD5",
    }


def test_debian_the_comment_stays_and_the_missing_key_is_appended() -> None:
    assert edit_sasl_conf(DEBIAN, PL) == (
        "# Debian's\n"
        "pwcheck_method: auxprop\n"
        "#auxprop_plugin: sasldb\n"
        "allowplaintext: 1\n"
        "mech_list: PLAIN LOGIN\n"
        "auxprop_plugin: sasldb\n"
    )


def test_rhel_no_space_after_the_colon() -> None:
    assert edit_sasl_conf(RHEL, PL) == (
        "pwcheck_method: auxprop\nauxprop_plugin: sasldb\nmech_list: PLAIN LOGIN\n"
    )


def test_a_line_already_right_is_kept_byte_for_byte() -> None:
    text = "pwcheck_method:auxprop\n auxprop_plugin :  sasldb\nmech_list: PLAIN LOGIN\n"
    assert edit_sasl_conf(text, PL) == text


def test_crlf_endings_are_kept_for_edited_and_added_lines() -> None:
    text = "pwcheck_method: saslauthd\r\nallowplaintext: 1\r\n"
    assert edit_sasl_conf(text, PL) == (
        "pwcheck_method: auxprop\r\nallowplaintext: 1\r\n"
        "auxprop_plugin: sasldb\r\nmech_list: PLAIN LOGIN\r\n"
    )


def test_no_final_newline_and_an_empty_file() -> None:
    assert edit_sasl_conf("allowplaintext: 1", PL) == (
        "allowplaintext: 1\npwcheck_method: auxprop\nauxprop_plugin: sasldb\nmech_list: PLAIN LOGIN\n"
    )
    assert edit_sasl_conf("", PL) == (
        "pwcheck_method: auxprop\nauxprop_plugin: sasldb\nmech_list: PLAIN LOGIN\n"
    )


def test_a_duplicate_key_keeps_one_line() -> None:
    text = "mech_list: DIGEST-MD5\nmech_list: CRAM-MD5\n"
    assert edit_sasl_conf(text, PL) == (
        "mech_list: PLAIN LOGIN\npwcheck_method: auxprop\nauxprop_plugin: sasldb\n"
    )


@pytest.mark.parametrize("text", [DEBIAN, RHEL, "", "allowplaintext: 1"])
def test_editing_twice_changes_nothing(text: str) -> None:
    once = edit_sasl_conf(text, PL)
    assert edit_sasl_conf(once, PL) == once


def test_the_line_operations_find_each_key_and_skip_comments() -> None:
    ops = sasl_conf_ops(PL)
    assert [op.line for op in ops] == [
        "pwcheck_method: auxprop",
        "auxprop_plugin: sasldb",
        "mech_list: PLAIN LOGIN",
    ]
    assert [op.why for op in ops] == [f"Set {op.line}" for op in ops]
    for text in (DEBIAN, RHEL, "", "allowplaintext: 1"):
        assert apply_line_ops(text, ops) == edit_sasl_conf(text, PL), text
        assert changed_by(edit_sasl_conf(text, PL), ops) == []
    # the commented-out key of Debian's file is not the line the regexp finds
    assert apply_line_ops(DEBIAN, ops).count("#auxprop_plugin: sasldb\n") == 1
