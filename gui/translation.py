"""The user-interface language, through Qt's own translation system.

Source strings are English, marked with ``self.tr()`` or ``QCoreApplication.translate()``;
``pyside6-lupdate`` extracts them into the checked-in Qt Linguist file
``gui/i18n/synergypilot_zh_CN.ts`` (``make i18n``), where the Chinese text is kept.

At start the translation is installed from a compiled ``.qm`` beside the ``.ts`` when one is
present and not older (``make i18n`` runs ``pyside6-lrelease``); otherwise the ``.ts`` XML is
read directly into :class:`TsTranslator`, a QTranslator that looks messages up in a dict. The
two give the same lookups, so a source checkout works without a build step and a packaged
build can ship the compiled file.
"""

from __future__ import annotations

import xml.etree.ElementTree as ElementTree
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLocale, QTranslator

I18N_DIR = Path(__file__).resolve().parent / "i18n"
LANGUAGE_NAMES = {"zh_CN": "简体中文", "en": "English"}
_installed: list[QTranslator] = []


def ts_files(lang: str) -> list[Path]:
    """The .ts files for a language, the app's own first."""
    return sorted(I18N_DIR.glob(f"*_{lang}.ts"), key=lambda p: not p.name.startswith("synergypilot"))


class TsTranslator(QTranslator):
    """A translator reading a Qt Linguist .ts file directly (no compile step).

    Unfinished and vanished messages are skipped, as ``lrelease`` does by default.
    """

    def __init__(self, path: Path, parent=None) -> None:
        super().__init__(parent)
        self._messages: dict[tuple[str, str], str] = {}
        self._path = path
        self._parse(path)

    def _parse(self, path: Path) -> None:
        # The file is our own, checked-in source, so the standard library parser is enough.
        root = ElementTree.parse(path).getroot()
        for context in root.iter("context"):
            name = context.findtext("name") or ""
            for message in context.iter("message"):
                source = message.findtext("source") or ""
                node = message.find("translation")
                if node is None or node.get("type") in ("unfinished", "vanished", "obsolete"):
                    continue
                if node.text:
                    self._messages[(name, source)] = node.text

    def __len__(self) -> int:
        return len(self._messages)

    def isEmpty(self) -> bool:  # noqa: N802 (Qt's name)
        return not self._messages

    def translate(self, context, source_text, disambiguation=None, n=-1):  # noqa: D401
        # None becomes a null QString, which tells Qt "not translated here" so it asks the next
        # translator or keeps the source; an empty string would replace Qt's own texts by "".
        return self._messages.get((context, source_text))


def _load(ts: Path) -> QTranslator:
    qm = ts.with_suffix(".qm")
    if qm.exists() and qm.stat().st_mtime >= ts.stat().st_mtime:
        translator = QTranslator()
        if translator.load(str(qm)):
            return translator
    return TsTranslator(ts)


def install(lang: str) -> int:
    """Make ``lang`` the application's language; return the number of translators installed.

    English is the source language and needs none. Installing sends a LanguageChange event
    to every widget, which the main window answers by retranslating itself.
    """
    app = QCoreApplication.instance()
    for translator in _installed:
        app.removeTranslator(translator)
    _installed.clear()
    QLocale.setDefault(
        QLocale(
            QLocale.Language.Chinese if lang == "zh_CN" else QLocale.Language.English,
            QLocale.Country.China if lang == "zh_CN" else QLocale.Country.UnitedKingdom,
        )
    )
    if lang == "en":
        return 0
    for ts in ts_files(lang):
        translator = _load(ts)
        translator.setParent(app)
        app.installTranslator(translator)
        _installed.append(translator)
    return len(_installed)


def current_language() -> str:
    """``zh_CN`` when a Chinese translation is installed, else ``en``."""
    return "zh_CN" if _installed else "en"


def data_lang() -> str:
    """The language code scoring/ functions take (``zh`` or ``en``)."""
    return "zh" if current_language() == "zh_CN" else "en"
