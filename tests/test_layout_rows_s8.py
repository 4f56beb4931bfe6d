"""-layout rows whose cells' lines lie between rows: what the cut reads now, what stays declined.

The goldens are the corpus's (golden/<stem>.json) and the validation set's; the dumps are the
committed ones (samples/dumps, samples/dumps_variants, ../shared/validation/pdf).
"""

from __future__ import annotations

import json

from selfeval.extract.text import parse_text
from selfeval.extract.text.layout_align import columns_alignment
from selfeval.extract.text.layout_starts import column_by_start
from selfeval.extract.text.layout_tokens import Token
from selfeval.extract.text.layout_wraps import cell_ends
from tests.conftest import GOLDEN, SAMPLES, VALIDATION, golden_rows, layout_rows, variant_form


def _column(*lines: str) -> list[Token]:
    return [Token(text, k, 0, len(text)) for k, text in enumerate(lines)]


def test_an_opening_bracket_goes_down_with_the_word_it_opens():
    """2021 年底前与 / 《Nature》杂志合作: no line ends with an opening bracket, and a word
    processor moves a Latin word whole, so 《Nature》 goes down as one piece; it would not
    have fitted after 与, and the line is full. A one-character start that fits still ends
    the line above (1项 / 为在京央企)."""
    assert cell_ends(_column("2021 年底前与", "《Nature》杂志合作"), 21) == set()
    assert cell_ends(_column("2021 年底前与", "“双碳”目标"), 13) == set()
    assert cell_ends(_column("1项", "为在京央企、科技型"), 21) == {0}


def test_a_cell_wrapped_before_a_bracketed_word_is_cut_with_its_rows():
    """keji-xiezuo (Word, made without form feeds, pitch 3): the 年度指标值 column runs as one
    stretch of touching cells from 1项 down to 科技政策辅导's; 2021 年底前与 was taken for a
    cell's end (《 fitted after it), which left no cut of the stretch, and every row of it in
    doubt. With 《Nature》 going down whole, the one cut holds and no row's target is in
    doubt there (rows 3-13: their level labels, over pages the dump does not part, are
    another matter); the rows the file emits are all exact."""
    stem = "2021-beijing-keji-xiezuo-zhongxin-docx"
    form, golden = variant_form("fixed3-nopgbrk", stem)
    notes = [n.message for n in form.notes]
    for k in range(3, 14):
        assert (
            f"-layout grid: row {k}: a target cell's lines lie between rows; left out" not in notes
        )
    want = {str(r["level2"]) + "/" + str(r["level3"]): r for r in golden["indicators"]}
    got = [r.to_dict() for r in form.indicators]
    assert got
    for row in got:
        assert row == want[f"{row['level2']}/{row['level3']}"]


def test_a_name_centred_on_a_two_line_row_in_a_cramped_font_is_cut_by_the_forms_names():
    """seed_html_noto page 1: 中俄技术交流活动 / 国际数控机床技术 / 圆桌会, with 3次 … on the first
    line and 1次 … on the third. Both name lines fill the column, so the wrap width says
    nothing, and a one-line 得分 centred on a two-line row lands on either of its lines: the
    first row may be one line or two. Both cuts fit every printed line; the form's 质量指标
    block prints 中俄技术交流活动 and 国际数控机床技术 / 圆桌会 whole (no name around them),
    and no block prints 圆桌会 alone, so the first cut is the form's own (layout_joint): the
    first row is read exactly, and no row joins two names."""
    got, _ = layout_rows(VALIDATION / "seed_html_noto.layout.txt")
    want = golden_rows(VALIDATION / "seed_html_noto.golden.json")
    assert got[0] == want[0]
    assert got[0]["level3"] == "中俄技术交流活动"
    assert all(r in want for r in got)
    names = {r["level3"] for r in got}
    assert not names & {"中俄技术交流活动国际数控机床技术", "圆桌会"}


