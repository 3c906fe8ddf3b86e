"""Real Postfix configurations from public repositories (tests/data/postfix/SOURCES.md),
read through Postfix's own postconf inside the lab and judged by build_report and
POSTFIX.dangers. The expected findings are SOURCES.md's, written before this test ran.

The server's live facts (sockets, the master's pid, the sasldb) are the stock lab server's
capture; the EHLO is left out, so nothing here is judged from what a server offers."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.capture import postfix_sections
from wizard.core.change.plan import CheckLevel
from wizard.core.mta.postfix.driver import POSTFIX
from wizard.core.mta.postfix.inspection import build_report
from wizard.core.mta.postfix.state import PostfixState
from wizard.core.mta.report import Level, ServerReport

CORPUS = Path(__file__).parents[4] / "data" / "postfix"


def corpus_sections(name: str) -> dict[str, str]:
    """The stock capture with the configuration sections of ``name``'s postconf.txt."""
    s = {**postfix_sections(), "ehlo": ""}
    current = ""
    parts: dict[str, list[str]] = {}
    for line in (CORPUS / name / "postconf.txt").read_text().splitlines():
        if line.startswith("@@ "):
            current = line[3:].strip()
            parts[current] = []
        elif current:
            parts[current].append(line)
    assert set(parts) == {"postconf-n", "postconf", "postconf-x", "postconf-M", "postconf-a"}
    for key, lines in parts.items():
        s[key] = "\n".join(lines) + "\n"
    return s


def report(name: str) -> ServerReport:
    return build_report("mail.example", corpus_sections(name))


def findings(r: ServerReport) -> dict[str, Level]:
    return {f.id: f.level for f in r.findings}


def message(r: ServerReport, id_: str) -> str:
    return next(f.message + " " + f.detail for f in r.findings if f.id == id_)


def dangers(name: str) -> dict[str, CheckLevel]:
    r = report(name)
    state = PostfixState(
        r,
        "/etc/postfix/main.cf",
        (CORPUS / name / "main.cf").read_text(),
        "/etc/postfix/master.cf",
        "",
        "/etc/postfix/sasl/smtpd.conf",
        "",
    )
    return {c.id: c.level for c in POSTFIX.dangers(state)}


def problems(r: ServerReport) -> set[str]:
    # not_listening/ehlo_failed come from the test's missing EHLO, not the configuration
    return {f.id for f in r.findings if f.level == Level.PROBLEM}


def test_every_folder_is_in_the_sources() -> None:
    sources = (CORPUS / "SOURCES.md").read_text()
    folders = sorted(p.name for p in CORPUS.iterdir() if (p / "main.cf").is_file())
    assert len(folders) >= 5
    for name in folders:
        assert f"| {name} |" in sources
        assert (CORPUS / name / "postconf.txt").is_file()


def test_google_ranges_in_mynetworks_are_a_problem() -> None:
    r = report("shakataganai-relay")
    f = findings(r)
    assert f["mynetworks_wide"] == Level.PROBLEM
    text = message(r, "mynetworks_wide")
    assert "74.125.0.0/16" in text and "[2001:4860:4000::]/36" in text
    assert "127.0.0.0/8" not in text.split("mynetworks =")[0]
    assert "open_relay" not in f and "relay_permit_first" not in f
    assert f["relay_access_table"] == Level.OK
    assert f["submission_off"] == Level.WARNING
    assert [(x.name, x.port, x.address, x.modifiers) for x in r.listeners] == [
        ("smtp", 25, "", "A")
    ]
    assert problems(r) == {"mynetworks_wide"}
    assert dangers("shakataganai-relay")["mynetworks_wide"] == CheckLevel.ERROR


def test_an_office_lan_in_mynetworks_is_a_note() -> None:
    r = report("nurlan-relay")
    assert findings(r)["mynetworks_lan"] == Level.OK
    assert "172.27.22.0/24" in message(r, "mynetworks_lan")
    assert problems(r) == set()
    assert CheckLevel.ERROR not in dangers("nurlan-relay").values()


def test_permit_after_the_relay_check_is_harmless_and_dovecot_is_named() -> None:
    r = report("fred-zweig-dovecot")
    f = findings(r)
    assert "relay_permit_first" not in f and "open_relay" not in f
    assert not [i for i in f if i.startswith("mynetworks")]
    assert f["dovecot_sasl"] == Level.WARNING  # no Dovecot socket where postconf ran
    assert "sasl_users" not in f
    assert r.postfix is not None and r.postfix.sasl_type == "dovecot"
    assert problems(r) == set()


def test_access_tables_before_the_relay_check_with_old_defaults() -> None:
    r = report("laxvolt-examples")
    f = findings(r)
    assert r.postfix is not None
    assert r.postfix.expanded["smtpd_relay_restrictions"] == ""  # compatibility level 0
    assert f["relay_sender_access"] == Level.WARNING
    assert "hash:/etc/postfix/restrict_senders" in message(r, "relay_sender_access")
    assert f["relay_access_table"] == Level.OK
    assert "hash:/etc/postfix/open_access" in message(r, "relay_access_table")
    assert not [i for i in f if i.startswith("mynetworks")]
    assert "relay_domains" not in f and "open_relay" not in f
    assert problems(r) == set()


def test_postscreen_submission_and_submissions() -> None:
    r = report("lionel-rousseau-primary")
    got = [(x.name, x.port, x.address, x.modifiers) for x in r.listeners]
    assert got == [
        ("smtp", 25, "", ""),
        ("submission", 587, "", "a"),
        ("submissions", 465, "", "sa"),
    ]
    sub = next(s for s in r.postfix.services if s.name == "submission")  # type: ignore[union-attr]
    assert sub.options["smtpd_relay_restrictions"].endswith("permit_sasl_authenticated,reject")
    assert "reject_rbl_client <ABUSIX-API-KEY>" in sub.options["smtpd_relay_restrictions"]
    f = findings(r)
    assert "submission_off" not in f
    assert f["mynetworks_lan"] == Level.OK
    assert "203.0.113.10/32" in message(r, "mynetworks_lan")
    assert f["dovecot_sasl"] == Level.WARNING
    assert problems(r) == set()


def test_dovecot_with_auth_after_tls_has_no_danger() -> None:
    assert CheckLevel.ERROR not in dangers("1629lyk-dovecot").values()
    assert dangers("1629lyk-dovecot") == {}
    r = report("1629lyk-dovecot")
    f = findings(r)
    assert f["dovecot_sasl"] == Level.WARNING
    assert f["submission_off"] == Level.WARNING
    assert problems(r) == set()


def test_smtps_and_submission_from_a_template() -> None:
    r = report("theappleman-mail")
    got = [(x.name, x.port, x.modifiers) for x in r.listeners]
    assert got == [("smtp", 25, ""), ("submission", 587, ""), ("smtps", 465, "s")]
    assert r.postfix is not None and not r.postfix.chroot
    f = findings(r)
    assert "submission_off" not in f
    assert not [i for i in f if i.startswith("mynetworks") and f[i] == Level.PROBLEM]
    assert "open_relay" not in f and "relay_permit_first" not in f
    assert problems(r) == set()


@pytest.mark.parametrize(
    "name",
    sorted(p.name for p in CORPUS.iterdir() if (p / "postconf.txt").is_file()),
)
def test_every_report_prints(name: str) -> None:
    from wizard.cli.commands.inspect import format_report

    text = format_report(report(name))
    assert text.startswith("Server      mail.example")
    assert "Mail server Postfix 3.7.11" in text
