"""The play itself: the tasks, handlers and header comment of ``playbook.yml``.

Rendered from a :class:`~wizard.core.exports.playbook_source.PlaybookSource` (see
:mod:`wizard.core.exports.playbook` for where each part comes from): checks that sendmail
can ask for a login and what its realm is, the .mc (and SASL config) edits as
``lineinfile`` tasks with a dry run and one dated backup, the handlers that rebuild
sendmail.cf and reload sendmail with the product's own scripts, the mail accounts from
Ansible Vault, and the verification on the server. Pure: text in, text out.
"""

from __future__ import annotations

import shlex
from typing import TYPE_CHECKING

from wizard import __version__
from wizard.core.exports.playbook_source import GROUP, USERS_VAR, PlaybookSource
from wizard.core.exports.yaml_writer import Template, to_yaml
from wizard.core.mta.sendmail.users import SASLDB
from wizard.core.remote import scripts

if TYPE_CHECKING:
    from wizard.core.exports.lineops import LineOp

# No backslash: Ansible 2.19 keeps backslashes of Jinja string literals as they are.
REALM_PATTERN = "[(]canonical domain name[)] [$]j = (.+)"
HANDLER_REBUILD = "Rebuild sendmail.cf"
HANDLER_RELOAD = "Reload sendmail"

# The playbook's remote halves, files in wizard/core/remote/scripts (their first lines say
# what each does): the product's own build-and-check (lib.sh's cf_build) for lineinfile's
# validate (Ansible runs it without a shell, shlex-split after "%" formatting) and the
# rebuild handler, the product's own reload (reload_sendmail), its sasldb hygiene
# (sasldb_private), and the verification on the server (verify.py, run by python3 -c).
VALIDATE_SCRIPT = scripts.load("validate-mc")
VERIFY_SCRIPT = scripts.load("verify.py")


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


def validate_command(src: PlaybookSource) -> str:
    """lineinfile's ``validate``: the product's m4 build-and-check on the candidate file.

    Ansible runs it without a shell, after "%" formatting with the candidate's path.
    """
    build_words = shlex.split(src.build) or ["m4"]
    mc_dir = src.mc_path.rpartition("/")[0] or "/"
    script = shlex.join(["sh", "-c", VALIDATE_SCRIPT, "relay-wizard-validate", mc_dir])
    return script.replace("%", "%%") + " %s " + shlex.join(build_words).replace("%", "%%")


def _play_vars(src: PlaybookSource) -> dict[str, object]:
    play_vars: dict[str, object] = {
        "relay_wizard_mc_edits": [_op_data(op) for op in src.mc_ops],
    }
    if src.sasl_ops:
        play_vars["relay_wizard_sasl_conf_edits"] = [_op_data(op) for op in src.sasl_ops]
    play_vars["relay_wizard_expect"] = [
        {
            "port": e.port,
            "security": e.security,
            "mechanisms": list(e.mechanisms),
            "plain_before_tls": e.plain_before_tls,
        }
        for e in src.expect
    ]
    return play_vars


def _check_tasks(src: PlaybookSource) -> list[dict[str, object]]:
    """sendmail can ask for a login (SASL, STARTTLS for modern); its realm; the accounts."""
    o = src.options
    checks = [
        "'SASLv2' in relay_wizard_sendmail.stdout",
        f"relay_wizard_sendmail.stdout is search('{REALM_PATTERN}')",
    ]
    if o.profile == "modern":
        checks.insert(1, "'STARTTLS' in relay_wizard_sendmail.stdout")
    return [
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


def _tls_tasks(src: PlaybookSource) -> list[dict[str, object]]:
    """The certificate and key the modern profile names exist (none: no task)."""
    if not src.tls_files:
        return []
    return [
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


def _account_and_verify_tasks(src: PlaybookSource) -> list[dict[str, object]]:
    """The accounts that do not exist yet (password from the vault, on stdin), the
    sasldb kept private, and the verification on the server."""
    o = src.options
    mechs = " ".join(o.mechanisms)
    return [
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


def _handlers(src: PlaybookSource) -> list[dict[str, object]]:
    """Rebuild sendmail.cf (build, check, install) and reload sendmail, as apply does."""
    build_words = shlex.split(src.build) or ["m4"]
    return [
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


def render_playbook(src: PlaybookSource) -> str:
    """``playbook.yml``: one play, its header comment saying what it was made from."""
    o = src.options
    mechs = " ".join(o.mechanisms)
    validate = validate_command(src)
    tasks = [*_check_tasks(src), *_tls_tasks(src)]
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
    tasks += _account_and_verify_tasks(src)
    play = {
        "name": f"Relay Wizard: SMTP AUTH relay, {o.profile} profile ({mechs})",
        "hosts": Template(f"{{{{ relay_wizard_hosts | default('{GROUP}') }}}}"),
        "become": True,
        "gather_facts": False,
        "vars": _play_vars(src),
        "tasks": tasks,
        "handlers": _handlers(src),
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
