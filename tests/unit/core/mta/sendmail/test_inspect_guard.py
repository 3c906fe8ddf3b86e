"""Certificates and protection against password guessing, from the inspection's sections
(a real capture of the lab's internet server, tests/data/inspect/README.md): facts, then
findings; and hostile lines in the mail log or the tools' output kept out."""

from __future__ import annotations

import base64
import datetime
import subprocess
from pathlib import Path

import wizard.core.remote.scripts
from tests.capture import internet_sections, stock_sections
from wizard.cli.commands.inspect import format_report
from wizard.core.mta.report import Level, ServerReport
from wizard.core.mta.sendmail.inspect_guard import certificates, protection
from wizard.core.mta.sendmail.inspect_parse import build_report
from wizard.core.mta.sendmail.mc import McFile

HOST = "198.51.100.10"
NAME = "mail-w1i.lab.test"
LIVE = f"/etc/letsencrypt/live/{NAME}"
CAPTURED = datetime.date(2026, 12, 2)
EXPIRES = datetime.date(2031, 12, 2)  # pebble's certificate, as captured


def report(today: datetime.date = CAPTURED, **changes: str) -> ServerReport:
    s = internet_sections()
    s.update(changes)
    return build_report(HOST, s, today)


def findings(r: ServerReport) -> dict[str, tuple[Level, str, str, tuple[str, ...]]]:
    return {f.id: (f.level, f.message, f.detail, f.fixed_by) for f in r.findings}


def certbot_pem() -> bytes:
    line = internet_sections()["certificates"].split()
    return base64.b64decode(line[3])


def b64(text: str | bytes) -> str:
    return base64.b64encode(text.encode() if isinstance(text, str) else text).decode()


def test_the_capture_shows_the_certbot_certificate_and_debians_own() -> None:
    r = report()
    stock, certbot = r.certificates
    assert (stock.source, stock.path, stock.in_use) == (
        "sendmail",
        "/etc/mail/tls/sendmail-server.crt",
        False,
    )
    assert stock.self_signed and stock.names == ("mail.lab.test",) and not stock.covers
    assert certbot.source == "certbot" and certbot.lineage == NAME
    assert certbot.path == f"{LIVE}/fullchain.pem" and certbot.key_path == f"{LIVE}/privkey.pem"
    assert certbot.names == (NAME,) and certbot.covers and not certbot.in_use
    assert certbot.issuer.startswith("Pebble Intermediate CA") and not certbot.self_signed
    assert certbot.expires == EXPIRES.isoformat()
    assert certbot.days_left == (EXPIRES - CAPTURED).days
    j = r.to_json()["certificates"]
    assert [c["source"] for c in j] == ["sendmail", "certbot"]  # type: ignore[index]


def test_the_capture_shows_fail2ban_its_jail_the_limits_and_the_failed_logins() -> None:
    p = report().protection
    assert p.fail2ban == "running"
    assert p.jails == ("sendmail-auth",)  # sshd's jail watches another log
    assert p.firewall == "nftables" and p.certbot == "2.1.0-4" and not p.wizard_jail
    assert (p.client_rate, p.client_conn) == ("10", "10")  # the access file's defaults
    assert (p.bad_rcpt_throttle, p.connection_rate_throttle) == ("3", "15")
    f = p.failures
    assert f.log_path == "/var/log/mail.log" and f.count == 4
    assert f.top_sources == (("203.0.113.4", 3), ("198.51.100.17", 1))
    assert f.since.startswith("2026-12-02T22:11:40")


def test_findings_of_the_capture_a_certificate_to_use_and_the_guessing_guarded() -> None:
    f = findings(report())
    level, message, detail, _ = f["cert_available"]
    assert level == Level.OK and NAME in message and "2031-12-02" in message
    assert f"{LIVE}/fullchain.pem" in detail
    assert f["guess_protected"][0] == Level.OK and "sendmail-auth" in f["guess_protected"][1]
    assert "guess_unprotected" not in f
    level, message, detail, _ = f["auth_failures"]
    assert level == Level.OK  # fail2ban bans them
    assert "4 failed login" in message and "203.0.113.4 (3)" in message
    assert "203.0.113.4 (3), 198.51.100.17 (1)" in detail and "2026-12-02 22:11" in detail
    assert not {"cert_expiring", "cert_expired", "certs_expiring"} & set(f)


def test_without_a_jail_an_open_login_is_a_warning_the_modern_profile_fixes() -> None:
    guard = "\n".join(
        ln for ln in internet_sections()["guard"].splitlines() if not ln.startswith("fail2ban ")
    )
    r = report(guard=guard)
    assert r.protection.fail2ban == "absent" and r.protection.jails == ()
    f = findings(r)
    level, _, detail, fixed_by = f["guess_unprotected"]
    assert level == Level.WARNING and fixed_by == ("modern",)
    assert "fail2ban is not installed." in detail and "10 new connections a minute" in detail
    assert f["auth_failures"][0] == Level.WARNING


