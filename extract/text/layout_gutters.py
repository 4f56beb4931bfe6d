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
"""

from __future__ import annotations

from typing import TypeVar

import regex

from selfeval.extract.text.layout_slabs import Lined
from selfeval.extract.text.web import is_number
from selfeval.extract.vocabulary import KNOWN_LEVEL_NAMES, label_key

#: Places between two texts that make a gutter (columns.py's own measure).
GUTTER = 3

T = TypeVar("T", bound=Lined)


def split_by_line_order(by_col: dict[str, list[T]], roles: list[str]) -> None:
    """Give each run of texts a gutter apart in one column's line to the columns its line's
    order leaves them (see the module's doc), in place. ``roles``: the columns' roles left
    to right."""
    rank = {role: k for k, role in enumerate(roles)}
    lines: dict[int, list[tuple[T, str]]] = {}
    for role, toks in by_col.items():
        if role in rank:
            for t in toks:
                lines.setdefault(t.line, []).append((t, role))
    names = by_col.get("level3", [])
    moves: list[tuple[T, str, str]] = []
    for no, placed in lines.items():
        placed.sort(key=lambda tr: tr[0].x0)
        near = [t for t in names if abs(t.line - no) <= _NAME_REACH]
        moves += _line_moves(placed, rank, roles, near)
    for t, old, new in moves:
        by_col[old] = [u for u in by_col[old] if u is not t]
        by_col.setdefault(new, []).append(t)


#: How many lines from a row's line its name's lines may stand (a name of up to five lines
#: centred on it).
_NAME_REACH = 2


def _line_moves(
    placed: list[tuple[T, str]], rank: dict[str, int], roles: list[str], near: list[T]
) -> list[tuple[T, str, str]]:
    """(token, its column, the column it goes to) for one line's tokens in order; ``near``:
    the level-3 names' tokens a line or two from it."""
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
    return [(t, role, new) for (t, role), new in zip(middle, between, strict=True) if new != role]


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
    return gap >= GUTTER or (gap == 1 and bool(_CJK_GAP.search(a.text[-1] + " " + b.text[0])))


def _level_piece(text: str) -> bool:
    """Is the text a piece of a known level name (a label, not the row's name)?"""
    key = label_key(text)
    return bool(key) and any(key in name for name in KNOWN_LEVEL_NAMES)


#: One space between two Chinese characters (columns.py's measure of two cells' texts).
_CJK_GAP = regex.compile(r"(?<=[\p{Han}，。、；：（）《》“”])\s(?=[\p{Han}，。、；：（）《》“”])")
