"""The playbook's verification on the server (wizard.core.exports.playbook), run by ``python3 -c``.

Every planned listener on every interface; over loopback (always trusted for relaying:
field notes 2, so relaying is not what this proves) the AUTH mechanisms after STARTTLS
where planned, and no PLAIN/LOGIN before TLS. ``argv[1]``: the expectations as JSON, a
list of {"port", "security", "mechanisms", "plain_before_tls"}. Prints what was seen and
every problem; exits 1 if there is one.

It runs under the server's own python3, which may be old (3.6 on RHEL 8): no syntax or
library newer than that, annotations in quotes.
"""

import json
import smtplib
import ssl
import subprocess
import sys
from typing import Any


def listeners() -> "dict[str, set[str]]":
    """The addresses listening on each TCP port (``ss -ltnH``), by port."""
    out = subprocess.run(
        ["ss", "-ltnH"],
        stdout=subprocess.PIPE,
        text=True,
        check=False,
    ).stdout
    found: dict[str, set[str]] = {}
    for row in out.splitlines():
        cols = row.split()
        if len(cols) >= 4:
            addr, _, port = cols[3].rpartition(":")
            found.setdefault(port, set()).add(addr)
    return found


def check(e: "dict[str, Any]", listening: "dict[str, set[str]]") -> "tuple[str, list[str]]":
    """(what was seen or "", the problems) for one expected listener."""
    port = int(str(e["port"]))
    security = str(e["security"])
    mechanisms = [str(m) for m in e["mechanisms"]]
    addrs = listening.get(str(port), set())
    if not addrs & {"0.0.0.0", "*", "[::]"}:
        where = " ".join(sorted(addrs)) or "not listening"
        return "", [f"port {port}: not listening on every interface ({where})"]
    context = ssl.create_default_context()
    context.check_hostname = False
    context.verify_mode = ssl.CERT_NONE  # Debian's certificate is self-signed
    try:
        if security == "tls":
            s: smtplib.SMTP = smtplib.SMTP_SSL("127.0.0.1", port, timeout=30, context=context)
        else:
            s = smtplib.SMTP("127.0.0.1", port, timeout=30)
        s.ehlo("relay-wizard-verify")
        before = (s.esmtp_features.get("auth") or "").upper().split()
        problems = []
        if security == "starttls":
            if not s.has_extn("starttls"):
                s.quit()
                return "", [f"port {port}: no STARTTLS offered"]
            if not e["plain_before_tls"] and set(before) & {"PLAIN", "LOGIN"}:
                problems.append(f"port {port}: PLAIN/LOGIN offered before TLS ({' '.join(before)})")
            s.starttls(context=context)
            s.ehlo("relay-wizard-verify")
        offered = (s.esmtp_features.get("auth") or "").upper().split()
        s.quit()
    except (OSError, smtplib.SMTPException) as exc:
        return "", [f"port {port}: {exc}"]
    missing = [m for m in mechanisms if m not in offered]
    if missing:
        return "", [
            *problems,
            f"port {port}: AUTH {' '.join(missing)} not offered "
            f"(offered: {' '.join(offered) or 'none'})",
        ]
    return f"port {port} ({security}): AUTH {' '.join(offered)}", problems


def main(argv: "list[str]") -> int:
    expect = json.loads(argv[1])
    listening = listeners()
    seen, problems = [], []
    for e in expect:
        ok, found = check(e, listening)
        if ok:
            seen.append(ok)
        problems += found
    print("\n".join(seen + problems))
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
