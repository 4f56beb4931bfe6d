"""Cells one space apart in `pdftotext -layout` dumps: a cramped print puts a row's values or
a goal's columns one blank apart, at places the header's names do not pin. A reading is
taken only when it is the one consistent with the header's printed names and the certain
cells; otherwise the text stays unplaced, with its note."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from selfeval.extract.text import parse_text
from selfeval.extract.text.layout_tight import split_tight
from tests.conftest import ROOT, VALIDATION

_NOT_PLACED = "a dash outside the 分值 and 得分 columns; its cells are not placed"


@pytest.mark.parametrize("name", ["real016_docx", "bundle"])
def test_funds_values_under_two_names_by_the_one_reading_in_order(name: str) -> None:
    """387664.62 stands under both 全年预算数 and 全年执行数 by the places pdftotext gives
    their Chinese characters (年初预算数 is left empty): the next value stands under 全年执行数
    alone as printed, so in the columns' order the first is 全年预算数's. The 其他资金 row
    prints a dash in each column the other rows print an amount in (— — — — —): those are
    its columns, though three are no 分值 or 得分."""
    golden = json.loads((VALIDATION / f"{name}.golden.json").read_text("utf-8"))
    forms = parse_text((VALIDATION / f"{name}.layout.txt").read_text("utf-8"))
    wants = golden if isinstance(golden, list) else [golden]
    found = [
        (form, want)
        for form, want in zip(forms, wants, strict=True)
        if want["funds"][0]["budget_full"] == "387664.62"
    ]
    assert found
    for form, want in found:
        assert form.to_dict()["funds"] == want["funds"]
        assert not [n for n in form.notes if n.section == "funds"]


@pytest.mark.parametrize(
    ("stem", "form_no", "why"),
    [
        ("2021-xianning-juesuan-bundle-docx", 2, _NOT_PLACED),
        (
            "err-total-weight-2023-anhui-xiaoxian-tezhong-zhongyang-docx",
            0,
            "the text '-' lies between two columns; its cells are not placed",
        ),
    ],
)
def test_two_dashes_where_the_rows_print_five_amounts_stay_declined(
    stem: str, form_no: int, why: str
) -> None:
    """其他资金 - -: two dashes, the other rows filling five columns; which two are the
    dashes'? (The golden puts them under 分值 and 得分, the second standing under 执行率.)"""
    forms = parse_text((ROOT / "samples" / "dumps" / f"{stem}.layout.txt").read_text("utf-8"))
    form = forms[form_no]
    assert form.funds[2].item.text == "其他资金"
    assert form.funds[2].weight.text is None and form.funds[2].score.text is None
    assert f"-layout funds: funds row 3 其他资金: {why}" in [n.message for n in form.notes]


_TWO_READINGS = """\
                 项目支出绩效自评表
                   （2022年度）
项目名称  甲项目
                              年初预算数      全年预算数 全年执行数             分值    执行率      得分
              年度资金总额                     387664.62   387664.62   10    100%      10


              上年结转资金                     1000.0000               —               —
一级指标    二级指标     三级指标          年度指标值      实际完成值      分值     得分     偏差原因分析及改进措施
产出指标    数量指标     培训人数          ≥100人      120人       100    100
                   总分                                100    100
"""


def test_a_value_two_readings_fit_stays_unplaced() -> None:
    """1000.0000 under both 全年预算数 and 全年执行数, no other value of its row under either:
    both readings keep the columns' order, so neither is taken; the row above, pinned by its
    second amount, is read."""
    (form,) = parse_text(_TWO_READINGS)
    first, second = form.to_dict()["funds"]
    assert (first["budget_initial"], first["budget_full"], first["executed"]) == (
        None,
        "387664.62",
        "387664.62",
    )
    assert all(v is None for k, v in second.items() if k != "item")
    assert [n.message for n in form.notes if n.section == "funds"] == [
        "-layout funds: funds row 2 上年结转资金: the text '1000.0000' lies between two columns;"
        " its cells are not placed"
    ]


_CRAMPED = "err-score-negative-2021-chongqing-kexuecheng-weijian-xlsx"


