"""Planning for sendmail (mta/sendmail: mcplan, checks, plan): editing .mc files on the real-world
corpus and on odd corners, the checks, the steps. Pure."""

from __future__ import annotations

import difflib
import json
from pathlib import Path

import pytest

from tests.corpus import CORPUS
from tests.corpus import DEBIAN_MC as DEBIAN
from tests.corpus import DEBIAN_TLS as TLS
from tests.corpus import MC_DIR as DATA
from tests.unit.core.mta.sendmail.test_inspection import sections as stock_sections
from wizard.core.change.options import RelayOptions
from wizard.core.change.plan import CheckLevel
from wizard.core.change.steps import install
from wizard.core.errors import UsageError
from wizard.core.mta.sendmail.inspect_parse import build_report
from wizard.core.mta.sendmail.mc import McFile
from wizard.core.mta.sendmail.mcedit import edit_daemon_options
from wizard.core.mta.sendmail.mcplan import edit_mc, plan_mc
from wizard.core.mta.sendmail.plan import expectations, make_plan
from wizard.core.mta.sendmail.saslconf import edit_sasl_conf
from wizard.core.mta.sendmail.state import FileFacts, ServerState

CLASSIC = RelayOptions("classic").validated()
MODERN = RelayOptions("modern").validated()
MODERN_ALL = RelayOptions("modern", open_smtp=True, smtps=True).validated()


def changed_lines(before: str, after: str) -> tuple[list[str], list[str]]:
    removed, added = [], []
    for line in difflib.ndiff(before.splitlines(), after.splitlines()):
        if line.startswith("- "):
            removed.append(line[2:])
        elif line.startswith("+ "):
            added.append(line[2:])
    return removed, added


def test_corpus_is_collected_with_sources() -> None:
    sources = (DATA / "SOURCES.md").read_text()
    assert len(CORPUS) >= 6
    for path in CORPUS:
        assert f"`{path.name}`" in sources, f"{path.name} has no source note"


@pytest.mark.parametrize("path", CORPUS, ids=lambda p: p.name)
@pytest.mark.parametrize("options", [CLASSIC, MODERN, MODERN_ALL], ids=["classic", "modern", "all"])
def test_every_corpus_file_edits_minimally_and_a_second_plan_changes_nothing(
    path: Path, options: RelayOptions
) -> None:
    """Whatever the outcome (tests/unit/core/mta/sendmail/test_corpus.py holds each file to its own): a second
    plan changes nothing, only listener and AUTH/TLS lines change, every mechanism stays."""
    text = path.read_bytes().decode("utf-8", "surrogateescape")
    plan = plan_mc(text, options, TLS, 0o640)
    new = plan.after
    if plan.refused:
        assert new == text
        return
    assert edit_mc(new, options, TLS, 0o640) == new, "a second plan must change nothing"
    removed, _added = changed_lines(text, new)
    # Only listener lines and earlier AUTH/TLS settings may be changed; nothing else.
    for line in removed:
        assert any(
            key in line
            for key in (
                "DAEMON_OPTIONS",
                "TRUST_AUTH_MECH",
                "confAUTH_",
                "confSERVER_",
                "confCACERT",
            )
        ), line
    before, mc = McFile.parse(text), McFile.parse(new)
    assert set(mc.trusted_mechanisms()) >= set(before.trusted_mechanisms())
    explicit = before.defines().get("confAUTH_MECHANISMS")
    if explicit is not None:
        assert set(mc.offered_mechanisms()) >= set(explicit.split())
    if new != text:
        assert set(mc.trusted_mechanisms()) >= set(options.mechanisms)
        assert set(mc.offered_mechanisms()) >= set(options.mechanisms)
    # Every original line that was not changed is still there, in order.
    kept = [ln for ln in text.splitlines() if ln not in removed]
    it = iter(new.splitlines())
    assert all(any(ln == other for other in it) for ln in kept)


