"""How a -layout grid aligns its cells vertically, learned from the rows that show it.

A sheet or a web page centres a cell's lines on its row (the 得分 number, the row's anchor,
stands on the middle line, or between the two middle ones: as many lines above it as below,
"centre"; a cell of an even count may also print the anchor on either middle line, one side a
line longer: "near-centre"); a word processor puts them at the top (the anchor on the first
line), a spreadsheet left at its default at the bottom (the anchor on the last line). A run of a column's lines that holds
exactly one anchor, and could be one cell (aligned some way), is one cell for certain; those of
two lines or more show the alignment.
Where every such cell of a grid agrees on one alignment (at least ``_EVIDENCE`` of them), that
alignment, held strictly, may pick the one cut of a run of touching cells that the looser
reading (centred give or take a line, or at the top) leaves ambiguous.
"""

from __future__ import annotations

from collections.abc import Callable

#: The alignments a grid's cells may share ("centre" is the exact form of "near-centre").
ALIGNMENTS = ("centre", "near-centre", "top", "bottom")

#: How many cells of two lines or more must show an alignment before it is trusted (one
#: certain cell shows it; the cut it picks must still be the only one, the rows' bands apart).
_EVIDENCE = 1


def fits_alignment(lines: list[int], anchor: int, mode: str) -> bool:
    """Do a cell's lines stand on its row's anchor line as ``mode`` puts them?"""
    if mode == "top":
        return lines[0] == anchor
    if mode == "bottom":
        return lines[-1] == anchor
    if not lines[0] <= anchor <= lines[-1]:
        return False
    above = sum(1 for x in lines if x < anchor)
    below = sum(1 for x in lines if x > anchor)
    if mode == "centre":
        return above == below
    # an even count centred prints its anchor between the middle two lines, or on either
    return abs(above - below) <= (1 if anchor in lines else 0)


def learned_alignment(runs: list[list[int]], anchors: list[int]) -> str | None:
    """The one alignment every certain cell of two lines or more fits (a run of lines
    holding exactly one anchor), when at least ``_EVIDENCE`` show it; else None. A cell of
    the last row standing at its top shows nothing: the page's end may cut that row (its
    cells then start at its top, the rest on the next page)."""
    modes = set(ALIGNMENTS)
    seen = 0
    for lines in runs:
        inside = [a for a in anchors if lines[0] <= a <= lines[-1]]
        if len(inside) != 1 or len(lines) < 2 or not _one_cell(lines, inside[0]):
            continue
        if inside[0] == anchors[-1] and lines[0] == inside[0]:
            continue
        seen += 1
        modes &= {m for m in ALIGNMENTS if fits_alignment(lines, inside[0], m)}
    if modes == {"centre", "near-centre"}:
        modes = {"centre"}
    if seen < _EVIDENCE or len(modes) != 1:
        return None
    return modes.pop()


def columns_alignment(
    columns: list[list[list[int]]], anchors: list[int], open_top: bool = False
) -> str | None:
    """The alignment ``learned_alignment`` learns from every column's runs (``columns``:
    each column's runs of lines); where the cells disagree, the one the cells show without
    the rows a page break may have cut (``cut_rows``), when that leaves one. ``open_top``:
    the page prints no header of its own, so its lines above the first anchor may end a row
    of the page before: a run holding the first anchor and lines above it, not exactly
    centred on it, is not one cell for certain (内容均较为独到, the rest of a cut row, over
    the first row's 经过2轮征集…) and shows nothing; exactly centred it is kept, as before
    (the first row's cut weighs lines above it itself: ``layout_rowcut``)."""
    runs = [run for column in columns for run in column]
    if open_top and anchors:
        first = anchors[0]
        runs = [r for r in runs if not r[0] < first <= r[-1] or fits_alignment(r, first, "centre")]
    found = learned_alignment(runs, anchors)
    cut = cut_rows(columns, anchors)
    if found is not None or not cut:
        return found
    return learned_alignment([r for r in runs if not any(r[0] <= a <= r[-1] for a in cut)], anchors)


def cut_rows(columns: list[list[list[int]]], anchors: list[int]) -> set[int]:
    """The anchors of rows that show the sign of a page break's cut where the dump marks
    none: each column's run holding the anchor starts on it (the row's part on the page
    starts its cells at its top, whatever the grid's alignment), but one column's runs on
    far below every other's, by more lines than those reach below the anchor (the cut
    cell's text, down to the page's end, read as one run with the rows after). Such a row
    shows the top alignment of a cut, not the grid's."""
    out: set[int] = set()
    for a in anchors:
        held = [next((r for r in column if r[0] <= a <= r[-1]), None) for column in columns]
        runs = [r for r in held if r is not None]
        if len(runs) < 2:
            continue
        ends = sorted(r[-1] for r in runs)
        longest = max(runs, key=lambda r: r[-1])
        others = [r for r in runs if r is not longest]
        reach = ends[-2] - a + 1
        shown = any(len(r) > 1 for r in others)  # (a cell of one line shows no top)
        if shown and all(r[0] == a for r in others) and ends[-1] > ends[-2] + reach:
            out.add(a)
    return out


