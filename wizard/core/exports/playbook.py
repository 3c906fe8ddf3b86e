"""The relay profile as an Ansible playbook, made from the same plan ``apply`` carries out.

Nothing here is a separate template of sendmail's settings. The playbook is rendered from:

- the .mc edits of :func:`wizard.core.change.relay.plan_mc_editor` / :func:`~wizard.core.change.relay.mc_editor`
  as ``lineinfile`` operations (:meth:`wizard.core.mta.sendmail.mcedit.McEditor.operations`), checked
  here, before anything is written, to give byte for byte the .mc ``apply`` would write
  and to change nothing on a second run (:func:`wizard.core.exports.lineops.check_line_ops`);
- the SASL config keys of :func:`wizard.core.mta.sendmail.saslconf.wanted_sasl_conf` (modern profile);
- the plan's build command (``m4 ...``) for ``validate`` and the rebuild handler, which
  builds, checks and installs ``sendmail.cf`` as ``apply`` does;
- ``apply``'s own reload script (HUP the running daemon, else the host's start; wait for
  the listeners) for the reload handler;
- the plan's verify expectations (:func:`wizard.core.change.relay.expectations`): listeners on
  every interface, AUTH mechanisms (after STARTTLS where planned), no PLAIN/LOGIN before TLS.

Mail accounts come from the variable ``relay_wizard_sasl_users`` whose passwords live in
Ansible Vault; the rendered files never hold a password. Pure: text in, text out.
"""

from __future__ import annotations

import json
import re
import shlex
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from wizard import __version__
from wizard.core.change.options import RelayOptions
from wizard.core.change.plan import CheckLevel, Plan
from wizard.core.change.verify import ExpectedPort
from wizard.core.errors import UsageError, WizardError
from wizard.core.exports.lineops import LineOp, NotLineBased, check_line_ops
from wizard.core.mta.sendmail.checks import tls_paths
from wizard.core.mta.sendmail.inspection import CF_PATH, MC_PATH
from wizard.core.mta.sendmail.mc import McFile, wait_specs
from wizard.core.mta.sendmail.mcplan import build_command, plan_mc
from wizard.core.mta.sendmail.plan import expectations, plan_mc_editor
from wizard.core.mta.sendmail.saslconf import edit_sasl_conf, sasl_conf_ops
from wizard.core.mta.sendmail.state import CERT_CANDIDATES, DEBIAN_KEY_MODE, FileFacts, ServerState
from wizard.core.mta.sendmail.users import SASLDB, split_user_name
from wizard.core.remote import scripts
from wizard.core.untrusted import printable

# Debian's defaults, for a playbook made offline from a local copy of sendmail.mc.
DEBIAN_SASL_CONF = "/etc/mail/sasl/Sendmail.conf.2"
DEBIAN_CF_DIR = "/usr/share/sendmail/cf"
GROUP = "relay_wizard"
USERS_VAR = "relay_wizard_sasl_users"
# No backslash: Ansible 2.19 keeps backslashes of Jinja string literals as they are.
REALM_PATTERN = "[(]canonical domain name[)] [$]j = (.+)"
HANDLER_REBUILD = "Rebuild sendmail.cf"
HANDLER_RELOAD = "Reload sendmail"
# Jinja would template these inside any string of the playbook.
_JINJA = ("{{", "{%", "{#")


class ExportError(WizardError):
    """The plan cannot be exported as a playbook (nothing was written)."""


@dataclass(frozen=True)
class PlaybookSource:
    """Everything the playbook is made from: one plan, as data."""

    options: RelayOptions
    mc_path: str
    mc_ops: tuple[LineOp, ...]
    new_mc: str
    build: str
    cf_path: str
    sasl_conf_path: str = ""
    sasl_ops: tuple[LineOp, ...] = ()
    expect: tuple[ExpectedPort, ...] = ()
    ports: tuple[str, ...] = ()
    tls_files: tuple[str, ...] = ()
    origin: str = ""  # where the .mc came from, for the header


def _mc_ops(
    before: str, editor_result: str, ops_of: Callable[[], list[LineOp]], what: str
) -> tuple[LineOp, ...]:
    try:
        ops = ops_of()
        check_line_ops(before, editor_result, ops, what)
    except NotLineBased as exc:
        raise ExportError(
            f"{exc} The playbook edits sendmail.mc line by line and cannot reproduce this "
            "file's change exactly.",
            "Use relay-wizard apply on this server, or generate the playbook from a "
            "sendmail.mc closer to the distribution's (--mc-file).",
        ) from None
    return tuple(ops)


