"""Settings: the profile and its login methods; the checks update as the admin changes options.

The page is, top to bottom: the profile with one plain sentence on what it means for staff,
three sections as tabs (the logins: methods, the logins kept, the extra ports; the
certificate staff see; the protection against password guessing: ``settings_guard``), then
the checks.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QRadioButton,
    QScrollArea,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from wizard.core.errors import WizardError
from wizard.core.exports.identity import report_identity
from wizard.ui.model.certificate import CertNote, cert_summary
from wizard.ui.model.mailserver import receives_from_network
from wizard.ui.model.settings import MECHANISMS, RelayChoice, kept_mechanisms, mechanism_boxes
from wizard.ui.model.state import Loaded, PageId
from wizard.ui.pages.base import Page
from wizard.ui.pages.settings_guard import CertificateSection, ProtectionSection
from wizard.ui.widgets import ERROR_STYLE, NoteList
from wizard.ui.worker import JobContext, error_text


class SettingsPage(Page):
    page_id = PageId.SETTINGS

    def build(self) -> None:
        self.modern = QRadioButton(
            self.tr("&Modern (recommended): encrypted, mail programs use port 587"), self
        )
        self.classic = QRadioButton(
            self.tr("&Classic: port 25 without encryption, for old mail programs"), self
        )
        self.modern.setToolTip(
            self.tr(
                "STARTTLS with the server's certificate, the submission port 587 with login "
                "required, passwords only inside encryption."
            )
        )
        self.group = QButtonGroup(self)
        self.group.addButton(self.modern)
        self.group.addButton(self.classic)
        self.modern.setChecked(True)
        self.body.addWidget(self.modern)
        self.body.addWidget(self.classic)
        # what the chosen profile means for staff, in one sentence
        self.profile_note = self.label("")
        self.body.addWidget(self.profile_note)
        self.tabs = QTabWidget(self)
        self.tabs.setAccessibleName(self.tr("Settings sections"))
        logins = QWidget(self)
        tab = QVBoxLayout(logins)
        box = QGroupBox(self.tr("Login methods (how a mail program proves who is sending)"), self)
        box.setToolTip(self.tr("The SMTP AUTH mechanisms the server offers and trusts."))
        self.mech_box = box
        mech_row = QHBoxLayout(box)
        self.mechs: dict[str, QCheckBox] = {}
        for mech in MECHANISMS:
            check = QCheckBox(mech, box)
            self.mechs[mech] = check
            mech_row.addWidget(check)
        tab.addWidget(box)
        # Mechanisms the server trusts today: kept unless the admin unticks one.
        self.kept_box = QGroupBox(self.tr("Logins staff use today (kept)"), self)
        self.kept_box.setToolTip(
            self.tr(
                "The server already accepts these for sending. Untick one only if no mail "
                "program uses it any more: those that do could no longer send."
            )
        )
        self.kept_row = QHBoxLayout(self.kept_box)
        self.kept: dict[str, QCheckBox] = {}
        self.kept_box.hide()
        tab.addWidget(self.kept_box)
        self.open_smtp = QCheckBox(self.tr("Also accept mail from the network on port &25"), self)
        self.smtps = QCheckBox(
            self.tr("Also accept &encrypted connections on port 465 (older mail programs)"), self
        )
        tab.addWidget(self.open_smtp)
        tab.addWidget(self.smtps)
        tab.addStretch(1)
        self._add_tab(logins, self.tr("&Logins"))
        self.certificate = CertificateSection(self)
        self.tab_cert = self._add_tab(self.certificate, self.tr("Ce&rtificate"))
        self.protection = ProtectionSection(self)
        self.tab_protect = self._add_tab(self.protection, self.tr("&Protection"))
        # the widgets an error's field points at (wizard.ui.fields)
        c, p = self.certificate, self.protection
        self.cert, self.key, self.cert_note = c.cert, c.key, c.today
        self.cert_name, self.certbot_list = c.cert_name, c.certbot_list
        self.acme_server, self.acme_email, self.webroot = c.acme_server, c.acme_email, c.webroot
        self.max_retry, self.allow = p.max_retry, p.allow
        self.body.addWidget(self.tabs, 5)
        self.status = self.label("")
        self.body.addWidget(self.status)
        self.checks = NoteList(self, self.tr("Checks"))
        self.body.addWidget(self.checks, 2)
        self._syncing = False
        for widget in (self.modern, self.classic, self.open_smtp, self.smtps, *self.mechs.values()):
            widget.toggled.connect(self.update_plan)
        self.modern.toggled.connect(self._profile_changed)
        self.certificate.changed.connect(self.update_plan)
        self.protection.changed.connect(self.update_plan)

    def _add_tab(self, section: QWidget, title: str) -> int:
        """A section as a tab, scrolled up and down (never sideways) when taller than its
        room; returns its index."""
        scroll = QScrollArea(self.tabs)
        scroll.setWidgetResizable(True)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(section)
        return self.tabs.addTab(scroll, title)

    def choice(self) -> RelayChoice:
        return RelayChoice(
            modern=self.modern.isChecked(),
            mechanisms=tuple(m for m, check in self.mechs.items() if check.isChecked()),
            unticked_kept=tuple(m for m, check in self.kept.items() if not check.isChecked()),
            open_smtp=self.open_smtp.isChecked(),
            smtps=self.smtps.isChecked(),
            # the paths count only while their way is chosen
            cert=self.cert.text() if self.certificate.chosen() == "files" else "",
            key=self.key.text() if self.certificate.chosen() == "files" else "",
            certificate=self.certificate.chosen(),
            cert_name=self.certificate.name(),
            acme_server=self.acme_server.text(),
            acme_email=self.acme_email.text(),
            webroot=self.webroot.text(),
            protect=self.protection.given(),
            max_retry=self.max_retry.value(),
            find_minutes=self.protection.find_minutes.value(),
            ban_minutes=self.protection.ban_minutes.value(),
            allow=self.allow.text(),
        )

    def _profile_changed(self) -> None:
        profile = self.choice().profile
        self._syncing = True
        for mech, (enabled, ticked) in mechanism_boxes(profile).items():
            self.mechs[mech].setEnabled(enabled)
            self.mechs[mech].setChecked(ticked)
        for widget in (self.open_smtp, self.smtps):
            widget.setEnabled(profile == "modern")
        self.certificate.set_profile(profile)
        self.protection.set_profile(profile)
        if profile == "modern":
            self.profile_note.setText(
                self.tr(
                    "Mail and passwords travel encrypted; staff's mail programs log in on port 587."
                )
            )
        else:
            self.profile_note.setText(
                self.tr(
                    "Mail and logins then cross the network unencrypted: anyone on the way "
                    "can read the mail. Choose classic only for mail programs that cannot "
                    "encrypt."
                )
            )
        self._syncing = False
        self.update_plan()

    def initializePage(self) -> None:
        self.model.plan = None
        self._profile_changed()
        self.update_complete()
        self.checks.clear()
        self.status.setStyleSheet("")
        self.status.setText(self.tr("Reading the configuration..."))
        services = self.ctx.services
        options = self.choice().options()

        def work(ctx: JobContext) -> Loaded:
            return Loaded(*services.read_state(ctx.session, options, ctx.cancel))

        self.ctx.run(work, self._loaded, self._failed)

    def _loaded(self, loaded: Loaded) -> None:
        self.model.loaded = loaded
        self.cert_note.setText(self.cert_text(loaded))
        self._show_kept(loaded)
        report = loaded.server.report
        target = self.model.target
        staff_use = report_identity(target.host if target else "", report).server_name
        self._syncing = True  # one plan for all of it, below
        # a Postfix that already takes mail from the network on port 25: nothing to open
        already = receives_from_network(report)
        if already:
            self.open_smtp.setChecked(False)
        self.open_smtp.setVisible(not already)
        self.certificate.show_server(
            report.certificates, bool(report.protection.certbot), staff_use
        )
        self.certificate.set_mail_server(report.mta == "postfix")
        self.protection.set_mail_server(report.mta == "postfix")
        self.protection.show_server(report.protection, loaded.server.guard.admin_address)
        self._syncing = False
        self.update_plan()

    def cert_text(self, loaded: Loaded) -> str:
        """The server's certificate in plain sentences: what staff will see."""
        target = self.model.target
        report = loaded.server.report
        staff_use = report_identity(target.host if target else "", report).server_name
        c = cert_summary(report.tls, staff_use)
        said = {
            CertNote.NONE: self.tr(
                "No certificate was found on the server: give the paths of one above."
            ),
            CertNote.SELF_SIGNED: self.tr(
                "The server's certificate is self-signed (made out for %1 by the server "
                "itself). Staff's mail programs will warn the first time they connect; the "
                "settings sheets give them its fingerprint to compare, then they accept it "
                "once. The wizard's own test checks it over SSH."
            ).replace("%1", c.names),
            CertNote.AUTHORITY: self.tr(
                "The server's certificate is issued by %1 for %2 and valid until %3: mail "
                "programs trust it without a question."
            )
            .replace("%1", c.issuer)
            .replace("%2", c.names)
            .replace("%3", c.expires),
            CertNote.OLD_NAME: self.tr(
                "It was made out for %1, while staff will use %2: as they accept it by its "
                "fingerprint, the name does not matter to them."
            )
            .replace("%1", c.names)
            .replace("%2", c.host),
            CertNote.OTHER_NAME: self.tr(
                "It names %1, not the name used here: staff must enter %1 as the server's "
                "name, or their mail program will warn that the name does not match."
            ).replace("%1", c.names),
        }
        return " ".join(said[note] for note in c.notes)

    def mark(self, exc: BaseException | None) -> QWidget | None:
        """Point at the field's widget, and open its section so the admin sees it."""
        widget = super().mark(exc)
        if widget is not None:
            for index in range(self.tabs.count()):
                tab = self.tabs.widget(index)
                if tab is not None and tab.isAncestorOf(widget):
                    self.tabs.setCurrentIndex(index)
            if self.certificate.more_box.isAncestorOf(widget):
                self.certificate.more.setChecked(True)
        return widget

    def _show_kept(self, loaded: Loaded) -> None:
        """A box per mechanism the server trusts today (the .mc and the built .cf)."""
        for check in self.kept.values():
            self.kept_row.removeWidget(check)
            check.deleteLater()
        self.kept = {}
        trusted = kept_mechanisms(loaded.server)
        for mech in trusted:
            check = QCheckBox(mech, self.kept_box)
            check.setChecked(True)
            check.setAccessibleName(self.tr("Keep %1").replace("%1", mech))
            check.toggled.connect(self.update_plan)
            self.kept[mech] = check
            self.kept_row.addWidget(check)
        self.kept_box.setVisible(bool(trusted))

    def _failed(self, exc: BaseException) -> None:
        self.checks.clear()
        self.status.setStyleSheet(ERROR_STYLE)
        self.status.setText(error_text(exc))

    def update_plan(self) -> None:
        loaded = self.model.loaded
        if self._syncing or loaded is None:
            return
        self.checks.clear()
        self.status.clear()
        self.mark(None)
        choice = self.choice()
        self.mech_box.setStyleSheet("")
        if choice.no_login_method:
            self.model.plan = None
            self.mech_box.setStyleSheet("QGroupBox { color: #b00020 }")
            self.checks.add(
                "error",
                self.tr(
                    "Tick at least one login method: without one, nobody could log in to send mail."
                ),
            )
            self.update_complete()
            return
        try:
            options = choice.options().validated()
            plan = self.ctx.services.plan(loaded.server, loaded.remote, options)
        except WizardError as exc:
            self.model.plan = None
            self.mark(exc)
            self.checks.add("error", error_text(exc))
            self.update_complete()
            return
        self.model.options = options
        self.model.plan = plan
        if plan.nothing_to_do and not plan.errors:
            self.status.setText(self.tr("Nothing to change: the server already has this."))
        order = {"error": 0, "warning": 1, "ok": 2}
        for check in sorted(plan.checks, key=lambda c: order.get(str(c.level), 1)):
            self.checks.add(str(check.level), check.message, detail=check.detail)
        self.update_complete()
