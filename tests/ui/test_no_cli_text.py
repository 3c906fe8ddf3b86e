"""A walk through every page and state of the window that fails on command-line words.

The admin never types a command: no visible text may hold a flag (``--word``), the
program's command name (``relay-wizard ``), a placeholder of the command line's usage
(``TARGET``, ``NAME``, ``HOST``, ``ADDRESS`` as whole words) or an internal finding, check
or trick id (``listeners_loopback``, ``wrong-password``). The pages are fed the core's
REAL outputs where CLI words come from: the findings judged on the recorded stock server,
real diagnoses of every failure stage (deepened with a real modern server's view and mail
log), a real open-relay audit (the core's audit against a loopback peer that answers as
sendmail does), real export errors and real dialogs' texts.

Left out, as files and protocol shown verbatim, not the window's words: the Export
page's preview (a client's config file), the SMTP conversation and the Review page's
file diff.
"""

from __future__ import annotations

import ast
import re
import socket
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import (
    QInputDialog,
    QMessageBox,
    QTextEdit,
    QWidget,
    QWizard,
)
from pytestqt.qtbot import QtBot

from tests.capture import stock_sections
from tests.loopback import LoopbackServer
from tests.ui.fakes import FakeDialogs, FakeServices, guarded
from tests.ui.test_guard_settings import visit_sections
from tests.ui.visible import visible_texts
from wizard.core.errors import ConnectError, UsageError, WizardError
from wizard.core.mail.audit import audit_relay
from wizard.core.mail.diagnose import Diagnosis, ServerView, diagnose, server_findings
from wizard.core.mail.smtp import Reply, SmtpFailure, SmtpSettings
from wizard.core.mail.tricks import TRICK_TEMPLATES
from wizard.core.mail.vantage import RelayConfig
from wizard.ui.dialogs import Dialogs
from wizard.ui.model.state import PageId
from wizard.ui.pages import test as test_page
from wizard.ui.pages.apply import ApplyPage
from wizard.ui.pages.export import ExportPage
from wizard.ui.pages.settings import SettingsPage
from wizard.ui.pages.users import UsersPage
from wizard.ui.wizard import RelayWizard

ROOT = Path(__file__).parent.parent.parent

# --------------------------------------------------------------------------- the rules

FLAG = re.compile(r"(^|[\s(\[\"'])--\w")
PROGRAM = re.compile(r"relay-wizard ")
PLACEHOLDER = re.compile(r"\b(TARGET|NAME|HOST|ADDRESS)\b")


def core_ids() -> set[str]:
    """Every finding, check, danger and audit id the core can produce: the first argument
    of each ``Finding``/``Check``/``Danger``/``AuditCheck`` (or their ``add`` helpers) that
    is a literal, the audit check names and the tricks' names. An id that is one plain
    word (``sendmail``, ``realm``) cannot be told from the word and is left out."""
    ids: set[str] = set()
    makers = {"Finding", "Check", "Danger", "AuditCheck", "add"}
    for path in (ROOT / "wizard" / "core").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text())):
            if not isinstance(node, ast.Call) or not node.args:
                continue
            func = node.func
            name = func.id if isinstance(func, ast.Name) else getattr(func, "attr", "")
            first = node.args[0]
            if name in makers and isinstance(first, ast.Constant) and isinstance(first.value, str):
                ids.add(first.value)
    from wizard.core.mail.audit_report import CHECK_TITLES

    ids |= set(CHECK_TITLES) | {name for name, *_ in TRICK_TEMPLATES}
    return {i for i in ids if re.fullmatch(r"[a-z0-9]+([_-][a-z0-9]+)+", i)}


IDS = core_ids()
# an id as a word of its own: not inside an m4 quote (FEATURE(`relay_entire_domain'))
ID = re.compile(r"(?<![\w`'-])(" + "|".join(sorted(map(re.escape, IDS))) + r")(?![\w'-])")


def offences(text: str) -> list[str]:
    found = [m.group(0) for rule in (FLAG, PROGRAM, PLACEHOLDER, ID) for m in rule.finditer(text)]
    return [f.strip() for f in found]


