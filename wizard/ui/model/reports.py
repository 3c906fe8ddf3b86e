"""The HTML the Review and Done pages show, made with :mod:`wizard.core.markup` (escaped).

Each sentence is marked for the catalogue (context ``Reports``); ``say`` turns it into the
window's language (the pages pass ``wizard.ui.i18n.shown``; the default keeps English),
before it is escaped into the HTML.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from wizard.core.exports.identity import report_identity
from wizard.core.markup import Markup, bullets, join, paragraphs, tag
from wizard.core.target import is_ip
from wizard.core.translatable import QT_TRANSLATE_NOOP
from wizard.ui.model.certificate import certbot_expiry
from wizard.ui.model.protection import banned_sentence

if TYPE_CHECKING:
    from collections.abc import Callable

    from wizard.core.change.plan import Plan
    from wizard.core.mta.report import ServerReport
    from wizard.ui.model.state import WizardState

    Say = Callable[[str], str]

_ADDED, _REMOVED, _HUNK, _CONTEXT = "#116611", "#aa1111", "#555555", "#000000"


def _colour(line: str) -> str:
    if line.startswith("+") and not line.startswith("+++"):
        return _ADDED
    if line.startswith("-") and not line.startswith("---"):
        return _REMOVED
    return _HUNK if line.startswith("@@") else _CONTEXT


def diff_html(diff: str) -> Markup:
    """A unified diff, added lines green and removed ones red."""
    lines = (tag("span", line, f'style="color:{_colour(line)}"') for line in diff.splitlines())
    return tag("pre", join(lines, "\n"))


def _notes(plan: Plan, heading: str, note: str, good: str, say: Say) -> list[Markup]:
    """The planner's own notes, warnings first."""
    notes = [c for c in plan.checks if str(c.level) == "warning"]
    notes += [c for c in plan.checks if str(c.level) == "ok"]
    if not notes:
        return []
    return [
        tag("h3", heading),
        bullets(
            join((tag("b", f"{note if str(c.level) == 'warning' else good}:"), " ", say(c.message)))
            for c in notes
        ),
    ]


def summary_html(
    plan: Plan,
    heading: str = "Before you apply",
    note: str = "Please note",
    good: str = "Good",
    say: Say = str,
) -> Markup:
    """What the plan changes in plain sentences (the first two, for staff and strangers,
    stand out), then what to know before the point of no return."""
    lead, rest = plan.summary[:2], plan.summary[2:]
    parts: list[Markup] = (
        [paragraphs([say(t) for t in lead], 'style="font-size: large"')] if lead else []
    )
    if rest:
        parts.append(bullets(say(t) for t in rest))
    return join([*parts, *_notes(plan, heading, note, good, say)])


def review_html(plan: Plan, say: Say = str) -> Markup:
    """Every step that will run, as its object says: a plain sentence, the command that
    runs on the server and the edits it makes."""
    parts: list[Markup] = []
    for number, step in enumerate(plan.steps, 1):
        parts.append(tag("h3", f"{number}. {say(step.title)}"))
        if step.about:
            parts.append(paragraphs([say(step.about)]))
        if step.commands:
            parts.append(tag("pre", "\n".join(f"$ {c}" for c in step.commands)))
        parts += [diff_html(d) for d in step.diffs]
    return join(parts)


def achieved(state: WizardState) -> list[str]:
    """What this session did, in sentences (each marked for the catalogue)."""
    out: list[str] = []
    report, plan = state.apply_report, state.plan
    if report is not None and report.nothing_to_do:
        out.append(
            QT_TRANSLATE_NOOP(
                "Reports", "The server already worked this way: nothing needed to change."
            )
        )
    elif report is not None and report.verified:
        ports = [e.port for e in plan.expect] if plan is not None else []
        out.append(_can_send(ports))
        out.append(
            QT_TRANSLATE_NOOP(
                "Reports",
                "Relay Wizard checked from this computer that strangers still cannot relay mail "
                "through it.",
            )
        )
    if report is not None and (report.nothing_to_do or report.verified):
        out += guarded(state)
    if state.users:
        names = ", ".join(u.name for u in state.users)
        out.append(
            QT_TRANSLATE_NOOP("Reports", "Mail accounts on the server: {names}.").format(
                names=names
            )
        )
    if state.verified is not None:
        out.append(
            QT_TRANSLATE_NOOP(
                "Reports",
                "A test message sent the way staff will send was accepted by the server (its "
                "queue id, for the mail log: {queue_id}).",
            ).format(queue_id=state.verified.queue_id)
        )
    if state.audit is not None:
        out += state.audit.summary_sentences()
    return out


