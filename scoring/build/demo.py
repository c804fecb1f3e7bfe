"""A realistic, reproducible set of demo submissions for the four shipped schemes.

``write_demo(out_dir)`` writes 6 region, 15 city, 25 park (17 forms plus one batch workbook of 8
rows) and 40 enterprise submissions and a folder of deliberately flawed files that the reader
must refuse or flag. Everything is derived from the schemes themselves (bounds, types, allowed
n/a, each criterion's synergy side), so the demo follows the templates when they change; names,
regions and values are invented. Most pilots do about as well on the pollution side as on the
carbon side; some lead on one and lag on the other, so the synergy index separates them.

Usage: ``python -m scoring.build.demo OUT_DIR [--seed N]``.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from scoring.core.synergy import joint_reduction
from scoring.core.model import BOUNDED_TYPES, LEVELS, Criterion, Scheme
from scoring.core.figures import mean_fall
from scoring.core.values import normalise_text
from scoring.io.form import NA_TOKEN, write_filled_form
from scoring.io.submission import BASELINE_SUFFIX
from scoring.io.template import load_template
from scoring.io.xlsx_write import save_reproducibly
from scoring.resources import TEMPLATES_DIR

LEVEL_COUNTS = {"region": 6, "city": 15, "park": 25, "enterprise": 40}
#: How many projects of one level come as rows of a batch workbook instead of separate forms;
#: parks, because their scheme has change criteria, so the batch has baseline columns too.
BATCH_LEVEL = "park"
BATCH_SIZE = 8
ID_PREFIX = {"region": "R", "city": "C", "park": "P", "enterprise": "E"}
ASSESSMENT_YEAR = "2024"

BATCH_FIELDS = ("project_id", "name", "level", "region", "organisation", "year")

# (name, region, organisation) — the first is the demo's showcase region.
REGIONS = (
    (
        "长三角生态绿色一体化发展示范区",
        "上海市、江苏省、浙江省",
        "长三角生态绿色一体化发展示范区执行委员会",
    ),
    ("京津冀协同发展雄安片区", "河北省", "雄安新区生态环境局"),
    ("粤港澳大湾区珠江口西岸都市圈", "广东省", "珠江口西岸都市圈协同发展办公室"),
    ("成渝地区双城经济圈", "四川省、重庆市", "川渝生态环境联合工作组"),
    ("汾渭平原大气污染协同治理区", "山西省、陕西省、河南省", "汾渭平原大气污染防治协作小组办公室"),
    ("黄河几字弯能源化工协同区", "内蒙古自治区、宁夏回族自治区", "黄河几字弯生态保护协作办公室"),
)
CITIES = (
    ("湖州市", "浙江省"),
    ("宁波市", "浙江省"),
    ("无锡市", "江苏省"),
    ("常州市", "江苏省"),
    ("青岛市", "山东省"),
    ("济南市", "山东省"),
    ("郑州市", "河南省"),
    ("武汉市", "湖北省"),
    ("长沙市", "湖南省"),
    ("成都市", "四川省"),
    ("重庆市", "重庆市"),
    ("西安市", "陕西省"),
    ("兰州市", "甘肃省"),
    ("昆明市", "云南省"),
    ("唐山市", "河北省"),
)
PARKS = (
    ("苏州工业园区", "江苏省苏州市"),
    ("宁波石化经济技术开发区", "浙江省宁波市"),
    ("上海化学工业区", "上海市"),
    ("南京江北新材料科技园", "江苏省南京市"),
    ("天津南港工业区", "天津市"),
    ("青岛董家口经济区", "山东省青岛市"),
    ("惠州大亚湾石化区", "广东省惠州市"),
    ("湛江东海岛钢铁配套产业园", "广东省湛江市"),
    ("鄂尔多斯大路煤化工基地", "内蒙古自治区鄂尔多斯市"),
    ("宁东能源化工基地", "宁夏回族自治区银川市"),
    ("榆林榆神工业区", "陕西省榆林市"),
    ("岳阳绿色化工高新区", "湖南省岳阳市"),
    ("宜昌姚家港化工园", "湖北省宜昌市"),
    ("九江湖口高新技术产业园区", "江西省九江市"),
    ("铜陵经济技术开发区", "安徽省铜陵市"),
    ("马鞍山慈湖高新区", "安徽省马鞍山市"),
    ("连云港徐圩新区石化产业园", "江苏省连云港市"),
    ("嘉兴港区化工新材料园区", "浙江省嘉兴市"),
    ("淄博齐鲁化学工业区", "山东省淄博市"),
    ("唐山曹妃甸循环经济示范区", "河北省唐山市"),
    ("包头稀土高新区", "内蒙古自治区包头市"),
    ("成都新津绿色产业园", "四川省成都市"),
    ("重庆长寿经济技术开发区", "重庆市"),
    ("西安高新技术产业开发区", "陕西省西安市"),
    ("昆明安宁工业园区", "云南省昆明市"),
)
# Enterprise names are built as brand + place + sector, e.g. 华晟湛江钢铁有限公司.
ENTERPRISE_PLACES = (
    ("湛江", "广东省湛江市"),
    ("唐山", "河北省唐山市"),
    ("日照", "山东省日照市"),
    ("宁波", "浙江省宁波市"),
    ("南京", "江苏省南京市"),
    ("马鞍山", "安徽省马鞍山市"),
    ("鄂尔多斯", "内蒙古自治区鄂尔多斯市"),
    ("榆林", "陕西省榆林市"),
    ("茂名", "广东省茂名市"),
    ("惠州", "广东省惠州市"),
    ("连云港", "江苏省连云港市"),
    ("岳阳", "湖南省岳阳市"),
    ("宜昌", "湖北省宜昌市"),
    ("包头", "内蒙古自治区包头市"),
    ("铜陵", "安徽省铜陵市"),
    ("九江", "江西省九江市"),
    ("淄博", "山东省淄博市"),
    ("防城港", "广西壮族自治区防城港市"),
)
ENTERPRISE_BRANDS = (
    "华晟",
    "恒源",
    "远航",
    "金泰",
    "瑞丰",
    "鼎盛",
    "新元",
    "润禾",
    "嘉信",
    "永昌",
    "中拓",
    "宏图",
    "东旭",
    "海润",
    "天禄",
    "合力",
)
ENTERPRISE_SECTORS = (
    "钢铁有限公司",
    "水泥有限公司",
    "石化有限公司",
    "热电有限公司",
    "玻璃有限公司",
    "铝业有限公司",
    "化工有限公司",
    "纸业有限公司",
    "焦化有限公司",
    "新材料有限公司",
)
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗高"
GIVEN_NAMES = ("伟", "敏", "静", "磊", "洋", "婷", "强", "军", "杰", "娜", "涛", "霞", "明", "超")

#: Plausible 2020 baseline ranges by unit, for change criteria (invented, order of magnitude).
TYPICAL_BASELINES = {
    "tce/10k CNY": (0.3, 0.9),
    "t/10k CNY": (0.6, 2.5),
    "µg/m³": (25.0, 55.0),
    "t": (20000.0, 250000.0),
    "kg/10k CNY": (0.2, 3.0),
    "kgce/t": (100.0, 600.0),
    "t/t": (0.5, 2.2),
    "kg/t": (0.1, 1.5),
}
FALLBACK_BASELINE = (10.0, 100.0)

NUMBER_SOURCES = (
    "统计公报",
    "能源统计报表",
    "生态环境状况公报",
    "第三方核查报告",
    "在线监测年度报告",
    "排污许可执行报告",
    "行业主管部门统计",
    "温室气体排放报告",
)
DOCUMENT_SOURCES = (
    "正式印发文件",
    "批复文件",
    "审核验收意见",
    "公示名单",
    "会议纪要",
    "管理制度汇编",
)

#: Share of allow_na criteria reported as n/a, and of filled values with no evidence named.
NA_SHARE = 0.15
NO_EVIDENCE_SHARE = 0.08
#: Share of bonus and penalty items left blank: a blank bonus earns nothing, a blank penalty
#: item is an unanswered question that leaves the result provisional.
BLANK_SHARE = {"bonus": 0.3, "penalty": 0.08}


@dataclass
class DemoProject:
    """One invented project: Project-sheet fields and ``code → (current, baseline, evidence)``."""

    level: str
    project: dict[str, str | None]  # None: the flawed form "missing_project_id"
    values: dict[str, tuple[object, object, object]] = field(default_factory=dict)

    @property
    def project_id(self) -> str:
        """The project ID ("" for the flawed form "missing_project_id", whose ID is None)."""
        return self.project["project_id"] or ""


def shipped_schemes() -> dict[str, Scheme]:
    """The four shipped schemes by level, read with the real template reader."""
    return {level: load_template(TEMPLATES_DIR / f"{level}.xlsx") for level in LEVELS}


def write_demo(out_dir: str | Path, seed: int = 2024,
               progress: Callable[[int, int, Path], object] | None = None) -> list[Path]:
    """Write the demo submissions under ``out_dir``.

    Layout: ``region/``, ``city/``, ``park/`` and ``enterprise/`` hold one form per project
    (``<project_id>.xlsx``); ``batch/park_batch.xlsx`` holds 8 more parks as rows;
    ``flawed/`` holds files the reader must refuse or flag (text in a numeric cell, a missing
    required value, an unknown template, no project_id, a duplicate project_id, a text file
    named .xlsx).

    Parameters
    ----------
    out_dir : str or Path
        Created if needed; existing files of the same names are overwritten.
    seed : int
        Seed of the random generator: the same seed gives the same files, byte for byte.
    progress : callable, optional
        ``progress(done, total, path)`` before each form, the batch workbook and the flawed
        folder (one step each); returning False stops (what was written stays).

    Returns
    -------
    list of Path
        Every file written, forms first, then the batch workbook, then the flawed files.
    """
    out_dir = Path(out_dir)
    rng = np.random.default_rng(seed)
    schemes = shipped_schemes()
    projects = {level: _invent_projects(level, schemes[level], rng) for level in LEVELS}
    batch_rows = projects[BATCH_LEVEL][-BATCH_SIZE:]
    projects[BATCH_LEVEL] = projects[BATCH_LEVEL][:-BATCH_SIZE]
    written: list[Path] = []
    steps = sum(len(projects[level]) for level in LEVELS) + 2  # and the batch workbook, the flawed folder

    def going(path: Path) -> bool:
        return progress is None or progress(len(written), steps, path) is not False

    for level in LEVELS:
        folder = out_dir / level
        folder.mkdir(parents=True, exist_ok=True)
        for demo in projects[level]:
            path = folder / f"{demo.project_id}.xlsx"
            if not going(path):
                return written
            written.append(write_filled_form(schemes[level], path, demo.project, demo.values))
    batch = out_dir / "batch" / f"{BATCH_LEVEL}_batch.xlsx"
    if not going(batch):
        return written
    written.append(write_batch(schemes[BATCH_LEVEL], batch, batch_rows))
    if going(out_dir / "flawed"):
        written.extend(_write_flawed(out_dir / "flawed", schemes, projects, rng))
    return written


# --- Inventing projects -----------------------------------------------------------------------


def _invent_projects(level: str, scheme: Scheme, rng: np.random.Generator) -> list[DemoProject]:
    identities = _identities(level, rng)
    projects = []
    for number, (name, region, organisation) in enumerate(identities, start=1):
        project: dict[str, str | None] = {
            "project_id": f"{ID_PREFIX[level]}-{ASSESSMENT_YEAR}-{number:03d}",
            "name": name,
            "region": region,
            "organisation": organisation,
            "year": ASSESSMENT_YEAR,
            "contact": _contact(rng),
        }
        projects.append(DemoProject(level, project, _invent_values(scheme, rng)))
    return projects


def _identities(level: str, rng: np.random.Generator) -> list[tuple[str, str, str]]:
    """(project name, region, organisation) for each project of a level."""
    if level == "region":
        return [(f"{name}减污降碳协同增效试点", region, org) for name, region, org in REGIONS]
    if level == "city":
        return [
            (f"{city}减污降碳协同创新城市试点", province, f"{city}生态环境局")
            for city, province in CITIES
        ]
    if level == "park":
        return [(f"{park}减污降碳协同试点", region, f"{park}管理委员会") for park, region in PARKS]
    return [
        (f"{company}减污降碳协同增效试点", region, company)
        for company, region in _enterprise_names(LEVEL_COUNTS["enterprise"], rng)
    ]


def _enterprise_names(count: int, rng: np.random.Generator) -> list[tuple[str, str]]:
    names: dict[str, str] = {}
    while len(names) < count:
        brand = ENTERPRISE_BRANDS[rng.integers(len(ENTERPRISE_BRANDS))]
        place, region = ENTERPRISE_PLACES[rng.integers(len(ENTERPRISE_PLACES))]
        sector = ENTERPRISE_SECTORS[rng.integers(len(ENTERPRISE_SECTORS))]
        names.setdefault(f"{brand}{place}{sector}", region)
    return list(names.items())


def _contact(rng: np.random.Generator) -> str:
    person = SURNAMES[rng.integers(len(SURNAMES))] + GIVEN_NAMES[rng.integers(len(GIVEN_NAMES))]
    # 555 numbers are the conventional fictional range, so no real line is printed.
    return f"{person} 010-555{rng.integers(10000, 100000)}"


#: How a pilot's two synergy sides relate: (profile, probability). Most pilots do about as well
#: on pollution as on carbon, each side drawn on its own; the others lead on one side and lag on
#: the other, so the synergy index has coupling to measure (docs/method.md, "Synergy").
PROFILES = (("balanced", 0.7), ("pollution-led", 0.15), ("carbon-led", 0.15))


def _side_qualities(rng: np.random.Generator) -> dict[str, float]:
    """A pilot's latent quality per effect: ``pollution`` and ``carbon`` from its profile,
    ``both`` and ``none`` a third draw. Pilots are chosen performers: most qualities are
    about 0.8."""
    names = [name for name, _ in PROFILES]
    profile = names[rng.choice(len(PROFILES), p=[p for _, p in PROFILES])]
    pollution, carbon = rng.beta(9.0, 2.0), rng.beta(9.0, 2.0)
    leading, lagging = rng.beta(9.0, 1.2), rng.uniform(0.0, 0.35)
    if profile == "pollution-led":
        pollution, carbon = leading, lagging
    elif profile == "carbon-led":
        pollution, carbon = lagging, leading
    # Criteria that serve both aims or neither (energy intensity, management) follow a quality
    # of their own: a pilot's total need not move with its synergy sides.
    shared = rng.beta(8.0, 2.0)
    return {"pollution": pollution, "carbon": carbon, "both": shared, "none": shared}


def _invent_values(scheme: Scheme, rng: np.random.Generator) -> dict[str, tuple]:
    """Values for one project: a latent quality per synergy side plus per-criterion noise, so
    a project that does well on one indicator tends to do well on the others of its side, as
    real pilots do, while its pollution and carbon sides may differ."""
    quality = _side_qualities(rng)
    chinese_tokens = rng.random() < 0.3  # some pilots answer 是/否 rather than yes/no
    values = {}
    for criterion in scheme.criteria:
        entry = _invent_entry(criterion, _quality_for(criterion, quality), chinese_tokens, rng)
        if entry is not None:
            values[criterion.code] = entry
    return _with_joint_reduction(scheme, values)


def _with_joint_reduction(scheme: Scheme, values: dict[str, tuple]) -> dict[str, tuple]:
    """A joint-reduction criterion reports J from the project's own baseline/current pairs, as
    its guidance asks: J = min(pollutant fall, CO2 fall), each fall the weight-averaged one over
    the scheme's "lower is better" change criteria of that side (docs/method.md, "Co-control")."""
    carbon, pollution = _mean_fall(scheme, values, "carbon"), _mean_fall(scheme, values, "pollution")
    if carbon is None or pollution is None:
        return values
    joint = round(float(joint_reduction(pollution, carbon)), 1)
    for criterion in scheme.criteria:
        entry = values.get(criterion.code)
        if criterion.indicator.startswith(JOINT_REDUCTION_PREFIX) and entry and entry[0] != NA_TOKEN:
            values[criterion.code] = (joint, None, entry[2])
    return values


