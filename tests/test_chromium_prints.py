"""-layout dumps of the HTML originals as headless Chromium prints them with CJK CFF fonts
(samples/chromium_prints.py; the class of ../shared/validation's seed_html_noto): the line
grouping merges half-line ties either way and cells a blank apart run together; and with
TrueType CJK fonts (the class of seed_html), whose header names crowd into fewer places.
Rows may be declined; none may be wrong, and no header, funds, goals or total cell either.
tests/data/chromium_prints/hubei-flat-default-font.layout.txt is hubei's flat page printed
with no style added (the machine's default CJK font, Noto Sans CJK), a site menu beside it;
ningxia-flat-default-font.layout.txt is ningxia's flat page printed with no style added."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

import selfeval.extract as extract
from golden.score import variant_dump_scores
from samples.chromium_prints import OUT_DIR, PRINTS
from selfeval.extract.record import Form
from selfeval.extract.text import parse_text
from selfeval.extract.text.columns import _cut_at, _levels_unread, _line_wider_than_cell
from selfeval.extract.text.layout_glued import operators_apart
from selfeval.extract.text.layout_tight import split_tight
from selfeval.extract.text.layout_tokens import (
    LayoutColumn,
    Token,
    cut_mapped_run_together,
    header_columns,
)
from selfeval.extract.text.layout_wraps import cell_ends
from tests.conftest import GOLDEN, SAMPLES, variant_form

DATA = SAMPLES.parent / "tests" / "data" / "chromium_prints"

#: Rows read exactly, per style (measured: 1001 of 2938 in all; raise as the readers learn more).
FLOOR = {
    "notosans9": 40,
    "notosans11": 21,
    "notoserif10": 34,
    "notosans8narrow": 32,
    "notosans-pagesize": 19,
    "wqy9": 156,
    "wqy10mid": 125,
    "wqy12top": 95,
    "uming11": 92,
    "wqy14": 59,
    "wqy-pagesize": 111,
    "uming-pagesize": 65,
    "plain": 152,
}


#: Every style, as (its folder, its name).
ALL_STYLES = [(folder, style) for folder, styles in PRINTS.items() for style in styles]


def test_every_html_original_is_printed_in_every_style() -> None:
    """A missing or emptied folder fails here instead of scoring nothing."""
    originals = sorted((SAMPLES / "originals").glob("*.html"))
    assert len(originals) >= 17
    assert len(ALL_STYLES) == len(FLOOR) >= 12
    for folder, style in ALL_STYLES:
        dumps = sorted(p.name for p in (folder / style).glob("*.layout.txt"))
        assert dumps == sorted(p.name.removesuffix(".html") + ".layout.txt" for p in originals)


def _print_rows(style: str, stem: str) -> tuple[Form, list[dict[str, Any]], list[Any]]:
    """A print's form, its rows as dicts, and its golden's rows."""
    form, golden = variant_form(style, stem)
    return form, [r.to_dict() for r in form.indicators], golden["indicators"]


@pytest.mark.parametrize(("folder", "style"), ALL_STYLES, ids=[s for _, s in ALL_STYLES])
def test_chromium_prints_have_no_wrong_row_or_cell(folder: Path, style: str) -> None:
    score = variant_dump_scores(folder / style, GOLDEN)
    assert score.golden_rows >= 200
    assert score.wrong_rows == 0, [p for p in score.problems if " row " in p][:5]
    assert score.exact_rows == score.emitted_rows
    assert score.wrong_cells == 0, score.problems[:5]
    assert score.exact_rows >= FLOOR[style], score.exact_rows


@pytest.mark.parametrize("style", ["notosans9", "notosans8narrow"])
def test_level_stacks_read_as_the_level_columns(style: str) -> None:
    """The flat print stacks 一 / 级 / 指 / 标 a character a line left of the names, and the
    labels beside each row the same way: the stacks are read as the level columns (tests/
    test_noto_stacks.py), never a row with its labels missing."""
    path = OUT_DIR / style / "2021-beijing-keji-xiezuo-zhongxin-html.flat.layout.txt"
    (form,) = extract.read(path)
    rows = form.to_dict()["indicators"]
    assert rows
    assert all(row["level1"] and row["level2"] for row in rows), rows
    assert not any("names no level-1 column" in note.message for note in form.notes)


def test_text_left_of_the_level_columns_read_voids_the_grid_without_level1() -> None:
    """The guard behind the stacks' reading: a header that names no level-1 column (its
    stack taken for a group name) while the body prints text left of the leftmost level
    column read leaves the grid's rows out, never emits them without their labels."""
    group = LayoutColumn(None, 0, 1)
    level2 = LayoutColumn("level2", 2, 4)
    names = LayoutColumn("level3", 5, 9)
    score = LayoutColumn("score", 20, 22)
    label_piece = Token("产", 3, 0, 1)
    name = Token("中俄技术交流", 3, 5, 11)
    assert _levels_unread([group, level2, names, score], [label_piece, name])
    assert not _levels_unread([group, level2, names, score], [name])
    assert _levels_unread([group, names, score], [Token("数", 3, 2, 3), name])
    level1 = LayoutColumn("level1", 0, 1)
    assert not _levels_unread([level1, level2, names, score], [label_piece, name])


