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
from wizard.core.target import shown, validate_domain, validate_email
from wizard.core.translatable import QT_TRANSLATE_NOOP
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
# Where the certificate staff see comes from: "keep" (the server's own, or cert_file),
# "certbot" (a certificate certbot already keeps for cert_name), "obtain" (certbot gets one
# from the ACME server now, then keeps it renewed).
Certificate = Literal["keep", "certbot", "obtain"]
CERTIFICATES: tuple[Certificate, ...] = ("keep", "certbot", "obtain")
LETS_ENCRYPT = "https://acme-v02.api.letsencrypt.org/directory"
# The protection against password guessing: a ban after MAX_RETRY failed logins within
# FIND_TIME seconds, for BAN_TIME seconds (fail2ban's own defaults are 5, 10 min, 10 min).
BAN_TIME, MAX_RETRY, FIND_TIME = 3600, 5, 600


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
    # The certificate (modern only): see Certificate. cert_name: the name staff use, which
    # the certificate must cover ("" = the server's own name); acme_server: the ACME
    # directory; acme_email: for the CA's expiry mails ("" = none); webroot: answer the
    # challenge through the web server already serving this folder ("" = certbot's own,
    # on port 80).
    certificate: Certificate = "keep"
    cert_name: str = ""
    acme_server: str = LETS_ENCRYPT
    acme_email: str = ""
    webroot: str = ""
    # Protection against password guessing (a fail2ban jail, sendmail's rate controls);
    # None: the profile's default (on for modern, off for classic).
    protect: bool | None = None
    # the admin chose protect (decided by the first validated(); None before): a default
    # that cannot be met (fail2ban not installed) is a note, a choice that cannot an error
    protect_given: bool | None = None
    ban_time: int = BAN_TIME
    max_retry: int = MAX_RETRY
    find_time: int = FIND_TIME
    allow: tuple[str, ...] = ()  # addresses never banned (the admin's own is added)

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
        self._check_certificate()
        self._check_protection()
        given = _names(self.mechanisms)
        # Decided once, by the first validation (later ones see the defaults filled in).
        given_now = bool(given) if self.mechanisms_given is None else self.mechanisms_given
        return dataclasses.replace(
            self,
            mechanisms=mechs,
            drop_mechanisms=drop,
            mechanisms_given=given_now,
            protect=self.protect if self.protect is not None else self.profile == "modern",
            protect_given=(
                self.protect is not None if self.protect_given is None else self.protect_given
            ),
            cert_name=self.cert_name.strip().lower().rstrip("."),
            allow=tuple(dict.fromkeys(a.strip() for a in self.allow if a.strip())),
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

    def _check_certificate(self) -> None:
        if self.certificate not in CERTIFICATES:
            raise UsageError(
                f"Unknown certificate choice {shown(self.certificate)}.",
                "Choose keep (the server's own), certbot (one certbot keeps) or obtain.",
                field=Field.CERTIFICATE,
            )
        if self.certificate == "keep":
            return
        if self.profile == "classic":
            raise UsageError(
                "The classic profile has no TLS, so it needs no certificate.",
                "Use the modern profile for a certificate staff's mail programs trust.",
                field=Field.PROFILE,
            )
        if self.cert_file or self.key_file:
            raise UsageError(
                "A certificate from certbot and a certificate file cannot both be used.",
                "Give either the certificate's files or the certbot choice, not both.",
                field=Field.CERT,
            )
        if self.cert_name:
            try:
                validate_domain(self.cert_name.strip().rstrip("."), "server name")
            except UsageError as exc:
                exc.field = exc.field or Field.CERT_NAME  # the name box, not the mail domain
                raise
        if self.certificate == "obtain":
            url = self.acme_server
            if not re.fullmatch(r"https://[A-Za-z0-9.-]+(:[0-9]{1,5})?(/[A-Za-z0-9._~/-]*)?", url):
                raise UsageError(
                    QT_TRANSLATE_NOOP(
                        "Errors", "{url} is not the address of an ACME directory."
                    ).format(url=shown(url)),
                    QT_TRANSLATE_NOOP("Errors", "Give an https:// address such as {url}.").format(
                        url=LETS_ENCRYPT
                    ),
                    field=Field.ACME_SERVER,
                )
            if self.acme_email:
                try:
                    validate_email(self.acme_email)
                except UsageError as exc:
                    exc.field = exc.field or Field.EMAIL
                    raise
            if self.webroot and (
                not self.webroot.startswith("/")
                or has_unsafe(self.webroot)
                or any(c in self.webroot for c in "'`")
            ):
                raise UsageError(
                    QT_TRANSLATE_NOOP(
                        "Errors", "The web folder {path} is not an absolute path on the server."
                    ).format(path=shown(self.webroot)),
                    QT_TRANSLATE_NOOP(
                        "Errors", "Give the folder your web server serves, such as /var/www/html."
                    ),
                    field=Field.WEBROOT,
                )

    def _check_protection(self) -> None:
        for label, value, low, high in (
            ("ban time", self.ban_time, 10, 30 * 86400),
            ("number of failed logins", self.max_retry, 1, 100),
            ("time window", self.find_time, 10, 86400),
        ):
            if not isinstance(value, int) or not low <= value <= high:
                raise UsageError(
                    f"The {label} {shown(value)} is out of range.",
                    f"Give a number from {low} to {high}.",
                    field=Field.BAN,
                )
        for address in self.allow:
            if address.strip() and not is_network(address.strip()):
                raise UsageError(
                    QT_TRANSLATE_NOOP(
                        "Errors", "{address} is not an IP address or network."
                    ).format(address=shown(address)),
                    QT_TRANSLATE_NOOP(
                        "Errors",
                        "Give an address such as 203.0.113.7 or a network such as 203.0.113.0/24.",
                    ),
                    field=Field.ALLOW,
                )


def is_network(text: str) -> bool:
    """An IPv4/IPv6 address or network in CIDR form (what fail2ban's ignoreip takes)."""
    import ipaddress

    try:
        ipaddress.ip_network(text, strict=False)
    except ValueError:
        return False
    return True
