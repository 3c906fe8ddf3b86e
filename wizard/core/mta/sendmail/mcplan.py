"""Planning the edit of one sendmail.mc for a relay profile, from what the file already
does. Pure: no I/O.

:func:`plan_mc` reads the file (listeners as sendmail opens them, mechanisms trusted and
offered, the dangers of :mod:`wizard.core.mta.sendmail.dangers`), decides what is missing
for the profile (or refuses, with the reason) and edits with
:class:`~wizard.core.mta.sendmail.mcedit.McEditor`: only the lines that must change. The
rules: docs/real-world-mc.md.
"""

from __future__ import annotations

import re
import shlex
from dataclasses import dataclass
from typing import TYPE_CHECKING

from wizard.core.change.plan import Check, CheckLevel, checks_json, unified_diff
from wizard.core.mta.sendmail.dangers import mc_dangers
from wizard.core.mta.sendmail.mc import (
    Listener,
    MacroCall,
    McFile,
    bind_conflicts,
    effective_daemons,
    v6only_platform,
)
from wizard.core.mta.sendmail.mcedit import McEditor
from wizard.core.translatable import QT_TRANSLATE_NOOP, both, joined

if TYPE_CHECKING:
    from collections.abc import Mapping, Sequence

    from wizard.core.change.options import RelayOptions


def auth_flags(value: str) -> list[str]:
    """The flags of an ``AuthOptions`` value as sendmail reads them: the first letter of
    each word (words are separated by blanks or commas). ``A p y`` and ``A,p,y`` are three
    flags; ``Apy`` is only ``A``."""
    return list(dict.fromkeys(word[0] for word in re.split(r"[ \t,]+", value) if word))


def _meant_flags(value: str) -> list[str]:
    """Every letter of the value: what its author meant (``Apy`` meant A, p and y)."""
    return list(dict.fromkeys(ch for ch in value if ch.isalpha()))


def _with_flags(current: str, wanted: Sequence[str]) -> str:
    """``current`` with the missing ``wanted`` flags added. A value sendmail misreads
    (letters run together) is written out one flag per word, as its author meant it."""
    if not current.strip():
        return " ".join(wanted)
    meant = _meant_flags(current)
    if meant != auth_flags(current):
        return " ".join(_union(meant, wanted))
    missing = [f for f in wanted if f not in meant]
    if not missing:
        return current
    separator = "," if "," in current else " "
    return current + separator + separator.join(missing)


def _union(*lists: Sequence[str]) -> list[str]:
    return list(dict.fromkeys(m for items in lists for m in items))


_DANGER_LEVEL = {"refuse": CheckLevel.ERROR, "warning": CheckLevel.WARNING, "note": CheckLevel.OK}


def danger_checks(mc: McFile, path: str = "sendmail.mc") -> list[Check]:
    """The dangers of the file (:func:`~wizard.core.mta.sendmail.dangers.mc_dangers`) as
    checks: a refusal is an error."""
    return [Check(d.id, _DANGER_LEVEL[d.level], d.message) for d in mc_dangers(mc, path)]


@dataclass(frozen=True)
class McPlan:
    """The plan for one .mc: the new text and what the planner found and decided.

    ``checks`` holds the dangers of the file (``wizard.core.mta.sendmail.dangers``), the notes (what is
    kept, what the server already does) and, at level error, the reason for a refusal;
    a refused plan leaves the text as it is.
    """

    before: str
    after: str
    checks: tuple[Check, ...]
    editor: McEditor
    trusted_before: tuple[str, ...] = ()
    trusted_after: tuple[str, ...] = ()
    uses_own_tls: bool = False  # the file names its own certificate: it stays

    @property
    def refused(self) -> bool:
        return any(c.level == CheckLevel.ERROR for c in self.checks)

    @property
    def nothing_to_do(self) -> bool:
        return not self.refused and self.after == self.before

    @property
    def trusted_added(self) -> tuple[str, ...]:
        return tuple(m for m in self.trusted_after if m not in self.trusted_before)

    def to_json(self) -> dict[str, object]:
        return {
            "nothing_to_do": self.nothing_to_do,
            "refused": self.refused,
            "checks": checks_json(self.checks),
            "mechanisms_trusted_before": list(self.trusted_before),
            "mechanisms_trusted_after": list(self.trusted_after),
            "diff": unified_diff("sendmail.mc", self.before, self.after),
        }


def _mechs_text(mechs: Sequence[str]) -> str:
    return " ".join(mechs)


def _places(listeners: Sequence[Listener]) -> str:
    """ "port 25 on every address, port 25 on 10.0.0.1": each in the window's language."""
    return joined([lst.where() for lst in listeners], ", ")


