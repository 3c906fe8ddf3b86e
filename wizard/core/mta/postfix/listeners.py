"""Postfix's listeners, from master.cf's ``inet`` services that run ``smtpd``.

A service's setting is its own ``-o name=value`` where master.cf gives one, else main.cf's
value in force (:func:`setting`). Each smtpd service becomes a
:class:`~wizard.core.mta.sendmail.mc.Listener`, the shape the fronts, the plan and verify
already read: its port from the service name (``smtp`` 25, ``submission`` 587,
``submissions``/``smtps`` 465, ``HOST:PORT``, a number), its address from the name's host
part, else ``inet_interfaces`` ("all" = every address, ``loopback-only`` = 127.0.0.1), and
sendmail's modifier letters for what the service does: ``s`` TLS from the first byte
(``smtpd_tls_wrappermode``), ``a`` AUTH required (its restrictions end in
``permit_sasl_authenticated, reject``), ``A`` no AUTH at all (``smtpd_sasl_auth_enable``
off). Pure.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import TYPE_CHECKING

from wizard.core.mta.sendmail.mc import Listener

if TYPE_CHECKING:
    from wizard.core.mta.report import MasterService, PostfixInfo

# the service names Postfix's /etc/services knows for mail (master.cf names ports by them)
PORTS = {"smtp": 25, "submission": 587, "submissions": 465, "smtps": 465}
_REF = re.compile(r"[$](?:[{]([A-Za-z0-9_]+)[}]|[(]([A-Za-z0-9_]+)[)]|([A-Za-z0-9_]+))")
# the restriction lists smtpd reads for the recipient, in the order it reads them
RELAY_LISTS = ("smtpd_relay_restrictions", "smtpd_recipient_restrictions")


def expand(value: str, info: PostfixInfo, depth: int = 0) -> str:
    """``value`` with ``$name`` references replaced by main.cf's values (those set, else in
    force); a name neither knows stays as it is."""
    if "$" not in value or depth > 5:
        return value

    def one(m: re.Match[str]) -> str:
        name = m.group(1) or m.group(2) or m.group(3)
        if name in info.expanded:
            return info.expanded[name]
        known = info.set.get(name, info.effective.get(name))
        return m.group(0) if known is None else expand(known, info, depth + 1)

    return _REF.sub(one, value)


def setting(info: PostfixInfo, name: str, service: MasterService | None = None) -> str:
    """The value ``service`` runs with (its ``-o`` override, else main.cf's value in force),
    expanded."""
    if service is not None and name in service.options:
        return expand(service.options[name], info)
    if name in info.expanded:
        return info.expanded[name]
    return expand(info.effective.get(name, info.set.get(name, "")), info)


def words(value: str) -> list[str]:
    """A Postfix list (commas and/or white space) as its items."""
    return [w for w in re.split(r"[\s,]+", value) if w]


def is_yes(value: str) -> bool:
    return value.strip().lower() in ("yes", "true", "1")


def smtpd_services(info: PostfixInfo) -> list[MasterService]:
    """The ``inet`` services that run smtpd (the SMTP server), in master.cf's order. A
    ``postscreen`` front (port 25 on busy servers) hands each client to the ``pass``
    service that runs smtpd: it counts with that service's options."""
    out: list[MasterService] = []
    passed = next(
        (s for s in info.services if s.kind == "pass" and s.command.split()[:1] == ["smtpd"]),
        None,
    )
    for s in info.services:
        program = s.command.split()[:1]
        if s.kind != "inet":
            continue
        if program == ["smtpd"]:
            out.append(s)
        elif program == ["postscreen"] and passed is not None:
            options = {**passed.options, **s.options}
            out.append(replace(s, command=passed.command, options=options))
    return out


def service_port(name: str) -> tuple[str, int]:
    """(host part, port) of a service name: ``smtp`` ("", 25), ``127.0.0.1:submission``
    ("127.0.0.1", 587), ``[::1]:2525`` ("::1", 2525); port 0 for a name not known."""
    host, sep, port = name.rpartition(":")
    if not sep:
        host, port = "", name
    host = host.strip("[]")
    if port.isdigit():
        return host, int(port)
    return host, PORTS.get(port.lower(), 0)


def interfaces(info: PostfixInfo) -> list[str]:
    """The addresses ``inet_interfaces`` names: "" for every address."""
    value = setting(info, "inet_interfaces").lower()
    out: list[str] = []
    for item in words(value):
        if item == "all":
            return [""]
        if item in ("loopback-only", "localhost"):
            out += ["127.0.0.1"]
        else:
            out.append(item.strip("[]"))
    return list(dict.fromkeys(out)) or [""]


def requires_auth(info: PostfixInfo, service: MasterService) -> bool:
    """The service accepts mail only after a login: one of its own restriction lists lets
    nothing through but ``permit_sasl_authenticated`` and then rejects."""
    for name in ("smtpd_client_restrictions", *RELAY_LISTS):
        if name not in service.options:
            continue
        items = words(setting(info, name, service))
        if len(items) < 2 or items[-1] != "reject":
            continue
        permits = [w for w in items[:-1] if w.startswith("permit")]
        if permits == ["permit_sasl_authenticated"]:
            return True
    return False


def modifiers(info: PostfixInfo, service: MasterService) -> str:
    out = ""
    if is_yes(setting(info, "smtpd_tls_wrappermode", service)):
        out += "s"
    if not is_yes(setting(info, "smtpd_sasl_auth_enable", service)):
        out += "A"
    elif requires_auth(info, service):
        out += "a"
    return out


def listeners(info: PostfixInfo) -> list[Listener]:
    """One listener per smtpd service and address it listens on."""
    out: list[Listener] = []
    for service in smtpd_services(info):
        host, port = service_port(service.name)
        if not port:
            continue
        mods = modifiers(info, service)
        for address in [host] if host else interfaces(info):
            family = "inet6" if ":" in address else "inet"
            out.append(Listener(service.name, port, address, family, mods, dict(service.options)))
    return out


def login_may_relay(info: PostfixInfo, service: MasterService | None = None) -> bool:
    """Someone logged in may relay through ``service`` (main.cf's lists when None): in
    every relay list, ``permit_sasl_authenticated`` (or a plain ``permit``) comes before
    anything that rejects, or nothing rejects."""
    rejects = ("reject_unauth_destination", "defer_unauth_destination", "reject", "defer")
    for name in RELAY_LISTS:
        for item in words(setting(info, name, service)):
            if item in ("permit_sasl_authenticated", "permit"):
                break
            if item in rejects:
                return False
    return True
