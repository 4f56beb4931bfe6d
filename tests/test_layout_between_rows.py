"""-layout grids: a cell's lines between two rows, given to a row only when one reading fits.

Touching cells of one column that the grid's alignment alone cuts more than one way are cut
the one way that never carries a cell on past a line its wrap width shows ends a cell
(layout_wraps); rows still in doubt stay declined with their note.
"""

from __future__ import annotations

import json

from selfeval.extract.text import parse_text
from selfeval.extract.text.layout_align import (
    columns_alignment,
    cut_beside_open_rows,
    cut_rows,
    learned_alignment,
)
from selfeval.extract.text.layout_cuts import cells_agree
from selfeval.extract.text.layout_rowcut import _split_run
from selfeval.extract.text.layout_tokens import Token
from selfeval.extract.text.layout_unscored import unscored_anchor
from selfeval.extract.text.layout_wraps import cell_ends, wrap_width
from tests.conftest import (
    GOLDEN,
    SAMPLES,
    VALIDATION,
    golden_rows,
    layout_rows,
    squashed_row,
    variant_form,
)

Row = dict[str, object]


def _rows(stem: str) -> tuple[dict[str, Row], dict[str, Row], list[str]]:
    """A corpus -layout dump's emitted rows and its golden rows, keyed level2/level3, and
    the notes of its form."""
    (form,) = parse_text((SAMPLES / "dumps" / f"{stem}.layout.txt").read_text("utf-8"))
    golden = json.loads((GOLDEN / f"{stem}.json").read_text("utf-8"))[0]["indicators"]

    def key(r: Row) -> str:
        return f"{r['level2']}/{r['level3']}"

    got = {key(r): r for r in (row.to_dict() for row in form.indicators)}
    return got, {key(r): r for r in golden}, [n.message for n in form.notes]


def _column(lines: list[str]) -> list[Token]:
    return [Token(text, k, 0, len(text)) for k, text in enumerate(lines) if text]


def test_a_line_that_leaves_room_for_the_next_lines_start_ends_a_cell():
    """A cell's line followed by one of its own is full: 目 leaves room for 日常, so the two
    are two cells'; a full line, or one before a numbered item (a paragraph of its own in one
    cell), ends nothing for certain."""
    col = _column(
        [
            "下40%，设计、发掘场景",
            "目",
            "日常推进工作，计划202",
            "偏差。",
            "2.因疫情原因无法进行",
            "外地调研、因此差旅费",
        ]
    )
    width = wrap_width(col)
    assert width == 20
    assert cell_ends(col, width) == {1}


def test_the_wrap_width_is_the_third_widest_line():
    """A line or two wider than every other may be other columns' text run into this one
    (2021年第二季度完成4 2021年第二季度完; 人合法权益得到有效维 among chaoyang's names): the
    width a column wraps at is no more than its third widest line."""
    col = _column(
        ["2021年第二季度完成4 2021年第二季度完", "人合法权益得到有效维", "0%，第四季度完成100"]
        + ["0%，第三季度完成100", "%"]
    )
    assert wrap_width(col) == 19
    assert wrap_width(_column(["一行", "二行"])) is None
    assert cell_ends(_column(["一行", "二行"]), None) == set()


def test_a_line_of_two_texts_one_space_apart_sets_no_wrap_width():
    """A Noto print runs several names into their targets one space apart (空气自动监测站运
    维数 =9个): measured, such lines made the names' column wrap wider than it does, and the
    last name's first line (公众对环境空气质量满, full) an end, its 意度 cut off. A line
    holding a space is not measured."""
    names = [
        "空气自动监测站运维数 =9个",
        "治理项目验收合格率 =100%",
        "单台锅炉淘汰补助标准 ≤20万元",
    ]
    names += ["淘汰燃煤锅炉数量", "空气质量优良天数比例", "公众对环境空气质量满", "意度"]
    col = _column(names)
    assert wrap_width(col) == 16
    assert 5 not in cell_ends(col, wrap_width(col))  # (公众对环境空气质量满 goes on)
    assert wrap_width(_column(["一 行", "二 行", "三 行", "四行"])) is None
    # (a word processor's autospace, 指标 9:高血压, is one text's: measured)
    assert wrap_width(_column(["指标 9:高血压", "指标 10:糖尿病", "指标 1:居民"])) == 11


