"""McEditor: only the lines that must change do, on real sendmail.mc files.

The expected lines below were written from the files in tests/data/mc (their line numbers
are in the comments) before the tests ran: what a careful admin would change by hand.
"""

from __future__ import annotations

import difflib

import pytest

from tests import DATA as TESTS_DATA
from wizard.core.exports.lineops import NotLineBased, apply_line_ops, changed_by
from wizard.core.mta.sendmail.mc import McFile
from wizard.core.mta.sendmail.mcedit import BLOCK_HEADER, McEditor, edit_daemon_options

DATA = TESTS_DATA / "mc"


def read(name: str) -> str:
    return (DATA / name).read_bytes().decode("utf-8", "surrogateescape")


def changes(before: str, after: str) -> list[str]:
    """The changed lines, as ``-old`` / ``+new`` (no context)."""
    return [
        line
        for line in difflib.unified_diff(
            before.splitlines(keepends=True), after.splitlines(keepends=True), n=0
        )
        if line[:1] in "+-" and not line.startswith(("+++", "---"))
    ]


def call(editor: McEditor, name: str) -> object:
    """The live DAEMON_OPTIONS call whose Name= is ``name``."""
    return next(c for c, lst in editor.live_daemons() if lst.name == name)


# --------------------------------------------------------------------------- one argument


@pytest.mark.parametrize(
    ("content", "drop_addr", "modifiers", "expected"),
    [
        # Debian 12, line 57: the address goes, the double space after inet stays.
        (
            "Family=inet,  Name=MTA-v4, Port=smtp, Addr=127.0.0.1",
            True,
            None,
            "Family=inet,  Name=MTA-v4, Port=smtp",
        ),
        # Debian 12, line 59: address dropped, M=Ea already right.
        (
            "Family=inet,  Name=MSP-v4, Port=submission, M=Ea, Addr=127.0.0.1",
            True,
            "Ea",
            "Family=inet,  Name=MSP-v4, Port=submission, M=Ea",
        ),
        # RHEL 7, line 116: no space after the comma that went with the address.
        ("Port=smtp,Addr=127.0.0.1, Name=MTA", True, None, "Port=smtp, Name=MTA"),
        # An address first: the next piece loses its leading blank.
        ("Addr=127.0.0.1, Port=smtp", True, None, "Port=smtp"),
        # OpenBSD writes address= (line 28); A= is the short key.
        ("Family=inet, address=127.0.0.1, A=::1, Name=MTA", True, None, "Family=inet, Name=MTA"),
        # FreeBSD, line 96: no M= yet, one is added.
        ("Name=IPv4, Family=inet", False, "a", "Name=IPv4, Family=inet, M=a"),
        # FreeBSD, line 97: the long key Modifiers= is the same key.
        (
            "Name=IPv6, Family=inet6, Modifiers=O",
            False,
            "Oa",
            "Name=IPv6, Family=inet6, Modifiers=Oa",
        ),
        # OpenBSD, line 31: two M=, sendmail uses the last one.
        (
            "Family=inet6, address=::1, Port=587, Name=MSA6, M=O, M=E",
            False,
            "Ea",
            "Family=inet6, address=::1, Port=587, Name=MSA6, M=O, M=Ea",
        ),
        # Spacing around the value stays.
        ("Port=587, M= E ", False, "Ea", "Port=587, M= Ea "),
        # Nothing to do: the same text.
        ("Port=smtp, Name=MTA", True, None, "Port=smtp, Name=MTA"),
    ],
)
def test_edit_daemon_options(
    content: str, drop_addr: bool, modifiers: str | None, expected: str
) -> None:
    assert edit_daemon_options(content, drop_addr=drop_addr, modifiers=modifiers) == expected


# --------------------------------------------------------------------------- whole files


