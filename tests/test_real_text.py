"""The text reader on real web-flattened forms (../shared/real) against their hand-made goldens.

The goldens' conventions (../shared/real/golden/README.md): an absent key is not scored, rows in
``indicators_partial`` are not scored, ``garbled`` and ``not_a_form`` files must yield no rows.
Precision first: no emitted row and no filled header cell may differ from the golden.
"""

from __future__ import annotations

import json

import pytest

from golden.score import NO_ROWS_FLAGS, Score, real_text_scores, score_real_form
from selfeval.extract.text import parse_text
from selfeval.extract.text.dump_lines import dump_lines, split_forms, title_text
from selfeval.extract.text.web import ascii_number, is_number, level_label, web_kind
from tests.conftest import REAL


@pytest.fixture(scope="module")
def results():
    assert (REAL / "golden").is_dir(), f"real excerpts missing: {REAL}"
    out = real_text_scores(REAL)
    assert len(out) >= 20
    return out


@pytest.fixture(scope="module")
def total(results) -> Score:
    total = Score()
    for s, _ in results.values():
        total.add(s)
    return total


def test_no_emitted_row_is_wrong(total):
    problems = [p for p in total.problems if " row " in p or "extra" in p]
    assert total.wrong_rows == 0, problems


def test_no_filled_header_cell_is_wrong(total):
    assert total.wrong_cells == 0, total.problems


def test_garbled_and_not_a_form_files_yield_no_rows(results):
    checked = 0
    for stem, (_, forms) in results.items():
        golden = json.loads((REAL / "golden" / f"{stem}.golden.json").read_text("utf-8"))
        goldens = golden if isinstance(golden, list) else [golden]
        if any(g.get(flag) for g in goldens for flag in NO_ROWS_FLAGS):
            checked += 1
            assert not [row for form in forms for row in form["indicators"]], stem
    assert checked >= 8


def test_recall_does_not_fall_below_what_was_measured(total):
    """Regression floors at the figures measured (docs/text-reader.md)."""
    assert total.golden_rows == 72
    assert total.exact_rows >= 65  # 90%: the target
    assert total.exact_cells >= 268  # 91%: the 90% of header cells


@pytest.mark.parametrize("stem", ["001", "009", "033", "039"])
def test_whole_grids_read_exactly(results, stem):
    """Cell per line, paragraphs with row gaps, pipes with a 指标值 column, pipes with 指标N:."""
    score, _ = results[stem]
    assert score.exact_rows == score.golden_rows > 0, score.problems


def test_a_form_on_one_line_is_read_by_its_cells_kinds(results):
    """013: Word metadata, then the whole form on one line, empty cells gone: rows whose
    cells only one split fits are read, the last too, its end shown by the next label's
    start cut off by the text's end (可持续影响)."""
    score, forms = results["013"]
    assert score.exact_rows == score.golden_rows == 8 and score.wrong_rows == 0
    assert forms[0]["project_name"] == "村级补助及运转经费"


def test_sub_item_rows_print_only_their_target_and_actual(results):
    """017's 其中 sub-rows print no 分值 or 得分: their two cells are the target and actual."""
    score, forms = results["017"]
    assert score.exact_rows == score.golden_rows == 14 and score.wrong_rows == 0
    sub = [r for r in forms[0]["indicators"] if r["level3"].startswith("其中")]
    assert len(sub) == 7 and all(r["weight"] is None and r["score"] is None for r in sub)


def test_rows_left_out_are_named_in_notes(results):
    """017 is cut off at its 满意 label: the row is left out with a note, the form incomplete."""
    _, forms = results["017"]
    notes = [n for n in forms[0]["notes"] if n.get("section") == "indicators"]
    assert any("满意" in (n.get("text") or "") for n in notes)
    assert forms[0]["complete"] is False


def test_a_partial_golden_row_is_wrong_only_where_a_settled_field_differs():
    want = {
        "title": "表",
        "indicators": [],
        "indicators_partial": [{"level1": "产出指标", "level3": "甲", "target": "1个"}],
    }
    base = {"level1": "产出指标", "level2": "数量指标", "level3": "甲", "actual": "1个"}
    same = score_real_form({"indicators": [{**base, "target": "1个"}]}, want)
    assert (same.emitted_rows, same.wrong_rows) == (0, 0)
    other = score_real_form({"indicators": [{**base, "target": "2个"}]}, want)
    assert (other.emitted_rows, other.wrong_rows) == (1, 1)


