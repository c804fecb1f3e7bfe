"""The derived figures the outputs print, each checked against a value worked by hand."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from scoring.core.figures import mean_fall


def _criterion(code, weight, effect="carbon", direction="lower", type_="change"):
    return SimpleNamespace(code=code, weight=weight, effect=effect, direction=direction, type=type_)


def test_mean_fall_is_the_weighted_fall_of_one_side_by_hand():
    scheme = SimpleNamespace(criteria=[
        _criterion("A", 2),                        # 100 -> 80: fell 20 %
        _criterion("B", 1),                        # 50 -> 55: rose 10 %, a fall of -10 %
        _criterion("C", 0),                        # weight 0 counts as 1: 40 -> 30, fell 25 %
        _criterion("D", 5, effect="both"),         # another side: left out
        _criterion("E", 5, direction="higher"),    # "higher is better": left out
        _criterion("F", 5, type_="value"),         # not a change: left out
        _criterion("G", 5),                        # baseline 0: no fall to speak of
        _criterion("H", 5),                        # n/a answer: not a number
        _criterion("I", 5),                        # no answer at all
        _criterion("P", 3, effect="pollution"),    # 10 -> 9: fell 10 %
    ])
    pairs = {"A": (80.0, 100.0), "B": (55, 50), "C": (30.0, 40.0), "D": (0.0, 100.0),
             "E": (0.0, 100.0), "F": (0.0, 100.0), "G": (5.0, 0.0), "H": ("n/a", 10.0),
             "P": (9.0, 10.0)}
    # (2·20 + 1·(−10) + 1·25) / (2 + 1 + 1) = 55 / 4
    assert mean_fall(scheme, "carbon", pairs.get) == pytest.approx(13.75)
    assert mean_fall(scheme, "pollution", pairs.get) == pytest.approx(10.0)
    assert mean_fall(scheme, "carbon", {}.get) is None
