"""``relay-wizard inspect TARGET``: what the server has, with findings."""

from __future__ import annotations

from typing import TYPE_CHECKING, TextIO

from wizard.cli.connect import connect
from wizard.cli.console import Console, print_json
from wizard.core.mta.auto import inspect_any
from wizard.core.mta.report import Level, ServerReport
from wizard.core.untrusted import printable

if TYPE_CHECKING:
    import argparse
    from collections.abc import Sequence

_MARK = {Level.OK: "ok  ", Level.WARNING: "WARN", Level.PROBLEM: "FAIL"}


def certificate_lines(r: ServerReport) -> list[str]:
    """The "Certificates" block: each certificate found, with its names, issuer and expiry."""
    lines = ["Certificates"]
    for c in r.certificates:
        names = ", ".join(c.names) or "no name"
        what = [c.source + (", self-signed" if c.self_signed else "")]
        when = f"expired on {c.expires}" if c.days_left < 0 else f"valid until {c.expires}"
        state = [
            f"from {c.issuer}" if not c.self_signed else "",
            f"{when} ({c.days_left} days left)" if c.days_left >= 0 else when,
            "covers the server's name" if c.covers else "not for the server's name",
            "in use" if c.in_use else "not in use",
        ]
        lines.append(f"  {names} ({', '.join(what)}): {'; '.join(x for x in state if x)}")
        lines.append(f"      {c.path}" + (f" (key {c.key_path})" if c.key_path else ""))
    if not r.certificates:
        lines.append("  none found")
    return lines


def protection_lines(r: ServerReport) -> list[str]:
    """The "Protection" block: what guards the login against password guessing."""
    p, f = r.protection, r.protection.failures
    fail2ban = {"absent": "not installed", "installed": "installed, not running"}.get(
        p.fail2ban, "running"
    )
    if p.fail2ban == "running":
        fail2ban += "; jails on the mail log: " + (", ".join(p.jails) or "none")
    if p.wizard_jail:
        fail2ban += "; Relay Wizard's jail file is there"
    limits = (
        f"ClientRate {p.client_rate or 'unset'}, ClientConn {p.client_conn or 'unset'} "
        f"(access defaults); confBAD_RCPT_THROTTLE {p.bad_rcpt_throttle or 'unset'}, "
        f"confCONNECTION_RATE_THROTTLE {p.connection_rate_throttle or 'unset'}"
    )
    lines = [
        "Protection",
        f"  fail2ban       {fail2ban}",
        f"  Firewall       {p.firewall or 'no nft or iptables'}",
        f"  certbot        {p.certbot or 'not installed'}",
        f"  Rate limits    {limits}",
    ]
    if f.log_path:
        since = f" since {f.since}" if f.since and f.count else ""
        lines.append(f"  Failed logins  {f.count} in {f.log_path}{since}")
        lines += [f"    {address}: {count}" for address, count in f.top_sources]
    else:
        lines.append("  Failed logins  no mail log found")
    return lines


def _mechs(items: Sequence[str]) -> str:
    return " ".join(items) if items else "none"


def _findings(r: ServerReport) -> list[str]:
    lines = ["Findings"]
    for f in r.findings:
        lines.append(f"  [{_MARK[f.level]}] {f.message}")
        if f.detail:
            lines.append(f"        {f.detail}")
        if f.fixed_by:
            lines.append(f"        Fixed by the {' or the '.join(f.fixed_by)} profile.")
    return lines


