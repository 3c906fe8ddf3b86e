"""The open-relay audit against the real lab, from the non-local test side.

The test side (the host) reaches the lab server over a veth pair: a genuine non-local
client that Debian's access db does not trust, until a test trusts it on purpose.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.integration.helpers import known_hosts_for, run_cli, ssh_root_args
from tests.lab.lab import LabServer
from wizard.core.change.apply import apply_plan
from wizard.core.change.options import RelayOptions
from wizard.core.change.outcome import ApplyFailed
from wizard.core.mail.audit import (
    audit_relay,
    check_no_plaintext_before_tls,
    check_wrong_password,
)
from wizard.core.mail.audit_report import AuditReport
from wizard.core.mail.smtp import SmtpClient, SmtpSettings
from wizard.core.mail.tricks import TRICK_TEMPLATES
from wizard.core.mta.sendmail.users import add_user, read_realm
from wizard.core.remote.hostkeys import KnownHosts
from wizard.core.remote.login import Credentials
from wizard.core.remote.session import SshSession
from wizard.core.target import Target

FILES = "/etc/mail/sendmail.mc /etc/mail/sendmail.cf /etc/mail/sasl/Sendmail.conf.2"
SNAPSHOT = f"cd / && sha256sum {FILES} && stat -c '%n %U %G %a' {FILES}"
# Tricks every opened sendmail accepts in the lab (the others get 553 "Invalid route
# address", or 451 because the lab has no resolver for the sender's domain).
# what each trick tries, in the words the summary uses
WHAT = {name: what for name, what, _sender, _recipient in TRICK_TEMPLATES}
OPEN_TRICKS = {
    "null-sender",
    "sender-own-name",
    "percent-ip",
    "percent-name",
    "quoted",
    "source-route-name",
    "bang",
    "bang-name",
}


@pytest.fixture
def session(tmp_path: Path, fresh_server: LabServer) -> Iterator[SshSession]:
    known = tmp_path / "known_hosts"
    known.write_text(f"{fresh_server.address} {fresh_server.host_key_line}\n")
    s = SshSession.connect(
        Target(fresh_server.address, 22, "root"),
        Credentials(key_file=fresh_server.root_key, use_agent=False),
        KnownHosts(known),
    )
    try:
        yield s
    finally:
        s.close()


def listening(server: LabServer) -> set[str]:
    out = server.run("ss -ltnH | awk '{print $4}'").stdout.split()
    return {a for a in out if not a.endswith(":22")}


def trust_the_client(server: LabServer) -> str:
    """Open the access db to the test side by hand, as an admin might."""
    line = f"Connect:{server.client_address}\tRELAY"
    server.run(
        f"printf '%s\\n' '{line}' >> /etc/mail/access && "
        "makemap hash /etc/mail/access < /etc/mail/access"
    )
    return " ".join(line.split())


def rebuild_and_reload(server: LabServer) -> None:
    """m4 the .mc into the .cf, HUP sendmail, wait for the new daemon on port 25."""
    server.run(
        """
set -e
old=$(head -1 /run/sendmail/mta/sendmail.pid)
cd /etc/mail && m4 sendmail.mc > sendmail.cf
kill -HUP "$old"
for i in $(seq 150); do
  new=$(head -1 /run/sendmail/mta/sendmail.pid 2>/dev/null || true)
  if [ -n "$new" ] && [ "$new" != "$old" ] && (exec 3<>/dev/tcp/127.0.0.1/25) 2>/dev/null; then
    exit 0
  fi
  sleep 0.1
