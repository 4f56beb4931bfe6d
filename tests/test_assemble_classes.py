"""The assembly's mechanisms for the failure classes of forms made elsewhere (issue 13), on
hand-made engine-neutral grids: each test is the class, not one file of it.

The validation PDFs (tests/test_validation_pdf.py) are the judge; these pin each mechanism
on its own so a change that breaks one names it.
"""

from __future__ import annotations

from selfeval.extract.assemble import assemble
from selfeval.extract.checks import check_reading
from selfeval.extract.vocabulary import split_contact
from tests.test_pdf_assemble import cells, head_rows, line, page, table, total

ROW = ("10", "10", None)
TITLE = line("项目支出绩效自评表", 40)


def _label_cell(tab, row: int, col: int):
    return next(c for c in tab.cells if (c.row, c.col) == (row, col))


def test_a_label_cut_by_a_page_break_belongs_to_the_rows_on_both_pages() -> None:
    """Calc prints a merged label once, in the middle of the whole merge: here on page 2. The
    outer rules stay open under the page-1 piece and over the page-2 piece."""
    first = table(
        head_rows(2)
        + [
            cells(None, None, "甲", "1次", "1次", *ROW, spans={0: (1, 2), 1: (1, 2)}),
            cells("乙", "1次", "1次", *ROW),
        ]
    )
    second = table(
        [
            cells("指标", "产出指标", "数量指标", "丙", "1次", "1次", *ROW),
            total("30", "30"),
        ],
        top=60,
    )
    for col in (1, 2):
        _label_cell(first, 3, col).open_bottom = True
        _label_cell(second, 0, col).open_top = True
    form = assemble([page(1, TITLE, first), page(2, second)])[0]
    got = [(r.level1.text, r.level2.text, r.level3.text) for r in form.indicators]
    assert got == [("产出指标", "数量指标", name) for name in "甲乙丙"]


def test_pieces_of_a_cut_label_printed_on_both_pages_are_joined() -> None:
    """Writer paints what fits at the top of each piece: 产出 on page 1, 指标 on page 2."""
    first = table(head_rows(1) + [cells("产出", "数量指标", "甲", "1次", "1次", *ROW)])
    second = table([cells(None, "指标", "数量指标", "乙", "1次", "1次", *ROW), total("20", "20")])
    _label_cell(first, 3, 1).open_bottom = True
    _label_cell(second, 0, 1).open_top = True
    form = assemble([page(1, TITLE, first), page(2, second)])[0]
    assert [r.level1.text for r in form.indicators] == ["产出指标", "产出指标"]


def test_a_closed_label_cell_on_the_next_page_is_a_label_of_its_own() -> None:
    first = table(head_rows(1) + [cells("产出指标", "数量指标", "甲", "1次", "1次", *ROW)])
    second = table(
        [cells(None, "效益指标", "社会效益指标", "乙", "好", "好", *ROW), total("20", "20")]
    )
    form = assemble([page(1, TITLE, first), page(2, second)])[0]
    assert [r.level1.text for r in form.indicators] == ["产出指标", "效益指标"]


def test_a_blank_label_inside_one_table_is_not_guessed_from_the_rows_above() -> None:
    """A new label cell printed blank (or lost) is left empty and doubted, never carried."""
    tab = table(
        head_rows(3)
        + [
            cells("产出指标", "数量指标", "甲", "1次", "1次", *ROW),
            cells(None, "社会效益指标", "乙", "好", "好", *ROW),
            cells(None, "社会效益指标", "丙", "好", "好", *ROW, spans={}),
            total("30", "30"),
        ]
    )
    form = assemble([page(1, TITLE, tab)])[0]
    assert [r.level1.text for r in form.indicators] == ["产出指标", None, None]
    check_reading(form)
    doubts = [(n.code, n.row, n.field) for n in form.notes]
    assert ("reading.missing-label", 1, "level1") in doubts
    assert ("reading.missing-label", 2, "level1") in doubts


