"""Split a run of pieces into consecutive cells, one per column, by how cells wrap.

A text dump writes a row's cells one after another. Where one cell ends and the next begins is
told by the wrap rule: a line that did not end its cell was full, so the first unit of the next
line would not have fitted beside it in that column's width. A dynamic programme finds the
cheapest split; a split that another split ties with is reported as uncertain rather than
guessed.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import NamedTuple

from selfeval.extract.text.pieces import Piece
from selfeval.extract.vocabulary import starts_numbered_item
from selfeval.extract.words import word_spans_break
from selfeval.extract.wrap import (
    CLOSING,
    ambiguous_count,
    ascii_count,
    join_wrapped,
    lead_unit_width,
)

INF = math.inf
VIOLATION = 10.0  # cost of one broken wrap rule; the hints below add up to less
_MARGIN = 2.0  # an alternative split closer than this to the best one makes it uncertain
_NO_GAP = 1.5  # pdftotext nearly always leaves a blank line between two cells' blocks
_IN_WORD = 3.0  # two cells rarely join into one word (no two of the goldens' 1,558 neighbours do)
_IN_LONG_WORD = 4.0  # and more rarely into a word of three characters or more
_FULL_END = 1.0  # a cell whose last line is full could as well have gone on
_JOIN = 1.0  # two runs on one line read as one, the space between them taken for autospace
_SHARED_LINE = VIOLATION  # a tall cell printed on a line with another cell's text
_OPEN_END = 3.0  # a cell ending on a comma or an opening bracket: its sentence goes on
_GOES_ON = frozenset("，、；,;：《（(“【")
#: A fifth of an em: Writer's space between Chinese and digits (measured in its PDFs).
AUTOSPACE = 0.4
_DIGIT = 1.1  # Latin letters and digits are a little wider than half an em in these fonts


@dataclass
class Column:
    """A column to fill: its name, its estimated width (half-em units) and whether it may be empty."""

    name: str
    width: float | None = None
    required: bool = False
    empty_cost: float = 8.0
    filled_cost: float = 0.0
    max_pieces: int | None = None  # e.g. 1 for an operator or unit column
    accept: Callable[[str], bool] | None = None  # what the cell's text must look like
    ends_row: bool = False  # the last cell of the previous row (its deviation)


@dataclass
class Split:
    cells: dict[str, list[Piece]]
    cost: float
    uncertain: set[str] = field(default_factory=set)


def measured(line: Piece) -> float:
    """A printed line's width in half-em units, as wide as the producer set it.

    Where the dump shows autospaces (Writer), digits are exactly half an em and each autospace
    adds a fifth of an em; elsewhere digits and Latin letters run a little wider.
    """
    if line.spaces:
        return line.width + AUTOSPACE * line.spaces
    return line.width + (_DIGIT - 1) * line.ascii


_PLACEHOLDER = frozenset("…—-－.")


def starts_with_closing(text: str) -> bool:
    """Does ``text`` start with punctuation no cell starts with? "……" or "——" alone is a
    placeholder cell, not the tail of another."""
    return text[0] in CLOSING and not set(text) <= _PLACEHOLDER


def is_paragraph_start(prev: Piece, piece: Piece) -> bool:
    """Does ``piece`` open a new paragraph rather than continue ``prev``'s line?"""
    return starts_numbered_item(piece.text) or (piece.indent > 0 and piece.indent > prev.indent)


def cell_lines(pieces: list[Piece]) -> list[Piece]:
    """A cell's printed lines: pieces that share a dump line are one run split by autospace."""
    lines: list[Piece] = []
    for piece in pieces:
        if lines and lines[-1].line_no == piece.line_no:
            lines[-1] = lines[-1].joined(piece)
        else:
            lines.append(piece)
    return lines


def cell_text(pieces: list[Piece]) -> str | None:
    """The text of a cell made of ``pieces``: wraps undone, paragraphs kept."""
    lines = cell_lines(pieces)
    breaks = [k > 0 and is_paragraph_start(lines[k - 1], p) for k, p in enumerate(lines)]
    return join_wrapped([p.text for p in lines], breaks) or None


def _can_continue(a: Piece, b: Piece) -> bool:
    """Can ``b`` be the next line of the cell whose last line so far is ``a``?"""
    return a.ends_line and b.starts_line and b.line_no > a.line_no


class _LinePair(NamedTuple):
    """Two consecutive lines seen as one cell wrapping: what the wrap rule needs to know."""

    need: float  # width the next line's first unit would have taken beside the first line
    para: bool  # the second line opens a paragraph: no wrap rule applies
    first_width: int
    closing: bool  # the second line starts with closing punctuation: a continuation
    ambiguous: bool  # the first line holds characters whose width depends on the font


def _pair(a: Piece, b: Piece) -> _LinePair:
    unit = lead_unit_width(b.text)
    need = measured(a) + unit + (_DIGIT - 1) * ascii_count(b.text[:4])
    return _LinePair(
        need,
        is_paragraph_start(a, b),
        a.width,
        b.text[0] in CLOSING,
        ambiguous_count(a.text) > 0,
    )


