"""-layout rows cut by a page break: the rest above the next page's first row, taken only
where no other reading fits (layout_rest)."""

from __future__ import annotations

import json

import pytest

from selfeval.extract.record import Cell, Indicator
from selfeval.extract.text import parse_text
from selfeval.extract.text.layout_rest import Foot, below_surplus, join_rest
from selfeval.extract.text.layout_tokens import Token
from tests.conftest import GOLDEN, SAMPLES, VALIDATION, first_golden
from tests.conftest import ROW_FIELDS as _FIELDS
from tests.conftest import squashed_row as _squashed
from tests.test_layout_dumps import _rest

Row = dict[str, object]


def _validation_rows(name: str) -> tuple[dict[str, Row], dict[str, Row]]:
    """A validation -layout dump's emitted rows and its golden rows, by level-3 name."""
    (form, *_) = parse_text((VALIDATION / f"{name}.layout.txt").read_text("utf-8"))
    golden = json.loads((VALIDATION / f"{name}.golden.json").read_text("utf-8"))
    want = (golden[0] if isinstance(golden, list) else golden)["indicators"]
    got = {str(r["level3"]): _squashed(r) for r in (row.to_dict() for row in form.indicators)}
    return got, {str(r["level3"]): _squashed(r) for r in want if r["level3"]}


def test_a_rest_in_a_column_the_centred_first_row_leaves_empty_is_the_cut_rows():
    """seed_html p4: the cut row 总预算控制数 goes on with its target and its deviation
    above the page's first row (中俄合作交流), which prints no deviation. That row centres
    its cells on its 得分's line; the deviation's eight lines above it, its own cell, would
    make it centre on no line near there: they are the cut row's."""
    got, want = _validation_rows("seed_html")
    assert got["总预算控制数"] == want["总预算控制数"]
    assert got["中俄合作交流"] == want["中俄合作交流"]


_CENTRED = [
    "                           甲乙丙丁戊己庚",
    "                           甲乙丙丁戊己庚",
    "                           甲乙丙丁戊己庚",
    "             跟踪和总结",
    "                                   乙丙丁",
    "  需求分析   不少于 10 家    重点央企       2    2",
    "                                   乙丙丁",
]


def test_a_piece_no_alignment_of_the_first_rows_cells_holds_is_the_cut_rows():
    by_col = {"level3": ["需求分析"], "target": ["跟踪和总结", "不少于 10 家"]}
    by_col |= {"actual": ["重点央企"], "weight": ["2"], "score": ["2"]}
    by_col |= {"deviation": ["甲乙丙丁戊己庚", "乙丙丁"]}
    first = {"level3": ["需求分析"], "target": ["不少于 10 家"], "actual": ["重点央企"]}
    first |= {"weight": ["2"], "score": ["2"], "deviation": ["乙丙丁"]}
    # (the first row's deviation centred on its 得分: every cell of it is)
    assert _rest(_CENTRED, by_col, first) == {
        "deviation": ["甲乙丙丁戊己庚"] * 3,
        "target": ["跟踪和总结"],
    }
    # the first row prints no deviation: the lines above, its own cell, would centre on
    # no line near its 得分, start or end level with none of its cells
    by_col["deviation"] = ["甲乙丙丁戊己庚"]
    first.pop("deviation")
    page = ["" if line.strip() == "乙丙丁" else line for line in _CENTRED]
    assert _rest(page, by_col, first) == {
        "deviation": ["甲乙丙丁戊己庚"] * 3,
        "target": ["跟踪和总结"],
    }


