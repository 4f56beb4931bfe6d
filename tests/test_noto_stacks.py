"""Level names and labels stacked a character a line in -layout dumps of Chromium prints
with a Noto CJK font (the "noto class", issue 14).

A narrow level column prints its header name one character a line (一 / 级 / 指 / 标 beside
二 / 级 / 指 / 标, or beside 二级 / 指标), and in a flat table (no merged cells) every row's
labels the same way (产 / 出 / 指 / 标 beside 数 / 量 / 指 / 标). Each stack of single
characters left of the names is read top to bottom: one spelling a column's name is that
column (extract/text/layout_tokens.py, ``_left_group``); a body run of stacked characters
reading as several known level names one under the other is cut into them, the page break
leaving the first the end of one and the last the start of one
(extract/text/layout_vertical.py, ``_labels_in``); the rows whose labels the page break cut
get none on this page (extract/text/layout_labels.py, ``_per_row_cut``). Two stacks'
characters pdftotext glued at a line's start (产数) are cut apart first (``_unglued``).

The dumps in tests/data/noto/ come from headless Chromium prints of
samples/originals/2021-beijing-keji-xiezuo-zhongxin-html.flat.html dumped by
``pdftotext -layout``: keji-notosans9-flat-p1 is the first page of the Noto Sans 9 pt
print, keji-notosans8narrow-flat-stacked the form's header lines and the grid's first page
of the Noto Sans 8 pt print in a narrow page (the project's goal text left out).
"""

from __future__ import annotations

import json
from typing import Any

import pytest

from golden.score import score_file
from selfeval.extract.text import parse_text
from selfeval.extract.text.layout_tokens import Token, header_columns, tokens
from selfeval.extract.text.layout_vertical import stacked_labels
from tests.conftest import GOLDEN, ROOT

NOTO = ROOT / "tests" / "data" / "noto"
STEM = "2021-beijing-keji-xiezuo-zhongxin-html"


def _form(dump: str) -> dict[str, Any]:
    forms = parse_text((NOTO / dump).read_text("utf-8"))
    assert len(forms) == 1
    form: dict[str, Any] = forms[0].to_dict()
    return form


def _golden() -> list[dict[str, Any]]:
    golden: list[dict[str, Any]] = json.loads((GOLDEN / f"{STEM}.json").read_text("utf-8"))
    return golden


def _header(dump: str) -> list[str]:
    """The grid header's lines: from the line after 绩效指标 to the first label's."""
    lines = (NOTO / dump).read_text("utf-8").split("\n")
    start = next(k for k, line in enumerate(lines) if line.strip() == "绩效指标") + 1
    return lines[start : start + 4]


@pytest.mark.parametrize(
    ("dump", "roles"),
    [
        # 一 / 级 / 指 / 标 beside 二级 / 指标
        ("keji-notosans9-flat-p1.layout.txt", ["level1", "level2", "level3"]),
        # 一 / 级 / 指 / 标 beside 二 / 级 / 指 / 标, 一 and 二 a place right of their stacks
        ("keji-notosans8narrow-flat-stacked.layout.txt", ["level1", "level2", "level3"]),
    ],
)
def test_stacked_level_names_are_their_columns(dump: str, roles: list[str]) -> None:
    columns = header_columns(_header(dump))
    assert columns is not None
    assert [c.role for c in columns[:3]] == roles
    assert all(a.x1 <= b.x0 for a, b in zip(columns, columns[1:], strict=False))


def test_a_stacked_group_name_stays_a_group() -> None:
    """绩 / 效 / 指 / 标 stacked left of the names names no column (as before)."""
    lines = ["绩", "效 一级指标 二级指标 三级指标 分值 得分", "指", "标"]
    columns = header_columns(lines)
    assert columns is not None
    assert columns[0].role is None
    assert [c.role for c in columns[1:4]] == ["level1", "level2", "level3"]


def test_a_run_of_row_labels_is_cut_into_its_names() -> None:
    """产 / 出 / 指 / 标 three times then 产 / 出 (the page ends): three labels, each at its
    stack's second line below its first, and the start of a fourth."""
    chars = "产出指标" * 3 + "产出"
    toks = [Token(c, k, 0, 1) for k, c in enumerate(chars)]
    got = [(t.text, t.line) for t in stacked_labels(toks)]
    assert got == [("产出指标", 2), ("产出指标", 6), ("产出指标", 10), ("产出", 13)]


