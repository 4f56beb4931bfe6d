"""-layout level labels over page breaks: what the pages around a page tell of its breaks.

A page read alone lets its first label's block begin on the page before and its last
label's go on to the next, so where those labels stand says little of their rows. The pages
around may say more (``layout_levels._bounds``): the same label printed on both sides of a
break (a grid printing a label again on each page its block reaches holds each part's rows
on its page), or the row just beyond the break under another known label (no block crosses
it). Rows those bounds still leave in doubt stay declined with their note.
"""

from __future__ import annotations

from typing import Any

from selfeval.extract.record import Cell, Indicator
from selfeval.extract.text.columns import _head_rows
from selfeval.extract.text.layout_levels import (
    PageLevels,
    _bounds,
    by_numbers,
    lead_rows,
    parents_fit,
)
from selfeval.extract.text.layout_rowcut import RowCut
from selfeval.extract.text.layout_tokens import Token
from tests.conftest import GOLDEN, SAMPLES, VALIDATION
from tests.conftest import golden_rows as _golden
from tests.conftest import layout_rows as _read

Row = dict[str, Any]


def _row(rows: list[Row], level2: str, name: str) -> list[Row]:
    return [r for r in rows if r["level2"] == level2 and r["level3"] == name]


def test_a_label_printed_on_both_sides_of_a_break_holds_each_sides_rows():
    """keji-xiezuo (spreadsheet): 时效指标 prints at the foot of one page and the head of the
    next, 质量指标 likewise a page before: one block crosses each break, its label printed
    on each part, so every row of a page is under a label it prints. The rows between
    质量指标 (one row) and the page's end are 时效指标's; 科技政策宣传 is 质量指标's."""
    stem = "2021-beijing-keji-xiezuo-zhongxin-xlsx"
    got, notes = _read(SAMPLES / "dumps" / f"{stem}.layout.txt")
    want = _golden(GOLDEN / f"{stem}.json")
    assert all(r in want for r in got)
    for level2, name in (
        ("时效指标", "央企应用场景推进"),
        ("时效指标", "科技服务业发展研究报告"),
        ("时效指标", "第四届Nature前沿技术创新圆桌会议"),
        ("质量指标", "科技政策宣传"),
    ):
        assert _row(got, level2, name) == _row(want, level2, name) != []
    # 数量指标 / 质量指标 centred within a line or two of more than one split; held to the
    # grid's centring (its last pages' blocks within half a line, a taller block an eighth
    # of a line more for each line it is taller), 央企跨界协同创新交流活动 is 数量指标's in
    # every split left; 服务企业数量 may be either's: declined
    names = {r["level3"] for r in got}
    name = "央企跨界协同创新交流活动"
    assert _row(got, "数量指标", name) == _row(want, "数量指标", name) != []
    assert "服务企业数量" not in names
    assert sum("its level label is not known" in n for n in notes) == 1


def test_a_break_the_row_before_shuts_holds_the_first_label_to_its_own_rows():
    """keji-xiezuo (drawn) and seed_html: the page before ends with 成本指标's row, so
    社会效益指标, first on the next page, begins there and stands centred on its own rows
    (中俄合作交流, 开展新技术新产品认定), not anywhere beside them."""
    stem = "2021-beijing-keji-xiezuo-zhongxin-draw"
    got, _ = _read(SAMPLES / "dumps" / f"{stem}.layout.txt")
    want = _golden(GOLDEN / f"{stem}.json")
    assert all(r in want for r in got)
    assert _row(got, "社会效益指标", "开展新技术新产品认定") != []
    got, _ = _read(VALIDATION / "seed_html.layout.txt")
    want = _golden(VALIDATION / "seed_html.golden.json")
    assert all(r in want for r in got)
    name = "创新型央企等创新主体享受科技政策的受众面和力度"
    assert _row(got, "可持续影响指标", name) == _row(want, "可持续影响指标", name) != []


def _page(level2: list[str], rows: list[str | None]) -> PageLevels:
    made = [
        Indicator(
            level1=Cell(None),
            level2=Cell(name),
            level3=Cell(f"指标{k}"),
            target=Cell(None),
            actual=Cell(None),
            weight=Cell(None),
            score=Cell(None),
            deviation=Cell(None),
        )
        for k, name in enumerate(rows)
    ]
    return PageLevels(made, {"level2": level2}, first_kept=True, last_row=made[-1])


