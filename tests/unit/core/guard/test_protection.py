"""The protection against password guessing in a plan (wizard/core/guard/protection): the
jail file's text, hostile values refused, the plan's checks, actions and steps. Pure."""

from __future__ import annotations

import base64
from dataclasses import replace

import pytest

from tests.unit.core.mta.sendmail.test_plan import stock_state
from wizard.core.change.options import RelayOptions
from wizard.core.change.plan import CheckLevel
from wizard.core.guard import GuardState
from wizard.core.guard.protection import (
    JAIL,
    JAIL_PATH,
    RATE_CONTROLS,
    JailValueError,
    duration,
    jail_text,
    plan_protection,
)
from wizard.core.mta.report import Protection
from wizard.core.mta.sendmail.mc import McFile
from wizard.core.mta.sendmail.plan import make_plan
from wizard.core.mta.sendmail.state import ServerState, protection_facts

RUNNING = Protection(fail2ban="running", firewall="nftables")
ADMIN = "198.51.100.5"


def jail(**kw: object) -> str:
    args: dict[str, object] = dict(
        max_retry=5, find_time=600, ban_time=3600, ban_action="nftables-multiport", ignore=[]
    )
    args.update(kw)
    return jail_text("/var/log/mail.log", **args)  # type: ignore[arg-type]


def keys(text: str) -> dict[str, str]:
    out = {}
    for line in text.splitlines():
        if "=" in line and not line.startswith("#"):
            key, _, value = line.partition("=")
            out[key.strip()] = value.strip()
    return out


def test_jail_text_has_its_own_section_and_every_value() -> None:
    text = jail(
        max_retry=6, find_time=60, ban_time=20, ignore=[ADMIN, "203.0.113.0/24", "2001:db8::1"]
    )
    sections = [ln for ln in text.splitlines() if ln.startswith("[")]
    assert sections == [f"[{JAIL}]"]
    assert keys(text) == {
        "enabled": "true",
        "filter": "sendmail-auth",
        "port": "smtp,submission,submissions",
        "logpath": "/var/log/mail.log",
        "backend": "polling",
        "maxretry": "6",
        "findtime": "60",
        "bantime": "20",
        "banaction": "nftables-multiport",
        "ignoreip": f"127.0.0.0/8 ::1 {ADMIN} 203.0.113.0/24 2001:db8::1",
    }


def test_jail_text_normalises_addresses_and_drops_duplicates() -> None:
    text = jail(ignore=[" 203.0.113.7/24 ", "127.0.0.1/8", "2001:DB8:0::1"])
    assert keys(text)["ignoreip"] == "127.0.0.0/8 ::1 203.0.113.0/24 2001:db8::1"


@pytest.mark.parametrize(
    "hostile",
    [
        "203.0.113.7\nbantime = 1",
        "203.0.113.7 ::1",
        "10.0.0.1]\n[sshd",
        "%(known/ignoreip)s",
        "example.com",
    ],
)
def test_hostile_addresses_are_refused(hostile: str) -> None:
    with pytest.raises(JailValueError):
        jail(ignore=[hostile])


@pytest.mark.parametrize(
    "kw",
    [
        {"max_retry": "5\nenabled = false"},
        {"max_retry": 0},
        {"ban_time": 5},
        {"find_time": True},
        {"ban_time": 3.5},
        {"ban_action": "nftables-multiport\nfilter = x"},
        {"ban_action": "%(action_mwl)s"},
    ],
)
def test_hostile_numbers_and_actions_are_refused(kw: dict[str, object]) -> None:
    with pytest.raises(JailValueError):
        jail(**kw)


@pytest.mark.parametrize(
    "log", ["var/log/mail.log", "/var/log/mail.log\nenabled = false", "/var/log/%(x)s", "/a/../b"]
)
def test_hostile_log_paths_are_refused(log: str) -> None:
    with pytest.raises(JailValueError):
        jail_text(
            log, max_retry=5, find_time=600, ban_time=60, ban_action="nftables-multiport", ignore=[]
        )


def test_durations_in_words() -> None:
    assert [duration(s) for s in (20, 60, 600, 3600, 7200, 86400, 90)] == [
        "20 seconds",
        "1 minute",
        "10 minutes",
        "1 hour",
        "2 hours",
        "1 day",
        "90 seconds",
    ]


def state_with(protection: Protection, guard: GuardState | None = None) -> ServerState:
    s = stock_state()
    return replace(
        s,
        report=replace(s.report, protection=protection),
        guard=guard or GuardState(admin_address=ADMIN),
    )


def options(**kw: object) -> RelayOptions:
    return RelayOptions("modern", **kw).validated()  # type: ignore[arg-type]


