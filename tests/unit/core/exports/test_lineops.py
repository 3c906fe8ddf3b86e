"""Line operations (Ansible's lineinfile, simulated): its rules, and that the operations the
editors describe reproduce their edits byte for byte on every real sendmail.mc of
tests/data/mc, and change nothing on a second run.

The hand-written expectations (the Debian 12 operations, the lineinfile rules) were
written from the files and lineinfile's source before the tests ran.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.corpus import CORPUS
from tests.corpus import DEBIAN_MC as DEBIAN
from tests.unit.core.exports.test_playbook import OPTIONS, tls_for
from wizard.core.change.options import RelayOptions
from wizard.core.exports.lineops import (
    LineOp,
    NotLineBased,
    apply_line_op,
    apply_line_ops,
    changed_by,
    check_line_ops,
)
from wizard.core.mta.sendmail.mcplan import edit_mc, mc_editor
from wizard.core.mta.sendmail.saslconf import edit_sasl_conf, sasl_conf_ops

DEBIAN_SASL_CONF = (
    "# Debian's\npwcheck_method: saslauthd\n#auxprop_plugin: sasldb\nallowplaintext: 1\n"
    "mech_list: EXTERNAL DIGEST-MD5 CRAM-MD5 LOGIN PLAIN\n"
)
MAILERS = r"^[ \t]*(MAILER_DEFINITIONS\b|MAILER[ \t]*\()"


@pytest.mark.parametrize("name", list(OPTIONS))
@pytest.mark.parametrize("path", CORPUS, ids=lambda p: p.name)
def test_line_operations_give_exactly_the_planned_mc_and_a_second_run_nothing(
    path: Path, name: str
) -> None:
    text = path.read_bytes().decode("utf-8", "surrogateescape")
    o = OPTIONS[name].validated()
    editor = mc_editor(text, o, tls_for(o), 0o640)
    planned = edit_mc(text, o, tls_for(o), 0o640)
    assert editor.result() == planned
    if "\r\n" in text and planned != text:
        # lineinfile adds LF lines: the exporter refuses rather than mix line endings
        with pytest.raises(NotLineBased, match="CRLF"):
            editor.operations()
        return
    ops = editor.operations()
    assert apply_line_ops(text, ops) == planned
    assert changed_by(planned, ops) == []


def test_sasl_conf_operations_equal_the_plans_edit() -> None:
    for mechs in (("PLAIN", "LOGIN"), ("PLAIN", "LOGIN", "CRAM-MD5")):
        ops = sasl_conf_ops(mechs)
        for text in (DEBIAN_SASL_CONF, "", "pwcheck_method: auxprop\n", "mech_list: PLAIN"):
            want = edit_sasl_conf(text, mechs)
            assert apply_line_ops(text, ops) == want, text
            assert changed_by(want, ops) == []


def test_lineinfile_rules_the_simulation_follows() -> None:
    # regexp: the last match is replaced; with firstmatch the first.
    text = "a=1\nb\na=2\n"
    assert apply_line_op(text, LineOp("a=3", "^a=")) == "a=1\nb\na=3\n"
    assert apply_line_op(text, LineOp("a=3", "^a=", firstmatch=True)) == "a=3\nb\na=2\n"
    # no regexp match and the exact line present: nothing to do.
    assert apply_line_op(text, LineOp("b", "^x")) == text
    # insertbefore the first anchor; the end of a file without a final newline.
    assert apply_line_op("x\nM1\nM2\n", LineOp("n", insertbefore="^M", firstmatch=True)) == (
        "x\nn\nM1\nM2\n"
    )
    assert apply_line_op("x", LineOp("n")) == "x\nn\n"
    # insertafter the last anchor, not twice.
    assert apply_line_op("D1\nD2\nz\n", LineOp("n", insertafter="^D")) == "D1\nD2\nn\nz\n"
    assert apply_line_op("D1\nD2\nn\nz\n", LineOp("n", insertafter="^D")) == "D1\nD2\nn\nz\n"


def test_debian_classic_is_one_edited_listener_and_a_block_before_the_mailers() -> None:
    # Debian 12's line 57 loses its loopback address (port 25 from the network); the
    # mechanisms are defined and trusted in a block before MAILER_DEFINITIONS (line 101).
    o = RelayOptions("classic").validated()
    ops = mc_editor(DEBIAN, o).operations()
    assert [op.line for op in ops] == [
        "DAEMON_OPTIONS(`Family=inet,  Name=MTA-v4, Port=smtp')dnl",
        "dnl # Relay Wizard: authenticated relay (SMTP AUTH) settings",
        "define(`confAUTH_MECHANISMS', `DIGEST-MD5 CRAM-MD5')dnl",
        "TRUST_AUTH_MECH(`DIGEST-MD5 CRAM-MD5')dnl",
    ]
    assert "MTA\\-v4" in ops[0].regexp and not ops[0].insertbefore
    assert all(op.insertbefore == MAILERS and op.firstmatch for op in ops[1:])
    new = apply_line_ops(DEBIAN, ops)
    assert new == edit_mc(DEBIAN, o)
    assert new.splitlines()[56] == ops[0].line  # still line 57
    assert new.count("\n") == DEBIAN.count("\n") + 3


def test_check_line_ops_names_the_first_line_that_differs() -> None:
    text = "a\nb\nc\n"
    with pytest.raises(NotLineBased, match=r"f\.mc: .* differs at line 2"):
        check_line_ops(text, "a\nB\nc\n", [LineOp("X", "^b")], "f.mc")
    check_line_ops(text, "a\nB\nc\n", [LineOp("B", "^[bB]$")], "f.mc")


def test_check_line_ops_refuses_operations_a_second_run_would_change() -> None:
    # Two operations that undo each other give the planned text once, never a fixed point.
    ops = [LineOp("B", "^b$"), LineOp("b", "^B$")]
    with pytest.raises(NotLineBased, match="a second run would change the line 'B'"):
        check_line_ops("a\nb\n", "a\nb\n", ops, "f")


def test_changed_by_lists_only_the_operations_that_change_something() -> None:
    ops = [LineOp("a=1", "^a="), LineOp("b=2", "^b="), LineOp("c=3")]
    assert changed_by("a=1\nb=1\n", ops) == ops[1:]
    assert changed_by("a=1\nb=2\nc=3\n", ops) == []


def test_a_crlf_line_lineinfile_finds_is_rewritten_with_lf() -> None:
    # lineinfile writes line + os.linesep: why the exporter refuses CRLF files.
    assert apply_line_op("x\r\nn\r\n", LineOp("n")) == "x\r\nn\n"
    assert apply_line_op("x\r\n", LineOp("n")) == "x\r\nn\n"
