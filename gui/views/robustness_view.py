"""The Robustness tab: rank ranges under random weights, cut-off stability, entropy-TOPSIS.

The study runs in a worker (:func:`compute_robustness`, a plain function tested without
widgets) with progress and Cancel; the tab shows the rank-range chart of
:mod:`scoring.reports.charts.robustness`, the supervisor's paragraph and a table per project.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QSpinBox,
    QTableView,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from gui import errors, translation, workers
from gui.models.tables import Column, RowsModel
from gui.views.common import ChartPane, Retranslating, splitter
from scoring.analysis.robustness_options import (
    DEFAULT_DRAWS,
    DEFAULT_SEED,
    DEFAULT_SPREAD,
    DEFAULT_TOP_K,
    MAX_DRAWS,
    RobustnessCancelled,
    RobustnessOptions,
)
from scoring.core.model import Scheme

if TYPE_CHECKING:  # the studies and the engine (numpy) load when first needed (issue 19: start-up)
    from scoring.analysis.robustness import RankDistribution, SchemeMatrix, SchemeRobustness
    from scoring.core.results import ProjectResult


def compute_robustness(state, scheme: Scheme, projects: list[ProjectResult],
                       options: RobustnessOptions) -> SchemeRobustness | None:
    """The worker's task: the three studies of one scheme; None when cancelled."""
    def progress(done: int, total: int) -> bool:
        return state.progress(done, total, "")

    from scoring.analysis.robustness import assess_scheme

    try:
        return assess_scheme(scheme, projects, options, progress)
    except RobustnessCancelled:
        return None


@dataclass(frozen=True)
class RobustnessRow:
    """One project of a study, for the table."""

    study: SchemeRobustness
    index: int


def _row_order(study: SchemeRobustness) -> list[int]:
    """The study's projects by rank (then ID), as indices into its matrix."""
    m = study.matrix
    return sorted(range(m.size), key=lambda i: (m.rank[i], m.project_ids[i]))


def _percent(value: float) -> str:
    return f"{value * 100:.1f}%"


