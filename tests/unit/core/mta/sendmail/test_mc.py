"""The m4 scanner, on the real Debian file and on the odd corners of m4 syntax."""

from tests import DATA as TESTS_DATA
from wizard.core.mta.sendmail.mc import McFile, parse_daemon_options, scan, unquote

DATA = TESTS_DATA / "mc"


def test_debian_stock_listeners_are_loopback_and_ipv6_twins_are_commented() -> None:
    mc = McFile.parse((DATA / "debian12-sendmail.mc").read_text())
    live = [(lst.name, lst.address, lst.port, lst.modifiers) for lst in mc.listeners()]
    assert live == [("MTA-v4", "127.0.0.1", 25, ""), ("MSP-v4", "127.0.0.1", 587, "Ea")]
    commented = [c for c in mc.calls if c.name == "DAEMON_OPTIONS" and c.commented]
    assert [parse_daemon_options(c.args[0]).name for c in commented] == ["MTA-v6", "MSP-v6"]
    assert "no_default_msa" in mc.features()
    assert mc.trusted_mechanisms() == []
    assert "confAUTH_MECHANISMS" not in mc.defines()


def test_daemon_options_in_any_order_spacing_and_abbreviation() -> None:
    a = parse_daemon_options("Port=smtp,Addr=127.0.0.1, Name=MTA")
    b = parse_daemon_options("Family=inet,  Name=MTA, Port=25, Addr=127.0.0.1")
    c = parse_daemon_options("N=MTA,A=127.0.0.1,P=smtp")
    assert (a.name, a.address, a.port) == (b.name, b.address, b.port) == (c.name, c.address, c.port)
    assert a.loopback_only
    assert parse_daemon_options("Port=submission, Name=MSA, M=Ea").modifiers == "Ea"
    open_one = parse_daemon_options("Name=MTA, Port=smtp")
    assert open_one.address == "" and not open_one.loopback_only
    assert open_one.to_json()["address"] == "0.0.0.0"


def test_trailing_dnl_and_hash_comments_and_nested_quotes() -> None:
    text = (
        "define(`confFOO', ``nested' quotes')dnl trailing FEATURE(`promiscuous_relay')\n"
        "# FEATURE(`relay_entire_domain') in a hash comment\n"
        "undefine(`confHOST_STATUS_DIRECTORY')dnl        #DAEMON_HOSTSTATS=\n"
        "FEATURE(`access_db', , `skipconnect')dnl\n"
    )
    calls = scan(text)
    live = [(c.name, c.args) for c in calls if not c.commented]
    assert live == [
        ("define", ("confFOO", "`nested' quotes")),
        ("undefine", ("confHOST_STATUS_DIRECTORY",)),
        ("FEATURE", ("access_db", "", "skipconnect")),
    ]
    commented = {c.args[0] for c in calls if c.commented}
    assert commented == {"promiscuous_relay", "relay_entire_domain"}
    assert McFile.parse(text).features() == ["access_db"]


def test_crlf_file_and_positions_point_at_the_call() -> None:
    text = "dnl header\r\nTRUST_AUTH_MECH(`DIGEST-MD5 CRAM-MD5')dnl\r\n"
    mc = McFile.parse(text)
    (call,) = mc.live("TRUST_AUTH_MECH")
    assert text[call.start : call.end] == "TRUST_AUTH_MECH(`DIGEST-MD5 CRAM-MD5')"
    assert call.line == 2
    assert mc.trusted_mechanisms() == ["DIGEST-MD5", "CRAM-MD5"]


def test_identifier_inside_a_word_is_not_a_macro_and_unbalanced_call_is_ignored() -> None:
    assert McFile.parse("xFEATURE(`a')").features() == []
    assert [c.commented for c in scan("dnlx FEATURE(`a')")] == [False]
    assert scan("FEATURE(`a'") == []
    assert unquote(" `x' ") == "x"
    assert unquote("x") == "x"
