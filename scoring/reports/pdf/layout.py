"""The PDF report's page toolkit, on ReportLab's platypus: A4 landscape geometry, the CJK font,
paragraph styles, and tables whose headers repeat and whose cells wrap (never cut with "…"),
a long table laid out a page at a time.

Every part of the report (:mod:`~scoring.reports.pdf.ranking`, :mod:`~scoring.reports.pdf.project`,
:mod:`~scoring.reports.pdf.robustness`, :mod:`~scoring.reports.pdf.reconcile`, ...) builds on it,
so none of them imports another's content. Chinese wraps between any two characters, English
between words, and a column is widened to hold its longest word where the table allows.
"""

from __future__ import annotations

import datetime as _dt
import functools
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_LEFT, TA_RIGHT
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import (
    Flowable,
    LongTable,
    Paragraph,
    Table,
    TableStyle,
)

from scoring.core.model import Scheme
from scoring.core.presentation import (
    normalise_lang,
    scheme_label,
    text,
)
from scoring.core.report_settings import ReportSettings
from scoring.core.textclean import clean_text
from scoring.io.pipeline import AssessmentRun
from scoring.reports.fonts import pdf_font_path

PAGE_SIZE = landscape(A4)


MARGIN_X, MARGIN_TOP, MARGIN_BOTTOM = 14 * mm, 17 * mm, 15 * mm


FRAME_WIDTH = PAGE_SIZE[0] - 2 * MARGIN_X


FRAME_HEIGHT = PAGE_SIZE[1] - MARGIN_TOP - MARGIN_BOTTOM


FONT = "SynergyCJK"


FONT_SIZE = 7.5


HEADER_FILL = colors.HexColor("#DDE3EA")


#: Fills of every other row and of a vetoed project's row.
STRIPE, VETO = "#F4F6F8", "#FDE2E2"


RULE_COLOUR = colors.HexColor("#9AA5B1")


INK = colors.HexColor("#1F2A36")


GREY_TEXT = colors.HexColor("#555555")


STATUS_FILLS = {"missing": "#FCE4D6", "invalid": "#F8CBAD", "pending": "#EDEDED", "override": "#DDEBF7"}


#: Projects per bar/heatmap chart page, and the projects named on the scheme's radar page.
CHART_ROWS_PER_PAGE = 40


RADAR_PROJECTS = 3


#: Rows above which a table is laid out page by page (:class:`PagedTable`): platypus measures
#: the remaining rows of one table again at each of its page breaks.
PAGED_ROWS = 80


CHART_DPI = 200


#: Side of a project's radar on its page.
RADAR_SIDE = 66 * mm


#: Left and right padding of a table cell, points.
PADDING = 2.5


@functools.lru_cache(maxsize=1)
def register_font() -> str:
    """Register the CJK TrueType font with ReportLab once; return the name to draw with.

    Falls back to Helvetica (no Chinese) only when no TrueType CJK font exists at all.
    """
    path = pdf_font_path()
    if path is None:
        return "Helvetica"
    pdfmetrics.registerFont(TTFont(FONT, str(path)))
    return FONT


@dataclass(frozen=True)
class Styles:
    """The paragraph styles of one report language (Chinese wraps between any characters)."""

    lang: str

    def style(
        self,
        size: float = FONT_SIZE,
        align: int = TA_LEFT,
        colour=colors.black,
        leading: float | None = None,
        space_after: float = 0.0,
    ) -> ParagraphStyle:
        return _style(self.lang, size, align, colour, leading, space_after)

    @property
    def cell(self) -> ParagraphStyle:
        return self.style()

    @property
    def header(self) -> ParagraphStyle:
        return self.style(colour=INK)

    @property
    def title(self) -> ParagraphStyle:
        return self.style(15, colour=INK, space_after=3)

    @property
    def heading(self) -> ParagraphStyle:
        return self.style(11, colour=INK, space_after=2)

    @property
    def body(self) -> ParagraphStyle:
        return self.style(9, leading=13, space_after=4)

    @property
    def note(self) -> ParagraphStyle:
        return self.style(7.5, colour=GREY_TEXT, space_after=2)


