"""Which mail server the wizard found, in the words the pages use (context ``Server``): its
name and version, the sentence the Server check opens with, and where the realm of new
mail accounts comes from. Each sentence is one whole literal per case. No Qt."""

from __future__ import annotations

from typing import TYPE_CHECKING

from wizard.core.translatable import QT_TRANSLATE_NOOP

if TYPE_CHECKING:
    from wizard.core.mta.report import ServerReport


def is_postfix(report: ServerReport | None) -> bool:
    """Whether the server runs Postfix (False while nothing was read yet)."""
    return report is not None and report.mta == "postfix"


def mta_name(report: ServerReport | None) -> str:
    """The mail server's name as the pages write it ("" while nothing was read yet)."""
    if report is None:
        return ""
    return "Postfix" if is_postfix(report) else "sendmail"


def mta_version(report: ServerReport) -> str:
    """The version of the mail server found ("" when it did not say)."""
    if report.postfix is not None:
        return report.postfix.version
    return report.sendmail.version


def found_sentence(report: ServerReport) -> str:
    """What runs on the server and what Relay Wizard will set up, in one sentence."""
    version, system = mta_version(report), report.os
    if is_postfix(report) and version:
        text = QT_TRANSLATE_NOOP(
            "Server",
            "This server runs Postfix {version} on {system}: Relay Wizard sets up Postfix.",
        )
    elif is_postfix(report):
        text = QT_TRANSLATE_NOOP(
            "Server", "This server runs Postfix on {system}: Relay Wizard sets up Postfix."
        )
    elif version:
        text = QT_TRANSLATE_NOOP(
            "Server",
            "This server runs sendmail {version} on {system}: Relay Wizard sets up sendmail.",
        )
    else:
        text = QT_TRANSLATE_NOOP(
            "Server", "This server runs sendmail on {system}: Relay Wizard sets up sendmail."
        )
    return text.format(version=version, system=system)


def dovecot_accounts(report: ServerReport | None) -> bool:
    """Whether Postfix checks logins with Dovecot: the accounts are Dovecot's, and Relay
    Wizard makes, changes and removes none (the Users page offers no such buttons)."""
    info = report.postfix if report is not None else None
    return info is not None and info.sasl_type == "dovecot"


def realm_note(report: ServerReport | None) -> tuple[str, str]:
    """Where the realm of new mail accounts comes from: a plain sentence, and its detail
    (the setting it was read from) for a tooltip. ("", "") while nothing is known."""
    if report is None:
        return "", ""
    info, realm = report.postfix, report.realm
    if dovecot_accounts(report):
        return (
            QT_TRANSLATE_NOOP(
                "Server",
                "Postfix checks logins with Dovecot: staff log in with their Dovecot accounts, "
                "which are made in Dovecot, not here.",
            ),
            QT_TRANSLATE_NOOP("Server", "Postfix's setting smtpd_sasl_type is dovecot."),
        )
    if info is not None and info.realm_source == "smtpd_sasl_local_domain":
        return (
            QT_TRANSLATE_NOOP(
                "Server",
                "New accounts are made in the realm {realm}: the login domain set in "
                "Postfix's configuration.",
            ).format(realm=realm),
            QT_TRANSLATE_NOOP(
                "Server", "Postfix's setting smtpd_sasl_local_domain is {realm}."
            ).format(realm=realm),
        )
    if info is not None and realm:
        return (
            QT_TRANSLATE_NOOP(
                "Server",
                "New accounts are made in the realm {realm}: the server's name as Postfix "
                "knows it. Staff log in with the account name alone or followed by @{realm}.",
            ).format(realm=realm),
            QT_TRANSLATE_NOOP(
                "Server",
                "Postfix's setting myhostname is {realm}; smtpd_sasl_local_domain is not set.",
            ).format(realm=realm),
        )
    if info is not None or not realm:
        return "", ""
    return (
        QT_TRANSLATE_NOOP(
            "Server",
            "New accounts are made in the realm {realm}: the server's name as sendmail knows it.",
        ).format(realm=realm),
        "",
    )


LOOPBACK = {"loopback-only", "localhost", "127.0.0.1", "[::1]", "::1"}


def receives_from_network(report: ServerReport | None) -> bool:
    """Whether Postfix already accepts mail from the network on port 25 (its ``smtp``
    service on interfaces beyond the loopback): then the Settings page's "also accept
    mail from the network on port 25" has nothing to add. Always False for sendmail,
    whose Debian default listens on the loopback only."""
    info = report.postfix if report is not None else None
    if info is None:
        return False
    smtp = any(s.name in ("smtp", "25") and s.kind == "inet" for s in info.services)
    where = info.effective.get("inet_interfaces", "all").replace(",", " ").split()
    return smtp and not set(where) <= LOOPBACK
