"""lib.sh's Postfix functions, run by a real sh with postconf replaced by a recorder: the
listeners read from postconf -M, and the build step's edits passed one argument each,
never evaluated by a shell."""

from __future__ import annotations

import subprocess
from pathlib import Path

from wizard.core.remote import scripts

POSTCONF_M = """smtp       inet  n       -       y       -       -       smtpd
submission inet  n       -       y       -       -       smtpd -o smtpd_sasl_auth_enable=yes
127.0.0.1:2525 inet n    -       y       -       -       smtpd
[::1]:10025 inet n       -       n       -       -       smtpd
localhost:10026 inet n   -       n       -       -       smtpd
pickup     unix  n       -       y       60      1       pickup
"""


def run(script: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    return subprocess.run(["sh", "-c", script], input=stdin, capture_output=True, text=True)


def test_postfix_listeners_reads_postconf_m(tmp_path: Path) -> None:
    fixture = tmp_path / "postconf-M"
    fixture.write_text(POSTCONF_M)
    script = (
        f"postconf() {{ cat '{fixture}'; }}\n"
        + scripts.lib("postfix_listeners")
        + 'postfix_listeners ""\n'
    )
    out = run(script)
    assert out.returncode == 0, out.stderr
    assert out.stdout.split() == sorted(["25", "587", "127.0.0.1:2525", "[::1]:10025", "10026"])


def test_postconf_edits_pass_each_edit_as_one_argument(tmp_path: Path) -> None:
    log = tmp_path / "argv"
    marker = tmp_path / "evaluated"
    script = (
        f"postconf() {{ for a in \"$@\"; do printf '<%s>' \"$a\"; done >> '{log}'; echo >> '{log}'; }}\n"
        + scripts.lib("postconf_edits")
        + "postconf_edits /tmp/DIR\n"
    )
    edits = (
        "e smtpd_sasl_auth_enable=yes\n"
        "M submission/inet=submission inet n - y - - smtpd\n"
        f"P submission/inet/syslog_name=$(touch {marker})\n"
    )
    out = run(script, edits)
    assert out.returncode == 0, out.stderr
    assert log.read_text().splitlines() == [
        "<-c></tmp/DIR><-e><smtpd_sasl_auth_enable=yes>",
        "<-c></tmp/DIR><-M><submission/inet=submission inet n - y - - smtpd>",
        f"<-c></tmp/DIR><-P><submission/inet/syslog_name=$(touch {marker})>",
    ]
    assert not marker.exists()


def test_postconf_edits_refuse_a_line_that_is_not_an_edit(tmp_path: Path) -> None:
    script = "postconf() { :; }\n" + scripts.lib("postconf_edits") + "postconf_edits /tmp/D\n"
    out = run(script, "rm -rf /\n")
    assert out.returncode == 4 and "not a postconf edit" in out.stderr
    refused = "postconf() { return 1; }\n" + scripts.lib("postconf_edits") + "postconf_edits /D\n"
    out = run(refused, "e a=b\n")
    assert out.returncode == 4 and "postconf refused" in out.stderr