def test_a_running_fail2ban_without_a_mail_log_jail_does_not_count() -> None:
    guard = (
        internet_sections()["guard"]
        .replace("jail-auth sendmail-auth\n", "")
        .replace(
            "jail sendmail-auth\nfile /var/log/mail.log", "jail custom\nfile /var/log/other.log"
        )
    )
    r = report(guard=guard)
    assert r.protection.fail2ban == "running" and r.protection.jails == ()
    assert "none of its jails watches the mail log" in findings(r)["guess_unprotected"][2]
    # Debian's sendmail-reject watches the mail log, but bans for other reasons than logins
    reject = guard.replace(
        "jail custom\nfile /var/log/other.log", "jail sendmail-reject\nfile /var/log/mail.log"
    )
    assert report(guard=reject).protection.jails == ()
    named = reject.replace("sendmail-reject", "sendmail-auth")  # its filter not read
    assert report(guard=named).protection.jails == ("sendmail-auth",)


def test_the_stock_server_listens_on_loopback_only_so_guessing_is_no_finding() -> None:
    r = build_report("mail-a", stock_sections(), CAPTURED)
    assert r.protection.fail2ban == "absent" and r.protection.failures.count == 0
    assert r.protection.failures.log_path == "/var/log/mail.log"
    assert [c.source for c in r.certificates] == ["sendmail"]
    ids = {f.id for f in r.findings}
    assert not ids & {"guess_unprotected", "guess_protected", "auth_failures", "cert_available"}


def test_a_certificate_kept_by_certbot_warns_21_days_before_it_expires() -> None:
    assert "certs_expiring" not in findings(report(EXPIRES - datetime.timedelta(days=22)))
    f = findings(report(EXPIRES - datetime.timedelta(days=21)))
    level, message, detail, _ = f["certs_expiring"]
    assert level == Level.WARNING and "certbot" in message
    assert f"{NAME}: valid until 2031-12-02." in detail
    assert "cert_available" not in f


def test_the_certificate_in_use_expiring_warns_and_expired_is_a_problem() -> None:
    in_use = f"in-use {LIVE}/fullchain.pem\n{b64(certbot_pem())}\n"
    r = report(EXPIRES - datetime.timedelta(days=5), **{"server-cert": in_use})
    sendmail, certbot = r.certificates
    assert sendmail.in_use and certbot.in_use  # the same certificate, by its fingerprint
    f = findings(r)
    assert f["cert_expiring"][0] == Level.WARNING and "in 5 day(s)" in f["cert_expiring"][1]
    assert "certs_expiring" not in f  # said once, for the one in use
    f = findings(report(EXPIRES + datetime.timedelta(days=1), **{"server-cert": in_use}))
    assert f["cert_expired"][0] == Level.PROBLEM and "2031-12-02" in f["cert_expired"][1]
    f = findings(report(CAPTURED, **{"server-cert": in_use}))
    assert f["cert_in_use"][0] == Level.OK and "cert_available" not in f


def test_a_trusted_certificate_for_another_name_is_said() -> None:
    in_use = f"in-use {LIVE}/fullchain.pem\n{b64(certbot_pem())}\n"
    s = internet_sections()
    d0 = s["sendmail-d0"].replace(f"$j = {NAME}", "$j = relay.example.org")
    f = findings(report(**{"server-cert": in_use, "sendmail-d0": d0}))
    assert f["cert_other_name"][0] == Level.WARNING
    assert "not for relay.example.org" in f["cert_other_name"][1]


def test_other_acme_clients_are_found_and_garbage_lines_dropped() -> None:
    pem = b64(certbot_pem())
    lines = [
        f"acme.sh {b64('/root/.acme.sh/x/x.cer')} {b64('/root/.acme.sh/x/x.key')} {pem}",
        f"lego {b64('/etc/lego/certificates/x.crt')} {b64('/etc/lego/certificates/x.key')} {pem}",
        f"dehydrated {b64('/etc/dehydrated/certs/x/cert.pem')} {b64('k')} {b64('not a pem')}",
        f"evil {b64('/x')} {b64('/y')} {pem}",
        "certbot not-base64 x y",
        f"certbot {b64('/a')} {b64('/b')}",
    ]
    found = certificates("", "\n".join(lines), "", NAME, CAPTURED)
    assert [(c.source, c.path, c.covers) for c in found] == [
        ("acme.sh", "/root/.acme.sh/x/x.cer", True),
        ("lego", "/etc/lego/certificates/x.crt", True),
    ]
    path = b64("/etc/letsencrypt/live/a\nfake line/fullchain.pem")
    (one,) = certificates("", f"certbot {path} {b64('k')} {pem}", "", NAME, CAPTURED)
    assert "\n" not in one.path and "\\x0a" in one.path
    many = "\n".join([f"certbot {b64('/a')} {b64('/b')} {pem}"] * 30)
    assert len(certificates("", many, "", NAME, CAPTURED)) == 20


