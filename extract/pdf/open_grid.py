"""Grids drawn without (all) their vertical rules: columns from header labels and text alignment.

WPS and some report engines draw a form's rows but not its columns, or only the outer border,
or columns that stop at merged cells. The horizontal rules still give the rows (and, where a
rule stops short, a cell that runs on over the row edge); the columns are read from the text
the way a person reads them. Only tables that need it take this path (``open_frames``): a
stack of horizontal rules that touches no vertical rule, or a ruled table one of whose cells
holds several cells' texts side by side (a label beside its values, two figures, a line of
far-apart runs); fully ruled pages never get here.

- Each elementary row (band) is cut into *clusters*: runs of a printed line (glyphs closer
  than ``BRIDGE`` ems, or with a space glyph between them, or letter-spread CJK at layout-exact
  equal gaps), joined with the runs of other lines they overlap, so a wrapped cell is one.
- A row whose clusters name the columns of a block (一级指标 | 三级指标 | 分值 | 得分 …, or
  年初预算数 | 全年预算数 | 全年执行数 …) heads a *columned section* running down to the total
  row or the next block. Between two neighbouring header labels lies one column edge, at the
  x range the fewest rows of the section cross (ideally none); further edges (a column with no
  header text, such as the funds item names) are x ranges no row of the section crosses. A
  page that opens with body rows (a grid continued from the page before) takes the x ranges
  no ordinary row crosses, and an outer column no text bounds (an empty deviation column) gets
  its far edge by mirroring, where its texts are centred. Every row of a section gets all its
  edges, so empty cells stay cells; a row whose text crosses an edge is a merged cell there.
- Any other row (项目名称 | … | 实施单位 | …, 预期目标 | 实际完成情况) is cut between clusters
  that are two cells (far apart, a known label, two figures, two wrapped paragraphs, or a
  column edge of the row above or below in the gap), so a label's value is the next cell.
- Rule ends (a rule stopping short at a merged cell) and drawn verticals are edges where they
  run; edges of different rows within ``SNAP_COL`` are one edge; rows that no rule separates
  share their edges (a merged cell has the same sides in every row it spans). An edge inside a
  free x range goes where the cell padding says (wrapped text ends a padding short of it,
  left-aligned text starts a padding after it), so cell text wraps as it was printed.
- A row cut by a page break is printed past the table's last (or before its first) rule with
  no rule closing it: lines following the rule closely that fit the grid's columns are a row.

The edges become vertical segments and the usual lattice (``build_frame``) makes the merged
cells, so the result is the same engine-neutral grid as for a fully ruled table.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field
from typing import Any

from selfeval.extract.pdf import layout
from selfeval.extract.pdf.glyphs import is_cjk
from selfeval.extract.pdf.lattice import Frame, build_frame
from selfeval.extract.pdf.layout import printed_lines
from selfeval.extract.pdf.rulings import JOIN, SNAP, Segment
from selfeval.extract.vocabulary import (
    FUND_COLUMNS,
    FUND_MONEY,
    GOAL_COLUMNS,
    GOALS_BLOCK,
    GRADE_LABELS,
    GRID_GROUPS,
    HEADER_LABELS,
    INDICATOR_COLUMNS,
    REMARK_LABELS,
    TOTAL_LABELS,
    label_key,
    match,
)

BRIDGE = 0.25  # ems: glyphs closer than this on a line are one run (CJK-Latin autospace: 0.21)
CROWD_GAP = 1.0  # ems: runs this far apart in one ruled cell are likely two cells' texts
CROWDED = 1  # ruled cells holding runs that far apart before a table is read as open
MIN_CHANNEL = 1.5  # pt: a column gap narrower than this is a gap between glyphs of one word
FREE_GAP = 0.6  # ems: a gap between clusters of a row outside sections that splits cells
EDGE = 3.0  # pt: a rule end this close to the table's side is the side, not a column edge
STACK = 3  # rules stacked with no vertical rule that make a table by themselves (two: a form's row)
MIN_WIDTH = 120.0  # pt: rules shorter than this start no table of their own
SPREAD, SPREAD_PT = 0.002, 0.1  # letter-spread CJK: equal gaps (layout-exact: 0.2 % + 0.1 pt) ...
SPREAD_TOP = 0.3  # ... between single glyphs on one baseline (to 0.3 pt)
CENTRED = 1.5  # pt: texts whose centres lie this close are centred in one column
OPEN_EDGE = 6.0  # pt: a table running on this far past its outer rule has an open side
OPEN_REACH = 200.0  # pt: how far past the outer rule the lines of a cut row are looked for
LINE_GAP = 0.6  # ems: lines of one cut row follow each other (and the rule) this closely
CROSS_TOL = 1.0  # pt: a glyph box reaching this far over a column edge does not cross it
SNAP_COL = 3.0  # pt: column edges of different rows this close are one edge
NUMBER = re.compile(r"^[-+]?[\d.,/%]+$")  # a figure: two of them side by side are two cells
PAD = (1.0, 6.0)  # pt: the least and most cell padding (text to column edge) assumed
PAD_DEFAULT = 2.0  # pt: ... and the padding when no text shows it
LABEL_CHARS = 16  # a label is this short at most (偏差原因分析及改进措施: 11)


# -- text of one band ---------------------------------------------------------------------
@dataclass(slots=True)
class Run:
    """Glyphs of one printed line that belong together."""

    x0: float
    x1: float
    top: float
    text: str
    glyphs: int
    size: float = 10.0
    c0: float = 0.0  # centre of the first glyph and of the last: a column edge between
    c1: float = 0.0  # them cuts the run (glyph boxes may reach over an edge a little)


@dataclass(slots=True)
class Cluster:
    """Runs of one band that overlap in x: the text of one cell (wrapped lines included)."""

    x0: float
    x1: float
    runs: list[Run] = field(default_factory=list)
    _key: str | None = None

    def cuts(self, x: float) -> bool:
        """Would a column edge at x split the text (a glyph on either side of it)?"""
        return any(r.c0 < x < r.c1 for r in self.runs)

    @property
    def label(self) -> bool:
        """Is the cluster a label the vocabulary knows (a cell of its own)?"""
        return _known_label(self.key)

    @property
    def key(self) -> str:
        if self._key is None:
            runs = sorted(self.runs, key=lambda r: (r.top, r.x0))
            self._key = label_key("".join(r.text for r in runs))
        return self._key


def _runs(chars: list[dict[str, Any]]) -> list[Run]:
    return [run for line in printed_lines(chars) for run in _line_runs(line)]


def _line_runs(line: list[dict[str, Any]]) -> list[Run]:
    """Runs of one printed line: glyphs closer than ``BRIDGE`` ems, counting the space glyphs
    drawn between them as filled (a space only bridges the gap it covers)."""
    runs: list[Run] = []
    reach = float("-inf")
    for ch in line:
        text = ch["text"]
        size = ch.get("size") or 10.0
        near = ch["x0"] - reach <= BRIDGE * size
        if not text or text.isspace():
            if runs and near:
                reach = max(reach, ch["x1"])
            continue
        centre = (ch["x0"] + ch["x1"]) / 2
        if runs and near:
            run = runs[-1]
            run.x1 = max(run.x1, ch["x1"])
            run.text += text
            run.glyphs += 1
            run.c1 = centre
            reach = max(reach, ch["x1"])
        else:
            runs.append(Run(ch["x0"], ch["x1"], ch["top"], text, 1, size, centre, centre))
            reach = ch["x1"]
    return _unspread(runs)


def _one_cjk(run: Run) -> bool:
    """A run of one CJK glyph (an unmapped glyph prints as "(cid:12)": one glyph, no CJK)."""
    return run.glyphs == 1 and len(run.text) == 1 and is_cjk(run.text)


def _unspread(runs: list[Run]) -> list[Run]:
    """Letter-spread labels ("总      分", "预  期  目  标"): single CJK glyphs at equal gaps
    are one run. The longest leading stretch that spells a label the vocabulary knows is taken
    ("自 评 等 级" before a value 优 at the same distance), else three or more glyphs."""
    out: list[Run] = []
    i = 0
    while i < len(runs):
        j = i + 1
        if _one_cjk(runs[i]):
            gap = None
            while j < len(runs) and _one_cjk(runs[j]):
                g = runs[j].x0 - runs[j - 1].x1
                if abs(runs[j].top - runs[i].top) > SPREAD_TOP:
                    break
                if gap is not None and abs(g - gap) > SPREAD_PT + SPREAD * gap:
                    break
                gap = g
                j += 1
            known = [k for k in range(j, i + 1, -1) if _known_label(_text(runs[i:k]))]
            end = known[0] if known else (j if j - i >= 3 else i + 1)
            if end - i >= 2:
                first, last = runs[i], runs[end - 1]
                text = _text(runs[i:end])
                out.append(
                    Run(first.x0, last.x1, first.top, text, end - i, first.size, first.c0, last.c1)
                )
                i = end
                continue
        out.append(runs[i])
        i += 1
    return out


def _text(runs: list[Run]) -> str:
    return "".join(r.text for r in runs)


def _known_label(text: str) -> bool:
    """Is the text a label of the vocabulary (short: 原因 in a sentence names no column)?"""
    key = label_key(text)
    if len(key) > LABEL_CHARS:
        return False
    return any(
        match(key, table)
        for table in (HEADER_LABELS, FUND_COLUMNS, GOAL_COLUMNS, INDICATOR_COLUMNS)
    ) or bool(TOTAL_LABELS.match(key) or GRADE_LABELS.match(key) or GOALS_BLOCK.match(key))


def _column_label(key: str) -> bool:
    return bool(match(key, INDICATOR_COLUMNS) or match(key, FUND_COLUMNS))


def _clusters(runs: list[Run]) -> list[Cluster]:
    out: list[Cluster] = []
    for run in sorted(runs, key=lambda r: r.x0):
        if out and run.x0 < out[-1].x1:
            out[-1].x1 = max(out[-1].x1, run.x1)
            out[-1].runs.append(run)
        else:
            out.append(Cluster(run.x0, run.x1, [run]))
    return out


# -- finding open tables ------------------------------------------------------------------
def missing_columns(frame: Frame, chars: list[dict[str, Any]], boxes: bytes | None = None) -> bool:
    """Does a ruled table hold cells that are several cells' texts side by side?

    A cell counts (in each elementary row it spans) when its texts fall into clusters
    ``CROWD_GAP`` ems or more apart (letter-spread labels are one). ``CROWDED`` such cells make
    the table open: one is text spread over a wide cell, many are rows of columns that were not
    drawn. So does one cell holding a label the vocabulary knows beside other text (总分 …
    100 … 96, 一级指标 … 三级指标): a ruled form never prints those in one cell."""
    crowded = 0
    for cell in _gapped_cells(frame, chars, boxes):
        clusters = _clusters(_runs(cell))
        if not any(_apart(a, b) for a, b in zip(clusters, clusters[1:], strict=False)):
            continue
        if sum(1 for c in clusters if _column_label(c.key)) >= 2:
            return True  # two column headers in one cell: a header row without its rules
        if any(c.label for c in clusters):
            return True  # a label and its values side by side (总分  100  96)
        crowded += 1
        if crowded >= CROWDED:
            return True
    return False


def _gapped_cells(
    frame: Frame, chars: list[dict[str, Any]], boxes: bytes | None = None
) -> list[list[dict[str, Any]]]:
    """The printing glyphs of each merged cell in each elementary row it spans, in the order
    the cells first occur, each sorted by x0: those of two glyphs or more with a ``_wide_gap``
    (in C where ``layout.NATIVE`` is: this runs over every glyph of every page; from the
    glyphs' ``boxes`` as ``NATIVE.glyph_boxes`` read them, if given)."""
    if layout.NATIVE is not None:
        native: list[list[dict[str, Any]]]
        native = layout.NATIVE.crowded_cells(frame, chars, FREE_GAP, boxes)
        return native
    xs, ys, owner = frame.xs, frame.ys, frame.owner
    left, right, top, bottom = xs[0], xs[-1], ys[0], ys[-1]
    last_c, last_r = len(xs) - 2, len(ys) - 2
    by_cell: dict[tuple[int, int], list[dict[str, Any]]] = {}  # (cell, elementary row): glyphs
    for ch in chars:  # frame.locate, inlined
        text = ch["text"]
        if not text or text.isspace():
            continue
        cx, cy = (ch["x0"] + ch["x1"]) / 2, (ch["top"] + ch["bottom"]) / 2
        if left <= cx <= right and top <= cy <= bottom:
            c = bisect_right(xs, cx) - 1
            if c > last_c:
                c = last_c
            r = bisect_right(ys, cy) - 1
            if r > last_r:
                r = last_r
            by_cell.setdefault((owner[r][c], r), []).append(ch)
    return [cell for cell in by_cell.values() if len(cell) >= 2 and _wide_gap(cell)]


def _apart(a: Cluster, b: Cluster) -> bool:
    """Are two neighbouring texts of one ruled cell far enough apart to be two cells' texts?
    (``CROWD_GAP`` ems; two figures, 100 and 97.9, already at ``FREE_GAP``.)"""
    gap = b.x0 - a.x1
    size = max(a.runs[0].size, b.runs[0].size)
    if NUMBER.match(a.key) and NUMBER.match(b.key):
        return gap >= FREE_GAP * size
    return gap >= CROWD_GAP * size


def _wide_gap(cell: list[dict[str, Any]]) -> bool:
    """Cheap first look: is there an x stretch ``FREE_GAP`` ems wide no glyph of the cell covers?"""
    cell.sort(key=lambda ch: ch["x0"])
    reach = cell[0]["x1"]
    for ch in cell:
        if ch["x0"] - reach >= FREE_GAP * (ch.get("size") or 10.0):
            return True
        if ch["x1"] > reach:
            reach = ch["x1"]
    return False


def open_frames(
    frames: list[Frame],
    horiz: list[Segment],
    vert: list[Segment],
    chars: list[dict[str, Any]],
    boxes: bytes | None = None,
) -> list[Frame]:
    """The page's tables with open grids read: ruled tables whose columns are missing are
    read again, and stacks of horizontal rules that make no ruled table are read as tables."""
    out: list[Frame] = []
    redo: list[Frame] = []
    for frame in frames:
        (redo if missing_columns(frame, chars, boxes) else out).append(frame)
    stacks = _loose_stacks(horiz, frames)
    if not redo and not stacks:
        return frames
    for frame in redo:
        out.append(_reopen(frame, horiz, vert, chars))
    for stack in stacks:
        opened = open_frame(stack, [], chars, labelled=len(stack) < STACK)
        if opened is not None:
            out.append(opened)
    return out


def _loose_stacks(horiz: list[Segment], frames: list[Frame]) -> list[list[Segment]]:
    """Stacks of rules outside the ruled tables (each may go on from a table's outer rule),
    cut where a ruled table lies between two rules."""
    loose = [h for h in horiz if not any(_inside(h, f) for f in frames)]
    stacks = _stacks(loose + _outer_rules(horiz, frames)) if loose else []
    return [p for s in stacks for p in _cut(s, frames) if any(h in loose for h in p)]


def _reopen(
    frame: Frame, horiz: list[Segment], vert: list[Segment], chars: list[dict[str, Any]]
) -> Frame:
    """A ruled table whose columns are missing read as an open grid (as it was, if it reads
    as none)."""
    x0, top, x1, bottom = frame.bbox
    rules = [h for h in horiz if _inside(h, frame)]
    cols = [
        v
        for v in vert
        if x0 - JOIN <= v.pos <= x1 + JOIN and v.lo >= top - JOIN and v.hi <= bottom + JOIN
    ]
    return open_frame(rules, cols, chars) or frame


def _outer_rules(horiz: list[Segment], frames: list[Frame]) -> list[Segment]:
    """The top and bottom rules of the ruled tables: an open grid may go on from one."""
    out = []
    for h in horiz:
        for f in frames:
            x0, top, x1, bottom = f.bbox
            if _inside(h, f) and min(abs(h.pos - top), abs(h.pos - bottom)) <= SNAP:
                out.append(h)
                break
    return out


def _cut(stack: list[Segment], frames: list[Frame]) -> list[list[Segment]]:
    """A stack of rules cut where a ruled table lies between two of them."""
    pieces: list[list[Segment]] = [[stack[0]]]
    for h in stack[1:]:
        mid = (pieces[-1][-1].pos + h.pos) / 2
        lo, hi = max(pieces[-1][-1].lo, h.lo), min(pieces[-1][-1].hi, h.hi)
        if any(
            f.bbox[1] < mid < f.bbox[3] and f.bbox[0] < (lo + hi) / 2 < f.bbox[2] for f in frames
        ):
            pieces.append([h])
        else:
            pieces[-1].append(h)
    return [p for p in pieces if len(p) >= 2]


def _inside(h: Segment, frame: Frame) -> bool:
    x0, top, x1, bottom = frame.bbox
    return top - SNAP <= h.pos <= bottom + SNAP and h.lo >= x0 - JOIN and h.hi <= x1 + JOIN


def _stacks(horiz: list[Segment]) -> list[list[Segment]]:
    """Horizontal rules that stack into a table: rules sharing the table's left or right end,
    plus rules between them that stop short at both ends (under a block of merged cells)."""
    stacks: list[list[Segment]] = []
    extents: list[list[float]] = []  # lo, hi per stack
    inner: list[Segment] = []
    for h in sorted(horiz, key=lambda s: s.pos):
        for stack, ext in zip(stacks, extents, strict=True):
            if abs(h.lo - ext[0]) <= EDGE or abs(h.hi - ext[1]) <= EDGE:
                stack.append(h)
                ext[0], ext[1] = min(ext[0], h.lo), max(ext[1], h.hi)
                break
        else:
            if any(ext[0] - EDGE <= h.lo and h.hi <= ext[1] + EDGE for ext in extents):
                inner.append(h)  # inside a table above, or the top of a narrower one below
            elif h.hi - h.lo >= MIN_WIDTH:
                stacks.append([h])
                extents.append([h.lo, h.hi])
    out = []
    for stack, (lo, hi) in zip(stacks, extents, strict=True):
        top, bottom = stack[0].pos, stack[-1].pos
        inside = [
            h for h in inner if top < h.pos < bottom and lo - EDGE <= h.lo <= h.hi <= hi + EDGE
        ]
        inner = [h for h in inner if h not in inside]
        if len(stack) + len(inside) >= 2:
            out.append(sorted(stack + inside, key=lambda s: s.pos))
    if inner and len(inner) < len(horiz):
        out += _stacks(inner)
    return out


# -- reading one open table ---------------------------------------------------------------
@dataclass
class _Band:
    top: float
    bottom: float
    clusters: list[Cluster]
    certain: set[float] = field(default_factory=set)  # drawn verticals and rule ends
    ruled: list[float] = field(default_factory=list)  # drawn interior verticals
    kind: str = "body"
    bounds: set[float] = field(default_factory=set)


def open_frame(
    horiz: list[Segment], vert: list[Segment], chars: list[dict[str, Any]], labelled: bool = False
) -> Frame | None:
    """The merged-cell grid of a table whose columns are (partly) not drawn, or None.

    ``labelled``: only if a row holds a label the vocabulary knows beside other text (two
    rules around one row of text are a table only when it reads as a form's row, 总分 | 100)."""
    if len(horiz) < 2:
        return None
    ys = _positions([h.pos for h in horiz])
    x0, x1 = _span(horiz, vert)
    inside = [ch for ch in chars if x0 <= (ch["x0"] + ch["x1"]) / 2 <= x1]
    head, drawn_head = _beyond(inside, vert, ys[0], -1)
    foot, drawn_foot = _beyond(inside, vert, ys[-1], 1)
    edges = ([head] if head is not None else []) + ys + ([foot] if foot is not None else [])
    bands = _open_bands(inside, edges)
    if not any(b.clusters for b in bands):
        return None
    if labelled and not _has_label_row(bands):
        return None
    _certain(bands, horiz, vert, x0, x1)
    _kinds(bands)
    pad = _padding(bands, x0)
    for section in _sections(bands):
        _section_bounds(bands, section, x0, x1, pad)
    # a row cut by the page break, printed past the last rule: kept when it reads as a row of
    # the grid it continues (drawn verticals running on say so by themselves)
    if head is not None and not drawn_head and not _continues(bands[0], bands[1]):
        bands.pop(0)
    if foot is not None and not drawn_foot and not _continues(bands[-1], bands[-2]):
        bands.pop()
    _rows_bounds(bands, x0)
    _snap(bands)
    _agree(bands, horiz)
    return build_frame(horiz, _open_verticals(bands, vert, x0, x1))


def _span(horiz: list[Segment], vert: list[Segment]) -> tuple[float, float]:
    """The x range a table's rules and drawn verticals cover."""
    x0 = min(min(h.lo for h in horiz), min((v.pos for v in vert), default=float("inf")))
    x1 = max(max(h.hi for h in horiz), max((v.pos for v in vert), default=float("-inf")))
    return x0, x1


def _rows_bounds(bands: list[_Band], x0: float) -> None:
    """Column boundaries of every band outside a columned section that no rules divide."""
    for i, band in enumerate(bands):
        if band.kind != "section" and band.clusters and not _is_ruled(band):
            _free_bounds(band, x0, bands[max(i - 1, 0) : i] + bands[i + 1 : i + 2])


def _open_bands(inside: list[dict[str, Any]], edges: list[float]) -> list[_Band]:
    """The bands between consecutive ``edges``, each with the clusters of the chars in it."""
    per_band: list[list[dict[str, Any]]] = [[] for _ in edges[1:]]
    for ch in inside:
        cy = (ch["top"] + ch["bottom"]) / 2
        if edges[0] <= cy <= edges[-1]:
            per_band[min(bisect_right(edges, cy) - 1, len(edges) - 2)].append(ch)
    return [
        _Band(edges[i], edges[i + 1], _clusters(_runs(cs)) if cs else [])
        for i, cs in enumerate(per_band)
    ]


def _has_label_row(bands: list[_Band]) -> bool:
    """Does a band hold a label the vocabulary knows beside other text?"""
    return any(len(b.clusters) > 1 and any(c.label for c in b.clusters) for b in bands)


def _open_verticals(bands: list[_Band], vert: list[Segment], x0: float, x1: float) -> list[Segment]:
    """The drawn verticals, each band's column edges within it, and the two outer edges."""
    verticals = list(vert)
    for band in bands:
        for x in band.bounds | band.certain:
            if x0 + EDGE < x < x1 - EDGE:
                verticals.append(Segment(x, band.top, band.bottom))
    top, bottom = bands[0].top, bands[-1].bottom
    verticals += [Segment(x0, top, bottom), Segment(x1, top, bottom)]
    return verticals


def _continues(cut: _Band, rule_side: _Band) -> bool:
    """Do the lines past a table's outer rule read as a row of its grid: in the grid's section,
    no known label among them, none running across a column edge of the row beside them?"""
    return (
        cut.kind == "section"
        and not any(c.label for c in cut.clusters)
        and not any(c.cuts(x) for c in cut.clusters for x in rule_side.bounds)
    )


def _beyond(
    chars: list[dict[str, Any]], vert: list[Segment], rule: float, side: int
) -> tuple[float | None, bool]:
    """How far past its first (``side`` -1) or last (+1) rule a table runs, and whether drawn
    verticals say so: they run on past the rule, or else printed lines follow the rule closely
    (a row that a page break cut, whose closing rule is on the next page)."""
    end = _drawn_end(vert, rule, side)
    if end is not None:
        return end, True
    reach = _printed_reach(chars, rule, side)
    if reach is None or abs(reach - rule) <= OPEN_EDGE:
        return None, False
    return reach + side, False


def _drawn_end(vert: list[Segment], rule: float, side: int) -> float | None:
    """Where the drawn verticals end past the rule on ``side``, or None (they stop at it)."""
    ends = [v.lo if side < 0 else v.hi for v in vert]
    if ends:
        end = min(ends) if side < 0 else max(ends)
        if (rule - end) * -side > OPEN_EDGE:
            return end
    return None


def _printed_reach(chars: list[dict[str, Any]], rule: float, side: int) -> float | None:
    """How far the printed lines that follow the rule closely on ``side`` reach, or None."""
    lines = printed_lines(
        [ch for ch in chars if 0 < ((ch["top"] + ch["bottom"]) / 2 - rule) * side < OPEN_REACH]
    )
    if side < 0:
        lines.reverse()
    at, reach = rule, None
    for line in lines:
        size = max(ch.get("size") or 10.0 for ch in line)
        near = min(ch["top"] for ch in line) if side > 0 else max(ch["bottom"] for ch in line)
        if (near - at) * side > max(LINE_GAP * size, 3.0):
            break
        far = max(ch["bottom"] for ch in line) if side > 0 else min(ch["top"] for ch in line)
        at = reach = far
    return reach


def _positions(values: list[float]) -> list[float]:
    out: list[float] = []
    for v in sorted(values):
        if not out or v - out[-1] > SNAP:
            out.append(v)
    return out


def _certain(
    bands: list[_Band], horiz: list[Segment], vert: list[Segment], x0: float, x1: float
) -> None:
    """Drawn verticals and the ends of rules that stop short: boundaries where they run."""
    tops = [b.top for b in bands]
    for h in horiz:
        i = bisect_right(tops, h.pos + SNAP) - 1  # the band below the rule
        for end in (h.lo, h.hi):
            if x0 + EDGE < end < x1 - EDGE:
                for j in (i - 1, i):
                    if 0 <= j < len(bands):
                        bands[j].certain.add(end)
    for v in vert:
        for band in bands:
            mid = (band.top + band.bottom) / 2
            if v.lo <= mid <= v.hi:
                band.certain.add(v.pos)
                if x0 + EDGE < v.pos < x1 - EDGE:
                    band.ruled.append(v.pos)


def _padding(bands: list[_Band], x0: float) -> float:
    """The table's cell padding, from wrapped left-aligned texts (every line starts at one x)
    beside a known edge on their left (the table's side, a rule end, a drawn vertical): the
    median of their distances, within ``PAD``; ``PAD_DEFAULT`` when no text shows it."""
    seen = []
    for band in bands:
        for c in band.clusters:
            if len(c.runs) > 1 and all(abs(r.x0 - c.x0) <= 0.5 for r in c.runs):
                left = max((x for x in band.certain if x <= c.x0), default=x0)
                seen.append(c.x0 - left)
    if not seen:
        return PAD_DEFAULT
    seen.sort()
    return min(max(seen[len(seen) // 2], PAD[0]), PAD[1])


def _is_ruled(band: _Band) -> bool:
    """A band whose drawn verticals already keep its clusters apart needs no reading."""
    if not band.ruled:
        return False
    edges = sorted(band.ruled)
    cells: dict[int, int] = {}
    for c in band.clusters:
        i = bisect_right(edges, (c.x0 + c.x1) / 2)
        cells[i] = cells.get(i, 0) + 1
    return all(n == 1 for n in cells.values())


# -- kinds of rows and columned sections ---------------------------------------------------
def _names(band: _Band, table: list[tuple[re.Pattern[str], str]]) -> set[str]:
    return {n for c in band.clusters if (n := match(c.key, table)) is not None}


def _is_grid_header(names: set[str]) -> bool:
    return ("level3" in names and len(names) >= 3) or {"level1", "level2"} <= names


def _kinds(bands: list[_Band]) -> None:
    """What each row is: a grid header (or the row over a two-row one), a funds header, a
    total, a row after the grid (备注, 自评等级), a row of header labels (项目名称, 预期目标),
    an empty row, or a body row."""
    for band in bands:
        kind = _kind(band)
        if kind is not None:
            band.kind = kind
    for i, band in enumerate(bands[:-1]):
        _header_top(band, bands[i + 1])


def _kind(band: _Band) -> str | None:
    """What a row is by its own texts, or None (it stays as it is)."""
    keys = [c.key for c in band.clusters]
    if not keys:
        return "empty"
    if _is_grid_header(_names(band, INDICATOR_COLUMNS)):
        return "grid-header"
    if len(_names(band, FUND_COLUMNS) & FUND_MONEY) >= 2:
        return "funds-header"
    if any(TOTAL_LABELS.match(k) for k in keys):
        return "total"
    if any(REMARK_LABELS.match(k) or GRADE_LABELS.match(k) for k in keys):
        return "after"
    if any(GOALS_BLOCK.match(k) or match(k, GOAL_COLUMNS) or match(k, HEADER_LABELS) for k in keys):
        return "label"
    return None


def _header_top(band: _Band, below: _Band) -> None:
    """Is a row the top of a two-row grid header, by the row below it?"""
    if band.kind in ("body", "label") and below.kind == "grid-header" and band.clusters:
        if len(band.clusters) > 1 and all(
            match(c.key, INDICATOR_COLUMNS) or GRID_GROUPS.match(c.key) for c in band.clusters
        ):
            band.kind = "grid-header-top"
    elif band.kind == "body" and below.kind in ("body", "label") and band.clusters:
        both = _names(band, INDICATOR_COLUMNS) | _names(below, INDICATOR_COLUMNS)
        if _is_grid_header(both) and len(_names(band, INDICATOR_COLUMNS)) >= 2:
            band.kind, below.kind = "grid-header-top", "grid-header"


@dataclass
class _Section:
    """Rows that share one set of columns: a grid or funds block under its header."""

    bands: list[int]
    header: list[int]  # bands holding the column labels (none: a grid continued)


def _sections(bands: list[_Band]) -> list[_Section]:
    """The columned sections: from a grid header down to the total row (included) or the
    next block, from a funds header down to the next block; and, on a page that opens with
    body rows (a grid continued from the page before), those rows up to the total."""
    out: list[_Section] = []
    i = 0
    n = len(bands)
    while i < n:
        kind = bands[i].kind
        if kind in ("grid-header-top", "grid-header", "funds-header"):
            section = _headed_section(bands, i)
            out.append(section)
            i = section.bands[-1] + 1
        elif kind in ("body", "total", "empty") and not out and i == 0:
            j = _continued_end(bands)
            if sum(1 for b in range(i, j) if len(bands[b].clusters) >= 3) >= 2:
                out.append(_Section(list(range(i, j)), []))
            i = j
        else:
            i += 1
    for section in out:
        for b in section.bands:
            bands[b].kind = "section"
    return out


def _headed_section(bands: list[_Band], i: int) -> _Section:
    """The section under the header at band ``i``: a grid's down to its total row (included)
    or the next block, a funds block's down to the next block or total."""
    n = len(bands)
    kind = bands[i].kind
    header = [i]
    j = i + 1
    if kind == "grid-header-top":
        while j < n and bands[j].kind == "grid-header":
            header.append(j)
            j += 1
    grid = kind != "funds-header"
    while j < n:
        k = bands[j].kind
        if k in ("grid-header-top", "grid-header", "funds-header", "label", "after"):
            break
        if k == "total" and not grid:
            break
        j += 1
        if k == "total":
            break
    return _Section(list(range(i, j)), header)


def _continued_end(bands: list[_Band]) -> int:
    """Where the body rows a page opens with (a grid continued) end: past the total row, or
    at the first row of another kind."""
    j = 0
    n = len(bands)
    while j < n and bands[j].kind in ("body", "empty", "total"):
        j += 1
        if bands[j - 1].kind == "total":
            break
    return j


def _section_bounds(
    bands: list[_Band], section: _Section, x0: float, x1: float, pad: float
) -> None:
    """Column boundaries of a columned section, given to every band of it."""
    bounds = _channel_bounds(bands, section, x0, x1, pad)
    for b in section.bands:  # rule ends and drawn verticals are column edges of the section
        for x in bands[b].certain:
            if x0 + EDGE < x < x1 - EDGE and not any(abs(x - y) <= SNAP for y in bounds):
                bounds.append(x)
    filled = [bands[b] for b in section.bands if bands[b].clusters]
    bounds += _centred_edges(sorted(bounds), filled, x0, x1, pad)
    for b in section.bands:
        band = bands[b]
        for x in bounds:
            if not any(c.cuts(x) for c in band.clusters):
                band.bounds.add(x)


def _channel_bounds(
    bands: list[_Band], section: _Section, x0: float, x1: float, pad: float
) -> list[float]:
    """The boundaries the section's text leaves room for, between its header labels."""
    regular = [
        b
        for b in section.bands
        if bands[b].clusters and not any(TOTAL_LABELS.match(c.key) for c in bands[b].clusters)
    ]
    profile = _profile([bands[b] for b in regular], x0, x1)
    anchors = _anchors(bands, section)
    bounds: list[float] = []
    edges = [(x0, x0), *((a.x0, a.x1) for a in anchors), (x1, x1)]
    for (_, left), (right, _) in zip(edges, edges[1:], strict=False):
        inner = left != x0 and right != x1  # between two header labels: one edge for sure
        pieces = [(u, v, c) for u, v, c in profile if v > left and u < right]
        pieces = [(max(u, left), min(v, right), c) for u, v, c in pieces]
        bounds += _gap_bounds(pieces, inner, bands, section, x0, x1, pad)
    return bounds


def _gap_bounds(
    pieces: list[tuple[float, float, int]],
    inner: bool,
    bands: list[_Band],
    section: _Section,
    x0: float,
    x1: float,
    pad: float,
) -> list[float]:
    """The boundaries in one gap between header labels: one in each free channel, else (between
    two labels) one in the widest of the least crossed pieces."""
    free = [
        (u, v)
        for u, v, c in pieces
        if c == 0 and v - u >= MIN_CHANNEL and u > x0 + EDGE and v < x1 - EDGE
    ]
    if free:
        return [_place(u, v, bands, section, pad) for u, v in free]
    if inner and pieces:
        least = min(c for _, _, c in pieces)
        u, v = max(((u, v) for u, v, c in pieces if c == least), key=lambda p: p[1] - p[0])
        return [_place(u, v, bands, section, pad)]
    return []


def _centred_edges(
    bounds: list[float], bands: list[_Band], x0: float, x1: float, pad: float
) -> list[float]:
    """The far edge of an outer column that no text bounds (the last column of a grid page
    whose deviation column is empty): where the column's texts are centred on one x, the
    column is as wide on the far side of that x as on the near one (two texts or more agree
    on that x, or the column holds figures only)."""
    out: list[float] = []
    if not bounds:
        return out
    for near, outer in ((bounds[-1], 1), (bounds[0], -1)):
        inside = [
            c
            for band in bands
            for c in band.clusters
            if (c.x0 >= near if outer > 0 else c.x1 <= near)
        ]
        if not inside or (len(inside) < 2 and not NUMBER.match(inside[0].key)):
            continue  # one text centred or left-aligned? a figure is centred
        centres = sorted((c.x0 + c.x1) / 2 for c in inside)
        mid = centres[len(centres) // 2]
        if centres[-1] - centres[0] > CENTRED:
            continue
        if outer > 0:  # the far edge leaves the widest text its padding at least
            edge = max(2 * mid - near, max(c.x1 for c in inside) + pad)
            if edge < x1 - EDGE:
                out.append(edge)
        else:
            edge = min(2 * mid - near, min(c.x0 for c in inside) - pad)
            if edge > x0 + EDGE:
                out.append(edge)
    return out


def _profile(bands: list[_Band], x0: float, x1: float) -> list[tuple[float, float, int]]:
    """(u, v, n): over [u, v], n of the bands have text (a cluster) crossing x."""
    events: list[tuple[float, int]] = []
    for band in bands:
        for c in band.clusters:
            events.append((max(c.x0, x0), 1))
            events.append((min(c.x1, x1), -1))
    events.sort()
    out: list[tuple[float, float, int]] = []
    depth, at = 0, x0
    for x, step in events:
        if x > at:
            out.append((at, x, depth))
            at = x
        depth += step
    if at < x1:
        out.append((at, x1, depth))
    return out


def _anchors(bands: list[_Band], section: _Section) -> list[Cluster]:
    """The header labels that name one column each, left to right (a group label printed
    over several columns, 绩效指标 or 年度指标值 over its parts, names none)."""
    if not section.header:
        return []
    lowest = section.header[-1]
    found: list[Cluster] = list(bands[lowest].clusters)
    for b in section.header[:-1]:
        for c in bands[b].clusters:
            if GRID_GROUPS.match(c.key):
                continue
            if not any(o.x0 < c.x1 and c.x0 < o.x1 for o in found):
                found.append(c)
    return sorted(found, key=lambda c: c.x0)


def _place(u: float, v: float, bands: list[_Band], section: _Section, pad: float) -> float:
    """Where in a free x range [u, v] the boundary goes: at a drawn edge if one is there;
    else just past the texts that wrap against it (a wrapped cell's lines end a padding short
    of its edge), or just before texts that all start at it (left-aligned), else midway."""
    drawn = _drawn_in(u, v, bands, section)
    if drawn is not None:
        return drawn
    clusters = [c for b in section.bands for c in bands[b].clusters]
    wraps = _wrap_against(clusters, u)
    aligned = _start_at(clusters, v)
    if wraps and not aligned:
        return min(u + pad, (u + v) / 2)
    if aligned and not wraps:
        return max(v - pad, (u + v) / 2)
    return (u + v) / 2


def _drawn_in(u: float, v: float, bands: list[_Band], section: _Section) -> float | None:
    """The first drawn edge of the section in [u, v] (give or take a snap), or None."""
    for b in section.bands:
        for x in bands[b].certain:
            if u - SNAP <= x <= v + SNAP:
                return x
    return None


def _wrap_against(clusters: list[Cluster], u: float) -> bool:
    """Do wrapped texts end just short of ``u``?"""
    return any(
        len(c.runs) > 1
        and max(r.glyphs for r in c.runs) >= 3
        and u - c.runs[0].size <= c.x1 <= u + 0.5
        for c in clusters
    )


def _start_at(clusters: list[Cluster], v: float) -> bool:
    """Do texts start at ``v``, left-aligned (a wrapped text's lines all do, or several texts
    of different widths do)?"""
    starts = [c for c in clusters if v - 0.5 <= c.x0 <= v + 0.5]
    return any(len(c.runs) > 1 and all(abs(r.x0 - v) <= 0.5 for r in c.runs) for c in starts) or (
        len(starts) >= 2 and max(c.x1 for c in starts) - min(c.x1 for c in starts) > 1.0
    )


def _free_bounds(band: _Band, x0: float, near: list[_Band]) -> None:
    """A row outside sections: one boundary between neighbouring clusters that are two cells.

    They are when far apart, when one is a label the vocabulary knows, when both are wrapped
    paragraphs, or when a column edge of the row above or below runs through the gap. A known
    label is taken to be centred in its cell (its far edge mirrors the near one), other edges
    follow a neighbour's edge in the gap, or the gap's middle."""
    clusters = band.clusters
    above = sorted(x for b in near for x in b.bounds | b.certain)
    left = max((x for x in band.certain if x <= clusters[0].x0 + CROSS_TOL), default=x0)
    for a, b in zip(clusters, clusters[1:], strict=False):
        gap = b.x0 - a.x1
        size = max(a.runs[0].size, b.runs[0].size)
        inside = [x for x in above if a.x1 <= x <= b.x0]
        drawn = [x for x in band.certain if a.x1 - CROSS_TOL <= x <= b.x0 + CROSS_TOL]
        if drawn:
            left = drawn[-1]
            continue
        if gap < FREE_GAP * size and not (gap >= MIN_CHANNEL and _two_cells(a, b, inside)):
            continue
        x = _gap_edge(a, b, left, inside)
        band.bounds.add(x)
        left = x


def _two_cells(a: Cluster, b: Cluster, inside: list[float]) -> bool:
    """Are two neighbouring clusters two cells though close: one a known label, both wrapped
    paragraphs or figures, or a column edge of the row above or below between them?"""
    paragraphs = len(a.runs) > 1 and len(b.runs) > 1  # a gap down several lines
    numbers = NUMBER.match(a.key) and NUMBER.match(b.key)  # 100 | 97.9
    return bool(a.label or b.label or paragraphs or numbers or inside)


def _gap_edge(a: Cluster, b: Cluster, left: float, inside: list[float]) -> float:
    """The boundary between two cells: a known label's mirrored edge, else the neighbouring
    row's edge nearest the gap's middle, else the middle."""
    mirror = 2 * (a.x0 + a.x1) / 2 - left
    if a.label and a.x1 + CROSS_TOL <= mirror <= b.x0 - CROSS_TOL:
        return mirror
    if inside:
        return min(inside, key=lambda v: abs(v - (a.x1 + b.x0) / 2))
    return (a.x1 + b.x0) / 2


def _snap(bands: list[_Band]) -> None:
    """One x for each column edge: boundaries of different rows within ``SNAP_COL`` of each
    other become one, at a drawn edge if there is one there, else where most rows put it (a
    row keeps its own where the common x would cut its text)."""
    votes: dict[float, int] = {}
    for band in bands:
        for x in band.bounds:
            votes[x] = votes.get(x, 0) + 1
    drawn = {x for band in bands for x in band.certain}
    points = sorted(set(votes) | drawn)
    if not votes:
        return
    groups: list[list[float]] = [[points[0]]]
    for x in points[1:]:
        if x - groups[-1][-1] <= SNAP_COL:
            groups[-1].append(x)
        else:
            groups.append([x])
    target: dict[float, float] = {}
    for group in groups:
        fixed = [x for x in group if x in drawn]
        best = fixed[0] if fixed else max(group, key=lambda x: votes.get(x, 0))
        for x in group:
            target[x] = best
    for band in bands:
        moved = set()
        for x in band.bounds:
            to = target.get(x, x)
            crossed = any(c.cuts(to) for c in band.clusters)
            moved.add(x if crossed else to)
        band.bounds = {x for x in moved if not any(abs(x - d) < 1e-6 for d in band.certain)}


def _agree(bands: list[_Band], horiz: list[Segment]) -> None:
    """Rows joined where no rule separates them share their boundaries there (a merged cell
    has the same sides in every row it spans): along each run of rows joined at x, a
    boundary at x that some rows have is given to all, or dropped from all where the text of
    a row lacking it runs across x."""
    for x in sorted({x for band in bands for x in band.bounds | band.certain}):
        chain: list[_Band] = []
        for i, band in enumerate(bands):
            joined = i > 0 and not any(
                abs(h.pos - band.top) <= SNAP and h.lo - JOIN <= x <= h.hi + JOIN for h in horiz
            )
            if not joined:
                _settle(chain, x)
                chain = []
            chain.append(band)
        _settle(chain, x)


def _settle(chain: list[_Band], x: float) -> None:
    if len(chain) < 2:
        return
    lacking = [b for b in chain if not any(abs(x - y) <= SNAP for y in b.bounds | b.certain)]
    if not lacking or len(lacking) == len(chain):
        return
    if any(c.cuts(x) for b in lacking for c in b.clusters):
        for b in chain:
            b.bounds.discard(x)
    else:
        for b in lacking:
            b.bounds.add(x)
