"""Ansible INI and YAML inventories, read by ansible-core's own inventory parser.

So an inventory means here what it means to ``ansible-playbook``: groups, children,
ranges, variable precedence (a host's own over its groups', a child group's over its
parent's, those over ``all``). Of the variables, ``ansible_host``, ``ansible_user``,
``ansible_port`` and ``ansible_ssh_private_key_file`` (and their older names) are used;
password variables are reported as ignored.

ansible-core is not a dependency of the product (the list stays small): without it, an
Ansible inventory is refused with one sentence saying to install it, and the simple
one-server-per-line list (:mod:`wizard.core.fleet.inventory`) still works.
"""

from __future__ import annotations

import tempfile
import warnings
from pathlib import Path
from typing import TYPE_CHECKING, Any

from wizard.core.errors import Field, UsageError
from wizard.core.fleet.hosts import (
    Host,
    Inventory,
    finish,
    host_from_vars,
    secret_warnings,
)

if TYPE_CHECKING:
    from collections.abc import Mapping

_HIDDEN_GROUPS = ("all", "ungrouped")


def parse(text: str, source: str, fmt: str) -> Inventory:
    """An Ansible inventory's text (``fmt``: "ini" or "yaml") as an :class:`Inventory`.

    Raises:
        UsageError: ansible-core is missing, Ansible refuses the text, it lists nothing,
            or a server is there twice.
    """
    data = _load(text, source, fmt)
    hosts: list[Host] = []
    names: set[str] = set()
    for name, host in data.hosts.items():
        values = _plain(_host_vars(host))
        names |= set(values)
        groups = tuple(sorted(g.name for g in host.get_groups() if g.name not in _HIDDEN_GROUPS))
        hosts.append(host_from_vars(name, values, f"{source}, host {name}", groups))
    members = {
        group: tuple(h.name for h in hosts if group in h.groups)
        for group in data.groups
        if group not in _HIDDEN_GROUPS
    }
    return finish(source, fmt, hosts, members, secret_warnings(source, names))


def _load(text: str, source: str, fmt: str) -> Any:
    """ansible-core's InventoryData for the text, through its ``ini`` or ``yaml`` plugin."""
    try:
        with warnings.catch_warnings():  # its own deprecations are not the admin's business
            warnings.simplefilter("ignore")
            from ansible.errors import AnsibleError  # type: ignore[import-untyped]
            from ansible.inventory.data import InventoryData  # type: ignore[import-untyped]
            from ansible.parsing.dataloader import DataLoader  # type: ignore[import-untyped]
            from ansible.plugins.loader import inventory_loader  # type: ignore[import-untyped]
    except ImportError:
        raise UsageError(
            f"{source} is an Ansible inventory, and reading one needs ansible-core, which is "
            "not installed.",
            "Install it (pip install ansible-core, or the ansible package of your system), "
            "or list the servers one per line as [user@]host[:port].",
            code="ansible_missing",
            field=Field.INVENTORY,
        ) from None
    data = InventoryData()
    with tempfile.TemporaryDirectory(prefix="relay-wizard-inventory-") as folder:
        path = Path(folder) / ("hosts.yml" if fmt == "yaml" else "hosts.ini")
        path.write_text(text, encoding="utf-8")
        try:
            inventory_loader.get(fmt).parse(data, DataLoader(), str(path), cache=False)
            data.reconcile_inventory()
        except AnsibleError as exc:
            said = " ".join(str(exc.message).replace(str(path), source).split())
            raise UsageError(
                f"{source} is not an inventory Ansible can read: {said}",
                "Correct it (ansible-inventory -i FILE --list shows what Ansible reads), or "
                "list the servers one per line as [user@]host[:port].",
                code="inventory_invalid",
                field=Field.INVENTORY,
            ) from None
    return data


def _host_vars(host: Any) -> Mapping[str, object]:
    """The host's variables as Ansible merges them: groups by depth, then its own."""
    from ansible.inventory.helpers import get_group_vars  # type: ignore[import-untyped]
    from ansible.utils.vars import combine_vars  # type: ignore[import-untyped]

    merged: Mapping[str, object] = combine_vars(get_group_vars(host.get_groups()), host.vars)
    return merged


def _plain(values: Mapping[str, object]) -> dict[str, str]:
    """The scalar variables as plain text (Ansible's tagged strings and numbers)."""
    return {
        str(key): "" if value is None else str(value)
        for key, value in values.items()
        if value is None or isinstance(value, str | int | float | bool)
    }
