"""Client settings that real mail programs accept, from a verified server profile.

Every format states exactly what the profile recorded when a test message went through
(host, port, connection security, AUTH mechanism, pinned certificate) and nothing more: a
port or mechanism that was not verified is never offered (field notes 10).

Here: :func:`export` (one format from :class:`ClientSettings`, validated first; the
formats by name are :data:`wizard.core.exports.FORMATS`) and :func:`write_file`, which
saves an export: a file that holds a password is created private (0600) whatever the
umask and whatever mode an old file had. The settings and their checks are :mod:`wizard.core.exports.client_settings`;
the writers :mod:`wizard.core.exports.client_formats` (Thunderbird, Apple, msmtp, mutt,
SRV) and :mod:`wizard.core.exports.handout` (the one-page handout; its PDF is rendered
through Qt outside the core, ``wizard.render``).
"""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Literal

from wizard.core.errors import Field, UsageError
from wizard.core.exports.client_formats import mobileconfig, msmtp, mutt, srv, thunderbird
from wizard.core.exports.handout import handout_html
from wizard.core.local.files import replace_private
from wizard.core.target import shown
from wizard.core.translatable import QT_TRANSLATE_NOOP

if TYPE_CHECKING:
    from collections.abc import Callable

    from wizard.core.exports.client_settings import ClientSettings

Format = Literal["thunderbird", "mobileconfig", "msmtp", "mutt", "handout-html", "srv"]
FILE_NAMES = {
    "thunderbird": "config-v1.1.xml",
    "mobileconfig": "{user}.mobileconfig",
    "msmtp": "msmtprc",
    "mutt": "muttrc",
    "handout-html": "{user}-mail-settings.html",
    "handout-pdf": "{user}-mail-settings.pdf",
    "srv": "{domain}-srv.zone",
}


@dataclass(frozen=True)
class Exported:
    """One exported file: its text, a suggested file name, and what the admin must know."""

    format: str
    text: str
    file_name: str
    warnings: tuple[str, ...] = field(default=())


def _file_name(fmt: str, s: ClientSettings) -> str:
    safe_user = "".join(c if c.isalnum() or c in "._-" else "-" for c in s.user)
    return FILE_NAMES[fmt].format(user=safe_user, domain=s.domain)


_MAKERS: dict[str, Callable[[ClientSettings], str]] = {
    "thunderbird": thunderbird,
    "mobileconfig": mobileconfig,
    "msmtp": msmtp,
    "mutt": mutt,
    "handout-html": handout_html,
    "srv": srv,
}


def export(fmt: str, settings: ClientSettings) -> Exported:
    """One format (not ``handout-pdf``: render ``handout-html`` for that).

    Raises:
        UsageError: an unknown format or bad input; :class:`MissingIncomingServer` when
            Thunderbird or Apple is asked for without an incoming server.
    """
    maker = _MAKERS.get(fmt)
    if maker is None:
        raise UsageError(
            QT_TRANSLATE_NOOP("Errors", "Unknown export format {fmt}.").format(fmt=repr(fmt)),
            QT_TRANSLATE_NOOP("Errors", "Choose {value}.").format(value=", ".join(sorted(_MAKERS))),
            field=Field.FORMAT,
        )
    s = settings.validated()
    return Exported(fmt, maker(s), _file_name(fmt, s), s.warnings())


def file_name(fmt: str, settings: ClientSettings) -> str:
    """The suggested file name of ``fmt`` (also ``handout-pdf``)."""
    return _file_name(fmt, settings.validated())


# --------------------------------------------------------------------------- files


def holds_secret(fmt: str, settings: ClientSettings) -> bool:
    """Does ``fmt`` made from ``settings`` hold a password (the handout, when asked)?"""
    return fmt.startswith("handout") and bool(settings.password)


def write_file(path: str | os.PathLike[str], data: bytes, *, fmt: str, secret: bool) -> None:
    """Save one export; UsageError (nothing changed) when it cannot be written.

    - ``secret`` (a handout with a password): :func:`write_private`, 0600 from the start.
    - msmtp and mutt refuse a config others can read: created 0600 (an existing file is
      made 0600 before it is written).
    - the rest: an ordinary file (0644 less the umask).
    """
    if secret:
        write_private(path, data)
        return
    private = fmt in ("msmtp", "mutt")
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600 if private else 0o644)
        with os.fdopen(fd, "wb") as handle:
            if private:
                os.fchmod(handle.fileno(), 0o600)
            handle.write(data)
    except OSError as exc:
        raise UsageError(
            QT_TRANSLATE_NOOP("Errors", "Cannot write {value}: {strerror}.").format(
                value=shown(os.fspath(path), 200), strerror=exc.strerror
            ),
            QT_TRANSLATE_NOOP("Errors", "Choose a place you can write to."),
        ) from None


def write_private(path: str | os.PathLike[str], data: bytes) -> None:
    """Write ``data`` (it holds a secret) so that only its owner can ever read it.

    The data goes into a new file in the same folder, created 0600 (``mkstemp``, and
    ``fchmod`` for a umask that took even the owner's bits), flushed to disk, then renamed
    over ``path``. So the secret is never in a file others can read, whatever the umask,
    and an old file of another mode is replaced by a 0600 one, not written through (which
    another user who had it open could read). ``path`` must be a new or ordinary file: a
    symbolic link, folder or device is refused. UsageError, nothing changed, on failure.
    """
    target = os.fspath(path)
    name = shown(target, 200)
    try:
        info = os.lstat(target)
    except FileNotFoundError:
        info = None
    except OSError as exc:
        raise UsageError(
            QT_TRANSLATE_NOOP("Errors", "Cannot write {name}: {strerror}.").format(
                name=name, strerror=exc.strerror
            )
        ) from None
    if info is not None and not stat.S_ISREG(info.st_mode):
        raise UsageError(
            QT_TRANSLATE_NOOP(
                "Errors",
                "{name} is not an ordinary file (it is a link, a folder or a device), so "
                "the file with the password was not written there.",
            ).format(name=name),
            QT_TRANSLATE_NOOP("Errors", "Give the path of a new or ordinary file."),
        )
    try:
        replace_private(target, data)
    except OSError as exc:
        raise UsageError(
            QT_TRANSLATE_NOOP("Errors", "Cannot write {name}: {strerror}.").format(
                name=name, strerror=exc.strerror
            ),
            QT_TRANSLATE_NOOP("Errors", "Choose a place you can write to."),
        ) from None
