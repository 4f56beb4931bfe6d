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


def _moved(lines: list[str], text: str, by: int) -> None:
    """``text`` (alone on its line) moved ``by`` lines down, to where that line is blank."""
    at = next(k for k, line in enumerate(lines) if line.strip() == text)
    col = lines[at].index(text)
    there = lines[at + by].ljust(col + len(text))
    assert not there[col : col + len(text)].strip()
    lines[at + by] = there[:col] + text + there[col + len(text) :]
    lines[at] = ""


def test_the_row_stays_declined_where_the_labels_drift_further():
    """The same page with 产出指标 a line higher (1.5 lines off its block's middle, within
    the slack, and within the drift a block eleven lines tall may show): the level-2
    column's own labels of several lines, each centred on its one-line row (可持续影响指 /
    标, 服务对象满意 / 度指标), still show the page centres to the line, and the row is
    read. With 服务对象满意度指标 printed on its row's one line instead, one such label is
    left, and no column shows a centring to hold the page to: 安全生命防护工程里程 stays
    out, noted. Every row read is the golden's."""
    lines = (SAMPLES / "dumps" / f"{STEM}.layout.txt").read_text("utf-8").split("\n")
    _moved(lines, "产出指标", -1)
    got, notes = _read("\n".join(lines))
    assert got == _golden()
    _moved(lines, "服务对象满意", 1)
    at = next(k for k, line in enumerate(lines) if line.strip() == "度指标")
    lines[at - 1] = lines[at - 1].replace("服务对象满意", "服务对象满意度指标")
    lines[at] = ""
    got, notes = _read("\n".join(lines))
    want = _golden()
    assert all(r in want for r in got)
    assert [r["level3"] for r in want if r not in got] == ["安全生命防护工程里程"]
    assert sum(UNKNOWN in n for n in notes) == 1
