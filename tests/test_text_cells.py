"""The text reader's cell rules on small hand-made lines: each one a rule a dump order taught."""

from __future__ import annotations

import pytest

from selfeval.extract.text.cells import Column, cell_text, split_cells
from selfeval.extract.text.grid import anchor_regions, take_labels
from selfeval.extract.text.pieces import Piece, line_pieces


def _pieces(*lines: str) -> list[Piece]:
    return [p for n, line in enumerate(lines) for p in line_pieces(line, n)]


def _texts(split, names):
    return [cell_text(split.cells[name]) for name in names]


COLUMNS = ["level3", "target", "actual"]


def _columns() -> list[Column]:
    return [Column(name, required=True) for name in COLUMNS]


@pytest.mark.parametrize(
    ("lines", "cells"),
    [
        # autospace inside a cell joins, and the cell reads as printed
        (
            ("指标 1:居民健", "康档案", "38508 人 37442 人"),
            ["指标1:居民健康档案", "38508人", "37442人"],
        ),
        # a tall cell does not end on a line shared with another cell
        (
            ("指标2:建设美丽宜居", "自然村庄数量", "≥200个 202个"),
            ["指标2:建设美丽宜居自然村庄数量", "≥200个", "202个"],
        ),
        # 2021 年 12 月底前 | 2022 年 3 月: only the cut between the two dates keeps both whole
        (
            ("项目完工时", "间", "2021 年 12 月底前 2022 年 3 月"),
            ["项目完工时间", "2021年12月底前", "2022年3月"],
        ),
        # a number and its unit of points stay together
        (("养护考核平均", "得分", "≥90 分 92.6 分"), ["养护考核平均得分", "≥90分", "92.6分"]),
    ],
)
def test_a_row_splits_one_way_only(lines, cells):
    pieces = _pieces(*lines)
    split = split_cells(pieces, _columns())
    assert split is not None and not split.uncertain
    assert _texts(split, COLUMNS) == cells


def test_a_space_between_chinese_and_a_digit_may_be_autospace():
    assert _pieces("指标 1:居民健")[1].soft_before


def test_a_wide_gap_never_joins():
    pieces = _pieces("调解成功率   95%")
    assert not pieces[1].soft_before


def test_two_one_line_cells_on_separate_lines_are_not_read_as_such():
    # centred cells: one-line neighbours share a baseline, so 认定 cannot be a cell of its own
    pieces = _pieces(
        "新技术新产品（服务）", "认定", "打造良好创新氛围", "两批次近3000家企", "业进行申报"
    )
    split = split_cells(pieces, _columns())
    assert split is not None
    assert _texts(split, COLUMNS)[0] == "新技术新产品（服务）认定"


def test_a_score_wrapped_in_its_narrow_column_is_joined():
    pieces = _pieces("补植苗木株数 ≥4.5万株 4.1万株 7", "6.3", "8", "部分苗木推迟补植。")
    region = anchor_regions(pieces)[0]
    assert (region.weight.text, region.score.text, region.doubtful) == ("7", "6.38", False)


def test_a_wrapped_number_larger_than_the_weight_stays_doubtful():
    pieces = _pieces("名称 目标 实际 1", "2.9", "5", "原因")
    region = anchor_regions(pieces)[0]
    assert region.doubtful


def test_a_deviation_tail_is_not_read_into_the_next_label():
    pieces = _pieces("处于演讲嘉宾遴", "选环节", "时效指", "标", "央企应用场景推进")
    start, end, labels = take_labels(pieces)
    assert [name for name, _ in labels] == ["时效指标"]
    assert pieces[start].text == "时效指"


def test_a_bare_weight_label_does_not_swallow_the_next_label():
    pieces = _pieces(
        "满意", "度指", "标", "(10", "分)", "服务对", "象满意", "度指标", "示范主体满意度"
    )
    _, _, labels = take_labels(pieces)
    assert [name for name, _ in labels] == ["满意度指标(10分)", "服务对象满意度指标"]