@pytest.mark.parametrize(
    ("line", "title"),
    [
        ("绩效目标自评表 | ||||||||||", "绩效目标自评表"),
        ("部门预算项目支出绩效自评表(2023年度) |", "部门预算项目支出绩效自评表"),
        ("文档介绍:项目支出绩效自评表", "项目支出绩效自评表"),
        ("附件3:", None),
        ("转移支付区域(项目)绩效目标自评表 (2021)", "转移支付区域(项目)绩效目标自评表"),
        ("2022年度项目支出绩效自评表(昌龙鸿运)", None),  # a page caption, not the form's title
        ("2022年度项目支出绩效自评表", "2022年度项目支出绩效自评表"),
    ],
)
def test_title_lines(line, title):
    assert title_text(line) == title


def test_a_headline_repeating_the_title_starts_no_form():
    text = "2021年林业局部门整体支出绩效自评表\n2022-04-07 来源: 林业局\n部门整体支出绩效自评表\n项目名称 甲\n"
    forms = split_forms(dump_lines(text))
    assert len(forms) == 1 and forms[0][0].text == "部门整体支出绩效自评表"


def test_flattenings_are_told_apart():
    pipes = "\n".join(["项目名称 | 甲 | 主管部门 | 乙 | |||"] * 6)
    cells = "\n".join(["项目名称 |", "甲 |", "|", "主管部门 |", "乙 |", "|"])
    rows = "甲\n\n乙\n\n\n\n\n丙\n\n丁\n\n\n\n\n" * 6
    assert web_kind(pipes) == "pipes"
    assert web_kind(cells) == "cells"
    assert web_kind(rows) == "paragraphs"
    assert web_kind("项目名称 甲\n\n主管部门 乙\f") is None


def test_full_width_digits_read_as_numbers_text_kept_as_printed():
    assert is_number("１２.５") and is_number("９５％") and ascii_number("９５％") == "95%"
    text = (
        "项目支出绩效自评表 |\n(2022年度) |\n"
        "一级指标 | 二级指标 | 三级指标 | 年度指标值 | 实际完成值 | 分值 | 得分 | 偏差原因分析及改进措施 |\n"
        "产出指标 | 数量指标 | 培训人数 | ≥１００人 | １２０人 | １０ | ９.５ | |||\n"
        "合计 | １００ | ９.５ |\n" + "|\n" * 4
    )
    (form,) = parse_text(text)
    (row,) = form.indicators
    assert (row.weight.text, row.score.text, row.target.text) == ("１０", "９.５", "≥１００人")
    assert form.year.text == "2022" and form.total.weight.text == "１００"


def test_level_labels():
    assert level_label("产 出 指 标 (50分)") == "l1"
    assert level_label("数量指标") == "l2"
    assert level_label("满意度指标") == "either"
    assert level_label("社会效益效益指标") == "l2"
    assert level_label("指标1:开展精品示范村建设数量") is None


def test_a_page_that_lost_cells_first_characters_yields_no_row(results):
    """021 prints its grid header and labels in paragraph pieces (年度 / 指标值, 数量 / 指标),
    which are read; but the page lost the first character of some cells (30分), 育补助 for
    抚育补助), so no row is certain: each is left out with a note."""
    score, forms = results["021"]
    assert score.emitted_rows == 0 and forms[0]["complete"] is False
    notes = [n["message"] for n in forms[0]["notes"] if n.get("section") == "indicators"]
    assert any("造林面积" in m and "lost the first character" in m for m in notes)


def test_a_grid_with_placeholder_rows_and_rows_printed_short_gives_its_certain_rows(results):
    """035 (Anhui template, a row per line): 指标2: / …… placeholder rows are passed over;
    rows printing only their name and two numbers are left out with a note, yet they keep
    row order, so the certain rows are given: 满意度指标 (10分) over 服务对象 / 满意度指标."""
    score, forms = results["035"]
    assert score.exact_rows == score.golden_rows == 1 and score.wrong_rows == 0
    assert forms[0]["complete"] is False
    declined = [n for n in forms[0]["notes"] if "could not be told apart" in n["message"]]
    assert len(declined) == 6


@pytest.mark.parametrize("stem", ["001", "017", "039"])
def test_the_funds_blocks_money_unit_is_read(results, stem):
    """项目资金 / (万元), 资金情况 (万元), 预算执行情况(10分) / 年度预算数(万元): 万元."""
    _, forms = results[stem]
    assert forms[0]["amount_unit"] == "万元"
