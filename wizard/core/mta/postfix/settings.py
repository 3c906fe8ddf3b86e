"""What a profile needs of a Postfix server, as Postfix's own editor says it: main.cf
settings (``postconf -e NAME=VALUE``), master.cf services (``postconf -M KEY=ENTRY``) and
their ``-o`` overrides (``postconf -P KEY/NAME=VALUE``), and Cyrus SASL's smtpd.conf.
The plan (:mod:`.plan`), the apply's build step (postconf on copies) and the Ansible
playbook are all made from one :class:`PostfixEdits`. Pure."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from wizard.core.change.options import RelayOptions
    from wizard.core.mta.postfix.state import PostfixState


@dataclass(frozen=True)
class PostfixEdits:
    """Postfix's edits, in the order they are made. Only what differs from what the
    server has: empty when the server already does what the profile needs."""

    # postconf -e: (name, value)
    main: tuple[tuple[str, str], ...] = ()
    # postconf -M: (service key "name/type", the whole entry "name type private unpriv
    # chroot wakeup maxproc command")
    services: tuple[tuple[str, str], ...] = ()
    # postconf -P: (service key, option name, value)
    service_options: tuple[tuple[str, str, str], ...] = ()
    # Cyrus SASL's smtpd.conf: (key, value), e.g. ("mech_list", "PLAIN LOGIN")
    sasl_conf: tuple[tuple[str, str], ...] = ()

    @property
    def empty(self) -> bool:
        return not (self.main or self.services or self.service_options or self.sasl_conf)


def wanted(state: PostfixState, options: RelayOptions) -> PostfixEdits:
    """The edits ``options`` need on the server read as ``state`` (to be written)."""
    return PostfixEdits()
