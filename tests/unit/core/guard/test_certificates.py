"""The certificate in the plan (wizard.core.guard.certificates, certbot): which lineage is
used, what is obtained, the copies and the hook, a second plan with everything in place, the
checks, and certbot's failures in plain words. Pure."""

from __future__ import annotations

import dataclasses
import hashlib
import subprocess

import pytest

from tests.unit.core.mta.sendmail.test_plan import stock_state
from wizard.core.change.options import LETS_ENCRYPT, RelayOptions
from wizard.core.guard import GuardState
from wizard.core.guard.certbot import diagnose_certbot
from wizard.core.guard.certificates import (
    CRT,
    HOOK,
    KEY,
    covers,
    hook_text,
    is_internet_name,
    plan_certificate,
)
from wizard.core.mta.report import CertificateFound, Protection, Socket
from wizard.core.mta.sendmail.plan import make_plan
from wizard.core.mta.sendmail.state import ServerState, certificate_state

NAME = "mail.example.org"
LIVE = f"/etc/letsencrypt/live/{NAME}"
ACME = "https://acme.lab.test:14000/dir"


def state_with(
    *,
    certbot: str = "2.1.0",
    realm: str = NAME,
    certificates: tuple[CertificateFound, ...] = (),
    listening: tuple[Socket, ...] = (),
    digests: dict[str, str] | None = None,
    texts: dict[str, str] | None = None,
) -> ServerState:
    base = stock_state()
    report = dataclasses.replace(
        base.report,
        realm=realm,
        protection=Protection(certbot=certbot),
        certificates=list(certificates),
        listening=[*base.report.listening, *listening],
    )
    guard = GuardState(texts=texts or {}, digests=digests or {})
    return dataclasses.replace(base, report=report, guard=guard)


def lineage(days: int = 80, names: tuple[str, ...] = (NAME,), name: str = NAME) -> CertificateFound:
    return CertificateFound(
        "certbot",
        f"/etc/letsencrypt/live/{name}/fullchain.pem",
        f"/etc/letsencrypt/live/{name}/privkey.pem",
        lineage=name,
        names=names,
        issuer="Pebble Intermediate CA",
        expires="2027-03-01",
        days_left=days,
        covers=True,
    )


def opts(certificate: str = "obtain", **kw: str) -> RelayOptions:
    return RelayOptions("modern", certificate=certificate, acme_server=ACME, **kw).validated()  # type: ignore[arg-type]


def test_obtain_on_a_server_without_certificate_runs_certbot_before_the_journal() -> None:
    plan = make_plan(state_with(), opts(), "hup")
    assert not plan.errors, plan.errors
    names = [s.name for s in plan.steps]
    assert names[:2] == ["certbot-obtain", "stage"]
    assert names.index("cert-copy") == names.index("install") + 1
    assert names.index("restart") == names.index("cert-copy") + 1
    obtain = plan.steps[0]
    assert obtain.args == (NAME, ACME, "", "")  # type: ignore[attr-defined]
    stage = plan.steps[1]
    # the copies are produced files: backed up, no content of their own ("-")
    assert stage.args[-2:] == (CRT, KEY)  # type: ignore[attr-defined]
    lines = stage.stdin.splitlines()  # type: ignore[attr-defined]
    assert lines[-2:] == ["-", "-"]
    assert [c.path for c in plan.changes][-1] == HOOK
    hook_line = lines[[c.path for c in plan.changes].index(HOOK)]
    assert hook_line.endswith(" 0755")
    mc = plan.changes[0].after
    assert f"`{CRT}'" in mc and f"`{KEY}'" in mc
    assert "DontBlameSendmail" not in mc
    assert any("no DontBlameSendmail" in s for s in plan.summary)
    assert any("DNS challenge" in s for s in plan.summary)
    assert any(NAME in a for a in plan.actions)


def test_hook_acts_for_its_lineage_only_and_is_valid_sh() -> None:
    text = hook_text(LIVE)
    assert text.startswith("#!/bin/sh\n")
    assert f"set -- {LIVE} {CRT} {KEY}\n" in text
    assert 'RENEWED_LINEAGE:-}" = "$1"' in text
    assert "copy_certificate()" in text and "kill -HUP" in text
    subprocess.run(["sh", "-n"], input=text, text=True, check=True)
    odd = hook_text("/etc/letsencrypt/live/x'; rm -rf /")
    assert "'/etc/letsencrypt/live/x'\"'\"'; rm -rf /'" in odd


