"""The text reader's cell rules on small hand-made lines: each one a rule a dump order taught."""

from __future__ import annotations

from extract.text.cells import Column, cell_text, split_cells
from extract.text.grid import anchor_regions, take_labels
from extract.text.pieces import Piece, line_pieces


def _pieces(*lines: str) -> list[Piece]:
    return [p for n, line in enumerate(lines) for p in line_pieces(line, n)]


def _texts(split, names):
    return [cell_text(split.cells[name]) for name in names]


COLUMNS = ["level3", "target", "actual"]


def _columns() -> list[Column]:
    return [Column(name, required=True) for name in COLUMNS]


def test_autospace_inside_a_cell_joins_and_the_cell_reads_as_printed():
    pieces = _pieces("指标 1:居民健", "康档案", "38508 人 37442 人")
    assert pieces[1].soft_before  # Chinese then a digit, one space: may be autospace
    split = split_cells(pieces, _columns())
    assert split is not None and not split.uncertain
    assert _texts(split, COLUMNS) == ["指标1:居民健康档案", "38508人", "37442人"]


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


def test_a_tall_cell_does_not_end_on_a_line_shared_with_another_cell():
    pieces = _pieces("指标2:建设美丽宜居", "自然村庄数量", "≥200个 202个")
    split = split_cells(pieces, _columns())
    assert split is not None and not split.uncertain
    assert _texts(split, COLUMNS) == ["指标2:建设美丽宜居自然村庄数量", "≥200个", "202个"]


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
