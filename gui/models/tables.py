"""Small table models: a project's criteria, the import report, the audit log, template problems.

Each is a :class:`RowsModel`: a list of row objects and a list of columns, each column a
header and a function from row to display text (plus optional colour). They adapt data for
display and own no logic; ``set_rows`` swaps the rows between beginResetModel/endResetModel.
"""

from __future__ import annotations

import datetime as _dt
import html
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Generic, TypeVar

from PySide6.QtCore import QAbstractTableModel, QCoreApplication, QModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from gui import labels, translation
from gui.backend import AuditEntry
from scoring.core.model import Criterion, Scheme
from scoring.core.shown_paths import input_folders, shown_path
from scoring.workspace.audit import origin_names

if TYPE_CHECKING:  # the engine (numpy) loads with the first workspace (issue 19: start-up)
    from scoring.core.explain import Worked
    from scoring.core.results import IndicatorResult, ProjectResult
    from scoring.io.template import TemplateProblem
    from scoring.workspace.facade import ImportReport

ROW_ROLE = Qt.ItemDataRole.UserRole + 1
_INVALID = QModelIndex()

#: The type of a table's row objects.
R = TypeVar("R")


@dataclass(frozen=True)
class Column(Generic[R]):
    header: str
    text: Callable[[R], str]
    background: Callable[[R], str | None] | None = None
    align_right: bool = False
    # The hover text; the cell's own text when None.
    tooltip: Callable[[R], str] | None = None


class RowsModel(QAbstractTableModel, Generic[R]):
    """A read-only table of row objects laid out by columns."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._rows: list[R] = []
        self._columns: list[Column[R]] = []

    def set_rows(self, rows: Sequence[R], columns: Sequence[Column[R]]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self._columns = list(columns)
        self.endResetModel()

    def row_object(self, row: int) -> R | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def rowCount(self, parent=_INVALID) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent=_INVALID) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self._columns)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            if 0 <= section < len(self._columns):
                return self._columns[section].header
        return None

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not (0 <= index.row() < len(self._rows)):
            return None
        if not (0 <= index.column() < len(self._columns)):
            return None
        row, column = self._rows[index.row()], self._columns[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return column.text(row)
        if role == Qt.ItemDataRole.ToolTipRole:
            return column.tooltip(row) if column.tooltip is not None else column.text(row)
        if role == Qt.ItemDataRole.BackgroundRole and column.background is not None:
            colour = column.background(row)
            return QBrush(QColor(colour)) if colour else None
        if role == Qt.ItemDataRole.TextAlignmentRole and column.align_right:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == ROW_ROLE:
            return row
        return None

    def flags(self, index):
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable


def number_text(value: float | None, digits: int = 2) -> str:
    """A fraction or points as shown and printed: fixed digits, "—" for none."""
    # + 0.0 turns a penalty's -0.0 into 0.0, so "-0.00" never shows.
    return "—" if value is None else f"{value + 0.0:.{digits}f}"


def _value(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:g}"
    return str(value)


# --------------------------------------------------------------------------- criteria


@dataclass(frozen=True)
class CriterionRow:
    """One criterion of a scheme with one project's result and its worked calculation."""

    criterion: Criterion
    result: IndicatorResult
    worked: Worked


class CriteriaModel(RowsModel[CriterionRow]):
    """Every criterion of a project: value, worst and best, fraction, points, max points,
    points lost, status, provenance, evidence; hovering shows the worked calculation."""

    def set_project(self, scheme: Scheme | None, project: ProjectResult | None) -> None:
        if scheme is None or project is None:
            self.set_rows([], self.columns())
            return
        from scoring.core import explain

        rows = [CriterionRow(w.criterion, w.result, w) for w in explain.worked(scheme, project)]
        self.set_rows(rows, self.columns())

    def columns(self) -> list[Column[CriterionRow]]:
        def status_colour(row: CriterionRow) -> str | None:
            return labels.STATUS_COLOURS.get(row.result.status)

        def worked(row: CriterionRow) -> str:
            from scoring.core import explain

            return "\n".join(explain.worked_lines(row.worked, translation.data_lang()))

        return [
            Column(self.tr("Code"), lambda r: r.criterion.code, tooltip=worked),
            Column(self.tr("Indicator"), lambda r: labels.criterion_text(r.criterion)[1]),
            Column(self.tr("Baseline"), lambda r: _value(r.result.baseline), align_right=True),
            Column(self.tr("Value"), lambda r: labels.value_text(r.criterion, r.result.value),
                   align_right=True, tooltip=worked),
            Column(self.tr("Worst"), lambda r: _bound(r.criterion, r.criterion.worst), align_right=True),
            Column(self.tr("Best"), lambda r: _bound(r.criterion, r.criterion.best), align_right=True),
            Column(self.tr("Unit"), self._unit),
            Column(self.tr("Fraction"), lambda r: number_text(r.result.score, 3), align_right=True,
                   tooltip=worked),
            Column(self.tr("Points"), lambda r: number_text(r.result.points), align_right=True,
                   tooltip=worked),
            Column(self.tr("Max points"), lambda r: number_text(r.worked.max_points), align_right=True,
                   tooltip=worked),
            Column(self.tr("Points lost"), lambda r: number_text(r.worked.points_lost), align_right=True,
                   tooltip=worked),
            Column(self.tr("Weight"), lambda r: f"{r.criterion.weight:g}", align_right=True),
            Column(self.tr("Type"), lambda r: labels.label("type", r.criterion.type)),
            Column(self.tr("Status"), lambda r: labels.status_name(r.criterion, r.result), status_colour),
            Column(self.tr("Dimension"), lambda r: labels.criterion_text(r.criterion)[0]),
            Column(self.tr("Cell"), lambda r: r.result.location),
            Column(self.tr("Evidence"), lambda r: r.result.evidence),
            Column(self.tr("Inspector"), lambda r: labels.assessment_text(r.result)[0]),
            Column(self.tr("Reason"), lambda r: labels.assessment_text(r.result)[1]),
        ]


    def _unit(self, row: CriterionRow) -> str:
        """A change criterion's bounds are % improvement on the baseline, not the value's unit."""
        if row.criterion.type == "change":
            return self.tr("% improvement")
        return labels.unit_text(row.criterion.unit) if row.criterion.type == "value" else ""


