"""``relay-wizard export --format ansible TARGET`` on a Postfix server: the playbook comes
from the plan's PostfixEdits (the server and the plan stood in for: the lab test runs the
real thing, tests/integration/test_postfix_ansible_export.py)."""

from __future__ import annotations

import contextlib
import io
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

from wizard.cli.commands import export
from wizard.cli.console import Console
from wizard.cli.main import main
from wizard.core.change.plan import Plan
from wizard.core.change.verify import ExpectedPort
from wizard.core.mta.postfix.inspection import build_report
from wizard.core.mta.postfix.settings import PostfixEdits
from wizard.core.mta.postfix.state import PostfixState

EDITS = PostfixEdits(
    main=(("smtpd_sasl_auth_enable", "yes"),),
    services=(("submission/inet", "submission inet n - y - - smtpd"),),
)


class _Session:
    class target:
        host = "mail.example.org"


@contextlib.contextmanager
def _connect(args: Any, console: Any) -> Iterator[_Session]:
    yield _Session()


def test_a_postfix_server_gets_the_postfix_playbook(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    state = PostfixState(
        build_report("mail.example.org", {}),
        "/etc/postfix/main.cf",
        "",
        "/etc/postfix/master.cf",
        "",
        "/etc/postfix/sasl/smtpd.conf",
        "",
    )
    seen: list[Any] = []

    def plan_for(session: Any, options: Any) -> tuple[Plan, PostfixState, None]:
        expect = (ExpectedPort(587, "starttls", ("PLAIN",), False, True),)
        return Plan(options, (), (), (), expect, ""), state, None

    def wanted(s: Any, options: Any) -> PostfixEdits:
        seen.append((s, options.profile))
        return EDITS

    monkeypatch.setattr(export, "connect", _connect)
    monkeypatch.setattr(export, "plan_for", plan_for)
    monkeypatch.setattr(export.postfix_settings, "wanted", wanted)
    err = io.StringIO()
    code = main(
        ["export", "--format", "ansible", "root@mail.example.org", "--sasl-user", "alice",
         "-o", str(tmp_path / "out")],
        console=Console(stdin=io.StringIO(), stderr=err),
        out=io.StringIO(),
    )  # fmt: skip
    assert code == 0, err.getvalue()
    assert seen == [(state, "modern")]
    book = yaml.safe_load((tmp_path / "out" / "playbook.yml").read_text())[0]
    assert book["vars"]["relay_wizard_postfix_main"] == [
        {"name": "smtpd_sasl_auth_enable", "value": "yes"}
    ]
    assert (tmp_path / "out" / "group_vars" / "relay_wizard" / "vars.yml").exists()
    assert "Postfix" in (tmp_path / "out" / "README.md").read_text()
