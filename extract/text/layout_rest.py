"""The rest of a -layout row that a page break cut, joined to the row on the page before.

Word and LibreOffice split a table row over a page break: its cells begin at the bottom of
one page and go on at the top of the next, above that page's first row (which prints its
own 得分). The rule the printed form follows (as the PDF reader's ``_rest_of_split_row``):
each cell's lines go on in the same column. The two halves are joined only when exactly one
reading fits:

* the next page's first row is certain (its cells cut with no doubt) and holds a cell in
  each column the rest does (else the rest may be its own cell, printed high; but not
  when the row centres its cells and the rest, as its cell, would fit no alignment of
  theirs: ``_of_no_aligned_cell``), and every piece of text above its top line goes to a
  text column for certain (the name, the target, the actual value, the deviation), none
  taken by a row of that page: the lines above the first row's every cell are no row's
  of that page, so they are the cut row's;
* no number in the 分值 or 得分 column, no level label's piece and no text no column takes
  stands there (the 分值/得分 printed on one side only; a label's merged cell over the page
  break is read by its own pages), but the last pieces of a label whose first the page
  before's foot prints (可持 / 续影 / 响指 / 标, ``joined_label``): joined into a known name
  of that level, under the row's level-1 label, it is the cut row's label (the page's own
  labels beside it are no rest);
* no piece begins with a numbered item (a wrap or a paragraph of its own?), but one that
  starts on a line no lower than another column's piece (a wrap) ends, after a cut cell's
  line that ends a sentence: that line is above the border between the two rows, and the
  item goes on the cut cell as a new paragraph (its lines lower than the wrap's only
  where the first row prints nothing in its column);
* no piece's start fits on its cut cell's last line on the page before within the width the
  column wraps at on that page (``layout_wraps``; no less than that line's own): a line
  leaving room ended its cell, and the piece is another cell's (a row printing no 分值 or
  得分 at the page's top) or a paragraph of its own. A cut row with no text in the piece's
  column on the page before is not joined either.

A 得分 the page break cut (2.5 at the page's foot, 4 at the next one's top) is joined the same
way (``cut_score_piece``, ``joined_score``): digits alone in the 得分 column above the page's
first 分值, no 分值 on their line, the column's next number standing on its 分值's line, go on
the cut row's 得分 when that is a decimal's head exactly as wide as the head of a 得分 the
grid shows wrapped within its own row (the column holds no wider number on a line), and the
number joined is no more than the row's 分值. Where the dump marks no page break (no form
feed, no footer), such a piece reads as a row of its own, with no 分值: the row whose 得分 it
may end (a decimal's head within two lines above it, in its place) is left out too
(``score_going_on``).

Else the cut row is left out with a note, as before.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import replace
from decimal import Decimal, InvalidOperation
from typing import TypeVar

import regex

from selfeval.extract.record import Cell, Indicator
from selfeval.extract.text.layout_align import fits_alignment
from selfeval.extract.text.layout_slabs import Lined
from selfeval.extract.text.layout_tokens import print_width
from selfeval.extract.text.layout_wraps import line_texts, wrap_width
from selfeval.extract.text.web import is_number
from selfeval.extract.vocabulary import (
    LEVEL1_NAMES,
    LEVEL2_NAMES,
    label_key,
    level1_parents,
    starts_numbered_item,
)
from selfeval.extract.wrap import join_wrapped

T = TypeVar("T", bound=Lined)

#: The columns whose cells a page break may cut and the next page go on with.
REST_ROLES = ("level3", "target", "actual", "deviation")

#: A line's start that wraps as one piece: a Latin word or a number, else one character;
#: either with the punctuation after it (as ``layout_wraps`` reads it).
_START = regex.compile(r"(?:[A-Za-z0-9.%]+|.)[，。、；：,.;:）)》”]?")

#: A page's last row's last line in each text column, and the width the column wraps at on
#: that page (None: not known).
Foot = dict[str, tuple[str, int | None]]

#: A 得分 wrapped in its narrow column: a decimal's head (2.9) on one line, digits (2) on
#: another.
DECIMAL_HEAD = regex.compile(r"^\d+\.\d*$")
DIGITS = regex.compile(r"^\d+$")


def below_surplus(part: list[T], anchor: int, align: str) -> list[T] | None:
    """A headerless page's first row's cell whose lines above its anchor outnumber those
    below, with its surplus top lines left out (to the rest of the row the page break cut):
    the grid centres every cell exactly on its anchor (or starts it there), so the cell is
    the lines that do; None where leaving top lines out gives no such cell. The lines left
    out must lie above all the row's other lines (``RowCut`` checks that once the row is
    cut), and the rest is joined only where ``rest_of_cut_row`` and ``join_rest`` take it."""
    lines = sorted({t.line for t in part})
    for p in range(1, min(sum(1 for x in lines if x < anchor) + 1, len(lines))):
        if fits_alignment(lines[p:], anchor, align):
            return [t for t in part if t.line >= lines[p]]
    return None


def _chars(toks: Iterable[Lined]) -> set[tuple[int, int]]:
    """The places (line, column) a token's printed characters take, spaces not counted."""
    return {(t.line, t.x0 + i) for t in toks for i, c in enumerate(t.text) if not c.isspace()}


