"""From an original's cells and merges to the engine-neutral page layout the PDF reader builds.

A workbook, document or web page already knows its cells: their row, column, spans and text.
``Canvas`` lays them out on a synthetic page (x = the cumulative column width, y = one row
after the other, in document order) as ``extract.assemble_grid`` tables and loose lines, so
``extract.assemble.assemble`` builds the forms with every rule the PDF reader uses (header
band, label carry-down, goals, total, remarks). Each cell keeps a reference in the source's own
terms (``Sheet1!C12``, ``table 1 row 3 col 2``); ``apply_refs`` puts it on the form's cells.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace

from selfeval.extract.assemble_grid import GridCell, PageLayout, Table, TextLine
from selfeval.extract.record import BBox, Cell, Form

ROW_HEIGHT = 20.0
LINE_GAP = 10.0


@dataclass(slots=True)
class SourceCell:
    """One (possibly merged) cell of an original: grid position, spans, displayed text, ref."""

    row: int
    col: int
    rowspan: int
    colspan: int
    text: str | None
    ref: str


class Canvas:
    """One synthetic page: tables and lines placed top to bottom in the order they are added."""

    def __init__(self, page: int = 1) -> None:
        self.page = page
        self.y = 0.0
        self.width = 100.0
        self.tables: list[Table] = []
        self.lines: list[TextLine] = []
        self.refs: dict[tuple[int, BBox], str] = {}
        self.info: dict[str, str] = {}  # written to the forms' source (an HTML page's charset)

    def line(self, text: str | None, ref: str) -> None:
        text = (text or "").strip()
        if not text:
            return
        bbox = (0.0, self.y, self.width, self.y + ROW_HEIGHT)
        self.lines.append(TextLine(text, bbox))
        self.refs[(self.page, bbox)] = ref
        self.y += ROW_HEIGHT

    def table(
        self,
        cells: list[SourceCell],
        widths: list[float],
        ref_of: Callable[[int, int], str] | None = None,
    ) -> None:
        """A table from cells on an elementary grid (row/col 0-based within the table);
        ``ref_of(row, col)`` names an empty position where the source can name it."""
        if not cells:
            return
        n_rows = max(c.row + c.rowspan for c in cells)
        # the table ends at its last filled column: an empty column beyond it (another form's
        # wider grid on the same sheet) would read as a blank cell beside the last label
        n_cols = max(c.col + c.colspan for c in cells)
        widths = [w if w and w > 0 else 10.0 for w in widths] + [10.0] * (n_cols - len(widths))
        xs = [0.0]
        for w in widths[:n_cols]:
            xs.append(xs[-1] + w)
        self.width = max(self.width, xs[-1])
        top = self.y + LINE_GAP
        ys = [top + i * ROW_HEIGHT for i in range(n_rows + 1)]
        taken = [[False] * n_cols for _ in range(n_rows)]
        grid: list[GridCell] = []
        for c in sorted(cells, key=lambda c: (c.row, c.col)):
            r1 = min(c.row + c.rowspan, n_rows)
            c1 = min(c.col + c.colspan, n_cols)
            if any(taken[r][k] for r in range(c.row, r1) for k in range(c.col, c1)):
                continue  # overlapping spans in a broken original: the first cell keeps it
            for r in range(c.row, r1):
                for k in range(c.col, c1):
                    taken[r][k] = True
            bbox = (xs[c.col], ys[c.row], xs[c1], ys[r1])
            grid.append(GridCell(c.row, c.col, r1 - c.row, c1 - c.col, printed(c.text), bbox))
            self.refs[(self.page, bbox)] = c.ref
        for r in range(n_rows):  # every elementary position belongs to one cell
            for k in range(n_cols):
                if not taken[r][k]:
                    bbox = (xs[k], ys[r], xs[k + 1], ys[r + 1])
                    grid.append(GridCell(r, k, 1, 1, None, bbox))
                    if ref_of is not None:
                        self.refs[(self.page, bbox)] = ref_of(r, k)
        self.tables.append(Table(grid, (xs[0], ys[0], xs[-1], ys[-1]), xs, ys))
        self.y = ys[-1] + LINE_GAP

    def place(
        self,
        cells: list[SourceCell],
        in_table: set[int],
        n_rows: int,
        widths: list[float],
        ref_for: Callable[[int], Callable[[int, int], str]] | None = None,
    ) -> None:
        """A sheet's cells top to bottom: each run of rows in ``in_table`` as one table (row
        numbers made relative to it, spans cut at its end), every other row's cells as loose
        lines. ``ref_for(start)`` names the empty positions of the table starting at ``start``."""
        by_row: dict[int, list[SourceCell]] = {}
        for cell in cells:
            by_row.setdefault(cell.row, []).append(cell)
        r = 0
        while r < n_rows:
            if r not in in_table:
                for cell in sorted(by_row.get(r, []), key=lambda c: c.col):
                    self.line(cell.text, cell.ref)
                r += 1
                continue
            start = r
            while r < n_rows and r in in_table:
                r += 1
            block = [
                SourceCell(
                    c.row - start, c.col, min(c.rowspan, r - c.row), c.colspan, c.text, c.ref
                )
                for c in cells
                if start <= c.row < r
            ]
            self.table(block, widths, ref_for(start) if ref_for is not None else None)

    def layout(self) -> PageLayout:
        return PageLayout(self.page, self.width, self.y, list(self.tables), list(self.lines))


def printed(text: str | None) -> str | None:
    """A cell's text as the page shows it: spaces typed before or after a line do not print."""
    if text is None:
        return None
    lines = [line.strip() for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n")]
    return "\n".join(lines).strip("\n") or None


def apply_refs(form: Form, refs: dict[tuple[int, BBox], str]) -> None:
    """Provenance in the source's terms: each cell's ref instead of its synthetic bbox."""

    def in_source_terms(cell: Cell) -> Cell:
        if cell.bbox is None or cell.page is None:
            return cell
        ref = refs.get((cell.page, cell.bbox), cell.ref)
        return replace(cell, ref=ref, bbox=None)  # synthetic coordinates mean nothing to a user

    form.map_cells(in_source_terms)
