"""Engine-neutral page layout: what a table engine hands to form assembly.

Every PDF engine (pdfplumber rulings, camelot lattice, ...) reduces a page to ruled tables of
cells (row/col spans, text, bbox) and the loose text lines around them (titles, 单位：万元).
``extract.assemble`` builds forms from these alone, so engines differ only in how they see cells.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from selfeval.extract.record import BBox


@dataclass(slots=True)
class GridCell:
    """One (possibly merged) cell. ``row``/``col`` index the table's elementary grid."""

    row: int
    col: int
    rowspan: int
    colspan: int
    text: str | None
    bbox: BBox  # (x0, top, x1, bottom), pdfplumber coordinates
    open_top: bool = False  # the table's top rule skips it: it goes on from the page before
    open_bottom: bool = False  # the table's bottom rule skips it: it goes on over the page
    ink: BBox | None = None  # the box of its glyphs, for a cell across several columns

    @property
    def x0(self) -> float:
        return self.bbox[0]

    @property
    def x1(self) -> float:
        return self.bbox[2]


@dataclass
class Table:
    """A ruled table on one page: its merged cells and the edges of its elementary grid.

    ``xs``/``ys`` are the column and row edges (len = columns + 1, rows + 1); every elementary
    position (r, c) belongs to exactly one cell.
    """

    cells: list[GridCell]
    bbox: BBox
    xs: list[float]
    ys: list[float]
    _owner: list[list[GridCell | None]] | None = field(default=None, repr=False)
    _by_row: dict[int, list[GridCell]] | None = field(default=None, repr=False)

    @property
    def n_rows(self) -> int:
        return len(self.ys) - 1

    @property
    def n_cols(self) -> int:
        return len(self.xs) - 1

    def at(self, row: int, col: int) -> GridCell | None:
        """The cell covering elementary position (row, col)."""
        if self._owner is None:
            owner: list[list[GridCell | None]] = [[None] * self.n_cols for _ in range(self.n_rows)]
            for cell in self.cells:
                for r in range(cell.row, min(cell.row + cell.rowspan, self.n_rows)):
                    for c in range(cell.col, min(cell.col + cell.colspan, self.n_cols)):
                        owner[r][c] = cell
            self._owner = owner
        return self._owner[row][col]

    def starting(self, row: int) -> list[GridCell]:
        """The cells whose top-left corner is in elementary row ``row``, left to right."""
        if self._by_row is None:
            by_row: dict[int, list[GridCell]] = {}
            for cell in sorted(self.cells, key=lambda c: (c.row, c.col)):
                by_row.setdefault(cell.row, []).append(cell)
            self._by_row = by_row
        return self._by_row.get(row, [])


@dataclass(slots=True)
class TextLine:
    """A line of loose text outside every table."""

    text: str
    bbox: BBox


@dataclass(slots=True)
class PageLayout:
    """One page as an engine saw it. ``page`` is 1-based."""

    page: int
    width: float
    height: float
    tables: list[Table] = field(default_factory=list)
    lines: list[TextLine] = field(default_factory=list)
