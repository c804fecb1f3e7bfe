"""Every word the program shows, in Chinese and English, one data module per area.

Each module holds tables of (Chinese, English) pairs, in that order everywhere:

- ``reports``: the workbook's, charts' and PDF report's words (tracking, sign-off, method appendix);
- ``explanation``: a result explained (the worked calculation, points lost, paths to the next grade);
- ``workspace``: a workspace's messages, a resubmission's changed fields and the audit log;
- ``files``: templates and submissions refused, a blank form's guidance, outputs not written;
- ``analysis``: a robustness study's paragraph, its options and tried weights refused;
- ``cli_help`` and ``cli_messages``: the command line's help, and what it says (selftest included);
- ``labels``: the names every output shares (statuses, kinds, severities, levels, grades, units,
  synergy classes, provinces).

Read the words through scoring/core/presentation.py (``text``, ``said``, the label functions and
the tables it re-exports), never from here: its ``TEXT`` joins the keyed texts of the areas. A
new word goes into its area's table, next to the others of its kind. These modules are data only
and import nothing from scoring, so any module of scoring/core can use them without an import
cycle.
"""
