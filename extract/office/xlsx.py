"""Excel/WPS workbooks (.xlsx/.xlsm) with openpyxl: the displayed text of every visible cell.

Each visible sheet is one synthetic page. Hidden rows and columns are skipped (merges are
counted over the visible ones); a cell's text is its value under its number format
(``extract.office.numfmt``); a formula gives its cached value, and a formula saved without one
(a workbook written by a program that does not calculate) is flagged on the form, never read
as an empty cell. The ruled block of a sheet (cells with borders) becomes a table and the
unruled rows around it loose lines (title, 单位：万元, signatures), as on the printed page; a
sheet without any borders is read as one table per run of rows with two or more filled cells.
"""

from __future__ import annotations

import warnings
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING
from unittest import mock

from openpyxl.utils import get_column_letter

from selfeval.extract.errors import ReadError
from selfeval.extract.office.canvas import Canvas, SourceCell
from selfeval.extract.office.numfmt import display
from selfeval.extract.record import Note

if TYPE_CHECKING:  # openpyxl is imported when a workbook is read
    from openpyxl.cell.cell import Cell, MergedCell
    from openpyxl.workbook.workbook import Workbook as Book
    from openpyxl.worksheet._reader import WorksheetReader
    from openpyxl.worksheet.worksheet import Worksheet

DEFAULT_WIDTH = 8.43


class Workbook:
    """What the reader gathered: one canvas per visible sheet and the uncached formulas."""

    def __init__(self) -> None:
        self.canvases: list[Canvas] = []
        self.sheets: list[str] = []
        self.uncached: dict[int, list[str]] = {}  # page -> refs of formulas without a value


@contextmanager
def _plain_merges() -> Iterator[None]:
    """Load merged ranges as plain ranges: openpyxl otherwise turns every covered cell into a
    MergedCell and copies the borders around each merge, 90 % of a small form's load time.
    The reader needs only the ranges (covered cells are skipped by position)."""
    try:
        from openpyxl.worksheet._reader import WorksheetReader
        from openpyxl.worksheet.cell_range import CellRange, MultiCellRange
    except ImportError:  # another openpyxl layout: the slow, complete way
        yield
        return

    def bind_merged_cells(self: WorksheetReader) -> None:
        if self.parser.merged_cells:
            ranges = [CellRange(cr.ref) for cr in self.parser.merged_cells.mergeCell]
            self.ws.merged_cells = MultiCellRange(ranges)

    with mock.patch.object(WorksheetReader, "bind_merged_cells", bind_merged_cells):
        yield


def _load(path: Path, data_only: bool) -> Book:
    from openpyxl import load_workbook

    with warnings.catch_warnings(), _plain_merges():
        warnings.simplefilter("ignore")
        with open(path, "rb") as fh:  # a file object: openpyxl judges a name by its suffix
            return load_workbook(fh, data_only=data_only, rich_text=False)


def read_workbook(path: Path) -> Workbook:
    try:
        wb = _load(path, data_only=False)
    except Exception as exc:  # zip, XML, openpyxl's own: any package it cannot load
        raise ReadError(path, "damaged", f"the workbook cannot be opened: {exc}") from None
    has_formula = any(cell.data_type == "f" for ws in wb.worksheets for cell in ws._cells.values())
    cached = None
    if has_formula:
        cached = _load(path, data_only=True)
    out = Workbook()
    page = 0
    for ws in wb.worksheets:
        if ws.sheet_state != "visible":
            continue
        page += 1
        values = cached[ws.title] if cached is not None else None
        canvas, uncached = _sheet(ws, values, page)
        out.canvases.append(canvas)
        out.sheets.append(ws.title)
        if uncached:
            out.uncached[page] = uncached
    return out


def uncached_note(refs: list[str], page: int) -> Note:
    shown = "、".join(refs[:5]) + ("等" if len(refs) > 5 else "")
    return Note(
        "reading.uncached-formula",
        f"工作簿保存时未存公式计算结果（{shown}），这些单元格未读入；请在 Excel/WPS 中打开并保存后再读",
        page=page,
        text=shown,
    )


@dataclass
class _SheetGrid:
    """Where a sheet's cells land: the visible rows and columns and the merged ranges."""

    hidden_rows: set[int]
    hidden_cols: set[int]
    widths: dict[int, float]
    rows: list[int]
    cols: list[int]
    row_at: dict[int, int]
    col_at: dict[int, int]
    merged: dict[tuple[int, int], tuple[int, int]]  # top-left -> (max_row, max_col)
    covered: set[tuple[int, int]]


@dataclass
class _Gathered:
    """The visible cells of a sheet and what decides its table rows."""

    uncached: list[str] = field(default_factory=list)
    cells: list[SourceCell] = field(default_factory=list)
    ruled: set[int] = field(default_factory=set)  # visible row indexes holding a bordered cell
    filled: dict[int, int] = field(default_factory=dict)
    spans_into: set[int] = field(default_factory=set)  # visible rows a vertical merge reaches


