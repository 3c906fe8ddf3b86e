"""What a profile needs of a Postfix server, as Postfix's own editor says it: main.cf
settings (``postconf -e NAME=VALUE``), master.cf services (``postconf -M KEY=ENTRY``) and
their ``-o`` overrides (``postconf -P KEY/NAME=VALUE``), and Cyrus SASL's smtpd.conf.
The plan (:mod:`.plan`), the apply's build step (postconf on copies) and the Ansible
playbook are all made from one :class:`PostfixEdits`. Pure.

Only what differs from the server is edited (the values in force, ``postconf``, and the
services of ``postconf -M``): a server that already does what the profile needs gets no
edit. Nothing the admin relies on is taken away silently: a restriction list keeps every
entry (``permit_sasl_authenticated`` is inserted before the first one that refuses), a
listener or a login method the server has stays; what the profile must take away is a
WARNING check that says so (a dropped mechanism the admin asked to drop), or an ERROR
when nothing asks for it (the classic profile on a port 25 that allows logins only after
encryption).

- modern: the submission service (port 587) with ``-o`` overrides: STARTTLS required,
  AUTH on, AUTH only after TLS, relaying for logged-in users only; port 465 (implicit
  TLS) when asked; AUTH on port 25 only when the admin opens it (``open_smtp``, then
  after STARTTLS only); a certificate (the server's own, the admin's, else Debian's
  snakeoil); PLAIN and LOGIN by default.
- classic: AUTH on port 25 (main.cf), ``permit_sasl_authenticated`` in the relay
  restrictions, CRAM-MD5 and DIGEST-MD5.
- both: Cyrus SASL's smtpd.conf (sasldb through auxprop, the mechanism list); a server
  whose smtpd checks logins with Dovecot keeps Dovecot (no smtpd.conf).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from wizard.core.change.plan import Check, CheckLevel
from wizard.core.mta.postfix.state import CERT_CANDIDATES
from wizard.core.mta.sendmail.saslconf import parse_sasl_conf
from wizard.core.mta.sendmail.state import FileFacts
from wizard.core.translatable import QT_TRANSLATE_NOOP

if TYPE_CHECKING:
    from collections.abc import Sequence

    from wizard.core.change.options import RelayOptions
    from wizard.core.mta.postfix.state import PostfixState
    from wizard.core.mta.report import MasterService

PLAINTEXT = ("PLAIN", "LOGIN")
SASL_PERMIT = "permit_sasl_authenticated"
# what a staff-only port allows: logged-in users, nobody else
STAFF_ONLY = f"{SASL_PERMIT},reject"
# restrictions that refuse: permit_sasl_authenticated must come before the first of them
_REFUSING = re.compile(r"^(reject|defer)")
# the ports of the service names a stock master.cf uses
PORTS = {"smtp": 25, "submission": 587, "submissions": 465, "smtps": 465}
_YES = ("yes", "true", "1")


@dataclass(frozen=True)
class PostfixEdits:
    """Postfix's edits, in the order they are made. Only what differs from what the
    server has: empty when the server already does what the profile needs."""

    # postconf -e: (name, value)
    main: tuple[tuple[str, str], ...] = ()
    # postconf -M: (service key "name/type", the whole entry "name type private unpriv
    # chroot wakeup maxproc command")
    services: tuple[tuple[str, str], ...] = ()
    # postconf -P: (service key, option name, value)
    service_options: tuple[tuple[str, str, str], ...] = ()
    # Cyrus SASL's smtpd.conf: (key, value), e.g. ("mech_list", "PLAIN LOGIN")
    sasl_conf: tuple[tuple[str, str], ...] = ()

    @property
    def empty(self) -> bool:
        return not (self.main or self.services or self.service_options or self.sasl_conf)


@dataclass(frozen=True)
class Decision:
    """The edits and what the plan says about them: the checks, the login methods
    before and after, and the ports the change opens."""

    edits: PostfixEdits
    checks: tuple[Check, ...] = ()
    mechanisms_before: tuple[str, ...] = ()
    mechanisms_after: tuple[str, ...] = ()
    opened: tuple[int, ...] = ()
    dovecot: bool = False  # logins are checked by Dovecot (its own login methods)
    auth_on_25: bool = False  # port 25 offers AUTH after the change
    tls_files: tuple[str, str] = ("", "")


def _yes(value: str) -> bool:
    return value.strip().lower() in _YES


def restriction_words(value: str) -> list[str]:
    """A Postfix list (commas and/or white space) as its entries."""
    return [w for w in re.split(r"[\s,]+", value.strip()) if w]


def with_sasl_permit(value: str, *, commas: bool = False) -> str:
    """``value`` (a restriction list) with ``permit_sasl_authenticated`` before the first
    entry that refuses (at the end if none does); everything else kept, in order.
    ``commas``: join with commas (a master.cf ``-o`` value cannot hold spaces), else in
    the list's own style."""
    words = restriction_words(value)
    at = next((i for i, w in enumerate(words) if _REFUSING.match(w)), len(words))
    words.insert(at, SASL_PERMIT)
    if commas:
        return ",".join(words)
    return (", " if "," in value else " ").join(words)