def test_a_level3_name_holds_no_sentence_end():
    # 次年春季。 ends the deviation before; it cannot start the level-3 name
    from selfeval.extract.text.grid import _accept_level3

    columns = [
        Column("deviation", ends_row=True),
        Column("level3", 10.0, required=True, accept=_accept_level3),
        *_columns()[1:],
    ]
    pieces = _pieces(
        "疫点分布零散、",
        "山高坡陡,部分",
        "疫木清理推迟至",
        "次年春季。",
        "媒介昆虫防",
        "治面积",
        "≥3 万亩 3.2 万亩",
    )
    split = split_cells(pieces, columns)
    assert split is not None and not split.uncertain
    assert _texts(split, ["deviation", *COLUMNS]) == [
        "疫点分布零散、山高坡陡,部分疫木清理推迟至次年春季。",
        "媒介昆虫防治面积",
        "≥3万亩",
        "3.2万亩",
    ]


def test_a_cell_does_not_end_on_a_comma():
    # 针对数控机床领域， / 推动产学研合作 are one target: a cell rarely ends mid-sentence
    pieces = _pieces(
        "国际数控机床技",
        "术圆桌会",
        "针对数控机床领域，",
        "推动产学研合作",
        "联合全国重点机",
        "床企业、高校、",
        "院所通过技术交",
        "流",
    )
    widths = {"level3": 14.0, "target": 19.0, "actual": 14.0}
    split = split_cells(pieces, [Column(n, widths[n], required=True) for n in COLUMNS])
    assert split is not None and not split.uncertain
    assert _texts(split, COLUMNS)[1] == "针对数控机床领域，推动产学研合作"


def test_autospaces_widen_the_line_they_stand_in():
    # 2021 年 11 月 15 日前 holds five autospaces (Writer sets a fifth of an em each): the pieces
    # carry those taken out of them, and a joined line those between them too
    from selfeval.extract.text.cells import AUTOSPACE, measured

    whole = _pieces("2021 年 11 月 15 日前")
    assert [p.spaces for p in whole] == [1, 1, 1]
    joined = whole[0].joined(whole[1]).joined(whole[2])
    assert joined.spaces == 5 and joined.text == "2021年11月15日前"
    assert measured(joined) == joined.width + 5 * AUTOSPACE
    # without autospaces (no space in the dump) digits count a little wider instead
    plain = _pieces("2021年11月15日前")[0]
    assert plain.spaces == 0 and measured(plain) > plain.width


def test_a_label_tail_gives_way_to_the_known_labels_after_it():
    pieces = _pieces("续影", "响指", "标", "务体系长效", "运行", "满意", "度指", "标", "群众对公共")
    start, end, labels = take_labels(pieces)
    assert [name for name, _ in labels] == ["满意度指标"]
    assert pieces[start].text == "满意"


def test_a_blank_level2_row_between_labels_is_noted_and_labels_carry_on():
    from selfeval.extract.text.grid import _without_empty_rows

    pieces = _pieces("(30", "分)", "经济", "效益", "指标", "社会", "效益", "指标", "提高村")
    _, _, labels = take_labels(pieces)
    assert [name for name, _ in labels] == ["(30分)", "经济效益指标", "社会效益指标"]
    kept, blank = _without_empty_rows(labels)
    assert [name for name, _ in kept] == ["(30分)", "社会效益指标"]
    assert [name for name, _ in blank] == ["经济效益指标"]


def test_an_unclosed_bracket_marks_a_cut_cell():
    from selfeval.extract.text.grid import _left_open

    assert _left_open("编发《首都科技")
    assert not _left_open("编发《首都科技产业动态》")
    assert not _left_open("1)完成率")  # a closing mark alone is a numbered item, not a cut


def _lines(*texts: str):
    from selfeval.extract.text.dump_lines import DumpLine

    return [DumpLine(text, n, None) for n, text in enumerate(texts)]


def test_a_total_wrapped_in_narrow_cells_is_joined_when_only_one_reading_fits():
    from selfeval.extract.text.form import _wrapped_total

    assert _wrapped_total(["100"], _lines("93.8", "3")) == ["93.83"]
    assert _wrapped_total([], _lines("10", "0", "97.", "7", "自评等级 优")) == ["100", "97.7"]
    assert _wrapped_total([], _lines("10", "0", "96.0", "1")) == ["100", "96.01"]
    # 100 and 95, or 1009 and 5: two readings fit, so neither is given
    assert _wrapped_total([], _lines("1", "0", "0", "9", "5")) == []
    assert _wrapped_total(["100"], _lines("93.8", "备注")) == []  # not only number pieces
    assert _wrapped_total(["100"], _lines("101")) == []  # one piece is no wrap


