"""Lines of a text dump cut into pieces: the runs of text that one cell printed on one line.

pdftotext writes text that shares a baseline on one line, with spaces between the runs; each run
is a piece. A piece remembers where it stood on its line, because a cell's continuation lines
always start a line and all but its last line end one.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import regex

from selfeval.extract.words import UNIT_CHARS
from selfeval.extract.wrap import ascii_count, text_width

_GAP = regex.compile(r"[ \t\u3000]+")
# Word processors set a little space between Chinese and Latin letters or digits ("3 次",
# "2021 年"); pdftotext prints it as a space. In prose it is always that; between cells on one
# line only a number followed by its unit, or a comparison word followed by its number, is.
_AUTOSPACE_PROSE = regex.compile(r"(?<=[A-Za-z0-9%])[ ](?=\p{Han})|(?<=\p{Han})[ ](?=[A-Za-z0-9])")
_NUMBER_UNIT = regex.compile(r"(?<=\d%?)[ ](?=[" + "".join(sorted(UNIT_CHARS - set("%％"))) + "])")
# (a bare number ending the line is no value's: it is the weight or score after "基本达到")
_WORD_NUMBER = regex.compile(
    r"(?<=不低于|不少于|不超过|不高于|不大于|大于|小于|高于|低于|超过|达到|至少|[≥≤≧≦═=＝<>])[ ]"
    r"(?=\d(?![\d.]*$))"
)


def undo_autospace(line: str, *, prose: bool) -> str:
    """Remove the spaces a word processor's autospacing put into a line (see above)."""
    if prose:
        return _AUTOSPACE_PROSE.sub("", line)
    return _WORD_NUMBER.sub("", _NUMBER_UNIT.sub("", line))


@dataclass(frozen=True, slots=True)
class Piece:
    text: str
    line_no: int  # 0-based line number in the dump
    starts_line: bool
    ends_line: bool
    indent: int  # leading spaces of the line (only meaningful for a line's first piece)
    page: int | None = None
    gap_before: bool = False  # a blank line stands before this piece's line
    soft_before: bool = False  # one space before it on its line, as autospacing sets it
    spaces: int = 0  # autospaces taken out of the text: each widened the printed line a little
    # measured once: the cell reader asks for them at every step of every split it tries
    width: int = field(init=False, compare=False, repr=False)
    ascii: int = field(init=False, compare=False, repr=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "width", text_width(self.text))
        object.__setattr__(self, "ascii", ascii_count(self.text))

    def joined(self, other: Piece) -> Piece:
        """This piece and the next one on its line as one run (the space between was autospace)."""
        return Piece(
            self.text + other.text,
            self.line_no,
            self.starts_line,
            other.ends_line,
            self.indent,
            self.page,
            self.gap_before,
            self.soft_before,
            self.spaces + other.spaces + 1,
        )


def line_pieces(
    line: str, line_no: int, *, split: bool = True, page: int | None = None, gap: bool = False
) -> list[Piece]:
    """Cut one line into pieces at runs of spaces (or keep it whole with ``split=False``)."""
    spaced = line.strip()
    stripped = undo_autospace(spaced, prose=not split)
    if not stripped:
        return []
    indent = len(line) - len(line.lstrip(" \u3000"))
    parts = _GAP.split(stripped) if split else [stripped]
    spaces = _spaces_taken(parts, spaced) if split else [len(spaced) - len(stripped)]
    # a gap that autospacing could have set, which the cell reader may join (see above)
    soft = [False] + [
        gap.group() == " " and bool(_AUTOSPACE_PROSE.match(stripped, gap.start()))
        for gap in (_GAP.finditer(stripped) if split else ())
    ]
    last = len(parts) - 1
    return [
        Piece(
            text,
            line_no,
            i == 0,
            i == last,
            indent if i == 0 else 0,
            page,
            gap and i == 0,
            soft[i],
            spaces[i],
        )
        for i, text in enumerate(parts)
    ]


def _spaces_taken(parts: list[str], spaced: str) -> list[int]:
    """How many autospaces ``undo_autospace`` took out of each part of the line ``spaced``."""
    counts = []
    runs = iter(_GAP.split(spaced))
    for part in parts:
        text, n = next(runs, ""), 0
        while len(text) < len(part):
            text += next(runs, "")
            n += 1
        counts.append(n)
    return counts
