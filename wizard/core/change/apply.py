"""Reading the server's state, and applying a plan as a transaction with a journal.

Apply runs in steps, each one remote call, each leaving the server in a safe state
(sendmail running, a config that builds), recorded in a journal on the server under
``/var/lib/relay-wizard/journal/ID/``: the backups (``files/N``), the new contents
(``new/N``), a ``manifest`` (index, existed, sha256 before, sha256 new, path), the
host's .mc and .cf paths (``paths``: they differ between layouts, wizard.core.mta.sendmail.layout) and
a ``state`` (staged, built, installed, restarted, applied, rolled-back).

1. stage: back up every file the apply will touch (the .mc, the SASL config, the .cf),
   store the new contents next to them;
2. build: build the new .cf from the new .mc with m4 into the journal, refuse it when m4
   fails or says anything it does not say about the current .mc, and let sendmail itself
   parse it;
3. install: each file to a temporary file in its own directory, owner and mode copied
   from the file it replaces, renamed into place;
4. restart: HUP the running daemon (it re-reads sendmail.cf, listeners, STARTTLS and
   Sendmail.conf) or start it the host's way; wait for the new daemon and its listeners;
5. verify from this computer (SMTP, one connection per listener): listeners reachable,
   AUTH offered as planned (after STARTTLS where planned, no PLAIN/LOGIN before it), and
   the open-relay audit (``wizard.core.mail.audit``): every relay trick without login refused;
6. mark the journal applied.

Any failure rolls back: every backup restored byte for byte (renamed into place), the
daemon reloaded or started, its listeners awaited. A journal left half-way (the
connection was cut) is rolled back first by the next ``apply`` or by ``rollback``.
"""

from __future__ import annotations

import base64
import hashlib
import shlex
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from wizard.core.change.relay import (
    CERT_CANDIDATES,
    ExpectedPort,
    FileFacts,
    Plan,
    RelayOptions,
    ServerState,
    make_plan,
)
from wizard.core.errors import Cancelled, RemoteCommandError, WizardError
from wizard.core.mail.audit import audit_relay
from wizard.core.mail.pool import SmtpPool
from wizard.core.mail.smtp import SmtpFailure, SmtpSettings
from wizard.core.mail.vantage import RelayConfig
from wizard.core.mta.sendmail.inspect_parse import build_report
from wizard.core.mta.sendmail.inspection import collect
from wizard.core.mta.sendmail.layout import MC_PATH
from wizard.core.mta.sendmail.mc import McFile, wait_specs
from wizard.core.remote import scripts
from wizard.core.remote.lock import server_locked
from wizard.core.remote.sections import ProtocolError, b64_strict
from wizard.core.remote.session import SshSession
from wizard.core.untrusted import printable

JOURNAL_ROOT = "/var/lib/relay-wizard/journal"

Progress = Callable[[str], None]

# The remote half of each step is a script in wizard/core/remote/scripts, named with its
# arguments (its first lines say which): stage, build, install, restart, finish, and
# rollback; restart and rollback make sendmail load its config and wait for its listeners
# (lib.sh's reload_sendmail, listening, cf_listeners). ``state`` is appended to the
# inspection: the exact bytes of the SASL config, facts about TLS files, the newest
# journal, the daemon; positional parameters: the TLS file paths, one section "file-N" each.
STATE = "state"
LISTENING_FN = scripts.lib("listening")
CF_LISTENERS_FN = scripts.lib("cf_listeners")


def state_sections(paths: Sequence[str]) -> tuple[str, ...]:
    """The sections state.sh prints for ``paths``."""
    return ("sasl-real", *(f"file-{i}" for i in range(1, len(paths) + 1)), "journal", "daemon")


# --------------------------------------------------------------------------- reading


def _b64_text(line: str, what: str) -> str:
    return b64_strict(line, what).decode("utf-8", "surrogateescape")


def _encode(text: str) -> bytes:
    return text.encode("utf-8", "surrogateescape")


