"""The cell grid of one ruled table: elementary rows and columns, merged cells by missing rules.

Every distinct horizontal rule is a row edge and every vertical rule a column edge; two
neighbouring elementary cells belong to one merged cell when no rule separates them. The
result maps any point to its merged cell by two bisections, so characters are bucketed into
cells in one pass without cropping the page per cell.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass
from typing import Any

from selfeval.extract.pdf import layout
from selfeval.extract.pdf.merge import merge_cells
from selfeval.extract.pdf.rulings import Segment

COVER = 0.3  # a rule separates two cells if it covers their shared edge's middle +-30%
DOUBLE = 4.0  # rules this close (pt) are one border drawn twice, a cell's side each
OPEN_SIDE = 6.0  # crossing rules reaching this far (pt) past the outermost rule: an open side


@dataclass(slots=True)
class Frame:
    """A table's geometry: edges, and for each elementary cell the index of its merged cell."""

    xs: list[float]
    ys: list[float]
    owner: list[list[int]]  # owner[r][c] -> index into spans
    spans: list[tuple[int, int, int, int]]  # (row, col, rowspan, colspan) per merged cell
    open_top: frozenset[int] = frozenset()  # merged cells the table's drawn top rule skips
    open_bottom: frozenset[int] = frozenset()  # ... and its bottom rule

    @property
    def bbox(self) -> tuple[float, float, float, float]:
        return (self.xs[0], self.ys[0], self.xs[-1], self.ys[-1])

    def locate(self, x: float, y: float) -> int | None:
        """The merged cell holding point (x, y), or None outside the table."""
        xs, ys = self.xs, self.ys
        if not (xs[0] <= x <= xs[-1] and ys[0] <= y <= ys[-1]):
            return None
        return self.cell_at(x, y)

    def cell_at(self, x: float, y: float) -> int:
        """The merged cell holding point (x, y), a point inside the table."""
        xs, ys = self.xs, self.ys  # runs for every glyph of every page: kept lean
        c = bisect_right(xs, x) - 1
        if c > len(xs) - 2:
            c = len(xs) - 2
        r = bisect_right(ys, y) - 1
        if r > len(ys) - 2:
            r = len(ys) - 2
        return self.owner[r][c]

    def cell_bbox(self, index: int) -> tuple[float, float, float, float]:
        row, col, rowspan, colspan = self.spans[index]
        return (self.xs[col], self.ys[row], self.xs[col + colspan], self.ys[row + rowspan])


Glyph = dict[str, Any]


def bucket_glyphs(
    frames: list[Frame], chars: list[Glyph], boxes: bytes | None = None
) -> tuple[list[list[list[Glyph]]], list[Glyph]]:
    """Each glyph into the merged cell of the first frame that holds its centre (per frame, a
    list per merged cell), or into the glyphs outside every frame. The frames' boxes are
    taken once: this runs for every glyph of every page (in C where ``layout.NATIVE`` is, from
    the glyphs' ``boxes`` as ``NATIVE.glyph_boxes`` read them, if given)."""
    if layout.NATIVE is not None:
        native: tuple[list[list[list[Glyph]]], list[Glyph]]
        native = layout.NATIVE.bucket(frames, chars, boxes)
        return native
    buckets: list[list[list[Glyph]]] = [[[] for _ in f.spans] for f in frames]
    bounds = [(*f.bbox, f, cells) for f, cells in zip(frames, buckets, strict=True)]
    loose: list[Glyph] = []
    for ch in chars:
        cx = (ch["x0"] + ch["x1"]) / 2
        cy = (ch["top"] + ch["bottom"]) / 2
        for x0, top, x1, bottom, frame, cells in bounds:
            if x0 <= cx <= x1 and top <= cy <= bottom:
                cells[frame.cell_at(cx, cy)].append(ch)
                break
        else:
            if not _overflow(ch, cx, bounds):
                loose.append(ch)
    return buckets, loose


def _overflow(
    ch: Glyph, cx: float, bounds: list[tuple[float, float, float, float, Frame, list[list[Glyph]]]]
) -> bool:
    """A glyph astride a table's open bottom (or top) edge, over a merged cell that goes on
    over the page break: the last line of its text, which Chromium paints past the page's
    fragment of the cell rather than move it overleaf. Put into that cell; False if none."""
    for x0, top, x1, bottom, frame, cells in bounds:
        if not x0 <= cx <= x1:
            continue
        if ch["top"] < bottom < ch["bottom"]:
            index = frame.cell_at(cx, bottom - 0.1)
            if index in frame.open_bottom:
                cells[index].append(ch)
                return True
        if ch["top"] < top < ch["bottom"]:
            index = frame.cell_at(cx, top + 0.1)
            if index in frame.open_top:
                cells[index].append(ch)
                return True
    return False


