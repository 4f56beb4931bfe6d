"""-layout grids of the Chromium + Noto CJK class: rows cut by every column at once.

pdftotext's inflated font size for Chromium's Type 3 CJK fonts puts a cell half a line off
its row's centre on the line above or below, each cell on its own, the 得分 too: a column
cut alone leaves touching cells open, and the joint cut (layout_joint) takes the rows every
tiling of the stretch's lines gives one band; a tie is settled only by the names the form
prints whole elsewhere (layout_rowcut.whole_names). The excerpts in tests/data/noto come
from a Chromium print (Noto Sans CJK, 9 pt) of
samples/originals/2021-beijing-keji-xiezuo-zhongxin.html: the head of its 数量指标 block,
and the 中俄 / 国际数控 rows of its 质量指标 block; the cells are placed in their columns
as the grid reader places them on the whole page (its "1 1" split into 分值 and 得分).
"""

from __future__ import annotations

import json
from pathlib import Path

from selfeval.extract.text.layout_joint import band_fits, joint_bands
from selfeval.extract.text.layout_rowcut import RowCut, joined_text, whole_names
from selfeval.extract.text.layout_tokens import Token, tokens
from tests.conftest import GOLDEN

DATA = Path(__file__).parent / "data" / "noto"

ROLES = ["level3", "target", "actual", "weight", "score"]

#: Where each value column starts on the 数量指标 excerpt's lines (print places).
_QUANTITY_COLUMNS = (("level3", 11), ("target", 22), ("actual", 34), ("score", 49))


def _body(name: str) -> list[str]:
    """An excerpt's grid lines, below its two header lines."""
    text = (DATA / name).read_text("utf-8")
    return text.splitlines()[2:]


def _placed(lines: list[str]) -> tuple[dict[str, list[Token]], list[Token]]:
    """The excerpt's value cells by column (level labels left out, as the reader puts them
    in their own columns), and the text no column takes: a 分值 and 得分 printed one space
    apart in one token with another cell's text."""
    by_col: dict[str, list[Token]] = {role: [] for role in ROLES}
    unsure: list[Token] = []
    for k, line in enumerate(lines):
        for t in tokens(line, k):
            if t.x0 < 11:
                continue
            role = [r for r, x in _QUANTITY_COLUMNS if t.x0 >= x][-1]
            if role == "score":
                weight, score = t.text.split()
                by_col["weight"].append(Token(weight, k, t.x0, t.x0 + 1))
                by_col["score"].append(Token(score, k, t.x1 - 1, t.x1))
            elif t.text.endswith(" 1 1"):
                unsure.append(t)
            else:
                by_col[role].append(t)
    return by_col, unsure


def _golden_rows() -> dict[str, dict[str, str | None]]:
    """The golden 数量指标 rows, by name (the form names them again under 质量 / 时效)."""
    rows = json.loads((GOLDEN / "2021-beijing-keji-xiezuo-zhongxin-html.json").read_text())
    return {r["level3"]: r for r in rows[0]["indicators"] if r["level2"] == "数量指标"}


def _cells(cut: RowCut, k: int) -> dict[str, str]:
    return {role: joined_text(toks) for role, toks in cut.rows[k].items()}


def _want(name: str) -> dict[str, str]:
    row = _golden_rows()[name]
    return {role: str(row[role]) for role in ROLES}


def test_band_fits_centres_each_cell_half_a_line_either_way():
    """A band of two lines: a one-line cell on either line, the two-line name spanning it; a
    band no cell spans is no row, nor one whose name breaks off."""
    cells = {"level3": {1, 2}, "target": {2}, "actual": {1}, "score": {2}}
    assert band_fits(1, 2, 2, cells, {}, "level3", frozenset({"score"}))
    assert band_fits(1, 2, 1, cells, {}, "level3", frozenset({"score"}))
    assert not band_fits(1, 3, 2, cells, {}, "level3", frozenset({"score"}))  # none spans 3
    assert not band_fits(1, 2, 2, {"level3": {1, 2}}, {"level3": {1}}, "level3", frozenset())
    assert not band_fits(1, 2, 2, {"target": {1}}, {}, "level3", frozenset())  # no name


def test_joint_cut_takes_the_rows_every_tiling_agrees_on():
    """The head of the 数量指标 block: 中俄技术交流活动 / 国际数控机床技术 / 圆桌会 cut two ways
    (1 + 2 lines, or 2 + 1), the two rows after it one way only."""
    by_col, unsure = _placed(_body("keji_notosans9_quantity.layout.txt")[:7])
    assert not unsure
    cut = RowCut([t.line for t in by_col["score"]])
    cut.place_all(by_col, ROLES, unsure)
    for k, name in ((2, "重点领域央企科技创新需求分析"), (3, "重点领域前沿技术发展趋势分析")):
        assert not cut.doubt[k]
        assert _cells(cut, k) == _want(name)
    assert cut.tied
    assert all("a level3 cell's lines lie between rows" in cut.doubt[k] for k in (0, 1))