@dataclass(frozen=True)
class Remote:
    """Facts beyond the plan's: the newest journal, the daemon, who may relay."""

    journal_id: str
    journal_state: str
    daemon_pid: int
    relay: RelayConfig = field(default_factory=RelayConfig)
    pid_file: str = ""  # where this host's daemon writes its pid (wizard.core.mta.sendmail.layout)
    restart: str = ""  # how this host restarts sendmail itself ("" if unknown)


def read_state(
    session: SshSession,
    options: RelayOptions,
    *,
    cancel: threading.Event | None = None,
    progress: Progress | None = None,
) -> tuple[ServerState, Remote]:
    """Read everything planning needs in one remote call (inspection included)."""
    o = options.validated()
    paths = [p for p in (o.cert_file, o.key_file, o.ca_file) if p]
    if not paths:
        paths = [p for pair in CERT_CANDIDATES for p in pair]
    if progress:
        progress("Reading the server's configuration")
    sections = collect(session, STATE, state_sections(paths), paths, cancel=cancel)
    host: str = session.target.host
    report = build_report(host, sections)
    mc_text = _b64_text(sections["mc-b64"], "the sendmail.mc")
    sasl_lines = sections["sasl-real"].splitlines()
    if len(sasl_lines) not in (0, 2):
        raise ProtocolError(
            "The server's answer about the SASL config is not in the form Relay Wizard asked "
            "for, so it was not used and nothing was changed.",
            "Try again. If it happens again, see docs/security.md.",
        )
    sasl_path = _b64_text(sasl_lines[0], "the SASL config's path").strip() if sasl_lines else ""
    sasl_text = _b64_text(sasl_lines[1], "the SASL config") if sasl_lines else ""
    files: dict[str, FileFacts] = {}
    for n, path in enumerate(paths, 1):
        lines = sections[f"file-{n}"].splitlines() or ["missing"]
        if not lines or lines[0] == "missing":
            files[path] = FileFacts(path, False)
            continue
        owner, group, mode = ([*lines[0].split(), "", "", "0"])[:3]
        kind = lines[1] if len(lines) > 1 else "invalid"
        files[path] = FileFacts(
            path,
            True,
            owner,
            group,
            int(mode, 8) if mode.isdigit() else 0,
            kind in ("cert", "key"),
            lines[3] if len(lines) > 3 and kind != "invalid" else "",
            lines[2].strip() if len(lines) > 2 and kind == "cert" else "",
        )
    journal = sections.get("journal", "").split()
    daemon = sections.get("daemon", "").split()
    # the host's own .mc (wizard.core.mta.sendmail.layout), also where there is none yet to read
    mc_path = report.sendmail.mc_path or (report.layout.mc_path if report.layout else MC_PATH)
    state = ServerState(report, mc_path, mc_text, sasl_path, sasl_text, files)
    remote = Remote(
        journal[0] if journal else "",
        journal[1] if len(journal) > 1 else "",
        int(daemon[1]) if len(daemon) > 1 and daemon[1].isdigit() else 0,
        RelayConfig.from_sections(host, sections),
        pid_file=report.sendmail.pid_file,
        restart=report.sendmail.restart,
    )
    return state, remote


def restart_command(remote: Remote, mode: str = "auto") -> str:
    """How apply makes sendmail load the new files on this host, as the plan shows it."""
    if remote.daemon_pid and mode != "init":
        pid_file = remote.pid_file or "/run/sendmail/mta/sendmail.pid"
        return f"kill -HUP $(head -1 {shlex.quote(pid_file)})"
    return remote.restart or "/etc/init.d/sendmail restart (or systemctl restart sendmail)"


def plan_for(
    session: SshSession,
    options: RelayOptions,
    *,
    cancel: threading.Event | None = None,
    progress: Progress | None = None,
) -> tuple[Plan, ServerState, Remote]:
    """Read the server and plan. Changes nothing on the server."""
    state, remote = read_state(session, options, cancel=cancel, progress=progress)
    plan = make_plan(state, options, restart_command(remote, options.restart))
    return plan, state, remote


# --------------------------------------------------------------------------- outcomes


@dataclass(frozen=True)
class StepOutcome:
    title: str
    ok: bool
    detail: str = ""


