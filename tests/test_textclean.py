"""clean_text: the one rule for free text in every output (scoring/core/textclean.py)."""

import unicodedata

from scoring.core.textclean import REPLACEMENT, clean_text


def test_byte_order_mark_and_zero_width_characters_are_dropped():
    assert clean_text("\ufeff唐山市\u200b\u200d") == "唐山市"


def test_terminal_escapes_become_visible_marks():
    assert clean_text("Li\x1b[31mWei\x07") == f"Li{REPLACEMENT}[31mWei{REPLACEMENT}"


def test_newlines_kept_or_folded():
    assert clean_text("a\r\nb\tc") == "a\nb\tc"
    assert clean_text("a\r\nb\tc", keep_newlines=False) == "a b c"
    assert clean_text("a\u2028b", keep_newlines=False) == "a b"


def test_none_and_numbers():
    assert clean_text(None) == ""
    assert clean_text(12.5) == "12.5"


def test_decomposed_text_is_composed():
    assert clean_text("e\u0301") == "\u00e9"


def test_every_code_point_category_gives_no_control_or_format_character():
    # One character of every category in the Basic Multilingual Plane and beyond, in one string.
    sample = "".join(chr(cp) for cp in range(0, 0x30000, 37))
    cleaned = clean_text(sample)
    assert not any(unicodedata.category(ch) in ("Cc", "Cf", "Cs") and ch not in "\n\t" for ch in cleaned)
