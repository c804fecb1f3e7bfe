"""What the table models over scored results share: a vector of visible row numbers, one
numpy key array per column, and sorting by one ``argsort`` that keeps selections in place.

Subclasses fill ``_columns`` ((key, header) pairs), ``_keys`` and ``_visible`` on reset; rows
sort by the chosen column's key array (:func:`ordered`) unless a subclass sorts its own way. An
empty model holds :data:`NO_ROWS`, so that the window's empty tables are made before numpy
loads (issue 19: start-up).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt

if TYPE_CHECKING:
    import numpy as np

_INVALID = QModelIndex()
#: The rows of a model with none: indexes like an empty array, without numpy.
NO_ROWS: tuple[int, ...] = ()


def ordered(values: np.ndarray, visible: np.ndarray | tuple[int, ...], descending: bool) -> np.ndarray:
    """``visible`` reordered by ``values`` (one per visible row), NaN last in both directions."""
    import numpy as np

    visible = np.asarray(visible)
    if values.dtype.kind == "f":
        values = np.where(np.isnan(values), -np.inf if descending else np.inf, values)
    order_index = np.argsort(values, kind="stable")
    return visible[order_index[::-1] if descending else order_index]


class IndexedTableModel(QAbstractTableModel):
    """A read-only table whose rows are ``_visible`` indexes into the subclass's own list."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._columns: list[tuple[str, str]] = []  # (key, header)
        self._keys: dict[str, np.ndarray] = {}
        self._visible: np.ndarray | tuple[int, ...] = NO_ROWS
        self._sort_by: tuple[int, Qt.SortOrder] = (0, Qt.SortOrder.AscendingOrder)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sort the visible rows by a column with one numpy argsort; selections follow."""
        self._sort_by = (column, order)
        if self._columns:
            self._resort()

    @contextmanager
    def _refiltering(self) -> Iterator[None]:
        """A model reset around new rows or a new filter, then the rows ``_filtered_rows()``
        keeps shown in the current sort order."""
        self.beginResetModel()
        try:
            yield
            self._visible = self._filtered_rows()
            self._apply_sort()
        finally:
            self.endResetModel()

    def _filtered_rows(self) -> np.ndarray | tuple[int, ...]:
        """The row numbers shown (a subclass that filters says which)."""
        raise NotImplementedError

    def _apply_sort(self) -> None:
        """Order ``_visible`` by the key array of the sort column (no key: left as it is)."""
        column, order = self._sort_by
        if not self._columns or not len(self._visible):
            return
        key = self._keys.get(self._columns[min(column, len(self._columns) - 1)][0])
        if key is not None:
            self._visible = ordered(key[self._visible], self._visible, order == Qt.SortOrder.DescendingOrder)

    def _resort(self) -> None:
        """Re-apply the sort, moving persistent indexes (selections) with their rows."""
        self.layoutAboutToBeChanged.emit()
        persistent = self.persistentIndexList()
        old_rows = [int(self._visible[i.row()]) for i in persistent]
        self._apply_sort()
        position = {int(r): i for i, r in enumerate(self._visible)}
        new = [
            self.index(position[r], i.column()) if r in position else _INVALID
            for r, i in zip(old_rows, persistent, strict=True)
        ]
        self.changePersistentIndexList(persistent, new)
        self.layoutChanged.emit()

    def column_of(self, key: str) -> int:
        """The column showing ``key``, -1 when none does."""
        return next((i for i, (k, _) in enumerate(self._columns) if k == key), -1)

    def rowCount(self, parent=_INVALID) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self._visible)

    def columnCount(self, parent=_INVALID) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self._columns)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            if 0 <= section < len(self._columns):
                return self._columns[section][1]
        return None
