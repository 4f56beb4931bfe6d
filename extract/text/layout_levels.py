"""Level labels a -layout page cannot tell alone, settled over the whole grid.

Each page is read on its own, and a merged level label whose block crosses a page break (a
label printed on one page for rows of two, a sheet centring it on the whole block, a label
printed on each page the block reaches) often leaves rows whose label is not known there.
Read over the grid's pages in order, each level column's printed labels and the rows whose
label is known still tell some of them, by these rules only:

* a block is a run of rows one after another, and blocks follow one another in the order
  their labels print (page by page, line by line); a row between two rows of one label
  (level-1 labels, where known, not apart) is that label's;
* a row between the nearest rows of known labels before and after it (or the grid's start
  or end) is under one of the labels printed from the one to the other: when that is one
  name only, it is the row's; a row on a later page than the row before is under the last
  label that row's page prints or a later one (a label stands beside a part of its block). Every label of the column on the pages between must be read
  (a page whose labels were not read, or that printed a label only in part, stops it), and
  no name may print apart in two places (then which place is which block's is not known);
  a row so settled counts as known for the others;
* on a continued page that prints its labels where their rows begin (one stands at the top
  of its first row, not centred on it), the rows above the page's first label are under a
  label of a page before: of those printed from the nearest known row's on, when one only;
* in a grid some page of which shows it prints labels where their rows begin, the rows
  beginning at or below a page's last label are that label's: a block beginning after it
  would print its label on that page (a merged cell's part at the top of its page's part);
* in a grid that prints a label again on each page its block reaches (a page's first
  label is the page before's last: two blocks one after another never bear one name), a
  row is under one of its own page's labels: of those printed from the nearest row of a
  known label before it on the page (or its start) to the one after it (or its end), when
  one only;
* in a grid that numbers its rows afresh in each level-2 block (指标1 after a row of
  another label, never after one of its own), a row numbered 1 begins a block: between two
  rows of known labels, when the rows so numbered are as many as the blocks beginning there,
  each row is the block's it follows; only a label another page prints is so given (one its
  own page prints, that page's reading weighed and left open);
* a row the order of blocks leaves under one of several level-2 labels is not under one
  whose block would then hold a row kept of its own level-3 name (a form names an
  indicator again only under another level-2 label: 央企应用场景推进 under 数量指标,
  质量指标 and 时效指标); a placeholder name (……, 指标1:) tells nothing so. Taken once the
  rules here have settled what they can, the rows kept then telling the twins; the labels
  weighed run from the page that printed the label of the row before on, when its block
  crossed a break (printed on an earlier page than that row's);
* a level-1 label the order gives is kept only where the vocabulary lets the row's level-2
  name stand under it (数量指标 under 产出指标), when the vocabulary knows that name and a
  printed level-1 label bears one of its parents; a row still open takes the one printed
  label the vocabulary lets (of the pages whose labels were read), when that label is
  printed on another page than the row's (there the page's own reading weighed it: a row
  it left open stays open), or on its own page when the order gave the row's level-2 name
  and every page's level-1 labels were read (a name the page read itself may be misled);
* a row takes the level-1 label of the row beside it in its level-2 block, read whole on
  the same page, when the vocabulary puts that level-2 name under one level-1 name only (a
  level-1 merged cell covers whole level-2 ones: (30分) / (10分) that name no parent).

Where the rules that read labels at their rows' tops leave a level-2 block holding one
level-3 name twice, the labels are settled again without them (a sheet's label centred on a
block crossing a break may fall on a row's top by chance). A template's placeholder row
(……) whose labels its page left in doubt is an open row like any other.

Everything else stays unknown: those rows are left out with a note, as the page read them.

A page's own readings of a level column are narrowed the same way a grid's cells are
(``layout_align``): when every label whose rows all readings agree on stands within half a
line of its rows' middle (two such labels at least over more than one line, or printed
over more than one), the grid centres its labels, and only the readings that centre every
label so are kept (a block taller than each of those may drift ``DRIFT`` further for each
line it is taller; the page's first and last labels, whose merged cells may cross a page
break, are not weighed). A page with too few such labels of its own is read again held to
the grid's (``Centring``): the tallest block its pages' first readings show so, when two or
more do and none stands off.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import NamedTuple

import regex

from selfeval.extract.record import Cell, Indicator
from selfeval.extract.vocabulary import (
    LEVEL2_ALSO_UNDER,
    LEVEL2_PARENT,
    NAME_NUMBER,
    POINTS,
    label_key,
    level1_parents,
)

LEVELS = ("level1", "level2")
_POINTS = regex.compile(POINTS)

#: What the grid's other pages tell of the page breaks above and below a page, for one
#: level column: "open" (nothing: a block may cross it, its label anywhere beside its rows
#: here), "shut" (no block crosses it: the label nearest it stands on its own rows here,
#: centred or at their top, though rows beyond it may be under another page's label), or
#: "own" (every row of the page is under a label the page prints, each on its rows here);
#: below, "cut": shut, but the page's last row goes on past the break (its rest joined), so
#: the last label's merged cell does too and may stand anywhere beside its rows here.
Bounds = tuple[str, str]
OPEN: Bounds = ("open", "open")


class Reading(NamedTuple):
    """A page's level labels read again with its breaks bounded: each row's labels by its
    anchor line and level, and by level the anchor lines of the rows every reading puts
    before the page's first label where the break above is shut (``lead_rows``)."""

    labels: dict[int, dict[str, str | None]]
    heads: dict[str, set[int]]


