"""-layout text of two columns one space apart in one token: cut where its block shows the gap
between the two columns (layout_places), else left whole and declined with a note."""

from __future__ import annotations

import json
from dataclasses import dataclass

from selfeval.extract.text import parse_text
from selfeval.extract.text.layout_places import columns_by_place, cut_at_gaps, left_where_both
from selfeval.extract.text.layout_tokens import LayoutColumn, Token, cut_run_together
from tests.conftest import GOLDEN, SAMPLES, VALIDATION
from tests.conftest import squashed_row as _squashed

Row = dict[str, object]


@dataclass
class Tok:
    text: str
    line: int
    x0: int
    x1: int


def _piece(t: Tok, text: str, x0: int) -> Tok:
    return Tok(text, t.line, x0, x0 + len(text))


def _cut(block: list[Tok]) -> list[str]:
    return [t.text for t in cut_at_gaps(block, [block], _piece)]


# a name and a target one space apart on the block's top line; below, the name's last line
# and the target's, side by side with a gap between them (places 25 to 37)
_TOP = Tok("重点领域央企科技 2021年第二季度完成40%，第", 48, 18, 43)
_NAME = Tok("创新需求分析", 50, 19, 25)
_TARGET = Tok("四季度完成100%", 50, 37, 46)


def test_a_token_crossing_its_blocks_gap_is_cut_at_its_one_space_there() -> None:
    assert _cut([_TOP, _NAME, _TARGET]) == [
        "重点领域央企科技",
        "2021年第二季度完成40%，第",
        "创新需求分析",
        "四季度完成100%",
    ]
    (name, target) = cut_at_gaps([_TOP], [[_TOP, _NAME, _TARGET]], _piece)
    assert (name.x0, name.x1, target.x0, target.x1) == (18, 26, 27, 43)


def test_a_token_is_left_whole_unless_its_block_shows_where_the_cut_falls() -> None:
    whole = _TOP.text
    # two spaces: which one parts the cells?
    two = Tok("重点领域 央企科技 2021年第二季度完成40%，第", 48, 18, 44)
    assert two.text in _cut([two, _NAME, _TARGET])
    # the space inside the name's lines' places, not in the gap
    early = Tok("重点领域 央企科技2021年第二季度完成40%，第", 48, 18, 43)
    assert early.text in _cut([early, _NAME, _TARGET])
    # the two runs never printed side by side on one line: one cell's lines may zigzag
    apart = Tok("四季度完成100%", 52, 37, 46)
    assert whole in _cut([_TOP, _NAME, apart])
    # one run only (a wide line of one cell over its shorter lines)
    assert whole in _cut([_TOP, _NAME, Tok("发展趋势分析", 52, 19, 25)])
    # a third run: the gap is not one
    third = Tok("1项", 50, 48, 51)
    assert whole in _cut([_TOP, _NAME, _TARGET, third])
    # another token of the block on its line
    assert whole in _cut([_TOP, Tok("组", 48, 45, 46), _NAME, _TARGET])


def _keyed(rows: list[Row]) -> dict[tuple[object, object], Row]:
    return {(r["level2"], r["level3"]): r for r in rows}


def test_a_name_and_target_in_one_token_read_exactly_in_a_drawn_dump() -> None:
    stem = "2021-beijing-keji-xiezuo-zhongxin-draw"
    (form, *_) = parse_text((SAMPLES / "dumps" / f"{stem}.layout.txt").read_text("utf-8"))
    golden = json.loads((GOLDEN / f"{stem}.json").read_text("utf-8"))[0]
    got = _keyed([r.to_dict() for r in form.indicators])
    want = _keyed(golden["indicators"])
    for key in (
        ("时效指标", "重点领域前沿技术发展趋势分析"),
        ("时效指标", "新技术新产品（服务）认定"),
    ):
        assert got[key] == want[key]
    assert all(row == want[key] for key, row in got.items())


def test_a_target_and_actual_value_run_together_in_one_wide_line_are_read() -> None:
    """60%，征集、筛选应用场景项 2021年12月全部完: the target's and the actual value's lines one
    space apart are told apart by their places, and the row, once in doubt only for the
    open rows after it (layout_align.cut_beside_open_rows), is read as the golden."""
    (form, *_) = parse_text((VALIDATION / "seed_form.layout.txt").read_text("utf-8"))
    assert form.complete is False
    assert not any("row 1: a target cell's lines lie" in n.message for n in form.notes)
    rows = _keyed([r.to_dict() for r in form.indicators])
    golden = json.loads((VALIDATION / "seed_form.golden.json").read_text("utf-8"))
    want = _keyed(golden[0]["indicators"] if isinstance(golden, list) else golden["indicators"])
    key = ("时效指标", "央企应用场景推进")
    assert _squashed(rows[key]) == _squashed(want[key])


