"""A small scored run for the chart, workbook and PDF tests, built from real files.

One scheme of nine criteria over three dimensions (W = 11 score weight), five projects whose
totals are easy to compute by hand, one inspector override, one rejected file:

========  ==========================================  =======  =====  ===================
project   what is special                              total    rank   grade
========  ==========================================  =======  =====  ===================
P1        Chinese name, everything at full marks,      103      1      Excellent (100 + 3)
          manual E overridden (1.0), bonus
P5        B improved 15 % of a 20 % target             81.82    2      Good (900/11)
P4        A missing, B "abc" (invalid), E pending      36.36    3      Fail (400/11)
P2        formula-like name/region/evidence, F n/a     35       4      Fail (40 − 5 penalty)
          (W = 10), half marks, penalty
P3        must-pass V answered "否"                    90.91    5      Fail (vetoed)
========  ==========================================  =======  =====  ===================
"""

from __future__ import annotations

from pathlib import Path

from scoring.core.model import Assessment
from scoring.io.pipeline import AssessmentRun, run
from tests.builders import CRITERIA_HEADER, criterion, project, write_form, write_template

SCHEME_NAME = "Test scheme 测试方案"
INJECTED_NAME = '=HYPERLINK("http://evil.example","点我")'
INJECTED_REGION = "+cmd|' /C calc'!A0"
INJECTED_EVIDENCE = "@SUM(1+1)"
OVERRIDE_REASON = "现场核查资料齐全"
CHINESE_NAME = "湖州市减污降碳协同试点"

HEADER = CRITERIA_HEADER + ["indicator_zh", "dimension_zh"]


def _criteria() -> list[dict]:
    source = {"dimension": "Source prevention", "dimension_zh": "源头防控"}
    sectors = {"dimension": "Key sectors", "dimension_zh": "重点领域"}
    governance = {"dimension": "Governance", "dimension_zh": "环境治理协同"}
    return [
        criterion("A", weight=2, effect="pollution", indicator="Compliance rate", indicator_zh="达标率",
                  unit="%", **source),
        criterion("B", type="change", weight=4, effect="carbon", direction="lower", worst=0, best=20,
                  indicator="CO2 per unit of GDP", indicator_zh="单位GDP二氧化碳排放", **sectors),
        criterion("C", type="change", weight=2, effect="pollution", direction="lower", worst=0, best=20,
                  indicator="PM2.5 annual mean", indicator_zh="PM2.5年均浓度", **sectors),
        criterion("D", type="yesno", weight=1, effect="both", indicator="Joint appraisal",
                  indicator_zh="协同考核", **governance),
        criterion("E", type="manual", weight=1, effect="both", indicator="On-site check",
                  indicator_zh="现场评估", **governance),
        criterion("V", type="yesno", weight=0, effect="pollution", veto="yes", indicator="No major incident",
                  indicator_zh="未发生重大突发环境事件", **governance),
        criterion("F", weight=1, effect="carbon", allow_na="yes", indicator="Green power share",
                  indicator_zh="绿电占比", **source),
        criterion("BON", type="yesno", weight=3, kind="bonus", indicator="Demonstration award",
                  indicator_zh="示范表彰", **governance),
        criterion("PEN", type="yesno", weight=5, kind="penalty", indicator="Verified violation",
                  indicator_zh="查实的违法问题", **governance),
    ]


def _rows(a, b, c, d, v, f, bonus="否", penalty="否", evidence="统计公报第3页") -> list[dict]:
    rows = [dict(code="A", current=a, evidence=evidence), dict(code="D", current=d),
            dict(code="V", current=v), dict(code="F", current=f), dict(code="BON", current=bonus),
            dict(code="PEN", current=penalty)]
    if b is not None:
        rows.append(dict(code="B", baseline=100, current=b, evidence="能源统计年鉴"))
    if c is not None:
        rows.append(dict(code="C", baseline=50, current=c))
    return [r for r in rows if r["current"] is not None]


def write_inputs(folder: Path) -> tuple[Path, Path]:
    """Write the template and the submission folder; return (template, folder)."""
    folder.mkdir(parents=True, exist_ok=True)
    template = write_template(folder / "scheme.xlsx", _criteria(), name=SCHEME_NAME, header=HEADER)
    forms = folder / "forms"
    forms.mkdir(exist_ok=True)
    p1 = project("P1", CHINESE_NAME, region="浙江省", organisation="湖州市生态环境局")
    write_form(forms / "p1.xlsx", p1, _rows(100, 80, 40, "是", "是", 100, bonus="是"))
    write_form(forms / "p2.xlsx", project("P2", INJECTED_NAME, region=INJECTED_REGION),
               _rows(50, 90, 45, "否", "是", "不适用", penalty="是", evidence=INJECTED_EVIDENCE))
    write_form(forms / "p3.xlsx", project("P3", "成都市试点", region="四川省"),
               _rows(100, 80, 40, "是", "否", 100))
    write_form(forms / "p4.xlsx", project("P4", "郑州市试点", region="河南省"),
               _rows(None, "abc", 40, "是", "是", 100))
    write_form(forms / "p5.xlsx", project("P5", "无锡市试点", region="江苏省"),
               _rows(100, 85, 40, "是", "是", 100))
    (forms / "broken.xlsx").write_text("this is not a workbook")
    return template, forms


def build_run(folder: Path) -> AssessmentRun:
    """Score the inputs, with the inspector's score of P1's manual criterion E."""
    template, forms = write_inputs(folder)
    override = {("P1", "E"): Assessment("P1", "E", 1.0, "张工", OVERRIDE_REASON)}
    return run([template], [forms], assessments=override)
