"""The goals block (预期目标 / 实际完成情况) of `pdftotext -layout` dumps: which blank run between
the two columns is their gutter (``extract.text.layout_goals``), checked on corpus dumps against
their goldens, and declined with a note when no single run is one."""

from __future__ import annotations

import json

import pytest

from selfeval.extract.text import parse_text
from tests.conftest import ROOT, SHARED, layout_forms_with_golden, variant_form

DUMPS = ROOT / "samples" / "dumps"
VALIDATION = SHARED / "validation" / "pdf"


@pytest.mark.parametrize(
    "stem",
    [
        # a word space around a number (全县 19 名) on every line of the right column
        "2020-hebei-cheng-an-gaoling-jintie-docx",
        # touching columns one blank apart; the blank past the right text's end parts nothing
        "2020-hebei-cheng-an-gaoling-jintie-html",
        "2022-anhui-tianchang-shuihan-fangyu-xlsx",
        "2021-hubei-xianning-daqi-fangzhi-html",
        # touching one blank apart beside a number (咨 1、全年…), where lines start at 1、
        "2022-beijing-chaoyang-falv-fuwu-xlsx",
        # the block ends at the grid's heading printed with its points, 绩效指标(90分)
        "2023-sichuan-guangan-xiangcun-jiaoshi-html",
        # 预   期   目   标 printed letter by letter beside the block's stacked label (年)
        "2021-chongqing-kexuecheng-weijian-draw",
        "2022-anhui-guichi-cunji-buzhu-draw",
        # the label (项目年度目标完 / 成情况) starting on the header's line; the block ends
        # at the funds header's pieces on a line of their own (调整后 / 调整后预)
        "2023-sichuan-guangan-xiangcun-jiaoshi-docx",
        "2024-sichuan-meishan-nongcun-gonglu-draw",
        # the label's end one blank before a number (标完成情况 2公里): the label's names
        "err-duplicate-2024-sichuan-meishan-nongcun-gonglu-draw",
        # a word space beside a number (落实 39 户) right of the stacked label is no label's end
        "err-total-weight-2023-anhui-xiaoxian-tezhong-zhongyang-docx",
        # a spreadsheet's packed lines, the columns one blank apart at a place of their own
        # on each line (no gutter): read line by line
        "2023-sichuan-qingshen-gongzi-zhichu-xlsx",
        "2024-sichuan-meishan-nongcun-gonglu-xlsx",
        "err-budget-score-2023-sichuan-guangan-xiangcun-jiaoshi-xlsx",
    ],
)
def test_goals_columns_are_parted_at_their_one_gutter(stem: str) -> None:
    golden = json.loads((ROOT / "golden" / f"{stem}.json").read_text("utf-8"))
    (form, *_) = parse_text((DUMPS / f"{stem}.layout.txt").read_text("utf-8"))
    assert form.to_dict()["goals"] == golden[0]["goals"]
    assert not [n for n in form.notes if n.section == "goals"]


@pytest.mark.parametrize("mode", ["fixed3", "fixed3-nopgbrk"])
@pytest.mark.parametrize(
    "stem", ["2021-chongqing-kexuecheng-weijian-docx", "2021-xianning-juesuan-bundle-docx"]
)
def test_a_stacked_label_before_a_number_is_no_goal_text(mode: str, stem: str) -> None:
    """总 1.完善…: a stacked label's character one blank before a number, the label not
    all in the block: the goals are the golden's or declined with a note, never a text
    holding the label's characters."""
    form, golden = variant_form(mode, stem)
    goals = form.to_dict()["goals"]
    noted = [n for n in form.notes if n.section == "goals"]
    assert goals == golden["goals"] or (not any(goals.values()) and noted)


@pytest.mark.parametrize("name", ["bundle", "real019_xlsx"])
def test_short_goals_beside_a_label_stacked_two_characters_a_line(name: str) -> None:
    """年度 / 总体 / 目 标 国家基本公共卫生服务 …: goal texts that end before their name's
    middle; the gutter is the whole blank run between them."""
    golden = json.loads((VALIDATION / f"{name}.golden.json").read_text("utf-8"))
    golden = golden if isinstance(golden, list) else [golden]
    forms = parse_text((VALIDATION / f"{name}.layout.txt").read_text("utf-8"))
    assert [f.to_dict()["goals"] for f in forms] == [g["goals"] for g in golden]


@pytest.mark.parametrize("mode", ["fixed3", "fixed3-nopgbrk"])
def test_a_wide_space_inside_a_goal_line_is_one_space(mode: str) -> None:
    """-fixed 3 prints a justified line's space as wide as it was (引领        助力)."""
    stem = "2021-beijing-keji-xiezuo-zhongxin-draw"
    form, golden = variant_form(mode, stem)
    assert form.to_dict()["goals"] == golden["goals"]


