"""-layout text between two columns: placed only where the page's certain cells leave it one
column (layout_places), else declined with a note."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

import selfeval.extract as extract
from selfeval.extract.text.columns import _label_piece
from selfeval.extract.text.layout_gutters import split_by_line_order
from selfeval.extract.text.layout_pages import by_order
from selfeval.extract.text.layout_places import columns_by_place
from selfeval.extract.text.layout_stacks import place_stacks
from selfeval.extract.text.layout_tokens import LayoutColumn, Token, placed_pieces, tokens
from tests.conftest import GOLDEN, SAMPLES


@dataclass
class Tok:
    text: str
    x0: int
    x1: int


def _read(stem: str) -> tuple[dict[str, Any], dict[str, Any]]:
    """The first form read from a corpus -layout dump and the first of its golden."""
    form = extract.read(SAMPLES / "dumps" / f"{stem}.layout.txt")[0]
    golden = json.loads((GOLDEN / f"{stem}.json").read_text("utf-8"))[0]
    return form.to_dict(), golden


def _rows(form: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {row["level3"]: row for row in form["indicators"]}


# blocks: 0 a name, 1 an operator, 2 a target, 3 a unit, 4 an actual value (certain, in
# columns 2 to 6), 5 in doubt
_HELD = [
    [Tok("实施学校数", 17, 22)],
    [Tok("≧", 30, 31)],
    [Tok("132", 35, 38)],
    [Tok("所", 44, 45)],
    [Tok("132所", 54, 58)],
    [Tok("有效改", 34, 37), Tok("善", 35, 36)],
]
_PLACED = {0: 2, 1: 3, 2: 4, 3: 5, 4: 6}


def test_a_block_over_one_allowed_columns_places_goes_there() -> None:
    assert columns_by_place(_HELD, {5: {3, 4, 5}}, _PLACED) == {5: 4}


def test_a_block_is_not_placed_where_an_allowed_column_shows_no_certain_cell() -> None:
    without_operator = {k: v for k, v in _PLACED.items() if v != 3}
    assert columns_by_place(_HELD, {5: {4, 5}}, without_operator) == {5: 4}
    assert columns_by_place(_HELD, {5: {3, 4, 5}}, without_operator) == {}


def test_a_block_over_two_columns_places_or_only_a_forbidden_ones_stays_in_doubt() -> None:
    wide = [*_HELD[:5], [Tok("有效改善明显提高", 34, 46)]]
    assert columns_by_place(wide, {5: {4, 5}}, _PLACED) == {}
    # over the target's places, but the order allows only the unit or the actual value
    assert columns_by_place(_HELD, {5: {5, 6}}, _PLACED) == {}


def test_text_targets_around_their_rows_line_are_read_exactly() -> None:
    """有效改 / 善 above and below the row's numbers, in no column by the page's order alone
    (the operator's, the target's or the unit's): the target's places only."""
    form, golden = _read("2022-yunnan-changning-yingyang-gaishan-xlsx")
    got, want = _rows(form), _rows(golden)
    for name in ("学生营养状况", "营养改善长效机制"):
        assert got[name] == want[name]
    assert form["indicators"] == golden["indicators"]
    form, golden = _read("2024-sichuan-meishan-nongcun-gonglu-xlsx")
    got, want = _rows(form), _rows(golden)
    for name in ("每公里日常养护成本", "沿线群众满意度"):  # beside 明显改 / 善 and 持续完 / 善
        assert got[name] == want[name]


def test_a_name_over_a_level_labels_places_goes_where_its_run_starts() -> None:
    """农村公路管养长 stands over the level-2 labels' places as well as the names': by its
    places alone in doubt, it starts a run where the page's certain names start theirs
    (layout_pages ``_by_runs``): it and the row above it, whose lines it might hold, are
    read exactly, and so is the whole form."""
    form, golden = _read("2024-sichuan-meishan-nongcun-gonglu-xlsx")
    got, want = _rows(form), _rows(golden)
    for name in ("农村公路管养长效机制", "农村群众出行条件"):
        assert got[name] == want[name]
    assert form["indicators"] == golden["indicators"]
    assert not any("'农村公路管养长' lies between two columns" in n for n in _notes(form))


def _notes(form: dict[str, Any]) -> list[str]:
    return [n if isinstance(n, str) else n["message"] for n in form["notes"]]


@dataclass
class LineTok:
    text: str
    line: int
    x0: int
    x1: int


_ROLES = ["level1", "level2", "level3", "target", "actual", "weight", "score"]


def _line(*texts: tuple[str, int, str]) -> dict[str, list[LineTok]]:
    by_col: dict[str, list[LineTok]] = {}
    for text, x0, role in texts:
        by_col.setdefault(role, []).append(LineTok(text, 4, x0, x0 + len(text)))
    return by_col


def _texts(by_col: dict[str, list[LineTok]]) -> dict[str, list[str]]:
    return {role: [t.text for t in toks] for role, toks in by_col.items() if toks}


def test_two_texts_between_the_name_and_the_numbers_are_the_two_columns_there() -> None:
    by_col = _line(
        ("补助资格合规性", 14, "level3"),
        ("合规", 28, "target"),
        ("达成预期指标", 36, "target"),
        ("8", 65, "weight"),
        ("8", 71, "score"),
    )
    split_by_line_order(by_col, _ROLES)
    assert _texts(by_col) == {
        "level3": ["补助资格合规性"],
        "target": ["合规"],
        "actual": ["达成预期指标"],
        "weight": ["8"],
        "score": ["8"],
    }


def test_texts_after_level_labels_are_bounded_by_the_names_lines_around_them() -> None:
    """No name on the row's line: the name's lines above and below it, all ending before
    the texts start, show the texts are none of the name's (a cell's lines overlap)."""
    by_col = _line(
        ("质量指标", 8, "level2"),
        ("严格执行相关制度规定", 23, "target"),
        ("达成预期指标", 36, "target"),
        ("8", 65, "weight"),
        ("8", 71, "score"),
    )
    by_col["level3"] = [LineTok("经费审批流程规范", 3, 13, 21), LineTok("性", 5, 17, 18)]
    split_by_line_order(by_col, _ROLES)
    assert _texts(by_col)["target"] == ["严格执行相关制度规定"]
    assert _texts(by_col)["actual"] == ["达成预期指标"]


_PARTS = ["level1", "level2", "level3", "target.op", "target.value", "target.unit", "actual"]
_PARTS += ["weight", "score"]


def test_every_text_between_the_name_and_the_numbers_is_counted() -> None:
    """≤ 3 % 2.1 between 乡村教师流失率 and 15 15: four texts for the operator's, the
    value's, the unit's and the actual value's columns (3 nearer the unit's name)."""
    by_col = _line(
        ("乡村教师流失率", 12, "level3"),
        ("≤", 32, "target.op"),
        ("3", 42, "target.unit"),
        ("%", 47, "target.unit"),
        ("2.1", 56, "actual"),
        ("15", 65, "weight"),
        ("15", 70, "score"),
    )
    split_by_line_order(by_col, _PARTS)
    assert _texts(by_col) == {
        "level3": ["乡村教师流失率"],
        "target.op": ["≤"],
        "target.value": ["3"],
        "target.unit": ["%"],
        "actual": ["2.1"],
        "weight": ["15"],
        "score": ["15"],
    }


def test_a_name_and_the_next_cells_text_one_space_apart_are_two_cells() -> None:
    by_col = _line(
        ("法律援助案件质量", 11, "level3"),
        ("员过错导致的投诉,受援", 20, "level3"),
        ("率96.8%,无有效投", 32, "target"),
        ("7", 63, "weight"),
        ("7", 71, "score"),
    )
    split_by_line_order(by_col, _ROLES)
    assert _texts(by_col)["level3"] == ["法律援助案件质量"]
    assert _texts(by_col)["target"] == ["员过错导致的投诉,受援"]
    assert _texts(by_col)["actual"] == ["率96.8%,无有效投"]


def test_texts_a_gutter_apart_stay_where_the_line_does_not_bound_them() -> None:
    # no name on the line nor around it: the level-2, level-3, target and actual columns
    # lie between the label and the numbers
    no_name = _line(
        ("质量指标", 8, "level2"),
        ("严格执行相关制度规定", 23, "target"),
        ("达成预期指标", 36, "target"),
        ("8", 65, "weight"),
        ("8", 71, "score"),
    )
    # a name's line around it reaches over the first text: that text may be the name's
    reaching = _line(
        ("合规", 28, "target"),
        ("达成预期指标", 36, "target"),
        ("8", 65, "weight"),
        ("8", 71, "score"),
    )
    reaching["level3"] = [LineTok("补助资格合规性审查办法", 3, 14, 29)]
    # the numbers stand a column aside (the whole line drawn right): they bound nothing
    drawn = _line(
        ("总预算控制数", 11, "level3"),
        ("375.5442万元", 40, "actual"),
        ("10", 55, "actual"),
        ("10", 61, "weight"),
    )
    # a level label's piece first in the name's column: the name's place is not known
    label = _line(
        ("质量指标", 4, "level3"),
        ("补助资格合规性", 14, "level3"),
        ("达成预期指标", 36, "target"),
        ("8", 65, "weight"),
        ("8", 71, "score"),
    )
    for by_col in (no_name, reaching, drawn, label):
        before = _texts(by_col)
        split_by_line_order(by_col, _ROLES)
        assert _texts(by_col) == before


def test_a_target_and_an_actual_value_drawn_into_one_column_are_read_exactly() -> None:
    form, golden = _read("err-funds-misplaced-2022-anhui-guichi-cunji-buzhu-xlsx")
    got, want = _rows(form), _rows(golden)
    for name in ("补助资格合规性", "经费审批流程规范性", "补助经费到位及时性", "项目总成本"):
        assert got[name] == want[name]
    assert not any("gutter apart" in n for n in _notes(form))


def test_a_value_nearer_the_units_name_is_read_exactly() -> None:
    form, golden = _read("err-budget-score-2023-sichuan-guangan-xiangcun-jiaoshi-xlsx")
    assert form["indicators"] == golden["indicators"]
    assert form["complete"] is True


def test_a_rows_lines_drawn_a_column_left_alike_are_read_exactly() -> None:
    """The target's lines of 法律援助案件质量 stand under the names' places, its actual
    value's under the target's, every line starting at its row's line's target: read by
    the row's line's order. 矛盾纠纷化解成效's target stacked at that place around its
    row's line, which holds none of it: read as the one column left there."""
    form, golden = _read("2022-beijing-chaoyang-falv-fuwu-xlsx")
    assert form["indicators"] == golden["indicators"]
    assert not any("lies between two columns" in n for n in _notes(form))