def _bound(criterion, bound: float | None) -> str:
    """Worst or best as shown: "18%" for a change criterion (an improvement), the number else."""
    if bound is None:
        return ""
    return f"{bound:g}%" if criterion.type == "change" else f"{bound:g}"


# --------------------------------------------------------------------------- import report


@dataclass(frozen=True)
class ReportRow:
    """One line of the import report: an imported file, a rejection or an issue.

    ``sheet`` and ``cell`` say where the problem is (carried from the rejection or issue, never
    read out of its message); ``action`` what to do about a refusal; ``stored`` the stored
    submission of an imported or resubmitted row (its Versions view); ``shown_file`` the file as
    the report names it (relative to the folder imported).
    """

    outcome: str  # key of the labels "import" table
    source: str
    project: str
    scheme: str
    detail: str
    sheet: str = ""
    cell: str = ""
    action: str = ""
    stored: object = None
    shown_file: str = ""
    lines: tuple[str, ...] = ()  # the details one to a line on hover (a resubmission's changes)

    @property
    def file_text(self) -> str:
        return self.shown_file or Path(self.source.replace("\\", "/")).name


def report_rows(report: ImportReport, projects: list[ProjectResult], schemes: Sequence[Scheme] = (),
                inputs: Sequence[str | Path] = ()) -> list[ReportRow]:
    """Rejections first (they need action), then the files of the folders that were not read,
    resubmissions, imports, unchanged, then issues.

    ``schemes`` (the run's) name each row's scheme and word its changes in the interface language;
    files are named relative to the folders imported (``inputs``, as given), by name otherwise.
    """
    by_name = {s.name: s for s in schemes}
    folders = input_folders(inputs)

    def scheme_text(name: str) -> str:
        return labels.scheme_name(by_name[name]) if name in by_name else name

    def change_text(scheme_name: str, change) -> str:
        scheme = by_name.get(scheme_name)
        criterion = scheme.criterion(change.code) if scheme is not None and change.code else None
        return change.text(translation.data_lang(), criterion)

    def shown(source: str) -> str:
        return shown_path(source, folders)

    rows = [
        ReportRow("rejected", r.file, "", "", f"{labels.label('reason', r.reason)}: "
                  f"{labels.rejection_message(r)}", r.sheet, r.cell, labels.rejection_action(r),
                  shown_file=shown(r.file))
        for r in report.rejected
    ]
    lang = translation.data_lang()
    rows.extend(ReportRow("skipped", s.path, "", "", s.text(lang), shown_file=shown(s.path))
                for s in report.skipped)
    for item in report.resubmitted:
        changes = tuple(change_text(item.scheme, c) for c in item.changes)
        said = QCoreApplication.translate(
            "ImportReportModel", "version {version}: %n change(s); double-click to see them side by side",
            None, len(changes)).format(version=item.version)
        rows.append(ReportRow("resubmitted", item.source, f"{item.project_id} {item.name}",
                              scheme_text(item.scheme), said, stored=item, shown_file=shown(item.source),
                              lines=changes))
    for item in report.imported:
        rows.append(ReportRow("imported", item.source, f"{item.project_id} {item.name}",
                              scheme_text(item.scheme), "", stored=item, shown_file=shown(item.source)))
    for same in report.unchanged:
        rows.append(ReportRow("unchanged", same.source, same.project_id, "", same.text(lang),
                              shown_file=shown(same.source)))
    taken = {(i.scheme, i.project_id) for i in (*report.imported, *report.resubmitted)}
    for project in projects:
        if (project.scheme, project.project_id) not in taken:
            continue
        for issue in project.issues:
            _file, sheet, cell = split_location(issue.location)
            rows.append(ReportRow(
                "issue", project.source, f"{project.project_id} {project.name}", scheme_text(project.scheme),
                f"{labels.label('severity', issue.severity)}: {labels.issue_message(issue)}", sheet, cell,
                shown_file=shown(project.source)))
    return rows