#: Reads a page's level labels again with its breaks so bounded and, by level, held to
#: the tallest block the grid's pages show strictly centred (``Centring``; None: the
#: labels' rows cannot be told).
Reread = Callable[[dict[str, Bounds], dict[str, int]], Reading | None]


def lead_rows(readings: set[tuple[str | None, ...]]) -> set[int]:
    """The rows every reading of a level column puts before its first label (none when
    there is no reading): above a shut break's first label, under a label of a page
    before."""
    if not readings:
        return set()
    return set.intersection(*({k for k in range(len(r)) if not any(r[: k + 1])} for r in readings))


@dataclass
class PageLevels:
    """One page's rows (kept, or open: some level label unknown) and, per level column, the
    labels it prints in order (None: the column's labels on this page were not read)."""

    rows: list[Indicator] = field(default_factory=list)
    printed: dict[str, list[str] | None] = field(default_factory=dict)
    # by level, the rows (by id) above the page's first label where it prints labels at
    # their rows' tops: they are under a label of a page before
    heads: dict[str, set[int]] = field(default_factory=dict)
    # by level, the rows (by id) that begin at or below the page's last label
    tails: dict[str, set[int]] = field(default_factory=dict)
    # a label stands at the top of its first row, not centred on it: the grid prints labels
    # where their rows begin
    tops: bool = False
    anchors: dict[int, int] = field(default_factory=dict)  # row (by id) -> its anchor line
    reread: Reread | None = None  # the page's labels read again, the breaks bounded
    # the page's first row is among ``rows`` (the row just after the break above), and its
    # last as read (the row just before the break below, kept or not: a row the break cuts
    # is left out once read)
    first_kept: bool = False
    last_row: Indicator | None = None
    # the page's last row goes on at the next page's top (its rest joined): the block of its
    # label crosses the break, whatever label the next page's first row is under
    last_cut: bool = False
    # by a level column's last label, over the page's last rows and on their first line: the
    # grid prints a label whose block reaches a page's end at the top of its part there
    last_top: bool = False
    # by level, how the page's labels stand on their rows (``Centring``)
    centring: dict[str, Centring] = field(default_factory=dict)


def settle_levels(pages: list[PageLevels], open_rows: set[int], levels: list[str]) -> None:
    """Fill, in place, the level labels of the open rows (by ``id``) that the grid's printed
    labels and known rows decide; a row all of whose labels are then known leaves
    ``open_rows``."""
    rows = [r for page in pages for r in page.rows]
    if not any(id(r) in open_rows for r in rows):
        return
    if any(page.tops or page.last_top for page in pages):
        # (labels read at their rows' tops may be a sheet's labels centred over blocks
        # that cross the breaks, on a row's top by chance: settled so, a level-2 block that
        # then holds one indicator's name twice shows it; settled again without them)
        before = {id(r): (r.level1, r.level2) for r in rows}
        still = set(open_rows)
        _settle_all(pages, still, levels)
        if not _twice_in_block(rows, open_rows):
            open_rows.intersection_update(still)
            return
        for r in rows:
            r.level1, r.level2 = before[id(r)]
        for page in pages:
            page.tops, page.last_top, page.heads = False, False, {}
    _settle_all(pages, open_rows, levels)


def _twice_in_block(rows: list[Indicator], settled: set[int]) -> bool:
    """Does a level-2 block (rows one after another under one level-2 name, rows of no
    known name between left aside) hold one level-3 name twice, a row of ``settled`` (by id)
    among them? A block's rows are distinct indicators (``_twin_in_block``)."""
    block: dict[str, list[int]] = {}
    label = None
    for r in rows:
        name = _name(r, "level2")
        if name is None:
            continue
        if label is None or _key(name) != _key(label):
            label, block = name, {}
        own = _distinct_name(r)
        if own is None:
            continue
        ids = block.setdefault(own, [])
        ids.append(id(r))
        if len(ids) > 1 and any(i in settled for i in ids):
            return True
    return False


