"""A PDF's pages as pictures, rasterised by PDFium (pypdfium2): how the desktop app prints.

Print and Print Preview paint each page of the PDF report as PDFium renders it
(gui/printing.py), and ``selftest`` renders a page the same way, so a bundle whose PDFium
library is missing or broken fails its smoke test (packaging/smoke.py) rather than a user's
first print.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from PIL import Image


def page_images(pdf: bytes | Path, dpi: float) -> Iterator[tuple[Image.Image, float, float]]:
    """Each page of ``pdf`` as an RGB image at ``dpi``, with the page's width and height in points.

    Parameters
    ----------
    pdf : bytes or Path
        The PDF, in memory or as a file.
    dpi : float
        Pixels per inch of the images.

    Yields
    ------
    (PIL.Image.Image, float, float)
    """
    import pypdfium2

    document = pypdfium2.PdfDocument(pdf if isinstance(pdf, bytes) else str(pdf))
    try:
        for number in range(len(document)):
            page = document[number]
            try:
                width, height = page.get_size()
                yield page.render(scale=dpi / 72.0).to_pil().convert("RGB"), width, height
            finally:
                page.close()
    finally:
        document.close()
