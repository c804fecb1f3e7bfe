"""Who signs a report: the assessing body, document number, period and the three signatories.

A supervisor signs a printed ranking only when it says who assessed, under which document
number, for which period, and leaves room for the assessor's, reviewer's and approver's
signatures and the body's seal. These settings belong to a workspace (stored in its ``meta``
table by :mod:`scoring.workspace.report_settings`), can be edited in the GUI and given on the command line
(``--org``, ``--doc-no``, ``--period``, ``--assessor``, ``--reviewer``, ``--approver``); the PDF
report and the ranked workbook print them the same way whichever way they came.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, fields, replace

from scoring.core.textclean import clean_text

#: The settings' fields in the order a report prints them.
FIELDS = ("org", "doc_no", "period", "assessor", "reviewer", "approver")
#: Longest value kept (a name or a document number, never a paragraph).
MAX_LENGTH = 200


@dataclass(frozen=True)
class ReportSettings:
    """What a report says about who made it; every field may be empty.

    Attributes
    ----------
    org : str
        The assessing body (评估机构), also the PDF's author.
    doc_no : str
        The document number (文号).
    period : str
        The assessment period, as written (e.g. "2024 年度").
    assessor, reviewer, approver : str
        The names printed under the signature lines (评估人, 审核人, 批准人).
    """

    org: str = ""
    doc_no: str = ""
    period: str = ""
    assessor: str = ""
    reviewer: str = ""
    approver: str = ""

    def __post_init__(self) -> None:
        for name in FIELDS:
            value = clean_text(getattr(self, name) or "", keep_newlines=False).strip()[:MAX_LENGTH]
            object.__setattr__(self, name, value)

    def as_dict(self) -> dict[str, str]:
        return asdict(self)

    def overridden(self, **values: str | None) -> ReportSettings:
        """These settings with the given fields replaced; ``None`` keeps a field as it is."""
        known = {f.name for f in fields(self)}
        return replace(self, **{k: v for k, v in values.items() if k in known and v is not None})

    @classmethod
    def from_dict(cls, values: dict) -> ReportSettings:
        """Settings from a mapping, ignoring keys that are not fields."""
        return cls(**{name: str(values.get(name) or "") for name in FIELDS})


def settings_from_args(args, base: ReportSettings | None = None) -> ReportSettings:
    """The settings a command line gives (``--org`` …), over ``base`` (a workspace's)."""
    base = base or ReportSettings()
    return base.overridden(**{name: getattr(args, name, None) for name in FIELDS})
