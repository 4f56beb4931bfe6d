"""Two texts a gutter apart on one line of one -layout column: two cells, told by their line.

A cell's own line never holds two texts a gutter apart, so such texts are two cells' (the
actual value 达成预期指标 drawn into the target's column after 合规: pdftotext sets a line's
text by its own spacing, and a long run of Chinese characters pulls the rest of its line
left). Which cells is certain only by the line's order: the texts lie between the nearest
texts of other columns on their line, left and right (the row's name and its 分值), and when
exactly as many columns stand between those two as there are texts, the texts are those
columns', left to right. Anything else stays in doubt (the row is declined with its note).
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
    moves: list[tuple[T, str, str]] = []
    for placed in lines.values():
        placed.sort(key=lambda tr: tr[0].x0)
        moves += _line_moves(placed, rank, roles)
    for t, old, new in moves:
        by_col[old] = [u for u in by_col[old] if u is not t]
        by_col.setdefault(new, []).append(t)


def _line_moves(
    placed: list[tuple[T, str]], rank: dict[str, int], roles: list[str]
) -> list[tuple[T, str, str]]:
    """(token, its column, the column it goes to) for one line's tokens in order."""
    moves: list[tuple[T, str, str]] = []
    k = 0
    while k < len(placed):
        role = placed[k][1]
        end = k + 1
        while end < len(placed) and placed[end][1] == role:
            end += 1
        run = [t for t, _ in placed[k:end]]
        apart = all(b.x0 - a.x1 >= GUTTER for a, b in zip(run, run[1:], strict=False))
        if len(run) > 1 and apart and 0 < k and _bounded(placed, k - 1, end):
            left, right = rank[placed[k - 1][1]], rank[placed[end][1]]
            between = roles[left + 1 : right]
            if len(between) == len(run) and role in between:
                moves += [
                    (t, role, new) for t, new in zip(run, between, strict=True) if new != role
                ]
        k = end
    return moves


def _bounded(placed: list[tuple[T, str]], left: int, right: int) -> bool:
    """Do the texts between ``left`` and ``right`` stand between their row's name and its
    分值, the 得分 right after it? Those the line's own numbers and name hold in place: a
    line whose numbers stand in other columns (the whole line drawn aside) bounds nothing."""
    return (
        placed[left][1] == "level3"
        and right + 1 < len(placed)
        and placed[right][1] == "weight"
        and placed[right + 1][1] == "score"
        and is_number(placed[right][0].text)
        and is_number(placed[right + 1][0].text)
    )
