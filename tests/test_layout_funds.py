"""The funds block (项目资金) of `pdftotext -layout` dumps (``extract.text.layout_funds``),
checked on corpus dumps against their goldens."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from selfeval.extract.text import parse_text
from tests.conftest import ROOT, VALIDATION, layout_forms_with_golden, variant_form

DUMPS = ROOT / "samples" / "dumps"


@pytest.mark.parametrize(
    "stem",
    [
        # the block's label, 项目资金（万元）, centred over the items, starts left of them
        "2021-beijing-keji-xiezuo-zhongxin-html",
        "2022-ningxia-yuanzhou-nongji-tuiguang-html",
        "2023-zhejiang-yuhang-lvhua-yanghu-html",
        # a column the funds rows have no field for (原因) in the header
        "2023-sichuan-guangan-xiangcun-jiaoshi-html",
        "2023-sichuan-guangan-xiangcun-jiaoshi-docx",
        # blank lines between the rows (a spreadsheet's)
        "2021-hunan-lingling-youhai-shengwu-xlsx",
        # 得          分 printed letter by letter; 10 under 分值 nearly as near 执行率 (the
        # one name in the band of values it stands in)
        "2021-beijing-keji-xiezuo-zhongxin-draw",
        "2021-hebei-laoting-shangpin-jiance-draw",
        # a rate wrapped in a narrow column, its % on a line of its own (97.01 / … / %)
        "2021-chongqing-kexuecheng-weijian-draw",
        "2022-anhui-guichi-cunji-buzhu-draw",
        # names wrapped with their marks (全年预算 / 数(A), 执行率 / (B/A))
        "2022-anhui-tianchang-shuihan-fangyu-xlsx",
        "2023-anhui-xiaoxian-tezhong-zhongyang-xlsx",
        # a label wholly left of the items, on lines of its own between two rows
        "2022-beijing-chaoyang-falv-fuwu-xlsx",
        "2023-anhui-jinzhai-meili-xiangcun-xlsx",
        "2021-beijing-keji-xiezuo-zhongxin-docx",
        "2020-hebei-cheng-an-gaoling-jintie-docx",
        # a wrapped value's lines printed apart, another column's line between them
        # (207.453 / 8 around the row's line; 100 / .00 / % over five lines)
        "2021-shanxi-jishan-jiben-gongwei-docx",
        "2021-xianning-juesuan-bundle-docx",
        # a value wrapped just above and below its row's line (100.0 / 0%, 1315. / 50) in
        # a row printing one value per column: the columns' order; a header of Chinese
        # names printing wider than its places, a row of dashes only (/ /) by the places
        # the rows read whole print those columns' values at
        "2022-anhui-tianchang-shuihan-fangyu-draw",
        "2023-sichuan-qingshen-gongzi-zhichu-xlsx",
        "2024-sichuan-meishan-nongcun-gonglu-xlsx",
        "err-budget-score-2023-sichuan-guangan-xiangcun-jiaoshi-xlsx",
        # the header's names letter by letter (年  初  预  算, 原   因), a mark's tail
        # wrapped onto a line of its own (执行率(B / /A))
        "2024-sichuan-meishan-nongcun-gonglu-draw",
        "2021-shanxi-jishan-jiben-gongwei-draw",
        "2023-anhui-xiaoxian-tezhong-zhongyang-draw",
    ],
)
def test_funds_rows_are_read_exactly(stem: str) -> None:
    golden = json.loads((ROOT / "golden" / f"{stem}.json").read_text("utf-8"))
    (form, *_) = parse_text((DUMPS / f"{stem}.layout.txt").read_text("utf-8"))
    assert form.to_dict()["funds"] == golden[0]["funds"]
    assert not [n for n in form.notes if n.section == "funds"]


@pytest.mark.parametrize("mode", ["fixed3", "fixed3-nopgbrk"])
def test_an_item_centred_left_of_the_first_is_a_row(mode: str) -> None:
    """财政专户管理资金, centred in the items' column, starts left of 总额: it is a row, not
    the block's label (its row was dropped without a note)."""
    stem = "2023-sichuan-guangan-xiangcun-jiaoshi-html"
    form, golden = variant_form(mode, stem)
    assert form.to_dict()["funds"] == golden["funds"]


_CUT_SHORT = """\
                 项目支出绩效自评表
                   （2022年度）
项目名称  甲项目
            年初预算数   全年预算数   全年执行数   分值   执行率   得分
  年度资金总额   100          100          90           10     90%      9
  其中:当年财政拨款  100      100          90           -      90%      -
  合计说明见附件
  其他资金
一级指标    二级指标     三级指标          年度指标值      实际完成值      分值     得分     偏差原因分析及改进措施
产出指标    数量指标     培训人数          ≥100人      120人       100    100
                   总分                                100    100
"""