def rest_of_cut_row(
    page: Iterable[T],
    by_col: Mapping[str, Iterable[T]],
    first_row: Mapping[str, Iterable[T]] | None,
    first_anchor: int,
    taken: set[int],
    score_piece: T | None = None,
    label_tails: Mapping[str, list[T]] | None = None,
) -> dict[str, list[T]] | None:
    """The text above a page's first row, by column, when it is the rest of the page
    before's last row for certain (see the module docstring); None when it may not be.
    ``page``: every token printed on the page's grid body; ``by_col``: the tokens each
    column took; ``first_row``: the first row's cells (None: the row is in doubt), which
    must hold a cell in each column the rest does (else the rest may be that cell, printed
    high); ``taken``: the ids of every token a row of the page took; ``score_piece``: the
    rest of a 得分 the page break cut (``cut_score_piece``), taken out of the 得分 column,
    which goes to the rest's 得分; ``label_tails``: by level column, the last pieces of
    the page before's last label at the page's top (its other text above the first row is
    the page's own labels', which stand beside their rows, no row's cell)."""
    if first_row is None:
        return None
    top = min([first_anchor] + [t.line for ts in first_row.values() for t in ts])
    tails = label_tails or {}
    labels = {id(t) for role in tails for t in by_col.get(role, []) if t not in tails[role]}
    above = [t for t in page if t.line < top and id(t) not in labels]
    if not above:
        return None
    rest: dict[str, list[T]] = {}
    covered: set[tuple[int, int]] = set()
    for role, toks in by_col.items():
        mine = [t for t in toks if t.line < top and id(t) not in labels]
        if not mine:
            continue
        if role in tails and {id(t) for t in mine} == {id(t) for t in tails[role]}:
            rest[role] = sorted(mine, key=lambda t: (t.line, t.x0))
            covered |= _chars(mine)
            continue
        if role not in REST_ROLES or any(id(t) in taken for t in mine):
            return None
        if not first_row.get(role) and not _of_no_aligned_cell(mine, toks, first_row, first_anchor):
            return None
        rest[role] = sorted(mine, key=lambda t: (t.line, t.x0))
        covered |= _chars(mine)
    if score_piece is not None and score_piece.line < top:
        rest["score"] = [score_piece]
        covered |= _chars([score_piece])
    # (every character printed above the first row is in a text column's piece)
    if not _chars(above) <= covered:
        return None
    numbered = [r for r, ts in rest.items() if r in REST_ROLES and starts_numbered_item(ts[0].text)]
    if not all(_in_cut_rows_box(role, rest, first_row) for role in numbered):
        return None
    return rest


def _in_cut_rows_box(
    role: str, rest: Mapping[str, list[T]], first_row: Mapping[str, Iterable[T]]
) -> bool:
    """Is the rest piece in column ``role``, which begins a numbered item (a paragraph of
    its own: a cell's start?), in the cut row's box? When it starts on a line no lower than
    the last of another column's piece that begins no item (a wrapped line the cut cell goes
    on with, ``join_rest`` checks), the border between the two rows lies below that line;
    and it reaches below that line only where the first row prints nothing in its column
    (the lines there no alignment of that row's cells holds, ``_of_no_aligned_cell``)."""
    lines = [t.line for t in rest[role]]
    wraps = [
        max(t.line for t in ts)
        for r, ts in rest.items()
        if r != role and r in REST_ROLES and not starts_numbered_item(ts[0].text)
    ]
    if not wraps:
        return False
    border = max(wraps)
    return min(lines) <= border and (max(lines) <= border or not first_row.get(role))


