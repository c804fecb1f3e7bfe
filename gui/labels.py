"""Display names for the engine's keywords (statuses, grades, levels, reasons), translated.

scoring/ speaks in stable English keywords (``ok``, ``missing_required``, ``city``); people
see these names instead. Each table is built from literal ``translate()`` calls so that
``pyside6-lupdate`` finds every string, and cached per language because models ask for them
once per visible cell.
"""

from __future__ import annotations

from functools import lru_cache

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QColor

from gui import translation
from scoring.core import presentation
from scoring.core.presentation import shown_assessment


@lru_cache(maxsize=4)
def _tables(lang: str) -> dict[str, dict[str, str]]:
    del lang  # the cache key: translate() answers in the installed language
    translate = QCoreApplication.translate
    return {
        "status": {
            "ok": translate("labels", "OK"),
            "missing": translate("labels", "Missing"),
            "na": translate("labels", "Not applicable"),
            "invalid": translate("labels", "Invalid"),
            "pending": translate("labels", "Pending"),
            # an inspector's fraction: the first on-site score of a manual criterion is
            # "Scored"; a changed measured value is "Overridden" (status_name)
            "override": translate("labels", "Overridden"),
            "scored": translate("labels", "Scored"),
        },
        "level": {
            "region": translate("labels", "Region"),
            "city": translate("labels", "City"),
            "park": translate("labels", "Industrial park"),
            "enterprise": translate("labels", "Enterprise"),
        },
        "type": {
            "value": translate("labels", "Value"),
            "change": translate("labels", "Change"),
            "yesno": translate("labels", "Yes/no"),
            "choice": translate("labels", "Choice"),
            "manual": translate("labels", "Manual"),
        },
        "kind": {
            "score": translate("labels", "Score"),
            "bonus": translate("labels", "Bonus"),
            "penalty": translate("labels", "Penalty"),
        },
        "direction": {
            "higher": translate("labels", "Higher is better"),
            "lower": translate("labels", "Lower is better"),
        },
        "effect": {
            "pollution": translate("labels", "Pollution"),
            "carbon": translate("labels", "Carbon"),
            "both": translate("labels", "Both"),
            "none": translate("labels", "None"),
        },
        "import": {
            "imported": translate("labels", "Imported"),
            "resubmitted": translate("labels", "Resubmitted"),
            "unchanged": translate("labels", "Unchanged"),
            "rejected": translate("labels", "Rejected"),
            # a file of the folder that was not read (a lock file, not a spreadsheet kind)
            "skipped": translate("labels", "Not read"),
            "issue": translate("labels", "Issue"),
        },
        "reason": {
            "unreadable": translate("labels", "Unreadable file"),
            "encrypted": translate("labels", "Encrypted file"),
            "too_large": translate("labels", "File too large"),
            "unsafe_xml": translate("labels", "Unsafe content"),
            "not_a_submission": translate("labels", "Not a submission form"),
            "missing_project_id": translate("labels", "No project ID"),
            "no_matching_template": translate("labels", "No matching scheme"),
            "duplicate_project": translate("labels", "Duplicate project"),
        },
        "severity": {
            "error": translate("labels", "Error"),
            "warning": translate("labels", "Warning"),
            "info": translate("labels", "Note"),
        },
    }


def issue_message(issue) -> str:
    """An issue's message in the language of the data (printed outputs and tables)."""
    return presentation.issue_text(issue, translation.data_lang())


def rejection_message(rejection) -> str:
    """Why a file was refused and what to do, in the language of the data."""
    return presentation.rejection_text(rejection, translation.data_lang())


def rejection_action(rejection) -> str:
    """What to do about a refused file, in the language of the data."""
    return presentation.rejection_action(rejection.reason, translation.data_lang())


def provisional_text(project) -> str:
    """"provisional: 2 pending, grade could be Pass–Good" in the language of the data, or ""."""
    return presentation.provisional_mark(project, translation.data_lang())


def total_text(scheme, total: float) -> str:
    """A total as every output prints it: scoring.core.presentation.total_text, never rounded up
    onto a grade's threshold it is below (59.995 is 59.99, not a pass mark of 60.00)."""
    if scheme is None:  # no scheme, no thresholds to stay below
        return f"{total + 0.0:.2f}"
    return presentation.total_text(scheme, total)


