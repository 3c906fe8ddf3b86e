"""Which widget an error's field means, page by page: the one place that maps
:class:`wizard.core.errors.Field` to the GUI (the CLI maps it to a flag)."""

from __future__ import annotations

from PySide6.QtWidgets import QLineEdit, QWidget

from wizard.core.errors import Field
from wizard.ui.model.state import PageId

# Per page: the field, and the name of the page's attribute that holds its widget.
WIDGETS: dict[PageId, dict[Field, str]] = {
    PageId.CONNECT: {
        Field.HOST: "host",
        Field.PORT: "port",
        Field.USER: "user",
        Field.PASSWORD: "password",
    },
    PageId.SETTINGS: {
        Field.CERT: "cert",
        Field.KEY: "key",
        Field.CERTIFICATE: "certbot_list",
        Field.CERT_NAME: "cert_name",
        Field.ACME_SERVER: "acme_server",
        Field.EMAIL: "acme_email",
        Field.WEBROOT: "webroot",
        Field.BAN: "max_retry",
        Field.ALLOW: "allow",
    },
    PageId.TEST: {
        Field.TO: "to",
        Field.EMAIL: "to",
        Field.ACCOUNT: "user",
        Field.PASSWORD: "password",
        Field.SECURITY: "security",
        Field.MECHANISM: "mech",
        Field.PIN_CERT: "pin",
    },
    PageId.EXPORT: {
        Field.ACCOUNT: "account",
        Field.EMAIL: "email",
        Field.DOMAIN: "domain",
        Field.SERVER_NAME: "server_name",
        Field.INCOMING: "incoming_host",
        Field.FORMAT: "format",
    },
}

_MARK = "border: 1px solid #b00020"


def widget_for(page: QWidget, page_id: PageId, field: Field | None) -> QWidget | None:
    """The widget on ``page`` where the admin types ``field``, if it has one."""
    name = WIDGETS.get(page_id, {}).get(field) if field is not None else None
    widget = getattr(page, name, None) if name else None
    return widget if isinstance(widget, QWidget) else None


def mark(page: QWidget, page_id: PageId, field: Field | None, message: str = "") -> QWidget | None:
    """Point at the widget of ``field`` (a red frame on a text box, the error as its
    accessible description); clear the last mark on the page. Returns the widget."""
    for name in WIDGETS.get(page_id, {}).values():
        old = getattr(page, name, None)
        if isinstance(old, QWidget) and old.property("relay_wizard_marked"):
            old.setProperty("relay_wizard_marked", False)
            old.setAccessibleDescription("")
            if isinstance(old, QLineEdit):
                old.setStyleSheet("")
    widget = widget_for(page, page_id, field)
    if widget is not None:
        widget.setProperty("relay_wizard_marked", True)
        widget.setAccessibleDescription(message)
        if isinstance(widget, QLineEdit):
            widget.setStyleSheet(_MARK)
    return widget
