"""The real-world sendmail.mc corpus (tests/data/mc, origins in SOURCES.md) as the unit
tests read it."""

from tests import DATA

MC_DIR = DATA / "mc"
CORPUS = sorted(MC_DIR.glob("*.mc"))
DEBIAN_MC = (MC_DIR / "debian12-sendmail.mc").read_text()
# Debian's own certificate and key, as sendmail-config makes them (certificate twice: it
# is its own CA).
DEBIAN_TLS = (
    "/etc/mail/tls/sendmail-server.crt",
    "/etc/mail/tls/sendmail-common.key",
    "/etc/mail/tls/sendmail-server.crt",
)