def test_the_rules_catch_what_they_are_for() -> None:
    assert {"listeners_loopback", "wrong-password", "null-sender", "tls_cert"} <= IDS
    assert "sendmail" not in IDS and "realm" not in IDS
    for bad in (
        "Run relay-wizard users TARGET passwd NAME",
        "use --pin-cert",
        "(on the command line: --format)",
        "Level: warning (listeners_loopback)",
        "wrong-password: skipped",
        "test-send HOST --profile x",
    ):
        assert offences(bad), bad
    for fine in (
        "Relay Wizard — the relay",
        "FEATURE(`promiscuous_relay') lets anyone relay",
        "a wrong password was refused",
        "The name of the server",
        "ssh-ed25519 host key",
    ):
        assert not offences(fine), fine


# --------------------------------------------------------------------------- collecting


class Walk:
    """What was seen on the way, and where."""

    def __init__(self) -> None:
        self.seen: list[tuple[str, str]] = []

    def look(self, state: str, root: QWidget, skip: tuple[QWidget, ...] = ()) -> None:
        self.seen += [(f"{state}: {where}", t) for where, t in visible_texts(root, skip) if t]

    def said(self, state: str, text: str) -> None:
        self.seen.append((state, text))

    def bad(self) -> list[str]:
        return [
            f"{where}: {hits} in {text!r}" for where, text in self.seen if (hits := offences(text))
        ]


# --------------------------------------------------------------------------- real outputs


class SendmailPeer(LoopbackServer):
    """Answers as sendmail does (field notes 7): every relay refused, or, ``open``, every
    recipient taken; a wrong password 535. Drives the core's real audit."""

    def __init__(self, open_relay: bool = False) -> None:
        self.open_relay = open_relay
        super().__init__()

    def handle(self, conn: socket.socket, number: int) -> None:
        conn.settimeout(5)
        reader = conn.makefile("rb")
        replies = {
            "EHLO": "250-mail.example.com Hello client.example.com [127.0.0.1], pleased to "
            "meet you\r\n250-PIPELINING\r\n250 AUTH DIGEST-MD5 CRAM-MD5\r\n",
            "MAIL": "250 2.1.0 Sender ok\r\n",
            "RCPT": "250 2.1.5 Recipient ok\r\n"
            if self.open_relay
            else "550 5.7.1 Relaying denied. Proper authentication required.\r\n",
            "RSET": "250 2.0.0 Reset state\r\n",
            "AUTH": "334 PDEyMzQ1Ni4xQG1haWwuZXhhbXBsZS5jb20+\r\n",
        }
        try:
            conn.sendall(b"220 mail.example.com ESMTP Sendmail 8.17.1.9/8.17.1.9; ready\r\n")
            for raw in reader:
                line = raw.decode().rstrip("\r\n")
                verb = line.split(" ", 1)[0].upper()
                if verb == "QUIT":
                    conn.sendall(b"221 2.0.0 mail.example.com closing connection\r\n")
                    return
                reply = replies.get(verb, "535 5.7.0 authentication failed\r\n")
                conn.sendall(reply.encode())
        except OSError:
            return
        finally:
            reader.close()


def real_audit(open_relay: bool, user: str) -> Any:
    peer = SendmailPeer(open_relay)
    try:
        settings = SmtpSettings("127.0.0.1", peer.port, "none", timeout=5)
        config = RelayConfig(known=True, auth_options=("A",))
        return audit_relay(settings, config=config, user=user)
    finally:
        peer.close()


MODERN_LOG = (
    "2026-12-02T19:07:19.345045+00:00 mail sm-mta[478]: 6B2J7Ij0000478: AUTH failure "
    "(PLAIN): authentication failure (-13) SASL(-13): authentication failure: Password "
    "verification failed, user=alice, relay=client.lab.test [198.51.100.13]"
)

