"""The Weights tab: move a scheme's weights and watch its ranking follow ("walking weights").

Each dimension and each criterion has a spin box; every change re-weighs the scheme's projects
through :class:`scoring.analysis.weights.WeightKernel` (the engine's own rules, a few milliseconds for
thousands of projects) and the ranking beside it re-sorts: rank, how far each project moved
since the template's weights, total, grade and what a provisional result could still reach.
Weights that differ from the template's are highlighted. Nothing is saved: **Reset** returns to
the template, and **Export as new version…** writes a new template workbook with a version name
and a reason (the main window does the file work). Each scheme keeps its own trial while the
window is open.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from html import escape
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import (
    QDialog,
    QDoubleSpinBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QTableView,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from gui import labels, translation
from gui.models.indexed import NO_ROWS, IndexedTableModel
from gui.views.common import (
    DrawnWhenShown,
    FitToWidth,
    Retranslating,
    compact_table,
    splitter,
)
from gui.views.dialogs import AnswersRequired, required
from scoring.core import presentation
from scoring.core.model import Scheme

if TYPE_CHECKING:  # numpy, the engine and the kernel load with the first workspace, not with the
    # window (issue 19: start-up; tests/gui/test_startup.py)
    import numpy as np

    from scoring.analysis.weights import WeightKernel
    from scoring.core.cells import SchemeArrays
    from scoring.core.kernel import Weighed
    from scoring.core.results import ProjectResult

# Largest weight a spin box offers (templates use weights up to about 100).
MAX_WEIGHT = 10_000.0
# Background of a weight that differs from the template's.
CHANGED_COLOUR = "#ffe0b2"
ROSE_COLOUR, FELL_COLOUR = "#1b7837", "#b2182b"
# Columns of the spin boxes, the shares and the changes in the weights tree.
WEIGHT_COLUMN, SHARE_COLUMN, CHANGE_COLUMN = 2, 3, 4


@functools.cache
def bold_font() -> QFont:
    """One bold font for every bold cell: made once, as setBold is one of the calls that cost
    a reference to None each time (see WeightRow)."""
    font = QFont()
    font.setBold(True)
    return font


def scheme_key(scheme: Scheme) -> tuple[str, str, tuple[str, ...]]:
    return scheme.name, scheme.version, scheme.codes


class WeightsRankingModel(IndexedTableModel):
    """The scheme's projects at the weights tried, sorted in numpy (10,000 rows re-sort at once)."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._scheme: Scheme | None = None
        self._ids: tuple[str, ...] = ()
        self._names: tuple[str, ...] = ()
        self._pending: np.ndarray | tuple = NO_ROWS
        self._vetoed: np.ndarray | tuple = NO_ROWS
        self._id_key: np.ndarray | tuple = NO_ROWS
        self._name_key: np.ndarray | tuple = NO_ROWS
        self._template: Weighed | None = None
        self._now: Weighed | None = None
        self._move: np.ndarray | tuple = NO_ROWS

    def set_projects(self, scheme: Scheme | None, kernel: WeightKernel | None,
                     template: Weighed | None) -> None:
        """Show a scheme's projects (none without a kernel), at the template's weights."""
        self.beginResetModel()
        self._scheme = scheme
        self._ids = kernel.project_ids if kernel else ()
        self._names = kernel.names if kernel else ()
        if kernel is not None:
            import numpy as np

            self._pending, self._vetoed = kernel.prepared.waiting.sum(axis=1), kernel.prepared.vetoed
            self._id_key, self._name_key = np.array(self._ids, dtype=str), np.array(self._names, dtype=str)
            self._visible = np.arange(len(self._ids))
        else:
            self._pending = self._vetoed = self._id_key = self._name_key = self._visible = NO_ROWS
        self._template = self._now = template
        self._columns = self._make_columns()
        self._keys = self._make_keys()
        self._apply_sort()
        self.endResetModel()

    def set_weighed(self, now: Weighed) -> None:
        """The same projects at new weights: figures change and rows re-sort, selection kept."""
        self._now = now
        self._keys = self._make_keys()
        self._resort()
        if self.rowCount() and self.columnCount():
            self.dataChanged.emit(self.index(0, 0), self.index(self.rowCount() - 1, self.columnCount() - 1))

    def _make_columns(self) -> list[tuple[str, str]]:
        return [
            ("rank", self.tr("Rank")),
            ("move", self.tr("Moved")),
            ("project_id", self.tr("Project ID")),
            ("name", self.tr("Name")),
            ("total", self.tr("Total")),
            ("scored", self.tr("As scored")),
            ("grade", self.tr("Grade")),
            ("provisional", self.tr("Provisional")),
        ]

    def _make_keys(self) -> dict[str, np.ndarray]:
        if self._now is None or self._template is None:
            self._move = NO_ROWS
            return {}
        from scoring.analysis.weights import movement

        self._move = movement(self._template, self._now).rank_change
        return {
            "rank": self._now.rank.astype(float),
            "move": self._move.astype(float),
            "project_id": self._id_key,
            "name": self._name_key,
            "total": self._now.total,
            "scored": self._template.total,
            "grade": self._now.grade_index.astype(float),
            "provisional": self._pending.astype(float),
        }

    def row_of(self, project_id: str) -> int:
        """The shown row of a project, -1 when absent."""
        shown = self.project_ids()
        return shown.index(project_id) if project_id in shown else -1

    def project_ids(self) -> list[str]:
        """The project IDs in the order shown."""
        return [self._ids[int(i)] for i in self._visible]

    def _grade(self, index: int) -> str:
        return self._scheme.grades_descending[index].name if self._scheme else ""

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or self._now is None or not (0 <= index.row() < len(self._visible)):
            return None
        i = int(self._visible[index.row()])
        key = self._columns[index.column()][0]
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(i, key)
        if role == Qt.ItemDataRole.ForegroundRole and key == "move" and self._move[i]:
            return QBrush(QColor(ROSE_COLOUR if self._move[i] > 0 else FELL_COLOUR))
        regraded = self._template is not None and self._now.grade_index[i] != self._template.grade_index[i]
        if role == Qt.ItemDataRole.ForegroundRole and self._vetoed[i] and key in ("name", "grade", "rank"):
            return QBrush(QColor(labels.VETO_COLOUR))
        if role == Qt.ItemDataRole.ToolTipRole and self._vetoed[i] and key in ("name", "rank"):
            return self.tr("A must-pass criterion is not met: ranked last whatever the weights")
        if role == Qt.ItemDataRole.BackgroundRole and key == "grade" and self._scheme is not None:
            colour = labels.grade_colour(self._scheme, self._grade(self._now.grade_index[i]))
            return QBrush(colour) if colour else None
        if role == Qt.ItemDataRole.FontRole and (key == "total" or key == "grade" and regraded):
            return bold_font()
        if role == Qt.ItemDataRole.ToolTipRole and key == "grade" and regraded:
            return self.tr("As scored: {grade}").format(grade=labels.grade_name(
                self._grade(self._template.grade_index[i])))
        if role == Qt.ItemDataRole.ToolTipRole and key == "provisional" and self._pending[i]:
            # the note in full (the column is narrowed to fit the window), then the range
            now = self._now
            total_range = labels.total_range_text(self._scheme, now.total_min[i], now.total_max[i])
            return f"{self._display(i, key)}\n{total_range}"
        if role == Qt.ItemDataRole.ToolTipRole and key == "name":
            return self._display(i, key)  # narrowed to fit the window: in full on hover
        if role == Qt.ItemDataRole.TextAlignmentRole and key in ("rank", "move", "total", "scored"):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def _display(self, i: int, key: str) -> str:
        now = self._now
        if key == "rank":
            return str(int(now.rank[i]))
        if key == "move":
            step = int(self._move[i])
            return f"▲ {step}" if step > 0 else f"▼ {-step}" if step < 0 else ""
        if key == "project_id":
            return self._ids[i]
        if key == "name":
            return ("× " if self._vetoed[i] else "") + self._names[i]
        if key == "total":
            return labels.total_text(self._scheme, now.total[i])
        if key == "scored":
            return labels.total_text(self._scheme, self._template.total[i])
        if key == "grade":
            return labels.grade_name(self._grade(now.grade_index[i]))
        if key == "provisional":
            grades = (self._grade(now.grade_min_index[i]), self._grade(now.grade_max_index[i]))
            return presentation.provisional_words(int(self._pending[i]), grades, translation.data_lang())
        return ""

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if role == Qt.ItemDataRole.InitialSortOrderRole and 0 <= section < len(self._columns):
            key = self._columns[section][0]
            descending = key in ("move", "total", "scored", "provisional")
            return Qt.SortOrder.DescendingOrder if descending else Qt.SortOrder.AscendingOrder
        return super().headerData(section, orientation, role)

    def flags(self, index):
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable


