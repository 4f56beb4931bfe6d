"""Where a -layout column's lines cannot belong to one cell, by the width its text wraps at.

A cell's text wraps at the cell's width: a line followed by another line of the same cell
is full, the next line's first characters would not have fitted on it. So where a line
leaves room for the next line's start, the two lines are two cells' (the first ends one cell,
the second starts the next), unless the second opens a numbered item (1、 2.), a paragraph
of its own within one cell. The column's wrap width is taken from the lines it prints: the
third widest of them (every cell of a column is one width; a line or two wider than all
others may be other columns' text run into it), so a line is called short only when it is
short for certain. Such ends settle the cut of touching cells that the alignment alone leaves
open (``layout_rowcut._split_run``), and tell where an open row's cell may end
(``layout_align.cut_beside_open_rows``); they never make a cut on their own.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

import regex

from selfeval.extract.text.layout_tokens import AUTOSPACE, print_width
from selfeval.extract.vocabulary import NAME_NUMBER, starts_numbered_item


class Placed(Protocol):
    @property
    def text(self) -> str: ...

    @property
    def line(self) -> int: ...

    @property
    def x0(self) -> int: ...


#: A line's start that wraps as one piece: a Latin word or a number (a word processor moves
#: it whole to the next line), else one character; either with the punctuation after it
#: (no line may start with a comma: the character before it goes down with it), and with
#: the opening brackets or quotes before it (no line may end with one: it goes down with
#: what it opens, 《Nature》 whole).
_START = regex.compile(r"[《（(“‘「『【〈]*(?:[A-Za-z0-9.%]+|.)[，。、；：,.;:）)》”]?")

#: How many of a column's widest lines may be other columns' text run into it.
_STRAYS = 2

#: Room left over on top of the next line's start before a line is called short: a
#: character's width, for the print widths measured in character places.
_SLACK = 2


def line_texts(toks: Sequence[Placed]) -> dict[int, str]:
    """A column's text by line, the tokens of one line joined by a space."""
    out: dict[int, str] = {}
    for t in sorted(toks, key=lambda t: (t.line, t.x0)):
        out[t.line] = f"{out[t.line]} {t.text}" if t.line in out else t.text
    return out


def wrap_width(toks: Sequence[Placed]) -> int | None:
    """The width a column's text wraps at, for certain no more: its third widest line of
    one text (a line holding a space that no autospace explains may hold two cells' texts
    one space apart, as a Noto print runs a name into its target: 空气自动监测站运维数 =9个;
    指标 9:高血压 is one text); None when it prints fewer than three such lines."""
    texts = line_texts(toks).values()
    widths = sorted((print_width(text) for text in texts if _one_text(text)), reverse=True)
    return widths[_STRAYS] if len(widths) > _STRAYS else None


def _one_text(text: str) -> bool:
    """Does every space of the line stand where a word processor's autospace sets one?"""
    return all(AUTOSPACE.fullmatch(text[k - 1 : k + 2]) for k, c in enumerate(text) if c == " ")


def cell_ends(run: Sequence[Placed], width: int | None, role: str | None = None) -> set[int]:
    """The lines of a column's run after which the next line of the run cannot go on in
    the same cell: the next line's start would have fitted on it within ``width``. In the
    names' column (``role`` level3), a line opening with a name's own number (指标2:) begins
    a cell wherever the line above stops: a template that numbers its names (指标1: /
    指标2:) prints one number a name, at its start."""
    texts = line_texts(run)
    lines = sorted(texts)
    out: set[int] = set()
    for above, below in zip(lines, lines[1:], strict=False):
        if role == "level3" and NAME_NUMBER.match(texts[below]):
            out.add(above)
            continue
        start = _START.match(texts[below])
        if width is None or start is None or starts_numbered_item(texts[below]):
            continue
        if print_width(texts[above]) + print_width(start.group()) + _SLACK <= width:
            out.add(above)
    return out