def test_funds_items_past_what_the_block_holds_are_named() -> None:
    """A line the block cannot hold ends it; an item printed after it is not dropped
    silently: the form says its funds were not all read."""
    (form,) = parse_text(_CUT_SHORT)
    assert [r.item.text for r in form.funds] == ["年度资金总额", "其中:当年财政拨款"]
    assert "-layout funds: funds items after a line the block cannot hold were not read" in [
        n.message for n in form.notes
    ]
    assert form.complete is False


def test_rows_with_a_value_in_every_column_are_read_in_order() -> None:
    """The Sichuan template's header names stand packed (后预 预算执行数 预算执行率 权重 得分),
    so the values' places do not match them. A row that prints a value in every column with a
    role on its own line, nothing wrapped beside it (财政专户管理资金 0.00 0.00 0.00 0.00% / /),
    has them in the columns' order, the trailing 原因 column left empty; a wrapped value of the
    rows above (1315. / 50) does not put it in doubt."""
    stem = "2024-sichuan-meishan-nongcun-gonglu-xlsx"
    golden = json.loads((ROOT / "golden" / f"{stem}.json").read_text("utf-8"))[0]["funds"]
    (form, *_) = parse_text((DUMPS / f"{stem}.layout.txt").read_text("utf-8"))
    got = form.to_dict()["funds"]
    assert got[2:4] == golden[2:4]
    for row, want in zip(got, golden, strict=True):  # the others: placed right, or not at all
        assert all(v is None or v == want[k] for k, v in row.items()), row["item"]


@pytest.mark.parametrize("folder", [VALIDATION, ROOT / "samples" / "dumps_variants" / "fixed3"])
def test_a_column_of_reasons_filled_beside_the_rows_is_no_field(folder: Path) -> None:
    """The Sichuan template's 原因 column holding a note wrapped over many lines (1.预算执行率=
    / 预算执行数/调 …), its first line above the first row: the header is still found, the
    rows read, the note placed in no field (the golden was made outside: whitespace aside)."""
    golden = json.loads((VALIDATION / "real001_html.golden.json").read_text("utf-8"))
    want = (golden[0] if isinstance(golden, list) else golden)["funds"]
    (form, *_) = parse_text((folder / "real001_html.layout.txt").read_text("utf-8"))
    got = form.to_dict()["funds"]
    assert [{k: v and "".join(v.split()) for k, v in r.items()} for r in got] == want
    assert not [n for n in form.notes if n.section == "funds"]


@pytest.mark.parametrize("folder", [VALIDATION, ROOT / "samples" / "dumps_variants" / "fixed3"])
def test_values_one_space_apart_beside_a_name_of_two_lines(folder: Path) -> None:
    """A producer printing a row's values one space apart (492.000000 492.000000 375.544200
    10 76.33% 7.63): each is a value of its own (no funds value holds a space); a name of
    two lines (其中:当年财政拨 / 款) with one value per column on its first: that line is
    its row's."""
    golden = json.loads((VALIDATION / "seed_html_noto.golden.json").read_text("utf-8"))
    want = (golden[0] if isinstance(golden, list) else golden)["funds"]
    (form, *_) = parse_text((folder / "seed_html_noto.layout.txt").read_text("utf-8"))
    assert form.to_dict()["funds"] == want
    assert not [n for n in form.notes if n.section == "funds"]


@pytest.mark.parametrize("mode", ["fixed3", "fixed3-nopgbrk"])
@pytest.mark.parametrize(
    "stem",
    [
        # -fixed 3: a name's last piece a place right of the pieces above it (全年 / 预算 /
        # 数); rows three lines apart, each value wrapped just above and below its row's
        # line (368.0 / 0), the next row's wrap two lines off
        "2022-beijing-chaoyang-falv-fuwu-docx",
        "2021-hunan-lingling-youhai-shengwu-docx",
        "2020-hebei-cheng-an-gaoling-jintie-docx",
        "2022-anhui-guichi-cunji-buzhu-draw",
        # the last piece two places right (年初预算 / 数)
        "2021-hebei-laoting-shangpin-jiance-draw",
    ],
)
def test_funds_of_a_coarser_grid_are_read_exactly(mode: str, stem: str) -> None:
    form, golden = variant_form(mode, stem)
    assert form.to_dict()["funds"] == golden["funds"]
    assert not [n for n in form.notes if n.section == "funds"]


@pytest.mark.parametrize(
    "mode", ["dumps", "dumps_variants/fixed3", "dumps_variants/fixed3-nopgbrk"]
)
def test_no_funds_cell_of_a_layout_dump_is_wrong(mode: str) -> None:
    """Every funds cell read from a corpus -layout dump is its golden's, or left empty."""
    wrong = []
    for name, form, want in layout_forms_with_golden(mode):
        for row, want_row in zip(form.to_dict()["funds"], want["funds"], strict=False):
            wrong += [(name, k, v) for k, v in row.items() if v is not None and v != want_row[k]]
    assert wrong == []
