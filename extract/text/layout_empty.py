"""An empty block of a ``pdftotext -layout`` grid: a level-2 label (经济效益指标) that no
indicator stands under, printed alone between two rows with every other cell of its row
empty. The form keeps such a row (its level labels, every other cell null), as the PDF
reader does.

A label no reading gives a row, with text of a row on the lines just above or below it, may
instead be a row's whose 得分 was not read; so it is kept only when its row is certain:

* it names a level-2 name of the vocabulary, whole;
* it stands between two rows read for certain, one after the other, and no value column
  holds text on any line between those rows (its own lines included): the lines between
  them are the empty row's alone;
* those two rows' level-2 labels are known, and neither is its own name;
* its level-1 label is the one the rows around give: both rows' when they share one, else
  the one of the two blocks the vocabulary lets its name stand under (经济效益指标 under
  效益指标, not beside 成本指标 under 产出指标) while it does not let the other; a label the
  level-1 readings give its lines must be that one too.

Otherwise the label is named in a note (the row is lost, and the form is incomplete).
"""

from __future__ import annotations

from dataclasses import dataclass

import regex

from selfeval.extract.record import Cell, Indicator
from selfeval.extract.vocabulary import (
    LEVEL2_ALSO_UNDER,
    LEVEL2_PARENT,
    POINTS,
    label_key,
    level1_parents,
)

_POINTS = regex.compile(POINTS)
#: The level-1 names the vocabulary puts a level-2 name under.
_PARENTS = frozenset(LEVEL2_PARENT.values()) | {p for v in LEVEL2_ALSO_UNDER.values() for p in v}


@dataclass(frozen=True)
class RowsAround:
    """What the page's rows tell about the lines between them: each row's first and last
    line, whether it was read for certain, its level labels by level, and the lines that
    hold a value column's text."""

    spans: list[tuple[int, int]]
    sure: list[bool]
    labels: dict[str, list[str | None]]
    taken: set[int]


def _name(label: str | None) -> str:
    """A label compared without spaces or points (经济效益指标（10分）)."""
    return _POINTS.sub("", label_key(label))


def empty_block_row(
    lines: list[int], level1: str | None, level2: str, levels: list[str], rows: RowsAround
) -> Indicator | str | None:
    """The empty block's row when it is certain (see the module's docstring), else why it
    is not; None when the label is no level-2 name of the vocabulary (not a block's
    label for certain: nothing is said of it). ``lines``: the label's lines; ``level1``:
    the label the level-1 readings give its lines, if they agree."""
    if not level1_parents(level2):
        return None
    why = f"an empty block's label ({level2!r}) stands beside a row's lines"
    above = [k for k, (_, bottom) in enumerate(rows.spans) if bottom < lines[0]]
    below = [k for k, (top, _) in enumerate(rows.spans) if top > lines[-1]]
    if not above or not below or below[0] != above[-1] + 1:
        return why
    up, down = above[-1], below[0]
    gap = range(rows.spans[up][1] + 1, rows.spans[down][0])
    if not (rows.sure[up] and rows.sure[down]) or rows.taken & set(gap):
        return why
    why = f"an empty block's label ({level2!r}): its rows' level labels are not certain"
    own = rows.labels.get("level2", [])
    if "level2" in levels and any(
        not own or own[k] is None or _name(own[k]) == _name(level2) for k in (up, down)
    ):
        return why
    if "level1" in levels:
        level1 = _level1(level1, level2, up, down, rows.labels)
        if level1 is None:
            return why
    # (every other cell empty: Indicator's fields default to an empty cell)
    return Indicator(
        level1=Cell(level1 if "level1" in levels else None),
        level2=Cell(level2 if "level2" in levels else None),
    )


def _level1(
    read: str | None, level2: str, up: int, down: int, labels: dict[str, list[str | None]]
) -> str | None:
    """The empty row's level-1 label by the rows around it: the one block of the two (the
    row above's, the row below's) the vocabulary lets ``level2`` stand under; None when
    that is not one, or the readings (``read``) give another."""
    column = labels.get("level1", [])
    if not column or column[up] is None or column[down] is None:
        return None
    fits = {column[k] for k in (up, down) if _may_stand_under(level2, k, labels)}
    if len(fits) != 1:
        return None
    (got,) = fits
    return got if read is None or read == got else None


def _may_stand_under(level2: str, k: int, labels: dict[str, list[str | None]]) -> bool:
    """May ``level2`` stand in row ``k``'s level-1 block? The vocabulary must let it stand
    under the block's label when that names a level-1 name (产出指标(50分)), and under a
    name every known level-2 name of the block's rows stands under too."""
    column, names = labels["level1"], labels.get("level2", [])
    label = column[k]
    can = set(level1_parents(level2))
    if _name(label) in _PARENTS:
        can &= {_name(label)}
    first, last = k, k
    while first > 0 and column[first - 1] == label:
        first -= 1
    while last + 1 < len(column) and column[last + 1] == label:
        last += 1
    for j in range(first, last + 1):
        parents = level1_parents(names[j]) if j < len(names) else frozenset()
        if parents:
            can &= parents
    return bool(can)
