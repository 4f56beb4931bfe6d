"""Unscored rows of a -layout grid: 分值 and 得分 both printed as a placeholder (/, —).

A row is anchored by its 得分 number (``columns``). A row the form leaves unscored
(指标1:  /  /  /  /) prints a placeholder in both its 分值 and 得分 cells instead: each
cell is one line, so the line holding both, each in its own column's place, is the row's
line exactly as a number's is. Only both together anchor: a placeholder in the 得分
column alone may be any row's leftover (a 得分 of — under a 分值 of 10), and is no
anchor. The row's cells are read as printed; the PDF reader records them so ("/").
Such a row is often a template's row left unfilled, among placeholder rows (……) whose names
the level labels' pieces share a line with: a name holding such a line beside the anchor's
may hold a placeholder row's name (指标1: / …… cut as one cell): the grid is then cut
as though the row had no anchor (its row is left out, as it was).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Protocol

import regex

from selfeval.extract.text.layout_tokens import Token

#: What a cell prints for nothing (a slash, a dash), as the other readers know it.
PLACEHOLDERS = frozenset({"-", "—", "－", "/", "／", "——"})


#: A template's placeholder row's name: "……" or "指标2:" with nothing after.
_PLACEHOLDER_NAME = regex.compile(r"…+|\.{3,}|指标\d+[:：]?")


class _Placed(Protocol):
    @property
    def text(self) -> str: ...

    @property
    def line(self) -> int: ...


def unscored_anchor(t: _Placed, by_col: Mapping[str, Iterable[_Placed]]) -> bool:
    """Is ``t``, a text of the 得分 column, an unscored row's anchor: a placeholder whose
    line holds one text in the 分值 column and one in the 得分 column, both placeholders?"""
    if t.text not in PLACEHOLDERS:
        return False
    weights = [w for w in by_col.get("weight", []) if w.line == t.line]
    scores = [s for s in by_col.get("score", []) if s.line == t.line]
    return len(weights) == 1 and len(scores) == 1 and weights[0].text in PLACEHOLDERS


def unscored_cells(weight: str | None, score: str | None) -> bool:
    """Are a row's 分值 and 得分 cells both a placeholder (a row the form leaves unscored)?"""
    return weight in PLACEHOLDERS and score in PLACEHOLDERS


def unscored_doubt(row: Mapping[str, Iterable[_Placed]]) -> str | None:
    """Why an unscored row (its 得分 a placeholder; ``row``: its cells' texts by column)
    cannot be kept: its name holds a placeholder row's name on a line other than its
    anchor's. None otherwise."""
    scores = list(row.get("score", []))
    if len(scores) != 1 or scores[0].text not in PLACEHOLDERS:
        return None
    anchor = scores[0].line
    if any(t.line != anchor and _PLACEHOLDER_NAME.fullmatch(t.text) for t in row.get("level3", [])):
        return "an unscored row's name may hold a placeholder row's (……)"
    return None


#: Switch for measuring (A/B) the two readings below; always on in use.
PLACE_ROWS = True
#: The level columns: a placeholder row's line may hold their labels' pieces.
_LEVELS = ("level1", "level2", "level3")
#: A template's unfilled name: 指标1: with nothing after its colon.
_BARE_NAME = regex.compile(r"指标\d+[:：]")
#: A placeholder row's name printed as dots (……).
_DOTS = regex.compile(r"…+|\.{3,}")


def place_slashes(by_col: dict[str, list[Token]], unsure: list[Token]) -> list[Token]:
    """Place the placeholders (/) of a line whose value cells all print one, which the
    columns left unsure (a page read by its bands, which a narrow / does not fill), and
    return the tokens still unsure. A line's placeholders are placed only when every value
    text on it is a placeholder, each lies within the printed texts of one value column
    alone on the other lines, no two go to one column nor to a column holding text on the
    line, and the 分值 and 得分 columns get one each: the line is an unscored row's."""
    if not PLACE_ROWS:
        return unsure
    values = {r: ts for r, ts in by_col.items() if r not in _LEVELS}
    placed: list[Token] = []
    for line in sorted({t.line for t in unsure if t.text in PLACEHOLDERS}):
        here = [t for t in unsure if t.line == line]
        if any(t.text not in PLACEHOLDERS for t in here) or any(
            t.text not in PLACEHOLDERS for ts in values.values() for t in ts if t.line == line
        ):
            continue
        taken = {r for r, ts in values.items() if any(t.line == line for t in ts)}
        goes: dict[str, Token] = {}
        for t in here:
            over = {
                r
                for r, ts in values.items()
                if any(o.line != line and o.x0 <= t.x0 and t.x1 <= o.x1 for o in ts)
                and not any(o.line != line and (o.x1 <= t.x0 or t.x1 <= o.x0) for o in ts)
            }
            if len(over) != 1 or over & taken or over & goes.keys():
                goes = {}
                break
            goes[over.pop()] = t
        if "weight" not in goes and "weight" not in taken or "score" not in goes:
            continue
        for role, t in goes.items():
            by_col[role] = sorted([*by_col[role], t], key=lambda o: (o.line, o.x0))
            placed.append(t)
    return [t for t in unsure if all(t is not p for p in placed)]


def dots_below_unscored(
    by_col: dict[str, list[Token]], unsure: list[Token], anchor_lines: list[int]
) -> list[Token]:
    """The placeholder rows' names (……) right below an unscored row whose name is a bare
    指标1: on its anchor's line, taken out of the level-3 column. The …… is that name's
    second line only if the name broke where the column would have held both on one line:
    when its widest printed name holds both together, the …… is a row of its own. Only a
    …… alone on its line (the level labels' pieces aside), on no row's anchor line."""
    if not PLACE_ROWS:
        return []
    names = by_col.get("level3", [])
    if not names:
        return []
    widest = max(t.x1 - t.x0 for t in names)
    scores = {t.line: t.text for t in by_col.get("score", [])}
    out: list[Token] = []
    for a in anchor_lines:
        own = [t for t in names if t.line == a]
        below = [
            t
            for t in [*unsure, *(t for r, ts in by_col.items() if r not in _LEVELS[:2] for t in ts)]
            if t.line == a + 1
        ]
        if (
            scores.get(a) in PLACEHOLDERS
            and len(own) == 1
            and _BARE_NAME.fullmatch(own[0].text)
            and a + 1 not in anchor_lines
            and len(below) == 1
            and any(below[0] is t for t in names)
            and _DOTS.fullmatch(below[0].text)
            and len(own[0].text) + len(below[0].text) <= widest
        ):
            out.append(below[0])
    if out:
        by_col["level3"] = [t for t in names if all(t is not u for u in out)]
    return out
