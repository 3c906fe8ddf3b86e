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
# the profiles whose change makes a finding go away (Finding.fixed_by)
BOTH = ("modern", "classic")
MODERN = ("modern",)
CLASSIC = ("classic",)


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
            f = Finding(f.id, f.level, message, f.detail)
        out.append(f)
    if lay.name == "unknown":
        out.append(
            Finding(
                "layout",
                Level.WARNING,
                "This system is not laid out like Debian, RHEL or FreeBSD, the layouts Relay "
                "Wizard knows, so it may look for sendmail's files in the wrong place.",
                f"Relay Wizard assumes the configuration is {lay.mc_path}.",
            )
        )
    else:
        how = f", rebuilt with {sm.rebuild}" if sm.rebuild else ""
        restart = f"; sendmail is restarted with {sm.restart}" if sm.restart else ""
        message = f"sendmail's files are laid out {LABELS[lay.name]}, which Relay Wizard knows."
        detail = (
            f"The configuration is {sm.mc_path or lay.mc_path}{how}; the SASL config is "
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
        out.append(Finding("layout", level, message, detail))
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

    def add(
        id_: str, level: Level, message: str, detail: str = "", fixed_by: tuple[str, ...] = ()
    ) -> None:
        f.append(Finding(id_, level, message, detail, fixed_by))

    sm = r.sendmail
    add("sendmail", Level.OK, f"sendmail {sm.version} is installed on {r.os}.")
    if sm.sasl:
        add(
            "sendmail_sasl",
            Level.OK,
            "sendmail can ask mail programs for a login.",
            "It was built with SASL support.",
        )
    else:
        add(
            "sendmail_sasl",
            Level.PROBLEM,
            "This sendmail cannot ask mail programs to log in, so it cannot relay for staff "
            "safely. Install a sendmail package that can.",
            "It was built without SASL support: install a sendmail package built with SASLv2.",
        )
    if not sm.starttls:
        add(
            "sendmail_tls",
            Level.WARNING,
            "This sendmail cannot encrypt connections: passwords could only travel unencrypted.",
            "It was built without STARTTLS.",
        )
    if not sm.rebuild:
        add(
            "rebuild",
            Level.PROBLEM,
            "sendmail's configuration cannot be rebuilt on this server because a package is "
            "missing. Install the sendmail-cf package.",
            "The sendmail m4 macros (sendmail-cf) are missing, so sendmail.cf cannot be rebuilt "
            "from sendmail.mc.",
        )
    if not sm.mc_path:
        add("mc", Level.PROBLEM, "There is no /etc/mail/sendmail.mc to edit.")

    add(
        "realm",
        Level.OK,
        f"The mail server calls itself {r.realm}; mail accounts are made for that name.",
        "sendmail's own name ($j) is the SASL realm: accounts (SASL users) must live in it.",
    )
    foreign = [u for u in r.sasl.user_names if u.rpartition("@")[2] != r.realm]
    if foreign:
        add(
            "sasl_realm_mismatch",
            Level.WARNING,
            f"{len(foreign)} mail account(s) cannot log in because they were made for another "
            f"name than {r.realm} ({', '.join(foreign[:3])}). Create them again for {r.realm}.",
            f"Their SASL realm is not sendmail's own name ($j), {r.realm}.",
        )

    mta = [lst for lst in r.listeners if lst.port == 25]
    reachable = [lst for lst in r.listeners if not lst.loopback_only]
    if not reachable:
        where = ", ".join(f"{lst.address or 'all'} port {lst.port}" for lst in r.listeners)
        add(
            "listeners_loopback",
            Level.WARNING,
            "The mail server only accepts connections from the server itself: staff cannot "
            "send through it from other machines yet.",
            f"sendmail listens on {where} (loopback only).",
            BOTH,
        )
    else:
        where = ", ".join(f"port {lst.port}" for lst in reachable)
        add(
            "listeners",
            Level.OK,
            f"The mail server accepts connections from the network on {where}.",
        )
    if not mta:
        add(
            "no_mta_listener",
            Level.WARNING,
            "The mail server does not receive mail on port 25, where other mail servers deliver.",
            "No DAEMON_OPTIONS line in sendmail.mc listens on port 25.",
            CLASSIC,
        )
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
            "Staff can log in, but the server still refuses to pass their mail on: the login "
            "succeeds and the mail is refused.",
            f"The server offers the login methods {' '.join(adv)}, but TRUST_AUTH_MECH is "
            "missing from sendmail.mc, so none of them allows relaying.",
            BOTH,
        )
    elif adv and not set(adv) <= set(trusted):
        missing = sorted(set(adv) - set(trusted))
        add(
            "auth_partly_trusted",
            Level.WARNING,
            f"Staff who log in with {' or '.join(missing)} cannot send mail through the server, "
            "although the server offers that login method.",
            f"TRUST_AUTH_MECH in sendmail.mc does not list {' '.join(missing)}.",
            BOTH,
        )
    elif adv:
        add(
            "auth_trusted",
            Level.OK,
            "Staff who log in may send mail through the server.",
            f"Login methods offered and trusted for relaying: {' '.join(adv)}.",
        )
    elif connected:
        add(
            "auth_not_offered",
            Level.WARNING,
            "The server does not ask mail programs to log in, so staff cannot send through it "
            "from outside.",
            "sendmail offers no SMTP AUTH on 127.0.0.1 port 25.",
            BOTH,
        )
    weak = [m for m in adv if m in ("PLAIN", "LOGIN")]
    if weak and "p" not in r.auth.options:
        add(
            "plaintext_without_p",
            Level.WARNING,
            "Passwords could cross the network unencrypted, readable by anyone on the way.",
            f"{' and '.join(weak)} may be used without encryption: AuthOptions lacks 'p'.",
            MODERN,
        )

    if r.tls.offered:
        add(
            "tls",
            Level.OK,
            "The server can encrypt connections, so passwords can travel safely.",
            "STARTTLS is offered.",
        )
    elif r.tls.configured:
        add(
            "tls_not_offered",
            Level.PROBLEM,
            "A certificate is set up, but the server does not offer encryption: sendmail "
            "probably cannot use the key or the certificate. The mail log says why.",
            "STARTTLS is not offered: sendmail refuses a key file other users can read, or "
            "cannot read the certificate.",
        )
    else:
        add(
            "tls_off",
            Level.WARNING,
            "The server does not encrypt connections: logins and mail would cross the network "
            "unencrypted.",
            "STARTTLS is off.",
            MODERN,
        )

    if r.sasl.pwcheck_method == "saslauthd" and not r.sasl.saslauthd_running:
        add(
            "sasl_saslauthd",
            Level.WARNING,
            "Logins with PLAIN or LOGIN would fail: their passwords are checked by a helper "
            "program that is not running.",
            f"SASL's config ({r.sasl.config_path}) checks PLAIN and LOGIN passwords with "
            "saslauthd, which is not running; CRAM-MD5 and DIGEST-MD5 use the sasldb instead.",
            BOTH,
        )
    if r.sasl.users == 0:
        add(
            "sasl_users",
            Level.WARNING,
            "There are no mail accounts yet: each member of staff needs one to log in.",
            "No SASL users in the sasldb.",
        )
    else:
        add("sasl_users", Level.OK, f"{r.sasl.users} mail account(s) exist.")
    mode = r.sasl.sasldb_mode.split()
    if len(mode) == 2 and mode[1][-1:] not in ("0", ""):
        add(
            "sasldb_readable",
            Level.PROBLEM,
            "Every user of the server can read the file with the mail passwords. Make it "
            "readable by root and the sasl group only.",
            f"/etc/sasldb2 has mode {mode[1]}; it holds passwords in a recoverable form. Make "
            "it root:sasl 0640 or tighter.",
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