def test_a_tie_is_settled_by_the_names_printed_whole_elsewhere():
    """The 质量指标 block prints 中俄技术交流活动 and 国际数控机床技术 / 圆桌会 each with no
    name above or below: whole names. The cut whose names they are is the form's own."""
    quality = _body("keji_notosans9_quality.layout.txt")
    names: list[Token] = []
    unsure: list[Token] = []
    placed: list[Token] = []
    for k, line in enumerate(quality):
        for t in tokens(line, k):
            (names if t.x0 in (11, 13) else unsure if t.text.endswith(" 2 2") else placed).append(t)
    known = whole_names({"level3": names, "actual": placed}, unsure)
    assert {"中俄技术交流活动", "国际数控机床技术圆桌会"} <= known
    assert "圆桌会" not in known

    by_col, none = _placed(_body("keji_notosans9_quantity.layout.txt")[:7])
    cut = RowCut([t.line for t in by_col["score"]], known=frozenset(known))
    cut.place_all(by_col, ROLES, none)
    for k, name in enumerate(
        ["中俄技术交流活动", "国际数控机床技术圆桌会", "重点领域央企科技创新需求分析"]
    ):
        assert not cut.doubt[k]
        assert _cells(cut, k) == _want(name)


def test_names_known_for_neither_cut_leave_the_tie_open():
    """Names printed elsewhere that fit both cuts, or neither, settle nothing."""
    by_col, unsure = _placed(_body("keji_notosans9_quantity.layout.txt")[:7])
    for known in ({"重点领域前沿技术发展趋势分析"}, {"中俄技术交流活动"}):
        cut = RowCut([t.line for t in by_col["score"]], known=frozenset(known))
        cut.place_all(by_col, ROLES, unsure)
        assert cut.doubt[0] and cut.doubt[1]


def test_rows_stay_declined_where_a_row_lost_its_anchor():
    """组织政策宣讲's 分值 and 得分 print in one token with its 实际完成值 (text no column
    takes): its lines would be cut among the other rows, so the stretch is not cut jointly,
    and its rows keep their notes."""
    by_col, unsure = _placed(_body("keji_notosans9_quantity.layout.txt"))
    assert [t.line for t in unsure] == [10]
    cut = RowCut([t.line for t in by_col["score"]])
    cut.place_all(by_col, ROLES, unsure)
    assert all(cut.doubt)


def test_joint_bands_with_no_tiling_take_nothing():
    """A stretch whose lines no tiling covers (a row's anchor lost) takes no row."""
    cells = {"level3": {0, 1, 2, 3, 4}, "score": {0}}
    assert joint_bands([0, 1, 2, 3, 4], [0], cells, {}) == ([None], False)


def test_a_page_ending_in_rows_whose_score_went_astray_is_tiled_short_of_them():
    """yuhang-lvhua (Chromium, Noto Sans 9 pt), the page's last rows: 月度养护考核完成 / 及时率
    and 每平方米年度养护 / 成本 are anchored; the rows below print 10 10 in the 偏差 column
    (no 得分 of theirs is known). No tiling covers the page's lines; those that end short
    of its last lines give each anchored row one band (lines relative to 月度养护考核完成)."""
    cells = {
        "level3": {0, 1, 3, 4, 5, 7, 9, 10, 11, 13},
        "target": {0, 4, 5, 7, 9, 13},
        "actual": {0, 4, 5, 7, 9, 13},
        "weight": {0, 4},
        "score": {0, 4},
        "deviation": {5, 7, 9, 13},
    }
    lines = sorted(set().union(*cells.values()))
    assert joint_bands(lines, [0, 4], cells, {}) == ([None, None], False)
    assert joint_bands(lines, [0, 4], cells, {}, open_end=True) == ([(0, 1), (3, 4)], False)


def test_a_page_end_inside_a_cell_printed_apart_is_no_tiling_end():
    """chaoyang-falv (Word print, dumped with no page breaks): the last anchored row's name
    公共法律服 / 务体系长效 / 运行 prints a line apart (a level-2 label's pieces between);
    no tiling covers the page, and one ending on 公共法律服 would cut the name short (the
    joint model's cells are never printed apart): no row is taken."""
    cells = {
        "level3": {41, 43, 45, 48, 49, 50},
        "target": {41, 49},
        "actual": {41, 49},
        "weight": {41},
        "score": {41},
    }
    lines = sorted(set().union(*cells.values()))
    got = joint_bands(lines, [41], cells, {"weight": {41}, "score": {41}}, open_end=True)
    assert got == ([None], False)