@functools.lru_cache(maxsize=64)
def _style(
    lang: str, size: float, align: int, colour, leading: float | None, space_after: float
) -> ParagraphStyle:
    return ParagraphStyle(
        f"s{lang}{size}{align}{space_after}",
        fontName=register_font(),
        fontSize=size,
        leading=leading or round(size * 1.25, 2),
        alignment=align,
        textColor=colour,
        spaceAfter=space_after,
        wordWrap="CJK" if lang == "zh" else None,
        splitLongWords=True,
        allowWidows=1,
        allowOrphans=1,
    )


def styles_for(lang: str) -> Styles:
    """The report's paragraph styles in ``lang``."""
    return Styles(normalise_lang(lang))


def para(value: object, style: ParagraphStyle) -> Paragraph:
    """A paragraph of free text: cleaned (clean_text), escaped, line breaks kept."""
    shown = escape(clean_text(value)).replace("\n", "<br/>")
    return Paragraph(shown, style)


class CellParagraph(Paragraph):
    """A paragraph in a table cell: wrapped once per width.

    A table wraps each cell paragraph to measure its row and again to draw it, at the same
    width; Chinese line breaking is the costliest part of a table, so the second wrap returns
    the first one's result (the same lines, the same file).
    """

    _wrapped: tuple[float, tuple[float, float]] | None = None

    def wrap(self, available_width, available_height):
        if self._wrapped is not None and self._wrapped[0] == available_width:
            return self._wrapped[1]
        size = super().wrap(available_width, available_height)
        self._wrapped = (available_width, size)
        return size


class ProvisionalParagraph(CellParagraph):
    """A cell showing a provisional result: a page holding one says so in its footer."""

    def draw(self) -> None:
        self.canv.provisional_page = True  # read and reset by the page's footer
        super().draw()


@dataclass
class Report:
    """Everything the parts of a report share."""

    run: AssessmentRun
    lang: str
    generated: _dt.datetime
    settings: ReportSettings = field(default_factory=ReportSettings)
    studies: dict = field(default_factory=dict)

    def t(self, key: str) -> str:
        return text(key, self.lang)

    def scheme_heading(self, scheme: Scheme) -> str:
        """The scheme as every page about it names it: label and version."""
        return f"{scheme_label(scheme, self.lang)}  {self.t('version')} {scheme.version}"

    @functools.cached_property
    def styles(self) -> Styles:
        return Styles(self.lang)


@dataclass(frozen=True)
class Column:
    """A table column: header, relative width, alignment, whether its cells wrap, and in how
    many lines at most its longest cell should fit (0: no such wish), where the table allows."""

    header: str
    width: float
    align: str = "left"
    wrap: bool = True
    lines: int = 0


def widths(columns: Sequence[Column], total: float = FRAME_WIDTH) -> list[float]:
    """Column widths in points, scaled so the table is ``total`` wide."""
    whole = sum(c.width for c in columns)
    return [total * c.width / whole for c in columns]


_ALIGN = {"left": TA_LEFT, "right": TA_RIGHT, "center": TA_CENTER}


def table(
    report: Report,
    columns: Sequence[Column],
    rows: Iterable[Sequence[object]],
    *,
    fills: Sequence | None = None,
    cell_fills: dict | None = None,
    width: float = FRAME_WIDTH,
    repeat_header: bool = True,
    size: float = FONT_SIZE,
) -> Flowable:
    """A table whose header repeats on every page and whose text cells wrap.

    Cells of columns with ``wrap`` are paragraphs (they wrap, never cut); others are plain
    strings drawn on one line (numbers). A cell may also be given as a ready Flowable. A table
    of more than PAGED_ROWS rows is a :class:`PagedTable`: one table per page, each under the
    header.
    """
    styles = report.styles
    rows = list(rows)
    column_widths = fit_words(columns, widths(columns, width), rows, register_font(), size)
    header = [
        CellParagraph(escape(clean_text(c.header)), styles.style(size, _ALIGN[c.align], INK)) for c in columns
    ]
    body = [table_cells(styles, columns, column_widths, row, size) for row in rows]
    row_fills = list(fills or ())
    by_row: dict[int, list[tuple[int, str]]] = {}
    for (r, c), fill in (cell_fills or {}).items():
        by_row.setdefault(r, []).append((c, fill))

    def rows_table(first: int, last: int) -> CountedTable:
        """Rows ``first`` to ``last`` (exclusive) under the header."""
        commands = table_commands(columns, size)
        for r in range(first, last):
            fill = row_fills[r] if r < len(row_fills) else None
            if fill:
                fill = colors.HexColor(fill) if isinstance(fill, str) else fill
                commands.append(("BACKGROUND", (0, r - first + 1), (-1, r - first + 1), fill))
            for c, cell_fill in by_row.get(r, ()):
                commands.append(
                    ("BACKGROUND", (c, r - first + 1), (c, r - first + 1), colors.HexColor(cell_fill))
                )
        kind = CountedLongTable if last - first > 30 else CountedTable
        return kind(
            [header, *body[first:last]],
            colWidths=column_widths,
            repeatRows=1 if repeat_header else 0,
            style=TableStyle(commands),
            hAlign="LEFT",
        )

    if repeat_header and len(body) > PAGED_ROWS:
        return PagedTable(rows_table, len(body), min_row=size * 1.2 + 4.0)
    return rows_table(0, len(body))


