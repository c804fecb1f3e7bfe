"""The user-interface language, through Qt's own translation system.

Source strings are English, marked with ``self.tr()`` or ``QCoreApplication.translate()``;
``pyside6-lupdate`` extracts them into the checked-in Qt Linguist file
``gui/i18n/synergypilot_zh_CN.ts`` (``make i18n``), where the Chinese text is kept.

English is the source language, but Qt's plural forms (``self.tr("%n file(s) read", "", n)``)
need a translation in English too: ``gui/i18n/synergypilot_en.ts`` holds only those messages
(``lupdate -pluralonly``), with "1 file read" and "2 files read".

The compiled ``.qm`` files beside them are checked in too (``make i18n`` writes them; a test
checks they are compiled from the current ``.ts``) and are what the app loads: Qt looks texts
up in C++. (A Python QTranslator subclass was tried first; returning None from its
``translate`` override, the only way to say "not translated here", leaks a reference to None
on every miss under PySide6 and Python 3.11 and crashes a long session.)
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

log = logging.getLogger("synergypilot")
I18N_DIR = Path(__file__).resolve().parent / "i18n"
LANGUAGE_NAMES = {"zh_CN": "简体中文", "en": "English"}
_installed: list[QTranslator] = []
_language = "en"


def ts_files(lang: str) -> list[Path]:
    """The .ts files for a language, the app's own first."""
    return sorted(I18N_DIR.glob(f"*_{lang}.ts"), key=lambda p: not p.name.startswith("synergypilot"))


def _load(ts: Path) -> QTranslator | None:
    """The compiled translation of a .ts file, None (and a log line) when it is missing."""
    translator = QTranslator()
    qm = ts.with_suffix(".qm")
    if translator.load(str(qm)):
        return translator
    log.warning("the compiled translation %s is missing; run `make i18n`", qm)
    return None


def _qt_translator(lang: str) -> QTranslator | None:
    """Qt's shipped translation of its own widgets, when it is installed: qtbase_zh_CN.qm, or
    qt_zh_CN.qm, the whole of Qt's texts in one file, which is what PySide6's wheel ships for
    Simplified Chinese (file dialogs' "Look in:", "Files of type:" …)."""
    folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    for name in (f"qtbase_{lang}", f"qt_{lang}"):
        translator = QTranslator()
        if translator.load(name, folder):
            return translator
    return None


def install(lang: str) -> int:
    """Make ``lang`` the application's language; return the number of translators installed.

    English is the source language: its only translation is of the plural forms. Installing
    sends a LanguageChange event to every widget, which the main window answers by
    retranslating itself.
    """
    global _language
    _language = "zh_CN" if lang == "zh_CN" else "en"
    app = QCoreApplication.instance()
    if app is None:
        raise RuntimeError("make the application before installing its translators")
    for installed in _installed:
        app.removeTranslator(installed)
    _installed.clear()
    QLocale.setDefault(
        QLocale(
            QLocale.Language.Chinese if lang == "zh_CN" else QLocale.Language.English,
            QLocale.Country.China if lang == "zh_CN" else QLocale.Country.UnitedKingdom,
        )
    )
    # Qt's own texts (file dialogs, message box buttons) first: translators installed later
    # are asked first, so ours still win where both have a text.
    qt_own = _qt_translator(lang) if lang != "en" else None
    if qt_own is not None:
        qt_own.setParent(app)
        app.installTranslator(qt_own)
        _installed.append(qt_own)
    for ts in ts_files(lang):
        translator = _load(ts)
        if translator is None:
            continue
        translator.setParent(app)
        app.installTranslator(translator)
        _installed.append(translator)
    return len(_installed)


def current_language() -> str:
    """``zh_CN`` or ``en``, the language last installed."""
    return _language


def data_lang() -> str:
    """The language code scoring/ functions take (``zh`` or ``en``)."""
    return "zh" if current_language() == "zh_CN" else "en"
