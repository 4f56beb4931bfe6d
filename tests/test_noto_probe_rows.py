"""Chromium prints in styles and pdftotext settings no committed variant uses (a probe of
85 dumps found a wrong row in each of these): each row read is the golden's, and what
cannot be placed is left out with a note."""

from __future__ import annotations

from typing import Any

from selfeval.extract.text.columns import _cells_doubt, _level2_names_in_level1
from selfeval.extract.text.layout_labels import two_labels
from selfeval.extract.text.layout_tokens import Token
from tests.conftest import GOLDEN, ROOT
from tests.conftest import golden_rows as _golden
from tests.conftest import layout_rows as _read

NOTO = ROOT / "tests" / "data" / "noto"


def _rows(dump: str, stem: str) -> tuple[list[dict[str, Any]], list[str], list[dict[str, Any]]]:
    got, notes = _read(NOTO / dump)
    return got, notes, _golden(GOLDEN / f"{stem}.json")


def test_numbers_a_column_right_of_their_header_names_give_no_row() -> None:
    """guangan in Noto Serif 9 pt, flat: the cramped header centres its names a column left
    of their cells, so a row's 度量单位 (%) read as its actual value, the actual as 分值, and
    分值 and 得分 as 得分 and 偏差原因: a reason is words, never a bare number, and such a
    row is left out, noted."""
    got, notes, want = _rows(
        "guangan-notoserif9-flat.layout.txt", "2023-sichuan-guangan-xiangcun-jiaoshi-html"
    )
    assert all(r in want for r in got)
    assert not [r for r in got if r["level3"] in ("补助资金发放准确率", "补助按月发放及时率")]
    assert any("its deviation is a bare number" in n for n in notes)


def test_a_level_cell_holding_two_labels_is_cut_by_the_vocabulary_or_gives_no_row() -> None:
    """chengan in Noto Sans 10 pt, cells at their tops, flat: 质量指标 printed a place after
    产出指标 is read into the level-1 column. A whole level-1 label and a whole level-2 label
    the vocabulary lets stand under it are the row's two labels, and the row is read, exact
    (before, its cell held 产出指标 质量指标 and the row was left out). Where the level-2
    column holds text on the line too (高龄津贴制度持续运行, printed one space after 效益指标
    可持续影响指标, left of its place), or the vocabulary does not pair the two (效益指标
    数量指标), they stay in one cell, whose row is left out, noted."""
    got, notes, want = _rows(
        "chengan-notosans10top-flat.layout.txt", "2020-hebei-cheng-an-gaoling-jintie-html"
    )
    assert all(r in want for r in got)
    assert [r["level2"] for r in got if r["level3"] == "符合条件申报对象覆盖率"] == ["质量指标"]
    assert not [r for r in got if r["level3"] == "高龄津贴制度持续运行"]
    assert any("row 6: its level label holds two labels" in n for n in notes)
    by_col = {"level1": [Token("效益指标", 3, 0, 4), Token("数量指标", 3, 5, 9)]}
    _level2_names_in_level1(by_col)
    assert [t.text for t in by_col["level1"]] == ["效益指标", "数量指标"]
    assert "level2" not in by_col or not by_col["level2"]
    assert two_labels("效益指标 数量指标")


def test_a_name_of_one_character_gives_no_row() -> None:
    """laoting in Noto Sans 12 pt: 服务对象满意 / 度's first line went to the row the page
    break cut, leaving 度: no indicator is named by one character, so the row is left out,
    noted (on that page, the rows beside the text no column took are in doubt too, and the
    page's labels then cannot be told: its rows are left out, noted)."""
    got, notes, want = _rows(
        "laoting-notosans12.layout.txt", "err-recompute-2021-hebei-laoting-shangpin-jiance-html"
    )
    assert all(r in want for r in got)
    assert "度" not in [r["level3"] for r in got]
    assert any("left out" in n for n in notes)
    assert len(got) >= 4
    cells = {"level3": "度", "target": "≥90%", "actual": "95%", "weight": "10", "score": "10"}
    assert _cells_doubt(cells, "≥90%") == "its level-3 name is one character"
    assert _cells_doubt({**cells, "level3": "满意度"}, "≥90%") is None
