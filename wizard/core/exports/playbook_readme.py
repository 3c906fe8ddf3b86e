"""The playbook directory's README.md: what each file is, how to put the passwords in
Ansible Vault, what a run does and what it cannot prove. Documentation for a terminal, so
it names commands and their options as an admin types them. Pure.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from wizard import __version__
from wizard.core.exports.playbook_source import GROUP, PlaybookSource, vault_var
from wizard.core.untrusted import printable

if TYPE_CHECKING:
    from collections.abc import Sequence


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