def test_hostile_log_lines_give_no_addresses_or_counts_that_are_not_real() -> None:
    guard = "\n".join(
        [
            "log /var/log/mail.log",
            "failures 99999999999999999999",
            "first \x1b[2J2026-12-02T10:00:00 forged",
            "source 5 not-an-address",
            "source 4 203.0.113.7; rm -rf /",
            "source x 203.0.113.8",
            "source 3 2001:db8::1",
            "source 2 203.0.113.9",
            "source 1 203.0.113.10",
            "source 1 203.0.113.11",
            "source 1 203.0.113.12",
            "source 1 203.0.113.13",
            "jail bad;name",
            "file /var/log/mail.log",
            "fail2ban running",
        ]
    )
    p = protection(guard, "", None)
    assert p.failures.count == 0  # not a number sendmail could have counted
    assert p.failures.since == ""  # not a date at the start
    assert p.failures.top_sources == (
        ("2001:db8::1", 3),
        ("203.0.113.9", 2),
        ("203.0.113.10", 1),
        ("203.0.113.11", 1),
        ("203.0.113.12", 1),
    )
    assert p.jails == ()


def test_rate_controls_come_from_the_defaults_only() -> None:
    access = "ClientRate:127\t0\nClientRate:\t\t25\n#ClientConn:\t3\nClientConn:\tnope\n"
    mc = McFile.parse("define(`confBAD_RCPT_THROTTLE', `2')dnl\n")
    p = protection("", access, mc)
    assert (p.client_rate, p.client_conn) == ("25", "")
    assert (p.bad_rcpt_throttle, p.connection_rate_throttle) == ("2", "")
    assert p.fail2ban == "absent" and p.failures.log_path == ""


def test_inspect_prints_a_certificates_and_a_protection_block() -> None:
    text = format_report(report())
    certs = text.split("Certificates\n", 1)[1].split("\n\n", 1)[0]
    assert f"  {NAME} (certbot): from Pebble Intermediate CA" in certs
    assert "valid until 2031-12-02 (1826 days left); covers the server's name; not in use" in certs
    assert "  mail.lab.test (sendmail, self-signed): valid until 2036-11-29" in certs
    guard = text.split("Protection\n", 1)[1].split("\n\n", 1)[0]
    assert "fail2ban       running; jails on the mail log: sendmail-auth" in guard
    assert "Failed logins  4 in /var/log/mail.log since 2026-12-02T22:11" in guard
    assert "    203.0.113.4: 3\n    198.51.100.17: 1" in guard


def test_the_scripts_source_extraction_reads_ipv4_and_ipv6_relays() -> None:
    """The sed expression inspect.sh counts sources with, run on sendmail's log lines."""
    script = (Path(wizard.core.remote.scripts.__file__).parent / "inspect.sh").read_text()
    (sed,) = [ln.strip().rstrip("|").strip() for ln in script.splitlines() if "relay=[^[]" in ln]
    assert sed.startswith("sed -n ") and sed.endswith("head -n 5")
    log = "\n".join(
        [
            # as sendmail 8.17 on the lab server logs a wrong PLAIN password
            "2026-12-02T19:07:10.183291+00:00 mail-w1i sm-mta[472]: AUTH failure (PLAIN): "
            "authentication failure (-13) SASL(-13): authentication failure: Password "
            "verification failed, user=alice, relay=guesser.lab.test [203.0.113.4]",
            # an IPv6 client, as sendmail writes its address
            "x sm-mta[1]: AUTH failure (PLAIN): authentication failure (-13), user=alice, "
            "relay=[IPv6:2001:db8::5]",
            "x sm-mta[1]: AUTH failure (LOGIN): y, relay=h [IPv6:2001:db8::5] (may be forged)",
            "x sm-mta[1]: AUTH failure (LOGIN): y, relay=h [not-an-address]",
            "x sm-mta[1]: STARTTLS=server, relay=client.lab.test [198.51.100.17]",
        ]
    )
    out = subprocess.run(
        ["sh", "-c", f"grep 'AUTH failure (' | {sed}"],
        input=log,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert out.split() == ["2", "2001:db8::5", "1", "203.0.113.4"]
