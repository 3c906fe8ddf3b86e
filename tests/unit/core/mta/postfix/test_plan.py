"""The Postfix plan (wizard.core.mta.postfix.settings, .plan), made offline from what the
lab's stock Debian Postfix printed (tests/data/postfix-plan/debian-stock: postconf of the
settings the inspection reads, postconf -M, postconf -n, main.cf and master.cf)."""

from __future__ import annotations

import dataclasses

import pytest

from tests import ROOT
from wizard.core.change.options import RelayOptions
from wizard.core.change.plan import CheckLevel, Plan
from wizard.core.change.verify import ExpectedPort
from wizard.core.mta.postfix import edit
from wizard.core.mta.postfix.inspection import build_report
from wizard.core.mta.postfix.plan import listeners, make_plan
from wizard.core.mta.postfix.settings import (
    permits_sasl,
    wanted,
    with_sasl_permit,
)
from wizard.core.mta.postfix.state import PostfixState
from wizard.core.mta.sendmail.state import FileFacts, Remote

STOCK = ROOT / "tests" / "data" / "postfix-plan" / "debian-stock"
SNAKEOIL = ("/etc/ssl/certs/ssl-cert-snakeoil.pem", "/etc/ssl/private/ssl-cert-snakeoil.key")
CONF = "/etc/postfix/sasl/smtpd.conf"


def stock_state(
    *,
    main: str | None = None,
    master: str | None = None,
    sasl_conf: str = "",
    postconf: dict[str, str] | None = None,
    extra_services: str = "",
    running: bool = True,
    sasl_types: str = "cyrus dovecot",
) -> PostfixState:
    """The stock server, or the stock server with ``postconf`` values in force changed
    (and ``extra_services`` added to postconf -M's output)."""
    effective = (STOCK / "postconf").read_text()
    for name, value in (postconf or {}).items():
        lines = [ln for ln in effective.splitlines() if not ln.startswith(f"{name} =")]
        effective = "\n".join([*lines, f"{name} = {value}"]) + "\n"
    sections = {
        "postconf": effective,
        "postconf-M": (STOCK / "postconf-M").read_text() + extra_services,
        "postconf-n": (STOCK / "postconf-n").read_text(),
        "postconf-a": sasl_types,
        "master-pid": "4242\n" if running else "",
        "dovecot": "",
    }
    report = build_report("198.51.100.10", sections)
    files = {p: FileFacts(p, True, "root", "root", 0o644, True) for p in SNAKEOIL}
    return PostfixState(
        report,
        "/etc/postfix/main.cf",
        main if main is not None else (STOCK / "main.cf").read_text(),
        "/etc/postfix/master.cf",
        master if master is not None else (STOCK / "master.cf").read_text(),
        CONF,
        sasl_conf,
        files,
    )


def plan(state: PostfixState, **options: object) -> Plan:
    return make_plan(state, Remote("", "", 4242), RelayOptions(**options))  # type: ignore[arg-type]


def by_path(p: Plan) -> dict[str, str]:
    return {c.path: c.after for c in p.changes}


def test_modern_adds_submission_for_logged_in_staff_after_starttls() -> None:
    p = plan(stock_state())
    assert not p.errors
    files = by_path(p)
    assert set(files) == {"/etc/postfix/master.cf", CONF}, "main.cf needs nothing"
    entry = edit.find_entry(files["/etc/postfix/master.cf"], "submission/inet")
    assert entry is not None
    assert entry.words[:8] == ("submission", "inet", "n", "-", "y", "-", "-", "smtpd")
    opts = " ".join(entry.words[8:])
    for o in (
        "syslog_name=postfix/submission",
        "smtpd_tls_security_level=encrypt",
        "smtpd_sasl_auth_enable=yes",
        "smtpd_tls_auth_only=yes",
        "smtpd_relay_restrictions=permit_sasl_authenticated,reject",
    ):
        assert f"-o {o}" in opts
    assert (
        files[CONF] == "pwcheck_method: auxprop\nauxprop_plugin: sasldb\nmech_list: PLAIN LOGIN\n"
    )
    assert p.expect == (ExpectedPort(587, "starttls", ("PLAIN", "LOGIN"), False, True),)
    assert [s.name for s in p.steps] == [
        "stage", "postfix-build", "install", "postfix-reload", "verify", "finish",
    ]  # fmt: skip
    reload = p.steps[3]
    assert reload.commands[0].startswith("postfix-reload.sh ID 25 587")
    assert (
        "postconf -c COPY -M 'submission/inet=submission inet n - y - - smtpd'" in p.build_command
    )
    assert "postfix -c COPY check" in p.build_command
    assert any("port 587" in s for s in p.summary)
    assert any("Port 25 keeps receiving mail" in s for s in p.summary)