class ImportReportModel(RowsModel[ReportRow]):
    """The import report's rows."""

    def set_report(self, rows: list[ReportRow]) -> None:
        colours = {"rejected": "#f4cccc", "skipped": "#eeeeee", "resubmitted": "#fff2cc",
                   "imported": "#d9ead3"}
        self.set_rows(
            rows,
            [
                Column(
                    self.tr("Outcome"),
                    lambda r: labels.label("import", r.outcome),
                    lambda r: colours.get(r.outcome),
                ),
                # the file relative to the folder imported, its full path on hover
                Column(self.tr("File"), lambda r: r.file_text, tooltip=lambda r: r.source),
                Column(self.tr("Project"), lambda r: r.project),
                Column(self.tr("Sheet"), lambda r: r.sheet),
                Column(self.tr("Cell"), lambda r: r.cell),
                # one line here, the whole text wrapped on hover
                Column(self.tr("Details"), lambda r: r.detail,
                       tooltip=lambda r: wrapped_tip(r.detail, r.lines)),
                Column(self.tr("What to do"), lambda r: r.action, tooltip=lambda r: wrapped_tip(r.action)),
            ],
        )


# --------------------------------------------------------------------------- audit and problems


class AuditModel(RowsModel[AuditEntry]):
    """The workspace's audit log, newest first."""

    def set_entries(self, entries: list[AuditEntry]) -> None:
        merged_from = origin_names(entries)
        self.set_rows(
            list(reversed(entries)),
            [
                Column(self.tr("Time"), lambda e: local_time(e.at)),
                Column(self.tr("Action"), labels.audit_action),
                Column(self.tr("By"), lambda e: e.actor),
                Column(self.tr("Project"), lambda e: e.project_id),
                Column(self.tr("Criterion"), lambda e: e.code),
                Column(self.tr("What happened"), labels.audit_text),
                # blank for this workspace; the merged workspace's file (or its id) otherwise
                Column(self.tr("Written in"), lambda e: merged_from.get(e.origin, e.origin[:8])),
            ],
        )


class ProblemsModel(RowsModel["TemplateProblem"]):
    """A refused template's problems by sheet, row and column, each in the interface's language."""

    def set_problems(self, problems: Sequence[TemplateProblem]) -> None:
        lang = translation.data_lang()
        self.set_rows(
            list(problems),
            [
                Column(self.tr("Sheet"), lambda p: p.sheet),
                Column(self.tr("Row"), lambda p: split_cell(p.where)[0]),
                Column(self.tr("Column"), lambda p: split_cell(p.where)[1]),
                Column(self.tr("Problem"), lambda p: p.said.text(lang)),
            ],
        )


def wrapped_tip(text: str, lines: tuple[str, ...] = ()) -> str:
    """A tooltip that wraps (Qt wraps rich text to the screen, plain text runs off it): ``text``,
    or ``lines`` one to a line when given (a resubmission's changes)."""
    if not text and not lines:
        return ""
    return "<p>" + "<br>".join(html.escape(part) for part in (lines or (text,))) + "</p>"


def local_time(stamp: str) -> str:
    """An ISO UTC timestamp in the computer's time zone, to the second."""
    try:
        moment = _dt.datetime.fromisoformat(stamp)
    except (TypeError, ValueError):
        return str(stamp)
    if moment.tzinfo is not None:
        moment = moment.astimezone()
    return moment.strftime("%Y-%m-%d %H:%M:%S")


def split_cell(where: str) -> tuple[str, str]:
    """("5", "C") for "C5"; ("5", "") for "row 5"; ("", "") when blank."""
    where = (where or "").strip()
    letters = "".join(ch for ch in where if ch.isalpha() and ch.isascii())
    digits = "".join(ch for ch in where if ch.isdigit())
    if where.lower().startswith("row"):
        return digits, ""
    if letters and digits and where == letters + digits:
        return digits, letters
    return where, ""


def split_location(location: str) -> tuple[str, str, str]:
    """(file, sheet, cell) of a ``file:sheet!A1`` provenance string."""
    file_part, _, rest = location.rpartition(":") if "!" in location else (location, "", "")
    if not file_part:
        return location, "", ""
    sheet, _, cell = rest.partition("!")
    return file_part, sheet, cell