@pytest.mark.parametrize(
    "folder", ["dumps", "dumps_variants/fixed3", "dumps_variants/fixed3-nopgbrk"]
)
def test_goal_columns_one_blank_apart_cut_by_their_wrap_widths(folder: str) -> None:
    """Each line holds both goal columns one blank apart, one line's blank beside an ASCII
    word (4. 为良好): the one cut of each line that keeps the left column before the right
    column's name, and each column's lines as wide as its others or its paragraph's last."""
    golden = json.loads((ROOT / "golden" / f"{_CRAMPED}.json").read_text("utf-8"))
    want = (golden[0] if isinstance(golden, list) else golden)["goals"]
    path = ROOT / "samples" / folder / f"{_CRAMPED}.layout.txt"
    (form, *_) = parse_text(path.read_text("utf-8"))
    assert form.to_dict()["goals"] == want
    assert not [n for n in form.notes if n.section == "goals"]


@pytest.mark.parametrize(
    "path",
    [
        # a line of one column alone inside the other's paragraph, lines of both around it:
        # the columns' lines do not fall level, and a joined line may stand out of order
        # (seed_html_noto prints 助北京市… after the line it precedes)
        VALIDATION / "seed_html_noto.layout.txt",
        VALIDATION / "seed_form.layout.txt",
        # (real001_html's goals are read now, exactly: the one space apart on its line is
        # Sichuan's side label 项目基本, tests/test_layout_goals_s8.py)
        ROOT / "samples" / "dumps" / "2021-beijing-keji-xiezuo-zhongxin-xlsx.layout.txt",
    ],
)
def test_goal_columns_whose_lines_do_not_fall_level_stay_declined(path: Path) -> None:
    (form, *_) = parse_text(path.read_text("utf-8"))
    assert form.goals is None or (form.goals.expected.text, form.goals.actual.text) == (
        None,
        None,
    )
    assert "-layout goals: the two columns cannot be told apart" in [n.message for n in form.notes]


_LEVEL = [
    "  1.完善区、镇(街)、村(社区)三级医疗卫生服务体系;2.落实基本公共 1.新建标准化村卫生室12个;2.基本公共卫生服务项目考核等次",
    "  卫生服务和重大公共卫生服务项目;3.做好新冠肺炎疫情常态化防控;4. 为良好;3.完成新冠疫苗接种84.6万剂次,未发生本地聚集性疫",
    "  推进家庭医生签约服务。                         情;4.家庭医生签约率达到41.2%。",
]


def test_split_tight_cuts_lines_that_fall_level() -> None:
    assert split_tight(_LEVEL, 2, 22, 46) == [
        (
            "1.完善区、镇(街)、村(社区)三级医疗卫生服务体系;2.落实基本公共",
            "1.新建标准化村卫生室12个;2.基本公共卫生服务项目考核等次",
        ),
        (
            "卫生服务和重大公共卫生服务项目;3.做好新冠肺炎疫情常态化防控;4.",
            "为良好;3.完成新冠疫苗接种84.6万剂次,未发生本地聚集性疫",
        ),
        ("推进家庭医生签约服务。", "情;4.家庭医生签约率达到41.2%。"),
    ]


def test_split_tight_declines_a_line_of_one_column_between_lines_of_both() -> None:
    """The second line's left half printed alone, its right half on a line of its own after
    it: the right column's lines are no longer level with the left's."""
    left, right = _LEVEL[1].split(" 为良好")
    lines = [_LEVEL[0], left, " " * 50 + "为良好" + right, _LEVEL[2]]
    assert split_tight(lines, 2, 22, 46) is None


def test_split_tight_declines_a_line_whose_blanks_both_fit() -> None:
    """One line, both its blanks a cut the widths allow: which is the columns'?"""
    assert split_tight(["  甲乙丙丁 戊己庚辛 壬癸子丑"], 2, 4, 40) is None


def test_split_tight_declines_text_in_one_column_only() -> None:
    """Lines that fit the left column alone may be a cell spanning both: not cut."""
    assert split_tight(["  甲乙丙丁戊己庚辛壬癸", "  子丑寅卯。"], 2, 4, 40) is None


def test_split_tight_declines_a_cut_that_all_text_in_one_column_also_fits() -> None:
    """One line of two texts a blank apart: both columns' (actual one), or the left
    column's alone with a blank of its own (引领 助力)? No width tells."""
    assert split_tight(["  完成全年任务 已完成全年任务"], 2, 4, 40) is None
