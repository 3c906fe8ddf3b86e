"""What planning needs from a sendmail server, read in one round trip.

:func:`read_state` runs the inspection (wizard/core/remote/scripts/inspect.sh) plus
``state.sh``: the exact bytes of the .mc and of the SASL config, facts about the TLS files,
the newest journal and the daemon. :class:`ServerState` is what the plan is made from,
:class:`Remote` the facts beyond it (journal, daemon, who may relay).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from wizard.core.guard import GuardState
from wizard.core.guard.certificates import HOOK
from wizard.core.guard.protection import JAIL, JAIL_PATH, admin_address
from wizard.core.mail.vantage import RelayConfig
from wizard.core.mta.report import Socket
from wizard.core.mta.sendmail.inspect_parse import build_report
from wizard.core.mta.sendmail.inspection import collect
from wizard.core.mta.sendmail.layout import MC_PATH
from wizard.core.remote.sections import ProtocolError, b64_strict

if TYPE_CHECKING:
    import threading

    from wizard.core.change.options import RelayOptions
    from wizard.core.mta.report import ServerReport
    from wizard.core.remote.session import SshSession

Progress = Callable[[str], None]

# Where distributions keep a ready certificate for sendmail, first match wins.
CERT_CANDIDATES = (
    ("/etc/mail/tls/sendmail-server.crt", "/etc/mail/tls/sendmail-common.key"),  # Debian
    ("/etc/pki/tls/certs/sendmail.pem", "/etc/pki/tls/private/sendmail.key"),  # RHEL/Fedora
)
# Where each layout keeps the trusted CA certificates (confCACERT_PATH).
CA_PATHS = {"rhel": "/etc/pki/tls/certs", "freebsd": "/etc/ssl/certs"}
# Debian's sendmail-common.key is root:smmsp 0640: an offline plan (a local .mc file, a playbook
# from a local copy) that assumes Debian's certificate assumes this mode too.
DEBIAN_KEY_MODE = 0o640


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


def file_facts(path: str, section: str) -> FileFacts:
    """A TLS file as a state script's ``file-N`` section describes it (lib.sh tls_file)."""
    lines = section.splitlines() or ["missing"]
    if lines[0] == "missing":
        return FileFacts(path, False)
    owner, group, mode = ([*lines[0].split(), "", "", "0"])[:3]
    kind = lines[1] if len(lines) > 1 else "invalid"
    return FileFacts(
        path,
        True,
        owner,
        group,
        int(mode, 8) if mode.isdigit() else 0,
        kind in ("cert", "key"),
        lines[3] if len(lines) > 3 and kind != "invalid" else "",
        lines[2].strip() if len(lines) > 2 and kind == "cert" else "",
    )


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
    guard: GuardState = field(default_factory=GuardState)  # for the certificate, protection


# state.sh is appended to the inspection: the exact bytes of the SASL config, facts about
# TLS files, the newest journal, the daemon; positional parameters: the TLS file paths,
# one section "file-N" each.
STATE = "state"


def state_sections(paths: Sequence[str]) -> tuple[str, ...]:
    """The sections state.sh prints for ``paths``."""
    return (
        "sasl-real",
        *(f"file-{i}" for i in range(1, len(paths) + 1)),
        "journal",
        "daemon",
        "protect",
        *CERT_SECTIONS,
    )


# state.sh's certificate block (wizard.core.guard.certificates)
CERT_SECTIONS = ("cert-digests", "cert-hook", "port-80")
_SS_USER = re.compile(r'users:\(\("([^"]{1,64})"')


def certificate_state(sections: dict[str, str]) -> tuple[dict[str, str], dict[str, str], bool]:
    """The certificate's part of the :class:`GuardState`: sha256 digests by path (certbot's
    lineages, Relay Wizard's copies), the renewal hook's text by path ("" when absent),
    and whether certbot is installed."""
    digests: dict[str, str] = {}
    for line in sections.get("cert-digests", "").splitlines():
        digest, _, path = line.partition(" ")
        if len(digest) == 64 and path.startswith("/"):
            digests[path] = digest
    lines = sections.get("cert-hook", "").splitlines()
    hook = ""
    if lines and lines[0] != "certbot":
        hook = _b64_text(lines[0], "the certificate's renewal hook")
    return digests, {HOOK: hook}, "certbot" in lines


def port_80(text: str) -> list[Socket]:
    """The sockets listening on port 80 (``ss -ltnpH``), each with its program's name."""
    out = []
    for line in text.splitlines():
        local = next((p for p in line.split() if p.endswith(":80")), "")
        if not local:
            continue
        name = _SS_USER.search(line)
        address = local.rpartition(":")[0].strip("[]")
        out.append(
            Socket(address if address != "*" else "0.0.0.0", 80, name.group(1) if name else "?")
        )
    return out


