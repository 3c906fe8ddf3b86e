"""The relay profile as an Ansible playbook, made from the same plan ``apply`` carries out.

Nothing here is a separate template of sendmail's settings. The playbook is rendered from:

- the .mc edits of :func:`wizard.core.mta.sendmail.plan.plan_mc_editor` / :func:`~wizard.core.mta.sendmail.mcplan.mc_editor`
  as ``lineinfile`` operations (:meth:`wizard.core.mta.sendmail.mcedit.McEditor.operations`), checked
  here, before anything is written, to give byte for byte the .mc ``apply`` would write
  and to change nothing on a second run (:func:`wizard.core.exports.lineops.check_line_ops`);
- the SASL config keys of :func:`wizard.core.mta.sendmail.saslconf.wanted_sasl_conf` (modern profile);
- the plan's build command (``m4 ...``) for ``validate`` and the rebuild handler, which
  builds, checks and installs ``sendmail.cf`` as ``apply`` does;
- ``apply``'s own reload script (HUP the running daemon, else the host's start; wait for
  the listeners) for the reload handler;
- the plan's verify expectations (:func:`wizard.core.mta.sendmail.plan.expectations`): listeners on
  every interface, AUTH mechanisms (after STARTTLS where planned), no PLAIN/LOGIN before TLS.

Mail accounts come from the variable ``relay_wizard_sasl_users`` whose passwords live in
Ansible Vault; the rendered files never hold a password. Pure: text in, text out.

Here: the source (:class:`~wizard.core.exports.playbook_source.PlaybookSource`) from a
server's plan or a local sendmail.mc, and the directory of files. The play is written by
:mod:`wizard.core.exports.playbook_tasks`, the README by
:mod:`wizard.core.exports.playbook_readme`, the YAML by :mod:`wizard.core.exports.yaml_writer`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from wizard.core.change.plan import CheckLevel, Plan
from wizard.core.errors import Field, UsageError
from wizard.core.exports.lineops import LineOp, NotLineBased, check_line_ops
from wizard.core.exports.playbook_readme import render_readme
from wizard.core.exports.playbook_source import (
    GROUP,
    USERS_VAR,
    ExportError,
    PlaybookSource,
    vault_var,
)
from wizard.core.exports.playbook_tasks import render_playbook
from wizard.core.exports.yaml_writer import Template, to_yaml
from wizard.core.mta.sendmail.checks import tls_paths
from wizard.core.mta.sendmail.layout import CF_PATH, MC_PATH
from wizard.core.mta.sendmail.mc import McFile, wait_specs
from wizard.core.mta.sendmail.mcplan import build_command, plan_mc
from wizard.core.mta.sendmail.plan import expectations, plan_mc_editor
from wizard.core.mta.sendmail.saslconf import edit_sasl_conf, sasl_conf_ops
from wizard.core.mta.sendmail.state import CERT_CANDIDATES, DEBIAN_KEY_MODE, FileFacts, ServerState
from wizard.core.mta.sendmail.users import split_user_name
from wizard.core.untrusted import printable

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence

    from wizard.core.change.options import RelayOptions

# Debian's defaults, for a playbook made offline from a local copy of sendmail.mc.
DEBIAN_SASL_CONF = "/etc/mail/sasl/Sendmail.conf.2"
DEBIAN_CF_DIR = "/usr/share/sendmail/cf"


def _mc_ops(
    before: str,
    editor_result: str,
    ops_of: Callable[[], list[LineOp]],
    what: str,
    field: Field | None,
) -> tuple[LineOp, ...]:
    try:
        ops = ops_of()
        check_line_ops(before, editor_result, ops, what)
    except NotLineBased as exc:
        raise ExportError(
            f"{exc} The playbook edits sendmail.mc line by line and cannot reproduce this "
            "file's change exactly.",
            "Use relay-wizard apply on this server, or generate the playbook from a copy of "
            "a sendmail.mc closer to the distribution's.",
            code="not_line_based",
            field=field,
        ) from None
    return tuple(ops)


def _ports(new_mc: str) -> tuple[str, ...]:
    return tuple(sorted({spec.rpartition(":")[2] for spec in wait_specs(McFile.parse(new_mc))}))


def _nothing_to_derive(origin: str, field: Field | None) -> ExportError:
    return ExportError(
        f"The sendmail.mc of {origin} already has this profile: there are no edits to "
        "derive the playbook from.",
        "Generate it from a server (or a copy of its sendmail.mc) in the state before the "
        "change, e.g. the distribution's stock sendmail.mc.",
        code="nothing_to_derive",
        field=field,
    )


def _origin(origin: str) -> str:
    """Where the .mc came from (a host, or the name of a local file anyone could have chosen) as
    it may appear in a comment, the README or a message: one line, control characters
    escaped, so it cannot end the comment and add YAML of its own."""
    return printable(origin)


def source_from_state(state: ServerState, plan: Plan, origin: str) -> PlaybookSource:
    """The playbook's source from a server's state and the plan made for it."""
    origin = _origin(origin)
    o = plan.options
    if plan.errors:
        raise ExportError(
            "The plan for this server has errors, so no playbook was written: "
            + " ".join(c.message for c in plan.errors),
            "Fix what the checks say (relay-wizard plan shows them), then export again.",
        )
    editor = plan_mc_editor(state, o)
    new_mc = editor.result()
    if new_mc == state.mc_text:
        raise _nothing_to_derive(origin, None)
    mc_ops = _mc_ops(state.mc_text, new_mc, editor.operations, state.mc_path, None)
    sasl_ops: tuple[LineOp, ...] = ()
    if state.sasl_conf_path and any(c.path == state.sasl_conf_path for c in plan.changes):
        sasl_ops = tuple(sasl_conf_ops(o.mechanisms))
        wanted = edit_sasl_conf(state.sasl_conf_text, o.mechanisms)
        try:
            check_line_ops(state.sasl_conf_text, wanted, sasl_ops, state.sasl_conf_path)
        except NotLineBased as exc:
            raise ExportError(f"{exc}", "Use relay-wizard apply on this server.") from None
    tls = tls_paths(o, state.files) if o.profile == "modern" else ("", "", "")
    return PlaybookSource(
        o,
        state.mc_path,
        mc_ops,
        new_mc,
        plan.build_command,
        state.report.sendmail.cf_path or CF_PATH,
        state.sasl_conf_path,
        sasl_ops,
        plan.expect,
        _ports(new_mc),
        tuple(dict.fromkeys(p for p in tls if p)),
        origin,
    )


def source_from_mc(text: str, options: RelayOptions, origin: str) -> PlaybookSource:
    """The playbook's source from a local copy of sendmail.mc (offline; Debian's paths)."""
    origin = _origin(origin)
    o = options.validated()
    if not text.strip():
        raise UsageError(
            f"{origin} is empty: there is no sendmail.mc to plan from.", field=Field.MC_FILE
        )
    # As a plan made from a local file: the distribution's certificate is assumed to exist.
    cert = CERT_CANDIDATES[0][0]
    tls = tls_paths(o, {cert: FileFacts(cert, True)}) if o.profile == "modern" else ("", "", "")
    mcplan = plan_mc(text, o, tls, DEBIAN_KEY_MODE if not o.cert_file else 0, path=origin)
    if mcplan.refused:
        raise ExportError(
            "Relay Wizard will not plan on this sendmail.mc, so no playbook was written: "
            + " ".join(c.message for c in mcplan.checks if c.level == CheckLevel.ERROR),
            "Fix what that says (a plan made from the same file shows every finding), then "
            "export again.",
            code="plan_refused",
            field=Field.MC_FILE,
        )
    editor = mcplan.editor
    new_mc = mcplan.after
    if new_mc == text:
        raise _nothing_to_derive(origin, Field.MC_FILE)
    mc_ops = _mc_ops(text, new_mc, editor.operations, origin, Field.MC_FILE)
    build = build_command(new_mc, MC_PATH, DEBIAN_CF_DIR)
    sasl = any(m in ("PLAIN", "LOGIN") for m in mcplan.trusted_added)
    return PlaybookSource(
        o,
        MC_PATH,
        mc_ops,
        new_mc,
        build,
        CF_PATH,
        DEBIAN_SASL_CONF if sasl else "",
        tuple(sasl_conf_ops(o.mechanisms)) if sasl else (),
        expectations(new_mc, o),
        _ports(new_mc),
        tuple(dict.fromkeys(p for p in tls if p)),
        origin,
    )


# --------------------------------------------------------------------------- the bundle


def check_accounts(names: Sequence[str]) -> list[str]:
    """The bare account names, checked; refuses duplicates and clashing vault variables."""
    bare = []
    for name in names:
        user, realm = split_user_name(name)
        if realm is not None:
            raise UsageError(
                f"Give the account {name!r} without '@': it is created in each server's realm.",
                field=Field.ACCOUNT,
            )
        bare.append(user)
    seen: dict[str, str] = {}
    for user in bare:
        var = vault_var(user)
        if var in seen:
            raise UsageError(
                f"The accounts {seen[var]!r} and {user!r} would share the vault variable {var}.",
                "Give each account once, with names that differ in letters or digits.",
                field=Field.ACCOUNT,
            )
        seen[var] = user
    return bare


def render_vars(accounts: Sequence[str]) -> str:
    header = [
        "Mail accounts (SASL users) the playbook creates, in each server's realm, when they",
        "do not exist yet. An existing account's password is never changed (use",
        "`relay-wizard users passwd`). The passwords come from Ansible Vault, never in clear",
        "here: see README.md (ansible-vault encrypt_string).",
    ]
    users: list[object] = [
        {"name": name, "password": Template(f"{{{{ {vault_var(name)} }}}}")} for name in accounts
    ]
    return to_yaml({USERS_VAR: users}, header=header)


def render_inventory(src: object) -> str:
    return (
        "# The servers to configure, in the group the playbook targets.\n"
        "# The playbook becomes root (sudo): as a sudo user, add ansible_become_password\n"
        "# from the vault, or log in as root with a key.\n"
        f"[{GROUP}]\n"
        "mail1.example.com ansible_user=root\n"
        "# mail2.example.com ansible_user=admin\n"
    )


def render_bundle(src: PlaybookSource, accounts: Sequence[str]) -> dict[str, str]:
    """The files of the playbook directory, by relative path."""
    bare = check_accounts(accounts)
    return {
        "playbook.yml": render_playbook(src),
        "inventory.example.ini": render_inventory(src),
        f"group_vars/{GROUP}/vars.yml": render_vars(bare),
        "README.md": render_readme(src, bare),
    }
