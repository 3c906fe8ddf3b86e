"""The Settings page's "Certificate" and "Protection" sections: ready for the internet, in
plain words. Each is a widget that says when the admin changed something (``changed``);
the page reads its choice into :class:`~wizard.ui.model.settings.RelayChoice`."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QRadioButton,
    QSpinBox,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from wizard.ui.i18n import shown
from wizard.ui.model.certificate import CertbotOffer, certbot_offers
from wizard.ui.model.protection import (
    GuardNote,
    ban_sentence,
    failures_since,
    protection_today,
    top_sources,
)
from wizard.ui.model.settings import CertChoice, RelayChoice, protect_default
from wizard.ui.widgets import ERROR_STYLE, wrapped_label

if TYPE_CHECKING:
    from wizard.core.change.options import Profile
    from wizard.core.mta.report import CertificateFound, Protection


def _indented() -> QVBoxLayout:
    layout = QVBoxLayout()
    layout.setContentsMargins(24, 0, 0, 0)
    return layout


class CertificateSection(QWidget):
    """The certificate staff's mail programs will see: the server's own, files already
    there, one certbot keeps, or a free one obtained now."""

    changed = Signal()

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self._modern = True
        tab = QVBoxLayout(self)
        self.today = wrapped_label(self, "")  # what staff will see today (the page says it)
        tab.addWidget(self.today)
        self.no_tls = wrapped_label(
            self,
            self.tr(
                "The classic profile does not encrypt, so it uses no certificate. Choose "
                "modern for a certificate."
            ),
        )
        tab.addWidget(self.no_tls)
        self.ways = QWidget(self)  # the choice, hidden for classic
        ways = QVBoxLayout(self.ways)
        ways.setContentsMargins(0, 0, 0, 0)
        tab.addWidget(self.ways)
        group = QButtonGroup(self)
        self.choice: dict[CertChoice, QRadioButton] = {
            "keep": QRadioButton(self.tr("Keep the server's certificate as it is"), self),
            "files": QRadioButton(self.tr("Use certificate files already on the server:"), self),
            "certbot": QRadioButton(
                self.tr("Use a certificate that certbot already keeps on the server:"), self
            ),
            "obtain": QRadioButton(
                self.tr("Get a free certificate from Let's Encrypt for this name:"), self
            ),
        }
        for radio in self.choice.values():
            group.addButton(radio)
        self.choice["keep"].setChecked(True)
        ways.addWidget(self.choice["keep"])
        ways.addWidget(self.choice["files"])
        self.cert = QLineEdit(self)
        self.cert.setPlaceholderText(self.tr("server's own (Debian: /etc/mail/tls/...)"))
        self.cert.setAccessibleName(self.tr("Certificate path on the server"))
        self.key = QLineEdit(self)
        self.key.setAccessibleName(self.tr("Key path on the server"))
        form = QFormLayout()
        form.setContentsMargins(24, 0, 0, 0)
        cert_label = QLabel(self.tr("Certi&ficate:"), self)
        cert_label.setBuddy(self.cert)
        key_label = QLabel(self.tr("&Key:"), self)
        key_label.setBuddy(self.key)
        form.addRow(cert_label, self.cert)
        form.addRow(key_label, self.key)
        ways.addLayout(form)
        ways.addWidget(self.choice["certbot"])
        self.certbot_list = QComboBox(self)
        self.certbot_list.setAccessibleName(self.tr("Certificates certbot keeps"))
        self.certbot_list.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.certbot_none = wrapped_label(
            self, self.tr("certbot keeps no certificate on this server.")
        )
        certbot = _indented()
        certbot.addWidget(self.certbot_list)
        certbot.addWidget(self.certbot_none)
        ways.addLayout(certbot)
        self.offers: list[CertbotOffer] = []
        ways.addWidget(self.choice["obtain"])
        self.cert_name = QLineEdit(self)
        self.cert_name.setAccessibleName(self.tr("Name of the server for the certificate"))
        self.cert_name.setPlaceholderText(self.tr("the name staff use, such as mail.example.com"))
        self.obtain_note = wrapped_label(
            self,
            self.tr(
                "This name must point at this server in DNS, and port 80 must be reachable "
                "from the internet while the certificate is fetched (about a minute). Relay "
                "Wizard tries it first without changing anything. The certificate is then "
                "renewed automatically before it runs out."
            ),
        )
        self.no_certbot = wrapped_label(
            self,
            self.tr("The server needs the certbot package first: install it, then check again."),
        )
        self.no_certbot.setStyleSheet(ERROR_STYLE)
        self.certbot_installed = True
        self.postfix = False  # the server runs Postfix: certbot is not offered there yet
        self.postfix_note = wrapped_label(
            self,
            self.tr(
                "On Postfix, Relay Wizard uses the certificate Postfix has or files you name; "
                "it does not get certificates from Let's Encrypt for Postfix yet."
            ),
        )
        self.postfix_note.hide()
        self.more = QToolButton(self)
        self.more.setText(self.tr("Details"))
        self.more.setAccessibleName(self.tr("Details of getting a certificate"))
        self.more.setCheckable(True)
        self.more.setAutoRaise(True)
        self.more.setArrowType(Qt.ArrowType.RightArrow)
        self.more.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.more_box = QWidget(self)
        details = QVBoxLayout(self.more_box)  # each label above its box: wraps in German too
        details.setContentsMargins(0, 0, 0, 0)
        self.acme_server = QLineEdit(self.more_box)
        self.acme_server.setText(RelayChoice().acme_server)
        self.acme_server.setAccessibleName(self.tr("Address of the certificate authority"))
        self.acme_email = QLineEdit(self.more_box)
        self.acme_email.setAccessibleName(self.tr("Email for expiry warnings"))
        self.acme_email.setPlaceholderText(self.tr("optional"))
        self.webroot = QLineEdit(self.more_box)
        self.webroot.setAccessibleName(self.tr("Web server's folder"))
        self.webroot.setPlaceholderText(self.tr("optional, such as /var/www/html"))
        for text, edit in (
            (self.tr("Certificate authority (its address):"), self.acme_server),
            (self.tr("Email for expiry warnings:"), self.acme_email),
            (self.tr("Answer through my web server's folder:"), self.webroot),
        ):
            label = wrapped_label(self.more_box, text)
            label.setBuddy(edit)
            details.addWidget(label)
            details.addWidget(edit)
        details.addWidget(
            wrapped_label(
                self.more_box,
                self.tr(
                    "Give the folder only if a web server already uses port 80 on this "
                    "server: the answer is then put there. Otherwise certbot answers by itself."
                ),
            )
        )
        self.more_box.hide()
        self.more.toggled.connect(self._show_more)
        obtain = _indented()
        for widget in (self.cert_name, self.obtain_note, self.no_certbot, self.more, self.more_box):
            obtain.addWidget(widget)
        ways.addLayout(obtain)
        ways.addWidget(self.postfix_note)
        tab.addStretch(1)
        for edit in (self.cert, self.key, self.cert_name, self.acme_server):
            edit.textChanged.connect(self.changed)
        for edit in (self.acme_email, self.webroot):
            edit.textChanged.connect(self.changed)
        self.certbot_list.currentIndexChanged.connect(self.changed)
        # typing a file's path, a name, or picking from certbot's list chooses that way
        self.cert.textChanged.connect(self._typed_path)
        self.key.textChanged.connect(self._typed_path)
        self.cert_name.textEdited.connect(lambda: self.choice["obtain"].setChecked(True))
        self.certbot_list.activated.connect(lambda: self.choice["certbot"].setChecked(True))
        for radio in self.choice.values():
            radio.toggled.connect(self._chosen)
        self.set_profile("modern")

    def _typed_path(self, text: str) -> None:
        if text:
            self.choice["files"].setChecked(True)

    def _chosen(self, on: bool) -> None:
        if on:
            self._show()
            self.changed.emit()

    def _show_more(self, on: bool) -> None:
        self.more_box.setVisible(on)
        self.more.setArrowType(Qt.ArrowType.DownArrow if on else Qt.ArrowType.RightArrow)

    def chosen(self) -> CertChoice:
        return next((c for c, radio in self.choice.items() if radio.isChecked()), "keep")

    def name(self) -> str:
        """The name the certificate is for: certbot's pick, or the name box."""
        if self.chosen() == "certbot":
            index = self.certbot_list.currentIndex()
            return self.offers[index].cert_name if 0 <= index < len(self.offers) else ""
        return self.cert_name.text()

    def set_profile(self, profile: Profile) -> None:
        self._modern = profile == "modern"
        self.today.setVisible(self._modern)
        self.no_tls.setVisible(not self._modern)
        self.ways.setVisible(self._modern)
        self._show()

    def show_server(
        self, certificates: list[CertificateFound], certbot_installed: bool, staff_name: str
    ) -> None:
        """What the server has: certbot's certificates, certbot itself, the name staff use."""
        self.offers = certbot_offers(certificates)
        self.certbot_list.blockSignals(True)
        self.certbot_list.clear()
        for offer in self.offers:
            text = (
                self.tr("%1, valid until %2")
                if offer.covers
                else self.tr("%1, valid until %2 (does not name this server)")
            )
            self.certbot_list.addItem(text.replace("%1", offer.names).replace("%2", offer.expires))
        self.certbot_list.blockSignals(False)
        self.certbot_installed = certbot_installed
        if not self.cert_name.text():
            self.cert_name.setText(staff_name)
        self._show()

    def set_mail_server(self, postfix: bool) -> None:
        """On Postfix only the server's own certificate or named files are offered."""
        self.postfix = postfix
        if postfix and self.chosen() in ("certbot", "obtain"):
            self.choice["keep"].setChecked(True)
        self.cert.setPlaceholderText(
            self.tr("Postfix's own (Debian: /etc/ssl/certs/...)")
            if postfix
            else self.tr("server's own (Debian: /etc/mail/tls/...)")
        )
        self._show()

    def _show(self) -> None:
        """Only the chosen way's boxes are open; its notes show."""
        certbot: tuple[QWidget, ...] = (
            self.choice["certbot"],
            self.certbot_list,
            self.certbot_none,
            self.choice["obtain"],
            self.cert_name,
            self.more,
        )
        for shown_here in certbot:
            shown_here.setVisible(not self.postfix)
        self.postfix_note.setVisible(self.postfix)
        if self.postfix:
            self.obtain_note.hide()
            self.no_certbot.hide()
            self.more_box.hide()
            return
        modern, chosen = self._modern, self.chosen()
        for radio in self.choice.values():
            radio.setEnabled(modern)
        self.choice["certbot"].setEnabled(modern and bool(self.offers))
        self.certbot_list.setVisible(bool(self.offers))
        self.certbot_none.setVisible(not self.offers)
        for widget in (self.cert, self.key, self.cert_name, self.more, self.more_box):
            widget.setEnabled(modern)
        self.certbot_list.setEnabled(modern and bool(self.offers))
        obtaining = modern and chosen == "obtain"
        self.obtain_note.setVisible(obtaining)
        self.no_certbot.setVisible(obtaining and not self.certbot_installed)


