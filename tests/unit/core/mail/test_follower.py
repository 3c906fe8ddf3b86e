"""The message's fate looked for while it is sent: follow-msgid.sh run by a real local shell
on a mail log written as the server writes it (sendmail's and Postfix's lines, real
formats), and MessageFollower's use of what it finds."""

from __future__ import annotations

import os
import subprocess
import threading
import time
from pathlib import Path
from typing import cast

import pytest

from wizard.core.mail.diagnose import MessageFate, MessageFollower, fate_of, follow_message
from wizard.core.remote.session import SshSession

MID = "176475@relay-wizard.invalid"


class Result:
    def __init__(self, proc: subprocess.CompletedProcess[str]) -> None:
        self.exit_code, self.stdout, self.stderr = proc.returncode, proc.stdout, proc.stderr


class LocalRoot:
    """Runs the command with a real local sh, its mail log at ``log`` (lib.sh's
    ``rw_mail_log``); records the scripts it ran by name."""

    def __init__(self, log: Path) -> None:
        self.log = log
        self.ran: list[str] = []

    def run(self, command: str, *, root=True, stdin=None, timeout=90, cancel=None) -> Result:  # type: ignore[no-untyped-def]
        self.ran.append(next(n for n in ("follow-msgid", "follow") if f"' {n} " in command))
        env = {**os.environ, "rw_mail_log": str(self.log)}
        proc = subprocess.run(
            ["sh", "-c", command], input=stdin, capture_output=True, text=True, env=env
        )
        return Result(proc)


def write_later(log: Path, lines: list[str], delay: float = 0.1) -> threading.Thread:
    """The server logs the message a moment after the follower started, as in real life."""

    def work() -> None:
        for line in lines:
            time.sleep(delay)
            with log.open("a") as f:
                f.write(line + "\n")

    thread = threading.Thread(target=work, daemon=True)
    thread.start()
    return thread


SENDMAIL = [
    "Dec  3 09:11:16 mail sm-mta[354]: 6B39BEk9000354: from=<someone@example.net>, size=431,"
    f" class=0, nrcpts=1, msgid=<{MID}>, proto=ESMTP, daemon=MTA-v4, relay=client [198.51.100.5]",
    "Dec  3 09:11:16 mail sm-mta[356]: 6B39BEk9000354: to=<someone@example.net>, delay=00:00:00,"
    " xdelay=00:00:00, mailer=esmtp, pri=120431, relay=example.net., dsn=4.4.3,"
    " stat=Deferred: Name server: example.net.: host name lookup failure",
]
POSTFIX = [
    "Dec  3 09:11:16 mail postfix/smtpd[812]: 4F1A2B3C4D: client=client[198.51.100.5],"
    " sasl_method=PLAIN, sasl_username=benchuser",
    f"Dec  3 09:11:16 mail postfix/cleanup[815]: 4F1A2B3C4D: message-id=<{MID}>",
    "Dec  3 09:11:16 mail postfix/smtp[817]: 4F1A2B3C4D: to=<someone@example.net>,"
    " relay=none, delay=0.02, delays=0.01/0/0/0, dsn=4.4.3, status=deferred"
    " (Host or domain name not found. Name service error for name=example.net type=MX)",
]


@pytest.mark.parametrize(
    ("lines", "queue_id"), [(SENDMAIL, "6B39BEk9000354"), (POSTFIX, "4F1A2B3C4D")]
)
def test_the_fate_is_found_by_the_message_id_while_it_is_sent(
    tmp_path: Path, lines: list[str], queue_id: str
) -> None:
    log = tmp_path / "mail.log"
    log.write_text("Dec  3 09:00:00 mail sm-mta[1]: starting daemon\n")
    root = LocalRoot(log)
    follower = MessageFollower(root, f"<{MID}>")  # started before the server logged it
    write_later(log, lines).join()
    fate = follow_message(cast(SshSession, root), queue_id, follower=follower)
    # what asking by the queue id after the send finds (no mailq on this computer)
    assert fate == fate_of(queue_id, "", [line for line in lines if queue_id in line])
    assert fate.detail.startswith(("Deferred", "deferred"))
    assert root.ran == ["follow-msgid"]  # no second command after the send


def test_a_forged_line_naming_another_queue_id_is_not_believed(tmp_path: Path) -> None:
    """Anyone on the server can write to the mail log (logger): a line that names the
    message's id with another queue id makes the follower's answer worthless, and the
    fate is asked for as before, by the queue id of the server's reply."""
    log = tmp_path / "mail.log"
    log.write_text("")
    root = LocalRoot(log)
    follower = MessageFollower(root, MID)
    # logger -t 'sm-mta[354]' writes a line that looks like sendmail's
    forged = f"Dec  3 09:11:16 mail sm-mta[354]: 9XXXXXXXX: from=<x@y>, msgid=<{MID}>, stat=Sent"
    write_later(log, [forged, *SENDMAIL]).join()
    fate = follow_message(cast(SshSession, root), "6B39BEk9000354", follower=follower)
    assert root.ran == ["follow-msgid", "follow"]
    assert fate.queue_id == "6B39BEk9000354" and fate.state != "sent"
    assert forged not in fate.log


def test_a_message_never_logged_is_asked_for_as_before(tmp_path: Path) -> None:
    log = tmp_path / "mail.log"
    log.write_text("")
    root = LocalRoot(log)
    follower = MessageFollower(root, MID)
    fate = follow_message(cast(SshSession, root), "6B39BEk9000354", follower=follower)
    assert root.ran == ["follow-msgid", "follow"]
    assert fate == MessageFate(
        "6B39BEk9000354", "unknown", "not in the queue nor in the mail log", ()
    )


@pytest.mark.parametrize("message_id", ["<$(reboot)@x>", "a b@c", "", "<>", "x@y\n@@@"])
def test_a_message_id_of_another_form_is_not_looked_for(tmp_path: Path, message_id: str) -> None:
    root = LocalRoot(tmp_path / "mail.log")
    follower = MessageFollower(root, message_id)
    assert follower.fate("6B39BEk9000354") is None and root.ran == []
