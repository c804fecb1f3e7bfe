"""Criteria several inspectors scored, as a table: one column per inspector, sortable by spread.

The rows are :class:`scoring.core.reconcile.DisagreementRow` objects, made by scoring/ from a scored
run; this model only lays them out. As in :mod:`gui.models.results`, every column has a numpy
key array built once per reset, so sorting is one ``argsort`` and "only disagreements" is a
mask over those arrays.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor

from gui import translation
from gui.models.indexed import NO_ROWS, IndexedTableModel, ordered
from scoring.core.presentation import reconciliation_text
from scoring.core.reconcile import DisagreementRow, inspector_names

if TYPE_CHECKING:  # numpy loads with the first rows (issue 19: start-up)
    import numpy as np

ROW_ROLE = Qt.ItemDataRole.UserRole + 1
SORT_ROLE = Qt.ItemDataRole.UserRole + 2
DISAGREEMENT_COLOUR = "#f4cccc"
CONSENSUS_COLOUR = "#d9ead3"
_NUMERIC = ("spread", "used", "count")


class DisagreementsModel(IndexedTableModel):
    """Reconciled criteria of a workspace; ``set_rows`` swaps in a new run's rows."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._rows: list[DisagreementRow] = []
        self._names: list[str] = []
        self._indicators: dict[tuple[str, str, str], str] = {}
        self._sort: tuple[str, Qt.SortOrder] = ("spread", Qt.SortOrder.DescendingOrder)
        self._only_disagreements = False

    # -- data in ----------------------------------------------------------------------------
    def set_rows(self, rows: list[DisagreementRow], indicators: dict[tuple[str, str, str], str]) -> None:
        """Show ``rows``; ``indicators`` names each (scheme, version, code) for tooltips."""
        with self._refiltering():
            self._rows = list(rows)
            self._indicators = dict(indicators)
            self._names = inspector_names(self._rows)
            self._columns = self._make_columns()
            self._keys = self._make_keys()
            if self._rows and self._sort[0] not in self._keys:  # by an inspector no longer listed
                self._sort = ("spread", Qt.SortOrder.DescendingOrder)

    def retranslate(self) -> None:
        """Headers and texts in the current language (the rows stay)."""
        self.set_rows(self._rows, self._indicators)

    def _make_columns(self) -> list[tuple[str, str]]:
        # what a supervisor compares comes first; the scheme, long and mostly the same, last
        columns = [
            ("project_id", self.tr("Project ID")),
            ("name", self.tr("Name")),
            ("code", self.tr("Criterion")),
        ]
        columns += [(f"inspector:{name}", name) for name in self._names]
        columns += [
            ("count", self.tr("Inspectors")),
            ("spread", self.tr("Spread")),
            ("disagreement", self.tr("Disagreement")),
            ("used", self.tr("Score used")),
            ("consensus", self.tr("Consensus")),
            ("scheme", self.tr("Scheme")),
        ]
        return columns

    def _make_keys(self) -> dict[str, np.ndarray]:
        """One sortable array per column, in row order (NaN where there is no number)."""
        rows = self._rows
        if not rows:
            return {}
        import numpy as np

        recs = [r.reconciliation for r in rows]

        def number(values) -> np.ndarray:
            return np.array([np.nan if v is None else v for v in values], dtype=float)

        keys = {
            "scheme": np.array([f"{r.scheme} {r.scheme_version}" for r in rows], dtype=str),
            "project_id": np.array([r.project_id for r in rows], dtype=str),
            "name": np.array([r.name for r in rows], dtype=str),
            "code": np.array([r.code for r in rows], dtype=str),
            "count": number(len(rec.scores) for rec in recs),
            "spread": number(rec.spread for rec in recs),
            "disagreement": number(float(rec.disagreement) for rec in recs),
            "used": number(rec.used for rec in recs),
            "consensus": number(rec.consensus.fraction if rec.consensus else None for rec in recs),
        }
        for name in self._names:
            keys[f"inspector:{name}"] = number(rec.inspectors.get(name) for rec in recs)
        return keys

    # -- filter and sort --------------------------------------------------------------------
    def set_only_disagreements(self, only: bool) -> None:
        """Show only criteria whose spread is above the threshold."""
        if only == self._only_disagreements:
            return
        with self._refiltering():
            self._only_disagreements = only

    def _filtered_rows(self) -> np.ndarray | tuple[int, ...]:
        if not self._rows:
            return NO_ROWS
        import numpy as np

        if not self._only_disagreements:
            return np.arange(len(self._rows), dtype=np.int64)
        return np.flatnonzero(self._keys["disagreement"] > 0)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sort the visible rows by a column with one numpy argsort; selections follow."""
        if not 0 <= column < len(self._columns):
            return
        self._sort = (self._columns[column][0], order)
        self._resort()

    def _apply_sort(self) -> None:
        key, order = self._sort
        values = self._keys.get(key)
        if values is None or not len(self._visible):
            return
        # NaN (no score) last in both directions
        self._visible = ordered(values[self._visible], self._visible, order == Qt.SortOrder.DescendingOrder)

    def sort_column(self) -> int:
        """The column the rows are sorted by (the spread unless the person chose another)."""
        return self.column_of(self._sort[0])

    def sort_order(self) -> Qt.SortOrder:
        return self._sort[1]

    # -- Qt model interface -----------------------------------------------------------------
    def row_at(self, row: int) -> DisagreementRow | None:
        if 0 <= row < len(self._visible):
            return self._rows[int(self._visible[row])]
        return None

    def total_count(self) -> int:
        return len(self._rows)

    def disagreement_count(self) -> int:
        if not self._rows:
            return 0
        import numpy as np

        return int(np.count_nonzero(self._keys["disagreement"] > 0))

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not (0 <= index.row() < len(self._visible)):
            return None
        if not (0 <= index.column() < len(self._columns)):
            return None
        position = int(self._visible[index.row()])
        row = self._rows[position]
        key = self._columns[index.column()][0]
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(row, key)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(row)
        if role == ROW_ROLE:
            return row
        if role == SORT_ROLE:
            value = self._keys[key][position]
            return value.item() if hasattr(value, "item") else value
        if role == Qt.ItemDataRole.BackgroundRole:
            return self._background(row, key)
        if role == Qt.ItemDataRole.TextAlignmentRole and (key in _NUMERIC or key.startswith("inspector:")):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def _display(self, row: DisagreementRow, key: str) -> str:
        rec = row.reconciliation
        if key.startswith("inspector:"):
            value = rec.inspectors.get(key.split(":", 1)[1])
            return "" if value is None else f"{value:.3f}"
        if key == "scheme":
            return f"{row.scheme} {row.scheme_version}"
        if key == "count":
            return str(len(rec.scores))
        if key == "spread":
            return "" if rec.spread is None else f"{rec.spread:.3f}"
        if key == "disagreement":
            return self.tr("Yes") if rec.disagreement else ""
        if key == "used":
            return "" if rec.used is None else f"{rec.used:.3f} ({self._basis(rec.basis)})"
        if key == "consensus":
            c = rec.consensus
            return "" if c is None else f"{c.fraction:.3f} — {c.inspector}: {c.reason}"
        return str(getattr(row, key, ""))

    def _basis(self, basis: str) -> str:
        names = {
            "consensus": self.tr("consensus"),
            "median": self.tr("median"),
            "mean": self.tr("mean"),
            "single": self.tr("single score"),
        }
        return names.get(basis, basis)

    def _tooltip(self, row: DisagreementRow) -> str:
        indicator = self._indicators.get((row.scheme, row.scheme_version, row.code), "")
        described = reconciliation_text(row.reconciliation, translation.data_lang())
        return f"{row.code} {indicator}\n{described}".strip()

    @staticmethod
    def _background(row: DisagreementRow, key: str):
        rec = row.reconciliation
        if key in ("spread", "disagreement") and rec.disagreement:
            return QBrush(QColor(DISAGREEMENT_COLOUR))
        if key in ("consensus", "used") and rec.consensus is not None:
            return QBrush(QColor(CONSENSUS_COLOUR))
        return None

    def flags(self, index):
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