def _drawn_row(*below: tuple[str, int, str]) -> dict[str, list[LineTok]]:
    """法律援助案件质量's row line drawn left (its target under the names' places), a line
    of the target's and the actual value's above it, and the lines ``below``."""
    lines = [
        (3, [("到95%以上,无因承办人", 20, "target"), ("案件质量评查合格", 33, "target")]),
        (4, [("法律援助案件质量", 11, "level3"), ("员过错导致的投诉,受援", 20, "level3")]),
        (4, [("率96.8%,无有效投", 32, "target"), ("7", 63, "weight"), ("7", 71, "score")]),
        (5, list(below)),
    ]
    by_col: dict[str, list[LineTok]] = {}
    for no, texts in lines:
        for text, x0, role in texts:
            by_col.setdefault(role, []).append(LineTok(text, no, x0, x0 + len(text)))
    return by_col


def test_a_rows_other_lines_drawn_alike_go_by_its_lines_order() -> None:
    by_col = _drawn_row(("人合法权益得到有效维", 20, "level3"), ("诉", 31, "target"))
    unsure = [LineTok("案件质量评查合格率达", 2, 20, 30)]
    split_by_line_order(by_col, _ROLES, unsure)
    assert unsure == []
    assert _texts(by_col)["level3"] == ["法律援助案件质量"]
    assert sorted(_texts(by_col)["target"]) == sorted(
        [
            "到95%以上,无因承办人",
            "员过错导致的投诉,受援",
            "案件质量评查合格率达",
            "人合法权益得到有效维",
        ]
    )
    assert sorted(_texts(by_col)["actual"]) == sorted(
        ["案件质量评查合格", "率96.8%,无有效投", "诉"]
    )


