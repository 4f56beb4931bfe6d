"""Route a: the form as an Excel/WPS grid (openpyxl), later exported to PDF by LibreOffice Calc.

Merged cells, narrow stacked label columns, fit to width, manual page breaks between indicator
rows; some forms reprint 一级/二级 labels (and the grid header) at page tops, others let the
merged cell run over the break as offices often do.
"""

from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.pagebreak import Break, RowBreak

from samples.grid import build_grid
from samples.model import Sample
from samples.paging import breaks, page_size, split_at_breaks

THIN = Side(style="thin", color="000000")
BOX = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
MARGIN_IN = 0.55
PT_PER_WIDTH_UNIT = 7.0  # LibreOffice: one Excel width unit at the default font (measured)


def write(sample: Sample, out_dir: Path) -> Path:
    lay = sample.layout
    wb = Workbook()
    wb.remove(wb.active)
    for i, form in enumerate(sample.forms):
        ws = wb.create_sheet(f"自评表{i + 1}" if len(sample.forms) > 1 else "Sheet1")
        _sheet(ws, form, lay)
    path = out_dir / f"{sample.stem}.xlsx"
    wb.save(path)
    return path


def _sheet(ws, form, lay) -> None:
    grid = build_grid(form)
    size = lay.size
    width_pt = sum(grid.cols) * size
    page_w, page_h = page_size(lay.landscape)
    scale = min(1.0, (page_w - 2 * MARGIN_IN * 72) / width_pt)
    heights = [h * size for h in grid.heights()]
    usable = (page_h - 2 * MARGIN_IN * 72 - 30) / scale * 0.86
    starts = breaks(grid, heights, usable, lay.rows_per_page)
    cells = split_at_breaks(grid, starts, lay.repeat_labels)

    for i, em in enumerate(grid.cols):
        ws.column_dimensions[get_column_letter(i + 1)].width = em * size / PT_PER_WIDTH_UNIT
    for r, h in enumerate(heights):
        ws.row_dimensions[r + 1].height = round(h, 1)
    for c in cells:
        r0, c0 = c.row + 1, c.col + 1
        r1, c1 = r0 + c.rowspan - 1, c0 + c.colspan - 1
        cell = ws.cell(row=r0, column=c0, value=c.text)
        if c.text is not None:
            cell.data_type = "s"  # "=8个" is a printed value, not a formula
        cell.font = Font(name=lay.font, size=round(size * c.scale, 1), bold=c.bold)
        cell.alignment = Alignment(horizontal=c.align, vertical="center", wrap_text=True)
        if c.border:
            for rr in range(r0, r1 + 1):
                for cc in range(c0, c1 + 1):
                    ws.cell(row=rr, column=cc).border = BOX
        if r1 > r0 or c1 > c0:
            ws.merge_cells(start_row=r0, start_column=c0, end_row=r1, end_column=c1)
    ws.row_breaks = RowBreak()
    for b in starts:
        ws.row_breaks.append(Break(id=b))
    if lay.repeat_labels:
        head = grid.kinds.index("ind-head") + 1
        ws.print_title_rows = f"{head}:{head}"
    ps = ws.page_setup
    ps.paperSize = ws.PAPERSIZE_A4
    ps.orientation = "landscape" if lay.landscape else "portrait"
    ps.fitToWidth = 1
    ps.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_options.horizontalCentered = True
    m = ws.page_margins
    m.left = m.right = m.top = m.bottom = MARGIN_IN
    m.header = m.footer = 0.3
