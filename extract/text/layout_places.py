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

A token the page's reading leaves in doubt may hold two or more cells' texts one space apart
(a Noto CJK print: pdftotext joins words closer than its word gap into one line, printed
one space apart: 中俄技术交流活动 2021年10月前完成, 挑战，激发央企基础 3 2.5 定性指标). It is
cut where exactly one way of cutting it at its single spaces fits the page read again so:
each part goes to a column for certain, the columns rising left to right; each part is no
wider than its column's widest whole line on the page (a cell's line never is), and two
neighbouring parts joined are wider than that of either column (no one line of either
cell; a plain number is a cell's whole text, and a text beside it is another cell's only
when it is long and the two joined are wider than its column's lines: 19 人, ≥ 95,
502 所、华能清 stay whole); and each part joins on the lines next to it
only text already certain in its column (``cuts_in_doubt``). Two plain numbers one space
apart (8 8: a 分值 and its 得分) are tried wherever the page placed them; a plain number
before a text is not (502 所、华能清: one cell's text, autospaced).
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from itertools import combinations
from typing import TypeVar

import regex

from selfeval.extract.text.layout_bands import Placed
from selfeval.extract.text.layout_slabs import Lined
from selfeval.extract.text.layout_tokens import print_width
from selfeval.extract.vocabulary import PLAIN_NUMBER

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


def cuts_in_doubt(
    page: list[L],
    doubt: list[L],
    piece: Callable[[L, str, int], L],
    read: Callable[[dict[int, list[L]]], list[tuple[L, int]] | None],
) -> dict[int, list[L]]:
    """The tokens in doubt (``doubt``, of the page's tokens ``page``) that hold two or more
    cells' texts one space apart (中俄技术交流活动 2021年10月前完成: pdftotext joins words
    closer than its word gap into one line, printed one space apart), and those of the
    page's tokens that hold plain numbers only, one space apart, wherever the page placed
    them (8 8: a cell holds one number), each with the parts it is cut into (by token id). ``read`` reads the page with some tokens cut (token id ->
    its parts) and gives its certain tokens with their columns (indexes into the header's
    columns), or None when no reading fits.

    A token is cut where, of all ways of cutting it at some of its single spaces (at most
    ``_MOST_SPACES``), exactly one fits the page read with it alone cut (``_cut_fits``),
    and each part joins on the lines next to it (overlapping by half the shorter one's
    width, as a block's lines do) only text that the page read whole already gives that
    part's column for certain: a part's place is where pdftotext printed it after the text
    before it, which may lie under another cell's lines (a target's last line 召开 under the
    actual value cut off its line), so it tells no column by itself. Two tokens whose cuts
    do not fit together (the page read with both cut) are both left whole; the rest are cut
    together (or none, when those do not fit), and the tokens still in doubt are tried
    again with those cut, until no more is cut."""
    ids = {id(t) for t in doubt}
    doubt = [t for t in page if (id(t) in ids and " " in t.text) or _NUMBERS_RUN.match(t.text)]
    taken: dict[int, list[L]] = {}
    while True:
        more = _cuts_alone(page, [t for t in doubt if id(t) not in taken], taken, piece, read)
        if not more:
            return taken
        trial = {**taken, **more}
        got = read(trial)
        if got is None or not all(_cut_fits(ps, got, trial) for ps in trial.values()):
            return taken
        taken = trial


def _cuts_alone(
    page: list[L],
    doubt: list[L],
    taken: dict[int, list[L]],
    piece: Callable[[L, str, int], L],
    read: Callable[[dict[int, list[L]]], list[tuple[L, int]] | None],
) -> dict[int, list[L]]:
    """The cuts of the tokens ``doubt`` that fit each alone with the cuts ``taken``, as
    ``cuts_in_doubt`` says, less those of any two that do not fit together."""
    base = read(taken)
    if base is None:
        return {}
    sure = {id(u): k for u, k in base}
    alone: dict[int, list[L]] = {}
    for t in sorted(doubt, key=lambda u: (u.line, u.x0)):
        spaces = [k for k, c in enumerate(t.text) if c == " "]
        if not spaces or len(spaces) > _MOST_SPACES:
            continue
        fits = []
        for n in range(1, len(spaces) + 1):
            for at in combinations(spaces, n):
                parts = _parts_at(t, at, piece)
                trial = {**taken, id(t): parts}
                got = read(trial)
                if got is not None and all(_cut_fits(ps, got, trial) for ps in trial.values()):
                    fits.append((parts, got))
        if len(fits) == 1 and _joins_sure(fits[0][0], fits[0][1], page, sure):
            alone[id(t)] = fits[0][0]
    clash: set[int] = set()
    for a, b in combinations(alone, 2):
        pair = {**taken, a: alone[a], b: alone[b]}
        got = read(pair)
        if got is None or not all(_cut_fits(ps, got, pair) for ps in pair.values()):
            clash |= {a, b}
    return {k: ps for k, ps in alone.items() if k not in clash}


def _joins_sure(
    parts: list[L], got: list[tuple[L, int]], page: list[L], sure: dict[int, int]
) -> bool:
    """Does each part join on the lines next to it only text the page read whole gives
    the part's column for certain?"""
    column = {id(u): k for u, k in got}
    for p in parts:
        for u in page:
            if abs(u.line - p.line) != 1:
                continue
            overlap = min(p.x1, u.x1) - max(p.x0, u.x0)
            if (
                2 * overlap >= min(p.x1 - p.x0, u.x1 - u.x0) > 0
                and sure.get(id(u)) != column[id(p)]
            ):
                return False
    return True


#: The most single spaces a token in doubt may hold to be cut (three cells' texts and a
#: space inside one of them; more, and too many ways to cut it fit by chance).
_MOST_SPACES = 3


def _parts_at(t: L, at: tuple[int, ...], piece: Callable[[L, str, int], L]) -> list[L]:
    """The token cut at the spaces at offsets ``at`` of its text (pdftotext prints the
    words of one line one after the other, each part at its offset)."""
    bounds = [-1, *at, len(t.text)]
    return [piece(t, t.text[a + 1 : b], t.x0 + a + 1) for a, b in itertools.pairwise(bounds)]


def _cut_fits(parts: list[L], got: list[tuple[L, int]], cut: dict[int, list[L]]) -> bool:
    """Does a token's cut fit the page read so (``got``: its certain tokens and their
    columns)? Every part goes to a column for certain, the columns rising left to right (a
    line's cells stand in the header's order); each part is no wider than the widest line
    of its column the page prints whole (its cells' wrap width: a cell's line is never
    wider), and two neighbouring parts joined with their space are wider than that of
    either's column (so they are no one line of either cell). A column that prints no
    certain line of its own besides the parts tells no width, and nothing is cut into it.
    A plain number never wraps and is a cell's whole text: it has no width to fit, and
    beside another number it is another cell; after a text, that text is no sign of it
    (≥ 95: one cell) but ``_LONG_TEXT`` characters or more; before a text, that text is
    no unit of it (19 人) but as long, and the two joined are wider than the text's
    column's lines (502 所、华能清, autospaced, is one line of one cell). A part that
    holds two numbers, or a text so long and a number after it, one space apart
    (``_numbers_apart``: 12月底完成 1) fits no column."""
    column = {id(u): k for u, k in got}
    if any(id(p) not in column for p in parts):
        return False
    ks = [column[id(p)] for p in parts]
    if any(b <= a for a, b in itertools.pairwise(ks)):
        return False
    own = {id(p) for ps in cut.values() for p in ps}
    wrap: dict[int, int] = {}
    for u, k in got:
        if id(u) not in own and " " not in u.text:
            wrap[k] = max(wrap.get(k, 0), print_width(u.text))
    placed = list(zip(parts, ks, strict=True))
    if any(
        not _PLAIN_NUMBER.fullmatch(p.text) and (k not in wrap or print_width(p.text) > wrap[k])
        for p, k in placed
    ):
        return False
    if any(_numbers_apart(p.text) for p in parts):
        return False
    return all(_apart(a, j, b, k, wrap) for (a, j), (b, k) in itertools.pairwise(placed))


def _numbers_apart(text: str) -> bool:
    """Does a part still hold two cells' texts by its numbers: two plain numbers, or a text
    of ``_LONG_TEXT`` characters or more and a plain number after it, one space apart
    (12月底完成 1; a number before a text may be autospaced: 1000 家次以上)?"""
    words = text.split(" ")
    for a, b in itertools.pairwise(words):
        number = _PLAIN_NUMBER.fullmatch(b)
        if number and (_PLAIN_NUMBER.fullmatch(a) or len(a) >= _LONG_TEXT):
            return True
    return False


def _apart(a: L, j: int, b: L, k: int, wrap: dict[int, int]) -> bool:
    """Are two neighbouring parts (in columns ``j`` and ``k``) no one cell's text?"""
    numbers = [bool(_PLAIN_NUMBER.fullmatch(p.text)) for p in (a, b)]
    joined = print_width(a.text) + 1 + print_width(b.text)
    if all(numbers):
        return True
    if numbers[1]:
        return len(a.text) >= _LONG_TEXT  # (a cell's text ends in no bare number)
    if numbers[0]:
        return len(b.text) >= _LONG_TEXT and joined > wrap[k]
    return joined > max(wrap[j], wrap[k])


_PLAIN_NUMBER = regex.compile(PLAIN_NUMBER)
_NUMBERS_RUN = regex.compile(r"^\d+(?:\.\d+)?(?: \d+(?:\.\d+)?)+$")

#: How many characters a text beside a number must hold to be no unit or sign of it.
_LONG_TEXT = 4
