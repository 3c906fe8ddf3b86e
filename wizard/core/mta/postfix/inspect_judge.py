"""What a Postfix server's inspected facts mean for a safe authenticated relay: the
report's findings, in the words sendmail's (:mod:`wizard.core.mta.sendmail.inspect_judge`)
use where the meaning is the same, with the same ids. Pure.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from wizard.core.mta.postfix.dangers import all_dangers, plaintext_login_dangers
from wizard.core.mta.postfix.listeners import setting, smtpd_services
from wizard.core.mta.report import Finding, Level, ServerReport
from wizard.core.translatable import QT_TRANSLATE_NOOP, joined

if TYPE_CHECKING:
    from wizard.core.mta.report import PostfixInfo

_DANGER_LEVEL = {"refuse": Level.PROBLEM, "warning": Level.WARNING, "note": Level.OK}
BOTH = ("modern", "classic")
MODERN = ("modern",)
CLASSIC = ("classic",)


def sasldb_used(info: PostfixInfo, r: ServerReport) -> bool:
    """smtpd checks logins against a Cyrus sasldb (Cyrus SASL, AUTH on somewhere, and its
    smtpd.conf, if any, reads the sasldb)."""
    if info.sasl_type != "cyrus":
        return False
    auth_on = any(
        setting(info, "smtpd_sasl_auth_enable", s).lower() == "yes" for s in smtpd_services(info)
    )
    method = r.sasl.pwcheck_method or "auxprop"
    plugin = r.sasl.auxprop_plugin or "sasldb"
    return auth_on and method == "auxprop" and plugin == "sasldb"


def _service_findings(r: ServerReport, connected: bool) -> list[Finding]:
    """The listeners: who can connect, port 25, submission, the sockets, the EHLO."""
    out: list[Finding] = []
    reachable = [lst for lst in r.listeners if lst.reachable]
    if r.listeners and not reachable:
        out.append(
            Finding(
                "listeners_loopback",
                Level.WARNING,
                QT_TRANSLATE_NOOP(
                    "Findings",
                    "The mail server only accepts connections from the server itself: staff "
                    "cannot send through it from other machines yet.",
                ),
                QT_TRANSLATE_NOOP(
                    "Findings", "Postfix listens on {where} (inet_interfaces)."
                ).format(where=joined([lst.where() for lst in r.listeners], ", ")),
                BOTH,
            )
        )
    elif reachable:
        out.append(
            Finding(
                "listeners",
                Level.OK,
                QT_TRANSLATE_NOOP(
                    "Findings", "The mail server accepts connections from the network on {where}."
                ).format(where=joined([lst.where() for lst in reachable], ", ")),
                QT_TRANSLATE_NOOP("Findings", "master.cf services: {services}.").format(
                    services=", ".join(dict.fromkeys(lst.name for lst in r.listeners))
                ),
            )
        )
    if not any(lst.port == 25 for lst in r.listeners):
        out.append(
            Finding(
                "no_mta_listener",
                Level.WARNING,
                QT_TRANSLATE_NOOP(
                    "Findings",
                    "The mail server does not receive mail on port 25, where other mail servers "
                    "deliver.",
                ),
                QT_TRANSLATE_NOOP("Findings", "master.cf has no smtp inet service."),
                CLASSIC,
            )
        )
    if not any(lst.port in (587, 465) and not lst.auth_off for lst in reachable):
        out.append(
            Finding(
                "submission_off",
                Level.WARNING,
                QT_TRANSLATE_NOOP(
                    "Findings",
                    "Staff have no separate port for sending mail (587): many home and hotel "
                    "networks block port 25.",
                ),
                QT_TRANSLATE_NOOP(
                    "Findings",
                    "No submission (587) or submissions (465) service with AUTH is enabled in "
                    "master.cf.",
                ),
                MODERN,
            )
        )
    if not r.listening:
        out.append(
            Finding(
                "not_listening",
                Level.PROBLEM,
                QT_TRANSLATE_NOOP(
                    "Findings", "Postfix is not listening on any port right now: is it running?"
                ),
            )
        )
    if not connected:
        out.append(
            Finding(
                "ehlo_failed",
                Level.WARNING,
                QT_TRANSLATE_NOOP(
                    "Findings",
                    "Could not talk to Postfix on 127.0.0.1 port 25 to see what it offers.",
                ),
            )
        )
    return out


def _auth_findings(r: ServerReport, connected: bool) -> list[Finding]:
    out: list[Finding] = []
    adv, trusted = r.auth.advertised, r.auth.trusted
    if adv and not trusted:
        out.append(
            Finding(
                "auth_not_trusted",
                Level.WARNING,
                QT_TRANSLATE_NOOP(
                    "Findings",
                    "Staff can log in, but the server still refuses to pass their mail on: the "
                    "login succeeds and the mail is refused.",
                ),
                QT_TRANSLATE_NOOP(
                    "Findings",
                    "The server offers the login methods {methods}, but permit_sasl_authenticated "
                    "does not come before reject_unauth_destination in its relay rules.",
                ).format(methods=" ".join(adv)),
                BOTH,
            )
        )
    elif adv:
        out.append(
            Finding(
                "auth_trusted",
                Level.OK,
                QT_TRANSLATE_NOOP("Findings", "Staff who log in may send mail through the server."),
                QT_TRANSLATE_NOOP(
                    "Findings", "Login methods offered and trusted for relaying: {methods}."
                ).format(methods=" ".join(adv)),
            )
        )
    elif connected:
        out.append(
            Finding(
                "auth_not_offered",
                Level.WARNING,
                QT_TRANSLATE_NOOP(
                    "Findings",
                    "The server does not ask mail programs to log in, so staff cannot send "
                    "through it from outside.",
                ),
                QT_TRANSLATE_NOOP(
                    "Findings",
                    "Postfix offers no SMTP AUTH on 127.0.0.1 port 25 (smtpd_sasl_auth_enable "
                    "is {value}).",
                ).format(value=setting(r.postfix, "smtpd_sasl_auth_enable") if r.postfix else ""),
                BOTH,
            )
        )
    return out


def _tls_findings(r: ServerReport, connected: bool) -> list[Finding]:
    out: list[Finding] = []
    if not connected:
        pass  # what the server offers is unknown (ehlo_failed says so)
    elif r.tls.offered:
        out.append(
            Finding(
                "tls",
                Level.OK,
                QT_TRANSLATE_NOOP(
                    "Findings",
                    "The server can encrypt connections, so passwords can travel safely.",
                ),
                QT_TRANSLATE_NOOP("Findings", "STARTTLS is offered."),
            )
        )
    elif r.tls.configured:
        out.append(
            Finding(
                "tls_not_offered",
                Level.PROBLEM,
                QT_TRANSLATE_NOOP(
                    "Findings",
                    "A certificate is set up, but the server does not offer encryption. The "
                    "mail log says why.",
                ),
                QT_TRANSLATE_NOOP(
                    "Findings",
                    "smtpd_tls_cert_file is {path}, but STARTTLS is not offered "
                    "(smtpd_tls_security_level is {level}).",
                ).format(
                    path=r.tls.cert_file,
                    level=setting(r.postfix, "smtpd_tls_security_level") if r.postfix else "",
                ),
                MODERN,
            )
        )
    else:
        out.append(
            Finding(
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
        )
    if r.tls.cert_self_signed:
        snakeoil = "snakeoil" in r.tls.cert_file
        out.append(
            Finding(
                "cert_self_signed",
                Level.WARNING,
                QT_TRANSLATE_NOOP(
                    "Findings",
                    "The server's certificate is one it made for itself, which no mail program "
                    "trusts: staff will see a warning, or have to accept it once by hand.",
                ),
                (
                    QT_TRANSLATE_NOOP(
                        "Findings",
                        '{path} is Debian\'s self-signed "snakeoil" certificate for {names}.',
                    )
                    if snakeoil
                    else QT_TRANSLATE_NOOP("Findings", "{path} is self-signed, for {names}.")
                ).format(path=r.tls.cert_file, names=", ".join(r.tls.cert_names) or "?"),
            )
        )
    return out


def _sasl_findings(info: PostfixInfo, r: ServerReport, sasldb_copy: str) -> list[Finding]:
    """SASL: what smtpd can use, Dovecot, the sasldb and smtpd's chroot copy of it."""
    out: list[Finding] = []
    if not info.sasl_types:
        out.append(
            Finding(
                "postfix_sasl",
                Level.PROBLEM,
                QT_TRANSLATE_NOOP(
                    "Findings",
                    "This Postfix cannot ask mail programs to log in, so it cannot relay for "
                    "staff safely. Install a Postfix package built with SASL.",
                ),
                QT_TRANSLATE_NOOP("Findings", "postconf -a lists no SASL server type."),
            )
        )
    else:
        out.append(
            Finding(
                "postfix_sasl",
                Level.OK,
                QT_TRANSLATE_NOOP("Findings", "Postfix can ask mail programs for a login."),
                QT_TRANSLATE_NOOP("Findings", "SASL server types: {types}.").format(
                    types=", ".join(info.sasl_types)
                ),
            )
        )
    if info.sasl_type == "dovecot":
        out.append(
            Finding(
                "dovecot_sasl",
                Level.OK if info.dovecot_socket else Level.WARNING,
                QT_TRANSLATE_NOOP(
                    "Findings",
                    "Logins are checked by Dovecot: staff log in with their Dovecot (mailbox) "
                    "accounts, which Relay Wizard does not create or change.",
                )
                if info.dovecot_socket
                else QT_TRANSLATE_NOOP(
                    "Findings",
                    "Logins are to be checked by Dovecot, but its login socket is missing: "
                    "every login will fail until Dovecot runs.",
                ),
                QT_TRANSLATE_NOOP(
                    "Findings", "smtpd_sasl_type = dovecot, smtpd_sasl_path = {path}."
                ).format(path=info.sasl_path),
            )
        )
        return out
    out.append(
        Finding(
            "realm",
            Level.OK,
            QT_TRANSLATE_NOOP(
                "Findings",
                "The mail server calls itself {realm}; mail accounts are made for that name.",
            ).format(realm=r.realm),
            QT_TRANSLATE_NOOP("Findings", "The SASL realm comes from {source}.").format(
                source=info.realm_source
            ),
        )
    )
    if sasldb_used(info, r) and info.chroot and sasldb_copy in ("missing", "differs"):
        out.append(
            Finding(
                "sasldb_chroot",
                Level.PROBLEM,
                QT_TRANSLATE_NOOP(
                    "Findings",
                    "Logins will fail: Postfix runs locked into its own folder and cannot see "
                    "the mail accounts, because the copy it reads there is missing.",
                )
                if sasldb_copy == "missing"
                else QT_TRANSLATE_NOOP(
                    "Findings",
                    "Some logins will fail: Postfix runs locked into its own folder and reads "
                    "an old copy of the mail accounts there.",
                ),
                (
                    QT_TRANSLATE_NOOP(
                        "Findings",
                        "smtpd runs chrooted in {queue}: it reads {queue}/etc/sasldb2, which is "
                        "missing, not /etc/sasldb2.",
                    )
                    if sasldb_copy == "missing"
                    else QT_TRANSLATE_NOOP(
                        "Findings",
                        "smtpd runs chrooted in {queue}: it reads {queue}/etc/sasldb2, which is "
                        "not the same as /etc/sasldb2.",
                    )
                ).format(queue=info.queue_directory),
            )
        )
    if r.sasl.pwcheck_method == "saslauthd" and not r.sasl.saslauthd_running:
        out.append(
            Finding(
                "sasl_saslauthd",
                Level.WARNING,
                QT_TRANSLATE_NOOP(
                    "Findings",
                    "Logins with PLAIN or LOGIN would fail: their passwords are checked by a "
                    "helper program that is not running.",
                ),
                QT_TRANSLATE_NOOP(
                    "Findings", "SASL's config ({path}) uses saslauthd, which is not running."
                ).format(path=r.sasl.config_path),
                BOTH,
            )
        )
    if r.sasl.users == 0:
        out.append(
            Finding(
                "sasl_users",
                Level.WARNING,
                QT_TRANSLATE_NOOP(
                    "Findings",
                    "There are no mail accounts yet: each member of staff needs one to log in.",
                ),
                QT_TRANSLATE_NOOP("Findings", "No SASL users in {path}.").format(
                    path=r.sasl.sasldb_path
                ),
            )
        )
    else:
        out.append(
            Finding(
                "sasl_users",
                Level.OK,
                QT_TRANSLATE_NOOP("Findings", "{count} mail account(s) exist.").format(
                    count=r.sasl.users
                ),
            )
        )
    mode = r.sasl.sasldb_mode.split()
    if len(mode) == 2 and mode[1][-1:] not in ("0", ""):
        out.append(
            Finding(
                "sasldb_readable",
                Level.PROBLEM,
                QT_TRANSLATE_NOOP(
                    "Findings",
                    "Every user of the server can read the file with the mail passwords. Make "
                    "it readable by root and the mail server only.",
                ),
                QT_TRANSLATE_NOOP("Findings", "{path} has mode {mode}.").format(
                    path=r.sasl.sasldb_path, mode=mode[1]
                ),
            )
        )
    return out


