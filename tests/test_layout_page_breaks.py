"""-layout rows a page break cuts: joined with their rest on the next page only when that is
the one reading, else left out with a note (extract/text/layout_rest.py)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import selfeval
import selfeval.extract as extract
from bench.bench_fuzz import _flagged, _form_doubted
from golden.score import score_file, squashed, validation_golden
from selfeval.extract.record import Cell, Form, Indicator
from selfeval.extract.text import parse_text
from selfeval.extract.text.columns import Token, label_tail
from selfeval.extract.text.layout_labels import label_head
from selfeval.extract.text.layout_rest import (
    cut_score_piece,
    goes_on,
    joined_label,
    joined_score,
    score_going_on,
)
from tests.conftest import GOLDEN, SAMPLES, VALIDATION

JISHAN = "2021-shanxi-jishan-jiben-gongwei-docx"
VARIANTS = SAMPLES / "dumps_variants"


def _read(path: Path) -> tuple[list[Form], list[dict[str, Any]]]:
    forms = extract.read(path)
    stem = path.name.removesuffix(".layout.txt")
    return forms, json.loads((GOLDEN / f"{stem}.json").read_text("utf-8"))


def _row(forms: list[Form], name: str) -> dict[str, Any] | None:
    rows = [r for f in forms for r in f.to_dict()["indicators"] if r["level3"] == name]
    assert len(rows) <= 1
    return rows[0] if rows else None


def test_a_score_wrapped_over_a_page_break_is_joined_where_the_break_is_marked() -> None:
    """2.5 at page 1's foot, 4 at page 2's top (the 得分 column wraps 2.9 / 2 elsewhere):
    the cut row reads 2.54 with its name's and deviation's rests, every row exact."""
    for path in (
        SAMPLES / "dumps" / f"{JISHAN}.layout.txt",
        VARIANTS / "fixed3" / f"{JISHAN}.layout.txt",
    ):
        forms, want = _read(path)
        row = _row(forms, "指标9:高血压规范管理数")
        assert row == want[0]["indicators"][8], path
        assert row is not None and row["score"] == "2.54"
        score = score_file([f.to_dict() for f in forms], want, path.name)
        assert score.exact_rows == score.golden_rows == 21, score.problems
        assert not [n for f in forms for n in f.notes if "page break" in n.message]


def test_a_score_wrapped_over_an_unmarked_page_break_is_declined() -> None:
    """Without form feeds the 4 reads as a row of its own with no 分值: the row whose 得分
    (2.5) it may end is left out with a note, never read as 2.5."""
    forms, _ = _read(VARIANTS / "fixed3-nopgbrk" / f"{JISHAN}.layout.txt")
    scores = [r.score.text for f in forms for r in f.indicators]
    assert "2.5" not in scores and "4" not in scores
    notes = [n.message for f in forms for n in f.notes]
    assert any(m.endswith("its 得分 may go on below it; left out") for m in notes), notes
    assert any(m.endswith("its 分值 is empty; left out") for m in notes), notes


def test_joined_score_needs_a_head_as_wide_as_a_wrap_the_grid_shows() -> None:
    assert joined_score("2.5", "4", "3", {3}) == "2.54"
    assert joined_score("2.5", "4", "3", set()) is None  # no wrap shown: 2.5 may be whole
    assert joined_score("2.5", "4", "3", {4}) is None  # the column holds wider numbers
    assert joined_score("3", "4", "3", {1}) is None  # no decimal's head
    assert joined_score("2.5", "4", "2", {3}) is None  # more than the 分值
    assert joined_score("2.5", "4", None, {3}) is None
    assert joined_score("2.5", "x", "3", {3}) is None


def _tok(text: str, line: int, x0: int) -> Token:
    return Token(text, line, x0, x0 + len(text))


def test_a_score_piece_at_a_page_top_is_taken_out_of_the_score_column() -> None:
    by_col = {
        "score": [_tok("4", 1, 61), _tok("2.42", 5, 61), _tok("3", 10, 61)],
        "weight": [_tok("3", 5, 56), _tok("3", 10, 56)],
    }
    piece = cut_score_piece(by_col)
    assert piece is not None and piece.text == "4"
    assert [t.text for t in by_col["score"]] == ["2.42", "3"]
    # the page's 得分 do not stand on their 分值's lines: no piece
    by_col = {"score": [_tok("4", 1, 61), _tok("3", 4, 61)], "weight": [_tok("3", 5, 56)]}
    assert cut_score_piece(by_col) is None and len(by_col["score"]) == 2
    # a 分值 above it: a row's own
    by_col = {
        "score": [_tok("4", 1, 61), _tok("3", 5, 61)],
        "weight": [_tok("3", 0, 56), _tok("3", 5, 56)],
    }
    assert cut_score_piece(by_col) is None


def test_a_decimal_head_over_digits_with_no_weight_puts_its_row_in_doubt() -> None:
    by_col = {
        "score": [_tok("2.5", 73, 143), _tok("4", 75, 144), _tok("2.42", 79, 143)],
        "weight": [_tok("3", 73, 135), _tok("3", 79, 135)],
    }
    assert score_going_on(by_col, [73, 75, 79]) == [0]
    by_col["weight"].append(_tok("3", 75, 135))  # a 分值 beside it: a row of its own
    assert score_going_on(by_col, [73, 75, 79]) == []


def test_a_rest_whose_start_fits_on_the_cut_cells_last_line_is_not_joined() -> None:
    """A line leaving room for the next page's first text ended its cell: that text is
    another cell's (a row with no 分值 or 得分 at the page's top?) and the cut row is left
    out. The jishan dump with the cut row's name on page 1 shortened (指标 9:高血压 to
    指标 9:高, room left for 规 of 规范管理数 in the column's width)."""
    text = (SAMPLES / "dumps" / f"{JISHAN}.layout.txt").read_text("utf-8")
    assert text.count("指标 9:高血压  ") == 1
    forms = parse_text(text.replace("指标 9:高血压", "指标 9:高   "))
    names = [r.level3.text for f in forms for r in f.indicators]
    assert not [n for n in names if n and n.startswith("指标9")], names
    assert "指标10:糖尿病规范管理数" in names
    notes = [n.message for f in forms for n in f.notes]
    assert "-layout grid: a row cut by a page break; left out" in notes


