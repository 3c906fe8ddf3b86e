"""The whole plan for a Postfix server: main.cf, master.cf and smtpd.conf as Postfix's own
editor will write them, the checks, the steps that apply them and what verify must then
find. Pure: no I/O.

:func:`make_plan` takes the edits of :func:`~wizard.core.mta.postfix.settings.decide`,
shows their result as :mod:`~wizard.core.mta.postfix.edit` computes it, and lists the
steps: the journal's (stage, install, record: :mod:`wizard.core.change.steps`) around
Postfix's own: build (postfix-build.sh: the same edits made by the real postconf on copies
in the journal, refused unless byte for byte what the plan shows and accepted by
``postfix check``), reload (postfix-reload.sh: ``postfix reload``, or start it, and wait
for every listener). The rollback restores the files and reloads Postfix (stage.sh
records "mta postfix" in the journal).
"""

from __future__ import annotations

import shlex
from typing import TYPE_CHECKING

from wizard.core.change.plan import Check, CheckLevel, FileChange, Plan, Step
from wizard.core.change.steps import ScriptStep, Verify, install, record, stage
from wizard.core.change.verify import ExpectedPort
from wizard.core.mta.postfix import edit
from wizard.core.mta.postfix.settings import PORTS, Decision, decide, edit_sasl_conf
from wizard.core.mta.postfix.summary import summarize
from wizard.core.translatable import QT_TRANSLATE_NOOP

if TYPE_CHECKING:
    from collections.abc import Sequence

    from wizard.core.change.options import RelayOptions
    from wizard.core.mta.postfix.state import PostfixState
    from wizard.core.mta.sendmail.state import Remote

# what stage.sh records in the journal's `paths` for the rollback (its MC argument)
JOURNAL_MTA = "mta:postfix"
SHOWN_DIR = "COPY"  # how the plan names the build step's private folder


def listeners(master_cf: str) -> list[str]:
    """The listeners a reload waits for: each inet service of ``master_cf`` as PORT or
    ADDR:PORT (lib.sh's postfix_listeners on the server does the same); port 25 when
    none can be read."""
    out: set[str] = set()
    for _, _, entry in edit._entries(edit._lines(master_cf)):
        if len(entry.words) < 2 or entry.words[1] != "inet":
            continue
        name = entry.words[0]
        addr, _, port = name.rpartition(":")
        number = port if port.isdigit() else str(PORTS.get(port, ""))
        if not number:
            continue
        literal = addr.replace(".", "").isdigit() or (addr.startswith("[") and addr.endswith("]"))
        out.add(f"{addr}:{number}" if addr and literal else number)
    return sorted(out) or ["25"]


def expectations(o: RelayOptions, d: Decision) -> tuple[ExpectedPort, ...]:
    """What verify checks from outside on each listener staff reach."""
    mechs = () if d.dovecot else tuple(o.mechanisms)
    out: list[ExpectedPort] = []
    if o.profile == "classic":
        out.append(ExpectedPort(25, "none", mechs, True, False))
        return tuple(out)
    if o.open_smtp:
        out.append(ExpectedPort(25, "starttls", mechs, False, False))
    out.append(ExpectedPort(587, "starttls", mechs, False, True))
    if o.smtps:
        out.append(ExpectedPort(465, "tls", mechs, True, True))
    return tuple(out)


def build_command(config_dir: str, lines: Sequence[str]) -> str:
    """The build step's commands as a person reads them: each postconf edit on a copy of
    the configuration, then ``postfix check`` on it."""
    flags = {"e": "-e", "M": "-M", "P": "-P"}
    out = [f"postconf -c {SHOWN_DIR} {flags[line[0]]} {shlex.quote(line[2:])}" for line in lines]
    out.append(f"postfix -c {SHOWN_DIR} check")
    return "\n".join([f"# {SHOWN_DIR}: a copy of {config_dir}'s main.cf and master.cf", *out])


