"""The whole plan for a sendmail server: the .mc and the SASL config to change, the checks,
the steps that apply them and what verify must then find. Pure: no I/O.

:func:`make_plan` puts together :func:`~wizard.core.mta.sendmail.mcplan.plan_mc` (the .mc
edit), :func:`~wizard.core.mta.sendmail.checks.checks` and the SASL config's edit, then
lists the steps: the journal's (stage, install, record: :mod:`wizard.core.change.steps`)
around sendmail's own, made here: build the .cf with m4, reload the daemon.
"""

from __future__ import annotations

import shlex
from typing import TYPE_CHECKING, Literal

from wizard.core.change.plan import Check, CheckLevel, FileChange, Plan, Step
from wizard.core.change.steps import ScriptStep, Verify, install, record, stage
from wizard.core.change.verify import ExpectedPort
from wizard.core.guard.certificates import plan_certificate
from wizard.core.guard.protection import plan_protection
from wizard.core.mta.sendmail.checks import checks, tls_paths
from wizard.core.mta.sendmail.mc import McFile, effective_daemons, wait_specs
from wizard.core.mta.sendmail.mcplan import McPlan, build_command, plan_mc
from wizard.core.mta.sendmail.saslconf import edit_sasl_conf, parse_sasl_conf
from wizard.core.mta.sendmail.state import CA_PATHS, Remote, ServerState
from wizard.core.mta.sendmail.summary import summarize
from wizard.core.remote import scripts
from wizard.core.translatable import QT_TRANSLATE_NOOP

if TYPE_CHECKING:
    from collections.abc import Sequence

    from wizard.core.change.options import RelayOptions
    from wizard.core.guard import Addition
    from wizard.core.mta.sendmail.mcedit import McEditor

# The reload (restart.sh) and the rollback make sendmail load its config and wait for its
# listeners with lib.sh's reload_sendmail, listening and cf_listeners.
LISTENING_FN = scripts.lib("listening")
CF_LISTENERS_FN = scripts.lib("cf_listeners")
PLAINTEXT = ("PLAIN", "LOGIN")
# the checks of the TLS files found on the server (checks._tls_checks)
TLS_FILE_CHECKS = frozenset(
    {"no_cert", "tls_missing", "tls_invalid", "tls_cert"}
    | {"key_world_readable", "key_owner", "key_mismatch"}
)


def reload_ports(mc_text: str) -> list[str]:
    """The listeners a reload waits for (:func:`wizard.core.mta.sendmail.mc.wait_specs`);
    port 25 when there is no .mc to read them from."""
    return wait_specs(McFile.parse(mc_text)) if mc_text.strip() else ["25"]


def reload_how(remote: Remote, mode: str = "auto") -> str:
    """How the reload will make sendmail load the new files on this host, in words
    (restart.sh decides on the server, from the same facts)."""
    if remote.daemon_pid and mode != "init":
        pid_file = remote.pid_file or "/run/sendmail/mta/sendmail.pid"
        return f"HUP to the running sendmail (pid {remote.daemon_pid}, pid file {pid_file})"
    return remote.restart or "/etc/init.d/sendmail restart (or systemctl restart sendmail)"


def build_step(m4: str, cf_index: int) -> ScriptStep:
    """Build the new .cf from the staged .mc (index 1) with ``m4`` into the journal's file
    ``cf_index``, refuse what m4 complains about anew, let sendmail parse it (build.sh)."""
    return ScriptStep(
        "build",
        QT_TRANSLATE_NOOP("Steps", "Build and check the new sendmail.cf"),
        ("1", str(cf_index), *shlex.split(m4)),
        about=QT_TRANSLATE_NOOP(
            "Steps",
            "Builds sendmail's working configuration from the new sendmail.mc, next to the "
            "one in use, and lets sendmail check it before anything is replaced.",
        ),
    )


def reload_step(mode: str, ports: Sequence[str], how: str) -> ScriptStep:
    """HUP the daemon (or restart it the host's way, ``mode`` "init") and wait for
    ``ports`` (restart.sh)."""
    return ScriptStep(
        "restart",
        QT_TRANSLATE_NOOP("Steps", "Reload sendmail and wait for its listeners"),
        (mode, *ports),
        note=how,
        about=QT_TRANSLATE_NOOP(
            "Steps",
            "Makes sendmail take the new configuration and waits until every port answers.",
        ),
    )