def _mean_fall(scheme: Scheme, values: dict[str, tuple], effect: str) -> float | None:
    """The co-control view's weighted fall (figures.mean_fall) over the demo's own values;
    an n/a answer (a token, not a number) does not count."""
    return mean_fall(scheme, effect, lambda code: values.get(code, (None, None, None))[:2])


#: The joint reduction J = min(pollutant fall, CO2 fall) (docs/method.md, "Co-control") is held
#: back by the weaker side: computed from the project's own change values where it has them,
#: otherwise drawn from its lower side quality.
JOINT_REDUCTION_PREFIX = "Joint reduction"


def _quality_for(criterion: Criterion, quality: dict[str, float]) -> float:
    if criterion.indicator.startswith(JOINT_REDUCTION_PREFIX):
        return min(quality["pollution"], quality["carbon"])
    return quality[criterion.effect]


def _invent_entry(criterion: Criterion, quality: float, chinese_tokens: bool,
                  rng) -> tuple[float | str, float | None, str | None] | None:
    if criterion.type == "manual":
        return None  # scored on site by the inspector
    if criterion.allow_na and rng.random() < NA_SHARE:
        return (NA_TOKEN, None, "不涉及该事项，见情况说明")
    # Where the project lands between worst (0) and best (1); beyond both ends now and then.
    position = float(np.clip(rng.normal(quality, 0.22), -0.35, 1.3))
    current: float | str | None
    baseline: float | None
    if criterion.type == "value":
        current, baseline = _invent_value(criterion, position), None
    elif criterion.type == "change":
        current, baseline = _invent_change(criterion, position, rng)
    elif criterion.type == "choice":
        current, baseline = _invent_choice(criterion, position, rng), None
    else:
        current, baseline = _invent_yes_no(criterion, quality, chinese_tokens, rng), None
    if current is None:
        return None
    return (current, baseline, _evidence(criterion, rng))


