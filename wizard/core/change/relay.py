"""The relay profiles, the checks before planning, and the plan itself. Pure: no I/O.

A plan is computed from a :class:`ServerState` (what the server has, read once over
SSH by :func:`wizard.core.change.apply.read_state`) and :class:`RelayOptions` (what the admin
chose). It holds the new content of each file that must change with a unified diff,
the commands apply will run, the checks (errors block the apply), and what verify must
then find. Planning the result of a plan again gives an empty plan.
"""

from __future__ import annotations

import dataclasses
import difflib
import re
import shlex
from collections.abc import Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Literal

from wizard.core.errors import UsageError
from wizard.core.mta.report import ServerReport
from wizard.core.mta.sendmail.dangers import mc_dangers
from wizard.core.mta.sendmail.layout import no_sasl_advice
from wizard.core.mta.sendmail.mc import (
    Listener,
    MacroCall,
    McFile,
    bind_conflicts,
    effective_daemons,
    v6only_platform,
)
from wizard.core.mta.sendmail.mcedit import McEditor
from wizard.core.mta.sendmail.saslconf import edit_sasl_conf, parse_sasl_conf
from wizard.core.target import shown
from wizard.core.untrusted import has_unsafe

Profile = Literal["classic", "modern"]
PROFILES: tuple[Profile, ...] = ("modern", "classic")
ALLOWED_MECHANISMS: dict[str, tuple[str, ...]] = {
    "classic": ("DIGEST-MD5", "CRAM-MD5"),
    "modern": ("PLAIN", "LOGIN", "CRAM-MD5"),
}
DEFAULT_MECHANISMS: dict[str, tuple[str, ...]] = {
    "classic": ("DIGEST-MD5", "CRAM-MD5"),
    "modern": ("PLAIN", "LOGIN"),
}
# Where distributions keep a ready certificate for sendmail, first match wins.
CERT_CANDIDATES = (
    ("/etc/mail/tls/sendmail-server.crt", "/etc/mail/tls/sendmail-common.key"),  # Debian
    ("/etc/pki/tls/certs/sendmail.pem", "/etc/pki/tls/private/sendmail.key"),  # RHEL/Fedora
)
# Where each layout keeps the trusted CA certificates (confCACERT_PATH).
CA_PATHS = {"rhel": "/etc/pki/tls/certs", "freebsd": "/etc/ssl/certs"}
# Debian's sendmail-common.key is root:smmsp 0640: an offline plan (--mc-file, a playbook
# from a local copy) that assumes Debian's certificate assumes this mode too.
DEBIAN_KEY_MODE = 0o640
PLUGIN_PACKAGES = "libsasl2-modules (Debian/Ubuntu) or cyrus-sasl-plain / cyrus-sasl-md5 (RHEL)"


class CheckLevel(StrEnum):
    OK = "ok"
    WARNING = "warning"
    ERROR = "error"


@dataclass(frozen=True)
class Check:
    id: str
    level: CheckLevel
    message: str


RESTART_MODES = ("auto", "init")