def _sheet_grid(ws: Worksheet) -> _SheetGrid:
    max_row, max_col = ws.max_row, ws.max_column
    hidden_cols, widths = set(), {}
    for dim in ws.column_dimensions.values():
        lo, hi = dim.min or 0, dim.max or 0
        for i in range(lo, min(hi, max_col) + 1):
            if dim.hidden:
                hidden_cols.add(i)
            if dim.width:
                widths[i] = dim.width
    hidden_rows = {r for r, dim in ws.row_dimensions.items() if dim.hidden}
    cols = [c for c in range(1, max_col + 1) if c not in hidden_cols]
    rows = [r for r in range(1, max_row + 1) if r not in hidden_rows]
    col_at = {c: i for i, c in enumerate(cols)}
    row_at = {r: i for i, r in enumerate(rows)}
    merged, covered = _merges(ws)
    return _SheetGrid(hidden_rows, hidden_cols, widths, rows, cols, row_at, col_at, merged, covered)


def _merges(ws: Worksheet) -> tuple[dict[tuple[int, int], tuple[int, int]], set[tuple[int, int]]]:
    merged: dict[tuple[int, int], tuple[int, int]] = {}  # top-left -> (max_row, max_col)
    covered: set[tuple[int, int]] = set()
    for m in ws.merged_cells.ranges:
        merged[(m.min_row, m.min_col)] = (m.max_row, m.max_col)
        for r in range(m.min_row, m.max_row + 1):
            for c in range(m.min_col, m.max_col + 1):
                if (r, c) != (m.min_row, m.min_col):
                    covered.add((r, c))
    return merged, covered


def _xlsx_text(
    ws: Worksheet, cell: Cell | MergedCell, values: Worksheet | None, got: _Gathered
) -> str | None:
    """The displayed text of a cell; a formula's cached value (recorded when missing)."""
    value = cell.value
    if cell.data_type == "f":
        value = values[cell.coordinate].value if values is not None else None
        if value is None:
            got.uncached.append(f"{ws.title}!{cell.coordinate}")
    text = display(value, cell.number_format)
    if isinstance(text, str):
        text = text.replace("\r\n", "\n").replace("_x000D_", "")
    return text


def _gather(ws: Worksheet, values: Worksheet | None, lay: _SheetGrid) -> _Gathered:
    got = _Gathered()
    grid = ws._cells  # (row, col) -> Cell, only the cells the file defines
    for (r, c), cell in sorted(grid.items()):
        if r in lay.hidden_rows or c in lay.hidden_cols or (r, c) in lay.covered:
            if (r, c) in lay.covered and r in lay.row_at and _bordered(cell):
                got.ruled.add(lay.row_at[r])
            continue
        text = _xlsx_text(ws, cell, values, got)
        _place_cell(ws, cell, r, c, text, lay, got)
    return got


def _place_cell(
    ws: Worksheet,
    cell: Cell | MergedCell,
    r: int,
    c: int,
    text: str | None,
    lay: _SheetGrid,
    got: _Gathered,
) -> None:
    """Record a visible cell: its bordered row, and the cell itself when it holds text."""
    r_end, c_end = lay.merged.get((r, c), (r, c))
    vis_rows = [lay.row_at[x] for x in range(r, r_end + 1) if x in lay.row_at]
    vis_cols = [lay.col_at[x] for x in range(c, c_end + 1) if x in lay.col_at]
    if not vis_rows or not vis_cols:
        return
    if _bordered(cell):
        got.ruled.add(vis_rows[0])
    if text is None or not text.strip():
        return
    row0, col0 = vis_rows[0], vis_cols[0]
    got.cells.append(
        SourceCell(row0, col0, len(vis_rows), len(vis_cols), text, f"{ws.title}!{cell.coordinate}")
    )
    got.filled[row0] = got.filled.get(row0, 0) + 1
    if len(vis_rows) > 1:
        got.spans_into.update(vis_rows[1:])


def _table_rows(got: _Gathered) -> set[int]:
    if got.ruled:
        in_table = set(got.ruled)
    else:
        in_table = {r for r, n in got.filled.items() if n >= 2} | got.spans_into
    # a merged cell starting in a table row belongs to the table
    for placed in got.cells:
        if placed.row in in_table:
            in_table.update(range(placed.row, placed.row + placed.rowspan))
    return in_table


def _sheet(ws: Worksheet, values: Worksheet | None, page: int) -> tuple[Canvas, list[str]]:
    lay = _sheet_grid(ws)
    got = _gather(ws, values, lay)
    in_table = _table_rows(got)
    canvas = Canvas(page)
    cols, rows = lay.cols, lay.rows
    width_list = [(lay.widths.get(c) or DEFAULT_WIDTH) * 7.0 for c in cols]

    def ref_for(start: int) -> Callable[[int, int], str]:
        return lambda r0, c0: f"{ws.title}!{get_column_letter(cols[c0])}{rows[start + r0]}"

    canvas.place(got.cells, in_table, len(rows), width_list, ref_for)
    return canvas, got.uncached


def _bordered(cell: Cell | MergedCell) -> bool:
    border = cell.border
    if border is None:
        return False
    return any(
        side is not None and side.style
        for side in (border.left, border.right, border.top, border.bottom)
    )
