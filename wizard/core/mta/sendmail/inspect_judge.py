"""What the inspected facts mean for a safe authenticated relay: the report's findings.

:func:`judge` turns a :class:`~wizard.core.mta.report.ServerReport`'s facts (and the
dangers of :mod:`~wizard.core.mta.sendmail.dangers`) into :class:`Finding` s;
:func:`layout_findings` says them in the host's own terms (its paths, how to get a sendmail
with SASL there). Pure.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from wizard.core.mta.report import Finding, Level, ServerReport
from wizard.core.mta.sendmail.layout import no_sasl_advice
from wizard.core.translatable import QT_TRANSLATE_NOOP, Translatable, both, either, joined

if TYPE_CHECKING:
    from collections.abc import Sequence

    from wizard.core.mta.sendmail.dangers import Danger

_DANGER_LEVEL = {"refuse": Level.PROBLEM, "warning": Level.WARNING, "note": Level.OK}
# the profiles whose change makes a finding go away (Finding.fixed_by)
BOTH = ("modern", "classic")
MODERN = ("modern",)
CLASSIC = ("classic",)


def _layout_message(name: str) -> Translatable:
    """What the host's layout means, as one sentence."""
    if name == "debian":
        return QT_TRANSLATE_NOOP(
            "Findings", "sendmail's files are laid out the Debian way, which Relay Wizard knows."
        )
    if name == "rhel":
        return QT_TRANSLATE_NOOP(
            "Findings",
            "sendmail's files are laid out the Red Hat way (RHEL, Fedora and relatives), which "
            "Relay Wizard knows.",
        )
    return QT_TRANSLATE_NOOP(
        "Findings",
        "sendmail's files are laid out the FreeBSD way, which Relay Wizard knows. Relay Wizard "
        "applies changes on Linux only so far: on FreeBSD its reload check cannot see "
        "sendmail's listeners, so an apply would be rolled back. Use the plan as a guide and "
        "make the change by hand.",
    )


