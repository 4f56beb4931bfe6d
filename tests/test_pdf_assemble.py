"""Form assembly on engine-neutral grids built by hand: what any engine's cells turn into.

Each page is a ruled table given row by row as (text, colspan, rowspan) on a fixed set of
columns, so the cases a page break creates can be written down directly: a title printed
inside the grid, a grid header printed again on a later page or not, merged labels that do or
do not reappear, a row split in two by the break, two forms in one file, a prose page.
"""

from __future__ import annotations

from itertools import accumulate

from samples.grid import IND_HEADS
from selfeval.extract.assemble import assemble
from selfeval.extract.assemble_grid import GridCell, PageLayout, Table, TextLine

# 绩效指标 | 一级 二级 三级 年度指标值 实际完成值 分值 得分 偏差原因
WIDTHS = [40, 60, 60, 120, 70, 70, 30, 30, 90]
XS = list(accumulate(WIDTHS, initial=20.0))
ROW_H = 20.0
HEAD = IND_HEADS["A"]  # the grid header as family A forms print it


def table(rows: list[list[tuple]], top: float = 100.0) -> Table:
    """A table from rows of (text, colspan, rowspan) cells, placed left to right skipping
    positions covered by cells from rows above."""
    covered: set[tuple[int, int]] = set()
    cells = []
    for r, row in enumerate(rows):
        c = 0
        for text, colspan, rowspan in row:
            while (r, c) in covered:
                c += 1
            for rr in range(r, r + rowspan):
                for cc in range(c, c + colspan):
                    covered.add((rr, cc))
            bbox = (XS[c], top + r * ROW_H, XS[c + colspan], top + (r + rowspan) * ROW_H)
            cells.append(GridCell(r, c, rowspan, colspan, text, bbox))
            c += colspan
    ys = [top + r * ROW_H for r in range(len(rows) + 1)]
    return Table(cells, (XS[0], ys[0], XS[-1], ys[-1]), list(XS), ys)


def cells(*texts, spans: dict[int, tuple[int, int]] | None = None) -> list[tuple]:
    spans = spans or {}
    return [(t, *spans.get(i, (1, 1))) for i, t in enumerate(texts)]


def page(n: int, *items) -> PageLayout:
    tables = [i for i in items if isinstance(i, Table)]
    lines = [i for i in items if isinstance(i, TextLine)]
    return PageLayout(n, 595, 842, tables, lines)


def line(text: str, top: float) -> TextLine:
    return TextLine(text, (200, top, 400, top + 12))


def head_rows(grid_rows: int) -> list[list[tuple]]:
    """项目名称, 主管部门/实施单位, then the grid header with the stacked 绩效指标 label spanning
    the header and ``grid_rows`` rows below it."""
    return [
        cells("项目名称", "测试项目", spans={1: (8, 1)}),
        cells("主管部门", "某局", "实施单位", "某中心", spans={1: (2, 1), 3: (5, 1)}),
        cells("绩效指标", *HEAD, spans={0: (1, grid_rows + 1)}),
    ]


def total(weight: str, score: str) -> list[tuple]:
    return cells("总分", weight, score, None, spans={0: (6, 1)})


def test_title_inside_the_grid_header_not_repeated_labels_not_reprinted() -> None:
    first = table(
        [cells("项目支出绩效自评表", spans={0: (9, 1)}), cells("（2022年度）", spans={0: (9, 1)})]
        + head_rows(2)
        + [
            cells(
                "产出指标",
                "数量指标",
                "培训人次",
                "100人",
                "120人",
                "10",
                "10",
                None,
                spans={0: (1, 2), 1: (1, 2)},
            ),
            cells("培训天数", "5天", "5天", "10", "10", None),
        ]
    )
    second = table(
        [
            cells(
                None,
                None,
                None,
                "培训合格率",
                "≥90%",
                "88%",
                "10",
                "9.78",
                "个别学员缺考",
                spans={0: (1, 2)},
            ),
            cells("效益指标", "社会效益指标", "群众知晓率", "≥80%", "85%", "10", "10", None),
            total("30", "29.78"),
        ],
        top=40,
    )
    forms = assemble([page(1, first), page(2, second)])
    assert len(forms) == 1
    form = forms[0]
    assert (form.title.text, form.year.text) == ("项目支出绩效自评表", "2022")
    assert (form.project_name.text, form.department.text, form.implementer.text) == (
        "测试项目",
        "某局",
        "某中心",
    )
    got = [(r.level1.text, r.level2.text, r.level3.text, r.score.text) for r in form.indicators]
    assert got == [
        ("产出指标", "数量指标", "培训人次", "10"),
        ("产出指标", "数量指标", "培训天数", "10"),
        ("产出指标", "数量指标", "培训合格率", "9.78"),  # carried over the page break
        ("效益指标", "社会效益指标", "群众知晓率", "10"),
    ]
    assert (form.total.weight.text, form.total.score.text) == ("30", "29.78")
    assert form.indicators[2].level3.page == 2 and form.indicators[0].level1.page == 1
    assert form.complete