def _settle_all(pages: list[PageLevels], open_rows: set[int], levels: list[str]) -> None:
    """The rules of ``settle_levels``, in their order, on ``open_rows`` (left holding the
    rows still open)."""
    rows = [r for page in pages for r in page.rows]
    kept = {id(r) for r in rows if id(r) not in open_rows}
    _by_bounds(pages, open_rows, levels)
    _settle(pages, open_rows, levels, kept)
    if _by_bounds(pages, open_rows, levels):
        _settle(pages, open_rows, levels, kept)
    while any(id(r) in open_rows for r in rows):
        # (the rows read whole so far tell which blocks already hold a row's name; a row
        # so settled is one such row for the next pass)
        before = len(open_rows)
        _settle(pages, open_rows, levels, kept, twins=True)
        if len(open_rows) == before:
            break


def _settle(
    pages: list[PageLevels],
    open_rows: set[int],
    levels: list[str],
    kept: set[int],
    twins: bool = False,
) -> None:
    """The rules of the order of blocks and of the vocabulary (see the module's doc);
    ``kept``: the rows (by id) whose labels their page read whole; ``twins``: a level-2
    block holding a row kept of an open row's name is not its."""
    rows = [r for page in pages for r in page.rows]
    page_of = [n for n, page in enumerate(pages) for _ in page.rows]
    ordered: set[int] = set()
    ordered2: set[int] = set()  # rows whose level-2 label the order gave
    for level in ("level2", "level1"):
        if level not in levels:
            continue
        if any(page.tops for page in pages):
            _by_last_label(pages, level, open_rows)
        repeats = _repeats(pages)
        while (
            got := _by_order(rows, page_of, pages, level, open_rows, twins)
            or (_by_numbers(rows, page_of, pages, open_rows) if level == "level2" else {})
            or (_by_page(rows, page_of, pages, level, open_rows) if repeats else {})
            or (_by_level2_block(rows, page_of, open_rows, kept) if level == "level1" else {})
        ):
            # (a row settled may be the known row another's reading needs)
            for k, name in got.items():
                setattr(rows[k], level, Cell(name))
                (ordered if level == "level1" else ordered2).add(id(rows[k]))
    if "level1" in levels and "level2" in levels:
        _by_vocabulary(rows, page_of, pages, open_rows, ordered, ordered2)
        # (a row the vocabulary settled is a known row the order of blocks reads by; a
        # label so given is kept only where the vocabulary lets it, as above)
        while got := _vocabulary_lets(
            rows, pages, _by_order(rows, page_of, pages, "level1", open_rows)
        ):
            for k, name in got.items():
                rows[k].level1 = Cell(name)
    for r in rows:
        if id(r) in open_rows and all(getattr(r, level).text for level in levels):
            open_rows.discard(id(r))


def _by_level2_block(
    rows: list[Indicator], page_of: list[int], open_rows: set[int], kept: set[int]
) -> dict[int, str]:
    """Open rows' level-1 labels, by row index, from a row next to them in their level-2
    block: a level-1 merged cell covers whole level-2 cells, so rows one after another under
    one level-2 name share their level-1 label (the level-1 labels printing only their
    points, (30分), the vocabulary cannot tell it). The row next to it must be one its page
    read whole (``kept``), on the same page: the two level-2 names are then one reading's,
    not one misled alone. Only for a name the vocabulary puts under one level-1 name: two
    blocks of a name that may stand under two could meet."""
    out: dict[int, str] = {}
    for k, r in enumerate(rows):
        level2 = _name(r, "level2")
        if id(r) not in open_rows or _name(r, "level1") or level2 is None:
            continue
        if len(level1_parents(level2)) != 1:
            continue
        near = {
            name
            for j in (k - 1, k + 1)
            if 0 <= j < len(rows)
            and id(rows[j]) in kept
            and page_of[j] == page_of[k]
            and _key(_name(rows[j], "level2") or "") == _key(level2)
            and (name := _name(rows[j], "level1")) is not None
        }
        if len(near) == 1:
            out[k] = near.pop()
    return out


