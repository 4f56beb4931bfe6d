"""The value grammar, money/rate parsing and their properties (exact Decimals, never float)."""

from __future__ import annotations

import ast
import importlib
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from selfeval.normalize.numbers import parse_chinese_number, parse_decimal, parse_rate
from selfeval.normalize.values import OPS, Value, parse_value

D = Decimal

# text, kind, op, number, upper, unit, direction  (reverse_hint off)
GRAMMAR = [
    # comparisons with symbols, both widths and look-alikes
    ("≥60期", "quantity", ">=", D("60"), None, "期", "positive"),
    ("≥5场", "quantity", ">=", D("5"), None, "场", "positive"),
    ("≤90万元", "quantity", "<=", D("90"), None, "万元", "reverse"),
    ("=8个", "quantity", "=", D("8"), None, "个", "positive"),
    ("＝100%", "percent", "=", D("100"), None, "%", "positive"),
    ("≧20000亩", "quantity", ">=", D("20000"), None, "亩", "positive"),
    ("≧80%", "percent", ">=", D("80"), None, "%", "positive"),
    ("═100%", "percent", "=", D("100"), None, "%", "positive"),
    (">=98%", "percent", ">=", D("98"), None, "%", "positive"),
    ("＞＝95％", "percent", ">=", D("95"), None, "%", "positive"),
    ("<5%", "percent", "<", D("5"), None, "%", "reverse"),
    ("＜3次", "quantity", "<", D("3"), None, "次", "reverse"),
    (">0", "quantity", ">", D("0"), None, None, "positive"),
    ("≤4", "quantity", "<=", D("4"), None, None, "reverse"),
    ("≤10次", "quantity", "<=", D("10"), None, "次", "reverse"),
    ("≥ 95 %", "percent", ">=", D("95"), None, "%", "positive"),
    ("≥100百分比", "percent", ">=", D("100"), None, "%", "positive"),
    ("≤202.6万元", "quantity", "<=", D("202.6"), None, "万元", "reverse"),
    ("≥11.376万元", "quantity", ">=", D("11.376"), None, "万元", "positive"),
    # operator words before and after
    ("不低于2批次", "quantity", ">=", D("2"), None, "批次", "positive"),
    ("不少于15次", "quantity", ">=", D("15"), None, "次", "positive"),
    ("不超过5%", "percent", "<=", D("5"), None, "%", "reverse"),
    ("不高于3%", "percent", "<=", D("3"), None, "%", "reverse"),
    ("至少2次", "quantity", ">=", D("2"), None, "次", "positive"),
    ("达到90%以上", "percent", ">=", D("90"), None, "%", "positive"),
    ("1000家次以上", "quantity", ">=", D("1000"), None, "家次", "positive"),
    ("1000个以上", "quantity", ">=", D("1000"), None, "个", "positive"),
    ("95%及以上", "percent", ">=", D("95"), None, "%", "positive"),
    ("控制在90万元以内", "quantity", "<=", D("90"), None, "万元", "reverse"),
    ("5%以内", "percent", "<=", D("5"), None, "%", "reverse"),
    ("3天以下", "quantity", "<=", D("3"), None, "天", "reverse"),
    ("大于等于85%", "percent", ">=", D("85"), None, "%", "positive"),
    ("小于1%", "percent", "<", D("1"), None, "%", "reverse"),
    ("超过500人次", "quantity", ">", D("500"), None, "人次", "positive"),
    ("约300人", "quantity", "=", D("300"), None, "人", "positive"),
    ("100人左右", "quantity", "=", D("100"), None, "人", "positive"),
    # bare numbers, percents, money exactly as printed
    ("76.33%", "percent", None, D("76.33"), None, "%", "positive"),
    ("100.00%", "percent", None, D("100.00"), None, "%", "positive"),
    ("98%(百分比)", "percent", None, D("98"), None, "%", "positive"),
    ("97.30%", "percent", None, D("97.30"), None, "%", "positive"),
    ("１００％", "percent", None, D("100"), None, "%", "positive"),
    ("492.000000", "quantity", None, D("492.000000"), None, None, "positive"),
    ("375.5442万元", "quantity", None, D("375.5442"), None, "万元", "positive"),
    ("1,200万元", "quantity", None, D("1200"), None, "万元", "positive"),
    ("2.6亿元", "quantity", None, D("2.6"), None, "亿元", "positive"),
    ("29.5亩", "quantity", None, D("29.5"), None, "亩", "positive"),
    ("3次", "quantity", None, D("3"), None, "次", "positive"),
    ("192只", "quantity", None, D("192"), None, "只", "positive"),
    ("1.2万亩", "quantity", None, D("1.2"), None, "万亩", "positive"),
    ("10 台套", "quantity", None, D("10"), None, "台套", "positive"),
    ("300 公里", "quantity", None, D("300"), None, "公里", "positive"),
    ("400元/人", "quantity", None, D("400"), None, "元/人", "positive"),
    ("2089人", "quantity", None, D("2089"), None, "人", "positive"),
    ("≥2万株", "quantity", ">=", D("2"), None, "万株", "positive"),
    ("═5元/天", "quantity", "=", D("5"), None, "元/天", "positive"),
    ("≤37微克/立方米", "quantity", "<=", D("37"), None, "微克/立方米", "reverse"),
    ("7个工作日内", "quantity", "<=", D("7"), None, "个工作日", "reverse"),
    ("100", "quantity", None, D("100"), None, None, "positive"),
    ("0", "quantity", None, D("0"), None, None, "positive"),
    # Chinese numerals
    ("两批次", "quantity", None, D("2"), None, "批次", "positive"),
    ("一次", "quantity", None, D("1"), None, "次", "positive"),
    ("十五个", "quantity", None, D("15"), None, "个", "positive"),
    ("不少于三场", "quantity", ">=", D("3"), None, "场", "positive"),
    # ranges
    ("1-12月", "range", None, D("1"), D("12"), "月", None),
    ("85%-95%", "range", None, D("85"), D("95"), "%", None),
    ("10~20人", "range", None, D("10"), D("20"), "人", None),
    ("±10%", "range", None, D("-10"), D("10"), "%", None),
    # deadlines (no number)
    ("2021年12月底前", "deadline", "<=", None, None, None, None),
    ("2021年10月前完成", "deadline", "<=", None, None, None, None),
    ("12月底完成", "deadline", "=", None, None, None, None),
    ("2021年12月31日", "deadline", "=", None, None, None, None),
    ("2021年底", "deadline", "=", None, None, None, None),
    ("9月前", "deadline", "<=", None, None, None, None),
    ("7月", "deadline", "=", None, None, None, None),
    ("2023年12月", "deadline", "=", None, None, None, None),
    ("2022年下半年", "deadline", "=", None, None, None, None),
    ("年底前完成", "deadline", "<=", None, None, None, None),
    ("按期完成", "deadline", None, None, None, None, None),
    ("及时", "deadline", None, None, None, None, None),
    ("当期完成", "deadline", None, None, None, None, None),
    ("在项目计划完成时间内完成", "deadline", None, None, None, None, None),
    # prose
    ("达到预期目标", "qualitative", None, None, None, None, None),
    ("达成预期指标", "qualitative", None, None, None, None, None),
    ("效果明显", "qualitative", None, None, None, None, None),
    ("显著提升", "qualitative", None, None, None, None, None),
    ("严格执行相关制度规定", "qualitative", None, None, None, None, None),
    ("合规", "qualitative", None, None, None, None, None),
    ("是", "qualitative", None, None, None, None, None),
    ("未完成", "qualitative", None, None, None, None, None),
    # placeholders: null, never 0
    ("—", "placeholder", None, None, None, None, None),
    ("-", "placeholder", None, None, None, None, None),
    ("/", "placeholder", None, None, None, None, None),
    ("/ / /", "placeholder", None, None, None, None, None),
    ("……", "placeholder", None, None, None, None, None),
    ("无", "placeholder", None, None, None, None, None),
    ("", "placeholder", None, None, None, None, None),
    (None, "placeholder", None, None, None, None, None),
    # garbage with digits stays unknown rather than guessed
    ("290$290%", "unknown", None, None, None, None, None),
    ("O76%", "unknown", None, None, None, None, None),
]


