"""Two texts a gutter apart on one line of one -layout column: two cells, told by their line.

A cell's own line never holds two texts a gutter apart, so such texts are two cells' (the
actual value 达成预期指标 drawn into the target's column after 合规: pdftotext sets a line's
text by its own spacing, and a long run of Chinese characters pulls the rest of its line
left). Which cells is certain only by the line's order: the texts lie between the row's
name and its 分值 (the 得分 right after it: the line's numbers stand in their own columns), and
when exactly as many columns stand between those two as there are texts, the texts are those
columns', left to right. The name bounds them on its line, or, where the line holds no name
and only level labels before the texts, by its lines around the row's line that all end
before the texts start (a cell's lines overlap one another: the texts are none of the
name's). Anything else stays in doubt (the row is declined with its note).
"""

from __future__ import annotations

from typing import TypeVar

from selfeval.extract.text.layout_slabs import Lined
from selfeval.extract.text.web import is_number

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
    moves: list[tuple[T, str, str]] = []
    k = 0
    while k < len(placed):
        role = placed[k][1]
        end = k + 1
        while end < len(placed) and placed[end][1] == role:
            end += 1
        run = [t for t, _ in placed[k:end]]
        apart = all(b.x0 - a.x1 >= GUTTER for a, b in zip(run, run[1:], strict=False))
        if len(run) > 1 and apart and _numbers_after(placed, end):
            between = roles[_left_bound(placed, k, rank, near) + 1 : rank["weight"]]
            if len(between) == len(run) and role in between:
                moves += [
                    (t, role, new) for t, new in zip(run, between, strict=True) if new != role
                ]
        k = end
    return moves


def _numbers_after(placed: list[tuple[T, str]], end: int) -> bool:
    """Does the run ending before ``end`` stand right before its row's 分值, the 得分 right
    after it? The line's own numbers hold it in place: a line whose numbers stand in other
    columns (the whole line drawn aside) bounds nothing."""
    return (
        end + 1 < len(placed)
        and placed[end][1] == "weight"
        and placed[end + 1][1] == "score"
        and is_number(placed[end][0].text)
        and is_number(placed[end + 1][0].text)
    )


def _left_bound(placed: list[tuple[T, str]], k: int, rank: dict[str, int], near: list[T]) -> int:
    """The column (rank) the run from ``k`` on lies right of for certain: its row's name's,
    when the name stands right before it on the line, or when its line holds no name and
    only level labels before the run while the names' lines around it all end a gutter
    before the run starts (a cell's lines overlap one another, so the run is none of the
    name's); else -1 (no bound: every column before may be the run's)."""
    if k and placed[k - 1][1] == "level3":
        return rank["level3"]
    start = placed[k][0].x0
    levels = all(role in ("level1", "level2") for _, role in placed[:k])
    if near and levels and all(t.x1 < start for t in near):
        return rank["level3"]
    return -1