def test_a_site_menu_beside_the_grid_is_no_level_label() -> None:
    """The flat page printed as it is: the site's menu (通知公告, 政策文件, 自评结果公开) stands
    left of the grid, 自评结果公开 on the first row's line. The level-1 column was the nearest
    and took it: 自评结果公开 产出指标. Text a gap left of the grid's first column and of all
    that column's other text goes to no column."""
    (form,) = parse_text((DATA / "hubei-flat-default-font.layout.txt").read_text("utf-8"))
    golden = json.loads((GOLDEN / "2021-hubei-xianning-daqi-fangzhi-html.json").read_text("utf-8"))[
        0
    ]["indicators"]
    rows = [r.to_dict() for r in form.indicators]
    assert len(rows) >= 7
    assert all(r in golden for r in rows), [r for r in rows if r not in golden]
    assert not any("自评结果公开" in (r["level1"] or "") for r in rows)


def test_a_names_glued_operator_goes_to_the_sign_column() -> None:
    """guangan's flat page (WenQuanYi 9 pt) crowds its header, and is read by the order of
    its blocks: 享受补助乡村教师人数 ≥ stood whole in the names' column and the target lost
    its ≥ (2300人). No name ends in a lone operator: it is the 指标性质 column's."""
    roles = ["level2", "level3", "target.op", "target.value"]
    name = Token("享受补助乡村教师人数 ≥", 0, 10, 22)
    assert [(t.text, t.x0, t.x1) for t in operators_apart([name], roles)] == [
        ("享受补助乡村教师人数", 10, 20),
        ("≥", 21, 22),
    ]
    assert operators_apart([name], ["level3", "target", "actual"]) == [name]
    assert operators_apart([Token("≥ 95 ≥", 0, 0, 6)], roles)[0].text == "≥ 95 ≥"
    form, golden = variant_form(
        "chromium-truetype/wqy9", "2023-sichuan-guangan-xiangcun-jiaoshi-html.flat"
    )
    rows = {r.level3.text: r.to_dict() for r in form.indicators}
    assert rows["享受补助乡村教师人数"]["target"] == "≥2300人"
    assert all(r in golden["indicators"] for r in rows.values())


def test_a_target_parts_cell_holds_one_text_per_line() -> None:
    """guangan's flat page (AR PL UMing 11 pt): the crowded header sets 度量单位 right of the
    units' place, and 100  % fell whole into the 指标值 column (=100 %, its unit lost). Two
    texts on one line of a target part's column, two places apart or more, are two cells:
    the row is left out."""
    form, golden = variant_form(
        "chromium-truetype/uming11", "2023-sichuan-guangan-xiangcun-jiaoshi-html.flat"
    )
    rows = {r.level3.text: r.to_dict() for r in form.indicators}
    assert "补助资金发放准确率" not in rows and "补助按月发放及时率" not in rows
    assert any("holds two texts a gutter apart" in n.message for n in form.notes)
    assert all(r in golden["indicators"] for r in rows.values())


