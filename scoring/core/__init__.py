"""The rules and their words, with no file, database or GUI in sight.

The data model (schemes, criteria, submissions, results), value parsing, the scoring engine
(docs/method.md), synergy and grades, the several-inspectors reconciliation rule, the per-score
explanations and the bilingual text catalogue (presentation.py) every output speaks through.
Every other layer builds on this one; it imports none of them (pyproject's import contracts).
"""