def total_range_text(scheme, low: float, high: float) -> str:
    """The totals a provisional result could still reach, e.g. "Total could be 62.50–78.00"."""
    return QCoreApplication.translate("labels", "Total could be {low}–{high}").format(
        low=total_text(scheme, low), high=total_text(scheme, high))


def status_name(criterion, result) -> str:
    """A criterion's status as a supervisor reads it: an inspector's fraction on a manual
    criterion is "Scored" (the first on-site score), on a measured one "Overridden"."""
    if result.status == "override" and criterion.type == "manual":
        return label("status", "scored")
    return label("status", result.status)


def value_text(criterion, value) -> str:
    """A submitted value in the data language (yes/no as 是/否), as scoring.core.presentation shows it."""
    return presentation.value_label(criterion, value, translation.data_lang())


def audit_action(entry) -> str:
    """An audit entry's action in the language of the data (scoring.core.presentation's names)."""
    return presentation.audit_action_label(entry.action, translation.data_lang())


def audit_text(entry) -> str:
    """An audit entry's sentence in the language of the data, from its fields."""
    return presentation.audit_summary(entry, translation.data_lang())


def label(table: str, key: str) -> str:
    """The display name of ``key`` in ``table``; the keyword itself when unknown."""
    return _tables(translation.current_language())[table].get(key, key)


def grade_name(grade: str) -> str:
    """A grade's name in the current language (the template's own name when not a default)."""
    if translation.current_language() == "zh_CN":
        return presentation.grade_label(grade, "zh")
    return grade


def synergy_name(klass: int | None) -> str:
    return presentation.synergy_class_label(klass, translation.data_lang())


def assessment_text(result) -> tuple[str, str]:
    """(inspector, reason) of an indicator in the current language.

    Where several inspectors scored it: who decided and "3 inspectors: Li 0.6, … — median 0.6"
    (scoring.core.presentation.shown_assessment); otherwise the inspector's own name and reason.
    """
    return shown_assessment(result, translation.data_lang())


def criterion_text(criterion) -> tuple[str, str]:
    """(dimension, indicator) of a criterion in the current language."""
    if translation.current_language() == "zh_CN":
        return (criterion.dimension_zh or criterion.dimension, criterion.indicator_zh or criterion.indicator)
    return criterion.dimension, criterion.indicator


def criterion_basis(criterion) -> str:
    """Where a criterion's bounds come from, in the current language where the template has it."""
    lang = "zh" if translation.current_language() == "zh_CN" else "en"
    return presentation.basis_label(criterion, lang)


def change_field(field: str) -> str:
    """A resubmission's changed project field (name, region …) in the current language."""
    return presentation.change_field_label(field, translation.data_lang())


def criterion_guidance(criterion) -> str:
    """A criterion's guidance in the current language where the template has it."""
    return presentation.guidance_label(criterion, translation.data_lang())


def unit_text(unit: str) -> str:
    """A criterion's unit in the current language (presentation.unit_label)."""
    return presentation.unit_label(unit, translation.data_lang())


def scheme_name(scheme) -> str:
    """A scheme's displayed name in the current language (presentation.scheme_label)."""
    return presentation.scheme_label(scheme, translation.data_lang())


def scheme_dimension(scheme, dimension: str) -> str:
    """A scheme dimension's display name (the Chinese name from any of its criteria)."""
    return presentation.dimension_label(scheme, dimension, translation.data_lang())


#: Background colours of grades, by position from the best grade down (colour-blind safe).
GRADE_COLOURS = ("#c7e9c0", "#deebf7", "#fff2cc", "#f4cccc", "#eeeeee")
STATUS_COLOURS = {
    "missing": "#f4cccc",
    "invalid": "#f4cccc",
    "pending": "#fff2cc",
    "override": "#d9d2e9",
    "na": "#eeeeee",
}
VETO_COLOUR = "#a61c00"


def grade_colour(scheme, grade: str) -> QColor | None:
    names = [g.name for g in scheme.grades_descending]
    if grade not in names:
        return None
    return QColor(GRADE_COLOURS[min(names.index(grade), len(GRADE_COLOURS) - 1)])