def permits_sasl(value: str) -> bool:
    """``permit_sasl_authenticated`` comes before every entry that refuses."""
    for w in restriction_words(value):
        if w == SASL_PERMIT:
            return True
        if _REFUSING.match(w):
            return False
    return False


def service_port(name: str) -> int | None:
    """The TCP port of a master.cf inet service name (``submission``, ``587``,
    ``127.0.0.1:587``), None when it is not one of the mail ports or a number."""
    port = name.rpartition(":")[2]
    if port.isdigit():
        return int(port)
    return PORTS.get(port)


def _wildcard(name: str) -> bool:
    return ":" not in name or name.startswith(("*:", "0.0.0.0:", "[::]:"))


class _Maker:
    """Collects the edits and checks of one decision."""

    def __init__(self, state: PostfixState, o: RelayOptions) -> None:
        info = state.report.postfix
        self.state = state
        self.o = o
        self.eff = dict(info.effective) if info else {}
        self.services = {s.key: s for s in (info.services if info else ())}
        self.main: dict[str, str] = {}
        self.service_entries: list[tuple[str, str]] = []
        self.options: list[tuple[str, str, str]] = []
        self.checks: list[Check] = []
        self.opened: list[int] = []

    def add(self, id_: str, level: CheckLevel, message: str, detail: str = "") -> None:
        self.checks.append(Check(id_, level, message, detail))

    def main_value(self, name: str) -> str:
        return self.main.get(name, self.eff.get(name, ""))

    def set_main(self, name: str, value: str) -> None:
        if self.main_value(name) != value:
            self.main[name] = value

    def inet(self, port: int) -> list[MasterService]:
        return [
            s for s in self.services.values() if s.kind == "inet" and service_port(s.name) == port
        ]

    def auth_somewhere(self) -> bool:
        """smtpd offers logins today: on port 25 (main.cf) or on a service of master.cf."""
        return _yes(self.eff.get("smtpd_sasl_auth_enable", "")) or any(
            _yes(s.options.get("smtpd_sasl_auth_enable", "")) for s in self.services.values()
        )

    def chroot(self) -> str:
        smtp = self.services.get("smtp/inet")
        return smtp.chroot if smtp else "-"

    def staff_port(self, port: int, name: str, options: Sequence[tuple[str, str]]) -> None:
        """A port for staff only (587, 465): the service, or the overrides it lacks."""
        existing = self.inet(port)
        wild = [s for s in existing if _wildcard(s.name)]
        if existing and not wild:
            self.add(
                f"listener_bound_{port}",
                CheckLevel.ERROR,
                QT_TRANSLATE_NOOP(
                    "Checks",
                    "Port {port} is set up in master.cf for one address only ({name}). Relay "
                    "Wizard does not change it: make it listen on every address, or remove it, "
                    "then plan again.",
                ).format(port=port, name=existing[0].name),
            )
            return
        if not wild:
            key = f"{name}/inet"
            self.service_entries.append((key, f"{name} inet n - {self.chroot()} - - smtpd"))
            self.options += [(key, k, v) for k, v in options]
            self.opened.append(port)
            return
        svc = wild[-1]
        for k, v in options:
            have = svc.options.get(k)
            if k == "syslog_name" and have is not None:
                continue  # the admin's log name stays
            if k == "smtpd_relay_restrictions":
                current = have if have is not None else self.main_value(k)
                if not permits_sasl(current):
                    self.options.append((svc.key, k, with_sasl_permit(current, commas=True)))
                continue
            if k == "smtpd_tls_security_level" and (
                (have or self.main_value(k)) == "encrypt"
                or _yes(svc.options.get("smtpd_tls_auth_only", ""))
            ):
                continue  # AUTH only after TLS already
            if (have if have is not None else self.main_value(k)) != v:
                self.options.append((svc.key, k, v))


