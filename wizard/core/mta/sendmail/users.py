"""SASL accounts in the mail server's Cyrus sasldb: list, add, change password, remove.

One implementation for sendmail and Postfix: the scripts find the mail server on the
server (lib.sh's ``mail_server``, as :func:`wizard.core.mta.detect.which_mta` decides), so
every call takes only a session and costs no extra round trip. On Postfix the realm is
``smtpd_sasl_local_domain``, else ``myhostname`` (:class:`SaslRealm` says which); after
every change the sasldb is copied where Debian's chrooted smtpd reads it (``chroot_sasldb``:
``$queue_directory/etc/sasldb2``, root:postfix 0640); where Postfix checks logins with
Dovecot the scripts change nothing and exit :data:`DOVECOT` (:func:`dovecot_accounts`).

Facts (field notes 4): sendmail looks users up in its canonical name ``$j`` as realm;
``saslpasswd2 -p`` reads the password from stdin (one trailing newline stripped) and has
no argv option for it; ``-c`` on an existing user silently changes its password.
Passwords therefore travel only on stdin, through shell builtins (``read``/``printf``),
never on any command line on either machine.

Every change (add, passwd, remove; not the listing) runs under the server lock, so it
never overlaps an apply, a rollback or another Relay Wizard's account change on the same
server: add and passwd are one script that takes the lock itself
(``SshSession.run_locked``), remove lists and removes under ``hold_server_lock``.
"""

from __future__ import annotations

import re
import secrets
import string
from collections import Counter
from dataclasses import dataclass
from typing import TYPE_CHECKING

from wizard.core.errors import Field, RemoteCommandError, UsageError, WizardError
from wizard.core.remote import scripts
from wizard.core.remote.lock import server_locked
from wizard.core.translatable import QT_TRANSLATE_NOOP

if TYPE_CHECKING:
    import threading

    from wizard.core.remote.runner import ResultLike, Runner

# The usual sasldb. On the server, the scripts ask ``sasldb_path`` (remote/scripts/lib.sh):
# Sendmail.conf's sasldb_path, else this, else FreeBSD's /usr/local/etc/sasldb2.
SASLDB = "/etc/sasldb2"
_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._+-]{0,63}$")
_REALM = re.compile(r"^[A-Za-z0-9]([A-Za-z0-9-]{0,62})(\.[A-Za-z0-9]([A-Za-z0-9-]{0,62}))*\.?$")
_PASSWORD_ALPHABET = string.ascii_letters + string.digits + "-_.+"
# saslpasswd2 -p silently keeps only the first 2048 bytes of a longer password (measured
# on Debian 12), and the account could then never log in: refuse well before that.
MAX_PASSWORD_BYTES = 1024
# The account scripts' exit code when Postfix checks logins with Dovecot (lib.sh accounts_db).
DOVECOT = 7


@dataclass(frozen=True)
class SaslUser:
    name: str
    realm: str

    def __str__(self) -> str:
        return f"{self.name}@{self.realm}"


def validate_realm(realm: str) -> str:
    # fullmatch: ``$`` would also match before a trailing newline.
    if not _REALM.fullmatch(realm) or len(realm) > 253:
        raise WizardError(
            QT_TRANSLATE_NOOP(
                "Errors",
                "The server's mail name {realm} is not a valid domain name, so it cannot "
                "be used as the SASL realm.",
            ).format(realm=repr(realm)),
            QT_TRANSLATE_NOOP(
                "Errors",
                "Give the server a fully qualified host name (e.g. mail.example.com in "
                "/etc/hosts).",
            ),
        )
    return realm