@dataclass
class ApplyReport:
    journal_id: str = ""
    steps: list[StepOutcome] = field(default_factory=list)
    rollback: list[StepOutcome] = field(default_factory=list)
    recovered: str = ""  # an interrupted journal rolled back before this apply
    nothing_to_do: bool = False
    verified: bool = False

    def to_json(self) -> dict[str, object]:
        def rows(items: list[StepOutcome]) -> list[dict[str, object]]:
            return [{"title": s.title, "ok": s.ok, "detail": s.detail} for s in items]

        return {
            "journal": self.journal_id,
            "nothing_to_do": self.nothing_to_do,
            "verified": self.verified,
            "recovered": self.recovered,
            "steps": rows(self.steps),
            "rollback": rows(self.rollback),
        }


class ApplyFailed(WizardError):
    """Apply failed; ``report`` says which step and how the rollback went."""

    def __init__(self, message: str, report: ApplyReport, fix: str = "") -> None:
        super().__init__(message, fix)
        self.report = report


# --------------------------------------------------------------------------- verify


def verify_from_outside(
    host: str,
    expect: Sequence[ExpectedPort],
    timeout: float = 20.0,
    config: RelayConfig | None = None,
    *,
    cancel: threading.Event | None = None,
    pool: SmtpPool | None = None,
) -> list[StepOutcome]:
    """Talk SMTP to every listener the plan opened, as a stranger would.

    One connection per listener: STARTTLS and no PLAIN/LOGIN before it where planned, the
    planned AUTH mechanisms, then the open-relay audit. Any trick accepted fails, even
    when ``config`` (the server's relay settings) explains it by this computer's vantage
    point: the failure then says so.
    """
    out: list[StepOutcome] = []
    for e in expect:
        settings = SmtpSettings(host, e.port, e.security, timeout=timeout, verify_cert=False)
        title = f"port {e.port}"
        try:
            audit = audit_relay(
                settings,
                config=config,
                forbid_plaintext_before_tls=not e.plain_before_tls,
                time_budget=max(60.0, 3 * timeout),
                cancel=cancel,
                pool=pool,
            )
        except SmtpFailure as exc:
            out.append(StepOutcome(title, False, exc.message))
            continue
        except OSError as exc:
            out.append(StepOutcome(title, False, f"SMTP on port {e.port} failed: {exc}"))
            continue
        problems = [f"Port {e.port}: {c.detail}" for c in audit.checks if c.status == "failed"]
        missing = [m for m in e.mechanisms if m not in audit.mechanisms]
        if missing:
            problems.append(
                f"Port {e.port} does not offer {' '.join(missing)} "
                f"(it offers: {' '.join(audit.mechanisms) or 'no AUTH'})."
            )
        if audit.accepted:
            text = (
                f"Port {e.port} accepted mail without a login for {len(audit.accepted)} of "
                f"{len(audit.results)} relay tricks: {audit.accepted_text()}. Strangers must not "
                "be able to relay."
            )
            if audit.explanations:
                text += " The server's config explains it: " + "; ".join(audit.explanations) + "."
            problems.append(f"{text} {audit.vantage_note()}")
        elif audit.verdict != "closed":
            problems.append(f"Port {e.port}: {audit.summary()}")
        if problems:
            out.append(StepOutcome(title, False, " ".join(problems)))
            continue
        tls = " after STARTTLS" if e.security == "starttls" else ""
        codes = sorted({r.reply.code for r in audit.results if r.reply})
        out.append(
            StepOutcome(
                title,
                True,
                f"AUTH {' '.join(audit.mechanisms)}{tls}; relaying without login refused: all "
                f"{len(audit.results)} relay tricks ({', '.join(map(str, codes))})",
            )
        )
    return out


# --------------------------------------------------------------------------- apply


def _ports(mc_text: str) -> list[str]:
    """The listeners the reload waits for (:func:`wizard.core.mta.sendmail.mc.wait_specs`); port 25
    when there is no .mc to read them from."""
    return wait_specs(McFile.parse(mc_text)) if mc_text.strip() else ["25"]