def _of_no_aligned_cell(
    piece: list[T], column: Iterable[T], first_row: Mapping[str, Iterable[T]], anchor: int
) -> bool:
    """Can the ``piece`` above the page's first row not be that row's own cell in its column
    (``column``: the column's tokens), printed high? Not when the row prints nothing in the
    column, centres its cells on its anchor line (each cell's middle within a line of it),
    and with the piece the row would centre on no line within one of it, nor its cells (and
    the piece) start or end level: a row is as tall as its tallest cell, so the piece would
    be a cell aligned otherwise than each of the row's, on no alignment at all."""
    cells = [sorted(t.line for t in ts) for ts in first_row.values()]
    cells = [lines for lines in cells if lines]
    top = min([anchor] + [lines[0] for lines in cells])
    bottom = max([anchor] + [lines[-1] for lines in cells])
    if any(top <= t.line <= bottom for t in column):
        return False
    if any(abs(lines[0] + lines[-1] - 2 * anchor) > 2 for lines in cells):
        return False
    first, last = min(t.line for t in piece), max(t.line for t in piece)
    box_mid2 = min(first, top) + max(last, bottom)
    return abs(box_mid2 - 2 * anchor) > 2 and first < top - 1 and last < bottom - 1


def join_rest(
    row: Indicator,
    rest: Mapping[str, str],
    wrap_widths: Iterable[int] = (),
    foot: Foot | None = None,
) -> bool:
    """Join to each of the cut row's cells, in place, its column's text of the rest
    (``rest``: joined lines by role) as a wrapped line goes on; False, the row untouched,
    when a rest begins a numbered item (which may begin a paragraph of its own), or holds
    a 得分's rest that does not go on the row's 得分 for certain (``joined_score``;
    ``wrap_widths``: the widths of the heads of 得分 the grid shows wrapped), or a text
    that does not go on the row's cell as a wrapped line (``goes_on``; ``foot``: the row's
    last lines on the page before, ``foot_lines``)."""
    numbered = {role for role, text in rest.items() if starts_numbered_item(text)}
    if not rest or not all(_new_paragraph(role, rest, foot) for role in numbered):
        return False
    if foot is not None and not all(
        goes_on(foot.get(role), text)
        for role, text in rest.items()
        if role in REST_ROLES and role not in numbered
    ):
        return False
    labels = {}
    for level in LEVEL_ROLES:
        if level in rest:
            got = joined_label(row, level, (foot or {}).get(level), rest[level])
            if got is None:
                return False
            labels[level] = got
    score = None
    if "score" in rest:
        score = joined_score(row.score.text, rest["score"], row.weight.text, wrap_widths)
        if score is None:
            return False
    for role, text in rest.items():
        before: Cell = getattr(row, role)
        joined = score if role == "score" else join_wrapped([before.text or "", text])
        setattr(row, role, replace(before, text=labels.get(role, joined)))
    return True


def _new_paragraph(role: str, rest: Mapping[str, str], foot: Foot | None) -> bool:
    """May the rest in column ``role``, which begins a numbered item, go on its cut cell as
    a new paragraph? Only beside another column's rest that begins no item (a wrapped line
    ``goes_on`` checks, in the cut row's box with it: ``rest_of_cut_row``), after a last
    line of the cut cell on the page before (``foot``) that ends a sentence."""
    last = (foot or {}).get(role)
    return (
        role in REST_ROLES
        and last is not None
        and last[0].rstrip().endswith(_SENTENCE_ENDS)
        and any(r in REST_ROLES and not starts_numbered_item(t) for r, t in rest.items())
    )


#: What ends a paragraph's last line before a numbered item begins the next one.
_SENTENCE_ENDS = ("。", "；", ";", "！", "？", "!", "?")


#: The level columns, whose label a page break may cut (可持 / 续影响指标).
LEVEL_ROLES = ("level1", "level2")


