"""The value grammar of 年度指标值 / 实际完成值 cells (domain_rules.md §3).

A cell is one of: a comparison (``≥60期``, ``不低于2批次``, ``1000家次以上``, ``≤90万元``), a
percent (``76.33%``), a deadline (``2021年12月底前``), a range (``1-12月``), prose
(``达到预期目标``) or a placeholder (``—``). Numbers stay exactly as printed (Decimal); a
placeholder is None, never 0. When a number sits inside prose (``492万元。主要用于…``) it is
still taken, and ``embedded`` says so, because the validator may want to be less sure of it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from decimal import Decimal
from typing import Literal, get_args

from selfeval.normalize.numbers import (
    CN_NUMERAL_CHARS,
    is_placeholder,
    parse_chinese_number,
    percent_words,
    to_decimal,
)
from selfeval.normalize.text import squeeze

#: What a cell holds: a number, a percent, a date, a range, prose, a placeholder, or nothing known.
ValueKind = Literal[
    "quantity", "percent", "deadline", "range", "qualitative", "placeholder", "unknown"
]
#: The canonical comparison operators every operator word maps to.
Op = Literal[">=", "<=", "=", ">", "<"]
#: "positive": more is better; "reverse": the number is a ceiling (cost, time).
Direction = Literal["positive", "reverse"]
KINDS: tuple[ValueKind, ...] = get_args(ValueKind)
OPS: tuple[Op, ...] = get_args(Op)
POSITIVE_OPS: frozenset[Op] = frozenset({">=", ">", "="})


@dataclass(frozen=True)
class Value:
    """One parsed target/actual cell. ``text`` is the printed text, untouched."""

    text: str | None
    kind: ValueKind
    op: Op | None = None
    number: Decimal | None = None
    upper: Decimal | None = None  # range upper bound
    unit: str | None = None
    direction: Direction | None = None
    deadline: str | None = None  # "2021-12", "2021-12-31", "--10" (month only), "2021"
    embedded: bool = False  # the number/date was taken from inside prose

    def fraction(self) -> Decimal | None:
        """The number as a fraction when it is a percent ('90%' -> 0.90), else the number."""
        if self.number is None or self.unit != "%":
            return self.number
        return self.number.scaleb(-2)


# Longest first: the operator words of §3. Values are the canonical operator.
_PREFIX_OPS: dict[str, Op] = {
    "大于或等于": ">=",
    "大于等于": ">=",
    "不得低于": ">=",
    "不得少于": ">=",
    "不低于": ">=",
    "不少于": ">=",
    "不小于": ">=",
    "至少": ">=",
    "最少": ">=",
    "达到": ">=",
    "≥": ">=",
    ">=": ">=",
    "=>": ">=",
    "小于或等于": "<=",
    "小于等于": "<=",
    "不得超过": "<=",
    "不得高于": "<=",
    "不高于": "<=",
    "不超过": "<=",
    "不大于": "<=",
    "不多于": "<=",
    "至多": "<=",
    "最多": "<=",
    "控制在": "<=",
    "≤": "<=",
    "<=": "<=",
    "=<": "<=",
    "等于": "=",
    "==": "=",
    "=": "=",
    "约": "=",
    "大于": ">",
    "超过": ">",
    "高于": ">",
    "多于": ">",
    "超": ">",
    ">": ">",
    "小于": "<",
    "低于": "<",
    "少于": "<",
    "<": "<",
}
_SUFFIX_OPS: dict[str, Op] = {
    "及以上": ">=",
    "或以上": ">=",
    "以上": ">=",
    "及以下": "<=",
    "或以下": "<=",
    "以下": "<=",
    "以内": "<=",
    "之内": "<=",
    "内": "<=",
    "左右": "=",
}
_RATIO_UNITS = ("个百分点", "百分点", "百分比", "%", "‰")
_MAGNITUDES = ("万亿", "千万", "百万", "万", "亿", "千")
_BASE_UNITS = (
    "元 人次 人天 人日 人 家次 家 户次 户 场次 场 次 台次 台套 台 批次 批 期 个工作日 工作日 个月 个 "
    "项 份 套 天 日 月 年 季度 小时 分钟 课时 学时 平方公里 平方米 m2 立方米 公顷 亩 公里 千米 km 米 "
    "吨 千克 公斤 kg 所 校 村 座 处 条 篇 本 册 部 件 辆 株 棵 头 只 张 间 名 位 床 宗 例 块 轮 组 支 "
    "单 笔 类 种 门 节 户数 起 分 微克 毫克 克 毫升 升 千瓦时 千瓦 kW kw 度 分贝 dB 立方"
).split()


def _alternatives(words: tuple[str, ...] | list[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


_BASE = f"(?:{_alternatives(_BASE_UNITS)})"
_MAGNITUDE = f"(?:{_alternatives(_MAGNITUDES)})"
# 万元, 万株, 元/人, 元/人/天, 元/人、天, bare 万; ratios first so 百分比 is not 百 + 分.
_UNIT = (
    f"{_alternatives(_RATIO_UNITS)}|{_MAGNITUDE}?{_BASE}(?:/{_BASE}(?:[/、]{_BASE})?)?|{_MAGNITUDE}"
)
_PREFIX = _alternatives(list(_PREFIX_OPS))
_SUFFIX = _alternatives(list(_SUFFIX_OPS))
_ASCII_NUM = r"(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?|\.\d+"
_CN_NUM = f"[{CN_NUMERAL_CHARS}]+"

_COMPARISON = re.compile(
    rf"(?P<op>{_PREFIX})?(?P<sign>[-+])?(?P<num>{_ASCII_NUM}|{_CN_NUM})"
    rf"(?P<unit>{_UNIT})?(?P<suffix>{_SUFFIX})?(?:\(含\)|含)?"
)
_RANGE = re.compile(
    rf"(?P<lo>{_ASCII_NUM})(?P<unit1>{_UNIT})?(?:-|~|至|到)(?P<hi>{_ASCII_NUM})(?P<unit2>{_UNIT})?"
)
_PLUS_MINUS = re.compile(rf"±(?P<num>{_ASCII_NUM})(?P<unit>{_UNIT})?")

_DATE = (
    r"(?:(?P<y>(?:19|20)\d\d)年度?)?"
    r"(?:(?P<q>第?[一二三四1-4])季度(?:末|底)?|(?P<half>上半年|下半年)|(?P<ye>年底|年末|年终|底)"
    r"|(?P<m>1[0-2]|0?[1-9])月份?(?:(?P<d>[12]\d|3[01]|0?[1-9])日)?(?:底|末|中旬|上旬|下旬)?)?"
)
_BEFORE = r"(?P<before>前|之前|以前|内|以内|止)?"
_DONE = (
    r"(?:全部|全面|如期|按时)?(?:完成|实施|到位|发放|开展|召开|竣工|完工|验收|办结|举办|结束|拨付)?"
)
_DEADLINE = re.compile(rf"(?:于|在|截至|截止|截止到|计划|预计|力争)?{_DATE}{_BEFORE}{_DONE}")
_DEADLINE_WORDS = re.compile(
    r"(?:按期|按时|如期|及时|按月|按季度?|按年度?|按计划|按进度|当年|当期|年内|本年度?内?|规定时间内|"
    r"计划时间内|时限内|在项目计划完成时间内)(?:完成|实施|到位|发放|开展|拨付|兑现)?(?:率)?"
)
_NUMBERING = re.compile(
    r"指标\d{1,2}[:：.、]|(?:^|(?<=[;；。,，:：\s]))(?:\(?\d{1,2}[)、.．](?!\d)|[(（]\d{1,2}[)）])"
)
_ORDINAL = re.compile(rf"第(?:{_ASCII_NUM}|{_CN_NUM})(?!季)")
_BOOK = re.compile(r"《[^》]*》")
_CJK = re.compile(r"[\u4e00-\u9fff]")
_UNIT_GLOSS = re.compile(r"(?<=%)\(百分比\)")  # '98%(百分比)' from system exports
_DIGIT = re.compile(r"\d")
# '不低于百分之九十五' -> '不低于95%': the words' percent as a number and a sign
_PERCENT_IN = re.compile(rf"百分之(?:{_ASCII_NUM}|{_CN_NUM})")


def parse_value(text: str | None, *, reverse_hint: bool = False) -> Value:
    """Parse one target/actual cell. Never raises; unparseable text gets kind 'unknown'.

    ``reverse_hint`` marks a cost row: a number printed without an operator is then a ceiling
    (op '<=', direction 'reverse'), as cost budgets are.
    """
    if text is None or is_placeholder(text):
        return Value(text, "placeholder")
    try:
        key = _UNIT_GLOSS.sub("", squeeze(text))
        key = _PERCENT_IN.sub(lambda m: percent_words(m.group(0)), key)
        return _parse(text, key, reverse_hint)
    except (ArithmeticError, ValueError):  # pragma: no cover - defensive: parse never raises
        return Value(text, "unknown")


def _parse(text: str, key: str, reverse_hint: bool) -> Value:
    if (m := _DEADLINE.fullmatch(key)) and _has_date(m):  # before comparisons: '7月' is July
        return Value(text, "deadline", _deadline_op(m), deadline=_deadline(m))
    if m := _COMPARISON.fullmatch(key):
        return _comparison(text, m, reverse_hint)
    if m := _RANGE.fullmatch(key):
        return _range(text, m)
    if m := _PLUS_MINUS.fullmatch(key):
        number = to_decimal(m.group("num"))
        return Value(text, "range", None, -number, number, _unit(m.group("unit")))
    if _DEADLINE_WORDS.fullmatch(key):
        return Value(text, "deadline")
    if not _CJK.search(key):
        return Value(text, "unknown")  # no prose around it: garbage such as 'O76%', not a value
    return _embedded(text, key, reverse_hint)


def _comparison(text: str, m: re.Match[str], reverse_hint: bool, embedded: bool = False) -> Value:
    digits = m.group("num")
    if digits[0] in CN_NUMERAL_CHARS:
        integer = parse_chinese_number(digits)
        if integer is None:
            return Value(text, "unknown")
        number = Decimal(integer)
    else:
        number = to_decimal(digits)
    if m.group("sign") == "-":
        number = -number
    op = _PREFIX_OPS.get(m.group("op") or "") or _SUFFIX_OPS.get(m.group("suffix") or "")
    unit = _unit(m.group("unit"))
    kind: ValueKind = "percent" if unit == "%" else "quantity"
    if op is None and reverse_hint:
        op = "<="
    direction: Direction = "positive" if op is None or op in POSITIVE_OPS else "reverse"
    return Value(text, kind, op, number, None, unit, direction, embedded=embedded)


def _range(text: str, m: re.Match[str], embedded: bool = False) -> Value:
    unit1, unit2 = _unit(m.group("unit1")), _unit(m.group("unit2"))
    if unit1 and unit2 and unit1 != unit2:
        return Value(text, "unknown")
    low, high = to_decimal(m.group("lo")), to_decimal(m.group("hi"))
    return Value(text, "range", None, low, high, unit1 or unit2, embedded=embedded)


def _unit(unit: str | None) -> str | None:
    if unit in ("百分比", "%"):
        return "%"
    return unit or None


def _has_date(m: re.Match[str]) -> bool:
    return any(m.group(g) for g in ("y", "q", "half", "m")) or bool(m.group("ye"))


def _deadline_op(m: re.Match[str]) -> Op:
    return "<=" if m.group("before") else "="


def _deadline(m: re.Match[str]) -> str | None:
    """'2021年12月31日' -> '2021-12-31'; '2021年底' -> '2021-12'; '9月前' -> '--09'."""
    year = m.group("y")
    month: int | None = None
    if m.group("m"):
        month = int(m.group("m"))
    elif m.group("q"):
        quarter = m.group("q").lstrip("第")
        month = 3 * ("一二三四".index(quarter) + 1 if quarter in "一二三四" else int(quarter))
    elif m.group("half"):
        month = 6 if m.group("half") == "上半年" else 12
    elif m.group("ye"):
        month = 12
    if month is None:
        return year
    day = f"-{int(m.group('d')):02d}" if m.group("d") else ""
    return f"{year or '-'}-{month:02d}{day}"


def _embedded(text: str, key: str, reverse_hint: bool) -> Value:
    """Prose: take its one number (or one date) if it has exactly one that matters."""
    cleaned = _BOOK.sub("《》", key)
    cleaned = _ORDINAL.sub("第", cleaned)
    cleaned = _NUMBERING.sub(" ", cleaned)
    # a bare 底/年底 is no date inside prose
    dates = [
        m for m in _DEADLINE.finditer(cleaned) if any(m.group(g) for g in ("y", "m", "q", "half"))
    ]
    masked = _blank_out(cleaned, dates)
    ranges = list(_RANGE.finditer(masked))
    masked = _blank_out(masked, ranges)
    numbers = [m for m in _COMPARISON.finditer(masked) if _counts(m)]
    deadline = _deadline(dates[0]) if len(dates) == 1 else None
    chosen = _choose(numbers) if len(dates) <= 1 else None
    if chosen is not None and not ranges:
        value = _comparison(text, chosen, reverse_hint, embedded=True)
        if value.kind != "unknown":
            return replace(value, deadline=deadline)
    if len(ranges) == 1 and not numbers and not dates:
        return _range(text, ranges[0], embedded=True)
    if len(dates) == 1 and not numbers and not ranges:
        return Value(text, "deadline", _deadline_op(dates[0]), deadline=deadline, embedded=True)
    return Value(text, "qualitative", deadline=deadline)  # _parse sent only text with CJK


def _blank_out(text: str, matches: list[re.Match[str]]) -> str:
    """``text`` with each match replaced by as many spaces, so later searches skip it."""
    for m in reversed(matches):
        text = text[: m.start()] + " " * (m.end() - m.start()) + text[m.end() :]
    return text


def _counts(m: re.Match[str]) -> bool:
    """A number inside prose counts when it is ASCII, or a Chinese numeral with a unit."""
    if m.group("num")[0] in CN_NUMERAL_CHARS:
        return bool(m.group("unit")) and parse_chinese_number(m.group("num")) is not None
    return True


def _choose(numbers: list[re.Match[str]]) -> re.Match[str] | None:
    if len(numbers) == 1:
        return numbers[0]
    with_op = [m for m in numbers if m.group("op") or m.group("suffix")]
    return with_op[0] if len(with_op) == 1 else None


def has_digits(text: str | None) -> bool:
    """True when the cell prints any digit (used to count quantitative cells)."""
    return bool(text and _DIGIT.search(squeeze(text)))


# A negated accomplishment: 未完成, 尚未完成, 未能完成, 没有完成, 暂未开展, 未按期完成, 未全部到位,
# 未达到预期 ... (not 未发生 / 无投诉, which are met targets of incident rows).
_NEGATION = re.compile(
    r"(?:尚未|暂未|仍未|均未|未能|没能|没有|未曾|并未|未|无法|不能)"
    r"(?:按期|按时|如期|及时|全部|全面|完全|足额|按计划|在规定时间内)?"
    r"(?:完成|开展|实施|启动|达成|达到|达标|落实|执行|到位|验收|竣工|完工|发放|拨付|举办|召开|"
    r"建成|投入使用|办结|兑现|实现)"
)
# ... unless the negation is itself negated or qualified as partial success (未完成率 is a name).
_NOT_NEGATION = re.compile(r"未完成率|未达标率|无未完成|没有未完成|不存在未")


def negated(text: str | None) -> bool:
    """True when the cell says the target was not met (尚未完成, 未能完成, 暂未开展 ...)."""
    if not text:
        return False
    key = squeeze(text)
    return bool(_NEGATION.search(key)) and not _NOT_NEGATION.search(key)


def deadline_order(deadline: str | None, year: str | None = None) -> tuple[int, int, int] | None:
    """A comparable (year, month, day) of a parsed deadline ('2021-10' -> (2021, 10, 31)),
    the month's or year's last day standing for "by then"; a month without a year takes
    ``year`` (the form's). None when there is no year to go by."""
    if not deadline:
        return None
    if deadline.startswith("--"):  # month (and day) without a year: '--09', '--09-30'
        y, rest = year or "", deadline[2:].split("-")
    else:
        y, *rest = deadline.split("-")
    if not y.isdigit() or not all(p.isdigit() for p in rest):
        return None
    month = int(rest[0]) if rest else 12
    day = int(rest[1]) if len(rest) > 1 else 31
    return (int(y), month, day)
