"""plan, apply, verify, rollback against the real lab, from the non-local test side.

The SMTP checks talk to the lab server's veth address, which Debian's access db does not
trust: what they see is what a stranger on the Internet would see.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.integration.helpers import (
    Run,
    known_hosts_for,
    newest_journal_state,
    reached_after_cut,
    run_cli,
    session_for,
)
from tests.lab.lab import LabServer
from wizard.cli.main import main
from wizard.core.change.apply import apply_plan
from wizard.core.change.options import RelayOptions
from wizard.core.change.outcome import ApplyFailed
from wizard.core.errors import ConnectError
from wizard.core.job import Job
from wizard.core.mail.send import SendRequest, make_test_message
from wizard.core.mail.smtp import SmtpClient, SmtpSettings

# Every file apply may touch, and the state of the daemon, as a comparable snapshot.
FILES = "/etc/mail/sendmail.mc /etc/mail/sendmail.cf /etc/mail/sasl/Sendmail.conf.2"
SNAPSHOT = f"cd / && sha256sum {FILES} && stat -c '%n %U %G %a' {FILES}"
SENDER = "staff@example.com"
RECIPIENT = "someone@example.net"


@pytest.fixture
def known(tmp_path: Path, fresh_server: LabServer) -> Path:
    return known_hosts_for(fresh_server, tmp_path / "known_hosts")


@pytest.fixture
def cli(fresh_server: LabServer, known: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[object]:
    monkeypatch.delenv("SSH_AUTH_SOCK", raising=False)

    def run(*args: str, stdin: str = "") -> Run:
        target = [f"root@{fresh_server.address}", "-i", str(fresh_server.root_key)]
        return run_cli([args[0], *target, "--known-hosts", str(known), *args[1:]], stdin)

    yield run


def smtp(server: LabServer, port: int = 25) -> SmtpClient:
    client = SmtpClient(SmtpSettings(server.address, port, timeout=20, verify_cert=False))
    client.open()
    return client


def unauthenticated_relay(server: LabServer, port: int) -> int:
    with smtp(server, port) as c:
        r = c.mail(SENDER)
        if r.code >= 400:
            return r.code
        return c.rcpt(RECIPIENT).code


def authenticated_send(
    server: LabServer, port: int, user: str, password: str, mech: str, starttls: bool = False
) -> tuple[int, str]:
    with smtp(server, port) as c:
        if starttls:
            c.starttls()
            c.ehlo()
        assert c.login(f"{user}", password, mech).code == 235
        assert c.mail(SENDER).code == 250
        assert c.rcpt(RECIPIENT).code == 250
        r = c.data(make_test_message(SENDER, RECIPIENT, server.address))
        return r.code, r.text.split()[1] if len(r.text.split()) > 1 else ""


def queued(server: LabServer, queue_id: str) -> bool:
    return queue_id in server.run("mailq 2>&1").stdout


def listening(server: LabServer) -> set[str]:
    out = server.run("ss -ltnH | awk '{print $4}'").stdout.split()
    return {a for a in out if not a.endswith(":22")}


# --------------------------------------------------------------------------- the done-when


def test_classic_relays_for_users_only(fresh_server: LabServer, cli) -> None:  # type: ignore[no-untyped-def]
    s = fresh_server
    assert unauthenticated_relay_refused_before(s)
    stock = s.run(SNAPSHOT).stdout

    plan = cli("plan", "--profile", "classic")
    assert plan.code == 0, plan.err
    assert "-DAEMON_OPTIONS(`Family=inet,  Name=MTA-v4, Port=smtp, Addr=127.0.0.1')dnl" in plan.out
    assert s.run(SNAPSHOT).stdout == stock, "planning must change nothing"

    r = cli("apply", "--profile", "classic", "--yes")
    assert r.code == 0, r.out + r.err
    assert "Applied and verified" in r.out
    assert "0.0.0.0:25" in listening(s)

    code = unauthenticated_relay(s, 25)
    assert code == 550
    with smtp(s) as c:
        c.mail(SENDER)
        assert c.rcpt(RECIPIENT).text.startswith("5.7.1")

    add = cli("users", "add", "alice", "--password-stdin", stdin="Correct-Horse-9\n")
    assert add.code == 0, add.err
    for mech in ("CRAM-MD5", "DIGEST-MD5"):
        code, queue_id = authenticated_send(s, 25, "alice", "Correct-Horse-9", mech)
        assert code == 250
        assert queue_id and queued(s, queue_id), (mech, queue_id)
    with smtp(s) as c:
        assert c.login("alice", "wrong-password", "CRAM-MD5").code == 535

    again = cli("apply", "--profile", "classic", "--yes", "--json")
    assert again.code == 0, again.err
    assert json.loads(again.out)["nothing_to_do"] is True

    back = cli("rollback")
    assert back.code == 0, back.err
    assert "restored /etc/mail/sendmail.mc" in back.out
    assert s.run(SNAPSHOT).stdout == stock, "rollback must restore every file byte for byte"
    assert listening(s) == {"127.0.0.1:25", "127.0.0.1:587"}
    report = json.loads(cli("inspect", "--json").out)
    assert report["auth"]["advertised"] == ["DIGEST-MD5", "CRAM-MD5"]
    assert report["auth"]["trusted"] == []


def unauthenticated_relay_refused_before(server: LabServer) -> bool:
    """Stock: port 25 is not reachable from the test side at all."""
    try:
        smtp(server, 25)
    except Exception as exc:
        return "refused" in str(exc)
    return False


def test_modern_keeps_passwords_inside_tls(fresh_server: LabServer, cli) -> None:  # type: ignore[no-untyped-def]
    s = fresh_server
    stock = s.run(SNAPSHOT).stdout
    r = cli("apply", "--open-smtp", "--yes")
    assert r.code == 0, r.out + r.err
    assert "Port 587 checked from this computer: AUTH PLAIN LOGIN after STARTTLS" in r.out
    assert "pwcheck_method: auxprop" in s.run("cat /etc/mail/sasl/Sendmail.conf.2").stdout

    with smtp(s, 587) as c:
        assert "STARTTLS" in c.features
        assert not {"PLAIN", "LOGIN"} & set(c.auth_mechanisms)
        c.starttls()
        c.ehlo()
        assert {"PLAIN", "LOGIN"} <= set(c.auth_mechanisms)
    for port in (25, 587):
        assert unauthenticated_relay(s, port) in (530, 550), port

    assert cli("users", "add", "bob", "--password-stdin", stdin="Tls-Only-Pw-42\n").code == 0
    code, queue_id = authenticated_send(s, 587, "bob", "Tls-Only-Pw-42", "PLAIN", starttls=True)
    assert code == 250 and queued(s, queue_id)

    assert json.loads(cli("plan", "--open-smtp", "--json").out)["nothing_to_do"] is True
    assert cli("rollback").code == 0
    assert s.run(SNAPSHOT).stdout == stock


def test_plan_offline_prints_the_edited_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    mc = Path(__file__).parent.parent / "data" / "mc" / "debian12-sendmail.mc"
    code = main(["plan", "--mc-file", str(mc), "--profile", "classic"])
    out = capsys.readouterr()
    assert code == 0
    assert "TRUST_AUTH_MECH(`DIGEST-MD5 CRAM-MD5')dnl" in out.out
    assert out.out.startswith(mc.read_text()[:200])
    assert "+TRUST_AUTH_MECH" in out.err
    edited = tmp_path / "sendmail.mc"
    edited.write_text(out.out)
    assert main(["plan", "--mc-file", str(edited), "--profile", "classic"]) == 0
    again = capsys.readouterr()
    assert again.out == out.out and "Nothing to do" in again.err


def test_apply_needs_confirmation_without_a_terminal(fresh_server: LabServer, cli) -> None:  # type: ignore[no-untyped-def]
    before = fresh_server.run(SNAPSHOT).stdout
    r = cli("apply", "--profile", "classic")
    assert r.code == 2 and "--yes" in r.err
    assert fresh_server.run(SNAPSHOT).stdout == before


# --------------------------------------------------------------------------- faults


BATCH = ["stage", "build", "install", "restart"]
BATCH_STATES = {"stage": "staged", "build": "built", "install": "installed", "restart": "restarted"}


@pytest.mark.parametrize("boundary", ["stage", "build", "install", "restart", "verify"])
def test_connection_cut_at_each_step_boundary_leaves_a_safe_server(
    fresh_server: LabServer,
    known: Path,
    cli,
    boundary: str,  # type: ignore[no-untyped-def]
) -> None:
    s = fresh_server
    stock = s.run(SNAPSHOT).stdout
    stock_mc = s.run("sha256sum < /etc/mail/sendmail.mc").stdout
    session = session_for(s, known)

    def cut(name: str) -> None:
        if name == boundary:
            session.close()

    with pytest.raises((ApplyFailed, ConnectError)) as failed:
        apply_plan(session, RelayOptions("classic"), on_step=cut)
    assert "rollback" in str(failed.value) or isinstance(failed.value, ConnectError)
    state = newest_journal_state(s)  # once the server is settled: first
    # sendmail runs, with a config that builds, in the old state or the new.
    assert s.run("kill -0 $(head -1 /run/sendmail/mta/sendmail.pid)", check=False).returncode == 0
    build = s.run(
        "cd /etc/mail && m4 sendmail.mc > /tmp/check.cf && test -s /tmp/check.cf", check=False
    )
    assert build.returncode == 0 and build.stderr == ""
    mc_now = s.run("sha256sum < /etc/mail/sendmail.mc").stdout
    assert state in reached_after_cut(BATCH, BATCH_STATES, boundary), (boundary, state)
    if state in ("staged", "built"):
        assert mc_now == stock_mc  # nothing installed
    else:
        assert mc_now != stock_mc
    if state == "restarted":
        assert "0.0.0.0:25" in listening(s)  # the new config runs, unverified

    # A following rollback restores the stock files, and a following apply completes.
    back = cli("rollback")
    assert back.code == 0, back.err
    assert s.run(SNAPSHOT).stdout == stock
    r = cli("apply", "--profile", "classic", "--yes")
    assert r.code == 0, r.out + r.err
    assert unauthenticated_relay(s, 25) == 550


def test_interrupted_apply_is_rolled_back_by_the_next_apply(
    fresh_server: LabServer,
    known: Path,
    cli,  # type: ignore[no-untyped-def]
) -> None:
    s = fresh_server
    session = session_for(s, known)
    with pytest.raises((ApplyFailed, ConnectError)):
        apply_plan(
            session, RelayOptions("classic"), on_step=lambda n: n == "install" and session.close()
        )
    r = cli("apply", "--profile", "classic", "--yes")
    assert r.code == 0, r.out + r.err
    assert "had not finished; it was rolled back" in r.out
    assert "Applied and verified" in r.out


def test_m4_failure_installs_nothing(fresh_server: LabServer, cli) -> None:  # type: ignore[no-untyped-def]
    s = fresh_server
    s.run(
        "sed -i 's|^MAILER_DEFINITIONS|include(`/nonexistent/broken.m4'\\'')dnl\\n&|' "
        "/etc/mail/sendmail.mc"
    )
    before = s.run(SNAPSHOT).stdout
    pid = s.run("head -1 /run/sendmail/mta/sendmail.pid").stdout
    r = cli("apply", "--profile", "classic", "--yes")
    assert r.code == 1
    assert "m4 could not build sendmail.cf" in r.err
    assert "/nonexistent/broken.m4" in r.err
    assert s.run(SNAPSHOT).stdout == before
    assert s.run("head -1 /run/sendmail/mta/sendmail.pid").stdout == pid, "sendmail untouched"


def test_config_sendmail_refuses_is_rolled_back_and_the_old_daemon_is_back(
    fresh_server: LabServer,
    cli,  # type: ignore[no-untyped-def]
) -> None:
    s = fresh_server
    # Builds fine with m4, but sendmail cannot run with it (no such queue directory).
    s.run(
        "sed -i 's|^MAILER_DEFINITIONS|define(`QUEUE_DIR'\\'', `/nonexistent/mqueue'\\'')dnl\\n&|' "
        "/etc/mail/sendmail.mc"
    )
    before = s.run(SNAPSHOT).stdout
    r = cli("apply", "--profile", "classic", "--yes")
    assert r.code == 1, r.out
    assert "Everything was rolled back" in r.err
    assert "[FAIL] Reload sendmail" in r.out
    assert s.run(SNAPSHOT).stdout == before
    assert listening(s) == {"127.0.0.1:25", "127.0.0.1:587"}
    assert s.run("kill -0 $(head -1 /run/sendmail/mta/sendmail.pid)", check=False).returncode == 0


def test_apply_through_password_sudo_and_rollback_through_nopasswd_sudo(
    fresh_server: LabServer, known: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The payloads on stdin survive sudo's password line; the journal works for any admin."""
    s = fresh_server
    stock = s.run(SNAPSHOT).stdout
    monkeypatch.delenv("SSH_AUTH_SOCK", raising=False)
    monkeypatch.setenv("RELAY_WIZARD_SSH_PASSWORD", s.admin_password)
    common = ["--known-hosts", str(known), "--no-agent"]
    r = run_cli(["apply", f"admin@{s.address}", *common, "--profile", "classic", "--yes"])
    assert r.code == 0, r.out + r.err
    assert "TRUST_AUTH_MECH(`DIGEST-MD5 CRAM-MD5')dnl" in s.run("cat /etc/mail/sendmail.mc").stdout
    assert s.admin_password not in s.run("cat /etc/mail/sendmail.mc /etc/mail/sendmail.cf").stdout
    monkeypatch.setenv("RELAY_WIZARD_SSH_PASSWORD", s.deploy_password)
    back = run_cli(["rollback", f"deploy@{s.address}", *common])
    assert back.code == 0, back.err
    assert s.run(SNAPSHOT).stdout == stock


