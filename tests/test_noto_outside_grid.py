"""-layout dumps of Chromium prints with a Type 3 CJK font (Noto): the cells outside the grid.

The dumps in tests/data/noto are excerpts (the title, header and funds block) of pdftotext
-layout dumps of Chromium + Noto CJK prints of samples/originals/<name>.html (the stem is
named in each test); the expected cells are the goldens' (golden/<stem>.json). pdftotext gives
such a font an inflated size: a wrapped column name's second line is printed on its first
(全年预算   数) or pushed past the next names (分 / 值 under 得分), an amount is pushed left
of its column by a wide item (其中:当年财政拨款 45), and a page's side menu prints beside the
title (政策文件   项目支出绩效自评表).
"""

from __future__ import annotations

import json

import pytest

from selfeval.extract.record import Form
from selfeval.extract.text import parse_text, without_side_column
from selfeval.extract.text.dump_lines import DumpLine
from selfeval.extract.text.layout_funds import _fund_columns
from selfeval.extract.text.layout_goals import _touching_columns
from selfeval.extract.text.layout_header import read_layout_header
from tests.conftest import GOLDEN, ROOT

NOTO = ROOT / "tests" / "data" / "noto"


def _form(name: str) -> Form:
    forms = parse_text((NOTO / name).read_text(encoding="utf-8"))
    assert len(forms) == 1
    return forms[0]


def _golden(stem: str) -> dict[str, object]:
    forms = json.loads((GOLDEN / f"{stem}.json").read_text(encoding="utf-8"))
    assert len(forms) == 1
    form: dict[str, object] = forms[0]
    return form


@pytest.mark.parametrize(
    ("name", "stem"),
    [
        # 全年预算   数: the name's second line printed on its first
        ("hubei-notosans9.layout.txt", "2021-hubei-xianning-daqi-fangzhi-html"),
        # 分 / 值 pushed under 得分; 其中:当年财政拨款 45 left of the columns
        ("laoting-notosans11.layout.txt", "err-recompute-2021-hebei-laoting-shangpin-jiance-html"),
        # a flat table: the header one line, each item one space before its first amount
        ("zhejiang-notosans11-flat.layout.txt", "2023-zhejiang-yuhang-lvhua-yanghu-html"),
        # the title beside a side menu; a flat table
        ("keji-notosans9-flat.layout.txt", "2021-beijing-keji-xiezuo-zhongxin-html"),
        # 分 / 值 with 值 a place left of 分; 全年预 算数 on one line
        ("chengan-notoserif10.layout.txt", "2020-hebei-cheng-an-gaoling-jintie-html"),
    ],
)
def test_funds_rows_read_exactly(name: str, stem: str) -> None:
    form = _form(name).to_dict()
    want = _golden(stem)
    assert form["funds"] == want["funds"]
    assert (form["title"], form["year"]) == (want["title"], want["year"])


_HEADER = ("project_name", "department", "implementer", "managers", "phone")


@pytest.mark.parametrize(
    ("name", "stem", "unread"),
    [
        # 项目负责 刘春雨 / 人: a label over two lines, its value one space after its first piece
        (
            "laoting-notosans11.layout.txt",
            "err-recompute-2021-hebei-laoting-shangpin-jiance-html",
            (),
        ),
        # 项目名 / 称, 主管部 / 门, 项目负责 / 人; 实施单位's value runs on below its line
        # (务中心) onto the line of 门: the two-line label's row holds both lines
        ("ningxia-notosans11.layout.txt", "2022-ningxia-yuanzhou-nongji-tuiguang-html", ()),
        # 实施单位's value runs on below only (中心), on a line no label holds: whose row's
        # line is it? 联系电话's line has that piece above it: both left unread
        (
            "ningxia-notosans9.layout.txt",
            "2022-ningxia-yuanzhou-nongji-tuiguang-html",
            ("implementer", "phone"),
        ),
        # 主管部门 杭州市余杭区综合行政执法 / 局 实施单位 / 项目负责人 … 联系电话: 实施单位 and
        # 联系电话 overlap, one column's, two rows: 局's line is 主管部门's row's
        ("zhejiang-notosans9.layout.txt", "2023-zhejiang-yuhang-lvhua-yanghu-html", ()),
        # 实施单位 / (盖章): the label's mark under it, its value on the label's line
        ("sichuan-notosans9.layout.txt", "2023-sichuan-guangan-xiangcun-jiaoshi-html", ()),
        # the funds block's label 年度预算数(万元) ends the header
        ("sichuan-notoserif10.layout.txt", "2023-sichuan-guangan-xiangcun-jiaoshi-html", ()),
    ],
)
def test_header_fields_read_exactly(name: str, stem: str, unread: tuple[str, ...]) -> None:
    form = _form(name)
    got = form.to_dict()
    want = _golden(stem)
    assert {f: got[f] for f in _HEADER if f not in unread} == {
        f: want[f] for f in _HEADER if f not in unread
    }
    assert all(got[f] is None for f in unread)
    declined = [n for n in form.notes if n.message.startswith("-layout header:")]
    assert len(declined) == len(unread)


@pytest.mark.parametrize(
    ("name", "stem"),
    [
        # the left column's last line alone under the lines holding both (87%以上。)
        ("hubei-notosans8narrow-gbk.layout.txt", "2021-hubei-xianning-daqi-fangzhi-html"),
        # a side menu (通知公告 / 政策文件 / 自评结果公开) printed beside the goals
        ("chengan-notosans11-flat.layout.txt", "2020-hebei-cheng-an-gaoling-jintie-html"),
    ],
)
def test_goals_read_exactly(name: str, stem: str) -> None:
    assert _form(name).to_dict()["goals"] == _golden(stem)["goals"]