class RobustnessView(Retranslating, QWidget):
    """Settings and Run on top; the chart, the paragraph and the table below.

    Signals: ``study_finished(object)`` with the SchemeRobustness (or None when cancelled).
    """

    study_finished = Signal(object)

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._scheme: Scheme | None = None
        self._projects: list[ProjectResult] = []
        self.study: SchemeRobustness | None = None
        self.worker: workers.Worker | None = None
        self._generation = 0  # bumped by new scores: a late result of older ones is dropped
        self.model: RowsModel[RobustnessRow] = RowsModel(self)
        self._build()
        self.retranslate()
        self._set_running(False)

    def _build(self) -> None:
        self.draws = QSpinBox()
        self.draws.setRange(10, MAX_DRAWS)
        self.draws.setSingleStep(500)
        self.draws.setValue(DEFAULT_DRAWS)
        self.spread = QSpinBox()
        self.spread.setRange(0, 100)
        self.spread.setSuffix(" %")
        self.spread.setValue(round(DEFAULT_SPREAD * 100))
        self.top_k = QSpinBox()
        self.top_k.setRange(1, 10_000)
        self.top_k.setValue(DEFAULT_TOP_K)
        self.method = QComboBox()
        self.seed = QSpinBox()
        self.seed.setRange(0, 2_147_483_647)
        self.seed.setValue(DEFAULT_SEED)
        self.run_button = QPushButton()
        self.cancel_button = QPushButton()
        self.progress = QProgressBar()
        self.progress.setMaximumWidth(240)
        self.form = QFormLayout()
        self.labels = [QLabel() for _ in range(5)]
        for label, field in zip(self.labels, (self.draws, self.spread, self.top_k, self.method, self.seed),
                                strict=True):
            self.form.addRow(label, field)
        buttons = QHBoxLayout()
        buttons.addWidget(self.run_button)
        buttons.addWidget(self.cancel_button)
        settings = QVBoxLayout()
        settings.addLayout(self.form)
        settings.addLayout(buttons)
        settings.addWidget(self.progress)
        settings.addStretch(1)
        self.summary = QTextBrowser()
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.verticalHeader().setVisible(False)
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addLayout(settings)
        left_layout.addWidget(self.summary, 1)
        left.setMaximumWidth(420)
        # the rank ranges' axes leave room for the names on the left (no constrained layout)
        self.chart = ChartPane(self._draw_chart, layouts=(None,))
        right = splitter(Qt.Orientation.Vertical, self.chart, self.table, stretch=(3,))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(splitter(Qt.Orientation.Horizontal, left, right, stretch=(0, 1)))
        self.run_button.clicked.connect(self._on_run_clicked)
        self.cancel_button.clicked.connect(self._on_cancel_clicked)

    def retranslate(self) -> None:
        for label, text in zip(self.labels, (self.tr("Random weightings:"), self.tr("Weight change up to ±:"),
                                             self.tr("Cut-off, top:"), self.tr("Method:"), self.tr("Seed:")),
                               strict=True):
            label.setText(text)
        current = max(self.method.currentIndex(), 0)
        self.method.clear()
        self.method.addItem(self.tr("Uniform factor per weight"), "uniform")
        self.method.addItem(self.tr("Dirichlet around the template"), "dirichlet")
        self.method.setCurrentIndex(current)
        self.run_button.setText(self.tr("Run"))
        self.cancel_button.setText(self.tr("Cancel"))
        self.draws.setToolTip(self.tr("How many random weightings to rank the projects under"))
        self.spread.setToolTip(
            self.tr("Each score weight is multiplied by a random factor within this range"))
        self.show_study()

    # -- data -------------------------------------------------------------------------------
    def set_results(self, scheme: Scheme | None, projects: list[ProjectResult]) -> None:
        """New scores: a running study is cancelled and the old one cleared (it is stale)."""
        self.cancel()
        self._generation += 1
        self._scheme, self._projects = scheme, list(projects)
        self.study = None
        self.show_study()

    def studies(self) -> tuple[SchemeRobustness, ...]:
        """The finished study of the shown scheme, for the exports (empty when none was run)."""
        return (self.study,) if self.study is not None else ()

    def options(self) -> RobustnessOptions:
        return RobustnessOptions(draws=self.draws.value(), spread=self.spread.value() / 100.0,
                                 top_k=self.top_k.value(), method=self.method.currentData() or "uniform",
                                 seed=self.seed.value())

    def start(self) -> workers.Worker | None:
        """Run the study for the current scheme in a worker; None when there is nothing to study."""
        if self._scheme is None or not self._projects or self.worker is not None:
            return None
        worker = workers.Worker(compute_robustness, self._scheme, self._projects, self.options())
        worker.signals.progressed.connect(self._on_worker_progressed)
        generation = self._generation
        worker.signals.finished.connect(lambda study: self._on_worker_finished(study, generation))
        worker.signals.failed.connect(self._on_worker_failed)
        worker.signals.done.connect(self._on_worker_done)
        self.worker = worker
        self._set_running(True)
        return workers.start(worker)

    def cancel(self) -> None:
        if self.worker is not None:
            self.worker.cancel()

    def show_study(self) -> None:
        """Show the paragraph and the table of the current study (or a hint), and its chart."""
        lang = translation.data_lang()
        if self.study is None:
            self.summary.setPlainText("")
            self.model.set_rows([], [])
        else:
            from scoring.analysis.robustness_prose import robustness_paragraph

            study = self.study
            self.summary.setPlainText(robustness_paragraph(study, lang))
            self.model.set_rows([RobustnessRow(study, i) for i in _row_order(study)], self._columns(study))
            self.table.resizeColumnsToContents()
        self.chart.redraw()

    def _draw_chart(self, figure) -> None:
        """The rank-range chart of the current study, or a hint."""
        from scoring.reports.charts.robustness import draw_rank_ranges
        from scoring.reports.fonts import font_families

        figure.clear()
        ax = figure.add_axes((0.3, 0.1, 0.5, 0.78))
        if self.study is None:
            hint = self.tr("Choose the settings and press Run.") if self._projects else self.tr("No projects")
            ax.set_axis_off()
            ax.text(0.5, 0.5, hint, ha="center", va="center", transform=ax.transAxes, color="#555555",
                    fontfamily=font_families())  # the CJK font, as the charts use
        else:
            draw_rank_ranges(ax, self.study, lang=translation.data_lang())

    def _columns(self, study: SchemeRobustness) -> list[Column[RobustnessRow]]:
        k = study.ranks.top_k

        def m(row: RobustnessRow) -> SchemeMatrix:
            return row.study.matrix

        def r(row: RobustnessRow) -> RankDistribution:
            return row.study.ranks

        return [
            Column(self.tr("Rank"), lambda row: str(m(row).rank[row.index]), align_right=True),
            Column(self.tr("Project"), lambda row: m(row).project_ids[row.index]),
            Column(self.tr("Name"), lambda row: m(row).names[row.index]),
            Column(self.tr("Median rank"), lambda row: str(r(row).median_rank[row.index]), align_right=True),
            Column(self.tr("Rank 5–95%"),
                   lambda row: f"{r(row).rank_p5[row.index]}–{r(row).rank_p95[row.index]}", align_right=True),
            Column(self.tr("In top {k}").format(k=k), lambda row: _percent(r(row).p_top_k[row.index]),
                   align_right=True),
            Column(self.tr("Keeps grade"), lambda row: _percent(r(row).p_keep_grade[row.index]),
                   align_right=True),
            Column(self.tr("TOPSIS rank"), lambda row: str(row.study.topsis.rank[row.index]),
                   align_right=True),
        ]

    def _set_running(self, running: bool) -> None:
        self.run_button.setEnabled(not running)
        self.cancel_button.setEnabled(running)
        self.progress.setVisible(running)
        if running:
            self.progress.setRange(0, 0)

    # -- slots ------------------------------------------------------------------------------
    def _on_run_clicked(self) -> None:
        self.start()

    def _on_cancel_clicked(self) -> None:
        self.cancel()

    def _on_worker_progressed(self, done: int, total: int, _text: str, _unit: str) -> None:
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(done)

    def _on_worker_finished(self, study: SchemeRobustness | None, generation: int) -> None:
        if generation != self._generation:
            study = None
        if study is not None:
            self.study = study
            self.show_study()
        self.study_finished.emit(study)

    def _on_worker_failed(self, exc: Exception) -> None:
        errors.report_exception(self, self.tr("The robustness study failed"), exc)

    def _on_worker_done(self) -> None:
        self.worker = None
        self._set_running(False)