def joined_label(
    row: Indicator, level: str, foot: tuple[str, int | None] | None, tail: str
) -> str | None:
    """The cut row's label in a level column, its first pieces at the page before's foot
    (``foot``: that column's last label's text, cut by the page end, under which the row
    stands) and its last ones at this page's top (``tail``): the name they join into, when
    it is a known name of that level, the row holds no other label there, and a level-2
    name stands under the row's level-1 label. None otherwise."""
    if foot is None or getattr(row, level).text:
        return None
    name = foot[0] + tail
    known = LEVEL1_NAMES if level == "level1" else LEVEL2_NAMES
    if label_key(name) not in known:
        return None
    parents = level1_parents(name)
    if level == "level2" and row.level1.text and label_key(row.level1.text) not in parents:
        return None
    return name


def joined_score(
    head: str | None, piece: str, weight: str | None, wrap_widths: Iterable[int]
) -> str | None:
    """The cut row's 得分 ``head`` (the page's foot) and its rest ``piece`` (the next page's
    top) as one number, when that is the one reading: the head a decimal's head exactly as
    wide as the head of a 得分 the grid shows wrapped (its column holds no wider number on a
    line, so a longer one wraps there), the piece digits, the number no more than the
    row's 分值. None otherwise."""
    if not head or not DECIMAL_HEAD.match(head) or not DIGITS.match(piece):
        return None
    if len(head) not in set(wrap_widths) or not is_number(head + piece):
        return None
    try:
        fits = weight is not None and Decimal(head + piece) <= Decimal(weight)
    except InvalidOperation:
        return None
    return head + piece if fits else None


def cut_score_piece(by_col: dict[str, list[T]]) -> T | None:
    """The rest of a 得分 the page break cut, at a continued page's top, taken out of the
    得分 column (else it would anchor a row of its own): digits standing above the page's
    first 分值, none on their line, the column's first text, the column's next number
    standing on its 分值's line (the page's 得分 stand so, and this one has none)."""
    scores = sorted(by_col.get("score", []), key=lambda t: t.line)
    weights = sorted(t.line for t in by_col.get("weight", []) if is_number(t.text))
    if len(scores) < 2 or not weights:
        return None
    piece, after = scores[0], scores[1]
    if (
        DIGITS.match(piece.text)
        and piece.line < weights[0]
        and after.line in weights
        and is_number(after.text)
    ):
        by_col["score"] = [t for t in by_col["score"] if t is not piece]
        return piece
    return None


def score_going_on(by_col: Mapping[str, Iterable[T]], anchor_lines: list[int]) -> list[int]:
    """The rows (by index into ``anchor_lines``) whose 得分 may go on in a piece below it:
    a decimal's head with digits alone within two lines under it, in its place, no 分值 on
    their line and nothing of the 得分 column between. Where the dump marks no page break,
    a 得分 the break cut so reads as two rows' (2.5 and a row of 4 with no 分值)."""
    scores = sorted(by_col.get("score", []), key=lambda t: t.line)
    weights = {t.line for t in by_col.get("weight", []) if is_number(t.text)}
    out = []
    for head, piece in zip(scores, scores[1:], strict=False):
        if (
            DECIMAL_HEAD.match(head.text)
            and DIGITS.match(piece.text)
            and 0 < piece.line - head.line <= 2
            and piece.line not in weights
            and head.x0 < piece.x1
            and piece.x0 < head.x1
            and head.line in anchor_lines
        ):
            out.append(anchor_lines.index(head.line))
    return out


def foot_lines(row: Mapping[str, Iterable[T]], by_col: Mapping[str, Iterable[T]]) -> Foot:
    """For each text column, the last line the page's last row (``row``: its cells) prints
    in it and the width the column wraps at on the page (``by_col``: its text)."""
    out: Foot = {}
    for role in REST_ROLES:
        texts = line_texts(list(row.get(role, [])))
        if texts:
            out[role] = (texts[max(texts)], wrap_width(list(by_col.get(role, []))))
    return out


def goes_on(foot: tuple[str, int | None] | None, rest: str) -> bool:
    """May ``rest`` go on a cut cell whose last line on the page before is ``foot`` as a
    wrapped line does? Not when its start fits on that line within the column's wrap width
    (no less than that line's own): the line ended its cell. Nor when the cell printed
    nothing there."""
    if foot is None:
        return False
    start = _START.match(rest)
    last = print_width(foot[0])
    return start is not None and last + print_width(start.group()) > max(foot[1] or 0, last)
