"""The plan as a statement of intent (docs/real-world-mc.md): keys as sendmail reads them,
listeners as sockets, mechanisms only ever added, refusals instead of guesses, and every
danger named in the plan and in inspection. Pure; the real-world files are in
tests/unit/core/mta/sendmail/test_corpus.py."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.capture import mc_b64, stock_mc, stock_sections
from wizard.core.change.options import RelayOptions
from wizard.core.change.plan import CheckLevel
from wizard.core.mta.report import Level
from wizard.core.mta.sendmail.inspect_parse import build_report
from wizard.core.mta.sendmail.mc import (
    Listener,
    McFile,
    bind_conflicts,
    effective_daemons,
    parse_daemon_options,
)
from wizard.core.mta.sendmail.mcedit import edit_daemon_options
from wizard.core.mta.sendmail.mcplan import plan_mc
from wizard.core.mta.sendmail.plan import expectations, make_plan
from wizard.core.mta.sendmail.state import FileFacts, ServerState

CLASSIC = RelayOptions("classic").validated()
MODERN = RelayOptions("modern").validated()
TLS = (
    "/etc/mail/tls/sendmail-server.crt",
    "/etc/mail/tls/sendmail-common.key",
    "/etc/mail/tls/sendmail-server.crt",
)
HEAD = "include(`/usr/share/sendmail/cf/m4/cf.m4')dnl\nOSTYPE(`debian')dnl\n"
TAIL = "MAILER(`local')dnl\nMAILER(`smtp')dnl\n"


def mc(*lines: str) -> str:
    return HEAD + "".join(line + "\n" for line in lines) + TAIL


def ids(plan_checks: object) -> set[str]:
    return {c.id for c in plan_checks}  # type: ignore[attr-defined]


def specs(text: str) -> list[str]:
    return sorted(lst.spec for lst in effective_daemons(McFile.parse(text)))


# --------------------------------------------------------------------------- reading


@pytest.mark.parametrize(
    "options",
    [
        "Family=inet, Name=MTA, Port=smtp, Addr=127.0.0.1",
        "Family=inet, Name=MTA, Port=smtp, Address=127.0.0.1",
        "family=inet, name=MTA, port=smtp, address=127.0.0.1",
        "F=inet, N=MTA, P=25, A=127.0.0.1",
        "Name=MTA, Addr=10.0.0.9, Addr=127.0.0.1",  # the last one wins, as in sendmail
        " Name = MTA ,Address= 127.0.0.1 ",
    ],
)
def test_daemon_keys_go_by_their_first_letter_in_either_case(options: str) -> None:
    lst = parse_daemon_options(options)
    assert (lst.name, lst.port, lst.address, lst.family) == ("MTA", 25, "127.0.0.1", "inet")
    assert lst.loopback_only and not lst.reachable


def test_defaults_port_25_every_address_inet() -> None:
    lst = parse_daemon_options("Name=MTA")
    assert (lst.port, lst.address, lst.family, lst.spec) == (25, "", "inet", "0.0.0.0:25")
    six = parse_daemon_options("Name=MTA6, Family=inet6")
    assert six.spec == "[::]:25" and six.wildcard and six.reachable
    assert parse_daemon_options("Family=inet6, Addr=::1, Port=587").spec == "[::1]:587"
    assert parse_daemon_options("Addr=mail.example.org").spec == "mail.example.org:25"


def test_effective_daemons_add_sendmails_defaults() -> None:
    assert specs("OSTYPE(`linux')dnl\n") == ["0.0.0.0:25", "0.0.0.0:587"]
    assert specs("FEATURE(`no_default_msa')dnl\n") == ["0.0.0.0:25"]
    # naming one listener drops the default MTA, never the default MSA
    assert specs("DAEMON_OPTIONS(`Name=MTA, Addr=127.0.0.1')dnl\n") == [
        "0.0.0.0:587",
        "127.0.0.1:25",
    ]
    (msa,) = [d for d in effective_daemons(McFile.parse("")) if d.port == 587]
    assert msa.default and msa.modifiers == "E"


def test_listeners_in_the_ifdef_branch_m4_takes_are_live() -> None:
    text = (
        "ifdef(`LOCALHOST_ONLY', `\n"
        "DAEMON_OPTIONS(`Family=inet, address=127.0.0.1, Name=MTA')dnl\n"
        "',`\n"
        "DAEMON_OPTIONS(`Family=inet, Address=0.0.0.0, Name=MTA')dnl\n"
        "')dnl\n"
    )
    assert [lst.spec for lst in McFile.parse(text).listeners()] == ["0.0.0.0:25"]
    defined = "define(`LOCALHOST_ONLY')dnl\n" + text
    assert [lst.spec for lst in McFile.parse(defined).listeners()] == ["127.0.0.1:25"]


@pytest.mark.parametrize(
    ("a", "b", "collide"),
    [
        ("Addr=127.0.0.1", "Addr=127.0.0.1", True),
        ("Addr=127.0.0.1", "Name=X", True),  # wildcard beside a specific address
        ("Addr=127.0.0.1", "Addr=192.0.2.7", False),
        ("Family=inet6", "Addr=192.0.2.7", True),  # :: without V6ONLY takes IPv4 too
        ("Family=inet6, Addr=::1", "Name=X", False),
        ("Family=inet6, Addr=::ffff:192.0.2.7", "Addr=192.0.2.7", True),
        ("Addr=127.0.0.1", "Addr=127.0.0.1, Port=587", False),
        ("Family=local, Addr=/run/x", "Family=local, Addr=/run/x", False),
    ],
)
def test_bind_conflicts_follow_linux(a: str, b: str, collide: bool) -> None:
    pair = [parse_daemon_options(a), parse_daemon_options(b)]
    assert bool(bind_conflicts(pair)) is collide


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        ("Family=inet, address=127.0.0.1, Name=MTA", "Family=inet, Name=MTA"),
        ("Family=inet, Address=127.0.0.1, Name=MTA", "Family=inet, Name=MTA"),
        ("A=127.0.0.1, N=MTA", "N=MTA"),
        ("Name=MTA, Addr=10.0.0.9, addr=127.0.0.1", "Name=MTA"),
    ],
)
def test_every_spelling_of_the_address_is_dropped(content: str, expected: str) -> None:
    assert edit_daemon_options(content, drop_addr=True, modifiers=None) == expected


def test_the_last_modifiers_key_is_the_one_edited() -> None:
    content = "Family=inet6, Name=MSA6, M=O, M=E"
    assert edit_daemon_options(content, drop_addr=False, modifiers="Ea") == (
        "Family=inet6, Name=MSA6, M=O, M=Ea"
    )


# --------------------------------------------------------------------------- listeners


@pytest.mark.parametrize("key", ["Addr", "Address", "address", "A"])
def test_loopback_mta_spelled_any_way_opens_to_the_network(key: str) -> None:
    text = mc(
        "FEATURE(`no_default_msa')dnl",
        f"DAEMON_OPTIONS(`Family=inet, Name=MTA, Port=smtp, {key}=127.0.0.1')dnl",
    )
    plan = plan_mc(text, CLASSIC)
    assert not plan.refused, plan.checks
    assert specs(plan.after) == ["0.0.0.0:25"]
    assert [e.port for e in expectations(plan.after, CLASSIC)] == [25]


def test_a_public_listener_beside_loopback_stays_as_the_admin_set_it() -> None:
    text = mc(
        "FEATURE(`no_default_msa')dnl",
        "DAEMON_OPTIONS(`Name=MTA-lo, Port=smtp, Addr=127.0.0.1')dnl",
        "DAEMON_OPTIONS(`Name=MTA-pub, Port=smtp, Addr=192.0.2.25')dnl",
        "DAEMON_OPTIONS(`Name=MTA6-lo, Family=inet6, Port=smtp, Addr=::1')dnl",
        "DAEMON_OPTIONS(`Name=MTA6-pub, Family=inet6, Port=smtp, Addr=2001:db8::25')dnl",
        "CLIENT_OPTIONS(`Family=inet, Address=192.0.2.25')dnl",
    )
    plan = plan_mc(text, CLASSIC)
    assert not plan.refused
    assert specs(plan.after) == specs(text)
    assert "listener_kept_25" in ids(plan.checks)
    assert "CLIENT_OPTIONS(`Family=inet, Address=192.0.2.25')dnl" in plan.after
    assert not bind_conflicts(effective_daemons(McFile.parse(plan.after)))
    # verify talks to the address staff use: the host given, or a wildcard
    assert [e.port for e in expectations(plan.after, CLASSIC, "192.0.2.25")] == [25]
    assert expectations(plan.after, CLASSIC, "198.51.100.6") == ()


def test_two_loopback_mtas_are_refused_not_guessed() -> None:
    text = mc(
        "FEATURE(`no_default_msa')dnl",
        "DAEMON_OPTIONS(`Name=MTA-a, Port=smtp, Addr=127.0.0.1')dnl",
        "DAEMON_OPTIONS(`Name=MTA-b, Port=smtp, Addr=127.0.0.2')dnl",
    )
    plan = plan_mc(text, CLASSIC)
    assert plan.refused and plan.after == text
    assert "listeners_ambiguous" in ids(plan.checks)


def test_a_change_the_kernel_would_refuse_is_refused() -> None:
    # An IPv6 listener on the IPv4-mapped loopback address shares 127.0.0.1:25 with the
    # IPv4 MTA (a pair the admin has; it stays); opening the IPv4 MTA to 0.0.0.0 would add
    # a pair Linux refuses to bind.
    text = mc(
        "FEATURE(`no_default_msa')dnl",
        "DAEMON_OPTIONS(`Name=MTA, Port=smtp, Addr=127.0.0.1')dnl",
        "DAEMON_OPTIONS(`Name=MTA6, Family=inet6, Port=smtp, Addr=::ffff:127.0.0.1')dnl",
    )
    plan = plan_mc(text, CLASSIC)
    assert plan.refused and "listener_conflict" in ids(plan.checks) and plan.after == text
    other_port = text.replace("Port=smtp, Addr=::ffff", "Port=2525, Addr=::ffff")
    assert not plan_mc(other_port, CLASSIC).refused


def test_ipv4_and_ipv6_wildcards_are_a_pair_only_where_the_kernel_makes_them_one() -> None:
    pair = [parse_daemon_options("Name=MTA"), parse_daemon_options("Name=MTA6, Family=inet6")]
    assert bind_conflicts(pair) and not bind_conflicts(pair, v6only=True)
    lines = (
        "FEATURE(`no_default_msa')dnl",
        "DAEMON_OPTIONS(`Name=MTA, Family=inet')dnl",
        "DAEMON_OPTIONS(`Name=MTA6, Family=inet6')dnl",
    )
    # FreeBSD's kernel binds the IPv6 wildcard for IPv6 only: its stock pair is fine
    bsd = "OSTYPE(`freebsd6')dnl\n" + mc(*lines)
    assert not plan_mc(bsd, CLASSIC).refused
    # on Linux the same pair already fails at every start: refused, with the reason
    linux = mc(*lines)
    plan = plan_mc(linux, CLASSIC)
    assert plan.refused and "fails at every start" in plan.checks[-1].message
    assert plan_mc(linux, CLASSIC, v6only=True).refused is False  # a server known to be BSD
    # an optional IPv6 listener (M=O) may fail: sendmail carries on without it
    optional = mc(*lines[:2], "DAEMON_OPTIONS(`Name=MTA6, Family=inet6, M=O')dnl")
    assert not plan_mc(optional, CLASSIC).refused


def test_auth_switched_off_on_the_only_public_listener_is_refused() -> None:
    text = mc("FEATURE(`no_default_msa')dnl", "DAEMON_OPTIONS(`Name=MTA, M=A')dnl")
    plan = plan_mc(text, CLASSIC)
    assert plan.refused and "listener_no_auth" in ids(plan.checks)
    msa = mc(
        "FEATURE(`no_default_msa')dnl",
        "DAEMON_OPTIONS(`Name=MTA, Addr=127.0.0.1')dnl",
        "DAEMON_OPTIONS(`Name=MSA, Port=submission, M=EA')dnl",
    )
    plan = plan_mc(msa, MODERN, TLS, 0o640)
    assert plan.refused and "listener_no_auth" in ids(plan.checks)


def test_sendmails_default_msa_is_replaced_not_doubled() -> None:
    text = mc("DAEMON_OPTIONS(`Name=MTA, Port=smtp, Addr=127.0.0.1')dnl")
    plan = plan_mc(text, MODERN, TLS, 0o640)
    after = McFile.parse(plan.after)
    assert "no_default_msa" in after.features()
    (msa,) = [d for d in effective_daemons(after) if d.port == 587]
    assert not msa.default and "a" in msa.modifiers and msa.wildcard
    assert not bind_conflicts(effective_daemons(after))
    assert "msa_requires_login" in ids(plan.checks)


# --------------------------------------------------------------------------- mechanisms

RELAY_LOGIN_PLAIN = mc(
    "FEATURE(`no_default_msa')dnl",
    "DAEMON_OPTIONS(`Name=MTA, Port=smtp')dnl",
    "DAEMON_OPTIONS(`Name=MSA, Port=submission, M=Ea')dnl",
    "define(`confSERVER_CERT', `/etc/pki/tls/certs/mail.pem')dnl",
    "define(`confSERVER_KEY', `/etc/pki/tls/private/mail.key')dnl",
    "TRUST_AUTH_MECH(`LOGIN PLAIN')dnl",
    "define(`confAUTH_MECHANISMS', `LOGIN PLAIN')dnl",
    "define(`confAUTH_OPTIONS', `A p y')dnl",
)


@pytest.mark.parametrize("options", [CLASSIC, MODERN], ids=["classic", "modern"])
def test_a_working_auth_relay_is_nothing_to_do(options: RelayOptions) -> None:
    plan = plan_mc(RELAY_LOGIN_PLAIN, options, TLS, 0o640)
    assert plan.nothing_to_do and plan.after == RELAY_LOGIN_PLAIN
    note = next(c for c in plan.checks if c.id == "already_relay")
    assert "LOGIN PLAIN" in note.message and note.level == CheckLevel.OK


def test_named_mechanisms_are_added_and_the_existing_ones_kept() -> None:
    options = RelayOptions("classic", ("CRAM-MD5",)).validated()
    plan = plan_mc(RELAY_LOGIN_PLAIN, options)
    after = McFile.parse(plan.after)
    assert after.trusted_mechanisms() == ["LOGIN", "PLAIN", "CRAM-MD5"]
    assert after.offered_mechanisms() == ["LOGIN", "PLAIN", "CRAM-MD5"]
    assert after.defines()["confAUTH_OPTIONS"] == "A p y"  # never weakened
    assert "mechanisms_kept" in ids(plan.checks)


def test_run_together_auth_options_are_named_and_modern_writes_what_they_meant() -> None:
    # sendmail reads the first letter of each word: Mandriva's `Apy' is A alone, so PLAIN
    # and LOGIN are offered before TLS. Classic leaves it (and says so); modern writes
    # `A p y' and warns the programs that log in without STARTTLS today.
    text = RELAY_LOGIN_PLAIN.replace("`A p y'", "`Apy'")
    classic = plan_mc(text, CLASSIC)
    assert classic.nothing_to_do
    danger = next(c for c in classic.checks if c.id == "auth_options_run_together")
    assert "only A is in effect, not p y" in danger.message
    modern = plan_mc(text, MODERN, TLS, 0o640)
    assert McFile.parse(modern.after).defines()["confAUTH_OPTIONS"] == "A p y"
    assert {"auth_options_run_together", "plaintext_after_tls"} <= ids(modern.checks)
    assert plan_mc(modern.after, MODERN, TLS, 0o640).nothing_to_do


def test_gssapi_and_plain_stay_when_the_classic_profile_adds_its_own() -> None:
    text = mc(
        "FEATURE(`no_default_msa')dnl",
        "DAEMON_OPTIONS(`Name=MTA, Port=smtp, Addr=127.0.0.1')dnl",
        "TRUST_AUTH_MECH(`GSSAPI DIGEST-MD5 PLAIN')dnl",
        "define(`confAUTH_MECHANISMS', `GSSAPI DIGEST-MD5 PLAIN')dnl",
    )
    plan = plan_mc(text, CLASSIC)
    after = McFile.parse(plan.after)
    assert set(after.trusted_mechanisms()) == {"GSSAPI", "DIGEST-MD5", "PLAIN", "CRAM-MD5"}
    assert set(after.offered_mechanisms()) == {"GSSAPI", "DIGEST-MD5", "PLAIN", "CRAM-MD5"}


def test_dropping_a_mechanism_is_the_admins_call_and_the_review_says_who_is_hit() -> None:
    options = RelayOptions("modern", drop_mechanisms=("login",)).validated()
    assert options.drop_mechanisms == ("LOGIN",) and options.mechanisms == ("PLAIN",)
    with pytest.raises(Exception, match="both added and dropped"):
        RelayOptions("modern", ("PLAIN", "LOGIN"), drop_mechanisms=("LOGIN",)).validated()
    options = RelayOptions("classic", drop_mechanisms=("LOGIN",)).validated()
    plan = plan_mc(RELAY_LOGIN_PLAIN, options)
    after = McFile.parse(plan.after)
    assert "LOGIN" not in after.trusted_mechanisms() + after.offered_mechanisms()
    warning = next(c for c in plan.checks if c.id == "mechanisms_dropped")
    assert "log in with LOGIN will not be able to send" in warning.message


def test_validation_is_idempotent_and_keeps_every_option() -> None:
    o = RelayOptions("classic", restart="init", drop_mechanisms=("gssapi",)).validated()
    assert o.validated() == o
    assert o.restart == "init" and o.mechanisms_given is False
    assert RelayOptions("classic", ("CRAM-MD5",)).validated().mechanisms_given is True


def test_client_auth_to_a_smart_host_is_not_a_relay_and_its_mechanisms_stay() -> None:
    text = mc(
        "FEATURE(`no_default_msa')dnl",
        "DAEMON_OPTIONS(`Name=MTA, Port=smtp, Addr=127.0.0.1')dnl",
        "define(`SMART_HOST', `[smtp.provider.example]')dnl",
        "define(`confAUTH_MECHANISMS', `LOGIN PLAIN')dnl",
        "FEATURE(`authinfo', `hash /etc/mail/authinfo')dnl",
    )
    plan = plan_mc(text, CLASSIC)
    assert not plan.nothing_to_do and not plan.refused
    assert "client_auth" in ids(plan.checks)
    after = McFile.parse(plan.after)
    assert set(after.offered_mechanisms()) >= {"LOGIN", "PLAIN"}  # the smart host login
    assert after.trusted_mechanisms() == ["DIGEST-MD5", "CRAM-MD5"]
    assert "offered_not_trusted" in ids(plan.checks)


# --------------------------------------------------------------------------- dangers

DANGERS = {
    "feature_promiscuous_relay": "FEATURE(`promiscuous_relay')dnl",
    "feature_relay_based_on_MX": "FEATURE(`relay_based_on_MX')dnl",
    "feature_relay_entire_domain": "FEATURE(`relay_entire_domain')dnl",
    "feature_relay_local_from": "FEATURE(`relay_local_from')dnl",
    "feature_loose_relay_check": "FEATURE(`loose_relay_check')dnl",
    "relay_domain": "RELAY_DOMAIN(`192.168 example.org')dnl",
    "relay_domain_file": "RELAY_DOMAIN_FILE(`-o /etc/mail/relay-domains')dnl",
    "class_r": "LOCAL_CONFIG\nCR 10.1 192.168.0",
    "hack_popauth": "HACK(`popauth')dnl",
    "nullclient": "FEATURE(`nullclient', `mail.example.org')dnl",
}
REFUSED = {"feature_promiscuous_relay", "nullclient"}


@pytest.mark.parametrize("danger", list(DANGERS))
def test_each_danger_is_named_by_the_plan(danger: str) -> None:
    text = mc("DAEMON_OPTIONS(`Name=MTA, Port=smtp, Addr=127.0.0.1')dnl", DANGERS[danger])
    for options in (CLASSIC, MODERN):
        plan = plan_mc(text, options, TLS, 0o640)
        check = next(c for c in plan.checks if c.id == danger)
        if danger in REFUSED:
            assert plan.refused and check.level == CheckLevel.ERROR and plan.after == text
        else:
            assert check.level == CheckLevel.WARNING and not plan.refused
            # never added, never removed
            assert plan.after.count(DANGERS[danger]) == 1


@pytest.mark.parametrize("danger", list(DANGERS))
def test_each_danger_is_named_by_inspection_with_its_id(danger: str) -> None:
    text = stock_mc().replace("MAILER_DEFINITIONS", DANGERS[danger] + "\nMAILER_DEFINITIONS")
    report = build_report("mail-a", {**stock_sections(), "mc-b64": mc_b64(text)})
    finding = next(f for f in report.to_json()["findings"] if f["id"] == danger)  # type: ignore[union-attr]
    want = Level.PROBLEM if danger in REFUSED else Level.WARNING
    assert finding["level"] == str(want)
    assert "Line " in str(finding["message"])


ACCESS = (
    "Connect:localhost.localdomain\tRELAY\n"
    "Connect:127\tRELAY\n"
    "Connect:192.168.1\tRELAY\n"
    "To:com\tRELAY\n"
    "To:backup-for.example.org\tRELAY\n"
    "From:someone@example.org\tRELAY\n"
)


def test_broad_access_entries_are_named_by_inspection_and_plan() -> None:
    s = {**stock_sections(), "access": ACCESS, "relay-domains": "10.20\n# comment\n"}
    report = build_report("mail-a", s)
    found = [(f.id, f.message) for f in report.findings]
    assert [m for i, m in found if i == "access_relay"] == [
        "The access database line 'Connect:192.168.1\tRELAY' lets that network or domain "
        "relay without a login."
    ]
    assert [m for i, m in found if i == "access_to_relay"] == [
        "The access database line 'To:com\tRELAY' lets anyone relay mail to com without a login."
    ]
    assert any(i == "relay_domains" and "10.20" in m for i, m in found)
    j = json.loads(json.dumps(report.to_json()))
    assert j["access_to_relay"] == ["To:com\tRELAY"] and j["relay_domains"] == ["10.20"]
    state = ServerState(
        report,
        "/etc/mail/sendmail.mc",
        stock_mc(),
        "",
        "",
        {TLS[0]: FileFacts(TLS[0], True, "root", "root", 0o644, True, "k", "CN=x")},
    )
    plan_ids = ids(make_plan(state, CLASSIC, "hup").checks)
    assert {"access_relay", "access_to_relay", "relay_domains"} <= plan_ids


def test_plan_mc_file_names_dangers_and_refuses_a_null_client(tmp_path: Path) -> None:
    null = tmp_path / "null.mc"
    null.write_text(mc(DANGERS["nullclient"]))
    run = subprocess.run(
        [sys.executable, "-m", "wizard", "plan", "--mc-file", str(null), "--profile", "classic"],
        capture_output=True,
        text=True,
    )
    assert run.returncode == 1 and run.stdout == ""
    assert "null client" in run.stderr and "will not change this file" in run.stderr
    mx = tmp_path / "mx.mc"
    mx.write_text(mc(DANGERS["feature_relay_based_on_MX"]))
    run = subprocess.run(
        [sys.executable, "-m", "wizard", "plan", "--mc-file", str(mx), "--json"],
        capture_output=True,
        text=True,
    )
    j = json.loads(run.stdout)
    assert run.returncode == 0 and "feature_relay_based_on_MX" in {c["id"] for c in j["checks"]}


def test_listener_json_marks_sendmails_defaults() -> None:
    j = Listener(name="MSA", port=587, address="", modifiers="E", default=True).to_json()
    assert j == {
        "name": "MSA",
        "address": "0.0.0.0",
        "port": 587,
        "family": "inet",
        "modifiers": "E",
        "default": True,
    }