def test_restart_mode_init_restarts_a_running_daemon_the_hosts_way(
    fresh_server: LabServer, known: Path
) -> None:
    s = fresh_server
    old_pid = s.run("head -1 /run/sendmail/mta/sendmail.pid").stdout.strip()
    with session_for(s, known) as session:
        plan, report = apply_plan(session, RelayOptions("classic", restart="init"))
    assert report.verified, report.to_json()
    shown = next(step for step in plan.steps if step.name == "restart")
    assert shown.commands[0].startswith("restart.sh ID init ")
    assert "/etc/init.d/sendmail restart" in shown.commands[0]
    reload = next(step for step in report.steps if step.title.startswith("Reload"))
    assert "reloaded with: /etc/init.d/sendmail restart" in reload.detail
    assert s.run("head -1 /run/sendmail/mta/sendmail.pid").stdout.strip() != old_pid
    assert "0.0.0.0:25" in listening(s)


def test_the_verifications_smtp_session_serves_the_test_send_that_follows(
    fresh_server: LabServer, tmp_path: Path
) -> None:
    """services.apply keeps the audit's connection; send_test takes it (one greet pause)."""
    from wizard.core.remote.login import Credentials
    from wizard.core.services import CoreServices
    from wizard.core.target import Target

    s = fresh_server
    core = CoreServices(known_hosts=known_hosts_for(s, tmp_path / "kh"))
    session = core.connect(
        Target(s.address, 22, "root"), Credentials(key_file=s.root_key, use_agent=False), Job()
    )
    cancel = threading.Event()
    with session:
        _plan, report = core.apply(session, RelayOptions("classic"), Job(cancel=cancel))
        assert report.verified
        password = core.generate_password()
        core.add_user(session, "reuse", password)
        to = "someone@example.net"
        settings = SmtpSettings(s.address, 25, "none")
        sent = core.test_send(SendRequest(settings, "reuse", password, to, to), lambda _m: None)
        assert "reusing the connection" in sent.transcript.render()
        assert sent.queue_id in s.run("mailq").stdout
        # Taken once: the next send opens its own connection.
        again = core.test_send(SendRequest(settings, "reuse", password, to, to), lambda _m: None)
        assert "reusing the connection" not in again.transcript.render()
        assert password not in sent.transcript.render() + again.transcript.render()


