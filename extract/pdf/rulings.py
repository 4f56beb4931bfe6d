"""Ruling lines of a page: from line objects, from thin filled rectangles, from stroked boxes.

Offices draw cell borders three ways: stroked lines (LibreOffice), 1-pt filled rectangles
(Excel, WPS, report engines) and stroked rectangles. All become axis-aligned segments, snapped
and joined so that one border is one segment. Large filled rectangles are backgrounds, not rules.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

THIN = 3.0  # a filled rectangle thinner than this is a drawn rule
SNAP = 2.0  # rules closer than this are the same rule
JOIN = 2.5  # collinear pieces with a gap below this are one rule


@dataclass(slots=True)
class Segment:
    """An axis-aligned rule. Horizontal: ``pos`` is y, (lo, hi) its x extent; vertical: the reverse."""

    pos: float
    lo: float
    hi: float


def segments_from_objects(
    lines: Iterable[dict[str, Any]],
    rects: Iterable[dict[str, Any]],
    curves: Iterable[dict[str, Any]],
) -> tuple[list[Segment], list[Segment]]:
    """Horizontal and vertical segments from pdfplumber line, rect and curve objects."""
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
    n_h = len(horiz)
    parent = list(range(n_h + len(vert)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for j, v in enumerate(vert):
        for i, h in enumerate(horiz):
            if h.lo - tol <= v.pos <= h.hi + tol and v.lo - tol <= h.pos <= v.hi + tol:
                a, b = find(i), find(n_h + j)
                if a != b:
                    parent[a] = b
    groups: dict[int, tuple[list[Segment], list[Segment]]] = {}
    for i, h in enumerate(horiz):
        groups.setdefault(find(i), ([], []))[0].append(h)
    for j, v in enumerate(vert):
        groups.setdefault(find(n_h + j), ([], []))[1].append(v)
    return [g for g in groups.values() if len(g[0]) >= 2 and len(g[1]) >= 2]
