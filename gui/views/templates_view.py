"""A scheme's criteria as a dimension tree with the basis of each bound, a refused template's
problems, and form generation."""

from __future__ import annotations

import html

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTableView,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from gui import labels
from gui.models.tables import ProblemsModel
from gui.views.common import FitToWidth, Retranslating, compact_table, splitter
from scoring.core.model import Scheme

#: Role of a criterion row's first cell holding the Criterion, for the details below the tree.
CRITERION_ROLE = Qt.ItemDataRole.UserRole + 1
#: Widest the basis column is made, in pixels: the full text is in its tooltip and the details.
BASIS_COLUMN_WIDTH = 420


class CriteriaTreeModel(QStandardItemModel):
    """Dimensions, and under each its criteria with weight, bounds, type, synergy side (the
    effect of a score criterion: U_P takes pollution, U_C carbon, docs/method.md "Synergy") and
    the basis of the bounds (display only)."""

    def set_scheme(self, scheme: Scheme | None) -> None:
        self.clear()
        self.setHorizontalHeaderLabels(
            [
                self.tr("Dimension / criterion"),
                self.tr("Type"),
                self.tr("Kind"),
                self.tr("Side"),
                self.tr("Weight"),
                self.tr("Direction"),
                self.tr("Worst"),
                self.tr("Best"),
                self.tr("Unit"),
                self.tr("Flags"),
                self.tr("Basis"),
            ]
        )
        if scheme is None:
            return
        parents: dict[str, QStandardItem] = {}
        for c in scheme.criteria:
            dimension, indicator = labels.criterion_text(c)
            if c.dimension not in parents:
                item = QStandardItem(dimension)
                item.setEditable(False)
                parents[c.dimension] = item
                self.appendRow([item] + [self._cell("") for _ in range(10)])
            flags = [
                self.tr("required") if c.is_required else "",
                self.tr("n/a allowed") if c.allow_na else "",
                self.tr("veto") if c.veto else "",
            ]
            row = [
                self._cell(f"{c.code}  {indicator}"),
                self._cell(labels.label("type", c.type)),
                self._cell(labels.label("kind", c.kind)),
                self._cell(labels.label("effect", c.effect) if c.kind == "score" and c.weight > 0 else ""),
                self._cell(f"{c.weight:g}"),
                self._cell(labels.label("direction", c.direction) if c.direction else ""),
                self._cell("" if c.worst is None else f"{c.worst:g}"),
                self._cell("" if c.best is None else f"{c.best:g}"),
                self._cell(labels.unit_text(c.unit)),
                self._cell(", ".join(f for f in flags if f)),
                self._cell(labels.criterion_basis(c)),
            ]
            # the name in full (the column is narrowed to fit the window), then the guidance
            shown = (f"{c.code}  {indicator}", labels.criterion_guidance(c))
            row[0].setToolTip("\n".join(t for t in shown if t))
            row[-1].setToolTip(labels.criterion_basis(c))
            row[0].setData(c, CRITERION_ROLE)
            parents[c.dimension].appendRow(row)

    @staticmethod
    def _cell(text: str) -> QStandardItem:
        item = QStandardItem(text)
        item.setEditable(False)
        return item


