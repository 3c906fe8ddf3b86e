"""The MTA seam: sendmail's driver satisfies :class:`wizard.core.mta.MailServer`, and the
change runner and the GUI's services reach sendmail only through it."""

from __future__ import annotations

import ast
import inspect
from pathlib import Path

import wizard
from wizard.core.mta import MailServer
from wizard.core.mta.sendmail.driver import SENDMAIL, Sendmail
from wizard.core.mta.sendmail.state import Remote, ServerState

# mypy --strict checks this assignment: the driver's methods against the Protocol's.
DRIVER: MailServer[ServerState, Remote] = SENDMAIL

WIZARD = Path(wizard.__file__).parent


def members() -> list[str]:
    return [
        name
        for name, value in vars(MailServer).items()
        if not name.startswith("_") and (callable(value) or isinstance(value, property))
    ]


def test_the_sendmail_driver_has_every_member_of_the_protocol_with_its_parameters() -> None:
    assert set(members()) == {
        "name",
        "read_state",
        "plan",
        "dangers",
        "read_realm",
        "read_sasl_realm",
        "list_users",
        "add_user",
        "change_password",
        "remove_user",
        "generate_password",
    }
    assert SENDMAIL.name == "sendmail"
    for name in members():
        wanted = getattr(MailServer, name)
        if isinstance(wanted, property):
            continue
        have = inspect.signature(getattr(SENDMAIL, name))
        expected = list(inspect.signature(wanted).parameters)[1:]  # without self
        # the driver may take more, with defaults (generate_password's length)
        assert list(have.parameters)[: len(expected)] == expected, name
        extra = list(have.parameters.values())[len(expected) :]
        assert all(p.default is not inspect.Parameter.empty for p in extra), name


def test_change_and_services_call_sendmail_only_through_the_driver() -> None:
    """change/ and services.py call the interface: from sendmail they import types (for
    their signatures) and the driver (the default), no function."""
    for path in [
        *sorted((WIZARD / "core" / "change").glob("*.py")),
        WIZARD / "core" / "services.py",
    ]:
        tree = ast.parse(path.read_text())
        names = [
            alias.name
            for node in ast.walk(tree)
            if isinstance(node, ast.ImportFrom)
            and (node.module or "").startswith("wizard.core.mta.sendmail")
            for alias in node.names
        ]
        called = [n for n in names if n != "SENDMAIL" and not n[:1].isupper()]
        assert not called, f"{path.name} imports {called} from sendmail"
        plain = [
            node
            for node in ast.walk(tree)
            if isinstance(node, ast.ImportFrom) and node.module == "wizard.core.mta.sendmail"
        ]
        assert not plain, f"{path.name} imports a sendmail module itself"


def test_the_driver_class_is_what_the_core_uses() -> None:
    assert isinstance(SENDMAIL, Sendmail)