class ProtectionSection(QWidget):
    """The ban on addresses that guess passwords, its numbers, who is never banned, and
    what protects the logins today."""

    changed = Signal()

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        tab = QVBoxLayout(self)
        self.today = wrapped_label(self, "")  # what protects the logins today
        tab.addWidget(self.today)
        self.protect = QCheckBox(self.tr("Ban addresses that &guess passwords"), self)
        tab.addWidget(self.protect)
        tab.addWidget(
            wrapped_label(
                self,
                self.tr(
                    "After several failed logins from one address, the server's firewall "
                    "refuses that address for a while. Staff who mistype a password once or "
                    "twice are not affected."
                ),
            )
        )
        default = RelayChoice()
        self.max_retry = QSpinBox(self)
        self.max_retry.setRange(1, 100)
        self.max_retry.setValue(default.max_retry)
        self.find_minutes = QSpinBox(self)
        self.find_minutes.setRange(1, 1440)
        self.find_minutes.setValue(default.find_minutes)
        self.ban_minutes = QSpinBox(self)
        self.ban_minutes.setRange(1, 43200)
        self.ban_minutes.setValue(default.ban_minutes)
        self.allow = QLineEdit(self)
        self.allow.setPlaceholderText(self.tr("such as 192.0.2.10, 198.51.100.0/24"))
        form = QFormLayout()
        for text, widget in (
            (self.tr("Failed log&ins before a ban:"), self.max_retry),
            (self.tr("Counted &within (minutes):"), self.find_minutes),
            (self.tr("Ban f&or (minutes):"), self.ban_minutes),
            (self.tr("Never banne&d:"), self.allow),
        ):
            label = QLabel(text, self)
            label.setBuddy(widget)
            widget.setAccessibleName(text.replace("&", "").rstrip(":"))
            if isinstance(widget, QSpinBox):
                widget.setMaximumWidth(widget.fontMetrics().horizontalAdvance("000000") + 40)
            form.addRow(label, widget)
        tab.addLayout(form)
        self.rule = wrapped_label(self, "")
        tab.addWidget(self.rule)
        self.own_address = wrapped_label(
            self,
            self.tr(
                "The address this computer connects from is never banned: Relay Wizard adds "
                "it by itself."
            ),
        )
        tab.addWidget(self.own_address)
        self.postfix_note = wrapped_label(
            self,
            self.tr(
                "On Postfix, Relay Wizard does not set up this ban yet: the rest of the setup "
                "goes ahead without it. fail2ban's own rules for Postfix can do this job."
            ),
        )
        self.postfix_note.hide()
        tab.addWidget(self.postfix_note)
        tab.addStretch(1)
        self.postfix = False
        self.touched = False  # the admin ticked or unticked the ban
        self.protect.clicked.connect(self._clicked)
        self.protect.toggled.connect(self._show_rule)
        self.protect.toggled.connect(self.changed)
        for spin in (self.max_retry, self.find_minutes, self.ban_minutes):
            spin.valueChanged.connect(self._show_rule)
            spin.valueChanged.connect(self.changed)
        self.allow.textChanged.connect(self.changed)
        self._show_rule()

    def _clicked(self) -> None:
        # the admin's own choice from now on, whatever the profile (toggled came first,
        # while it still counted as the profile's: say it again)
        self.touched = True
        self.changed.emit()

    def set_profile(self, profile: Profile) -> None:
        """The ban as the profile sets it, unless the admin chose."""
        if not self.touched:
            self.protect.setChecked(protect_default(profile))

    def given(self) -> bool | None:
        """The admin's choice, or None when the box is as the profile set it (always on
        Postfix, where the ban is not offered)."""
        return self.protect.isChecked() if self.touched and not self.postfix else None

    def set_mail_server(self, postfix: bool) -> None:
        """On Postfix the ban is not offered: its controls make way for a sentence."""
        self.postfix = postfix
        self.postfix_note.setVisible(postfix)
        for widget in self.findChildren(QWidget):
            if widget is not self.postfix_note and widget.parent() is self:
                widget.setVisible(not postfix)

    def _show_rule(self) -> None:
        """The ban's numbers in words; the numbers are open only while the ban is on."""
        on = self.protect.isChecked()
        for widget in (self.max_retry, self.find_minutes, self.ban_minutes, self.allow):
            widget.setEnabled(on)
        self.rule.setText(
            shown(
                ban_sentence(
                    self.max_retry.value(),
                    self.find_minutes.value() * 60,
                    self.ban_minutes.value() * 60,
                )
            )
            if on
            else self.tr("Nobody is banned: password guessers can keep trying.")
        )

    def show_server(self, p: Protection, address: str) -> None:
        """What protects the logins today, and the admin's address that is never banned."""
        if address:
            self.own_address.setText(
                self.tr(
                    "Your own address, %1, is never banned: Relay Wizard adds it by itself."
                ).replace("%1", address)
            )
        self.today.setText(self.today_text(p))

    def today_text(self, p: Protection) -> str:
        said = {
            GuardNote.NO_FAIL2BAN: self.tr(
                "The server needs the fail2ban package for the ban: install it, then check again."
            ),
            GuardNote.FAIL2BAN_STOPPED: self.tr(
                "fail2ban is installed but not running: Relay Wizard starts it."
            ),
            GuardNote.FAIL2BAN_WATCHING: self.tr(
                "fail2ban already watches the mail server's logins."
            ),
            GuardNote.FAIL2BAN_IDLE: self.tr(
                "fail2ban runs, but nothing watches the mail server's logins yet."
            ),
            GuardNote.FAILURES: (
                self.tr("The mail log shows %1 failed logins since %2, most from %3.")
                if p.failures.top_sources
                else self.tr("The mail log shows %1 failed logins since %2.")
            )
            .replace("%1", str(p.failures.count))
            .replace("%2", failures_since(p))
            .replace("%3", top_sources(p)),
            GuardNote.NO_FAILURES: self.tr("The mail log shows no failed logins."),
        }
        return " ".join(said[note] for note in protection_today(p))
