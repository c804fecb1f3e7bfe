"""Every persistent user setting, through one small module over QSettings.

Reads are typed (QSettings returns strings from INI files and variants elsewhere, so each
property converts explicitly) and the store carries a settings version: when a later release
changes a key's meaning, :func:`migrate` is the one place that upgrades old values. Tests point
QSettings at a temporary folder with :func:`use_folder`.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QByteArray, QLocale, QSettings

ORGANISATION = "SynergyPilot"
APPLICATION = "SynergyPilot"
SETTINGS_VERSION = 1
LANGUAGES = ("zh_CN", "en")
MAX_RECENT = 8


def _first_import_folder() -> Path:
    """Where import dialogs open before the user has chosen a folder: the demo, if written."""
    from gui import paths

    demo = paths.demo_dir()
    return demo if demo.is_dir() else Path.home()


def use_folder(folder: str | Path) -> None:
    """Store settings as INI files under ``folder`` (tests and portable installs)."""
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(folder))


def system_language() -> str:
    """``zh_CN`` when the system locale is Chinese, else ``en``."""
    return "zh_CN" if QLocale.system().language() == QLocale.Language.Chinese else "en"


class Settings:
    """Typed access to the user's settings; create one wherever needed, they share the store."""

    def __init__(self) -> None:
        # The explicit format matters: QSettings(org, app) ignores setDefaultFormat and would
        # write to the real user's file even in tests.
        self._store = QSettings(
            QSettings.defaultFormat(), QSettings.Scope.UserScope, ORGANISATION, APPLICATION
        )
        migrate(self._store)

    # -- helpers ----------------------------------------------------------------------------
    def _text(self, key: str, default: str = "") -> str:
        value = self._store.value(key, default)
        return default if value is None else str(value)

    def _bytes(self, key: str) -> QByteArray:
        """A saved window geometry or state (empty when none, or when not one)."""
        value = self._store.value(key, QByteArray())
        return value if isinstance(value, QByteArray) else QByteArray()

    def _set(self, key: str, value) -> None:
        self._store.setValue(key, value)
        self._store.sync()

    # -- language -------------------------------------------------------------------------
    @property
    def language(self) -> str:
        """UI language, ``zh_CN`` or ``en``; defaults from the system locale."""
        value = self._text("ui/language", "")
        return value if value in LANGUAGES else system_language()

    @language.setter
    def language(self, value: str) -> None:
        if value not in LANGUAGES:
            raise ValueError(f"unknown language {value!r}")
        self._set("ui/language", value)

    # -- inspector ------------------------------------------------------------------------
    @property
    def inspector(self) -> str:
        """Name recorded with every manual score and override."""
        return self._text("assess/inspector").strip()

    @inspector.setter
    def inspector(self, value: str) -> None:
        self._set("assess/inspector", value.strip())

    # -- folders --------------------------------------------------------------------------
    @property
    def import_folder(self) -> str:
        return self._text("folders/import", str(_first_import_folder()))

    @import_folder.setter
    def import_folder(self, value: str) -> None:
        self._set("folders/import", str(value))

    @property
    def export_folder(self) -> str:
        return self._text("folders/export", str(Path.home()))

    @export_folder.setter
    def export_folder(self, value: str) -> None:
        self._set("folders/export", str(value))

    def export_folder_beside(self, workspace: Path | None) -> str:
        """Where export dialogs open: the folder last exported to, else the workspace's own
        folder (outputs beside the workspace they come from), else the home folder."""
        fallback = workspace.parent if workspace is not None else Path.home()
        return self._text("folders/export", str(fallback))

    # -- workspaces -----------------------------------------------------------------------
    @property
    def last_workspace(self) -> str:
        return self._text("workspace/last")

    @last_workspace.setter
    def last_workspace(self, value: str) -> None:
        self._set("workspace/last", str(value))

    @property
    def demo_complete(self) -> bool:
        """Whether the first-start demo import ran to its end (quitting can interrupt it)."""
        return self._text("workspace/demo_complete") == "yes"

    @demo_complete.setter
    def demo_complete(self, value: bool) -> None:
        self._set("workspace/demo_complete", "yes" if value else "no")

    @property
    def recent_workspaces(self) -> list[str]:
        """Most recent first, at most MAX_RECENT, only files that still exist."""
        value = self._store.value("workspace/recent", [])
        # one path comes back as a string; anything but a list (a hand-edited file) as no paths
        items = [value] if isinstance(value, str) else list(value) if isinstance(value, list | tuple) else []
        return [str(p) for p in items if p and Path(str(p)).exists()][:MAX_RECENT]

    def add_recent_workspace(self, path: str | Path) -> None:
        path = str(Path(path).resolve())
        items = [p for p in self.recent_workspaces if p != path]
        self._set("workspace/recent", [path, *items][:MAX_RECENT])
        self.last_workspace = path

    # -- window ---------------------------------------------------------------------------
    @property
    def window_geometry(self) -> QByteArray:
        return self._bytes("window/geometry")

    @window_geometry.setter
    def window_geometry(self, value: QByteArray) -> None:
        self._set("window/geometry", value)

    @property
    def window_state(self) -> QByteArray:
        return self._bytes("window/state")

    @window_state.setter
    def window_state(self, value: QByteArray) -> None:
        self._set("window/state", value)


def migrate(store: QSettings) -> None:
    """Bring an older settings store up to SETTINGS_VERSION (version 1 is the first)."""
    stored = store.value("meta/version", 0)
    try:
        version = int(stored) if isinstance(stored, int | float | str) else 0
    except ValueError:
        version = 0
    if version < SETTINGS_VERSION:
        store.setValue("meta/version", SETTINGS_VERSION)
