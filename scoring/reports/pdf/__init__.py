"""The PDF documents, laid out with ReportLab's platypus; matplotlib draws only their charts.

- :mod:`~scoring.reports.pdf.report`: the PDF report (``write_pdf_report``, ``page_count``; the
  GUI's print preview uses ``render`` with ``ranked_only`` or ``project_only``), which puts
  its parts in order and frames the pages.
- Its parts: :mod:`~scoring.reports.pdf.ranking` (cover, rankings, approval block),
  :mod:`~scoring.reports.pdf.chart_pages`, :mod:`~scoring.reports.pdf.robustness`,
  :mod:`~scoring.reports.pdf.project` (a project's pages, with
  :mod:`~scoring.reports.pdf.reconcile` for several inspectors) and
  :mod:`~scoring.reports.pdf.appendix` (method appendix, rejected inputs).
- What they are built with: :mod:`~scoring.reports.pdf.layout` (page geometry, font, styles,
  wrapping tables) and :mod:`~scoring.reports.pdf.canvas` (outline anchors, numbers known later,
  chart images).
- :mod:`~scoring.reports.pdf.tracking`: the tracking PDF (``track --pdf``), a document of its own.
"""
