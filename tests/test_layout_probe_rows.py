"""Level-1 labels of a probe print (LibreOffice PDFs of the corpus forms' originals, dumped
with `pdftotext -layout`): a sheet with its level-1 names hidden prints only their points
((50分), (30分)), each merged cell centred on its whole block, the last one's block going on
past the page break. Its label stands below the middle of the rows this page holds; the
row above that middle is not the block before's (it read 指标1:全市安全度汛 under (50分))."""

from __future__ import annotations

import json
from typing import Any

from selfeval.extract.text import parse_text
from tests.conftest import GOLDEN, ROOT

DATA = ROOT / "tests" / "data" / "layout_probe"


def _golden_levels(stem: str) -> dict[tuple[str, str], str]:
    """Each golden row's level-1 label by its level-2 and level-3 names."""
    forms: list[dict[str, Any]] = json.loads((GOLDEN / f"{stem}.json").read_text("utf-8"))
    return {(r["level2"], r["level3"]): r["level1"] for r in forms[0]["indicators"]}


def test_a_level1_label_crossing_the_page_break_keeps_its_rows_above_it():
    """(50分) centred on 数量..成本 (its rows' middle within half a line), (30分) below the
    middle of 经济效益..生态效益 on page 1: every emitted row's level-1 label is its golden's,
    全市安全度汛 under (30分)."""
    text = (DATA / "tianchang-hidden-xlsx-levels.layout.txt").read_text("utf-8")
    (form, *_) = parse_text(text)
    want = _golden_levels("2022-anhui-tianchang-shuihan-fangyu-xlsx")
    got = {
        (r.level2.text, r.level3.text): r.level1.text if r.level1 is not None else None
        for r in form.indicators
        if r.level2 is not None and r.level3 is not None
    }
    assert got[("经济效益指标", "指标1:全市安全度汛")] == "(30分)"
    assert len(got) >= 10
    assert all(want[name] == level1 for name, level1 in got.items())
