"""What several views share, written once: the answer to a language change (``Retranslating``),
compact tables, columns fitted to the window's width (``FitToWidth``) and the OK/Cancel buttons
of a dialog, so that every tab and dialog behaves the same way."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Literal

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtWidgets import (
    QAbstractItemView,
    QBoxLayout,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QSplitter,
    QTableView,
    QTreeView,
    QWidget,
)
from shiboken6 import Shiboken

if TYPE_CHECKING:  # matplotlib loads with the first chart drawn (issue 19: start-up)
    from matplotlib.figure import Figure
    from PySide6.QtGui import QShowEvent

    #: What the mixins below are mixed into, as the type checker sees them: a widget (at run
    #: time they are plain classes that a view puts before its Qt class).
    WidgetMixin = QWidget
else:
    WidgetMixin = object


class Retranslating(WidgetMixin):
    """Sets a widget's texts again when the interface language changes.

    Switching the language (gui/translation.py) sends every widget a LanguageChange event; a
    widget that puts this mixin before its Qt class answers it with its own ``retranslate()``.
    """

    if TYPE_CHECKING:
        def retranslate(self) -> None:
            """Set every text again (each view has its own)."""

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt's name)
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)


class DrawnWhenShown(WidgetMixin):
    """Draws only what can be seen: a change while hidden marks the widget stale, and showing
    it draws. Charts of big schemes and the weights' ranking take a moment, and a hidden tab
    need not pay for every new score.

    A widget puts this mixin before its Qt class, implements ``draw()`` and calls
    :meth:`redraw` on every change; :meth:`draw_now` draws whether shown or not (an export).
    """

    #: Whether the widget changed since it was last drawn.
    stale = True

    if TYPE_CHECKING:
        def draw(self) -> None:
            """Draw the widget's content (each view has its own)."""

    def redraw(self) -> None:
        """Draw now if the widget can be seen, else when it is next shown."""
        if self.isVisible():
            self.draw_now()
        else:
            self.stale = True

    def draw_now(self) -> None:
        self.stale = False
        self.draw()

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 (Qt's name)
        super().showEvent(event)
        if self.stale:
            self.draw_now()


#: A figure's layout engine: constrained, or None where the view places the axes itself.
Layout = Literal["constrained"] | None


class ChartPane(DrawnWhenShown, QWidget):
    """A view's matplotlib charts, side by side (or one over the other).

    ``draw(*figures)`` draws them; the pane calls it when it is shown and stale (see
    :class:`DrawnWhenShown`), then repaints the canvases. The canvases are made the first time,
    as matplotlib takes about a second to import (issue 19: start-up), and every point and bar
    has its tooltip (gui.chart_adapter.show_point_tooltips). ``stretches`` gives each figure's
    share of the pane; ``layouts`` each figure's layout engine: "constrained" (the default)
    keeps titles, labels and legends inside the canvas, None leaves the axes where the view
    places them.
    """

    def __init__(self, draw: Callable[..., None], stretches: tuple[int, ...] = (1,), *,
                 layouts: tuple[Layout, ...] | None = None, vertical: bool = False,
                 min_height: int = 0, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._draw, self._stretches = draw, stretches
        every: Layout = "constrained"
        self._layouts = layouts if layouts is not None else (every,) * len(stretches)
        self._min_height = min_height
        self.canvases: tuple = ()  # made when first drawn
        direction = QBoxLayout.Direction.TopToBottom if vertical else QBoxLayout.Direction.LeftToRight
        self._layout = QBoxLayout(direction, self)
        self._layout.setContentsMargins(0, 0, 0, 0)

    def figures(self) -> tuple[Figure, ...]:
        """The pane's figures, their canvases made if need be."""
        if not self.canvases:
            from matplotlib.backends.backend_qtagg import FigureCanvasQTAgg
            from matplotlib.figure import Figure

            from gui.chart_adapter import show_point_tooltips

            self.canvases = tuple(FigureCanvasQTAgg(Figure(layout=layout)) for layout in self._layouts)
            for canvas, stretch in zip(self.canvases, self._stretches, strict=True):
                show_point_tooltips(canvas)
                canvas.setMinimumHeight(self._min_height)
                self._layout.addWidget(canvas, stretch)
        return tuple(canvas.figure for canvas in self.canvases)

    def draw(self) -> None:
        self._draw(*self.figures())
        for canvas in self.canvases:
            canvas.draw_idle()


def splitter(orientation: Qt.Orientation, *panes: QWidget, stretch: tuple[int, ...] = (),
             sizes: tuple[int, ...] = ()) -> QSplitter:
    """A splitter of ``panes``, each growing by its ``stretch`` factor (0 by default: the
    panes with a factor take what the others leave), starting at ``sizes`` pixels."""
    split = QSplitter(orientation)
    for pane in panes:
        split.addWidget(pane)
    for index, factor in enumerate(stretch):
        split.setStretchFactor(index, factor)
    if sizes:
        split.setSizes(list(sizes))
    return split


def compact_table(table: QTableView) -> None:
    """One text line per row, fixed height: no per-row measuring, and more rows on screen."""
    header = table.verticalHeader()
    header.setVisible(False)
    header.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
    header.setDefaultSectionSize(table.fontMetrics().height() + 8)
    table.setWordWrap(False)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    table.horizontalHeader().setStretchLastSection(True)
    # Fitting columns measures at most 50 rows, not every row of a long log or report.
    table.horizontalHeader().setResizeContentsPrecision(50)


def ok_cancel_buttons(dialog: QDialog) -> QDialogButtonBox:
    """OK and Cancel, wired to ``dialog``'s accept and reject (every dialog of the app has them)."""
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
    buttons.accepted.connect(dialog.accept)
    buttons.rejected.connect(dialog.reject)
    return buttons


class FitToWidth(QObject):
    """Keeps a table's columns inside its width at any window size (a 1366×768 laptop included).

    The long text columns (``elastic``: column → narrowest width) give up width, down to their
    narrowest, so that the short columns after them (grade, status, …) stay in view; their text
    is elided and read in full in the tooltip (the models give it). Only when every long column
    is at its narrowest does the table scroll right, its frozen columns staying in view. Columns
    after ``in_view`` (the last one that must be seen; by default the last) are extras reached by
    scrolling, such as the Results table's one column per dimension.

    Call :meth:`refit` once the table's rows are set; a resize, new rows, a new sort or new
    headings refit by themselves.
    """

    def __init__(self, table: QTableView | QTreeView, elastic: dict[int, int],
                 in_view: int | None = None) -> None:
        super().__init__(table)
        self.table, self.elastic, self.in_view = table, dict(elastic), in_view
        #: The widest a column is made (column → pixels), e.g. a paragraph read elsewhere in full.
        self.widest: dict[int, int] = {}
        self._natural: dict[int, int] = {}
        table.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.header().setStretchLastSection(False)
        self._viewport = table.viewport()
        self._viewport.installEventFilter(self)
        self._applying = False
        self._held: set[int] = set()  # widths set by hand since the last refit
        self.header().sectionResized.connect(self._on_section_resized)
        # new rows, a new sort or new headings (a language switch): measured again, once the
        # model has finished changing
        self._later = QTimer(self, singleShot=True, interval=0)
        self._later.timeout.connect(self._on_later_timeout)
        model = table.model()
        if model is not None:
            for signal in (model.modelReset, model.layoutChanged, model.headerDataChanged):
                signal.connect(self._later.start)

    def header(self) -> QHeaderView:
        """The column header (a tree's, or a table's horizontal one)."""
        table = self.table
        return table.header() if isinstance(table, QTreeView) else table.horizontalHeader()

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 (Qt's name)
        # the viewport kept, not asked of the table: while a window is destroyed its views get
        # events after their C++ side is gone
        if event.type() == QEvent.Type.Resize and watched is self._viewport and self._natural \
                and Shiboken.isValid(self.table):
            self._apply()
        return False

    def _on_section_resized(self, column: int, _old: int, new: int) -> None:
        """A width the person (or the program) set by hand is kept until the rows change."""
        if not self._applying and column in self._natural:
            self._natural[column] = new
            self._held.add(column)

    def _on_later_timeout(self) -> None:
        if Shiboken.isValid(self.table) and self._natural:
            self.refit()

    def refit(self) -> None:
        """Measure every column (header and at most the rows compact_table allows), then fit."""
        header, model = self.header(), self.table.model()
        self._natural, self._held = {}, set()
        for column in range(model.columnCount() if model is not None else 0):
            if self.table.isColumnHidden(column):
                continue
            natural = max(self.table.sizeHintForColumn(column), header.sectionSizeHint(column))
            self._natural[column] = min(natural, self.widest.get(column, natural))
        self._apply()

    def widths(self, available: int) -> dict[int, int]:
        """Each column's width for ``available`` pixels: natural, the long ones shrunk to fit."""
        widths = dict(self._natural)
        seen = self._visual_order()
        header = self.header()
        last = len(seen) - 1 if self.in_view is None else header.visualIndex(self.in_view)
        in_view = seen[: last + 1]
        # only a long column in view makes room: one beyond it keeps its width
        elastic = {c: self._natural[c] for c in in_view if c in self.elastic and c not in self._held}
        over = sum(widths[c] for c in in_view) - available
        if over <= 0:
            return widths
        # shrink the long columns in proportion to what each can give, never below its narrowest
        slack = {c: max(n - min(self.elastic[c], n), 0) for c, n in elastic.items()}
        total_slack = sum(slack.values())
        if total_slack <= 0:
            return widths
        give = min(over, total_slack)
        for column, spare in slack.items():
            widths[column] = elastic[column] - -(-give * spare // total_slack)  # rounded up: never over
        return widths

    def _visual_order(self) -> list[int]:
        """The measured columns from left to right as shown (a view may move a column)."""
        header = self.header()
        return sorted(self._natural, key=header.visualIndex)

    def _apply(self) -> None:
        header = self.header()
        widths = self.widths(self.table.viewport().width())
        spare = self.table.viewport().width() - sum(widths.values())
        last = (self._visual_order() or [-1])[-1]
        self._applying = True
        try:
            for column, width in widths.items():
                # what is left over goes to the last column, as a stretched last section would
                header.resizeSection(column, width + (spare if column == last and spare > 0 else 0))
        finally:
            self._applying = False