def test_text_before_a_label_run_is_a_deviation_only_when_it_reads_as_one_cell():
    # an unanchored row (its 2 1.5 not ending a line) before the next labels is no deviation
    from selfeval.extract.text.grid import _one_cell

    clean = _pieces("受疫情影响，受托单", "位处于居家办公状", "态，联系国际专家遇", "到困难。")
    assert _one_cell(clean, 18.0)
    mess = _pieces("3.“双碳”目标", "下二氧化碳捕集", "2 1.5 受疫情影响，受托单", "位处于居家办公状")
    assert not _one_cell(mess, 18.0)


def test_a_deviation_ends_where_the_next_rows_anchor_line_holds_all_its_cells():
    # the next row prints a label's first line, its level-3 name's first line, target and
    # actual on its anchor line (15 15), the rest below: more pieces than text columns, so every
    # cell of that row starts there, and the whole lines before are the first row's deviation
    from selfeval.extract.text.grid import GridHeader, read_grid

    def read(*anchor_line: str):
        lines = [
            "社会效益指标 矛盾纠纷化解成效 调解成功率 93.5% 15 15",
            "疫情期间部分",
            "纠纷当事人无",
            "法到场,调解周",
            "期延长,部分案",
            "线上调解。",
            *anchor_line,
            "续影",
            "响指",
            "标",
            "务体系长效",
            "运行",
            "满意度指标 服务对象满意度指标 群众满意度 ≥90% 95.2% 10 10",
        ]
        header = GridHeader(
            ("level2", "level3", "target", "actual", "weight", "score", "deviation")
        )
        return read_grid(_pieces(*lines), header)

    first = read("可持 公共法律服 持续运行 持续运行 15 15").indicators[0]
    assert first.level3.text == "矛盾纠纷化解成效"
    assert first.deviation.text == "疫情期间部分纠纷当事人无法到场,调解周期延长,部分案线上调解。"
    # as many pieces as text columns: the first could be a tall name's last line printed
    # beside the one-line cells, so the rule stands aside (the split decides)
    from selfeval.extract.text.grid import Region, _before_anchor_line

    body = _pieces("疫情期间部分", "线上调解。", "国际数控机床技术", "圆桌会 已完成 已完成 1 1")
    weight = body[-2]
    region = Region(body[:-2], weight, body[-1])
    assert _before_anchor_line(region, body[:-2], 3) is None
    assert [p.text for p in _before_anchor_line(region, body[:-2], 2)] == [
        "疫情期间部分",
        "线上调解。",
        "国际数控机床技术",
    ]


def test_two_level2_names_back_to_back_head_a_blank_row_not_a_level1():
    from selfeval.extract.text.grid import _without_empty_rows

    pieces = _pieces("生态效", "益指标", "可持续", "影响指", "标", "带动脱贫户持续增")
    _, _, labels = take_labels(pieces)
    kept, blank = _without_empty_rows(labels)
    assert [name for name, _ in kept] == ["可持续影响指标"]  # level 1 carries on from above
    assert [name for name, _ in blank] == ["生态效益指标"]
    # a level-1 name before its level-2 name is no blank row
    pieces = _pieces("满意度指标", "服务对象满意度指标", "受益脱贫户满意度")
    _, _, labels = take_labels(pieces)
    assert _without_empty_rows(labels) == (labels, [])


def test_a_bare_number_ending_the_line_is_not_glued_to_a_comparison_word():
    # family B prints "分值 指标值 实际值 得分": the score 8 follows the actual 基本达到
    assert [p.text for p in _pieces("10 持续带动 基本达到 8")] == [
        "10",
        "持续带动",
        "基本达到",
        "8",
    ]
    assert [p.text for p in _pieces("达到 95% 96% 5 5")][:2] == ["达到95%", "96%"]
    assert [p.text for p in _pieces("≥192 只 192 只 8")] == ["≥192只", "192只", "8"]


