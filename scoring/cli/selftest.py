"""``synergypilot selftest``: check, offline, that this installation works end to end.

Meant for an inspector's machine (the bundle copied from a USB stick) and for CI: it writes the
demo submissions into a temporary folder, scores them with the shipped templates, writes the
ranked workbook and the PDF report, opens both again, checks them, and prints a short report.
Exit code 0 when every check passed, 1 with the failed check named otherwise.

By default the workbook and the PDF cover the smallest scheme (every project is still scored;
the outputs take seconds instead of a minute); ``--full`` writes them for every scheme.
"""

from __future__ import annotations

import logging
import re
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from scoring import __version__
from scoring.core.presentation import Said, said
from scoring.resources import APP_ROOT

EXIT_OK, EXIT_FAILED = 0, 1
#: Smallest plausible sizes: a workbook or a report below these is broken, whatever it holds.
MIN_WORKBOOK_BYTES = 10_000
MIN_PDF_BYTES = 20_000
#: A PDF page object (``/Type /Page``, not the ``/Type /Pages`` tree node).
PDF_PAGE = re.compile(rb"/Type\s*/Page(?![A-Za-z])")
log = logging.getLogger("synergypilot.selftest")


class SelftestError(Exception):
    """A check failed; the message (``said``, English and Chinese) says what was expected and
    what was found."""

    def __init__(self, key: str, **fields: object) -> None:
        self.said = said(key, **fields)
        super().__init__(self.said.en)


@dataclass(frozen=True)
class Check:
    """One passed check, as printed in the report: its name (``st_<name>`` in the catalogue)
    and what was found, in English and Chinese."""

    name: str
    detail: Said


def command_selftest(args) -> int:
    """Run the self-test from the CLI; return the exit code."""
    return main(full=args.full, out=Path(args.out).resolve() if args.out else None, lang=args.message_lang)


def main(full: bool = False, out: Path | None = None, echo: Callable[[str], None] = print,
         lang: str | None = None) -> int:
    """Run every check and print the report.

    Parameters
    ----------
    full : bool
        Write the workbook and the PDF for every scheme.
    out : Path, optional
        Folder to work in; kept afterwards. Default: a temporary folder, removed when every
        check passed and kept (its path printed) when one failed.
    echo : callable
        Where the report's lines go.
    lang : {"zh", "en"}, optional
        The report's language; by default each line in English and then in Chinese.

    Returns
    -------
    int
        0 when every check passed, 1 otherwise.
    """
    def tell(key: str, **fields: object) -> None:
        message = said(key, **fields)
        for line in [message.text(lang)] if lang else dict.fromkeys((message.en, message.zh)):
            echo(line)

    started = time.perf_counter()
    tell("st_header", version=__version__, where=_installation())
    work = out or Path(tempfile.mkdtemp(prefix="synergypilot-selftest-"))
    try:
        for check in run_checks(work, full):
            tell("st_ok", name=said(f"st_{check.name.lower()}"), detail=check.detail)
    except SelftestError as exc:
        tell("st_failed", message=exc.said)
        tell("st_written_so_far", folder=work)
        return EXIT_FAILED
    except Exception as exc:  # a broken installation must still end in one clear line
        log.debug("selftest failed", exc_info=True)
        tell("st_failed", message=said("cli_unexpected", kind=type(exc).__name__, detail=exc, log=""))
        tell("st_written_so_far", folder=work)
        return EXIT_FAILED
    if out is None:
        _remove(work)
    else:
        tell("st_kept", folder=work)
    tell("st_passed", seconds=f"{time.perf_counter() - started:.1f}")
    return EXIT_OK


def _installation() -> Said:
    if getattr(sys, "frozen", False):
        return said("st_bundle", path=Path(sys.executable).resolve().parent)
    return said("st_source", path=APP_ROOT)


def _remove(folder: Path) -> None:
    import shutil

    shutil.rmtree(folder, ignore_errors=True)


