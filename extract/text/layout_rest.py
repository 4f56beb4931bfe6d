"""The rest of a -layout row that a page break cut, joined to the row on the page before.

Word and LibreOffice split a table row over a page break: its cells begin at the bottom of
one page and go on at the top of the next, above that page's first row (which prints its
own 得分). The rule the printed form follows (as the PDF reader's ``_rest_of_split_row``):
each cell's lines go on in the same column. The two halves are joined only when exactly one
reading fits:

* the next page's first row is certain (its cells cut with no doubt) and holds a cell in
  each column the rest does (else the rest may be its own cell, printed high), and every
  piece of text above its top line goes to a text column for certain (the name, the
  target, the actual value, the deviation), none taken by a row of that page: the lines
  above the first row's every cell are no row's of that page, so they are the cut row's;
* no number in the 分值 or 得分 column, no level label's piece and no text no column takes
  stands there (the 分值/得分 printed on one side only; a label's merged cell over the page
  break is read by its own pages);
* no piece begins with a numbered item (a wrap or a paragraph of its own?).

Else the cut row is left out with a note, as before.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import replace
from typing import TypeVar

from selfeval.extract.record import Cell, Indicator
from selfeval.extract.text.layout_slabs import Lined
from selfeval.extract.vocabulary import starts_numbered_item
from selfeval.extract.wrap import join_wrapped

T = TypeVar("T", bound=Lined)

#: The columns whose cells a page break may cut and the next page go on with.
REST_ROLES = ("level3", "target", "actual", "deviation")


def _chars(toks: Iterable[Lined]) -> set[tuple[int, int]]:
    """The places (line, column) a token's printed characters take, spaces not counted."""
    return {(t.line, t.x0 + i) for t in toks for i, c in enumerate(t.text) if not c.isspace()}


def rest_of_cut_row(
    page: Iterable[T],
    by_col: Mapping[str, Iterable[T]],
    first_row: Mapping[str, Iterable[T]] | None,
    first_anchor: int,
    taken: set[int],
) -> dict[str, list[T]] | None:
    """The text above a page's first row, by column, when it is the rest of the page
    before's last row for certain (see the module docstring); None when it may not be.
    ``page``: every token printed on the page's grid body; ``by_col``: the tokens each
    column took; ``first_row``: the first row's cells (None: the row is in doubt), which
    must hold a cell in each column the rest does (else the rest may be that cell, printed
    high); ``taken``: the ids of every token a row of the page took."""
    if first_row is None:
        return None
    top = min([first_anchor] + [t.line for ts in first_row.values() for t in ts])
    above = [t for t in page if t.line < top]
    if not above:
        return None
    rest: dict[str, list[T]] = {}
    covered: set[tuple[int, int]] = set()
    for role, toks in by_col.items():
        mine = [t for t in toks if t.line < top]
        if not mine:
            continue
        if role not in REST_ROLES or not first_row.get(role) or any(id(t) in taken for t in mine):
            return None
        rest[role] = sorted(mine, key=lambda t: (t.line, t.x0))
        covered |= _chars(mine)
    # (every character printed above the first row is in a text column's piece)
    if not _chars(above) <= covered:
        return None
    return rest


def join_rest(row: Indicator, rest: Mapping[str, str]) -> bool:
    """Join to each of the cut row's cells, in place, its column's text of the rest
    (``rest``: joined lines by role) as a wrapped line goes on; False, the row untouched,
    when a rest begins a numbered item (which may begin a paragraph of its own)."""
    if not rest or any(starts_numbered_item(text) for text in rest.values()):
        return False
    for role, text in rest.items():
        before: Cell = getattr(row, role)
        setattr(row, role, replace(before, text=join_wrapped([before.text or "", text])))
    return True