def test_bounds_by_the_pages_around():
    before = _page(["数量指标", "质量指标"], ["数量指标", "质量指标"])
    # one name on both sides of the break: "own"; the row beyond under another: "shut"
    pages = [
        before,
        _page(["质量指标", "时效指标"], [None, None]),
        _page(["成本指标"], ["成本指标"]),
    ]
    assert _bounds(pages, 1, "level2") == ("own", "shut")
    # the row beyond the break not known, or under the page's own nearest label: "open"
    pages = [before, _page(["时效指标"], [None]), _page(["时效指标"], ["时效指标"])]
    assert _bounds(pages, 1, "level2") == ("shut", "own")
    pages = [_page(["数量指标"], [None]), _page(["时效指标"], [None]), _page([], [None])]
    assert _bounds(pages, 1, "level2") == ("open", "open")
    # a row beyond under the same name (labels printed once): nothing is told
    pages = [_page(["数量指标"], ["时效指标"]), _page(["时效指标"], [None])]
    assert _bounds(pages, 1, "level2") == ("open", "open")


def test_level1_blocks_the_vocabulary_lets_pin_the_split():
    """anhui-guichi (Word): the level-1 labels print only their points, (50分) centred
    within reach of rows 0-4 and of rows 0-5. Row 5 is 成本指标's, which stands under
    产出指标 (or a level-1 成本指标): read with (30分)'s rows (社会效益指标, 效益指标's) no
    one level-1 name holds them all, so (50分)'s block holds it."""
    stem = "2022-anhui-guichi-cunji-buzhu-docx"
    got, _ = _read(SAMPLES / "dumps" / f"{stem}.layout.txt")
    want = _golden(GOLDEN / f"{stem}.json")
    assert all(r in want for r in got)
    assert _row(got, "成本指标", "项目总成本") == _row(want, "成本指标", "项目总成本") != []
    got, _ = _read(VALIDATION / "seed_html.layout.txt")
    want = _golden(VALIDATION / "seed_html.golden.json")
    assert all(r in want for r in got)
    name = "开展新技术新产品认定"
    assert _row(got, "社会效益指标", name) == _row(want, "社会效益指标", name) != []


def test_parents_fit():
    level2 = ["数量指标", "成本指标", "社会效益指标", None]
    assert parents_fit(("(50分)", "(50分)", "(30分)", "(30分)"), level2)
    # 成本指标 (under 产出指标 or 成本指标) with 社会效益指标 (under 效益指标): no one name
    assert not parents_fit(("(50分)", "(30分)", "(30分)", "(30分)"), level2)
    # a label that names its level-1 name is that one: 成本指标 may stand under it
    assert parents_fit(("产出指标", "产出指标", "效益指标", "效益指标"), level2)
    assert not parents_fit(("产出指标", "效益指标", "效益指标", "效益指标"), level2)
    # two blocks one after another under one name: two labels of one block
    both = ["数量指标", "质量指标", "时效指标", None]
    assert not parents_fit(("(20分)", "(20分)", "(30分)", "(30分)"), both)
    # rows under another page's label are a block of their own; names unknown fit any
    after = ["数量指标", "社会效益指标", "可持续影响指标", None]
    assert parents_fit((None, "(30分)", "(30分)", "(30分)"), after)
    assert not parents_fit((None, None, "(30分)", "(30分)"), after)
    assert parents_fit(("(50分)", "(50分)", "(50分)", "(50分)"), ["数量指标", "新指标", None, None])


def test_a_block_begins_where_the_rows_numbers_begin_again():
    """real019 (spreadsheet): 质量指标 stands centred on its one row (指标1) and within reach
    of two (指标25, 指标1); the page numbers its rows afresh in each block (指标1 after
    each label's last row, never within one), so 指标25 goes on 数量指标's block."""
    for name in ("real019_xlsx", "bundle"):
        got, _ = _read(VALIDATION / f"{name}.layout.txt")
        want = _golden(VALIDATION / f"{name}.golden.json")
        assert all(r in want for r in got)
        row = "指标25:家庭医生签约率"
        assert _row(got, "数量指标", row) == _row(want, "数量指标", row) != []


def test_by_numbers():
    a, b, c = "数量指标", "质量指标", "时效指标"
    readings = {(a, a, a, b, b, c), (a, a, b, b, b, c), (a, b, b, b, b, c)}
    # the page numbers afresh (时效指标's 1 after 质量指标's last): a block begins at a 1
    known = [a, a, None, b, b, c]
    assert by_numbers(readings, known, [1, 2, 1, 2, 3, 1]) == {(a, a, b, b, b, c)}
    # no known pair shows it, or the numbers do not begin again at each known block
    assert by_numbers(readings, [a, None, None, b, b, None], [1, 2, 1, 2, 3, 1]) is None
    assert by_numbers(readings, known, [1, 2, 3, 4, 5, 6]) is None
    assert by_numbers(readings, [a, a, None, a, b, c], [1, 1, 2, 3, 1, 1]) is None
    # rows with no number tell nothing of where a block begins
    some = by_numbers(readings, known, [1, 2, None, None, 3, 1])
    assert some == {(a, a, a, b, b, c), (a, a, b, b, b, c)}
    # none fits: nothing is told
    assert by_numbers(readings, known, [1, 1, 1, 1, 1, 1]) is None


