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
"""

from __future__ import annotations

from typing import TypeVar

from selfeval.extract.text.layout_bands import Placed

T = TypeVar("T", bound=Placed)


def columns_by_place(
    held: list[list[T]], doubt: dict[int, set[int]], placed: dict[int, int]
) -> dict[int, int]:
    """The column of each block in doubt (``doubt``: block -> the columns the order allows)
    that the certain blocks (``placed``: block -> column) tell by place, as the module's doc
    says."""
    shown = set(placed.values())
    out = {}
    for b, allowed in doubt.items():
        if len(allowed) < 2 or not allowed <= shown:
            continue
        over = {k for a, k in placed.items() if _overlap(held[b], held[a])}
        if len(over) == 1 and over <= allowed:
            out[b] = over.pop()
    return out


def _overlap(block: list[T], other: list[T]) -> bool:
    """Does some token of ``block`` stand over the places of some token of ``other``?"""
    return any(t.x0 < u.x1 and u.x0 < t.x1 for t in block for u in other)