def test_a_piece_that_may_be_the_first_rows_own_cell_aligned_is_declined():
    by_col = {"level3": ["需求分析"], "target": ["跟踪和总结", "不少于 10 家"]}
    by_col |= {"actual": ["重点央企"], "weight": ["2"], "score": ["2"]}
    by_col |= {"deviation": ["甲乙丙丁戊己庚"]}
    first = {"level3": ["需求分析"], "target": ["不少于 10 家"], "actual": ["重点央企"]}
    first |= {"weight": ["2"], "score": ["2"]}
    # a piece one line above the row: printed high, its own cell's may end level with it
    page = ["", "", "", "             跟踪和总结", "                           甲乙丙丁戊己庚"]
    page += ["  需求分析   不少于 10 家    重点央企       2    2"]
    assert _rest(page, by_col, first) is None
    # the first row's cells start level (top-aligned, not centred): the piece, its own
    # cell, would be a taller row's top
    page = [
        "                           甲乙丙丁戊己庚",
        "                           甲乙丙丁戊己庚",
        "             跟踪和总结",
        "  需求分析   不少于 10 家    重点央企       2    2",
        "             乙丙丁",
        "             乙丙丁",
        "             乙丙丁",
    ]
    by_col["target"] = ["跟踪和总结", "不少于 10 家", "乙丙丁"]
    first["target"] = ["不少于 10 家", "乙丙丁"]
    assert _rest(page, by_col, first) is None


def _dump_rows(stem: str) -> tuple[dict[str, Row], dict[str, Row]]:
    """A corpus -layout dump's emitted rows and its golden rows, by level-3 name."""
    (form, *_) = parse_text((SAMPLES / "dumps" / f"{stem}.layout.txt").read_text("utf-8"))
    want = first_golden(GOLDEN / f"{stem}.json")["indicators"]
    got = {
        str(r["level3"]): {f: r[f] for f in _FIELDS} for r in (i.to_dict() for i in form.indicators)
    }
    return got, {str(r["level3"]): {f: r[f] for f in _FIELDS} for r in want}


def test_a_numbered_rest_beside_the_cut_rows_wrap_is_a_new_paragraph_of_its_cell():
    """keji-xiezuo drawn p4: 总预算控制数's deviation goes on at the page's top with 2.因疫情…
    (a numbered item: a cell's start?) beside its target's wrapped rest (；科技服务业…) on
    the page's first line: that line is the cut row's, so the item starts there; the
    first row (中俄合作交流) prints no deviation, and the item's lines below no alignment
    of its cells holds. The cut cell's line on the page before ends a sentence."""
    got, want = _dump_rows("2021-beijing-keji-xiezuo-zhongxin-draw")
    assert got["总预算控制数"] == want["总预算控制数"]
    assert "\n2.因疫情" in str(got["总预算控制数"]["deviation"])


def test_a_numbered_rest_is_joined_only_as_a_paragraph_after_a_sentences_end():
    foot: Foot = {"target": ("甲乙丙", 6), "deviation": ("因此略有偏差。", 14)}
    row = Indicator(level3=Cell("甲"), target=Cell("甲乙丙"), deviation=Cell("1.因此略有偏差。"))
    # alone, a numbered item may begin a cell of its own
    assert not join_rest(row, {"deviation": "2.因疫情"}, (), foot)
    assert not join_rest(row, {"deviation": "2.因疫情"})
    # beside a wrap, after a line that ends no sentence: a wrap of its own, maybe
    cut = dict(foot, deviation=("因此略有偏差", 12))
    assert not join_rest(row, {"target": "丁戊", "deviation": "2.因疫情"}, (), cut)
    assert row.deviation.text == "1.因此略有偏差。"
    assert join_rest(row, {"target": "丁戊", "deviation": "2.因疫情"}, (), foot)
    assert row.deviation.text == "1.因此略有偏差。\n2.因疫情" and row.target.text == "甲乙丙丁戊"


_NUMBERED = [
    "              丁戊己       2.因疫情",
    "              庚辛         有偏差。",
    "  需求分析   不少于 10 家    重点央企       2    2",
]