def test_a_cell_line_wider_than_its_others_holds_another_cells_text() -> None:
    """keji-xiezuo's flat page (Noto Sans, the page's own sizes), read by its blocks' order:
    第四届Nature 2021年下半年开始筹备，4 / 前沿技术创新 / 圆桌会议 took the target's first line
    into the name, and the target's cut among the rows then gave its last line (月召开) to
    政策宣讲 below. A cell of three lines or more whose line is wider than its other full
    lines holds another cell's text: its row, and the rows beside it, are left out."""
    row = {
        "level3": [
            Token("第四届Nature 2021年下半年开始筹备，4", 0, 4, 28),
            Token("前沿技术创新", 1, 4, 10),
            Token("圆桌会议", 2, 4, 8),
        ]
    }
    assert _line_wider_than_cell(row, ["level3"]) is not None
    wrapped = {
        "level3": [Token("第四届Nature前沿", 0, 4, 15), Token("技术创新圆桌会议", 1, 4, 12)]
        + [Token("受众", 2, 4, 6)]
    }
    assert _line_wider_than_cell(wrapped, ["level3"]) is None
    # (a stray mark on a line of its own amid the cell's lines: no full line to measure by)
    stray = {
        "level3": [Token("补助资金发放准", 0, 4, 11), Token('"', 1, 12, 13), Token("确率", 2, 4, 6)]
    }
    assert _line_wider_than_cell(stray, ["level3"]) is None
    form, rows, want = _print_rows(
        "chromium-noto/notosans-pagesize", "2021-beijing-keji-xiezuo-zhongxin-html.flat"
    )
    assert all(r in want for r in rows), [r for r in rows if r not in want]
    assert not any(r["level3"] in ("政策宣讲", "第四届Nature前沿技术创新圆桌会议") for r in rows)


def test_a_goals_label_glued_to_the_goal_text_is_no_goal() -> None:
    """guangan (Chromium, Noto Sans, the page's own sizes): the goals' label 项目年度目标完成情况
    stands left of the goals in pieces, each one space before the goal's line (项目年度 /
    目标完成 按照… / 情况 为全区…), so no blank channel parts them. Pieces that start the first
    lines and join with what stands left of the expected column's name into the whole label
    are the label's: the goal was read with 目标完成 and 情况 inside it."""
    form, golden = variant_form(
        "chromium-noto/notosans-pagesize", "2023-sichuan-guangan-xiangcun-jiaoshi-html"
    )
    assert form.goals.expected.text == golden["goals"]["expected"]


def test_a_labels_mark_cut_over_lines_is_no_value() -> None:
    """guangan (Chromium, WenQuanYi 12 pt): 实施单位 (盖章) prints 实施单 / 位 (盖 / 章) beside
    its value's one line; (盖 stood in the value's band on the label's second line and was
    read as the value's second line (广安市广安区教育局(盖). A piece of a label's mark is no
    value's piece."""
    form, golden = variant_form(
        "chromium-truetype/wqy12top", "2023-sichuan-guangan-xiangcun-jiaoshi-html"
    )
    assert form.implementer.text == golden["implementer"] == "广安市广安区教育局"


def test_a_page_whose_header_reading_keeps_no_row_is_read_by_its_blocks() -> None:
    """yuhang (Chromium, WenQuanYi 10 pt): a level label's piece (质) stands between the
    header's columns, so the header's reading keeps no row of the page. A page read by its
    header that keeps no row is read again by its blocks' order (as one with no row
    anchors was): its rows are read, each exact."""
    form, rows, want = _print_rows(
        "chromium-truetype/wqy10mid", "2023-zhejiang-yuhang-lvhua-yanghu-html"
    )
    assert len(rows) >= 10
    assert all(r in want for r in rows)


def test_text_no_column_took_on_a_rows_line_leaves_the_rows_beside_it_out() -> None:
    """guangan (Chromium, AR PL UMing 11 pt), read by its blocks' order: the first row's
    享受补助乡 ≥ 2300 人 runs its name into its target and goes to no column; the names'
    column, cut without that line, gave the name's second line (村教师人数) to the next row
    (村教师人数覆盖乡村学校数). Text no column took on a row's line leaves the rows beside it
    in doubt too."""
    form, rows, want = _print_rows(
        "chromium-truetype/uming11", "2023-sichuan-guangan-xiangcun-jiaoshi-html"
    )
    assert all(r in want for r in rows)
    assert not any(r["level3"].startswith("村教师人数") for r in rows)


