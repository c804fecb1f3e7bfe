"""The catalogue's areas (scoring/core/catalogue): one place for each key, data only."""

import ast
import importlib
import pathlib
import string

import scoring.core.catalogue
from scoring.core import presentation

CATALOGUE = pathlib.Path(scoring.core.catalogue.__file__).parent


def test_each_key_is_in_one_area_and_text_holds_them_all():
    keys = [key for area in presentation.TEXT_AREAS for key in area]
    repeated = sorted({key for key in keys if keys.count(key) > 1})
    assert repeated == []
    assert set(keys) == set(presentation.TEXT)


def _ideographs(text):
    return sum("\u4e00" <= ch <= "\u9fff" for ch in text)


def _pairs():
    """Every (Chinese, English) pair of the catalogue's ``*_TEXT`` tables, named."""
    for path in sorted(CATALOGUE.glob("*.py")):
        module = importlib.import_module(f"scoring.core.catalogue.{path.stem}")
        for name, table in vars(module).items():
            if name.endswith("_TEXT"):
                items = table.items() if isinstance(table, dict) else enumerate(table)
                yield from ((f"{name}[{key!r}]", pair) for key, pair in items)


def test_every_pair_is_chinese_then_english():
    pairs = list(_pairs())
    assert len(pairs) > len(presentation.TEXT)
    for where, (zh, en) in pairs:
        assert zh and en, where
        # a Chinese text may name an English key and an English one a Chinese sheet: the first
        # holds more ideographs, or neither holds any ("{n} {kind}", "PDF")
        assert _ideographs(zh) > _ideographs(en) or _ideographs(zh) == _ideographs(en) == 0, where


def _fields(text):
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def test_both_languages_of_a_pair_take_the_same_fields():
    # a Chinese text may add a Chinese gloss of what it names ({zh}, {column_zh}), nothing else
    for where, (zh, en) in _pairs():
        glosses = {name for name in _fields(zh) if name == "zh" or name.endswith("_zh")}
        assert _fields(zh) - glosses == _fields(en), where


def test_catalogue_modules_import_nothing_from_scoring():
    # so that any module of scoring/core (reconcile, results) may read its words without a cycle;
    # an area may build a table from another's (the form's field names)
    for path in CATALOGUE.glob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            names = [alias.name for alias in node.names] if isinstance(node, ast.Import) else (
                [node.module or ""] if isinstance(node, ast.ImportFrom) else [])
            outside = [name for name in names
                       if name.startswith("scoring") and not name.startswith("scoring.core.catalogue")]
            assert outside == [], path.name
