"""The saved server the wizard writes: after Connect, and after a verified test send."""

from __future__ import annotations

import re
from dataclasses import replace
from typing import TYPE_CHECKING

from wizard.core.errors import WizardError
from wizard.core.local.profiles import ServerProfile
from wizard.core.mail.send import checked_pin
from wizard.ui.model.sending import smtp_settings

if TYPE_CHECKING:
    from wizard.core.change.options import Profile
    from wizard.core.mail.send import SendResult
    from wizard.core.target import Target
    from wizard.ui.model.services import ProfileStore
    from wizard.ui.model.state import SendInputs


def profile_name(host: str) -> str:
    """The name a server is saved under by the wizard."""
    return re.sub(r"[^A-Za-z0-9._-]", "-", host)[:64] or "server"


def connected_profile(
    saved: ServerProfile | None, target: Target, fingerprint: str
) -> ServerProfile:
    """The server as saved once connected (nothing secret), so it can be opened again."""
    base = saved or ServerProfile(name=profile_name(target.host), host=target.host)
    return replace(
        base,
        host=target.host,
        port=target.port,
        ssh_user=target.user,
        host_key=fingerprint or base.host_key,
    )


def export_profile(
    saved: ServerProfile | None, target: Target, verified: SendResult | None, test: SendInputs
) -> tuple[ServerProfile, bool]:
    """The server the Export page writes settings for, and whether to save it.

    The verified settings of this session (saved, for the command line too), else the saved
    profile, else the Test page's settings, unverified.
    """
    if saved is not None and verified is None:
        return saved, False
    settings = smtp_settings(target.host, test)
    mechanism = verified.mechanism if verified is not None else (test.mechanism or "PLAIN")
    profile = replace(
        saved or ServerProfile(name=profile_name(target.host), host=target.host, port=target.port),
        host=target.host,
        smtp_port=settings.port,
        security=settings.security,
        mechanism=mechanism,
        smtp_user=test.user.strip(),
        pinned_cert_sha256=settings.pinned_sha256
        or (checked_pin(verified) if verified is not None else ""),
        verified_at=None,
    )
    if verified is None:
        return profile, False
    return profile.mark_verified(), True


def record_applied(store: ProfileStore, host: str, relay_profile: Profile) -> WizardError | None:
    """Every saved server on ``host`` now sends as ``relay_profile`` says (port, security,
    login method: :meth:`ServerProfile.applied`), so that reopened later it is tested as it
    is set up. Returns why it could not be saved, if so (the apply stands either way)."""
    try:
        for profile in store.load():
            if profile.host == host:
                store.save(profile.applied(relay_profile))
    except WizardError as exc:
        return exc
    return None
