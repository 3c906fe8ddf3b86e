"""The sections Postfix's inspection prints on a stock Debian 12 Postfix server, as the
wizard receives them (the values ``postconf`` gave on the lab's ``postfix`` server; main.cf
and master.cf in tests/data/postfix-gui, the server named mail.example.com here). No Qt:
the model's unit tests use them too."""

from __future__ import annotations

import base64
from pathlib import Path

from tests.capture import stock_sections

DATA = Path(__file__).parent.parent / "data" / "postfix-gui"
HOST = "mail.example.com"
SNAKEOIL = ("/etc/ssl/certs/ssl-cert-snakeoil.pem", "/etc/ssl/private/ssl-cert-snakeoil.key")

# postconf's values in force of the settings inspection reads (PARAMS), as on the lab
EFFECTIVE = f"""\
mail_version = 3.7.11
config_directory = /etc/postfix
queue_directory = /var/spool/postfix
myhostname = {HOST}
mydomain = example.com
myorigin = /etc/mailname
mydestination = $myhostname, {HOST}, localhost.example.com, , localhost
mynetworks = 127.0.0.0/8 [::ffff:127.0.0.0]/104 [::1]/128
inet_interfaces = all
inet_protocols = all
relayhost =
smtpd_relay_restrictions = permit_mynetworks permit_sasl_authenticated defer_unauth_destination
smtpd_recipient_restrictions =
smtpd_sasl_auth_enable = no
smtpd_sasl_type = cyrus
smtpd_sasl_path = smtpd
smtpd_sasl_local_domain =
smtpd_sasl_security_options = noanonymous
smtpd_tls_auth_only = no
smtpd_tls_security_level = may
smtpd_tls_cert_file = {SNAKEOIL[0]}
smtpd_tls_key_file = {SNAKEOIL[1]}
compatibility_level = 3.6
"""
SERVICES = """\
smtp       inet  n       -       y       -       -       smtpd
pickup     unix  n       -       y       60      1       pickup
cleanup    unix  n       -       y       -       0       cleanup
qmgr       unix  n       -       n       300     1       qmgr
relay      unix  -       -       y       -       -       smtp -o syslog_name=postfix/$service_name
"""


def postfix_sections(local_domain: str = "", sasl_type: str = "cyrus") -> dict[str, str]:
    """The sections of Postfix's inspection on the stock server (a login domain or
    Dovecot's SASL when a test gives them)."""
    effective = EFFECTIVE.replace(
        "smtpd_sasl_local_domain =", f"smtpd_sasl_local_domain = {local_domain}".rstrip()
    ).replace("smtpd_sasl_type = cyrus", f"smtpd_sasl_type = {sasl_type}")
    main_cf = (DATA / "main.cf").read_text()
    return {
        "os-release": 'PRETTY_NAME="Debian GNU/Linux 12 (bookworm)"\nID=debian\nVERSION_ID="12"\n',
        "postfix-version": "3.7.11\n",
        "postconf-n": "".join(
            line + "\n" for line in main_cf.splitlines() if line and not line.startswith("#")
        ),
        "postconf": effective,
        "postconf-M": SERVICES,
        "postconf-a": "cyrus\ndovecot\n",
        "master-pid": "342\n",
        "main-cf-b64": base64.b64encode(main_cf.encode()).decode() + "\n",
        "master-cf-b64": base64.b64encode((DATA / "master.cf").read_bytes()).decode() + "\n",
        "server-cert": stock_sections()["server-cert"],
        # Dovecot's login socket where Postfix checks logins with Dovecot (as it would run)
        "dovecot": "socket /var/spool/postfix/smtpd\ninstalled\n" if sasl_type == "dovecot" else "",
    }