# Every failure stage the diagnosis knows, as the client raises it.
FAILURES = [
    SmtpFailure("resolve", "not found"),
    SmtpFailure("connect", "refused", kind="refused"),
    SmtpFailure("connect", "timed out", kind="timeout"),
    SmtpFailure("greeting", "x", reply=Reply(554, "mail.example.com not accepting messages")),
    SmtpFailure("greeting", "x", reply=Reply(421, "4.3.2 Connection rate limit exceeded.")),
    SmtpFailure("tls", "untrusted", kind="untrusted", cert_sha256=":".join(["AB"] * 32)),
    SmtpFailure("tls", "mismatch", kind="mismatch", cert_sha256=":".join(["CD"] * 32)),
    SmtpFailure("tls", "handshake failed"),
    SmtpFailure("auth-offered", "The server does not offer SMTP AUTH here."),
    SmtpFailure("mechanism", "The server offers only PLAIN or LOGIN here."),
    SmtpFailure("auth", "x", reply=Reply(504, "5.3.3 AUTH mechanism PLAIN not available")),
    SmtpFailure("auth", "x", reply=Reply(535, "5.7.0 authentication failed")),
    SmtpFailure("mail", "x", reply=Reply(530, "5.7.0 Authentication required")),
    SmtpFailure("rcpt", "x", reply=Reply(550, "5.7.1 <a@example.net>... Relaying denied")),
    SmtpFailure("rcpt", "x", reply=Reply(450, "4.4.0 IP name lookup failed")),
    SmtpFailure("data", "x", reply=Reply(421, "4.5.0 Bare linefeed (LF) not allowed")),
    SmtpFailure("data", "x", reply=Reply(552, "5.3.4 Message too large")),
    SmtpFailure("timeout", "the server stopped answering"),
    SmtpFailure("connection", "connection reset"),
]


class RealServices(FakeServices):
    """The fake services, answering with the core's real outputs."""

    def __init__(self) -> None:
        super().__init__()
        self.failure: SmtpFailure | None = None
        self.users_error: WizardError | None = None

    def test_send(self, r: Any, progress: Any, session: Any = None) -> Any:
        if self.failure is not None:
            raise self.failure
        return super().test_send(r, progress)

    def diagnose(self, failure: SmtpFailure, r: Any, session: Any) -> Diagnosis:
        found = diagnose(failure, r.settings.host, r.settings.port)
        sections = {**stock_sections(), "bs": "", "log": MODERN_LOG}
        view = ServerView.from_sections("mail.example.com", sections)
        extra = server_findings(view, user=r.user, mechanism=r.mechanism)
        return Diagnosis(
            found.stage, found.cause, found.fix, found.reply, tuple(extra), found.field
        )

    def list_users(self, session: Any) -> Any:
        if self.users_error is not None:
            raise self.users_error
        return super().list_users(session)


class RecordingDialogs(FakeDialogs):
    """The real dialogs of ui/dialogs.py, their boxes read instead of shown."""

    def __init__(self, walk: Walk, monkeypatch: pytest.MonkeyPatch) -> None:
        super().__init__()
        self.walk = walk
        real = Dialogs()

        def exec_box(box: QMessageBox) -> int:
            walk.said("message box", box.windowTitle())
            walk.said("message box", box.text())
            walk.said("message box", box.informativeText())
            return int(QMessageBox.StandardButton.Yes)

        def question(parent: Any, title: str, text: str, *a: Any, **k: Any) -> Any:
            walk.said("question", f"{title} {text}")
            return QMessageBox.StandardButton.Yes

        def get_text(parent: Any, title: str, label: str, *a: Any, **k: Any) -> tuple[str, bool]:
            walk.said("input dialog", f"{title} {label}")
            return ("alice" if "name" in label.lower() else "Typed-Password-99"), True

        monkeypatch.setattr(QMessageBox, "exec", exec_box)
        monkeypatch.setattr(QMessageBox, "question", question)
        monkeypatch.setattr(QInputDialog, "getText", get_text)
        self.real = real

    def host_key(self, parent: Any, exc: Any) -> bool:
        self.walk.said("host key", str(exc))
        return self.real.host_key(parent, exc)

    def new_user(self, parent: Any, generated: str) -> tuple[str, str] | None:
        return self.real.new_user(parent, generated)

    def new_password(self, parent: Any, name: str, generated: str) -> str | None:
        return self.real.new_password(parent, name, generated)

    def confirm(self, parent: Any, question: str) -> bool:
        return self.real.confirm(parent, question)

    def confirm_apply(self, parent: Any, server: str, summary: list[str]) -> bool:
        self.real.confirm_apply(parent, server, summary)  # its text read, no button clicked
        return super().confirm_apply(parent, server, summary)

    def stop_apply(self, parent: Any, server: str) -> bool:
        self.real.stop_apply(parent, server)
        return super().stop_apply(parent, server)

    def inform(self, parent: Any, title: str, text: str) -> None:
        self.real.inform(parent, title, text)
        super().inform(parent, title, text)


# --------------------------------------------------------------------------- the walk


@pytest.fixture
def walk() -> Walk:
    return Walk()


def start(qtbot: QtBot, services: FakeServices, dialogs: FakeDialogs) -> RelayWizard:
    w = RelayWizard(services, dialogs)  # type: ignore[arg-type]
    qtbot.addWidget(w)
    w.resize(820, 640)
    w.show()
    qtbot.waitExposed(w)
    return w