def split_user_name(name: str) -> tuple[str, str | None]:
    """(bare name, realm named after '@' or None), both checked for syntax only.

    Needs no server, so a front end can refuse a bad name before connecting.
    """
    bare, at, user_realm = name.rpartition("@") if "@" in name else (name, "", "")
    # fullmatch: with ``match``, ``$`` also matches before a trailing newline, and a name
    # ending in one would shift the name/password lines the batch script reads.
    if not _NAME.fullmatch(bare):
        raise UsageError(
            QT_TRANSLATE_NOOP("Errors", "{name} is not a usable account name.").format(
                name=repr(name)
            ),
            QT_TRANSLATE_NOOP(
                "Errors",
                "Use 1 to 64 letters, digits, '.', '_', '+' or '-', starting with a "
                "letter or digit; no spaces.",
            ),
        )
    if at and (not _REALM.fullmatch(user_realm) or len(user_realm) > 253):
        raise UsageError(
            QT_TRANSLATE_NOOP(
                "Errors", "{name} is not a usable account name: {user_realm} is not a domain name."
            ).format(name=repr(name), user_realm=repr(user_realm)),
            QT_TRANSLATE_NOOP(
                "Errors", "Give the name without '@'; it is created in the server's realm."
            ),
        )
    return bare, (user_realm if at else None)


def validate_user_name(name: str, realm: str) -> str:
    """Return the bare user name; refuse spaces, shell characters and foreign realms."""
    bare, user_realm = split_user_name(name)
    if user_realm is not None and user_realm.lower().rstrip(".") != realm.lower().rstrip("."):
        raise UsageError(
            QT_TRANSLATE_NOOP(
                "Errors",
                "The account {name} names the realm {user_realm}, but this server's mail "
                "server uses the realm {realm}: such an account could never log in.",
            ).format(name=repr(name), user_realm=repr(user_realm), realm=repr(realm)),
            QT_TRANSLATE_NOOP(
                "Errors",
                "Give the name without '@' (it is created as {bare}@{realm}).",
            ).format(bare=bare, realm=realm),
        )
    return bare


def validate_password(password: str) -> str:
    if not password:
        raise UsageError(
            QT_TRANSLATE_NOOP("Errors", "The password is empty."),
            QT_TRANSLATE_NOOP(
                "Errors", "Type a password, or let Relay Wizard generate a strong one."
            ),
            field=Field.PASSWORD,
        )
    if any(c in password for c in "\r\n\0"):
        raise UsageError(
            QT_TRANSLATE_NOOP("Errors", "The password contains a line break or NUL character."),
            QT_TRANSLATE_NOOP(
                "Errors", "saslpasswd2 reads one line: choose a password without line breaks."
            ),
            field=Field.PASSWORD,
        )
    if len(password) < 8:
        raise UsageError(
            QT_TRANSLATE_NOOP("Errors", "The password is shorter than 8 characters."),
            QT_TRANSLATE_NOOP(
                "Errors", "Choose a longer one, or let Relay Wizard generate a strong one."
            ),
            field=Field.PASSWORD,
        )
    if len(password.encode("utf-8")) > MAX_PASSWORD_BYTES:
        raise UsageError(
            QT_TRANSLATE_NOOP(
                "Errors", "The password is longer than {max_password_bytes} bytes."
            ).format(max_password_bytes=MAX_PASSWORD_BYTES),
            QT_TRANSLATE_NOOP(
                "Errors", "saslpasswd2 would silently cut it short: choose a shorter one."
            ),
            field=Field.PASSWORD,
        )
    return password


def generate_password(length: int = 20) -> str:
    """A strong random password from characters every mail program accepts."""
    while True:
        pw = "".join(secrets.choice(_PASSWORD_ALPHABET) for _ in range(length))
        if any(c.isdigit() for c in pw) and any(c.isalpha() for c in pw):
            return pw


def parse_listing(text: str) -> list[SaslUser]:
    """Parse ``sasldblistusers2`` output: ``user@realm: userPassword``."""
    users = []
    for line in text.splitlines():
        m = re.match(r"^(\S+)@(\S+):\s*userPassword\s*$", line.strip())
        if m:
            users.append(SaslUser(m.group(1), m.group(2)))
    return users