def run_checks(work: Path, full: bool = False):
    """Yield each check as it passes; raise :class:`SelftestError` at the first that fails.

    Parameters
    ----------
    work : Path
        Folder for the demo submissions and the outputs.
    full : bool
        Outputs for every scheme instead of the smallest one.

    Yields
    ------
    Check
    """
    templates = shipped_templates()
    yield Check("templates", said("st_templates_ok", n=len(templates), folder=templates[0].parent))
    yield check_font()
    demo_dir = work / "demo"
    written = write_demo(demo_dir)
    yield Check("demo", said("st_demo_ok", n=len(written)))
    result = score(templates, demo_dir)
    yield check_scores(result, demo_dir)
    sample = result if full else smallest_scheme(result)
    yield check_workbook(sample, work / "ranked.xlsx")
    yield check_pdf(sample, work / "report.pdf")
    yield check_print(work / "report.pdf")


def shipped_templates() -> list[Path]:
    """The shipped scheme templates, each loaded and valid.

    Raises
    ------
    SelftestError
        When the folder is missing, holds no template, or one is invalid.
    """
    from scoring.cli.common import DEFAULT_TEMPLATES, default_template_paths
    from scoring.io.template import TemplateError, load_template

    paths = default_template_paths()
    if not paths:
        raise SelftestError("st_no_templates", folder=DEFAULT_TEMPLATES)
    for path in paths:
        try:
            load_template(path)
        except TemplateError as exc:
            raise SelftestError("st_template_invalid", file=path.name, detail=exc.said)
    return paths


def check_font() -> Check:
    """The shipped CJK font is present, with its licence, and usable by matplotlib."""
    from scoring.reports import fonts

    folder = fonts.SHIPPED_FONT_DIR
    families = fonts.register_shipped_fonts(folder)
    if not families:
        raise SelftestError("st_no_font", folder=folder)
    if not any(folder.glob("LICENSE*")):
        raise SelftestError("st_no_licence", folder=folder)
    return Check("font", said("st_font_ok", family=families[0], folder=folder))


def write_demo(folder: Path) -> list[Path]:
    """Write the demo submissions (see :func:`scoring.build.demo.write_demo`)."""
    from scoring.build.demo import write_demo as write

    return write(folder)


def score(templates: list[Path], demo_dir: Path):
    """Score the demo folder with the shipped templates, as ``synergypilot score`` does."""
    from scoring.io.pipeline import run

    return run(templates, [demo_dir])


def check_scores(result, demo_dir: Path) -> Check:
    """Every sound demo submission scored; only the deliberately flawed files rejected.

    Raises
    ------
    SelftestError
        When a sound file was rejected (e.g. the file readers failed to start), a scheme got
        no project, or fewer projects than the demo holds were scored.
    """
    from scoring.build.demo import LEVEL_COUNTS

    flawed = demo_dir / "flawed"
    wrongly = [r for r in result.rejected if not Path(r.source).is_relative_to(flawed)]
    if wrongly:
        first = wrongly[0]
        raise SelftestError("st_sound_rejected", n=len(wrongly), file=Path(first.source).name,
                            reason=first.reason, message=first.message)
    empty = [s.name for s in result.schemes if not result.projects_of(s)]
    if empty:
        raise SelftestError("st_scheme_empty", schemes=", ".join(empty))
    expected = sum(LEVEL_COUNTS.values())
    sound = [p for p in result.projects if not Path(p.source).is_relative_to(flawed)]
    if len(sound) != expected:
        raise SelftestError("st_demo_count", n=len(sound), expected=expected)
    return Check("scoring", said("st_scoring_ok", projects=len(result.projects), schemes=len(result.schemes),
                                 rejected=len(result.rejected)))