def guarded(state: WizardState) -> list[str]:
    """What the applied options protect: the certificate staff's programs trust and until
    when, the ban on password guessers and the addresses it spares."""
    out: list[str] = []
    o = state.options
    if o.profile == "modern" and o.certificate != "keep":
        name = o.cert_name or staff_name(state) or (state.target.host if state.target else "")
        expires = certificate_expiry(state)
        out.append(
            QT_TRANSLATE_NOOP(
                "Reports",
                "Staff's mail programs trust the server's certificate for {name} without a "
                "question: it is valid until {expires} and renewed automatically.",
            ).format(name=name, expires=expires)
            if expires
            else QT_TRANSLATE_NOOP(
                "Reports",
                "Staff's mail programs trust the server's certificate for {name} without a "
                "question: it is renewed automatically before it runs out.",
            ).format(name=name)
        )
    if protected(state) and not _no_fail2ban(state):
        out.append(banned_sentence(o.max_retry, o.find_time, o.ban_time))
        address = admin_address(state)
        out.append(
            QT_TRANSLATE_NOOP("Reports", "Your own address, {address}, is never banned.").format(
                address=address
            )
            if address
            else QT_TRANSLATE_NOOP(
                "Reports", "The address this computer connects from is never banned."
            )
        )
        if o.allow:
            out.append(
                QT_TRANSLATE_NOOP("Reports", "Never banned either: {addresses}.").format(
                    addresses=", ".join(o.allow)
                )
            )
    return out


def protected(state: WizardState) -> bool:
    """Whether the ban on password guessers was asked for (or is the profile's default);
    never on Postfix, where Relay Wizard does not set it up yet."""
    if state.report is not None and state.report.mta == "postfix":
        return False
    o = state.options
    return o.protect if o.protect is not None else o.profile == "modern"


def _no_fail2ban(state: WizardState) -> bool:
    return state.report is not None and state.report.protection.fail2ban == "absent"


def admin_address(state: WizardState) -> str:
    """The address the server sees this computer's SSH connection come from ("" unknown)."""
    return state.loaded.server.guard.admin_address if state.loaded is not None else ""


def certificate_expiry(state: WizardState) -> str:
    """Until when the certificate sendmail now presents is valid ("" when unknown): the one
    the Test page read over SSH after the apply, else certbot's as inspection found it."""
    sent = state.verified
    if sent is not None and sent.server_cert is not None and not sent.server_cert.self_signed:
        return sent.server_cert.expires
    if state.options.certificate == "certbot" and state.report is not None:
        return certbot_expiry(state.report.certificates, state.options.cert_name)
    return ""


def staff_name(state: WizardState) -> str:
    """The name the exports give staff for this server ("" when none is known)."""
    host = state.target.host if state.target is not None else ""
    return report_identity(host, state.report).server_name


def _certificate_to_do(report: ServerReport | None, name: str) -> str:
    """What is left about the certificate, from what inspection read of it."""
    tls = report.tls if report is not None else None
    if tls is not None and tls.cert_sha256 and tls.cert_self_signed and name:
        return QT_TRANSLATE_NOOP(
            "Reports",
            "The server's certificate is self-signed: staff's mail programs ask once whether "
            "to trust it, and the handouts give the fingerprint to compare. A certificate from "
            "a public authority, such as Let's Encrypt, for {name} avoids that question.",
        ).format(name=name)
    if tls is not None and tls.cert_sha256:
        return QT_TRANSLATE_NOOP(
            "Reports",
            "The server's certificate comes from {issuer} and is valid until {expires}: "
            "make sure it is renewed in time.",
        ).format(issuer=tls.cert_issuer, expires=tls.cert_expires)
    return QT_TRANSLATE_NOOP(
        "Reports",
        "Check the server's certificate: a self-signed one (as on a fresh server) makes mail "
        "programs ask once whether to trust it; one from a public authority, such as Let's "
        "Encrypt, for the name staff use avoids that question.",
    )


def _can_send(ports: list[int]) -> str:
    """Where staff can now send, one whole sentence for each number of ports."""
    if not ports:
        return QT_TRANSLATE_NOOP(
            "Reports",
            "Staff can now send mail through the server after logging in with their password.",
        )
    if len(ports) == 1:
        return QT_TRANSLATE_NOOP(
            "Reports",
            "Staff can now send mail through the server from anywhere on port {port}, after "
            "logging in with their password.",
        ).format(port=ports[0])
    return QT_TRANSLATE_NOOP(
        "Reports",
        "Staff can now send mail through the server from anywhere on ports {ports} and {last}, "
        "after logging in with their password.",
    ).format(ports=", ".join(str(p) for p in ports[:-1]), last=ports[-1])


