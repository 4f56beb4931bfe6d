"""A -layout page that prints no grid header, read by the order of its cells' text blocks.

pdftotext lays out each page on its own and places each cell's text block at offsets of its
own, so a column can stand at different places on different lines of one page; what holds is
the order on each line (a row prints its level labels, the indicator's name, the target, the
actual value, the 分值 and 得分, the deviation, left to right) and a cell's lines, which stand
one under the other, overlapping.

Blocks. The page's text is cut into blocks, each one column's text: tokens on neighbouring
lines that overlap by half the shorter one's width, or so two lines apart with nothing over
their places on the line between (a cell's lines around its row's line of numbers); pieces of
level names two lines apart that overlap at all; single characters stacked at one place up to
three lines apart (a name printed a character a line; spelling a piece of the group name, 绩 /
效 / 指 / 标, and no level's name, they are of no column and left out). A block holding two
tokens on one line bridges two columns: its text goes to no column (but a lone character one
space before the rest of its line, which the tokens cut off as a stacked label's). A token a few places wider
than each other token of its block, which has lines both above and below it, may hold the next column's text one space on:
it goes to no column, and the blocks are cut without it; cut at its single spaces instead, it
is taken in parts when each part then goes to a column for certain, rising left to right.

Runs. pdftotext prints each run of text (a line of a block) at a place that never falls as
the run's start on the page moves right (poppler's column assignment), and a run's words one
space apart whatever the room between them. So the tokens that start a run (two spaces or
more before them) keep the page's order: a block with a run starting left of one of another
block's runs stands in that block's column or left of it. A token one space after another
stood right of where it is printed: it joins no block by overlapping a run's start left of
it. A block still in doubt goes where its runs tell (``_by_runs``): a run's start where two
or more certain runs of one column start, or one space after a token of a known column
into the next text column, when that column is wider than words of one run stand apart.

Kinds. A block may go only where its kind allows: numbers only (no more than two of them from
it to the line's end, a rate none) to 分值 or 得分; slashes or dashes only (an empty cell) to
any column but the level ones; text that joins into names of one level only (its points aside)
to that level's column, into names of either level to a level column; other pieces of level
names to a level column or a text column; other text to a text column but the level ones.

Order. On each line the blocks' columns rise left to right, and so they do between two blocks
whose runs of lines overlap, one wholly left of the other with a space between (their lines
interleave, as a row's cells' do; touching, they may be one cell's lines set apart), or so
over the lines both run through (``layout_places``). Of all ways to give every block a column so, the lowest and the highest are taken
(every way lies between them): a block they give one column goes there; one they do not is in
doubt and goes to no column (the rows it touches are then declined). Anything that fits no way
at all: no reading. A block left between the two level columns (成本指标, a name of either
level, alone on its lines) goes to the one whose placed blocks' places it overlaps, when it
overlaps those of no block placed in the other: the level columns stand leftmost, where no
text to their left pushes them about; then the page is read again so. A text block still in
doubt goes to the one column the order allows whose certain blocks' places it takes, when it
takes no other column's (``layout_places``), and the page is read again so; an overhanging
token that holds no space (one text) goes so too, among the columns between the certain
tokens beside it on its line (holding spaces, where those leave it one column; with none
on a side, any text column there, when it is no number or level label's piece).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Generic, TypeVar

from selfeval.extract.text.layout_bands import Placed
from selfeval.extract.text.layout_places import (
    columns_by_place,
    cut_at_gaps,
    cuts_in_doubt,
    left_where_both,
)
from selfeval.extract.text.layout_slabs import Lined, band_level, joins_into, names_key
from selfeval.extract.text.layout_starts import column_by_start
from selfeval.extract.text.web import is_number
from selfeval.extract.vocabulary import GRID_GROUP_NAMES, KNOWN_LEVEL_NAMES

T = TypeVar("T", bound=Lined)

_LEVELS = ("level1", "level2")
_NUMBERS = ("weight", "score")
_LEVEL_NAMES = frozenset(KNOWN_LEVEL_NAMES)


@dataclass
class OrderReading(Generic[T]):
    """A headerless page's tokens by column role, and those in doubt."""

    by_role: dict[str, list[T]] = field(default_factory=dict)
    unsure: list[T] = field(default_factory=list)


