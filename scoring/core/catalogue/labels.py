"""The names every output shares: a cell's status, a criterion's kind, an issue's severity and kind,
a scheme's level, the default grades, the synergy classes, units, and China's provinces (for
grouping regions).
"""

from __future__ import annotations

import re

STATUS_TEXT = {
    "ok": ("有效", "ok"),
    "missing": ("缺失", "missing"),
    "na": ("不适用", "not applicable"),
    "invalid": ("无效", "invalid"),
    "pending": ("待评", "pending"),
    "override": ("人工评分", "override"),
}
KIND_TEXT = {"score": ("计分", "score"), "bonus": ("加分项", "bonus"), "penalty": ("扣分项", "penalty")}
SEVERITY_TEXT = {"error": ("错误", "error"), "warning": ("警告", "warning"), "info": ("提示", "info")}

#: What each issue kind is called in Chinese print; English print shows the kind's own key
#: (``not_a_number``), as the README and the JSON output name it.
ISSUE_KIND_ZH = {
    "not_a_number": "不是数字",
    "number_too_large": "数值过大",
    "unknown_choice": "不在可选项中",
    "error_cell": "错误值单元格",
    "formula_without_value": "公式未计算",
    "na_not_allowed": "不允许不适用",
    "zero_baseline": "基准值为 0",
    "missing_required": "缺少必填值",
    "unanswered_penalty": "扣分项未填写",
    "veto": "一票否决",
    "duplicate_code": "编号重复",
    "unknown_code": "未知编号",
    "full_target": "按全部目标评价",
}

LEVEL_TEXT = {
    "region": ("区域", "region"),
    "city": ("城市", "city"),
    "park": ("产业园区", "park"),
    "enterprise": ("企业", "enterprise"),
}

#: The default grades' names (scoring/core/model.DEFAULT_GRADES); a template's own grades print
#: as written.
GRADE_TEXT = {
    "Excellent": ("优秀", "Excellent"),
    "Good": ("良好", "Good"),
    "Pass": ("合格", "Pass"),
    "Fail": ("不合格", "Fail"),
}

#: Coupling-coordination classes 1..10 of D (docs/method.md, "Synergy"; Tian et al. 2021).
SYNERGY_CLASS_TEXT = (
    ("极度失调", "extreme imbalance"),
    ("严重失调", "serious imbalance"),
    ("中度失调", "moderate imbalance"),
    ("轻度失调", "mild imbalance"),
    ("濒临失调", "on the verge of imbalance"),
    ("勉强协调", "barely coordinated"),
    ("初级协调", "primary coordination"),
    ("中级协调", "intermediate coordination"),
    ("良好协调", "good coordination"),
    ("优质协调", "quality coordination"),
)

#: Units as the shipped templates write them, and as Chinese documents print them. A unit not
#: listed (a user's template) is shown as written in both languages.
UNIT_TEXT: dict[str, tuple[str, str]] = {
    "yes/no": ("是/否", "yes/no"),
    "grade": ("等级", "grade"),
    "t": ("吨", "t"),
    "t/10k CNY": ("吨/万元", "t/10k CNY"),
    "tce/10k CNY": ("吨标准煤/万元", "tce/10k CNY"),
    "10k m³": ("万立方米", "10k m³"),
    "µg/m³": ("微克/立方米", "µg/m³"),
}

#: China's province-level divisions (provinces, autonomous regions, municipalities, SARs and
#: Taiwan), full names, for grouping regions such as 江苏省苏州市 by province.
PROVINCES = (
    "北京市", "天津市", "上海市", "重庆市", "河北省", "山西省", "辽宁省", "吉林省", "黑龙江省", "江苏省",
    "浙江省", "安徽省", "福建省", "江西省", "山东省", "河南省", "湖北省", "湖南省", "广东省", "海南省",
    "四川省", "贵州省", "云南省", "陕西省", "甘肃省", "青海省", "台湾省", "内蒙古自治区",
    "广西壮族自治区", "西藏自治区", "宁夏回族自治区", "新疆维吾尔自治区", "香港特别行政区",
    "澳门特别行政区",
)

#: Each province's short name (江苏, 内蒙古, 广西 …), as a region may begin with it instead.
PROVINCE_SHORT = {
    re.sub(r"(省|市|壮族自治区|回族自治区|维吾尔自治区|自治区|特别行政区)$", "", name): name
    for name in PROVINCES
}