def test_touching_long_cells_are_cut_where_the_wrap_widths_end_them():
    """keji-xiezuo (drawn) p2: the 实际完成值 cells of 质量指标's rows touch each other, and
    near-centred each may give a line to its neighbour; only one cut leaves no short line
    (场景需求围绕北京 … 产品 ends with a line half as wide as the column) inside a cell."""
    got, want, _ = _rows("2021-beijing-keji-xiezuo-zhongxin-draw")
    for name in (
        "国际数控机床技术圆桌会",
        "重点领域央企科技创新需求分析",
        "重点领域前沿技术发展趋势分析",
        "新技术新产品（服务）认定",
        "央企应用场景推进",
    ):
        assert got[f"质量指标/{name}"] == want[f"质量指标/{name}"]
        assert len(str(want[f"质量指标/{name}"]["actual"])) > 20


def test_rows_beside_rows_in_doubt_are_cut_with_the_open_rows_holding_what_they_may():
    """keji-xiezuo (web page) 时效指标: the 实际完成值 lines of the last four rows touch, and
    the first two rows' target and actual run together one space apart (完成4 2021年), so
    the first two rows' cells were in doubt. The last two rows' cells are cut all the same:
    exactly centred, each column has one cut with the open rows above holding the lines down
    to one that ends a cell by its wrap width (成100%), and the rows' cells agree on the lines
    of their steps. The first two are read too now that the token of two cells is cut where
    the column's lines show (layout_tokens.cut_run_together): all four as the golden."""
    got, want, notes = _rows("2021-beijing-keji-xiezuo-zhongxin-html")
    for name in (
        "新技术新产品（服务）认定",
        "中俄技术交流活动",
        "重点领域央企科技创新需求分析",
        "重点领域前沿技术发展趋势分析",
    ):
        assert got[f"时效指标/{name}"] == want[f"时效指标/{name}"]
    assert len(str(want["时效指标/新技术新产品（服务）认定"]["actual"])) > 40
    assert not any("actual cell's lines lie between rows" in n for n in notes)


def test_the_open_rows_keep_their_lines_only_down_to_a_cell_end():
    """Lines 66 and 71 may be the open row's (its anchor at 69): left to it only where the
    line above the kept ones ends a cell (71 leaves room for the next line's start); with
    no such end the cut is not known, and a cell may not start at an open row's anchor."""
    lines = [66, 71, 72, 74, 76, 78, 80, 82, 84, 86, 88]
    kept, cut = cut_beside_open_rows(lines, [79, 88], "centre", True, 69, True, {71, 86}) or (
        [],
        [],
    )
    assert cut == [[72, 74, 76, 78, 80, 82, 84, 86], [88]]
    assert kept == [*cut[0], 88]
    assert cut_beside_open_rows(lines, [79, 88], "centre", True, 69, True, set()) is None
    # below: the rows kept first, the open row after them holds lines from a cell end on
    assert cut_beside_open_rows([1, 3, 5, 7, 8], [3], "centre", True, 8, False, {5}) == (
        [1, 3, 5],
        [[1, 3, 5]],
    )


def test_a_split_the_anchors_force_needs_no_cell_end():
    """seed_form page 3, 时效指标: rows kept above the open 第四届Nature… row. Its 实际完成值
    starts at its own anchor (37), and the kept rows' last 实际完成值 (2021年11月15日前) stands
    on its anchor (33): no line lies between, so no count of lines left to the open row but
    one fits, and that split needs no wrap-width end (a full one-line cell has none)."""
    first = [*range(12), 13, *range(15, 27)]  # (its 26 lines centred on 13, but for 12, 14)
    lines = [*first, 28, 30, 33, 37, 43]
    got = cut_beside_open_rows(lines, [13, 29, 33], "centre", True, 37, False, {26, 30})
    assert got == ([*first, 28, 30, 33], [first, [28, 30], [33]])
    # (a line between the kept anchor and the open one: which row's it is needs a cell end)
    between = [*first, 28, 30, 33, 35, 37, 43]
    assert cut_beside_open_rows(between, [13, 29, 33], "centre", True, 37, False, {26}) is None