def _invent_value(criterion: Criterion, position: float) -> float:
    worst, best = criterion.bounds
    value = worst + position * (best - worst)
    if min(worst, best) >= 0:
        value = max(value, 0.0)  # shares, rates and ratios with non-negative bounds
    if criterion.unit == "%":
        value = min(value, 100.0)
    return round(value, 1 if abs(best - worst) >= 5 else 2)


def _invent_change(criterion: Criterion, position: float, rng) -> tuple[float, float]:
    """(current, baseline) whose improvement lands at ``position`` between the bounds."""
    low, high = _typical_baseline(criterion.unit)
    baseline = _round_significant(rng.uniform(low, high), 4)
    worst, best = criterion.bounds
    improvement = worst + position * (best - worst)
    sign = -1.0 if criterion.direction == "lower" else 1.0
    current = _round_significant(baseline * (1.0 + sign * improvement / 100.0), 4)
    return current, baseline


def _typical_baseline(unit: str) -> tuple[float, float]:
    # The template reader NFKC-normalises text (µg/m³ → μg/m3), so compare normalised units.
    wanted = normalise_text(unit)
    for key, bounds in TYPICAL_BASELINES.items():
        if normalise_text(key) == wanted:
            return bounds
    return FALLBACK_BASELINE


def _round_significant(x: float, digits: int) -> float:
    if x == 0:
        return 0.0
    return round(x, digits - 1 - int(np.floor(np.log10(abs(x)))))


