"""scoring/core/values.py: one raw cell read as a number, a yes/no, a choice or "not applicable".

Each expected value is worked out by hand from the rule in the comment beside it; the last tests
check that the engine's fast path for labels reads every token exactly as these functions do.
"""

from __future__ import annotations

import datetime as dt
import math
import unicodedata

import numpy as np
import pytest

from scoring.core.inputs import fast_label
from scoring.core.model import OK, CellValue, Criterion
from scoring.core.values import (
    NA_TOKENS,
    NO_TOKENS,
    YES_TOKENS,
    display_value,
    normalise_text,
    parse_choice,
    parse_for_criterion,
    parse_number,
    parse_yes_no,
    parse_yes_no_setting,
    plain_text,
    text_of,
)


def cell(value, note=None) -> CellValue:
    return CellValue(value, "form.xlsx:Data!E2", note)


YESNO = Criterion(code="Y", dimension="D", indicator="Plan adopted", type="yesno", weight=1.0)
CHOICE = Criterion(code="C", dimension="D", indicator="Monitoring", type="choice", weight=1.0,
                   choices=(("Full", 1.0), ("Partial", 0.5), ("None", 0.0), ("完全", 1.0)))


# --------------------------------------------------------------------------- numbers


@pytest.mark.parametrize(("value", "note", "expected"), [
    (12.5, None, 12.5),
    (7, None, 7.0),
    (0.125, "percent", 12.5),       # shown as 12.5% in Excel: the shown value counts
    ("12.5%", None, 12.5),          # typed with a per-cent sign: the number before it
    ("１２.５", None, 12.5),         # full-width digits (a Chinese input method) become ASCII
    (" 7 ", None, 7.0),
    ("12,345", None, 12345.0),      # thousands separators in groups of three
    ("1,234,567.5", None, 1234567.5),
    ("1e3", None, 1000.0),
    ("-.5", None, -0.5),
    ("+3", None, 3.0),
])
def test_numbers_read_as_typed_or_shown(value, note, expected):
    parsed = parse_number(cell(value, note))
    assert (parsed.state, parsed.number) == ("ok", expected)


@pytest.mark.parametrize("value", [
    "12,34,567",   # not groups of three: a typing slip, never guessed
    "1,23",        # a decimal comma is not read as 1.23
    "abc",
    "inf",
    "12.5 t",
])
def test_text_that_is_not_a_number_is_invalid_with_a_reason(value):
    parsed = parse_number(cell(value))
    assert parsed.state == "invalid" and parsed.issue_kind == "not_a_number"
    assert repr(value) in parsed.message and parsed.message_zh


@pytest.mark.parametrize(("value", "words"), [
    (True, "logical value"),
    (float("nan"), "not finite"),
    (float("inf"), "too large to calculate with"),  # a numeric cell past ±1.8e308 (1e400 in the xml)
    (float("-inf"), "too large to calculate with"),
    (dt.date(2024, 3, 1), "date or time"),  # Excel turned 3/1 or 3-1 into a date
    (dt.timedelta(hours=2), "date or time"),
])
def test_other_kinds_of_cell_are_invalid_never_zero(value, words):
    parsed = parse_number(cell(value))
    assert parsed.state == "invalid" and parsed.number is None and words in parsed.message


@pytest.mark.parametrize(("value", "expected"), [
    ("１２３", 123.0),      # full-width digits: NFKC makes them 123
    ("1,234.5", 1234.5),   # a thousands comma, then a decimal point
    ("１，２３４.５", 1234.5),  # the same typed with a Chinese input method (full-width comma)
    ("12%", 12.0),         # the number before the per-cent sign
    ("1e-400", 0.0),       # underflows to 0: a number, and as small as typed
])
def test_numbers_typed_as_text_the_way_method_md_lists(value, expected):
    parsed = parse_number(cell(value))
    assert (parsed.state, parsed.number) == ("ok", expected)


@pytest.mark.parametrize(("value", "english", "chinese"), [
    # a number, too large for a float (it overflows to infinity): said so, never "not a number"
    ("1e400", "the number 1e400 is too large to calculate with (more than 1.8e308 in size); check the value "
     "and its unit", "数值 1e400 过大，无法计算（绝对值超过 1.8e308）；请核对数值及其单位"),
    ("-1e400", "the number -1e400 is too large to calculate with (more than 1.8e308 in size); check the "
     "value and its unit", "数值 -1e400 过大，无法计算（绝对值超过 1.8e308）；请核对数值及其单位"),
    ("1e400%", "the number 1e400% is too large to calculate with (more than 1.8e308 in size); check the "
     "value and its unit", "数值 1e400% 过大，无法计算（绝对值超过 1.8e308）；请核对数值及其单位"),
])
def test_a_number_too_large_to_calculate_with_is_said_to_be_one(value, english, chinese):
    parsed = parse_number(cell(value))
    assert (parsed.state, parsed.number, parsed.issue_kind) == ("invalid", None, "number_too_large")
    assert (parsed.message, parsed.message_zh) == (english, chinese)


