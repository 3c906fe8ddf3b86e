"""The certificate staff's mail programs trust: one certbot keeps, or one certbot obtains
now; copied where the mail server reads it (key 0600) and kept fresh by a renewal hook.

The copies (:data:`CRT`, :data:`KEY`) are files a step makes (``produced``: the journal backs
them up, rollback removes or restores them); the renewal hook (:data:`HOOK`) is a file
written through the journal, its text the header :func:`hook_text` makes (validated, quoted)
and wizard/core/remote/scripts/cert-hook.sh. The digests state.sh reads (the real files
behind ``live/NAME/*.pem`` and the copies) tell whether the copies are current: a second
apply with everything in place has nothing to do. Pure: no I/O.
"""

from __future__ import annotations

import ipaddress
import re
import shlex
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from wizard.core.change.options import LETS_ENCRYPT
from wizard.core.change.plan import Check, CheckLevel, FileChange
from wizard.core.change.steps import ScriptStep
from wizard.core.guard import NOTHING, Addition
from wizard.core.guard.certbot import obtain_step
from wizard.core.remote import scripts
from wizard.core.translatable import QT_TRANSLATE_NOOP
from wizard.core.untrusted import printable

if TYPE_CHECKING:
    from collections.abc import Sequence

    from wizard.core.change.options import RelayOptions
    from wizard.core.change.plan import Plan
    from wizard.core.guard import GuardState
    from wizard.core.mta.report import CertificateFound, ServerReport

LIVE = "/etc/letsencrypt/live"
HOOK = "/etc/letsencrypt/renewal-hooks/deploy/relay-wizard-sendmail"
CRT = "/etc/mail/tls/relay-wizard-server.crt"
KEY = "/etc/mail/tls/relay-wizard-server.key"
HOOK_MODE = 0o755
# a certbot lineage's name as it may appear in a path and a script (certbot's own are DNS
# names, sometimes with -0001)
_LINEAGE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,252}$")
_LABEL = re.compile(r"^(?!-)[a-z0-9-]{1,63}(?<!-)$")


def hook_text(lineage_dir: str) -> str:
    """The renewal hook's whole text for the lineage folder ``lineage_dir``."""
    header = shlex.join(["set", "--", lineage_dir, CRT, KEY])
    return (
        "#!/bin/sh\n"
        "# Relay Wizard: after certbot renews this certificate, copy it where sendmail reads\n"
        "# it (the key readable by root only) and make sendmail re-read it.\n"
        f"{header}\n{scripts.load('cert-hook')}"
    )


def copy_step(lineage_dir: str) -> ScriptStep:
    """Copy the lineage's certificate and key where sendmail reads them (cert-copy.sh)."""
    return ScriptStep(
        "cert-copy",
        QT_TRANSLATE_NOOP("Steps", "Copy the certificate where sendmail reads it"),
        (lineage_dir, CRT, KEY),
        about=QT_TRANSLATE_NOOP(
            "Steps",
            "Copies the certificate certbot keeps, and its key readable by the system only, "
            "to the files sendmail uses; the renewal hook makes the same copy after each "
            "renewal.",
        ),
    )


def is_internet_name(name: str) -> bool:
    """``name`` is a full DNS name (two labels or more, not an address) a public certificate
    authority can issue for."""
    try:
        ipaddress.ip_address(name.strip("[]"))
    except ValueError:
        pass
    else:
        return False
    labels = name.split(".")
    return len(labels) >= 2 and all(_LABEL.match(lb) for lb in labels) and not labels[-1].isdigit()


def covers(names: tuple[str, ...], name: str) -> bool:
    """A certificate for ``names`` is valid for ``name`` (a wildcard covers one label)."""
    for n in (x.lower().rstrip(".") for x in names):
        if n == name or (n.startswith("*.") and name.partition(".")[2] == n[2:]):
            return True
    return False


