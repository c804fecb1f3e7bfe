"""Every chart of the reports and the GUI, drawn with matplotlib on a given ``Axes`` (never pyplot),
so the same function draws in the GUI's Qt canvas, the workbook's images and the PDF's pages.

- :mod:`~scoring.reports.charts.kinds`: the chart kinds by name (imports nothing: the GUI lists
  them before matplotlib loads).
- :mod:`~scoring.reports.charts.common`: the CJK style, titles, row labels, bars, colours, hover
  texts and rows fitted to their axes, shared by every chart.
- :mod:`~scoring.reports.charts.bars`, :mod:`~scoring.reports.charts.radar`,
  :mod:`~scoring.reports.charts.heatmap`, :mod:`~scoring.reports.charts.scatter`: the comparison
  charts (``draw_<kind>(ax, scheme, projects, lang=...) -> bool``).
- :mod:`~scoring.reports.charts.figures`: ``DRAWERS`` (kind → function) and figures sized for files.
- :mod:`~scoring.reports.charts.robustness`, :mod:`~scoring.reports.charts.tracking`: the
  robustness study's rank ranges and the tracking trends and slopes.

Labels are Chinese or English (``lang``); :func:`~scoring.reports.charts.common.chart_style` applies
the CJK font of :mod:`scoring.reports.fonts` while drawing, so Chinese never shows as empty boxes.
"""
