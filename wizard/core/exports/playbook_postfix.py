"""The relay profile as an Ansible playbook for a Postfix server, made from the same
:class:`~wizard.core.mta.postfix.settings.PostfixEdits` ``apply`` carries out.

Only core modules, and Postfix's own editor: per main.cf setting a dry run (``postconf
-h NAME``, changed when the value differs) and then ``postconf -e NAME=VALUE`` where it
does; master.cf services the same with ``postconf -M KEY`` / ``postconf -M KEY=ENTRY``
(an entry is compared by its fields, as postconf prints it with its own spacing), their
``-o`` overrides with ``postconf -P KEY/NAME``; Cyrus SASL's smtpd.conf with
``lineinfile``. One dated backup of each file before its first change, ``postfix check``
before the reload handler, then the accounts (passwords from Ansible Vault, on stdin), the
sasldb kept private and copied into smtpd's chroot as the product does (lib.sh's
``chroot_sasldb``), and the verification on the server the sendmail playbook runs
(``verify.py``). A second run changes nothing. Pure: text in, text out.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from wizard import __version__
from wizard.core.exports.playbook import check_accounts, render_inventory, render_vars
from wizard.core.exports.playbook_source import GROUP, USERS_VAR, ExportError, vault_var
from wizard.core.exports.playbook_tasks import VERIFY_SCRIPT
from wizard.core.exports.yaml_writer import Template, to_yaml
from wizard.core.mta.sendmail.users import SASLDB
from wizard.core.remote import scripts
from wizard.core.untrusted import printable

if TYPE_CHECKING:
    from collections.abc import Sequence

    from wizard.core.change.options import RelayOptions
    from wizard.core.change.plan import Plan
    from wizard.core.change.verify import ExpectedPort
    from wizard.core.mta.postfix.settings import PostfixEdits
    from wizard.core.mta.postfix.state import PostfixState

HANDLER_RELOAD = "Reload Postfix"
DEBIAN_SASL_CONF = "/etc/postfix/sasl/smtpd.conf"


@dataclass(frozen=True)
class PostfixPlaybookSource:
    """What a Postfix playbook is made from: the edits of one plan, as data."""

    options: RelayOptions
    edits: PostfixEdits
    config_dir: str = "/etc/postfix"
    sasl_conf_path: str = DEBIAN_SASL_CONF
    expect: tuple[ExpectedPort, ...] = ()
    origin: str = ""  # the server the plan was made for, for the header


def source_from_postfix(
    state: PostfixState, plan: Plan, edits: PostfixEdits, origin: str
) -> PostfixPlaybookSource:
    """The playbook's source from a Postfix server's state, its plan and the plan's edits."""
    origin = printable(origin)
    if plan.errors:
        raise ExportError(
            "The plan for this server has errors, so no playbook was written: "
            + " ".join(c.message for c in plan.errors),
            "Fix what the checks say (relay-wizard plan shows them), then export again.",
        )
    if edits.empty:
        raise ExportError(
            f"The Postfix of {origin} already has this profile: there are no edits to "
            "derive the playbook from.",
            "Generate it from a server in the state before the change, e.g. a stock Postfix.",
            code="nothing_to_derive",
        )
    return PostfixPlaybookSource(
        plan.options,
        edits,
        state.main_cf_path.rpartition("/")[0] or "/etc/postfix",
        state.sasl_conf_path or DEBIAN_SASL_CONF,
        plan.expect,
        origin,
    )


def _play_vars(src: PostfixPlaybookSource) -> dict[str, object]:
    e = src.edits
    return {
        "relay_wizard_postfix_main": [{"name": n, "value": v} for n, v in e.main],
        "relay_wizard_postfix_services": [{"key": k, "entry": v} for k, v in e.services],
        "relay_wizard_postfix_service_options": [
            {"key": k, "name": n, "value": v} for k, n, v in e.service_options
        ],
        "relay_wizard_postfix_sasl_conf": [
            {"line": f"{k}: {v}", "regexp": rf"^\s*{re.escape(k)}\s*:"} for k, v in e.sasl_conf
        ],
        "relay_wizard_expect": [
            {
                "port": x.port,
                "security": x.security,
                "mechanisms": list(x.mechanisms),
                "plain_before_tls": x.plain_before_tls,
            }
            for x in src.expect
        ],
    }


