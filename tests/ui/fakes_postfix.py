"""The fake services as a stock Debian 12 Postfix server (tests/ui/postfix_data).

The report and the state are the core's own pure functions run on the sections Postfix's
inspection prints (the values ``postconf`` gave on the lab), so the pages show what they
would show on that server. The plan is Postfix's real one; while the core still refuses
to plan for Postfix, a stand-in made of the core's own sentences and steps lets the Review
and Done pages be walked.
"""

from __future__ import annotations

from typing import Any

from tests.ui.fakes import FakeServices
from tests.ui.postfix_data import DATA, HOST, SNAKEOIL, postfix_sections
from wizard.core.change.options import RelayOptions
from wizard.core.change.plan import FileChange, Plan
from wizard.core.change.steps import install, stage
from wizard.core.change.verify import ExpectedPort
from wizard.core.guard import GuardState
from wizard.core.mta.postfix.driver import POSTFIX
from wizard.core.mta.postfix.inspection import build_report
from wizard.core.mta.postfix.state import PostfixState
from wizard.core.mta.report import ServerReport
from wizard.core.mta.sendmail.state import FileFacts, Remote
from wizard.core.translatable import QT_TRANSLATE_NOOP


class PostfixFakeServices(FakeServices):
    """The fake services on a stock Postfix server."""

    def __init__(self, local_domain: str = "", sasl_type: str = "cyrus") -> None:
        super().__init__()
        self.sections = postfix_sections(local_domain, sasl_type)
        plan = stand_in_plan(self.read_state(None, None, None)[0], RelayOptions("modern"))
        self.calls.clear()
        self.apply_steps = tuple(step.title for step in plan.steps)
        self.restored = ("restored /etc/postfix/main.cf", "reloaded with: postfix reload")

    def _report(self) -> ServerReport:
        return self._guarded(build_report(HOST, self.sections))

    def read_state(self, session: Any, options: Any, cancel: Any) -> tuple[PostfixState, Remote]:
        self.calls.append("read_state")
        files = {
            SNAKEOIL[0]: FileFacts(
                SNAKEOIL[0], True, "root", "root", 0o644, True, "k", "CN = mail"
            ),
            SNAKEOIL[1]: FileFacts(SNAKEOIL[1], True, "root", "ssl-cert", 0o640, True, "k"),
        }
        state = PostfixState(
            self._report(),
            "/etc/postfix/main.cf",
            (DATA / "main.cf").read_text(),
            "/etc/postfix/master.cf",
            (DATA / "master.cf").read_text(),
            "/etc/postfix/sasl/smtpd.conf",
            "",
            files,
            guard=GuardState(admin_address=self.admin_address),
        )
        return state, Remote("", "", 342, restart="postfix reload")

    def plan(self, state: Any, remote: Remote, options: RelayOptions) -> Plan:
        plan = POSTFIX.plan(state, remote, options)
        if any(c.id == "postfix_unsupported" for c in plan.errors):
            return stand_in_plan(state, options)
        return plan


def stand_in_plan(state: PostfixState, options: RelayOptions) -> Plan:
    """A plan of the modern or classic shape for a Postfix state, in the core's own
    sentences and steps (the Review and Done pages' input while the core refuses)."""
    o = options.validated()
    modern = o.profile == "modern"
    after = state.main_cf + "smtpd_sasl_auth_enable = yes\n"
    changes = (FileChange(state.main_cf_path, state.main_cf, after),)
    port = 587 if modern else 25
    expect = (
        ExpectedPort(
            port,
            "starttls" if modern else "none",
            ("PLAIN", "LOGIN") if modern else ("DIGEST-MD5", "CRAM-MD5"),
            not modern,
            True,
        ),
    )
    staff = QT_TRANSLATE_NOOP(
        "Plan",
        "After this, staff can send from anywhere on port {port} after logging in with "
        "their password; the connection is encrypted before the password is sent.",
    )
    strangers = QT_TRANSLATE_NOOP(
        "Plan",
        "Strangers still cannot relay mail through the server: Relay Wizard checks this "
        "from this computer right after the change and undoes everything if they can.",
    )
    summary = (
        staff.format(port=port),
        strangers,
        QT_TRANSLATE_NOOP("Plan", "Passwords are only accepted inside an encrypted connection."),
    )
    steps = (
        stage(changes, state.main_cf_path, state.master_cf_path),
        install([c.diff for c in changes]),
    )
    return Plan(o, changes, steps, (), expect, "postfix check", summary)
