"""Which mail server a host runs, from the inspection's ``mta`` section.

inspect.sh says which of sendmail and Postfix are installed and which runs. The one that
runs is the one to configure; when neither runs, the one installed; when both are
installed and neither runs (a host being moved from one to the other), sendmail, which
the inspection reads first. Pure.
"""

from __future__ import annotations

from wizard.core.errors import SendmailMissing

MAIL_SERVERS = ("sendmail", "postfix")


class OtherMailServer(SendmailMissing):
    """The host's mail server is not the one this driver configures: ``mta`` names it."""

    def __init__(self, mta: str) -> None:
        super().__init__(f"This server runs {mta}.")
        self.mta = mta


def which_mta(section: str) -> str:
    """The mail server to configure ("sendmail", "postfix"), "" when there is none."""
    facts = {tuple(line.split()[:2]) for line in section.splitlines() if line.strip()}
    for state in ("running", "installed"):
        for mta in MAIL_SERVERS:
            if (mta, state) in facts:
                return mta
    return ""