def _tls(m: _Maker) -> tuple[str, str]:
    """The certificate and key smtpd uses (setting main.cf's when needed)."""
    o, files = m.o, m.state.files
    if o.cert_file:
        m.set_main("smtpd_tls_cert_file", o.cert_file)
        m.set_main("smtpd_tls_key_file", o.key_file)
        cert, key = o.cert_file, o.key_file
    elif m.eff.get("smtpd_tls_cert_file") or m.eff.get("smtpd_tls_chain_files"):
        return m.eff.get("smtpd_tls_cert_file", ""), m.eff.get("smtpd_tls_key_file", "")
    else:
        found = [(c, k) for c, k in CERT_CANDIDATES if files.get(c, FileFacts(c, False)).exists]
        if not found:
            m.add(
                "no_cert",
                CheckLevel.ERROR,
                QT_TRANSLATE_NOOP(
                    "Checks",
                    "No certificate for STARTTLS was found on the server. Give the paths of a "
                    "certificate and its key on the server.",
                ),
            )
            return "", ""
        cert, key = found[0]
        m.set_main("smtpd_tls_cert_file", cert)
        m.set_main("smtpd_tls_key_file", key)
    for path, text in (
        (cert, QT_TRANSLATE_NOOP("Checks", "The certificate {path} does not exist on the server.")),
        (key, QT_TRANSLATE_NOOP("Checks", "The key {path} does not exist on the server.")),
    ):
        facts = files.get(path)
        if facts is not None and not facts.exists:
            m.add("tls_missing", CheckLevel.ERROR, text.format(path=path))
    return cert, key


def _sasl_conf(m: _Maker, mechs: Sequence[str]) -> tuple[list[tuple[str, str]], list[str]]:
    """smtpd.conf's keys to set, and the mechanisms it lists today."""
    o, state = m.o, m.state
    conf = parse_sasl_conf(state.sasl_conf_text)
    before = conf.get("mech_list", "").upper().split()
    drop = set(o.drop_mechanisms)
    dropped = [x for x in before if x in drop]
    if dropped:
        m.add(
            "mechanisms_dropped",
            CheckLevel.WARNING,
            QT_TRANSLATE_NOOP(
                "Checks",
                "As you asked, {mechanisms} will no longer be accepted: mail programs that "
                "log in with it must be set to another method.",
            ).format(mechanisms=" ".join(dropped)),
        )
    after = [x for x in before if x not in drop] + [x for x in mechs if x not in before]
    if not before and m.auth_somewhere():
        # no mech_list while logins already work: smtpd offers every mechanism the SASL
        # library has (the profile's among them); a list would take the others away
        after = []
        m.add(
            "mechanisms_all_kept",
            CheckLevel.OK,
            QT_TRANSLATE_NOOP(
                "Checks",
                "Postfix already offers every login method its SASL library has; that stays "
                "as it is.",
            ),
        )
    out: list[tuple[str, str]] = []
    saslauthd = conf.get("pwcheck_method") == "saslauthd"
    if saslauthd and any(x in PLAINTEXT for x in before):
        m.add(
            "password_check_kept",
            CheckLevel.OK,
            QT_TRANSLATE_NOOP(
                "Checks",
                "PLAIN and LOGIN keep checking passwords the way they do today (saslauthd, "
                "{path}): the SASL config stays as it is.",
            ).format(path=state.sasl_conf_path),
        )
    elif conf.get("pwcheck_method") != "auxprop" and (
        any(x in PLAINTEXT for x in after) or not conf.get("pwcheck_method")
    ):
        out.append(("pwcheck_method", "auxprop"))
    if "pwcheck_method" in dict(out) or conf.get("pwcheck_method") == "auxprop":
        if conf.get("auxprop_plugin", "sasldb") != "sasldb" and "auxprop_plugin" in conf:
            m.add(
                "auxprop_kept",
                CheckLevel.OK,
                QT_TRANSLATE_NOOP(
                    "Checks",
                    "Passwords keep being checked by the SASL plugin set in {path}, as today.",
                ).format(path=state.sasl_conf_path),
            )
        elif conf.get("auxprop_plugin") != "sasldb":
            out.append(("auxprop_plugin", "sasldb"))
    if after and after != before:
        out.append(("mech_list", " ".join(after)))
    return out, before