def test_a_lone_line_is_placed_only_where_one_column_alone_can_hold_it() -> None:
    both = [
        "  完成燃煤锅炉淘汰、工业企 淘汰燃煤锅炉46台,完成12",
        "  业挥发性有机物综合治理和 家重点企业挥发性有机物综",
    ]
    assert _touching_columns([*both, "                            合治理。"], 0) == [
        ("完成燃煤锅炉淘汰、工业企", "淘汰燃煤锅炉46台,完成12"),
        ("业挥发性有机物综合治理和", "家重点企业挥发性有机物综"),
        ("", "合治理。"),
    ]
    assert _touching_columns([*both, "  空气质量。"], 0) == [
        ("完成燃煤锅炉淘汰、工业企", "淘汰燃煤锅炉46台,完成12"),
        ("业挥发性有机物综合治理和", "家重点企业挥发性有机物综"),
        ("空气质量。", ""),
    ]
    # (starting before the left texts' end and ending past the right texts' start: whose?)
    assert _touching_columns([*both, "       空气质量优良天数比例达到。"], 0) is None


def test_a_menu_of_form_words_is_not_blanked() -> None:
    lines = [
        "          项目名称 某项目",
        "  产出指标     数量指标 甲",
        "  产出指标     质量指标 乙",
        "  产出指标     时效指标 丙",
    ]
    assert without_side_column("\n".join(lines)) == "\n".join(lines)


def test_a_side_menu_beside_the_title_is_blanked() -> None:
    text = (
        "   通知公告\n   政策文件        项目支出绩效自评表\n 自评结果公开         （2021年度）\n"
    )
    out = without_side_column(text).splitlines()
    assert out[1].strip() == "项目支出绩效自评表"
    assert out[2].strip() == "（2021年度）"
    assert out[0].strip() == ""


def test_a_word_before_a_title_without_a_menu_around_it_stays() -> None:
    text = "项目名称 一\n附件3        项目支出绩效自评表\n（2021年度）\n"
    assert without_side_column(text) == text


def test_a_piece_below_a_whole_name_is_taken_by_the_loose_piece_it_completes() -> None:
    lines = [
        "                 年初预算 全年预 全年执行数 分 执行率 得分",
        "                 数       算数           值",
    ]
    columns = _fund_columns(lines)
    assert columns is not None
    assert [c.role for c in columns] == [
        "budget_initial",
        "budget_full",
        "executed",
        "weight",
        "rate",
        "score",
    ]
    weight = columns[3]
    assert (weight.x0, weight.x1) == (32, 33)  # 分's place, not 值's under 得分


def test_two_names_a_piece_may_complete_leave_the_header_unread() -> None:
    # 数 may end 全年预算 or 全年执行: which one, the dump cannot tell
    assert _fund_columns(["   年初预算数 全年预算 全年执行   数 分值 执行率 得分"]) is None


def test_a_funds_header_still_unreadable_stays_declined() -> None:
    # 2023-sichuan-guangan-xiangcun-jiaoshi-html: 调整后 / 预算数, 预算执行 / 率 pushed apart
    form = _form("sichuan-notoserif10.layout.txt")
    assert form.funds == []
    assert any("column header could not be read" in n.message for n in form.notes)


def _header(lines: list[str]) -> dict[str, str | None]:
    found = read_layout_header([DumpLine(text, k, None) for k, text in enumerate(lines)])
    return {f.field: f.value for f in found}


def test_a_piece_below_is_the_rows_only_where_labels_of_one_column_show_it() -> None:
    above = ["项目名称 某项目", "主管部门 某某局甲乙丙", "         丁     实施单位   某中心"]
    # 实施单位 and 联系电话 overlap: one column, two rows; 丁's line is 主管部门's row's
    read = _header([*above, "项目负责人 张三        联系电话 123"])
    assert read["department"] == "某某局甲乙丙丁"
    assert read["managers"] == "张三"
    # apart, they may be two columns of one row, 丁's line the next row's first
    declined = _header([*above, "项目负责人 张三                 联系电话 123"])
    assert declined["department"] is None
    assert declined["managers"] is None


def test_words_above_the_header_table_are_no_menu() -> None:
    # (a LibreOffice print of samples/originals/2021-beijing-keji-xiezuo-zhongxin.xlsx: the
    # title, the year and a goal's first line centred alike above the header table)
    text = "项目支出绩效自评表\n（2021年度）\n  年度目标：\n项目名称  某项目\n主管部门  某局\n"
    assert without_side_column(text) == text


def test_a_side_menu_beside_the_goals_is_blanked() -> None:
    lines = [
        "                  项目名称 某项目",
        "                                     预期目标             实际完成情况",
        "   通知公告           为我县发放补贴,使老年人 按月为全县老人足额发放",
        "   政策文件           得到更好的照顾。        高龄津贴。",
        "   自评结果公开",
    ]
    out = without_side_column("\n".join(lines)).splitlines()
    assert out[:2] == lines[:2]
    assert [line[:12].strip() for line in out[2:]] == ["", "", ""]
    assert [line[12:] for line in out[2:4]] == [line[12:] for line in lines[2:4]]
