"""The window in the admin's language: the catalogue for the system locale, installed before
the first window is made, and the core's :class:`~wizard.core.translatable.Translatable`
sentences translated at display time.

The catalogues are ``wizard/resources/translations/relay_wizard_LANG.qm``, compiled from the
``.ts`` files next to them (``scripts/translations``; docs/translations.md). Qt's own
``qtbase`` catalogue, which PySide6 ships, translates the standard buttons and dialogs.
English needs no catalogue: the sources are English.
"""

from __future__ import annotations

import os
from importlib import resources

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from wizard.core.translatable import Translatable

CATALOGUE = "relay_wizard"
# The admin's choice over the system's (a locale name such as de_DE); the tests use it too.
LANGUAGE_VARIABLE = "RELAY_WIZARD_LANGUAGE"


def catalogue_folder() -> str:
    """Where the compiled catalogues are (a folder on disk in the wheel and the bundle)."""
    return str(resources.files("wizard.resources") / "translations")


def chosen_locale() -> QLocale:
    """``$RELAY_WIZARD_LANGUAGE`` if set, else the system's (``LANG``, ``LC_MESSAGES``...)."""
    name = os.environ.get(LANGUAGE_VARIABLE, "").strip()
    return QLocale(name) if name else QLocale.system()


def install(app: QCoreApplication, locale: QLocale | None = None) -> list[QTranslator]:
    """Install Qt's and the wizard's catalogues for ``locale`` (default: :func:`chosen_locale`)
    on ``app``; returns the translators installed (keep them: Qt does not own them).

    Call it before the first window is made: widgets translate their text when built.
    """
    locale = chosen_locale() if locale is None else locale
    if locale.language() in (QLocale.Language.English, QLocale.Language.C):
        return []  # the sources are English: nothing to load, nothing added to the start
    installed: list[QTranslator] = []
    qt_folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    # Qt's first, then ours: Qt asks the most recently installed translator first.
    for name, folder in (("qtbase", qt_folder), (CATALOGUE, catalogue_folder())):
        translator = QTranslator(app)
        if translator.load(locale, name, "_", folder) and app.installTranslator(translator):
            installed.append(translator)
    return installed


def remove(app: QCoreApplication, translators: list[QTranslator]) -> None:
    """Undo :func:`install` (the tests switch languages inside one process)."""
    for translator in translators:
        app.removeTranslator(translator)


def shown(text: str) -> str:
    """``text`` as the window shows it: a core Translatable in the admin's language, any
    other text (a host name, a server's reply, a typed value) unchanged."""
    if isinstance(text, Translatable):
        return text.translated(QCoreApplication.translate)
    return text