class WeightSpin(QDoubleSpinBox):
    """A weight's spin box that takes the mouse wheel only once clicked or tabbed into, so that
    scrolling the list of criteria never changes a weight by accident."""

    def __init__(self) -> None:
        super().__init__()
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)

    def wheelEvent(self, event) -> None:  # noqa: N802
        if self.hasFocus():
            super().wheelEvent(event)
        else:
            event.ignore()


class WeightRow(QTreeWidgetItem):
    """A dimension's or a criterion's row, whose share, change and highlight are read from the
    view's figures when it is painted: a change of weight repaints the tree instead of setting
    every row's texts and colours. PySide6 6.12 on Python 3.11 drops a reference to None at each
    call of a Qt method that returns nothing, and hundreds of such calls per change would use up
    None's references within minutes of turning a spin box (a fatal "deallocating None")."""

    def __init__(self, texts: list[str], figures: dict, key: tuple, tooltip: str = "") -> None:
        super().__init__()
        # kept in Python and answered from here: asking the C++ item (super().data) for a role it
        # has no value for returns None the same broken way
        self.texts, self.tooltip, self.figures, self.key = texts, tooltip, figures, key

    def data(self, column: int, role: int):
        share, change = self.figures.get(self.key, ("", ""))
        if role == Qt.ItemDataRole.DisplayRole:
            if column == SHARE_COLUMN:
                return share
            if column == CHANGE_COLUMN:
                return change
            return self.texts[column] if column < len(self.texts) else None
        if role == Qt.ItemDataRole.ToolTipRole and column == 0:
            return self.tooltip or None
        if role == Qt.ItemDataRole.BackgroundRole and change:
            return QBrush(QColor(CHANGED_COLOUR))
        if role == Qt.ItemDataRole.FontRole and change and column in (0, CHANGE_COLUMN):
            return bold_font()
        return None