# What port 25 or 587 is, for the note that it opens to the network: with the listener's
# name, or with the port when the listener has none (one whole sentence each).
_OPENED = {
    25: (
        QT_TRANSLATE_NOOP(
            "Checks",
            "The mail server ({name}) listens on {where} today; it will accept connections "
            "from the network on port {port}.",
        ),
        QT_TRANSLATE_NOOP(
            "Checks",
            "The mail server (port {port}) listens on {where} today; it will accept "
            "connections from the network on port {port}.",
        ),
    ),
    587: (
        QT_TRANSLATE_NOOP(
            "Checks",
            "The submission port ({name}) listens on {where} today; it will accept "
            "connections from the network on port {port}.",
        ),
        QT_TRANSLATE_NOOP(
            "Checks",
            "The submission port (port {port}) listens on {where} today; it will accept "
            "connections from the network on port {port}.",
        ),
    ),
}


def _auth_off(port: int, reachable: Sequence[Listener]) -> str:
    """Why the plan refuses: ``port`` is open to the network with AUTH switched off."""
    return QT_TRANSLATE_NOOP(
        "Checks",
        "Port {port} already accepts mail from the network ({places}), but with AUTH switched "
        "off there (M=A): Relay Wizard does not undo a choice like that. Remove the A from "
        "that DAEMON_OPTIONS line's M= if staff should log in on port {port}.",
    ).format(port=port, places=_places(reachable))


def _add_defines(ed: McEditor, wanted: Mapping[str, str] | None) -> None:
    """The defines the guard options want, where the .mc sets none: the admin's own value
    stays, stricter or not."""
    have = ed.mc.defines()
    for name, value in (wanted or {}).items():
        if name not in have:
            ed.set_define(name, value)