def _layout_detail(mc: str, rebuild: str, sasl: str, restart: str) -> Translatable:
    """Where the configuration is, how it is rebuilt and how sendmail restarts."""
    sasl_text = sasl or QT_TRANSLATE_NOOP("Findings", "missing")
    if rebuild and restart:
        text = QT_TRANSLATE_NOOP(
            "Findings",
            "The configuration is {mc}, rebuilt with {rebuild}; the SASL config is {sasl}; "
            "sendmail is restarted with {restart}.",
        )
    elif rebuild:
        text = QT_TRANSLATE_NOOP(
            "Findings",
            "The configuration is {mc}, rebuilt with {rebuild}; the SASL config is {sasl}.",
        )
    elif restart:
        text = QT_TRANSLATE_NOOP(
            "Findings",
            "The configuration is {mc}; the SASL config is {sasl}; sendmail is restarted with "
            "{restart}.",
        )
    else:
        text = QT_TRANSLATE_NOOP(
            "Findings", "The configuration is {mc}; the SASL config is {sasl}."
        )
    return text.format(mc=mc, rebuild=rebuild, sasl=sasl_text, restart=restart)


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
            message = QT_TRANSLATE_NOOP("Findings", "There is no {path} to edit.")
            if lay.name == "freebsd":
                message = QT_TRANSLATE_NOOP(
                    "Findings",
                    "There is no {path} to edit: FreeBSD builds sendmail.cf from HOSTNAME.mc. "
                    "Run make -C /etc/mail once (it copies freebsd.mc to {name}), then inspect "
                    "again.",
                ).format(name=lay.mc_path.rpartition("/")[2])
            message = message.format(path=lay.mc_path)
            f = Finding(f.id, f.level, message, f.detail)
        out.append(f)
    if lay.name == "unknown":
        out.append(
            Finding(
                "layout",
                Level.WARNING,
                QT_TRANSLATE_NOOP(
                    "Findings",
                    "This system is not laid out like Debian, RHEL or FreeBSD, the layouts Relay "
                    "Wizard knows, so it may look for sendmail's files in the wrong place.",
                ),
                QT_TRANSLATE_NOOP(
                    "Findings", "Relay Wizard assumes the configuration is {path}."
                ).format(path=lay.mc_path),
            )
        )
    else:
        message = _layout_message(lay.name)
        detail = _layout_detail(
            sm.mc_path or lay.mc_path, sm.rebuild, r.sasl.config_path, sm.restart
        )
        # apply's reload check reads the daemon's sockets from /proc (Linux)
        level = Level.WARNING if lay.name == "freebsd" else Level.OK
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
    add(
        "sendmail",
        Level.OK,
        QT_TRANSLATE_NOOP("Findings", "sendmail {version} is installed on {os}.").format(
            version=sm.version, os=r.os
        ),
    )
    if sm.sasl:
        add(
            "sendmail_sasl",
            Level.OK,
            QT_TRANSLATE_NOOP("Findings", "sendmail can ask mail programs for a login."),
            QT_TRANSLATE_NOOP("Findings", "It was built with SASL support."),
        )
    else:
        add(
            "sendmail_sasl",
            Level.PROBLEM,
            QT_TRANSLATE_NOOP(
                "Findings",
                "This sendmail cannot ask mail programs to log in, so it cannot relay for staff "
                "safely. Install a sendmail package that can.",
            ),
            QT_TRANSLATE_NOOP(
                "Findings",
                "It was built without SASL support: install a sendmail package built with SASLv2.",
            ),
        )
    if not sm.starttls:
        add(
            "sendmail_tls",
            Level.WARNING,
            QT_TRANSLATE_NOOP(
                "Findings",
                "This sendmail cannot encrypt connections: passwords could only travel "
                "unencrypted.",
            ),
            QT_TRANSLATE_NOOP("Findings", "It was built without STARTTLS."),
        )
    if not sm.rebuild:
        add(
            "rebuild",
            Level.PROBLEM,
            QT_TRANSLATE_NOOP(
                "Findings",
                "sendmail's configuration cannot be rebuilt on this server because a package is "
                "missing. Install the sendmail-cf package.",
            ),
            QT_TRANSLATE_NOOP(
                "Findings",
                "The sendmail m4 macros (sendmail-cf) are missing, so sendmail.cf cannot be "
                "rebuilt from sendmail.mc.",
            ),
        )
    if not sm.mc_path:
        add(
            "mc",
            Level.PROBLEM,
            QT_TRANSLATE_NOOP("Findings", "There is no {path} to edit.").format(
                path="/etc/mail/sendmail.mc"
            ),
        )

    add(
        "realm",
        Level.OK,
        QT_TRANSLATE_NOOP(
            "Findings",
            "The mail server calls itself {realm}; mail accounts are made for that name.",
        ).format(realm=r.realm),
        QT_TRANSLATE_NOOP(
            "Findings",
            "sendmail's own name ($j) is the SASL realm: accounts (SASL users) must live in it.",
        ),
    )
    foreign = [u for u in r.sasl.user_names if u.rpartition("@")[2] != r.realm]
    if foreign:
        add(
            "sasl_realm_mismatch",
            Level.WARNING,
            QT_TRANSLATE_NOOP(
                "Findings",
                "{count} mail account(s) cannot log in because they were made for another name "
                "than {realm} ({names}). Create them again for {realm}.",
            ).format(count=len(foreign), realm=r.realm, names=", ".join(foreign[:3])),
            QT_TRANSLATE_NOOP(
                "Findings", "Their SASL realm is not sendmail's own name ($j), {realm}."
            ).format(realm=r.realm),
        )

    mta = [lst for lst in r.listeners if lst.port == 25]
    reachable = [lst for lst in r.listeners if not lst.loopback_only]
    if not reachable:
        where = joined(
            [
                QT_TRANSLATE_NOOP("Findings", "{address} port {port}").format(
                    address=lst.address or QT_TRANSLATE_NOOP("Findings", "all"), port=lst.port
                )
                for lst in r.listeners
            ],
            ", ",
        )
        add(
            "listeners_loopback",
            Level.WARNING,
            QT_TRANSLATE_NOOP(
                "Findings",
                "The mail server only accepts connections from the server itself: staff cannot "
                "send through it from other machines yet.",
            ),
            QT_TRANSLATE_NOOP("Findings", "sendmail listens on {where} (loopback only).").format(
                where=where
            ),
            BOTH,
        )
    else:
        add(
            "listeners",
            Level.OK,
            QT_TRANSLATE_NOOP(
                "Findings", "The mail server accepts connections from the network on {where}."
            ).format(
                where=joined(
                    [
                        QT_TRANSLATE_NOOP("Findings", "port {port}").format(port=lst.port)
                        for lst in reachable
                    ],
                    ", ",
                )
            ),
        )
    if not mta:
        add(
            "no_mta_listener",
            Level.WARNING,
            QT_TRANSLATE_NOOP(
                "Findings",
                "The mail server does not receive mail on port 25, where other mail servers "
                "deliver.",
            ),
            QT_TRANSLATE_NOOP(
                "Findings", "No DAEMON_OPTIONS line in sendmail.mc listens on port 25."
            ),
            CLASSIC,
        )
    if not r.listening:
        add(
            "not_listening",
            Level.PROBLEM,
            QT_TRANSLATE_NOOP(
                "Findings", "sendmail is not listening on any port right now: is it running?"
            ),
        )
    if not connected:
        add(
            "ehlo_failed",
            Level.WARNING,
            QT_TRANSLATE_NOOP(
                "Findings",
                "Could not talk to sendmail on 127.0.0.1 port 25 to see what it offers.",
            ),
        )

    adv, trusted = r.auth.advertised, r.auth.trusted
    if not adv and connected and "p" in r.auth.options and (r.tls.offered or r.tls.configured):
        # AuthOptions p: the plain EHLO shows no AUTH; after STARTTLS it offers what is
        # configured (field notes 11), so judge that instead of "no AUTH at all"
        adv = list(r.auth.configured_mechanisms) or list(trusted)
    if adv and not trusted:
        add(
            "auth_not_trusted",
            Level.WARNING,
            QT_TRANSLATE_NOOP(
                "Findings",
                "Staff can log in, but the server still refuses to pass their mail on: the "
                "login succeeds and the mail is refused.",
            ),
            QT_TRANSLATE_NOOP(
                "Findings",
                "The server offers the login methods {methods}, but TRUST_AUTH_MECH is missing "
                "from sendmail.mc, so none of them allows relaying.",
            ).format(methods=" ".join(adv)),
            BOTH,
        )
    elif adv and not set(adv) <= set(trusted):
        missing = sorted(set(adv) - set(trusted))
        add(
            "auth_partly_trusted",
            Level.WARNING,
            QT_TRANSLATE_NOOP(
                "Findings",
                "Staff who log in with {methods} cannot send mail through the server, although "
                "the server offers that login method.",
            ).format(methods=either(missing)),
            QT_TRANSLATE_NOOP(
                "Findings", "TRUST_AUTH_MECH in sendmail.mc does not list {methods}."
            ).format(methods=" ".join(missing)),
            BOTH,
        )
    elif adv:
        add(
            "auth_trusted",
            Level.OK,
            QT_TRANSLATE_NOOP("Findings", "Staff who log in may send mail through the server."),
            QT_TRANSLATE_NOOP(
                "Findings", "Login methods offered and trusted for relaying: {methods}."
            ).format(methods=" ".join(adv)),
        )
    elif connected:
        add(
            "auth_not_offered",
            Level.WARNING,
            QT_TRANSLATE_NOOP(
                "Findings",
                "The server does not ask mail programs to log in, so staff cannot send through "
                "it from outside.",
            ),
            QT_TRANSLATE_NOOP("Findings", "sendmail offers no SMTP AUTH on 127.0.0.1 port 25."),
            BOTH,
        )
    weak = [m for m in adv if m in ("PLAIN", "LOGIN")]
    if weak and "p" not in r.auth.options:
        add(
            "plaintext_without_p",
            Level.WARNING,
            QT_TRANSLATE_NOOP(
                "Findings",
                "Passwords could cross the network unencrypted, readable by anyone on the way.",
            ),
            QT_TRANSLATE_NOOP(
                "Findings", "{methods} may be used without encryption: AuthOptions lacks 'p'."
            ).format(methods=both(weak)),
            MODERN,
        )

    if r.tls.offered:
        add(
            "tls",
            Level.OK,
            QT_TRANSLATE_NOOP(
                "Findings", "The server can encrypt connections, so passwords can travel safely."
            ),
            QT_TRANSLATE_NOOP("Findings", "STARTTLS is offered."),
        )
    elif r.tls.configured:
        add(
            "tls_not_offered",
            Level.PROBLEM,
            QT_TRANSLATE_NOOP(
                "Findings",
                "A certificate is set up, but the server does not offer encryption: sendmail "
                "probably cannot use the key or the certificate. The mail log says why.",
            ),
            QT_TRANSLATE_NOOP(
                "Findings",
                "STARTTLS is not offered: sendmail refuses a key file other users can read, or "
                "cannot read the certificate.",
            ),
        )
    else:
        add(
            "tls_off",
            Level.WARNING,
            QT_TRANSLATE_NOOP(
                "Findings",
                "The server does not encrypt connections: logins and mail would cross the "
                "network unencrypted.",
            ),
            QT_TRANSLATE_NOOP("Findings", "STARTTLS is off."),
            MODERN,
        )

    if r.sasl.pwcheck_method == "saslauthd" and not r.sasl.saslauthd_running:
        add(
            "sasl_saslauthd",
            Level.WARNING,
            QT_TRANSLATE_NOOP(
                "Findings",
                "Logins with PLAIN or LOGIN would fail: their passwords are checked by a helper "
                "program that is not running.",
            ),
            QT_TRANSLATE_NOOP(
                "Findings",
                "SASL's config ({path}) checks PLAIN and LOGIN passwords with saslauthd, which "
                "is not running; CRAM-MD5 and DIGEST-MD5 use the sasldb instead.",
            ).format(path=r.sasl.config_path),
            BOTH,
        )
    if r.sasl.users == 0:
        add(
            "sasl_users",
            Level.WARNING,
            QT_TRANSLATE_NOOP(
                "Findings",
                "There are no mail accounts yet: each member of staff needs one to log in.",
            ),
            QT_TRANSLATE_NOOP("Findings", "No SASL users in the sasldb."),
        )
    else:
        add(
            "sasl_users",
            Level.OK,
            QT_TRANSLATE_NOOP("Findings", "{count} mail account(s) exist.").format(
                count=r.sasl.users
            ),
        )
    mode = r.sasl.sasldb_mode.split()
    if len(mode) == 2 and mode[1][-1:] not in ("0", ""):
        add(
            "sasldb_readable",
            Level.PROBLEM,
            QT_TRANSLATE_NOOP(
                "Findings",
                "Every user of the server can read the file with the mail passwords. Make it "
                "readable by root and the sasl group only.",
            ),
            QT_TRANSLATE_NOOP(
                "Findings",
                "/etc/sasldb2 has mode {mode}; it holds passwords in a recoverable form. Make it "
                "root:sasl 0640 or tighter.",
            ).format(mode=mode[1]),
        )

    # what lets mail through without a login, or is not a relay server (wizard.core.mta.sendmail.dangers)
    for danger in dangers:
        add(danger.id, _DANGER_LEVEL[danger.level], danger.message)
    if loopback_relays:
        add(
            "loopback_relay",
            Level.OK,
            QT_TRANSLATE_NOOP(
                "Findings",
                "Programs on the server itself may relay (Debian's default); that is why "
                "relaying must be tested from another machine.",
            ),
        )

    if r.service_manager == "systemd":
        add(
            "service",
            Level.OK,
            QT_TRANSLATE_NOOP("Findings", "sendmail is restarted with systemctl."),
        )
    elif r.service_manager:
        add(
            "service",
            Level.OK,
            QT_TRANSLATE_NOOP("Findings", "sendmail is restarted with its init script."),
        )
    else:
        add(
            "service",
            Level.WARNING,
            QT_TRANSLATE_NOOP(
                "Findings",
                "Neither systemd nor /etc/init.d/sendmail was found; restarting sendmail may fail.",
            ),
        )
    return f