def judge(r: ServerReport, *, connected: bool, sasldb_copy: str = "") -> list[Finding]:
    """The findings of a Postfix report (``sasldb_copy``: "same", "differs" or "missing",
    smtpd's chroot copy of the sasldb against /etc/sasldb2)."""
    info = r.postfix
    if info is None:
        return []
    out = [
        Finding(
            "postfix",
            Level.OK if info.running else Level.PROBLEM,
            QT_TRANSLATE_NOOP("Findings", "Postfix {version} is installed on {os}.").format(
                version=info.version, os=r.os
            )
            if info.running
            else QT_TRANSLATE_NOOP(
                "Findings", "Postfix {version} is installed on {os}, but it is not running."
            ).format(version=info.version, os=r.os),
            QT_TRANSLATE_NOOP(
                "Findings",
                "Its settings are in {dir}/main.cf and master.cf; changes take effect with "
                "postfix reload.",
            ).format(dir=info.config_dir),
        )
    ]
    out += _service_findings(r, connected)
    out += _auth_findings(r, connected)
    dangers = [*all_dangers(info), *plaintext_login_dangers(info, r.auth.advertised)]
    for d in dangers:
        fixed = MODERN if d.id == "plaintext_auth" else ()
        out.append(Finding(d.id, _DANGER_LEVEL[d.level], d.message, d.detail, fixed))
    out += _tls_findings(r, connected)
    out += _sasl_findings(info, r, sasldb_copy)
    return out