def additions(state: ServerState, o: RelayOptions) -> tuple[Addition, ...]:
    """What the certificate and the protection options add (wizard.core.guard)."""
    return (
        plan_certificate(state.report, state.guard, o),
        plan_protection(state.report, state.guard, o),
    )


def plan_state_mc(
    state: ServerState, options: RelayOptions, extra: Sequence[Addition] = ()
) -> McPlan:
    """The .mc part of the plan for ``state``: the one place its inputs are chosen.
    ``extra``: what the guard options add (the TLS files to use, defines)."""
    o = options.validated()
    r = state.report
    tls = tls_paths(o, state.files) if o.profile == "modern" else ("", "", "")
    key_facts = state.files.get(tls[1])
    key_mode = key_facts.mode if key_facts else 0
    for add in extra:
        if add.tls[0]:
            # a copy the apply makes, root-only like every key it writes
            tls, key_mode = add.tls, 0o600
    return plan_mc(
        state.mc_text,
        o,
        tls,
        key_mode,
        path=state.mc_path or "sendmail.mc",
        host=r.host,
        ca_path=CA_PATHS.get(r.sendmail.layout, "/etc/ssl/certs"),
        v6only={"freebsd": True, "debian": False, "rhel": False}.get(r.sendmail.layout),
        trusted=r.auth.trusted,
        offered=r.auth.configured_mechanisms,
        available=r.sasl.plugins or None,
        extra_defines={k: v for add in extra for k, v in add.defines.items()},
    )


def plan_mc_editor(state: ServerState, options: RelayOptions) -> McEditor:
    """The .mc edits of the plan for ``state`` (see :func:`plan_state_mc`)."""
    return plan_state_mc(state, options).editor


def _sasl_conf(
    state: ServerState, o: RelayOptions, mcplan: McPlan, mc_changes: bool
) -> tuple[list[FileChange], list[Check]]:
    """The SASL config's change, if PLAIN or LOGIN are added, and what is kept and why."""
    conf = parse_sasl_conf(state.sasl_conf_text)
    saslauthd = conf.get("pwcheck_method") == "saslauthd"
    if any(m in PLAINTEXT for m in mcplan.trusted_added):
        if not state.sasl_conf_path:
            return [], [
                Check(
                    "no_sasl_conf",
                    CheckLevel.ERROR,
                    QT_TRANSLATE_NOOP(
                        "Checks",
                        "sendmail's SASL config (Sendmail.conf) was not found, so PLAIN and "
                        "LOGIN cannot be pointed at the sasldb. Install sasl2-bin (Debian) or "
                        "cyrus-sasl.",
                    ),
                )
            ]
        new_conf = edit_sasl_conf(state.sasl_conf_text, o.mechanisms)
        if new_conf == state.sasl_conf_text:
            return [], []
        return [FileChange(state.sasl_conf_path, state.sasl_conf_text, new_conf)], []
    if mc_changes and saslauthd and not any(m in PLAINTEXT for m in mcplan.trusted_after):
        return [], [
            Check(
                "saslauthd_kept",
                CheckLevel.OK,
                QT_TRANSLATE_NOOP(
                    "Checks",
                    "CRAM-MD5 and DIGEST-MD5 check passwords in the sasldb, whatever "
                    "pwcheck_method says: the SASL config stays as it is.",
                ),
            )
        ]
    if saslauthd and any(m in PLAINTEXT for m in mcplan.trusted_before):
        return [], [
            Check(
                "password_check_kept",
                CheckLevel.OK,
                QT_TRANSLATE_NOOP(
                    "Checks",
                    "PLAIN and LOGIN keep checking passwords the way they do today (saslauthd, "
                    "{path}): the SASL config stays as it is.",
                ).format(path=state.sasl_conf_path),
            )
        ]
    return [], []