def _piece_cost(piece: Piece, width: float | None, first: bool) -> float:
    cost = 0.0
    if first and piece.starts_line and starts_with_closing(piece.text):
        cost += 6 * VIOLATION
    if width is not None:
        excess = piece.width - (width + 1 + 0.25 * piece.ascii)
        if excess > 0:
            cost += VIOLATION + 2 * excess
    return cost


def boundary_cost(pieces: list[Piece], i: int) -> float:
    """Cost of a cell boundary just before ``pieces[i]``."""
    if i <= 0 or i >= len(pieces):
        return 0.0
    a, b = pieces[i - 1], pieces[i]
    if a.line_no == b.line_no and not b.soft_before:
        return 0.0  # a wide gap on one line always separates two cells
    cost = 0.0 if b.gap_before or a.line_no == b.line_no else _NO_GAP
    word = word_spans_break(a.text, b.text)
    if word:
        cost += _IN_WORD if word < 3 else _IN_LONG_WORD
    return cost


def _grow(pieces: list[Piece], column: Column, i: int, n: int) -> Iterator[tuple[int, float]]:
    """Yield (j, cost) for the cells pieces[i:j] of ``column``, j = i+1, i+2, ...

    Pieces on one dump line join into one printed line where the space between them may be
    autospace (at a cost: it is more often a cell boundary). Each line's own cost is added
    once; the line pairs are priced again only when the width limit grows with the cell's
    widest line, and otherwise each new pair is added to their sum.
    """
    width = column.width
    known = width is not None
    done_sum = column.filled_cost  # costs of the lines before the current one
    pairs: list[_LinePair] = []
    widest = 0  # the cell's widest line
    widest_measured = 0.0  # the same, digits and Latin letters counted a little wider
    line: Piece | None = None  # the current printed line
    joins = 0
    text = ""
    pair_sum, priced, priced_at = 0.0, 0, None  # the pairs' cost at the limit last used
    for j in range(i + 1, n + 1):
        piece = pieces[j - 1]
        if column.max_pieces is not None and j - i > column.max_pieces:
            return
        if line is None:
            line = piece
        elif line.line_no == piece.line_no:
            if not piece.soft_before:
                return
            line = line.joined(piece)
            joins += 1
        else:
            if not _can_continue(line, piece):
                return
            done_sum += _piece_cost(line, width, len(pairs) == 0)
            pairs.append(_pair(line, piece))
            line = piece
        widest = max(widest, line.width)
        widest_measured = max(widest_measured, measured(line))
        text += piece.text
        if column.accept is not None and not column.accept(text):
            continue
        # a line wider than the learned width shows the column is wider than learned
        limit = max(width, widest_measured) if width is not None else widest
        if limit != priced_at:
            pair_sum, priced, priced_at = 0.0, 0, limit
        for pair in pairs[priced:]:
            pair_sum += _pair_cost(pair, limit, known)
        priced = len(pairs)
        cost = done_sum + _piece_cost(line, width, not pairs) + joins * _JOIN + pair_sum
        if pairs:
            cost += _block_cost(pieces[i], piece)
        if text[-1] in _GOES_ON:
            cost += _OPEN_END
        if j < len(pieces) and _can_continue(line, pieces[j]):
            after = _pair(line, pieces[j])
            if not after.para and _pair_cost(after, limit, known) <= 0:
                cost += _FULL_END
        yield j, cost


def _block_cost(first: Piece, last: Piece) -> float:
    """A cell of several lines shares none of them with its neighbours.

    Cells are centred vertically, so a neighbour's line can share a baseline with a cell's line
    (and be printed on the same dump line) only when both cells are one line tall.
    """
    return (0.0 if first.starts_line else _SHARED_LINE) + (0.0 if last.ends_line else _SHARED_LINE)


def _pair_cost(pair: _LinePair, limit: float, known: bool) -> float:
    """The cost of a line pair inside one cell, given the column width ``limit``.

    ``known`` says whether ``limit`` is the column's learned width or only the cell's own
    widest line. Quotation marks and dashes are set full width by some fonts and half by
    others, so a line holding them measures uncertainly and its broken rule counts half.
    """
    if pair.para:
        return 0.0
    cost = -0.5 if pair.closing else 0.0
    if not known and pair.first_width < 8:
        cost += VIOLATION  # no column is this narrow: a short line ends its cell
    if pair.need <= limit:  # it would have fitted: this was no wrap
        cost += (VIOLATION / 2 if pair.ambiguous else VIOLATION) + (limit - pair.need)
    return cost


def _apart_cost(prev: Piece | None, piece: Piece) -> float:
    """Two one-line cells of a row printed on different dump lines (see ``_block_cost``)."""
    return _SHARED_LINE if prev is not None and prev.line_no != piece.line_no else 0.0