def _final_refusal(m: _Maker, relay: str) -> None:
    """Port 25's relay list refusing strangers outright: Postfix's default answers them
    "try later" (``defer_unauth_destination``, 454), which proves nothing to the check
    from outside; ``reject_unauth_destination`` (554) refuses the same mail for good and
    changes nothing for anyone allowed to relay."""
    value = m.main_value(relay)
    words = restriction_words(value)
    if "defer_unauth_destination" not in words:
        return
    sep = ", " if "," in value else " "
    new = [("reject_unauth_destination" if w == "defer_unauth_destination" else w) for w in words]
    m.main[relay] = sep.join(dict.fromkeys(new))
    m.add(
        "relay_refused_outright",
        CheckLevel.OK,
        QT_TRANSLATE_NOOP(
            "Checks",
            "Strangers who try to relay mail through port 25 are refused outright instead of "
            "being told to try again later, so that the check from this computer can prove "
            "they cannot relay. Nothing changes for anyone who may relay.",
        ),
    )


def decide(state: PostfixState, options: RelayOptions) -> Decision:
    """The edits ``options`` need on the server read as ``state``, with the plan's checks."""
    o = options.validated()
    m = _Maker(state, o)
    info = state.report.postfix
    mechs = tuple(o.mechanisms)
    dovecot = (info.sasl_type if info else "cyrus") == "dovecot"
    if info is None:
        m.add(
            "postfix_unknown",
            CheckLevel.ERROR,
            QT_TRANSLATE_NOOP("Checks", "Postfix's configuration could not be read."),
        )
        return Decision(PostfixEdits(), tuple(m.checks))
    if dovecot and not info.dovecot_socket:
        m.add(
            "dovecot_socket",
            CheckLevel.ERROR,
            QT_TRANSLATE_NOOP(
                "Checks",
                "Postfix is set to check logins with Dovecot, but Dovecot's login socket "
                "({path}) was not found. Start Dovecot, or set up its login service, then plan "
                "again.",
            ).format(path=info.sasl_path),
        )
    if not dovecot and "cyrus" not in info.sasl_types:
        m.add(
            "no_sasl",
            CheckLevel.ERROR,
            QT_TRANSLATE_NOOP(
                "Checks",
                "This Postfix cannot check logins: it was built without Cyrus SASL. Install "
                "a Postfix package with SASL support (Debian's postfix has it) and "
                "libsasl2-modules.",
            ),
        )
    tls = ("", "")
    auth_on_25 = _yes(m.eff.get("smtpd_sasl_auth_enable", ""))
    if o.profile == "modern":
        tls = _tls(m)
        submission = [
            ("syslog_name", "postfix/submission"),
            ("smtpd_tls_security_level", "encrypt"),
            ("smtpd_sasl_auth_enable", "yes"),
            ("smtpd_tls_auth_only", "yes"),
            ("smtpd_relay_restrictions", STAFF_ONLY),
        ]
        m.staff_port(587, "submission", submission)
        if o.smtps:
            smtps = [
                ("syslog_name", "postfix/submissions"),
                ("smtpd_tls_wrappermode", "yes"),
                ("smtpd_sasl_auth_enable", "yes"),
                ("smtpd_relay_restrictions", STAFF_ONLY),
            ]
            m.staff_port(465, "submissions", smtps)
        if o.open_smtp:
            m.set_main("smtpd_sasl_auth_enable", "yes")
            if not _yes(m.main_value("smtpd_tls_auth_only")):
                m.set_main("smtpd_tls_auth_only", "yes")
            auth_on_25 = True
    else:
        m.set_main("smtpd_sasl_auth_enable", "yes")
        auth_on_25 = True
        if _yes(m.eff.get("smtpd_tls_auth_only", "")):
            # the classic profile's logins without encryption would take this away
            m.add(
                "tls_auth_only",
                CheckLevel.ERROR,
                QT_TRANSLATE_NOOP(
                    "Checks",
                    "Today port 25 accepts logins only inside an encrypted connection, and "
                    "the classic profile would take that protection away. Use the modern "
                    "profile (recommended), or switch the protection off yourself first.",
                ),
            )
    if auth_on_25:
        relay = "smtpd_relay_restrictions"
        if not m.main_value(relay).strip():
            relay = "smtpd_recipient_restrictions"  # before Postfix 2.10's relay list
        if not permits_sasl(m.main_value(relay)):
            m.main[relay] = with_sasl_permit(m.main_value(relay))
        if o.profile == "classic" or o.open_smtp:
            _final_refusal(m, relay)
    anon = m.eff.get("smtpd_sasl_security_options", "noanonymous")
    if "noanonymous" not in restriction_words(anon):
        m.main["smtpd_sasl_security_options"] = ", ".join([*restriction_words(anon), "noanonymous"])
    sasl_conf: list[tuple[str, str]] = []
    before: list[str] = []
    after = list(mechs)
    if dovecot:
        m.add(
            "dovecot_kept",
            CheckLevel.OK,
            QT_TRANSLATE_NOOP(
                "Checks",
                "Postfix checks logins with Dovecot, as today: the login methods and the "
                "accounts stay Dovecot's.",
            ),
        )
    else:
        sasl_conf, before = _sasl_conf(m, mechs)
        after = dict(sasl_conf).get("mech_list", " ".join(before)).split() or list(mechs)
    if o.certificate != "keep":
        m.add(
            "certificate_postfix",
            CheckLevel.ERROR,
            QT_TRANSLATE_NOOP(
                "Checks",
                "Relay Wizard cannot obtain a certificate for Postfix yet. Keep the server's "
                "own certificate or give the paths of one.",
            ),
        )
    if o.protect and o.protect_given:
        m.add(
            "protection_postfix",
            CheckLevel.WARNING,
            QT_TRANSLATE_NOOP(
                "Checks",
                "Relay Wizard cannot set up the protection against password guessing on "
                "Postfix yet: the rest of the plan goes ahead without it.",
            ),
        )
    edits = PostfixEdits(
        main=tuple(m.main.items()),
        services=tuple(m.service_entries),
        service_options=tuple(m.options),
        sasl_conf=tuple(sasl_conf),
    )
    return Decision(
        edits,
        tuple(m.checks),
        tuple(before),
        tuple(after),
        tuple(m.opened),
        dovecot,
        auth_on_25,
        tls,
    )