def parse_class_w(text: str) -> list[str]:
    """sendmail's class w (the ``$=w`` answer in address test mode): the names it takes
    mail for, as listed (IP literals and ``localhost`` included; the caller judges)."""
    _, prompt, rest = text.partition("\n> ")
    if not prompt:
        return []
    names = []
    for line in rest.splitlines():
        name = line.removeprefix("> ").strip()
        if name and len(name) <= 253 and not any(c.isspace() for c in name):
            names.append(name)
    return names


# Where the realm comes from (SaslRealm.source), in plain words for every front.
REALM_SOURCES = {
    "sendmail": QT_TRANSLATE_NOOP("Users", "sendmail's canonical name"),
    "smtpd_sasl_local_domain": QT_TRANSLATE_NOOP("Users", "Postfix's smtpd_sasl_local_domain"),
    "myhostname": QT_TRANSLATE_NOOP("Users", "Postfix's myhostname"),
}


@dataclass(frozen=True)
class SaslRealm:
    """The realm the mail server's logins are looked up in, and where it comes from.

    ``source`` is a key of :data:`REALM_SOURCES`: sendmail's ``$j``; on Postfix,
    ``smtpd_sasl_local_domain``, else ``myhostname`` (Cyrus then uses the server's name:
    accounts made in that realm log in as NAME or NAME@realm, field notes 13).
    ``local``: the names the server takes mail for (class w; Postfix's mydestination).
    ``dovecot``: Postfix checks logins with Dovecot, so the accounts are Dovecot's.
    ``server_name``: the name the server calls itself (``$j``; Postfix's myhostname), the
    exports' starting point (:mod:`wizard.core.exports.identity`).
    """

    realm: str
    source: str
    mta: str = "sendmail"
    local: tuple[str, ...] = ()
    dovecot: bool = False
    server_name: str = ""

    @property
    def source_text(self) -> str:
        return REALM_SOURCES[self.source]


def dovecot_accounts() -> WizardError:
    """Postfix checks logins with Dovecot: Relay Wizard makes no sasldb account there."""
    return WizardError(
        QT_TRANSLATE_NOOP(
            "Errors",
            "This server's Postfix checks logins with Dovecot, so the mail accounts are "
            "Dovecot's: Relay Wizard did not change anything.",
        ),
        QT_TRANSLATE_NOOP(
            "Errors",
            "Add, change or remove the account where Dovecot keeps its users (often the "
            "server's own user accounts, or Dovecot's passwd file).",
        ),
    )


def parse_postfix_names(text: str) -> SaslRealm:
    """The ``@@ postfix`` answer of sasl-realm.sh: ``NAME = VALUE`` lines of postconf -x."""
    values: dict[str, str] = {}
    for line in text.splitlines():
        name, eq, value = line.partition(" = ")
        if eq:
            values[name.strip()] = value.strip()
        elif line.strip().endswith(" ="):  # postconf prints an empty value as "NAME ="
            values[line.strip()[:-2].strip()] = ""
    local_domain = values.get("smtpd_sasl_local_domain", "")
    source = "smtpd_sasl_local_domain" if local_domain else "myhostname"
    realm = local_domain or values.get("myhostname", "")
    if not realm:
        raise WizardError(
            QT_TRANSLATE_NOOP("Errors", "Could not read Postfix's host name on the server."),
            QT_TRANSLATE_NOOP("Errors", "Check that Postfix is installed and postconf works."),
        )
    local = tuple(
        n
        for n in re.split(r"[\s,]+", values.get("mydestination", ""))
        if n and len(n) <= 253 and not n.startswith(("$", "/")) and ":" not in n
    )
    return SaslRealm(
        validate_realm(realm),
        source,
        "postfix",
        local,
        dovecot=values.get("smtpd_sasl_type", "cyrus") == "dovecot",
        server_name=values.get("myhostname", ""),
    )