def test_a_recut_column_carries_no_cell_on_past_a_wrap_end() -> None:
    """laoting (Chromium, AR PL UMing 11 pt): 单批次平均检 / 测费用 and 消费环境安全 / 水平 stand
    one under the other; cut again by the page's centred alignment, the first row took
    消费环境安全 and the second kept 水平 alone. 测费用 leaves room for the next line's start,
    so a cell ends there: a recut that carries a cell on past such a line is no cut."""
    form, rows, want = _print_rows(
        "chromium-truetype/uming11", "err-recompute-2021-hebei-laoting-shangpin-jiance-html"
    )
    assert rows and all(r in want for r in rows)
    assert "水平" not in {r["level3"] for r in rows}


def test_a_values_lines_between_its_labels_pieces_are_its_own() -> None:
    """keji-xiezuo (Chromium, WenQuanYi 14 pt): 项目负 / 于秀娟 郑青 / 责人, with 张永锋 王兰平
    above and 戴旭峰 below: the value's three lines stand between and around the label's two
    pieces. Read from the label's middle line alone, the managers were 于秀娟 郑青. A value
    so read, with words in its band on the lines beyond both pieces that hold no label, may
    go on there: it is not placed, with a note."""
    form, golden = variant_form("chromium-truetype/wqy14", "2021-beijing-keji-xiezuo-zhongxin-html")
    assert form.managers.text is None
    assert any(
        "项目负责人" in n.message and "around its label's pieces" in n.message for n in form.notes
    )
    assert form.phone.text == golden["phone"]


def test_a_goals_line_holding_a_gutter_is_two_columns_text() -> None:
    """ningxia's flat page printed as it is: the goals' columns stand one blank apart (…主体
    300个, 建设示范…), and their last line prints 以上。 far left of 96%。 with a gutter between.
    Cut by the columns' wrap widths, that line went whole to the expected column (以上。 96%。)
    and the actual value lost its 96%。. No column's line holds a gutter: such a line is cut
    there, or the goals are not read."""
    (form,) = parse_text((DATA / "ningxia-flat-default-font.layout.txt").read_text("utf-8"))
    golden = json.loads(
        (GOLDEN / "2022-ningxia-yuanzhou-nongji-tuiguang-html.json").read_text("utf-8")
    )[0]["goals"]
    assert form.goals.expected.text in (None, golden["expected"])
    assert form.goals.actual.text in (None, golden["actual"])
    lines = [
        "左一二三四五六 右一二三四五",
        "左七八九十一二 右六七八九十",
        "完。" + " " * 12 + "毕。",
    ]
    assert split_tight(lines, 0, 2, 9) == [
        ("左一二三四五六", "右一二三四五"),
        ("左七八九十一二", "右六七八九十"),
        ("完。", "毕。"),
    ]


def test_a_grids_alignment_may_be_learned_from_cells_its_wrap_ends_cut() -> None:
    """keji-xiezuo printed at its own sizes with WenQuanYi (as seed_html prints): the cells
    of each column touch from row to row, so no run of lines holding one anchor shows how
    the grid sets its cells, and touching cells were not cut. Runs cut after the lines
    their column's wrap width ends are cells too: they show the alignment, which then cuts
    the runs (16 rows, not 11), each exact."""
    assert _cut_at([3, 4, 5, 6, 7], {4, 7}) == [[3, 4], [5, 6, 7]]
    assert _cut_at([3, 4], set()) == [[3, 4]]
    form, rows, want = _print_rows(
        "chromium-truetype/wqy-pagesize", "2021-beijing-keji-xiezuo-zhongxin-html"
    )
    assert len(rows) >= 16
    assert all(r in want for r in rows)


def test_a_group_names_points_under_it_are_no_level1_label() -> None:
    """guangan (Chromium, WenQuanYi at the page's own sizes): the group name 绩 / 效 / 指 / 标
    stands down the grid's edge on the header's lines and its points (90 / 分) under it on
    the body's first lines. Read as a level-1 label, (90分) left every row's level-1 label
    in doubt and the page kept one row; the points are the group name's, and every row is
    read, each exact."""
    form, rows, want = _print_rows(
        "chromium-truetype/wqy-pagesize", "2023-sichuan-guangan-xiangcun-jiaoshi-html"
    )
    assert rows == want
    assert not any("level1 labels' rows" in n.message for n in form.notes)


