"""``relay-wizard plan`` prints the plain summary before the exact steps."""

from __future__ import annotations

from tests.unit.ui.model.conftest import plan
from wizard.cli.commands.plan import format_plan
from wizard.core.change.options import RelayOptions


def test_the_plan_says_what_changes_before_the_steps() -> None:
    p = plan(RelayOptions("classic"))
    text = format_plan(p)
    what = text.index("What changes\n  - After this, staff can send from anywhere on port 25")
    assert what < text.index("Checks") < text.index("Step 1. Back up the files")
    assert "  - With the classic profile, logins and mail cross the network unencrypted" in text
    # each step's plain sentence comes before its command
    about = text.index("    Copies every file the change touches")
    assert about < text.index("    $ stage.sh ID")
