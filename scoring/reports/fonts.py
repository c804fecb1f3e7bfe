"""A font that can draw Chinese, for charts and PDF reports.

matplotlib's default font (DejaVu Sans) has no Chinese glyphs: without help every 城市 would be
drawn as empty boxes. ``cjk_font_family()`` finds a CJK font installed on the machine, or the
one SynergyPilot ships in ``assets/fonts/`` (WenQuanYi Micro Hei, Apache-2.0), registers it with
matplotlib's font manager and returns its family name. ``font_rc()`` gives the rc settings to
draw with it; they are applied with ``matplotlib.rc_context`` around drawing and saving, never
written into the global ``rcParams``, so a host application's own settings are left alone.
"""

from __future__ import annotations

import functools
import logging
from pathlib import Path

import matplotlib
from matplotlib import font_manager

from scoring.resources import FONTS_DIR

log = logging.getLogger(__name__)

#: Folder of the fonts shipped with the app (found relative to this file, also when frozen).
SHIPPED_FONT_DIR = FONTS_DIR

#: Families tried in order. System fonts first: they match what the user sees elsewhere
#: (YaHei on Windows, PingFang on macOS, Noto/WenQuanYi on Linux). The shipped font is last.
CJK_FAMILIES = (
    "Microsoft YaHei",
    "SimHei",
    "PingFang SC",
    "Noto Sans CJK SC",
    "Noto Sans SC",
    "Source Han Sans SC",
    "Source Han Sans CN",
    "WenQuanYi Micro Hei",
    "WenQuanYi Zen Hei",
    "Heiti SC",
    "Droid Sans Fallback",
)

#: Fallback for the few symbols a CJK font may lack (e.g. some arrows); matplotlib tries the
#: families of a list glyph by glyph.
LATIN_FALLBACK = "DejaVu Sans"


@functools.lru_cache(maxsize=4)
def register_shipped_fonts(folder: Path = SHIPPED_FONT_DIR) -> tuple[str, ...]:
    """Add the font files in ``folder`` to matplotlib's font manager.

    Returns
    -------
    tuple of str
        Family names of the fonts added (empty when the folder is absent). Cached: each
        folder is registered once per process.
    """
    families = []
    for path in sorted(folder.glob("*.tt[fc]")) + sorted(folder.glob("*.otf")):
        try:
            font_manager.fontManager.addfont(str(path))
            families.append(font_manager.FontProperties(fname=str(path)).get_name())
        except (OSError, RuntimeError, ValueError) as exc:  # a damaged file must not stop a report
            log.warning("cannot use the font %s: %s", path, exc)
    return tuple(families)


def _installed_families() -> set[str]:
    return {entry.name for entry in font_manager.fontManager.ttflist}


@functools.lru_cache(maxsize=2)
def cjk_font_family(prefer_shipped: bool = False) -> str | None:
    """Name of a font family that has Chinese glyphs, registered with matplotlib.

    Parameters
    ----------
    prefer_shipped : bool
        Use the shipped font even when a system one exists. PDF reports do: a system CJK font
        is often a TrueType collection (msyh.ttc, NotoSansCJK.ttc) whose embedding varies by
        platform, while the shipped .ttf embeds the same way everywhere.

    Returns
    -------
    str or None
        The first of ``CJK_FAMILIES`` available (system fonts first unless
        ``prefer_shipped``); None only when no CJK font exists at all.
    """
    shipped = register_shipped_fonts()
    if prefer_shipped and shipped:
        return shipped[0]
    installed = _installed_families()
    for family in CJK_FAMILIES:
        if family in installed:
            return family
    if shipped:
        return shipped[0]
    log.warning("no CJK font found: Chinese text in charts will show as boxes")
    return None


def font_families(prefer_shipped: bool = False) -> list[str]:
    """Concrete family list to draw with: the CJK font, then a Latin fallback.

    Concrete names (not the generic "sans-serif") are stored in each text's font properties
    when it is created, so the text keeps its font when drawn later outside any rc context,
    e.g. by a Qt canvas.
    """
    family = cjk_font_family(prefer_shipped)
    return [family, LATIN_FALLBACK] if family else [LATIN_FALLBACK]


def font_rc(prefer_shipped: bool = False) -> dict:
    """rc settings for charts and PDF pages: CJK font, TrueType embedding in PDF.

    ``prefer_shipped`` as in :func:`cjk_font_family`.

    ``pdf.fonttype`` 42 embeds TrueType outlines (subset) with a Unicode map, so Chinese text
    in a PDF report prints anywhere and can be searched and copied.
    """
    families = font_families(prefer_shipped)
    return {
        "font.family": families,
        # texts made before (generic "sans-serif") resolve to the CJK font as well
        "font.sans-serif": families + [f for f in matplotlib.rcParams["font.sans-serif"]
                                       if f not in families],
        "pdf.fonttype": 42,
        "ps.fonttype": 42,
        "axes.unicode_minus": True,
        "svg.fonttype": "path",
    }


@functools.lru_cache(maxsize=1)
def pdf_font_path() -> Path | None:
    """The TrueType file of the CJK font PDF reports embed (the shipped one when present).

    ReportLab embeds a subset of it; a system font found by :func:`cjk_font_family` is used
    only when the shipped file is missing, and only when it is a plain .ttf (ReportLab reads
    collections too, but their embedding varies by platform).
    """
    shipped = sorted(SHIPPED_FONT_DIR.glob("*.ttf"))
    if shipped:
        return shipped[0]
    family = cjk_font_family()
    if family is None:
        return None
    path = Path(font_manager.findfont(font_manager.FontProperties(family=family), fallback_to_default=False))
    return path if path.suffix.lower() == ".ttf" else None
