"""Where a sendmail host keeps its files, and how it rebuilds and restarts sendmail.

The wizard does not assume Debian: the inspection script reports what the host has, and
:func:`detect` turns that into a :class:`Layout`. The layouts it knows:

============ ============================== ============================ ===========================
             Debian, Ubuntu                 RHEL, Fedora                 FreeBSD (base system)
============ ============================== ============================ ===========================
.mc          /etc/mail/sendmail.mc          /etc/mail/sendmail.mc        /etc/mail/HOSTNAME.mc, or
                                                                         SENDMAIL_MC in /etc/make.conf
cf macros    /usr/share/sendmail/cf         /usr/share/sendmail-cf       /usr/share/sendmail/cf
rebuild      make -C /etc/mail              /etc/mail/make (also run by  make -C /etc/mail install
                                            sendmail.service's
                                            ExecStartPre)
restart      /etc/init.d/sendmail restart,  systemctl restart sendmail   service sendmail restart
             or systemctl on systemd
pid file     /run/sendmail/mta/sendmail.pid /run/sendmail.pid            /var/run/sendmail.pid
SASL config  /etc/mail/sasl/Sendmail.conf.2 /etc/sasl2/Sendmail.conf     /usr/local/lib/sasl2/
             (linked from /usr/lib/sasl2)   (pwcheck_method:saslauthd)   Sendmail.conf (port)
sasldb       /etc/sasldb2                   /etc/sasldb2                 /usr/local/etc/sasldb2
============ ============================== ============================ ===========================

Sources: Debian 12 measured (field notes 2, 3); the Fedora/openEuler sendmail package
(``sendmail.service``, ``sendmail.etc-mail-make``, ``Sendmail-sasl2.conf``, the spec's
%install); FreeBSD's ``/etc/mail/Makefile`` and ``libexec/rc/rc.d/sendmail``. FreeBSD's
base sendmail is built without SASL (:func:`no_sasl_advice`).

The remote half is shell functions in ``wizard/core/remote/scripts/lib.sh``
(``sendmail_mc``, ``sendmail_pid``, ``daemon_pid``, ``sasl_conf``, ``sasldb_path``),
shared by the inspection, apply and account scripts: constants, with every path they find
kept in a variable and quoted.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from wizard.core.translatable import QT_TRANSLATE_NOOP

if TYPE_CHECKING:
    from collections.abc import Mapping

LAYOUTS = ("debian", "rhel", "freebsd", "unknown")
LABELS = {
    "debian": "the Debian way",
    "rhel": "the Red Hat way (RHEL, Fedora and relatives)",
    "freebsd": "the FreeBSD way",
    "unknown": "in a way Relay Wizard does not know",
}
MC_PATH = "/etc/mail/sendmail.mc"  # the .mc and .cf of Debian and RHEL
CF_PATH = "/etc/mail/sendmail.cf"
DEFAULT_SASLDB = "/etc/sasldb2"
# Where the daemon writes its pid when the cf names no PidFile (each build's default).
DEFAULT_PID_FILES = {
    "debian": "/run/sendmail/mta/sendmail.pid",
    "rhel": "/run/sendmail.pid",
    "freebsd": "/var/run/sendmail.pid",
    "unknown": "/var/run/sendmail.pid",
}
_RHEL_IDS = {"rhel", "fedora", "centos", "rocky", "almalinux", "ol", "openeuler"}
_DEBIAN_IDS = {"debian", "ubuntu", "raspbian", "linuxmint"}


@dataclass(frozen=True)
class Layout:
    """Where this host keeps sendmail's files and how it rebuilds and restarts it."""

    name: str  # one of LAYOUTS
    mc_path: str  # the .mc sendmail.cf is built from (it may not exist)
    pid_file: str  # the running daemon's pid file, else this layout's default
    rebuild: str  # "make -C /etc/mail", "/etc/mail/make", "make -C /etc/mail install", "m4", ""
    restart: str  # the host's own restart command, "" if none was found
    service_manager: str  # "systemd", "init-script", "rc.d" or ""
    unit: str  # the sendmail.service file, if any
    sasldb_path: str


def _lines(text: str) -> list[str]:
    return [ln.strip() for ln in text.splitlines() if ln.strip()]


def _tagged(lines: list[str], tag: str) -> str:
    """The value of the first ``TAG value`` line ("" if none)."""
    prefix = tag + " "
    return next((ln[len(prefix) :].strip() for ln in lines if ln.startswith(prefix)), "")


