"""Two texts a gutter apart on one line of one -layout column: two cells, told by their line.

A cell's own line never holds two texts a gutter apart (or one space apart between Chinese
characters), so such texts are two cells' (the actual value 达成预期指标 drawn into the
target's column after 合规: pdftotext sets a line's text by its own spacing, and a long run of
Chinese characters pulls the rest of its line left). Which cells is certain only by the
line's order: on the row's own line, every text between the row's name and its 分值 (the 得分
right after it: the line's numbers stand in their own columns) is one cell's, and when they
are exactly as many as the columns between the name's and the 分值's, they are those
columns', left to right. The name bounds them on its line (its first text, no level label's
piece, after level labels only), or, where the line holds no name and only level labels
before the texts, by its lines around the row's line that all end before the texts start (a
cell's lines overlap one another: the texts are none of the name's). Anything else stays in
doubt (the row is declined with its note).

The row's other lines are drawn as its own line is (法律援助案件质量: its target's lines
under the names' header, its actual value's under the target's): a cell's lines share their
left edge, so where every line next to the row's line, up to a line that shows none, starts
its texts right of the name at exactly the left edge of the row's line's first such text,
each such line's texts (no more than the columns there, each two cells' apart from the next)
are those columns', left to right. One shift fits all the row's lines, or none is taken.
"""

from __future__ import annotations

from typing import TypeVar

from selfeval.extract.text.layout_slabs import Lined
from selfeval.extract.text.layout_tokens import CJK_GAP
from selfeval.extract.text.web import is_number
from selfeval.extract.vocabulary import KNOWN_LEVEL_NAMES, label_key

#: Places between two texts that make a gutter (columns.py's own measure).
GUTTER = 3

T = TypeVar("T", bound=Lined)


def split_by_line_order(
    by_col: dict[str, list[T]], roles: list[str], unsure: list[T] | None = None
) -> None:
    """Give each run of texts a gutter apart in one column's line to the columns its line's
    order leaves them, and the row's other lines drawn alike (see the module's doc), in
    place. ``roles``: the columns' roles left to right; ``unsure``: the text no column
    took (what is placed leaves it)."""
    rank = {role: k for k, role in enumerate(roles)}
    lines: dict[int, list[tuple[T, str]]] = {}
    for role, toks in by_col.items():
        if role in rank:
            for t in toks:
                lines.setdefault(t.line, []).append((t, role))
    for t in unsure or []:
        lines.setdefault(t.line, []).append((t, ""))
    names = by_col.get("level3", [])
    moves: list[tuple[T, str, str]] = []
    for no, placed in lines.items():
        placed.sort(key=lambda tr: tr[0].x0)
        near = [t for t in names if abs(t.line - no) <= _NAME_REACH]
        told = _line_split(placed, rank, roles, near)
        if told:
            told += _drawn_alike(lines, no, told)
        moves += [(t, role, new) for t, role, new in told if new != role]
    for t, old, new in moves:
        if old:
            by_col[old] = [u for u in by_col[old] if u is not t]
        elif unsure is not None:
            unsure[:] = [u for u in unsure if u is not t]
        by_col.setdefault(new, []).append(t)


#: How many lines from a row's line its name's lines may stand (a name of up to five lines
#: centred on it).
_NAME_REACH = 2


def _line_split(
    placed: list[tuple[T, str]], rank: dict[str, int], roles: list[str], near: list[T]
) -> list[tuple[T, str, str]]:
    """(token, its column or "" when none took it, the column it goes to) for one line's
    texts between the row's name and its 分值, in order, when its order tells them; else
    none. ``near``: the level-3 names' tokens a line or two from it."""
    placed = [(t, role) for t, role in placed if role]
    w = next((k for k in range(len(placed) - 1) if _numbers_at(placed, k)), None)
    first = None if w is None else _after_name(placed[:w], near)
    if w is None or first is None:
        return []
    # (the name itself may hold the first text one space on: 法律援助案件质量 员过错导致的)
    pairs = zip(placed[max(first - 1, 0) : w], placed[max(first, 1) : w], strict=False)
    if not any(a[1] == b[1] and _two_cells(a[0], b[0]) for a, b in pairs):
        return []
    middle = placed[first:w]
    between = roles[rank["level3"] + 1 : rank["weight"]]
    if len(between) != len(middle):
        return []
    return [(t, role, new) for (t, role), new in zip(middle, between, strict=True)]