def _ports(new_mc: str) -> tuple[str, ...]:
    return tuple(sorted({spec.rpartition(":")[2] for spec in wait_specs(McFile.parse(new_mc))}))


def _nothing_to_derive(origin: str) -> ExportError:
    return ExportError(
        f"The sendmail.mc of {origin} already has this profile: there are no edits to "
        "derive the playbook from.",
        "Generate it from a server (or a copy of its sendmail.mc, --mc-file) in the state "
        "before the change, e.g. the distribution's stock sendmail.mc.",
    )


def _origin(origin: str) -> str:
    """Where the .mc came from (a host, or a --mc-file name anyone could have chosen) as
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
        raise _nothing_to_derive(origin)
    mc_ops = _mc_ops(state.mc_text, new_mc, editor.operations, state.mc_path)
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
        raise UsageError(f"{origin} is empty: there is no sendmail.mc to plan from.")
    # As `plan --mc-file`: the distribution's certificate is assumed to exist.
    cert = CERT_CANDIDATES[0][0]
    tls = tls_paths(o, {cert: FileFacts(cert, True)}) if o.profile == "modern" else ("", "", "")
    mcplan = plan_mc(text, o, tls, DEBIAN_KEY_MODE if not o.cert_file else 0, path=origin)
    if mcplan.refused:
        raise ExportError(
            "Relay Wizard will not plan on this sendmail.mc, so no playbook was written: "
            + " ".join(c.message for c in mcplan.checks if c.level == CheckLevel.ERROR),
            "Fix what that says (relay-wizard plan --mc-file shows every finding), then "
            "export again.",
        )
    editor = mcplan.editor
    new_mc = mcplan.after
    if new_mc == text:
        raise _nothing_to_derive(origin)
    mc_ops = _mc_ops(text, new_mc, editor.operations, origin)
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


# --------------------------------------------------------------------------- scripts

# The playbook's remote halves, files in wizard/core/remote/scripts (their first lines say
# what each does): the product's own build-and-check (lib.sh's cf_build) for lineinfile's
# validate (Ansible runs it without a shell, shlex-split after "%" formatting) and the
# rebuild handler, the product's own reload (reload_sendmail), its sasldb hygiene
# (sasldb_private), and the verification on the server (verify.py, run by python3 -c).
VALIDATE_SCRIPT = scripts.load("validate-mc")
VERIFY_SCRIPT = scripts.load("verify.py")


# --------------------------------------------------------------------------- YAML

_PLAIN = re.compile(r"[A-Za-z_/][A-Za-z0-9_./ -]*")
_RESERVED = {"yes", "no", "true", "false", "null", "on", "off", "y", "n", "~"}


def _check_text(text: str) -> None:
    if any(mark in text for mark in _JINJA):
        raise ExportError(
            f"The playbook would hold {text[:60]!r}, which Ansible would read as a template.",
            "Use relay-wizard apply on this server.",
        )
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        raise ExportError(
            "sendmail.mc holds bytes that are not UTF-8; the playbook cannot carry them.",
            "Use relay-wizard apply on this server.",
        ) from None


def _scalar(value: object, template: bool = False) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    text = str(value)
    if not template:
        _check_text(text)
    elif "\\" in text:  # Ansible 2.19 would keep it in a Jinja string literal, unescaped
        raise ValueError(f"a backslash in the template {text!r}")
    if _PLAIN.fullmatch(text) and text.lower() not in _RESERVED and not text.endswith(" "):
        return text
    return json.dumps(text)  # a YAML double-quoted scalar


class Template(str):
    """A string Ansible must template (``{{ ... }}``): exempt from the Jinja guard."""


def _emit(value: object, indent: int) -> list[str]:
    pad = " " * indent
    out: list[str] = []
    if isinstance(value, dict):
        for key, item in value.items():
            if isinstance(item, str) and "\n" in item:
                _check_text(item)
                body = item.rstrip("\n")
                trailing = len(item) - len(body)
                chomp = "-" if trailing == 0 else ("" if trailing == 1 else "+")
                if body.startswith((" ", "\t")) or any(
                    ln != ln.rstrip() for ln in body.split("\n")
                ):
                    out.append(f"{pad}{key}: {json.dumps(item)}")
                    continue
                out.append(f"{pad}{key}: |{chomp}")
                out += [
                    f"{pad}  {ln}" if ln else "" for ln in item.split("\n")[: len(body.split("\n"))]
                ]
                out += [""] * (trailing - 1)
            elif isinstance(item, (dict, list)) and not item:
                out.append(f"{pad}{key}: {'{}' if isinstance(item, dict) else '[]'}")
            elif isinstance(item, (dict, list)):
                out.append(f"{pad}{key}:")
                out += _emit(item, indent + 2)
            else:
                out.append(f"{pad}{key}: {_scalar(item, isinstance(item, Template))}")
    elif isinstance(value, list):
        for item in value:
            if isinstance(item, dict) and item:
                lines = _emit(item, indent + 2)
                lines[0] = f"{pad}- {lines[0][indent + 2 :]}"
                out += lines
            elif isinstance(item, (dict, list)):
                out.append(f"{pad}- {_emit_inline(item)}")
            else:
                out.append(f"{pad}- {_scalar(item, isinstance(item, Template))}")
    return out


def _emit_inline(item: object) -> str:
    return "{}" if isinstance(item, dict) else "[]"


def to_yaml(value: object, header: Sequence[str] = ()) -> str:
    # printable: a line break (\r, \n, NEL, LS, PS: YAML 1.1 knows them all) or other
    # control character in a header line would end the comment.
    lines = [f"# {printable(h)}" if h else "#" for h in header]
    lines += ["---"] if lines else []
    return "\n".join([*lines, *_emit(value, 0)]) + "\n"


# --------------------------------------------------------------------------- playbook


def _lineinfile_args(path: str, validate: str) -> dict[str, object]:
    args: dict[str, object] = {
        "path": path,
        "line": Template("{{ item.line }}"),
        "regexp": Template("{{ item.regexp | default(omit) }}"),
        "insertafter": Template("{{ item.insertafter | default(omit) }}"),
        "insertbefore": Template("{{ item.insertbefore | default(omit) }}"),
        "firstmatch": Template("{{ item.firstmatch | default(false) }}"),
    }
    if validate:
        args["validate"] = validate
    return args


def _op_data(op: LineOp) -> dict[str, object]:
    data: dict[str, object] = {"why": op.why or op.line, "line": op.line}
    if op.regexp:
        data["regexp"] = op.regexp
    if op.insertafter:
        data["insertafter"] = op.insertafter
    if op.insertbefore:
        data["insertbefore"] = op.insertbefore
    if op.firstmatch:
        data["firstmatch"] = True
    return data


def _file_tasks(
    label: str, path: str, var: str, validate: str, notify: list[str]
) -> list[dict[str, object]]:
    """Dry run, one dated backup when something will change, then the edits."""
    dry = f"relay_wizard_{label}_dry_run"
    return [
        {
            "name": f"{path}: find out whether the profile changes it (dry run)",
            "ansible.builtin.lineinfile": _lineinfile_args(path, ""),
            "loop": Template(f"{{{{ {var} }}}}"),
            "loop_control": {"label": Template("{{ item.why }}")},
            "check_mode": True,
            "register": dry,
        },
        {
            "name": f"{path}: back it up before the first change",
            "ansible.builtin.copy": {
                "src": path,
                "dest": Template(
                    f"{path}.{{{{ now(utc=true, fmt='%Y%m%dT%H%M%SZ') }}}}.relay-wizard~"
                ),
                "remote_src": True,
                "mode": "preserve",
            },
            "when": Template(f"{dry} is changed"),
        },
        {
            "name": f"{path}: apply the profile's edits",
            "ansible.builtin.lineinfile": _lineinfile_args(path, validate),
            "loop": Template(f"{{{{ {var} }}}}"),
            "loop_control": {"label": Template("{{ item.why }}")},
            "notify": notify,
        },
    ]


def render_playbook(src: PlaybookSource) -> str:
    o = src.options
    mechs = " ".join(o.mechanisms)
    build_words = shlex.split(src.build) or ["m4"]
    mc_dir = src.mc_path.rpartition("/")[0] or "/"
    # lineinfile runs it without a shell, after "%" formatting with the candidate's path.
    validate = (
        shlex.join(["sh", "-c", VALIDATE_SCRIPT, "relay-wizard-validate", mc_dir]).replace(
            "%", "%%"
        )
        + " %s "
        + shlex.join(build_words).replace("%", "%%")
    )
    expect = [
        {
            "port": e.port,
            "security": e.security,
            "mechanisms": list(e.mechanisms),
            "plain_before_tls": e.plain_before_tls,
        }
        for e in src.expect
    ]
    play_vars: dict[str, object] = {
        "relay_wizard_mc_edits": [_op_data(op) for op in src.mc_ops],
    }
    if src.sasl_ops:
        play_vars["relay_wizard_sasl_conf_edits"] = [_op_data(op) for op in src.sasl_ops]
    play_vars["relay_wizard_expect"] = expect
    tasks: list[dict[str, object]] = []
    checks = [
        "'SASLv2' in relay_wizard_sendmail.stdout",
        f"relay_wizard_sendmail.stdout is search('{REALM_PATTERN}')",
    ]
    if o.profile == "modern":
        checks.insert(1, "'STARTTLS' in relay_wizard_sendmail.stdout")
    tasks += [
        {
            "name": "Ask sendmail how it was built and its canonical name ($j, the SASL realm)",
            "ansible.builtin.command": {"argv": scripts.argv("sendmail-d0")},
            "register": "relay_wizard_sendmail",
            "changed_when": False,
        },
        {
            "name": "Check that sendmail can ask for a login",
            "ansible.builtin.assert": {
                "that": [Template(c) for c in checks],
                "fail_msg": "This sendmail lacks SASLv2"
                + (" or STARTTLS" if o.profile == "modern" else "")
                + ", or its canonical name cannot be read: install Debian's sendmail "
                "(built with both) and give the host a fully qualified name.",
                "quiet": True,
            },
        },
        {
            "name": "Remember the SASL realm (mail accounts live in sendmail's $j)",
            "ansible.builtin.set_fact": {
                "relay_wizard_realm": Template(
                    "{{ relay_wizard_sendmail.stdout | regex_findall('"
                    + REALM_PATTERN
                    + "') | first | trim }}"
                )
            },
        },
        {
            "name": "Check the mail accounts to create (names, and passwords from the vault)",
            "ansible.builtin.assert": {
                "that": [
                    Template(
                        "item.name is string and item.name is match('^[A-Za-z0-9][A-Za-z0-9._+-]{0,63}$')"
                    ),
                    Template("item.password is string and item.password | length >= 8"),
                    Template("[item.password] == item.password.splitlines()"),
                ],
                "fail_msg": "A mail account needs a name (letters, digits, . _ + -) and a "
                "password of at least 8 characters on one line, from Ansible Vault.",
                "quiet": True,
            },
            "loop": Template(f"{{{{ {USERS_VAR} | default([]) }}}}"),
            "loop_control": {"label": Template("{{ item.name | default('?') }}")},
            "no_log": True,
        },
    ]
    if src.tls_files:
        tasks += [
            {
                "name": "Look for the TLS certificate and key the profile names",
                "ansible.builtin.stat": {"path": Template("{{ item }}")},
                "loop": list(src.tls_files),
                "register": "relay_wizard_tls_files",
            },
            {
                "name": "Check that they exist",
                "ansible.builtin.assert": {
                    "that": [Template("item.stat.exists")],
                    "fail_msg": Template(
                        "{{ item.item }} does not exist: STARTTLS needs it (Debian creates it "
                        "when sendmail is installed on a host with a fully qualified name)."
                    ),
                    "quiet": True,
                },
                "loop": Template("{{ relay_wizard_tls_files.results }}"),
                "loop_control": {"label": Template("{{ item.item }}")},
            },
        ]
    tasks += _file_tasks(
        "mc", src.mc_path, "relay_wizard_mc_edits", validate, [HANDLER_REBUILD, HANDLER_RELOAD]
    )
    tasks.append(
        {
            "name": f"Rebuild {src.cf_path} if it is older than {src.mc_path} (a run cut short)",
            "ansible.builtin.command": {"argv": scripts.argv("stale", src.mc_path, src.cf_path)},
            "register": "relay_wizard_stale",
            "changed_when": Template("'stale' in relay_wizard_stale.stdout"),
            "notify": [HANDLER_REBUILD, HANDLER_RELOAD],
        }
    )
    if src.sasl_ops:
        tasks += _file_tasks(
            "sasl_conf",
            src.sasl_conf_path,
            "relay_wizard_sasl_conf_edits",
            "",
            [HANDLER_RELOAD],
        )
    tasks.append(
        {
            "name": "Load the new configuration now (rebuild, reload) before accounts and checks",
            "ansible.builtin.meta": "flush_handlers",
        }
    )
    tasks += [
        {
            "name": "List the mail accounts in the sasldb",
            "ansible.builtin.command": {"argv": scripts.argv("users-list", SASLDB)},
            "register": "relay_wizard_existing",
            "changed_when": False,
        },
        {
            "name": "Create the mail accounts that do not exist yet (realm $j; password on stdin)",
            "ansible.builtin.command": {
                "argv": [
                    "saslpasswd2",
                    "-f",
                    SASLDB,
                    "-p",
                    "-c",
                    "-u",
                    Template("{{ relay_wizard_realm }}"),
                    "--",
                    Template("{{ item.name }}"),
                ],
                "stdin": Template("{{ item.password }}"),
            },
            "loop": Template(f"{{{{ {USERS_VAR} | default([]) }}}}"),
            "loop_control": {"label": Template("{{ item.name }}")},
            "when": Template(
                "(item.name ~ '@' ~ relay_wizard_realm ~ ': userPassword') not in "
                "relay_wizard_existing.stdout_lines | map('trim') | list"
            ),
            "no_log": True,
        },
        {
            "name": f"Keep {SASLDB} private: it holds recoverable passwords",
            "ansible.builtin.command": {"argv": scripts.argv("sasldb-private", SASLDB)},
            "register": "relay_wizard_sasldb",
            "changed_when": Template("'changed' in relay_wizard_sasldb.stdout"),
        },
        {
            "name": "Verify: listeners on every interface, AUTH "
            + mechs
            + (" after STARTTLS" if o.profile == "modern" else ""),
            "ansible.builtin.command": {
                "argv": [
                    "python3",
                    "-c",
                    VERIFY_SCRIPT,
                    Template("{{ relay_wizard_expect | to_json }}"),
                ]
            },
            "register": "relay_wizard_verify",
            "changed_when": False,
        },
        {
            "name": "Show what was verified",
            "ansible.builtin.debug": {"var": "relay_wizard_verify.stdout_lines"},
        },
    ]
    handlers = [
        {
            "name": HANDLER_REBUILD,
            "ansible.builtin.command": {
                "argv": scripts.argv("rebuild-cf", src.mc_path, src.cf_path, *build_words)
            },
        },
        {
            "name": HANDLER_RELOAD,
            "ansible.builtin.command": {"argv": scripts.argv("reload", *src.ports)},
        },
    ]
    play = {
        "name": f"Relay Wizard: SMTP AUTH relay, {o.profile} profile ({mechs})",
        "hosts": Template(f"{{{{ relay_wizard_hosts | default('{GROUP}') }}}}"),
        "become": True,
        "gather_facts": False,
        "vars": play_vars,
        "tasks": tasks,
        "handlers": handlers,
    }
    return to_yaml([play], header=_header(src))


def _header(src: PlaybookSource) -> list[str]:
    o = src.options
    lines = [
        f"Generated by relay-wizard {__version__} from its plan for the {o.profile} profile",
        f"(mechanisms {' '.join(o.mechanisms)}"
        + (", port 25 open" if o.open_smtp else "")
        + (", port 465" if o.smtps else "")
        + (f", certificate {o.cert_file}" if o.cert_file else "")
        + f"), made from the sendmail.mc of {src.origin}.",
        "",
        "It assumes servers whose sendmail.mc resembles that one (same listeners and",
        "structure, e.g. Debian 12's stock file). Each edit finds its line by a regexp and",
        "is checked with m4 before it is written; a second run changes nothing.",
        f"Mail accounts: the variable {USERS_VAR} (names, passwords from Ansible Vault).",
        "The open-relay proof is `relay-wizard audit-relay HOST:PORT` from another machine:",
        "the server trusts itself (loopback), so the playbook's own check cannot show it.",
    ]
    return lines


# --------------------------------------------------------------------------- the bundle


def vault_var(name: str) -> str:
    return "vault_relay_wizard_password_" + re.sub(r"[^A-Za-z0-9_]", "_", name)


def check_accounts(names: Sequence[str]) -> list[str]:
    """The bare account names, checked; refuses duplicates and clashing vault variables."""
    bare = []
    for name in names:
        user, realm = split_user_name(name)
        if realm is not None:
            raise UsageError(
                f"Give the account {name!r} without '@': it is created in each server's realm."
            )
        bare.append(user)
    seen: dict[str, str] = {}
    for user in bare:
        var = vault_var(user)
        if var in seen:
            raise UsageError(
                f"The accounts {seen[var]!r} and {user!r} would share the vault variable {var}.",
                "Give each account once, with names that differ in letters or digits.",
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


def render_inventory(src: PlaybookSource) -> str:
    return (
        "# The servers to configure, in the group the playbook targets.\n"
        "# The playbook becomes root (sudo): as a sudo user, add ansible_become_password\n"
        "# from the vault, or log in as root with a key.\n"
        f"[{GROUP}]\n"
        "mail1.example.com ansible_user=root\n"
        "# mail2.example.com ansible_user=admin\n"
    )


def render_readme(src: PlaybookSource, accounts: Sequence[str]) -> str:
    o = src.options
    example = accounts[0] if accounts else "alice"
    ports = ", ".join(f"{e.port} ({e.security})" for e in src.expect) or "none"
    return f"""# Relay Wizard playbook: SMTP AUTH relay, {o.profile} profile

