"""The Test page's rules: where a test message goes, and what is refused before sending."""

from __future__ import annotations

from contextlib import contextmanager
from dataclasses import replace
from typing import TYPE_CHECKING, cast

from wizard.core.errors import Field, UsageError, WizardError
from wizard.core.local.profiles import RELAY_SENDING
from wizard.core.mail.smtp import Security, SmtpSettings
from wizard.core.mail.tls import normalize_fingerprint
from wizard.core.target import validate_email
from wizard.core.translatable import QT_TRANSLATE_NOOP
from wizard.core.untrusted import has_unsafe

if TYPE_CHECKING:
    from collections.abc import Iterator

    from wizard.core.local.profiles import ServerProfile
    from wizard.ui.model.state import SendInputs

SECURITIES = ("starttls", "tls", "none")
PORTS = {"starttls": 587, "tls": 465, "none": 25}


def smtp_settings(host: str, test: SendInputs) -> SmtpSettings:
    """How the wizard talks to ``host`` as staff would (the port follows the security)."""
    return SmtpSettings(
        host,
        test.port or PORTS[test.security],
        cast("Security", test.security),
        pinned_sha256=test.pin.strip() or None,
    )


def starting_inputs(
    test: SendInputs, relay_profile: str, saved: ServerProfile | None, applied: bool
) -> SendInputs:
    """The Test page's first settings: as the relay set-up just applied says; for a saved
    server reopened without an apply, as it was saved (its port, security, login method,
    pinned certificate and account)."""
    if saved is not None and not applied:
        return replace(
            test,
            security=saved.security,
            port=saved.smtp_port,
            mechanism=saved.mechanism if saved.verified or saved.relay_profile == "classic" else "",
            pin=saved.pinned_cert_sha256,
            user=test.user or saved.smtp_user,
        )
    security, port, mechanism = RELAY_SENDING.get(relay_profile, RELAY_SENDING["modern"])
    return replace(
        test,
        security=security,
        port=port,
        mechanism=mechanism if relay_profile == "classic" else "",
    )


@contextmanager
def about(field: Field) -> Iterator[None]:
    """An error raised inside concerns ``field`` (a check shared by several inputs cannot
    know which one it was given)."""
    try:
        yield
    except WizardError as exc:
        exc.field = exc.field or field
        raise


def checked(test: SendInputs, to: str) -> SendInputs:
    """``test`` ready to send to ``to`` (the pin normalized), or UsageError with its field."""
    given = ((Field.TO, to), (Field.ACCOUNT, test.user), (Field.PASSWORD, test.password))
    missing = [f for f, value in given if not value]
    if missing:
        raise UsageError(
            QT_TRANSLATE_NOOP("Test", "Fill in the recipient, the account and its password."),
            code="missing_input",
            field=missing[0],
        )
    with about(Field.TO):
        validate_email(to, envelope=True)
    if has_unsafe(test.user) or any(c.isspace() for c in test.user):
        raise UsageError(
            QT_TRANSLATE_NOOP(
                "Test", "The account holds a space, line break or control character."
            ),
            field=Field.ACCOUNT,
        )
    if not test.pin.strip():
        return test
    with about(Field.PIN_CERT):
        pin = normalize_fingerprint(test.pin)
    return replace(test, pin=pin)