def authority(url: str) -> str:
    """The ACME directory ``url`` as staff's admin knows it."""
    if url == LETS_ENCRYPT:
        return "Let's Encrypt"
    return urlsplit(url).hostname or url


def _lineage(
    report: ServerReport, guard: GuardState, name: str
) -> tuple[str, CertificateFound | None]:
    """The certbot lineage to use for ``name``: one inspection found valid and covering it
    (a lineage of that very name first), else the lineage named ``name`` whose files
    state.sh saw; ("", None) if none."""
    found = [
        c
        for c in report.certificates
        if c.source == "certbot"
        and c.lineage
        and _LINEAGE.match(c.lineage)
        and c.days_left > 0
        and covers(c.names, name)
    ]
    found.sort(key=lambda c: (c.lineage != name, -c.days_left))
    if found:
        return found[0].lineage, found[0]
    # the lineage named ``name`` seen by state.sh, unless inspection judged it (expired,
    # other names): inspection may not read certbot's lineages
    judged = {c.lineage for c in report.certificates if c.source == "certbot"}
    if (
        f"{LIVE}/{name}/fullchain.pem" in guard.digests
        and _LINEAGE.match(name)
        and name not in judged
    ):
        return name, None
    return "", None


def _error(id_: str, message: str, detail: str = "") -> Check:
    return Check(id_, CheckLevel.ERROR, message, detail)


def _obtain_checks(report: ServerReport, o: RelayOptions) -> list[Check]:
    """What stops certbot from obtaining a certificate here, known before it runs."""
    out: list[Check] = []
    if not report.protection.certbot:
        out.append(
            _error(
                "certbot_missing",
                QT_TRANSLATE_NOOP(
                    "Checks",
                    "certbot is not installed on the server, so no certificate can be "
                    "obtained. Install the certbot package on the server, then plan again.",
                ),
            )
        )
    if not o.webroot:
        taken = sorted({printable(s.process or "?") for s in report.listening if s.port == 80})
        if taken:
            out.append(
                _error(
                    "port80_taken",
                    QT_TRANSLATE_NOOP(
                        "Checks",
                        "Port 80 is taken by {program}, so certbot cannot answer the "
                        "certificate authority's check there. Give the folder that web "
                        "server serves, so certbot answers through it.",
                    ).format(program=", ".join(taken)),
                )
            )
    return out