def layout_name(os_release: Mapping[str, str], os_facts: list[str]) -> str:
    """debian, rhel, freebsd or unknown, from os-release and the ``@@ uname``,
    ``@@ redhat-release`` and ``@@ debian_version`` lines of the os-release section."""
    ids = {os_release.get("ID", "").lower(), *os_release.get("ID_LIKE", "").lower().split()}
    if _tagged(os_facts, "@@ uname") == "FreeBSD" or "freebsd" in ids:
        return "freebsd"
    if any(ln.startswith("@@ redhat-release") for ln in os_facts) or ids & _RHEL_IDS:
        return "rhel"
    if any(ln.startswith("@@ debian_version") for ln in os_facts) or ids & _DEBIAN_IDS:
        return "debian"
    return "unknown"


def detect(os_release: Mapping[str, str], sections: Mapping[str, str]) -> Layout:
    """The layout, from the inspection script's sections. Pure; tested on data.

    Older captures lack the layout lines (``mc PATH``, ``unit PATH``, the pid file's
    path, ``@@ path`` of the sasldb): each then takes its layout's default.
    """
    name = layout_name(os_release, _lines(sections.get("os-release", "")))
    rebuild_lines = _lines(sections.get("rebuild", ""))
    service_lines = _lines(sections.get("service-manager", ""))

    if "rhel-make" in rebuild_lines:
        rebuild = "/etc/mail/make"
    elif "makefile" in rebuild_lines or "debian-makefile" in rebuild_lines:
        rebuild = "make -C /etc/mail install" if name == "freebsd" else "make -C /etc/mail"
    elif _tagged(rebuild_lines, "cfdir") and "m4" in rebuild_lines:
        rebuild = "m4"
    else:
        rebuild = ""

    if "systemd" in service_lines:
        manager, restart = "systemd", "systemctl restart sendmail"
    elif "init-script" in service_lines:
        manager, restart = "init-script", "/etc/init.d/sendmail restart"
    elif "rc.d" in service_lines:
        manager, restart = "rc.d", "service sendmail restart"
    else:
        manager, restart = "", ""

    pid = sections.get("pidfile", "").split(None, 1)
    pid_file = pid[1].strip() if len(pid) == 2 else DEFAULT_PID_FILES[name]
    sasldb = _tagged(_lines(sections.get("sasldb", "")), "@@ path")
    if not sasldb:
        sasldb = "/usr/local/etc/sasldb2" if name == "freebsd" else DEFAULT_SASLDB
    return Layout(
        name=name,
        mc_path=_tagged(rebuild_lines, "mc") or MC_PATH,
        pid_file=pid_file,
        rebuild=rebuild,
        restart=restart,
        service_manager=manager,
        unit=_tagged(service_lines, "unit"),
        sasldb_path=sasldb,
    )


def no_sasl_advice(layout: str) -> str:
    """What to do about a sendmail built without SASL, for this layout."""
    if layout == "freebsd":
        return QT_TRANSLATE_NOOP(
            "Findings",
            "FreeBSD's base sendmail is built without SASL, so it cannot ask clients to log "
            "in. Either install sendmail from the mail/sendmail port with its SASL option "
            "(and point /etc/mail/mailer.conf at it), or rebuild the base sendmail with SASL: "
            "install security/cyrus-sasl2, add SENDMAIL_CFLAGS=-I/usr/local/include/sasl "
            "-DSASL, SENDMAIL_LDFLAGS=-L/usr/local/lib and SENDMAIL_LDADD=-lsasl2 to "
            "/etc/make.conf, then rebuild and install lib/libsmutil, lib/libsm and "
            "usr.sbin/sendmail from /usr/src (FreeBSD Handbook, Electronic Mail, SMTP "
            "authentication). Then inspect again.",
        )
    if layout == "rhel":
        return QT_TRANSLATE_NOOP(
            "Findings",
            "This sendmail was built without SASL: it cannot ask clients to log in. Install "
            "the distribution's sendmail package (dnf install sendmail sendmail-cf "
            "cyrus-sasl cyrus-sasl-md5 cyrus-sasl-plain), which is built with SASLv2.",
        )
    return QT_TRANSLATE_NOOP(
        "Findings",
        "This sendmail was built without SASL: it cannot ask clients to log in. Install a "
        "sendmail package built with SASLv2 (Debian, Ubuntu: sendmail-bin with "
        "sasl2-bin and libsasl2-modules).",
    )


@dataclass(frozen=True)
class SendmailInfo:
    """The sendmail a host has: its version and build (SASL, STARTTLS), its files, and how
    the host rebuilds and restarts it (from the :class:`Layout`)."""

    installed: bool
    version: str
    sasl: bool
    starttls: bool
    mc_path: str  # the .mc read from the server; "" if there is none
    cf_path: str
    rebuild: str  # "make -C /etc/mail", "/etc/mail/make", "make -C /etc/mail install", "m4", ""
    cf_dir: str
    layout: str = "unknown"  # "debian", "rhel", "freebsd" or "unknown" (see LAYOUTS)
    pid_file: str = ""  # the running daemon's pid file, else the layout's default
    restart: str = ""  # how the host itself restarts sendmail ("" if no way was found)