def test_a_numbered_rest_below_the_cut_rows_wraps_is_declined():
    by_col = {"level3": ["需求分析"], "target": ["丁戊己", "庚辛", "不少于 10 家"]}
    by_col |= {"actual": ["重点央企", "2.因疫情", "有偏差。"], "weight": ["2"], "score": ["2"]}
    first = {"level3": ["需求分析"], "target": ["不少于 10 家"], "actual": ["重点央企"]}
    first |= {"weight": ["2"], "score": ["2"]}
    assert _rest(_NUMBERED, by_col, first) == {
        "target": ["丁戊己", "庚辛"],
        "actual": ["2.因疫情", "有偏差。"],
    }
    # the item starts below the wrap's last line: it may start the first row's own cell
    page = ["              丁戊己", "                           2.因疫情"]
    page += ["                           有偏差。", _NUMBERED[2]]
    by_col["target"] = ["丁戊己", "不少于 10 家"]
    assert _rest(page, by_col, first) is None
    # it reaches below the wrap's last line, into the first row's own cell's places
    page = ["              丁戊己       2.因疫情", *page[2:]]
    assert _rest(page, by_col, first) is None


def _all_rows(path: str, golden: str) -> tuple[list[Row], list[Row]]:
    """A -layout dump's emitted rows and its golden rows, in order (names may repeat)."""
    (form, *_) = parse_text((SAMPLES / path).read_text("utf-8"))
    want = first_golden(GOLDEN / f"{golden}.json")["indicators"]
    got = [{f: r[f] for f in _FIELDS} for r in (i.to_dict() for i in form.indicators)]
    return got, [{f: r[f] for f in _FIELDS} for r in want]


_KEJI = "2021-beijing-keji-xiezuo-zhongxin-draw"


def _row(rows: list[Row], level2: str, level3: str) -> Row:
    (row,) = [r for r in rows if r["level2"] == level2 and r["level3"] == level3]
    return row


def test_below_surplus_leaves_the_lines_no_centred_cell_holds() -> None:
    part = [Token("x", line, 0, 1) for line in [*range(13), 14, *range(16, 28)]]
    kept = below_surplus(part, 14, "centre")
    assert kept is not None and [t.line for t in kept] == [*range(1, 13), 14, *range(16, 28)]
    top = [Token("x", line, 0, 1) for line in (3, 4, 5, 6)]
    assert [t.line for t in below_surplus(top, 5, "top") or []] == [5, 6]
    assert below_surplus([Token("x", line, 0, 1) for line in (1, 2, 7, 8)], 5, "centre") is None
    assert below_surplus([Token("x", line, 0, 1) for line in (1, 2)], 5, "centre") is None


@pytest.mark.parametrize("folder", ["dumps", "dumps_variants/fixed3"])
def test_a_first_rows_surplus_top_lines_are_the_cut_rows_rest(folder: str) -> None:
    """keji-xiezuo drawn p3: the actual column's run from the page's top (内容均较为独到 /
    经过2轮征集…) reaches the first row's (第四届Nature…) anchor, 13 lines above it, 12
    below; the grid centres every cell, so its top line is the page before's row's
    (科技服务业发展研究报告, …观点和 / 内容均较为独到), and both rows are read."""
    got, want = _all_rows(f"{folder}/{_KEJI}.layout.txt", _KEJI)
    for name in ("科技服务业发展研究报告", "第四届Nature前沿技术创新圆桌会议"):
        assert _row(got, "质量指标", name) == _row(want, "质量指标", name)
    assert [r for r in got if r not in want] == []


def test_a_last_label_beside_a_row_the_break_cuts_may_stand_off_its_rows() -> None:
    """keji-xiezuo drawn p3: 成本指标 stands on 总预算控制数's first line, a row that goes on
    on the next page (its merged cell too): not centred on its rows here, so it does not
    tell whether the row above (中俄技术交流活动) is its; left out, not read under it."""
    got, want = _all_rows(f"dumps/{_KEJI}.layout.txt", _KEJI)
    assert _row(want, "时效指标", "中俄技术交流活动")
    assert not [r for r in got if r["level3"] == "中俄技术交流活动" and r["level2"] == "成本指标"]
    assert _row(got, "成本指标", "总预算控制数") == _row(want, "成本指标", "总预算控制数")