Made by relay-wizard {__version__} from its plan for the sendmail.mc of {printable(src.origin)}:
the same edits `relay-wizard apply` would make, as `lineinfile` tasks. Mechanisms:
{" ".join(o.mechanisms)}. Listeners open to the network afterwards: {ports}.

| file | what |
|---|---|
| `playbook.yml` | the play: checks, the edits of `{src.mc_path}`{" and `" + src.sasl_conf_path + "`" if src.sasl_ops else ""}, the accounts, the verification |
| `inventory.example.ini` | the group `{GROUP}` the play targets (or pass `-e relay_wizard_hosts=...`) |
| `group_vars/{GROUP}/vars.yml` | the accounts to create; their passwords point at vault variables |
| `group_vars/{GROUP}/vault.yml` | yours to create: the passwords, encrypted (below) |

## Passwords: Ansible Vault

Never write a password in clear. Encrypt each one (typed on stdin, not on the command
line) into the vault file:

    read -rs PW && printf '%s' "$PW" | ansible-vault encrypt_string \\
        --vault-password-file ~/.vault-pass --stdin-name {vault_var(example)} \\
        >> group_vars/{GROUP}/vault.yml; unset PW

(`read` and `printf` are shell builtins: the password is in no process's arguments, and
it has no final newline). Then:

    ansible-playbook -i inventory.ini playbook.yml --vault-password-file ~/.vault-pass

