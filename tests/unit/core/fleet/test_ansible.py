"""wizard.core.fleet.ansible: Ansible INI and YAML inventories through ansible-core."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from wizard.core.errors import Field, UsageError
from wizard.core.fleet.inventory import parse_inventory
from wizard.core.target import Target

# --------------------------------------------------------------------------- Ansible INI

INI = """\
# as Ansible has them
mail0 ansible_host=10.0.0.9

[office]
mail-a ansible_host=198.51.100.6 ansible_user=admin
mail-b ansible_host=198.51.100.10 ansible_port=2222 datacenter=east

[branch]
mail[01:03].example.com

[mail:children]
office
branch

[office:vars]
ansible_ssh_private_key_file=/keys/office
ansible_become_password = "hunter2"

[mail:vars]
ansible_user=deploy
ansible_port=2200

[all:vars]
ansible_user=root
"""


def test_ansible_ini() -> None:
    inv = parse_inventory(INI, "hosts.ini")
    assert inv.format == "ini"
    got = {h.name: h for h in inv.hosts}
    assert list(got) == [
        "mail0",
        "mail-a",
        "mail-b",
        "mail01.example.com",
        "mail02.example.com",
        "mail03.example.com",
    ]
    # host vars beat child groups, which beat parents, which beat all
    assert got["mail0"].target == Target("10.0.0.9", 22, "root")
    assert got["mail-a"].target == Target("198.51.100.6", 2200, "admin")
    assert got["mail-b"].target == Target("198.51.100.10", 2222, "deploy")
    assert got["mail02.example.com"].target == Target("mail02.example.com", 2200, "deploy")
    assert got["mail-a"].identity == Path("/keys/office")
    assert got["mail01.example.com"].identity is None
    assert got["mail-a"].groups == ("mail", "office")
    assert dict(inv.groups) == {
        "office": ("mail-a", "mail-b"),
        "branch": ("mail01.example.com", "mail02.example.com", "mail03.example.com"),
        "mail": (
            "mail-a",
            "mail-b",
            "mail01.example.com",
            "mail02.example.com",
            "mail03.example.com",
        ),
        "all": tuple(got),
    }
    # the password is reported as ignored, never repeated
    assert len(inv.warnings) == 1
    assert "ansible_become_password is ignored" in inv.warnings[0]
    assert "hunter2" not in " ".join(inv.warnings)


def test_limit_selects_groups_and_hosts() -> None:
    inv = parse_inventory(INI, "hosts.ini")
    assert [h.name for h in inv.select("office")] == ["mail-a", "mail-b"]
    assert [h.name for h in inv.select("branch:mail0")] == [
        "mail0",
        "mail01.example.com",
        "mail02.example.com",
        "mail03.example.com",
    ]
    assert [h.name for h in inv.select("mail-b,office")] == ["mail-a", "mail-b"]
    assert len(inv.select("all")) == 6
    with pytest.raises(UsageError, match="no group or host 'nowhere'") as caught:
        inv.select("nowhere")
    assert caught.value.field == Field.LIMIT and "--limit" not in str(caught.value)


def test_ini_ranges_with_a_step() -> None:
    inv = parse_inventory("[m]\nmx[1:9:4]\n", "hosts")
    assert [h.name for h in inv.hosts] == ["mx1", "mx5", "mx9"]


@pytest.mark.parametrize(
    ("text", "phrase"),
    [
        ("[office:other]\nmail-a\n", "Section [office:other] has unknown type: other"),
        ("[a:children]\nb\n[b:children]\na\n", "creates a recursive dependency loop"),
        ("[office:vars]\nnot a setting\n", "Expected key=value, got: not a setting"),
        ("[office:children]\nb c\n", "Expected group name, got: b c"),
        ("[office]\nmail-a ansible_port=x\n", "'x' is not a port number"),
        ("[office]\n", "lists no servers"),
    ],
)
def test_bad_ini_is_refused(text: str, phrase: str) -> None:
    with pytest.raises(UsageError) as caught:
        parse_inventory(text, "hosts.ini")
    assert phrase in str(caught.value)


def test_what_ansible_refuses_is_one_sentence_naming_the_file() -> None:
    with pytest.raises(UsageError) as caught:
        parse_inventory("[office:vars]\nnot a setting\n", "/srv/hosts.ini")
    assert str(caught.value).startswith("/srv/hosts.ini is not an inventory Ansible can read: ")
    assert "relay-wizard-inventory" not in str(caught.value)  # not the temporary copy
    assert caught.value.field == Field.INVENTORY


def test_a_host_listed_twice_in_a_group_is_one_server_as_in_ansible() -> None:
    inv = parse_inventory("[office]\nmail-a\nmail-a\n", "hosts.ini")
    assert [h.name for h in inv.hosts] == ["mail-a"]


def test_without_ansible_core_an_ansible_inventory_is_refused_with_what_to_do(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setitem(sys.modules, "ansible.inventory.data", None)  # import fails
    with pytest.raises(UsageError) as caught:
        parse_inventory(INI, "hosts.ini")
    assert "needs ansible-core, which is not installed" in caught.value.message
    assert "pip install ansible-core" in caught.value.fix
    simple = parse_inventory("mail-a\nmail-b\n", "servers.txt")  # ours, no Ansible needed
    assert [h.name for h in simple.hosts] == ["mail-a", "mail-b"]


def test_a_host_in_two_groups_is_one_server() -> None:
    inv = parse_inventory("[office]\nmail-a ansible_host=10.0.0.1\n[backup]\nmail-a\n", "hosts.ini")
    assert [h.name for h in inv.hosts] == ["mail-a"]
    assert inv.hosts[0].groups == ("backup", "office")


# --------------------------------------------------------------------------- Ansible YAML

YAML = """\
all:
  vars:
    ansible_user: admin
  hosts:
    mail-a:
      ansible_host: 198.51.100.6
  children:
    branch:
      vars:
        ansible_port: 2200
      hosts:
        mail-b:
          ansible_host: 198.51.100.10
          ansible_ssh_private_key_file: /keys/branch
        mail-c:
"""


def test_ansible_yaml() -> None:
    inv = parse_inventory(YAML, "hosts.yml")
    assert inv.format == "yaml"
    assert [(h.name, h.target) for h in inv.hosts] == [
        ("mail-a", Target("198.51.100.6", 22, "admin")),
        ("mail-b", Target("198.51.100.10", 2200, "admin")),
        ("mail-c", Target("mail-c", 2200, "admin")),
    ]
    assert inv.hosts[1].identity == Path("/keys/branch")
    assert [h.name for h in inv.select("branch")] == ["mail-b", "mail-c"]


@pytest.mark.parametrize(
    ("text", "phrase"),
    [
        ("all:\n  hosts: [\n", "YAML parsing failed"),
        ("- a\n- b\n", "it should be a dictionary"),
        ("all:\n  hostz:\n    a:\n", "lists no servers"),  # Ansible skips the key, warning
        ("all:\n  hosts: 3\n", 'Invalid "hosts" entry for "all" group'),
        ("all:\n  hosts:\n    a:\n      ansible_host: 'bad host!'\n", "not a valid host name"),
        ("all:\n", "lists no servers"),
    ],
)
def test_bad_yaml_is_refused(text: str, phrase: str) -> None:
    with pytest.raises(UsageError) as caught:
        parse_inventory(text, "hosts.yml", "yaml")
    assert phrase in str(caught.value)