def _by_bounds(pages: list[PageLevels], open_rows: set[int], levels: list[str]) -> bool:
    """Open rows' labels by their page's labels read again with the page breaks bounded
    by what the pages around tell (``_bounds``): only labels the rows lack, and only where
    the reading contradicts no label known, and the rows the reading puts above a shut
    break's first label as under a label of a page before; whether any was given."""
    given = False
    # (a grid whose pages show their labels strictly centred centres them so on every
    # page: read as each page's labels first were, its breaks open, as a page read with a
    # break shut may put the label nearest it at the top of its rows)
    held = {
        level: h
        for level in levels
        if (h := grid_held([p.centring[level] for p in pages if level in p.centring])) is not None
    }
    for n, page in enumerate(pages):
        if page.reread is None or not any(id(r) in open_rows for r in page.rows):
            continue
        bounds = {level: _bounds(pages, n, level) for level in levels}
        if any(p.last_top for m, p in enumerate(pages) if m != n):
            # (the last label's block crosses the break: at the top of its rows here)
            bounds = {k: (b[0], "top" if b[1] == "cut" else b[1]) for k, b in bounds.items()}
        if all(b == OPEN for b in bounds.values()) and not held:
            continue
        got = page.reread(bounds, held)
        if got is None:
            continue
        for level, lines in got.heads.items():
            # (rows above a shut break's first label: under a label of a page before)
            for r in page.rows:
                ids = page.heads.setdefault(level, set())
                if page.anchors.get(id(r)) in lines and id(r) not in ids and id(r) in open_rows:
                    ids.add(id(r))
                    given = True
        fills: list[tuple[Indicator, str, str]] = []
        for r in page.rows:
            labels = got.labels.get(page.anchors.get(id(r), -1), {})
            if any(
                name is not None and _name(r, level) not in (None, name)
                for level, name in labels.items()
            ):
                fills = []  # (the reading is not the page's: nothing of it is taken)
                break
            if id(r) in open_rows:
                fills += [
                    (r, level, name)
                    for level, name in labels.items()
                    if name is not None and _name(r, level) is None
                ]
        for r, level, name in fills:
            setattr(r, level, Cell(name))
            given = True
    return given


def _bounds(pages: list[PageLevels], n: int, level: str) -> Bounds:
    """What the pages around page ``n`` tell of its breaks in a level column (``Bounds``):
    a break with one name printed on both sides is "own" (one block crosses it, and the
    grid prints its label again on each page it reaches: each side's part holds it); a
    break whose row beyond is under a known label other than the page's nearest printed
    one is "shut" (a block is a run of rows: that label's does not cross it)."""
    printed = pages[n].printed.get(level)
    if not printed:
        return OPEN
    before = pages[n - 1] if n else None
    after = pages[n + 1] if n + 1 < len(pages) else None
    top = _side(before, before.last_row if before else None, level, printed[0], -1)
    first = after.rows[0] if after and after.first_kept and after.rows else None
    bottom = _side(after, first, level, printed[-1], 0)
    # (the page's last row crossing the break, its label's merged cell crosses it too)
    return (top, "cut" if bottom == "shut" and pages[n].last_cut else bottom)


def _side(page: PageLevels | None, row: Indicator | None, level: str, name: str, end: int) -> str:
    """A break's bound by the page beyond it (``end``: its labels' end at the break) and
    its row next to the break: see ``_bounds``."""
    theirs = page.printed.get(level) if page else None
    if theirs and _key(theirs[end]) == _key(name):
        return "own"
    known = _name(row, level) if row is not None else None
    return "shut" if known is not None and _key(known) != _key(name) else "open"


def _by_last_label(pages: list[PageLevels], level: str, open_rows: set[int]) -> None:
    """In a grid that prints labels where their rows begin, the open rows beginning at or
    below a page's last label are that label's: a block beginning after it would print its
    label on this page."""
    for page in pages:
        names = page.printed.get(level)
        if not names:
            continue
        for r in page.rows:
            if id(r) in open_rows and id(r) in page.tails.get(level, set()) and not _name(r, level):
                setattr(r, level, Cell(names[-1]))


def _repeats(pages: list[PageLevels]) -> bool:
    """Does the grid print a label again on each page its block reaches? A page's first
    label in a level column is the page before's last (both read): one block's, as two
    blocks one after another never bear one name."""
    for before, page in zip(pages, pages[1:], strict=False):
        for level in LEVELS:
            a, b = before.printed.get(level), page.printed.get(level)
            if a and b and a[-1] == b[0]:
                return True
    return False