@pytest.mark.parametrize(("value", "shown"), [
    ("12,5", "12,5"),         # a decimal comma (as some locales write 12.5): never guessed
    ("１２，５", "12,5"),      # the same with full-width digits and comma
    ("0,5%", "0,5%"),
    ("1.234,5", "1.234,5"),   # points between thousands, a decimal comma
])
def test_a_decimal_comma_is_refused_saying_how_to_type_the_number(value, shown):
    parsed = parse_number(cell(value))
    assert (parsed.state, parsed.issue_kind) == ("invalid", "not_a_number")
    assert parsed.message == (f"expected a number, found the text {shown!r}: a comma is read only between "
                              "groups of three digits (12,345); type the decimal mark as a point (12.5)")
    assert parsed.message_zh == (f"应填写数字，实际为文本 {shown!r}：逗号只能用作千位分隔符（如 12,345）；"
                                 "小数点请用“.”（如 12.5）")


@pytest.mark.parametrize("value", ["nan", "NaN", "inf", "-inf", "Infinity"])
def test_words_python_reads_as_floats_are_text_here(value):
    """float() takes these; a person typing them into a form has not typed a number."""
    parsed = parse_number(cell(value))
    assert (parsed.state, parsed.issue_kind) == ("invalid", "not_a_number")
    assert (parsed.message, parsed.message_zh) == (f"expected a number, found the text {value!r}",
                                                   f"应填写数字，实际为文本 {value!r}")


@pytest.mark.parametrize("value", [None, "", "   "])
def test_blank_is_missing(value):
    assert parse_number(cell(value)).state == "missing"
    assert parse_number(None).state == "missing"  # no cell at all


@pytest.mark.parametrize("value", ["n/a", "N/A", "na", "不适用", "/", " NA "])
def test_not_applicable_tokens(value):
    assert parse_number(cell(value)).state == "na"


@pytest.mark.parametrize(("note", "kind"), [("error_cell", "error_cell"),
                                           ("formula_without_value", "formula_without_value")])
def test_cells_the_reader_flagged_are_invalid_whatever_they_hold(note, kind):
    for parse in (parse_number, parse_yes_no, lambda c: parse_choice(c, CHOICE)):
        parsed = parse(cell("#DIV/0!" if note == "error_cell" else 5, note))
        assert (parsed.state, parsed.issue_kind) == ("invalid", kind)


# --------------------------------------------------------------------------- yes / no and choices


@pytest.mark.parametrize(("value", "expected"), [
    ("是", 1.0), ("否", 0.0), ("有", 1.0), ("无", 0.0), ("√", 1.0), ("×", 0.0),
    ("yes", 1.0), (" YES ", 1.0), ("Ｙｅｓ", 1.0), ("n", 0.0), ("true", 1.0), ("FALSE", 0.0),
    (True, 1.0), (False, 0.0), (1, 1.0), (0, 0.0), (1.0, 1.0), ("1", 1.0), ("0", 0.0),
])
def test_yes_no(value, expected):
    parsed = parse_yes_no(cell(value))
    assert (parsed.state, parsed.number) == ("ok", expected)


@pytest.mark.parametrize("value", ["maybe", "是的", 2, 0.5, "yes please"])
def test_anything_else_in_a_yes_no_cell_is_an_unknown_choice(value):
    parsed = parse_yes_no(cell(value))
    assert (parsed.state, parsed.issue_kind) == ("invalid", "unknown_choice")
    assert "是" in parsed.message_zh


def test_yes_no_blank_and_not_applicable():
    assert parse_yes_no(cell("")).state == "missing"
    assert parse_yes_no(cell("不适用")).state == "na"


@pytest.mark.parametrize(("value", "expected"), [
    ("Full", 1.0), (" partial ", 0.5), ("NONE", 0.0), ("完全", 1.0), ("Ｆｕｌｌ", 1.0),
])
def test_choice_labels_match_trimmed_and_case_insensitively(value, expected):
    parsed = parse_choice(cell(value), CHOICE)
    assert (parsed.state, parsed.number) == ("ok", expected)


def test_choice_not_applicable_unknown_and_blank():
    assert parse_choice(cell("n/a"), CHOICE).state == "na"
    unknown = parse_choice(cell("Mostly"), CHOICE)
    assert (unknown.state, unknown.issue_kind) == ("invalid", "unknown_choice")
    assert "Full, Partial, None, 完全" in unknown.message
    assert parse_choice(cell(None), CHOICE).state == "missing"


