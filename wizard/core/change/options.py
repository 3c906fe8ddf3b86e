"""What the admin chose: the relay profile, its mechanisms, TLS files, how to reload.

:class:`RelayOptions` is the one input every front fills in (the CLI from its arguments,
the GUI from its Settings page, a profile saved on this computer); :meth:`validated`
checks it once, in plain words, and fills in the profile's defaults.
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass
from typing import Literal

from wizard.core.errors import Field, UsageError
from wizard.core.target import shown
from wizard.core.untrusted import has_unsafe

Profile = Literal["classic", "modern"]
PROFILES: tuple[Profile, ...] = ("modern", "classic")
ALLOWED_MECHANISMS: dict[str, tuple[str, ...]] = {
    "classic": ("DIGEST-MD5", "CRAM-MD5"),
    "modern": ("PLAIN", "LOGIN", "CRAM-MD5"),
}
DEFAULT_MECHANISMS: dict[str, tuple[str, ...]] = {
    "classic": ("DIGEST-MD5", "CRAM-MD5"),
    "modern": ("PLAIN", "LOGIN"),
}
RESTART_MODES = ("auto", "init")


def _names(items: tuple[str, ...]) -> tuple[str, ...]:
    """Mechanism names as given: trimmed, upper case, each once, blanks left out."""
    return tuple(dict.fromkeys(m.strip().upper() for m in items if m.strip()))


@dataclass(frozen=True)
class RelayOptions:
    """What the admin chose. Validate with :meth:`validated`."""

    profile: Profile = "modern"
    mechanisms: tuple[str, ...] = ()
    open_smtp: bool = False  # modern: also open port 25 to the network
    smtps: bool = False  # modern: implicit TLS on port 465
    cert_file: str = ""
    key_file: str = ""
    ca_file: str = ""
    # How sendmail loads the new config: "auto" HUPs a running daemon (it re-reads
    # everything in about 0.03 s) and starts a stopped one the host's way; "init" always
    # restarts it the host's way (init script or systemd), for hosts where HUP is not wanted.
    restart: str = "auto"
    # Mechanisms the server trusts today that the admin wants gone (never dropped otherwise).
    drop_mechanisms: tuple[str, ...] = ()
    # The admin named the mechanisms (decided by the first validated(); None before): then
    # a server that already relays for logged-in users still gets them added.
    mechanisms_given: bool | None = None

    def validated(self) -> RelayOptions:
        """The options checked, with the profile's defaults filled in; every choice kept
        (the restart mode included).

        Raises:
            UsageError: a choice that does not fit (its ``field`` says which).
        """
        if self.profile not in PROFILES:
            raise UsageError(
                f"Unknown profile {self.profile!r}.",
                "Choose modern (recommended) or classic.",
                field=Field.PROFILE,
            )
        if self.restart not in RESTART_MODES:
            raise UsageError(
                f"Unknown restart mode {self.restart!r}.",
                "Choose auto (HUP a running sendmail) or init (the init script or systemd).",
            )
        mechs = self._mechanisms()
        drop = _names(self.drop_mechanisms)
        if self.profile == "classic" and (self.smtps or self.cert_file or self.key_file):
            raise UsageError(
                "The classic profile has no TLS options.",
                "Use the modern profile for STARTTLS, port 587 and port 465.",
                field=Field.PROFILE,
            )
        self._check_tls_paths()
        given = _names(self.mechanisms)
        # Decided once, by the first validation (later ones see the defaults filled in).
        given_now = bool(given) if self.mechanisms_given is None else self.mechanisms_given
        return dataclasses.replace(
            self,
            mechanisms=mechs,
            drop_mechanisms=drop,
            mechanisms_given=given_now,
        )

    def _mechanisms(self) -> tuple[str, ...]:
        """The mechanisms to add: the admin's, else the profile's defaults not dropped."""
        given = _names(self.mechanisms)
        drop = _names(self.drop_mechanisms)
        # a mechanism the admin drops is not among the profile's defaults either
        mechs = given or tuple(m for m in DEFAULT_MECHANISMS[self.profile] if m not in drop)
        if not mechs:
            raise UsageError(
                "That drops every mechanism the profile would use.",
                f"Keep at least one of {', '.join(DEFAULT_MECHANISMS[self.profile])}.",
                field=Field.MECHANISM,
            )
        bad_drop = [m for m in drop if not re.fullmatch(r"[A-Z0-9_-]{1,40}", m)]
        if bad_drop:
            raise UsageError(
                f"{shown(bad_drop[0])} is not the name of an AUTH mechanism.",
                "Give a name such as PLAIN, LOGIN, CRAM-MD5 or GSSAPI.",
                field=Field.MECHANISM,
            )
        both = [m for m in drop if m in mechs]
        if both:
            raise UsageError(
                f"{', '.join(both)} cannot be both added and dropped.",
                "Drop only mechanisms the profile does not use, or choose other mechanisms.",
                field=Field.MECHANISM,
            )
        allowed = ALLOWED_MECHANISMS[self.profile]
        bad = [m for m in mechs if m not in allowed]
        if bad:
            raise UsageError(
                f"The {self.profile} profile does not use {', '.join(bad)}.",
                f"Choose among {', '.join(allowed)}.",
                field=Field.MECHANISM,
            )
        return mechs

    def _check_tls_paths(self) -> None:
        for label, path, field in (
            ("certificate", self.cert_file, Field.CERT),
            ("key", self.key_file, Field.KEY),
            ("CA", self.ca_file, Field.CA),
        ):
            if path and (
                not path.startswith("/") or has_unsafe(path) or any(c in path for c in "'`")
            ):
                raise UsageError(
                    f"The {label} path {shown(path)} is not an absolute path on the server.",
                    "Give a path such as /etc/ssl/certs/mail.pem (no quotes or line breaks).",
                    field=field,
                )
        if bool(self.cert_file) != bool(self.key_file):
            raise UsageError(
                "A certificate needs its key, and a key its certificate.",
                "Give both the certificate and its key, or neither to use the server's own.",
                field=Field.KEY if self.cert_file else Field.CERT,
            )
