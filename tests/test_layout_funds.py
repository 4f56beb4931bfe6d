"""The funds block (项目资金) of `pdftotext -layout` dumps (``extract.text.layout_funds``),
checked on corpus dumps against their goldens."""

from __future__ import annotations

import json

import pytest

from selfeval.extract.text import parse_text
from tests.conftest import ROOT

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
        # a label wholly left of the items, on lines of its own between two rows
        "2022-beijing-chaoyang-falv-fuwu-xlsx",
        "2023-anhui-jinzhai-meili-xiangcun-xlsx",
        "2021-beijing-keji-xiezuo-zhongxin-docx",
        "2020-hebei-cheng-an-gaoling-jintie-docx",
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
    golden = json.loads((ROOT / "golden" / f"{stem}.json").read_text("utf-8"))
    dump = ROOT / "samples" / "dumps_variants" / mode / f"{stem}.layout.txt"
    (form, *_) = parse_text(dump.read_text("utf-8"))
    assert form.to_dict()["funds"] == golden[0]["funds"]