def test_off_adds_nothing() -> None:
    s = state_with(RUNNING)
    add = plan_protection(s.report, s.guard, options(protect=False))
    assert add.changes == () and add.checks == () and add.defines == {}
    assert plan_protection(s.report, s.guard, RelayOptions("classic").validated()) == add
    kept = GuardState(texts={JAIL_PATH: "[relay-wizard-sendmail]\n"})
    add = plan_protection(s.report, kept, options(protect=False))
    assert [(c.id, c.level) for c in add.checks] == [("ban_kept", CheckLevel.OK)]
    assert add.changes == () and add.after_reload == () and add.actions == ()


def test_a_new_jail_is_written_and_fail2ban_reloaded_after_sendmail() -> None:
    s = state_with(RUNNING)
    add = plan_protection(s.report, s.guard, options(ban_time=20, allow=("203.0.113.0/28",)))
    [change] = add.changes
    assert change.path == JAIL_PATH and change.before == ""
    assert keys(change.after)["ignoreip"] == f"127.0.0.0/8 ::1 {ADMIN} 203.0.113.0/28"
    assert add.modes == {JAIL_PATH: 0o644}
    assert [s.name for s in add.after_reload] == ["fail2ban"]
    assert add.actions == ()
    assert add.defines == RATE_CONTROLS
    assert not [c for c in add.checks if c.level != CheckLevel.OK]
    text = " ".join(add.summary)
    assert "5 times within 10 minutes is banned for 20 seconds" in text
    assert "cannot send any mail" in text
    assert ADMIN in text and "203.0.113.0/28" in text

    plan = make_plan(s, options(ban_time=20), "HUP")
    names = [st.name for st in plan.steps]
    assert names.index("fail2ban") == names.index("restart") + 1 < names.index("verify")
    assert JAIL_PATH in [c.path for c in plan.changes]


def test_jail_in_place_and_running_is_nothing_to_do_and_not_running_is_an_action() -> None:
    s = state_with(RUNNING)
    text = plan_protection(s.report, s.guard, options()).changes[0].after
    guard = GuardState(texts={JAIL_PATH: text}, admin_address=ADMIN)
    running = state_with(replace(RUNNING, jails=(JAIL,)), guard)
    add = plan_protection(running.report, running.guard, options())
    assert add.changes == () and add.after_reload == () and add.actions == ()
    assert add.summary  # still said: what protects the server

    stopped = state_with(replace(RUNNING, fail2ban="installed"), guard)
    add = plan_protection(stopped.report, stopped.guard, options())
    assert add.changes == ()
    assert add.actions == ("Start fail2ban, which bans password guessers.",)
    assert [s.name for s in add.after_reload] == ["fail2ban"]
    plan = make_plan(stopped, options(), "HUP")
    if not [c for c in plan.changes if c.path != JAIL_PATH]:
        assert not plan.nothing_to_do
        assert "fail2ban" in [st.name for st in plan.steps]


def test_a_changed_option_rewrites_the_jail() -> None:
    s = state_with(RUNNING)
    text = plan_protection(s.report, s.guard, options()).changes[0].after
    guard = GuardState(texts={JAIL_PATH: text}, admin_address=ADMIN)
    running = state_with(replace(RUNNING, jails=(JAIL,)), guard)
    [change] = plan_protection(running.report, running.guard, options(max_retry=3)).changes
    assert change.before == text and keys(change.after)["maxretry"] == "3"
    assert [
        st.name for st in plan_protection(running.report, guard, options(max_retry=3)).after_reload
    ] == ["fail2ban"]


@pytest.mark.parametrize(
    ("protection", "id_"),
    [
        (Protection(), "fail2ban_missing"),
        (Protection(fail2ban="installed", firewall=""), "firewall_missing"),
    ],
)
def test_missing_parts_warn_by_default_and_stop_a_chosen_protection(
    protection: Protection, id_: str
) -> None:
    s = state_with(protection)
    default = plan_protection(s.report, s.guard, options())
    assert [(c.id, c.level) for c in default.checks] == [(id_, CheckLevel.WARNING)]
    assert default.changes == () and default.after_reload == ()
    assert default.defines == RATE_CONTROLS  # sendmail's own controls need no fail2ban
    chosen = plan_protection(s.report, s.guard, options(protect=True))
    assert [(c.id, c.level) for c in chosen.checks] == [(id_, CheckLevel.ERROR)]
    assert make_plan(s, options(protect=True), "HUP").steps == ()
    assert make_plan(s, options(), "HUP").steps != ()


def test_iptables_only_bans_with_iptables() -> None:
    s = state_with(replace(RUNNING, firewall="iptables"))
    [change] = plan_protection(s.report, s.guard, options()).changes
    assert keys(change.after)["banaction"] == "iptables-multiport"