def test_debian_listeners_edited_in_place_comments_untouched() -> None:
    text = read("debian12-sendmail.mc")
    editor = McEditor(text)
    assert editor.edit_listener(call(editor, "MTA-v4"), drop_addr=True)
    assert editor.edit_listener(call(editor, "MSP-v4"), drop_addr=True, modifiers="Ea")
    assert changes(text, editor.result()) == [
        "-DAEMON_OPTIONS(`Family=inet,  Name=MTA-v4, Port=smtp, Addr=127.0.0.1')dnl\n",
        "+DAEMON_OPTIONS(`Family=inet,  Name=MTA-v4, Port=smtp')dnl\n",
        "-DAEMON_OPTIONS(`Family=inet,  Name=MSP-v4, Port=submission, M=Ea, Addr=127.0.0.1')dnl\n",
        "+DAEMON_OPTIONS(`Family=inet,  Name=MSP-v4, Port=submission, M=Ea')dnl\n",
    ]
    # the commented-out IPv6 lines 56 and 58 are still there, as they were
    assert "dnl DAEMON_OPTIONS(`Family=inet6, Name=MTA-v6, Port=smtp, Addr=::1')dnl\n" in (
        editor.result()
    )


def test_new_settings_go_in_one_block_before_the_mailers() -> None:
    text = read("debian12-sendmail.mc")
    editor = McEditor(text)
    assert editor.set_define("confAUTH_MECHANISMS", "PLAIN LOGIN")
    assert editor.set_trust_auth_mech(["PLAIN", "LOGIN"])
    lines = editor.result().splitlines()
    at = lines.index("MAILER_DEFINITIONS")  # line 101 of the original
    assert lines[at - 3 : at] == [
        BLOCK_HEADER,
        "define(`confAUTH_MECHANISMS', `PLAIN LOGIN')dnl",
        "TRUST_AUTH_MECH(`PLAIN LOGIN')dnl",
    ]
    assert len(lines) == len(text.splitlines()) + 3


def test_an_existing_define_is_replaced_where_it_is() -> None:
    # Slackware's TLS+SASL file, lines 51-53: the mechanisms exist; only the define changes.
    text = read("slackware-sendmail-slackware-tls-sasl.mc")
    editor = McEditor(text)
    assert editor.set_define("confAUTH_MECHANISMS", "PLAIN LOGIN")
    assert changes(text, editor.result()) == [
        "-define(`confAUTH_MECHANISMS', `LOGIN PLAIN DIGEST-MD5 CRAM-MD5')dnl\n",
        "+define(`confAUTH_MECHANISMS', `PLAIN LOGIN')dnl\n",
    ]
    assert not editor.set_define("confAUTH_OPTIONS", "A p y", same=True)


def test_trusted_mechanisms_already_equal_change_nothing() -> None:
    text = read("slackware-sendmail-slackware-tls-sasl.mc")
    editor = McEditor(text)
    assert not editor.set_trust_auth_mech(["PLAIN", "LOGIN", "CRAM-MD5", "DIGEST-MD5"])
    assert editor.result() == text


def test_a_commented_out_macro_is_not_edited_a_live_one_is_added() -> None:
    # RHEL 7, lines 52-53: TRUST_AUTH_MECH and confAUTH_MECHANISMS behind dnl.
    text = read("rhel7-sendmail-redhat.mc")
    editor = McEditor(text)
    assert editor.set_trust_auth_mech(["PLAIN", "LOGIN"])
    result = editor.result()
    assert "dnl TRUST_AUTH_MECH(`EXTERNAL DIGEST-MD5 CRAM-MD5 LOGIN PLAIN')dnl\n" in result
    assert changes(text, result) == [f"+{BLOCK_HEADER}\n", "+TRUST_AUTH_MECH(`PLAIN LOGIN')dnl\n"]
    lines = result.splitlines()
    assert lines.index("TRUST_AUTH_MECH(`PLAIN LOGIN')dnl") + 1 == lines.index("MAILER(smtp)dnl")


def test_an_added_listener_follows_the_last_live_one() -> None:
    # FreeBSD, lines 96-97; the mailers are at 102.
    text = read("freebsd-freebsd.mc")
    editor = McEditor(text)
    editor.add_listener("Port=587, Name=MSA, M=Ea")
    lines = editor.result().splitlines()
    at = lines.index("DAEMON_OPTIONS(`Name=IPv6, Family=inet6, Modifiers=O')")
    assert lines[at + 1] == "DAEMON_OPTIONS(`Port=587, Name=MSA, M=Ea')dnl"
    assert changes(text, editor.result()) == ["+DAEMON_OPTIONS(`Port=587, Name=MSA, M=Ea')dnl\n"]