def test_a_last_labels_first_pieces_at_a_page_end_are_cut_off() -> None:
    """yuanzhou (Chromium, WenQuanYi at the page's own sizes): page 1's level-2 column ends
    社会 / 效益, the rest of 社会效益指标 printed at page 2's top. Read whole, the column's
    pieces joined into no labels (指标时效, 指标经济) and no row of the page was read. The
    last label's first pieces are cut off when the rest cuts into whole labels: the page's
    rows above them are read, each exact, and the row under the cut label is left out
    with a note."""
    form, rows, want = _print_rows(
        "chromium-truetype/wqy-pagesize", "2022-ningxia-yuanzhou-nongji-tuiguang-html"
    )
    assert len(rows) >= 6
    assert all(r in want for r in rows)
    assert "带动周边农户应用新技术" not in {r["level3"] for r in rows}
    assert any("level label is not known" in n.message for n in form.notes)


def test_a_misled_level1_boundary_a_row_off_follows_the_vocabulary() -> None:
    """gaoling (Chromium, the page as it is): 成本指标 is the last block of 产出指标, and the
    centres of 产出 / 指标 and of 效益 / 指标 (its block going on past the page break) put it
    under 效益指标, the label of the row after it. The vocabulary lets 成本指标 stand under
    产出指标 only, the label of the row before it: the boundary fell a row off, and the
    row is 产出指标's. Every row the page reads is exact."""
    form, rows, want = _print_rows(
        "chromium-truetype/plain", "2020-hebei-cheng-an-gaoling-jintie-html"
    )
    assert all(r in want for r in rows)
    cost = [r for r in rows if r["level2"] == "成本指标"]
    assert [r["level1"] for r in cost] == ["产出指标"]


def test_a_site_menu_left_of_the_grid_puts_no_row_in_doubt() -> None:
    """laoting's flat page (Chromium, the page as it is): the site's menu (通知公告, 政策文件,
    自评结果公开) stands a gap left of the grid's first column, beside the header and the
    first row. No row's cell stands left of the grid's first column, so the menu is no
    cell's and puts no row in doubt: the rows beside it are read, each exact."""
    form, rows, want = _print_rows(
        "chromium-truetype/plain", "err-recompute-2021-hebei-laoting-shangpin-jiance-html.flat"
    )
    assert len(rows) >= 8
    assert all(r in want for r in rows)
    assert not any("自评结果公开" in n.message for n in form.notes)


def test_a_lone_sign_in_the_names_column_is_the_target_sign() -> None:
    """gaoling's flat page (Chromium, the page as it is): nothing stands left of the 指标性质
    column's ≥ on the rows' lines, so pdftotext prints it left of the header's places, in
    the names' column; its 分值 and 得分 print one space apart (13 13). A sign alone is no
    name, and a 分值 or a 得分 is one number: every row is read, each exact."""
    form, golden = variant_form(
        "chromium-truetype/plain", "2020-hebei-cheng-an-gaoling-jintie-html.flat"
    )
    assert [r.to_dict() for r in form.indicators] == golden["indicators"]


def test_a_name_run_into_its_signed_target_is_cut_at_the_space() -> None:
    """hubei (Chromium, AR PL UMing 11 pt): the level-2 label 数量指 on the line pushes the
    name's middle line and the target right, one space apart (综合治理企业 ≥12家). No cell's
    line holds a gap before a comparison sign, so the name keeps its line and ≥12家 is the
    row's target; before, the row was left out as a name holding a target's sign."""
    form, rows, want = _print_rows(
        "chromium-truetype/uming11", "2021-hubei-xianning-daqi-fangzhi-html"
    )
    assert all(r in want for r in rows)
    by_name = {r["level3"]: r for r in rows}
    assert by_name["挥发性有机物综合治理企业数"]["target"] == "≥12家"
    assert not any("sign one space on" in n.message for n in form.notes)