def table_cells(
    styles: Styles,
    columns: Sequence[Column],
    column_widths: Sequence[float],
    row: Sequence[object],
    size: float,
) -> list:
    """A row's cells: a paragraph where the text needs more than one line, else the text."""
    font = register_font()
    cells: list = []
    for column, room, value in zip(columns, column_widths, row, strict=False):
        if isinstance(value, Flowable):
            cells.append(value)
            continue
        shown = clean_text(value, keep_newlines=column.wrap)
        # laying out thousands of one-line paragraphs was most of a report's time
        if column.wrap and ("\n" in shown or pdfmetrics.stringWidth(shown, font, size) > room - 2 * PADDING):
            cells.append(
                CellParagraph(escape(shown).replace("\n", "<br/>"), styles.style(size, _ALIGN[column.align]))
            )
        else:
            cells.append(shown)
    return cells


def table_commands(columns: Sequence[Column], size: float) -> list:
    """The style of a table: font, padding, the header's fill and rules, column alignment."""
    commands: list = [
        ("FONTNAME", (0, 0), (-1, -1), register_font()),
        ("FONTSIZE", (0, 0), (-1, -1), size),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("BACKGROUND", (0, 0), (-1, 0), HEADER_FILL),
        ("LINEBELOW", (0, 0), (-1, 0), 0.6, RULE_COLOUR),
        ("LINEBELOW", (0, -1), (-1, -1), 0.6, RULE_COLOUR),
        ("TOPPADDING", (0, 0), (-1, -1), 1.8),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2.2),
        ("LEFTPADDING", (0, 0), (-1, -1), PADDING),
        ("RIGHTPADDING", (0, 0), (-1, -1), PADDING),
    ]
    for k, column in enumerate(columns):
        if column.align != "left":
            commands.append(("ALIGN", (k, 1), (k, -1), column.align.upper()))
    return commands


class CountedTable(Table):
    """A table that keeps the rows of cells (header included) and the column widths it was
    given: ``cells``, ``row_count``, ``column_widths``.

    Platypus makes the parts of a split table with the table's own class, so the parts keep
    theirs too: :class:`PagedTable` learns how many rows went on a page, and tests read what a
    table shows, without reading the table's private attributes.
    """

    def __init__(self, data, *args, colWidths=None, **kwargs) -> None:  # noqa: N803 (platypus's name)
        super().__init__(data, *args, colWidths=colWidths, **kwargs)
        self.cells = data
        self.column_widths = colWidths

    @property
    def row_count(self) -> int:
        return len(self.cells)


class CountedLongTable(CountedTable, LongTable):
    """A :class:`CountedTable` measured as platypus measures a LongTable (faster when long)."""


