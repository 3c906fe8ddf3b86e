"""The Export page's rules: the client settings from its fields, and the mail domain."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, cast

from wizard.core.errors import WizardError
from wizard.core.exports.client_settings import (
    ClientSettings,
    IncomingServer,
    IncomingType,
    default_domain,
)
from wizard.core.target import validate_domain

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

    @property
    def core_format(self) -> str:
        """The format the core makes: the PDF is the HTML handout, rendered by the GUI."""
        return "handout-html" if self.fmt == "handout-pdf" else self.fmt

    @property
    def is_handout(self) -> bool:
        return self.fmt.startswith("handout")


def mail_domain(profile: ServerProfile, report: ServerReport | None) -> str:
    """For a server reached by its IP address (which names no mail domain), the domain of
    its canonical name ($j, from the inspection), if that is a valid one; else "" and the
    page asks for the address. "" too when the server's name gives the domain."""
    if default_domain(profile.host):
        return ""
    realm = report.realm if report is not None else ""
    domain = default_domain(realm) if realm else ""
    try:
        return validate_domain(domain)
    except WizardError:
        return ""


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
        domain=mail_domain(profile, report),
        incoming=incoming,
        password=test.password if inputs.with_password else None,
    )


def file_name(name: str, fmt: str) -> str:
    """The name offered when saving ``fmt`` (the core names the HTML handout)."""
    return name.rsplit(".", 1)[0] + ".pdf" if fmt == "handout-pdf" else name