@server_locked("rollback")  # the server lock; re-entrant: apply's own rollback
def rollback(
    session: SshSession,
    journal_id: str = "",
    *,
    progress: Progress | None = None,
    ports: Sequence[str] = (),
) -> list[StepOutcome]:
    """Restore the files of ``journal_id`` (default: the newest not rolled back) and reload.

    ``ports``: the listeners to wait for; by default those of the restored .mc.
    """
    if progress:
        progress("Rolling back: restoring the backups and reloading sendmail")
    result = session.run(scripts.command("rollback", journal_id, *ports), root=True, timeout=120)
    lines = printable(result.stdout, multiline=True).splitlines()
    steps = [StepOutcome(line, True) for line in lines if line and not line.startswith("listening")]
    if not result.ok:
        err = printable(result.stderr.strip(), multiline=True)
        steps.append(StepOutcome("rollback", False, err[-500:]))
        raise RemoteCommandError(
            f"The rollback did not complete: {err[-300:]}",
            result,
            "Run relay-wizard rollback again; the backups stay under /var/lib/relay-wizard.",
        )
    return steps


@server_locked("apply")  # the server lock, held from reading the journal to the end
def apply_plan(
    session: SshSession,
    options: RelayOptions,
    *,
    progress: Progress | None = None,
    cancel: threading.Event | None = None,
    on_step: Callable[[str], None] | None = None,
    smtp_timeout: float = 20.0,
    smtp_pool: SmtpPool | None = None,
    known: tuple[ServerState, Remote] | None = None,
) -> tuple[Plan, ApplyReport]:
    """Plan and apply; verify; roll back by itself on any failure.

    ``known``: the state the admin's plan was made from, read moments ago on this session
    (the wizard's Server check). Apply then plans from it instead of reading the server
    again, and the stage step refuses to go on if any file to change is no longer
    byte for byte what was read. Without it, or when that read saw an unfinished journal,
    apply reads the server itself.

    ``smtp_pool``: park the verification's SMTP connection there for a test send that
    follows (``send.send_test`` takes it from the pool; it saves the server's greet pause).

    ``on_step(name)`` is called at every step boundary (after stage, build, install,
    restart, verify): the place where a cut connection must leave a safe server.

    Raises:
        ApplyFailed: a step failed; the rollback outcome is in its report.
        WizardError: the plan has errors (nothing was changed).
    """
    report = ApplyReport()
    say = progress or (lambda _msg: None)
    if known is not None and known[1].journal_state in ("", "applied", "rolled-back"):
        state, remote = known
        plan = make_plan(state, options, restart_command(remote, options.restart))
    else:
        plan, state, remote = plan_for(session, options, cancel=cancel, progress=progress)
    if remote.journal_state and remote.journal_state not in ("applied", "rolled-back"):
        say(f"An earlier apply ({remote.journal_id}) did not finish: rolling it back first")
        report.recovered = remote.journal_id
        # the listeners to wait for are those of the restored files: the script reads them
        report.rollback = rollback(session, remote.journal_id)
        plan, state, remote = plan_for(session, options, cancel=cancel, progress=progress)
        # the files are back as they were before the interrupted apply
        report.rollback = [*report.rollback, StepOutcome("re-planned after the rollback", True)]
    if plan.errors:
        raise WizardError(
            "The plan has errors, so nothing was changed: "
            + " ".join(c.message for c in plan.errors),
            "Fix what the checks say, then plan again.",
        )
    if plan.nothing_to_do:
        report.nothing_to_do = True
        return plan, report

    # Every apply (GUI, CLI, fleet) stages only onto the bytes it planned from: the stage
    # step compares each file's sha256 on the server with the one read here and refuses a
    # file changed since, before anything is written.
    expect = "\n".join(
        f"{c.path}={hashlib.sha256(_encode(c.before)).hexdigest() if c.before else 'empty'}"
        for c in plan.changes
    )
    jid = journal_id(time.time())
    report.journal_id = jid
    changes = list(plan.changes)
    mc_change = next((c for c in changes if c.path == state.mc_path), None)
    # The .mc goes first and the .cf last; the .cf's new content is built on the server.
    changes.sort(key=lambda c: c.path != state.mc_path)
    paths = [c.path for c in changes]
    stdin = "".join(base64.b64encode(_encode(c.after)).decode() + "\n" for c in changes)
    if mc_change is not None:
        paths.append(state.report.sendmail.cf_path)
        stdin += "-\n"
    new_mc = mc_change.after if mc_change is not None else state.mc_text
    build = shlex.split(plan.build_command)

    def step(title: str, name: str, *args: str, data: str = "") -> str:
        if cancel is not None and cancel.is_set():
            raise Cancelled()
        if session.server_lock_lost():
            # another Relay Wizard may hold it now: change nothing more
            raise WizardError(
                "The lock on the server that keeps a second Relay Wizard out was lost "
                "(the connection went silent).",
                "Connect again; the next apply or rollback finishes or undoes this one.",
            )
        say(title)
        result = session.run(
            scripts.command(name, *args), root=True, stdin=data, timeout=120, cancel=cancel
        )
        if not result.ok:
            detail = printable(
                (result.stderr.strip() or result.stdout.strip())[-800:], multiline=True
            )
            report.steps.append(StepOutcome(title, False, detail))
            raise ApplyFailed(f"{title}: failed. {detail}", report)
        report.steps.append(
            StepOutcome(title, True, printable(result.stdout.strip()[-800:], multiline=True))
        )
        if on_step is not None:
            on_step(name)
        return str(result.stdout)

    staged = False
    try:
        step(
            "Back up the files and stage the new ones",
            "stage",
            jid,
            expect,
            state.mc_path,
            state.report.sendmail.cf_path,
            *paths,
            data=stdin,
        )
        staged = True
        if mc_change is not None:
            step(
                "Build and check the new sendmail.cf",
                "build",
                jid,
                "1",
                str(len(paths)),
                *build,
            )
        step("Install the new files", "install", jid)
        step(
            "Reload sendmail and wait for its listeners",
            "restart",
            jid,
            options.restart,
            *_ports(new_mc),
        )
        say("Verifying from this computer")
        if cancel is not None and cancel.is_set():
            raise Cancelled()
        checks = verify_from_outside(
            session.target.host,
            plan.expect,
            smtp_timeout,
            remote.relay,
            cancel=cancel,
            pool=smtp_pool,
        )
        report.steps.extend(checks)
        if not all(c.ok for c in checks):
            bad = "; ".join(c.detail for c in checks if not c.ok)
            raise ApplyFailed(f"Verification failed: {bad}", report)
        if on_step is not None:
            on_step("verify")
        step("Record the change as applied", "finish", jid)
        report.verified = True
        return plan, report
    except BaseException as exc:
        if not staged:
            raise
        try:
            report.rollback = rollback(session, jid, progress=progress, ports=_ports(state.mc_text))
        except Exception as rb:  # the connection may be gone: say what to do
            report.rollback.append(StepOutcome("rollback", False, str(rb)))
            raise ApplyFailed(
                f"{_reason(exc)} The automatic rollback did not complete ({rb}).",
                report,
                "Connect again and run relay-wizard rollback (or apply again): the journal "
                f"{jid} on the server holds every backup.",
            ) from exc
        if isinstance(exc, (KeyboardInterrupt, SystemExit)):
            raise
        raise ApplyFailed(
            f"{_reason(exc)} Everything was rolled back: the server is as it was before.",
            report,
            "Read the failed step above; fix the cause and apply again.",
        ) from exc


def journal_id(now: float) -> str:
    """The journal's name: UTC time to the microsecond, so that names sort in the order
    the applies ran ("the newest journal" is the last name), also within one second."""
    seconds = int(now)
    micro = round((now - seconds) * 1_000_000)
    if micro == 1_000_000:
        seconds, micro = seconds + 1, 0
    return time.strftime("%Y%m%dT%H%M%SZ", time.gmtime(seconds)) + f"-{micro:06d}"


def _reason(exc: BaseException) -> str:
    if isinstance(exc, Cancelled):
        return "Cancelled."
    if isinstance(exc, WizardError):
        return exc.message
    return f"{type(exc).__name__}: {exc}"