def blocks(
    toks: list[T], level_piece: Callable[[str], bool], glued: set[int] | None = None
) -> list[list[T]]:
    """Tokens on neighbouring lines overlapping by half the shorter one's width, or two
    lines apart so with nothing over their places on the line between (a cell's lines
    around its row's line of numbers: 央企应用场景推 / 进), pieces of level names two lines
    apart overlapping at all (服务对象 / 满意度指 / 标), and single characters at one place up
    to three lines apart (a name stacked a character a line), joined (directly or through
    others): one block each, top to bottom."""
    parent = list(range(len(toks)))

    def root(k: int) -> int:
        while parent[k] != k:
            parent[k] = parent[parent[k]]
            k = parent[k]
        return k

    by_line: dict[int, list[int]] = {}
    for k, t in enumerate(toks):
        by_line.setdefault(t.line, []).append(k)
    piece = [level_piece(t.text) and not is_number(t.text) for t in toks]
    for k, t in enumerate(toks):
        for j in by_line.get(t.line + 3, []):
            if len(t.text) == len(toks[j].text) == 1 and abs(t.x0 - toks[j].x0) <= 1:
                parent[root(j)] = root(k)
        for j in by_line.get(t.line + 1, []) + by_line.get(t.line + 2, []):
            u = toks[j]
            overlap = min(t.x1, u.x1) - max(t.x0, u.x0)
            half = 2 * overlap >= min(t.x1 - t.x0, u.x1 - u.x0) > 0
            if len(t.text) == len(u.text) == 1 and abs(t.x0 - u.x0) <= 1:
                half = True
            if glued is not None and _shifted_over(t, u, glued):
                continue
            if (piece[k] and piece[j] and overlap > 0) or (
                half and (u.line == t.line + 1 or not _between(toks, by_line, t, u))
            ):
                parent[root(j)] = root(k)
    groups: dict[int, list[T]] = {}
    for k, t in enumerate(toks):
        groups.setdefault(root(k), []).append(t)
    return sorted(groups.values(), key=lambda b: min((t.line, t.x0) for t in b))


def _shifted_over(t: Placed, u: Placed, glued: set[int]) -> bool:
    """Does one of the two tokens stand one space after the text before it on its line (a
    word of a run, set there whatever the room on the page: its text stands at that place
    or right of it) over the other, a run's start left of it? Their places overlapping then
    tell nothing."""
    return (id(t) in glued and id(u) not in glued and u.x0 < t.x0) or (
        id(u) in glued and id(t) not in glued and t.x0 < u.x0
    )


def _between(toks: list[T], by_line: dict[int, list[int]], t: T, u: T) -> bool:
    """Does the line between ``t`` and ``u`` (two lines apart) hold text over their places?"""
    x0, x1 = min(t.x0, u.x0), max(t.x1, u.x1)
    return any(toks[j].x0 < x1 and x0 < toks[j].x1 for j in by_line.get(t.line + 1, []))


def _one_text(left: Placed, right: Placed) -> bool:
    """Two tokens of one block side by side on a line that are one text: a lone character
    one space before the rest (a wrapped cell's line starting 院 502 所, cut as a stacked
    label's character would be)."""
    return len(left.text) == 1 and right.x0 == left.x1 + 1


def _group_name(block: list[T]) -> bool:
    """Is the block a group name stacked a character a line down the grid's edge (绩 / 效 /
    指 / 标), of no column? Its characters spell a piece of one, and no level's name."""
    joined = "".join(t.text for t in sorted(block, key=lambda t: t.line))
    return (
        len(block) > 1
        and all(len(t.text) == 1 for t in block)
        and any(joined in name for name in GRID_GROUP_NAMES)
        and band_level(block) is None
    )


def _overhanging(block: list[T]) -> list[T]:
    """The block's tokens wider by ``_OVERHANG`` places than each of its other tokens, with
    some of them within two lines above and some within two below: a cell's lines are no
    wider than the cell, so such a token may hold the next column's text one space on
    (应用场景项 2021年12月全部完)."""
    out = []
    for t in block:
        others = [u.x1 - u.x0 for u in block if u is not t]
        above = any(0 < t.line - u.line <= 2 for u in block)
        below = any(0 < u.line - t.line <= 2 for u in block)
        if above and below and t.x1 - t.x0 - max(others) >= _OVERHANG:
            out.append(t)
    return out