def test_a_two_row_grid_header_maps_every_column() -> None:
    """绩效指标 over 一级/二级/三级, 年度指标值 over 指标性质/指标值/度量单位; 实际完成值,
    分值, 得分 and the deviation span both header rows."""
    widths_head = [
        cells("项目名称", "测试项目", spans={1: (8, 1)}),
        [
            ("绩效指标", 3, 1),
            ("年度指标值", 2, 1),
            ("实际完成值", 1, 2),
            ("分值", 1, 2),
            ("得分", 1, 2),
            ("偏差原因分析及改进措施", 1, 2),
        ],
        cells("一级指标", "二级指标", "三级指标", "指标性质", "指标值"),
    ]
    tab = table(
        widths_head
        + [
            cells("产出指标", "数量指标", "受助人数", "≧", "735人", "735", "10", "10", None),
            cells("总分", "10", "10", None, spans={0: (6, 1)}),
        ]
    )
    form = assemble([page(1, TITLE, tab)])[0]
    (row,) = form.indicators
    got = (row.level1.text, row.level3.text, row.target.text, row.actual.text, row.score.text)
    assert got == ("产出指标", "受助人数", "≧735人", "735", "10")
    assert form.goals.expected.text is None  # the upper header row is no goals value


def test_a_remark_line_under_the_grid_is_no_indicator_row() -> None:
    tab = table(
        head_rows(1)
        + [
            cells("产出指标", "数量指标", "甲", "1次", "1次", *ROW),
            cells("其他需要说明事项", "无", spans={0: (2, 1), 1: (7, 1)}),
            cells("总分", "10", "10", "优", spans={0: (6, 1)}),
        ]
    )
    form = assemble([page(1, TITLE, tab)])[0]
    assert [r.level3.text for r in form.indicators] == ["甲"]
    assert (form.remarks.text, form.grade.text, form.total.score.text) == ("无", "优", "10")


def test_a_combined_contact_cell_fills_managers_and_phone() -> None:
    tab = table(
        [
            cells("项目名称", "测试项目", spans={1: (8, 1)}),
            cells("项目负责人及电话", "谢凯13990260322（办公）", spans={1: (8, 1)}),
        ]
        + head_rows(1)[2:]
        + [cells("产出指标", "数量指标", "甲", "1次", "1次", *ROW), total("10", "10")]
    )
    form = assemble([page(1, TITLE, tab)])[0]
    assert (form.managers.text, form.phone.text) == ("谢凯", "13990260322（办公）")


def test_split_contact_keeps_names_without_a_number() -> None:
    assert split_contact("张永锋 王兰平") == ("张永锋 王兰平", None)
    assert split_contact("张三、李四 0871-6123456") == ("张三、李四", "0871-6123456")
    assert split_contact(None) == (None, None)


def test_a_department_form_prints_its_score_in_the_header() -> None:
    tab = table(
        [
            cells("部门名称", "某局", "自评总分", "95", spans={1: (4, 1), 3: (3, 1)}),
        ]
        + head_rows(1)[2:]
        + [cells("产出指标", "数量指标", "甲", "1次", "1次", *ROW)]
    )
    form = assemble([page(1, TITLE, tab)])[0]
    assert (form.department.text, form.project_name.text) == ("某局", None)
    assert form.total.score.text == "95"


def test_a_loose_header_line_with_a_full_width_colon_keeps_the_value_as_printed() -> None:
    tab = table(head_rows(1) + [cells("产出指标", "数量指标", "甲", "1次", "1次", *ROW)])
    signed = line("项目负责人：陈晓燕 孙立群", 300)
    form = assemble([page(1, TITLE, tab, signed)])[0]
    assert form.managers.text == "陈晓燕 孙立群"


def test_a_cut_label_printed_whole_on_both_pages_is_not_doubled() -> None:
    """Some producers repeat the whole label in each piece: one label, not 产出指标产出指标."""
    first = table(head_rows(1) + [cells("产出指标", "数量指标", "甲", "1次", "1次", *ROW)])
    second = table(
        [cells(None, "产出指标", "数量指标", "乙", "1次", "1次", *ROW), total("20", "20")]
    )
    _label_cell(first, 3, 1).open_bottom = True
    _label_cell(second, 0, 1).open_top = True
    form = assemble([page(1, TITLE, first), page(2, second)])[0]
    assert [r.level1.text for r in form.indicators] == ["产出指标", "产出指标"]
