"""The ranked results of one scheme as a table: sorted in numpy, filtered by a mask.

The model owns no logic: it lays out ProjectResult objects for display. Sorting and filtering
work on per-column numpy arrays built once per reset, so sorting 10,000 projects is one
``argsort`` instead of ~130,000 ``lessThan()`` calls through a proxy model; filtering keeps a
vector of visible row numbers. Both run in a few milliseconds and keep the view smooth.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor, QFont

from gui import labels
from gui.models.indexed import NO_ROWS, IndexedTableModel
from scoring.core import presentation
from scoring.core.model import Scheme

if TYPE_CHECKING:  # the engine (numpy) loads with the first workspace (issue 19: start-up)
    import numpy as np

    from scoring.core.results import ProjectResult

PROJECT_ROLE = Qt.ItemDataRole.UserRole + 1
SORT_ROLE = Qt.ItemDataRole.UserRole + 2
#: Columns whose first click sorts highest first.
DESCENDING_FIRST = ("total", "synergy", "pending", "issues")


class ResultsModel(IndexedTableModel):
    """Ranked projects of one scheme; ``set_results`` swaps in a new run's projects."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._scheme: Scheme | None = None
        self._projects: list[ProjectResult] = []
        self._filter: tuple[str, str, str, bool, str] = ("", "", "", False, "")

    # -- data in ----------------------------------------------------------------------------
    def projects(self) -> list[ProjectResult]:
        """Every project shown or filtered out, in the order they were given."""
        return list(self._projects)

    def set_results(self, scheme: Scheme | None, projects: list[ProjectResult]) -> None:
        """Show ``projects`` (all of ``scheme``); keeps the current sort and filter."""
        with self._refiltering():
            self._scheme = scheme
            self._projects = list(projects)
            self._columns = self._make_columns(scheme)
            self._keys = self._make_keys()

    def _make_columns(self, scheme: Scheme | None) -> list[tuple[str, str]]:
        columns = [
            ("rank", self.tr("Rank")),
            ("project_id", self.tr("Project ID")),
            ("name", self.tr("Name")),
            ("region", self.tr("Region")),
            ("total", self.tr("Total")),
            ("grade", self.tr("Grade")),
            # Markers next to the grade, where the eye already is, not off to the right.
            ("provisional", self.tr("Provisional")),
            ("pending", self.tr("Pending")),  # how many criteria still wait (Next pending)
            ("veto", self.tr("Veto")),
            ("issues", self.tr("Issues")),
            ("synergy", self.tr("Synergy D")),
        ]
        for dimension in scheme.dimensions if scheme else ():
            columns.append((f"dim:{dimension}", labels.scheme_dimension(scheme, dimension)))
        return columns

    def _make_keys(self) -> dict[str, np.ndarray]:
        """One sortable array per column, in project order."""
        p = self._projects
        if not p:
            return {}
        import numpy as np

        keys = {
            "rank": np.array([x.rank for x in p], dtype=float),
            "project_id": np.array([x.project_id for x in p], dtype=str),
            "name": np.array([x.name for x in p], dtype=str),
            "region": np.array([x.region for x in p], dtype=str),
            "total": np.array([x.total for x in p], dtype=float),
            "synergy": np.array([x.synergy["D"] if x.synergy else np.nan for x in p], dtype=float),
            "veto": np.array([len(x.veto) for x in p], dtype=float),
            "pending": np.array([x.pending for x in p], dtype=float),
            "provisional": np.array([x.pending for x in p], dtype=float),
            "issues": np.array([len(x.issues) for x in p], dtype=float),
        }
        grades = [g.name for g in self._scheme.grades_descending] if self._scheme else []
        keys["grade"] = np.array([grades.index(x.grade) if x.grade in grades else 99 for x in p], dtype=float)
        for key, _ in self._columns:
            if key.startswith("dim:"):
                keys[key] = np.array([x.dimensions.get(key[4:], np.nan) for x in p], dtype=float)
        # "\n江苏省\n" for each province a project's region names: the province filter's haystack
        keys["_provinces"] = np.array(
            ["".join(f"\n{name}\n" for name in presentation.provinces_of(x.region)) for x in p], dtype=str)
        # Lower-cased haystack for the text filter, built once.
        keys["_text"] = np.array(
            [f"{x.project_id}\n{x.name}\n{x.region}\n{x.organisation}".casefold() for x in p], dtype=str
        )
        return keys

    # -- filter and sort --------------------------------------------------------------------
    def set_filter(self, grade: str = "", region: str = "", text: str = "",
                   provisional: bool = False, province: str = "") -> None:
        """Show only projects with this grade, region, province and text (each empty for any),
        and only provisional ones when ``provisional``."""
        wanted = (grade, region, text.strip().casefold(), provisional, province)
        if wanted == self._filter:
            return
        with self._refiltering():
            self._filter = wanted

    def _filtered_rows(self) -> np.ndarray | tuple[int, ...]:
        n = len(self._projects)
        if not n:
            return NO_ROWS
        import numpy as np

        mask = np.ones(n, dtype=bool)
        grade, region, text, provisional, province = self._filter
        if n and provisional:
            mask &= self._keys["provisional"] > 0
        if n and grade:
            mask &= np.array([x.grade == grade for x in self._projects], dtype=bool)
        if n and region:
            mask &= self._keys["region"] == region
        if n and province:
            mask &= np.char.find(self._keys["_provinces"], f"\n{province}\n") >= 0
        if n and text:
            mask &= np.char.find(self._keys["_text"], text) >= 0
        return np.flatnonzero(mask)


    # -- Qt model interface -----------------------------------------------------------------
    def project_at(self, row: int) -> ProjectResult | None:
        if 0 <= row < len(self._visible):
            return self._projects[int(self._visible[row])]
        return None

    def row_of(self, project_id: str) -> int:
        """The visible row of a project, -1 when filtered out or absent."""
        for row, index in enumerate(self._visible):
            if self._projects[int(index)].project_id == project_id:
                return row
        return -1

    def total_count(self) -> int:
        return len(self._projects)

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not (0 <= index.row() < len(self._visible)):
            return None
        if not (0 <= index.column() < len(self._columns)):
            return None
        project = self._projects[int(self._visible[index.row()])]
        key = self._columns[index.column()][0]
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(project, key)
        if role == PROJECT_ROLE:
            return project
        if role == SORT_ROLE:
            value = self._keys[key][int(self._visible[index.row()])]
            return value.item() if hasattr(value, "item") else value
        marked = key in ("pending", "provisional") and project.provisional
        if role == Qt.ItemDataRole.BackgroundRole and marked:
            return QBrush(QColor(labels.STATUS_COLOURS["pending"]))
        if role == Qt.ItemDataRole.BackgroundRole and key == "grade" and self._scheme:
            colour = labels.grade_colour(self._scheme, project.grade)
            return QBrush(colour) if colour else None
        if role == Qt.ItemDataRole.ForegroundRole and project.veto and key in ("veto", "grade", "name"):
            return QBrush(QColor(labels.VETO_COLOUR))
        if role == Qt.ItemDataRole.FontRole and key == "total":
            font = QFont()
            font.setBold(True)
            return font
        if (
            role == Qt.ItemDataRole.TextAlignmentRole
            and key in ("rank", "total", "synergy", "issues", "pending")
            or (role == Qt.ItemDataRole.TextAlignmentRole and key.startswith("dim:"))
        ):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ToolTipRole and key == "provisional" and project.provisional:
            # the column is narrowed to fit the window (text elided): the note in full, then the range
            return f"{labels.provisional_text(project)}\n{self._total_range(project)}"
        if role == Qt.ItemDataRole.ToolTipRole and marked:
            return self._total_range(project)
        if role == Qt.ItemDataRole.ToolTipRole and key in ("name", "region"):
            return self._display(project, key)  # narrowed to fit the window: in full on hover
        if role == Qt.ItemDataRole.ToolTipRole and key in ("issues", "veto") and project.issues:
            return "\n".join(f"{i.location}: {labels.issue_message(i)}" for i in project.issues[:12])
        return None

    def _total_range(self, project: ProjectResult) -> str:
        low, high = project.total_min, project.total_max  # the total when nothing is pending
        return labels.total_range_text(self._scheme, project.total if low is None else low,
                                       project.total if high is None else high)

    def _display(self, project: ProjectResult, key: str) -> str:
        if key == "rank":
            return str(project.rank)
        if key == "total":
            return labels.total_text(self._scheme, project.total)
        if key == "grade":
            return labels.grade_name(project.grade)
        if key == "synergy":
            return f"{project.synergy['D']:.3f}" if project.synergy else "—"
        if key == "veto":
            return ("× " + ", ".join(project.veto)) if project.veto else ""
        if key == "provisional":
            return labels.provisional_text(project)
        if key == "pending":
            return str(project.pending) if project.pending else ""
        if key == "issues":
            return f"⚠ {len(project.issues)}" if project.issues else ""
        if key.startswith("dim:"):
            return f"{project.dimensions.get(key[4:], 0.0):.1f}"
        return str(getattr(project, key, ""))

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):  # noqa: N802
        # A first click on a figure where more is better (total, synergy, a dimension, the
        # pending count) sorts it highest first, as a supervisor reads a ranking.
        if role == Qt.ItemDataRole.InitialSortOrderRole and 0 <= section < len(self._columns):
            key = self._columns[section][0]
            if key in DESCENDING_FIRST or key.startswith("dim:"):
                return Qt.SortOrder.DescendingOrder
            return Qt.SortOrder.AscendingOrder
        return super().headerData(section, orientation, role)

    def flags(self, index):
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