def test_goes_on_needs_a_full_last_line() -> None:
    assert goes_on(("指标 9:高血压", 13), "规范管理数")
    assert not goes_on(("指标 9:高", 13), "规范管理数")
    # the width measured is no less than the cut line's own
    assert goes_on(("为在京央企、科技型", 4), "民营企业")
    assert not goes_on(None, "规范管理数")  # the cell printed nothing on the page before


CHAOYANG = "2022-beijing-chaoyang-falv-fuwu-docx"


def test_a_level_label_cut_by_a_page_break_leaves_the_next_pages_labels_readable() -> None:
    """可持 at page 1's foot, 续影 / 响指 / 标 at page 2's top, then 服务对象满意度指标: the
    tail is the page before's label's, and page 2's own row reads by its own labels; the
    row the break cut is joined with its rest, its label 可持 + 续影响指标 a known level-2
    name under its level-1 label (效益指标)."""
    for stem in (CHAOYANG, f"err-overachieved-{CHAOYANG}"):
        forms, want = _read(VARIANTS / "fixed3" / f"{stem}.layout.txt")
        assert _row(forms, "群众对公共法律服务满意度") == want[0]["indicators"][-1]
        assert _row(forms, "公共法律服务体系长效运行") == want[0]["indicators"][-2]
        assert want[0]["indicators"][-2]["level2"] == "可持续影响指标"
        assert not [n for f in forms for n in f.notes if "page break" in n.message]


def test_joined_label_needs_a_known_name_under_the_rows_level1() -> None:
    def row(level1: str | None, level2: str | None = None) -> Indicator:
        cells = dict.fromkeys(
            ("level3", "target", "actual", "weight", "score", "deviation"), Cell(None)
        )
        return Indicator(level1=Cell(level1), level2=Cell(level2), **cells)

    foot = ("可持", None)
    assert joined_label(row("效益指标"), "level2", foot, "续影响指标") == "可持续影响指标"
    assert joined_label(row(None), "level2", foot, "续影响指标") == "可持续影响指标"
    assert joined_label(row("产出指标"), "level2", foot, "续影响指标") is None  # not under it
    assert joined_label(row("效益指标"), "level2", foot, "续影响") is None  # no name
    assert joined_label(row("效益指标", "社会效益指标"), "level2", foot, "续影响指标") is None
    assert joined_label(row("效益指标"), "level2", None, "续影响指标") is None


def _column(pieces: list[tuple[str, int]]) -> list[Token]:
    return [_tok(text, line, 5) for text, line in pieces]