def split_cells(
    pieces: list[Piece],
    columns: list[Column],
    margin: float = _MARGIN,
    *,
    before: Piece | None = None,
    after: Piece | None = None,
    shared_lines: bool = True,
) -> Split | None:
    """The cheapest split of ``pieces`` into ``columns`` in order, or None if none is possible.

    ``before`` and ``after`` are one-line cells of the same row printed just before and after
    the pieces (a level label, the weight): a one-line cell beside them shares their line.
    ``shared_lines`` says the dump prints text that shares a baseline on one line (pdftotext's
    raw order does, its default layout order puts each cell in a block of its own).
    Columns whose boundary some other split comes within ``margin`` of are marked uncertain.
    """
    n, ncol = len(pieces), len(columns)
    lattice = _Lattice(
        pieces,
        columns,
        edge=[boundary_cost(pieces, i) for i in range(n + 1)],
        grown=[[list(_grow(pieces, col, i, n)) for i in range(n + 1)] for col in columns],
        before=before,
        after=after,
        shared_lines=shared_lines,
    )
    best, back = _forward(lattice, start_state=int(before is not None))
    ends = [best[ncol][n][s] + lattice.final(s) for s in (0, 1)]
    total = min(ends)
    if total == INF:
        return None
    bounds = _trace(back, ncol, n, ends.index(total))
    cells = {col.name: pieces[bounds[k] : bounds[k + 1]] for k, col in enumerate(columns)}
    split = Split(cells, total)
    split.uncertain.update(_uncertain(lattice, best, bounds, total, margin))
    return split


@dataclass
class _Lattice:
    """The moves of a split: states (column c, piece i, s), s = 1 when the row's last printed
    cell is one line tall and ends at pieces[i - 1] (or is ``before``), so a one-line cell
    next must share its line."""

    pieces: list[Piece]
    columns: list[Column]
    edge: list[float]
    grown: list[list[list[tuple[int, float]]]]
    before: Piece | None
    after: Piece | None
    shared_lines: bool

    def prev_of(self, i: int, s: int) -> Piece | None:
        return None if not s else (self.pieces[i - 1] if i else self.before)

    def moves(self, c: int, i: int, s: int) -> Iterator[tuple[int, int, float]]:
        """(j, s', cost) for column c starting at piece i in state s."""
        pieces = self.pieces
        col = self.columns[c]
        keep = 0 if col.ends_row else s
        if not col.required:
            yield i, keep, col.empty_cost
        for j, cost in self.grown[c][i]:
            single = pieces[i].line_no == pieces[j - 1].line_no
            if single and self.shared_lines:
                cost += _apart_cost(self.prev_of(i, s), pieces[i])
            yield j, 0 if col.ends_row else int(single), cost + self.edge[i]

    def final(self, s: int) -> float:
        n = len(self.pieces)
        if not (s and n and self.shared_lines and self.after is not None):
            return 0.0
        return _apart_cost(self.pieces[n - 1], self.after)


def _forward(
    lattice: _Lattice, start_state: int
) -> tuple[list[list[list[float]]], list[list[list[tuple[int, int]]]]]:
    """The cheapest cost of reaching each state, and the state each is best reached from."""
    n, ncol = len(lattice.pieces), len(lattice.columns)
    best = [[[INF, INF] for _ in range(n + 1)] for _ in range(ncol + 1)]
    back: list[list[list[tuple[int, int]]]] = [
        [[(0, 0), (0, 0)] for _ in range(n + 1)] for _ in range(ncol + 1)
    ]
    best[0][0][start_state] = 0.0
    for c in range(ncol):
        for i in range(n + 1):
            for s in (0, 1):
                base = best[c][i][s]
                if base == INF:
                    continue
                for j, s2, cost in lattice.moves(c, i, s):
                    if base + cost < best[c + 1][j][s2]:
                        best[c + 1][j][s2] = base + cost
                        back[c + 1][j][s2] = (i, s)
    return best, back


def _trace(back: list[list[list[tuple[int, int]]]], ncol: int, n: int, state: int) -> list[int]:
    """The best split's column boundaries, followed back from its end state."""
    bounds = [n]
    for c in range(ncol, 0, -1):
        i, state = back[c][bounds[-1]][state]
        bounds.append(i)
    bounds.reverse()
    return bounds


def _uncertain(
    lattice: _Lattice,
    best: list[list[list[float]]],
    bounds: list[int],
    total: float,
    margin: float,
) -> list[str]:
    """The columns on either side of a boundary some other split places within ``margin``."""
    n, columns = len(lattice.pieces), lattice.columns
    ncol = len(columns)
    # Cheapest completion from each state to the end; with the forward costs this gives, for
    # every boundary placed anywhere else, the best split that does so.
    rest = [[[INF, INF] for _ in range(n + 1)] for _ in range(ncol + 1)]
    rest[ncol][n] = [lattice.final(0), lattice.final(1)]
    for c in range(ncol - 1, -1, -1):
        for i in range(n + 1):
            for s in (0, 1):
                rest[c][i][s] = min(
                    (cost + rest[c + 1][j][s2] for j, s2, cost in lattice.moves(c, i, s)),
                    default=INF,
                )
    out: list[str] = []
    for k in range(1, ncol):
        for alt in range(n + 1):
            if alt == bounds[k]:
                continue
            if min(best[k][alt][s] + rest[k][alt][s] for s in (0, 1)) < total + margin:
                out += (columns[k - 1].name, columns[k].name)
                break
    return out
