"""The Review page's text for each step is the text of the step object that runs.

The page is found and read through Qt's public API only (the commit page; the text of its
child widgets), so the test holds whatever the pages' modules and widget names become.
"""

from __future__ import annotations

import dataclasses
import shlex
from collections.abc import Iterator

import pytest
from PySide6.QtWidgets import QLabel, QLineEdit, QPushButton, QTextEdit, QWizard
from pytestqt.qtbot import QtBot

from tests.ui.fakes import FakeDialogs, FakeServices
from wizard.core.change.options import RelayOptions
from wizard.core.change.plan import Plan
from wizard.core.change.steps import SHOWN_JOURNAL, ScriptStep, shown_arg
from wizard.core.mta.sendmail.state import Remote, ServerState
from wizard.ui.wizard import RelayWizard

MARK = ScriptStep("finish", "A step only this test plans", ("--marker",), note="shown as planned")


class RecordingServices(FakeServices):
    """The fake core, keeping every plan it made; each plan gets one step more."""

    def __init__(self) -> None:
        super().__init__()
        self.plans: list[Plan] = []

    def plan(self, state: ServerState, remote: Remote, options: RelayOptions) -> Plan:
        plan = super().plan(state, remote, options)
        plan = dataclasses.replace(plan, steps=(*plan.steps, MARK))
        self.plans.append(plan)
        return plan


@pytest.fixture
def services() -> RecordingServices:
    return RecordingServices()


@pytest.fixture
def wiz(qtbot: QtBot, services: RecordingServices) -> Iterator[RelayWizard]:
    w = RelayWizard(services, FakeDialogs())  # type: ignore[arg-type]
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    yield w
    w.done(0)  # QDialog.done: the wizard stops its worker thread


def field(w: QWizard, name: str) -> QLineEdit:
    return next(e for e in w.currentPage().findChildren(QLineEdit) if e.accessibleName() == name)


def shown_text(w: QWizard) -> str:
    """Every text the current page shows: labels and text views."""
    page = w.currentPage()
    parts = [label.text() for label in page.findChildren(QLabel)]
    parts += [view.toPlainText() for view in page.findChildren(QTextEdit)]
    return "\n".join(parts)


def to_review(qtbot: QtBot, w: QWizard) -> None:
    """Connect, then go on to the commit page (Review: Apply is the point of no return)."""
    w.next()
    field(w, "Server").setText("mail.example.com")
    field(w, "Password").setText("ssh-pw")
    button = next(b for b in w.currentPage().findChildren(QPushButton) if b.text() == "&Connect")
    button.click()
    for _ in range(10):
        qtbot.waitUntil(
            lambda: (
                w.button(QWizard.WizardButton.NextButton).isEnabled()
                or w.button(QWizard.WizardButton.CommitButton).isEnabled()
            ),
            timeout=5000,
        )
        if w.currentPage().isCommitPage():
            return
        w.next()
    raise AssertionError("no Review page")


def test_the_review_page_shows_each_step_object_in_order(
    qtbot: QtBot, wiz: RelayWizard, services: RecordingServices
) -> None:
    to_review(qtbot, wiz)
    text = shown_text(wiz)
    plan = services.plans[-1]
    assert [s.name for s in plan.steps] == [
        "stage",
        "build",
        "install",
        "restart",
        "verify",
        "finish",
        "finish",
    ]
    at = 0
    for step in plan.steps:
        at = text.index(step.title, at)  # each title, in the order the steps run
        for command in step.commands:
            at = text.index(f"$ {command}", at)
        for diff in step.diffs:
            for line in diff.splitlines():
                assert line in text
    # the step only this test planned is shown as its object says
    assert "A step only this test plans" in text
    assert "$ finish.sh ID --marker  # shown as planned" in text


def test_each_command_shown_is_the_invocation_that_runs() -> None:
    services = RecordingServices()
    state, remote = services.read_state(None, RelayOptions(), None)
    plan = services.plan(state, remote, RelayOptions("classic"))
    scripted = [s for s in plan.steps if isinstance(s, ScriptStep)]
    assert [s.name for s in scripted] == [
        "stage",
        "build",
        "install",
        "restart",
        "finish",
        "finish",
    ]
    for step in scripted:
        shown = step.commands[0].split("\n# ")[0].split("  # ")[0]
        # the same words; only a sha256 digest is shown by its first 12 digits
        argv = [shown_arg(a) for a in step.argv(SHOWN_JOURNAL)]
        assert shlex.split(shown.replace("\\\n", "")) == [f"{step.name}.sh", *argv]
        assert len(max(shown.splitlines(), key=len)) <= 80, "the Review page would cut it off"
        runs = shlex.split(step.command("20240102T030405Z-000006"))
        assert runs[:2] == ["sh", "-c"]
        assert runs[3:] == [step.name, *step.argv("20240102T030405Z-000006")]