@pytest.mark.parametrize(
    ("text", "kind", "op", "number", "upper", "unit", "direction"),
    GRAMMAR,
    ids=[repr(case[0]) for case in GRAMMAR],
)
def test_grammar(text, kind, op, number, upper, unit, direction):
    value = parse_value(text)
    got = (value.kind, value.op, value.number, value.upper, value.unit, value.direction)
    assert got == (kind, op, number, upper, unit, direction)
    assert value.text == text
    # exact: same digits as printed (Decimal('492.000000') keeps its six zeros)
    for field in (value.number, value.upper):
        assert field is None or isinstance(field, Decimal)
    if value.number is not None and number is not None:
        assert str(value.number) == str(number)


def test_grammar_table_is_large():
    assert len(GRAMMAR) >= 60


@pytest.mark.parametrize(
    ("text", "deadline"),
    [
        ("2021年12月底前", "2021-12"),
        ("2021年10月前完成", "2021-10"),
        ("12月底完成", "--12"),
        ("2021年12月31日", "2021-12-31"),
        ("2021年底", "2021-12"),
        ("2021年第二季度", "2021-06"),
        ("2022年下半年", "2022-12"),
        ("9月前", "--09"),
    ],
)
def test_deadline_dates(text, deadline):
    assert parse_value(text).deadline == deadline


