"""The chart kinds, in the order the workbook, the PDF and the GUI's chart list show them.

A module of its own so that the GUI can list the charts without importing matplotlib
(scoring/reports/charts/figures.py, which draws them by name, imports it at once).
"""

CHART_KINDS = ("ranked", "contributions", "radar", "heatmap", "synergy", "co_control")
