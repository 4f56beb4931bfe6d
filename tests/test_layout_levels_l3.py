"""-layout level labels: a level-2 column held to the centring its level-1 column shows.

Where two level-2 readings each centre every label within ``centre_slack`` (a row between
two labels under either), the level-1 column may show how far this page's labels drift:
every level-1 block known (both ends on the page) standing within ``STRICT`` of its rows'
middle, two over more than one line. -layout's drift comes from the page's lines, which
both columns share, so the level-2 reading that centres every label so is taken
(``layout_labels._held_by_level1``); where the level-1 labels stand further off, the row
stays declined, noted.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from selfeval.extract.text import parse_text
from tests.conftest import GOLDEN, SAMPLES
from tests.conftest import squashed_row as _squashed

Row = dict[str, Any]
STEM = "2024-sichuan-meishan-nongcun-gonglu-draw"
UNKNOWN = "its level label is not known"


def _read(text: str) -> tuple[list[Row], list[str]]:
    """A -layout dump's emitted rows (cells without whitespace) and its notes."""
    (form, *_) = parse_text(text)
    return [_squashed(r.to_dict()) for r in form.indicators], [n.message for n in form.notes]


def _golden() -> list[Row]:
    (form, *_) = json.loads((GOLDEN / f"{STEM}.json").read_text("utf-8"))
    return [_squashed(r) for r in form["indicators"]]


@pytest.mark.parametrize(
    "folder",
    [
        SAMPLES / "dumps",
        SAMPLES / "dumps_variants" / "fixed3",
        SAMPLES / "dumps_variants" / "fixed3-nopgbrk",
    ],
)
def test_a_level2_column_held_to_the_centring_of_its_level1_column(folder: Path):
    """meishan (drawn): 数量指标 and 质量指标 are each centred within the slack whether
    安全生命防护工程里程 is under the one or the other (rows 0-1 | 2-4 or 0-2 | 3-4); 产出指标
    and 效益指标 stand half a line off their blocks' middle (eleven and three lines tall), so
    the cut centring both level-2 labels exactly is taken: the row is 数量指标's."""
    got, notes = _read((folder / f"{STEM}.layout.txt").read_text("utf-8"))
    assert got == _golden()
    assert not [n for n in notes if UNKNOWN in n]


def test_the_row_stays_declined_where_the_level1_labels_drift_further():
    """The same page with 产出指标 a line higher (1.5 lines off its block's middle, still
    within the slack): the level-1 column shows no centring to hold the level-2 one to, so
    安全生命防护工程里程 stays out, noted, and every row read is the golden's."""
    lines = (SAMPLES / "dumps" / f"{STEM}.layout.txt").read_text("utf-8").split("\n")
    at = next(k for k, line in enumerate(lines) if line.strip() == "产出指标")
    col = lines[at].index("产出指标")
    above = lines[at - 1]
    assert not above[col : col + 8].strip()
    lines[at - 1] = above[:col] + "产出指标" + above[col + 4 :]
    lines[at] = ""
    got, notes = _read("\n".join(lines))
    want = _golden()
    assert all(r in want for r in got)
    assert [r["level3"] for r in want if r not in got] == ["安全生命防护工程里程"]
    assert sum(UNKNOWN in n for n in notes) == 1