def test_split_row_is_joined_and_header_repeat_is_not_a_row() -> None:
    first = table(
        head_rows(2)
        + [
            cells("产出指标", "质量指标", "课程满意", "≥95%", "96%", "10", "10", "无"),
            cells(
                "产出指标",
                "时效指标",
                "按期完成培",
                "2022年12月",
                "2022年11月",
                "10",
                "2.5",
                "部分课程因疫",
            ),
        ]
    )
    second = table(
        [
            cells("绩效指标", *HEAD, spans={0: (1, 3)}),
            cells(None, None, "训计划", None, None, None, "4", "情延期。"),
            cells(
                "满意度指标", "服务对象满意度指标", "学员满意度", "≥90%", "93%", "10", "10", None
            ),
            total("30", "26.54"),
        ],
        top=40,
    )
    form = assemble(
        [page(1, line("项目支出绩效自评表", 60), line("（2022年度）", 80), first), page(2, second)]
    )[0]
    got = [(r.level2.text, r.level3.text, r.score.text, r.deviation.text) for r in form.indicators]
    assert got == [
        ("质量指标", "课程满意", "10", "无"),
        ("时效指标", "按期完成培训计划", "2.54", "部分课程因疫情延期。"),
        ("服务对象满意度指标", "学员满意度", "10", None),
    ]


def test_two_forms_after_a_prose_page_and_a_placeholder_row() -> None:
    prose = page(1, line("关于2022年度部门决算的说明", 60), line("一、部门基本情况", 90))

    def one_form(n: int, name: str) -> PageLayout:
        grid = table(
            [cells("项目名称", name, spans={1: (8, 1)})]
            + [cells("绩效指标", *HEAD, spans={0: (1, 3)})]
            + [
                cells(
                    "效益指标",
                    "社会效益指标",
                    "群众满意",
                    "高",
                    "高",
                    "20",
                    "20",
                    None,
                    spans={0: (1, 2)},
                )
            ]
            + [cells("经济效益指标", None, None, None, None, None, None)]
            + [total("20", "20")]
        )
        return page(n, line("项目支出绩效自评表", 60), grid)

    forms = assemble([prose, one_form(2, "甲项目"), one_form(3, "乙项目")])
    assert [f.project_name.text for f in forms] == ["甲项目", "乙项目"]
    for form in forms:
        assert [(r.level1.text, r.level2.text, r.level3.text) for r in form.indicators] == [
            ("效益指标", "社会效益指标", "群众满意"),
            ("效益指标", "经济效益指标", None),
        ]
        assert form.source["pages"][0] == form.title.page


def test_a_grid_without_total_is_marked_incomplete() -> None:
    grid = table(
        head_rows(1) + [cells("产出指标", "数量指标", "培训人次", "1项", "1项", "10", "10", None)]
    )
    form = assemble([page(1, line("项目支出绩效自评表", 60), grid)])[0]
    assert not form.complete and form.notes[0].code == "incomplete"
    assert len(form.indicators) == 1


def test_year_printed_in_the_title_line() -> None:
    grid = table(
        head_rows(1)
        + [cells("产出指标", "数量指标", "培训人次", "1项", "1项", "10", "10", None)]
        + [total("10", "10")]
    )
    form = assemble([page(1, line("2021年度项目支出绩效自评表", 60), grid)])[0]
    assert (form.title.text, form.year.text) == ("2021年度项目支出绩效自评表", "2021")


def test_funds_block_by_column_names_and_its_合计_line_is_no_total() -> None:
    heads = ["年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"]
    grid = table(
        [cells("项目资金（万元）", None, *heads, spans={0: (2, 3)})]
        + [cells("年度资金总额", "100", "100", "90", "10", "90.00%", "9")]
        + [cells("合计", "100", "100", "90", "10", "90.00%", "9")]
        + [cells("绩效指标", *HEAD, spans={0: (1, 2)})]
        + [cells("产出指标", "数量指标", "培训人次", "1项", "1项", "90", "90", None)]
        + [total("100", "99")]
    )
    form = assemble([page(1, line("项目支出绩效自评表", 60), grid)])[0]
    assert [(f.item.text, f.executed.text, f.rate.text, f.score.text) for f in form.funds] == [
        ("年度资金总额", "90", "90.00%", "9"),
        ("合计", "90", "90.00%", "9"),
    ]
    assert (form.total.weight.text, form.total.score.text) == ("100", "99")