def _invent_choice(criterion: Criterion, position: float, rng) -> str:
    """A label, most likely the one whose fraction is nearest the project's position."""
    labels = [label for label, _ in criterion.choices]
    fractions = np.array([fraction for _, fraction in criterion.choices])
    weights = np.exp(-((fractions - np.clip(position, 0, 1)) ** 2) / 0.08)
    return labels[rng.choice(len(labels), p=weights / weights.sum())]


def _invent_yes_no(criterion: Criterion, quality: float, chinese_tokens: bool, rng) -> str | None:
    if criterion.veto:
        yes_probability = 0.95  # a few pilots fail the must-pass item
    elif criterion.kind == "penalty":
        yes_probability = 0.12
    elif criterion.kind == "bonus":
        yes_probability = 0.1 + 0.25 * quality
    else:
        yes_probability = 0.3 + 0.65 * quality
    if rng.random() < BLANK_SHARE.get(criterion.kind, 0.0):
        return None  # a bonus item is often left blank, a penalty item now and then
    answer = rng.random() < yes_probability
    if chinese_tokens:
        return "是" if answer else "否"
    return "yes" if answer else "no"


def _evidence(criterion: Criterion, rng) -> str | None:
    if rng.random() < NO_EVIDENCE_SHARE:
        return None
    if criterion.type in BOUNDED_TYPES:
        source = NUMBER_SOURCES[rng.integers(len(NUMBER_SOURCES))]
        return f"{ASSESSMENT_YEAR}年{source}，第{rng.integers(3, 120)}页"
    document = DOCUMENT_SOURCES[rng.integers(len(DOCUMENT_SOURCES))]
    return f"{document}，编号 {ASSESSMENT_YEAR}-{rng.integers(1, 300):03d}"