def left_to_do(state: WizardState) -> list[str]:
    """What the admin still has to do outside Relay Wizard (or on a later page)."""
    out: list[str] = []
    plan = state.plan
    ports = sorted({e.port for e in plan.expect}) if plan is not None else []
    for port in ports:
        out.append(
            QT_TRANSLATE_NOOP(
                "Reports",
                "Open port {port} (TCP) in every firewall between staff and the server, if it "
                "is not open yet: Relay Wizard checked it only from this computer.",
            ).format(port=port)
        )
    name = staff_name(state)
    if state.target is not None and is_ip(state.target.host):
        out.append(
            QT_TRANSLATE_NOOP(
                "Reports",
                "Make sure the name {name} points at this server in DNS: the settings given "
                "to staff use that name, not the address {address}.",
            ).format(name=name, address=state.target.host)
            if name
            else QT_TRANSLATE_NOOP(
                "Reports",
                "Give the server a name in DNS (for example mail.your-domain) and give staff "
                "that name: mail programs and certificates work with names, not addresses.",
            )
        )
    if state.options.profile == "modern" and ports and state.options.certificate == "keep":
        out.append(_certificate_to_do(state.report, name))
    if state.report is not None and state.report.mta == "postfix" and ports:
        out.append(
            QT_TRANSLATE_NOOP(
                "Reports",
                "Relay Wizard does not set up a ban on password guessers for Postfix yet: "
                "fail2ban's own rules for Postfix can do it.",
            )
        )
    if protected(state) and _no_fail2ban(state) and ports:
        out.append(
            QT_TRANSLATE_NOOP(
                "Reports",
                "Install the fail2ban package on the server, then apply again: until then, "
                "nothing stops password guessers.",
            )
        )
    if not state.users:
        out.append(
            QT_TRANSLATE_NOOP(
                "Reports", "Add a mail account for each person who will send through the server."
            )
        )
    if state.verified is None:
        out.append(
            QT_TRANSLATE_NOOP("Reports", "Send a test message from the Test page, as staff would.")
        )
    return out


def done_html(state: WizardState, left: str = "Still to do", say: Say = str) -> Markup:
    """What was achieved and what is left, in sentences."""
    host = state.target.host if state.target is not None else ""
    name = staff_name(state)
    title = f"{name} ({host})" if name and name != host.lower() else host
    done = achieved(state)
    parts = [tag("h2", title), *([bullets(say(t) for t in done)] if done else [])]
    todo = left_to_do(state)
    if todo:
        parts += [tag("h3", left), bullets(say(t) for t in todo)]
    return join(parts)


def done_details_html(state: WizardState, say: Say = str) -> Markup:
    """The detail behind :func:`done_html`: each step's outcome with its replies."""
    parts: list[Markup] = []
    if state.target:
        connected = QT_TRANSLATE_NOOP("Reports", "Connected as {target}.")
        parts.append(paragraphs([say(connected.format(target=state.target))]))
    report = state.apply_report
    if report is not None:
        profile = QT_TRANSLATE_NOOP("Reports", "Profile: {profile}.")
        parts.append(paragraphs([say(profile.format(profile=state.options.profile))]))
        parts.append(bullets(say(_outcome(o.ok, o.title, o.detail)) for o in report.steps))
    sent = state.verified
    if sent is not None:
        test = QT_TRANSLATE_NOOP(
            "Reports", "Test message: {code} (queue id {queue_id}), logged in with {mechanism}."
        )
        parts.append(
            paragraphs(
                [
                    say(
                        test.format(
                            code=sent.reply.code, queue_id=sent.queue_id, mechanism=sent.mechanism
                        )
                    )
                ]
            )
        )
    return join(parts)


def _outcome(ok: bool, title: str, detail: str) -> str:
    """One step's outcome in the Done page's detail, one whole line for each case."""
    if ok and detail:
        text = QT_TRANSLATE_NOOP("Reports", "ok: {step}: {detail}")
    elif ok:
        text = QT_TRANSLATE_NOOP("Reports", "ok: {step}")
    elif detail:
        text = QT_TRANSLATE_NOOP("Reports", "FAILED: {step}: {detail}")
    else:
        text = QT_TRANSLATE_NOOP("Reports", "FAILED: {step}")
    return text.format(step=title, detail=detail)