def _by_page(
    rows: list[Indicator],
    page_of: list[int],
    pages: list[PageLevels],
    level: str,
    open_rows: set[int],
) -> dict[int, str]:
    """Open rows' labels in ``level`` in a grid that prints a label on each page its block
    reaches: a row is under one of its own page's labels, those printed from the nearest
    row of a known label before it on the page (or the page's start) to the one after it
    (or the page's end): when that is one name only, it is the row's."""
    out: dict[int, str] = {}
    for k, r in enumerate(rows):
        if id(r) not in open_rows or _name(r, level):
            continue
        n = page_of[k]
        seq = _sequence(pages, level, n, n)
        if not seq or len(set(seq)) != len(seq):
            continue
        mine = [j for j, _ in enumerate(rows) if page_of[j] == n and _name(rows[j], level)]
        a = max((j for j in mine if j < k), default=None)
        b = min((j for j in mine if j > k), default=None)
        first = _name(rows[a], level) if a is not None else seq[0]
        last = _name(rows[b], level) if b is not None else seq[-1]
        if first not in seq or last not in seq:
            continue
        start, end = seq.index(first), seq.index(last)
        names = seq[start : end + 1]
        if len(names) == 1:
            out[k] = names[0]
    return out


def _name(row: Indicator, level: str) -> str | None:
    text: str | None = getattr(row, level).text
    return text


def _key(name: str) -> str:
    return str(_POINTS.sub("", label_key(name)))


def _sequence(pages: list[PageLevels], level: str, first: int, last: int) -> list[str] | None:
    """The labels pages ``first``..``last`` print in the column, like ones in a row as one
    (a label printed again where its block goes on); None when a page's were not read."""
    out: list[str] = []
    for page in pages[first : last + 1]:
        names = page.printed.get(level)
        if names is None:
            return None
        for name in names:
            if not out or out[-1] != name:
                out.append(name)
    return out


def _by_order(
    rows: list[Indicator],
    page_of: list[int],
    pages: list[PageLevels],
    level: str,
    open_rows: set[int],
    twins: bool = False,
) -> dict[int, str]:
    """Open rows' labels in ``level`` that the order of blocks decides, by row index
    (``twins``: of the level-2 labels it leaves, those whose block would hold the row's
    name twice dropped, see ``_twin_in_block``)."""
    known = [k for k, r in enumerate(rows) if _name(r, level)]
    out: dict[int, str] = {}
    for k, r in enumerate(rows):
        if id(r) not in open_rows or _name(r, level):
            continue
        before = max((j for j in known if j < k), default=None)
        after = min((j for j in known if j > k), default=None)
        if (
            id(r) in pages[page_of[k]].heads.get(level, set())
            and page_of[k]
            and (before is None or page_of[before] < page_of[k])
        ):
            after = None  # (under a label of a page before: the pages up to this one's)
            names = _between(
                rows, page_of, pages[: page_of[k]], level, before, None, twins, page_of[k]
            )
        else:
            names = _between(rows, page_of, pages, level, before, after, twins, page_of[k])
        if twins and level == "level2" and len(names) > 1:
            names = [n for n in names if not _twin_in_block(rows, k, n, open_rows)]
        if len(names) == 1:
            out[k] = names[0]
    return out


def _between(
    rows: list[Indicator],
    page_of: list[int],
    pages: list[PageLevels],
    level: str,
    before: int | None,
    after: int | None,
    back: bool = False,
    at: int | None = None,
) -> list[str]:
    """The labels a row between rows ``before`` and ``after`` (None: the grid's start or
    end) can be under, in order; none when the order of blocks cannot tell them. ``back``:
    the labels from the page that printed the label of ``before`` on, when an earlier page
    than its own did (its block crossed the break). ``at``: the row's page; on a page after
    that of ``before``, the row is under that page's last label or a later one (a label
    printed there stands beside a part of its block there: a block a row of a later page
    is in, or one before it)."""
    a = _name(rows[before], level) if before is not None else None
    b = _name(rows[after], level) if after is not None else None
    if a is not None and a == b:
        # one block: unless the level-1 labels known say the two are apart
        if level == "level2" and before is not None and after is not None:
            l1 = {_name(rows[j], "level1") for j in (before, after)} - {None}
            if len(l1) > 1:
                return []
        return [a]
    first = page_of[before] if before is not None else 0
    while back and a is not None and first > 0:
        printed = pages[first].printed.get(level)
        if printed is None or a in printed:
            break
        first -= 1
    last = page_of[after] if after is not None else len(pages) - 1
    seq = _sequence(pages, level, first, last)
    if not seq or len(set(seq)) != len(seq):
        return []
    start = seq.index(a) if a is not None and a in seq else None
    end = seq.index(b) if b is not None and b in seq else None
    if (a is not None and start is None) or (b is not None and end is None):
        return []
    if start is not None and before is not None and at is not None and at > page_of[before]:
        upto = _sequence(pages, level, first, page_of[before])
        start = max(start, len(upto or []) - 1)
    return seq[(start or 0) : (len(seq) if end is None else end + 1)]


