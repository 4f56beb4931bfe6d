"""A row's cells run together one blank apart on a page that prints its own grid header (the
noto class, issue 14): cut where its 分值 and 得分 anchor exactly one reading
(extract/text/layout_glued.py), kept whole otherwise.

The dumps in tests/data/noto/ are `pdftotext -layout` output of Chromium+Noto prints of
samples/originals: guangan-notosans11-flat is the whole
2023-sichuan-guangan-xiangcun-jiaoshi-html.flat.html (Noto Sans 11pt), chengan-notosans9-flat
the whole 2020-hebei-cheng-an-gaoling-jintie-html.flat.html (Noto Sans 9pt),
yuhang-notosans8narrow the whole 2023-zhejiang-yuhang-lvhua-yanghu-html.html (Noto Sans
8pt, narrow page)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import selfeval.extract as extract
from golden.score import score_file
from selfeval.extract.text.layout_glued import cut_glued_rows
from selfeval.extract.text.layout_tokens import LayoutColumn, Token
from tests.conftest import GOLDEN

DATA = Path(__file__).parent / "data" / "noto"


def _read(dump: str, stem: str) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    got = [f.to_dict() for f in extract.read(DATA / dump)]
    want: list[dict[str, Any]] = json.loads((GOLDEN / f"{stem}.json").read_text("utf-8"))
    return got, want


def test_every_row_of_glued_cells_reads_exactly() -> None:
    """2315 13 13, 增强 15 15 (an actual value, its 分值 and 得分), 享受补助乡村教师人数 ≥ (a
    name and its operator) and 100 % (a 指标值 and its unit) are cut; all seven rows read."""
    got, want = _read(
        "guangan-notosans11-flat.layout.txt", "2023-sichuan-guangan-xiangcun-jiaoshi-html"
    )
    s = score_file(got, want)
    assert (s.golden_rows, s.emitted_rows, s.exact_rows, s.wrong_rows) == (7, 7, 7, 0)
    assert s.wrong_cells == 0
    rows = [(r["level3"], r["target"], r["actual"]) for r in got[0]["indicators"]]
    assert rows[0] == ("享受补助乡村教师人数", "≥2300人", "2315")
    assert rows[2] == ("补助资金发放准确率", "=100%", "100")


def test_names_holding_their_targets_are_cut_and_every_row_reads() -> None:
    """享受津贴百岁老人人数 ≥ 19 人 (placed whole under the name) is a name, an operator, a
    指标值 and a unit; 高龄补贴发放完成率 ≥ 95 % the same, printed left under the 二级指标
    name; 长期 15 15 an actual value and its pair (its start among the actual values' only).
    All seven rows read, exactly."""
    got, want = _read(
        "chengan-notosans9-flat.layout.txt", "2020-hebei-cheng-an-gaoling-jintie-html"
    )
    s = score_file(got, want)
    assert (s.golden_rows, s.emitted_rows, s.exact_rows, s.wrong_rows) == (7, 7, 7, 0)
    assert s.wrong_cells == 0
    rows = [(r["level3"], r["target"], r["actual"], r["score"]) for r in got[0]["indicators"]]
    assert rows[0] == ("享受津贴百岁老人人数", "≥19人", "19人", "13")
    assert rows[4] == ("高龄补贴发放完成率", "≥95%", "100%", "15")
    assert rows[5] == ("高龄津贴制度持续运行", "长期", "长期", "15")


def test_a_pair_placed_whole_under_the_score_is_cut() -> None:
    """10 10 (a 分值 and its 得分 one blank apart, placed whole by its centre under the 得分)
    starts where the page's certain 分值 start: cut. 7 6.38 秋季补植,已列入下年度计 is a pair
    and its deviation's line. Ten of the eleven rows read exactly; 养护考核平均得分 stays
    declined (its level label is not known)."""
    got, want = _read("yuhang-notosans8narrow.layout.txt", "2023-zhejiang-yuhang-lvhua-yanghu-html")
    s = score_file(got, want)
    assert (s.golden_rows, s.emitted_rows, s.exact_rows, s.wrong_rows) == (11, 10, 10, 0)
    assert s.wrong_cells == 0
    rows = {r["level3"]: (r["weight"], r["score"]) for r in got[0]["indicators"]}
    assert rows["城区绿化景观品质"] == ("10", "10")
    assert rows["补植苗木株数"] == ("7", "6.38")
    assert "养护考核平均得分" not in rows
    notes = [n["message"] for n in got[0]["notes"]]
    assert any("its level label is not known" in n for n in notes)


_COLUMNS = [
    LayoutColumn("level3", 10, 14),
    LayoutColumn("target.op", 20, 24),
    LayoutColumn("target.value", 25, 28),
    LayoutColumn("actual", 30, 34),
    LayoutColumn("weight", 36, 38),
    LayoutColumn("score", 39, 41),
    LayoutColumn("deviation", 43, 50),
]


def _sure(line: int) -> list[tuple[Token, LayoutColumn | None]]:
    """One certain row on ``line``: each cell at its column's name."""
    texts = ["名称", "≥", "95", "100", "8", "8"]
    return [(Token(x, line, c.x0, c.x0 + len(x)), c) for x, c in zip(texts, _COLUMNS, strict=False)]


def _cut(token: Token, col: LayoutColumn | None = None) -> list[tuple[str, str | None]]:
    return _cut_line((token, col))


def _cut_line(*placed: tuple[Token, LayoutColumn | None]) -> list[tuple[str, str | None]]:
    """The texts and roles of the placed tokens' line, cut on a page of two certain rows."""
    got = cut_glued_rows([*_sure(0), *_sure(1), *placed], _COLUMNS)
    return [(t.text, c.role if c else None) for t, c in got if t.line == placed[0][0].line]


def test_an_actual_value_and_its_pair_are_cut() -> None:
    assert _cut(Token("99 7 6", 2, 30, 36)) == [
        ("99", "actual"),
        ("7", "weight"),
        ("6", "score"),
    ]


def test_a_pair_under_the_score_is_cut_only_from_the_weights_start() -> None:
    assert _cut(Token("9 8", 2, 36, 39), _COLUMNS[5]) == [("9", "weight"), ("8", "score")]
    assert _cut(Token("9 8", 2, 33, 36), _COLUMNS[5]) == [("9 8", "score")]


def test_a_score_above_its_weight_is_no_pair() -> None:
    assert _cut(Token("99 6 7", 2, 30, 36)) == [("99 6 7", None)]


def test_a_start_no_column_certainly_has_stays_whole() -> None:
    assert _cut(Token("99 7 6", 2, 27, 33)) == [("99 7 6", None)]


def test_two_readings_stay_whole() -> None:
    """≥ 95 合格 8 8 from the operator's column reads one way only: 合格 is no 分值. With the
    actual's cells seen holding spaces (完成 95) it may be 95 合格 as well, and stays whole;
    so does ≥ 95 100 8 8 (95 the actual, 100 8 the pair, 8 a deviation's text?)."""
    token = Token("≥ 95 合格 8 8", 2, 20, 31)
    got = cut_glued_rows([*_sure(0), (token, None)], _COLUMNS)
    assert [(t.text, c.role if c else None) for t, c in got if t.line == 2] == [
        ("≥", "target.op"),
        ("95", "target.value"),
        ("合格", "actual"),
        ("8", "weight"),
        ("8", "score"),
    ]
    spaced = (Token("完成 95", 1, 30, 35), _COLUMNS[3])
    got = cut_glued_rows([*_sure(0), spaced, (token, None)], _COLUMNS)
    assert [t.text for t, _ in got if t.line == 2] == ["≥ 95 合格 8 8"]
    numbers = Token("≥ 95 100 8 8", 2, 20, 32)
    got = cut_glued_rows([*_sure(0), (numbers, None)], _COLUMNS)
    assert [t.text for t, _ in got if t.line == 2] == ["≥ 95 100 8 8"]


def test_a_line_with_a_certain_pair_is_not_cut() -> None:
    """A token on a line whose 分值 and 得分 are already certain holds no second pair."""
    placed = [*_sure(0), *_sure(1), (Token("99 7 6", 1, 30, 36), None)]
    got = cut_glued_rows(placed, _COLUMNS)
    assert (Token("99 7 6", 1, 30, 36), None) in got


def test_a_name_keeps_a_space_unless_an_operator_ends_it() -> None:
    name = Token("张永锋 王兰平", 2, 10, 17)
    assert _cut(name, _COLUMNS[0]) == [("张永锋 王兰平", "level3")]
    assert _cut(Token("覆盖率 ≥", 2, 10, 15), _COLUMNS[0]) == [
        ("覆盖率", "level3"),
        ("≥", "target.op"),
    ]


_TARGET = [
    LayoutColumn("level3", 10, 14),
    LayoutColumn("target.op", 20, 22),
    LayoutColumn("target.value", 23, 25),
    LayoutColumn("target.unit", 26, 28),
    LayoutColumn("actual", 30, 34),
]


def _level3(text: str) -> list[tuple[str, str | None]]:
    token = Token(text, 0, 10, 10 + len(text))
    got = cut_glued_rows([(token, _TARGET[0])], [*_TARGET, *_COLUMNS[4:]])
    return [(t.text, c.role if c else None) for t, c in got]


def test_a_name_and_its_target_are_cut_only_as_name_operator_number_unit() -> None:
    assert _level3("覆盖率 ≥ 95 %") == [
        ("覆盖率", "level3"),
        ("≥", "target.op"),
        ("95", "target.value"),
        ("%", "target.unit"),
    ]
    assert _level3("覆盖率 ≥ 95") == [
        ("覆盖率", "level3"),
        ("≥", "target.op"),
        ("95", "target.value"),
    ]
    for whole in ("覆盖率 ≥ 九五 %", "覆盖率 ≥ 95 96", "覆盖 率 ≥ 95 %", "覆盖率 95 %"):
        assert _level3(whole) == [(whole, "level3")]


def test_a_weight_glued_after_the_actual_value_goes_to_the_weight() -> None:
    """组织17场服务央企 1, then its 得分 alone (seed_html_noto, page 1): the number one blank
    after the actual value is the 分值 (the columns' order leaves no other reading); a lone
    number under the 分值 with the 得分 column empty is so the 得分. Not where the 得分
    would be above the 分值, nor where the text before holds no number one blank on, nor
    where a page's certain 分值 or 得分 is not a plain number."""
    actual, weight, score = _COLUMNS[3], _COLUMNS[4], _COLUMNS[5]
    glued = (Token("组织17场服务央企 1", 2, 28, 39), actual)
    assert _cut_line(glued, (Token("1", 2, 42, 43), score)) == [
        ("组织17场服务央企", "actual"),
        ("1", "weight"),
        ("1", "score"),
    ]
    assert _cut_line(
        (Token("34微克/立方米 10", 2, 27, 38), actual), (Token("9", 2, 38, 39), weight)
    ) == [
        ("34微克/立方米", "actual"),
        ("10", "weight"),
        ("9", "score"),
    ]
    above = [(Token("组织17场服务央企 1", 2, 28, 39), actual), (Token("2", 2, 42, 43), score)]
    assert _cut_line(*above) == [("组织17场服务央企 1", "actual"), ("2", "score")]
    plain = [(Token("组织十七场", 2, 28, 33), actual), (Token("1", 2, 42, 43), score)]
    assert _cut_line(*plain) == [("组织十七场", "actual"), ("1", "score")]
    lone = (Token("1", 2, 42, 43), score)
    rate = cut_glued_rows([*_sure(0), (Token("90%", 1, 36, 39), weight), glued, lone], _COLUMNS)
    assert [(t.text, c.role if c else None) for t, c in rate if t.line == 2] == [
        ("组织17场服务央企 1", "actual"),
        ("1", "score"),
    ]
