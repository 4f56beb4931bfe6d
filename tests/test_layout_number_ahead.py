"""A 分值 run into the next column's text one space apart (8 11 月底完成), cut where the page's
certain 分值 numbers all stand."""

from __future__ import annotations

import json

from selfeval.extract.text import parse_text
from tests.conftest import ROOT

STEM = "2022-ningxia-yuanzhou-nongji-tuiguang-docx"
DUMP = ROOT / "samples" / "dumps" / f"{STEM}.layout.txt"
LINE = "             项目完成时间       8 11 月底完成     11 月底完成    8"


def _rows(text: str) -> tuple[dict[str, dict[str, object]], list[str]]:
    (form,) = parse_text(text)
    rows = {str(r.to_dict()["level3"]): r.to_dict() for r in form.indicators}
    return rows, [n.message for n in form.notes]


def test_a_number_where_every_certain_weight_stands_is_the_rows_weight() -> None:
    text = DUMP.read_text("utf-8")
    assert LINE in text
    golden = json.loads((ROOT / "golden" / f"{STEM}.json").read_text("utf-8"))
    golden = golden[0] if isinstance(golden, list) else golden
    want = next(r for r in golden["indicators"] if r["level3"] == "项目完成时间")
    rows, notes = _rows(text)
    assert rows["项目完成时间"] == want
    assert want["weight"] == "8" and want["target"] == "11月底完成"
    assert not any("分值 is empty" in n for n in notes)


def test_a_number_off_the_weights_place_is_not_cut() -> None:
    # one place right of where the page's 分值 numbers stand: it may be the target's own word
    shifted = LINE.replace("       8 11 月底完成     11", "        8 11 月底完成    11")
    assert shifted != LINE
    rows, notes = _rows(DUMP.read_text("utf-8").replace(LINE, shifted))
    assert "项目完成时间" not in rows
    assert any("分值 is empty" in n for n in notes)
