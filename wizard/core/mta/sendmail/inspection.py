"""Inspecting a live server: what is there, and what it means for an SMTP AUTH relay.

One remote script (``wizard/core/remote/scripts/inspect.sh``), run once as root, collects
every fact in a single round trip (:func:`collect`); :mod:`~wizard.core.mta.sendmail.inspect_parse`
turns its sections into a :class:`~wizard.core.mta.report.ServerReport` and
:mod:`~wizard.core.mta.sendmail.inspect_judge` adds the findings: pure functions of the
script's output, tested on data.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from wizard.core.mta.sendmail.inspect_parse import build_report
from wizard.core.remote import scripts
from wizard.core.remote.sections import run_sections

if TYPE_CHECKING:
    import threading

    from wizard.core.mta.report import ServerReport
    from wizard.core.remote.runner import Runner

# The inspection: wizard/core/remote/scripts/inspect.sh (what it prints, and why nothing
# another user of the server controls is printed where it matters, is said there).
INSPECT = "inspect"
INSPECT_SCRIPT = scripts.load(INSPECT)

# The sections INSPECT_SCRIPT prints, each exactly once.
INSPECT_SECTIONS = (
    "os-release",
    "sendmail-path",
    "other-mta",
    "mta",
    "sendmail-d0",
    "mc-b64",
    "cf-options",
    "server-cert",
    "rebuild",
    "service-manager",
    "pidfile",
    "listening",
    "sendmail-sockets",
    "ehlo",
    "sasl-conf",
    "sasl-plugins",
    "saslauthd",
    "sasldb",
    "access",
    "relay-domains",
    "certificates",
    "guard",
)


Progress = Callable[[str], None]


def inspect_server(
    session: Runner,
    host: str,
    *,
    progress: Progress | None = None,
    cancel: threading.Event | None = None,
) -> ServerReport:
    """Read the live server over ``session`` and judge what is there.

    Raises:
        SendmailMissing: sendmail is not installed (with what is installed instead, if known).
        WizardError: the inspection script could not run.
    """
    if progress:
        progress("Reading the server's configuration")
    sections = collect(session, cancel=cancel)
    if progress:
        progress("Judging what was found")
    return build_report(host, sections)


def collect(
    session: Runner,
    extra: str = "",
    extra_sections: Sequence[str] = (),
    args: Sequence[str] = (),
    *,
    cancel: threading.Event | None = None,
) -> dict[str, str]:
    """Run the inspection script (plus the script named ``extra``, which prints
    ``extra_sections``, with positional ``args``) once, as root, and return every section
    by name.

    Raises:
        WizardError: the script did not run to its end.
        ProtocolError: its output is not exactly the sections asked for.
    """
    return run_sections(
        session,
        scripts.load(INSPECT, extra) if extra else INSPECT_SCRIPT,
        (*INSPECT_SECTIONS, *extra_sections),
        args=args,
        timeout=90,
        cancel=cancel,
    )