def test_a_label_a_blank_line_cuts_is_joined_again() -> None:
    """产 / 出 / (a line of the row's cells only) / 指 / 标 / 产 / 出 (the next row's): the
    run 指标产出 is a label's end and the next one's start, and 产出 above with 指标 below
    is one label (notosans9's second page of the flat print)."""
    lines = [0, 1, 3, 4, 5, 6]
    toks = [Token(c, k, 0, 1) for k, c in zip(lines, "产出指标产出", strict=True)]
    got = [(t.text, t.line) for t in stacked_labels(toks)]
    assert got == [("产出指标", 2), ("产出", 6)]


def test_two_stacks_glued_at_a_lines_start_are_cut_apart() -> None:
    """Noto Sans 11 pt: pdftotext glues the two stacks' characters (产数, 指指, 标标) where
    they stand closer than a word gap; a line near shows both stacks apart (出 量): each
    glued pair is cut into its stacks, and the level-3 name's second line (动), printed a
    space after the pair's end, stands a place further right, in its own column."""
    lines = ["产数", "出 量 中俄技术交流活 3次", "指指 动", "标标"]
    toks = stacked_labels([t for k, x in enumerate(lines) for t in tokens(x, k)])
    got = [(t.text, t.line, t.x0) for t in toks]
    assert ("产出指标", 2, 0) in got
    assert ("数量指标", 2, 2) in got
    assert ("动", 2, 4) in got


def test_a_run_that_is_no_sequence_of_names_stays_whole() -> None:
    """A run that is no sequence of known names (产出指标 then 数量) stays one token."""
    chars = "产出指标数量产出指标"
    toks = [Token(c, k, 0, 1) for k, c in enumerate(chars)]
    assert [t.text for t in stacked_labels(toks)] == [chars]


@pytest.mark.parametrize(
    ("dump", "read"),
    [
        (
            "keji-notosans9-flat-p1.layout.txt",
            [
                "中俄技术交流活动",
                "国际数控机床技术圆桌会",
                "重点领域央企科技创新需求分析",
                "重点领域前沿技术发展趋势分析",
            ],
        ),
        (
            "keji-notosans8narrow-flat-stacked.layout.txt",
            [
                "中俄技术交流活动",
                "国际数控机床技术圆桌会",
                "重点领域央企科技创新需求分析",
                "央企应用场景推进",
                "科技服务业发展研究报告",
                "服务企业数量",
            ],
        ),
    ],
)
def test_flat_rows_with_stacked_labels_read_exactly(dump: str, read: list[str]) -> None:
    form = _form(dump)
    score = score_file([form], _golden(), dump)
    assert (score.emitted_rows, score.exact_rows, score.wrong_rows) == (len(read), len(read), 0)
    rows = form["indicators"]
    # (each row as the golden's, cell by cell; the form's other cells aside: an excerpt)
    want = _golden()[0]["indicators"]
    assert all(r in want for r in rows)
    assert [r["level3"] for r in rows] == read
    assert all((r["level1"], r["level2"]) == ("产出指标", "数量指标") for r in rows)


def test_a_row_whose_label_the_page_break_cut_is_declined() -> None:
    """The page's last row prints 产 / 出 only (指 / 标 on the next page): its label is not
    known here, and the row stays out with its note; so do the rows whose cells' lines lie
    between rows. Where that row prints 数量指标 whole, next to a row read whole under
    产出指标 and 数量指标, its level-1 label is that row's (数量指标 stands under 产出指标
    only; a level-1 cell covers whole level-2 ones): read (keji Noto Sans 9, its row 4)."""
    notes = [n["message"] for n in _form("keji-notosans8narrow-flat-stacked.layout.txt")["notes"]]
    assert "-layout grid: row 13: its level label is not known; left out" in notes
    assert "-layout grid: row 4: a level3 cell's lines lie between rows; left out" in notes
    form = _form("keji-notosans9-flat-p1.layout.txt")
    notes = [n["message"] for n in form["notes"]]
    assert not any("its level label is not known" in m for m in notes)
    assert not any("names no level-1 column" in m for m in notes)
    (row,) = [r for r in form["indicators"] if r["level3"] == "重点领域前沿技术发展趋势分析"]
    assert row in _golden()[0]["indicators"]