#: A level-3 name that may stand twice in one block: a placeholder (……, 指标1:, /), and
#: any name of fewer than three characters (无, 其他).
_NO_NAME = regex.compile(r"^(?:(?:指标\s*)?\d{0,2}\s*[:：、．.]?|[\p{P}\p{S}\s]*)$")


def _twin_in_block(rows: list[Indicator], k: int, name: str, open_rows: set[int]) -> bool:
    """Would row ``k`` under level-2 label ``name`` share its block with a row of its own
    level-3 name? A block's rows are distinct indicators (a form names an indicator again
    only under another level-2 label: 央企应用场景推进 under 数量指标, 质量指标 and 时效指标),
    so a block already holding its name is not the row's. Its block, were it ``name``'s:
    the rows of that label on either side of it, up to a row of another known label (a
    block is a run of rows: rows of unknown label between are its too). Only a row kept
    (every label known, not open) tells the twin: an open row's label may be misread."""
    own = _distinct_name(rows[k])
    if own is None:
        return False
    for step in (-1, 1):
        j = k + step
        while 0 <= j < len(rows):
            label = _name(rows[j], "level2")
            if label is not None and _key(label) != _key(name):
                break
            if label is not None and id(rows[j]) not in open_rows:
                if _squash(rows[j].level3.text) == own:
                    return True
            j += step
    return False


def _distinct_name(row: Indicator) -> str | None:
    """A row's level-3 name without whitespace, as one block holds it once only; None for
    a name that may stand twice (``_NO_NAME``; 无, 其他: fewer than three characters)."""
    own = _squash(row.level3.text)
    return None if len(own) < 3 or _NO_NAME.match(own) else own


def _squash(text: str | None) -> str:
    return "".join((text or "").split())


def _number(row: Indicator) -> int | None:
    return name_number(row.level3.text)


def name_number(name: str | None) -> int | None:
    """A level-3 name's own number (指标12: -> 12), None when it has none."""
    got = NAME_NUMBER.match(name or "")
    return int(got.group(1)) if got else None


def by_numbers(
    readings: set[tuple[str | None, ...]],
    known: list[str | None],
    numbers: list[int | None],
) -> set[tuple[str | None, ...]] | None:
    """The page's readings of the level-2 column whose blocks begin where the rows' own
    numbers begin again, on a page that numbers its rows afresh in each block: each row of
    ``known`` label after one of another label is numbered 1, and none after one of its own
    label (one such pair at least). A row numbered 1 begins a block and no other row does
    (rows under another page's label are one block before and one after). None when the
    page shows no such numbering, or when it lets every reading or none."""
    pairs = [
        (a != b, numbers[k + 1] == 1)
        for k, (a, b) in enumerate(zip(known, known[1:], strict=False))
        if a is not None and b is not None and numbers[k + 1] is not None
    ]
    if not any(apart for apart, _ in pairs) or any(apart != first for apart, first in pairs):
        return None
    fit = {
        r
        for r in readings
        if all(
            (r[k] != r[k + 1]) == (numbers[k + 1] == 1)
            for k in range(len(r) - 1)
            if numbers[k + 1] is not None
        )
    }
    return fit if fit and len(fit) < len(readings) else None


def _restarts(rows: list[Indicator], numbers: list[int | None]) -> bool:
    """Does the grid number its rows afresh in each level-2 block? Some row numbered 1
    follows a row of another known label, and none follows a row of its own label."""
    seen = False
    for k in range(1, len(rows)):
        a, b = _name(rows[k - 1], "level2"), _name(rows[k], "level2")
        if numbers[k] != 1 or a is None or b is None:
            continue
        if a == b:
            return False
        seen = True
    return seen