def test_a_placeholder_cell_of_dots_is_a_cell_not_a_cut_tail():
    from selfeval.extract.text.cells import starts_with_closing

    assert not starts_with_closing("……")
    assert not starts_with_closing("——")
    assert starts_with_closing("，下一步")
    assert starts_with_closing("…等")


def test_a_row_under_a_level2_label_the_dump_lost_is_left_out():
    # "数量 / 指标" after "产出指标 (50)" is not read as a label (the weight lacks 分): the rows
    # under it would carry no level-2 label while later rows have one, so they are left out
    from selfeval.extract.text.grid import GridHeader, read_grid

    lines = [
        "产出指标 (50) 数量",
        "指标",
        "造林面积 1.2万亩 1.2万亩 10 10",
        "森林经营面积 16.3万亩 16.3万亩 7 7",
        "质量指标 造林成活率 85% 85% 7 7",
        "成本指标 造林补助 每亩300 每亩300 6 6",
    ]
    header = GridHeader(
        ("level1", "level2", "level3", "target", "actual", "weight", "score", "deviation")
    )
    result = read_grid(_pieces(*lines), header)
    rows = [(r.level2.text, r.level3.text) for r in result.indicators]
    assert ("质量指标", "造林成活率") in rows and ("成本指标", "造林补助") in rows
    assert all(level2 is not None for level2, _ in rows)
    assert any("level-2 label was not seen" in note.message for note in result.notes)


_ANHUI_HEADER = ("level1", "level2", "level3", "target", "actual", "weight", "score", "deviation")


def test_placeholder_rows_are_passed_over_and_short_one_line_rows_keep_row_order():
    # the Anhui template leaves 指标2: / …… rows in and prints some rows with no target or
    # actual: those are left out, but each prints its name and numbers on one line, so the
    # dump reads row by row and the rows that are certain are given; the placeholders are
    # no deviation of the row above them
    from selfeval.extract.text.grid import GridHeader, read_grid

    lines = [
        "(50分)",
        "数量指标 指标1:完成节水改造项目数量 1 1 10 10",
        "指标2:",
        "……",
        "质量指标 指标1:工程质量合格 10 10",
        "指标2:",
        "……",
        "时效指标 指标1:年度资金支付完成率100% 10 10",
        "……",
        "成本指标 指标1:资金执行在预算范围内 10 10",
        "……",
        "满意度指标",
        "(10分)",
        "服务对象",
        "满意度指标",
        "指标1:服务对象满意度 90% 100% 10 10",
        "指标2:",
        "……",
    ]
    result = read_grid(_pieces(*lines), GridHeader(_ANHUI_HEADER))
    rows = {r.level3.text: r for r in result.indicators}
    assert sorted(rows) == ["指标1:完成节水改造项目数量", "指标1:服务对象满意度"]
    last = rows["指标1:服务对象满意度"]
    assert (last.level1.text, last.level2.text) == ("满意度指标(10分)", "服务对象满意度指标")
    assert (last.target.text, last.actual.text, last.deviation.text) == ("90%", "100%", None)
    assert rows["指标1:完成节水改造项目数量"].deviation.text is None
    declined = [n.message for n in result.notes]
    assert len(declined) == 3 and all("could not be told apart" in m for m in declined)


def test_rows_led_by_a_value_on_their_anchor_line_are_no_evidence_of_row_order():
    # the level-3 names are printed elsewhere (cells of several rows interleaved): a line
    # "≥ 2300 人 2315 13 13" holds a row's values but not its name, so it does not count
    # towards the share of rows read in order, and no row of the grid is given
    from selfeval.extract.text.grid import GridHeader, read_grid

    lines = [
        "数量指标",
        "≥ 2300 人 2315 13 13",
        "覆盖乡村学校数 = 86 所 86 13 13",
        "质量指标 = 100 % 100 12 12",
        "= 100 % 100 12 12",
        "≥ 90 % 92 10 10",
    ]
    header = GridHeader(_ANHUI_HEADER[1:])
    result = read_grid(_pieces(*lines), header)
    assert result.indicators == []
    assert "reading order does not keep rows together" in result.notes[0].message