def test_blocks_apart_over_the_lines_both_run_through_are_ordered_there() -> None:
    """A target's block beside an actual value's that runs on down into a row drawn aside
    (分为三个阶段，征 at 41, left of the target's right edge): over their shared lines the
    target stands left."""
    target = [Tok("2021年第二季度完成40%，第", 48, 27, 43), Tok("四季度完成100%", 50, 37, 46)]
    actual = [
        Tok("2021年第二季度完", 47, 49, 59),
        Tok("成40%，第四季度完", 49, 48, 58),
        Tok("成100%", 51, 54, 59),
        Tok("分为三个阶段，征", 60, 41, 49),
    ]
    assert left_where_both(target, actual)
    assert not left_where_both(actual, target)
    # touching on a shared line: no order told
    assert not left_where_both(target, [Tok("成40%", 50, 46, 50)])
    # no shared line run through by both
    assert not left_where_both(target, [Tok("成", 52, 50, 51), Tok("成", 53, 50, 51)])


def test_seed_form_rows_of_a_headerless_page_read_exactly() -> None:
    """seed_form's 时效指标 rows: names and targets one space apart in one token, the
    actual values' block running on into the next row drawn aside."""
    (form, *_) = parse_text((VALIDATION / "seed_form.layout.txt").read_text("utf-8"))
    golden = json.loads((VALIDATION / "seed_form.golden.json").read_text("utf-8"))
    got = _keyed([_squashed(r.to_dict()) for r in form.indicators])
    want = _keyed([_squashed(r) for r in golden["indicators"]])
    for name in (
        "国际数控机床技术圆桌会",
        "重点领域央企科技创新需求分析",
        "重点领域前沿技术发展趋势分析",
        "新技术新产品（服务）认定",
    ):
        assert got[("时效指标", name)] == want[("时效指标", name)]
    assert all(row == want[key] for key, row in got.items())


def test_a_block_the_order_allows_one_column_goes_there_only_over_its_places() -> None:
    name, target, actual = (
        [Tok("研究报告", 75, 9, 13)],
        [Tok("日常推进工作，计", 74, 22, 30)],
        [Tok("前", 75, 48, 49)],
    )
    wide = [Tok("划 2021 年 11 月 15", 75, 22, 38)]
    held = [name, target, actual, wide]
    placed = {0: 2, 1: 3, 2: 4}
    assert columns_by_place(held, {3: {3}}, placed) == {3: 3}
    # its places over no certain block of that column, or over another column's too
    assert columns_by_place([*held[:3], [Tok("划", 75, 15, 17)]], {3: {3}}, placed) == {}
    over = [Tok("划 2021 年 11 月 15 日前完成", 75, 22, 50)]
    assert columns_by_place([*held[:3], over], {3: {3}}, placed) == {}


def test_an_autospaced_target_line_between_a_name_and_an_actual_value_reads_exactly() -> None:
    """划 2021 年 11 月 15, wider than the target's other lines by its autospaces: its line's
    name and actual value leave it the target's column only."""
    (form, *_) = parse_text((VALIDATION / "seed_word.layout.txt").read_text("utf-8"))
    golden = json.loads((VALIDATION / "seed_word.golden.json").read_text("utf-8"))
    got = _keyed([_squashed(r.to_dict()) for r in form.indicators])
    want = _keyed([_squashed(r) for r in golden["indicators"]])
    key = ("时效指标", "科技服务业发展研究报告")
    assert got[key] == want[key]
    assert all(row == want[k] for k, row in got.items())


def _dump(stem: str) -> tuple[dict[tuple[object, object], Row], dict[tuple[object, object], Row]]:
    """A corpus -layout dump's rows and its golden's, by level-2 and level-3 name."""
    (form, *_) = parse_text((SAMPLES / "dumps" / f"{stem}.layout.txt").read_text("utf-8"))
    golden = json.loads((GOLDEN / f"{stem}.json").read_text("utf-8"))[0]
    return _keyed([r.to_dict() for r in form.indicators]), _keyed(golden["indicators"])


def test_a_wide_token_alone_at_one_side_of_its_line_goes_by_its_places() -> None:
    """keji-xiezuo drawn: 国际数控机床技术 and 第四届Nature前沿, one text each and wider than
    their names' other lines, with no certain text on one side of their line (or on
    either): placed where their places lie over one column's certain blocks only."""
    got, want = _dump("2021-beijing-keji-xiezuo-zhongxin-draw")
    for name in ("政策宣讲", "国际数控机床技术圆桌会", "重点领域央企科技创新需求分析"):
        assert got[("时效指标", name)] == want[("时效指标", name)]
    assert all(row == want[key] for key, row in got.items())