def wanted(state: PostfixState, options: RelayOptions) -> PostfixEdits:
    """The edits ``options`` need on the server read as ``state``."""
    return decide(state, options).edits


def edit_sasl_conf(text: str, keys: Sequence[tuple[str, str]]) -> str:
    """smtpd.conf with ``keys`` set (each key's line replaced in place, else appended);
    every other line kept as it is."""
    wanted_keys = dict(keys)
    if not wanted_keys:
        return text
    newline = "\r\n" if "\r\n" in text else "\n"
    out: list[str] = []
    seen: set[str] = set()
    for line in text.splitlines(keepends=True):
        stripped = line.strip()
        key = stripped.partition(":")[0].strip() if ":" in stripped else ""
        if key in wanted_keys and not stripped.startswith("#"):
            if key in seen:
                continue  # a duplicate would be ambiguous: keep one
            seen.add(key)
            ending = line[len(line.rstrip("\r\n")) :] or newline
            out.append(f"{key}: {wanted_keys[key]}{ending}")
        else:
            out.append(line)
    missing = [k for k in wanted_keys if k not in seen]
    if missing:
        if out and not out[-1].endswith(("\n", "\r")):
            out[-1] += newline
        out.extend(f"{k}: {wanted_keys[k]}{newline}" for k in missing)
    return "".join(out)
