"""Layouts beyond Debian (wizard.core.mta.sendmail.layout): which family a server is, where it keeps
its .mc, pid file, SASL config and sasldb, and how it rebuilds and restarts sendmail.

The Debian case is the real capture of the lab's stock server (tests/data/inspect). The
RHEL and FreeBSD cases are CONSTRUCTED captures: the stock capture with the sections that
differ replaced by what the inspection script prints on such a host, from the packages'
own files (the Fedora/openEuler sendmail package; FreeBSD's /etc/mail/Makefile,
rc.d/sendmail and freebsd.mc, tests/data/mc/freebsd-freebsd.mc) and, for FreeBSD, a base
sendmail built without SASL. The RHEL layout also runs live: tests/integration/
test_rhel_layout.py.
"""

from __future__ import annotations

from tests import DATA
from tests.capture import mc_b64, stock_sections
from wizard.core.change.options import RelayOptions
from wizard.core.mta.report import Level, ServerReport
from wizard.core.mta.sendmail.inspect_parse import build_report
from wizard.core.mta.sendmail.layout import Layout, detect, layout_name, no_sasl_advice
from wizard.core.mta.sendmail.plan import make_plan
from wizard.core.mta.sendmail.state import ServerState

FREEBSD_MC = DATA / "mc" / "freebsd-freebsd.mc"
RHEL_MC = DATA / "mc" / "rhel7-sendmail-redhat.mc"


def findings(report: ServerReport) -> dict[str, tuple[Level, str]]:
    """Each finding's level and its words: the plain sentence, then its detail."""
    return {f.id: (f.level, " ".join(filter(None, (f.message, f.detail)))) for f in report.findings}


# --------------------------------------------------------------------------- Debian


def test_the_stock_debian_capture_is_the_debian_layout() -> None:
    r = build_report("mail-a", stock_sections())
    assert r.layout == Layout(
        name="debian",
        mc_path="/etc/mail/sendmail.mc",
        pid_file="/run/sendmail/mta/sendmail.pid",
        rebuild="make -C /etc/mail",
        restart="/etc/init.d/sendmail restart",
        service_manager="init-script",
        unit="",
        sasldb_path="/etc/sasldb2",
    )
    assert r.sendmail.layout == "debian" and r.sendmail.mc_path == "/etc/mail/sendmail.mc"
    level, message = findings(r)["layout"]
    assert level == Level.OK
    assert "the Debian way" in message and "/etc/mail/sasl/Sendmail.conf.2" in message


def test_the_new_lines_of_a_debian_server_are_read() -> None:
    """What today's script adds on Debian: the makefile token, the .mc and pid file paths."""
    s = stock_sections()
    s["os-release"] += "@@ uname Linux\n@@ debian_version 12.8\n"
    s["rebuild"] = "mc /etc/mail/sendmail.mc\nmakefile\ncfdir /usr/share/sendmail/cf\nm4\nmake\n"
    s["pidfile"] = "76 /var/run/sendmail/mta/sendmail.pid\n"
    s["sasldb"] = "@@ path /etc/sasldb2\n@@ mode root:sasl 660\n"
    r = build_report("mail-a", s)
    assert r.sendmail.layout == "debian"
    assert r.sendmail.rebuild == "make -C /etc/mail"
    assert r.sendmail.pid_file == "/var/run/sendmail/mta/sendmail.pid"
    assert r.sasl.sasldb_mode == "root:sasl 660" and r.sasl.users == 0
    assert r.os == "Debian GNU/Linux 12 (bookworm)"  # the @@ lines are not os-release keys


# --------------------------------------------------------------------------- RHEL


def rhel_sections() -> dict[str, str]:
    """CONSTRUCTED: the stock capture with a RHEL 9 host's layout sections."""
    s = stock_sections()
    s["os-release"] = (
        'NAME="Red Hat Enterprise Linux"\nVERSION="9.4 (Plow)"\nID="rhel"\n'
        'ID_LIKE="fedora"\nVERSION_ID="9.4"\n'
        'PRETTY_NAME="Red Hat Enterprise Linux 9.4 (Plow)"\n\n'
        "@@ uname Linux\n@@ redhat-release Red Hat Enterprise Linux release 9.4 (Plow)\n"
    )
    s["mc-b64"] = mc_b64(RHEL_MC.read_text().replace("@@PATH@@", "/usr/share/sendmail-cf"))
    s["rebuild"] = (
        "mc /etc/mail/sendmail.mc\nmakefile\nrhel-make\ncfdir /usr/share/sendmail-cf\n"
        "cfdir /usr/share/sendmail-cf/m4\nm4\nmake\n"
    )
    s["service-manager"] = "systemd\nunit /usr/lib/systemd/system/sendmail.service\n"
    s["pidfile"] = "1234 /run/sendmail.pid\n"
    s["sasl-conf"] = "@@ path /etc/sasl2/Sendmail.conf\npwcheck_method:saslauthd\n"
    s["sasldb"] = "@@ path /etc/sasldb2\n"
    return s


