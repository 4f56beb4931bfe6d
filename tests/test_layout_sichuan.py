"""-layout grids of the Sichuan template (部门预算项目支出绩效自评表): the target printed in
three columns (指标性质 ≥ / 指标值 / 度量单位), headers of Chinese names whose text the body
centres under their printed width, not under the places pdftotext gives them."""

from __future__ import annotations

import json

from golden.score import score_file
from selfeval.extract.text import parse_text
from selfeval.extract.text.layout_tokens import Token, column_of, header_columns, printed_column
from tests.conftest import GOLDEN, SAMPLES

#: The header lines of 2023-sichuan-guangan-xiangcun-jiaoshi-html's -layout dump (its
#: 指标性质 and 度量单位 stacked over two lines).
HEADER = [
    "                                   指标               度量",
    "一级指标        二级指标      三级指标                 指标值"
    "                完成值         权重       得分        未完成原因分析",
    "                                   性质               单位",
]


def _column(text: str, x0: int) -> str | None:
    columns = header_columns(HEADER)
    assert columns is not None
    token = Token(text, 0, x0, x0 + len(text))
    col = column_of(token, columns) or printed_column(token, columns)
    return col.role if col else None


def test_the_header_names_print_twice_as_wide_as_their_places():
    columns = header_columns(HEADER)
    assert columns is not None
    weight = next(c for c in columns if c.role == "weight")
    assert (weight.x0, weight.x1, weight.printed_x1) == (74, 76, 78)


def test_a_number_right_of_a_names_places_goes_under_its_printed_name():
    # 13 at 78 lies as near 权重's places (74-76) as 得分's (83-85): by print, 权重's
    assert column_of(Token("13", 0, 78, 80), header_columns(HEADER) or []) is None
    assert _column("13", 78) == "weight"
    assert _column("13", 83) == "score"


def test_an_operator_goes_under_指标性质_by_print():
    assert _column("=", 39) == "target.op"
    assert _column("≥", 36) == "target.op"
    assert _column("2300", 43) == "target.value"


def test_a_token_midway_by_print_too_is_placed_in_neither():
    # 权重 prints over 74-78, 得分 over 83-87: a 12 at 79 is about midway either way
    assert _column("12", 79) is None
    # a text whose print covers two names' printed centres (二级指标 and 三级指标)
    assert _column("乡村教师队伍稳定性", 15) is None


def test_the_sichuan_grid_rows_read_are_exact_with_the_target_joined():
    stem = "2023-sichuan-guangan-xiangcun-jiaoshi-html"
    dump = (SAMPLES / "dumps" / f"{stem}.layout.txt").read_text("utf-8")
    want = json.loads((GOLDEN / f"{stem}.json").read_text("utf-8"))
    got = [form.to_dict() for form in parse_text(dump)]
    score = score_file(got, want, stem, dump)
    assert score.wrong_rows == 0 and score.exact_rows == score.emitted_rows
    assert score.exact_rows >= 4
    targets = [row["target"] for row in got[0]["indicators"]]
    assert targets[:4] == ["≥2300人", "=86所", "=100%", "=100%"]


def test_level3_names_nearer_the_level2_name_go_to_the_level3_column():
    """guangan and qingshen (spreadsheets): the wide level-3 column prints its names at its
    left, nearer 二级指标's name than 三级指标's (覆盖乡村学校数 beside 数量指标). The level-2
    column's pieces from one place on are no label's (no whole level name among them), and
    those left of it cut into whole level-2 names; exactly one place so: the names go to
    the level-3 column and the rows are read, none wrong."""
    for stem, read in (
        ("err-budget-score-2023-sichuan-guangan-xiangcun-jiaoshi-xlsx", 7),
        ("2023-sichuan-qingshen-gongzi-zhichu-xlsx", 3),
    ):
        dump = (SAMPLES / "dumps" / f"{stem}.layout.txt").read_text("utf-8")
        want = json.loads((GOLDEN / f"{stem}.json").read_text("utf-8"))
        got = [form.to_dict() for form in parse_text(dump)]
        score = score_file(got, want, stem, dump)
        assert score.wrong_rows == 0 and score.exact_rows == score.emitted_rows == read, stem
    names = [row["level3"] for row in got[0]["indicators"]]
    assert names == ["发放(缴纳)覆盖率", "工资按月发放及时率", "足额保障率(参保率)"]


def test_level3_names_among_the_level2_labels_at_one_place_go_to_the_level3_column():
    """meishan (drawn): 安全生命防护工程 / 里程 and 每公里日常养护成 / 本 stand at the place of
    数量指标 and 社会效益 / 指标, so no one place parts labels from names. The text that is no
    label's piece, with the pieces a line or two from it over its places (本), goes to the
    level-3 column when the labels left cut into whole names: every row is read."""
    stem = "err-duplicate-2024-sichuan-meishan-nongcun-gonglu-draw"
    dump = (SAMPLES / "dumps" / f"{stem}.layout.txt").read_text("utf-8")
    want = json.loads((GOLDEN / f"{stem}.json").read_text("utf-8"))
    got = [form.to_dict() for form in parse_text(dump)]
    score = score_file(got, want, stem, dump)
    assert score.wrong_rows == 0 and score.exact_rows == score.emitted_rows == 11
    names = [row["level3"] for row in got[0]["indicators"]]
    assert "安全生命防护工程里程" in names and "每公里日常养护成本" in names


def test_a_name_over_two_names_by_print_is_the_level3_columns_by_elimination():
    """guangan (HTML): 乡村教师队伍稳定性 reaches over 二级指标's and 三级指标's printed names,
    so no column takes it by its centre. It stands on its row's line, where no other name
    does, and is no level label's piece: of the columns it reaches only the level-3 one is
    left, and every row has a name. Every row of the form is read, none wrong."""
    stem = "2023-sichuan-guangan-xiangcun-jiaoshi-html"
    dump = (SAMPLES / "dumps" / f"{stem}.layout.txt").read_text("utf-8")
    want = json.loads((GOLDEN / f"{stem}.json").read_text("utf-8"))
    got = [form.to_dict() for form in parse_text(dump)]
    score = score_file(got, want, stem, dump)
    assert score.wrong_rows == 0 and score.exact_rows == score.emitted_rows == 7
    assert "乡村教师队伍稳定性" in [row["level3"] for row in got[0]["indicators"]]