def test_text_under_a_first_rows_line_at_a_pages_top_is_no_page_befores() -> None:
    """keji-xiezuo Word p2: 产业动态》 (the page before's last name's end) over 第四届 Nature,
    in no column: text with a line of the first row's cells above it over its places is
    not the page before's, so the row keeps its note instead of a name missing 第四届 Nature."""
    got, want = _dump("2021-beijing-keji-xiezuo-zhongxin-docx")
    ends = [name for _, name in got if "产业动态》" in str(name)]
    assert ends == ["编发《首都科技产业动态》"]  # (the page before's own row, read whole)
    assert all(row == want[key] for key, row in got.items())


_TARGET_COL = LayoutColumn("target", 34, 39)
_ACTUAL_COL = LayoutColumn("actual", 48, 53)
_COLS = [LayoutColumn("level3", 18, 22), _TARGET_COL, _ACTUAL_COL]


def _page(first: str) -> list[tuple[Token, LayoutColumn | None]]:
    """A page's placed tokens: a target cell wrapped at 20 places (at 25), an actual value's
    lines starting at 45, and a token run together on line 10 placed whole in the target."""
    return [
        (Token("一次，每次认定工作分", 2, 25, 35), _TARGET_COL),
        (Token("为三个阶段，征集阶段", 4, 25, 35), _TARGET_COL),
        (Token("2021年7月前开展", 2, 45, 55), _ACTUAL_COL),
        (Token("一次，12月前开展", 3, 45, 54), _ACTUAL_COL),
        (Token(first, 10, 25, 25 + len(first)), _TARGET_COL),
    ]


def _texts(placed: list[tuple[Token, LayoutColumn | None]]) -> list[tuple[str, str | None]]:
    return [(t.text, c.role if c else None) for t, c in cut_run_together(placed, _COLS)[4:]]


def test_a_token_wider_than_its_columns_wrap_is_cut_where_the_next_columns_lines_start() -> None:
    """2021年第二季度完成4 (19 places, the target's lines wrap at 20) then 2021年第二季度完
    one space on: printed from 45, where the actual values' lines start."""
    assert _texts(_page("2021年第二季度完成4 2021年第二季度完")) == [
        ("2021年第二季度完成4", "target"),
        ("2021年第二季度完", "actual"),
    ]


def test_a_run_together_token_stays_whole_unless_one_cut_fits_the_pages_lines() -> None:
    # two spaces: which one parts the cells?
    assert len(_texts(_page("2021年第二季度 完成4 2021年第二季度完"))) == 1
    # the whole token within the column's wrap width: one cell's autospaced line
    assert len(_texts(_page("完成 100%"))) == 1
    # the first part wider than the column's lines: not a line of it
    assert len(_texts(_page("2021年第二季度完成40%，第 成"))) == 1
    # the second part printed where no actual value's line starts (from 43)
    assert len(_texts(_page("2021年第二季度完 2021年第二季度完"))) == 1
    # the second part wider than the next column's lines
    assert len(_texts(_page("2021年第二季度完成4 2021年第二季度完成40%"))) == 1
    # a line of the target's just below reaching past where the second part starts
    placed = [
        *_page("2021年第二季度完成4 2021年第二季度完"),
        (Token("营造服务业开放的创新", 11, 30, 40), _TARGET_COL),
    ]
    assert len(cut_run_together(placed, _COLS)) == len(placed)


def test_targets_and_actual_values_run_together_read_exactly_in_a_html_dump() -> None:
    """keji-xiezuo html: 2021年第二季度完成4 2021年第二季度完 and 0%，第四季度完成100
    成40%，第四季度完 (and 重点领域前沿技术发展趋势分析's alike); xianning docx: 示范主体满意度
    10 (a name and its 分值)."""
    got, want = _dump("2021-beijing-keji-xiezuo-zhongxin-html")
    for name in ("重点领域央企科技创新需求分析", "重点领域前沿技术发展趋势分析"):
        assert got[("时效指标", name)] == want[("时效指标", name)]
    assert all(row == want[key] for key, row in got.items())
    stem = "2021-xianning-juesuan-bundle-docx"
    forms = parse_text((SAMPLES / "dumps" / f"{stem}.layout.txt").read_text("utf-8"))
    goldens = json.loads((GOLDEN / f"{stem}.json").read_text("utf-8"))
    key = ("服务对象满意度指标", "示范主体满意度")
    (form, golden) = next(
        (f, g) for f, g in zip(forms, goldens, strict=True) if key in _keyed(g["indicators"])
    )
    got, want = _keyed([r.to_dict() for r in form.indicators]), _keyed(golden["indicators"])
    assert got[key] == want[key]
    assert all(row == want[k] for k, row in got.items())
