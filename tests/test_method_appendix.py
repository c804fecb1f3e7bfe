"""The method appendix (PDF) and Method sheet (workbook) word the rules as the spec does: their
sentences are read from docs/method.md, section "Report wording", so the two cannot drift."""

from __future__ import annotations

import re
import string
from dataclasses import replace
from pathlib import Path

import pytest

from scoring.reports import method_appendix
from scoring.reports.method_appendix import method_sections, wording

SPEC = Path(__file__).resolve().parent.parent / "docs" / "method.md"
CJK = re.compile(r"[\u4e00-\u9fff]")


def spec_sentences() -> dict[str, tuple[str, str]]:
    """The sentences of the spec's "Report wording" section, read here line by line (not with
    the program's parser): key → (English, Chinese)."""
    lines = (
        SPEC.read_text(encoding="utf-8").split("## Report wording", 1)[1].split("\n## ", 1)[0].splitlines()
    )
    found = {}
    for n, line in enumerate(lines):
        if line.startswith("- `"):
            key, english = line[3:].split("`: ", 1)
            found[key] = (english, lines[n + 1].strip())
    return found


def test_the_spec_words_every_rule_in_english_and_chinese_with_the_same_blanks():
    sentences = spec_sentences()
    assert set(sentences) == {"total", "zero", "reweight", "veto", "pending", "synergy"}
    for key, (english, chinese) in sentences.items():
        assert not CJK.search(english) and CJK.search(chinese), key
        fields = [{f for _, f, _, _ in string.Formatter().parse(s) if f} for s in (english, chinese)]
        assert fields[0] == fields[1] <= {"total", "alpha"}, key


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("missing", ["zero", "reweight"])
def test_the_appendix_says_what_the_spec_says(report_run, lang, missing):
    scheme = replace(report_run.schemes[0], missing=missing, synergy_alpha=0.25, total_points=80)
    printed = [sentence for section in method_sections(scheme, lang) for sentence in section.sentences]
    pick = 1 if lang == "zh" else 0
    spec = {key: pair[pick] for key, pair in spec_sentences().items()}
    assert printed == [
        spec["total"].format(total="80"),
        spec["veto"],
        spec["pending"],
        spec[missing],
        spec["synergy"].format(alpha="0.25"),
    ]


def test_a_sentence_changed_in_the_spec_is_the_one_printed(tmp_path):
    changed = SPEC.read_text(encoding="utf-8").replace(
        "gets the lowest grade and ranks after", "gets the lowest grade, whatever its points, and ranks after"
    )
    spec = tmp_path / "method.md"
    spec.write_text(changed, encoding="utf-8")
    assert "whatever its points" in wording(spec)["veto"][1]
    assert "whatever its points" not in wording()["veto"][1]


def test_a_spec_without_its_wording_is_a_clear_error(tmp_path, monkeypatch):
    spec = tmp_path / "method.md"
    spec.write_text("# The assessment method\n\n## Scheme\n\nNo wording here.\n", encoding="utf-8")
    with pytest.raises(RuntimeError, match="Report wording"):
        wording(spec)
    monkeypatch.setattr(method_appendix, "SPEC", tmp_path / "absent.md")
    with pytest.raises(RuntimeError, match="cannot be read"):
        wording(method_appendix.SPEC)