def test_debian_classic_diff_is_exactly_the_recipe() -> None:
    new = edit_mc(DEBIAN, CLASSIC)
    removed, added = changed_lines(DEBIAN, new)
    assert removed == ["DAEMON_OPTIONS(`Family=inet,  Name=MTA-v4, Port=smtp, Addr=127.0.0.1')dnl"]
    assert added == [
        "DAEMON_OPTIONS(`Family=inet,  Name=MTA-v4, Port=smtp')dnl",
        "dnl # Relay Wizard: authenticated relay (SMTP AUTH) settings",
        "define(`confAUTH_MECHANISMS', `DIGEST-MD5 CRAM-MD5')dnl",
        "TRUST_AUTH_MECH(`DIGEST-MD5 CRAM-MD5')dnl",
    ]
    # The settings go before the mailers, as sendmail's m4 wants.
    assert new.index("TRUST_AUTH_MECH") < new.index("MAILER_DEFINITIONS")


def test_debian_modern_opens_587_with_auth_required_and_tls() -> None:
    new = edit_mc(DEBIAN, MODERN, TLS, 0o640)
    mc = McFile.parse(new)
    listeners = {(lst.name, lst.port): lst for lst in mc.listeners()}
    assert listeners[("MSP-v4", 587)].address == ""
    assert listeners[("MSP-v4", 587)].modifiers == "Ea"
    assert listeners[("MTA-v4", 25)].address == "127.0.0.1"  # port 25 left as is
    d = mc.defines()
    assert d["confAUTH_OPTIONS"] == "A p y"
    assert d["confSERVER_CERT"] == TLS[0] and d["confSERVER_KEY"] == TLS[1]
    assert d["confDONT_BLAME_SENDMAIL"] == "GroupReadableKeyFile"  # Debian's key is 0640
    assert [(e.port, e.security, e.auth_required) for e in expectations(new, MODERN)] == [
        (587, "starttls", True)
    ]


def test_crlf_and_odd_spacing_survive() -> None:
    text = DEBIAN.replace("\n", "\r\n")
    new = edit_mc(text, CLASSIC)
    assert "\n" not in new.replace("\r\n", "")
    assert new.replace("\r\n", "\n") == edit_mc(DEBIAN, CLASSIC)


def test_existing_commented_and_live_settings_are_edited_in_place() -> None:
    text = (
        "include(`/usr/share/sendmail-cf/m4/cf.m4')dnl\n"
        "dnl TRUST_AUTH_MECH(`EXTERNAL DIGEST-MD5 CRAM-MD5 LOGIN PLAIN')dnl\n"
        "define(`confAUTH_MECHANISMS', `EXTERNAL GSSAPI DIGEST-MD5 CRAM-MD5 LOGIN PLAIN')dnl\n"
        "DAEMON_OPTIONS(`Port=smtp,Addr=127.0.0.1, Name=MTA')dnl\n"
        "MAILER(smtp)dnl\n"
    )
    new = edit_mc(text, CLASSIC)
    assert new.splitlines() == [
        "include(`/usr/share/sendmail-cf/m4/cf.m4')dnl",
        "dnl TRUST_AUTH_MECH(`EXTERNAL DIGEST-MD5 CRAM-MD5 LOGIN PLAIN')dnl",
        # already offers DIGEST-MD5 and CRAM-MD5: nothing offered is taken away
        "define(`confAUTH_MECHANISMS', `EXTERNAL GSSAPI DIGEST-MD5 CRAM-MD5 LOGIN PLAIN')dnl",
        "DAEMON_OPTIONS(`Port=smtp, Name=MTA')dnl",
        "dnl # Relay Wizard: authenticated relay (SMTP AUTH) settings",
        "TRUST_AUTH_MECH(`DIGEST-MD5 CRAM-MD5')dnl",
        "MAILER(smtp)dnl",
    ]
    checks = {c.id: c for c in plan_mc(text, CLASSIC).checks}
    assert "EXTERNAL GSSAPI LOGIN PLAIN stays offered" in checks["offered_not_trusted"].message


def test_no_daemon_options_means_defaults_are_named_before_adding_587() -> None:
    text = "OSTYPE(`linux')dnl\nMAILER(`smtp')dnl\n"
    new = edit_mc(text, MODERN, TLS)
    mc = McFile.parse(new)
    assert [(lst.name, lst.port, lst.modifiers) for lst in mc.listeners()] == [
        ("MTA", 25, ""),
        ("MSA", 587, "Ea"),
    ]
    assert "no_default_msa" in mc.features()
    # classic on the defaults: port 25 already listens everywhere, nothing to open
    assert McFile.parse(edit_mc(text, CLASSIC)).listeners() == []
    assert [e.port for e in expectations(edit_mc(text, CLASSIC), CLASSIC)] == [25]