#: How much wider than each of its block's other lines a line must be to be in doubt.
_OVERHANG = 3


def _domain(
    block: list[T], roles: list[str], level_piece: Callable[[str], bool], few_numbers: bool
) -> set[int]:
    """The columns (indexes into ``roles``) a block's kind allows."""
    texts = [k for k, r in enumerate(roles) if r not in _LEVELS and r not in _NUMBERS]
    if all(t.text in _EMPTY for t in block):
        return {k for k, r in enumerate(roles) if r not in _LEVELS}
    if all(_points(t.text) for t in block):
        return {k for k, r in enumerate(roles) if r in _NUMBERS} if few_numbers else set(texts)
    level = band_level(block)
    if level is not None:
        return {roles.index(level)} if level in roles else set()
    levels = {k for k, r in enumerate(roles) if r in _LEVELS}
    if joins_into(names_key(block), _LEVEL_NAMES):
        return levels  # (a name of either level: 满意度指标)
    if all(level_piece(t.text) for t in block):
        return {k for k, r in enumerate(roles) if r in _LEVELS} | set(texts)
    return set(texts)


def _points(text: str) -> bool:
    """Could the text be a 分值 or 得分? A number, not a rate (97%: a target's or a value's)."""
    return is_number(text) and "%" not in text and "％" not in text


#: What a cell prints for nothing (a slash, a dash): in any column but a level's.
_EMPTY = frozenset({"-", "—", "－", "/", "／", "——"})


def by_order(
    toks: list[T],
    roles: list[str],
    level_piece: Callable[[str], bool],
    piece: Callable[[T, str, int], T] | None = None,
) -> OrderReading[T] | None:
    """A headerless page's tokens by column role, block by block as the module's doc says;
    None when no way fits. ``roles``: the header's column roles in order; ``piece`` makes a
    token of a part of one (its text and first place), to try the overhanging tokens cut
    at their single spaces (see ``_with_overhangs_cut``)."""
    if not toks:
        return OrderReading()
    if piece is not None:  # (two cells' texts one space apart across a gap: layout_places)
        toks = cut_at_gaps(toks, blocks(toks, level_piece), piece)
    wide = {id(t) for block in blocks(toks, level_piece) for t in _overhanging(block)}
    whole = _by_order(toks, wide, roles, level_piece)
    if whole is None or piece is None or not whole.unsure:
        return whole
    got = _with_overhangs_cut(toks, wide, roles, level_piece, piece) or whole
    return _with_doubt_cut(got, wide, roles, level_piece, piece)


def _with_doubt_cut(
    got: OrderReading[T],
    wide: set[int],
    roles: list[str],
    level_piece: Callable[[str], bool],
    piece: Callable[[T, str, int], T],
) -> OrderReading[T]:
    """The page read again with the tokens it leaves in doubt that hold cells' texts one
    space apart cut into them (``layout_places.cuts_in_doubt``)."""
    page = sorted(
        [t for ts in got.by_role.values() for t in ts] + got.unsure, key=lambda t: (t.line, t.x0)
    )

    def reading(cut: dict[int, list[T]]) -> OrderReading[T] | None:
        new = [p for t in page for p in cut.get(id(t), [t])]
        return _by_order(new, wide - set(cut), roles, level_piece)

    def certain(cut: dict[int, list[T]]) -> list[tuple[T, int]] | None:
        read = reading(cut)
        if read is None:
            return None
        return [(t, roles.index(r)) for r, ts in read.by_role.items() for t in ts]

    cut = cuts_in_doubt(page, got.unsure, piece, certain)
    return (reading(cut) if cut else None) or got