def read_sasl_realm(session: Runner, cancel: threading.Event | None = None) -> SaslRealm:
    """The realm, where it comes from and the mail names, in one call: the server-side
    script finds the mail server (sendmail's ``$j`` and class w, or Postfix's settings)."""
    r = session.run(scripts.command("sasl-realm"), timeout=30, cancel=cancel)
    head, _, rest = r.stdout.partition("\n")
    if head.strip() == "@@ postfix":
        return parse_postfix_names(rest)
    m = re.search(r"\(canonical domain name\) \$j = (\S+)", r.stdout)
    if not m:
        raise WizardError(
            QT_TRANSLATE_NOOP(
                "Errors", "Could not read sendmail's canonical name ($j) on the server."
            ),
            QT_TRANSLATE_NOOP(
                "Errors", "Check that sendmail is installed and its configuration builds."
            ),
        )
    realm = validate_realm(m.group(1))
    return SaslRealm(realm, "sendmail", local=tuple(parse_class_w(r.stdout)), server_name=realm)


def read_realm(session: Runner, cancel: threading.Event | None = None) -> str:
    """The realm the mail server's SASL lookups use (sendmail's ``$j``, Postfix's)."""
    return read_sasl_realm(session, cancel).realm


def read_names(session: Runner, cancel: threading.Event | None = None) -> tuple[str, list[str]]:
    """The realm and the names the mail server takes mail for, one call."""
    found = read_sasl_realm(session, cancel)
    return found.realm, list(found.local)


def list_users(session: Runner, cancel: threading.Event | None = None) -> list[SaslUser]:
    r = session.run(
        scripts.command("users-list"),
        timeout=30,
        cancel=cancel,
    )
    if r.exit_code == DOVECOT:
        raise dovecot_accounts()
    if not r.ok:
        raise WizardError(
            QT_TRANSLATE_NOOP("Errors", "Could not list the mail accounts: {value}.").format(
                value=r.stderr.strip() or "sasldblistusers2 failed"
            ),
            QT_TRANSLATE_NOOP(
                "Errors", "Check that sasl2-bin (or cyrus-sasl) is installed on the server."
            ),
        )
    return parse_listing(r.stdout)


def _run_batch(
    session: Runner,
    script: str,
    payload: str,
    passwords: list[str],
    *,
    cancel: threading.Event | None = None,
) -> ResultLike:
    """Run the checked batch under the server lock, taken by the batch script itself
    (``SshSession.run_locked``: no round trip of its own). Bad input never gets here."""
    timeout = 60 + 0.5 * len(passwords)
    run_locked = getattr(session, "run_locked", None)
    if run_locked is None:  # a unit test's stand-in runner: no server, no lock
        return session.run(script, stdin=payload, timeout=timeout, secrets=passwords, cancel=cancel)
    result: ResultLike = run_locked(
        "users", script, stdin=payload, timeout=timeout, secrets=passwords, cancel=cancel
    )
    return result


@dataclass(frozen=True)
class BatchResult:
    done: list[str]
    existing: list[str]
    missing: list[str]
    failed: list[str]