def make_plan(state: PostfixState, facts: Remote, options: RelayOptions) -> Plan:
    """The whole plan for the Postfix server read as ``state``."""
    o = options.validated()
    d = decide(state, o)
    found = list(d.checks)
    e = d.edits
    lines = edit.edit_lines(e.main, e.services, e.service_options)
    try:
        new_main, new_master = edit.run_edits(state.main_cf, state.master_cf, lines)
    except edit.EditError as exc:
        refused = Check(
            "postfix_edit",
            CheckLevel.ERROR,
            QT_TRANSLATE_NOOP(
                "Checks", "Relay Wizard cannot make this change with Postfix's editor: {reason}."
            ).format(reason=exc),
        )
        return Plan(o, (), (), (*found, refused), (), "")
    changes: list[FileChange] = []
    if new_main != state.main_cf:
        changes.append(FileChange(state.main_cf_path, state.main_cf, new_main))
    if new_master != state.master_cf:
        changes.append(FileChange(state.master_cf_path, state.master_cf, new_master))
    new_conf = edit_sasl_conf(state.sasl_conf_text, e.sasl_conf)
    if new_conf != state.sasl_conf_text:
        if not state.sasl_conf_path:
            found.append(
                Check(
                    "no_sasl_conf",
                    CheckLevel.ERROR,
                    QT_TRANSLATE_NOOP(
                        "Checks",
                        "The folder of Postfix's SASL config (smtpd.conf) was not found. "
                        "Install sasl2-bin and libsasl2-modules (Debian) or cyrus-sasl.",
                    ),
                )
            )
        else:
            changes.append(FileChange(state.sasl_conf_path, state.sasl_conf_text, new_conf))
    info = state.report.postfix
    config_dir = info.config_dir if info else "/etc/postfix"
    build = build_command(config_dir, lines) if lines else ""
    expect = expectations(o, d)
    steps: tuple[Step, ...] = ()
    errors = any(c.level == CheckLevel.ERROR for c in found)
    if changes and not errors:
        steps = _steps(
            state,
            changes,
            lines,
            new_master,
            expect,
            config_dir,
            running=bool(info and info.running),
        )
    summary = summarize(o, changes, expect, d, running=bool(info and info.running))
    return Plan(o, tuple(changes), steps, tuple(found), expect, build, summary)


def _how(running: bool) -> str:
    return "postfix reload" if running else "start Postfix (init script or systemd)"


def _steps(
    state: PostfixState,
    changes: list[FileChange],
    lines: Sequence[str],
    new_master: str,
    expect: tuple[ExpectedPort, ...],
    config_dir: str,
    *,
    running: bool,
) -> tuple[Step, ...]:
    paths = [c.path for c in changes]
    index = {p: str(i) for i, p in enumerate(paths, 1)}
    modes = {state.sasl_conf_path: 0o644} if not state.sasl_conf_text else {}
    steps: list[Step] = [
        stage(
            changes,
            JOURNAL_MTA,
            config_dir,
            restore_ports=listeners(state.master_cf),
            modes=modes,
        )
    ]
    if lines:
        steps.append(
            ScriptStep(
                "postfix-build",
                QT_TRANSLATE_NOOP("Steps", "Make the changes with postconf and check them"),
                (
                    config_dir,
                    index.get(state.main_cf_path, "0"),
                    index.get(state.master_cf_path, "0"),
                ),
                stdin="".join(f"{line}\n" for line in lines),
                note="\n# ".join(["stdin: the postconf edits, one per line:", *lines]),
                about=QT_TRANSLATE_NOOP(
                    "Steps",
                    "Postfix's own editor makes the changes on copies of main.cf and master.cf; "
                    "they must come out exactly as shown here, and Postfix must accept them, "
                    "before anything is replaced.",
                ),
            )
        )
    steps += [
        install([c.diff for c in changes]),
        ScriptStep(
            "postfix-reload",
            QT_TRANSLATE_NOOP("Steps", "Reload Postfix and wait for its listeners"),
            tuple(listeners(new_master)),
            note=_how(running),
            about=QT_TRANSLATE_NOOP(
                "Steps",
                "Makes Postfix take the new configuration and waits until every port answers.",
            ),
        ),
        Verify(expect),
        record(),
    ]
    return tuple(steps)