def test_a_rhel_host_is_the_rhel_layout() -> None:
    r = build_report("mail", rhel_sections())
    assert r.layout == Layout(
        name="rhel",
        mc_path="/etc/mail/sendmail.mc",
        pid_file="/run/sendmail.pid",
        rebuild="/etc/mail/make",
        restart="systemctl restart sendmail",
        service_manager="systemd",
        unit="/usr/lib/systemd/system/sendmail.service",
        sasldb_path="/etc/sasldb2",
    )
    assert r.sendmail.cf_dir == "/usr/share/sendmail-cf"
    assert r.sasl.config_path == "/etc/sasl2/Sendmail.conf"
    assert r.sasl.pwcheck_method == "saslauthd"
    assert r.service_manager == "systemd"
    j = r.to_json()
    assert j["layout"]["name"] == "rhel"  # type: ignore[index]
    assert j["sendmail"]["pid_file"] == "/run/sendmail.pid"  # type: ignore[index]
    level, message = findings(r)["layout"]
    assert level == Level.OK
    assert "/etc/mail/make" in message and "systemctl restart sendmail" in message
    assert findings(r)["sasl_saslauthd"][0] == Level.WARNING


def test_the_family_comes_from_release_files_then_os_release() -> None:
    assert layout_name({"ID": "fedora"}, []) == "rhel"
    assert layout_name({"ID": "rocky", "ID_LIKE": "rhel centos fedora"}, []) == "rhel"
    assert layout_name({"ID": "ubuntu", "ID_LIKE": "debian"}, []) == "debian"
    assert layout_name({"ID": "freebsd"}, []) == "freebsd"
    assert layout_name({}, ["@@ uname FreeBSD"]) == "freebsd"
    assert layout_name({"ID": "something"}, ["@@ redhat-release CentOS Linux 7"]) == "rhel"
    assert layout_name({"ID": "opensuse-leap", "ID_LIKE": "suse opensuse"}, []) == "unknown"
    # /etc/redhat-release outweighs a Debian os-release; FreeBSD outweighs both
    assert layout_name({"ID": "debian"}, ["@@ redhat-release x"]) == "rhel"
    assert layout_name({"ID": "debian"}, ["@@ uname FreeBSD", "@@ redhat-release x"]) == "freebsd"


def test_an_unknown_layout_is_a_warning_with_the_assumed_path() -> None:
    s = stock_sections()
    s["os-release"] = 'ID="opensuse-leap"\nID_LIKE="suse opensuse"\n\n@@ uname Linux\n'
    r = build_report("mail", s)
    assert r.sendmail.layout == "unknown"
    level, message = findings(r)["layout"]
    assert level == Level.WARNING and "/etc/mail/sendmail.mc" in message


# --------------------------------------------------------------------------- FreeBSD

FREEBSD_D0 = """\
Version 8.18.1
 Compiled with: DNSMAP IPV6_FULL LOG MAP_REGEX MATCHGECOS MILTER MIME7TO8
\t\tMIME8TO7 NAMED_BIND NETINET NETINET6 NETUNIX NEWDB NIS PIPELINING
\t\tSCANF STARTTLS TCPWRAPPERS TLS_EC TLS_VRFY_PER_CTX USERDB XDEBUG

============ SYSTEM IDENTITY (after readcf) ============
      (short domain name) $w = mail
  (canonical domain name) $j = mail.example.org
         (subdomain name) $m = example.org
              (node name) $k = mail.example.org
========================================================

ADDRESS TEST MODE (ruleset 3 NOT automatically invoked)
Enter <ruleset> <address>
"""