def test_existing_lineage_is_used_not_a_new_one_and_a_second_plan_has_nothing_to_do() -> None:
    digest = hashlib.sha256(b"chain").hexdigest()
    kd = hashlib.sha256(b"key").hexdigest()
    have = {f"{LIVE}/fullchain.pem": digest, f"{LIVE}/privkey.pem": kd}
    for choice in ("certbot", "obtain"):
        plan = make_plan(state_with(certificates=(lineage(),), digests=have), opts(choice), "hup")
        assert not plan.errors, plan.errors
        assert "certbot-obtain" not in [s.name for s in plan.steps]
        assert any("Pebble Intermediate CA" in s and "2027-03-01" in s for s in plan.summary)
    first = make_plan(state_with(certificates=(lineage(),), digests=have), opts("certbot"), "hup")
    done = state_with(
        certificates=(lineage(),),
        digests={**have, CRT: digest, KEY: kd},
        texts={HOOK: hook_text(LIVE)},
    )
    done = dataclasses.replace(done, mc_text=first.changes[0].after)
    again = make_plan(done, opts("certbot"), "hup")
    assert again.nothing_to_do, (again.changes, again.actions)
    # a renewed lineage (its files differ from the copies) is copied again, nothing else
    renewed = dataclasses.replace(
        done,
        guard=GuardState(texts=done.guard.texts, digests={**done.guard.digests, CRT: "0" * 64}),
    )
    plan = make_plan(renewed, opts("certbot"), "hup")
    assert not plan.changes and plan.actions
    assert [s.name for s in plan.steps][:3] == ["stage", "install", "cert-copy"]


def test_lineage_from_digests_alone_and_a_wildcard_or_expired_one() -> None:
    have = {f"{LIVE}/fullchain.pem": "a" * 64, f"{LIVE}/privkey.pem": "b" * 64}
    plan = make_plan(state_with(digests=have), opts("certbot"), "hup")
    assert not plan.errors and "certbot-obtain" not in [s.name for s in plan.steps]
    wild = lineage(names=("*.example.org",), name="example.org")
    add = plan_certificate(state_with(certificates=(wild,)).report, GuardState(), opts("certbot"))
    assert add.after_install[0].args[0] == "/etc/letsencrypt/live/example.org"  # type: ignore[attr-defined]
    expired = plan_certificate(
        state_with(certificates=(lineage(days=-1),)).report, GuardState(), opts("certbot")
    )
    assert [c.id for c in expired.checks] == ["no_certbot_certificate"]
    # an expired lineage of that name, its files there: obtain asks certbot again
    have = {f"{LIVE}/fullchain.pem": "a" * 64, f"{LIVE}/privkey.pem": "b" * 64}
    again = make_plan(state_with(certificates=(lineage(days=-1),), digests=have), opts(), "hup")
    assert again.steps[0].name == "certbot-obtain"


def test_obtain_checks_certbot_port_80_and_the_name() -> None:
    plan = make_plan(state_with(certbot=""), opts(), "hup")
    assert [c.id for c in plan.errors] == ["certbot_missing"] and not plan.steps
    busy = state_with(listening=(Socket("0.0.0.0", 80, "nginx"),))
    assert [c.id for c in make_plan(busy, opts(), "hup").errors] == ["port80_taken"]
    assert "nginx" in make_plan(busy, opts(), "hup").errors[0].message
    webroot = make_plan(busy, opts(webroot="/var/www/html"), "hup")
    assert not webroot.errors
    assert webroot.steps[0].args == (NAME, ACME, "", "/var/www/html")  # type: ignore[attr-defined]
    for realm in ("localhost", "mail", "192.0.2.7"):
        plan = make_plan(state_with(realm=realm), opts(), "hup")
        assert [c.id for c in plan.errors] == ["cert_name_not_internet"], realm
    given = make_plan(state_with(realm="mail"), opts(cert_name="Relay.Example.org."), "hup")
    assert not given.errors and given.steps[0].args[0] == "relay.example.org"  # type: ignore[attr-defined]


def test_keep_and_classic_add_nothing() -> None:
    keep = make_plan(state_with(), RelayOptions("modern").validated(), "hup")
    assert "certbot-obtain" not in [s.name for s in keep.steps]
    assert HOOK not in [c.path for c in keep.changes]