def test_mailers_before_the_listeners_each_insertion_in_its_own_place() -> None:
    # OpenBSD's localhost file: MAILER at 26-27, DAEMON_OPTIONS at 28-31.
    text = read("openbsd-openbsd-localhost.mc")
    editor = McEditor(text)
    editor.add_listener("Family=inet, Port=465, Name=SMTPS, M=s")
    editor.set_define("confAUTH_OPTIONS", "A p y")
    lines = editor.result().splitlines()
    assert lines.index(BLOCK_HEADER) + 2 == lines.index("MAILER(local)dnl")
    assert lines.index("DAEMON_OPTIONS(`Family=inet, Port=465, Name=SMTPS, M=s')dnl") - 1 == (
        lines.index("DAEMON_OPTIONS(`Family=inet6, address=::1, Port=587, Name=MSA6, M=O, M=E')dnl")
    )


def test_a_file_without_mailers_gets_the_block_at_its_end() -> None:
    text = read("freebsd-freebsd-submit.mc")
    editor = McEditor(text)
    editor.set_define("confAUTH_OPTIONS", "A p y")
    assert editor.result() == text + f"{BLOCK_HEADER}\ndefine(`confAUTH_OPTIONS', `A p y')dnl\n"
    ops = editor.operations()
    assert all(not op.insertbefore for op in ops)
    assert apply_line_ops(text, ops) == editor.result()


def test_crlf_line_endings_are_kept_and_the_line_edits_refused() -> None:
    text = read("fedora-linguist-sample-sendmail.mc")
    assert "\r\n" in text
    editor = McEditor(text)
    # line 31 holds define(`confAUTH_OPTIONS', `A'); line 38 a commented-out mechanisms define
    editor.set_define("confAUTH_OPTIONS", "A p y")
    editor.set_define("confAUTH_MECHANISMS", "PLAIN LOGIN")
    result = editor.result()
    assert changes(text, result) == [
        "-define(`confAUTH_OPTIONS', `A')dnl\r\n",
        "+define(`confAUTH_OPTIONS', `A p y')dnl\r\n",
        f"+{BLOCK_HEADER}\r\n",
        "+define(`confAUTH_MECHANISMS', `PLAIN LOGIN')dnl\r\n",
    ]
    assert "`PLAIN LOGIN')dnl\r\nMAILER(smtp)dnl\r\n" in result
    assert result.count("\n") == result.count("\r\n")
    with pytest.raises(NotLineBased, match="CRLF"):
        editor.operations()


def test_a_feature_already_there_is_not_added_again() -> None:
    text = read("freebsd-freebsd-submit.mc")
    editor = McEditor(text)
    assert not editor.add_feature("msp")
    assert editor.add_feature("no_default_msa")
    assert editor.result().endswith("FEATURE(`no_default_msa')dnl\n")


def test_editing_the_result_again_changes_nothing() -> None:
    text = read("debian12-sendmail.mc")

    def edit(current: str) -> McEditor:
        editor = McEditor(current)
        editor.edit_listener(call(editor, "MTA-v4"), drop_addr=True)
        editor.edit_listener(call(editor, "MSP-v4"), drop_addr=True, modifiers="Ea")
        editor.set_define("confAUTH_MECHANISMS", "PLAIN LOGIN")
        editor.set_trust_auth_mech(["PLAIN", "LOGIN"])
        return editor

    first = edit(text)
    once = first.result()
    second = edit(once)
    assert second.result() == once
    assert not second.edit_listener(call(second, "MTA-v4"), drop_addr=True)
    # the line operations agree: on the edited file they change nothing
    assert changed_by(once, first.operations()) == []
    # and the m4 scanner reads the edited file as the edits meant
    mc = McFile.parse(once)
    assert mc.trusted_mechanisms() == ["PLAIN", "LOGIN"]


def test_a_multi_line_call_is_edited_in_text_but_refused_as_line_edits() -> None:
    text = read("debian12-sendmail.mc").replace(
        "DAEMON_OPTIONS(`Family=inet,  Name=MTA-v4, Port=smtp, Addr=127.0.0.1')dnl",
        "DAEMON_OPTIONS(`Family=inet,  Name=MTA-v4,\n  Port=smtp, Addr=127.0.0.1')dnl",
    )
    editor = McEditor(text)
    assert editor.edit_listener(call(editor, "MTA-v4"), drop_addr=True)
    assert "DAEMON_OPTIONS(`Family=inet,  Name=MTA-v4,\n  Port=smtp')dnl" in editor.result()
    with pytest.raises(NotLineBased, match="spans several lines"):
        editor.operations()