def make_plan(state: ServerState, options: RelayOptions, reload: str) -> Plan:
    """The whole plan. ``reload``: how the host will reload sendmail, in words
    (:func:`reload_how`), shown with the reload step."""
    o = options.validated()
    r = state.report
    extra = additions(state, o)
    mcplan = plan_state_mc(state, o, extra)
    new_mc = mcplan.after
    found = [*mcplan.checks, *checks(state, o, mcplan), *(c for a in extra for c in a.checks)]
    if any(a.tls[0] for a in extra):
        # the TLS files are the copies the apply makes, not the ones these checks looked at
        found = [c for c in found if c.id not in TLS_FILE_CHECKS]
    if mcplan.refused:
        return Plan(o, (), (), tuple(found), (), "")
    changes: list[FileChange] = []
    if new_mc != state.mc_text:
        changes.append(FileChange(state.mc_path, state.mc_text, new_mc))
    conf_changes, conf_checks = _sasl_conf(state, o, mcplan, bool(changes))
    changes += conf_changes
    found += conf_checks
    changes += [c for a in extra for c in a.changes]
    actions = tuple(s for a in extra for s in a.actions)
    build = build_command(new_mc, state.mc_path, r.sendmail.cf_dir)
    expect = expectations(new_mc, o, r.host)
    steps: tuple[Step, ...] = ()
    if (changes or actions) and not any(c.level == CheckLevel.ERROR for c in found):
        steps = _steps(state, o, changes, build, expect, reload, extra)
    summary = summarize(
        o,
        changes,
        expect,
        mc_before=state.mc_text,
        mc_after=new_mc,
        trusted_before=mcplan.trusted_before,
        trusted_after=mcplan.trusted_after,
        reload=reload,
    )
    summary = (*summary, *(s for a in extra for s in a.summary))
    return Plan(o, tuple(changes), steps, tuple(found), expect, build, summary, actions)


def _steps(
    state: ServerState,
    o: RelayOptions,
    changes: list[FileChange],
    build: str,
    expect: tuple[ExpectedPort, ...],
    reload: str,
    extra: Sequence[Addition] = (),
) -> tuple[Step, ...]:
    """The steps that apply ``changes``: one remote script each, verify from outside.
    ``extra``: what the guard options add (their steps around sendmail's, the files
    their steps make)."""
    cf = state.report.sendmail.cf_path
    # The .mc goes first and the .cf last; the .cf's new content is built on the server.
    files = sorted(changes, key=lambda c: c.path != state.mc_path)
    new_mc = next((c.after for c in files if c.path == state.mc_path), None)
    produced = [p for a in extra for p in a.produced]
    modes = {p: m for a in extra for p, m in a.modes.items()}
    steps: list[Step] = [s for a in extra for s in a.before]
    steps.append(
        stage(
            files,
            state.mc_path,
            cf,
            built=cf if new_mc is not None else "",
            restore_ports=reload_ports(state.mc_text),
            produced=produced,
            modes=modes,
        )
    )
    if new_mc is not None:
        steps.append(build_step(build, len(files) + 1))
    steps += [
        install([c.diff for c in changes]),
        *(s for a in extra for s in a.after_install),
        reload_step(o.restart, reload_ports(new_mc or state.mc_text), reload),
        *(s for a in extra for s in a.after_reload),
        Verify(expect),
        record(),
    ]
    return tuple(steps)


def expectations(new_mc: str, o: RelayOptions, host: str = "") -> tuple[ExpectedPort, ...]:
    """What verify checks from outside, on each listener of the profile that staff reach:
    every address, or the one ``host`` (the address Relay Wizard connects to)."""
    out: dict[int, ExpectedPort] = {}
    mechs = tuple(o.mechanisms)
    for lst in effective_daemons(McFile.parse(new_mc)):
        if not lst.reachable or lst.auth_off:
            continue
        if not lst.wildcard and lst.address != host:
            continue
        tls = "s" in lst.modifiers
        if lst.port == 25 and (o.profile == "classic" or o.open_smtp) and not tls:
            security: Literal["none", "starttls", "tls"] = (
                "starttls" if o.profile == "modern" else "none"
            )
            out.setdefault(25, ExpectedPort(25, security, mechs, o.profile == "classic", False))
        elif lst.port == 587 and o.profile == "modern" and not tls:
            out.setdefault(587, ExpectedPort(587, "starttls", mechs, False, "a" in lst.modifiers))
        elif tls and o.profile == "modern" and (o.smtps or lst.port == 465):
            out.setdefault(
                lst.port, ExpectedPort(lst.port, "tls", mechs, True, "a" in lst.modifiers)
            )
    return tuple(out.values())
