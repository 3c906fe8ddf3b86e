"""The Servers window against two real lab servers, a real keyring, and the GUI never blocks.

Both servers are set up to the verified classic state through the core (apply, a SASL
account), saved as two profiles with their passwords in a private Secret Service; the
real window, opened from the Welcome page, audits both and sends through both.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from tests.integration.helpers import known_hosts_for, session_for
from tests.integration.keyring_fixture import PrivateSecretService
from tests.lab.lab import LabServer
from tests.ui.gui_thread import GuiThreadWatch
from wizard.core.change.apply import apply_plan
from wizard.core.change.options import RelayOptions
from wizard.core.local.credentials import CredentialStore
from wizard.core.local.profiles import ProfileStore, ServerProfile
from wizard.core.mta.sendmail import users
from wizard.core.services import CoreServices
from wizard.ui.dialogs import Dialogs
from wizard.ui.pages import welcome as ui
from wizard.ui.servers import COL_RESULT
from wizard.ui.wizard import RelayWizard

PASSWORD = "Fleet-Gui-Pw-58"
TO = "someone@example.net"


def classic_with_alice(server: LabServer, known: Path) -> None:
    with session_for(server, known) as session:
        report = apply_plan(session, RelayOptions("classic"))[1]
        assert report.verified
        users.add_user(session, users.read_realm(session), "alice", PASSWORD)


def test_audit_and_send_on_two_saved_servers_without_freezing(
    qtbot: QtBot,
    fresh_server: LabServer,
    second_server: LabServer,
    secret_service: PrivateSecretService,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    servers = {"office-a": fresh_server, "office-b": second_server}
    known = tmp_path / "known_hosts"
    known.write_text("".join(f"{s.address} {s.host_key_line}\n" for s in servers.values()))
    store, keys = ProfileStore(), CredentialStore()
    for name, s in servers.items():
        classic_with_alice(s, known_hosts_for(s, tmp_path / f"known-{name}"))
        store.save(
            ServerProfile(
                name=name,
                host=s.address,
                ssh_user="root",
                host_key=s.host_key_line,
                relay_profile="classic",
                smtp_port=25,
                security="none",
                mechanism="CRAM-MD5",
                smtp_user="alice",
            ).mark_verified()
        )
        keys.store_sasl_password(s.address, "alice", PASSWORD)

    w = RelayWizard(CoreServices(known_hosts=known), Dialogs())
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    try:
        welcome = w.currentPage()
        assert isinstance(welcome, ui.WelcomePage)
        welcome.all_servers.click()
        view = welcome.servers_window
        assert view is not None and view.table.rowCount() == 2

        with GuiThreadWatch() as watch:
            view.audit_all.click()
            assert view.busy
            qtbot.waitUntil(lambda: not view.busy, timeout=180000)
            view.recipient.setText(TO)
            view.send_all.click()
            qtbot.waitUntil(lambda: not view.busy, timeout=120000)

        rows = view.summary_rows()
        assert [(r.server, r.check, r.result) for r in rows] == [
            ("office-a", "audit", "passed"),
            ("office-a", "send", "passed"),
            ("office-b", "audit", "passed"),
            ("office-b", "send", "passed"),
        ], [r.detail for r in rows]
        for r in rows:
            s = servers[r.server]
            if r.check == "audit":
                assert re.fullmatch(
                    rf"{re.escape(s.address)} port 25 is closed to relaying: all \d+ relay tricks without "
                    r"login were refused\.",
                    r.detail,
                ), r.detail
            else:
                m = re.fullmatch(
                    r"logged in as alice with CRAM-MD5; message accepted \(250 2\.0\.0 (\w+) "
                    r"Message accepted for delivery\) on port 25",
                    r.detail,
                )
                assert m, r.detail
                assert m.group(1) in s.run("mailq").stdout  # really queued on that server
        summary = view.summary.toPlainText()
        assert "4 checks on 2 servers: 4 passed." in summary
        assert PASSWORD not in summary
        assert (
            "open-relay audit: passed; test send: passed" in view.table.item(0, COL_RESULT).text()
        )
        # every SSH, SMTP, keyring and disk wait of both checks ran on worker threads
        assert watch.calls == [], "\n".join(watch.calls)
    finally:
        w.done(0)