def _with_overhangs_cut(
    toks: list[T],
    wide: set[int],
    roles: list[str],
    level_piece: Callable[[str], bool],
    piece: Callable[[T, str, int], T],
) -> OrderReading[T] | None:
    """The page read again with each overhanging token that holds single spaces cut there
    into its parts (重点领域央企科技 2021年第二季度完成40%，: a name and the next column's
    target one space on), taken only when every part of every cut token goes to a column
    for certain, the parts' columns rising left to right: the one reading in which each
    part is a cell's text. A token of one cell's text, cut, leaves a part in its own
    block (in doubt) or in no order, and the page is read whole."""
    cut: dict[int, list[T]] = {}
    for t in toks:
        if id(t) in wide and (parts := _single_space_parts(t, piece)):
            cut[id(t)] = parts
    if not cut:
        return None
    new = [p for t in toks for p in cut.get(id(t), [t])]
    left = {id(t) for t in toks if id(t) in wide and id(t) not in cut}
    got = _by_order(new, left, roles, level_piece)
    if got is None:
        return None
    role_of = {id(t): r for r, ts in got.by_role.items() for t in ts}
    for parts in cut.values():
        if any(id(p) not in role_of for p in parts):
            return None
        places = [roles.index(role_of[id(p)]) for p in parts]
        if any(b <= a for a, b in zip(places, places[1:], strict=False)):
            return None
    return got


def _single_space_parts(t: T, piece: Callable[[T, str, int], T]) -> list[T]:
    """The token's parts between its single spaces (none when it holds none)."""
    parts: list[T] = []
    start = 0
    for k, c in enumerate(t.text + " "):
        if c == " ":
            if k > start:
                parts.append(piece(t, t.text[start:k], t.x0 + start))
            start = k + 1
    return parts if len(parts) > 1 else []


def _by_order(
    toks: list[T], wide: set[int], roles: list[str], level_piece: Callable[[str], bool]
) -> OrderReading[T] | None:
    """``by_order`` with the tokens of ``wide`` in doubt."""
    starts, glued = _line_starts(toks)
    toks, doubt = [t for t in toks if id(t) not in wide], [t for t in toks if id(t) in wide]
    held = [b for b in blocks(toks, level_piece, glued) if not _group_name(b)]
    of = {id(t): b for b, block in enumerate(held) for t in block}
    toks = [t for t in toks if id(t) in of]
    lines: dict[int, list[T]] = {}
    for t in toks:
        lines.setdefault(t.line, []).append(t)
    split: set[int] = set()
    before: list[set[int]] = [set() for _ in held]  # blocks left of each on some line
    many_numbers: set[int] = set()
    for row in lines.values():
        row.sort(key=lambda t: t.x0)
        ids = [of[id(t)] for t in row]
        for k in range(1, len(row)):
            if ids[k - 1] == ids[k] and not _one_text(row[k - 1], row[k]):
                split.add(ids[k])
        numbers = 0
        for t, b in zip(reversed(row), reversed(ids), strict=True):
            numbers += _points(t.text)
            if numbers > 2:
                many_numbers.add(b)
        for a, b in zip(ids, ids[1:], strict=False):
            if a != b:
                before[b].add(a)
    _side_by_side(held, before)
    live = [b for b in range(len(held)) if b not in split]
    domains = {b: _domain(held[b], roles, level_piece, b not in many_numbers) for b in live}
    not_right: list[set[int]] | None = _by_starts(held, live, starts)
    if _extreme(live, before, domains, lowest=True, not_right=not_right) is None:
        not_right = None  # (runs of several of poppler's blocks need not keep the order)
    levels = {k for k, r in enumerate(roles) if r in _LEVELS}
    while True:
        low = _extreme(live, before, domains, lowest=True, not_right=not_right)
        high = _extreme(live, before, domains, lowest=False, not_right=not_right)
        if low is None or high is None:
            return None
        placed = {b: low[b] for b in live if low[b] == high[b] and low[b] in levels}
        either = [b for b in live if low[b] != high[b] and domains[b] <= levels]
        told = _level_by_place(held, either, placed)
        if not told:
            break
        for b, k in told.items():
            domains[b] = {k}
    low, high = _by_place(held, live, before, domains, roles, (low, high), not_right)
    certain = {b: low[b] for b in live if low[b] == high[b]}
    told = _wide_by_place(doubt, held, certain, roles, level_piece)
    open_blocks = [b for b in range(len(held)) if b in split or low[b] != high[b]]
    open_blocks = [b for b in open_blocks if b in domains]
    wide_left = [t for t in doubt if id(t) not in told]
    by_run = _by_runs(
        [held[b] for b in open_blocks] + [[t] for t in wide_left],
        [domains[b] for b in open_blocks]
        + [_domain([t], roles, level_piece, True) for t in wide_left],
        [(t, k) for b, k in certain.items() for t in held[b]]
        + [(t, c) for t in doubt if (c := told.get(id(t))) is not None],
        starts,
        glued,
        roles,
    )
    told |= {id(t): c for t in wide_left if (c := by_run.get(id(t))) is not None}
    out: OrderReading[T] = OrderReading(unsure=[t for t in doubt if id(t) not in told])
    for t in doubt:
        if id(t) in told:
            out.by_role.setdefault(roles[told[id(t)]], []).append(t)
    for b in range(len(held)):
        if (b in split or low[b] != high[b]) and id(held[b][0]) not in by_run:
            out.unsure += held[b]
        else:
            k = by_run.get(id(held[b][0]), low[b])
            out.by_role.setdefault(roles[k], []).extend(held[b])
    return out