def _by_numbers(
    rows: list[Indicator],
    page_of: list[int],
    pages: list[PageLevels],
    open_rows: set[int],
) -> dict[int, str]:
    """Open rows' level-2 labels in a grid that numbers its rows afresh in each block (a row
    numbered 1 begins one): between two rows of known labels, when the rows numbered 1 from
    the first's next to the second are as many as the blocks beginning there (the labels
    printed from the one to the other, less the first), each block's first row is among
    them, and every row is the block's it follows. Only a label another page prints is
    given: one the row's own page prints, its reading weighed there and left open (the
    row's place may say otherwise, or its cells be run together with a row cut there)."""
    numbers = [_number(r) for r in rows]
    if not _restarts(rows, numbers):
        return {}
    known = [k for k, r in enumerate(rows) if _name(r, "level2")]
    out: dict[int, str] = {}
    for before, after in zip(known, known[1:], strict=False):
        span = range(before + 1, after)
        if not span or not all(id(rows[k]) in open_rows for k in span):
            continue
        a, b = _name(rows[before], "level2"), _name(rows[after], "level2")
        seq = _sequence(pages, "level2", page_of[before], page_of[after])
        if a == b or not seq or len(set(seq)) != len(seq) or a not in seq or b not in seq:
            continue
        names = seq[seq.index(a) : seq.index(b) + 1]
        firsts = [k for k in range(before + 1, after + 1) if numbers[k] == 1]
        if len(names) < 2 or len(firsts) != len(names) - 1:
            continue
        for k in span:
            name = names[sum(1 for f in firsts if f <= k)]
            if name not in (pages[page_of[k]].printed.get("level2") or []):
                out[k] = name
    return out


def _by_vocabulary(
    rows: list[Indicator],
    page_of: list[int],
    pages: list[PageLevels],
    open_rows: set[int],
    ordered: set[int],
    ordered2: set[int],
) -> None:
    """Open rows' level-1 labels by their level-2 names: the one printed level-1 label the
    vocabulary lets the name stand under (of the pages read), when that label is printed
    on another page than the row's (on its own page, the page's reading weighed it: a row
    it left open there stays open, unless the order gave its level-2 name, ``ordered2``,
    and every page's labels were read); a label the order gave (``ordered``) that the
    vocabulary does not let is dropped."""
    printed = {name for page in pages for name in page.printed.get("level1") or []}
    # (every page's level-1 labels read: each row's label is one of those printed)
    whole = all(page.printed.get("level1") is not None for page in pages)
    for r, n in zip(rows, page_of, strict=True):
        if id(r) not in open_rows or not _name(r, "level2"):
            continue
        parents = level1_parents(_name(r, "level2"))
        fits = {p for p in printed if _key(p) in parents}
        if not fits:
            continue
        name = _name(r, "level1")
        own = fits & set(pages[n].printed["level1"] or [])
        if name is None and len(fits) == 1 and (not own or (whole and id(r) in ordered2)):
            r.level1 = Cell(fits.pop())
        elif name is not None and id(r) in ordered and name not in fits:
            r.level1 = Cell(None)


def _vocabulary_lets(
    rows: list[Indicator], pages: list[PageLevels], got: dict[int, str]
) -> dict[int, str]:
    """Of the level-1 labels ``got`` gives rows (by index), those the vocabulary lets the
    row's level-2 name stand under, where it knows that name and a printed label bears one
    of its parents."""
    printed = {_key(name) for page in pages for name in page.printed.get("level1") or []}
    out = {}
    for k, name in got.items():
        level2 = _name(rows[k], "level2")
        parents = level1_parents(level2) if level2 else set()
        if not (parents & printed) or _key(name) in parents:
            out[k] = name
    return out


#: The level-1 names the vocabulary puts level-2 names under.
_PARENTS = frozenset(LEVEL2_PARENT.values()) | {p for ps in LEVEL2_ALSO_UNDER.values() for p in ps}


def by_parents(
    readings: set[tuple[str | None, ...]], level2: list[str | None]
) -> list[str | None] | None:
    """Each row's level-1 label by the page's readings of the column that the vocabulary
    lets (``parents_fit``), where they agree; None when it lets every reading or none."""
    fit = [r for r in readings if parents_fit(r, level2)]
    if not fit or len(fit) == len(readings):
        return None
    return [col[0] if len(set(col)) == 1 else None for col in zip(*fit, strict=True)]


def parents_fit(reading: tuple[str | None, ...], level2: list[str | None]) -> bool:
    """Can a level-1 reading stand with the rows' level-2 names? Each block (a run of rows
    of one label; rows under another page's label are one block before and one after) is
    one level-1 name, under which the vocabulary lets each known level-2 name of its rows
    stand (a label that names one, 产出指标(50分), is that one; one printing only its
    points, (50分), any), and two blocks one after another are two names."""
    blocks: list[tuple[str | None, frozenset[str] | None]] = []
    for name, l2 in zip(reading, level2, strict=True):
        parents = level1_parents(l2) or None  # (a name the vocabulary does not know: any)
        if not blocks or blocks[-1][0] != name:
            own = _key(name) if name is not None else None
            blocks.append((name, frozenset({own}) if own in _PARENTS else None))
        label, can = blocks[-1]
        if parents is not None:
            can = parents if can is None else can & parents
        blocks[-1] = (label, can)
    if any(can is not None and not can for _, can in blocks):
        return False
    return not any(
        a is not None and len(a) == 1 and a == b
        for (_, a), (_, b) in zip(blocks, blocks[1:], strict=False)
    )