## What a run does

1. Checks that sendmail was built with SASL{" and STARTTLS" if o.profile == "modern" else ""} and reads its canonical name `$j`,
   the realm mail accounts must live in (saslpasswd2 without `-u` would use the short
   host name and logins would fail).
2. Edits `{src.mc_path}`: each line is found by a regular expression and replaced or
   inserted; `validate` builds a sendmail.cf from the candidate with `{src.build}` and
   refuses any m4 complaint. One dated backup (`*.relay-wizard~`) before the first change.
3. Handlers: rebuild `{src.cf_path}` (built, checked with `sendmail -C`, old one backed
   up, installed by rename), then make sendmail reload: HUP the running daemon, or the
   host's start when it is not running; wait for the listeners {", ".join(src.ports)}.
4. Creates the accounts of `relay_wizard_sasl_users` that do not exist (`saslpasswd2 -p
   -c -u $j`, the password on stdin; tasks with `no_log`). An existing account is left
   alone, so its password is not reset on every run.
5. Verifies on each server: the listeners on every interface, AUTH offered as planned
   (after STARTTLS where planned, no PLAIN/LOGIN before it).

A second run reports `changed=0`.

## What it does not prove

The server trusts itself (its loopback may relay), so a check run on the server cannot
show that strangers are refused. From another machine, run

    relay-wizard audit-relay SERVER:PORT

and send a real message with `relay-wizard test-send SERVER --user {example} --to ADDRESS`.

## Assumptions

The playbook is made for servers whose sendmail.mc resembles the one it was generated
from (same listener names, a `MAILER` section). A server with a different file may get
a line inserted where the plan would have edited one: generate a playbook per kind of
server, or use `relay-wizard apply`, which plans each server from its own file.
"""


def render_bundle(src: PlaybookSource, accounts: Sequence[str]) -> dict[str, str]:
    """The files of the playbook directory, by relative path."""
    bare = check_accounts(accounts)
    return {
        "playbook.yml": render_playbook(src),
        "inventory.example.ini": render_inventory(src),
        f"group_vars/{GROUP}/vars.yml": render_vars(bare),
        "README.md": render_readme(src, bare),
    }
