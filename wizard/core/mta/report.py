"""What an inspection found on a server, and what it means: the report every front shows.

:class:`ServerReport` holds the facts (the OS, the listeners, SMTP AUTH as offered and as
trusted, the SASL library's config and accounts, TLS, what lets mail through without a
login) and :class:`Finding` s, each with a :class:`Level` and a sentence a small-office
admin understands. The facts only the installed mail server has (for sendmail: its build,
files and layout, its listeners as DAEMON_OPTIONS declare them) are that server's own
types; the sendmail package fills the report (:mod:`wizard.core.mta.sendmail.inspection`).
Pure data: no I/O.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from enum import StrEnum
from typing import TYPE_CHECKING

from wizard.core.notes import Note

if TYPE_CHECKING:
    from wizard.core.mta.sendmail.layout import Layout, SendmailInfo
    from wizard.core.mta.sendmail.mc import Listener


class Level(StrEnum):
    """How much a finding matters: fine, worth knowing, or in the way of a safe relay."""

    OK = "ok"
    WARNING = "warning"
    PROBLEM = "problem"


@dataclass(frozen=True)
class Finding(Note[Level]):
    """One observation of inspection, in a sentence a small-office admin understands."""


@dataclass(frozen=True)
class Socket:
    """A TCP socket listening on the server; ``process`` is "sendmail" when the daemon holds it."""

    address: str
    port: int
    process: str


@dataclass(frozen=True)
class AuthInfo:
    advertised: list[str]
    trusted: list[str]
    options: list[str]
    configured_mechanisms: list[str]  # confAUTH_MECHANISMS as built into the .cf


@dataclass(frozen=True)
class SaslInfo:
    config_path: str
    pwcheck_method: str
    auxprop_plugin: str
    mech_list: list[str]
    plugins: list[str]
    users: int
    user_names: list[str]
    realms: list[str]
    sasldb_mode: str
    saslauthd_running: bool
    sasldb_path: str = "/etc/sasldb2"


@dataclass(frozen=True)
class TlsInfo:
    configured: bool
    offered: bool
    cert_file: str
    key_file: str
    cert_names: tuple[str, ...] = ()  # DNS names: SANs, else the CN
    cert_issuer: str = ""
    cert_self_signed: bool = False
    cert_sha256: str = ""  # as wizard.core.mail.tls.cert_fingerprint writes it
    cert_expires: str = ""  # ISO date (YYYY-MM-DD)


@dataclass(frozen=True)
class CertificateFound:
    """A certificate on the server that sendmail uses or could use."""

    source: str  # "sendmail" (in use), "certbot", "acme.sh", "dehydrated", "lego"
    path: str  # the certificate (for certbot: live/NAME/fullchain.pem)
    key_path: str
    lineage: str = ""  # certbot's name for it ("" for others)
    names: tuple[str, ...] = ()  # DNS names: SANs, else the CN
    issuer: str = ""
    self_signed: bool = False
    expires: str = ""  # ISO date (YYYY-MM-DD)
    days_left: int = 0  # negative: expired
    covers: bool = False  # its names cover the server's name (report.host's name, $j)
    in_use: bool = False  # sendmail presents it


@dataclass(frozen=True)
class AuthFailures:
    """Failed logins in the mail log (the current file only)."""

    log_path: str = ""
    count: int = 0
    since: str = ""  # the first line's date, as the log writes it
    top_sources: tuple[tuple[str, int], ...] = ()  # (address, failures), most first


@dataclass(frozen=True)
class Protection:
    """What protects AUTH against password guessing today."""

    fail2ban: str = "absent"  # "absent", "installed" (not running), "running"
    jails: tuple[str, ...] = ()  # running jails that watch sendmail's log
    wizard_jail: bool = False  # Relay Wizard's own jail file is there
    firewall: str = ""  # "nftables", "iptables" or "" (what a ban can use)
    certbot: str = ""  # certbot's version, "" if not installed
    # sendmail's own controls, as set ("" = not set): access db defaults and .mc defines
    client_rate: str = ""
    client_conn: str = ""
    bad_rcpt_throttle: str = ""
    connection_rate_throttle: str = ""
    failures: AuthFailures = field(default_factory=AuthFailures)


@dataclass(frozen=True)
class MasterService:
    """One service of Postfix's master.cf (``postconf -M``/``-F``/``-P``): ``name`` is the
    service (``smtp``, ``submission``, ``127.0.0.1:2525``), ``kind`` its type (``inet``,
    ``unix``...), ``command`` the program and its arguments, ``options`` its ``-o name=value``
    overrides."""

    name: str
    kind: str
    private: str = "-"
    unpriv: str = "-"
    chroot: str = "-"
    wakeup: str = "-"
    maxproc: str = "-"
    command: str = ""
    options: dict[str, str] = field(default_factory=dict)

    @property
    def key(self) -> str:
        """``name/kind``, as postconf -M and -P name a service."""
        return f"{self.name}/{self.kind}"


@dataclass(frozen=True)
class PostfixInfo:
    """The Postfix a host has (wizard.core.mta.postfix): its version and files, the
    settings it runs with, its master.cf services and the SASL it can use."""

    version: str
    config_dir: str = "/etc/postfix"
    running: bool = False  # the master process is alive
    # main.cf settings as postconf reads them: ``set`` = postconf -n (the admin's),
    # ``effective`` = the values in force (defaults included) of the settings the
    # wizard reads (wizard.core.mta.postfix.inspection.PARAMS)
    set: dict[str, str] = field(default_factory=dict)
    effective: dict[str, str] = field(default_factory=dict)
    # the values smtpd reads of the settings inspection judges (postconf -x: every $name
    # expanded; mynetworks_style and relay_domains as plain values)
    expanded: dict[str, str] = field(default_factory=dict)
    services: tuple[MasterService, ...] = ()
    sasl_types: tuple[str, ...] = ()  # postconf -a: the SASL server types smtpd can use
    chroot: bool = False  # smtpd runs chrooted (in queue_directory)
    queue_directory: str = "/var/spool/postfix"
    sasl_type: str = "cyrus"  # smtpd_sasl_type in force
    sasl_path: str = "smtpd"  # smtpd_sasl_path in force
    cyrus_conf: str = ""  # the Cyrus smtpd.conf smtpd reads ("" if none)
    dovecot_socket: bool = False  # the Dovecot auth socket smtpd_sasl_path names exists
    realm: str = ""  # the realm sasldb accounts get
    realm_source: str = ""  # "smtpd_sasl_local_domain" or "myhostname"


@dataclass(frozen=True)
class ServerReport:
    """Everything inspection learnt about one server."""

    host: str
    os: str
    os_id: str
    os_version: str
    sendmail: SendmailInfo
    realm: str
    listeners: list[Listener]
    listening: list[Socket]
    auth: AuthInfo
    sasl: SaslInfo
    tls: TlsInfo
    relay_features: list[str]
    access_relay: list[str]
    service_manager: str
    access_to_relay: list[str] = field(default_factory=list)
    relay_domains: list[str] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    layout: Layout | None = None  # every layout fact (wizard.core.mta.sendmail.layout)
    local_names: list[str] = field(default_factory=list)  # sendmail's class w, as listed
    certificates: list[CertificateFound] = field(default_factory=list)
    protection: Protection = field(default_factory=Protection)
    # which mail server this report is about ("sendmail" or "postfix"), and Postfix's own
    # facts when it is Postfix (then ``sendmail`` says not installed)
    mta: str = "sendmail"
    postfix: PostfixInfo | None = None

    def to_json(self) -> dict[str, object]:
        """A JSON-ready dict (the CLI's ``--json``)."""
        return {
            "host": self.host,
            "mta": self.mta,
            "version": self.postfix.version if self.postfix else self.sendmail.version,
            "os": self.os,
            "os_id": self.os_id,
            "os_version": self.os_version,
            "sendmail": asdict(self.sendmail),
            "realm": self.realm,
            "local_names": self.local_names,
            "listeners": [lst.to_json() for lst in self.listeners],
            "listening": [asdict(s) for s in self.listening],
            "auth": asdict(self.auth),
            "sasl": asdict(self.sasl),
            "tls": asdict(self.tls),
            "relay_features": self.relay_features,
            "access_relay": self.access_relay,
            "access_to_relay": self.access_to_relay,
            "relay_domains": self.relay_domains,
            "service_manager": self.service_manager,
            "layout": asdict(self.layout) if self.layout is not None else None,
            "certificates": [asdict(c) for c in self.certificates],
            "protection": asdict(self.protection),
            "postfix": asdict(self.postfix) if self.postfix is not None else None,
            "findings": [
                {
                    "id": f.id,
                    "level": str(f.level),
                    "message": f.message,
                    "detail": f.detail,
                    "fixed_by": list(f.fixed_by),
                }
                for f in self.findings
            ],
        }