def test_a_label_tail_is_found_only_when_the_rest_cuts_into_whole_labels() -> None:
    tail = [("续影", 0), ("响指", 2), ("标", 4)]
    own = [("服务", 5), ("对象", 6), ("满意", 7), ("度指", 8), ("标", 9)]
    assert label_tail(_column(tail + own)) == 4
    assert label_tail(_column(own)) is None  # whole labels: no tail
    assert label_tail(_column([("续影", 0), ("响指", 2), ("标", 4)])) is None  # nothing after
    assert label_tail(_column([("可持", 0), ("续影", 1)] + own)) is None  # a start, no end


def test_a_label_head_is_found_only_when_the_rest_cuts_into_whole_labels() -> None:
    own = [("数量", 5), ("指标", 6), ("经济", 18), ("效益", 20), ("指标", 22)]
    head = [("社会", 23), ("效益", 24)]
    assert label_head(_column(own + head)) == 23
    assert label_head(_column(own)) is None  # whole labels: no head
    assert label_head(_column(head)) is None  # nothing before
    assert label_head(_column(own + [("续影", 23), ("响指", 24)])) is None  # an end, no start
    # (the rest holds a piece of no label: no cut makes it whole labels)
    assert label_head(_column(own + [("指标", 23), ("社会", 24)])) is None


def test_text_above_a_first_row_its_cells_cannot_hold_is_the_page_befores() -> None:
    """务体系长效 / 运行 at page 2's top, in no column for certain: with the grid's cells
    centred on their anchors, no cell of the first row (its anchor lines below) can hold
    it, so the first row is read; the joint cut of the page, its tilings starting at any
    line above the first anchor, leaves those lines to the row the break cut, which is
    joined with them whole: every row of the form is read exactly."""
    for stem in (CHAOYANG, f"err-overachieved-{CHAOYANG}"):
        forms, want = _read(SAMPLES / "dumps" / f"{stem}.layout.txt")
        assert _row(forms, "群众对公共法律服务满意度") == want[0]["indicators"][-1]
        assert [r for f in forms for r in f.to_dict()["indicators"]] == want[0]["indicators"]
        assert not [n.message for f in forms for n in f.notes]


def test_rows_a_page_reads_under_its_own_label_are_not_under_a_page_befores() -> None:
    """keji-xiezuo docx, page 3: its first row (央企应用场景推进, 时效指标) stands above the
    page's first label; rows below it the page reads under that label (时效指标), so the
    rows above it are not taken as under the page before's last label (质量指标) by the
    geometry: never read under 质量指标 (质量指标's block holds its name: it is 时效指标's,
    tests/test_layout_levels_s8)."""
    stem = "2021-beijing-keji-xiezuo-zhongxin-docx"
    forms, want = _read(SAMPLES / "dumps" / f"{stem}.layout.txt")
    got = [f.to_dict() for f in forms]
    score = score_file(got, want, stem)
    assert score.wrong_rows == 0 and score.exact_rows == score.emitted_rows, score.problems
    seen = [r["level2"] for f in got for r in f["indicators"] if r["level3"] == "央企应用场景推进"]
    assert seen == ["数量指标", "质量指标", "时效指标"]


def test_a_funds_rate_the_audit_finds_wrong_counts_as_flagged_in_the_fuzz_bench(
    tmp_path: Path,
) -> None:
    """A bit flip turns a -layout funds row's 执行率 into another number: the audit's funds.rate
    error (section "fund") flags that row, and the form no longer adds up."""
    source = SAMPLES / "dumps/err-score-negative-2021-chongqing-kexuecheng-weijian-xlsx.layout.txt"
    text = source.read_text("utf-8")
    assert text.count("84.87%") == 1
    clean = selfeval.read(source)[0].to_dict()
    damaged_path = tmp_path / source.name
    damaged_path.write_text(text.replace("84.87%", "84.85%"), "utf-8")
    damaged = selfeval.read(damaged_path)[0].to_dict()
    assert [f["rate"] for f in clean["funds"]][2] == "84.87%"
    assert [f["rate"] for f in damaged["funds"]][2] == "84.85%"
    assert not _flagged(clean, "funds", 2) and not _form_doubted(clean)
    assert _flagged(damaged, "funds", 2) and _form_doubted(damaged)
    assert not _flagged(damaged, "funds", 1)


def test_a_percentage_with_a_letter_for_a_digit_is_garbled_not_read(tmp_path: Path) -> None:
    """A bit flip in a -layout dump turns 100% into q00% in a form the reader takes whole: the
    row is doubted (reading.garbled), not given as the form's value."""
    source = VALIDATION / "bundle.layout.txt"
    text = source.read_text("utf-8")
    line = next(x for x in text.splitlines() if "成本指标" in x and "100%" in x)
    damaged = tmp_path / source.name
    damaged.write_text(text.replace(line, line.replace("100%", "q00%")), "utf-8")
    forms = extract.read(damaged)
    rows = [(f, i) for f in forms for i, r in enumerate(f.indicators) if r.actual.text == "q00%"]
    assert len(rows) == 1
    form, row = rows[0]
    assert any(n.code == "reading.garbled" and n.row == row for n in form.notes)
    clean = extract.read(source)
    assert not any(n.code == "reading.garbled" and n.text == "100%" for f in clean for n in f.notes)


