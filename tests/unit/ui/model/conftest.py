"""Real core objects for the model's tests: the recorded stock Debian server and its plans."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.capture import stock_sections
from wizard.core.change.options import RelayOptions
from wizard.core.change.plan import Plan
from wizard.core.mta.report import ServerReport
from wizard.core.mta.sendmail.inspect_parse import build_report
from wizard.core.mta.sendmail.plan import make_plan
from wizard.core.mta.sendmail.state import FileFacts, Remote, ServerState
from wizard.core.target import Target
from wizard.ui.model.state import Loaded, WizardState

DATA = Path(__file__).resolve().parents[3] / "data"
TLS = ("/etc/mail/tls/sendmail-server.crt", "/etc/mail/tls/sendmail-common.key")


def report() -> ServerReport:
    return build_report("mail.example.com", stock_sections())


def server_state() -> ServerState:
    files = {
        TLS[0]: FileFacts(TLS[0], True, "root", "smmsp", 0o644, True, "k", "CN = mail"),
        TLS[1]: FileFacts(TLS[1], True, "root", "smmsp", 0o640, True, "k"),
    }
    mc = (DATA / "mc" / "debian12-sendmail.mc").read_text()
    return ServerState(
        report(), "/etc/mail/sendmail.mc", mc, "/etc/mail/sasl/Sendmail.conf.2", "", files
    )


def plan(options: RelayOptions) -> Plan:
    return make_plan(server_state(), options.validated(), "kill -HUP 76")


@pytest.fixture
def connected() -> WizardState:
    """The state after Connect and Check on the stock server."""
    state = WizardState(target=Target("mail.example.com", 22, "root"), report=report())
    state.loaded = Loaded(server_state(), Remote("", "", 76))
    return state
