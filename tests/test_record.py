"""The raw record: the JSON contract keys, null for empty cells, a lossless JSON round trip."""

from __future__ import annotations

import dataclasses
import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from golden import golden_for
from selfeval.extract.record import (
    FUND_FIELDS,
    HEADER_FIELDS,
    INDICATOR_FIELDS,
    Cell,
    Form,
    Indicator,
    Note,
    contract_view,
)
from tests.conftest import SAMPLES


def test_contract_keys_exactly():
    form = Form.from_dict(golden_for(SAMPLES / "text" / "2021-beijing-keji-xiezuo-zhongxin.txt")[0])
    data = form.to_dict()
    assert set(HEADER_FIELDS) <= set(data)
    assert set(data["goals"]) == {"expected", "actual"}
    assert set(data["total"]) == {"weight", "score"}
    assert set(data["funds"][0]) == set(FUND_FIELDS)
    assert set(data["indicators"][0]) == set(INDICATOR_FIELDS)
    assert data["funds"][2]["budget_initial"] is None  # empty cell -> null


def test_golden_round_trips_through_json():
    for path in sorted((SAMPLES.parent / "golden").glob("*.json")):
        for raw in json.loads(path.read_text(encoding="utf-8")):
            form = Form.from_dict(raw)
            again = Form.from_dict(json.loads(json.dumps(form.to_dict(), ensure_ascii=False)))
            assert contract_view(again.to_dict()) == contract_view(raw), path.name


def test_provenance_and_notes_round_trip():
    form = Form(title=Cell("项目支出绩效自评表", 1, (10.0, 20.0, 300.5, 40.25)))
    form.indicators.append(Indicator(level3=Cell("服务企业数量", 2, (1, 2, 3, 4))))
    form.notes.append(Note("unplaced-cell", "why", 2, "text"))
    form.complete = False
    data = json.loads(json.dumps(form.to_dict()))
    assert data["provenance"]["title"] == {"page": 1, "bbox": [10.0, 20.0, 300.5, 40.25]}
    assert data["indicators"][0]["provenance"]["level3"]["page"] == 2
    back = Form.from_dict(data)
    assert back.title == form.title
    assert back.indicators[0].level3.bbox == (1, 2, 3, 4)
    assert back.notes == form.notes and back.complete is False


@given(st.one_of(st.none(), st.text(max_size=30)))
def test_blank_cells_become_null(text):
    cell = Cell(text)
    assert cell.text == (None if text is None or text.strip() == "" else text)  # else as printed
    assert Form(title=cell).to_dict()["title"] == cell.text


def test_cells_are_frozen_and_a_carried_down_cell_changes_once_for_every_row() -> None:
    """A merged level cell is one object in every row it covers: it cannot be edited through
    one row, and ``map_cells`` changes it once (not once per row) and keeps it shared."""
    level1 = Cell("产出指标", 1, (10.0, 100.0, 60.0, 300.0))
    rows = [Indicator(level1=level1, level3=Cell(f"指标{i}", 1)) for i in range(3)]
    form = Form(title=Cell("项目支出绩效自评表"), indicators=rows)
    with pytest.raises(dataclasses.FrozenInstanceError):
        level1.text = "效益指标"  # type: ignore[misc]
    calls: list[str | None] = []

    def tagged(cell: Cell) -> Cell:
        calls.append(cell.text)
        return dataclasses.replace(cell, text=f"{cell.text}*") if cell.text else cell

    form.map_cells(tagged)
    assert calls.count("产出指标") == 1
    assert [r.level1.text for r in form.indicators] == ["产出指标*"] * 3
    assert form.indicators[0].level1 is form.indicators[2].level1
    assert [r.level3.text for r in form.indicators] == ["指标0*", "指标1*", "指标2*"]
    assert form.title.text == "项目支出绩效自评表*" and level1.text == "产出指标"