# --- Batch workbook ---------------------------------------------------------------------------


def batch_columns(scheme: Scheme) -> list[str]:
    """Batch header: project fields, then each code with ``CODE:baseline`` after change codes."""
    columns = list(BATCH_FIELDS)
    for criterion in scheme.criteria:
        columns.append(criterion.code)
        if criterion.needs_baseline:
            columns.append(criterion.code + BASELINE_SUFFIX)
    return columns


def write_batch(scheme: Scheme, out_path: str | Path, projects: list[DemoProject]) -> Path:
    """Write many projects of one scheme as rows of a ``Batch`` sheet.

    Parameters
    ----------
    scheme : Scheme
    out_path : str or Path
        Its folder is created if needed.
    projects : list of DemoProject

    Returns
    -------
    Path
    """
    out_path = Path(out_path)
    out_path.parent.mkdir(parents=True, exist_ok=True)
    workbook = Workbook()
    sheet = workbook.worksheets[0]  # a new workbook's one sheet
    sheet.title = "Batch"
    columns = batch_columns(scheme)
    sheet.append(columns)
    for demo in projects:
        sheet.append([_batch_cell(demo, scheme, column) for column in columns])
    for col, name in enumerate(columns, start=1):
        sheet.cell(1, col).font = Font(bold=True)
        width = 40 if name in ("name", "organisation") else max(12, len(name) + 2)
        sheet.column_dimensions[get_column_letter(col)].width = width
    sheet.freeze_panes = "B2"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.orientation = sheet.ORIENTATION_LANDSCAPE
    return save_reproducibly(workbook, out_path)


