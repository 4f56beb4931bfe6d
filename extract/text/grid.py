"""The indicator grid of a text dump: rows anchored on their 分值/得分 pair, cells split by wrap.

Each indicator row prints its weight and score as two numbers that end a line; everything
between two such anchors is the previous row's deviation cell, any level labels, and this row's
level-3 name, target and actual. Level labels are recognised by their form (a short name ending
in 指标, or a bare "(50分)"); the rest is split by ``split_cells`` with column widths learned
from the whole grid, so nothing about a particular form is assumed.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

import regex

from extract.record import Cell, Indicator, Note
from extract.text.cells import Column, Split, cell_text, split_cells
from extract.text.pieces import Piece
from extract.wrap import join_wrapped

_NUMBER = regex.compile(r"^[+-]?\d+(?:\.\d+)?$")
_NA = {"-", "—", "－", "/", "／", "——"}
_LABEL = regex.compile(
    r"^(?:[\p{Han}（）()、]{1,14}指标|[（(]\d+(?:\.\d+)?分[）)])(?:[（(]\d+(?:\.\d+)?分[）)])?$"
)
#: Common level names: a line that reads as one of these is a whole label, never a label's tail.
KNOWN_LEVEL_NAMES = frozenset(
    {
        "产出指标",
        "效益指标",
        "效果指标",
        "满意度指标",
        "成本指标",
        "数量指标",
        "质量指标",
        "时效指标",
        "进度指标",
        "经济效益指标",
        "社会效益指标",
        "生态效益指标",
        "可持续影响指标",
        "服务对象满意度指标",
        "经济成本指标",
        "社会成本指标",
        "生态环境成本指标",
        "过程指标",
        "决策指标",
        "投入指标",
    }
)
#: Level-1 names: a lone label with one of these names opens a level-1 block, not a level-2 one.
LEVEL1_NAMES = frozenset(
    {"产出指标", "效益指标", "效果指标", "过程指标", "决策指标", "投入指标", "项目产出指标"}
)
_LEVEL1_WEIGHT = regex.compile(r"[（(]\d+(?:\.\d+)?分[）)]$")


@dataclass
class Region:
    """The pieces between two anchors, and the anchor's weight/score pieces that close it."""

    pieces: list[Piece]
    weight: Piece | None = None
    score: Piece | None = None


@dataclass
class GridResult:
    indicators: list[Indicator] = field(default_factory=list)
    notes: list[Note] = field(default_factory=list)


def _is_number(text: str) -> bool:
    return bool(_NUMBER.match(text))


def anchor_regions(pieces: list[Piece]) -> list[Region]:
    """Cut the grid's pieces at each line that ends with a weight and a score."""
    by_line: dict[int, list[int]] = {}
    for idx, p in enumerate(pieces):
        by_line.setdefault(p.line_no, []).append(idx)
    regions: list[Region] = []
    start = 0
    for line_no in sorted(by_line):
        idxs = by_line[line_no]
        if len(idxs) < 2:
            continue
        w, s = pieces[idxs[-2]], pieces[idxs[-1]]
        if _is_number(w.text) and (_is_number(s.text) or s.text in _NA):
            regions.append(Region(pieces[start : idxs[-2]], w, s))
            start = idxs[-1] + 1
    regions.append(Region(pieces[start:]))  # the last row's deviation, or a cut-off row
    return regions


def take_labels(pieces: list[Piece]) -> tuple[int, int, list[tuple[str, list[Piece]]]] | None:
    """Find the run of level labels in ``pieces``: (start, end, [(name, pieces)]) or None.

    A label is one piece, or up to three lines joined, that reads as a level name. The run must
    leave at least one piece after it for the level-3 name.
    """
    n = len(pieces)
    for start in range(n):
        if not pieces[start].starts_line:
            continue
        labels: list[tuple[str, list[Piece]]] = []
        i = start
        while i < n - 1:
            found = None
            for size in (1, 2, 3):
                group = pieces[i : i + size]
                if len(group) < size or i + size >= n:
                    break
                if size > 1 and not all(
                    a.ends_line and b.starts_line for a, b in zip(group, group[1:], strict=False)
                ):
                    break
                name = "".join(p.text for p in group)
                if size > 1 and group[-1].text in KNOWN_LEVEL_NAMES:
                    break  # the last line is a whole label: the lines before it are not
                if _LABEL.match(name):
                    found = (name, group)
                    break
            if not found:
                break
            labels.append(found)
            i += len(found[1])
        if labels:
            return start, i, labels
    return None


@dataclass
class _Row:
    region: Region
    dev_before: list[Piece]  # the previous row's deviation pieces found in this region
    labels: list[tuple[str, list[Piece]]]
    split: Split | None
    body: list[Piece]


_ROW_COLUMNS = ("level3", "target", "actual")


def _lost_points(region: Region) -> bool | None:
    """Did the row closed by ``region`` lose points (score below weight)? None if unknown."""
    try:
        return Decimal(region.score.text) < Decimal(region.weight.text)
    except (AttributeError, InvalidOperation):
        return None