def test_rows_above_a_shut_breaks_first_label_are_a_page_befores():
    """seed_word (Word): the page before ends with 可持续影响指标's row, and 服务对象满意度指标,
    first on the last page, stands on its own row: the rows above it are under a label of
    a page before, 可持续影响指标 (the order of the labels printed)."""
    got, _ = _read(VALIDATION / "seed_word.layout.txt")
    want = _golden(VALIDATION / "seed_word.golden.json")
    assert all(r in want for r in got)
    for name in (
        "央地协同效果",
        "科技创新服务体系建设与服务能力",
        "促进央企科技创新与科技交流合作",
    ):
        assert _row(got, "可持续影响指标", name) == _row(want, "可持续影响指标", name) != []


def test_lead_rows():
    a, b = "数量指标", "质量指标"
    assert lead_rows({(None, None, a, b), (None, a, a, b)}) == {0}
    assert lead_rows({(a, a, b, b), (None, a, b, b)}) == set()
    assert lead_rows(set()) == set()


def _head_rows_of(seen: dict[str, set[tuple[str | None, ...]]]) -> dict[str, set[int]]:
    """The head rows of a continued page of four rows (lines 0-2, 3-5, 6-8, 11-17; anchors
    1, 4, 7, 12) whose first level-2 label, 时效指标, stands on lines 7-8 (low in the third
    row, off the middle of every block beginning above it), and whose last,
    可持续影响指标, on line 11, the top of the page's last row (its merged cell crosses the
    page break), ``seen`` being the page's readings."""

    def tok(text: str, line: int, x0: int) -> Token:
        return Token(text, line, x0, x0 + 2 * len(text))

    cut = RowCut([1, 4, 7, 12])
    for k, (top, bottom) in enumerate([(0, 2), (3, 5), (6, 8), (11, 17)]):
        cut.rows[k] = {"level3": [tok("名称", line, 20) for line in range(top, bottom + 1)]}
    labels = [tok("时效指", 7, 10), tok("标", 8, 10), tok("可持续影响指标", 11, 10)]
    by_col = {"level2": labels, "level3": [t for row in cut.rows for t in row["level3"]]}
    known: dict[str, list[str | None]] = {"level2": [None, None, "时效指标", "可持续影响指标"]}
    return _head_rows(by_col, cut, ["level2"], known, seen)


def test_rows_above_a_first_label_some_reading_gives_it_are_no_page_befores():
    """A continued page's rows above its first label are a page before's only where every
    reading of the page puts them there. keji-xiezuo (docx, 3-point pitch): the third page's
    first row, 央企应用场景推进, is 时效指标's, though the page's last labels (可持续影响指标,
    效益指标) stand at their rows' tops (their merged cells cross the page break); read with
    the page's top text placed, the rows above 时效指标 went under the page before's
    质量指标. A reading that puts them under the page's first label (its merged cell
    centred on a block begun with them, or on the page before) leaves them in doubt."""
    top = (None, None, "时效指标", "可持续影响指标")
    assert _head_rows_of({"level2": {top}}) == {"level2": {1, 4}}
    from_above = ("时效指标", "时效指标", "时效指标", "可持续影响指标")
    assert _head_rows_of({"level2": {top, from_above}}) == {}


def test_text_above_a_pages_first_score_goes_by_its_columns_places():
    """A page's text above its first 得分 is placed by the places of the page's certain
    blocks like any other (``layout_pages``): the row the page break cut goes on there.
    keji-xiezuo (docx): 第四届Nature前沿技术创新圆桌会议's 实际完成值 runs on at the third
    page's top, and the row is read whole; the page's first row, 央企应用场景推进, whose
    label may be the page before's or this page's, is this page's (the block before holds
    that name: tests/test_layout_levels_s8). seed_word: the last
    page's first row, 科技成果、人才资本…, is read."""
    stem = "2021-beijing-keji-xiezuo-zhongxin-docx"
    got, _ = _read(SAMPLES / "dumps" / f"{stem}.layout.txt")
    want = _golden(GOLDEN / f"{stem}.json")
    assert all(r in want for r in got)
    name = "第四届Nature前沿技术创新圆桌会议"
    assert _row(got, "质量指标", name) == _row(want, "质量指标", name) != []
    assert _row(got, "时效指标", "央企应用场景推进") == _row(want, "时效指标", "央企应用场景推进")
    got, _ = _read(VALIDATION / "seed_word.layout.txt")
    want = _golden(VALIDATION / "seed_word.golden.json")
    assert all(r in want for r in got)
    name = "科技成果、人才资本、信息资源、技术交易等创新要素，央企科技创新资源和科技创新动态得到梳理和持续跟踪"
    assert _row(got, "可持续影响指标", name) == _row(want, "可持续影响指标", name) != []
