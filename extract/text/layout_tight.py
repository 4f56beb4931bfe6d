"""Two columns of wrapped text set one blank apart in a ``pdftotext -layout`` dump (a cramped
print: the goals' 预期目标 / 实际完成情况), split by the widths their lines wrap at.

No blank channel parts such columns, and a single blank inside one column's line (引领 助力,
4. 为良好) looks like the one between them. Each line is cut at one of its blanks (or holds one
column's text only), and a cut is taken only when it is the one every reading consistent with
these facts gives:

* the left column's lines start where it starts, and end before the right column's name; the
  right column's start right of the left column's name;
* each column's lines wrap at one width (in printed places, a Chinese character two): a line
  is that wide, or is its paragraph's last (the column's next line opens a numbered item, or
  there is none);
* pdftotext prints the lines of both columns as one line only where their lines fall level;
  where they do not (a line holding one column's text inside the other's), a line it joined
  may stand out of order, so either every line holds one column's text, or each column's
  lines follow one another with no line of the other column alone between them.

Every pair of wrap widths the lines offer is tried; with no reading, or two (giving all the
text to one column is a reading too), nothing is cut; nor where the one reading gives all the
text to one column (a cell spanning both?).
"""

from __future__ import annotations

from dataclasses import dataclass

import regex

from selfeval.extract.text.layout_tokens import print_width
from selfeval.extract.vocabulary import starts_numbered_item

#: A run of text between blanks.
_PART = regex.compile(r"\S+")
#: How far a wrapped line may fall short of, or run past, its column's width (a character
#: kept off a line's start or end).
_SLACK = 2
#: At most this many width pairs are tried (a block of a few dozen lines offers far fewer).
_MAX_PAIRS = 20000


@dataclass(frozen=True)
class _Cut:
    """One way to cut a line: its left and right column's text (either may be "")."""

    left: str
    right: str
    left_width: int
    right_width: int


def split_tight(
    lines: list[str], left_start: int, left_name_end: int, right_name_start: int
) -> list[tuple[str, str]] | None:
    """Each line's (left, right) text when one reading alone fits (see the module's
    docstring); None otherwise. ``lines`` are the block's lines, the label blanked;
    ``left_start`` where the left column's lines start, ``left_name_end`` where the left
    column's name ends and ``right_name_start`` where the right one's starts."""
    options: list[list[_Cut]] = []
    for text in lines:
        parts = list(_PART.finditer(text))
        if not parts:
            options.append([_Cut("", "", 0, 0)])
            continue
        cuts = []
        for k in range(len(parts) + 1):
            left = text[parts[0].start() : parts[k - 1].end()] if k else ""
            right = text[parts[k].start() : parts[-1].end()] if k < len(parts) else ""
            if k and (parts[0].start() > left_start or parts[k - 1].end() > right_name_start):
                continue
            if k < len(parts) and parts[k].start() < left_name_end:
                continue
            if "  " in left or "  " in right:
                continue  # (a gutter inside one column's line: two columns' texts)
            cuts.append(_Cut(left, right, print_width(left), print_width(right)))
        if not cuts:
            return None
        options.append(cuts)
    lefts = sorted({c.left_width for cuts in options for c in cuts if c.left})
    rights = sorted({c.right_width for cuts in options for c in cuts if c.right})
    if not lefts or not rights or len(lefts) * len(rights) > _MAX_PAIRS:
        return None
    found: set[tuple[tuple[str, str], ...]] = set()
    budget = [_MAX_STEPS]
    for wl in lefts:
        for wr in rights:
            _readings(options, wl, wr, found, budget)
            if len(found) > 1 or budget[0] <= 0:
                return None
    if len(found) != 1:
        return None
    (reading,) = found
    if not all(any(pair[side] for pair in reading) for side in (0, 1)):
        return None  # (one column's text alone: a cell spanning both?)
    return list(reading)


#: At most this many cuts are tried in all (a block whose readings branch too much to be
#: searched is not cut).
_MAX_STEPS = 200_000


def _readings(
    options: list[list[_Cut]],
    wl: int,
    wr: int,
    out: set[tuple[tuple[str, str], ...]],
    budget: list[int],
) -> None:
    """Add to ``out`` the readings (one cut a line) that fit wrap widths ``wl`` and ``wr``,
    until it holds two, or ``budget`` (steps left) runs out."""
    chosen: list[_Cut] = []

    def fits(c: _Cut) -> bool:
        return c.left_width <= wl + _SLACK and c.right_width <= wr + _SLACK

    def follows(side: int, c: _Cut) -> bool:
        """Does ``c``'s text of column ``side`` follow that column's last line so far?"""
        text = (c.left, c.right)[side]
        if not text:
            return True
        last = next((p for p in reversed(chosen) if (p.left, p.right)[side]), None)
        if last is None:
            return True
        width = (last.left_width, last.right_width)[side]
        full = width >= (wl, wr)[side] - _SLACK
        return full or starts_numbered_item(text)

    def walk(k: int) -> None:
        budget[0] -= 1
        if len(out) > 1 or budget[0] <= 0:
            return
        if k == len(options):
            if _in_order(chosen):
                out.add(tuple((c.left, c.right) for c in chosen))
            return
        for c in options[k]:
            if fits(c) and follows(0, c) and follows(1, c):
                chosen.append(c)
                walk(k + 1)
                chosen.pop()

    walk(0)


def _in_order(reading: list[_Cut]) -> bool:
    """Either no line holds both columns' text, or each column's lines are contiguous among
    the lines holding text (no line of the other column alone between them)."""
    texted = [c for c in reading if c.left or c.right]
    if not any(c.left and c.right for c in texted):
        return True
    for side in (0, 1):
        held = [k for k, c in enumerate(texted) if (c.left, c.right)[side]]
        if held and len(held) != held[-1] - held[0] + 1:
            return False
    return True