def freebsd_sections(mc: str | None = None) -> dict[str, str]:
    """CONSTRUCTED: the stock capture with what the script prints on a FreeBSD 14 host
    whose base sendmail (built without SASL) runs FreeBSD's default config, copied to
    /etc/mail/mail.example.org.mc by ``make -C /etc/mail``; no cyrus-sasl, no bash (so no
    EHLO), no /proc (so no socket owners); sockstat lists the listeners."""
    s = stock_sections()
    s["os-release"] = (
        'NAME=FreeBSD\nVERSION="14.1-RELEASE"\nVERSION_ID="14.1"\nID=freebsd\n'
        'PRETTY_NAME="FreeBSD 14.1-RELEASE"\n\n@@ uname FreeBSD\n'
    )
    s["sendmail-path"] = "/usr/sbin/sendmail\n/usr/libexec/sendmail/sendmail\n"
    s["sendmail-d0"] = FREEBSD_D0
    s["mc-b64"] = mc_b64(FREEBSD_MC.read_text()) if mc is None else mc
    s["cf-options"] = (
        "O DaemonPortOptions=Name=MTA\nO DaemonPortOptions=Port=587, Name=MSA, M=E\n"
        "O ServerCertFile=/etc/mail/certs/host.cert\nO ServerKeyFile=/etc/mail/certs/host.key\n"
    )
    s["rebuild"] = (
        "mc /etc/mail/mail.example.org.mc\nmakefile\ncfdir /usr/share/sendmail/cf\nm4\nmake\n"
    )
    s["service-manager"] = "rc.d\n"
    s["pidfile"] = "812 /var/run/sendmail.pid\n"
    s["listening"] = "LISTEN *:25\nLISTEN *:587\nLISTEN *:22\n"
    s["sendmail-sockets"] = ""
    s["ehlo"] = ""
    s["sasl-conf"] = ""
    s["sasl-plugins"] = ""
    s["sasldb"] = "@@ path /usr/local/etc/sasldb2\n"
    s["access"] = ""
    return s


def test_a_freebsd_host_is_the_freebsd_layout() -> None:
    r = build_report("mail.example.org", freebsd_sections())
    assert r.layout == Layout(
        name="freebsd",
        mc_path="/etc/mail/mail.example.org.mc",
        pid_file="/var/run/sendmail.pid",
        rebuild="make -C /etc/mail install",
        restart="service sendmail restart",
        service_manager="rc.d",
        unit="",
        sasldb_path="/usr/local/etc/sasldb2",
    )
    assert r.sendmail.mc_path == "/etc/mail/mail.example.org.mc"
    assert r.sendmail.cf_dir == "/usr/share/sendmail/cf"
    assert r.realm == "mail.example.org"
    assert {(s.address, s.port) for s in r.listening} == {("0.0.0.0", 25), ("0.0.0.0", 587)}
    level, message = findings(r)["layout"]
    assert level == Level.WARNING  # apply's reload check needs Linux's /proc
    assert "the FreeBSD way" in message and "make -C /etc/mail install" in message
    assert "service sendmail restart" in message and "Linux only" in message


def test_freebsd_base_sendmail_without_sasl_says_so_and_what_to_do() -> None:
    r = build_report("mail.example.org", freebsd_sections())
    assert r.sendmail.sasl is False
    level, message = findings(r)["sendmail_sasl"]
    assert level == Level.PROBLEM
    assert message == no_sasl_advice("freebsd")
    assert "FreeBSD's base sendmail is built without SASL" in message
    assert "mail/sendmail port" in message  # either the port, with its SASL option...
    assert "SENDMAIL_CFLAGS" in message and "/etc/make.conf" in message  # ...or a rebuild
    assert "usr.sbin/sendmail" in message

    # and the plan refuses: nothing is changed on a sendmail that cannot ask for a login
    state = ServerState(r, r.sendmail.mc_path, FREEBSD_MC.read_text(), "", "")
    for profile in ("classic", "modern"):
        plan = make_plan(state, RelayOptions(profile), r.sendmail.restart)
        assert "no_sasl" in {c.id for c in plan.errors}, profile


def test_freebsd_without_its_hostname_mc_says_how_to_make_it() -> None:
    r = build_report("mail.example.org", freebsd_sections(mc="\n"))
    assert r.sendmail.mc_path == ""
    level, message = findings(r)["mc"]
    assert level == Level.PROBLEM
    assert "/etc/mail/mail.example.org.mc" in message
    assert "make -C /etc/mail" in message and "freebsd.mc" in message


def test_the_pid_file_and_sasldb_default_per_layout_when_not_reported() -> None:
    s = freebsd_sections()
    s["pidfile"] = ""  # no daemon alive
    s["sasldb"] = ""  # an older capture
    lay = detect({"ID": "freebsd"}, s)
    assert lay.pid_file == "/var/run/sendmail.pid"
    assert lay.sasldb_path == "/usr/local/etc/sasldb2"
    s = rhel_sections()
    s["pidfile"] = ""
    assert detect({"ID": "rhel"}, s).pid_file == "/run/sendmail.pid"