@pytest.mark.parametrize(
    ("content", "drop", "mods", "expected"),
    [
        (
            "Family=inet,  Name=MTA-v4, Port=smtp, Addr=127.0.0.1",
            True,
            None,
            "Family=inet,  Name=MTA-v4, Port=smtp",
        ),
        ("Addr=127.0.0.1, Port=smtp, Name=MTA", True, None, "Port=smtp, Name=MTA"),
        ("Port=smtp,Addr=127.0.0.1, Name=MTA", True, None, "Port=smtp, Name=MTA"),
        ("A=127.0.0.1,P=587,N=MSA", True, "Ea", "P=587,N=MSA, M=Ea"),
        ("Port=submission, Name=MSA, M=E", False, "Ea", "Port=submission, Name=MSA, M=Ea"),
        ("Port=submission,  M = E , Name=MSA", False, "Ea", "Port=submission,  M = Ea , Name=MSA"),
    ],
)
def test_daemon_options_edits_keep_spacing(
    content: str, drop: bool, mods: str | None, expected: str
) -> None:
    assert edit_daemon_options(content, drop_addr=drop, modifiers=mods) == expected


def test_sasl_conf_edit_keeps_comments_and_is_idempotent() -> None:
    text = "# Debian's\r\npwcheck_method: saslauthd\r\n#mech_list: x\r\n"
    new = edit_sasl_conf(text, ["PLAIN", "LOGIN"])
    assert new == (
        "# Debian's\r\npwcheck_method: auxprop\r\n#mech_list: x\r\n"
        "auxprop_plugin: sasldb\r\nmech_list: PLAIN LOGIN\r\n"
    )
    assert edit_sasl_conf(new, ["PLAIN", "LOGIN"]) == new


@pytest.mark.parametrize(
    ("options", "phrase"),
    [
        (RelayOptions("classic", ("PLAIN",)), "does not use PLAIN"),
        (RelayOptions("modern", ("DIGEST-MD5",)), "does not use DIGEST-MD5"),
        (RelayOptions("classic", smtps=True), "no TLS options"),
        (RelayOptions("modern", cert_file="/x.pem"), "needs its key"),
        (RelayOptions("modern", cert_file="x.pem", key_file="/k"), "not an absolute path"),
        (RelayOptions("modern", cert_file="/a'b", key_file="/k"), "not an absolute path"),
        (RelayOptions("weird"), "Unknown profile"),  # type: ignore[arg-type]
        (RelayOptions("classic", restart="reboot"), "Unknown restart mode"),
    ],
)
def test_bad_options_are_refused(options: RelayOptions, phrase: str) -> None:
    with pytest.raises(UsageError, match=phrase):
        options.validated()


# --------------------------------------------------------------------------- plans


def stock_state(**files: FileFacts) -> ServerState:
    report = build_report("mail.lab.test", stock_sections())
    sasl = "pwcheck_method: saslauthd\n"
    facts = {
        TLS[0]: FileFacts(TLS[0], True, "root", "smmsp", 0o644, True, "abc", "subject=CN = mail"),
        TLS[1]: FileFacts(TLS[1], True, "root", "smmsp", 0o640, True, "abc"),
    }
    facts.update({f.path: f for f in files.values()})
    return ServerState(
        report, "/etc/mail/sendmail.mc", DEBIAN, "/etc/mail/sasl/Sendmail.conf.2", sasl, facts
    )


def test_plan_lists_steps_with_diffs_and_commands_and_is_json() -> None:
    plan = make_plan(stock_state(), MODERN, "HUP to the running sendmail")
    assert not plan.errors, plan.errors
    assert [c.path for c in plan.changes] == [
        "/etc/mail/sendmail.mc",
        "/etc/mail/sasl/Sendmail.conf.2",
    ]
    assert [s.name for s in plan.steps] == [
        "stage",
        "build",
        "install",
        "restart",
        "verify",
        "finish",
    ]
    assert plan.steps[0].title.startswith("Back up") and plan.steps[4].title.startswith("Verify")
    diffs = [d for s in plan.steps for d in s.diffs]
    assert any("+pwcheck_method: auxprop" in d for d in diffs)
    # the note goes on its own line when the two together would not fit the Review page
    assert plan.steps[3].commands == (
        "restart.sh ID auto 0.0.0.0:587 127.0.0.1:25\n# HUP to the running sendmail",
    )
    assert install([]).commands == ("install.sh ID",)
    j = json.loads(json.dumps(plan.to_json()))
    assert j["nothing_to_do"] is False and j["verify"][0]["port"] == 587


