"""Ruling lines of a page: from line objects, from thin filled rectangles, from stroked boxes.

Offices draw cell borders three ways: stroked lines (LibreOffice), 1-pt filled rectangles
(Excel, WPS, report engines) and stroked rectangles. All become axis-aligned segments, snapped
and joined so that one border is one segment. Large filled rectangles are backgrounds, not rules.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from selfeval.extract.pdf import layout

THIN = 3.0  # a filled rectangle thinner than this is a drawn rule
SNAP = 2.0  # rules closer than this are the same rule
JOIN = 2.5  # collinear pieces with a gap below this are one rule
CROSS = 6.0  # a column running on past a rule reaches this far (pt) past it
MIN_COLUMNS = 3  # a lone horizontal rule is a table's row edge when this many columns pass it


@dataclass(slots=True)
class Segment:
    """An axis-aligned rule. Horizontal: ``pos`` is y, (lo, hi) its x extent; vertical: the reverse."""

    pos: float
    lo: float
    hi: float


_SEGMENT_FIELDS = layout.plain_fields(Segment)  # how the C extension makes one


def segments_from_objects(
    lines: Iterable[dict[str, Any]],
    rects: Iterable[dict[str, Any]],
    curves: Iterable[dict[str, Any]],
) -> tuple[list[Segment], list[Segment]]:
    """Horizontal and vertical segments from pdfplumber line, rect and curve objects (in C
    where ``layout.NATIVE`` is, for lists of the engines' dicts)."""
    if (
        layout.NATIVE is not None
        and type(lines) is list
        and type(rects) is list
        and type(curves) is list
    ):
        native: tuple[list[Segment], list[Segment]] | None
        native = layout.NATIVE.segments(
            lines, rects, curves, Segment, _SEGMENT_FIELDS, THIN, SNAP, JOIN
        )
        if native is not None:
            return native
    horiz: list[Segment] = []
    vert: list[Segment] = []
    for obj in lines:
        _add_line(horiz, vert, obj["x0"], obj["top"], obj["x1"], obj["bottom"])
    for obj in rects:
        x0, top, x1, bottom = obj["x0"], obj["top"], obj["x1"], obj["bottom"]
        w, h = x1 - x0, bottom - top
        if h <= THIN and w > h:
            horiz.append(Segment((top + bottom) / 2, x0, x1))
        elif w <= THIN and h > w:
            vert.append(Segment((x0 + x1) / 2, top, bottom))
        elif obj.get("stroke"):
            horiz.append(Segment(top, x0, x1))
            horiz.append(Segment(bottom, x0, x1))
            vert.append(Segment(x0, top, bottom))
            vert.append(Segment(x1, top, bottom))
    for obj in curves:
        pts = obj.get("pts") or []
        for (ax, ay), (bx, by) in zip(pts, pts[1:], strict=False):
            _add_line(horiz, vert, min(ax, bx), min(ay, by), max(ax, bx), max(ay, by))
    return merge(horiz), merge(vert)


def _add_line(
    horiz: list[Segment], vert: list[Segment], x0: float, top: float, x1: float, bottom: float
) -> None:
    if bottom - top <= 1.0 and x1 - x0 > 1.0:
        horiz.append(Segment((top + bottom) / 2, x0, x1))
    elif x1 - x0 <= 1.0 and bottom - top > 1.0:
        vert.append(Segment((x0 + x1) / 2, top, bottom))


def merge(segments: list[Segment]) -> list[Segment]:
    """Snap near-collinear segments to one position and join overlapping or touching pieces."""
    if not segments:
        return []
    segments = sorted(segments, key=lambda s: s.pos)
    clusters: list[list[Segment]] = [[segments[0]]]
    for seg in segments[1:]:
        if seg.pos - clusters[-1][-1].pos <= SNAP:
            clusters[-1].append(seg)
        else:
            clusters.append([seg])
    out: list[Segment] = []
    for cluster in clusters:
        pos = sum(s.pos for s in cluster) / len(cluster)
        cluster.sort(key=lambda s: s.lo)
        cur = Segment(pos, cluster[0].lo, cluster[0].hi)
        for seg in cluster[1:]:
            if seg.lo <= cur.hi + JOIN:
                cur.hi = max(cur.hi, seg.hi)
            else:
                out.append(cur)
                cur = Segment(pos, seg.lo, seg.hi)
        out.append(cur)
    return out


def connected_groups(
    horiz: list[Segment], vert: list[Segment], tol: float = JOIN
) -> list[tuple[list[Segment], list[Segment]]]:
    """Split rules into tables: groups of horizontal and vertical segments that touch."""
    native = None
    if layout.NATIVE is not None and type(horiz) is list and type(vert) is list:
        native = layout.NATIVE.touching(horiz, vert, tol)
    groups, bare = native if native is not None else _touching(horiz, vert, tol)
    tables = [g for g in groups if (len(g[0]) >= 2 or _page_of_two_rows(*g)) and g[1]]
    bare = _attach_open_columns(tables, bare, tol)
    tables += _row_over_the_page(bare, tol)
    return [g for g in tables if len(g[1]) >= 2]


def _touching(
    horiz: list[Segment], vert: list[Segment], tol: float
) -> tuple[list[tuple[list[Segment], list[Segment]]], list[Segment]]:
    """Groups of rules that touch, as (horizontal, vertical) in the order of their first
    horizontal rule, and the vertical rules that touch none (in C: _layout_fast.touching)."""
    n_h = len(horiz)
    parent = list(range(n_h + len(vert)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    touching: set[int] = set()
    for j, v in enumerate(vert):
        for i, h in enumerate(horiz):
            if h.lo - tol <= v.pos <= h.hi + tol and v.lo - tol <= h.pos <= v.hi + tol:
                touching.add(j)
                a, b = find(i), find(n_h + j)
                if a != b:
                    parent[a] = b
    groups: dict[int, tuple[list[Segment], list[Segment]]] = {}
    for i, h in enumerate(horiz):
        groups.setdefault(find(i), ([], []))[0].append(h)
    bare: list[Segment] = []
    for j, v in enumerate(vert):
        if j not in touching:
            bare.append(v)
        else:
            groups.setdefault(find(n_h + j), ([], []))[1].append(v)
    return list(groups.values()), bare


def _row_over_the_page(
    bare: list[Segment], tol: float
) -> list[tuple[list[Segment], list[Segment]]]:
    """Columns with no horizontal rule at all, side by side from the same top to the same
    bottom: the middle page of a row taller than a page (Chromium draws the cells' sides
    only). Each such set is a one-row table; its top and bottom are the columns' ends."""
    out: list[tuple[list[Segment], list[Segment]]] = []
    for v in sorted(bare, key=lambda s: (round(s.lo), round(s.hi), s.pos)):
        if out and abs(out[-1][1][0].lo - v.lo) <= tol and abs(out[-1][1][0].hi - v.hi) <= tol:
            out[-1][1].append(v)
        else:
            out.append(([], [v]))
    tables = []
    for horiz, vert in out:
        if len(vert) > MIN_COLUMNS:
            x0, x1 = min(v.pos for v in vert), max(v.pos for v in vert)
            top, bottom = min(v.lo for v in vert), max(v.hi for v in vert)
            horiz += [Segment(top, x0, x1), Segment(bottom, x0, x1)]
            tables.append((horiz, vert))
    return tables


def _page_of_two_rows(horiz: list[Segment], vert: list[Segment]) -> bool:
    """One horizontal rule with the table's columns running on past it: a page that holds
    only the end of a row begun on the page before and the start of one that goes on over
    the next break (rows taller than half a page), or the end of one row and a last row with
    no rule under it; the columns' ends are the table's open top and bottom."""
    if len(horiz) != 1:
        return False
    y = horiz[0].pos
    past = [v for v in vert if v.lo < y - CROSS or v.hi > y + CROSS]
    return len(past) >= MIN_COLUMNS


def _attach_open_columns(
    tables: list[tuple[list[Segment], list[Segment]]], bare: list[Segment], tol: float
) -> list[Segment]:
    """Vertical rules touching no horizontal rule that run from a table's top rule to its
    bottom rule are the sides of columns whose merged cells go on over both page breaks (a
    level-1 or level-2 label cell of a long grid): Chromium draws such a cell's sides on the
    middle page but no rule over or under it (nor over the page's first row, when the
    table's top rule was drawn under the last row of the page before). They belong to that
    table: its outermost rules, drawn or open, are where they start and end. Returns the
    rules that belong to no table."""
    extents = [
        (
            min(min(h.pos for h in horiz), min(v.lo for v in vert)),
            max(max(h.pos for h in horiz), max(v.hi for v in vert)),
        )
        for horiz, vert in tables
    ]
    left = []
    for v in bare:
        for (_, vert), (top, bottom) in zip(tables, extents, strict=True):
            if abs(v.lo - top) <= tol and abs(v.hi - bottom) <= tol:
                vert.append(v)
                break
        else:
            left.append(v)
    return left