def test_cost_rows_without_operator_are_ceilings():
    cost = parse_value("492万元", reverse_hint=True)
    assert (cost.op, cost.number, cost.unit, cost.direction) == ("<=", D("492"), "万元", "reverse")
    # an explicit operator still wins
    assert parse_value("≥50个", reverse_hint=True).direction == "positive"
    # and a non-cost row without operator is not a ceiling
    assert parse_value("492万元").op is None


@pytest.mark.parametrize(
    ("text", "kind", "op", "number", "unit"),
    [
        (
            "492万元。主要用于国际学术交流活动；重点领域央企科技创新需求分析",
            "quantity",
            None,
            D("492"),
            "万元",
        ),
        ("不少于3次，数控技术领域产学研合作得到提升", "quantity", ">=", D("3"), "次"),
        ("认定超1000个新技术和新产品", "quantity", ">", D("1000"), "个"),
        ("发掘、设计央企应用场景项目10项", "quantity", None, D("10"), "项"),
        ("指标1:年度资金支付完成率100%", "percent", None, D("100"), "%"),
        ("编发《2021年科技动态》不少于20期", "quantity", ">=", D("20"), "期"),
        ("第四届圆桌会议召开1次", "quantity", None, D("1"), "次"),
    ],
)
def test_number_inside_prose_is_taken_and_marked(text, kind, op, number, unit):
    value = parse_value(text)
    assert (value.kind, value.op, value.number, value.unit) == (kind, op, number, unit)
    assert value.embedded


def test_prose_with_several_numbers_is_not_guessed():
    text = "提供不少于15次的政策宣讲服务，服务企业1000家次以上"
    value = parse_value(text)
    assert (value.kind, value.number) == ("qualitative", None)


def test_deadline_with_a_count_keeps_both():
    value = parse_value("2021年12月底前完成举办线上或线下政策宣讲不少于10次")
    assert (value.kind, value.op, value.number, value.deadline) == (
        "quantity",
        ">=",
        D("10"),
        "2021-12",
    )


def test_fraction_of_a_percent_is_exact():
    assert parse_value("76.33%").fraction() == D("0.7633")
    assert parse_value("3次").fraction() == D("3")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("492.000000", D("492.000000")),
        ("375.544200", D("375.544200")),
        ("7.63", D("7.63")),
        ("93.83", D("93.83")),
        ("10", D("10")),
        ("10分", D("10")),
        ("１０", D("10")),
        ("1,234.50", D("1234.50")),
        (" 0 ", D("0")),
        ("0.00", D("0.00")),
        ("十", D("10")),
        ("-", None),
        ("—", None),
        ("/", None),
        ("", None),
        (None, None),
        ("76.33%", None),
        ("合格", None),
    ],
)
def test_parse_decimal(text, expected):
    got = parse_decimal(text)
    assert got == expected
    if expected is not None:
        assert str(got) == str(expected)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("76.33%", D("0.7633")),
        ("100%", D("1")),
        ("100.00%", D("1")),
        ("102.59%", D("1.0259")),
        ("10.77%", D("0.1077")),
        ("0.00%", D("0")),
        ("100", D("1")),
        ("20", D("0.20")),
        ("0.95", D("0.95")),
        ("1", D("1")),
        ("１００％", D("1")),
        ("-", None),
        ("—", None),
        ("", None),
        (None, None),
        ("%", None),
    ],
)
def test_parse_rate_gives_a_fraction(text, expected):
    assert parse_rate(text) == expected


