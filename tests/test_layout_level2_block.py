"""A level-1 merged cell covers whole level-2 cells: an open row takes the level-1 label of
the row beside it in its level-2 block (``layout_levels._by_level2_block``), and the
template's placeholder rows (……) whose labels a page leaves in doubt are open rows the
grid's pages settle, not rows dropped at once."""

from __future__ import annotations

from selfeval.extract.record import Cell, Indicator
from selfeval.extract.text.layout_levels import PageLevels, settle_levels, strictly_centred
from tests.conftest import GOLDEN, SAMPLES
from tests.conftest import golden_rows as _golden
from tests.conftest import layout_rows as _read


def _row(l1: str | None, l2: str | None, name: str) -> Indicator:
    return Indicator(level1=Cell(l1), level2=Cell(l2), level3=Cell(name))


_PRINTED = {"level1": ["(30分)", "(10分)"], "level2": ["可持续影响指标", "服务对象满意度指标"]}


def _settled(rows: list[Indicator], open_at: list[int], split: int | None = None) -> set[int]:
    """``rows`` on one page (or two, cut before row ``split``), those at ``open_at`` open,
    settled; the open rows left."""
    parts = [rows] if split is None else [rows[:split], rows[split:]]
    pages = [PageLevels(part, dict(_PRINTED)) for part in parts]
    still = {id(rows[k]) for k in open_at}
    settle_levels(pages, still, ["level1", "level2"])
    return still


def test_a_row_takes_the_level1_label_of_the_kept_row_beside_it_in_its_level2_block() -> None:
    rows = [
        _row("(30分)", "可持续影响指标", "指标1:已建工程良性运行"),
        _row(None, "可持续影响指标", "……"),
        _row("(10分)", "服务对象满意度指标", "指标1:服务对象满意度"),
    ]
    assert not _settled(rows, [1])
    assert rows[1].level1.text == "(30分)"


def test_the_row_beside_must_be_kept_on_the_same_page_and_its_name_under_one_parent() -> None:
    # (a row beside it on another page: the break may part two readings)
    rows = [
        _row("(30分)", "可持续影响指标", "指标1:已建工程良性运行"),
        _row(None, "可持续影响指标", "……"),
        _row("(10分)", "服务对象满意度指标", "指标1:服务对象满意度"),
    ]
    assert _settled(rows, [1], split=1) == {id(rows[1])}
    # (the row beside it open too: its level-2 name may be misled as the open row's)
    rows = [
        _row("(30分)", "可持续影响指标", "指标1:已建工程良性运行"),
        _row("(30分)", "可持续影响指标", "指标2:运行维护"),
        _row(None, "可持续影响指标", "……"),
        _row("(10分)", "服务对象满意度指标", "指标1:服务对象满意度"),
    ]
    assert _settled(rows, [1, 2]) == {id(rows[2])}
    # (成本指标 stands under 产出指标 or under a level-1 成本指标: two blocks may meet)
    rows = [
        _row("(50分)", "成本指标", "指标1:资金执行在预算范围内"),
        _row(None, "成本指标", "……"),
        _row("(30分)", "经济效益指标", "指标1:全市安全度汛"),
    ]
    assert _settled(rows, [1]) == {id(rows[1])}


def test_placeholder_rows_a_page_leaves_in_doubt_are_settled_over_the_pages() -> None:
    """tianchang (spreadsheet): page 2's first …… is 经济效益指标's or 社会效益指标's by its
    page alone, and page 1's last …… is (50分)'s or (30分)'s; both are read as the golden
    holds them, the first once page 1's last row (成本指标's) shuts the break above, the
    second by the row beside it. Every row of the form is read, each exact."""
    stem = "2022-anhui-tianchang-shuihan-fangyu-xlsx"
    got, notes = _read(SAMPLES / "dumps" / f"{stem}.layout.txt")
    want = _golden(GOLDEN / f"{stem}.json")
    assert got == want
    assert [r["level2"] for r in got if r["level3"] == "……"] == [
        "数量指标", "质量指标", "时效指标", "成本指标", "经济效益指标",
        "社会效益指标", "生态效益指标", "可持续影响指标", "服务对象满意度指标",
    ]  # fmt: skip
    assert not any("level label is not known" in n for n in notes)


def test_a_block_taller_than_those_the_page_shows_centred_drifts_only_so_much() -> None:
    """A page whose certain blocks stand within half a line of their rows' middle holds a
    taller block to that and an eighth of a line more for each line it is taller: the reading
    that puts a placeholder row (line 6) in the block below, its label then 1.5 lines off
    its rows' middle, is not the page's."""
    spans = [(0, 2), (3, 5), (6, 6), (8, 10), (11, 11), (13, 15), (16, 16), (18, 20)]
    labels = [(3, 3), (10, 10), (14, 15), (19, 19)]
    above: list[int | None] = [0, 0, 0, 1, 1, 2, 2, 3]  # (…… under the label above: centred)
    below: list[int | None] = [0, 0, 1, 1, 1, 2, 2, 3]  # (1.5 off, 2 lines taller)
    assert strictly_centred([above, below], labels, spans, (False, False)) == [above]
    # (a label half a line off each reading's rows: both stand)
    labels[1] = (9, 9)
    assert strictly_centred([above, below], labels, spans, (False, False)) == [above, below]


def test_placeholder_rows_still_in_doubt_stay_named() -> None:
    """tianchang (drawn): 数量指标's …… is read as the golden holds it (质量指标 centred on
    its rows, the reading that puts the …… under it puts its label a line off a block only
    two lines taller than the page's others); 成本指标's …… (its level-1 label in doubt;
    成本指标 may stand under two level-1 names) stays left out, named; every row read is
    exact."""
    stem = "2022-anhui-tianchang-shuihan-fangyu-draw"
    got, notes = _read(SAMPLES / "dumps" / f"{stem}.layout.txt")
    want = _golden(GOLDEN / f"{stem}.json")
    assert all(r in want for r in got)
    missing = [(r["level2"], r["level3"]) for r in want if r not in got]
    assert missing == [("成本指标", "……")]
    assert sum("level label is not known; left out" in n for n in notes) == 1
