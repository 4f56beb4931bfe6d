"""Cells one blank apart in -layout dumps of Chromium prints with Noto CJK fonts (the noto
class, issue 14): pdftotext joins words of neighbouring cells into one line printed one
space apart; a token in doubt is cut at its spaces where exactly one cut fits the page's
columns (extract/text/layout_places.py, ``cuts_in_doubt``), and stays whole otherwise.

The dumps in tests/data/noto/ are `pdftotext -layout` output of Chromium+Noto prints of
samples/originals: beijing-keji-notosans9-p3/-p4 are pages 3 and 4 of
2021-beijing-keji-xiezuo-zhongxin-html.html (Noto Sans 9pt), beijing-keji-notoserif10-p5
its page 5 in Noto Serif 10pt, laoting-notoserif10 the whole
err-recompute-2021-hebei-laoting-shangpin-jiance-html.html (Noto Serif 10pt)."""

from __future__ import annotations

import json
from pathlib import Path

import selfeval.extract as extract
from selfeval.extract.text.columns import _label_piece, _letter_spaced, _token_part
from selfeval.extract.text.layout_pages import OrderReading, by_order
from selfeval.extract.text.layout_places import _cut_fits
from selfeval.extract.text.layout_tokens import Token, tokens
from selfeval.extract.text.layout_vertical import stacked_labels
from tests.conftest import GOLDEN

DATA = Path(__file__).parent / "data" / "noto"

#: The column roles of the forms' grid header, in print order.
ROLES = ["level1", "level2", "level3", "target", "actual", "weight", "score", "deviation"]


def _read_page(name: str) -> OrderReading[Token]:
    """A headerless page read by the order of its blocks, as the grid reader reads it."""
    lines = (DATA / name).read_text("utf-8").split("\n")
    toks = _letter_spaced(stacked_labels([t for k, x in enumerate(lines) for t in tokens(x, k)]))
    got = by_order(toks, ROLES, _label_piece, _token_part)
    assert got is not None
    return got


def _role(got: OrderReading[Token], text: str) -> str | None:
    """The column the reading gives the token ``text`` (None: in doubt, or no such token)."""
    return next((r for r, ts in got.by_role.items() for t in ts if t.text == text), None)


def test_a_target_and_an_actual_value_one_space_apart_are_cut() -> None:
    """Page 3: 营造服务业开放的创新环 3.“双碳”目标下 is one token, wider than any line of the
    target's cells or the actual values' on the page; cut at its one space, the target's
    text and the actual value's go to their columns (the page's order leaves them no other)."""
    got = _read_page("beijing-keji-notosans9-p3.layout.txt")
    assert _role(got, "营造服务业开放的创新环") == "target"
    assert _role(got, "3.“双碳”目标下") == "actual"
    assert not any(t.text.startswith("营造服务业开放的创新环 ") for t in got.unsure)


def test_a_targets_line_and_an_actual_values_are_cut() -> None:
    """Page 4: 2021年7月前至少开展一 2021年7月前开展 (a target's line and an actual value's)
    is cut, each part to its column."""
    got = _read_page("beijing-keji-notosans9-p4.layout.txt")
    assert _role(got, "2021年7月前至少开展一") == "target"
    assert _role(got, "2021年7月前开展") == "actual"


def test_a_cut_leaving_a_number_in_a_text_part_is_no_cut() -> None:
    """Noto Serif page 5: 中俄技术交流活 2021年10月前完成 12月底完成 1 (a name, a target, an
    actual value and a 分值). The spaces before 2021年 and 12月 are no autospace (the
    Chinese after the digits touches them: layout_tokens.ASYM_GAP), so the name, the
    target and 12月底完成 1 are three texts, each in its column. 12月底完成 1 is not cut at
    its space (no cut whose parts the page places leaves a text and a number apart): the
    row's 分值 is empty, and the grid reader leaves the row out. Other tokens of the page
    are still cut (375.5442万元 10 10: an actual value, a 分值 and its 得分)."""
    got = _read_page("beijing-keji-notoserif10-p5.layout.txt")
    assert _role(got, "中俄技术交流活") == "level3"
    assert _role(got, "2021年10月前完成") == "target"
    assert _role(got, "12月底完成") is None and _role(got, "1") is None
    assert _role(got, "375.5442万元") == "actual"