def _backup(path: str, when: str) -> dict[str, object]:
    return {
        "name": f"{path}: back it up before the first change",
        "ansible.builtin.copy": {
            "src": path,
            "dest": Template(f"{path}.{{{{ now(utc=true, fmt='%Y%m%dT%H%M%SZ') }}}}.relay-wizard~"),
            "remote_src": True,
            "mode": "preserve",
        },
        "when": Template(when),
    }


def _dry_run(
    name: str, argv: list[object], var: str, loop: str, differs: str, label: str
) -> dict[str, object]:
    """A read-only check per item, "changed" where the server differs from the plan."""
    return {
        "name": name,
        "ansible.builtin.command": {"argv": argv},
        "loop": Template(f"{{{{ {loop} }}}}"),
        "loop_control": {"label": Template(label)},
        "register": var,
        "changed_when": Template(differs),
    }


def _edit(name: str, argv: list[object], var: str, label: str, when: str) -> dict[str, object]:
    return {
        "name": name,
        "ansible.builtin.command": {"argv": argv},
        "loop": Template(f"{{{{ {var}.results }}}}"),
        "loop_control": {"label": Template(label)},
        "when": Template(when),
        "notify": [HANDLER_RELOAD],
    }


def _config_tasks(src: PostfixPlaybookSource) -> list[dict[str, object]]:
    """main.cf, master.cf and smtpd.conf: dry runs, backups, then postconf's edits."""
    main_cf, master_cf = f"{src.config_dir}/main.cf", f"{src.config_dir}/master.cf"
    # postconf prints an entry with its own spacing and, after the fields, its -o options:
    # compare the planned entry's words with as many of the printed ones
    # (in a loop's changed_when, the registered name is this item's result)
    entry_differs = (
        "(relay_wizard_services_now.stdout.split()[: item.entry.split() | length]) "
        "!= item.entry.split()"
    )
    tasks: list[dict[str, object]] = [
        {
            "name": "Check that this Postfix can ask for a login with Cyrus SASL",
            "ansible.builtin.command": {"argv": ["postconf", "-a"]},
            "register": "relay_wizard_postfix_sasl",
            "changed_when": False,
        },
        {
            "name": "Postfix offers Cyrus SASL",
            "ansible.builtin.assert": {
                "that": [Template("'cyrus' in relay_wizard_postfix_sasl.stdout_lines")],
                "fail_msg": "This Postfix was built without Cyrus SASL (postconf -a does not "
                "list cyrus): install Debian's postfix with sasl2-bin and libsasl2-modules.",
                "quiet": True,
            },
        },
        _dry_run(
            f"{main_cf}: find out which settings the profile changes (dry run)",
            ["postconf", "-h", Template("{{ item.name }}")],
            "relay_wizard_main_now",
            "relay_wizard_postfix_main",
            "relay_wizard_main_now.stdout != item.value",
            "{{ item.name }}",
        ),
        _dry_run(
            f"{master_cf}: find out which services the profile changes (dry run)",
            ["postconf", "-M", Template("{{ item.key }}")],
            "relay_wizard_services_now",
            "relay_wizard_postfix_services",
            entry_differs,
            "{{ item.key }}",
        ),
        _dry_run(
            f"{master_cf}: find out which service options the profile changes (dry run)",
            ["postconf", "-Ph", Template("{{ item.key }}/{{ item.name }}")],
            "relay_wizard_options_now",
            "relay_wizard_postfix_service_options",
            "relay_wizard_options_now.stdout != item.value",
            "{{ item.key }}/{{ item.name }}",
        ),
        _backup(main_cf, "relay_wizard_main_now is changed"),
        _backup(
            master_cf, "relay_wizard_services_now is changed or relay_wizard_options_now is changed"
        ),
        _edit(
            f"{main_cf}: set the profile's settings (postconf -e)",
            ["postconf", "-e", Template("{{ item.item.name }}={{ item.item.value }}")],
            "relay_wizard_main_now",
            "{{ item.item.name }}",
            "item is changed",
        ),
        _edit(
            f"{master_cf}: add or replace the profile's services (postconf -M)",
            ["postconf", "-M", Template("{{ item.item.key }}={{ item.item.entry }}")],
            "relay_wizard_services_now",
            "{{ item.item.key }}",
            "item is changed",
        ),
        # postconf -M replaces a whole entry, its -o options too: after a replaced
        # service, every option is set again (setting one it has changes nothing)
        _edit(
            f"{master_cf}: set the services' options (postconf -P)",
            [
                "postconf",
                "-P",
                Template("{{ item.item.key }}/{{ item.item.name }}={{ item.item.value }}"),
            ],
            "relay_wizard_options_now",
            "{{ item.item.key }}/{{ item.item.name }}",
            "item is changed or relay_wizard_services_now is changed",
        ),
    ]
    if src.edits.sasl_conf:
        folder = src.sasl_conf_path.rpartition("/")[0] or "/"
        tasks += [
            {
                "name": f"{folder}: the folder of Cyrus SASL's config for smtpd",
                "ansible.builtin.file": {"path": folder, "state": "directory"},
            },
            {
                "name": f"{src.sasl_conf_path}: how smtpd checks passwords (the sasldb)",
                "ansible.builtin.lineinfile": {
                    "path": src.sasl_conf_path,
                    "line": Template("{{ item.line }}"),
                    "regexp": Template("{{ item.regexp }}"),
                    "create": True,
                    "mode": "0644",
                },
                "loop": Template("{{ relay_wizard_postfix_sasl_conf }}"),
                "loop_control": {"label": Template("{{ item.line }}")},
                "notify": [HANDLER_RELOAD],
            },
        ]
    tasks += [
        {
            "name": "Check the new configuration (postfix check) before Postfix loads it",
            "ansible.builtin.command": {"argv": ["postfix", "check"]},
            "changed_when": False,
        },
        {
            "name": "Load the new configuration now (postfix reload) before accounts and checks",
            "ansible.builtin.meta": "flush_handlers",
        },
    ]
    return tasks


