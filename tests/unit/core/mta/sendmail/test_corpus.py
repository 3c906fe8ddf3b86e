"""Every real-world sendmail.mc of tests/data/mc, planned offline with both profiles, ends
as tests/data/mc/expected.toml says (written from docs/real-world-mc.md before the planner
ran on the files). Pure: the sendmail.cf side is tests/integration/test_corpus_build.py.

For each file and profile: the outcome (edit, nothing to do, refused and why), the
warnings the plan must raise, the effective listeners after the plan, a second plan of an
edit changes nothing, every mechanism trusted or offered before still is, and the plan
never makes a pair of listeners Linux cannot bind unless the admin's file had it.
"""

from __future__ import annotations

import tomllib
from typing import Any

import pytest

from tests.corpus import CORPUS as FILES
from tests.corpus import DEBIAN_TLS
from tests.corpus import MC_DIR as DATA
from wizard.core.change.options import RelayOptions
from wizard.core.change.plan import CheckLevel
from wizard.core.mta.sendmail.mc import (
    DEFAULT_AUTH_MECHANISMS,
    Listener,
    McFile,
    bind_conflicts,
    effective_daemons,
    v6only_platform,
)
from wizard.core.mta.sendmail.mcplan import McPlan, plan_mc

EXPECTED: dict[str, dict[str, dict[str, Any]]] = tomllib.loads(
    (DATA / "expected.toml").read_text(encoding="utf-8")
)
# What `relay-wizard plan --mc-file` plans with: Debian's certificate and key (CA = the
# certificate), the key readable by group smmsp as Debian ships it.
KEY_MODE = 0o640
PROFILES: dict[str, tuple[RelayOptions, tuple[str, str, str]]] = {
    "classic": (RelayOptions("classic").validated(), ("", "", "")),
    "modern": (RelayOptions("modern").validated(), DEBIAN_TLS),
}
OUTCOMES = ("edit", "nothing", "refuse")
REFUSALS = (
    "feature_promiscuous_relay",
    "nullclient",
    "msp",
    "listeners_ambiguous",
    "listener_conflict",
    "listener_no_auth",
)
CASES = [(path.name, profile) for path in FILES for profile in PROFILES]


def read(name: str) -> str:
    return (DATA / name).read_bytes().decode("utf-8", "surrogateescape")


def plan(text: str, profile: str) -> McPlan:
    options, tls = PROFILES[profile]
    return plan_mc(text, options, tls, KEY_MODE)


def listeners(text: str) -> list[Listener]:
    return effective_daemons(McFile.parse(text))


def specs(text: str) -> list[str]:
    return sorted(lst.spec for lst in listeners(text))


def offered(text: str) -> set[str]:
    """confAUTH_MECHANISMS, else sendmail's own default list (docs/real-world-mc.md)."""
    value = McFile.parse(text).defines().get("confAUTH_MECHANISMS")
    return set((DEFAULT_AUTH_MECHANISMS if value is None else value).split())


def conflicting_pairs(text: str) -> set[frozenset[str]]:
    """The pairs of listeners the file's own system will not bind together (an IPv6
    wildcard beside IPv4 collides on Linux, not on the BSDs or Solaris). Optional
    listeners (M=O) are left out: sendmail carries on without them."""
    v6only = v6only_platform(McFile.parse(text))
    return {
        frozenset((a.spec, b.spec))
        for a, b in bind_conflicts(listeners(text), v6only=v6only)
        if "O" not in a.modifiers and "O" not in b.modifiers
    }


def describe(p: McPlan) -> str:
    return "; ".join(f"{c.level}:{c.id}: {c.message}" for c in p.checks)


def test_the_corpus_holds_thirty_files_and_expected_toml_covers_exactly_them() -> None:
    names = {path.name for path in FILES}
    assert len(names) >= 30
    assert set(EXPECTED) == names
    for name, table in EXPECTED.items():
        assert set(table) == set(PROFILES), name
        for profile, exp in table.items():
            where = f"{name} [{profile}]"
            assert set(exp) == {
                "outcome",
                "refuse",
                "warnings",
                "cf_changes",
                "listeners",
                "why",
            }, where
            assert exp["outcome"] in OUTCOMES, where
            assert (exp["refuse"] in REFUSALS) == (exp["outcome"] == "refuse"), where
            assert (exp["outcome"] == "edit") == bool(exp["cf_changes"]), where
            assert isinstance(exp["listeners"], list) and exp["listeners"], where
            assert exp["listeners"] == sorted(exp["listeners"]), where
            assert isinstance(exp["why"], str) and exp["why"].strip(), where


def test_every_file_has_its_origin_in_sources_md() -> None:
    sources = (DATA / "SOURCES.md").read_text(encoding="utf-8")
    for path in FILES:
        assert f"`{path.name}`" in sources, f"{path.name} has no entry in SOURCES.md"


