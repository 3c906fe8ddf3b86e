"""The real inspection capture the unit tests judge (tests/data/inspect/).

``debian12-stock.txt`` is the inspection script's output on the lab's stock Debian 12
server, as the wizard receives it: sections marked with a run's token (here a fixed one,
``TOKEN``), the .mc as base64. ``debian12-internet.txt`` is the same on the lab's
``internet`` server after the classic apply, a certbot certificate from the lab's ACME
server, failed logins and fail2ban with a sendmail jail (tests/data/inspect/README.md).
"""

from __future__ import annotations

import base64
from pathlib import Path

from wizard.core.mta.sendmail.inspection import INSPECT_SECTIONS
from wizard.core.remote.sections import split_sections

TOKEN = "0123456789abcdef0123456789abcdef"
STOCK_PATH = Path(__file__).parent / "data" / "inspect" / "debian12-stock.txt"
INTERNET_PATH = STOCK_PATH.with_name("debian12-internet.txt")
POSTFIX_PATH = STOCK_PATH.with_name("debian12-postfix.txt")


def stock_sections() -> dict[str, str]:
    return split_sections(STOCK_PATH.read_text(), TOKEN, INSPECT_SECTIONS)


def internet_sections() -> dict[str, str]:
    with INTERNET_PATH.open(newline="") as f:  # the EHLO keeps sendmail's CR line ends
        return split_sections(f.read(), TOKEN, INSPECT_SECTIONS)


def postfix_sections() -> dict[str, str]:
    """The stock Debian 12 Postfix server's inspection (``debian12-postfix.txt``)."""
    from wizard.core.mta.postfix.inspection import INSPECT_SECTIONS as POSTFIX_SECTIONS

    return split_sections(POSTFIX_PATH.read_text(), TOKEN, POSTFIX_SECTIONS)


def mc_b64(text: str) -> str:
    """The ``mc-b64`` section for a .mc's text."""
    return base64.b64encode(text.encode()).decode() + "\n"


def stock_mc() -> str:
    return base64.b64decode(stock_sections()["mc-b64"]).decode()