def set_passwords(
    session: Runner,
    realm: str,
    accounts: list[tuple[str, str]],
    *,
    mode: str = "set",
    cancel: threading.Event | None = None,
) -> BatchResult:
    """Create or update many accounts in one remote call (passwords on stdin only)."""
    if mode not in ("add", "passwd", "set"):
        raise ValueError(mode)
    realm = validate_realm(realm)
    names = [validate_user_name(n, realm) for n, _ in accounts]
    passwords = [validate_password(p) for _, p in accounts]
    twice = sorted(n for n, k in Counter(names).items() if k > 1)
    if twice:
        # The script checks existence once, before the loop: a second line for the same
        # name would silently overwrite the first password.
        raise UsageError(
            QT_TRANSLATE_NOOP("Errors", "The account(s) {twice} appear more than once.").format(
                twice=", ".join(twice)
            ),
            QT_TRANSLATE_NOOP("Errors", "Give each account once."),
        )
    payload = "".join(f"{n}\n{p}\n" for n, p in zip(names, passwords, strict=True))
    # users-batch.sh: names and passwords on stdin, never in argv
    script = scripts.command("users-batch", realm, mode)
    r = _run_batch(session, script, payload, passwords, cancel=cancel)
    out: dict[str, list[str]] = {"ok": [], "exists": [], "missing": [], "failed": []}
    for line in r.stdout.splitlines():
        word, _, who = line.partition(" ")
        if word in out:
            out[word].append(who)
    if r.exit_code == DOVECOT:
        raise dovecot_accounts()
    if r.exit_code not in (0, 3, 4):
        raise RemoteCommandError(
            QT_TRANSLATE_NOOP(
                "Errors", "Changing the mail accounts failed on the server: {value}"
            ).format(value=r.stderr.strip()[-300:]),
            r,
            "Check that saslpasswd2 (sasl2-bin or cyrus-sasl) is installed.",
        )
    return BatchResult(out["ok"], out["exists"], out["missing"], out["failed"])


# Per mode: the BatchResult field that means "refused", its message and fix, and the
# message when saslpasswd2 did nothing.
_SINGLE = {
    "add": (
        "existing",
        "The account {who} already exists.",
        "Change its password instead, or choose another name.",
        "saslpasswd2 could not create {who}.",
    ),
    "passwd": (
        "missing",
        "There is no account {who}.",
        "Check the name in the list of accounts, or create it.",
        "saslpasswd2 could not change the password of {who}.",
    ),
}


def _set_one(
    session: Runner,
    realm: str,
    name: str,
    password: str,
    mode: str,
    cancel: threading.Event | None,
) -> SaslUser:
    name = validate_user_name(name, realm)
    res = set_passwords(session, realm, [(name, password)], mode=mode, cancel=cancel)
    refused, message, fix, failed = _SINGLE[mode]
    who = f"{name}@{realm}"
    if getattr(res, refused):
        raise UsageError(message.format(who=who), fix, field=Field.ACCOUNT)
    if not res.done:
        raise WizardError(
            failed.format(who=who),
            QT_TRANSLATE_NOOP("Errors", "Look at the server's mail log for the reason."),
        )
    return SaslUser(name, realm)


def add_user(
    session: Runner, realm: str, name: str, password: str, cancel: threading.Event | None = None
) -> SaslUser:
    """Create ``name`` in ``realm``; an existing account is refused (its password stays)."""
    return _set_one(session, realm, name, password, "add", cancel)


def change_password(
    session: Runner, realm: str, name: str, password: str, cancel: threading.Event | None = None
) -> SaslUser:
    """Set the password of the existing account ``name``; a missing one is refused."""
    return _set_one(session, realm, name, password, "passwd", cancel)


def remove_user(
    session: Runner, realm: str, name: str, cancel: threading.Event | None = None
) -> None:
    _remove_user(session, realm, validate_user_name(name, realm), cancel=cancel)


@server_locked("users")  # the listing and the removal, under one lock
def _remove_user(
    session: Runner, realm: str, name: str, *, cancel: threading.Event | None = None
) -> None:
    if SaslUser(name, realm) not in list_users(session, cancel):
        raise UsageError(
            QT_TRANSLATE_NOOP("Errors", "There is no account {name}@{realm}.").format(
                name=name, realm=realm
            ),
            QT_TRANSLATE_NOOP("Errors", "Check the name in the list of accounts."),
            field=Field.ACCOUNT,
        )
    r = session.run(
        scripts.command("users-remove", realm, name),
        timeout=30,
        cancel=cancel,
    )
    if r.exit_code == DOVECOT:
        raise dovecot_accounts()
    if not r.ok:
        raise RemoteCommandError(
            QT_TRANSLATE_NOOP("Errors", "Removing {name}@{realm} failed: {value}").format(
                name=name, realm=realm, value=r.stderr.strip()
            ),
            r,
        )