def test_a_signed_target_alone_in_the_names_column_is_the_rows_target() -> None:
    """yuhang's flat page (Chromium, the page as it is): on a line where nothing stands left
    of it, the target ≥90分 prints left of the header's places, in the names' column, the
    name's lines (养护考核平均得 / 分) above and below it and the actual value beside it. No
    name's line holds a sign and its value alone beside the row's actual value: every row is
    read, each exact. A page whose targets' column holds text beside such a value prints
    its values a column left, and nothing moves (anhui's crowded wqy14 print)."""
    form, golden = variant_form(
        "chromium-truetype/plain", "2023-zhejiang-yuhang-lvhua-yanghu-html.flat"
    )
    assert [r.to_dict() for r in form.indicators] == golden["indicators"]
    form, rows, want = _print_rows(
        "chromium-truetype/wqy14",
        "err-budget-overspent-2023-anhui-jinzhai-meili-xiangcun-html.flat",
    )
    assert all(r in want for r in rows)
    assert len(rows) >= 7


def test_a_number_between_the_points_columns_goes_where_the_line_has_none() -> None:
    """anhui's flat page (Chromium, WenQuanYi 9 pt): the crowded header centres 分值 left of
    its body's numbers, so each row's 分值 (7, 6, 10) stands between the 分值 and 得分
    columns' places, its 得分 in the 得分 column. A row prints its 分值 then its 得分, each
    one number: the number is the 分值. Before, every row was left out."""
    form, rows, want = _print_rows(
        "chromium-truetype/wqy9", "err-budget-overspent-2023-anhui-jinzhai-meili-xiangcun-html.flat"
    )
    assert all(r in want for r in rows)
    assert len(rows) >= 10
    assert not any("lies between two columns" in n.message for n in form.notes)


def test_a_rows_level2_label_beside_its_level1_label_is_the_level2_columns() -> None:
    """hubei's flat page (Chromium, WenQuanYi 9 pt) prints each row's labels on its line,
    the level-2 label one space after the level-1 one (产出指标 数量指标), both left of the
    header's level-2 name, so both fall in the level-1 column. A whole level-1 label and a
    whole level-2 label the vocabulary lets stand under it are the row's two labels; before,
    six rows were left out as holding two labels."""
    form, rows, want = _print_rows(
        "chromium-truetype/wqy9", "2021-hubei-xianning-daqi-fangzhi-html.flat"
    )
    assert all(r in want for r in rows)
    assert len(rows) >= 9
    assert not any("holds two labels" in n.message for n in form.notes)


def test_a_numbered_name_begins_a_cell_wherever_the_line_above_stops() -> None:
    """jinzhai (Anhui's template, its names numbered 指标1: / 指标2: in each block) printed in
    Noto Serif 10 pt: 示范村建设数量 fills its line, so no width told that the next line
    (指标2:建设美丽) begins another cell, and the run's two rows were left out. A names' cell
    names one indicator, its number at its start: a line opening with a name's number
    begins a cell. Only in the names' column: a target or a reason may list numbered items."""
    lines = ["指标1:开展精品", "示范村建设数量", "指标2:建设美丽", "宜居自然村庄数", "量"]
    run = [Token(text, k, 11, 11 + 14) for k, text in enumerate(lines)]
    assert cell_ends(run, 14, "level3") == {1}
    assert cell_ends(run, 14, "target") == set()
    decimal = [Token("全年增长达到", 0, 0, 12), Token("1.5倍以上", 1, 0, 9)]
    assert cell_ends(decimal, 14, "level3") == set()  # (a decimal is no name's number)
    form, rows, want = _print_rows(
        "chromium-noto/notoserif10", "err-budget-overspent-2023-anhui-jinzhai-meili-xiangcun-html"
    )
    assert all(r in want for r in rows), [r for r in rows if r not in want]
    names = [r["level3"] for r in rows]
    assert "指标1:开展精品示范村建设数量" in names and "指标2:建设美丽宜居自然村庄数量" in names


