"""-layout placeholder rows: a template's unfilled row (指标1:  /  /  /  /) and the …… below it.

A page read by its bands (no header of its own) leaves a narrow / unsure: it fills no band.
On a line whose value cells all print a placeholder, each / lying within one value column's
printed texts alone goes there (``layout_unscored.place_slashes``); 分值 and 得分 then both
print /, and the line anchors its row as an unscored row's.
A …… right below such a row's bare name (指标1:) is a placeholder row of its own when the
level-3 column's widest name holds both on one line: the name did not wrap there
(``layout_unscored.dots_below_unscored``).
Labels printed once per row, placeholder rows among the rows, are merged over the
placeholder rows: those take the labels the readings give them, where the readings give
the rows the same labels (``layout_labels._labels``).
"""

from __future__ import annotations

from typing import Any

from selfeval.extract.text.layout_tokens import Token
from selfeval.extract.text.layout_unscored import dots_below_unscored, place_slashes
from tests.conftest import GOLDEN, SAMPLES
from tests.conftest import golden_rows as _golden
from tests.conftest import layout_rows as _read

Row = dict[str, Any]
_STEM = "2022-anhui-tianchang-shuihan-fangyu-xlsx"


def test_an_unfilled_row_on_a_headerless_page_anchors_and_the_rows_around_it_are_read():
    """tianchang (spreadsheet), page 2: 生态效益指标's 指标1: / / / / row and its …… are
    read as the golden holds them, and so are 社会效益's and 可持续影响's rows around it. The
    page's first ……, its level-2 label in doubt on the page alone (经济效益 or 社会效益), is
    经济效益's once the break above is known shut (page 1's last row is 成本指标's); the
    …… under 可持续影响指标 takes (30分), the level-1 label of the row beside it in its
    level-2 block."""
    got, notes = _read(SAMPLES / "dumps" / f"{_STEM}.layout.txt")
    want = _golden(GOLDEN / f"{_STEM}.json")
    assert all(r in want for r in got)
    page2 = [(r["level2"], r["level3"]) for r in got if r["level1"] in ("(30分)", "(10分)")]
    assert page2 == [
        ("经济效益指标", "指标1:全市安全度汛"),
        ("经济效益指标", "……"),
        ("社会效益指标", "指标1:保护全市人口财产不受损失"),
        ("社会效益指标", "……"),
        ("生态效益指标", "指标1:"),
        ("生态效益指标", "……"),
        ("可持续影响指标", "指标1:已建工程良性运行"),
        ("可持续影响指标", "……"),
        ("服务对象满意度指标", "指标1:服务对象满意度"),
        ("服务对象满意度指标", "……"),
    ]
    slashes = [r for r in got if r["level3"] == "指标1:"]
    assert [(r["target"], r["actual"], r["weight"], r["score"]) for r in slashes] == [
        ("/", "/", "/", "/")
    ]
    # every row of the sheet is read now, the page 1's last …… (成本指标's) too
    assert len(got) == len(want)
    assert not any(n.endswith("left out") and " row " in n for n in notes)
    assert not any("生态效益指标" in n or "lie between rows" in n for n in notes)


def _t(text: str, line: int, x0: int) -> Token:
    return Token(text, line, x0, x0 + len(text))


def _band_columns() -> dict[str, list[Token]]:
    return {
        "level3": [_t("指标1:全市安全度", 0, 17), _t("指标1:", 2, 19)],
        "target": [_t("安全度汛", 0, 31), _t("/", 2, 32)],
        "actual": [_t("达成预期指标", 0, 40)],
        "weight": [_t("10", 0, 51)],
        "score": [_t("10", 0, 57)],
    }


def test_slashes_go_to_the_value_columns_they_lie_within():
    by_col = _band_columns()
    unsure = [_t("/", 2, 44), _t("/", 2, 52), _t("/", 2, 57)]
    assert place_slashes(by_col, unsure) == []
    assert [(t.text, t.line) for t in by_col["weight"]] == [("10", 0), ("/", 2)]
    assert [(t.text, t.line) for t in by_col["score"]] == [("10", 0), ("/", 2)]
    assert [(t.text, t.line) for t in by_col["actual"]] == [("达成预期指标", 0), ("/", 2)]


def test_slashes_stay_unsure_beside_a_value_or_outside_every_column():
    # a number on the line: not an unscored row's
    by_col = _band_columns()
    by_col["actual"].append(_t("100%", 2, 42))
    unsure = [_t("/", 2, 52), _t("/", 2, 57)]
    assert place_slashes(by_col, unsure) == unsure
    # a slash between the 分值 and 得分 columns' texts: no column's for certain
    by_col = _band_columns()
    unsure = [_t("/", 2, 44), _t("/", 2, 55), _t("/", 2, 57)]
    assert place_slashes(by_col, unsure) == unsure
    assert [t.line for t in by_col["weight"]] == [0]


def test_dots_below_a_bare_name_are_a_row_only_where_the_name_would_not_have_wrapped():
    def columns(widest: str) -> dict[str, list[Token]]:
        return {
            "level2": [_t("生态效益", 2, 10), _t("指标", 3, 11)],
            "level3": [_t(widest, 0, 17), _t("指标1:", 2, 19), _t("……", 3, 20)],
            "weight": [_t("10", 0, 51), _t("/", 2, 52)],
            "score": [_t("10", 0, 57), _t("/", 2, 57)],
        }

    by_col = columns("指标1:全市安全度")
    assert [(t.text, t.line) for t in dots_below_unscored(by_col, [], [0, 2])] == [("……", 3)]
    assert [t.text for t in by_col["level3"]] == ["指标1:全市安全度", "指标1:"]
    # a column no wider than 指标1: plus ……: the name may have wrapped there
    by_col = columns("指标1:全")
    assert dots_below_unscored(by_col, [], [0, 2]) == []
    # a 得分 printed as a number: no unscored row's
    by_col = columns("指标1:全市安全度")
    by_col["score"][1] = _t("8", 2, 57)
    assert dots_below_unscored(by_col, [], [0, 2]) == []