def _drawn_alike(
    lines: dict[int, list[tuple[T, str]]], no: int, told: list[tuple[T, str, str]]
) -> list[tuple[T, str, str]]:
    """The texts of the row's lines next to its line ``no`` (whose texts ``told`` places)
    drawn as that line is, placed by their order (see the module's doc); none unless every
    such line fits that one shift."""
    edge, end = told[0][0].x0, told[-1][0].x1
    columns = [new for _, _, new in told]
    out: list[tuple[T, str, str]] = []
    for step in (-1, 1):
        at = no + step
        while at in lines:
            placed = lines[at]
            if not any(t.x0 == edge for t, _ in placed) or any(
                role in _NUMBER_ROLES for _, role in placed
            ):
                break  # the row's lines end, or another row's line begins
            got = _alike_line(placed, edge, end, columns)
            if got is None:
                return []
            out += got
            at += step
    return out


def _alike_line(
    placed: list[tuple[T, str]], edge: int, end: int, columns: list[str]
) -> list[tuple[T, str, str]] | None:
    """One line's texts from ``edge`` to no further than ``end`` given to ``columns`` left
    to right, when they are no more than those, each two cells' apart from the next, text
    before them ends before ``edge`` and is level labels' or names' only, and nothing
    beyond them starts before ``end``; else None."""
    placed = sorted(placed, key=lambda tr: tr[0].x0)
    before = [(t, role) for t, role in placed if t.x0 < edge]
    texts = [(t, role) for t, role in placed if edge <= t.x0 < end]
    if any(t.x1 >= edge or role not in _NAME_ROLES for t, role in before):
        return None
    if not texts or len(texts) > len(columns) or texts[-1][0].x1 > end + _END_SLACK:
        return None
    if any(role in _NAME_ROLES[:2] for t, role in texts):
        return None
    if not all(_two_cells(a[0], b[0]) for a, b in zip(texts, texts[1:], strict=False)):
        return None
    return [(t, role, new) for (t, role), new in zip(texts, columns, strict=False)]


#: The columns of a row's own numbers.
_NUMBER_ROLES = ("weight", "score")

#: The roles whose text may stand left of the row's texts on its other lines.
_NAME_ROLES = ("level1", "level2", "level3")

#: How far past the row's line's last text another line's may end (lines of one cell wrap
#: at about one width, a place or two apart as their characters fall).
_END_SLACK = 2


def _numbers_at(placed: list[tuple[T, str]], k: int) -> bool:
    """Are the line's ``k``th and next tokens its row's 分值 and 得分? The line's own
    numbers in their own columns hold its texts in place: a line whose numbers stand in
    other columns (the whole line drawn aside) bounds nothing."""
    return (
        placed[k][1] == "weight"
        and placed[k + 1][1] == "score"
        and is_number(placed[k][0].text)
        and is_number(placed[k + 1][0].text)
    )


def _after_name(before: list[tuple[T, str]], near: list[T]) -> int | None:
    """Where the texts right of the row's name start among the tokens ``before`` its 分值:
    after its name's first token on the line, when only level labels stand before that and
    it is no level label's piece; or, where the line holds no name, after the level labels
    that start it, when the name's lines around the line all end before the next token
    starts (a cell's lines overlap one another: the texts are none of the name's); else
    None."""
    k = 0
    while k < len(before) and before[k][1] in ("level1", "level2"):
        k += 1
    if k == len(before):
        return None
    t, role = before[k]
    if role == "level3":
        return None if _level_piece(t.text) else k + 1
    if near and all(u.x1 < t.x0 for u in near) and all(r != "level3" for _, r in before):
        return k
    return None


def _two_cells(a: Lined, b: Lined) -> bool:
    """Two texts of one column side by side on a line that are two cells': a gutter apart,
    or one space apart between Chinese characters (a cell's own line never holds that)."""
    gap = b.x0 - a.x1
    return gap >= GUTTER or (gap == 1 and bool(CJK_GAP.search(a.text[-1] + " " + b.text[0])))


def _level_piece(text: str) -> bool:
    """Is the text a piece of a known level name (a label, not the row's name)?"""
    key = label_key(text)
    return bool(key) and any(key in name for name in KNOWN_LEVEL_NAMES)


#: One space between two Chinese characters (columns.py's measure of two cells' texts).
