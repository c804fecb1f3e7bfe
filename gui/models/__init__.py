"""Qt table models over scored results and records: they lay data out for the views and hold no rule.

Sorting and filtering work on numpy arrays built once per reset (``indexed.py``), so a table of
thousands of projects sorts with one ``argsort``; docs/architecture.md lists each model.
"""