def smallest_scheme(result):
    """The run restricted to the scheme with the fewest projects (rejections kept)."""
    from scoring.io.pipeline import AssessmentRun

    scheme = min((s for s in result.schemes if result.projects_of(s)),
                 key=lambda s: (len(result.projects_of(s)), s.name))
    return AssessmentRun(schemes=[scheme], projects=result.projects_of(scheme),
                         rejected=list(result.rejected))


def check_workbook(result, path: Path) -> Check:
    """Write the ranked workbook, open it again and find every project in it."""
    from openpyxl import load_workbook

    from scoring.reports.workbook import write_ranked_workbook

    write_ranked_workbook(result, path)
    size = _size(path, MIN_WORKBOOK_BYTES, "st_the_workbook")
    book = load_workbook(path, read_only=True)
    try:
        sheets = book.sheetnames
        cells = {str(v) for ws in book.worksheets for row in ws.iter_rows(values_only=True) for v in row if v}
    finally:
        book.close()
    missing = [p.project_id for p in result.projects if p.project_id not in cells]
    if missing:
        raise SelftestError("st_workbook_missing", n=len(missing), example=missing[0])
    return Check("workbook", said("st_workbook_ok", file=path.name, sheets=len(sheets),
                                  projects=len(result.projects), kb=f"{size / 1024:.0f}"))


def check_pdf(result, path: Path) -> Check:
    """Write the PDF report and check its structure, page count and embedded Chinese font."""
    from scoring.reports import fonts
    from scoring.reports.pdf.report import page_count, write_pdf_report

    write_pdf_report(result, path)
    size = _size(path, MIN_PDF_BYTES, "st_the_pdf")
    data = path.read_bytes()
    if not data.startswith(b"%PDF-") or b"%%EOF" not in data[-1024:]:
        raise SelftestError("st_pdf_incomplete", file=path.name)
    pages, expected = len(PDF_PAGE.findall(data)), page_count(result)
    if pages != expected:
        raise SelftestError("st_pdf_pages", file=path.name, pages=pages, expected=expected)
    family = fonts.cjk_font_family(prefer_shipped=True) or ""
    if family.replace(" ", "").encode() not in data:
        raise SelftestError("st_font_not_embedded", family=family or said("st_none_found"), file=path.name)
    return Check("PDF", said("st_pdf_ok", file=path.name, pages=pages, kb=f"{size / 1024:.0f}",
                             family=family))


#: Pixels per inch of the page rendered as for printing: enough to see text, quick to draw.
PRINT_CHECK_DPI = 50


def check_print(path: Path) -> Check:
    """Render the PDF report's first page with PDFium, as the desktop app prints: a whole page,
    with ink on it (a bundle without a working PDFium fails here, not at a user's printer)."""
    from scoring.reports.pdf_raster import page_images

    try:
        image, width, height = next(page_images(path, PRINT_CHECK_DPI))
    except Exception as exc:  # noqa: BLE001 - any failure of the PDF engine fails this check
        raise SelftestError("st_pdfium_failed", file=path.name, detail=exc) from exc
    expected = round(width * PRINT_CHECK_DPI / 72), round(height * PRINT_CHECK_DPI / 72)
    if abs(image.width - expected[0]) > 1 or abs(image.height - expected[1]) > 1:
        raise SelftestError("st_pdfium_size", file=path.name, width=image.width, height=image.height,
                            expected=f"{expected[0]}×{expected[1]}")
    ink = sum(image.convert("L").point(lambda v: 255 if v < 128 else 0).histogram()[255:])
    if ink == 0:
        raise SelftestError("st_pdfium_blank", file=path.name)
    return Check("print", said("st_print_ok", file=path.name, dpi=PRINT_CHECK_DPI, width=image.width,
                               height=image.height))


def _size(path: Path, minimum: int, what: str) -> int:
    if not path.is_file():
        raise SelftestError("st_not_written", what=said(what), path=path)
    size = path.stat().st_size
    if size < minimum:
        raise SelftestError("st_too_small", what=said(what), size=size, path=path)
    return size