def test_parse_rate_is_exact():
    assert str(parse_rate("76.33%")) == "0.7633"
    assert str(parse_rate("102.59%")) == "1.0259"


@pytest.mark.parametrize(
    ("text", "number"),
    [
        ("一", 1),
        ("两", 2),
        ("十", 10),
        ("十五", 15),
        ("二十", 20),
        ("一百零五", 105),
        ("三千", 3000),
        ("两万", 20000),
        ("一万五千", 15000),
        ("二三", None),
        ("", None),
        ("万", None),
    ],
)
def test_chinese_numerals(text, number):
    assert parse_chinese_number(text) == number


# ------------------------------------------------------------------ properties

PREFIX = {
    ">=": ["≥", ">=", "不低于", "不少于", "至少"],
    "<=": ["≤", "<=", "不超过", "不高于"],
    "=": ["=", "＝"],
    ">": [">", "大于", "超过"],
    "<": ["<", "小于", "低于"],
}
UNITS = ["", "%", "万元", "元", "次", "场", "期", "个", "家次", "人次", "批次", "亩", "天"]
numbers = st.decimals(min_value=0, max_value=10**9, allow_nan=False, allow_infinity=False, places=4)


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=40))
def test_parse_never_raises(text):
    value = parse_value(text)
    assert value.kind in (
        "quantity",
        "percent",
        "deadline",
        "range",
        "qualitative",
        "placeholder",
        "unknown",
    )
    assert value.op is None or value.op in OPS
    assert value.number is None or isinstance(value.number, Decimal)
    assert parse_decimal(text) is None or isinstance(parse_decimal(text), Decimal)
    assert parse_rate(text) is None or isinstance(parse_rate(text), Decimal)


@settings(max_examples=300, deadline=None)
@given(
    op=st.sampled_from(sorted(PREFIX)), data=st.data(), number=numbers, unit=st.sampled_from(UNITS)
)
def test_op_number_unit_round_trip(op, data, number, unit):
    word = data.draw(st.sampled_from(PREFIX[op]))
    printed = format(number, "f")
    value = parse_value(f"{word}{printed}{unit}")
    assert value.op == op
    assert value.number == number and str(value.number) == printed
    assert value.unit == (unit or None)
    assert value.kind == ("percent" if unit == "%" else "quantity")
    assert value.direction == ("positive" if op in (">=", ">", "=") else "reverse")
    # and back: the canonical form parses to the same value
    again = parse_value(f"{op}{value.number}{value.unit or ''}")
    assert (again.op, again.number, again.unit) == (value.op, value.number, value.unit)


@settings(max_examples=200, deadline=None)
@given(number=numbers)
def test_decimal_and_rate_round_trip(number):
    printed = format(number, "f")
    assert str(parse_decimal(printed)) == printed
    assert parse_rate(f"{printed}%") == number / 100


@settings(max_examples=100, deadline=None)
@given(st.sampled_from(["-", "—", "/", "", "……", "无", " - ", "－", "/ / /"]))
def test_placeholders_are_null_never_zero(text):
    assert parse_value(text) == Value(text, "placeholder")
    assert parse_decimal(text) is None and parse_rate(text) is None


def test_no_float_anywhere_on_the_value_paths():
    """No float() call and no float literal in the modules that turn cells into numbers."""
    for name in (
        "selfeval.normalize.numbers",
        "selfeval.normalize.values",
        "selfeval.normalize.apply",
    ):
        tree = ast.parse(Path(importlib.import_module(name).__file__).read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            assert not (isinstance(node, ast.Name) and node.id == "float"), name
            assert not (isinstance(node, ast.Constant) and isinstance(node.value, float)), name