def test_a_rows_other_lines_fitting_no_one_shift_stay_as_they_were() -> None:
    # a line of three texts for two columns; a line whose first text starts elsewhere
    # (the name's text reaching it); a line's text running past the row's texts
    for below in (
        [("人合法权益", 20, "level3"), ("得到有效维", 27, "target"), ("诉", 34, "target")],
        [("人合法权", 16, "level3"), ("得到有效维", 20, "level3"), ("诉", 31, "target")],
        [("人合法权益得到有效维护受援人满", 20, "level3"), ("意度诉讼案件", 40, "target")],
    ):
        by_col = _drawn_row(*below)
        split_by_line_order(by_col, _ROLES, [])
        assert _texts(by_col)["target"][:2] == ["到95%以上,无因承办人", "案件质量评查合格"]
        assert _texts(by_col)["actual"] == ["率96.8%,无有效投"]


def _page(date: str) -> list[Token]:
    rows = [
        ("无公害防治率", 13, "≥90%", 30, "93%", 44),
        ("疫木除治完成时间", 11, date, 27, "2021年4月18日", 41),
        ("疫木除治单株成本", 11, "≤60元", 30, "57元", 44),
    ]
    toks = []
    for line, (name, x_name, target, x_target, actual, x_actual) in enumerate(rows):
        for text, x0 in ((name, x_name), (target, x_target), (actual, x_actual)):
            toks.append(Token(text, line, x0, x0 + len(text)))
        toks += [Token("7", line, 55, 56), Token("7", line, 62, 63)]
    return toks


