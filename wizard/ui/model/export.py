"""The Export page's rules: the client settings from its fields, the mail identity."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, cast

from wizard.core.exports.client_settings import ClientSettings, IncomingServer, IncomingType
from wizard.core.exports.identity import Identity, report_identity

if TYPE_CHECKING:
    from wizard.core.local.profiles import Security, ServerProfile
    from wizard.core.mta.report import ServerReport
    from wizard.ui.model.state import SendInputs

FORMATS = ("handout-html", "handout-pdf", "thunderbird", "mobileconfig", "msmtp", "mutt", "srv")


@dataclass(frozen=True)
class ExportInputs:
    """The Export page's fields."""

    fmt: str = "handout-html"
    account: str = ""
    email: str = ""
    incoming: tuple[str, str, str] = ("", "imap", "tls")  # host (none: ""), type, security
    with_password: bool = False
    domain: str = ""  # the mail domain
    server_name: str = ""  # the name staff use for the server

    @property
    def core_format(self) -> str:
        """The format the core makes: the PDF is the HTML handout, rendered by the GUI."""
        return "handout-html" if self.fmt == "handout-pdf" else self.fmt

    @property
    def is_handout(self) -> bool:
        return self.fmt.startswith("handout")


def identity_for(host: str, report: ServerReport | None) -> Identity:
    """The mail domain and server name the page starts with: from the inspection ($j,
    class w, the certificate's names), never the IP address the server was reached by."""
    return report_identity(host, report)


def fingerprint(report: ServerReport | None) -> str:
    """The self-signed certificate's SHA-256 read over SSH, for staff to compare; else ""."""
    if report is None or not report.tls.cert_self_signed:
        return ""
    return report.tls.cert_sha256


def client_settings(
    profile: ServerProfile, inputs: ExportInputs, test: SendInputs, report: ServerReport | None
) -> ClientSettings:
    """What every format is made from (not validated: the core's export validates)."""
    host, kind, security = inputs.incoming
    incoming = None
    if host.strip():
        incoming = IncomingServer(
            host.strip(), 0, cast("IncomingType", kind), cast("Security", security)
        )
    return ClientSettings(
        profile,
        inputs.account.strip(),
        email=inputs.email.strip(),
        domain=inputs.domain.strip(),
        incoming=incoming,
        password=test.password if inputs.with_password else None,
        server=inputs.server_name.strip(),
        fingerprint=fingerprint(report),
    )


def file_name(name: str, fmt: str) -> str:
    """The name offered when saving ``fmt`` (the core names the HTML handout)."""
    return name.rsplit(".", 1)[0] + ".pdf" if fmt == "handout-pdf" else name