@dataclass(frozen=True)
class RelayOptions:
    """What the admin chose. Validate with :meth:`validated`."""

    profile: Profile = "modern"
    mechanisms: tuple[str, ...] = ()
    open_smtp: bool = False  # modern: also open port 25 to the network
    smtps: bool = False  # modern: implicit TLS on port 465
    cert_file: str = ""
    key_file: str = ""
    ca_file: str = ""
    # How sendmail loads the new config: "auto" HUPs a running daemon (it re-reads
    # everything in about 0.03 s) and starts a stopped one the host's way; "init" always
    # restarts it the host's way (init script or systemd), for hosts where HUP is not wanted.
    restart: str = "auto"
    # Mechanisms the server trusts today that the admin wants gone (never dropped otherwise).
    drop_mechanisms: tuple[str, ...] = ()
    # The admin named the mechanisms (decided by the first validated(); None before): then
    # a server that already relays for logged-in users still gets them added.
    mechanisms_given: bool | None = None

    def validated(self) -> RelayOptions:
        if self.profile not in PROFILES:
            raise UsageError(
                f"Unknown profile {self.profile!r}.", "Choose modern (recommended) or classic."
            )
        if self.restart not in RESTART_MODES:
            raise UsageError(
                f"Unknown restart mode {self.restart!r}.",
                "Choose auto (HUP a running sendmail) or init (the init script or systemd).",
            )
        allowed = ALLOWED_MECHANISMS[self.profile]
        given = tuple(dict.fromkeys(m.strip().upper() for m in self.mechanisms if m.strip()))
        # Decided once, by the first validation (later ones see the defaults filled in).
        given_now = bool(given) if self.mechanisms_given is None else self.mechanisms_given
        drop = tuple(dict.fromkeys(m.strip().upper() for m in self.drop_mechanisms if m.strip()))
        # a mechanism the admin drops is not among the profile's defaults either
        mechs = given or tuple(m for m in DEFAULT_MECHANISMS[self.profile] if m not in drop)
        if not mechs:
            raise UsageError(
                "That drops every mechanism the profile would use.",
                f"Keep at least one of {', '.join(DEFAULT_MECHANISMS[self.profile])}.",
            )
        bad_drop = [m for m in drop if not re.fullmatch(r"[A-Z0-9_-]{1,40}", m)]
        if bad_drop:
            raise UsageError(
                f"{shown(bad_drop[0])} is not the name of an AUTH mechanism.",
                "Give a name such as PLAIN, LOGIN, CRAM-MD5 or GSSAPI.",
            )
        both = [m for m in drop if m in mechs]
        if both:
            raise UsageError(
                f"{', '.join(both)} cannot be both added and dropped.",
                "Drop only mechanisms the profile does not use, or choose other mechanisms.",
            )
        bad = [m for m in mechs if m not in allowed]
        if bad:
            raise UsageError(
                f"The {self.profile} profile does not use {', '.join(bad)}.",
                f"Choose among {', '.join(allowed)}.",
            )
        if self.profile == "classic" and (self.smtps or self.cert_file or self.key_file):
            raise UsageError(
                "The classic profile has no TLS options.",
                "Use the modern profile for STARTTLS, port 587 and port 465.",
            )
        for label, path in (
            ("certificate", self.cert_file),
            ("key", self.key_file),
            ("CA", self.ca_file),
        ):
            if path and (
                not path.startswith("/") or has_unsafe(path) or any(c in path for c in "'`")
            ):
                raise UsageError(
                    f"The {label} path {shown(path)} is not an absolute path on the server.",
                    "Give a path such as /etc/ssl/certs/mail.pem (no quotes or line breaks).",
                )
        if bool(self.cert_file) != bool(self.key_file):
            raise UsageError(
                "A certificate needs its key, and a key its certificate.",
                "Give both --cert and --key, or neither to use the server's own.",
            )
        return dataclasses.replace(
            self, mechanisms=mechs, drop_mechanisms=drop, mechanisms_given=given_now
        )


@dataclass(frozen=True)
class FileFacts:
    """A certificate or key file as seen on the server."""

    path: str
    exists: bool
    owner: str = ""
    group: str = ""
    mode: int = 0
    valid: bool = False  # parses as what it should be (and, for a certificate, not expired)
    pubkey: str = ""  # hash of the public key, to match a certificate with its key
    subject: str = ""


@dataclass(frozen=True)
class ServerState:
    """What planning needs, read from the server in one go."""

    report: ServerReport
    mc_path: str
    mc_text: str
    sasl_conf_path: str  # the real file (symlinks resolved); "" if none
    sasl_conf_text: str
    files: dict[str, FileFacts] = field(default_factory=dict)
    access_lines: tuple[str, ...] = ()


@dataclass(frozen=True)
class FileChange:
    path: str
    before: str
    after: str

    @property
    def diff(self) -> str:
        return unified_diff(self.path, self.before, self.after)


@dataclass(frozen=True)
class Step:
    title: str
    commands: tuple[str, ...] = ()
    diffs: tuple[str, ...] = ()