def plan_mc(
    text: str,
    options: RelayOptions,
    tls: tuple[str, str, str] = ("", "", ""),
    key_mode: int = 0,
    *,
    path: str = "sendmail.mc",
    host: str = "",
    ca_path: str = "/etc/ssl/certs",
    v6only: bool | None = None,
    trusted: Sequence[str] = (),
    offered: Sequence[str] = (),
    available: Sequence[str] | None = None,
    extra_defines: Mapping[str, str] | None = None,
) -> McPlan:
    """Plan the profile on ``text``, starting from what the file already does. Pure.

    ``trusted``/``offered``: mechanisms the built sendmail.cf trusts/offers beyond what the
    .mc itself says (a file it includes); ``available``: the mechanisms the server's SASL
    library has (None offline: all). ``host``: the address staff connect to, for a
    listener bound to one address. ``v6only``: the kernel binds an IPv6 wildcard for IPv6
    only (the BSDs, Solaris); None: judged by the file's OSTYPE. ``extra_defines``:
    defines the guard options want (sendmail's rate controls), added where the .mc sets none. The
    rules: docs/real-world-mc.md.
    """
    o = options.validated()
    ed = McEditor(text)
    mc = ed.mc
    found: list[Check] = []

    def add(id_: str, level: CheckLevel, message: str) -> None:
        found.append(Check(id_, level, message))

    found.extend(danger_checks(mc, path))
    trusted_file = mc.trusted_mechanisms()
    trusted_now = _union(trusted_file, trusted)
    explicit_offered = mc.defines().get("confAUTH_MECHANISMS")
    offered_now = _union(mc.offered_mechanisms(), offered)

    def refused() -> McPlan:
        return McPlan(text, text, tuple(found), McEditor(text), tuple(trusted_now), ())

    if any(c.level == CheckLevel.ERROR for c in found):
        return refused()

    wanted = list(o.mechanisms)
    drop = [m for m in o.drop_mechanisms]
    usable_now = [
        m
        for m in offered_now
        if m in trusted_now and (available is None or m in available) and m != "EXTERNAL"
    ]
    daemons = effective_daemons(mc)
    defines = mc.defines()
    options_now = defines.get("confAUTH_OPTIONS", "")
    tls_now = ed.includes("/starttls.m4") or "confSERVER_CERT" in defines
    plaintext_ok = "p" in auth_flags(options_now) or not any(
        m in ("PLAIN", "LOGIN") for m in usable_now
    )

    mta_ok = any(lst.reachable and lst.port == 25 and not lst.auth_off for lst in daemons)
    submission = [
        lst
        for lst in daemons
        if lst.reachable
        and not lst.auth_off
        and (("s" in lst.modifiers) or (lst.port == 587 and "S" not in lst.modifiers))
    ]
    if o.profile == "classic":
        goal = mta_ok
        relaying = QT_TRANSLATE_NOOP(
            "Checks",
            "This server already relays mail for staff who log in: port 25 from the network, "
            "with {mechanisms} (offered and trusted for relaying). Nothing needs to change for "
            "the classic profile.",
        )
    else:
        goal = bool(submission) and tls_now and plaintext_ok
        goal = goal and (mta_ok or not o.open_smtp)
        goal = goal and (not o.smtps or any("s" in lst.modifiers for lst in submission))
        relaying = QT_TRANSLATE_NOOP(
            "Checks",
            "This server already relays mail for staff who log in: port {ports} with TLS, "
            "with {mechanisms} (offered and trusted for relaying). Nothing needs to change for "
            "the modern profile.",
        )
    if goal and usable_now and not o.mechanisms_given and not drop:
        ports = both([str(p) for p in sorted({lst.port for lst in submission})])
        add(
            "already_relay",
            CheckLevel.OK,
            relaying.format(ports=ports, mechanisms=_mechs_text(usable_now)),
        )
        _add_defines(ed, extra_defines)
        after = ed.result()
        return McPlan(text, after, tuple(found), ed, tuple(trusted_now), tuple(trusted_now))

    # ---- mechanisms: only ever added, unless the admin asks to drop one
    new_trusted = [m for m in _union(trusted_file, wanted) if m not in drop]
    if explicit_offered is not None:
        new_offered = [m for m in _union(explicit_offered.split(), wanted) if m not in drop]
    else:
        kept = [m for m in mc.offered_mechanisms() if m in trusted_now]
        new_offered = [m for m in _union(kept, wanted) if m not in drop]
    kept_from_before = [m for m in usable_now if m in new_trusted and m not in wanted]
    dropped = [m for m in drop if m in trusted_now or m in offered_now]
    still = [m for m in new_trusted if m in new_offered]
    from_includes = [m for m in drop if m in trusted and m not in trusted_file]
    if still:
        no_longer = QT_TRANSLATE_NOOP(
            "Checks",
            "{dropped} will no longer be accepted for relaying, as you asked: staff whose mail "
            "programs log in with {dropped} will not be able to send until they switch to "
            "{still}.",
        )
    else:
        no_longer = QT_TRANSLATE_NOOP(
            "Checks",
            "{dropped} will no longer be accepted for relaying, as you asked: staff whose mail "
            "programs log in with {dropped} will not be able to send, as no other login "
            "method is left.",
        )
    for concerned, id_, level, message in (
        (
            kept_from_before,
            "mechanisms_kept",
            CheckLevel.OK,
            QT_TRANSLATE_NOOP(
                "Checks",
                "Staff's mail programs that log in with {mechanisms} keep working: those stay "
                "offered and trusted for relaying.",
            ).format(mechanisms=_mechs_text(kept_from_before)),
        ),
        (
            dropped,
            "mechanisms_dropped",
            CheckLevel.WARNING,
            no_longer.format(dropped=_mechs_text(dropped), still=_mechs_text(still)),
        ),
        (
            from_includes,
            "mechanisms_from_include",
            CheckLevel.WARNING,
            QT_TRANSLATE_NOOP(
                "Checks",
                "{mechanisms} is trusted by a file sendmail.mc includes (such as Debian's "
                "sasl.m4): Relay Wizard cannot drop it there.",
            ).format(mechanisms=_mechs_text(from_includes)),
        ),
    ):
        if concerned:
            add(id_, level, message)
    ed.set_define(
        "confAUTH_MECHANISMS",
        " ".join(new_offered),
        same=explicit_offered is not None and set(explicit_offered.split()) == set(new_offered),
    )
    ed.set_trust_auth_mech(new_trusted)
    untrusted = [m for m in new_offered if m not in new_trusted and m not in trusted]
    if untrusted:
        add(
            "offered_not_trusted",
            CheckLevel.WARNING,
            QT_TRANSLATE_NOOP(
                "Checks",
                "{mechanisms} stays offered for login but is not trusted for relaying, as "
                "before: staff who log in that way still cannot send.",
            ).format(mechanisms=_mechs_text(untrusted)),
        )

    # ---- listeners
    pairs = ed.live_daemons()
    had_daemons = bool(pairs)
    explicit = [lst for _, lst in pairs]

    def name_default_mtas() -> None:
        """The file has no DAEMON_OPTIONS: naming one listener drops sendmail's default
        MTA(s), so name them as they are (proto.m4: IPv4, or IPv4 and IPv6)."""
        mtas = [lst for lst in daemons if lst.default and lst.port == 25]
        for lst in mtas:
            family = f", Family={lst.family}" if len(mtas) > 1 else ""
            ed.add_listener(f"Name={lst.name}, Port=smtp{family}")

    def loopback_v4(port: int) -> list[tuple[MacroCall, Listener]]:
        return [
            (c, lst)
            for c, lst in pairs
            if lst.port == port and lst.family == "inet" and lst.loopback_only
        ]

    def open_port(port: int, add_line: str, modifiers: str) -> bool:
        """Make ``port`` reachable; False if refused (the reason is in ``found``)."""
        on_port = [lst for lst in daemons if lst.port == port and lst.network]
        reachable = [lst for lst in on_port if lst.reachable]
        if reachable:
            if all(lst.auth_off for lst in reachable):
                add("listener_no_auth", CheckLevel.ERROR, _auth_off(port, reachable))
                return False
            add(
                f"listener_kept_{port}",
                CheckLevel.OK,
                QT_TRANSLATE_NOOP(
                    "Checks",
                    "Port {port} already accepts mail from the network ({places}): it stays "
                    "as you set it.",
                ).format(port=port, places=_places(reachable)),
            )
            return True
        loop = loopback_v4(port)
        if len(loop) > 1:
            add(
                "listeners_ambiguous",
                CheckLevel.ERROR,
                QT_TRANSLATE_NOOP(
                    "Checks",
                    "{count} listeners on port {port} accept connections from this server only "
                    "({places}): Relay Wizard cannot tell which one should open to the "
                    "network. Keep one of them and plan again.",
                ).format(count=len(loop), port=port, places=_places([lst for _, lst in loop])),
            )
            return False
        if loop:
            call, lst = loop[0]
            mods = lst.modifiers
            want = mods + "".join(f for f in modifiers if f not in mods)
            ed.edit_listener(call, drop_addr=True, modifiers=None if want == mods else want)
            named, unnamed = _OPENED[port]
            add(
                f"listener_opened_{port}",
                CheckLevel.OK,
                (named if lst.name else unnamed).format(
                    name=lst.name, where=lst.where(), port=port
                ),
            )
            return True
        if not had_daemons and not any(lst.port == 25 for lst in explicit):
            # No DAEMON_OPTIONS means sendmail's defaults: naming one listener drops the
            # default MTA, so name it too.
            name_default_mtas()
        ed.add_listener(add_line)
        return True

    ok = True
    if o.profile == "classic" or o.open_smtp:
        ok = open_port(25, "Family=inet, Name=MTA, Port=smtp", "") and ok
    if o.profile == "modern":
        msa_reach = [lst for lst in daemons if lst.port == 587 and lst.reachable]
        if msa_reach and all(lst.auth_off for lst in msa_reach):
            add("listener_no_auth", CheckLevel.ERROR, _auth_off(587, msa_reach))
            return refused()
        if msa_reach:
            explicit_reach = [(c, lst) for c, lst in pairs if lst.port == 587 and lst.reachable]
            needs = [(c, lst) for c, lst in explicit_reach if "a" not in lst.modifiers]
            default_msa = [lst for lst in msa_reach if lst.default and "a" not in lst.modifiers]
            for call, lst in needs:
                if not lst.auth_off:
                    ed.edit_listener(call, modifiers=lst.modifiers + "a")
            if default_msa:
                if not had_daemons:
                    name_default_mtas()
                ed.add_listener("Port=submission, Name=MSA, M=Ea")
                ed.add_feature("no_default_msa")
            if needs or default_msa:
                add(
                    "msa_requires_login",
                    CheckLevel.WARNING,
                    QT_TRANSLATE_NOOP(
                        "Checks",
                        "Port 587 already accepts mail from the network; it will now require a "
                        "login. Mail programs on the office network that send on port 587 "
                        "without logging in will be refused until they log in.",
                    ),
                )
        else:
            ok = open_port(587, "Family=inet, Name=MSA, Port=submission, M=Ea", "Ea") and ok
            if not loopback_v4(587):
                ed.add_feature("no_default_msa")
        if o.smtps and not [lst for lst in daemons if lst.port == 465]:
            ed.add_listener("Family=inet, Name=SMTPS, Port=smtps, M=Eas")
        uses_own = "confSERVER_CERT" in defines and not o.cert_file
        if uses_own:
            add(
                "tls_own",
                CheckLevel.OK,
                QT_TRANSLATE_NOOP(
                    "Checks", "STARTTLS keeps the certificate sendmail.mc names ({path})."
                ).format(path=defines["confSERVER_CERT"]),
            )
        elif not ed.includes("/starttls.m4") or o.cert_file:
            cert, key, ca = tls
            for name, value in (
                ("confSERVER_CERT", cert),
                ("confSERVER_KEY", key),
                ("confCACERT", ca),
                ("confCACERT_PATH", ca_path),
            ):
                if value and (o.cert_file or name not in defines):
                    ed.set_define(name, value, same=defines.get(name) == value)
            if key and key_mode & 0o040:
                current = defines.get("confDONT_BLAME_SENDMAIL", "")
                if "GroupReadableKeyFile" not in current:
                    merged = ",".join(p for p in (current, "GroupReadableKeyFile") if p)
                    ed.set_define("confDONT_BLAME_SENDMAIL", merged)
        plaintext_now = [m for m in usable_now if m in ("PLAIN", "LOGIN")]
        if plaintext_now and "p" not in auth_flags(options_now):
            add(
                "plaintext_after_tls",
                CheckLevel.WARNING,
                QT_TRANSLATE_NOOP(
                    "Checks",
                    "Staff's mail programs may log in with {mechanisms} without encryption "
                    "today. The modern profile offers those only after STARTTLS (AuthOptions "
                    "p): a program that logs in without STARTTLS will have to turn it on.",
                ).format(mechanisms=_mechs_text(plaintext_now)),
            )
        new_options = _with_flags(options_now, ("A", "p", "y"))
        ed.set_define("confAUTH_OPTIONS", new_options, same=new_options == options_now)
    else:
        uses_own = False
    _add_defines(ed, extra_defines)
    if not ok:
        return refused()
    after = ed.result()
    v6 = v6only_platform(mc) if v6only is None else v6only
    already = [
        (a, b)
        for a, b in bind_conflicts(daemons, v6only=v6)
        if "O" not in a.modifiers and "O" not in b.modifiers
    ]
    if already:
        a, b = already[0]
        add(
            "listener_conflict",
            CheckLevel.ERROR,
            QT_TRANSLATE_NOOP(
                "Checks",
                "sendmail cannot listen on {first} and on {second} ({first_family} and "
                "{second_family}) at once on this system: one of them fails at every start, "
                "and Relay Wizard's check after the reload would fail too. Give the listeners "
                "on that port distinct addresses (or mark one optional, M=O) first.",
            ).format(
                first=a.where(), second=b.where(), first_family=a.family, second_family=b.family
            ),
        )
        return refused()
    before_conflicts = {(a.spec, b.spec) for a, b in bind_conflicts(daemons, v6only=v6)}
    new_conflicts = [
        (a, b)
        for a, b in bind_conflicts(effective_daemons(McFile.parse(after)), v6only=v6)
        if (a.spec, b.spec) not in before_conflicts and (b.spec, a.spec) not in before_conflicts
    ]
    if new_conflicts:
        a, b = new_conflicts[0]
        add(
            "listener_conflict",
            CheckLevel.ERROR,
            QT_TRANSLATE_NOOP(
                "Checks",
                "The change would make sendmail listen on {first} and on {second} "
                "({first_family} and {second_family}) at once, which Linux refuses: sendmail "
                "would not start. Relay Wizard does not make that change; give the listeners "
                "on that port distinct addresses first.",
            ).format(
                first=a.where(), second=b.where(), first_family=a.family, second_family=b.family
            ),
        )
        return refused()
    return McPlan(text, after, tuple(found), ed, tuple(trusted_now), tuple(new_trusted), uses_own)


def edit_mc(
    text: str, options: RelayOptions, tls: tuple[str, str, str] = ("", "", ""), key_mode: int = 0
) -> str:
    """The .mc with the profile applied; unchanged bytes everywhere else. Pure."""
    return plan_mc(text, options, tls, key_mode).after


def mc_editor(
    text: str, options: RelayOptions, tls: tuple[str, str, str] = ("", "", ""), key_mode: int = 0
) -> McEditor:
    """The editor holding the profile's edits of ``text``: :meth:`McEditor.result` gives
    the new .mc, :meth:`McEditor.operations` the same edits as line operations. A refused
    or empty plan gives an editor without edits."""
    return plan_mc(text, options, tls, key_mode).editor


def build_command(mc_text: str, mc_path: str, cf_dir: str) -> str:
    """How to build a .cf from this .mc: plain m4 when it includes cf.m4 itself."""
    if any(inc.endswith("/cf.m4") for inc in McFile.parse(mc_text).includes()):
        return "m4"
    if cf_dir:
        return shlex.join(["m4", f"-D_CF_DIR_={cf_dir}/", f"{cf_dir}/m4/cf.m4"])
    return ""
