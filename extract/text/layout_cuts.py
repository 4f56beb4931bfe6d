"""The lines a -layout grid's row prints its cells on, shared by every column of the row.

A row's cells are aligned alike (``layout_align``): centred, every cell's lines stand at
the same heights around the row's middle, a cell of n lines at half-line steps
``2i - (n - 1)`` from it (the 得分 number, one line, at 0); at the top, line i of every cell at
the same height; at the bottom, counted from the last. Cells of one size of type at one
height are printed on one dump line, so two cells of a row that reach one step share its
line, and a row's steps go down the page in order. A row's "line map" (step -> line) is
learned from the cells placed for certain; a cut of touching cells whose cell would put a
step on another line than the row's other cells do, or out of order, cannot be the grid's.
The map is trusted only where the grid shows it: no placed cell contradicts another of its
row, and at least ``_EVIDENCE`` rows have two cells meeting on a step other than the anchor's.
"""

from __future__ import annotations

from collections.abc import Iterable

#: The step of the 得分 number, one line: the middle, the top and the bottom line alike.
_ANCHOR_STEP = 0

#: How many rows must show two cells meeting on one line of the map before it is trusted.
_EVIDENCE = 2


def steps(lines: list[int], align: str) -> list[int]:
    """The steps (half lines from the row's middle when centred, lines from the top or the
    bottom otherwise) of a cell's sorted ``lines``."""
    n = len(lines)
    if align == "top":
        return list(range(n))
    if align == "bottom":
        return [i - (n - 1) for i in range(n)]
    return [2 * i - (n - 1) for i in range(n)]


def _merged(line_map: dict[int, int], cell: dict[int, int]) -> dict[int, int] | None:
    """``line_map`` with a cell's steps added; None when a step lands on another line than
    the map's, or the steps and lines do not go down together."""
    out = dict(line_map)
    for step, line in cell.items():
        if out.setdefault(step, line) != line:
            return None
    ordered = [out[s] for s in sorted(out)]
    if any(b < a for a, b in zip(ordered, ordered[1:], strict=False)):
        return None
    return out


def row_line_maps(
    rows: Iterable[Iterable[list[int]]], anchors: list[int], align: str | None
) -> list[dict[int, int]] | None:
    """Each row's line map from its placed cells (each a sorted list of lines) and its
    anchor, or None when the grid's alignment is unknown, a row's cells contradict each
    other, or too few rows show cells meeting (see the module docstring)."""
    if align is None:
        return None
    maps: list[dict[int, int]] = []
    shown = 0
    for cells, anchor in zip(rows, anchors, strict=True):
        line_map: dict[int, int] | None = {_ANCHOR_STEP: anchor}
        seen: set[int] = set()
        met = False
        for lines in cells:
            if not lines:
                continue
            cell = dict(zip(steps(lines, align), lines, strict=True))
            met = met or bool(seen & (cell.keys() - {_ANCHOR_STEP}))
            seen |= cell.keys()
            line_map = _merged(line_map or {}, cell)
            if line_map is None:
                return None
        shown += met
        maps.append(line_map or {})
    return maps if shown >= _EVIDENCE else None


def fits_line_map(line_map: dict[int, int], lines: list[int], align: str) -> bool:
    """Could a cell of ``lines`` be its row's, given the row's line map?"""
    return _merged(line_map, dict(zip(steps(lines, align), lines, strict=True))) is not None


def cells_agree(cells: Iterable[list[int]], anchor: int, align: str) -> bool:
    """Could the cells (each its sorted lines) be one row's, aligned as ``align`` says on
    the row's ``anchor`` line: every step on one line, the steps going down in order?"""
    line_map: dict[int, int] | None = {_ANCHOR_STEP: anchor}
    for lines in cells:
        if lines and line_map is not None:
            line_map = _merged(line_map, dict(zip(steps(lines, align), lines, strict=True)))
    return line_map is not None
