"""The one vocabulary of every reader: printed labels, the role each plays, and text rules.

Readers (PDF assembly, text dumps, and the office and HTML readers) find blocks and columns by
what their labels say, never by position, so one vocabulary covers families A, A-AH, A-YN, B, C
and 部门整体 forms, and a synonym added here is known to every reader.

The labels are data: for each role (a record field), the list of names templates print for it.
Every reader builds the shape it needs from these lists and from nowhere else: the PDF
assembly compares a whole cell's ``label_key`` with the patterns below (``match``, and the
``*_LABELS`` patterns); the text-dump reader, where a label shares its line with its value
("项目名称及代码 2021年…"), reads the longest name off the front of the line
(extract.text.column_names, extract.text.form). Names are written in key form: no spaces,
half-width brackets. A label may carry a mark after its name: (A), (B/A), (%), (盖章).

``label_key`` makes a printed label comparable: look-alikes folded, whitespace dropped,
full-width brackets and colons made half-width, a trailing colon removed.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from functools import lru_cache

_SPACE = re.compile(r"\s+")


@lru_cache(maxsize=8192)
def label_key(text: str | None) -> str:
    """The comparable form of a label: "项 目 名 称：" -> "项目名称". Cached: the assembly and the
    checks ask for the same few hundred labels over and over (nine calls in ten repeat one)."""
    # (imported here: glyphs takes its numbered-item rule from this module)
    from selfeval.extract.pdf.glyphs import fold_glyphs

    if not text:
        return ""
    # NFKC makes full-width brackets and colons half-width
    return unicodedata.normalize("NFKC", fold_glyphs(_SPACE.sub("", text))).rstrip(":")


#: A mark printed right after a label: a column's letter or formula ((A), (B), (B/A)), its
#: unit ((%)), or the seal asked for beside a header label ((盖章)). Either bracket width.
MARK = r"[（(](?:[A-Z/+\-×*%]+|盖章|公章)[)）]"
#: A weight printed after a label: 产出指标(50分), 绩效指标（90分）.
POINTS = r"[（(]\d+(?:\.\d+)?分[)）]"
#: A number as a 分值, 得分 or count prints it, plain: digits, perhaps a decimal part.
PLAIN_NUMBER = r"\d+(?:\.\d+)?"
#: A level label's weight as some forms print it, 分 left out: 产出指标(50).
LABEL_POINTS = r"[（(]\d+(?:\.\d+)?分?[)）]"


def longest_first(names: Iterable[str]) -> list[str]:
    """Names in the order a reader must try them: longer first, so 项目名称及代码 beats 项目名称."""
    return sorted(dict.fromkeys(names), key=lambda name: -len(name))


def _any(names: Iterable[str], *, mark: bool = False) -> re.Pattern[str]:
    """A pattern matching exactly one of ``names`` (a whole label key), with a mark if asked."""
    alternatives = "|".join(re.escape(name) for name in longest_first(names))
    return re.compile("^(?:" + alternatives + ")" + (f"(?:{MARK})?" if mark else "") + "$")


def _table(names: dict[str, tuple[str, ...]]) -> list[tuple[re.Pattern[str], str]]:
    """A ``match`` table: one pattern per role, each label with its optional mark."""
    return [(_any(group, mark=True), role) for role, group in names.items()]


# -- form title and year ------------------------------------------------------------------
#: What a form's title ends with (项目支出绩效自评表, 绩效目标自评表, 项目绩效自评情况表).
TITLE_ENDINGS = ("自评表", "自评情况表")
TITLE = re.compile(
    r"^(?:附件\d*[:.、]?)?(?P<title>.{0,30}(?:"
    + "|".join(map(re.escape, TITLE_ENDINGS))
    + r"))(?:\(.*\))?$"
)
#: A year as forms print it: 2021年, 2021年度, 2021 年.
YEAR = re.compile(r"((?:19|20)\d\d)\s*年")

# -- header block: label -> field ---------------------------------------------------------
HEADER_NAMES: dict[str, tuple[str, ...]] = {
    "project_name": ("项目名称", "项目名称及代码", "转移支付(项目)名称", "专项名称"),
    "department": (
        "主管部门",
        "主管部门及代码",
        "项目主管部门",
        "项目主管单位",
        "主管单位",
        "部门",
        "部门名称",
        "预算单位",
        "预算单位名称",
        "一级预算单位",
        "一级预算单位名称",
        "中央主管部门",
        "地方主管部门",
    ),
    "implementer": ("实施单位", "项目实施单位", "项目承担单位"),
    "managers": (
        "项目负责人",
        "项目负责人及电话",
        "负责人",
        "联系人",
        "联系人及电话",
        "项目联系人",
        "负责人及电话",
    ),
    "phone": ("联系电话", "电话", "联系方式"),
}
HEADER_LABELS = _table(HEADER_NAMES)
#: A label whose cell holds the manager's name and phone together (项目负责人及电话).
CONTACT_LABEL = re.compile(r"(?:负责人|联系人).*(?:及|和|/)(?:联系)?电话")
#: A phone number as forms print it: a mobile, or an area code and number, with separators.
PHONE = re.compile(r"(?:\(?0\d{2,3}\)?[-－ ]?)?\d{7,8}(?:[-－]\d{1,4})?|1\d{10}")


def split_contact(text: str | None) -> tuple[str | None, str | None]:
    """A combined 负责人及电话 cell as (names, phone): the phone from its first number on,
    with any remark after it (13990260322（办公）); the names before it. No number: all names."""
    if not text:
        return None, None
    found = PHONE.search(text)
    if found is None:
        return text.strip() or None, None
    names = text[: found.start()].strip(" \t\n:：,，;；、/")
    return names or None, text[found.start() :].strip() or None


# -- funds block ---------------------------------------------------------------------------
#: The label of the funds block (项目资金（万元）), printed before or beside its columns.
FUNDS_BLOCK_NAMES = ("项目资金", "资金情况", "预算执行情况", "年度预算数", "预算资金")
FUND_NAMES: dict[str, tuple[str, ...]] = {
    "budget_initial": ("年初预算", "年初预算数"),
    "budget_full": (
        "全年预算",
        "全年预算数",
        "调整预算",
        "调整预算数",
        "调整后预算",
        "调整后预算数",
        "预算数",
    ),
    "executed": ("执行", "执行数", "全年执行", "全年执行数", "预算执行", "预算执行数"),
    "weight": ("分值", "权重"),
    "rate": ("执行率", "预算执行率"),
    "score": ("得分",),
}
FUND_COLUMNS = _table(FUND_NAMES)
#: The money unit of the funds block as printed: 项目资金（万元）, 单位：万元, 资金单位：元.
AMOUNT_UNIT = re.compile(
    r"[（(]\s*(万元|千元|元)\s*[)）]|(?:资金|金额|计量)?单位\s*[:：]\s*(万元|千元|元)(?![\u4e00-\u9fff/／])"
)


def amount_unit(text: str | None) -> str | None:
    """元, 万元 or 千元 when ``text`` prints the money unit of a funds block, else None."""
    m = AMOUNT_UNIT.search(text or "")
    return (m.group(1) or m.group(2)) if m else None


FUND_MONEY = {"budget_initial", "budget_full", "executed"}
#: Item names of funding lines (年度资金总额, 其中：财政拨款, 上年结转资金 ...).
FUND_ITEM = re.compile(
    r"^(?:年度资金总额|资金总额|总额|合计|其中[:：]?\S*|上年结转(?:资金)?|其他资金|"
    r"(?:当年|本年)?财政(?:拨款|资金)\S*|单位资金|财政专户管理资金|本年一般公共预算拨款|"
    r"中央(?:补助)?资金|省级资金|市县资金|地方资金|自筹资金)[:：]?$"
)
#: The breakdown of a funds block (``其中：…`` lines) always closes on this residual line in every
#: template we know, printed even when empty, so the parts add up to the total.
FUND_BREAKDOWN_START = re.compile(r"^其中")
FUND_BREAKDOWN_LAST = re.compile(r"^其他资金[:：]?$")

#: A comparison sign, one or two of them (≥, ≦, ==, >=).
COMPARISON_SIGN = r"[≥≤=＝≧≦═<>＜＞]{1,2}|[<>]="

#: A signed value as one text (≥90分, =100%): no name's line holds one after a gap.
SIGNED_VALUE = rf"(?:{COMPARISON_SIGN})\S+"

#: A target's 指标性质 cell: a comparison sign, or a word for the kind of target.
TARGET_SIGN = re.compile(rf"^(?:{COMPARISON_SIGN}|定量|定性|正向|反向)$")

#: The end of a sentence, as a goal's or a reason's text ends and a name's never does.
SENTENCE_END = re.compile(r"[。；;！!？?]\s*$")

# -- goals block ---------------------------------------------------------------------------
GOALS_BLOCK_NAMES = (
    "年度总体目标",
    "总体目标",
    "年度目标",
    "年度总体目标完成情况",
    "总体目标完成情况",
    "年度绩效目标",
)
GOALS_BLOCK = _any(GOALS_BLOCK_NAMES)
#: A block label one template (Sichuan) prints left of the goal columns 项目年度目标 /
#: 年度目标完成情况, where other templates print the same words as the actual column's name:
#: only a reader that sees it left of the columns (the -layout goals reader) takes it as the
#: block's label.
GOALS_BLOCK_NAMES_LEFT = ("项目年度目标完成情况",)
#: A label that template prints left of its goals and of the section under them, over both
#: (项目基本情况 beside 1.项目年度目标完成情况 and 2.项目实施内容及过程概述): the goals'
#: label only where that section's heading (``GOALS_NEXT_SECTIONS``) ends their block.
GOALS_SECTION_LABELS = ("项目基本情况",)
GOALS_NEXT_SECTIONS = ("项目实施内容及过程概述",)
GOAL_NAMES: dict[str, tuple[str, ...]] = {
    "expected": ("预期目标", "年初设定目标", "项目年度目标", "年初绩效目标", "年度目标值"),
    "actual": (
        "实际完成情况",
        "年度总体目标完成情况综述",
        "年度目标完成情况",
        "项目年度目标完成情况",
        "全年目标实际完成情况",
        "目标实际完成情况",
        "实际完成情况综述",
        "全年实际完成情况",
    ),
}
GOAL_COLUMNS = _table(GOAL_NAMES)

# -- indicator grid ------------------------------------------------------------------------
INDICATOR_NAMES: dict[str, tuple[str, ...]] = {
    "level1": ("一级指标",),
    "level2": ("二级指标",),
    "level3": ("三级指标", "指标名称"),
    "target.op": ("指标性质", "符号", "计算符号"),
    "target": (
        "年度指标值",
        "年初目标值",
        "年度目标值",
        "预期指标值",
        "年初指标值",
        "计划指标值",
        "目标值",
    ),
    # under 年度指标值 beside 指标性质 and 度量单位; alone, it is the whole target
    "target.value": ("指标值",),
    "target.unit": ("度量单位", "计量单位", "单位"),
    "actual": (
        "实际完成值",
        "全年实际值",
        "全年完成值",
        "完成值",
        "实际值",
        "实际完成指标值",
        "年终完成值",
        "实际完成情况",
    ),
    "weight": ("分值", "权重", "指标权重"),
    "score": ("得分", "自评得分", "自评分", "指标得分"),
    "deviation": (
        "偏差原因分析及改进措施",
        "未完成原因及拟采取的改进措施",
        "未完成原因分析及改进措施",
        "未完成原因分析",
        "偏差原因分析",
        "未完成原因",
        "原因分析",
    ),
}
#: Deviation headers are free text; any header about a reason or a remedy names that column.
DEVIATION_LABEL = re.compile(r"^(?:偏差|未完成|原因).*|.*原因.*|.*改进措施$")
INDICATOR_COLUMNS = [*_table(INDICATOR_NAMES), (DEVIATION_LABEL, "deviation")]
TARGET_PARTS = ("target.op", "target.value", "target.unit")
#: Group headers printed over a grid's columns (绩效指标 over 一级/二级/三级): header text that
#: names no column itself.
GRID_GROUP_NAMES = (
    "绩效指标",
    "项目绩效指标",
    "年度绩效指标",
    "绩效指标名称",
    "项目绩效指标名称",
    "指标",
    "评价指标",
)
GRID_GROUPS = _any(GRID_GROUP_NAMES)
#: Headings printed over a grid's header, in its first column's place or stacked a
#: character a line beside it (Anhui's provincial template).
GRID_HEADING_NAMES = ("年度绩效指标完成情况",)
GRID_HEADINGS = _any((*GRID_GROUP_NAMES, *GRID_HEADING_NAMES))

TOTAL_NAMES = ("总分", "合计", "总计", "自评总分", "总得分", "得分合计", "总分值")
#: A form without a total row (部门整体) may print its score in the header: 自评总分 | 95.
HEADER_TOTAL = _any(("自评总分", "自评得分", "总分", "总得分", "综合得分"))
TOTAL_LABELS = _any(TOTAL_NAMES)
REMARK_NAMES = (
    "其他需要说明事项",
    "其他需要说明的事项",
    "其他说明",
    "其他说明事项",
    "备注",
    "说明",
)
REMARK_LABELS = _any(REMARK_NAMES)
GRADE_WORD_NAMES = ("优", "优秀", "良", "良好", "中", "差", "合格", "不合格", "A", "B", "C", "D")
GRADE_WORDS = _any(GRADE_WORD_NAMES)
GRADE_NAMES = ("自评等级", "等级", "评价等级", "自评结果")
GRADE_LABELS = _any(GRADE_NAMES)

# -- indicator level names -----------------------------------------------------------------
#: Level-1 names: a lone label with one of these names opens a level-1 block, not a level-2 one.
LEVEL1_NAMES = frozenset(
    {"产出指标", "效益指标", "效果指标", "过程指标", "决策指标", "投入指标", "项目产出指标"}
)
#: Names only ever given to level-2 cells.
LEVEL2_NAMES = frozenset(
    {
        "数量指标",
        "质量指标",
        "时效指标",
        "进度指标",
        "经济效益指标",
        "社会效益指标",
        "生态效益指标",
        "可持续影响指标",
        "服务对象满意度指标",
        "经济成本指标",
        "社会成本指标",
        "生态环境成本指标",
    }
)
#: Common level names: a text that reads as one of these is a whole label, never a label's tail.
#: (满意度指标 and 成本指标 head level 1 in some forms and level 2 in others.)
KNOWN_LEVEL_NAMES = (LEVEL1_NAMES - {"项目产出指标"}) | LEVEL2_NAMES | {"满意度指标", "成本指标"}
#: Each level-2 name -> the level-1 name it belongs under (normalize/taxonomy.toml's parent).
#: The cost indicators are their own level 1, 成本指标, since 财预〔2021〕101号; before it
#: they were printed under 产出指标 (see ``LEVEL2_ALSO_UNDER``). 进度指标 is 时效指标's
#: older name.
LEVEL2_PARENT: dict[str, str] = {
    "数量指标": "产出指标",
    "质量指标": "产出指标",
    "时效指标": "产出指标",
    "进度指标": "产出指标",
    "经济成本指标": "成本指标",
    "社会成本指标": "成本指标",
    "生态环境成本指标": "成本指标",
    "经济效益指标": "效益指标",
    "社会效益指标": "效益指标",
    "生态效益指标": "效益指标",
    "可持续影响指标": "效益指标",
    "服务对象满意度指标": "满意度指标",
}
#: Other level-1 names a level-2 name is legitimately printed under (older templates). A plain
#: 成本指标 is a level-2 name under 产出指标 before 财预〔2021〕101号 (数量, 质量, 时效, 成本), and
#: a form of the new template may print it under its own level-1 name.
LEVEL2_ALSO_UNDER: dict[str, tuple[str, ...]] = {
    "经济成本指标": ("产出指标",),
    "社会成本指标": ("产出指标",),
    "生态环境成本指标": ("产出指标",),
    "成本指标": ("产出指标", "成本指标"),
}

_POINTS_MARK = re.compile(POINTS)


def level1_parents(level2: str | None) -> frozenset[str]:
    """The level-1 names a level-2 label may stand under: its parent, and the others older
    templates print it under; the label compared without spaces or points (数量指标（20分）)."""
    name = _POINTS_MARK.sub("", label_key(level2))
    parent = LEVEL2_PARENT.get(name)
    return frozenset((*([parent] if parent else []), *LEVEL2_ALSO_UNDER.get(name, ())))


#: Words a form may print after a level name in its label cell (服务对象满意度指标等).
LEVEL_LABEL_TAILS = ("等",)

#: A sub-item row's level-3 name (其中桃树种植面积): a part of the row above it, printed with
#: its target and actual only; it has no 分值 or 得分 of its own.
SUB_ITEM = re.compile(r"^其中(?![:：]?$)")

# -- cell text -----------------------------------------------------------------------------
#: A numbered item at the start of a line: 1、 2. 3．（4） (5) 六、 七． ⑧ and 4.2021年度…,
#: but not a decimal (2.5万元, 3．5) nor a date (2021年12月) nor a range (10-20年). One rule
#: for every reader: the PDF engines (extract.pdf.glyphs) and the text dumps (extract.wrap).
NUMBERED_ITEM = re.compile(
    r"^\s*(?:"
    r"\d{1,2}\s*[、．](?!\d)"  # 1、 2．
    r"|\d{1,2}\.(?!\d)"  # 2.  (not 2.5)
    r"|\d{1,2}\s*[、．.](?=(?:19|20)\d\d年)"  # 4.2021年度… 5、2022年…
    r"|[（(]\s*\d{1,2}\s*[)）]"  # （3） (3)
    r"|[一二三四五六七八九十]{1,3}\s*[、．.]"  # 一、 二．
    r"|[①-⑳]"
    r")"
)


#: A level-3 name's own number at its start (指标12: -> 12, 3、 -> 3): a names' cell names
#: one indicator, so a number opens the cell; never a decimal (1.5倍).
NAME_NUMBER = re.compile(r"^\s*(?:指标\s*)?(\d{1,2})\s*[:：、．.](?!\d)")


def starts_numbered_item(line: str) -> bool:
    """A line that opens a numbered item (1、 2. （3） 一、 ①) begins a new paragraph."""
    return bool(NUMBERED_ITEM.match(line))


def match(key: str, table: list[tuple[re.Pattern[str], str]]) -> str | None:
    """The field a label key names in ``table``, or None."""
    if not key:
        return None
    for pattern, name in table:
        if pattern.match(key):
            return name
    return None


def title_of(text: str) -> str | None:
    """The form title if a line is one ("项目支出绩效自评表"), else None."""
    key = label_key(text)
    if not key or any(p in key for p in "，。；,;") or len(key) > 40:
        return None
    m = TITLE.match(key)
    return m.group("title") if m else None