_TWO_WORD_SPACES = """\
                 项目支出绩效自评表
                   （2022年度）
项目名称  甲项目
年度      预期目标                    实际完成情况
总体      完成培训 100 人次,合格率    完成培训 120 人次,合格率
目标      达到 90%以上。              达到 95%以上。
一级指标    二级指标     三级指标          年度指标值      实际完成值      分值     得分     偏差原因分析及改进措施
产出指标    数量指标     培训人数          ≥100人      120人       100    100
                   总分                                100    100
"""


def test_goals_with_two_gutters_are_declined_with_a_note() -> None:
    """Two blank runs could part the columns (the left column's lines hold two blanks at
    one place): neither is taken, the form says so."""
    text = _TWO_WORD_SPACES.replace("完成培训 100 人次,合格率", "完成培训  100人次,合格率")
    text = text.replace("达到 90%以上。  ", "合格率为  90%以上。")
    (form,) = parse_text(text)
    assert form.goals.expected.empty and form.goals.actual.empty
    assert [n.message for n in form.notes if n.section == "goals"] == [
        "-layout goals: the two columns cannot be told apart"
    ]
    assert form.complete is False


def test_goals_one_gutter_apart_are_read() -> None:
    (form,) = parse_text(_TWO_WORD_SPACES)
    assert form.to_dict()["goals"] == {
        "expected": "完成培训100人次,合格率达到90%以上。",
        "actual": "完成培训120人次,合格率达到95%以上。",
    }


@pytest.mark.parametrize("mode", ["fixed3", "fixed3-nopgbrk"])
@pytest.mark.parametrize(
    "stem",
    [
        # the stacked label (年 / 度 / 总 / 体 / 目) cut off before its last character by
        # the grid below: its first characters are the label's
        "err-budget-rate-2021-hubei-xianning-daqi-fangzhi-draw",
        "2022-anhui-guichi-cunji-buzhu-draw",
        "2021-chongqing-kexuecheng-weijian-docx",
    ],
)
def test_goals_beside_a_cut_stacked_label_are_read(mode: str, stem: str) -> None:
    form, golden = variant_form(mode, stem)
    assert form.to_dict()["goals"] == golden["goals"]
    assert not [n for n in form.notes if n.section == "goals"]


@pytest.mark.parametrize(
    "mode", ["dumps", "dumps_variants/fixed3", "dumps_variants/fixed3-nopgbrk"]
)
def test_no_goal_of_a_layout_dump_is_wrong(mode: str) -> None:
    """Every goal read from a corpus -layout dump is its golden's, or left empty; but for
    the one space the golden keeps at a line's wrap (引领 / 助力), which no dump shows."""
    wrong = []
    for name, form, want in layout_forms_with_golden(mode):
        for k, v in form.to_dict()["goals"].items():
            w = want["goals"][k]
            spaces_lost = v is not None and v.replace(" ", "") == w.replace(" ", "")
            if v is not None and v != w and not (spaces_lost and v.count(" ") < w.count(" ")):
                wrong.append((name, k))
    assert wrong == []


_PACKED = """\
                 项目支出绩效自评表
                   （2023年度）
项目名称  甲项目
          项目年度目标              年度目标完成情况
项目年度目 完成全区公路日常养护一千公里,实施 完成公路日常养护一千公里,实施中修
标完成情况 中修工程三十公里,保障群众出行安全。   工程二十八公里。
{third}一级指标    二级指标     三级指标          年度指标值      实际完成值      分值     得分     偏差原因分析及改进措施
产出指标    数量指标     培训人数          ≥100人      120人       100    100
                   总分                                100    100
"""


def test_goals_packed_one_blank_apart_are_read_line_by_line() -> None:
    """A producer packing a line's text leaves one blank between the two columns at a
    place of its own on each line (no blank run parts every line): each line holding
    two texts, each column's full lines alike wide, the lines are read one by one."""
    (form,) = parse_text(_PACKED.format(third=""))
    assert form.to_dict()["goals"] == {
        "expected": "完成全区公路日常养护一千公里,实施中修工程三十公里,保障群众出行安全。",
        "actual": "完成公路日常养护一千公里,实施中修工程二十八公里。",
    }


def test_a_packed_line_of_one_column_is_not_read_as_two() -> None:
    """The left column's last line holding one blank between Chinese characters, the right
    column ended a line before: its two texts are one column's, which the right column's
    short line above shows; the goals are declined with a note."""
    (form,) = parse_text(_PACKED.format(third="           ,优良中等路率 保持在85%以上。\n"))
    assert not any(form.to_dict()["goals"].values())
    assert "-layout goals: the two columns cannot be told apart" in [n.message for n in form.notes]


@pytest.mark.parametrize("mode", ["fixed3", "fixed3-nopgbrk"])
def test_blank_lines_before_the_goals_text_do_not_end_the_block(mode: str) -> None:
    """A spreadsheet's tall row centres its goals: blank lines stand between the header and
    the text; the block ends at two blank lines only after its text."""
    stem = "2021-beijing-keji-xiezuo-zhongxin-xlsx"
    form, golden = variant_form(mode, stem)
    assert form.to_dict()["goals"] == golden["goals"]