def test_no_cell_beside_open_rows_carries_on_past_a_cell_end():
    """hubei-xianning (Chromium, Noto Sans 9 pt), 数量指标: 挥发性有机物综合 / 治理企业数 and
    空气自动监测站运 / 维数量 print from their anchors' lines down. Strictly centred, the names'
    lines would cut 治理企业数 into the next row's name; but 治理企业数 leaves room for the next
    line's start, so it ends a cell: no cut that carries a cell on past it is taken."""
    lines = [0, 1, 2, 3, 4, 5, 6]
    assert cut_beside_open_rows(lines, [0, 1, 3], "centre", True, 5, False, {2, 4, 6}) is None
    assert cut_beside_open_rows(lines, [0, 1, 3], "centre", True, 5, False, {4, 6}) == (
        [0, 1, 2, 3, 4],
        [[0], [1], [2, 3, 4]],
    )


def test_seed_form_reads_the_rows_beside_its_open_ones():
    """seed_form: 质量指标's last row on page 2 and the first three rows of page 3 stand
    beside the open 第四届Nature… / 政策宣讲 rows of 时效指标 (poppler set 政策宣讲's 得分 two
    lines below its cells): read as the golden, the open rows still left out with notes."""
    got, notes = layout_rows(VALIDATION / "seed_form.layout.txt")
    want = golden_rows(VALIDATION / "seed_form.golden.json")
    assert all(r in want for r in got)
    names = [(r["level2"], r["level3"]) for r in got]
    for row in (
        ("质量指标", "科技服务业发展研究报告"),
        ("质量指标", "第四届Nature前沿技术创新圆桌会议"),
        ("时效指标", "央企应用场景推进"),
        ("时效指标", "科技服务业发展研究报告"),
    ):
        assert row in names
    assert ("时效指标", "政策宣讲") not in names
    assert any("lie between rows" in n for n in notes)


def test_hubei_chromium_print_emits_no_name_cut_into_the_next():
    """The hubei-xianning Noto Sans 9 pt print: every row read is the golden's."""
    form, golden = variant_form("chromium-noto/notosans9", "2021-hubei-xianning-daqi-fangzhi-html")
    want = [squashed_row(r) for r in golden["indicators"]]
    got = [squashed_row(r.to_dict()) for r in form.indicators]
    assert got and all(r in want for r in got)


def test_a_rows_cells_must_put_each_step_on_one_line():
    """Cells of one row centred alike print their lines at the same heights: a 实际完成值 of
    66 / 71 beside a name of 68 / 70 (both a step each side of the anchor) took another
    row's line."""
    assert cells_agree(
        [[78, 80], [73, 75, 77, 79, 81, 83, 85], list(range(72, 87, 2))], 79, "centre"
    )
    assert not cells_agree([[68, 70], [66, 71]], 69, "centre")


def _squashed(r: Row) -> Row:
    """A row's cells without whitespace (the validation goldens were made outside)."""
    return {f: "".join(str(v).split()) if v is not None else None for f, v in r.items()}


def test_the_alignment_is_learned_from_runs_bridged_over_text_no_column_took():
    """seed_form p2: 第四届Nature前沿 stands between two columns, so no column takes its
    line; a target run cut short there (月内完成… / 等准备工作… / 2021年12月底前完成… /
    或线下…) held one anchor at its top and passed for a cell aligned at the top, against
    every other cell's centre, and no alignment was learned. Bridged as the rows are cut,
    it holds two anchors and shows nothing: the page is centred, its last rows' cells are
    cut (总预算控制数 read; the next page's first row, no longer joined to a row in doubt,
    too), and rows beside text between columns stay declined."""
    (form,) = parse_text((VALIDATION / "seed_form.layout.txt").read_text("utf-8"))
    golden = json.loads((VALIDATION / "seed_form.golden.json").read_text("utf-8"))
    want = [_squashed(r) for r in (golden[0] if isinstance(golden, list) else golden)["indicators"]]
    got = {(r["level2"], r["level3"]): r for r in (_squashed(x.to_dict()) for x in form.indicators)}
    for key in (("成本指标", "总预算控制数"), ("社会效益指标", "开展新技术新产品认定")):
        assert got[key] in want
    assert all(row in want for row in got.values())
    notes = [n.message for n in form.notes]
    # (its target and actual run together one space apart on one line, each column's
    # place told apart; its rows cut beside the open rows after them: read as the golden)
    assert got[("时效指标", "央企应用场景推进")] in want
    assert ("时效指标", "重点领域前沿技术发展趋势分析") in got  # (its token cut: layout_places)
    # (the page's last two rows: 中俄技术交流活动 is left out for its level label only)
    assert not any(
        f"row {k}: a actual cell's lines lie between rows" in n for n in notes for k in (10, 11)
    )