class PagedTable(Flowable):
    """A long table laid out one page at a time, each page's rows a table under the header.

    One platypus table of every row repeats its header on each page, but at every page break
    it measures the remaining rows again and copies their styles: a ranking of thousands took
    minutes. Tables of a fixed number of rows, one after the other, were fast but printed a
    second header in the middle of a page where one ended. Here each page gets one table of
    the rows that fit, made from ``rows_table(first, last)``, with the column widths of the
    whole table; only the rows that could fit on a page are measured.
    """

    def __init__(
        self, rows_table: Callable[[int, int], CountedTable], count: int, min_row: float, start: int = 0
    ):
        super().__init__()
        self.rows_table, self.count, self.min_row, self.start = rows_table, count, min_row, start
        self._laid: tuple[float, CountedTable] | None = None

    def _table(self, available_height: float) -> CountedTable:
        """The table of the rows that could fit in ``available_height`` at most (made once per height)."""
        if self._laid is None or self._laid[0] != available_height:
            last = min(self.count, self.start + int(available_height // self.min_row) + 1)
            self._laid = (available_height, self.rows_table(self.start, last))
        return self._laid[1]

    def _is_last(self, table: CountedTable) -> bool:
        return self.start + table.row_count - 1 >= self.count

    def wrap(self, available_width, available_height):
        table = self._table(available_height)
        self.width, self.height = table.wrap(available_width, available_height)
        if not self._is_last(table):
            self.height = max(self.height, available_height + 1)  # more rows follow: split
        return self.width, self.height

    def split(self, available_width, available_height):
        table = self._table(available_height)
        parts = table.split(available_width, available_height)
        if not parts:
            return []
        first = parts[0]
        shown = first.row_count - 1  # the rows under its header
        if shown <= 0:
            return []
        if self.start + shown >= self.count:
            return [first]
        return [first, PagedTable(self.rows_table, self.count, self.min_row, self.start + shown)]

    def draw(self) -> None:
        assert self._laid is not None  # platypus wraps a flowable before drawing it
        self._laid[1].drawOn(self.canv, 0, 0)


def layout_style(commands: list) -> TableStyle:
    """A table style whose plain-string cells draw in the report's font (not Helvetica)."""
    return TableStyle([("FONTNAME", (0, 0), (-1, -1), register_font()), *commands])


#: A run of characters a line never breaks inside: a Latin word, a number, a code.
_WORD = re.compile(r"[A-Za-z0-9_.,:;()/%+'’\"\-–]+")


def _plain(value: object) -> str:
    return (
        value.getPlainText()
        if isinstance(value, Paragraph)
        else ""
        if isinstance(value, Flowable)
        else str(value if value is not None else "")
    )


def fit_words(
    columns: Sequence[Column], proposed: list[float], rows: list, font: str, size: float
) -> list[float]:
    """Column widths that hold each column's longest word on one line and then, from what is
    left, a column's longest text in its ``lines``, where the table allows.

    Chinese wraps between any two characters, but an English word split inside ("Excellen|t",
    "Bonu|s") is hard to read: a column narrower than its longest word takes the room from
    columns that have more than they need. When there is not room enough, long words still
    wrap inside rather than run over the next column.
    """
    words, wishes = [], []
    for k, column in enumerate(columns):
        texts = [column.header] + [_plain(row[k]) for row in rows if k < len(row)]
        longest = max(
            (pdfmetrics.stringWidth(w, font, size) for t in texts for w in _WORD.findall(t)), default=0
        )
        words.append(longest + 2 * PADDING + 1)
        whole = max((pdfmetrics.stringWidth(t, font, size) for t in texts[1:]), default=0)
        # the longest text in so many lines, with a fifth spare for where the lines break
        wishes.append(max(words[-1], 1.2 * whole / column.lines + 2 * PADDING) if column.lines else words[-1])
    return _share(_share(proposed, words), wishes)


def _share(proposed: list[float], need: list[float]) -> list[float]:
    """Widen the columns narrower than they ``need`` with room from those wider than theirs."""
    short = [max(0.0, n - w) for n, w in zip(need, proposed, strict=True)]
    slack = [max(0.0, w - n) for n, w in zip(need, proposed, strict=True)]
    deficit, spare = sum(short), sum(slack)
    if deficit <= 0 or spare <= 0:
        return proposed
    take = min(1.0, deficit / spare)
    give = min(1.0, spare / deficit)
    return [w + s * give - x * take for w, s, x in zip(proposed, short, slack, strict=True)]


def striped(n: int, vetoed: Sequence[bool] = ()) -> list[str | None]:
    """Row fills: every other row light grey, vetoed rows pink."""
    return [VETO if (vetoed and vetoed[r]) else (STRIPE if r % 2 else None) for r in range(n)]


class Heading(Paragraph):
    """A section title; the pages after it name ``running`` in their header."""

    def __init__(self, value: str, style: ParagraphStyle, running: str) -> None:
        super().__init__(escape(clean_text(value)), style)
        self.running = running
        self.keepWithNext = True
