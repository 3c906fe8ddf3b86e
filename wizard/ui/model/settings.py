"""The Settings page's choices as :class:`RelayOptions`, and the logins a server keeps.

The certificate and the protection against password guessing are chosen in words and
minutes; :meth:`RelayChoice.options` turns them into the options' names and seconds."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from wizard.core.change.options import (
    ALLOWED_MECHANISMS,
    BAN_TIME,
    DEFAULT_MECHANISMS,
    FIND_TIME,
    LETS_ENCRYPT,
    MAX_RETRY,
    Profile,
    RelayOptions,
)
from wizard.core.mta.postfix.state import PostfixState
from wizard.core.mta.sendmail.mc import McFile

if TYPE_CHECKING:
    from wizard.core.mta.auto import AnyState

MECHANISMS = ("PLAIN", "LOGIN", "CRAM-MD5", "DIGEST-MD5")
# Where the certificate staff see comes from, as the page offers it: the server's own
# ("keep"), files already on the server ("files"), one certbot keeps, or one obtained now.
CertChoice = Literal["keep", "files", "certbot", "obtain"]
CERT_CHOICES: tuple[CertChoice, ...] = ("keep", "files", "certbot", "obtain")
# The protection's numbers as the page shows them: failed logins, minutes, minutes.
BAN_MINUTES, FIND_MINUTES = BAN_TIME // 60, FIND_TIME // 60


@dataclass(frozen=True)
class RelayChoice:
    """What the admin ticked: the profile, its mechanisms, the logins to keep, the extras."""

    modern: bool = True
    mechanisms: tuple[str, ...] = ()  # ticked in the Mechanisms box
    unticked_kept: tuple[str, ...] = ()  # logins used today that the admin unticked
    open_smtp: bool = False
    smtps: bool = False
    cert: str = ""
    key: str = ""
    certificate: CertChoice = "keep"
    cert_name: str = ""  # certbot: the name its certificate is kept for; obtain: the name box
    acme_server: str = LETS_ENCRYPT
    acme_email: str = ""
    webroot: str = ""
    protect: bool | None = None  # None: the admin left the box as the profile sets it
    max_retry: int = MAX_RETRY
    find_minutes: int = FIND_MINUTES
    ban_minutes: int = BAN_MINUTES
    allow: str = ""  # addresses never banned, separated by commas or spaces

    @property
    def profile(self) -> Profile:
        return "modern" if self.modern else "classic"

    @property
    def no_login_method(self) -> bool:
        """Every login method of the profile unticked: nobody could log in, so the page
        says so and waits (the profile's own methods are never put back silently)."""
        return not any(m in ALLOWED_MECHANISMS[self.profile] for m in self.mechanisms)

    def options(self) -> RelayOptions:
        """The options (not validated yet); modern's extras count only with modern."""
        profile = self.profile
        chosen = tuple(m for m in ALLOWED_MECHANISMS[profile] if m in self.mechanisms)
        if set(chosen) == set(DEFAULT_MECHANISMS[profile]):
            chosen = ()  # the profile's own choice: a server that already relays stays as it is
        # "keep" with paths given: the files, as the command line reads --cert and --key
        files = self.modern and self.certificate in ("keep", "files")
        certbot = self.certificate if self.modern and self.certificate != "files" else "keep"
        return RelayOptions(
            profile,
            chosen,
            drop_mechanisms=tuple(m for m in self.unticked_kept if m not in chosen),
            open_smtp=self.modern and self.open_smtp,
            smtps=self.modern and self.smtps,
            cert_file=self.cert.strip() if files else "",
            key_file=self.key.strip() if files else "",
            certificate=certbot,
            cert_name=self.cert_name.strip() if certbot != "keep" else "",
            acme_server=self.acme_server.strip() or LETS_ENCRYPT,
            acme_email=self.acme_email.strip() if certbot == "obtain" else "",
            webroot=self.webroot.strip() if certbot == "obtain" else "",
            protect=self.protect,
            ban_time=self.ban_minutes * 60,
            max_retry=self.max_retry,
            find_time=self.find_minutes * 60,
            allow=allowed(self.allow),
        )


def allowed(text: str) -> tuple[str, ...]:
    """The addresses typed in the "never banned" box: separated by commas, semicolons or
    spaces, each once."""
    return tuple(dict.fromkeys(a for a in re.split(r"[\s,;]+", text) if a))


def protect_default(profile: Profile) -> bool:
    """Whether the ban on password guessers is on when the admin leaves it as it is."""
    return profile == "modern"


def mechanism_boxes(profile: Profile) -> dict[str, tuple[bool, bool]]:
    """Per mechanism box: (enabled, ticked) when ``profile`` is chosen."""
    return {
        m: (m in ALLOWED_MECHANISMS[profile], m in DEFAULT_MECHANISMS[profile]) for m in MECHANISMS
    }


def kept_mechanisms(state: AnyState) -> list[str]:
    """The mechanisms the server trusts today, in order: sendmail's from the .mc and the
    built .cf; Postfix's from Cyrus SASL's smtpd.conf where a service has logins on, and
    those its smtpd offers."""
    if isinstance(state, PostfixState):
        found = [*_postfix_mechanisms(state), *state.report.auth.trusted]
    else:
        found = [*McFile.parse(state.mc_text).trusted_mechanisms(), *state.report.auth.trusted]
    return list(dict.fromkeys(found))


def _postfix_mechanisms(state: PostfixState) -> list[str]:
    """smtpd.conf's ``mech_list``, when main.cf or a master.cf service turns logins on."""
    info = state.report.postfix
    if info is None:
        return []
    on = [info.effective.get("smtpd_sasl_auth_enable", "no")]
    on += [s.options.get("smtpd_sasl_auth_enable", "") for s in info.services]
    if "yes" not in on:
        return []
    for line in state.sasl_conf_text.splitlines():
        key, _, value = line.partition(":")
        if key.strip() == "mech_list":
            return [m.upper() for m in value.split()]
    return []
