"""The wire format of the wizard's remote scripts: sections nobody else can forge.

A remote script that reports several facts prints them in sections. Its output mixes
text the script controls with text it does not: file contents, command output, and what
other users of the server control (process names, mail-log lines written with
``logger``). A marker that such text could print would let any local user on the server
feed the wizard a section of their choice, and some sections decide what the wizard
writes as root (the sendmail.mc it edits).

So each run draws a random token and sends it on the script's stdin (never in argv,
which ``ps`` shows to everyone). The script collects its sections in a private temporary
folder, reads the token at its end and prints each section after a line
``@@@<token> <name>``. Nobody on the server but root can see the token. The parser is
strict: every expected section exactly once, no other, and the closing section ``fin``
present; base64 is decoded strictly.
"""

from __future__ import annotations

import base64
import binascii
import re
import secrets
import shlex
from typing import TYPE_CHECKING

from wizard.core.errors import WizardError
from wizard.core.remote import scripts
from wizard.core.translatable import QT_TRANSLATE_NOOP
from wizard.core.untrusted import printable

if TYPE_CHECKING:
    import threading
    from collections.abc import Collection, Sequence

    from wizard.core.remote.runner import Runner

# Around every sectioned script (wizard/core/remote/scripts/sections-prelude.sh and
# sections-epilogue.sh say how): the sections are written to a private folder while the
# script runs, and printed after their markers only once the token has arrived.
PRELUDE = scripts.load("sections-prelude")
EPILOGUE = scripts.load("sections-epilogue")

_TOKEN = re.compile(r"[0-9a-f]{32}")
FIN = "fin"


class ProtocolError(WizardError):
    """The remote script's output is not in the form the wizard asked for."""


def new_token() -> str:
    return secrets.token_hex(16)


def command(script: str, name: str, args: Sequence[str] = ()) -> str:
    """The command line for ``script`` (a text of :func:`scripts.load`) with positional
    ``args``, between the prelude and the epilogue."""
    return shlex.join(["sh", "-c", PRELUDE + script + EPILOGUE, name, *args])


def run_sections(
    session: Runner,
    script: str,
    expected: Collection[str],
    *,
    name: str = "relay-wizard",
    args: Sequence[str] = (),
    timeout: float = 90,
    cancel: threading.Event | None = None,
    what: str = "",
) -> dict[str, str]:
    """Run ``script`` as root and return its sections by name.

    Raises:
        WizardError: the script did not run to its end.
        ProtocolError: a section is missing, repeated or unknown.
    """
    what = what or QT_TRANSLATE_NOOP("Progress", "Reading the server's configuration")
    token = new_token()
    result = session.run(
        command(script, name, args),
        root=True,
        stdin=token + "\n",
        timeout=timeout,
        cancel=cancel,
    )
    marker = f"\n@@@{token} {FIN}\n"
    if marker not in "\n" + result.stdout + "\n":
        raise WizardError(
            QT_TRANSLATE_NOOP("Errors", "{what} did not finish.").format(what=what),
            QT_TRANSLATE_NOOP("Errors", "Its error output was: {value}").format(
                value=printable(result.stderr.strip()[-300:])
            ),
        )
    return split_sections(result.stdout, token, expected)


def split_sections(text: str, token: str, expected: Collection[str]) -> dict[str, str]:
    """The sections of ``text`` marked with ``token``: each of ``expected`` exactly once.

    A section's text is everything between its marker line and the next marker, less the
    one newline printed before each marker. Pure; the parser of untrusted output.

    Raises:
        ProtocolError: a section is missing, repeated or unknown, or ``fin`` is missing.
    """
    if not _TOKEN.fullmatch(token):
        raise ValueError("not a section token")
    wanted = {*expected, FIN}
    pieces = ("\n" + text).split(f"\n@@@{token} ")
    sections: dict[str, str] = {}
    for piece in pieces[1:]:
        name, newline, body = piece.partition("\n")
        if not newline and name != FIN:
            raise _broken(f"the section {name!r} has no end of line")
        if name not in wanted:
            raise _broken(f"it holds a section {name!r} that was not asked for")
        if name in sections:
            raise _broken(f"the section {name!r} appears twice")
        sections[name] = body
    missing = sorted(wanted - sections.keys())
    if missing:
        raise _broken(f"the section {missing[0]!r} is missing")
    return sections


def _broken(why: str) -> ProtocolError:
    return ProtocolError(
        QT_TRANSLATE_NOOP(
            "Errors",
            "The server's answer is not in the form Relay Wizard asked for ({why}), "
            "so it was not used and nothing was changed.",
        ).format(why=printable(why)),
        QT_TRANSLATE_NOOP(
            "Errors",
            "Try again. If it happens again, something on the server interferes with "
            "the wizard's commands: see docs/security.md.",
        ),
    )


def b64_strict(text: str, what: str) -> bytes:
    """Decode the base64 a script printed (one line, a newline after it allowed).

    Raises:
        ProtocolError: anything but strict base64.
    """
    line = text[:-1] if text.endswith("\n") else text
    try:
        return base64.b64decode(line.encode("ascii"), validate=True)
    except (binascii.Error, UnicodeEncodeError, ValueError):
        raise _broken(f"{what} is not valid base64") from None