def _one_cell(lines: list[int], anchor: int) -> bool:
    """Could the run be one cell (aligned some way)? A run that is not holds a neighbour
    row's lines and shows nothing."""
    return any(fits_alignment(lines, anchor, m) for m in ALIGNMENTS)


def whole_column_cut(
    lines: list[int], anchors: list[int], mode: str, empty: bool
) -> list[list[int]] | None:
    """Every line of one column given to a row, each row's lines aligned on its anchor as
    ``mode`` says and lying between its neighbours' anchors: the rows' lines, or None unless
    exactly one way fits. ``empty``: a row may have no line in the column. A cell's lines may
    stand apart (another column's lines printed between them at half a line's offset): only
    their order and count tell them."""
    found = aligned_cuts(lines, anchors, mode, empty)
    if len(found) != 1:
        return None
    bounds = found[0]
    return [lines[i:j] for i, j in zip(bounds, bounds[1:], strict=False)]


def aligned_cuts(
    lines: list[int], anchors: list[int], mode: str, empty: bool
) -> list[tuple[int, ...]]:
    """The cuts ``whole_column_cut`` weighs (at most two: one tells from several), as index
    bounds into ``lines``."""
    n = len(anchors)

    def fits(i: int, j: int, k: int) -> bool:
        if i == j:
            return empty
        if (k and lines[i] <= anchors[k - 1]) or (k + 1 < n and lines[j - 1] >= anchors[k + 1]):
            return False
        return fits_alignment(lines[i:j], anchors[k], mode)

    return consecutive_cuts(len(lines), n, fits)


def consecutive_cuts(
    count: int, groups: int, fits: Callable[[int, int, int], bool]
) -> list[tuple[int, ...]]:
    """The ways to cut ``count`` ordered lines into ``groups`` consecutive groups such that
    ``fits(i, j, k)`` holds for group k = lines i..j-1, as index bounds (the first 0, the last
    ``count``). At most two are returned: enough to tell one reading from several."""
    memo: dict[tuple[int, int], list[tuple[int, ...]]] = {}

    def solve(k: int, i: int) -> list[tuple[int, ...]]:
        if (k, i) not in memo:
            if k == groups:
                memo[k, i] = [()] if i == count else []
            else:
                out: list[tuple[int, ...]] = []
                for j in range(i, count + 1):
                    if fits(i, j, k):
                        out += [(j, *rest) for rest in solve(k + 1, j)]
                    if len(out) > 1:
                        break
                memo[k, i] = out[:2]
        return memo[k, i]

    return [(0, *cut) for cut in solve(0, 0)]


def cut_beside_open_rows(
    lines: list[int],
    anchors: list[int],
    mode: str,
    empty: bool,
    beside: int,
    head: bool,
    ends: set[int],
) -> tuple[list[int], list[list[int]]] | None:
    """A column's ``lines`` (those between the certain rows around) cut among the rows of
    ``anchors`` when the rows next to them, above (``head``) or below, are in doubt: the
    lines between ``beside`` (the anchor of the nearest open row) and the first (last) of
    ``anchors`` may be the open rows', as many as give a cut; those past ``beside`` are
    theirs (a cell lies between its neighbours' anchors). Where the open rows' lines meet
    the kept ones, the line above must end a cell by its wrap width (``ends``, from
    layout_wraps): the alignment alone does not tell where an open row's cell ends; unless
    no line lies between the nearest kept anchor and ``beside`` (the anchors force the
    split). No cell of a cut carries on past a line that ends one by its wrap width. The
    lines kept and their cut, or None unless exactly one count of lines left to the open
    rows gives exactly one cut."""
    found: list[tuple[list[int], list[list[int]]]] = []
    if head:
        lo = sum(1 for x in lines if x <= beside)
        hi = sum(1 for x in lines if x < anchors[0])
        ways = [lines[p:] for p in range(lo, hi + 1) if not p or lo == hi or lines[p - 1] in ends]
    else:
        lo = sum(1 for x in lines if x >= beside)
        hi = sum(1 for x in lines if x > anchors[-1])
        n = len(lines)
        ways = [
            lines[: n - q]
            for q in range(lo, hi + 1)
            if not q or lo == hi or lines[n - q - 1] in ends
        ]
    for kept in ways:
        for cut in aligned_cuts(kept, anchors, mode, empty):
            cells = [kept[i:j] for i, j in zip(cut, cut[1:], strict=False)]
            # (no cell carries on past a line that ends one by its wrap width)
            if not any(x in ends for cell in cells for x in cell[:-1]):
                found.append((kept, cells))
        if len(found) > 1:
            return None
    return found[0] if len(found) == 1 else None