def test_a_wide_text_of_no_space_goes_by_its_columns_places() -> None:
    """2021年4月20日前, wider than its column's other texts, may hold the next column's text
    one space on; holding no space it is one text, and only the target's places are under
    it (the actual value's 2021年4月18日 only the actual's)."""
    got = by_order(_page("2021年4月20日前"), _ROLES, _label_piece)
    assert got is not None and not got.unsure
    assert sorted(t.text for t in got.by_role["target"]) == ["2021年4月20日前", "≤60元", "≥90%"]
    assert "2021年4月18日" in [t.text for t in got.by_role["actual"]]


def test_a_wide_text_with_a_space_stays_in_doubt() -> None:
    got = by_order(_page("2021年4月 20日前"), _ROLES, _label_piece)
    assert got is not None
    assert [t.text for t in got.unsure] == ["2021年4月 20日前"]


def test_a_wide_date_between_the_name_and_the_actual_value_is_read_exactly() -> None:
    form, golden = _read("2021-hunan-lingling-youhai-shengwu-xlsx")
    assert _rows(form)["疫木除治完成时间"] == _rows(golden)["疫木除治完成时间"]
    assert not any("between two columns" in n for n in _notes(form))


_XIAOXIAN = [
    LayoutColumn("level3", 18, 22, printed_x1=26),
    LayoutColumn("weight", 25, 26, printed_x1=27),
    LayoutColumn("target", 29, 34, printed_x1=39),
    LayoutColumn("actual", 44, 49, printed_x1=54),
    LayoutColumn("score", 57, 58, printed_x1=59),
]


def _pieces(text: str) -> list[tuple[str, str | None]]:
    token = Token(text, 0, 25, 25 + len(text))
    return [(p.text, c.role if c else None) for p, c in placed_pieces(token, _XIAOXIAN)]


def test_a_weight_and_a_target_one_space_apart_are_cut_with_the_targets_unit_kept() -> None:
    """10 ≥11.376 万元: a 分值 one space before the target, whose unit an autospace sets
    apart: the target's two pieces are one text."""
    assert _pieces("10 ≥11.376 万元") == [("10", "weight"), ("≥11.376 万元", "target")]


def test_two_pieces_of_one_column_apart_by_no_autospace_leave_the_token_whole() -> None:
    assert _pieces("10 完成4 2021年") == [("10 完成4 2021年", None)]


