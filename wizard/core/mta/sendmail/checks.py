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
from wizard.core.translatable import QT_TRANSLATE_NOOP, both

if TYPE_CHECKING:
    from wizard.core.change.options import RelayOptions

PLUGIN_PACKAGES = QT_TRANSLATE_NOOP(
    "Checks", "libsasl2-modules (Debian/Ubuntu) or cyrus-sasl-plain / cyrus-sasl-md5 (RHEL)"
)


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
            QT_TRANSLATE_NOOP(
                "Checks",
                "Relay Wizard applies changes on Linux only so far: on FreeBSD its reload check "
                "cannot see sendmail's listeners, so an apply would be rolled back. Use the plan "
                "as a guide and make the change by hand (make -C /etc/mail install restart).",
            ),
        )
    if o.profile == "modern" and not r.sendmail.starttls:
        add(
            "no_starttls",
            CheckLevel.ERROR,
            QT_TRANSLATE_NOOP(
                "Checks",
                "This sendmail cannot encrypt connections, which the modern profile needs. "
                "Use the classic profile, or a sendmail that can.",
            ),
            QT_TRANSLATE_NOOP("Findings", "It was built without STARTTLS."),
        )
    if not state.mc_text.strip():
        add(
            "no_mc",
            CheckLevel.ERROR,
            QT_TRANSLATE_NOOP("Findings", "There is no {path} to edit.").format(path=state.mc_path),
        )
    if new_mc != state.mc_text and not build_command(new_mc, state.mc_path, r.sendmail.cf_dir):
        add(
            "no_m4",
            CheckLevel.ERROR,
            QT_TRANSLATE_NOOP(
                "Checks",
                "sendmail's configuration cannot be rebuilt on this server because a package is "
                "missing. Install the sendmail-cf package (and m4).",
            ),
            QT_TRANSLATE_NOOP(
                "Checks", "The m4 macros (sendmail-cf) that build sendmail.cf are missing."
            ),
        )
    missing = [m for m in mcplan.trusted_added if r.sasl.plugins and m not in r.sasl.plugins]
    if missing:
        add(
            "no_plugin",
            CheckLevel.ERROR,
            QT_TRANSLATE_NOOP(
                "Checks",
                "The server cannot check {methods} logins: the part that does is not "
                "installed. Install {packages}.",
            ).format(methods=", ".join(missing), packages=PLUGIN_PACKAGES),
            QT_TRANSLATE_NOOP("Checks", "No SASL plugin for {methods} is installed.").format(
                methods=", ".join(missing)
            ),
        )
    mc = McFile.parse(new_mc)
    weak = [m for m in mcplan.trusted_added if m in ("PLAIN", "LOGIN")]
    auth_opts = auth_flags(mc.defines().get("confAUTH_OPTIONS", ""))
    if weak and (o.profile != "modern" or "p" not in auth_opts):
        add(
            "plaintext",
            CheckLevel.WARNING,
            QT_TRANSLATE_NOOP(
                "Checks",
                "Passwords would cross the network readable by anyone on the way, unless the "
                "connection is encrypted.",
            ),
            QT_TRANSLATE_NOOP(
                "Checks",
                "{methods} send the password as it is typed; safe only with STARTTLS and "
                "AuthOptions 'p'.",
            ).format(methods=both(weak)),
        )
    if new_mc != state.mc_text and any(inc.endswith("/sasl.m4") for inc in mc.includes()):
        add(
            "sasl_m4",
            CheckLevel.WARNING,
            QT_TRANSLATE_NOOP(
                "Checks",
                "Debian's own login settings are also in the configuration. Relay Wizard's "
                "settings come after them and decide which login methods are offered.",
            ),
            QT_TRANSLATE_NOOP(
                "Checks",
                "sendmail.mc includes Debian's sasl.m4, which trusts more mechanisms (DIGEST-MD5 "
                "CRAM-MD5 NTLM LOGIN PLAIN by default); the extra trusted ones are never offered.",
            ),
        )
    # what lets mail through without a login, left as the admin set it (each entry named)
    leaves = (
        (
            "access_relay",
            r.access_relay,
            QT_TRANSLATE_NOOP(
                "Checks",
                "Computers matching '{line}' may send mail through the server without a login. "
                "Relay Wizard leaves this; remove it unless those computers are yours.",
            ),
            QT_TRANSLATE_NOOP("Checks", "A RELAY line in the access database: {line}."),
        ),
        (
            "access_to_relay",
            r.access_to_relay,
            QT_TRANSLATE_NOOP(
                "Checks",
                "Anyone may send mail to '{line}' through the server without a login. Relay "
                "Wizard leaves this; narrow it to the domains this server is a backup for.",
            ),
            QT_TRANSLATE_NOOP("Checks", "A To: RELAY line in the access database: {line}."),
        ),
        (
            "relay_domains",
            r.relay_domains,
            QT_TRANSLATE_NOOP(
                "Checks",
                "Computers in '{entry}' may send mail through the server without a login. Relay "
                "Wizard leaves this; remove it unless those computers are yours.",
            ),
            QT_TRANSLATE_NOOP("Checks", "The entry is in /etc/mail/relay-domains: {entry}."),
        ),
    )
    for check_id, entries, message, detail in leaves:
        for entry in entries:
            add(
                check_id,
                CheckLevel.WARNING,
                message.format(line=entry, entry=entry),
                detail.format(line=entry, entry=entry),
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
            QT_TRANSLATE_NOOP(
                "Checks",
                "The mail server's own name could not be read: mail accounts are made for it.",
            ),
            QT_TRANSLATE_NOOP(
                "Checks", "sendmail's own name ($j) is the SASL realm of the accounts."
            ),
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
                QT_TRANSLATE_NOOP(
                    "Checks",
                    "No certificate for STARTTLS was found on the server. Give the paths of a "
                    "certificate and its key on the server.",
                ),
            )
        )
        return out
    missing_texts = (
        QT_TRANSLATE_NOOP("Checks", "The certificate {path} does not exist on the server."),
        QT_TRANSLATE_NOOP("Checks", "The key {path} does not exist on the server."),
        QT_TRANSLATE_NOOP("Checks", "The CA certificate {path} does not exist on the server."),
    )
    for (label, path), missing in zip(
        (("certificate", cert), ("key", key), ("CA certificate", ca)), missing_texts, strict=True
    ):
        facts = state.files.get(path, FileFacts(path, False))
        if not facts.exists:
            out.append(Check("tls_missing", CheckLevel.ERROR, missing.format(path=path)))
        elif not facts.valid:
            invalid = (
                QT_TRANSLATE_NOOP("Checks", "{path} is not a private key (checked with openssl).")
                if label == "key"
                else QT_TRANSLATE_NOOP(
                    "Checks",
                    "{path} is not a readable, unexpired certificate (checked with openssl).",
                )
            )
            out.append(Check("tls_invalid", CheckLevel.ERROR, invalid.format(path=path)))
    kf = state.files.get(key)
    cf = state.files.get(cert)
    if kf and kf.exists:
        if kf.mode & 0o007:
            out.append(
                Check(
                    "key_world_readable",
                    CheckLevel.ERROR,
                    QT_TRANSLATE_NOOP(
                        "Checks",
                        "The key {key} is readable by every user (mode {mode}): sendmail refuses "
                        "it and silently stops offering STARTTLS. Run chmod 600 {key} (or 640 "
                        "with group smmsp) on the server.",
                    ).format(key=key, mode=f"{kf.mode:o}"),
                )
            )
        elif kf.owner != "root":
            out.append(
                Check(
                    "key_owner",
                    CheckLevel.ERROR,
                    QT_TRANSLATE_NOOP(
                        "Checks",
                        "The key {key} belongs to {owner}, not root: sendmail refuses it. Run "
                        "chown root {key} on the server.",
                    ).format(key=key, owner=kf.owner),
                )
            )
    if kf and cf and kf.valid and cf.valid and kf.pubkey and cf.pubkey and kf.pubkey != cf.pubkey:
        out.append(
            Check(
                "key_mismatch",
                CheckLevel.ERROR,
                QT_TRANSLATE_NOOP(
                    "Checks", "The key {key} does not belong to the certificate {cert}."
                ).format(key=key, cert=cert),
            )
        )
    if cf and cf.valid and cf.subject:
        out.append(
            Check(
                "tls_cert",
                CheckLevel.OK,
                QT_TRANSLATE_NOOP("Checks", "STARTTLS will use {cert} ({subject}).").format(
                    cert=cert, subject=cf.subject
                ),
            )
        )
    return out