def test_a_choice_label_that_looks_like_not_applicable_is_the_label():
    # a template may name a choice "N/A" with a fraction of its own: the label wins
    own = Criterion(code="C", dimension="D", indicator="x", type="choice", weight=1.0,
                    choices=(("N/A", 0.25), ("Yes", 1.0)))
    assert parse_choice(cell("n/a"), own).number == 0.25


def test_parse_for_criterion_follows_the_type():
    value = Criterion(code="V", dimension="D", indicator="x", type="value", weight=1.0)
    assert parse_for_criterion(cell("是"), YESNO).number == 1.0
    assert parse_for_criterion(cell("partial"), CHOICE).number == 0.5
    assert parse_for_criterion(cell("50%"), value).number == 50.0


@pytest.mark.parametrize(("text", "expected"), [
    ("", True), ("  ", True), ("是", True), ("No", False), ("否", False), ("sometimes", None),
])
def test_template_yes_no_setting(text, expected):
    assert parse_yes_no_setting(text, default=True) is expected


# --------------------------------------------------------------------------- text as shown


def test_text_helpers():
    assert text_of(12.0) == "12" and text_of(12.5) == "12.5" and text_of(None) == ""
    # NFKC for reading (10⁴ reads as 104, full-width letters as ASCII) ...
    assert normalise_text(" 10⁴ ") == "104" and normalise_text("ＡＢ") == "AB"
    # ... but never for showing: what people typed is what they see
    assert plain_text(" 10⁴，完成 ") == "10⁴，完成" and plain_text(3.0) == "3"


def test_display_value():
    assert display_value(cell("12.5%")) == 12.5
    assert display_value(cell(0.2, "percent")) == 20.0
    assert display_value(cell(" about 12 ")) == "about 12"
    assert display_value(cell("#N/A", "error_cell")) == "#N/A"
    assert display_value(cell("")) is None and display_value(None) is None


# --------------------------------------------------------------------------- the engine's fast path


def _variants(token: str) -> set[str]:
    """A token as people type it: other cases, padded, full-width (what NFKC folds back)."""
    full_width = "".join(chr(ord(c) + 0xFEE0) if "!" <= c <= "~" else c for c in token)
    return {token, token.upper(), token.title(), f"  {token} ", full_width,
            unicodedata.normalize("NFKC", full_width)}


TOKENS = sorted({v for t in YES_TOKENS | NO_TOKENS | NA_TOKENS for v in _variants(t)}
                | {v for label, _ in CHOICE.choices for v in _variants(label)}
                | {"", " ", "maybe", "是的", "Partially", "yes no", "1.0", "+1", "√√"})


@pytest.mark.parametrize("criterion", [YESNO, CHOICE], ids=["yesno", "choice"])
def test_fast_label_reads_every_token_as_values_does(criterion):
    answered = 0
    for token in TOKENS:
        slow = parse_for_criterion(cell(token), criterion)
        fast = fast_label((token, None, None, None), criterion)
        if fast is None:  # the fast path declines: the slow path reads it, as it must
            assert slow.state != "ok", token
            continue
        answered += 1
        status, current, baseline, issue, _ = fast
        assert (status, issue) == (OK, None) and math.isnan(baseline), token
        assert slow.state == "ok" and current == slow.number, token
    assert answered >= 10  # the fast path is used, not only declined


def test_fast_label_leaves_flagged_and_non_text_cells_to_the_slow_path():
    assert fast_label(("是", "error_cell", None, None), YESNO) is None
    assert fast_label((1, None, None, None), YESNO) is None
    assert fast_label((True, None, None, None), YESNO) is None
    assert np.isnan(fast_label(("是", None, None, None), YESNO)[2])


def test_ok_number_is_the_number_of_an_ok_reading_and_refused_for_any_other():
    assert parse_number(cell("12.5%")).ok_number == 12.5
    with pytest.raises(ValueError, match="'missing'"):
        _ = parse_number(None).ok_number
    with pytest.raises(ValueError, match="'invalid'"):
        _ = parse_number(cell("twelve")).ok_number


def test_bounds_are_a_bounded_criterion_s_worst_and_best_as_floats():
    lower = Criterion(code="V", dimension="D", indicator="SO2", type="value", weight=1.0,
                      direction="lower", worst=80, best=20)
    assert lower.bounds == (80.0, 20.0) and all(type(b) is float for b in lower.bounds)
    with pytest.raises(ValueError, match="Y .yesno. has no worst and best"):
        _ = YESNO.bounds