def _edges(segments: list[Segment]) -> tuple[list[float], list[list[Segment]]]:
    """Distinct rule positions and the segments lying on each. Rules closer than ``DOUBLE``
    are one edge: the two sides of a border drawn per cell with spacing between the cells
    (HTML's separate borders, cellspacing), with no room for a line of text between them."""
    positions: list[float] = []
    on: list[list[Segment]] = []
    for seg in sorted(segments, key=lambda s: s.pos):
        if positions and seg.pos - positions[-1] <= DOUBLE:
            on[-1].append(seg)
        else:
            positions.append(seg.pos)
            on.append([seg])
    return positions, on


def _open_sides(edges: list[float], on: list[list[Segment]], lo: float, hi: float) -> None:
    """A table drawn without its outer border (Word's "inside borders only"): the crossing
    rules reach past the last rule of this direction; their ends bound the outer cells."""
    if lo < edges[0] - OPEN_SIDE:
        edges.insert(0, lo)
        on.insert(0, [])
    if hi > edges[-1] + OPEN_SIDE:
        edges.append(hi)
        on.append([])


def _covers(segments: list[Segment], lo: float, hi: float) -> bool:
    """Whether a rule covers the middle of the edge (lo, hi): asked for every elementary cell's
    sides, so a plain loop (a generator costs more than the test)."""
    mid, half = (lo + hi) / 2, (hi - lo) * COVER
    start, end = mid - half, mid + half
    for s in segments:
        if s.lo <= start and s.hi >= end:
            return True
    return False


def build_frame(horiz: list[Segment], vert: list[Segment]) -> Frame | None:
    """The merged-cell grid of one group of touching rules, or None if it is not a grid."""
    ys, on_y = _edges(horiz)
    xs, on_x = _edges(vert)
    _open_sides(xs, on_x, min(s.lo for s in horiz), max(s.hi for s in horiz))
    _open_sides(ys, on_y, min(s.lo for s in vert), max(s.hi for s in vert))
    if len(xs) < 2 or len(ys) < 2:
        return None
    n_rows, n_cols = len(ys) - 1, len(xs) - 1
    if layout.NATIVE is not None:  # the same joins and merge_cells, in C
        owner, spans = layout.NATIVE.frame_cells(on_x, on_y, xs, ys, COVER)
    else:
        owner, spans = merge_cells(n_rows, n_cols, _joins(xs, ys, on_x, on_y))
    return Frame(
        xs,
        ys,
        owner,
        spans,
        _open_edge(on_y[0], xs, owner[0]),
        _open_edge(on_y[-1], xs, owner[-1]),
    )


def _joins(
    xs: list[float], ys: list[float], on_x: list[list[Segment]], on_y: list[list[Segment]]
) -> list[tuple[tuple[int, int], tuple[int, int]]]:
    """Neighbouring elementary cells no rule separates."""
    n_rows, n_cols = len(ys) - 1, len(xs) - 1
    joins = [
        ((r, c - 1), (r, c))  # no vertical rule between column c-1 and c
        for c in range(1, n_cols)
        for r in range(n_rows)
        if not _covers(on_x[c], ys[r], ys[r + 1])
    ]
    joins += [
        ((r - 1, c), (r, c))  # no horizontal rule between row r-1 and r
        for r in range(1, n_rows)
        for c in range(n_cols)
        if not _covers(on_y[r], xs[c], xs[c + 1])
    ]
    return joins


def _open_edge(rules: list[Segment], xs: list[float], owners: list[int]) -> frozenset[int]:
    """Cells of the outer row that a drawn outer rule skips: a merged cell that runs on over
    the page break (Calc and Chromium leave its side open). A table drawn with no rule there
    at all (inside borders only) has no open cell: nothing tells which cells go on."""
    if not rules:
        return frozenset()
    return frozenset(owners[c] for c in range(len(xs) - 1) if not _covers(rules, xs[c], xs[c + 1]))