def _batch_cell(demo: DemoProject, scheme: Scheme, column: str) -> object:
    if column == "level":
        return scheme.level
    if column in BATCH_FIELDS:
        return demo.project.get(column)
    if column.endswith(BASELINE_SUFFIX):
        _current, baseline, _evidence = demo.values.get(
            column[: -len(BASELINE_SUFFIX)], (None,) * 3
        )
        return baseline
    current, _baseline, _evidence = demo.values.get(column, (None,) * 3)
    return current


# --- Flawed submissions -----------------------------------------------------------------------


def _write_flawed(folder: Path, schemes: dict[str, Scheme], projects: dict, rng) -> list[Path]:
    """Files the reader must refuse (one reason each) or flag (one issue each)."""
    folder.mkdir(parents=True, exist_ok=True)
    city, park, region = schemes["city"], schemes["park"], schemes["region"]
    written = []

    text_in_number = _fresh_project("city", city, 901, rng)
    code = _first_code(city, ("value",))
    text_in_number.values[code] = ("about 30", None, "估算值")
    written.append(_write_form(folder / "text_in_numeric_cell.xlsx", city, text_in_number))

    missing = _fresh_project("park", park, 901, rng)
    missing.values.pop(_first_code(park, BOUNDED_TYPES, required=True), None)
    written.append(_write_form(folder / "missing_required_value.xlsx", park, missing))

    unknown = _fresh_project("city", city, 902, rng)
    unknown.project["template"] = "County pilot assessment 县域试点评估"
    written.append(_write_form(folder / "unknown_template.xlsx", city, unknown))

    no_id = _fresh_project("region", region, 901, rng)
    no_id.project["project_id"] = None
    written.append(_write_form(folder / "missing_project_id.xlsx", region, no_id))

    # Same project_id as the first city form; read after it (paths sort city/ < flawed/).
    original = projects["city"][0]
    duplicate = DemoProject(
        "city", dict(original.project), _answered_penalties(city, _invent_values(city, rng))
    )
    written.append(_write_form(folder / "duplicate_project_id.xlsx", city, duplicate))

    not_excel = folder / "not_a_workbook.xlsx"
    not_excel.write_text(
        "项目编号,名称\nC-2024-999,这是一个改了扩展名的文本文件\n", encoding="utf-8"
    )
    written.append(not_excel)
    return written