def test_placeholder_rows_no_alignment_takes_into_a_name_are_rows_of_their_own():
    """tianchang (drawn) p2: 指标1:已建工程 / 良性运行 / …… and 指标1:服务对象 / 满意度 /
    …… are one run of the level-3 column over two rows, each …… right under a name with a
    level label's piece beside it on its line. The page's cells are one line each, so it
    shows no alignment; but put back alone, each …… leaves the run no cut by any alignment,
    and without them it cuts one way: they are placeholder rows, and the two rows read."""
    got, want, _ = _rows("2022-anhui-tianchang-shuihan-fangyu-draw")
    for key in ("可持续影响指标/指标1:已建工程良性运行", "服务对象满意度指标/指标1:服务对象满意度"):
        assert got[key] == want[key]
    assert not any(str(r["level3"]).endswith("运行……") for r in got.values())


def test_an_unscored_rows_placeholders_anchor_it_as_a_number_does():
    """tianchang (drawn): 指标1:  /  /  /  / prints a slash in both its 分值 and 得分 cells, no
    number: that line is the row's, and the row is read as printed (the PDF reader and the
    golden keep the slashes)."""
    got, want, notes = _rows("2022-anhui-tianchang-shuihan-fangyu-draw")
    key = "生态效益指标/指标1:"
    assert want[key]["weight"] == want[key]["score"] == "/"
    assert got[key] == want[key]
    assert not any("row 10: a level3 cell's lines lie between rows" in n for n in notes)


def test_a_placeholder_in_the_score_column_alone_anchors_nothing():
    """Only a placeholder in both 分值 and 得分, one text each on the line, anchors: a 得分 of
    — beside a 分值 of 10 (a row's number run elsewhere?) or beside two texts is no row."""
    weight, score = Token("/", 5, 40, 41), Token("/", 5, 50, 51)
    assert unscored_anchor(score, {"weight": [weight], "score": [score]})
    ten = Token("10", 5, 40, 42)
    assert not unscored_anchor(score, {"weight": [ten], "score": [score]})
    two = [weight, Token("/", 5, 44, 45)]
    assert not unscored_anchor(score, {"weight": two, "score": [score]})
    assert not unscored_anchor(score, {"score": [score]})


def test_an_unscored_row_whose_name_may_hold_a_placeholder_rows_is_not_anchored():
    """tianchang (xlsx), a dump with no page breaks marked: 指标1: stands between the ……
    of the block above (its line shared with (30分)) and its own block's …… (with 指标): cut
    among the centred rows, its name took both (……指标1:……). That page is read as though
    the unscored row had no anchor: no name holds a placeholder. (Its own …… is a row of
    its own where the column's widest name holds 指标1:…… on one line: the row is read,
    layout_unscored.dots_below_unscored.)"""
    form, golden = variant_form("fixed3-nopgbrk", "2022-anhui-tianchang-shuihan-fangyu-xlsx")
    got = [r.to_dict() for r in form.indicators]
    assert all(r in golden["indicators"] for r in got)
    assert [r["level3"] for r in got if r["level2"] == "生态效益指标"] == ["指标1:", "……"]
    assert not form.complete


def test_a_row_a_page_break_cut_teaches_no_alignment():
    """keji-xiezuo (docx) dumped with no page breaks marked: the row a page break cut
    (第四届 Nature) starts every cell on its anchor, top-aligned, while its 实际完成值 runs
    on far below them to the page's end, one run with the rows above; every other row is
    centred. Without that row the cells agree on one alignment; the grid's last row (服务对象
    满意度), beside a row with no name of its own, then reads."""
    centred = [[[10, 11, 12]], [[11]], [[19, 20, 21, 22]], [[20]]]
    top = [[30, 31, 32], [28, 29, 30, 31, 32, 33, 34, 35, 36, 37, 38, 39, 40, 41, 42, 43]]
    columns = [
        centred[0] + [top[0]],
        centred[1] + [top[1]],
        centred[2] + [[30]],
        centred[3] + [[50]],
    ]
    anchors = [11, 20, 30, 50]
    assert learned_alignment([run for column in columns for run in column], anchors) is None
    assert cut_rows(columns, anchors) == {30}
    assert columns_alignment(columns, anchors) == "near-centre"
    # a row of one-line cells beside a long run shows nothing, and is kept
    assert cut_rows([[[20]], [[18, 19, 20, 21, 22, 23, 24, 25]]], [20]) == set()
    form, golden = variant_form("fixed3-nopgbrk", "2021-beijing-keji-xiezuo-zhongxin-docx")
    got = {r["level3"]: r for r in (x.to_dict() for x in form.indicators)}
    want = {r["level3"]: r for r in golden["indicators"]}
    assert got["服务对象满意度"] == want["服务对象满意度"]
    assert all(r in golden["indicators"] for r in got.values())


