"""The relay profiles, the checks before planning, and the plan itself. Pure: no I/O.

A plan is computed from a :class:`ServerState` (what the server has, read once over
SSH by :func:`wizard.core.apply.read_state`) and :class:`RelayOptions` (what the admin
chose). It holds the new content of each file that must change with a unified diff,
the commands apply will run, the checks (errors block the apply), and what verify must
then find. Planning the result of a plan again gives an empty plan.
"""

from __future__ import annotations

import difflib
import shlex
from collections.abc import Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Literal

from wizard.core.errors import UsageError
from wizard.core.inspection import ServerReport
from wizard.core.mc import RELAY_OPENING_FEATURES, Listener, McFile
from wizard.core.mcedit import McEditor
from wizard.core.saslconf import edit_sasl_conf, parse_sasl_conf
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
        mechs = tuple(m.strip().upper() for m in self.mechanisms if m.strip())
        mechs = tuple(dict.fromkeys(mechs)) or DEFAULT_MECHANISMS[self.profile]
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
        return RelayOptions(
            self.profile,
            mechs,
            self.open_smtp,
            self.smtps,
            self.cert_file,
            self.key_file,
            self.ca_file,
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


def _flags(value: str) -> set[str]:
    return set(value.replace(",", " ").split())


def _mechs_equal(current: str, wanted: Sequence[str]) -> bool:
    return set(current.split()) == set(wanted)


def tls_paths(options: RelayOptions, state_files: dict[str, FileFacts]) -> tuple[str, str, str]:
    """(certificate, key, CA) to use: the admin's, else the distribution's that exists."""
    if options.cert_file:
        return options.cert_file, options.key_file, options.ca_file or options.cert_file
    for cert, key in CERT_CANDIDATES:
        if state_files.get(cert, FileFacts(cert, False)).exists:
            return cert, key, options.ca_file or cert
    return "", "", ""


def edit_mc(
    text: str, options: RelayOptions, tls: tuple[str, str, str] = ("", "", ""), key_mode: int = 0
) -> str:
    """The .mc with the profile applied; unchanged bytes everywhere else. Pure."""
    return mc_editor(text, options, tls, key_mode).result()


def mc_editor(
    text: str, options: RelayOptions, tls: tuple[str, str, str] = ("", "", ""), key_mode: int = 0
) -> McEditor:
    """The editor holding the profile's edits of ``text``: :meth:`McEditor.result` gives
    the new .mc, :meth:`McEditor.operations` the same edits as line operations."""
    o = options
    ed = McEditor(text)
    mechs = list(o.mechanisms)
    daemons = ed.live_daemons()
    had_daemons = bool(daemons)
    if o.profile == "classic" or o.open_smtp:
        mta = [(c, lst) for c, lst in daemons if lst.port == 25 and lst.family == "inet"]
        for call, lst in mta:
            if lst.address:
                ed.edit_listener(call, drop_addr=True)
        if not mta and had_daemons:
            ed.add_listener("Family=inet, Name=MTA, Port=smtp")
    if o.profile == "modern":
        msa = [(c, lst) for c, lst in daemons if lst.port == 587 and lst.family == "inet"]
        if not had_daemons:
            # No DAEMON_OPTIONS means sendmail's defaults (MTA on 25, MSA on 587 with M=E):
            # naming one listener drops the defaults, so name the MTA too.
            ed.add_listener("Name=MTA, Port=smtp")
        for call, lst in msa:
            want = "".join(dict.fromkeys(lst.modifiers + "Ea"))
            ed.edit_listener(
                call, drop_addr=bool(lst.address), modifiers=None if want == lst.modifiers else want
            )
        if not msa:
            ed.add_listener("Family=inet, Name=MSA, Port=submission, M=Ea")
            ed.add_feature("no_default_msa")
        if o.smtps and not [lst for _, lst in daemons if lst.port == 465]:
            ed.add_listener("Family=inet, Name=SMTPS, Port=smtps, M=Eas")
        if not ed.includes("/starttls.m4") or o.cert_file:
            cert, key, ca = tls
            defines = ed.mc.defines()
            for name, value in (
                ("confSERVER_CERT", cert),
                ("confSERVER_KEY", key),
                ("confCACERT", ca),
                ("confCACERT_PATH", "/etc/ssl/certs"),
            ):
                if value:
                    ed.set_define(name, value, same=defines.get(name) == value)
            if key_mode & 0o040:
                current = defines.get("confDONT_BLAME_SENDMAIL", "")
                if "GroupReadableKeyFile" not in current:
                    merged = ",".join(p for p in (current, "GroupReadableKeyFile") if p)
                    ed.set_define("confDONT_BLAME_SENDMAIL", merged)
        options_now = ed.mc.defines().get("confAUTH_OPTIONS", "")
        ed.set_define("confAUTH_OPTIONS", "A p y", same=_flags(options_now) == {"A", "p", "y"})
    now = ed.mc.defines().get("confAUTH_MECHANISMS")
    ed.set_define(
        "confAUTH_MECHANISMS",
        " ".join(mechs),
        same=now is not None and _mechs_equal(now, mechs),
    )
    ed.set_trust_auth_mech(mechs)
    return ed


def build_command(mc_text: str, mc_path: str, cf_dir: str) -> str:
    """How to build a .cf from this .mc: plain m4 when it includes cf.m4 itself."""
    if any(inc.endswith("/cf.m4") for inc in McFile.parse(mc_text).includes()):
        return "m4"
    if cf_dir:
        return shlex.join(["m4", f"-D_CF_DIR_={cf_dir}/", f"{cf_dir}/m4/cf.m4"])
    return ""


# --------------------------------------------------------------------------- checks


def checks(state: ServerState, options: RelayOptions, new_mc: str) -> list[Check]:
    r = state.report
    o = options
    out: list[Check] = []

    def add(id_: str, level: CheckLevel, message: str) -> None:
        out.append(Check(id_, level, message))

    if not r.sendmail.sasl:
        add(
            "no_sasl",
            CheckLevel.ERROR,
            "This sendmail was built without SASL: it cannot ask for a login. Install a "
            "sendmail package built with SASLv2.",
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
    if not build_command(new_mc, state.mc_path, r.sendmail.cf_dir):
        add(
            "no_m4",
            CheckLevel.ERROR,
            "sendmail.cf cannot be built here: the m4 macros (sendmail-cf) are missing. "
            "Install the sendmail-cf package (and m4).",
        )
    missing = [m for m in o.mechanisms if m not in r.sasl.plugins]
    if missing:
        add(
            "no_plugin",
            CheckLevel.ERROR,
            f"No SASL plugin for {', '.join(missing)} is installed on the server. Install "
            f"{PLUGIN_PACKAGES}.",
        )
    mc = McFile.parse(new_mc)
    advertised = (mc.defines().get("confAUTH_MECHANISMS") or "").split()
    trusted = mc.trusted_mechanisms()
    untrusted = [m for m in advertised if m not in trusted]
    if untrusted:
        add(
            "advertised_not_trusted",
            CheckLevel.ERROR,
            f"{' '.join(untrusted)} would be offered but not trusted for relaying "
            "(TRUST_AUTH_MECH): users logging in that way could not send.",
        )
    weak = [m for m in o.mechanisms if m in ("PLAIN", "LOGIN")]
    auth_opts = _flags(mc.defines().get("confAUTH_OPTIONS", ""))
    if weak and (o.profile != "modern" or "p" not in auth_opts):
        add(
            "plaintext",
            CheckLevel.WARNING,
            f"{' and '.join(weak)} would send passwords readable on the way unless TLS and "
            "AuthOptions 'p' are set.",
        )
    for feat in McFile.parse(state.mc_text).features():
        if feat in RELAY_OPENING_FEATURES:
            call = next(c for c in McFile.parse(state.mc_text).live("FEATURE") if c.args[0] == feat)
            add(
                f"feature_{feat}",
                CheckLevel.WARNING,
                f"Line {call.line} of {state.mc_path}, FEATURE(`{feat}'), "
                f"{RELAY_OPENING_FEATURES[feat]}. Relay Wizard leaves it; remove it unless you "
                "need it.",
            )
    if any(inc.endswith("/sasl.m4") for inc in mc.includes()):
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
            "login. Relay Wizard leaves it; remove it unless those hosts are yours.",
        )
    if o.profile == "modern":
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


def plan_mc_editor(state: ServerState, options: RelayOptions) -> McEditor:
    """The .mc edits of the plan for ``state``: the one place their inputs are chosen."""
    o = options.validated()
    tls = tls_paths(o, state.files) if o.profile == "modern" else ("", "", "")
    key_facts = state.files.get(tls[1])
    return mc_editor(state.mc_text, o, tls, key_facts.mode if key_facts else 0)


def make_plan(state: ServerState, options: RelayOptions, restart: str) -> Plan:
    """The whole plan. ``restart`` is the command that makes sendmail reload its config."""
    o = options.validated()
    r = state.report
    new_mc = plan_mc_editor(state, o).result()
    found = checks(state, o, new_mc)
    changes: list[FileChange] = []
    if new_mc != state.mc_text:
        changes.append(FileChange(state.mc_path, state.mc_text, new_mc))
    if o.profile == "modern" and state.sasl_conf_path:
        new_conf = edit_sasl_conf(state.sasl_conf_text, o.mechanisms)
        if new_conf != state.sasl_conf_text:
            changes.append(FileChange(state.sasl_conf_path, state.sasl_conf_text, new_conf))
    elif o.profile == "modern":
        found.append(
            Check(
                "no_sasl_conf",
                CheckLevel.ERROR,
                "sendmail's SASL config (Sendmail.conf) was not found, so PLAIN and LOGIN "
                "cannot be pointed at the sasldb. Install sasl2-bin (Debian) or cyrus-sasl.",
            )
        )
    elif parse_sasl_conf(state.sasl_conf_text).get("pwcheck_method") == "saslauthd":
        found.append(
            Check(
                "saslauthd_kept",
                CheckLevel.OK,
                "CRAM-MD5 and DIGEST-MD5 check passwords in the sasldb, whatever "
                "pwcheck_method says: the SASL config stays as it is.",
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
    return Plan(o, tuple(changes), tuple(steps), tuple(found), expectations(new_mc, o), build)


def expectations(new_mc: str, o: RelayOptions) -> tuple[ExpectedPort, ...]:
    """What verify checks from outside, on each listener open to the network."""
    out: list[ExpectedPort] = []
    mc = McFile.parse(new_mc)
    # No DAEMON_OPTIONS at all: sendmail's default MTA listens on port 25 everywhere.
    listeners = mc.listeners() or [Listener(name="MTA", port=25, address="")]
    mechs = tuple(o.mechanisms)
    for lst in listeners:
        if lst.loopback_only or lst.family != "inet" or lst.address:
            continue
        if lst.port == 25 and (o.profile == "classic" or o.open_smtp):
            security: Literal["none", "starttls", "tls"] = (
                "starttls" if o.profile == "modern" else "none"
            )
            out.append(ExpectedPort(25, security, mechs, o.profile == "classic", False))
        elif lst.port == 587 and o.profile == "modern":
            out.append(ExpectedPort(587, "starttls", mechs, False, "a" in lst.modifiers))
        elif lst.port == 465 and o.profile == "modern" and o.smtps:
            out.append(ExpectedPort(465, "tls", mechs, True, "a" in lst.modifiers))
    return tuple(out)
