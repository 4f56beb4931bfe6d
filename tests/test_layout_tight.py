"""Cells one space apart in `pdftotext -layout` dumps: a cramped print puts a row's values or
a goal's columns one blank apart, at places the header's names do not pin. A reading is
taken only when it is the one consistent with the header's printed names and the certain
cells; otherwise the text stays unplaced, with its note."""

from __future__ import annotations

import json

import pytest

from selfeval.extract.text import parse_text
from tests.conftest import VALIDATION

_NOT_PLACED = "a dash outside the 分值 and 得分 columns; its cells are not placed"


@pytest.mark.parametrize("name", ["real016_docx", "bundle"])
def test_funds_values_under_two_names_by_the_one_reading_in_order(name: str) -> None:
    """387664.62 stands under both 全年预算数 and 全年执行数 by the places pdftotext gives
    their Chinese characters (年初预算数 is left empty): the next value stands under 全年执行数
    alone as printed, so in the columns' order the first is 全年预算数's. The 其他资金 row of
    dashes under the amounts stays declined."""
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
        got = form.to_dict()["funds"]
        assert got[:3] == want["funds"][:3]
        assert all(v is None for k, v in got[3].items() if k != "item")
        notes = [n.message for n in form.notes if n.section == "funds"]
        assert notes == [f"-layout funds: funds row 4 其他资金: {_NOT_PLACED}"]


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