def test_the_build_steps_stdin_is_the_edits_and_the_stage_records_postfix() -> None:
    p = plan(stock_state(), smtps=True)
    stage, build = p.steps[0], p.steps[1]
    assert stage.commands[0].split()[3:5] == ["mta:postfix", "/etc/postfix"] or (
        "mta:postfix" in stage.commands[0]
    )
    lines = build.stdin.splitlines()  # type: ignore[attr-defined]
    assert "M submissions/inet=submissions inet n - y - - smtpd" in lines
    assert "P submissions/inet/smtpd_tls_wrappermode=yes" in lines
    # the same edits on the same files give the plan's master.cf
    _, master = edit.run_edits(stock_state().main_cf, stock_state().master_cf, lines)
    assert master == by_path(p)["/etc/postfix/master.cf"]
    assert ExpectedPort(465, "tls", ("PLAIN", "LOGIN"), True, True) in p.expect


def test_classic_enables_auth_on_25_and_keeps_the_admins_relay_list() -> None:
    p = plan(stock_state(), profile="classic")
    assert not p.errors
    main = by_path(p)["/etc/postfix/main.cf"]
    assert "smtpd_sasl_auth_enable = yes\n" in main
    # permit_sasl_authenticated was there: kept; defer becomes a final refusal
    assert (
        "smtpd_relay_restrictions = permit_mynetworks permit_sasl_authenticated "
        "reject_unauth_destination\n" in main
    )
    assert "/etc/postfix/master.cf" not in by_path(p)
    assert by_path(p)[CONF].endswith("mech_list: DIGEST-MD5 CRAM-MD5\n")
    assert p.expect == (ExpectedPort(25, "none", ("DIGEST-MD5", "CRAM-MD5"), True, False),)
    assert any(c.id == "relay_refused_outright" for c in p.checks)
    assert any("unencrypted" in s for s in p.summary)


def test_a_server_that_already_does_it_has_nothing_to_do() -> None:
    first = plan(stock_state())
    files = by_path(first)
    services = (
        "submission inet  n       -       y       -       -       smtpd -o "
        "syslog_name=postfix/submission -o smtpd_tls_security_level=encrypt -o "
        "smtpd_sasl_auth_enable=yes -o smtpd_tls_auth_only=yes -o "
        "smtpd_relay_restrictions=permit_sasl_authenticated,reject\n"
    )
    done = stock_state(
        master=files["/etc/postfix/master.cf"], sasl_conf=files[CONF], extra_services=services
    )
    again = plan(done)
    assert again.nothing_to_do and not again.steps and not again.summary
    assert wanted(done, RelayOptions()).empty


def test_an_existing_submission_gets_only_what_it_lacks() -> None:
    services = "submission inet n - y - - smtpd -o syslog_name=mine -o smtpd_sasl_auth_enable=yes\n"
    master = (STOCK / "master.cf").read_text() + (
        "submission inet n - y - - smtpd\n  -o syslog_name=mine\n  -o smtpd_sasl_auth_enable=yes\n"
    )
    e = wanted(stock_state(master=master, extra_services=services), RelayOptions())
    assert e.services == ()
    names = [n for _, n, _ in e.service_options]
    assert "syslog_name" not in names and "smtpd_sasl_auth_enable" not in names
    assert "smtpd_tls_auth_only" in names
    # the stock relay list permits logged-in users already: kept
    assert "smtpd_relay_restrictions" not in names


def test_open_smtp_offers_login_on_25_after_starttls_only() -> None:
    p = plan(stock_state(), open_smtp=True)
    main = by_path(p)["/etc/postfix/main.cf"]
    assert "smtpd_sasl_auth_enable = yes\n" in main and "smtpd_tls_auth_only = yes\n" in main
    assert ExpectedPort(25, "starttls", ("PLAIN", "LOGIN"), False, False) in p.expect


def test_existing_mechanisms_are_kept_and_dropped_only_when_asked() -> None:
    conf = "pwcheck_method: auxprop\nauxprop_plugin: sasldb\nmech_list: CRAM-MD5 NTLM\n"
    kept = by_path(plan(stock_state(sasl_conf=conf)))[CONF]
    assert kept.endswith("mech_list: CRAM-MD5 NTLM PLAIN LOGIN\n")
    p = plan(stock_state(sasl_conf=conf), drop_mechanisms=("NTLM",))
    assert by_path(p)[CONF].endswith("mech_list: CRAM-MD5 PLAIN LOGIN\n")
    assert any(c.id == "mechanisms_dropped" and c.level == CheckLevel.WARNING for c in p.checks)


