"""Money units (issue 16): the form's amount_unit as printed, amounts in 元 in the tables, and
`selfeval show` titling the funds block with the form's own unit."""

from __future__ import annotations

import json
from decimal import Decimal
from io import StringIO

from rich.console import Console

import selfeval.extract as extract
from selfeval.export.tables import FORMS, FUNDS
from selfeval.extract import Form
from selfeval.extract.record import contract_view
from selfeval.extract.vocabulary import amount_unit
from selfeval.pipeline import enrich
from selfeval.render import print_forms
from tests.conftest import ROOT, SHARED_SEED

CLEAN = ROOT / "golden" / "2022-beijing-chaoyang-falv-fuwu-xlsx.json"


def test_amount_unit_words():
    assert amount_unit("项目资金（万元）") == "万元"
    assert amount_unit("项目资金(元)") == "元"
    assert amount_unit("单位：万元") == "万元"
    assert amount_unit("资金单位：千元") == "千元"
    assert amount_unit("实施单位：某某局") is None
    assert amount_unit("单位：元/人") is None  # a unit price, not the block's unit
    assert amount_unit("项目资金") is None


def test_text_reader_sets_the_printed_unit(tmp_path):
    text = SHARED_SEED.read_text(encoding="utf-8")
    assert "项目资金（万元）" in text
    [form] = extract.read(SHARED_SEED)
    assert form.amount_unit.text == "万元"
    assert form.to_dict()["amount_unit"] == "万元"
    changed = tmp_path / "yuan.txt"
    changed.write_text(text.replace("项目资金（万元）", "项目资金（元）"), encoding="utf-8")
    assert extract.read(changed)[0].amount_unit.text == "元"
    bare = tmp_path / "bare.txt"
    bare.write_text(text.replace("项目资金（万元）", "项目资金"), encoding="utf-8")
    [form] = extract.read(bare)
    assert form.amount_unit.text is None and "amount_unit" not in form.to_dict()


def test_amount_unit_round_trips_and_is_no_contract_key():
    [data] = json.loads(CLEAN.read_text(encoding="utf-8"))
    data["amount_unit"] = "万元"
    form = Form.from_dict(data)
    assert form.amount_unit.text == "万元" and "amount_unit" not in form.attachments
    assert form.to_dict()["amount_unit"] == "万元"
    assert contract_view(form.to_dict()).get("amount_unit") is None


def _tables(data: dict) -> tuple[dict, list[dict]]:
    form = enrich(Form.from_dict(data)).to_dict()
    [row] = [dict(zip(FORMS.header, r, strict=True)) for r in FORMS.rows([form])]
    funds = [dict(zip(FUNDS.header, r, strict=True)) for r in FUNDS.rows([form])]
    return row, funds


def test_amounts_in_yuan():
    [data] = json.loads(CLEAN.read_text(encoding="utf-8"))
    data["amount_unit"] = "万元"
    form_row, funds = _tables(data)
    assert form_row["amount_unit"] == "万元"
    assert form_row["budget_full_yuan"] == Decimal("3680000")  # 368.00 万元
    assert form_row["executed_yuan"] == Decimal("3512600")
    assert funds[0]["amount_unit"] == "万元" and funds[0]["executed_yuan"] == Decimal("3512600")
    data["amount_unit"] = "元"
    assert _tables(data)[0]["budget_full_yuan"] == Decimal("368")
    del data["amount_unit"]
    form_row, funds = _tables(data)
    assert form_row["amount_unit"] is None and form_row["budget_full_yuan"] is None


def _shown(data: dict) -> str:
    out = StringIO()
    print_forms([enrich(Form.from_dict(data)).to_dict()], Console(file=out, width=200))
    return out.getvalue()


def test_show_prints_the_forms_own_unit():
    [data] = json.loads(CLEAN.read_text(encoding="utf-8"))
    data["amount_unit"] = "元"
    assert "项目资金（元）" in _shown(data)
    del data["amount_unit"]
    shown = _shown(data)
    assert "项目资金（单位未注明）" in shown and "万元）" not in shown.split("绩效指标")[0]