def test_a_token_whose_cut_does_not_fit_stays_whole() -> None:
    """Page 4: 国际数控机床技术 2021年10月前完成 2021年10月前 1 (a name, a target, an actual
    value and a 分值): its spaces before 2021年 are no autospace, so the name and the two
    dates are texts apart, each in its column, and 2021年10月前 1 (a 分值 run into the actual
    value) stays whole. 新技术新产品（服务）认 375.5442万元 is a target's line (492万元。… /
    新技术新产品（服务）认 / 定；…) and an actual value: apart, each in its column. Page 3's
    1.5 处于居家办公状态，联 (a 得分 run into the deviation) stays whole, in doubt."""
    got = _read_page("beijing-keji-notosans9-p4.layout.txt")
    assert _role(got, "国际数控机床技术") == "level3"
    assert _role(got, "2021年10月前完成") == "target"
    assert _role(got, "2021年10月前") is None
    assert _role(got, "新技术新产品（服务）认") == "target"
    assert _role(got, "375.5442万元") == "actual"
    assert "1.5 处于居家办公状态，联" in {
        t.text for t in _read_page("beijing-keji-notosans9-p3.layout.txt").unsure
    }


def test_a_grid_whose_numbers_run_together_reads_no_row_it_cannot_label() -> None:
    """laoting (Noto Serif 10pt): 9 8.1 and 8 8 (a 分值 and its 得分 one space apart) are cut,
    and so is 有效提升 15 / 15 (the 分值 one blank after the actual value, its 得分 alone:
    layout_glued), which anchors 消费环境安全水平's row. Its level3 cell's last line 平 shares
    its line with the next block's label 可持续, which then stands inside no band of its
    rows, and the 时效指标 row has no anchor (8 6.4 glued into its target and deviation): the
    page's level-2 labels cannot be told by its header's columns. Read again by its blocks'
    order (a page whose header reading keeps no row), its first four rows are read, each
    exactly (the fourth's 8 8 cut on a page so read too: cut_mapped_run_together), and the
    rows after them are left out, noted."""
    (form,) = extract.read(DATA / "laoting-notoserif10.layout.txt")
    got = form.to_dict()
    want = json.loads(
        (GOLDEN / "err-recompute-2021-hebei-laoting-shangpin-jiance-html.json").read_text("utf-8")
    )[0]["indicators"]
    assert 0 < len(got["indicators"]) <= 4
    assert all(r in want for r in got["indicators"])
    assert "检测报告出具合规率" in {r["level3"] for r in got["indicators"]}
    assert "消费环境安全水平" not in {r["level3"] for r in got["indicators"]}
    assert any("left out" in n["message"] for n in got["notes"])
    assert got["complete"] is False


def _fits(texts: list[str], columns: list[int], others: list[tuple[str, int]]) -> bool:
    """Does a token cut into ``texts`` (placed in ``columns``) fit a page whose other
    certain lines are ``others`` (text, column)?"""
    parts, x = [], 0
    for text in texts:
        parts.append(Token(text, 0, x, x + len(text)))
        x += len(text) + 1
    got = [(p, k) for p, k in zip(parts, columns, strict=True)]
    got += [(Token(text, n + 1, 0, len(text)), k) for n, (text, k) in enumerate(others)]
    return _cut_fits(parts, got, {0: parts})


def test_one_cells_single_spaces_are_no_cut() -> None:
    """A sign or unit beside its number (≥ 95, 19 人) is one cell's text, and so are two
    texts, or a number and a text, that together are no wider than their columns' lines
    (张永锋 王兰平, 502 所、华能清 where the columns print wider lines): no cut of them
    fits, wherever the page would place the parts. Two texts wider together than either
    column's lines, a long text and a number after it, or a number and a long text after
    it wider so, do; a part holding a long text and a number after it (达到预期目标 1) is
    two cells' and fits no column, one holding a number and its text (1000 家次以上) may."""
    lines = [("≥90%", 3), ("达到预期目标", 4), ("四个字的名称", 2), ("一个很长的值格", 3)]
    assert not _fits(["≥", "95"], [3, 4], lines)
    assert not _fits(["19", "人"], [3, 4], lines)
    assert not _fits(["张永锋", "王兰平"], [2, 3], lines)
    assert _fits(["四个字的名称", "一个很长的值格"], [2, 3], lines)
    assert _fits(["0.8", "受疫情影响"], [6, 7], [("受疫情影响，", 7)])
    assert not _fits(["502", "所、华能清"], [6, 7], [("中国铁塔、航天五院", 7)])
    wide = [*lines, ("达到预期目标以及更多的文字", 4)]
    assert _fits(["达到预期目标", "1"], [4, 5], lines)
    assert _fits(["1000 家次以上", "2"], [4, 5], wide)
    assert not _fits(["达到预期目标 1", "2"], [4, 5], wide)
