"""What planning needs from a Postfix server, read in one round trip.

:func:`read_state` runs Postfix's inspection (``postfix-inspect.sh``) plus
``postfix-state.sh``: the exact bytes of main.cf, master.cf and Cyrus SASL's smtpd.conf,
facts about the TLS files, the newest journal. :class:`PostfixState` is what the plan is
made from; the facts beyond it are sendmail's :class:`~wizard.core.mta.sendmail.state.Remote`
(journal, daemon, who may relay), which says nothing only sendmail has.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from wizard.core.guard import GuardState
from wizard.core.mail.vantage import RelayConfig
from wizard.core.mta.postfix.inspection import build_report, collect
from wizard.core.mta.sendmail.state import FileFacts, Remote, file_facts
from wizard.core.remote.sections import b64_strict

if TYPE_CHECKING:
    import threading

    from wizard.core.change.options import RelayOptions
    from wizard.core.mta.report import ServerReport
    from wizard.core.remote.session import SshSession

Progress = Callable[[str], None]
STATE = "postfix-state"
# Debian's snakeoil pair, what a stock Postfix names (field notes §13)
CERT_CANDIDATES = (
    ("/etc/ssl/certs/ssl-cert-snakeoil.pem", "/etc/ssl/private/ssl-cert-snakeoil.key"),
)


@dataclass(frozen=True)
class PostfixState:
    """What planning a Postfix server needs, read from it in one go."""

    report: ServerReport
    main_cf_path: str
    main_cf: str
    master_cf_path: str
    master_cf: str
    sasl_conf_path: str  # Cyrus SASL's smtpd.conf (the real file), or where to create it
    sasl_conf_text: str
    files: dict[str, FileFacts] = field(default_factory=dict)
    guard: GuardState = field(default_factory=GuardState)

    @property
    def mc_path(self) -> str:  # what the fronts show as "the file that changes"
        return self.main_cf_path


def _text(line: str, what: str) -> str:
    return b64_strict(line.strip(), what).decode("utf-8", "surrogateescape")


def read_state(
    session: SshSession,
    options: RelayOptions,
    *,
    cancel: threading.Event | None = None,
    progress: Progress | None = None,
) -> tuple[PostfixState, Remote]:
    """Read everything planning a Postfix server needs, in one remote call."""
    o = options.validated()
    paths = [p for p in (o.cert_file, o.key_file, o.ca_file) if p]
    if not paths:
        paths = [p for pair in CERT_CANDIDATES for p in pair]
    if progress:
        progress("Reading the server's configuration")
    names = ("smtpd-conf", *(f"file-{i}" for i in range(1, len(paths) + 1)), "journal")
    s = collect(session, STATE, names, paths, cancel=cancel)
    host: str = session.target.host
    report = build_report(host, s)
    info = report.postfix
    cfg = info.config_dir if info else "/etc/postfix"
    conf = s.get("smtpd-conf", "").splitlines()
    files = {path: file_facts(path, s[f"file-{n}"]) for n, path in enumerate(paths, 1)}
    state = PostfixState(
        report,
        f"{cfg}/main.cf",
        _text(s.get("main-cf-b64", ""), "main.cf"),
        f"{cfg}/master.cf",
        _text(s.get("master-cf-b64", ""), "master.cf"),
        _text(conf[0], "smtpd.conf's path").strip() if len(conf) == 2 else f"{cfg}/sasl/smtpd.conf",
        _text(conf[1], "smtpd.conf") if len(conf) == 2 else "",
        files,
    )
    journal = s.get("journal", "").split()
    pid = s.get("master-pid", "").strip()
    remote = Remote(
        journal[0] if journal else "",
        journal[1] if len(journal) > 1 else "",
        int(pid) if pid.isdigit() else 0,
        RelayConfig.from_postfix(report),
        restart="postfix reload",
    )
    return state, remote
