"""Protection of the login against password guessing: a fail2ban jail on the mail log with
a ban on the server's firewall (the admin's own address never banned), and the mail
server's own rate controls.

The jail is Relay Wizard's own file (:data:`JAIL_PATH`, section :data:`JAIL`), so nothing
merges with a jail the admin keeps; it is written through the journal like every other
file, and the step after the mail server's reload (``fail2ban.sh``) records how it found
fail2ban before reloading or starting it, so that rollback puts fail2ban back as it was.
"""

from __future__ import annotations

import ipaddress
from typing import TYPE_CHECKING

from wizard.core.change.plan import Check, CheckLevel, FileChange
from wizard.core.change.steps import ScriptStep
from wizard.core.guard import NOTHING, Addition
from wizard.core.translatable import QT_TRANSLATE_NOOP

if TYPE_CHECKING:
    from collections.abc import Sequence

    from wizard.core.change.options import RelayOptions
    from wizard.core.guard import GuardState
    from wizard.core.mta.report import ServerReport

JAIL = "relay-wizard-sendmail"
JAIL_PATH = f"/etc/fail2ban/jail.d/{JAIL}.conf"
JAIL_MODE = 0o644
# Every port staff (and guessers) reach sendmail on: a banned address sends no mail at all.
PORTS = "smtp,submission,submissions"
# Never banned: the server itself.
LOCAL = ("127.0.0.0/8", "::1")
# fail2ban's action for each firewall tool a ban can use (wizard.core.mta.report.Protection)
BAN_ACTIONS = {"nftables": "nftables-multiport", "iptables": "iptables-multiport"}
# Where the layouts' syslog writes the mail log, when the server did not say.
MAIL_LOGS = {"rhel": "/var/log/maillog", "freebsd": "/var/log/maillog"}
DEFAULT_MAIL_LOG = "/var/log/mail.log"
# sendmail's own rate controls, as Debian ships them: added only where the .mc sets none
# (a value the admin set, stricter or not, stays).
RATE_CONTROLS = {"confBAD_RCPT_THROTTLE": "3", "confCONNECTION_RATE_THROTTLE": "15"}
_SAFE_PATH = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789/._-")


class JailValueError(ValueError):
    """A value that must not reach the jail file (it could steer its syntax)."""


def _int(name: str, value: object, low: int, high: int) -> int:
    if type(value) is not int or not low <= value <= high:
        raise JailValueError(f"{name}: {value!r} is not a whole number from {low} to {high}")
    return value


def _network(text: str) -> str:
    """``text`` as fail2ban's ignoreip takes it, rewritten by :mod:`ipaddress`: only the
    characters of an address or a network ever reach the file."""
    try:
        if "/" in text:
            return str(ipaddress.ip_network(text.strip(), strict=False))
        return str(ipaddress.ip_address(text.strip()))
    except ValueError as e:
        raise JailValueError(f"{text!r} is not an IP address or network") from e


def jail_text(
    log_path: str,
    *,
    max_retry: int,
    find_time: int,
    ban_time: int,
    ban_action: str,
    ignore: Sequence[str],
) -> str:
    """The jail file: Relay Wizard's own section, Debian's ``sendmail-auth`` filter on
    ``log_path``, a ban with ``ban_action`` on every mail port. Pure; every value is
    checked (numbers whole, addresses rewritten by :mod:`ipaddress`, the path and the
    action from a closed alphabet), so no input can add a line or a key."""
    if not log_path.startswith("/") or not set(log_path) <= _SAFE_PATH or ".." in log_path:
        raise JailValueError(f"{log_path!r} is not a plain absolute path")
    if ban_action not in BAN_ACTIONS.values():
        raise JailValueError(f"{ban_action!r} is not a ban action Relay Wizard writes")
    addresses = list(dict.fromkeys(_network(a) for a in (*LOCAL, *ignore) if a.strip()))
    lines = [
        "# Written by Relay Wizard: a ban for addresses that keep failing to log in to",
        "# sendmail. Rollback removes this file; edit it in Relay Wizard, not here.",
        f"[{JAIL}]",
        "enabled = true",
        "filter = sendmail-auth",
        f"port = {PORTS}",
        f"logpath = {log_path}",
        # polling reads new lines within a second and needs no optional Python module
        "backend = polling",
        f"maxretry = {_int('maxretry', max_retry, 1, 100)}",
        f"findtime = {_int('findtime', find_time, 10, 86400)}",
        f"bantime = {_int('bantime', ban_time, 10, 30 * 86400)}",
        f"banaction = {ban_action}",
        f"ignoreip = {' '.join(addresses)}",
    ]
    return "\n".join(lines) + "\n"


def admin_address(text: str) -> str:
    """The admin's address as the server reported it, or "" when it is not one."""
    try:
        return str(ipaddress.ip_address(text.strip()))
    except ValueError:
        return ""