def test_a_cell_may_skip_its_rows_score_on_a_line_of_its_own():
    """seed_html_noto, page 2: 重点领域央企科技创新需求分析's actual value prints seven lines
    with the row's 1 1 on a line of its own between the fourth and fifth (poppler set the
    得分, half a line off, apart from the cell's lines): still one cell of the row's band;
    a gap on any other line is no cell."""
    single = frozenset({"weight", "score"})
    cells = {
        "level3": {46, 47},
        "target": {46, 47},
        "actual": {43, 44, 45, 46, 48, 49, 50},
        "weight": {47},
        "score": {47},
    }
    assert band_fits(43, 50, 47, cells, {}, "level3", single)
    apart = {**cells, "actual": {43, 44, 45, 47, 48, 49, 50}}
    assert not band_fits(43, 50, 47, apart, {}, "level3", single)


def test_a_headerless_pages_first_lines_may_end_the_row_before():
    """seed_html_noto, page 2: its first lines end the row the page break cut (组织政策宣讲's
    target and actual); tilings starting at any line above the first anchor are weighed, and
    the first row's band (新技术新产品（服 / 务）认定) is the one every tiling gives it."""
    cells = {
        "level3": {6, 7},
        "target": {0, 1, 2, 3, 4, 5, 6},
        "actual": {0, 1, 2, 3, 6},
        "weight": {6},
        "score": {6},
    }
    lines = sorted(set().union(*cells.values()))
    assert joint_bands(lines, [6], cells, {}) == ([None], False)
    assert joint_bands(lines, [6], cells, {}, open_start=True) == ([(6, 7)], False)


def test_a_score_alone_on_its_line_may_stand_anywhere_inside_its_band():
    """seed_html_noto, page 2: 国际数控机床技术圆桌会's 1 1 prints on a line of its own,
    below its row's middle, between the actual value's fifth and sixth lines: counted out
    of the band, the cells centre on the other seven lines. Not so at the band's edge,
    nor when the anchor's line holds a cell's text (it then keeps its place)."""
    single = frozenset({"weight", "score"})
    cells = {
        "level3": {37, 38},
        "target": {37, 38},
        "actual": {35, 36, 37, 38, 39, 41, 42},
        "weight": {40},
        "score": {40},
    }
    assert band_fits(35, 42, 40, cells, {}, "level3", single)
    at_edge = {**cells, "actual": set(range(35, 42)), "weight": {42}, "score": {42}}
    assert not band_fits(35, 42, 42, at_edge, {}, "level3", single)
    shared = {**cells, "target": {37, 38, 40}}
    assert not band_fits(35, 42, 40, shared, {}, "level3", single)


def test_a_page_end_chosen_only_by_a_cell_printed_apart_settles_nothing():
    """keji-xiezuo flat print (Chromium, Noto Sans 9 pt, dumped at -fixed 4): the last
    anchored row 科技服务业发展研究 / 报告 is followed by 第四届Nature…, whose 得分 ran into its
    偏差原因 (no anchor). Tilings may end the anchored row on its first line or its second;
    the second is ruled out only because the actual value's text goes on two lines below
    (a cell printed apart, or the next row's cell). That settles nothing: the row stays
    open, not cut short of 报告 (lines relative to the row's anchor)."""
    cells = {
        "level3": {0, 1, 3, 4},
        "target": {0, 3, 4, 5, 6},
        "actual": {0, 1, 3, 4, 5, 6},
        "weight": {0, 3},
        "score": {0},
        "deviation": {3, 4, 5},
    }
    ends = {"level3": {1}, "target": {0}, "weight": {0, 3}, "score": {0}}
    lines = sorted(set().union(*cells.values()))
    assert joint_bands(lines, [0], cells, ends, open_end=True) == ([None], False)
    # (with the actual value's second line ending its cell for certain, both ends stand:
    # a tie, as before)
    ends_apart = {**ends, "actual": {1}}
    assert joint_bands(lines, [0], cells, ends_apart, open_end=True) == ([None], True)


def test_a_page_end_leaving_no_name_below_is_no_tiling_end():
    """keji-xiezuo (Chromium, WenQuanYi 12 pt, cells at their tops), the grid's last row
    服务对象满 / 意度: its actual value runs twelve lines (中国铁塔、/ 航天五院502 / … / 效果) and
    its reason five. A tiling ending after the name's two lines left the other ten lines to
    no row, and the row kept two lines of each (中国铁塔、航天五院502). Lines left below a
    tiling's end are a row's only when they hold a name: here none fits, and the row is
    left out (lines relative to the page's top; the page's first lines end the row before)."""
    cells = {
        "level3": {4, 5},
        "target": {4},
        "actual": set(range(16)),
        "weight": {4},
        "score": {4},
        "deviation": {4, 5, 6, 7, 8},
    }
    ends = {"actual": {3}, "weight": {4}, "score": {4}}
    lines = list(range(16))
    got = joint_bands(lines, [4], cells, ends, open_end=True, open_start=True)
    assert got == ([None], False)