def test_names_authorities_and_coverage() -> None:
    assert is_internet_name("mail.example.org")
    for bad in ("mail", "localhost", "10.0.0.1", "[::1]", "-x.example.org", "a..b", "x.123"):
        assert not is_internet_name(bad), bad
    assert covers(("*.example.org",), "mail.example.org")
    assert not covers(("*.example.org",), "a.mail.example.org")
    assert covers(("MAIL.example.org.",), "mail.example.org")


def test_certificate_state_reads_digests_hook_and_certbot() -> None:
    import base64

    hook = hook_text(LIVE)
    sections = {
        "cert-digests": f"{'a' * 64} {LIVE}/fullchain.pem\nnot-a-line\n{'b' * 64} {CRT}\n",
        "cert-hook": base64.b64encode(hook.encode()).decode() + "\ncertbot\n",
    }
    digests, texts, certbot = certificate_state(sections)
    assert digests == {f"{LIVE}/fullchain.pem": "a" * 64, CRT: "b" * 64}
    assert texts == {HOOK: hook} and certbot
    assert certificate_state({"cert-digests": "", "cert-hook": ""}) == ({}, {HOOK: ""}, False)


@pytest.mark.parametrize(
    ("output", "words"),
    [
        (
            "Type:   connection\nDetail: 198.51.100.14: Fetching http://mail.example.org/.well-"
            "known/acme-challenge/x: Connection refused",
            "could not reach this server on port 80",
        ),
        (
            "Type:   dns\nDetail: DNS problem: NXDOMAIN looking up A for mail.example.org",
            "does not point at this server",
        ),
        ("Type:   unauthorized\nDetail: Invalid response from http://x", "does not point"),
        (
            "Error: urn:ietf:params:acme:error:rateLimited :: too many certificates (5) already "
            "issued for this exact set of domains in the last 168 hours",
            "rate limit",
        ),
        (
            "Unable to reach the ACME server at https://acme.lab.test:14000/dir: Max retries "
            "exceeded",
            "could not reach the certificate authority at",
        ),
        (
            "An unexpected error occurred: ValueError: Requesting acme.lab.test/dir: Connection "
            "refused",
            "could not reach the certificate authority at",
        ),
        ("Problem binding to port 80: Could not bind to IPv4 or IPv6.", "holds port 80"),
        ("certbot is not installed", "not installed"),
    ],
)
def test_certbot_failures_in_plain_words(output: str, words: str) -> None:
    sentence, fix = diagnose_certbot(output, NAME, ACME)
    assert words in sentence and fix


def test_an_unknown_certbot_failure_is_shown_as_is() -> None:
    assert diagnose_certbot("something else", NAME, LETS_ENCRYPT) == ("", "")


def test_the_apply_and_the_rollback_say_what_became_of_the_certificate() -> None:
    from wizard.core.guard.certificates import applied_note, rollback_note

    plan = make_plan(state_with(), opts(), "hup")
    assert NAME in applied_note(plan) and "renewal" in applied_note(plan)
    assert applied_note(make_plan(state_with(), RelayOptions("modern").validated(), "hup")) == ""
    note = rollback_note(["journal 1", "restored /etc/mail/sendmail.mc", f"removed {HOOK}"])
    assert "stays on the server" in note
    assert rollback_note(["journal 1", "restored /etc/mail/sendmail.mc"]) == ""


def test_the_server_own_tls_files_are_not_checked_when_the_copies_replace_them() -> None:
    plan = make_plan(state_with(), opts(), "hup")
    assert not [c for c in plan.checks if c.id.startswith(("tls_", "key_"))], plan.checks
    keep = make_plan(state_with(), RelayOptions("modern").validated(), "hup")
    assert any(c.id == "tls_cert" for c in keep.checks)


def test_who_holds_port_80_is_read_from_ss() -> None:
    from wizard.core.mta.sendmail.state import port_80

    text = (
        'LISTEN 0 5 0.0.0.0:80 0.0.0.0:* users:(("python3",pid=12,fd=3))\n'
        'LISTEN 0 511 [::]:80 [::]:* users:(("nginx",pid=7,fd=6),("nginx",pid=8,fd=6))\n'
        "LISTEN 0 5 127.0.0.1:8080 0.0.0.0:*\n"
        "LISTEN 0 5 *:80 *:*\n"
    )
    assert port_80(text) == [
        Socket("0.0.0.0", 80, "python3"),
        Socket("::", 80, "nginx"),
        Socket("0.0.0.0", 80, "?"),
    ]
    assert port_80("") == []