def test_the_admins_address_unknown_warns_unless_an_address_is_allowed() -> None:
    s = state_with(RUNNING, GuardState())
    add = plan_protection(s.report, s.guard, options())
    warned = [c for c in add.checks if c.level == CheckLevel.WARNING]
    assert [c.id for c in warned] == ["admin_address_unknown"]
    assert "never banned" in warned[0].message
    assert keys(add.changes[0].after)["ignoreip"] == "127.0.0.0/8 ::1"
    allowed = plan_protection(s.report, s.guard, options(allow=("192.0.2.9",)))
    assert not [c for c in allowed.checks if c.level == CheckLevel.WARNING]


def test_rhel_log_when_the_server_named_none() -> None:
    s = state_with(RUNNING)
    rhel = (
        replace(s.report, layout=replace(s.report.layout, name="rhel")) if s.report.layout else None
    )
    assert rhel is not None
    [change] = plan_protection(rhel, s.guard, options()).changes
    assert keys(change.after)["logpath"] == "/var/log/maillog"


def test_rate_controls_added_where_missing_and_kept_where_set() -> None:
    s = state_with(RUNNING)
    stripped = "\n".join(ln for ln in s.mc_text.splitlines() if "THROTTLE" not in ln) + "\n"
    plan = make_plan(replace(s, mc_text=stripped), options(), "HUP")
    [mc] = [c for c in plan.changes if c.path == s.mc_path]
    assert McFile.parse(mc.after).defines()["confBAD_RCPT_THROTTLE"] == "3"
    assert McFile.parse(mc.after).defines()["confCONNECTION_RATE_THROTTLE"] == "15"
    stricter = stripped.replace(
        "MAILER_DEFINITIONS", "define(`confBAD_RCPT_THROTTLE', `1')dnl\nMAILER_DEFINITIONS", 1
    )
    plan = make_plan(replace(s, mc_text=stricter), options(), "HUP")
    [mc] = [c for c in plan.changes if c.path == s.mc_path]
    assert McFile.parse(mc.after).defines()["confBAD_RCPT_THROTTLE"] == "1"
    classic = make_plan(replace(s, mc_text=stripped), RelayOptions("classic").validated(), "HUP")
    assert all("THROTTLE" not in c.after for c in classic.changes)


def b64(text: str) -> str:
    return base64.b64encode(text.encode()).decode()


def test_state_section_fills_protection_and_guard() -> None:
    s = stock_state()
    jail_b64 = b64("[x]\n")
    report, guard = protection_facts(
        s.report,
        "admin 198.51.100.5\nfail2ban running\njail running\nfirewall nftables\n"
        f"log /var/log/mail.log\njail-text {jail_b64}\n",
    )
    p = report.protection
    assert (p.fail2ban, p.jails, p.firewall, p.wizard_jail) == (
        "running",
        (JAIL,),
        "nftables",
        True,
    )
    assert p.failures.log_path == "/var/log/mail.log"
    assert guard.admin_address == ADMIN and guard.texts == {JAIL_PATH: "[x]\n"}


@pytest.mark.parametrize("admin", ["", "198.51.100.5\nfail2ban absent", "$(reboot)", "::ffff:zz"])
def test_state_section_refuses_what_is_not_an_address(admin: str) -> None:
    s = stock_state()
    report, guard = protection_facts(s.report, f"admin {admin}\nfirewall pf\nfail2ban odd\n")
    assert guard.admin_address in ("", ADMIN)
    assert "\n" not in guard.admin_address
    assert report.protection.firewall == "" and report.protection.fail2ban == "absent"
    assert guard.texts == {}


def test_rate_controls_added_on_a_server_that_already_relays() -> None:
    s = state_with(RUNNING)
    first = make_plan(s, options(), "HUP")
    [mc] = [c for c in first.changes if c.path == s.mc_path]
    applied = "\n".join(ln for ln in mc.after.splitlines() if "THROTTLE" not in ln) + "\n"
    again = make_plan(replace(s, mc_text=applied), options(), "HUP")
    assert "already_relay" in [c.id for c in again.checks]
    [mc2] = [c for c in again.changes if c.path == s.mc_path]
    added = [ln for ln in mc2.diff.splitlines() if ln.startswith("+") and "THROTTLE" in ln]
    assert added == [
        "+define(`confBAD_RCPT_THROTTLE', `3')dnl",
        "+define(`confCONNECTION_RATE_THROTTLE', `15')dnl",
    ]
    assert [ln for ln in mc2.diff.splitlines() if ln.startswith("-") and "---" not in ln] == []
