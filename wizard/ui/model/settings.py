"""The Settings page's choices as :class:`RelayOptions`, and the logins a server keeps."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from wizard.core.change.options import ALLOWED_MECHANISMS, DEFAULT_MECHANISMS, Profile, RelayOptions
from wizard.core.mta.sendmail.mc import McFile

if TYPE_CHECKING:
    from wizard.core.mta.sendmail.state import ServerState

MECHANISMS = ("PLAIN", "LOGIN", "CRAM-MD5", "DIGEST-MD5")


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
        return RelayOptions(
            profile,
            chosen,
            drop_mechanisms=tuple(m for m in self.unticked_kept if m not in chosen),
            open_smtp=self.modern and self.open_smtp,
            smtps=self.modern and self.smtps,
            cert_file=self.cert.strip() if self.modern else "",
            key_file=self.key.strip() if self.modern else "",
        )


def mechanism_boxes(profile: Profile) -> dict[str, tuple[bool, bool]]:
    """Per mechanism box: (enabled, ticked) when ``profile`` is chosen."""
    return {
        m: (m in ALLOWED_MECHANISMS[profile], m in DEFAULT_MECHANISMS[profile]) for m in MECHANISMS
    }


def kept_mechanisms(state: ServerState) -> list[str]:
    """The mechanisms the server trusts today (the .mc and the built .cf), in order."""
    found = [*McFile.parse(state.mc_text).trusted_mechanisms(), *state.report.auth.trusted]
    return list(dict.fromkeys(found))
