"""What the Ansible playbook is made from (:class:`PlaybookSource`: one plan, as data), and
the names its files share: the inventory group, the accounts variable, the vault variables.

:mod:`wizard.core.exports.playbook` makes a source from a server's plan or a local
sendmail.mc; :mod:`~wizard.core.exports.playbook_tasks` and
:mod:`~wizard.core.exports.playbook_readme` write from it. Pure.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from wizard.core.errors import WizardError

if TYPE_CHECKING:
    from wizard.core.change.options import RelayOptions
    from wizard.core.change.verify import ExpectedPort
    from wizard.core.exports.lineops import LineOp

GROUP = "relay_wizard"
USERS_VAR = "relay_wizard_sasl_users"


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


def vault_var(name: str) -> str:
    """The Ansible Vault variable that holds the password of the account ``name``."""
    return "vault_relay_wizard_password_" + re.sub(r"[^A-Za-z0-9_]", "_", name)