def postfix_lines(r: ServerReport) -> list[str]:
    """The facts of a Postfix report: the server, its services, who it trusts, SASL."""
    p = r.postfix
    if p is None:
        return []
    eff = {**p.effective, **p.expanded}
    services = [
        f"{lst.name} ({lst.where()}"
        + (", TLS from the first byte" if "s" in lst.modifiers else "")
        + (", login required" if "a" in lst.modifiers else "")
        + (", no login" if lst.auth_off else "")
        + ")"
        for lst in r.listeners
    ]
    if p.sasl_type == "dovecot":
        sasl = f"Dovecot (socket {p.sasl_path}{'' if p.dovecot_socket else ', missing'})"
    else:
        sasl = (
            f"Cyrus, {r.sasl.config_path or 'no smtpd.conf'} (pwcheck_method "
            f"{r.sasl.pwcheck_method or '?'}, mech_list {_mechs(r.sasl.mech_list)}); "
            f"{r.sasl.users} user(s) in {r.sasl.sasldb_path}"
            + (f" (chrooted in {p.queue_directory})" if p.chroot else "")
        )
    return [
        f"Server      {r.host}",
        f"System      {r.os}",
        f"Mail server Postfix {p.version} ({'running' if p.running else 'not running'}); "
        f"settings in {p.config_dir}; SASL types {_mechs(p.sasl_types)}",
        f"Realm       {r.realm} (from {p.realm_source})",
        "Services    " + (", ".join(services) or "no smtpd service"),
        "Listening   "
        + (
            ", ".join(
                f"[{s.address}]:{s.port}" if ":" in s.address else f"{s.address}:{s.port}"
                for s in r.listening
            )
            or "nothing"
        ),
        f"mynetworks  {eff.get('mynetworks', '')}",
        f"Relay rules smtpd_relay_restrictions = {eff.get('smtpd_relay_restrictions', '')}",
        f"            smtpd_recipient_restrictions = {eff.get('smtpd_recipient_restrictions', '')}",
        f"AUTH        {eff.get('smtpd_sasl_auth_enable', 'no')}: advertised "
        f"{_mechs(r.auth.advertised)}; trusted {_mechs(r.auth.trusted)}; only after TLS "
        f"{eff.get('smtpd_tls_auth_only', 'no')}",
        f"SASL        {sasl}",
        f"TLS         {'offered' if r.tls.offered else 'not offered'}"
        + (f"; {r.tls.cert_file}" if r.tls.cert_file else ""),
        "",
        *_findings(r),
    ]


def format_report(r: ServerReport) -> str:
    if r.mta == "postfix":
        # every value is the server's text: shown escaped, line by line
        return "\n".join(printable(line) for line in postfix_lines(r))
    mechs = _mechs
    lines = [
        f"Server      {r.host}",
        f"System      {r.os}",
        f"sendmail    {r.sendmail.version} (SASL {'yes' if r.sendmail.sasl else 'no'}, "
        f"STARTTLS {'yes' if r.sendmail.starttls else 'no'}); rebuild: "
        f"{r.sendmail.rebuild or 'not possible'}; restart: "
        f"{r.sendmail.restart or r.service_manager or 'unknown'}",
        f"Realm       {r.realm}",
        "Listeners   "
        + ", ".join(
            f"{lst.name or '?'} {lst.to_json()['address']}:{lst.port}" for lst in r.listeners
        ),
        "Listening   " + (", ".join(f"{s.address}:{s.port}" for s in r.listening) or "nothing"),
        f"AUTH        advertised {mechs(r.auth.advertised)}; trusted {mechs(r.auth.trusted)}; "
        f"options {mechs(r.auth.options)}",
        f"SASL        {r.sasl.config_path or 'no config'} (pwcheck_method "
        f"{r.sasl.pwcheck_method or '?'}); plugins {mechs(r.sasl.plugins)}; "
        f"{r.sasl.users} user(s)",
        f"TLS         {'offered' if r.tls.offered else 'not offered'}",
        "",
        *certificate_lines(r),
        "",
        *protection_lines(r),
        "",
        *_findings(r),
    ]
    return "\n".join(lines)


def cmd_inspect(args: argparse.Namespace, console: Console, out: TextIO) -> int:
    with connect(args, console) as session:
        report = inspect_any(session, session.target.host)
    if args.json:
        print_json(out, report.to_json())
    else:
        out.write(format_report(report) + "\n")
    return 0