def _fresh_project(level: str, scheme: Scheme, number: int, rng) -> DemoProject:
    """A project for a flawed file: every penalty item answered, so that the file carries
    exactly the one flaw it is named after (a blank penalty item would be an issue too)."""
    project: dict[str, str | None] = {
        "project_id": f"{ID_PREFIX[level]}-{ASSESSMENT_YEAR}-{number:03d}",
        "name": f"示例问题申报{number}",
        "region": "浙江省",
        "organisation": "示例单位",
        "year": ASSESSMENT_YEAR,
        "contact": _contact(rng),
    }
    return DemoProject(level, project, _answered_penalties(scheme, _invent_values(scheme, rng)))


def _answered_penalties(scheme: Scheme, values: dict[str, tuple]) -> dict[str, tuple]:
    for criterion in scheme.criteria:
        if criterion.kind == "penalty" and criterion.code not in values:
            values[criterion.code] = ("no", None, None)
    return values


def _first_code(scheme: Scheme, types: tuple[str, ...], required: bool = False) -> str:
    for criterion in scheme.criteria:
        if criterion.type in types and (criterion.is_required or not required):
            return criterion.code
    raise ValueError(f"{scheme.name} has no criterion of type {types}")


def _write_form(path: Path, scheme: Scheme, demo: DemoProject) -> Path:
    return write_filled_form(scheme, path, demo.project, demo.values)


def main(argv: list[str] | None = None) -> int:
    """Command line: ``python -m scoring.build.demo OUT_DIR [--seed N]``."""
    parser = argparse.ArgumentParser(  # options by their whole name only, as the command line's
        prog="python -m scoring.build.demo", description=__doc__.splitlines()[0], allow_abbrev=False
    )
    parser.add_argument("out_dir", type=Path)
    parser.add_argument("--seed", type=int, default=2024)
    args = parser.parse_args(argv)
    paths = write_demo(args.out_dir, seed=args.seed)
    print(f"{len(paths)} demo files written under {args.out_dir}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
