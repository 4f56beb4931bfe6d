"""The one vocabulary of every reader: printed labels, the role each plays, and text rules.

Readers (PDF assembly, text dumps, and the office and HTML readers) find blocks and columns by
what their labels say, never by position, so one vocabulary covers families A, A-AH, A-YN, B, C
and 部门整体 forms, and a synonym added here is known to every reader. Labels are compared by
``label_key``: look-alikes folded, whitespace dropped, full-width brackets and colons made
half-width, a trailing colon removed.
"""

from __future__ import annotations

import re
import unicodedata

from extract.pdf.glyphs import fold

_SPACE = re.compile(r"\s+")


def label_key(text: str | None) -> str:
    """The comparable form of a label: "项 目 名 称：" -> "项目名称"."""
    if not text:
        return ""
    # NFKC makes full-width brackets and colons half-width
    return unicodedata.normalize("NFKC", fold(_SPACE.sub("", text))).rstrip(":")


def _any(*patterns: str) -> re.Pattern[str]:
    return re.compile("^(?:" + "|".join(patterns) + ")$")


# -- form title and year ------------------------------------------------------------------
TITLE = re.compile(r"^(?:附件\d*[:.、]?)?(?P<title>.{0,30}自评表)(?:\(.*\))?$")
YEAR = re.compile(r"((?:19|20)\d\d)\s*年")

# -- header block: label -> field ---------------------------------------------------------
HEADER_LABELS: list[tuple[re.Pattern[str], str]] = [
    (_any(r"项目名称", r"项目名称及代码", r"转移支付\(项目\)名称", r"专项名称"), "project_name"),
    (
        _any(
            r"主管部门(及代码)?",
            r"项目主管(部门|单位)",
            r"主管单位",
            r"部门(名称)?",
            r"(一级)?预算单位(名称)?",
            r"中央主管部门",
        ),
        "department",
    ),
    (_any(r"(项目)?实施单位(\((盖章|公章)\))?", r"项目承担单位(\((盖章|公章)\))?"), "implementer"),
    (_any(r"项目负责人(及电话)?", r"负责人", r"联系人(及电话)?", r"项目联系人"), "managers"),
    (_any(r"联系电话", r"电话", r"联系方式"), "phone"),
]

# -- funds block ---------------------------------------------------------------------------
FUND_COLUMNS: list[tuple[re.Pattern[str], str]] = [
    (_any(r"年初预算(数)?(\(A\))?"), "budget_initial"),
    (_any(r"全年预算(数)?(\(A\))?", r"调整后?预算(数)?(\(A\))?", r"预算数\(A\)"), "budget_full"),
    (_any(r"(全年|预算)?执行(数)?(\(B\))?"), "executed"),
    (_any(r"分值", r"权重"), "weight"),
    (_any(r"(预算)?执行率(\(B/A\)|\(%\))?"), "rate"),
    (_any(r"得分"), "score"),
]
FUND_MONEY = {"budget_initial", "budget_full", "executed"}

# -- goals block ---------------------------------------------------------------------------
GOALS_BLOCK = _any(
    r"年度总体目标",
    r"总体目标",
    r"年度目标",
    r"年度总体目标完成情况",
    r"总体目标完成情况",
    r"年度绩效目标",
)
GOAL_COLUMNS: list[tuple[re.Pattern[str], str]] = [
    (
        _any(r"预期目标", r"年初设定目标", r"项目年度目标", r"年初绩效目标", r"年度目标值"),
        "expected",
    ),
    (
        _any(
            r"实际完成情况",
            r"年度总体目标完成情况综述",
            r"年度目标完成情况",
            r"全年目标实际完成情况",
            r"目标实际完成情况",
            r"实际完成情况综述",
        ),
        "actual",
    ),
]

# -- indicator grid ------------------------------------------------------------------------
INDICATOR_COLUMNS: list[tuple[re.Pattern[str], str]] = [
    (_any(r"一级指标"), "level1"),
    (_any(r"二级指标"), "level2"),
    (_any(r"三级指标", r"指标名称"), "level3"),
    (_any(r"指标性质", r"符号"), "target.op"),
    (
        _any(
            r"年度指标值(\(A\))?",
            r"年初目标值(\(A\))?",
            r"年度目标值",
            r"预期指标值",
            r"年初指标值",
            r"计划指标值",
            r"目标值",
        ),
        "target",
    ),
    (_any(r"指标值"), "target.value"),
    (_any(r"度量单位", r"计量单位", r"单位"), "target.unit"),
    (
        _any(
            r"实际完成值(\(B\))?",
            r"全年实际值",
            r"全年完成值",
            r"完成值",
            r"实际值",
            r"实际完成指标值",
            r"年终完成值",
        ),
        "actual",
    ),
    (_any(r"分值", r"权重(\(%\))?", r"指标权重"), "weight"),
    (_any(r"得分", r"自评得分", r"自评分", r"指标得分"), "score"),
    (re.compile(r"^(?:偏差|未完成|原因).*|.*原因.*|.*改进措施$"), "deviation"),
]
TARGET_PARTS = ("target.op", "target.value", "target.unit")
#: Group headers printed over a grid's columns (绩效指标 over 一级/二级/三级): header text that
#: names no column itself.
GRID_GROUPS = _any(r"(项目)?绩效指标", r"(项目)?绩效指标名称", r"指标", r"评价指标")

TOTAL_LABELS = _any(r"总分", r"合计", r"总计", r"自评总分", r"总得分", r"得分合计", r"总分值")
REMARK_LABELS = _any(r"其他需要说明(的)?事项", r"其他说明(事项)?", r"备注", r"说明")
GRADE_WORDS = _any(r"优秀?", r"良好?", r"中", r"差", r"合格", r"不合格", r"[A-D]")
GRADE_LABELS = _any(r"自评等级", r"等级", r"评价等级", r"自评结果")


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
