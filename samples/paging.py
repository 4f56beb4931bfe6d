"""Where pages break: between indicator rows, filled to a safe fraction of the usable height.

The spreadsheet route needs manual breaks (LibreOffice's own would land anywhere); the drawing
route uses the same plan. ``rows_per_page`` from a layout forces breaks after those counts.
"""

from __future__ import annotations

from samples.grid import Cell, Grid

A4 = (595.28, 841.89)


def page_size(landscape: bool) -> tuple[float, float]:
    return (A4[1], A4[0]) if landscape else A4


def breaks(
    grid: Grid, heights: list[float], usable: float, rows_per_page: tuple[int, ...] = ()
) -> list[int]:
    """Grid rows that start a new page. Breaks fall only before indicator or total rows."""
    if rows_per_page:
        out, at = [], 0
        for n in rows_per_page[:-1]:
            at += n
            if at < len(grid.ind_rows):
                out.append(grid.ind_rows[at])
        return out
    out: list[int] = []
    used = 0.0
    for r, h in enumerate(heights):
        if used + h > usable and r > 0 and grid.kinds[r] in ("ind", "total", "grade", "footer"):
            out.append(r)
            used = 0.0
        used += h
    return out


def split_at_breaks(grid: Grid, starts: list[int], repeat: bool) -> list[Cell]:
    """Merged cells cut at page starts; with ``repeat`` the label is printed again below."""
    out: list[Cell] = []
    for c in grid.cells:
        cuts = [b for b in starts if c.row < b < c.row + c.rowspan]
        if not cuts or c.rowspan == 1:
            out.append(c)
            continue
        bounds = [c.row, *cuts, c.row + c.rowspan]
        for i, (a, b) in enumerate(zip(bounds, bounds[1:], strict=False)):
            text = c.text if (i == 0 or repeat) else None
            out.append(
                Cell(a, c.col, text, b - a, c.colspan, c.align, c.bold, c.scale, c.border, c.role)
            )
    return out