def test_a_headerless_pages_name_run_into_its_signed_target_is_cut() -> None:
    """yuhang (Chromium, WenQuanYi 12 pt, top-aligned): the page's text is placed by its
    blocks, not by the header's columns, and two names' lines run into their rows' signed
    targets one space apart (城区绿化覆盖 ≥42%). The cuts the header's columns make are made
    there too, save those that go by the columns' places: both rows are read, exact."""
    form, rows, want = _print_rows(
        "chromium-truetype/wqy12top", "2023-zhejiang-yuhang-lvhua-yanghu-html"
    )
    assert all(r in want for r in rows)
    by_name = {r["level3"]: r for r in rows}
    assert by_name["城区绿化覆盖率"]["target"] == "≥42%"
    assert by_name["市民对城区绿化满意度"]["target"] == "≥90%"


def test_a_headerless_pages_value_run_into_its_weight_is_cut_but_no_score() -> None:
    """On a page placed by its blocks, an actual value's line run into its row's 分值 one
    space apart (前沿技术发展系统 1) is cut where the page's certain 分值 stand. A line whose
    last two numbers are its 分值 and 得分 (18.6万元 8 8) is not cut at the 得分: that
    number is no 分值, and the token stays whole, its row in doubt."""
    columns = [
        LayoutColumn(role, x, x + 2)
        for role, x in (("level3", 0), ("target", 10), ("actual", 20), ("weight", 30))
    ]
    columns.append(LayoutColumn("score", 34, 36))
    by_role = {
        "actual": [Token("前沿技术发展系统 1", 5, 21, 31), Token("18.6万元 8 8", 9, 21, 31)],
        "weight": [Token("1", 1, 30, 31), Token("2", 3, 30, 31)],
        "score": [Token("1", 1, 34, 35), Token("2", 3, 34, 35)],
    }
    got = cut_mapped_run_together(by_role, columns)
    assert [t.text for t in got["actual"]] == ["前沿技术发展系统", "18.6万元 8 8"]
    assert [(t.line, t.text, t.x0) for t in got["weight"]] == [
        (1, "1", 30),
        (3, "2", 30),
        (5, "1", 30),
    ]
    assert [t.text for t in got["score"]] == ["1", "2"]


def test_a_stacked_level_name_with_a_header_line_between_its_characters_is_one() -> None:
    """keji-xiezuo's flat page (Chromium, WenQuanYi 9 pt): 一级指标 prints a character a
    line left of the header's names, and the names' middle line (三级指标 年度指标值 …)
    stands between 级 and 指. The stack was cut at that line into 一级 and 指标, which
    name no column, so the header gave no level-1 column and the page no row. Each line
    holding as many stacked characters, a line between them, the stack is one name."""
    stem = "2021-beijing-keji-xiezuo-zhongxin-html.flat"
    dump = SAMPLES / "dumps_variants" / "chromium-truetype" / "wqy9" / f"{stem}.layout.txt"
    text = dump.read_text(encoding="utf-8").splitlines()
    at = next(k for k, line in enumerate(text) if "年度指标值" in line)
    columns = header_columns(text[at - 2 : at + 3])
    assert columns is not None
    assert [c.role for c in columns][:3] == ["level1", "level2", "level3"]
    form, rows, want = _print_rows("chromium-truetype/wqy9", stem)
    assert all(r in want for r in rows)
    assert len(rows) >= 8


def test_a_value_run_into_its_weight_leaves_the_score_at_the_scores_place() -> None:
    """keji-xiezuo (Chromium, the plain style), page 3, placed by its blocks: 达到预期目标 1
    prints the actual value's line run into its row's 分值 one space apart, pushed right of
    where the page's 分值 stand, and the 得分 1 alone, exactly where every certain 得分 of
    the page starts, taken by no column. A row prints its 分值 then its 得分 on its anchor
    line, each one number: the number after the space is the 分值, the lone one the 得分.
    Before, those rows had no anchor, and the page's cut left its rows out."""
    form, rows, want = _print_rows(
        "chromium-truetype/plain", "2021-beijing-keji-xiezuo-zhongxin-html"
    )
    assert all(r in want for r in rows)
    by_name = {r["level3"]: r for r in rows if r["level2"] == "质量指标"}
    assert by_name["科技政策宣传"]["actual"] == "达到预期目标"
    assert (by_name["科技政策宣传"]["weight"], by_name["科技政策宣传"]["score"]) == ("1", "1")
    assert (by_name["科技政策辅导"]["weight"], by_name["科技政策辅导"]["score"]) == ("2", "2")
    assert len(rows) >= 30
