"""The Latin words the Chinese interface may show: codes, units and proper names (issue 19).

The one list tests/gui/test_chinese_everywhere.py checks every visible text against. A word
belongs here only when a Chinese reader expects it in Latin letters too: a code typed on the
forms, a unit or a chemical formula as printed in the policy documents, a program's or a file
format's own name, a key on the keyboard. Anything else in Latin letters is an untranslated word.
"""

from __future__ import annotations

import re

#: Whole words, compared case-sensitively.
WORDS = frozenset({
    # the program, its formats and the programs it reads or names
    "SynergyPilot", "Excel", "LibreOffice", "WPS", "Numbers", "PDF", "PNG", "SVG", "JSON", "CSV",
    "xlsx", "xlsm", "xls", "xlsb", "ods", "spw", "pdf", "png", "svg", "json", "Qt", "PySide6",
    "PROMETHEE", "UTC", "ID", "Spearman", "Kendall", "Dirichlet",
    # keys
    "Ctrl", "Shift", "Enter", "Tab", "Esc", "Alt", "F1",
    # the synergy index's symbols (docs/method.md, "Synergy"): U_P, U_C, D, C, T, J, α
    "U_P", "U_C", "D", "C", "T", "J", "P", "U", "r", "s", "w",
    # pollutants and greenhouse gases as the policy documents print them
    "CO2", "CO₂", "PM2.5", "PM₂.₅", "PM10", "NOx", "NOₓ", "SO2", "SO₂", "VOCs", "VOC", "COD", "NH3-N",
    "NH₃-N", "O3", "O₃", "CH4", "N2O", "GDP", "ISO", "ISO14001", "ISO50001",
    # units as the templates and the policy documents write them
    "t", "kt", "Mt", "tce", "kgce", "kg", "g", "mg", "m3", "m³", "km", "km2", "km²", "ha", "kWh", "MWh",
    "GWh", "MW", "GW", "CNY", "k", "h", "a", "d", "m",
    # grade letters of the rank movement and the Roman numerals of choice labels
    "A", "B", "E", "I", "II", "III", "IV", "V",
    # the symbol of the sum of weights in the worked calculation (docs/explain.md); GB, the
    # prefix of China's national standards (GB 3095-2012)
    "W", "GB",
    # the form's sheet names, which a message names so the sender finds the cell
    "Project", "Data", "Batch", "Criteria", "Scheme", "Grades",
    # the language list offers each language by its own name
    "English",
})

#: Tokens that are codes by their shape: criterion codes (C01, P13), project IDs
#: (C-2024-001), versions (2025.1, v2), cell references (B7, Data!C12) and file names.
CODE_PATTERNS = (
    re.compile(r"[A-Z]{1,3}\d{1,3}[a-z]?"),  # C01, P13, AB12, a cell such as B7
    re.compile(r"[A-Z]-\d{4}-\d{3}"),  # a project ID
    re.compile(r"v\d+(\.\d+)*"),  # a version: v2, v2025.1
    re.compile(r"[\w\-]+\.(xlsx|xlsm|xls|xlsb|ods|spw|pdf|png|svg|json|csv|log|md|txt)"),  # a file
    re.compile(r"[A-Z]{1,3}\$?\d+:[A-Z]{1,3}\$?\d+"),  # a range such as A1:C9
)


#: Text that is the user's own data, not the interface's, removed before words are looked for:
#: a file or folder path, text quoted from a cell or a form ('about 30', “County pilot”), and
#: a menu's accelerator key in brackets, as Chinese interfaces write it (打开(&O)).
NOT_INTERFACE = (
    re.compile(r"[\w.\-]+(?:/[\w.\-]+)+\.(?:md|xlsx|xls|ods|pdf|png|spw)"),  # docs/method.md
    re.compile(r"(?:[A-Za-z]:)?(?:[/\\][^\s/\\：，；、（）()]+)+[/\\]?"),
    re.compile(r"'[^'\n]*'|“[^”\n]*”|‘[^’\n]*’|\"[^\"\n]*\""),
    re.compile(r"\(&?[A-Z0-9]\)"),
)


def interface_text(text: str) -> str:
    """``text`` without the user's data (NOT_INTERFACE)."""
    for pattern in NOT_INTERFACE:
        text = pattern.sub(" ", text)
    return text


def allowed(word: str, names: frozenset[str] = frozenset()) -> bool:
    """Whether a Latin word may appear in the Chinese interface; ``names`` are people's names
    the data holds (an actor's login name)."""
    return word in WORDS or word in names or any(p.fullmatch(word) for p in CODE_PATTERNS)