#: How far apart (in places) two words of one run of pdftotext's text may stand on the page
#: at most, in the worst font sizes it reports (a Type 3 font's inflated size): words one
#: space apart in its text stood no further apart than 1.5 times the font size.
_GLUE_REACH = 4


def _by_runs(
    open_blocks: list[list[T]],
    domains: list[set[int]],
    placed: list[tuple[T, int]],
    starts: set[int],
    glued: set[int],
    roles: list[str],
) -> dict[int, int]:
    """The column (by token id) of the tokens of each block in doubt that its tokens' runs
    tell, every token of the block the same one, its kind allowing it:

    - a token that starts a run (``_line_starts``) where two or more of the page's certain
      tokens start a run, all of one text column (no level's, 分值 or 得分: those have
      readings of their own), goes to that column: pdftotext sets a run's start at a place
      that never falls as the run moves right, and left-aligned cells' lines of one column
      start at one place; holding a space (two cells' texts one space apart?), only when it
      is no wider than the column's certain lines;
    - a token of one word one space after a token of a known column K goes to the next
      column, when that is a text column wider than ``_GLUE_REACH`` places: the words of one
      run stood that close on the page, and such a token is cut off at a space between two
      Chinese characters (``layout_tokens.tokens``), which no cell's text holds.

    Taken only where every line's columns still rise left to right."""
    numbers_or_levels = {k for k, r in enumerate(roles) if r in _NUMBERS or r in _LEVELS}
    at_start: dict[int, set[int]] = {}
    count: dict[int, int] = {}
    width: dict[int, int] = {}
    every = {id(t): t for block in open_blocks for t in block}
    col = {id(t): k for t, k in placed}
    certain_toks = [t for t, _ in placed]
    for t in certain_toks:
        k = col[id(t)]
        width[k] = max(width.get(k, 0), t.x1 - t.x0)
        if id(t) in starts:
            at_start.setdefault(t.x0, set()).add(k)
            count[t.x0] = count.get(t.x0, 0) + 1
    lines: dict[int, list[T]] = {}
    for t in certain_toks + list(every.values()):
        lines.setdefault(t.line, []).append(t)
    for row in lines.values():
        row.sort(key=lambda t: t.x0)
    verdict: dict[int, int] = {}
    for row in lines.values():  # (left to right: a run's words one after the other)
        for k, t in enumerate(row):
            if id(t) not in every:
                continue
            if id(t) in starts:
                ks = at_start.get(t.x0, set())
                if len(ks) == 1 and count[t.x0] >= 2 and not ks & numbers_or_levels:
                    one = next(iter(ks))
                    # (holding a space and wider than the column's lines: two cells?)
                    if " " not in t.text or t.x1 - t.x0 <= width.get(one, 0):
                        verdict[id(t)] = one
            elif id(t) in glued and " " not in t.text:
                left = col.get(id(row[k - 1]), verdict.get(id(row[k - 1])))
                if left is None or left + 1 >= len(roles) or left + 1 in numbers_or_levels:
                    continue
                if width.get(left + 1, 0) > _GLUE_REACH:
                    verdict[id(t)] = left + 1
    out: dict[int, int] = {}
    for block, domain in zip(open_blocks, domains, strict=True):
        told = {verdict.get(id(t)) for t in block}
        if len(told) == 1 and (c := told.pop()) is not None and c in domain:
            out |= {id(t): c for t in block}
    for row in lines.values():
        cols = [c for t in row if (c := out.get(id(t), col.get(id(t)))) is not None]
        if any(b <= a for a, b in zip(cols, cols[1:], strict=False)):
            for t in row:
                out.pop(id(t), None)
    # (a block some of whose tokens lost their column on a line out of order: all in doubt)
    for block in open_blocks:
        if any(id(t) not in out for t in block):
            for t in block:
                out.pop(id(t), None)
    return out