def test_a_headerless_pages_first_run_over_lines_above_it_teaches_no_alignment():
    """A page that prints no header may start with the end of a row of the page before
    (家次以上 over the first row's 2批次): a run holding the first anchor and lines above it,
    not exactly centred, is not one cell for certain, so it does not keep the page's other
    cells (all exactly centred) from teaching the centre. On a page with its own header it
    still counts."""
    columns = [[[0, 2]], [[4, 5, 6]]]  # anchors 2 and 5: [0, 2] fits near-centre only
    assert columns_alignment(columns, [2, 5]) == "near-centre"
    assert columns_alignment(columns, [2, 5], open_top=True) == "centre"
    # exactly centred on the first anchor, it still shows the centre
    assert columns_alignment([[[1, 2, 3]]], [2, 6], open_top=True) == "centre"


def test_a_row_cut_by_a_page_break_joins_its_rest_under_the_learned_centre():
    """keji-xiezuo (drawn): page 2 starts with 家次以上, the rest of 组织政策宣讲's actual value
    (the row the break cut), over 新技术新产品（服务）认定's 2批次. Read as one cell it taught
    near-centre, which let the rest be the first row's own; the page's certain cells are all
    exactly centred, so the rest is the page before's, joined to its row, and both rows are
    read exactly."""
    stem = "2021-beijing-keji-xiezuo-zhongxin-draw"
    (form,) = parse_text((SAMPLES / "dumps" / f"{stem}.layout.txt").read_text("utf-8"))
    golden = json.loads((GOLDEN / f"{stem}.json").read_text("utf-8"))[0]["indicators"]
    want = {(r["level2"], r["level3"]): r for r in golden}
    got = {(r["level2"], r["level3"]): r for r in (row.to_dict() for row in form.indicators)}
    for name in ("组织政策宣讲", "新技术新产品（服务）认定"):
        assert got["数量指标", name] == want["数量指标", name]
    assert all(row == want[key] for key, row in got.items())


def test_a_name_run_on_under_the_next_column_is_placed_where_it_starts():
    """keji-xiezuo (drawn) page 3: 第四届Nature前沿 / 技术创新圆桌会议 around 时效指标's 2022
    年下半年 row. The grid gives each Latin letter a place, so the name's first line overhangs
    its block and runs on under the target's places, which told it nothing; it starts where
    the page's other names start and under no target, and its line's order (the target
    right of it, no level label's piece) allows the name's column only: it is the row's
    name. The row and the 科技服务业发展研究报告 row above it, which its doubt held back, are
    read exactly, and no row of the file is wrong."""
    stem = "2021-beijing-keji-xiezuo-zhongxin-draw"
    (form,) = parse_text((SAMPLES / "dumps" / f"{stem}.layout.txt").read_text("utf-8"))
    golden = json.loads((GOLDEN / f"{stem}.json").read_text("utf-8"))[0]["indicators"]
    want = {(r["level2"], r["level3"]): r for r in golden}
    got = {(r["level2"], r["level3"]): r for r in (row.to_dict() for row in form.indicators)}
    for name in ("第四届Nature前沿技术创新圆桌会议", "科技服务业发展研究报告"):
        assert got["时效指标", name] == want["时效指标", name]
    assert all(row == want[key] for key, row in got.items())
    assert not any("第四届Nature前沿" in n.message for n in form.notes)


def test_a_token_starting_over_two_columns_or_allowed_two_is_not_placed_by_its_start():
    """The start tells a column only where it lies under one column's certain text, the
    one the order allows."""
    names = [Token("央企应用场景推进", 0, 7, 15)]
    targets = [Token("全市场景发布工作前完成6", 1, 12, 24)]
    held, certain = [names, targets], {0: 2, 1: 3}
    assert column_by_start(Token("第四届Nature前沿", 3, 7, 18), held, certain, {2}) == 2
    assert column_by_start(Token("第四届Nature前沿", 3, 7, 18), held, certain, {2, 3}) is None
    assert column_by_start(Token("第四届Nature前沿", 3, 7, 18), held, certain, {3}) is None
    assert column_by_start(Token("Nature前沿技术", 3, 13, 22), held, certain, {2}) is None
    assert column_by_start(Token("前沿技术", 3, 3, 7), held, certain, {2}) is None