def plan_certificate(report: ServerReport, guard: GuardState, o: RelayOptions) -> Addition:
    """What ``o.certificate`` adds to the plan."""
    if o.certificate == "keep" or o.profile != "modern":
        return NOTHING
    name = (o.cert_name or report.realm).strip().lower().rstrip(".")
    if not is_internet_name(name):
        return Addition(
            checks=(
                _error(
                    "cert_name_not_internet",
                    QT_TRANSLATE_NOOP(
                        "Checks",
                        "A certificate authority only certifies a full internet name such as "
                        "mail.example.com, and the server's name is {name}. Give the name "
                        "staff's mail programs use.",
                    ).format(name=name or "?"),
                ),
            )
        )
    lineage, found = _lineage(report, guard, name)
    checks: list[Check] = []
    before: tuple[ScriptStep, ...] = ()
    summary: list[str] = []
    if not lineage and o.certificate == "certbot":
        return Addition(
            checks=(
                _error(
                    "no_certbot_certificate",
                    QT_TRANSLATE_NOOP(
                        "Checks",
                        "certbot keeps no valid certificate for {name} on the server. Choose "
                        "to obtain one, or give the name its certificate is for.",
                    ).format(name=name),
                ),
            )
        )
    if not lineage:
        checks += _obtain_checks(report, o)
        lineage = name
        before = (obtain_step(name, o.acme_server, o.acme_email, o.webroot),)
        summary.append(
            QT_TRANSLATE_NOOP(
                "Plan",
                "Staff's mail programs will see a certificate from {authority} for {name}, "
                "obtained now by certbot on the server and renewed by it automatically before "
                "it expires.",
            ).format(authority=authority(o.acme_server), name=name)
        )
        summary.append(
            QT_TRANSLATE_NOOP(
                "Plan",
                "The authority checks the name through port 80 on this server. Where port 80 "
                "cannot be opened, obtaining the certificate with a DNS challenge is up to "
                "you; then choose the certificate certbot keeps.",
            )
        )
    elif found is not None:
        summary.append(
            QT_TRANSLATE_NOOP(
                "Plan",
                "Staff's mail programs will see the certificate certbot keeps for {name}, from "
                "{issuer}, valid until {expires} and renewed by certbot automatically.",
            ).format(name=name, issuer=found.issuer or "?", expires=found.expires or "?")
        )
    else:
        summary.append(
            QT_TRANSLATE_NOOP(
                "Plan",
                "Staff's mail programs will see the certificate certbot keeps for {name}, "
                "renewed by certbot automatically.",
            ).format(name=name)
        )
    live = f"{LIVE}/{lineage}"
    text = hook_text(live)
    changes: tuple[FileChange, ...] = ()
    old_hook = guard.texts.get(HOOK, "")
    if old_hook != text:
        changes = (FileChange(HOOK, old_hook, text),)
    current = (
        not before
        and guard.digests.get(f"{live}/fullchain.pem", "a") == guard.digests.get(CRT, "b")
        and guard.digests.get(f"{live}/privkey.pem", "a") == guard.digests.get(KEY, "b")
    )
    actions: tuple[str, ...] = ()
    after: tuple[ScriptStep, ...] = ()
    if not current:
        actions = (
            QT_TRANSLATE_NOOP(
                "Plan", "Copy the certificate certbot keeps for {name} where sendmail reads it"
            ).format(name=lineage),
        )
        after = (copy_step(live),)
    if changes or actions:
        summary.append(
            QT_TRANSLATE_NOOP(
                "Plan",
                "sendmail reads a copy of the certificate in /etc/mail/tls, its key readable "
                "by the system only, so sendmail's file checks pass without relaxing them "
                "(no DontBlameSendmail). After each renewal certbot's hook copies the new "
                "certificate and makes sendmail re-read it.",
            )
        )
    return Addition(
        changes=changes,
        modes={HOOK: HOOK_MODE},
        produced=(CRT, KEY) if after else (),
        before=before,
        after_install=after,
        checks=tuple(checks),
        summary=tuple(summary),
        actions=actions,
        # sendmail offers no STARTTLS without a CA file ("CACertFile missing"): the copy's
        # own chain serves (it only names the CAs a client certificate may come from)
        tls=(CRT, KEY, CRT),
    )


def applied_note(plan: Plan) -> str:
    """What the apply of ``plan`` did about the certificate, in a sentence ("" if nothing)."""
    if not any(c.path == HOOK for c in plan.changes) and not plan.actions:
        return ""
    for step in plan.steps:
        if isinstance(step, ScriptStep) and step.name == "cert-copy" and step.args:
            return QT_TRANSLATE_NOOP(
                "Plan",
                "sendmail now presents the certificate certbot keeps for {name}; after each "
                "renewal certbot's hook copies the new one and makes sendmail re-read it.",
            ).format(name=step.args[0].rsplit("/", 1)[-1])
    return ""


def rollback_note(titles: Sequence[str]) -> str:
    """What a rollback whose outcome lines are ``titles`` leaves of the certificate ("" if
    it did not touch it)."""
    if not any(t.strip() == f"removed {HOOK}" for t in titles):
        return ""
    return QT_TRANSLATE_NOOP(
        "Plan",
        "sendmail uses its previous certificate again. The certificate certbot obtained stays "
        "on the server (in /etc/letsencrypt) and certbot keeps renewing it; certbot can delete "
        "it if it is not needed.",
    )