def test_a_space_an_autospace_would_not_leave_alone_parts_two_cells() -> None:
    """An autospace sets a run of Latin letters or digits apart from the Chinese on both
    sides (册企业 189 家, 2020 年). One space before such a run that the Chinese after it
    touches (研 2021年: seed_html_noto, 科技服务业发展研 / 2021年11月15日前完 one space apart)
    is no autospace: two cells' text, cut as a space between Chinese characters is. A run
    ending in a full stop (成为 1.氢能: Word sets no space after it) stays whole."""

    def texts(line: str) -> list[str]:
        return [t.text for t in tokens(line, 0)]

    assert texts("科技服务业发展研 2021年11月15日前完") == [
        "科技服务业发展研",
        "2021年11月15日前完",
    ]
    assert texts("国际数控机床技术 2021年10月前完成 2021年10月前") == [
        "国际数控机床技术",
        "2021年10月前完成",
        "2021年10月前",
    ]
    assert texts("营造服务业开放的创 二氧化碳捕集与利用") == [
        "营造服务业开放的创",
        "二氧化碳捕集与利用",
    ]
    for whole in ("册企业 189 家，较 2020 年同期", "成为 1.氢能——10-20", "计划 2021 年 11 月 15"):
        assert texts(whole) == [whole]
    # (where the places stand: the second text starts one place after the first ends)
    (a, b) = tokens("  科技服务业发展研 2021年", 3)
    assert (a.x0, a.x1, b.x0, b.line) == (2, 10, 11, 3)


def test_a_weight_run_into_the_target_is_read_exactly() -> None:
    stem = "err-total-weight-2023-anhui-xiaoxian-tezhong-zhongyang-docx"
    form, golden = _read(stem)
    name = "特色产业带动增加受益农户收入(总收入)"
    assert _rows(form)[name] == _rows(golden)[name]
    assert not any("grid" in n and "between two columns" in n for n in _notes(form))


def _stacked(name_x1: int = 19, *, anchors: tuple[int, ...] = (4,)) -> dict[str, list[LineTok]]:
    """矛盾纠纷化解成效's row: its target's lines stacked at place 20 over and under its
    line (lines 1 to 7), the actual value on its line, the numbers on the ``anchors``."""
    by_col: dict[str, list[LineTok]] = {
        "level3": [LineTok("矛盾纠纷化解成效"[: name_x1 - 11], 4, 11, name_x1)],
        "actual": [LineTok("调解成功率93.5%", 4, 47, 57)],
        "weight": [LineTok("15", no, 62, 64) for no in anchors],
        "score": [LineTok("15", no, 71, 73) for no in anchors],
    }
    by_col["level3"] += [LineTok("纷激化,维护社会和谐稳", 5, 20, 31), LineTok("定", 7, 20, 21)]
    return by_col


def _stack_unsure() -> list[LineTok]:
    return [LineTok("调解成功率不低于95%,", 1, 20, 32), LineTok("有效预防和减少民间纠", 3, 20, 30)]


def test_a_cells_lines_stacked_around_its_rows_line_go_to_the_one_column_left() -> None:
    by_col, unsure = _stacked(), _stack_unsure()
    place_stacks(by_col, _ROLES, unsure)
    assert unsure == []
    assert _texts(by_col)["level3"] == ["矛盾纠纷化解成效"]
    assert sorted(t.line for t in by_col["target"]) == [1, 3, 5, 7]


def test_a_stack_the_rows_line_does_not_bound_stays_in_doubt() -> None:
    # the name reaching the stack's edge; the stack around two rows' lines or none;
    # two columns left between the name and the first text right of the stack
    no_actual = _stacked()
    del no_actual["actual"]
    # names' column text off the name's places around it; two texts before it on the row's line
    astray, two = _stacked(), _stacked(15)
    astray["level3"].append(LineTok("调解成", 2, 5, 8))
    two["level3"].append(LineTok("成效", 4, 16, 18))
    cases = (_stacked(21), _stacked(anchors=(2, 6)), _stacked(anchors=(9,)), no_actual)
    for by_col in (*cases, astray, two):
        unsure = _stack_unsure()
        place_stacks(by_col, _ROLES, unsure)
        assert len(unsure) == 2
        assert "target" not in by_col