done
echo "sendmail did not come back" >&2; exit 1
"""
    )


def no_data(report: AuditReport) -> bool:
    sent = [ln.text.upper() for ln in report.transcript.lines if ln.direction == "C"]
    return bool(sent) and not any(t.startswith(("DATA", "BDAT")) for t in sent)


def audit(server: LabServer, session: SshSession, port: int = 25, **kw: object) -> AuditReport:
    security = "starttls" if port == 587 else "none"
    settings = SmtpSettings(server.address, port, security, timeout=20, verify_cert=False)
    return audit_relay(settings, session=session, **kw)  # type: ignore[arg-type]


# --------------------------------------------------------------------------- the done-when


def test_after_classic_apply_every_trick_is_refused(
    fresh_server: LabServer, session: SshSession
) -> None:
    s = fresh_server
    apply_plan(session, RelayOptions("classic"))
    report = audit(s, session)

    assert report.verdict == "closed", report.summary()
    assert len(report.results) >= 16
    assert all(r.outcome == "refused" for r in report.results)
    assert report.accepted == ()
    assert {r.reply.code for r in report.results if r.reply} <= {550, 553}
    assert all(r.stage == "rcpt" for r in report.results), "sendmail refuses at RCPT"
    assert no_data(report)
    mails = [ln for ln in report.transcript.lines if ln.text.startswith("MAIL FROM:")]
    rsets = [ln for ln in report.transcript.lines if ln.text == "RSET"]
    assert len(mails) == len(rsets) == len(report.results)
    assert report.connections == 1, "one connection for every trick"
    assert report.server_name == s.fqdn
    assert report.server_address == s.address
    assert any(r.trick.recipient == f"@{s.fqdn}:relaytest@example.net" for r in report.results)
    assert any(r.trick.recipient == f"@[{s.address}]:relaytest@example.net" for r in report.results)

    # The vantage point: the lab client is a stranger to the server's config.
    assert report.client_address == s.client_address
    assert report.vantage.config_known and not report.vantage.trusted
    assert report.vantage.client_address == s.client_address
    assert report.vantage.client_name == f"client.{s.fqdn.split('.', 1)[1]}"
    assert "what a stranger sees" in report.vantage_note()

    assert [c.name for c in report.checks] == ["no-plaintext-before-tls", "wrong-password"]
    # classic sets no AuthOptions 'p': its profile does not forbid plaintext mechanisms
    assert report.checks[0].status == "skipped" and "lack 'p'" in report.checks[0].detail
    assert report.checks[1].status == "skipped" and "No account name" in report.checks[1].detail
    strict = audit(s, session, forbid_plaintext_before_tls=True)
    assert strict.checks[0].status == "passed" and strict.checks[0].reply is not None
    assert strict.checks[0].reply.code == 504  # PLAIN is not even taken
    data = json.loads(json.dumps(report.to_json()))
    assert data["verdict"] == "closed" and data["accepted"] == []


def test_an_access_db_entry_for_the_client_is_open_and_explained_by_the_vantage_point(
    fresh_server: LabServer, session: SshSession
) -> None:
    s = fresh_server
    apply_plan(session, RelayOptions("classic"))
    line = trust_the_client(s)
    report = audit(s, session)

    assert report.verdict == "open"
    accepted = {r.trick.name for r in report.accepted}
    assert accepted >= OPEN_TRICKS, report.summary()
    assert all(r.reply is not None and r.reply.code == 250 for r in report.accepted)
    assert no_data(report)
    summary = report.summary()
    for name in accepted:
        assert WHAT[name] in summary
    assert report.vantage.trusted
    assert report.vantage.trusted_by == (f"access db line '{line}'",)
    assert "expected from this vantage point, not proof of an open relay" in summary
    assert line in summary and "outside" in summary
    assert report.explanations == (), "nothing in the config opens it to strangers"
    data = report.to_json()
    assert data["vantage"]["trusted"] is True  # type: ignore[index]
    assert set(data["accepted"]) == accepted  # type: ignore[arg-type]


def test_promiscuous_relay_is_open_with_no_vantage_excuse(
    fresh_server: LabServer, session: SshSession
) -> None:
    s = fresh_server
    apply_plan(session, RelayOptions("classic"))
    s.run(
        "sed -i 's|^MAILER_DEFINITIONS|FEATURE(`promiscuous_relay'\\'')dnl\\n&|' "
        "/etc/mail/sendmail.mc"
    )
    rebuild_and_reload(s)
    report = audit(s, session)

    assert report.verdict == "open"
    assert {r.trick.name for r in report.accepted} >= OPEN_TRICKS, report.summary()
    assert no_data(report)
    assert not report.vantage.trusted
    assert "vantage point" not in report.summary()
    assert report.explanations[0].startswith("FEATURE(`promiscuous_relay')")
    assert "promiscuous_relay" in report.summary()


def test_apply_with_an_opened_access_db_rolls_back(
    fresh_server: LabServer, session: SshSession
) -> None:
    s = fresh_server
    line = trust_the_client(s)
    before = s.run(SNAPSHOT).stdout
    ports = listening(s)
    assert ports == {"127.0.0.1:25", "127.0.0.1:587"}

    with pytest.raises(ApplyFailed) as failed:
        apply_plan(session, RelayOptions("classic"))
    text = str(failed.value)
    assert "Verification failed" in text
    assert "empty sender (a bounce) (answered 250)" in text
    for name in OPEN_TRICKS:
        assert WHAT[name] in text
    assert "expected from this vantage point" in text and line in text
    assert "Everything was rolled back" in text
    assert failed.value.report.rollback, "the rollback ran"
    assert s.run(SNAPSHOT).stdout == before, "every file back byte for byte"
    assert listening(s) == ports
    assert s.run("kill -0 $(head -1 /run/sendmail/mta/sendmail.pid)", check=False).returncode == 0


def test_a_wrong_password_is_refused(fresh_server: LabServer, session: SshSession) -> None:
    s = fresh_server
    apply_plan(session, RelayOptions("classic"))
    add_user(session, read_realm(session), "alice", "Correct-Horse-9")
    settings = SmtpSettings(s.address, 25, timeout=20)
    with SmtpClient(settings) as client:  # the account exists and logs in
        client.open()
        assert client.login("alice", "Correct-Horse-9", "CRAM-MD5").code == 235

    check = check_wrong_password(settings, "alice")
    assert check.status == "passed", check.detail
    assert check.reply is not None and check.reply.code == 535

    report = audit(s, session, user="alice")
    assert report.closed
    wrong = next(c for c in report.checks if c.name == "wrong-password")
    assert wrong.status == "passed" and wrong.reply is not None and wrong.reply.code == 535
    assert report.connections == 1, "the login rides on the tricks' connection"
    assert all("Correct-Horse-9" not in ln.text for ln in report.transcript.lines)


def test_modern_offers_no_plaintext_before_starttls(
    fresh_server: LabServer, session: SshSession
) -> None:
    s = fresh_server
    apply_plan(session, RelayOptions("modern"))
    settings = SmtpSettings(s.address, 587, "starttls", timeout=20, verify_cert=False)
    check = check_no_plaintext_before_tls(settings)
    assert check.status == "passed", check.detail

    report = audit(s, session, port=587)
    assert report.closed, report.summary()
    assert not {"PLAIN", "LOGIN"} & set(report.mechanisms_before_tls)
    assert {"PLAIN", "LOGIN"} <= set(report.mechanisms)
    assert report.config.auth_options == ("A", "p", "y")
    assert report.checks[0].status == "passed", "AuthOptions 'p': checked by itself"
    assert any(ln.text.startswith("TLS established") for ln in report.transcript.lines)
    # port 587 requires a login (M=Ea): every trick stops at MAIL
    assert {(r.stage, r.reply.code if r.reply else 0) for r in report.results} == {("mail", 530)}

    # Drop AuthOptions 'p' by hand: PLAIN and LOGIN now show before STARTTLS.
    s.run(
        'sed -i "$(cat)" /etc/mail/sendmail.mc',
        input="s/confAUTH_OPTIONS', `A p y'/confAUTH_OPTIONS', `A y'/",
    )
    assert "define(`confAUTH_OPTIONS', `A y')dnl" in s.run("cat /etc/mail/sendmail.mc").stdout
    rebuild_and_reload(s)
    weak = check_no_plaintext_before_tls(settings)
    assert weak.status == "failed"
    assert "PLAIN and LOGIN offered before TLS" in weak.detail


# --------------------------------------------------------------------------- command line


def audit_cli(server: LabServer, tmp_path: Path, *extra: str) -> tuple[int, str, str]:
    known = known_hosts_for(server, tmp_path / "known_cli")
    r = run_cli(["audit-relay", server.address, *ssh_root_args(server, known), *extra])
    return r.code, r.out, r.err


def test_audit_relay_command_closed_then_open(
    fresh_server: LabServer, session: SshSession, tmp_path: Path
) -> None:
    s = fresh_server
    apply_plan(session, RelayOptions("classic"))
    code, out, err = audit_cli(s, tmp_path)
    assert code == 0, out + err
    assert f"{s.address} port 25 is closed to relaying" in out
    assert out.count("[refused ]") >= 16
    code, out, _ = audit_cli(s, tmp_path, "--json")
    assert code == 0 and json.loads(out)["verdict"] == "closed"

    trust_the_client(s)
    code, out, err = audit_cli(s, tmp_path)
    assert code == 1
    assert f"relay-wizard: {s.address} port 25 is open: accepted" in err
    for name in OPEN_TRICKS:
        assert WHAT[name] in err
    assert "vantage point" in out