def test_apply_plans_from_the_reviewed_state_and_refuses_files_changed_since(
    fresh_server: LabServer, tmp_path: Path
) -> None:
    """services.apply reuses the Review page's read (one command fewer); a file changed
    on the server after that read stops the apply before anything is written."""
    from wizard.core.remote.login import Credentials
    from wizard.core.services import CoreServices
    from wizard.core.target import Target

    s = fresh_server
    core = CoreServices(known_hosts=known_hosts_for(s, tmp_path / "kh"))
    options = RelayOptions("classic")
    cancel = threading.Event()
    session = core.connect(
        Target(s.address, 22, "root"), Credentials(key_file=s.root_key, use_agent=False), Job()
    )
    with session:
        core.read_state(session, options, cancel)
        # Someone edits the .mc behind the wizard's back.
        s.run("printf 'dnl edited by hand\\n' >> /etc/mail/sendmail.mc")
        before = s.run(SNAPSHOT).stdout
        journals = s.run("ls /var/lib/relay-wizard/journal 2>/dev/null | wc -l").stdout
        with pytest.raises(ApplyFailed) as failed:
            core.apply(session, options, Job(cancel=cancel))
        assert "/etc/mail/sendmail.mc changed on the server since the plan was made" in str(
            failed.value
        )
        assert not failed.value.report.rollback  # nothing was staged, nothing to undo
        assert s.run(SNAPSHOT).stdout == before
        assert s.run("ls /var/lib/relay-wizard/journal 2>/dev/null | wc -l").stdout == journals

        # Planned again from a fresh read: applied, with no read of its own.
        core.read_state(session, options, cancel)
        commands = session.counters()["ssh_commands"]
        _plan, report = core.apply(session, options, Job(cancel=cancel))
        assert report.verified
        # the server lock, then stage, build, install and restart as one command (they wait
        # for the lock on the server); the lock's shell records the finish as it is
        # released: no state read, no finish command
        assert session.counters()["ssh_commands"] - commands == 2
        assert newest_journal_state(s) == "applied"
        assert "dnl edited by hand" in s.run("cat /etc/mail/sendmail.mc").stdout
