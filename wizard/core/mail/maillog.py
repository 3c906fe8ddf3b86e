"""The mail-log lines of one failed session, and no others. Pure: tested on real lines.

A diagnosis quotes the server's mail log under a failure, so only lines of that failure
may be shown: a line of another session (the wizard's own verification a minute before,
its relay audit's ``relaytest@`` recipients, the ``sendmail -bs`` the diagnosis itself
runs, which logs "AUTH warning: no mechanisms") would be read as the cause.

sendmail logs every line of an SMTP session under the process id of the child that
serves it (``sm-mta[478]``), and names the client (``relay=name [198.51.100.13]``) on
some of them. So the session is found by its client address within the time the test
took, on the server's own clock (its ``date`` when the log was read, less the seconds
the test took here: no clock of this computer is compared with the server's), and then
all its lines by that process id.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, timedelta

from wizard.core.mail.tricks import FROM_USER, TO_USER

# Seconds before the test's start still counted as its own (the server's log is written a
# moment after the event; the clocks of the two ends are never compared).
SLACK = 3.0

# Words of the lines that say something about a failed session.
_TELLING = re.compile(
    r"AUTH|SASL|auth|reject=|ruleset=|Relaying|STARTTLS|stat=|lost input|error", re.I
)
# The wizard's own probes: the audit's addresses and the EHLO name of its checks.
_PROBES = (f"<{TO_USER}@", f"<{FROM_USER}@", "relay-wizard.invalid", "relay-wizard-probe")

_RFC3339 = re.compile(r"^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?(?:Z|[+-]\d\d:?\d\d)?)\s")
_CLASSIC = re.compile(r"^([A-Z][a-z]{2} [ \d]\d \d\d:\d\d:\d\d)\s")
_PROCESS = re.compile(r"\s([\w.-]+)\[(\d+)\]:\s")
_MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]


@dataclass(frozen=True)
class LogLine:
    text: str
    at: datetime | None  # when it was written, on the server's clock; None: unreadable
    process: str  # "sm-mta[478]": the program and its process id; "" when none


def server_now(text: str) -> datetime | None:
    """The server's ``date '+%Y-%m-%dT%H:%M:%S%z'`` (its local time and offset)."""
    try:
        return datetime.strptime(text.strip(), "%Y-%m-%dT%H:%M:%S%z")
    except ValueError:
        return None


def _when(line: str, now: datetime | None) -> datetime | None:
    m = _RFC3339.match(line)
    if m:
        try:
            at = datetime.fromisoformat(m.group(1).replace("Z", "+00:00"))
        except ValueError:
            return None
        if at.tzinfo is None and now is not None:
            at = at.replace(tzinfo=now.tzinfo)
        return at if at.tzinfo is not None else None
    m = _CLASSIC.match(line)
    if not m or now is None:
        return None
    # syslog's classic stamp: the server's local time, no year ("Dec  2 19:07:19")
    month, day, clock = m.group(1).split()
    hour, minute, second = (int(x) for x in clock.split(":"))
    try:
        at = now.replace(
            month=_MONTHS.index(month) + 1, day=int(day), hour=hour, minute=minute, second=second
        )
    except ValueError:
        return None
    at = at.replace(microsecond=0)
    if at > now + timedelta(days=1):  # December's lines read in January
        at = at.replace(year=at.year - 1)
    return at


def parse(log: str, now: datetime | None) -> list[LogLine]:
    out = []
    for line in log.splitlines():
        m = _PROCESS.search(line)
        process = f"{m.group(1)}[{m.group(2)}]" if m else ""
        out.append(LogLine(line, _when(line, now), process))
    return out


def _names_client(text: str, address: str) -> bool:
    return bool(re.search(rf"relay=(?:\S+ )?\[(?:IPv6:)?{re.escape(address)}\]", text))


def session_lines(
    log: str,
    *,
    now: str = "",
    age: float | None = None,
    client_address: str = "",
    user: str = "",
    recipient: str = "",
) -> list[str]:
    """The telling lines of the failed session in ``log`` (the end of the mail log).

    Args:
        now: the server's date when the log was read (:func:`server_now`'s format).
        age: seconds from the test's start to the reading; None: no time window.
        client_address: this computer's address as the connection had it.
        user, recipient: the account and the recipient of the test, to find the session
            when the server saw another client address (NAT).

    A line counts when it was written after the test started (``age`` before ``now``,
    less :data:`SLACK`), comes from a process that served this client in that window, is
    none of the wizard's own probes and says something about the failure. With a window
    but no readable time, a line is left out: unrelated lines shown as the cause are
    worse than none.
    """
    seen_now = server_now(now)
    lines = parse(log, seen_now)
    if age is not None and seen_now is not None:
        since = seen_now - timedelta(seconds=age + SLACK)
        lines = [ln for ln in lines if ln.at is not None and ln.at >= since]
    markers = [f"user={user}", f"authid={user}"] if user else []
    markers += [f"<{recipient}>"] if recipient else []
    ours = {
        ln.process
        for ln in lines
        if ln.process
        and (
            (client_address and _names_client(ln.text, client_address))
            or (not client_address and any(m in ln.text for m in markers))
        )
    }
    if not ours and client_address and markers:  # the server saw another address
        ours = {ln.process for ln in lines if ln.process and any(m in ln.text for m in markers)}
    return [
        ln.text
        for ln in lines
        if ln.process in ours
        and _TELLING.search(ln.text)
        and not any(probe in ln.text for probe in _PROBES)
    ]