def test_a_funds_header_name_of_no_column_leaves_the_block_unread(tmp_path: Path) -> None:
    """Lines shuffled in a -layout dump take 执 from 执行率's stacked name: 行 / 率 name no
    column, and the rates under them (97. / 99%) would go nowhere; the block is named in a
    note instead of read without its rates."""
    source = SAMPLES / "dumps/2023-zhejiang-yuhang-lvhua-yanghu-docx.layout.txt"
    lines = source.read_text("utf-8").splitlines()
    at = next(k for k, line in enumerate(lines) if line.strip() == "执")
    moved = [*lines[: at - 3], lines[at], *lines[at - 3 : at], *lines[at + 1 :]]
    damaged = tmp_path / source.name
    damaged.write_text("\n".join(moved) + "\n", "utf-8")
    clean = extract.read(source)[0]
    assert [f.rate.text for f in clean.funds][:2] == ["97.99%", "97.99%"]
    form = extract.read(damaged)[0]
    assert not any(f.rate.text is None and f.executed.text for f in form.funds)
    assert any(n.code == "unplaced-cell" and "funds" in n.message for n in form.notes)


def test_a_space_flipped_into_a_quote_or_a_bang_is_garbled(tmp_path: Path) -> None:
    """A bit flip turns a space of a -layout dump into " (0x22) beside a level-3 name's lines:
    补助资金发放准"确率 is no printed name (forms print “ ” and ！), so the row is doubted."""
    source = (
        SAMPLES / "dumps/err-budget-score-2023-sichuan-guangan-xiangcun-jiaoshi-xlsx.layout.txt"
    )
    lines = source.read_text("utf-8").splitlines()
    at = next(k for k, line in enumerate(lines) if "质量指标" in line and "=" in line)
    line = lines[at]
    assert line[25] == " "
    lines[at] = line[:25] + '"' + line[26:]
    damaged = tmp_path / source.name
    damaged.write_text("\n".join(lines) + "\n", "utf-8")
    form = extract.read(damaged)[0]
    rows = [i for i, r in enumerate(form.indicators) if '"' in (r.level3.text or "")]
    assert len(rows) == 1
    assert any(n.code == "reading.garbled" and n.row == rows[0] for n in form.notes)
    assert not any(n.code == "reading.garbled" for n in extract.read(source)[0].notes)


def test_lines_before_the_first_slab_are_the_page_befores_when_the_first_row_is_one_band() -> None:
    """seed_html, page 2: its first lines (组织政策宣讲's target and actual, which the page
    break cut) stand before the page's first slab. The first row, 新技术新产品（服务）认定,
    cut jointly with its tilings starting at any line above its anchor, is one band that
    holds its cells as cut: the lines above are none of its, and it is read exactly."""
    (form,) = extract.read(VALIDATION / "seed_html.layout.txt")
    want = validation_golden(VALIDATION / "seed_html.golden.json")
    rows = squashed(form.to_dict())["indicators"]
    name = "新技术新产品（服务）认定"
    got = [r for r in rows if r["level3"] == name and r["level2"] == "数量指标"]
    golden = [r for r in squashed(want[0])["indicators"] if r["level3"] == name]
    assert got == golden[:1]
    notes = [n.message for n in form.notes]
    assert not any("lines above it may be its own or the page before's" in n for n in notes)


def test_lines_before_the_first_slab_go_by_the_order_of_the_pages_blocks() -> None:
    """seed_html, page 2: the lines before the first slab (组织政策宣讲's target and actual
    value, which the page break cut) are placed by the order of the page's blocks, which
    places every slab's token where the slabs do: the row is joined whole across the break
    and read exactly."""
    (form,) = extract.read(VALIDATION / "seed_html.layout.txt")
    want = validation_golden(VALIDATION / "seed_html.golden.json")
    name = "组织政策宣讲"
    got = [r for r in squashed(form.to_dict())["indicators"] if r["level3"] == name]
    assert got == [r for r in squashed(want[0])["indicators"] if r["level3"] == name]
    assert not any("a row cut by a page break" in n.message for n in form.notes)