@dataclass(frozen=True)
class ExpectedPort:
    """What verify must find on one listener reachable from the network."""

    port: int
    security: Literal["none", "starttls", "tls"]
    mechanisms: tuple[str, ...]  # offered once the session is as secure as it gets
    plain_before_tls: bool  # may PLAIN/LOGIN be offered before TLS?
    auth_required: bool


@dataclass(frozen=True)
class Plan:
    options: RelayOptions
    changes: tuple[FileChange, ...]
    steps: tuple[Step, ...]
    checks: tuple[Check, ...]
    expect: tuple[ExpectedPort, ...]
    build_command: str

    @property
    def nothing_to_do(self) -> bool:
        return not self.changes

    @property
    def errors(self) -> list[Check]:
        return [c for c in self.checks if c.level == CheckLevel.ERROR]

    def to_json(self) -> dict[str, object]:
        return {
            "profile": self.options.profile,
            "mechanisms": list(self.options.mechanisms),
            "nothing_to_do": self.nothing_to_do,
            "checks": [
                {"id": c.id, "level": str(c.level), "message": c.message} for c in self.checks
            ],
            "files": [{"path": c.path, "diff": c.diff} for c in self.changes],
            "steps": [
                {"title": s.title, "commands": list(s.commands), "diffs": list(s.diffs)}
                for s in self.steps
            ],
            "verify": [
                {
                    "port": e.port,
                    "security": e.security,
                    "mechanisms": list(e.mechanisms),
                    "auth_required": e.auth_required,
                }
                for e in self.expect
            ],
        }


def unified_diff(path: str, before: str, after: str) -> str:
    lines = difflib.unified_diff(
        before.splitlines(keepends=True),
        after.splitlines(keepends=True),
        fromfile=f"{path} (now)",
        tofile=f"{path} (planned)",
    )
    out = []
    for line in lines:
        body = line.rstrip("\n").rstrip("\r")
        out.append(body)
    return "\n".join(out) + ("\n" if out else "")


# --------------------------------------------------------------------------- the .mc


def _auth_flags(value: str) -> list[str]:
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
    if meant != _auth_flags(current):
        return " ".join(_union(meant, wanted))
    missing = [f for f in wanted if f not in meant]
    if not missing:
        return current
    separator = "," if "," in current else " "
    return current + separator + separator.join(missing)


def _union(*lists: Sequence[str]) -> list[str]:
    return list(dict.fromkeys(m for items in lists for m in items))


def tls_paths(options: RelayOptions, state_files: dict[str, FileFacts]) -> tuple[str, str, str]:
    """(certificate, key, CA) to use: the admin's, else the distribution's that exists."""
    if options.cert_file:
        return options.cert_file, options.key_file, options.ca_file or options.cert_file
    for cert, key in CERT_CANDIDATES:
        if state_files.get(cert, FileFacts(cert, False)).exists:
            return cert, key, options.ca_file or cert
    return "", "", ""


_DANGER_LEVEL = {"refuse": CheckLevel.ERROR, "warning": CheckLevel.WARNING, "note": CheckLevel.OK}


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
            "checks": [
                {"id": c.id, "level": str(c.level), "message": c.message} for c in self.checks
            ],
            "mechanisms_trusted_before": list(self.trusted_before),
            "mechanisms_trusted_after": list(self.trusted_after),
            "diff": unified_diff("sendmail.mc", self.before, self.after),
        }


