"""What the PDF report draws on ReportLab's canvas itself: outline anchors (bookmarks and the
contents page), numbers known only later (page totals, contents page numbers) as form objects,
and chart images.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from reportlab.lib import colors
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    Flowable,
)

from scoring.core.textclean import clean_text
from scoring.reports.charts.common import figure_image
from scoring.reports.pdf.layout import (
    CHART_DPI,
    register_font,
)

if TYPE_CHECKING:
    from matplotlib.figure import Figure


class Anchor(Flowable):
    """A place in the outline (bookmarks) and, when ``listed``, a line of the contents page.

    It takes no room; when drawn it names its page for the outline and fills in the page
    number the contents page shows for it (a form object, so the contents page can be drawn
    before the page is known).
    """

    _ZERO = (0, 0)

    def __init__(self, key: str, title: str, level: int, listed: bool = False) -> None:
        super().__init__()
        self.key, self.title, self.level, self.listed = (
            key,
            clean_text(title, keep_newlines=False),
            level,
            listed,
        )
        self.width = self.height = 0

    def wrap(self, available_width, available_height):
        return self._ZERO

    def draw(self) -> None:
        canvas = self.canv
        canvas.bookmarkPage(self.key)
        canvas.addOutlineEntry(self.title, self.key, level=self.level, closed=self.level >= 1)
        if self.listed:
            canvas.define_number(f"toc{self.key}", canvas.getPageNumber())


@dataclass(frozen=True)
class Entry:
    """A line of the contents page."""

    key: str
    title: str
    level: int


class PageNumber(Flowable):
    """A page number shown by a form object defined later (contents page, footers)."""

    def __init__(self, name: str, width: float = 40, size: float = 9) -> None:
        super().__init__()
        self.name, self.width, self.height, self.size = name, width, size * 1.2, size

    def draw(self) -> None:
        self.canv.saveState()
        self.canv.translate(self.width, 1)
        self.canv.doForm(self.canv.form_name(self.name))
        self.canv.restoreState()


class ReportCanvas(Canvas):
    """A canvas that writes numbers known only later (page count, contents) as form objects."""

    NUMBER_SIZE = 9

    def __init__(self, *args, **kwargs) -> None:
        kwargs["initialFontName"] = register_font()  # no unembedded Helvetica on any page
        super().__init__(*args, **kwargs)
        self._numbers: set[str] = set()
        self._image_forms: list[tuple[object, str]] = []

    def image_form(self, image) -> str:
        """The name of a form showing ``image`` (a PIL image) in a unit square, defined at its
        first use: a picture on many pages (a scheme's radar web behind each project's
        polygon) is then shown by name, its pixels not read, hashed and compared again."""
        for shown, name in self._image_forms:
            if shown is image:
                return name
        name = f"image_{len(self._image_forms)}"
        self.beginForm(name, 0, 0, 1, 1)
        self.drawImage(ImageReader(image), 0, 0, 1, 1)
        self.endForm()
        self._image_forms.append((image, name))  # kept: an id is not reused while it is listed
        return name

    @staticmethod
    def form_name(name: str) -> str:
        return "n_" + "".join(ch if ch.isalnum() else "_" for ch in name)

    def define_number(
        self, name: str, value: int | str, size: float | None = None, align: str = "right"
    ) -> None:
        """Define the form ``name`` showing ``value`` (right-aligned at its origin unless ``align``)."""
        form = self.form_name(name)
        if form in self._numbers:
            return
        self._numbers.add(form)
        size = size or self.NUMBER_SIZE
        self.beginForm(form, lowerx=-80, lowery=-4, upperx=80, uppery=size + 4)
        self.setFont(register_font(), size)
        self.setFillColor(colors.black)
        if align == "right":
            self.drawRightString(0, 0, str(value))
        else:
            self.drawString(0, 0, str(value))
        self.endForm()

    #: What follows the page total in a footer (" 页" in Chinese).
    total_suffix = ""

    #: Pages finished so far.
    pages_shown = 0

    def showPage(self) -> None:
        super().showPage()
        self.pages_shown += 1

    def save(self) -> None:
        # the "of N" of every footer: the number of pages is known now (platypus finishes the
        # last page before it saves)
        self.define_number("page_total", f"{self.pages_shown}{self.total_suffix}", size=7.5, align="left")
        super().save()


class ChartImage(Flowable):
    """A chart drawn by matplotlib at CHART_DPI, scaled to its box, made only when its page is
    drawn.

    ``draw_figure`` returns the chart's matplotlib Figure; it is called when the page holding
    the chart is drawn and its pixels are released as soon as they are in the PDF, so a
    report's memory does not grow with its number of charts (issue 15).
    """

    def __init__(self, draw_figure: Callable[[], Figure], width: float, height: float) -> None:
        super().__init__()
        self.draw_figure = draw_figure
        self.width, self.height = width, height

    def draw(self) -> None:
        draw_pixels(self.canv, figure_image(self.draw_figure(), CHART_DPI), self.width, self.height)


def draw_pixels(canvas: Canvas, image, width: float, height: float) -> None:
    """Draw an RGB PIL ``image`` scaled to ``width`` × ``height`` at the canvas's origin.

    ReportLab's public ``drawImage``: it hashes the pixels (a picture drawn twice is stored
    once) and compresses them losslessly (Flate). That costs about 70 ms more per chart than
    writing the image object by hand at zlib's fastest level, as this function once did through
    ReportLab's private attributes: under a second for the 18 charts of a 200-project report.
    """
    canvas.drawImage(ImageReader(image), 0, 0, width, height)
