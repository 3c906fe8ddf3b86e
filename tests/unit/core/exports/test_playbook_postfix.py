"""The Postfix playbook, from hand-made PostfixEdits: every edit is in it, each behind a
read-only check, data stays data, and an empty or refused plan writes nothing."""

from __future__ import annotations

from typing import Any

import pytest
import yaml

from wizard.core.change.options import RelayOptions
from wizard.core.change.plan import Check, CheckLevel, Plan
from wizard.core.change.verify import ExpectedPort
from wizard.core.exports.playbook_postfix import (
    HANDLER_RELOAD,
    PostfixPlaybookSource,
    render_postfix_bundle,
    render_postfix_playbook,
    source_from_postfix,
)
from wizard.core.exports.playbook_source import ExportError
from wizard.core.mta.postfix.settings import PostfixEdits

EDITS = PostfixEdits(
    main=(("smtpd_sasl_auth_enable", "yes"), ("smtpd_tls_auth_only", "yes")),
    services=(("submission/inet", "submission inet n - y - - smtpd"),),
    service_options=(("submission/inet", "smtpd_tls_security_level", "encrypt"),),
    sasl_conf=(("pwcheck_method", "auxprop"), ("mech_list", "PLAIN LOGIN")),
)
OPTIONS = RelayOptions("modern").validated()
EXPECT = (ExpectedPort(587, "starttls", ("PLAIN", "LOGIN"), False, True),)


def play(edits: PostfixEdits = EDITS) -> dict[str, Any]:
    src = PostfixPlaybookSource(OPTIONS, edits, expect=EXPECT, origin="mail.example.org")
    loaded: dict[str, Any] = yaml.safe_load(render_postfix_playbook(src))[0]
    return loaded


def task(p: dict[str, Any], start: str) -> dict[str, Any]:
    found: dict[str, Any] = next(t for t in p["tasks"] if t["name"].startswith(start))
    return found


def test_every_edit_is_in_the_playbook_as_data() -> None:
    v = play()["vars"]
    assert [(x["name"], x["value"]) for x in v["relay_wizard_postfix_main"]] == list(EDITS.main)
    assert [(x["key"], x["entry"]) for x in v["relay_wizard_postfix_services"]] == list(
        EDITS.services
    )
    assert [
        (x["key"], x["name"], x["value"]) for x in v["relay_wizard_postfix_service_options"]
    ] == list(EDITS.service_options)
    assert [x["line"] for x in v["relay_wizard_postfix_sasl_conf"]] == [
        "pwcheck_method: auxprop",
        "mech_list: PLAIN LOGIN",
    ]
    assert v["relay_wizard_expect"][0]["port"] == 587


def test_each_postconf_edit_runs_only_where_its_check_says_it_differs() -> None:
    p = play()
    for check, edit, flag in (
        ("/etc/postfix/main.cf: find out which settings", "/etc/postfix/main.cf: set", "-e"),
        ("/etc/postfix/master.cf: find out which services", "/etc/postfix/master.cf: add", "-M"),
        ("/etc/postfix/master.cf: find out which service options", "/etc/postfix/master.cf: set", "-P"),
    ):  # fmt: skip
        c, e = task(p, check), task(p, edit)
        assert c["ansible.builtin.command"]["argv"][0] == "postconf"
        assert "changed_when" in c and "notify" not in c
        assert e["ansible.builtin.command"]["argv"][:2] == ["postconf", flag]
        assert e["loop"] == "{{ " + c["register"] + ".results }}"
        assert e["when"].startswith("item is changed")
        assert e["notify"] == [HANDLER_RELOAD]
    names = [t["name"] for t in p["tasks"]]
    assert names.index("Check the new configuration (postfix check) before Postfix loads it") < (
        names.index("Load the new configuration now (postfix reload) before accounts and checks")
    )
    assert p["handlers"] == [
        {"name": HANDLER_RELOAD, "ansible.builtin.command": {"argv": ["postfix", "reload"]}}
    ]


def test_the_accounts_go_into_the_realm_and_the_chroot_copy() -> None:
    p = play()
    realm = task(p, "Remember the SASL realm")["ansible.builtin.set_fact"]["relay_wizard_realm"]
    assert "stdout_lines[0]" in realm and "stdout_lines[1]" in realm  # local domain, else host
    create = task(p, "Create the mail accounts")
    assert create["no_log"] is True and "stdin" in create["ansible.builtin.command"]
    chroot = task(p, "Copy /etc/sasldb2 where the chrooted smtpd reads it")
    assert chroot["changed_when"] == "'copied' in relay_wizard_chroot.stdout"
    assert "chroot_sasldb" in chroot["ansible.builtin.command"]["argv"][2]
    assert (
        "Dovecot"
        in task(p, "Check that the logins are Cyrus")["ansible.builtin.assert"]["fail_msg"]
    )


def test_without_smtpd_conf_edits_there_is_no_smtpd_conf_task() -> None:
    names = [t["name"] for t in play(PostfixEdits(main=(("a", "b"),)))["tasks"]]
    assert not any("smtpd.conf" in n for n in names)


def test_a_value_ansible_would_template_is_refused() -> None:
    with pytest.raises(ExportError, match="template"):
        play(PostfixEdits(main=(("smtpd_banner", "{{ lookup('pipe', 'id') }}"),)))


def test_the_bundle_has_the_sendmail_playbooks_files() -> None:
    src = PostfixPlaybookSource(OPTIONS, EDITS, expect=EXPECT, origin="mail.example.org")
    files = render_postfix_bundle(src, ["alice"])
    assert set(files) == {
        "playbook.yml",
        "inventory.example.ini",
        "group_vars/relay_wizard/vars.yml",
        "README.md",
    }
    assert "vault_relay_wizard_password_alice" in files["group_vars/relay_wizard/vars.yml"]
    assert "postconf" in files["README.md"]


class _State:
    main_cf_path = "/etc/postfix/main.cf"
    sasl_conf_path = "/etc/postfix/sasl/smtpd.conf"


def test_an_empty_or_refused_plan_writes_no_playbook() -> None:
    plan = Plan(OPTIONS, (), (), (), (), "")
    with pytest.raises(ExportError, match="already has this profile"):
        source_from_postfix(_State(), plan, PostfixEdits(), "mail.example.org")  # type: ignore[arg-type]
    refused = Plan(OPTIONS, (), (), (Check("x", CheckLevel.ERROR, "No way."),), (), "")
    with pytest.raises(ExportError, match="No way"):
        source_from_postfix(_State(), refused, EDITS, "mail.example.org")  # type: ignore[arg-type]
    src = source_from_postfix(_State(), plan, EDITS, "mail.example.org")  # type: ignore[arg-type]
    assert (src.config_dir, src.edits) == ("/etc/postfix", EDITS)