@dataclass(frozen=True)
class VersionAnswer:
    version: str
    reason: str


class VersionDialog(AnswersRequired):
    """The new version's name and the reason for the new weights, both required."""

    def __init__(self, scheme: Scheme, changed: list[str], parent=None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Export as a new scheme version"))
        self.scheme = scheme
        intro = QLabel(self.tr(
            "The weights tried here are written into a new template workbook, the same scheme "
            "{name} but for the weights of {codes} and the version. The template {version} "
            "itself does not change. Add the new workbook to a workspace to score with it.").format(
            name=labels.scheme_name(scheme), codes=", ".join(changed), version=scheme.version))
        intro.setWordWrap(True)
        intro.setMinimumWidth(440)
        self.version = QLineEdit(f"{scheme.version}-w")
        self.reason = QPlainTextEdit()
        self.reason.setPlaceholderText(
            self.tr("Why the weights change: who decided, which meeting or document…"))
        self.reason.setFixedHeight(90)
        self.note = QLabel()
        self.note.setStyleSheet(f"color: {labels.VETO_COLOUR}")
        form = QFormLayout()
        form.addRow(QLabel(required(self.tr("New version:"))), self.version)
        form.addRow(QLabel(required(self.tr("Reason:"))), self.reason)
        form.addRow(self.note)
        self.lay_out(intro, form, self.version, self.reason)
        self.reason.setFocus()

    def answers_complete(self) -> bool:
        """A version and a reason, the version other than the template's (said below them)."""
        same = self.version.text().strip() == self.scheme.version
        self.note.setText(self.tr("The new version needs a name other than {version}.").format(
            version=self.scheme.version) if same else "")
        return not same and super().answers_complete()

    def answer(self) -> VersionAnswer:
        return VersionAnswer(self.version.text().strip(), self.reason.toPlainText().strip())

    @classmethod
    def ask(cls, parent, scheme: Scheme, changed: list[str]) -> VersionAnswer | None:
        dialog = cls(scheme, changed, parent)
        return dialog.answer() if dialog.exec() == QDialog.DialogCode.Accepted else None


class WeightsView(Retranslating, DrawnWhenShown, QWidget):
    """Spin boxes per dimension and criterion on the left, the live ranking on the right.

    Signals: ``weights_changed`` after every re-weighing; ``export_requested(scheme, weights)``
    when the person asks to keep the weights as a new scheme version. The ranking is weighed
    when the tab is shown (:class:`DrawnWhenShown`): a new score need not re-weigh a hidden tab.
    """

    weights_changed = Signal()
    export_requested = Signal(object, object)

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._scheme: Scheme | None = None
        self._projects: list[ProjectResult] = []
        self._arrays: SchemeArrays | None = None
        #: The weights tried, per scheme, kept while the window is open.
        self._trials: dict[tuple, np.ndarray] = {}
        self.weights: np.ndarray | None = None
        self.kernel: WeightKernel | None = None
        self.template: Weighed | None = None
        self.now: Weighed | None = None
        self.stale = False  # nothing to weigh yet
        self._spins: dict[str, QDoubleSpinBox] = {}  # criterion code → its spin box
        self._dimension_spins: list[QDoubleSpinBox] = []
        self._items: dict[str, QTreeWidgetItem] = {}
        self._dimension_items: list[QTreeWidgetItem] = []
        #: (share, change) texts of each tree row by key, read by WeightRow when painted.
        self._figures: dict[tuple, tuple[str, str]] = {}
        self._highlighted: set[QDoubleSpinBox] = set()
        self._enabled: tuple[bool, bool] | None = None
        self._updating = False  # spin boxes being set from the weights: not a person's change
        self.model = WeightsRankingModel(self)
        self._build()
        self.retranslate()

    def _build(self) -> None:
        self.title = QLabel()
        self.title.setTextFormat(Qt.TextFormat.RichText)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.reset_button = QPushButton()
        self.export_button = QPushButton()
        bar = QHBoxLayout()
        bar.addWidget(self.title, 1)
        bar.addWidget(self.reset_button)
        bar.addWidget(self.export_button)
        self.tree = QTreeWidget()
        self.tree.setColumnCount(5)
        self.tree.setUniformRowHeights(True)
        self.tree.setAlternatingRowColors(True)
        self.table = QTableView()
        self.table.setModel(self.model)
        compact_table(self.table)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self.table.setSelectionMode(QTableView.SelectionMode.SingleSelection)
        self.table.setAlternatingRowColors(True)
        self.fit = FitToWidth(self.table, {})
        # the ranking takes what the weights leave: its columns up to the provisional note fit
        # a 1280-pixel window (the criteria's names are elided, in full on hover)
        sides = splitter(Qt.Orientation.Horizontal, self.tree, self.table, stretch=(0, 1), sizes=(340, 780))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(bar)
        layout.addWidget(self.summary)
        layout.addWidget(sides, 1)
        self.reset_button.clicked.connect(self.reset)
        self.export_button.clicked.connect(self._on_export_clicked)

    def retranslate(self) -> None:
        self.tree.setHeaderLabels([self.tr("Dimension / criterion"), self.tr("Template"), self.tr("Weight"),
                                   self.tr("Share"), self.tr("Change")])
        self.reset_button.setText(self.tr("Reset"))
        self.reset_button.setToolTip(self.tr("Back to the template's weights"))
        self.export_button.setText(self.tr("Export as new version…"))
        self.export_button.setToolTip(self.tr(
            "Write a new template workbook with these weights, a new version name and the reason"))
        if self._scheme is not None:
            self._build_tree()
        self.model.set_projects(self._scheme, self.kernel, self.template)
        if self.now is not None:
            self.model.set_weighed(self.now)
        self._update_texts()

    # -- data -------------------------------------------------------------------------------
    def set_results(self, scheme: Scheme | None, projects: list[ProjectResult]) -> None:
        """Show a scheme's projects as scored. Its own weights tried so far are kept (new scores
        of the same scheme keep them too); the ranking is weighed again when the tab is shown."""
        if self._scheme is not None and self.weights is not None:
            self._trials[scheme_key(self._scheme)] = self.weights
        changed_scheme = (scheme is None or self._scheme is None
                          or scheme_key(scheme) != scheme_key(self._scheme))
        self._scheme, self._projects = scheme, list(projects)
        self.kernel = self.template = self.now = None
        if changed_scheme:
            if scheme is not None:
                from scoring.core.cells import SchemeArrays

                self._arrays = SchemeArrays.of(scheme)
            else:
                self._arrays = None
            self.weights = None if scheme is None else self._trials.get(
                scheme_key(scheme), self._arrays.weight.copy())
            self._build_tree()
        self.redraw()
        if self.stale:  # hidden: weighed when shown
            self.model.set_projects(None, None, None)
            self._update_texts()

    def draw(self) -> None:
        """Prepare the scheme's projects (once per scoring) and weigh them at the weights tried."""
        if self._scheme is None or not self._projects:
            self.kernel = self.template = self.now = None
            self.model.set_projects(self._scheme, None, None)
            self._update_texts()
            return
        from scoring.analysis.weights import WeightKernel

        self.show_kernel(WeightKernel.from_results(self._scheme, self._projects))

    def show_kernel(self, kernel: WeightKernel) -> None:
        """Show projects already prepared for the scheme shown, weighed at the weights tried
        (:meth:`draw` prepares the scheme's results; a benchmark its own projects)."""
        self.kernel = kernel
        self.template = self.kernel.weigh(self.kernel.template_weights)
        self.model.set_projects(self._scheme, self.kernel, self.template)
        # every column in view at 1280 wide: the name and the provisional note give up width
        # (elided, in full on hover)
        self.fit.elastic = {self.model.column_of("name"): 80, self.model.column_of("provisional"): 100}
        self.fit.refit()
        self._reweigh()

    def _reweigh(self) -> None:
        if self.kernel is not None and self.weights is not None:
            self.now = self.kernel.weigh(self.weights)
            self.model.set_weighed(self.now)
        self._update_marks()
        self._update_texts()
        self.weights_changed.emit()

    # -- the weights tree -------------------------------------------------------------------
    def _spin(self, value: float) -> QDoubleSpinBox:
        spin = WeightSpin()
        spin.setRange(0.0, MAX_WEIGHT)
        spin.setDecimals(2)
        spin.setSingleStep(1.0)
        spin.setValue(value)
        spin.setFrame(False)
        return spin

    def _build_tree(self) -> None:
        """A row per dimension (its weight the sum of its criteria's) with its criteria below,
        then the bonus and penalty items, whose weights are points."""
        self.tree.clear()
        self._spins, self._items, self._dimension_spins, self._dimension_items = {}, {}, [], []
        self._figures, self._highlighted = {}, set()
        scheme, arrays = self._scheme, self._arrays
        if scheme is None or arrays is None or self.weights is None:
            return
        from scoring.analysis.weights import dimension_weights

        dimension_totals = dimension_weights(arrays, self.weights)
        template_totals = dimension_weights(arrays, arrays.weight)
        parents: list[QTreeWidgetItem] = []
        for d, dimension in enumerate(scheme.dimensions):
            item = WeightRow([labels.scheme_dimension(scheme, dimension), f"{template_totals[d]:g}"],
                             self._figures, ("dimension", d))
            self.tree.addTopLevelItem(item)
            spin = self._spin(float(dimension_totals[d]))
            spin.valueChanged.connect(lambda value, d=d: self._on_dimension_changed(d, value))
            self.tree.setItemWidget(item, WEIGHT_COLUMN, spin)
            self._dimension_spins.append(spin)
            self._dimension_items.append(item)
            parents.append(item)
        extras = WeightRow([self.tr("Bonus and penalty items (points)")], self._figures, ("extras",))
        for j, criterion in enumerate(scheme.criteria):
            d = int(arrays.dimension_index[j])
            parent = parents[d] if arrays.is_score[j] and d >= 0 else extras
            _, indicator = labels.criterion_text(criterion)
            item = WeightRow([f"{criterion.code}  {indicator}", f"{criterion.weight:g}"], self._figures,
                             ("criterion", j), tooltip=f"{criterion.code}  {indicator}")
            parent.addChild(item)
            spin = self._spin(float(self.weights[j]))
            spin.setAccessibleName(criterion.code)
            spin.valueChanged.connect(lambda value, j=j: self._on_criterion_changed(j, value))
            self.tree.setItemWidget(item, WEIGHT_COLUMN, spin)
            self._spins[criterion.code] = spin
            self._items[criterion.code] = item
        if extras.childCount():
            self.tree.addTopLevelItem(extras)
        self.tree.expandAll()
        header = self.tree.header()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in range(1, 5):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(False)
        self._update_marks()

    def _on_criterion_changed(self, j: int, value: float) -> None:
        if self.weights is None or self._updating:
            return
        self.weights = self.weights.copy()
        self.weights[j] = value
        self._show_weights(skip=self._spins[self._scheme.criteria[j].code])
        self._reweigh()

    def _on_dimension_changed(self, d: int, value: float) -> None:
        if self.weights is None or self._arrays is None or self._updating:
            return
        from scoring.analysis.weights import with_dimension_weight

        self.weights = with_dimension_weight(self._arrays, self.weights, d, value)
        self._show_weights(skip=self._dimension_spins[d])
        self._reweigh()

    def _show_weights(self, skip: QDoubleSpinBox | None = None) -> None:
        """Put the weights in every spin box but the one being turned, without re-weighing."""
        if self._scheme is None or self._arrays is None or self.weights is None:
            return
        from scoring.analysis.weights import dimension_weights

        totals = dimension_weights(self._arrays, self.weights)
        pairs = [(self._spins[c.code], self.weights[j]) for j, c in enumerate(self._scheme.criteria)]
        pairs += list(zip(self._dimension_spins, totals, strict=True))
        self._updating = True
        try:
            for spin, value in pairs:
                if spin is not skip and abs(spin.value() - value) > 1e-9:
                    spin.setValue(float(value))
        finally:
            self._updating = False

    def _update_marks(self) -> None:
        """Share and change columns; a weight that differs from the template's highlighted."""
        scheme, arrays, weights = self._scheme, self._arrays, self.weights
        if scheme is None or arrays is None or weights is None:
            return
        from scoring.analysis.weights import weight_rows

        changes, shares = weight_rows(arrays, weights)
        keys = [("criterion", j) for j in range(len(weights))] + [("dimension", d)
                                                                  for d in range(len(self._dimension_items))]
        spins = [self._spins[c.code] for c in scheme.criteria] + self._dimension_spins
        rows = zip(keys, spins, changes, shares, strict=True)
        for key, spin, delta, part in rows:
            self._mark(key, spin, delta, part)
        self.tree.viewport().update()  # the rows read their new figures when painted

    def _mark(self, key: tuple, spin: QDoubleSpinBox, delta: float, share: float | None) -> None:
        changed = abs(delta) > 1e-9
        self._figures[key] = ("" if share is None else f"{share * 100:.1f}%",
                              "" if not changed else f"{'+' if delta > 0 else '−'}{abs(delta):g}")
        if changed != (spin in self._highlighted):  # a style sheet only when it flips
            spin.setStyleSheet(f"background: {CHANGED_COLOUR}; font-weight: bold" if changed else "")
            (self._highlighted.add if changed else self._highlighted.discard)(spin)

    # -- texts ------------------------------------------------------------------------------
    def changed(self) -> list[str]:
        """Codes of the criteria whose weight differs from the template's."""
        if self._scheme is None or self.weights is None:
            return []
        from scoring.analysis.weights import changed_codes

        return changed_codes(self._scheme, self.weights)

    def _update_texts(self) -> None:
        scheme = self._scheme
        if scheme is None:
            self.title.setText(self.tr("No scheme chosen"))
            self.summary.setText("")
            self._enable(False, False)
            return
        self.title.setText(self.tr(
            "<b>{name}</b> · version {version} · weights tried here are not saved").format(
            name=escape(labels.scheme_name(scheme)), version=escape(scheme.version)))
        changed = self.changed()
        score_weight = float(self.weights[self._arrays.is_score].sum()) if self.weights is not None else 0.0
        self._enable(bool(changed), bool(changed) and score_weight > 0)
        if not changed:
            words = self.tr("These are the template's weights. Change a weight (type it, or click a box "
                            "and use the arrow keys or the mouse wheel) and the ranking on the right "
                            "follows at once.")
        else:
            words = self.tr("Weights changed from the template's: {count} (highlighted).").format(
                count=len(changed))
            if self.now is not None and self.template is not None:
                from scoring.analysis.weights import movement

                moved = movement(self.template, self.now)
                words += " " + self.tr(
                    "{moved} of {total} projects change rank, {regraded} change grade.").format(
                    moved=moved.moved, total=self.kernel.size, regraded=moved.regraded)
            if score_weight <= 0:
                words += " " + self.tr("The score criteria's weights add up to 0: every base is 0.")
            words += " " + self.tr("Reset returns to the template; Export as new version… keeps them.")
        self.summary.setText(words)

    def _enable(self, reset: bool, export: bool) -> None:
        """Enable the buttons, calling Qt only when that changes (see WeightRow)."""
        if self._enabled != (reset, export):
            self.reset_button.setEnabled(reset)
            self.export_button.setEnabled(export)
            self._enabled = (reset, export)

    def weight_spin(self, code: str) -> QDoubleSpinBox:
        """The spin box a person types criterion ``code``'s weight in."""
        return self._spins[code]

    def criterion_row(self, code: str) -> QTreeWidgetItem:
        """The row showing criterion ``code``: its weight, the change and the mark."""
        return self._items[code]

    # -- actions ----------------------------------------------------------------------------
    def set_weight(self, code: str, value: float) -> None:
        """Set one criterion's weight as its spin box would (tests, scripted tours)."""
        self._spins[code].setValue(value)

    def set_dimension_weight(self, dimension: str, value: float) -> None:
        """Set one dimension's weight as its spin box would."""
        self._dimension_spins[self._scheme.dimensions.index(dimension)].setValue(value)

    def reset(self) -> None:
        """Back to the template's weights."""
        if self._arrays is None:
            return
        self.weights = self._arrays.weight.copy()
        self._show_weights()
        self._reweigh()

    def _on_export_clicked(self) -> None:
        if self._scheme is not None and self.weights is not None:
            self.export_requested.emit(self._scheme, self.weights.copy())
