"""Ready for the internet: the certificate staff's mail programs trust (certbot) and the
protection of the login against password guessing (fail2ban, the mail server's own rate
controls).

Both are options of a plan (:class:`~wizard.core.change.options.RelayOptions`); each
module here turns them, with what the server has, into an :class:`Addition` that the mail
server's driver folds into its plan: files written through the journal like every other
(so rollback removes them), files a step makes on the server (backed up the same way), and
steps before the journal opens, after the files are installed, and after the mail server
has reloaded.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from wizard.core.change.plan import Check, FileChange, Step


@dataclass(frozen=True)
class Addition:
    """What an option adds to a plan beyond the mail server's own files."""

    # whole files written through the journal (new ones included; rollback removes those)
    changes: tuple[FileChange, ...] = ()
    # the mode a new file gets (path -> mode; a file that exists keeps its own)
    modes: dict[str, int] = field(default_factory=dict)
    # files a step makes on the server (a certificate's copy): backed up by the journal,
    # removed or restored by rollback
    produced: tuple[str, ...] = ()
    before: tuple[Step, ...] = ()  # before the journal opens (obtain a certificate)
    after_install: tuple[Step, ...] = ()  # files in place, the mail server not reloaded yet
    after_reload: tuple[Step, ...] = ()  # the mail server runs the new configuration
    checks: tuple[Check, ...] = ()
    summary: tuple[str, ...] = ()  # plain sentences for the plan's summary
    actions: tuple[str, ...] = ()  # work beyond file edits (see Plan.actions)
    # the TLS files the mail server must use instead of its own ("" = unchanged)
    tls: tuple[str, str, str] = ("", "", "")
    # .mc defines the mail server must have (name -> value; sendmail's rate controls)
    defines: dict[str, str] = field(default_factory=dict)


NOTHING = Addition()


@dataclass(frozen=True)
class GuardState:
    """What the server has, beyond the inspection report, that these options plan from
    (read with the mail server's state, in the same round trip)."""

    # the exact text of the files an Addition may write (a renewal hook, a jail), by
    # path; a path read and absent maps to ""
    texts: dict[str, str] = field(default_factory=dict)
    # sha256 of files copied on the server (a certificate's copies and their sources), by
    # path; absent: not there
    digests: dict[str, str] = field(default_factory=dict)
    # the address this computer's SSH connection comes from, as the server sees it ("" if
    # unknown): never banned
    admin_address: str = ""
