"""The window in German: the catalogue is in step with the code, the system locale is picked
up at start, and every visible text of every page is either in the catalogue or data.

Visible text that is neither (a sentence the catalogue lacks: not marked, or assembled from
pieces, or English text filled into a German sentence) fails the walk (docs/translations.md).
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path

import pytest
from keyring.backends import SecretService
from PySide6.QtCore import QLocale
from PySide6.QtWidgets import (
    QApplication,
    QWidget,
)
from pytestqt.qtbot import QtBot

from tests.ui.fakes import FakeDialogs, FakeServices, guarded
from tests.ui.test_guard_settings import visit_sections
from tests.ui.test_pages import connected, to_page
from tests.ui.visible import visible_texts
from wizard.core.local.credentials import _describe
from wizard.ui import i18n
from wizard.ui.model.state import PageId
from wizard.ui.pages import test as test_page
from wizard.ui.pages.connect import ConnectPage
from wizard.ui.pages.settings import SettingsPage
from wizard.ui.pages.users import UsersPage
from wizard.ui.wizard import RelayWizard

ROOT = Path(__file__).resolve().parent.parent.parent
CATALOGUE = ROOT / "wizard" / "resources" / "translations" / "relay_wizard_de.ts"


def german_texts() -> set[str]:
    """Every finished German translation in the catalogue."""
    texts = set()
    for message in ET.parse(CATALOGUE).getroot().iter("message"):
        translation = message.find("translation")
        if translation is not None and translation.text and not translation.get("type"):
            texts.add(translation.text)
    return texts


# ---- what counts as data, not language (the rule, in one place) --------------------------
# A piece of visible text is data, and needs no translation, when nothing is left of it
# after taking out: e-mail addresses, host names and IP addresses, paths, URLs,
# fingerprints and other hex, numbers, the names of protocols, programs and mechanisms,
# one word in brackets, and punctuation. A single word with no space (an account name, a realm, a queue id, a
# value the admin typed) is data too.
_DATA = [
    r"[\w.+-]+@[\w.-]+",  # addresses
    r"\b[a-z][a-z0-9-]*(\.[a-z0-9-]+)+\b",  # host names
    r"\[?[0-9a-fA-F:]*:[0-9a-fA-F:]+\]?",  # IPv6, fingerprints with colons
    r"\b\d+(\.\d+)*\b",  # numbers, IPv4, versions
    r"(https?://|/)[\w./*~-]+",  # URLs and paths
    r"SHA256:[\w+/=]+",
    r"\b[0-9A-Fa-f]{16,}\b",
    r"\b(sendmail|STARTTLS|TLS|SMTP|SASL|AUTH|SSH|PLAIN|LOGIN|CRAM-MD5|DIGEST-MD5|"
    r"GSSAPI|Debian|RHEL|FreeBSD|Ubuntu|Linux|GNU|msmtp|mutt|neomutt|Thunderbird|Apple|"
    r"IMAP|POP3|HTML|PDF|DNS|SRV|ssh-ed25519|ssh-rsa|ecdsa-sha2-nistp256|root)\b",
    r"\s*\(\w+\)",  # one word in brackets: a release name, an id
    r"[^\w]+",
]
_DATA_RE = re.compile("|".join(f"(?:{p})" for p in _DATA))


def is_data(piece: str) -> bool:
    piece = piece.strip()
    return not piece or " " not in piece or not _DATA_RE.sub("", piece).strip()


# Prose: two words running on, one of them in lower case ("the server", "is locked").
_PROSE = re.compile(r"\b[A-Za-z]+ [a-z]{2,}\b|\b[a-z]{2,} [A-Za-z]+\b")


def is_value(piece: str) -> bool:
    """Whether ``piece``, filled into a translated sentence, is data: whatever it holds
    (a certificate's subject "CN = mail", "O = Example Org"), unless it is prose, which
    must be a translation itself (English filled into a German sentence is a gap)."""
    return is_data(piece) or not _PROSE.search(piece)


def plain(text: str) -> str:
    """The text without mnemonic marks (``&Next`` shows as Next)."""
    return re.sub(r"&(.)", r"\1", text)


class Catalogue:
    """Decides whether a visible text is explained by the German catalogue (and data)."""

    def __init__(self, texts: set[str]) -> None:
        self.exact = {plain(t) for t in texts}
        self.patterns = [
            re.compile(
                re.sub(r"\\%\d|%\d|\\\{\w+\\\}|\{\w+\}", "(.+?)", re.escape(plain(t))), re.DOTALL
            )
            for t in texts
            if re.search(r"%\d|\{\w+\}", t)
        ]

    def explains(self, text: str, depth: int = 0) -> bool:
        """Whether ``text`` is a German translation (its values filled in) or data; at
        ``depth`` above 0, ``text`` is a value filled into a translation."""
        text = text.strip()
        if text in self.exact or (is_value(text) if depth else is_data(text)):
            return True
        if depth > 3:
            return False
        for pattern in self.patterns:
            match = pattern.fullmatch(text)
            if match and all(self.explains(g, depth + 1) for g in match.groups()):
                return True
        return False

    def gaps(self, text: str) -> list[str]:
        """The pieces of ``text`` (its lines, then its sentences) it does not explain."""
        text = plain(text)
        if self.explains(text):
            return []
        found = []
        for line in text.splitlines():
            if self.explains(line):
                continue
            sentences = re.split(r"(?<=[.!?:;])\s+", line.strip())
            if self.whole_runs(sentences):
                continue
            for sentence in sentences:
                if not self.explains(sentence):
                    found.append(sentence.strip())
        return found

    def whole_runs(self, sentences: list[str]) -> bool:
        """Whether the sentences are whole translations one after another (a label that
        shows two notes side by side): each run of them explained as one."""
        ends = {0}
        for end in range(1, len(sentences) + 1):
            if any(
                start in ends and self.explains(" ".join(sentences[start:end]))
                for start in range(end)
            ):
                ends.add(end)
        return len(sentences) in ends


def readable(window: QWidget) -> Iterator[str]:
    """Every text the admin can read in ``window`` now, but a rich text's preformatted
    blocks (commands, diffs, files: data)."""
    return (text for _, text in visible_texts(window, prose_only=True))


@pytest.fixture
def german(qapp: QApplication) -> Iterator[None]:
    translators = i18n.install(qapp, QLocale(QLocale.Language.German, QLocale.Country.Germany))
    assert len(translators) == 2, "Qt's own and the wizard's German catalogues"
    yield
    i18n.remove(qapp, translators)


@pytest.fixture
def wiz(qtbot: QtBot, german: None) -> Iterator[RelayWizard]:
    # a server with certbot's certificates and failed logins: every sentence about them
    w = RelayWizard(guarded(FakeServices()), FakeDialogs())  # type: ignore[arg-type]
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    yield w
    w.state.worker.stop()


def test_the_catalogues_are_in_step_with_the_code() -> None:
    # every tr() and QT_TRANSLATE_NOOP string is in each .ts, each one translated, nothing
    # obsolete kept, and each .qm compiled from its .ts
    result = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "translations.py"), "check"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_with_a_german_system_locale_the_window_starts_in_german(
    tmp_path: Path, german_system: dict[str, str]
) -> None:
    probe = (
        "from wizard.ui import app as a\n"
        "real = a._open\n"
        "def keep():\n"
        "    app, w = real()\n"
        "    print(w.windowTitle(), '|', w.currentPage().title(), '|',"
        " w.buttonText(w.WizardButton.NextButton), '|', w.buttonText(w.WizardButton.CancelButton))\n"
        "    return app, w\n"
        "a._open = keep\n"
        "a.run_gui()\n"
    )
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith("LC_") and k not in ("LANGUAGE", i18n.LANGUAGE_VARIABLE)
    }
    env.update(german_system)  # LANG=de_DE.UTF-8, the locale really there
    env.update(
        QT_QPA_PLATFORM="offscreen",
        HOME=str(tmp_path),
        XDG_CONFIG_HOME=str(tmp_path / "config"),
        RELAY_WIZARD_EXIT_AFTER_SHOW="1",
    )
    out = subprocess.run(
        [sys.executable, "-c", probe], env=env, cwd=ROOT, capture_output=True, text=True, timeout=60
    )
    assert out.returncode == 0, out.stderr
    assert "Detected locale" not in out.stderr, "the German locale is a real one"
    assert (
        out.stdout.splitlines()[0]
        == "Relay Wizard | Willkommen bei Relay Wizard | &Weiter > | Abbrechen"
    )


def test_core_and_model_sentences_are_shown_in_german(qtbot: QtBot, wiz: RelayWizard) -> None:
    wiz.next()
    connect = wiz.currentPage()
    assert isinstance(connect, ConnectPage)
    connect.host.setText("")
    connect.connect_button.click()  # the core's own check of the server name
    qtbot.waitUntil(lambda: "Servername" in visible(wiz), timeout=5000)
    assert "Der Servername ist leer. Geben Sie einen Hostnamen oder eine IP-Adresse an." in (
        visible(wiz)
    )
    connect.host.setText("mail.example.com")
    connect.password.setText("ssh-pw")
    connect.connect_button.click()
    qtbot.waitUntil(connect.isComplete, timeout=5000)
    to_page(qtbot, wiz, PageId.TEST)
    test = wiz.currentPage()
    assert isinstance(test, test_page.TestPage)
    test.to.setText("")
    test.send.click()  # the Test page's rule (wizard.ui.model.sending)
    qtbot.waitUntil(
        lambda: "Geben Sie den Empfänger, das Konto und sein Passwort ein." in visible(wiz),
        timeout=5000,
    )


def test_the_keyrings_name_is_shown_in_german(qtbot: QtBot, german: None) -> None:
    # the real store's name for the desktop keyring, filled into the Users page's sentence
    services = FakeServices()
    services.creds.location = lambda: _describe(SecretService.Keyring())  # type: ignore[method-assign]
    w = RelayWizard(services, FakeDialogs())  # type: ignore[arg-type]
    qtbot.addWidget(w)
    w.show()
    connected(qtbot, w)
    to_page(qtbot, w, PageId.USERS)
    users = w.currentPage()
    assert isinstance(users, UsersPage)
    users.add.click()
    qtbot.waitUntil(lambda: "Passwort gespeichert" in users.status.text(), timeout=5000)
    assert users.status.text().endswith(
        "Passwort gespeichert in Ihrem Desktop-Schlüsselbund (Secret Service)."
    )
    w.state.worker.stop()


def visible(window: QWidget) -> str:
    return "\n".join(readable(window))


def walk(qtbot: QtBot, w: RelayWizard) -> Iterator[str]:
    """Every page the way a new server goes, each once its work is done."""
    yield from readable(w)  # Welcome
    servers = w.currentPage().open_servers()  # type: ignore[attr-defined]
    qtbot.waitExposed(servers)
    yield from readable(servers)
    servers.close()
    connected(qtbot, w)
    yield from readable(w)
    for page in (PageId.CHECK, PageId.SETTINGS, PageId.REVIEW, PageId.APPLY, PageId.USERS):
        to_page(qtbot, w, page)
        qtbot.wait(50)
        yield from readable(w)
        settings = w.currentPage()
        if isinstance(settings, SettingsPage):  # the Certificate and Protection sections
            qtbot.waitUntil(lambda: settings.model.plan is not None, timeout=5000)  # noqa: B023
            for _state in visit_sections(qtbot, settings):
                yield from readable(w)
    users = w.currentPage()
    assert isinstance(users, UsersPage)
    users.add.click()
    qtbot.waitUntil(lambda: users.table.rowCount() == 1, timeout=5000)
    yield from readable(w)
    w.next()
    test = w.currentPage()
    assert isinstance(test, test_page.TestPage)
    test.to.setText("me@example.org")
    test.password.setText("Typed-Password-99")
    test.send.click()
    qtbot.waitUntil(lambda: "99" not in test.card.text() and bool(test.card.text()), timeout=5000)
    qtbot.waitUntil(lambda: test.send.isEnabled(), timeout=5000)
    yield from readable(w)
    test.audit.click()
    qtbot.waitUntil(lambda: test.audit.isEnabled(), timeout=5000)
    yield from readable(w)
    for page in (PageId.EXPORT, PageId.DONE):
        to_page(qtbot, w, page)
        yield from readable(w)


def test_every_visible_text_of_every_page_is_in_the_german_catalogue(
    qtbot: QtBot, wiz: RelayWizard
) -> None:
    catalogue = Catalogue(german_texts())
    seen = sorted({gap for text in walk(qtbot, wiz) if text for gap in catalogue.gaps(text)})
    assert not seen, "visible text the German catalogue lacks:\n" + "\n".join(seen)


def test_the_data_rule_keeps_sentences_out() -> None:
    for data in (
        "alice",
        "mail.example.com",
        "198.51.100.7:2525",
        "SHA256:AbCd+/12==",
        "/etc/mail/sendmail.mc",
        "alice@mail.example.com, CRAM-MD5",
        "Debian 12, sendmail 8.17.1.9",
    ):
        assert is_data(data), data
    assert is_data("Debian GNU/Linux 12 (bookworm)")
    for sentence in ("Connected to mail", "Port 25 is closed.", "Level: warning"):
        assert not is_data(sentence), sentence
    catalogue = Catalogue({"Verbunden mit %1 (%2).", "Nicht gespeichert: %1"})
    assert catalogue.explains("Verbunden mit mail.example.com (root).")
    assert not catalogue.explains("Verbunden mit the server (root).")
    assert catalogue.gaps("Nicht gespeichert: Verbunden mit x (y).\nThe keyring is locked.") == [
        "The keyring is locked."
    ]
    # a value filled in is data whatever it holds (a subject with spaces and "="), but
    # English prose filled into a German sentence is not
    cert = Catalogue({"STARTTLS wird {cert} verwenden ({subject})."})
    assert cert.explains("STARTTLS wird /etc/mail/tls/s.crt verwenden (CN = mail).")
    assert cert.explains("STARTTLS wird /etc/s.crt verwenden (CN = mail, O = Example Org).")
    assert not cert.explains("STARTTLS wird the server's own file verwenden (CN = mail).")
    saved = Catalogue({"Passwort gespeichert in %1."})
    assert saved.explains("Passwort gespeichert in KWallet.")
    assert not saved.explains("Passwort gespeichert in the test keyring.")
    assert not is_value("the test keyring") and is_value("CN = mail") and not is_data("CN = mail")
    # two whole translations side by side are explained; a stray English sentence is not
    two = Catalogue({"Das Zertifikat ist selbst signiert. Es warnt einmal.", "Es nennt %1: ja."})
    assert two.gaps("Das Zertifikat ist selbst signiert. Es warnt einmal. Es nennt x: ja.") == []
    assert two.gaps("Das Zertifikat ist selbst signiert. Es warnt einmal. It names x.") == [
        "Das Zertifikat ist selbst signiert.",
        "Es warnt einmal.",
        "It names x.",
    ]
