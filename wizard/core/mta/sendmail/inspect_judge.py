"""What the inspected facts mean for a safe authenticated relay: the report's findings.

:func:`judge` turns a :class:`~wizard.core.mta.report.ServerReport`'s facts (and the
dangers of :mod:`~wizard.core.mta.sendmail.dangers`) into :class:`Finding` s;
:func:`layout_findings` says them in the host's own terms (its paths, how to get a sendmail
with SASL there). Pure.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from wizard.core.mta.report import Finding, Level, ServerReport
from wizard.core.mta.sendmail.layout import LABELS, no_sasl_advice

if TYPE_CHECKING:
    from collections.abc import Sequence

    from wizard.core.mta.sendmail.dangers import Danger

_DANGER_LEVEL = {"refuse": Level.PROBLEM, "warning": Level.WARNING, "note": Level.OK}


def layout_findings(r: ServerReport, findings: list[Finding]) -> list[Finding]:
    """``findings`` said for this host's layout, and what the layout itself means.

    The general findings name Debian's paths and packages; here they name the host's own
    (its .mc, the way to get a sendmail with SASL), and one more says how the host keeps
    and restarts sendmail.
    """
    lay = r.layout
    if lay is None:
        return findings
    sm = r.sendmail
    out: list[Finding] = []
    for f in findings:
        if f.id == "sendmail_sasl" and f.level == Level.PROBLEM:
            f = Finding(f.id, f.level, no_sasl_advice(lay.name))
        elif f.id == "mc" and f.level == Level.PROBLEM:
            message = f"There is no {lay.mc_path} to edit."
            if lay.name == "freebsd":
                message = (
                    f"There is no {lay.mc_path} to edit: FreeBSD builds sendmail.cf from "
                    "HOSTNAME.mc. Run make -C /etc/mail once (it copies freebsd.mc to "
                    f"{lay.mc_path.rpartition('/')[2]}), then inspect again."
                )
            f = Finding(f.id, f.level, message)
        out.append(f)
    if lay.name == "unknown":
        out.append(
            Finding(
                "layout",
                Level.WARNING,
                "This system is not laid out like Debian, RHEL or FreeBSD, the layouts Relay "
                f"Wizard knows; it assumes the configuration is {lay.mc_path}.",
            )
        )
    else:
        how = f", rebuilt with {sm.rebuild}" if sm.rebuild else ""
        restart = f"; sendmail is restarted with {sm.restart}" if sm.restart else ""
        message = (
            f"Files are laid out {LABELS[lay.name]}: the configuration is "
            f"{sm.mc_path or lay.mc_path}{how}; the SASL config is "
            f"{r.sasl.config_path or 'missing'}{restart}."
        )
        level = Level.OK
        if lay.name == "freebsd":
            # apply's reload check reads the daemon's sockets from /proc (Linux)
            level = Level.WARNING
            message += (
                " Relay Wizard applies changes on Linux only so far: on FreeBSD its reload "
                "check cannot see sendmail's listeners, so an apply would be rolled back. "
                "Use the plan as a guide and make the change by hand."
            )
        out.append(Finding("layout", level, message))
    return out


def judge(
    r: ServerReport,
    *,
    connected: bool,
    loopback_relays: list[str],
    dangers: Sequence[Danger] = (),
) -> list[Finding]:
    """The findings: what each fact means for a safe authenticated relay."""
    f: list[Finding] = []

    def add(id_: str, level: Level, message: str) -> None:
        f.append(Finding(id_, level, message))

    sm = r.sendmail
    add("sendmail", Level.OK, f"sendmail {sm.version} is installed on {r.os}.")
    if sm.sasl:
        add("sendmail_sasl", Level.OK, "sendmail was built with SASL, so it can ask for a login.")
    else:
        add(
            "sendmail_sasl",
            Level.PROBLEM,
            "This sendmail was built without SASL support: it cannot ask clients to log in. "
            "Install a sendmail package built with SASLv2.",
        )
    if not sm.starttls:
        add(
            "sendmail_tls",
            Level.WARNING,
            "This sendmail was built without STARTTLS: passwords could only travel unencrypted.",
        )
    if not sm.rebuild:
        add(
            "rebuild",
            Level.PROBLEM,
            "The sendmail m4 macros (sendmail-cf) are missing, so sendmail.cf cannot be rebuilt "
            "from sendmail.mc. Install the sendmail-cf package.",
        )
    if not sm.mc_path:
        add("mc", Level.PROBLEM, "There is no /etc/mail/sendmail.mc to edit.")

    add(
        "realm",
        Level.OK,
        f"sendmail calls itself {r.realm}; mail accounts (SASL users) must live in that realm.",
    )
    foreign = [u for u in r.sasl.user_names if u.rpartition("@")[2] != r.realm]
    if foreign:
        add(
            "sasl_realm_mismatch",
            Level.WARNING,
            f"{len(foreign)} mail account(s) are in another realm than {r.realm} "
            f"({', '.join(foreign[:3])}): they cannot log in. Create them again in {r.realm}.",
        )

    mta = [lst for lst in r.listeners if lst.port == 25]
    reachable = [lst for lst in r.listeners if not lst.loopback_only]
    if not reachable:
        where = ", ".join(f"{lst.address or 'all'} port {lst.port}" for lst in r.listeners)
        add(
            "listeners_loopback",
            Level.WARNING,
            f"The mail server only accepts connections from the server itself ({where}): "
            "staff cannot send through it from other machines yet.",
        )
    else:
        where = ", ".join(f"port {lst.port}" for lst in reachable)
        add(
            "listeners",
            Level.OK,
            f"The mail server accepts connections from the network on {where}.",
        )
    if not mta:
        add("no_mta_listener", Level.WARNING, "No listener is configured on port 25.")
    if not r.listening:
        add(
            "not_listening",
            Level.PROBLEM,
            "sendmail is not listening on any port right now: is it running?",
        )
    if not connected:
        add(
            "ehlo_failed",
            Level.WARNING,
            "Could not talk to sendmail on 127.0.0.1 port 25 to see what it offers.",
        )

    adv, trusted = r.auth.advertised, r.auth.trusted
    if adv and not trusted:
        add(
            "auth_not_trusted",
            Level.WARNING,
            f"The server offers login ({' '.join(adv)}) but does not let logged-in users relay: "
            "TRUST_AUTH_MECH is missing, so a login succeeds and the mail is still refused.",
        )
    elif adv and not set(adv) <= set(trusted):
        missing = sorted(set(adv) - set(trusted))
        add(
            "auth_partly_trusted",
            Level.WARNING,
            f"The server offers {' '.join(missing)} for login but does not trust it for relaying "
            "(TRUST_AUTH_MECH): users who log in that way cannot send.",
        )
    elif adv:
        add("auth_trusted", Level.OK, f"Logged-in users may relay (mechanisms {' '.join(adv)}).")
    elif connected:
        add("auth_not_offered", Level.WARNING, "The server does not offer SMTP AUTH at all.")
    weak = [m for m in adv if m in ("PLAIN", "LOGIN")]
    if weak and "p" not in r.auth.options:
        add(
            "plaintext_without_p",
            Level.WARNING,
            f"{' and '.join(weak)} may be used without encryption (AuthOptions lacks 'p'): "
            "passwords could cross the network in clear.",
        )

    if r.tls.offered:
        add("tls", Level.OK, "STARTTLS is offered: passwords can travel encrypted.")
    elif r.tls.configured:
        add(
            "tls_not_offered",
            Level.PROBLEM,
            "A certificate is configured but STARTTLS is not offered: sendmail probably refuses "
            "the key file (permissions) or cannot read the certificate. Check the mail log.",
        )
    else:
        add(
            "tls_off",
            Level.WARNING,
            "STARTTLS is off: logins and mail would cross the network unencrypted.",
        )

    if r.sasl.pwcheck_method == "saslauthd" and not r.sasl.saslauthd_running:
        add(
            "sasl_saslauthd",
            Level.WARNING,
            f"SASL checks PLAIN and LOGIN passwords with saslauthd ({r.sasl.config_path}), which "
            "is not running; CRAM-MD5 and DIGEST-MD5 use the sasldb instead.",
        )
    if r.sasl.users == 0:
        add("sasl_users", Level.WARNING, "There are no mail accounts (SASL users) yet.")
    else:
        add("sasl_users", Level.OK, f"{r.sasl.users} mail account(s) exist.")
    mode = r.sasl.sasldb_mode.split()
    if len(mode) == 2 and mode[1][-1:] not in ("0", ""):
        add(
            "sasldb_readable",
            Level.PROBLEM,
            f"/etc/sasldb2 is readable by everyone (mode {mode[1]}); it holds passwords in a "
            "recoverable form. Make it root:sasl 0640 or tighter.",
        )

    # what lets mail through without a login, or is not a relay server (wizard.core.mta.sendmail.dangers)
    for danger in dangers:
        add(danger.id, _DANGER_LEVEL[danger.level], danger.message)
    if loopback_relays:
        add(
            "loopback_relay",
            Level.OK,
            "Programs on the server itself may relay (Debian's default); that is why relaying "
            "must be tested from another machine.",
        )

    if r.service_manager:
        how = "systemctl" if r.service_manager == "systemd" else "its init script"
        add("service", Level.OK, f"sendmail is restarted with {how}.")
    else:
        add(
            "service",
            Level.WARNING,
            "Neither systemd nor /etc/init.d/sendmail was found; restarting sendmail may fail.",
        )
    return f
