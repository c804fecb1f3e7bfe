"""Turning one raw cell into a number, a yes/no, a choice or "not applicable".

Every reader (form, batch, template) goes through these functions so that a value typed as
``１２.５``, ``12,345``, ``12.5%`` or a percentage-formatted ``0.125`` means the same thing
everywhere. Nothing here guesses: what cannot be read is reported with a kind and a sentence,
never turned into 0.
"""

from __future__ import annotations

import datetime as _dt
import math
import re
import unicodedata
from dataclasses import dataclass

from scoring.core.model import CellValue, Criterion

YES_TOKENS = frozenset({"yes", "y", "true", "1", "是", "有", "√"})
NO_TOKENS = frozenset({"no", "n", "false", "0", "否", "无", "×"})
NA_TOKENS = frozenset({"n/a", "na", "不适用", "/"})

_THOUSANDS = re.compile(r"^[+-]?\d{1,3}(,\d{3})+(\.\d+)?$")
_PLAIN_NUMBER = re.compile(r"^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$")
#: A comma where a decimal point belongs (12,5; 1.234,5), as some locales write a number: never
#: read, since 1,234 is a thousand and more here, but named in the refusal.
_DECIMAL_COMMA = re.compile(r"^[+-]?(\d+|\d{1,3}(\.\d{3})+),\d+$")


@dataclass(frozen=True)
class Parsed:
    """The outcome of reading one cell for one criterion.

    ``state`` is ``ok``, ``missing``, ``na`` or ``invalid``; ``number`` is set exactly when
    ``ok``; ``issue_kind`` and ``message`` explain an ``invalid``.
    """

    state: str
    number: float | None = None
    issue_kind: str = ""
    message: str = ""
    message_zh: str = ""

    @property
    def ok_number(self) -> float:
        """``number`` of an ``ok`` reading, for a caller that has checked ``state``.

        Any other reading has no number: asking it for one is a mistake in the caller, said
        by a ValueError.
        """
        if self.number is None:
            raise ValueError(f"a cell read as {self.state!r} has no number")
        return self.number


MISSING_VALUE = Parsed("missing")
NOT_APPLICABLE = Parsed("na")


def normalise_text(value: object) -> str:
    """NFKC-normalise and strip a cell's text (full-width digits and letters become ASCII)."""
    if type(value) is str and value.isascii():  # most cells; NFKC leaves ASCII as it is
        return value.strip()
    if value is None:
        return ""
    return unicodedata.normalize("NFKC", str(value)).strip()


def text_of(value: object) -> str:
    """Text of a cell as a person would read it: ``12.0`` becomes ``12``, None becomes ``""``."""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return normalise_text(value)


def plain_text(value: object) -> str:
    """Text shown to people, kept as typed (only trimmed): NFKC would turn 10⁴ into 104
    and Chinese full-width punctuation into ASCII."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _invalid(kind: str, message: str, message_zh: str) -> Parsed:
    return Parsed("invalid", issue_kind=kind, message=message, message_zh=message_zh)


def _flagged(cell: CellValue) -> Parsed | None:
    """The verdict for cells the reader flagged (error cells, formulas with no value)."""
    if cell.note == "error_cell":
        return _invalid(
            "error_cell",
            f"the cell shows the error {cell.value!s}; correct the formula or type the value",
            f"单元格显示错误值 {cell.value!s}；请修正公式或直接填写数值",
        )
    if cell.note == "formula_without_value":
        return _invalid(
            "formula_without_value",
            "the cell holds a formula that was never calculated; open the file in Excel or "
            "WPS, let it recalculate, save, and submit again (or type the value)",
            "单元格中的公式没有计算结果；请用 Excel 或 WPS 打开文件，重新计算后保存再提交（或直接填写数值）",
        )
    return None


def _without_percent(text: str) -> str:
    return text[:-1].strip() if text.endswith("%") else text


def _number_from_text(text: str) -> float | None:
    """The number typed (infinite when it is too large for a float, 1e400), None for text
    that is no number."""
    text = _without_percent(text)
    if _THOUSANDS.match(text):
        text = text.replace(",", "")
    if not _PLAIN_NUMBER.match(text):
        return None
    return float(text)


def has_decimal_comma(value: object) -> bool:
    """Whether a cell's text is a number written with a decimal comma (``12,5``, ``１２，５``,
    ``1.234,5``), which is never read as one: see :func:`parse_number`."""
    return bool(_DECIMAL_COMMA.match(_without_percent(normalise_text(value))))


def _too_large(typed: str | None) -> Parsed:
    """A number beyond a float's range (1e400 overflows to infinity): a number, too large to
    calculate with; ``typed`` as the cell's text shows it, None for a numeric cell."""
    en, zh = (f"the number {typed}", f"数值 {typed} ") if typed else ("the cell's number", "单元格中的数值")
    return _invalid(
        "number_too_large",
        f"{en} is too large to calculate with (more than 1.8e308 in size); check the value and its unit",
        f"{zh}过大，无法计算（绝对值超过 1.8e308）；请核对数值及其单位",
    )


