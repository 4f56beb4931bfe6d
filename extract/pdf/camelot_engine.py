"""The second engine: camelot's lattice tables, turned into the same ``PageLayout`` cells.

camelot finds the rulings on a rendered image of the page and returns a full grid of
elementary cells with their four edges flagged; merged cells are the groups of elementary cells
with no edge between them, and their text is what camelot placed in any of them. Loose text
(title, year) comes from the default engine's pass over the same pages, so only the tables
differ between engines.
"""

from __future__ import annotations

import logging
import warnings
from pathlib import Path
from typing import TYPE_CHECKING

from selfeval.extract.assemble_grid import GridCell, PageLayout, Table
from selfeval.extract.errors import ReadError
from selfeval.extract.pdf.glyphs import clean_string
from selfeval.extract.pdf.merge import merge_cells

if TYPE_CHECKING:
    from camelot.core import Table as CamelotTable

# pdfminer's default (0.1 em) turns LibreOffice Writer's CJK-Latin autospace (0.2 em) into
# spaces that were never typed; drawn space glyphs are kept whatever this is.
WORD_MARGIN = 0.3


def camelot_layouts(path: Path, plumber_pages: list[PageLayout]) -> list[PageLayout]:
    """The pages of ``plumber_pages`` again, their tables replaced by camelot lattice tables."""
    from camelot.io import read_pdf

    if not plumber_pages:
        return []
    pages = ",".join(str(p.page) for p in plumber_pages)
    logging.getLogger("camelot").setLevel(logging.ERROR)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            found = read_pdf(
                str(path),
                flavor="lattice",
                pages=pages,
                split_text=True,
                layout_kwargs={"word_margin": WORD_MARGIN},
            )
    except Exception as exc:  # camelot raises many types on odd files
        raise ReadError(path, "damaged", f"camelot cannot read it ({type(exc).__name__})") from None
    heights = {p.page: p.height for p in plumber_pages}
    by_page: dict[int, list[Table]] = {}
    for found_table in found:
        page_no = int(found_table.page)
        by_page.setdefault(page_no, []).append(_table(found_table, heights[page_no]))
    out = []
    for layout in plumber_pages:
        tables = sorted(by_page.get(layout.page, []), key=lambda t: t.bbox[1])
        out.append(PageLayout(layout.page, layout.width, layout.height, tables, layout.lines))
    return out


def _table(found: CamelotTable, height: float) -> Table:
    """One camelot table as merged cells in pdfplumber coordinates (y down from the top)."""
    grid = found.cells
    n_rows, n_cols = len(grid), len(grid[0]) if grid else 0
    xs = [found.cols[0][0]] + [c[1] for c in found.cols]
    ys = [height - found.rows[0][0]] + [height - r[1] for r in found.rows]
    joins = []
    for r in range(n_rows):
        for c in range(n_cols):
            cell = grid[r][c]
            if c + 1 < n_cols and not cell.right and not grid[r][c + 1].left:
                joins.append(((r, c), (r, c + 1)))
            if r + 1 < n_rows and not cell.bottom and not grid[r + 1][c].top:
                joins.append(((r, c), (r + 1, c)))
    owner, spans = merge_cells(n_rows, n_cols, joins)
    members: list[list[tuple[int, int]]] = [[] for _ in spans]
    for r in range(n_rows):
        for c in range(n_cols):
            members[owner[r][c]].append((r, c))
    cells = []
    for (r0, c0, rowspan, colspan), cell_members in zip(spans, members, strict=True):
        texts = [grid[r][c].text for r, c in cell_members if grid[r][c].text.strip()]
        cells.append(
            GridCell(
                r0,
                c0,
                rowspan,
                colspan,
                clean_string("\n".join(texts)) if texts else None,
                (xs[c0], ys[r0], xs[c0 + colspan], ys[r0 + rowspan]),
            )
        )
    cells.sort(key=lambda g: (g.row, g.col))
    return Table(cells, (xs[0], ys[0], xs[-1], ys[-1]), xs, ys)
