"""The wizard's navigation and state as plain Python: no Qt is loaded, no window is made."""

from __future__ import annotations

import json
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest

from tests.unit.ui.model.conftest import plan
from wizard.core.change.options import RelayOptions
from wizard.core.change.plan import Check, CheckLevel
from wizard.core.local.profiles import ServerProfile
from wizard.ui.model.navigation import PAGES, STATE_FIELDS, gated, next_page, ready, walk
from wizard.ui.model.state import PageId, WizardState

ROOT = Path(__file__).resolve().parents[4]

EVERY_PAGE = list(PageId)
MANAGE = [
    PageId.WELCOME,
    PageId.CONNECT,
    PageId.CHECK,
    PageId.USERS,
    PageId.TEST,
    PageId.EXPORT,
    PageId.DONE,
]


def test_the_model_runs_without_loading_qt() -> None:
    """Import every model module and walk the wizard in a fresh interpreter: no PySide6."""
    probe = (
        "import json, sys, pkgutil, importlib\n"
        "import wizard.ui.model as m\n"
        "for info in pkgutil.iter_modules(m.__path__):\n"
        "    importlib.import_module(f'wizard.ui.model.{info.name}')\n"
        "from wizard.ui.model.navigation import walk\n"
        "from wizard.ui.model.state import WizardState\n"
        "pages = walk(WizardState(manage=True))\n"
        "print(json.dumps([len(pages), sorted(sys.modules)]))"
    )
    out = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True, cwd=ROOT
    ).stdout
    count, modules = json.loads(out.splitlines()[-1])
    assert count == len(MANAGE)
    assert "wizard.ui.model.navigation" in modules
    assert not [m for m in modules if m.split(".")[0] in ("PySide6", "shiboken6")]
    assert not [m for m in modules if m.split(".")[0] in ("paramiko", "keyring")]


def test_a_new_server_walks_every_page_in_order(connected: WizardState) -> None:
    connected.plan = plan(RelayOptions("classic"))
    assert not connected.plan.nothing_to_do
    assert walk(connected) == EVERY_PAGE
    assert next_page(PageId.DONE, connected) is None


def test_a_saved_server_goes_from_the_check_straight_to_its_accounts() -> None:
    assert walk(WizardState(manage=True)) == MANAGE


def test_nothing_to_change_skips_review_and_apply(connected: WizardState) -> None:
    connected.plan = replace(plan(RelayOptions("classic")), changes=())
    assert connected.plan.nothing_to_do
    assert next_page(PageId.SETTINGS, connected) == PageId.USERS
    assert PageId.REVIEW not in walk(connected) and PageId.APPLY not in walk(connected)


def test_next_waits_for_each_gated_pages_work(connected: WizardState) -> None:
    fresh = WizardState()
    assert ready(PageId.WELCOME, fresh), "a new server: go on"
    fresh.manage = True
    assert not ready(PageId.WELCOME, fresh), "a saved server, none picked yet"
    fresh.chosen = ServerProfile(name="mail", host="mail.example.com")
    assert ready(PageId.WELCOME, fresh)
    assert not ready(PageId.CONNECT, fresh) and not ready(PageId.CHECK, fresh)
    assert ready(PageId.CONNECT, connected) and ready(PageId.CHECK, connected)
    assert not ready(PageId.SETTINGS, connected), "no plan yet"
    connected.plan = plan(RelayOptions("classic"))
    assert ready(PageId.SETTINGS, connected)
    refused = Check("tls-missing", CheckLevel.ERROR, "The certificate is missing.")
    connected.plan = replace(connected.plan, checks=(*connected.plan.checks, refused))
    assert connected.plan.errors and not ready(PageId.SETTINGS, connected)
    assert not ready(PageId.APPLY, connected)
    connected.applied = True
    assert ready(PageId.APPLY, connected)
    gates = [p for p in PageId if gated(p)]
    assert gates == [PageId.WELCOME, PageId.CONNECT, PageId.CHECK, PageId.SETTINGS, PageId.APPLY]
    assert all(ready(p, WizardState()) for p in PageId if not gated(p))


@pytest.mark.parametrize("manage", [False, True])
@pytest.mark.parametrize("nothing_to_do", [False, True])
def test_every_page_needs_only_what_an_earlier_page_produces(
    connected: WizardState, manage: bool, nothing_to_do: bool
) -> None:
    connected.manage = manage
    connected.plan = plan(RelayOptions("classic"))
    if nothing_to_do:
        connected.plan = replace(connected.plan, changes=())
    produced: set[str] = set()
    for page in walk(connected):
        spec = PAGES[page]
        assert set(spec.needs) <= produced, f"{page.name} needs {set(spec.needs) - produced}"
        produced |= set(spec.produces)


def test_the_table_names_every_page_and_only_real_state_fields() -> None:
    assert set(PAGES) == set(PageId)
    for page, spec in PAGES.items():
        assert set(spec.needs) | set(spec.produces) <= STATE_FIELDS, page.name
    assert [int(p) for p in PageId] == list(range(len(PageId)))