def _account_tasks() -> list[dict[str, object]]:
    """The realm as Postfix has it now, the accounts that do not exist yet, the sasldb kept
    private and copied into smtpd's chroot."""
    return [
        {
            "name": "Read the SASL realm (smtpd_sasl_local_domain, else myhostname) and type",
            "ansible.builtin.command": {
                "argv": [
                    "postconf",
                    "-xh",
                    "smtpd_sasl_local_domain",
                    "myhostname",
                    "smtpd_sasl_type",
                ]
            },
            "register": "relay_wizard_names",
            "changed_when": False,
        },
        {
            "name": "Remember the SASL realm",
            "ansible.builtin.set_fact": {
                "relay_wizard_realm": Template(
                    "{{ relay_wizard_names.stdout_lines[0] | trim or "
                    "relay_wizard_names.stdout_lines[1] | trim }}"
                )
            },
        },
        {
            "name": "Check that the logins are Cyrus SASL's, not Dovecot's",
            "ansible.builtin.assert": {
                "that": [
                    Template(
                        f"relay_wizard_names.stdout_lines[2] | trim != 'dovecot' or "
                        f"{USERS_VAR} | default([]) | length == 0"
                    )
                ],
                "fail_msg": "This Postfix checks logins with Dovecot, so the mail accounts are "
                "Dovecot's: add them where Dovecot keeps its users, and leave "
                f"{USERS_VAR} empty.",
                "quiet": True,
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
        {
            "name": "List the mail accounts in the sasldb",
            "ansible.builtin.command": {"argv": scripts.argv("users-list", SASLDB)},
            "register": "relay_wizard_existing",
            "changed_when": False,
        },
        {
            "name": "Create the mail accounts that do not exist yet (in the realm; password on stdin)",
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
            "name": f"Copy {SASLDB} where the chrooted smtpd reads it (root:postfix 0640)",
            "ansible.builtin.command": {"argv": scripts.argv("sasldb-chroot", SASLDB)},
            "register": "relay_wizard_chroot",
            "changed_when": Template("'copied' in relay_wizard_chroot.stdout"),
        },
    ]


def _verify_tasks(src: PostfixPlaybookSource) -> list[dict[str, object]]:
    if not src.expect:
        return []
    return [
        {
            "name": "Wait until Postfix listens on the planned ports",
            "ansible.builtin.wait_for": {
                "host": "127.0.0.1",
                "port": Template("{{ item.port }}"),
                "timeout": 30,
            },
            "loop": Template("{{ relay_wizard_expect }}"),
            "loop_control": {"label": Template("{{ item.port }}")},
        },
        {
            "name": "Verify: listeners on every interface, AUTH as planned",
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


def render_postfix_playbook(src: PostfixPlaybookSource) -> str:
    """``playbook.yml`` for Postfix servers: one play, its header saying what it is from."""
    o = src.options
    play = {
        "name": f"Relay Wizard: SMTP AUTH relay on Postfix, {o.profile} profile "
        f"({' '.join(o.mechanisms)})",
        "hosts": Template(f"{{{{ relay_wizard_hosts | default('{GROUP}') }}}}"),
        "become": True,
        "gather_facts": False,
        "vars": _play_vars(src),
        "tasks": [*_config_tasks(src), *_account_tasks(), *_verify_tasks(src)],
        "handlers": [
            {"name": HANDLER_RELOAD, "ansible.builtin.command": {"argv": ["postfix", "reload"]}}
        ],
    }
    header = [
        f"Generated by relay-wizard {__version__} from its plan for the {o.profile} profile",
        f"(mechanisms {' '.join(o.mechanisms)}), made for the Postfix of {src.origin}.",
        "",
        "Each setting is compared with what postconf says and changed with postconf only",
        "where it differs; postfix check runs before the reload. A second run changes nothing.",
        f"Mail accounts: the variable {USERS_VAR} (names, passwords from Ansible Vault).",
        "The open-relay proof is `relay-wizard audit-relay HOST:PORT` from another machine.",
    ]
    return to_yaml([play], header=header)


def render_postfix_readme(src: PostfixPlaybookSource, accounts: Sequence[str]) -> str:
    o = src.options
    example = accounts[0] if accounts else "alice"
    ports = ", ".join(f"{e.port} ({e.security})" for e in src.expect) or "none"
    return f"""# Relay Wizard playbook: SMTP AUTH relay on Postfix, {o.profile} profile

Made by relay-wizard {__version__} from its plan for the Postfix of {printable(src.origin)}:
the same settings `relay-wizard apply` would make, with Postfix's own `postconf`.
Mechanisms: {" ".join(o.mechanisms)}. Listeners checked afterwards: {ports}.

| file | what |
|---|---|
| `playbook.yml` | the play: checks, `postconf` edits of `{src.config_dir}/main.cf` and `master.cf`, `{src.sasl_conf_path}`, the accounts, the verification |
| `inventory.example.ini` | the group `{GROUP}` the play targets (or pass `-e relay_wizard_hosts=...`) |
| `group_vars/{GROUP}/vars.yml` | the accounts to create; their passwords point at vault variables |
| `group_vars/{GROUP}/vault.yml` | yours to create: the passwords, encrypted (below) |

## Passwords: Ansible Vault

Never write a password in clear. Encrypt each one (typed on stdin, not on the command
line) into the vault file:

    read -rs PW && printf '%s' "$PW" | ansible-vault encrypt_string \\
        --vault-password-file ~/.vault-pass --stdin-name {vault_var(example)} \\
        >> group_vars/{GROUP}/vault.yml; unset PW

Then:

    ansible-playbook -i inventory.ini playbook.yml --vault-password-file ~/.vault-pass

## What a run does

1. Checks that Postfix can use Cyrus SASL (`postconf -a`).
2. Reads each setting, service and service option the profile needs (`postconf -h`,
   `postconf -M`, `postconf -P`) and changes only those that differ (`postconf -e`,
   `-M`, `-P`), after one dated backup (`*.relay-wizard~`) of main.cf and master.cf.
   Cyrus SASL's `{src.sasl_conf_path}` gets the lines the profile needs.
3. `postfix check`, then the handler `postfix reload`.
4. Creates the accounts of `relay_wizard_sasl_users` that do not exist, in Postfix's realm
   (`smtpd_sasl_local_domain`, else `myhostname`), with `saslpasswd2 -p -c -u REALM`,
   the password on stdin (tasks with `no_log`); an existing account is left alone. Where
   Postfix checks logins with Dovecot the run stops: the accounts are Dovecot's.
5. Keeps `{SASLDB}` private and copies it where Debian's chrooted smtpd reads it
   (`/var/spool/postfix{SASLDB}`, root:postfix 0640).
6. Verifies on each server: the listeners on every interface, AUTH offered as planned.

A second run reports `changed=0`.

## What it does not prove

The server trusts itself (its loopback may relay), so a check run on the server cannot
show that strangers are refused. From another machine, run

    relay-wizard audit-relay SERVER:PORT

and send a real message with `relay-wizard test-send SERVER --user {example} --to ADDRESS`.
"""


def render_postfix_bundle(src: PostfixPlaybookSource, accounts: Sequence[str]) -> dict[str, str]:
    """The files of the playbook directory, by relative path (as the sendmail one)."""
    bare = check_accounts(accounts)
    return {
        "playbook.yml": render_postfix_playbook(src),
        "inventory.example.ini": render_inventory(src),
        f"group_vars/{GROUP}/vars.yml": render_vars(bare),
        "README.md": render_postfix_readme(src, bare),
    }