def _line_starts(toks: list[T]) -> tuple[set[int], set[int]]:
    """The tokens (by id) that start a run of pdftotext's text: first on their line, or two
    places or more after the token before them; and those one space after a token of more
    than one character (words of a run, set one space apart whatever the room between them
    on the page; after a lone character, one text cut as a stacked label's: neither)."""
    starts: set[int] = set()
    glued: set[int] = set()
    lines: dict[int, list[T]] = {}
    for t in toks:
        lines.setdefault(t.line, []).append(t)
    for row in lines.values():
        row.sort(key=lambda t: t.x0)
        for k, t in enumerate(row):
            if k == 0 or t.x0 - row[k - 1].x1 >= 2:
                starts.add(id(t))
            elif len(row[k - 1].text) > 1:
                glued.add(id(t))
    return starts, glued


def _by_starts(held: list[list[T]], live: list[int], starts: set[int]) -> list[set[int]]:
    """For each block, the blocks whose column is no further right than its own: pdftotext
    sets a run of text at a place that never falls as the run's start on the page moves
    right, so a block with a run starting left of one of this block's runs stands in this
    block's column or left of it."""
    firsts = {b: [t.x0 for t in held[b] if id(t) in starts] for b in live}
    lo = {b: min(xs) for b, xs in firsts.items() if xs}
    hi = {b: max(xs) for b, xs in firsts.items() if xs}
    out: list[set[int]] = [set() for _ in held]
    for b in hi:
        out[b] = {a for a in lo if a != b and lo[a] < hi[b]}
    return out


def _wide_by_place(
    wide: list[T],
    held: list[list[T]],
    certain: dict[int, int],
    roles: list[str],
    level_piece: Callable[[str], bool],
) -> dict[int, int]:
    """The column (by token id) of each overhanging token that holds no space (one text: no
    next column's text one space on), or whose line's order allows one column only (all its
    texts that column's: 划 2021 年 11 月 15, autospaced), and that the places of the page's
    certain blocks tell (``layout_places``) among the columns its line's order allows:
    those between the certain tokens nearest it on its line, left and right, none a 分值's,
    得分's or level label's (with no certain token on a side, a token of one text, no number
    or level label's piece, may be any text column there). Taken only where every line's
    columns still rise left to right."""
    col = {id(t): k for b, k in certain.items() for t in held[b]}
    lines: dict[int, list[T]] = {}
    for t in [t for b in certain for t in held[b]] + wide:
        lines.setdefault(t.line, []).append(t)
    others = {k for k, r in enumerate(roles) if r in _NUMBERS or r in _LEVELS}
    told: dict[int, int] = {}
    for t in wide:
        row = sorted(lines[t.line], key=lambda u: u.x0)
        at = row.index(t)
        left = [col[id(u)] for u in row[:at] if id(u) in col]
        right = [col[id(u)] for u in row[at + 1 :] if id(u) in col]
        if not left or not right:
            # (one text, no label's or number: any text column its one neighbour allows)
            if " " in t.text or is_number(t.text) or level_piece(t.text):
                continue
        texts = [k for k in range(len(roles)) if k not in others]
        lo, hi = left[-1] + 1 if left else min(texts), right[0] if right else max(texts) + 1
        allowed = set(range(lo, hi)) - (others if not left or not right else set())
        if " " in t.text and len(allowed) != 1:
            continue  # (texts of two cells one space apart? unless the line leaves one column)
        got = columns_by_place([*held, [t]], {len(held): allowed - others}, certain)
        if allowed and not allowed & others and got:
            told[id(t)] = got[len(held)]
        elif not allowed & others and (k := column_by_start(t, held, certain, allowed)) is not None:
            told[id(t)] = k  # (its end run on under the next column's places: layout_starts)
    for row in lines.values():
        ks = [told.get(id(u), col.get(id(u))) for u in sorted(row, key=lambda u: u.x0)]
        placed = [k for k in ks if k is not None]
        if any(b <= a for a, b in zip(placed, placed[1:], strict=False)):
            for u in row:
                told.pop(id(u), None)
    return told


