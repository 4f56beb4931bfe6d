"""A -layout block that the order of a page's cells leaves between columns, placed by the
places the page's certain cells take.

Read by the order of its blocks (``layout_pages``), a page leaves a block in doubt where more
than one column fits between the blocks left and right of it: a text target whose line holds
no number (有效改 / 善 over and under its row's line: the target's, the unit's or the
operator's?), or a name whose row prints no operator to its right. pdftotext keeps a cell's
text where its column's other cells print, so the certain blocks of the page tell each
column's places: a block in doubt is that column's when, of all the page's certain blocks,
only that column's stand over its places, and that column is one the order allows. Every
column the order allows must show some certain block on the page (else its places are not
known, and the block may be its), and the block's places must reach those of no certain
block of any other column (text astray over two columns tells nothing).

A token may hold two columns' text one space apart (重点领域央企科技 2021年第二季度完成40%，第:
a name and the target beside it), joining the two columns' blocks into one the page cannot
place. It is cut at that space before the blocks are judged only where its block shows
where the cut must fall: without it, the block's other tokens stand in exactly two runs of
places, a left and a right, that some line prints side by side (two cells' lines, a gap
between them), the token crosses that gap, and its one space lies in the gap. A text
of one cell never crosses another column's lines' gap; a token with any other space
(which space parts the cells?) or beside another token of its block stays whole. Two
blocks are in order where, over the lines both run through, one ends before the other
starts (``left_where_both``): beyond those lines a block may reach under its neighbour.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from selfeval.extract.text.layout_bands import Placed
from selfeval.extract.text.layout_slabs import Lined

T = TypeVar("T", bound=Placed)
L = TypeVar("L", bound=Lined)


def columns_by_place(
    held: list[list[T]], doubt: dict[int, set[int]], placed: dict[int, int]
) -> dict[int, int]:
    """The column of each block in doubt (``doubt``: block -> the columns the order allows)
    that the certain blocks (``placed``: block -> column) tell by place, as the module's doc
    says; where the order allows one column only, its places must agree too."""
    shown = set(placed.values())
    out = {}
    for b, allowed in doubt.items():
        if not allowed or not allowed <= shown:
            continue
        over = {k for a, k in placed.items() if _overlap(held[b], held[a])}
        if len(over) == 1 and over <= allowed:
            out[b] = over.pop()
    return out


def _overlap(block: list[T], other: list[T]) -> bool:
    """Does some token of ``block`` stand over the places of some token of ``other``?"""
    return any(t.x0 < u.x1 and u.x0 < t.x1 for t in block for u in other)


def cut_at_gaps(toks: list[L], held: list[list[L]], piece: Callable[[L, str, int], L]) -> list[L]:
    """``toks`` with each token that crosses the gap between its block's two runs of places
    at its one space cut there (``held``: the page's blocks; ``piece`` makes a token of a
    part of one: its text and first place), as the module's doc says."""
    cut: dict[int, list[L]] = {}
    for block in held:
        for t in block:
            at = _gap_space(t, block)
            if at is not None:
                k = at - t.x0
                cut[id(t)] = [piece(t, t.text[:k], t.x0), piece(t, t.text[k + 1 :], at + 1)]
    return [p for t in toks for p in cut.get(id(t), [t])]


def _gap_space(t: L, block: list[L]) -> int | None:
    """The place of the token's one space when it lies in the gap between the two runs of
    places of its block's other tokens, which some line prints side by side, and the token
    reaches over both runs and shares its line with none of them; else None."""
    others = [u for u in block if u is not t]
    if t.text.count(" ") != 1 or any(u.line == t.line for u in others):
        return None
    runs = _runs(others)
    if len(runs) != 2:
        return None
    (a0, a1), (b0, b1) = runs
    left = {u.line for u in others if u.x1 <= a1}
    if not left & {u.line for u in others if u.x0 >= b0}:
        return None
    at = t.x0 + t.text.index(" ")
    return at if t.x0 < a1 <= at < b0 < t.x1 else None


def _runs(toks: list[L]) -> list[tuple[int, int]]:
    """The runs of places the tokens take, overlapping tokens joined, left to right."""
    runs: list[tuple[int, int]] = []
    for x0, x1 in sorted((u.x0, u.x1) for u in toks):
        if runs and x0 < runs[-1][1]:
            runs[-1] = (runs[-1][0], max(runs[-1][1], x1))
        else:
            runs.append((x0, x1))
    return runs


def left_where_both(left: list[L], right: list[L]) -> bool:
    """Over the lines both blocks run through, does every token of ``left`` end a space or
    more before every token of ``right`` starts? Their lines interleave there as two cells'
    of one row do, so ``left``'s column comes first, though beyond those lines one may reach
    under the other (a column's block running on into a row drawn aside)."""
    top = max(min(t.line for t in left), min(t.line for t in right))
    bottom = min(max(t.line for t in left), max(t.line for t in right))
    a = [t for t in left if top <= t.line <= bottom]
    b = [t for t in right if top <= t.line <= bottom]
    return bool(a) and bool(b) and max(t.x1 for t in a) < min(t.x0 for t in b)