def test_dovecot_sasl_is_kept_and_no_smtpd_conf_is_written() -> None:
    state = stock_state(postconf={"smtpd_sasl_type": "dovecot", "smtpd_sasl_path": "private/auth"})
    state = dataclasses.replace(
        state,
        report=dataclasses.replace(
            state.report,
            postfix=dataclasses.replace(state.report.postfix, dovecot_socket=True),  # type: ignore[arg-type]
        ),
    )
    p = plan(state)
    assert not p.errors and CONF not in by_path(p)
    assert any(c.id == "dovecot_kept" for c in p.checks)
    assert p.expect[0].mechanisms == ()
    missing = plan(stock_state(postconf={"smtpd_sasl_type": "dovecot"}))
    assert any(c.id == "dovecot_socket" for c in missing.errors)


def test_no_certificate_and_no_cyrus_block_the_plan() -> None:
    state = stock_state(postconf={"smtpd_tls_cert_file": "", "smtpd_tls_key_file": ""})
    bare = dataclasses.replace(state, files={})
    assert [c.id for c in plan(bare).errors] == ["no_cert"]
    with_snakeoil = plan(state)
    assert (
        "smtpd_tls_cert_file = /etc/ssl/certs/ssl-cert-snakeoil.pem\n"
        in (by_path(with_snakeoil)["/etc/postfix/main.cf"])
    )
    no_cyrus = plan(stock_state(sasl_types="dovecot"))
    assert [c.id for c in no_cyrus.errors] == ["no_sasl"] and not no_cyrus.steps


def test_a_submission_on_one_address_only_is_left_to_the_admin() -> None:
    p = plan(stock_state(extra_services="127.0.0.1:submission inet n - y - - smtpd\n"))
    assert [c.id for c in p.errors] == ["listener_bound_587"] and not p.steps


def test_the_admins_cert_files_are_set() -> None:
    state = stock_state()
    state = dataclasses.replace(
        state,
        files={
            **state.files,
            "/etc/mail.pem": FileFacts("/etc/mail.pem", True),
            "/etc/mail.key": FileFacts("/etc/mail.key", False),
        },
    )
    p = plan(state, cert_file="/etc/mail.pem", key_file="/etc/mail.key")
    assert [c.id for c in p.errors] == ["tls_missing"]


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("permit_mynetworks, reject_unauth_destination", "permit_mynetworks, permit_sasl_authenticated, reject_unauth_destination"),
        ("permit_mynetworks defer_unauth_destination", "permit_mynetworks permit_sasl_authenticated defer_unauth_destination"),
        ("", "permit_sasl_authenticated"),
    ],
)  # fmt: skip
def test_permit_sasl_is_inserted_before_the_first_refusal(value: str, expected: str) -> None:
    assert with_sasl_permit(value) == expected
    assert permits_sasl(expected) and not permits_sasl(value)


def test_listeners_are_read_from_master_cf() -> None:
    text = (
        "smtp inet n - y - - smtpd\nsubmission inet n - y - - smtpd\n"
        "127.0.0.1:2525 inet n - y - - smtpd\nlocalhost:10025 inet n - n - - smtpd\n"
        "pickup unix n - y 60 1 pickup\n"
    )
    assert listeners(text) == ["10025", "127.0.0.1:2525", "25", "587"]
    assert listeners("") == ["25"]


def test_untrusted_values_never_reach_postconf() -> None:
    with pytest.raises(edit.EditError):
        edit.set_main("", "smtpd_tls_cert_file", "/x\n-o evil=1")
    with pytest.raises(edit.EditError):
        edit.set_service_option("smtp inet n - y - - smtpd\n", "smtp/inet", "a", "b -o c=d")
    with pytest.raises(edit.EditError):
        edit.set_service("", "x/inet", "x inet n - y - - smtpd\ny inet n - y - - smtpd")


def test_a_server_offering_every_mechanism_keeps_offering_them() -> None:
    """No mech_list while port 25 already offers logins: a list would take methods away."""
    p = plan(stock_state(postconf={"smtpd_sasl_auth_enable": "yes"}), profile="classic")
    conf = by_path(p)[CONF]
    assert "mech_list" not in conf and "pwcheck_method: auxprop" in conf
    assert any(c.id == "mechanisms_all_kept" for c in p.checks)
    assert "/etc/postfix/main.cf" in by_path(p)  # defer becomes reject on port 25


def test_classic_never_takes_away_logins_only_after_encryption() -> None:
    p = plan(stock_state(postconf={"smtpd_tls_auth_only": "yes"}), profile="classic")
    assert [c.id for c in p.errors] == ["tls_auth_only"] and not p.steps
