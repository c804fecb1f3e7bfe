"""One project in full: summary, every criterion, its issues, and the inspector's actions.

Beside the criteria: the gap to the next grade with the paths that close it, the worked
calculation of the selected criterion, a what-if, and the points lost per criterion as a chart.
Everything shown is worked out by scoring.core.explain; this view only lays it out.
"""

from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from gui import labels, translation
from gui.models.tables import Column, CriteriaModel, RowsModel
from gui.views.common import ChartPane, FitToWidth, Retranslating, compact_table, splitter
from gui.views.frozen import FrozenColumns
from scoring.core.model import Scheme
from scoring.core.values import normalise_text

if TYPE_CHECKING:  # the engine (numpy) loads with the first workspace (issue 19: start-up)
    from scoring.core import explain
    from scoring.core.model import Issue
    from scoring.core.results import ProjectResult

# Height of the points-lost chart in pixels.
CHART_HEIGHT = 180
#: The criteria table's columns (CriteriaModel's order) the view places and sizes.
INDICATOR, VALUE, UNIT, MAX_POINTS, POINTS_LOST, STATUS = 1, 3, 6, 9, 10, 13


class DetailView(Retranslating, QWidget):
    """Emits ``override_requested(code)``, ``withdraw_requested(code)`` and
    ``keep_requested(list)``: the what-if's changes to keep as overrides, each
    ``(code, fraction, what was tried)``."""

    override_requested = Signal(str)
    withdraw_requested = Signal(str)
    keep_requested = Signal(list)
    versions_requested = Signal()

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.model = CriteriaModel(self)
        self.issues_model: RowsModel[Issue] = RowsModel(self)
        self._scheme: Scheme | None = None
        self._scored: ProjectResult | None = None  # as the workspace scores it
        self._project: ProjectResult | None = None  # as shown: the what-if when there is one
        self._projects: list[ProjectResult] = []  # the scheme's projects, for the what-if's rank
        self._changes: dict[str, explain.Change] = {}
        self._what_if_error = ""
        self._build()
        self._connect()
        self.retranslate()

    # -- layout -----------------------------------------------------------------------------
    def _build(self) -> None:
        self.summary = QLabel()
        self.summary.setTextFormat(Qt.TextFormat.RichText)
        self.summary.setWordWrap(True)
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.override_button = QPushButton()
        self.withdraw_button = QPushButton()
        self.versions_button = QPushButton()
        buttons = QHBoxLayout()
        buttons.addWidget(self.override_button)
        buttons.addWidget(self.withdraw_button)
        buttons.addWidget(self.versions_button)
        buttons.addStretch(1)
        self.table = QTableView()
        self.table.setModel(self.model)
        compact_table(self.table)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.frozen = FrozenColumns(self.table, 2)  # code and indicator stay in view
        # every column up to the points lost in view at 1280 wide (Status placed beside the
        # indicator, the max points after the points lost; the worked calculation beside says
        # both): the indicator, value and unit give up width (elided, in full on hover)
        self.fit = FitToWidth(self.table, {INDICATOR: 110, VALUE: 60, UNIT: 50}, in_view=POINTS_LOST)
        self.issues = QTableView()
        self.issues.setModel(self.issues_model)
        compact_table(self.issues)
        # below the criteria: the points lost per criterion (drawn when its tab is shown:
        # matplotlib takes a moment to load, and a window opening on Results need not wait for
        # it, issue 19: start-up), and the issues
        self.chart = ChartPane(self._draw_chart, min_height=CHART_HEIGHT)
        self.lower_tabs = QTabWidget()
        self.lower_tabs.addTab(self.chart, "")
        self.lower_tabs.addTab(self.issues, "")
        left = splitter(Qt.Orientation.Vertical, self.table, self.lower_tabs, stretch=(3, 2),
                        sizes=(380, 260))
        # the criteria take what the side panel leaves (its texts wrap)
        sides = splitter(Qt.Orientation.Horizontal, left, self._side_panel(), stretch=(1, 0),
                         sizes=(900, 280))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.summary)
        layout.addLayout(buttons)
        layout.addWidget(sides, 1)

    def _side_panel(self) -> QWidget:
        """Gap and paths, the worked calculation of the selected criterion, and the what-if."""
        self.gap_box = QGroupBox()
        self.gap_label = _rich_label()
        QVBoxLayout(self.gap_box).addWidget(self.gap_label)
        self.worked_box = QGroupBox()
        self.worked_label = _rich_label()
        QVBoxLayout(self.worked_box).addWidget(self.worked_label)
        self.what_if_box = self._what_if_box()
        panel = QWidget()
        column = QVBoxLayout(panel)
        column.setContentsMargins(0, 0, 0, 0)
        for box in (self.gap_box, self.worked_box, self.what_if_box):
            column.addWidget(box)
        column.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        # the panel's wrapped texts are as tall as its width makes them: a scroll bar that came
        # and went changed that width after the heights were laid out, and squeezed the boxes
        scroll.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOn)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setWidget(panel)
        return scroll

    def _what_if_box(self) -> QGroupBox:
        box = QGroupBox()
        self.what_if_intro = _rich_label()
        self.value_edit = QLineEdit()
        self.baseline_edit = QLineEdit()
        self.fraction_edit = QLineEdit()
        self.value_label, self.baseline_label, self.fraction_label = QLabel(), QLabel(), QLabel()
        form = QFormLayout()
        form.addRow(self.value_label, self.value_edit)
        form.addRow(self.baseline_label, self.baseline_edit)
        form.addRow(self.fraction_label, self.fraction_edit)
        self.try_button, self.reset_button, self.keep_button = QPushButton(), QPushButton(), QPushButton()
        # Try and Reset on one line, Keep as override… below them: the three on one line were
        # wider than the side panel at 1280 wide, whose texts were then cut at its right edge
        self.what_if_state = _rich_label()
        layout = QVBoxLayout(box)
        layout.addWidget(self.what_if_intro)
        layout.addLayout(form)
        for buttons in ((self.try_button, self.reset_button), (self.keep_button,)):
            row = QHBoxLayout()
            for button in buttons:
                row.addWidget(button)
            row.addStretch(1)
            layout.addLayout(row)
        layout.addWidget(self.what_if_state)
        return box

    def _connect(self) -> None:
        self.override_button.clicked.connect(self._on_override_clicked)
        self.withdraw_button.clicked.connect(self._on_withdraw_clicked)
        self.versions_button.clicked.connect(self.versions_requested)
        self.table.selectionModel().currentRowChanged.connect(self._on_table_current_changed)
        self.table.doubleClicked.connect(self._on_override_clicked)
        self.try_button.clicked.connect(self._on_try_clicked)
        self.reset_button.clicked.connect(self._on_reset_clicked)
        self.keep_button.clicked.connect(self._on_keep_clicked)
        for edit in (self.value_edit, self.baseline_edit, self.fraction_edit):
            edit.returnPressed.connect(self._on_try_clicked)
        # Enter on a criterion opens the scoring dialog: with Ctrl+N (next pending) and
        # Ctrl+Enter (submit) a whole queue is cleared from the keyboard
        for key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            QShortcut(QKeySequence(key), self.table, self._on_override_clicked,
                      context=Qt.ShortcutContext.WidgetShortcut)

    def retranslate(self) -> None:
        self.override_button.setText(self.tr("Score or override…"))
        self.override_button.setToolTip(
            self.tr("Give the selected criterion a fraction between 0 and 1, with your name and a reason")
        )
        self.withdraw_button.setText(self.tr("Withdraw override…"))
        self.versions_button.setText(self.tr("Versions…"))
        self.versions_button.setToolTip(
            self.tr("Every version of this project's submission, and what each changed"))
        self.lower_tabs.setTabText(0, self.tr("Points lost"))
        self._update_issues_tab()
        self.gap_box.setTitle(self.tr("Gap to the next grade"))
        self.what_if_box.setTitle(self.tr("What-if (not saved)"))
        self.value_label.setText(self.tr("New value:"))
        self.baseline_label.setText(self.tr("New baseline:"))
        self.fraction_label.setText(self.tr("Or a fraction:"))
        self.value_edit.setPlaceholderText(self.tr("a number, yes/no or a choice, as in the form"))
        self.baseline_edit.setPlaceholderText(self.tr("empty: the submitted baseline"))
        self.fraction_edit.setPlaceholderText(self.tr("0 = worst, 1 = best"))
        self.try_button.setText(self.tr("Try"))
        self.try_button.setToolTip(
            self.tr("Rescore this project with the new input; the workspace is not changed"))
        self.reset_button.setText(self.tr("Reset"))
        self.keep_button.setText(self.tr("Keep as override…"))
        self.keep_button.setToolTip(self.tr("Record the fractions tried here as overrides, with a reason"))
        self._show()

    # -- data -------------------------------------------------------------------------------
    def set_project(self, scheme: Scheme | None, project: ProjectResult | None,
                    projects: list[ProjectResult] | None = None) -> None:
        """Show a project (None clears); keeps the selected criterion, and the what-if while the
        same project stays shown."""
        same = (
            project is not None and self._scored is not None
            and _scheme_key(scheme) == _scheme_key(self._scheme)
            and project.project_id == self._scored.project_id
        )
        if not same:
            self._changes = {}
        self._scheme, self._scored = scheme, project
        self._projects = list(projects) if projects is not None else ([project] if project else [])
        self._what_if_error = ""
        self._recompute()
        self._show()

    def shown_project(self) -> ProjectResult | None:
        """The project as shown: the what-if when there is one."""
        return self._project

    def _recompute(self) -> None:
        """The what-if of the current changes (the scored project without any)."""
        self._project = self._scored
        if not self._changes or self._scheme is None or self._scored is None:
            return
        from scoring.core import explain

        self._project = explain.what_if(self._scheme, self._projects, self._scored, self._changes.values())

    def _show(self) -> None:
        code = self.selected_code()
        scheme, project = self._scheme, self._project
        self.model.set_project(scheme, project)
        self.issues_model.set_rows(
            project.issues if project else [],
            [
                Column(self.tr("Severity"), lambda i: labels.label("severity", i.severity)),
                Column(self.tr("Location"), lambda i: i.location),
                Column(self.tr("Message"), labels.issue_message),
            ],
        )
        self._update_issues_tab()
        self.summary.setText(self._summary_html(scheme, project))
        self.gap_label.setText(self._gap_html(scheme, project))
        if project is not None and self.model.rowCount() < 100:
            header = self.table.horizontalHeader()
            if header.visualIndex(STATUS) != INDICATOR + 1:  # a new model's columns start in order
                header.moveSection(header.visualIndex(STATUS), INDICATOR + 1)
                header.moveSection(header.visualIndex(MAX_POINTS), header.visualIndex(POINTS_LOST))
            self.fit.refit()
            self.issues.resizeColumnToContents(1)
        if not (code and self.select_code(code)):
            self._select_default()
        self._update_buttons()
        self._show_selected()
        self.chart.redraw()

    def _update_issues_tab(self) -> None:
        count = self.issues_model.rowCount()
        title = self.tr("Issues")
        self.lower_tabs.setTabText(1, f"{title} ({count})" if count else title)

    def _select_default(self) -> None:
        """The first criterion waiting for an inspector, else the first one."""
        rows = [row for r in range(self.model.rowCount()) if (row := self.model.row_object(r)) is not None]
        if not rows:
            return
        from scoring.core.results import is_waiting

        pending = [r for r in rows if is_waiting(r.criterion, r.result)]
        self.select_code((pending or rows)[0].criterion.code)

    def _summary_html(self, scheme: Scheme | None, p: ProjectResult | None) -> str:
        if p is None or scheme is None:
            return "<i>" + escape(self.tr("Choose a project in the Results tab.")) + "</i>"
        w = {
            key: escape(text)
            for key, text in (
                ("veto", self.tr("Veto")),
                ("total", self.tr("Total")),
                ("grade", self.tr("Grade")),
                ("rank", self.tr("Rank")),
                ("base", self.tr("Base")),
                ("bonus", self.tr("bonus")),
                ("penalty", self.tr("penalty")),
                ("synergy", self.tr("Synergy D")),
            )
        }
        veto = (
            (
                f" &nbsp; <span style='color:{labels.VETO_COLOUR}'>× {w['veto']}: "
                f"{escape(', '.join(p.veto))}</span>"
            )
            if p.veto
            else ""
        )
        synergy = (
            f"{p.synergy['D']:.3f} ({escape(labels.synergy_name(p.synergy['class']))})" if p.synergy else "—"
        )
        # provisional: manual criteria not yet scored or penalty items left blank (docs/method.md);
        # the range is the total where a result has none (as the Results table's)
        low = p.total if p.total_min is None else p.total_min
        high = p.total if p.total_max is None else p.total_max
        pending_text = (
            f"<br><span style='background:{labels.STATUS_COLOURS['pending']}'>"
            f"{escape(labels.provisional_text(p))} "
            f"({escape(labels.total_range_text(scheme, low, high))})</span>"
            if p.provisional else ""
        )
        return (
            f"<h3 style='margin:0'>{escape(p.name)} <small>({escape(p.project_id)})</small></h3>"
            f"{escape(p.region)} · {escape(p.organisation)} · {escape(labels.scheme_name(scheme))}<br>"
            f"{self._what_if_banner()}"
            f"<b>{w['total']}: {labels.total_text(scheme, p.total)}</b> &nbsp; {w['grade']}: "
            f"{escape(labels.grade_name(p.grade))} &nbsp; {w['rank']}: {p.rank} &nbsp; "
            f"{w['base']} {p.base:.2f} + {w['bonus']} {p.bonus:.2f} − "
            f"{w['penalty']} {p.penalty:.2f} &nbsp; {w['synergy']}: {synergy}"
            f"{veto}{pending_text}"
        )

    def _what_if_banner(self) -> str:
        """Says that the figures below are a what-if, and what they were before."""
        if not self._changes or self._scored is None:
            return ""
        before = self.tr("What-if, not saved — as scored: total {total}, grade {grade}, rank {rank}").format(
            total=labels.total_text(self._scheme, self._scored.total),
            grade=labels.grade_name(self._scored.grade),
            rank=self._scored.rank)
        return f"<span style='background:#d9d2e9'>&nbsp;{escape(before)}&nbsp;</span><br>"

    def _gap_html(self, scheme: Scheme | None, project: ProjectResult | None) -> str:
        if scheme is None or project is None:
            return ""
        from scoring.core import explain

        lines = explain.gap_lines(scheme, project, explain.gap(scheme, project), translation.data_lang())
        head, rest = lines[0], lines[1:]
        items = "".join(f"<li>{escape(line)}</li>" for line in rest[1:])
        intro = f"<br>{escape(rest[0])}" if rest else ""
        return f"<b>{escape(head)}</b>{intro}" + (f"<ol style='margin-top:2px'>{items}</ol>" if items else "")

    def _show_selected(self) -> None:
        """The worked calculation and the what-if fields of the selected criterion."""
        row = self.model.row_object(self.table.currentIndex().row())
        if row is None or row.worked is None:
            self.worked_box.setTitle(self.tr("How it was worked out"))
            self.worked_label.setText("")
            self.what_if_intro.setText("")
            self._enable_what_if(None)
            self.what_if_state.setText(self._what_if_state_html())
            return
        lang = translation.data_lang()
        self.worked_box.setTitle(self.tr("How {code} was worked out").format(code=row.criterion.code))
        from scoring.core import explain

        lines = explain.worked_lines(row.worked, lang)
        self.worked_label.setText("<br>".join(escape(line) for line in lines))
        indicator = labels.criterion_text(row.criterion)[1]
        self.what_if_intro.setText(
            escape(self.tr("Try another input for {code} {indicator}:").format(
                code=row.criterion.code, indicator=indicator)))
        self._enable_what_if(row.criterion)
        self.what_if_state.setText(self._what_if_state_html())

    def _enable_what_if(self, criterion) -> None:
        usable = criterion is not None and self._scored is not None
        has_input = usable and criterion.type != "manual"
        self.value_edit.setEnabled(has_input)
        self.baseline_edit.setEnabled(has_input and criterion.type == "change")
        self.fraction_edit.setEnabled(usable)
        self.try_button.setEnabled(usable)
        self.reset_button.setEnabled(bool(self._changes))
        self.keep_button.setEnabled(bool(self._changes))

    def _what_if_state_html(self) -> str:
        parts = []
        if self._what_if_error:
            parts.append(f"<span style='color:{labels.VETO_COLOUR}'>{escape(self._what_if_error)}</span>")
        if self._changes:
            tried = "; ".join(self._change_text(c) for c in self._changes.values())
            parts.append(escape(self.tr("Tried: {changes}").format(changes=tried)))
        return "<br>".join(parts)

    def _change_text(self, change: explain.Change) -> str:
        result = self._project.indicators.get(change.code) if self._project else None
        fraction = "—" if result is None or result.score is None else f"{result.score:.3f}"
        if change.fraction is not None:
            return f"{change.code} s = {fraction}"
        baseline = f" / {change.baseline}" if change.baseline not in (None, "") else ""
        return f"{change.code} = {change.value}{baseline} → s = {fraction}"

    def _draw_chart(self, figure) -> None:
        """The points lost per criterion, largest first (an empty chart with no project)."""
        if self._scheme is None or self._project is None:
            figure.clear()
            return
        from gui.chart_adapter import draw_points_lost

        draw_points_lost(figure, self._scheme, self._project, translation.data_lang())

    # -- selection --------------------------------------------------------------------------
    def selected_code(self) -> str | None:
        row = self.model.row_object(self.table.currentIndex().row())
        return row.criterion.code if row else None

    def select_code(self, code: str) -> bool:
        for r in range(self.model.rowCount()):
            row = self.model.row_object(r)
            if row is not None and row.criterion.code == code:
                self.table.selectRow(r)
                self.table.setCurrentIndex(self.model.index(r, 0))
                return True
        return False

    def _update_buttons(self) -> None:
        row = self.model.row_object(self.table.currentIndex().row())
        # overrides are recorded on the project as scored, not on a what-if
        self.override_button.setEnabled(row is not None and not self._changes)
        self.withdraw_button.setEnabled(
            row is not None and row.result.status == "override" and not self._changes)

    # -- what-if ----------------------------------------------------------------------------
    def try_change(self, change: explain.Change) -> bool:
        """Add a what-if change and show the project rescored; False (with the reason shown)
        when the input cannot be read."""
        from scoring.core import explain

        previous = dict(self._changes)
        self._changes[change.code] = change
        try:
            self._recompute()
        except explain.WhatIfError as exc:
            self._changes = previous
            self._recompute()
            self._what_if_error = exc.text(translation.data_lang())
            self.what_if_state.setText(self._what_if_state_html())
            return False
        self._what_if_error = ""
        self._show()
        return True

    def reset_what_if(self) -> None:
        """Drop every what-if change: the project as scored again."""
        self._changes = {}
        self._what_if_error = ""
        self._recompute()
        self._show()

    def what_if_kept(self) -> list[tuple[str, float, str]]:
        """The what-if's changes as overrides to record: (code, fraction, what was tried)."""
        kept: list[tuple[str, float, str]] = []
        project = self._project
        if project is None:  # nothing shown, nothing tried
            return kept
        for change in self._changes.values():
            result = project.indicators[change.code]
            if result.score is not None:
                kept.append((change.code, result.score, self.tr("What-if: {change}").format(
                    change=self._change_text(change))))
        return kept

    def _on_try_clicked(self, *_args) -> None:
        code = self.selected_code()
        if code is None:
            return
        from scoring.core import explain

        fraction_text = normalise_text(self.fraction_edit.text())
        if fraction_text:
            fraction: float | str
            try:
                fraction = float(fraction_text)
            except ValueError:
                fraction = fraction_text  # refused with its message by the what-if
            change = explain.Change(code, fraction=fraction)
        else:
            value = self.value_edit.text().strip()
            baseline = self.baseline_edit.text().strip() or None
            change = explain.Change(code, value=value, baseline=baseline)
        if self.try_change(change):
            for edit in (self.value_edit, self.baseline_edit, self.fraction_edit):
                edit.clear()

    def _on_reset_clicked(self, *_args) -> None:
        self.reset_what_if()

    def _on_keep_clicked(self, *_args) -> None:
        kept = self.what_if_kept()
        if kept:
            self.keep_requested.emit(kept)

    # -- slots ------------------------------------------------------------------------------
    def _on_table_current_changed(self, *_args) -> None:
        self._update_buttons()
        self._show_selected()

    def _on_override_clicked(self, *_args) -> None:
        code = self.selected_code()
        if code and self.override_button.isEnabled():
            self.override_requested.emit(code)

    def _on_withdraw_clicked(self, *_args) -> None:
        code = self.selected_code()
        if code:
            self.withdraw_requested.emit(code)


def _scheme_key(scheme: Scheme | None) -> tuple[str, str] | None:
    # a rescore makes new Scheme objects: the same scheme is the same name and version
    return None if scheme is None else (scheme.name, scheme.version)


def _rich_label() -> QLabel:
    label = QLabel()
    label.setTextFormat(Qt.TextFormat.RichText)
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    label.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
    return label
