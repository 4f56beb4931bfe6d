"""An overhanging token that its line's order allows in one column only, placed by where it
starts.

pdftotext -layout sets each character on a grid of places, one a character whatever its
width: a name with Latin letters (第四届Nature前沿) takes more places than it takes room on
the page, and runs on under the next column's places. Read by the order of its blocks
(``layout_pages``), such a token overhangs its block, and the places of the page's certain
cells cannot place it: its end stands over the next column's. Its start still stands where
it is printed: pdftotext pushes text right to keep it apart from text before it on its line,
never left, so a token whose first place lies over the places of certain cells of one
column only, and of none of any other column, starts in that column. It is taken there
when that column is also the one its line's order and its kind allow: two readings agree,
and the rows it then joins must still cut one way (``layout_rowcut``), or they are declined.
"""

from __future__ import annotations

from typing import TypeVar

from selfeval.extract.text.layout_bands import Placed

T = TypeVar("T", bound=Placed)


def column_by_start(
    t: T, held: list[list[T]], certain: dict[int, int], allowed: set[int]
) -> int | None:
    """The one column ``allowed`` (by the token's line's order and kind) when the token's
    first place lies over the places of that column's certain blocks and of no other
    column's (``certain``: block -> column); else None."""
    if len(allowed) != 1:
        return None
    under = {k for b, k in certain.items() for u in held[b] if u.x0 <= t.x0 < u.x1}
    return under.pop() if under == allowed else None