def test_plan_of_an_applied_state_is_empty() -> None:
    state = stock_state()
    first = make_plan(state, CLASSIC, "hup")
    applied = ServerState(
        state.report,
        state.mc_path,
        first.changes[0].after,
        state.sasl_conf_path,
        state.sasl_conf_text,
        state.files,
    )
    assert make_plan(applied, CLASSIC, "hup").nothing_to_do


def test_checks_block_bad_tls_files_and_name_relay_risks() -> None:
    world = FileFacts(TLS[1], True, "root", "root", 0o644, True, "abc")
    plan = make_plan(stock_state(key=world), MODERN, "hup")
    assert [c.id for c in plan.errors] == ["key_world_readable"]
    assert "chmod 600" in plan.errors[0].message
    other = FileFacts(TLS[1], True, "root", "smmsp", 0o640, True, "zzz")
    assert [c.id for c in make_plan(stock_state(key=other), MODERN, "hup").errors] == [
        "key_mismatch"
    ]
    missing = FileFacts(TLS[0], False)
    errors = make_plan(stock_state(cert=missing), MODERN, "hup").errors
    assert [c.id for c in errors] == ["no_cert"] and "certificate and its key" in errors[0].message
    assert "--" not in errors[0].message
    mine = RelayOptions("modern", cert_file="/etc/ssl/mine.pem", key_file="/etc/ssl/mine.key")
    errors = make_plan(stock_state(), mine, "hup").errors
    assert [c.message for c in errors][:2] == [
        "The certificate /etc/ssl/mine.pem does not exist on the server.",
        "The key /etc/ssl/mine.key does not exist on the server.",
    ]
    text = DEBIAN.replace(
        "MAILER_DEFINITIONS", "FEATURE(`relay_based_on_MX')dnl\nMAILER_DEFINITIONS"
    )
    state = stock_state()
    risky = ServerState(state.report, state.mc_path, text, state.sasl_conf_path, "", state.files)
    warnings = [c for c in make_plan(risky, CLASSIC, "hup").checks if c.level == CheckLevel.WARNING]
    assert any("relay_based_on_MX" in c.message and "Line 101" in c.message for c in warnings)


def test_missing_plugin_is_an_error() -> None:
    state = stock_state()
    report = state.report
    no_plain = type(report.sasl)(**{**report.sasl.__dict__, "plugins": ["CRAM-MD5", "DIGEST-MD5"]})
    report2 = type(report)(**{**report.__dict__, "sasl": no_plain})
    s2 = ServerState(report2, state.mc_path, DEBIAN, state.sasl_conf_path, "", state.files)
    errors = make_plan(s2, MODERN, "hup").errors
    assert [c.id for c in errors] == ["no_plugin"]
    assert "PLAIN, LOGIN" in errors[0].message


def test_debian_sasl_and_starttls_includes_are_respected() -> None:
    text = DEBIAN.replace(
        "MAILER_DEFINITIONS",
        "include(`/etc/mail/sasl/sasl.m4')dnl\ninclude(`/etc/mail/tls/starttls.m4')dnl\n"
        "MAILER_DEFINITIONS",
    )
    new = edit_mc(text, MODERN, TLS, 0o640)
    defines = McFile.parse(new).defines()
    assert "confSERVER_CERT" not in defines, "starttls.m4 already configures the certificate"
    assert new.index("include(`/etc/mail/tls/starttls.m4')") < new.index("confAUTH_MECHANISMS")
    state = stock_state()
    with_includes = ServerState(
        state.report, state.mc_path, text, state.sasl_conf_path, "", state.files
    )
    checks = make_plan(with_includes, MODERN, "hup").checks
    assert any(c.id == "sasl_m4" for c in checks)
    assert not [c for c in checks if c.level == CheckLevel.ERROR]
