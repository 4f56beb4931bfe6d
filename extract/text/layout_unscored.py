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