@pytest.mark.parametrize(("name", "profile"), CASES, ids=[f"{n}-{p}" for n, p in CASES])
def test_the_plan_ends_as_expected(name: str, profile: str) -> None:
    exp = EXPECTED[name][profile]
    before = read(name)
    p = plan(before, profile)
    assert p.before == before
    errors = [c for c in p.checks if c.level == CheckLevel.ERROR]
    found = describe(p)

    if exp["outcome"] == "refuse":
        assert p.refused, f"expected a refusal ({exp['refuse']}), got: {found}"
        assert exp["refuse"] in {c.id for c in errors}, found
        assert p.after == before, "a refused plan must leave the file as it is"
    elif exp["outcome"] == "nothing":
        assert not p.refused, found
        assert p.nothing_to_do, f"expected nothing to do, the plan edits:\n{p.to_json()['diff']}"
        assert p.after == before
    else:
        assert not p.refused, found
        assert not p.nothing_to_do and p.after != before, f"expected an edit, got: {found}"

    ids = {c.id for c in p.checks}
    for warning in exp["warnings"]:
        assert warning in ids, f"the plan does not name {warning}: {found}"

    assert specs(p.after) == exp["listeners"], exp["why"]


@pytest.mark.parametrize(("name", "profile"), CASES, ids=[f"{n}-{p}" for n, p in CASES])
def test_a_second_plan_of_the_result_has_nothing_to_do(name: str, profile: str) -> None:
    first = plan(read(name), profile)
    if first.refused:
        return  # refused: the result is the file itself, refused again
    second = plan(first.after, profile)
    assert not second.refused, describe(second)
    assert second.nothing_to_do, f"a second plan still edits:\n{second.to_json()['diff']}"


@pytest.mark.parametrize(("name", "profile"), CASES, ids=[f"{n}-{p}" for n, p in CASES])
def test_no_trusted_or_named_mechanism_is_taken_away(name: str, profile: str) -> None:
    before = read(name)
    after = plan(before, profile).after
    trusted_before = set(McFile.parse(before).trusted_mechanisms())
    trusted_after = set(McFile.parse(after).trusted_mechanisms())
    assert trusted_before <= trusted_after, f"no longer trusted: {trusted_before - trusted_after}"
    named = McFile.parse(before).defines().get("confAUTH_MECHANISMS")
    if named is not None:
        assert set(named.split()) <= offered(after), (
            f"no longer offered: {set(named.split()) - offered(after)}"
        )


DEFAULT_OFFERED_CASES = [
    (name, profile)
    for name, profile in CASES
    if "confAUTH_MECHANISMS" not in McFile.parse(read(name)).defines()
]


@pytest.mark.parametrize(
    ("name", "profile"),
    DEFAULT_OFFERED_CASES,
    ids=[f"{n}-{p}" for n, p in DEFAULT_OFFERED_CASES],
)
def test_sendmails_default_mechanisms_that_are_trusted_stay_offered(
    name: str, profile: str
) -> None:
    """A file without confAUTH_MECHANISMS offers sendmail's default list. When the plan has
    to name the list, the default mechanisms that are trusted (the only ones a login can
    relay with) stay offered, beside the profile's (docs/real-world-mc.md)."""
    before = read(name)
    after = plan(before, profile).after
    trusted = set(McFile.parse(before).trusted_mechanisms())
    keep = offered(before) & trusted
    assert keep <= offered(after), f"no longer offered: {sorted(keep - offered(after))}"
    if after != before:
        assert offered(after) >= set(PROFILES[profile][0].mechanisms)


@pytest.mark.parametrize(("name", "profile"), CASES, ids=[f"{n}-{p}" for n, p in CASES])
def test_no_plan_has_listeners_that_cannot_both_bind(name: str, profile: str) -> None:
    """Whatever the file had, a plan that changes it leaves no pair of listeners its system
    cannot bind (the planner refuses a file that already has one: listener_conflict)."""
    result = plan(read(name), profile)
    if result.refused:
        assert result.after == read(name)
        return
    clashes = conflicting_pairs(result.after)
    assert not clashes, f"listeners that cannot both bind: {sorted(map(sorted, clashes))}"


def test_the_checks_can_fail() -> None:
    """The helpers above see what they must: a wildcard beside a loopback MTA on one port is
    a pair that cannot bind, a dropped mechanism is seen, and the listener spellings match
    the ones expected.toml uses."""
    pair = (
        "DAEMON_OPTIONS(`Port=smtp, Addr=127.0.0.1, Name=MTA')dnl\n"
        "DAEMON_OPTIONS(`Port=smtp, Name=MTA2')dnl\n"
        "FEATURE(`no_default_msa')dnl\n"
    )
    assert conflicting_pairs(pair) == {frozenset(("127.0.0.1:25", "0.0.0.0:25"))}
    assert specs(pair) == ["0.0.0.0:25", "127.0.0.1:25"]
    assert offered("divert(0)dnl\n") == set(DEFAULT_AUTH_MECHANISMS.split())
    assert not offered("define(`confAUTH_MECHANISMS', `PLAIN')dnl\n") >= {"LOGIN"}
    v6 = "DAEMON_OPTIONS(`Family=inet6, Addr=::1, Name=MTA6')dnl\nFEATURE(`no_default_msa')\n"
    assert specs(v6) == ["[::1]:25"]
