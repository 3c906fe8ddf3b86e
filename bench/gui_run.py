"""The real wizard, offscreen, through the whole classic job against a lab server.

Like tests/ui/test_wizard_e2e.py, without pytest: Connect (root key), Server check,
Settings (classic), Review, Apply, Users (add one, saved in the keyring the caller
provides through the environment), Test (one send). Prints one JSON line: the longest
stall of the GUI event loop during apply (a 5 ms timer), the peak RSS of this process
after the run, and the wall time of the run.

Run: QT_QPA_PLATFORM=offscreen python -m bench.gui_run HOST KEY KNOWN_HOSTS
"""

from __future__ import annotations

import json
import resource
import sys
import time
from pathlib import Path


def main(argv: list[str]) -> int:
    host, key, known = argv
    from PySide6.QtCore import QCoreApplication, QTimer
    from PySide6.QtWidgets import QApplication

    from wizard.core.services import CoreServices
    from wizard.ui import wizard as ui

    app = QApplication.instance() or QApplication(["relay-wizard"])

    class Dialogs(ui.Dialogs):
        def host_key(self, parent, exc):  # type: ignore[no-untyped-def]
            return True

        def new_user(self, parent, generated):  # type: ignore[no-untyped-def]
            return ("benchgui", generated)

        def confirm_apply(self, parent, server, summary):  # type: ignore[no-untyped-def]
            return True  # the admin's "Apply" in the dialog the Review page asks

    def wait(cond, timeout: float = 120.0) -> None:  # type: ignore[no-untyped-def]
        end = time.monotonic() + timeout
        while not cond():
            if time.monotonic() > end:
                raise SystemExit("timed out waiting for the wizard")
            QCoreApplication.processEvents()
            time.sleep(0.002)

    longest = 0.0
    last = 0.0

    def tick() -> None:
        nonlocal longest, last
        now = time.monotonic()
        if last:
            longest = max(longest, now - last)
        last = now

    started = time.monotonic()
    w = ui.RelayWizard(CoreServices(known_hosts=Path(known)), Dialogs())
    w.show()
    w.next()
    connect = w.currentPage()
    connect.host.setText(host)
    connect.user.setText("root")
    connect.how.setCurrentIndex(1)
    connect.key.setText(key)
    connect.connect_button.click()
    wait(connect.isComplete)
    w.next()
    check = w.currentPage()
    wait(check.isComplete)
    w.next()
    settings = w.currentPage()
    settings.classic.setChecked(True)
    wait(settings.isComplete)
    w.next()  # review
    timer = QTimer()
    timer.setInterval(5)
    timer.timeout.connect(tick)
    timer.start()
    w.next()  # apply
    apply = w.currentPage()
    wait(apply.isComplete)
    timer.stop()
    if "Applied and verified" not in apply.outcome.text():
        raise SystemExit(f"apply failed: {apply.outcome.text()}")
    w.next()
    users = w.currentPage()
    users.add.click()
    wait(lambda: "is ready" in users.status.text())
    w.next()
    test = w.currentPage()
    test.to.setText("someone@example.net")
    test.send.click()
    wait(lambda: "accepted the test message" in test.card.text())
    elapsed = time.monotonic() - started
    w.state.worker.stop()
    rss_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(json.dumps({"stall": longest, "rss_mb": rss_kib / 1024, "wall": elapsed}))
    w.close()
    app.quit()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