def _b64_text(line: str, what: str) -> str:
    return b64_strict(line, what).decode("utf-8", "surrogateescape")


@dataclass(frozen=True)
class Remote:
    """Facts beyond the plan's: the newest journal, the daemon, who may relay."""

    journal_id: str
    journal_state: str
    daemon_pid: int
    relay: RelayConfig = field(default_factory=RelayConfig)
    pid_file: str = ""  # where this host's daemon writes its pid (wizard.core.mta.sendmail.layout)
    restart: str = ""  # how this host restarts sendmail itself ("" if unknown)


def read_state(
    session: SshSession,
    options: RelayOptions,
    *,
    cancel: threading.Event | None = None,
    progress: Progress | None = None,
) -> tuple[ServerState, Remote]:
    """Read everything planning needs in one remote call (inspection included)."""
    o = options.validated()
    paths = [p for p in (o.cert_file, o.key_file, o.ca_file) if p]
    if not paths:
        paths = [p for pair in CERT_CANDIDATES for p in pair]
    if progress:
        progress("Reading the server's configuration")
    sections = collect(session, STATE, state_sections(paths), paths, cancel=cancel)
    host: str = session.target.host
    report = build_report(host, sections)
    mc_text = _b64_text(sections["mc-b64"], "the sendmail.mc")
    sasl_lines = sections["sasl-real"].splitlines()
    if len(sasl_lines) not in (0, 2):
        raise ProtocolError(
            "The server's answer about the SASL config is not in the form Relay Wizard asked "
            "for, so it was not used and nothing was changed.",
            "Try again. If it happens again, see docs/security.md.",
        )
    sasl_path = _b64_text(sasl_lines[0], "the SASL config's path").strip() if sasl_lines else ""
    sasl_text = _b64_text(sasl_lines[1], "the SASL config") if sasl_lines else ""
    files = {path: file_facts(path, sections[f"file-{n}"]) for n, path in enumerate(paths, 1)}
    journal = sections.get("journal", "").split()
    daemon = sections.get("daemon", "").split()
    # the host's own .mc (wizard.core.mta.sendmail.layout), also where there is none yet to read
    mc_path = report.sendmail.mc_path or (report.layout.mc_path if report.layout else MC_PATH)
    report, guard = protection_facts(report, sections.get("protect", ""))
    digests, texts, certbot = certificate_state(sections)
    if certbot and not report.protection.certbot:
        # inspection reads certbot's version; this is the fallback where it did not
        report = replace(report, protection=replace(report.protection, certbot="installed"))
    if web := [w for w in port_80(sections.get("port-80", "")) if w not in report.listening]:
        report = replace(report, listening=[*report.listening, *web])
    guard = replace(guard, texts={**guard.texts, **texts}, digests={**guard.digests, **digests})
    state = ServerState(report, mc_path, mc_text, sasl_path, sasl_text, files, guard=guard)
    remote = Remote(
        journal[0] if journal else "",
        journal[1] if len(journal) > 1 else "",
        int(daemon[1]) if len(daemon) > 1 and daemon[1].isdigit() else 0,
        RelayConfig.from_sections(host, sections),
        pid_file=report.sendmail.pid_file,
        restart=report.sendmail.restart,
    )
    return state, remote


def protection_facts(report: ServerReport, section: str) -> tuple[ServerReport, GuardState]:
    """state.sh's ``protect`` section: fail2ban, the firewall tool, the mail log (into
    ``report.protection``, where inspection keeps them) and what only planning needs: the
    jail file's text and the admin's address (validated: "" when it is not an address)."""
    facts: dict[str, str] = {}
    for line in section.splitlines():
        key, _, value = line.partition(" ")
        facts.setdefault(key, value.strip())
    p = report.protection
    fail2ban = facts.get("fail2ban", "")
    jails = p.jails
    if facts.get("jail") == "running" and JAIL not in jails:
        jails = (*jails, JAIL)
    texts: dict[str, str] = {}
    if "jail-text" in facts:
        texts[JAIL_PATH] = _b64_text(facts["jail-text"], "the jail file")
    log = facts.get("log", "")
    protection = replace(
        p,
        fail2ban=fail2ban if fail2ban in ("absent", "installed", "running") else p.fail2ban,
        jails=jails,
        wizard_jail=p.wizard_jail or JAIL_PATH in texts,
        firewall=facts.get("firewall", "")
        if facts.get("firewall") in ("nftables", "iptables")
        else p.firewall,
        failures=p.failures
        if p.failures.log_path or not log.startswith("/")
        else replace(p.failures, log_path=log),
    )
    guard = GuardState(texts=texts, admin_address=admin_address(facts.get("admin", "")))
    return replace(report, protection=protection), guard