def _columns(
    widths: dict[str, float | None], with_dev: bool, lost: bool | None = None
) -> list[Column]:
    """The columns one region fills; a deviation is expected where the previous row lost points."""
    cols = []
    if with_dev:
        empty, filled = {True: (3.0, 0.0), False: (0.0, 3.0)}.get(lost, (0.0, 0.0))
        cols.append(
            Column("deviation", widths.get("deviation"), empty_cost=empty, filled_cost=filled)
        )
    cols.append(Column("level3", widths.get("level3"), required=True))
    cols += [Column(name, widths.get(name)) for name in ("target", "actual")]
    return cols


def _plan(regions: list[Region], widths: dict[str, float | None]) -> list[_Row]:
    rows: list[_Row] = []
    for k, region in enumerate(regions[:-1]):
        found = take_labels(region.pieces)
        if found:
            start, end, labels = found
            dev, body = region.pieces[:start], region.pieces[end:]
            split = split_cells(body, _columns(widths, with_dev=False))
        else:
            labels, dev, body = [], [], region.pieces
            lost = _lost_points(regions[k - 1]) if k else None
            split = split_cells(body, _columns(widths, with_dev=k > 0, lost=lost))
        rows.append(_Row(region, dev, labels, split, body))
    return rows


def _estimate_widths(rows: list[_Row]) -> dict[str, float | None]:
    """Each column's width: the common width of its cells' non-final lines."""
    seen: dict[str, list[int]] = {name: [] for name in ("deviation", *_ROW_COLUMNS)}
    for row in rows:
        if row.split is None:
            continue
        cells = dict(row.split.cells)
        if row.dev_before:
            cells["deviation"] = row.dev_before
        for name, pieces in cells.items():
            seen[name] += [p.width for p in pieces[:-1]]
    widths: dict[str, float | None] = {}
    for name, values in seen.items():
        if not values:
            widths[name] = None
            continue
        mode = Counter(values).most_common(1)[0][0]
        widths[name] = float(max(v for v in values if v <= mode + 1))
    return widths


def _cell(pieces: list[Piece]) -> Cell:
    return Cell(cell_text(pieces), pieces[0].page if pieces else None)


def read_grid(pieces: list[Piece], *, closed: bool = True) -> GridResult:
    """Read the indicator rows from the grid's pieces (header and total already removed).

    ``closed`` says the grid ended with its total line; in a cut-off grid the text after the
    last row may be a deviation or the start of a row that was cut, so it is not placed.
    """
    regions = anchor_regions(pieces)
    rows = _plan(regions, {})
    widths = _estimate_widths(rows)
    rows = _plan(regions, widths)
    result = GridResult()
    level1: Cell = Cell()
    level2: Cell = Cell()
    indicators: list[Indicator] = []

    def place_deviation(dev: list[Piece]) -> None:
        if not dev:
            return
        if indicators:
            indicators[-1].deviation = _cell(dev)
        else:
            result.notes.append(
                Note(
                    "unplaced-cell",
                    "text before the first indicator row",
                    dev[0].page,
                    cell_text(dev),
                )
            )

    for row in rows:
        place_deviation(row.dev_before)
        for pos, (name, group) in enumerate(row.labels):
            label = Cell(join_wrapped([p.text for p in group]), group[0].page)
            is_level1 = (len(row.labels) > 1 and pos == 0) or (
                len(row.labels) == 1 and (name in LEVEL1_NAMES or bool(_LEVEL1_WEIGHT.search(name)))
            )
            if is_level1:
                level1, level2 = label, Cell()
            else:
                level2 = label
        ind = Indicator(level1=level1, level2=level2)
        ind.weight = Cell(row.region.weight.text, row.region.weight.page)
        ind.score = Cell(row.region.score.text, row.region.score.page)
        if row.split is None:
            result.notes.append(
                Note(
                    "unplaced-cell",
                    "the cells of this row could not be told apart; left out of the row",
                    row.body[0].page if row.body else None,
                    " | ".join(p.text for p in row.body),
                )
            )
        else:
            cells = row.split.cells
            place_deviation(cells.get("deviation", []))
            for name in _ROW_COLUMNS:
                if name in row.split.uncertain:
                    if cells[name]:
                        result.notes.append(
                            Note(
                                "unplaced-cell",
                                f"row {len(indicators) + 1}: not certain which column this text "
                                f"belongs to ({name}?); left out",
                                cells[name][0].page,
                                cell_text(cells[name]),
                            )
                        )
                    continue
                setattr(ind, name, _cell(cells[name]))
        indicators.append(ind)
    tail = regions[-1].pieces
    if tail:
        split = split_cells(tail, [Column("deviation", widths.get("deviation"))])
        if closed and split and not split.uncertain and split.cost < 5:
            place_deviation(tail)
        else:
            result.notes.append(
                Note(
                    "unplaced-cell",
                    "text after the last indicator row",
                    tail[0].page,
                    cell_text(tail),
                )
            )
    result.indicators = indicators
    return result
