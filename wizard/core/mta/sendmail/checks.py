"""The checks of a sendmail plan beyond the .mc itself: what the server must have (SASL,
STARTTLS, m4, the plugins), what the admin should know (relaying the access database or
relay-domains allows) and the TLS files the modern profile uses. Pure: no I/O.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from wizard.core.change.plan import Check, CheckLevel
from wizard.core.mta.sendmail.layout import no_sasl_advice
from wizard.core.mta.sendmail.mc import McFile
from wizard.core.mta.sendmail.mcedit import McEditor
from wizard.core.mta.sendmail.mcplan import McPlan, auth_flags, build_command
from wizard.core.mta.sendmail.state import CERT_CANDIDATES, FileFacts, ServerState

if TYPE_CHECKING:
    from wizard.core.change.options import RelayOptions

PLUGIN_PACKAGES = "libsasl2-modules (Debian/Ubuntu) or cyrus-sasl-plain / cyrus-sasl-md5 (RHEL)"


def tls_paths(options: RelayOptions, state_files: dict[str, FileFacts]) -> tuple[str, str, str]:
    """(certificate, key, CA) to use: the admin's, else the distribution's that exists."""
    if options.cert_file:
        return options.cert_file, options.key_file, options.ca_file or options.cert_file
    for cert, key in CERT_CANDIDATES:
        if state_files.get(cert, FileFacts(cert, False)).exists:
            return cert, key, options.ca_file or cert
    return "", "", ""


def checks(state: ServerState, options: RelayOptions, mcplan: McPlan) -> list[Check]:
    """What must hold for the plan (errors block it) and what the admin should know,
    beyond what :func:`plan_mc` found in the file itself."""
    r = state.report
    o = options
    new_mc = mcplan.after
    out: list[Check] = []

    def add(id_: str, level: CheckLevel, message: str, detail: str = "") -> None:
        out.append(Check(id_, level, message, detail))

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
            "This sendmail cannot encrypt connections, which the modern profile needs. "
            "Use the classic profile, or a sendmail that can.",
            "It was built without STARTTLS.",
        )
    if not state.mc_text.strip():
        add("no_mc", CheckLevel.ERROR, f"There is no {state.mc_path} to edit.")
    if new_mc != state.mc_text and not build_command(new_mc, state.mc_path, r.sendmail.cf_dir):
        add(
            "no_m4",
            CheckLevel.ERROR,
            "sendmail's configuration cannot be rebuilt on this server because a package is "
            "missing. Install the sendmail-cf package (and m4).",
            "The m4 macros (sendmail-cf) that build sendmail.cf are missing.",
        )
    missing = [m for m in mcplan.trusted_added if r.sasl.plugins and m not in r.sasl.plugins]
    if missing:
        add(
            "no_plugin",
            CheckLevel.ERROR,
            f"The server cannot check {', '.join(missing)} logins: the part that does is not "
            f"installed. Install {PLUGIN_PACKAGES}.",
            f"No SASL plugin for {', '.join(missing)} is installed.",
        )
    mc = McFile.parse(new_mc)
    weak = [m for m in mcplan.trusted_added if m in ("PLAIN", "LOGIN")]
    auth_opts = auth_flags(mc.defines().get("confAUTH_OPTIONS", ""))
    if weak and (o.profile != "modern" or "p" not in auth_opts):
        add(
            "plaintext",
            CheckLevel.WARNING,
            "Passwords would cross the network readable by anyone on the way, unless the "
            "connection is encrypted.",
            f"{' and '.join(weak)} send the password as it is typed; safe only with STARTTLS "
            "and AuthOptions 'p'.",
        )
    if new_mc != state.mc_text and any(inc.endswith("/sasl.m4") for inc in mc.includes()):
        add(
            "sasl_m4",
            CheckLevel.WARNING,
            "Debian's own login settings are also in the configuration. Relay Wizard's "
            "settings come after them and decide which login methods are offered.",
            "sendmail.mc includes Debian's sasl.m4, which trusts more mechanisms (DIGEST-MD5 "
            "CRAM-MD5 NTLM LOGIN PLAIN by default); the extra trusted ones are never offered.",
        )
    for line in r.access_relay:
        add(
            "access_relay",
            CheckLevel.WARNING,
            f"Computers matching '{line}' may send mail through the server without a login. "
            "Relay Wizard leaves this; remove it unless those computers are yours.",
            f"A RELAY line in the access database: {line}.",
        )
    for line in r.access_to_relay:
        add(
            "access_to_relay",
            CheckLevel.WARNING,
            f"Anyone may send mail to '{line}' through the server without a login. Relay "
            "Wizard leaves this; narrow it to the domains this server is a backup for.",
            f"A To: RELAY line in the access database: {line}.",
        )
    for entry in r.relay_domains:
        add(
            "relay_domains",
            CheckLevel.WARNING,
            f"Computers in '{entry}' may send mail through the server without a login. Relay "
            "Wizard leaves this; remove it unless those computers are yours.",
            f"The entry is in /etc/mail/relay-domains: {entry}.",
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
            "The mail server's own name could not be read: mail accounts are made for it.",
            "sendmail's own name ($j) is the SASL realm of the accounts.",
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
                "certificate and its key on the server.",
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