def _mechs_text(mechs: Sequence[str]) -> str:
    return " ".join(mechs) if mechs else "none"


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
) -> McPlan:
    """Plan the profile on ``text``, starting from what the file already does. Pure.

    ``trusted``/``offered``: mechanisms the built sendmail.cf trusts/offers beyond what the
    .mc itself says (a file it includes); ``available``: the mechanisms the server's SASL
    library has (None offline: all). ``host``: the address staff connect to, for a
    listener bound to one address. ``v6only``: the kernel binds an IPv6 wildcard for IPv6
    only (the BSDs, Solaris); None: judged by the file's OSTYPE. The rules:
    docs/real-world-mc.md.
    """
    o = options.validated()
    ed = McEditor(text)
    mc = ed.mc
    found: list[Check] = []

    def add(id_: str, level: CheckLevel, message: str) -> None:
        found.append(Check(id_, level, message))

    for danger in mc_dangers(mc, path):
        add(danger.id, _DANGER_LEVEL[danger.level], danger.message)
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
    plaintext_ok = "p" in _auth_flags(options_now) or not any(
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
        what = "port 25 from the network"
    else:
        goal = bool(submission) and tls_now and plaintext_ok
        goal = goal and (mta_ok or not o.open_smtp)
        goal = goal and (not o.smtps or any("s" in lst.modifiers for lst in submission))
        ports = sorted({lst.port for lst in submission})
        what = f"port {' and '.join(map(str, ports))} with TLS" if ports else ""
    if goal and usable_now and not o.mechanisms_given and not drop:
        add(
            "already_relay",
            CheckLevel.OK,
            f"This server already relays mail for staff who log in: {what}, with "
            f"{_mechs_text(usable_now)} (offered and trusted for relaying). Nothing needs to "
            "change for the "
            f"{o.profile} profile.",
        )
        return McPlan(text, text, tuple(found), ed, tuple(trusted_now), tuple(trusted_now))

    # ---- mechanisms: only ever added, unless the admin asks to drop one
    new_trusted = [m for m in _union(trusted_file, wanted) if m not in drop]
    if explicit_offered is not None:
        new_offered = [m for m in _union(explicit_offered.split(), wanted) if m not in drop]
    else:
        kept = [m for m in mc.offered_mechanisms() if m in trusted_now]
        new_offered = [m for m in _union(kept, wanted) if m not in drop]
    kept_from_before = [m for m in usable_now if m in new_trusted and m not in wanted]
    if kept_from_before:
        add(
            "mechanisms_kept",
            CheckLevel.OK,
            f"Staff's mail programs that log in with {_mechs_text(kept_from_before)} keep "
            "working: those stay offered and trusted for relaying.",
        )
    dropped = [m for m in drop if m in trusted_now or m in offered_now]
    if dropped:
        still = [m for m in new_trusted if m in new_offered]
        add(
            "mechanisms_dropped",
            CheckLevel.WARNING,
            f"{_mechs_text(dropped)} will no longer be accepted for relaying, as you asked: "
            f"staff whose mail programs log in with {_mechs_text(dropped)} will not be able "
            f"to send until they switch to {_mechs_text(still)}.",
        )
    from_includes = [m for m in drop if m in trusted and m not in trusted_file]
    if from_includes:
        add(
            "mechanisms_from_include",
            CheckLevel.WARNING,
            f"{_mechs_text(from_includes)} is trusted by a file sendmail.mc includes (such as "
            "Debian's sasl.m4): Relay Wizard cannot drop it there.",
        )
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
            f"{_mechs_text(untrusted)} stays offered for login but is not trusted for "
            "relaying, as before: staff who log in that way still cannot send.",
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

    def open_port(port: int, label: str, add_line: str, modifiers: str) -> bool:
        """Make ``port`` reachable; False if refused (the reason is in ``found``)."""
        on_port = [lst for lst in daemons if lst.port == port and lst.network]
        reachable = [lst for lst in on_port if lst.reachable]
        if reachable:
            if all(lst.auth_off for lst in reachable):
                add(
                    "listener_no_auth",
                    CheckLevel.ERROR,
                    f"Port {port} already accepts mail from the network "
                    f"({', '.join(lst.where() for lst in reachable)}), but with AUTH switched "
                    "off there (M=A): Relay Wizard does not undo a choice like that. Remove "
                    f"the A from that DAEMON_OPTIONS line's M= if staff should log in on port "
                    f"{port}.",
                )
                return False
            add(
                f"listener_kept_{port}",
                CheckLevel.OK,
                f"Port {port} already accepts mail from the network "
                f"({', '.join(lst.where() for lst in reachable)}): it stays as you set it.",
            )
            return True
        loop = loopback_v4(port)
        if len(loop) > 1:
            add(
                "listeners_ambiguous",
                CheckLevel.ERROR,
                f"{len(loop)} listeners on port {port} accept connections from this server "
                f"only ({', '.join(lst.where() for _, lst in loop)}): Relay Wizard cannot tell "
                "which one should open to the network. Keep one of them and plan again.",
            )
            return False
        if loop:
            call, lst = loop[0]
            mods = lst.modifiers
            want = mods + "".join(f for f in modifiers if f not in mods)
            ed.edit_listener(call, drop_addr=True, modifiers=None if want == mods else want)
            add(
                f"listener_opened_{port}",
                CheckLevel.OK,
                f"{label} ({lst.name or 'port ' + str(port)}) listens on {lst.where()} today; "
                f"it will accept connections from the network on port {port}.",
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
        ok = open_port(25, "The mail server", "Family=inet, Name=MTA, Port=smtp", "") and ok
    if o.profile == "modern":
        msa_reach = [lst for lst in daemons if lst.port == 587 and lst.reachable]
        if msa_reach and all(lst.auth_off for lst in msa_reach):
            add(
                "listener_no_auth",
                CheckLevel.ERROR,
                "Port 587 already accepts mail from the network "
                f"({', '.join(lst.where() for lst in msa_reach)}), but with AUTH switched off "
                "there (M=A): Relay Wizard does not undo a choice like that. Remove the A from "
                "that DAEMON_OPTIONS line's M= if staff should log in on port 587.",
            )
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
                    "Port 587 already accepts mail from the network; it will now require a "
                    "login. Mail programs on the office network that send on port 587 without "
                    "logging in will be refused until they log in.",
                )
        else:
            ok = (
                open_port(
                    587, "The submission port", "Family=inet, Name=MSA, Port=submission, M=Ea", "Ea"
                )
                and ok
            )
            if not loopback_v4(587):
                ed.add_feature("no_default_msa")
        if o.smtps and not [lst for lst in daemons if lst.port == 465]:
            ed.add_listener("Family=inet, Name=SMTPS, Port=smtps, M=Eas")
        uses_own = "confSERVER_CERT" in defines and not o.cert_file
        if uses_own:
            add(
                "tls_own",
                CheckLevel.OK,
                f"STARTTLS keeps the certificate sendmail.mc names ({defines['confSERVER_CERT']}).",
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
        if plaintext_now and "p" not in _auth_flags(options_now):
            add(
                "plaintext_after_tls",
                CheckLevel.WARNING,
                f"Staff's mail programs may log in with {_mechs_text(plaintext_now)} without "
                "encryption today. The modern profile offers those only after STARTTLS "
                "(AuthOptions p): a program that logs in without STARTTLS will have to turn "
                "it on.",
            )
        new_options = _with_flags(options_now, ("A", "p", "y"))
        ed.set_define("confAUTH_OPTIONS", new_options, same=new_options == options_now)
    else:
        uses_own = False
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
            f"sendmail cannot listen on {a.where()} and on {b.where()} ({a.family} and "
            f"{b.family}) at once on this system: one of them fails at every start, and "
            "Relay Wizard's check after the reload would fail too. Give the listeners on "
            "that port distinct addresses (or mark one optional, M=O) first.",
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
            f"The change would make sendmail listen on {a.where()} and on {b.where()} "
            f"({a.family} and {b.family}) at once, which Linux refuses: sendmail would not "
            "start. Relay Wizard does not make that change; give the listeners on that port "
            "distinct addresses first.",
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


# --------------------------------------------------------------------------- checks


def checks(state: ServerState, options: RelayOptions, mcplan: McPlan) -> list[Check]:
    """What must hold for the plan (errors block it) and what the admin should know,
    beyond what :func:`plan_mc` found in the file itself."""
    r = state.report
    o = options
    new_mc = mcplan.after
    out: list[Check] = []

    def add(id_: str, level: CheckLevel, message: str) -> None:
        out.append(Check(id_, level, message))

    if not r.sendmail.sasl:
        add("no_sasl", CheckLevel.ERROR, no_sasl_advice(r.sendmail.layout))
    if r.sendmail.layout == "freebsd":
        add(
            "layout_apply",
            CheckLevel.ERROR,
            "Relay Wizard applies changes on Linux only so far: on FreeBSD its reload check "
            "cannot see sendmail's listeners, so an apply would be rolled back. Use the plan "
            "as a guide and make the change by hand (make -C /etc/mail install restart).",
        )
    if o.profile == "modern" and not r.sendmail.starttls:
        add(
            "no_starttls",
            CheckLevel.ERROR,
            "This sendmail was built without STARTTLS, which the modern profile needs. "
            "Use the classic profile, or a sendmail built with STARTTLS.",
        )
    if not state.mc_text.strip():
        add("no_mc", CheckLevel.ERROR, f"There is no {state.mc_path} to edit.")
    if new_mc != state.mc_text and not build_command(new_mc, state.mc_path, r.sendmail.cf_dir):
        add(
            "no_m4",
            CheckLevel.ERROR,
            "sendmail.cf cannot be built here: the m4 macros (sendmail-cf) are missing. "
            "Install the sendmail-cf package (and m4).",
        )
    missing = [m for m in mcplan.trusted_added if r.sasl.plugins and m not in r.sasl.plugins]
    if missing:
        add(
            "no_plugin",
            CheckLevel.ERROR,
            f"No SASL plugin for {', '.join(missing)} is installed on the server. Install "
            f"{PLUGIN_PACKAGES}.",
        )
    mc = McFile.parse(new_mc)
    weak = [m for m in mcplan.trusted_added if m in ("PLAIN", "LOGIN")]
    auth_opts = _auth_flags(mc.defines().get("confAUTH_OPTIONS", ""))
    if weak and (o.profile != "modern" or "p" not in auth_opts):
        add(
            "plaintext",
            CheckLevel.WARNING,
            f"{' and '.join(weak)} would send passwords readable on the way unless TLS and "
            "AuthOptions 'p' are set.",
        )
    if new_mc != state.mc_text and any(inc.endswith("/sasl.m4") for inc in mc.includes()):
        add(
            "sasl_m4",
            CheckLevel.WARNING,
            "sendmail.mc includes Debian's sasl.m4, which trusts more mechanisms (DIGEST-MD5 "
            "CRAM-MD5 NTLM LOGIN PLAIN by default). The settings Relay Wizard adds come after "
            "it and decide what is offered; the extra trusted ones are never offered.",
        )
    for line in r.access_relay:
        add(
            "access_relay",
            CheckLevel.WARNING,
            f"The access database line '{line}' lets that network or domain relay without "
            "a login. Relay Wizard leaves it; remove it unless those hosts are yours.",
        )
    for line in r.access_to_relay:
        add(
            "access_to_relay",
            CheckLevel.WARNING,
            f"The access database line '{line}' lets anyone relay mail to that whole "
            "destination without a login. Relay Wizard leaves it; narrow it to the domains "
            "this server is a backup for.",
        )
    for entry in r.relay_domains:
        add(
            "relay_domains",
            CheckLevel.WARNING,
            f"/etc/mail/relay-domains lets '{entry}' relay without a login. Relay Wizard "
            "leaves it; remove it unless those hosts are yours.",
        )
    if (
        o.profile == "modern"
        and not mcplan.uses_own_tls
        and not mcplan.nothing_to_do
        and not mcplan.refused
    ):
        out.extend(_tls_checks(state, o))
    if not r.realm:
        add(
            "no_realm",
            CheckLevel.ERROR,
            "sendmail's own name ($j) could not be read: mail accounts need it as realm.",
        )
    return out


def _tls_checks(state: ServerState, o: RelayOptions) -> list[Check]:
    out: list[Check] = []
    cert, key, ca = tls_paths(o, state.files)
    if not cert:
        if McEditor(state.mc_text).includes("/starttls.m4"):
            return out
        out.append(
            Check(
                "no_cert",
                CheckLevel.ERROR,
                "No certificate for STARTTLS was found on the server. Give the paths of a "
                "certificate and its key (--cert, --key).",
            )
        )
        return out
    for label, path in (("certificate", cert), ("key", key), ("CA certificate", ca)):
        facts = state.files.get(path, FileFacts(path, False))
        if not facts.exists:
            out.append(
                Check(
                    "tls_missing",
                    CheckLevel.ERROR,
                    f"The {label} {path} does not exist on the server.",
                )
            )
        elif not facts.valid:
            what = "a readable, unexpired certificate" if label != "key" else "a private key"
            out.append(
                Check(
                    "tls_invalid", CheckLevel.ERROR, f"{path} is not {what} (checked with openssl)."
                )
            )
    kf = state.files.get(key)
    cf = state.files.get(cert)
    if kf and kf.exists:
        if kf.mode & 0o007:
            out.append(
                Check(
                    "key_world_readable",
                    CheckLevel.ERROR,
                    f"The key {key} is readable by every user (mode {kf.mode:o}): sendmail "
                    f"refuses it and silently stops offering STARTTLS. Run chmod 600 {key} (or "
                    "640 with group smmsp) on the server.",
                )
            )
        elif kf.owner != "root":
            out.append(
                Check(
                    "key_owner",
                    CheckLevel.ERROR,
                    f"The key {key} belongs to {kf.owner}, not root: sendmail refuses it. "
                    f"Run chown root {key} on the server.",
                )
            )
    if kf and cf and kf.valid and cf.valid and kf.pubkey and cf.pubkey and kf.pubkey != cf.pubkey:
        out.append(
            Check(
                "key_mismatch",
                CheckLevel.ERROR,
                f"The key {key} does not belong to the certificate {cert}.",
            )
        )
    if cf and cf.valid and cf.subject:
        out.append(Check("tls_cert", CheckLevel.OK, f"STARTTLS will use {cert} ({cf.subject})."))
    return out


# --------------------------------------------------------------------------- the plan


def plan_state_mc(state: ServerState, options: RelayOptions) -> McPlan:
    """The .mc part of the plan for ``state``: the one place its inputs are chosen."""
    o = options.validated()
    r = state.report
    tls = tls_paths(o, state.files) if o.profile == "modern" else ("", "", "")
    key_facts = state.files.get(tls[1])
    return plan_mc(
        state.mc_text,
        o,
        tls,
        key_facts.mode if key_facts else 0,
        path=state.mc_path or "sendmail.mc",
        host=r.host,
        ca_path=CA_PATHS.get(r.sendmail.layout, "/etc/ssl/certs"),
        v6only={"freebsd": True, "debian": False, "rhel": False}.get(r.sendmail.layout),
        trusted=r.auth.trusted,
        offered=r.auth.configured_mechanisms,
        available=r.sasl.plugins or None,
    )


def plan_mc_editor(state: ServerState, options: RelayOptions) -> McEditor:
    """The .mc edits of the plan for ``state`` (see :func:`plan_state_mc`)."""
    return plan_state_mc(state, options).editor


def make_plan(state: ServerState, options: RelayOptions, restart: str) -> Plan:
    """The whole plan. ``restart`` is the command that makes sendmail reload its config."""
    o = options.validated()
    r = state.report
    mcplan = plan_state_mc(state, o)
    new_mc = mcplan.after
    found = [*mcplan.checks, *checks(state, o, mcplan)]
    changes: list[FileChange] = []
    if mcplan.refused:
        return Plan(o, (), (), tuple(found), (), "")
    if new_mc != state.mc_text:
        changes.append(FileChange(state.mc_path, state.mc_text, new_mc))
    plaintext_added = [m for m in mcplan.trusted_added if m in ("PLAIN", "LOGIN")]
    if plaintext_added and state.sasl_conf_path:
        new_conf = edit_sasl_conf(state.sasl_conf_text, o.mechanisms)
        if new_conf != state.sasl_conf_text:
            changes.append(FileChange(state.sasl_conf_path, state.sasl_conf_text, new_conf))
    elif plaintext_added:
        found.append(
            Check(
                "no_sasl_conf",
                CheckLevel.ERROR,
                "sendmail's SASL config (Sendmail.conf) was not found, so PLAIN and LOGIN "
                "cannot be pointed at the sasldb. Install sasl2-bin (Debian) or cyrus-sasl.",
            )
        )
    elif (
        changes
        and parse_sasl_conf(state.sasl_conf_text).get("pwcheck_method") == "saslauthd"
        and not any(m in ("PLAIN", "LOGIN") for m in mcplan.trusted_after)
    ):
        found.append(
            Check(
                "saslauthd_kept",
                CheckLevel.OK,
                "CRAM-MD5 and DIGEST-MD5 check passwords in the sasldb, whatever "
                "pwcheck_method says: the SASL config stays as it is.",
            )
        )
    elif parse_sasl_conf(state.sasl_conf_text).get("pwcheck_method") == "saslauthd" and any(
        m in ("PLAIN", "LOGIN") for m in mcplan.trusted_before
    ):
        found.append(
            Check(
                "password_check_kept",
                CheckLevel.OK,
                f"PLAIN and LOGIN keep checking passwords the way they do today (saslauthd, "
                f"{state.sasl_conf_path}): the SASL config stays as it is.",
            )
        )
    build = build_command(new_mc, state.mc_path, r.sendmail.cf_dir)
    steps: list[Step] = []
    if changes:
        paths = [c.path for c in changes]
        steps.append(
            Step(
                "Back up every file this changes, with a journal for rollback",
                (
                    "mkdir -p /var/lib/relay-wizard/journal/ID/files",
                    *(
                        f"cp -p {shlex.quote(p)} /var/lib/relay-wizard/journal/ID/files/"
                        for p in [*paths, r.sendmail.cf_path]
                    ),
                ),
            )
        )
        steps.append(
            Step(
                "Build the new sendmail.cf in a temporary file and check it",
                (
                    f"cd {shlex.quote(state.mc_path.rpartition('/')[0] or '/')} && {build} NEW.mc > NEW.cf",
                    "sendmail -C NEW.cf -d0.1 -bt < /dev/null",
                ),
            )
        )
        steps.append(
            Step(
                "Write the files (temporary file in the same directory, then rename; owner and "
                "mode kept)",
                tuple(f"install {p}" for p in [*paths, r.sendmail.cf_path]),
                tuple(c.diff for c in changes),
            )
        )
        steps.append(Step("Make sendmail load the new configuration", (restart,)))
        steps.append(
            Step(
                "Verify from this computer: listeners, AUTH offered, relaying without login "
                "refused; roll back on any failure",
            )
        )
    return Plan(
        o, tuple(changes), tuple(steps), tuple(found), expectations(new_mc, o, r.host), build
    )


def expectations(new_mc: str, o: RelayOptions, host: str = "") -> tuple[ExpectedPort, ...]:
    """What verify checks from outside, on each listener of the profile that staff reach:
    every address, or the one ``host`` (the address Relay Wizard connects to)."""
    out: dict[int, ExpectedPort] = {}
    mechs = tuple(o.mechanisms)
    for lst in effective_daemons(McFile.parse(new_mc)):
        if not lst.reachable or lst.auth_off:
            continue
        if not lst.wildcard and lst.address != host:
            continue
        tls = "s" in lst.modifiers
        if lst.port == 25 and (o.profile == "classic" or o.open_smtp) and not tls:
            security: Literal["none", "starttls", "tls"] = (
                "starttls" if o.profile == "modern" else "none"
            )
            out.setdefault(25, ExpectedPort(25, security, mechs, o.profile == "classic", False))
        elif lst.port == 587 and o.profile == "modern" and not tls:
            out.setdefault(587, ExpectedPort(587, "starttls", mechs, False, "a" in lst.modifiers))
        elif tls and o.profile == "modern" and (o.smtps or lst.port == 465):
            out.setdefault(
                lst.port, ExpectedPort(lst.port, "tls", mechs, True, "a" in lst.modifiers)
            )
    return tuple(out.values())
