"""-layout level labels: pieces astray between the level columns, and labels over page breaks.

A level label's piece that no column takes leaves its page's labels unread (a label missing
from its column shifts the others'). On a page that prints no header of its own, the column
its level's labels start at places such a piece, when the page's reading holds both level
columns apart (every level-1 piece left of every level-2 one); a reading that put level-2
labels among the level-1 ones tells nothing so, and the piece still voids the page's labels.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from selfeval.extract.text import parse_text
from selfeval.extract.text.layout_labels import levels_apart
from selfeval.extract.text.layout_tokens import Token
from tests.conftest import GOLDEN, SAMPLES, VALIDATION

Row = dict[str, Any]
_FIELDS = ("level1", "level2", "level3", "target", "actual", "weight", "score", "deviation")


def _squashed(r: Row) -> Row:
    return {f: "".join(str(r[f]).split()) if r[f] is not None else None for f in _FIELDS}


def _read(path: Path) -> tuple[list[Row], list[str]]:
    """A -layout dump's emitted rows (cells without whitespace) and its notes."""
    (form, *_) = parse_text(path.read_text("utf-8"))
    return [_squashed(r.to_dict()) for r in form.indicators], [n.message for n in form.notes]


def _golden(path: Path) -> list[Row]:
    data = json.loads(path.read_text("utf-8"))
    form = data[0] if isinstance(data, list) else data
    return [_squashed(r) for r in form["indicators"]]


def test_a_stray_points_label_goes_where_its_level_columns_labels_start():
    """tianchang (spreadsheet), page 2 (no header of its own): (30分) stands apart from the
    level-2 names, where (10分), a level-1 label, starts; the page's labels are read."""
    stem = "2022-anhui-tianchang-shuihan-fangyu-xlsx"
    got, notes = _read(SAMPLES / "dumps" / f"{stem}.layout.txt")
    want = _golden(GOLDEN / f"{stem}.json")
    assert all(r in want for r in got)
    page2 = [r for r in got if r["level1"] in ("(30分)", "(10分)")]
    assert [(r["level2"], r["level3"]) for r in page2] == [
        ("经济效益指标", "指标1:全市安全度汛"),
        ("社会效益指标", "……"),
        ("服务对象满意度指标", "指标1:服务对象满意度"),
        ("服务对象满意度指标", "……"),
    ]
    assert not any("lies between two columns" in n and "(30分)" in n for n in notes)
    assert not any("labels' rows cannot be told" in n for n in notes)
    # the rows still in doubt there are named, not dropped (生态效益指标's two rows by its
    # label: the page reads its 指标1: row, 分值 and 得分 printed /, as no row of its own)
    assert len(want) - len(got) == 7
    assert sum(n.endswith("left out") and " row " in n for n in notes) == 6
    assert any("('生态效益指标') stands beside a row's lines" in n for n in notes)


def test_noto_s_stray_level2_piece_joins_its_column_and_its_rows_stay_declined():
    """seed_html_noto, last page: 社会效益 starts where 可持续影 and 服务对象 do (level 2):
    it no longer voids the level-1 reading; the page's rows, whose cells are in doubt,
    stay declined with their notes."""
    got, notes = _read(VALIDATION / "seed_html_noto.layout.txt")
    assert got == []
    assert not any("'社会效益'" in n for n in notes)
    assert any("the level2 labels' rows cannot be told" in n for n in notes)


def test_level_columns_tell_a_pieces_column_only_when_apart():
    ones = [Token("效益指标", 36, 0, 4), Token("满意度", 70, 0, 3)]
    twos = [Token("可持续影", 40, 4, 8), Token("服务对象", 69, 4, 8)]
    assert levels_apart({"level1": ones, "level2": twos})
    # a reading that put level-2 labels among the level-1 ones (keji-xiezuo drawn, last page)
    mixed = ones + [Token("服务对象", 74, 5, 9), Token("标", 78, 7, 8)]
    assert not levels_apart({"level1": mixed, "level2": []})
    assert not levels_apart({"level1": ones, "level2": [Token("标", 72, 0, 1), *twos]})