def _squashed_rows(rows: list[Row]) -> list[Row]:
    """Rows' cells without whitespace (the validation goldens were made outside)."""
    return [
        {f: "".join(str(v).split()) if v is not None else None for f, v in r.items()} for r in rows
    ]


def test_a_run_across_two_rows_is_cut_as_the_learned_alignment_centres_it():
    """seed_word (Word) with 划 2021 年 11 月 15 written without its autospaces, as a hidden
    file may print it: the target runs from 央企应用场景推进's 时效指标 cell straight into
    科技服务业发展研究报告's. Its lines 全市场景 ... 目 centre exactly on the upper row's
    anchor, as every cell of the grid; the looser reading's one cut carried 目 down into
    the lower row (目日常推进工作). The cut the learned alignment holds is taken, and every
    row of the page is read exactly."""
    text = (VALIDATION / "seed_word.layout.txt").read_text("utf-8")
    spaced = "划 2021 年 11 月 15"
    assert text.count(spaced) == 1
    (form, *_) = parse_text(text.replace(spaced, spaced.replace(" ", "").ljust(len(spaced))))
    golden = json.loads((VALIDATION / "seed_word.golden.json").read_text("utf-8"))
    got = _squashed_rows([r.to_dict() for r in form.indicators])
    want = _squashed_rows(golden["indicators"])
    assert all(r in want for r in got), [r for r in got if r not in want]
    timely = {r["level3"]: r["target"] for r in got if r["level2"] == "时效指标"}
    assert timely["科技服务业发展研究报告"] == "日常推进工作，计划2021年11月15日前完成"
    assert timely["央企应用场景推进"].endswith("设计、发掘场景项目")
    assert len(got) >= len(want) - 1  # (the row a page break cut may be left out, with its note)


def test_a_loose_cut_the_alignment_breaks_yields_to_the_one_it_holds():
    """Lines centred exactly on the upper anchor (65 ... 73 on 69), then a cell starting on
    the page's last anchor: the loose reading's one cut (目 down, 73 ... 76 near-centred on
    74) breaks the grid's centring; the strict one holds. When no alignment holds a cut, a
    loose cut carrying a cell on past a line that ends one (layout_wraps) is declined."""
    lines = [65, 66, 67, 69, 71, 72, 73, 74, 75, 76]
    run = [Token(f"t{x}", x, 0, 8) for x in lines]
    parts = _split_run(run, [69, 74], align="centre", page_end=True, ends={73})
    assert parts is not None
    assert [[t.line for t in p] for p in parts] == [lines[:7], lines[7:]]
    assert _split_run(run, [69, 74], page_end=True, ends={73}) is None  # no alignment learned
    assert _split_run(run, [69, 74], align="centre", ends={73}) is None


def test_cells_of_two_lines_in_a_grid_learned_centred_are_cut_by_their_ends():
    """A grid learned to centre its cells (its odd cells' anchors on their middle lines)
    prints a cell of two lines with its anchor on either line (a Noto print: 国际数控机床技术
    / 圆桌会 beside the lower, 重点领域央企科技 / 创新需求分析 beside the upper). Held strictly,
    no cut fits; loosely, two do. The one that goes on past no line ending a cell (创新需求分析,
    short: the next name's first character would have fitted on it) is taken; without ends,
    or in a grid learned to print its cells at their tops, none is."""
    lines = [1, 2, 3, 4, 5, 6]
    run = [Token(f"t{x}", x, 0, 8) for x in lines]
    parts = _split_run(run, [2, 3, 5], align="centre", ends={2, 4})
    assert parts is not None
    assert [[t.line for t in p] for p in parts] == [[1, 2], [3, 4], [5, 6]]
    assert _split_run(run, [2, 3, 5], align="centre") is None
    assert _split_run(run, [2, 3, 5], align="top", ends={2, 4}) is None
    # (the other loose cut, 3 alone and 4 5 6 together, is the one a short line 3 allows)
    parts = _split_run(run, [2, 3, 5], align="centre", ends={2, 3})
    assert parts is not None
    assert [[t.line for t in p] for p in parts] == [[1, 2], [3], [4, 5, 6]]