def _by_place(
    held: list[list[T]],
    live: list[int],
    before: list[set[int]],
    domains: dict[int, set[int]],
    roles: list[str],
    reading: tuple[dict[int, int], dict[int, int]],
    not_right: list[set[int]] | None = None,
) -> tuple[dict[int, int], dict[int, int]]:
    """The lowest and highest readings with the blocks in doubt that the places of the
    page's certain blocks tell placed so (``layout_places``), while the order still holds."""
    # (a number in doubt between 分值 and 得分 is no text: placed, it would anchor a row;
    # a label's piece between the level columns is the level readings' to tell)
    others = {k for k, r in enumerate(roles) if r in _NUMBERS or r in _LEVELS}
    low, high = reading
    while True:
        certain = {b: low[b] for b in live if low[b] == high[b]}
        allowed = {
            b: {k for k in domains[b] if low[b] <= k <= high[b]} for b in live if low[b] != high[b]
        }
        doubt = {b: ks for b, ks in allowed.items() if not ks & others}
        told = columns_by_place(held, doubt, certain)
        if not told:
            return low, high
        narrowed = {**domains, **{b: {k} for b, k in told.items()}}
        new_low = _extreme(live, before, narrowed, lowest=True, not_right=not_right)
        new_high = _extreme(live, before, narrowed, lowest=False, not_right=not_right)
        if new_low is None or new_high is None:
            return low, high
        domains.update(narrowed)
        low, high = new_low, new_high


def _level_by_place(
    held: list[list[T]], either: list[int], placed: dict[int, int]
) -> dict[int, int]:
    """The level column of each block that may go to either (``either``) whose places
    overlap those of blocks placed in that level column, and of none placed in the other:
    the level columns stand leftmost, where no text to their left pushes them about."""
    out = {}
    for b in either:
        x0, x1 = min(t.x0 for t in held[b]), max(t.x1 for t in held[b])
        over = {k for a, k in placed.items() if any(t.x0 < x1 and x0 < t.x1 for t in held[a])}
        if len(over) == 1:
            out[b] = over.pop()
    return out


def _extreme(
    live: list[int],
    before: list[set[int]],
    domains: dict[int, set[int]],
    *,
    lowest: bool,
    not_right: list[set[int]] | None = None,
) -> dict[int, int] | None:
    """The lowest (or highest) column of each block such that every block's column lies
    above those of the blocks left of it (``before``) and no lower than those of the blocks
    ``not_right`` of it; None when some block has none left (blocks in no order). A block
    in doubt (``split``) is left out, and does not order the others. The least (greatest)
    fixpoint: every way to place the blocks so lies between the two."""
    alive = set(live)
    edges = [(a, b, 1) for b in live for a in before[b] if a in alive]
    if not_right is not None:
        edges += [(a, b, 0) for b in live for a in not_right[b] if a in alive and a != b]
    out = {b: (min if lowest else max)(domains[b]) if domains[b] else None for b in live}
    if any(v is None for v in out.values()):
        return None
    got: dict[int, int] = {b: v for b, v in out.items() if v is not None}
    changed = True
    while changed:
        changed = False
        for a, b, gap in edges:
            if lowest and got[b] < got[a] + gap:
                fit = [k for k in domains[b] if k >= got[a] + gap]
                if not fit:
                    return None
                got[b], changed = min(fit), True
            elif not lowest and got[a] > got[b] - gap:
                fit = [k for k in domains[a] if k <= got[b] - gap]
                if not fit:
                    return None
                got[a], changed = max(fit), True
    return got


def _side_by_side(held: list[list[T]], before: list[set[int]]) -> None:
    """Blocks whose runs of lines overlap, one wholly left of the other with a space
    between (over all their lines, or over those both run through): the left one's column
    comes first (their lines interleave, as two cells' of one row do; a cell's lines set
    apart on a line compacted may touch)."""
    spans = [
        (min(t.line for t in b), max(t.line for t in b), min(t.x0 for t in b), max(t.x1 for t in b))
        for b in held
    ]
    for i, (top, bottom, _, right) in enumerate(spans):
        for j, (top2, bottom2, left2, _) in enumerate(spans):
            if i != j and top <= bottom2 and top2 <= bottom:
                if right < left2 or left_where_both(held[i], held[j]):
                    before[j].add(i)