def _not_a_number_text(text: str) -> Parsed:
    if has_decimal_comma(text):
        return _invalid(
            "not_a_number",
            f"expected a number, found the text {text!r}: a comma is read only between groups of "
            "three digits (12,345); type the decimal mark as a point (12.5)",
            f"应填写数字，实际为文本 {text!r}：逗号只能用作千位分隔符（如 12,345）；小数点请用“.”（如 12.5）",
        )
    return _invalid("not_a_number", f"expected a number, found the text {text!r}",
                    f"应填写数字，实际为文本 {text!r}")


def parse_number(cell: CellValue | None) -> Parsed:
    """Read a cell as a number.

    A numeric cell formatted as a percentage reads as its shown value (0.125 shown as 12.5%
    reads 12.5), as does text with a trailing ``%``.

    Parameters
    ----------
    cell : CellValue or None
        The cell; None or a blank cell is ``missing``.

    Returns
    -------
    Parsed
    """
    if cell is None:
        return MISSING_VALUE
    flagged = _flagged(cell)
    if flagged is not None:
        return flagged
    value = cell.value
    if isinstance(value, bool):
        return _invalid("not_a_number", f"expected a number, found the logical value {value}",
                        f"应填写数字，实际为逻辑值 {value}")
    if isinstance(value, (int, float)):
        number = float(value)
        if math.isinf(number):
            return _too_large(None)
        if math.isnan(number):
            return _invalid("not_a_number", "the number is not finite", "数值无效（不是有限数）")
        return Parsed("ok", number * 100.0 if cell.note == "percent" else number)
    if isinstance(value, (_dt.date, _dt.time, _dt.timedelta)):
        return _invalid(
            "not_a_number",
            f"expected a number, found the date or time {value}; Excel may have turned the "
            "number into a date: format the cell as Number and type the value again",
            f"应填写数字，实际为日期或时间 {value}；Excel 可能把数字自动转成了日期："
            "请将单元格格式设为“数值”后重新填写",
        )
    text = normalise_text(value)
    if not text:
        return MISSING_VALUE
    if text.casefold() in NA_TOKENS:
        return NOT_APPLICABLE
    from_text = _number_from_text(text)
    if from_text is None:
        return _not_a_number_text(text)
    if math.isinf(from_text):
        return _too_large(text)
    return Parsed("ok", from_text)


def parse_yes_no(cell: CellValue | None) -> Parsed:
    """Read a yes/no cell: yes is 1.0, no is 0.0 (tokens in YES_TOKENS / NO_TOKENS)."""
    if cell is None:
        return MISSING_VALUE
    flagged = _flagged(cell)
    if flagged is not None:
        return flagged
    value = cell.value
    if isinstance(value, bool):
        return Parsed("ok", 1.0 if value else 0.0)
    if isinstance(value, (int, float)) and value in (0, 1):
        return Parsed("ok", float(value))
    text = text_of(value).casefold()
    if not text:
        return MISSING_VALUE
    if text in NA_TOKENS:
        return NOT_APPLICABLE
    if text in YES_TOKENS:
        return Parsed("ok", 1.0)
    if text in NO_TOKENS:
        return Parsed("ok", 0.0)
    return _invalid("unknown_choice", f"expected yes or no (是/否), found {text_of(value)!r}",
                    f"应填写“是”或“否”，实际为 {text_of(value)!r}")


def parse_choice(cell: CellValue | None, criterion: Criterion) -> Parsed:
    """Read a choice cell as the fraction of its label (case-insensitive, trimmed)."""
    if cell is None:
        return MISSING_VALUE
    flagged = _flagged(cell)
    if flagged is not None:
        return flagged
    text = text_of(cell.value)
    if not text:
        return MISSING_VALUE
    fraction = criterion.choice_fraction(text)
    if fraction is not None:
        return Parsed("ok", fraction)
    if text.casefold() in NA_TOKENS:
        return NOT_APPLICABLE
    labels = ", ".join(label for label, _ in criterion.choices)
    return _invalid("unknown_choice", f"{text!r} is not one of the choices: {labels}",
                    f"{text!r} 不是可选项之一：{labels}")


def parse_for_criterion(cell: CellValue | None, criterion: Criterion) -> Parsed:
    """Read the current value of a cell according to the criterion's type."""
    if criterion.type == "yesno":
        return parse_yes_no(cell)
    if criterion.type == "choice":
        return parse_choice(cell, criterion)
    return parse_number(cell)


def parse_yes_no_setting(text: object, default: bool) -> bool | None:
    """Read a template's yes/no setting; None when it is neither (the caller reports it)."""
    token = text_of(text).casefold()
    if not token:
        return default
    if token in YES_TOKENS:
        return True
    if token in NO_TOKENS:
        return False
    return None


def display_label(cell: CellValue) -> object:
    """A yes/no or choice cell as shown: its text as typed (a number stays a number)."""
    value = cell.value
    if cell.note in ("error_cell", "formula_without_value") or not isinstance(value, (int, float)):
        return plain_text(value) or None
    return value


def display_value(cell: CellValue | None) -> object:
    """The value as it should be shown and exported: numbers as numbers, the rest as text."""
    if cell is None:
        return None
    if cell.note in ("error_cell", "formula_without_value"):
        return text_of(cell.value) or None
    parsed = parse_number(cell)
    if parsed.state == "ok":
        return parsed.number
    text = text_of(cell.value)
    return text or None