def forward(qtbot: QtBot, w: RelayWizard, page_id: int, walk: Walk) -> None:
    """Next until ``page_id``, looking at each page once it is complete."""
    while w.currentId() != page_id:
        qtbot.waitUntil(
            lambda: (
                w.button(QWizard.WizardButton.NextButton).isEnabled()
                or w.button(QWizard.WizardButton.CommitButton).isEnabled()
            ),
            timeout=5000,
        )
        walk.look(type(w.currentPage()).__name__, w, verbatim(w))
        w.next()


def verbatim(w: RelayWizard) -> tuple[QWidget, ...]:
    """Files and protocol shown as they are: the client file, the conversation, the diff."""
    out: list[QWidget] = []
    export = w.page(PageId.EXPORT)
    if isinstance(export, ExportPage):
        out.append(export.view)
    test = w.page(PageId.TEST)
    if isinstance(test, test_page.TestPage):
        out.append(test.transcript)
    review = w.page(PageId.REVIEW)
    out += [v for v in review.findChildren(QTextEdit)] if review is not None else []
    return tuple(out)


def test_every_page_and_state_speaks_without_command_line_words(
    qtbot: QtBot, walk: Walk, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    services = RealServices()
    guarded(services)  # certbot's certificates, fail2ban, failed logins
    dialogs = RecordingDialogs(walk, monkeypatch)
    w = start(qtbot, services, dialogs)
    walk.look("Welcome", w)

    # Connect: a refused connection, a wrong password, then the host key and success
    w.next()
    connect = w.currentPage()
    connect.host.setText("mail.example.com")  # type: ignore[attr-defined]
    services.unknown_key, services.wrong_password = False, True
    connect.password.setText("ssh-pw")  # type: ignore[attr-defined]
    connect.connect_button.click()  # type: ignore[attr-defined]
    qtbot.waitUntil(lambda: "refused" in connect.error.text(), timeout=5000)  # type: ignore[attr-defined]
    walk.look("Connect, wrong password", w)
    services.wrong_password, services.unknown_key = False, True
    connect.connect_button.click()  # type: ignore[attr-defined]
    qtbot.waitUntil(connect.isComplete, timeout=5000)
    walk.look("Connect, connected", w)

    # Check (real findings), Settings with each state of its Certificate and Protection
    # sections, Review, Apply (failing, then succeeding)
    forward(qtbot, w, PageId.SETTINGS, walk)
    settings = w.currentPage()
    assert isinstance(settings, SettingsPage)
    qtbot.waitUntil(lambda: settings.model.plan is not None, timeout=5000)
    for state in visit_sections(qtbot, settings):
        walk.look(f"Settings, {state}", w)
    services.apply_fails = True
    forward(qtbot, w, PageId.APPLY, walk)
    apply = w.currentPage()
    assert isinstance(apply, ApplyPage)
    qtbot.waitUntil(lambda: "put back" in apply.outcome.text(), timeout=5000)
    walk.look("Apply, rolled back", w, verbatim(w))
    for _ in range(2):
        w.back()
    services.apply_fails = False
    forward(qtbot, w, PageId.APPLY, walk)
    qtbot.waitUntil(apply.isComplete, timeout=5000)
    walk.look("Apply, applied", w, verbatim(w))

    # Users: add, change, a failure, undo
    forward(qtbot, w, PageId.USERS, walk)
    users = w.currentPage()
    assert isinstance(users, UsersPage)
    users.add.click()
    qtbot.waitUntil(lambda: "is ready" in users.status.text(), timeout=5000)
    qtbot.waitUntil(lambda: users.table.rowCount() == 1, timeout=5000)
    users.table.selectRow(0)
    users.passwd.click()
    qtbot.waitUntil(lambda: "change_password alice" in services.calls, timeout=5000)
    walk.look("Users", w)
    services.users_error = UsageError("The account list could not be read.", "Try again.")
    users.refresh()
    qtbot.waitUntil(lambda: "could not be read" in users.status.text(), timeout=5000)
    walk.look("Users, error", w)
    services.users_error = None
    users.undo.click()
    qtbot.waitUntil(lambda: "Rolled back" in users.status.text(), timeout=5000)
    walk.look("Users, undone", w)

    # Staff from a list: a bad line, then ten people made, their passwords shown once
    users.add_list.click()
    dialog = users.onboarding
    assert dialog is not None
    qtbot.waitUntil(dialog.isVisible, timeout=5000)
    dialog.staff.setPlainText("account,address\nbob,not an address\n")
    qtbot.waitUntil(lambda: "2" in dialog.list_note.text() + dialog.error.text(), timeout=5000)
    walk.look("Staff list, bad line", dialog)
    assert any(w.startswith("Staff list, bad line") and "2" in t for w, t in walk.seen)
    dialog.staff.setPlainText("".join(f"staff{i}\n" for i in range(10)))
    dialog.folder.setText(str(tmp_path / "kits"))
    walk.look("Staff list", dialog)
    dialog.create_button.click()
    qtbot.waitUntil(lambda: dialog.outcome is not None, timeout=20000)
    walk.look("Staff list, made", dialog)
    dialog.outcome = None
    dialog.done(0)

    # Test: every failure with its real diagnosis, a refused input, the audits, a success
    w.next()
    test = w.currentPage()
    assert isinstance(test, test_page.TestPage)
    test.send.click()  # nothing filled in
    walk.look("Test, missing input", w, verbatim(w))
    test.to.setText("me@example.org")
    test.user.setText("alice")
    test.password.setText("pw")
    for failure in FAILURES:
        services.failure = failure
        test.card.setText("")
        test.send.click()
        qtbot.waitUntil(lambda: "Failed at" in test.card.text(), timeout=5000)
        walk.look(f"Test, {failure.stage} failed", w, verbatim(w))
    services.failure = None
    for open_relay in (False, True):
        services.audit_report = real_audit(open_relay, test.user.text())
        test.card.setText("")
        test.audit.click()
        qtbot.waitUntil(lambda: "relay" in test.card.text(), timeout=5000)
        walk.look(f"Test, audit open={open_relay}", w, verbatim(w))
        walk.said("Test, audit details", test.transcript.toPlainText())
        assert "No account name" not in test.card.text()
    test.send.click()
    qtbot.waitUntil(lambda: "accepted the test message" in test.card.text(), timeout=5000)
    walk.look("Test, sent", w, verbatim(w))

    # Export: every format, with and without an incoming server
    w.next()
    export = w.currentPage()
    assert isinstance(export, ExportPage)
    for i in range(export.format.count()):
        export.format.setCurrentIndex(i)
        walk.look(f"Export {export.current_format()}", w, verbatim(w))
    export.incoming_host.setText("bad host!")
    walk.look("Export, bad incoming", w, verbatim(w))
    export.account.setText("")
    walk.look("Export, no account", w, verbatim(w))
    export.account.setText("alice")
    export.incoming_host.setText("")

    # Done
    w.next()
    walk.look("Done", w, verbatim(w))

    assert len(walk.seen) > 200, "the walk saw the pages"
    assert walk.bad() == [], "\n".join(walk.bad())
    w.state.worker.stop()


def test_connect_and_refusals_speak_without_command_line_words(
    qtbot: QtBot, walk: Walk, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The errors of each page that the main walk does not meet."""
    services = RealServices()
    guarded(services)  # certbot's certificates, fail2ban, failed logins
    dialogs = RecordingDialogs(walk, monkeypatch)
    w = start(qtbot, services, dialogs)
    w.next()
    connect = w.currentPage()
    for error in (
        ConnectError("Nothing answers on mail.example.com port 2222.", "Check the port."),
        UsageError("The user name is empty.", "Give one."),
    ):

        def refuse(*_a: Any, e: WizardError = error, **_k: Any) -> None:
            raise e

        monkeypatch.setattr(services, "connect", refuse)
        connect.host.setText("mail.example.com")  # type: ignore[attr-defined]
        connect.connect_button.click()  # type: ignore[attr-defined]
        qtbot.waitUntil(
            lambda e=error: e.message in connect.error.text(),
            timeout=5000,
        )  # type: ignore[attr-defined,misc]
        walk.look("Connect, refused", w)
    assert walk.bad() == [], "\n".join(walk.bad())
    w.state.worker.stop()


def test_the_servers_window_speaks_without_command_line_words(qtbot: QtBot, walk: Walk) -> None:
    from wizard.ui.servers import ServersDialog

    services = RealServices()
    window = ServersDialog(services, FakeDialogs())
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    walk.look("Servers", window)
    assert walk.bad() == [], "\n".join(walk.bad())