def duration(seconds: int) -> str:
    """``seconds`` in the largest whole unit, in words."""
    for size, one, many in (
        (86400, QT_TRANSLATE_NOOP("Plan", "1 day"), QT_TRANSLATE_NOOP("Plan", "{n} days")),
        (3600, QT_TRANSLATE_NOOP("Plan", "1 hour"), QT_TRANSLATE_NOOP("Plan", "{n} hours")),
        (60, QT_TRANSLATE_NOOP("Plan", "1 minute"), QT_TRANSLATE_NOOP("Plan", "{n} minutes")),
    ):
        if seconds >= size and seconds % size == 0:
            return one if seconds == size else many.format(n=seconds // size)
    return QT_TRANSLATE_NOOP("Plan", "{n} seconds").format(n=seconds)


def fail2ban_step() -> ScriptStep:
    """Record how fail2ban runs now, reload or start it, check the jail runs (fail2ban.sh)."""
    return ScriptStep(
        "fail2ban",
        QT_TRANSLATE_NOOP("Steps", "Start the ban on password guessers (fail2ban)"),
        (JAIL,),
        about=QT_TRANSLATE_NOOP(
            "Steps",
            "Makes fail2ban read the new rule, or starts it, and checks the rule runs. Undo "
            "puts fail2ban back as it was.",
        ),
    )


_KEPT = Check(
    "ban_kept",
    CheckLevel.OK,
    QT_TRANSLATE_NOOP(
        "Checks",
        "The ban on password guessers that Relay Wizard set up earlier stays as it is. Undo "
        "that change to remove it.",
    ),
)


def _missing(o: RelayOptions, id_: str, message: str) -> Addition:
    """What the plan holds when a part the ban needs is missing: an error when the admin
    asked for the protection, a warning when it is only the profile's default."""
    level = CheckLevel.ERROR if o.protect_given else CheckLevel.WARNING
    return Addition(checks=(Check(id_, level, message),), defines=dict(RATE_CONTROLS))


def plan_protection(report: ServerReport, guard: GuardState, o: RelayOptions) -> Addition:
    """What ``o.protect`` adds to the plan."""
    if not o.protect:
        if guard.texts.get(JAIL_PATH):
            return Addition(checks=(_KEPT,))
        return NOTHING
    p = report.protection
    if p.fail2ban == "absent":
        return _missing(
            o,
            "fail2ban_missing",
            QT_TRANSLATE_NOOP(
                "Checks",
                "fail2ban is not installed, so addresses that keep guessing passwords are not "
                "banned. Install the fail2ban package (and nftables) and plan again to add the "
                "ban.",
            ),
        )
    action = BAN_ACTIONS.get(p.firewall, "")
    if not action:
        return _missing(
            o,
            "firewall_missing",
            QT_TRANSLATE_NOOP(
                "Checks",
                "The server has no firewall tool fail2ban can ban with (nftables or "
                "iptables), so addresses that keep guessing passwords are not banned. Install "
                "the nftables package and plan again to add the ban.",
            ),
        )
    layout = report.layout.name if report.layout else report.sendmail.layout
    log = p.failures.log_path or MAIL_LOGS.get(layout, DEFAULT_MAIL_LOG)
    admin = admin_address(guard.admin_address)
    text = jail_text(
        log,
        max_retry=o.max_retry,
        find_time=o.find_time,
        ban_time=o.ban_time,
        ban_action=action,
        ignore=[*([admin] if admin else []), *o.allow],
    )
    found: list[Check] = []
    if not admin and not o.allow:
        found.append(
            Check(
                "admin_address_unknown",
                CheckLevel.WARNING,
                QT_TRANSLATE_NOOP(
                    "Checks",
                    "Relay Wizard could not tell which address this computer connects from, "
                    "so it cannot keep that address out of the ban. Add the address your "
                    "office connects from to the addresses that are never banned.",
                ),
            )
        )
    found.append(
        Check(
            "access_rates_kept",
            CheckLevel.OK,
            QT_TRANSLATE_NOOP(
                "Checks",
                "The connection limits in sendmail's access database (ClientRate, ClientConn) "
                "stay as they are.",
            ),
        )
    )
    before = guard.texts.get(JAIL_PATH, "")
    changes = () if before == text else (FileChange(JAIL_PATH, before, text),)
    running = p.fail2ban == "running" and JAIL in p.jails
    actions: tuple[str, ...] = ()
    if not changes and not running:
        actions = (QT_TRANSLATE_NOOP("Plan", "Start fail2ban, which bans password guessers."),)
    return Addition(
        changes=changes,
        modes={JAIL_PATH: JAIL_MODE} if changes else {},
        after_reload=(fail2ban_step(),) if changes or not running else (),
        checks=tuple(found),
        summary=_summary(o, admin),
        actions=actions,
        defines=dict(RATE_CONTROLS),
    )


def _summary(o: RelayOptions, admin: str) -> tuple[str, ...]:
    out = [
        QT_TRANSLATE_NOOP(
            "Plan",
            "An address that fails to log in {count} times within {window} is banned for "
            "{ban} on ports 25, 587 and 465: meanwhile it cannot send any mail to this server.",
        ).format(count=o.max_retry, window=duration(o.find_time), ban=duration(o.ban_time))
    ]
    if admin:
        out.append(
            QT_TRANSLATE_NOOP(
                "Plan", "The address this computer connects from ({address}) is never banned."
            ).format(address=admin)
        )
    if o.allow:
        out.append(
            QT_TRANSLATE_NOOP(
                "Plan", "These addresses are never banned either: {addresses}."
            ).format(addresses=", ".join(o.allow))
        )
    return tuple(out)