class TemplatesView(Retranslating, QWidget):
    """Emits ``add_requested`` and ``form_requested`` (the main window does the file work)."""

    add_requested = Signal()
    form_requested = Signal()

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.model = CriteriaTreeModel(self)
        self.problems_model = ProblemsModel(self)
        self._scheme: Scheme | None = None
        self._problems: list = []
        self.title = QLabel()
        self.title.setTextFormat(Qt.TextFormat.RichText)
        self.add_button = QPushButton()
        self.form_button = QPushButton()
        bar = QHBoxLayout()
        bar.addWidget(self.title, 1)
        bar.addWidget(self.add_button)
        bar.addWidget(self.form_button)
        self.tree = QTreeView()
        self.tree.setModel(self.model)
        self.fit = FitToWidth(self.tree, {})
        self.tree.setUniformRowHeights(True)
        self.tree.setAlternatingRowColors(True)
        self.tree.selectionModel().currentChanged.connect(self._show_details)
        # The selected criterion's guidance and basis in full, as the columns cannot hold them.
        self.details = QLabel()
        self.details.setTextFormat(Qt.TextFormat.RichText)
        self.details.setWordWrap(True)
        self.details.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.details.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.details.setContentsMargins(4, 4, 4, 4)
        self.problems_label = QLabel()
        self.problems_label.setStyleSheet("color: #a61c00; font-weight: bold")
        self.problems = QTableView()
        self.problems.setModel(self.problems_model)
        compact_table(self.problems)
        lower = QWidget()
        lower_layout = QVBoxLayout(lower)
        lower_layout.setContentsMargins(0, 0, 0, 0)
        lower_layout.addWidget(self.problems_label)
        lower_layout.addWidget(self.problems)
        self.problems_box = lower  # not "lower": that is QWidget.lower(), the stacking order
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(bar)
        layout.addWidget(splitter(Qt.Orientation.Vertical, self.tree, self.details, lower, stretch=(4, 1)), 1)
        self.add_button.clicked.connect(self.add_requested)
        self.form_button.clicked.connect(self.form_requested)
        self.retranslate()

    def retranslate(self) -> None:
        self.add_button.setText(self.tr("Add scheme from Excel…"))
        self.form_button.setText(self.tr("Generate blank form…"))
        self.set_scheme(self._scheme)
        self.set_problems(self._problems, self._problem_source)

    _problem_source = ""

    def set_scheme(self, scheme: Scheme | None) -> None:
        self._scheme = scheme
        self.model.set_scheme(scheme)
        self.tree.expandAll()
        # every column up to the flags in view at 1280 wide: the criterion's name gives up
        # width (elided, in full on hover); the basis, a paragraph, is read below the tree
        basis_column = self.model.columnCount() - 1
        self.fit.elastic = {0: 220}
        self.fit.widest = {basis_column: BASIS_COLUMN_WIDTH}
        self.fit.in_view = basis_column - 1 if basis_column > 0 else None
        self.fit.refit()
        self.form_button.setEnabled(scheme is not None)
        self._select_first_criterion()
        if scheme is None:
            self.title.setText("<i>" + self.tr("Choose a scheme in the navigator.") + "</i>")
        else:
            self.title.setText(
                self.tr(
                    "<b>{name}</b> version {version} · {level} · {count} criteria · {points:g} points"
                ).format(
                    name=labels.scheme_name(scheme),
                    version=scheme.version,
                    level=labels.label("level", scheme.level),
                    count=len(scheme.criteria),
                    points=scheme.total_points,
                )
            )

    def _select_first_criterion(self) -> None:
        first_dimension = self.model.index(0, 0)
        first = self.model.index(0, 0, first_dimension) if first_dimension.isValid() else first_dimension
        if first.isValid():
            self.tree.setCurrentIndex(first)
        self._show_details(first)

    def _show_details(self, index, _previous=None) -> None:
        criterion = index.siblingAtColumn(0).data(CRITERION_ROLE) if index.isValid() else None
        if criterion is None:
            hint = self.tr("Select a criterion to see its guidance and basis.")
            self.details.setText(f"<i>{hint}</i>")
            return
        _dimension, indicator = labels.criterion_text(criterion)
        guidance_label = self.tr("Guidance:")
        basis_label = self.tr("Basis:")
        parts = [f"<b>{html.escape(criterion.code)}  {html.escape(indicator)}</b>"]
        guidance = labels.criterion_guidance(criterion)
        if guidance:
            parts.append(f"<b>{guidance_label}</b> {html.escape(guidance)}")
        basis = labels.criterion_basis(criterion) or self.tr("not given in this template")
        parts.append(f"<b>{basis_label}</b> {html.escape(basis)}")
        self.details.setText("<br>".join(parts))

    def set_problems(self, problems: list, source: str = "") -> None:
        """Show a refused template's problems (empty hides the list)."""
        self._problems, self._problem_source = list(problems), source
        self.problems_model.set_problems(self._problems)
        self.problems_box.setVisible(bool(self._problems))
        self.problems_label.setText(
            self.tr("{source} was refused: %n problem(s)", "", len(self._problems)).format(source=source)
        )
