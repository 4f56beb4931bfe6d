"""-layout dumps of LibreOffice's prints of the corpus originals (a producer the samples'
own PDFs do not use): rows may be declined, never wrong. The print kept here is the one a
probe of 44 such prints found a wrong row in."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import GOLDEN
from tests.conftest import golden_rows as _golden
from tests.conftest import layout_rows as _read

DATA = Path(__file__).parent / "data" / "lo_prints"


def test_a_label_printed_again_past_the_break_is_no_empty_block_below_the_last_row() -> None:
    """hunan (spreadsheet) printed by LibreOffice: 质量指标 stands below page 1's last row
    (林业有害生物成灾率), centred on its cell's part there, which runs on to the page's foot,
    and the next page prints it again at its top: one block crosses the break, so its part
    here holds rows, and the label is no empty block of its own. Read as one, it gave
    林业有害生物成灾率 数量指标; now the rows it cannot place are left out, noted, and every
    row read is the golden's."""
    got, notes = _read(DATA / "hunan-xlsx-libreoffice.layout.txt")
    want = _golden(GOLDEN / "2021-hunan-lingling-youhai-shengwu-xlsx.json")
    assert all(r in want for r in got)
    assert "林业有害生物成灾率" not in [r["level3"] for r in got]
    assert len(got) >= 3
    assert sum("left out" in n for n in notes) == len(want) - len(got)


def test_labels_on_row_tops_by_chance_give_no_row_a_block_holding_its_name_twice() -> None:
    """keji-xiezuo (spreadsheet) printed by LibreOffice, dumped at -fixed 4: 质量指标, a
    merged cell over pages 2 and 3, prints once, centred on the whole cell, and falls on
    page 3 at the top of 新技术新产品（服务）认定's row. Taken as a grid printing labels at
    their rows' tops, page 2's rows below its last label (数量指标) and page 3's rows above
    质量指标 went to 数量指标, which then held 中俄技术交流活动 and 重点领域央企科技创新需求分析
    twice: the labels are settled again without that reading, and no row is wrong."""
    got, notes = _read(DATA / "keji-xlsx-libreoffice-fixed4.layout.txt")
    want = _golden(GOLDEN / "2021-beijing-keji-xiezuo-zhongxin-xlsx.json")
    assert all(r in want for r in got)
    assert not [r for r in got if r["level3"] == "科技政策宣传" and r["level2"] == "数量指标"]
    assert len(got) >= 15
    assert sum("left out" in n for n in notes) >= len(want) - len(got) - 1


def test_a_block_holding_a_settled_rows_name_twice_is_found() -> None:
    from selfeval.extract.record import Cell, Indicator
    from selfeval.extract.text.layout_levels import _twice_in_block

    def row(l2: str | None, name: str) -> Indicator:
        return Indicator(level1=Cell("产出指标"), level2=Cell(l2), level3=Cell(name))

    rows = [
        row("数量指标", "中俄技术交流活动"),
        row(None, "x"),
        row("数量指标", "中俄技术交流活动"),
    ]
    assert _twice_in_block(rows, {id(rows[2])})
    assert not _twice_in_block(rows, set())  # (no row settled: nothing the settling did)
    rows[2].level2 = Cell("质量指标")  # (another block: 央企应用场景推进 under each)
    assert not _twice_in_block(rows, {id(rows[2])})
    rows = [row("数量指标", "……"), row("数量指标", "……")]  # (a placeholder, twice)
    assert not _twice_in_block(rows, {id(rows[1])})