#: How far (in lines) a label's middle may stand from its rows' middle in a grid whose
#: certain blocks all stand so: -layout rounds a centred label to the nearest line.
STRICT = 0.5
#: How much further (in lines) a merged label's middle may drift from its rows' for each
#: line its rows reach: -layout rounds each line's place, and the rounding adds up.
DRIFT = 1 / 8


@dataclass
class Centring:
    """How a grid's level labels stand on their rows in one column, as its pages show it:
    ``shown``, by a label's first and last line, the height of each certain block a page
    showed within ``STRICT`` of its rows' middle; ``off``, whether a certain block stood
    further off; ``held``: the tallest block the grid's pages showed so, to hold a page's
    labels to as to its own (None: the page's own blocks alone tell)."""

    shown: dict[tuple[int, int], int] = field(default_factory=dict)
    off: bool = False
    held: int | None = None


def grid_held(centrings: list[Centring]) -> int | None:
    """The tallest block a grid's pages show strictly centred, when two or more blocks do
    and no certain block stands off: the grid centres its labels so on every page."""
    if any(c.off for c in centrings):
        return None
    heights = [h for c in centrings for h in c.shown.values()]
    return max(heights) if len(heights) >= 2 else None


def strictly_centred(
    parts: list[list[int | None]],
    label_lines: list[tuple[int, int]],
    spans: list[tuple[int, int]],
    loose: tuple[bool, bool],
    centring: Centring | None = None,
) -> list[list[int | None]]:
    """Of a level column's readings (rows -> label index), those in which every label
    stands within ``STRICT`` of its rows' middle, when every label whose rows all readings
    agree on stands so (two of them at least over more than one line) and some reading
    fits; else all of them. A block taller than each of those may drift ``DRIFT`` further
    for each line it is taller. ``label_lines``: each label's first and last line; ``loose``:
    whether the page's first label may begin on the page before and its last go on past
    the page end (where those stand says nothing of their rows: they are not weighed).
    ``centring`` receives what the page shows and may hold it to the grid's other pages."""
    if not parts:
        return parts
    blocks = [blocks_of(part) for part in parts]

    def weighed(i: int, block: tuple[int, int]) -> bool:
        first = loose[0] and i == 0 and block[0] == 0
        last = loose[1] and i == len(label_lines) - 1 and block[1] == len(spans) - 1
        return not (first or last)

    def off(i: int, block: tuple[int, int]) -> float:
        (a, b), top, bottom = label_lines[i], spans[block[0]][0], spans[block[1]][1]
        return abs((a + b) / 2 - (top + bottom) / 2)

    certain = [
        (i, block)
        for i, block in blocks[0].items()
        if weighed(i, block) and all(other.get(i) == block for other in blocks[1:])
    ]
    # (a block over more than one line, or a label printed over more than one, shows how
    # the grid centres; a one-line label on a one-line row shows nothing)
    shown = [
        (i, b)
        for i, b in certain
        if spans[b[1]][1] > spans[b[0]][0] or label_lines[i][1] > label_lines[i][0]
    ]
    stood_off = any(off(i, b) > STRICT for i, b in certain)
    heights = [spans[b[1]][1] - spans[b[0]][0] for _, b in shown]
    held = None
    if centring is not None:
        centring.off = centring.off or stood_off
        if not stood_off:
            centring.shown.update(
                (label_lines[i], h) for (i, _), h in zip(shown, heights, strict=True)
            )
        held = centring.held
    if len(parts) < 2 or stood_off or (len(shown) < 2 and held is None):
        return parts
    # (a block taller than every one that shows it may drift further: by as much more as
    # ``centre_slack`` lets a block drift for each line more)
    tallest = max(heights + ([held] if held is not None else []))

    def fits(i: int, b: tuple[int, int]) -> bool:
        height = spans[b[1]][1] - spans[b[0]][0]
        return off(i, b) <= STRICT + max(0, height - tallest) * DRIFT

    kept = [
        part
        for part, got in zip(parts, blocks, strict=True)
        if all(fits(i, b) for i, b in got.items() if weighed(i, b))
    ]
    return kept or parts


def blocks_of(part: list[int | None]) -> dict[int, tuple[int, int]]:
    """Each label's first and last row in a reading."""
    out: dict[int, tuple[int, int]] = {}
    for k, i in enumerate(part):
        if i is not None:
            out[i] = (out[i][0], k) if i in out else (k, k)
    return out
