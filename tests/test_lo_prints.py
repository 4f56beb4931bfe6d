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
