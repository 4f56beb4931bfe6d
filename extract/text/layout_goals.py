"""The goals block (预期目标 / 实际完成情况) of a ``pdftotext -layout`` dump.

The block is two columns of wrapped text under a header naming both. -layout keeps each
line's characters in place, so the columns are apart where every line of the block is
blank: that channel, found once between the two names, splits each line. A channel is a
blank run with text just left of it on some line and just right of it on some line; a single
blank beside an ASCII word on every line (the space a producer puts around a number) is none. A stacked label
(年/度/总/体/目/标) down the left edge is no goal text; a label over the goals and the section
under them (项目基本情况) is taken only where that section's heading ends the block, which
else would run on into its paragraph. With no single channel, lines whose
columns stand one blank apart are split there (a line of one column alone above or below
them is that column's where only it can hold it: -layout prints every right text past the end
of every left one), else cut by the widths each column wraps at, where one cut alone
fits (``layout_tight``); else not read.
"""

from __future__ import annotations

import regex

from selfeval.extract.record import Cell, Goals
from selfeval.extract.text.columns import header_block, is_layout_header
from selfeval.extract.text.dump_lines import DumpLine
from selfeval.extract.text.grid_header import GRID_COLUMNS
from selfeval.extract.text.layout_funds import name_piece
from selfeval.extract.text.layout_tight import split_tight
from selfeval.extract.text.layout_tokens import Token, print_width, tokens
from selfeval.extract.text.pieces import undo_autospace
from selfeval.extract.text.spread_names import join_spread
from selfeval.extract.vocabulary import (
    FUND_COLUMNS,
    FUND_ITEM,
    FUNDS_BLOCK_NAMES,
    GOAL_COLUMNS,
    GOALS_BLOCK_NAMES,
    GOALS_BLOCK_NAMES_LEFT,
    GOALS_NEXT_SECTIONS,
    GOALS_SECTION_LABELS,
    GRID_HEADINGS,
    POINTS,
    label_key,
    match,
)
from selfeval.extract.wrap import join_wrapped

#: The funds block's label at the start of a word (项目资金（万元）, 年度预算数).
FUNDS_BLOCK = regex.compile("^(?:" + "|".join(FUNDS_BLOCK_NAMES) + ")")
_POINTS_MARK = regex.compile(POINTS)
#: A stacked label's character at a line's start (年 / 度 ...), then the line's text.
_STACKED = regex.compile(r"^(\s{0,3}\p{Han})(?=\s|$)")
_ONE_HAN = regex.compile(r"^\p{Han}$")
#: The fewest characters of a grid column's whole name that ends the goals (年度指标值, not 得分).
_WHOLE_NAME = 4
#: The block's label left of its goals: the shared names, and those only a label left of the
#: columns can be.
_LABELS = (*GOALS_BLOCK_NAMES, *GOALS_BLOCK_NAMES_LEFT, *GOALS_SECTION_LABELS)
#: The numbered heading of the section under the goals (2.项目实施内容及过程概述).
_NEXT_SECTION = regex.compile(r"\d{1,2}[.、．]?(?:" + "|".join(GOALS_NEXT_SECTIONS) + ")")


def _section_heading(text: str) -> bool:
    """Does the line end in the heading of the section under the goals (a piece of the
    label left of it may stand before)? The goals' block ends there."""
    return bool(text.strip()) and bool(_NEXT_SECTION.fullmatch(label_key(text.split()[-1])))


def _is_label(text: str) -> bool:
    """The block's label, or the first four characters or more of it (a label stacked a
    character a line whose last lines the block's end cut off: 年 / 度 / 总 / 体 / 目)."""
    key = label_key(text)
    return key in _LABELS or (len(key) >= 4 and any(name.startswith(key) for name in _LABELS))


def read_layout_goals(lines: list[DumpLine]) -> Goals | None:
    """The goals of a -layout form's lines before its grid, None when the block is not
    there or its two columns cannot be told apart."""
    found = _goals_header(lines)
    if found is None:
        return None
    at, (left, right) = found
    block = _block(lines[at + 1 :])
    raw = [line.text for line in block]
    body = _without_glued_label(lines[at].text[: left.x0], [_without_stacked(t) for t in raw])
    if not any(text.strip() for text in body):
        return None
    middle = (left.x0 + left.x1) // 2, (right.x0 + right.x1) // 2
    channel = _channel(body, *middle)
    start = _label_end(body, [lines[at].text[: left.x0], *raw], middle[0])
    if start is None:
        return None
    label = label_key("".join(t[:start].strip() for t in [lines[at].text[: left.x0], *raw]))
    after = lines[at + 1 + len(block) :]
    if _section_label(label) and not (after and _section_heading(after[0].text)):
        return None  # (a label over the goals and what follows: where do they end?)
    if channel is None:
        touching = _touching_columns(body, start) or _tight_columns(body, start, left, right)
        if touching is None:
            return None
        parts = touching
    else:
        parts = [(text[start:channel], text[channel:]) for text in body]
    expected = _joined([a for a, _ in parts])
    actual = _joined([b for _, b in parts])
    return Goals(Cell(expected or None), Cell(actual or None))


def _section_label(key: str) -> bool:
    """Is ``key`` a label over the goals and the section under them, or its first part?"""
    return bool(key) and any(name.startswith(key) for name in GOALS_SECTION_LABELS)


def _touching_columns(body: list[str], start: int) -> list[tuple[str, str]] | None:
    """The two columns' lines where no blank run parts them on every line: a producer
    that packs a line's text leaves one blank between the columns, at a place of its own
    on each line. Read only when every line holding text holds two texts apart (``tokens``:
    two blanks, or one between Chinese characters), but for lines of one column only
    before and after them (``_lone_side``), and each column's lines but its last are
    alike wide (a wrapped paragraph's; a line of one column only, its text holding such
    a blank, would break that), else None."""
    rows = [toks for k, text in enumerate(body) if (toks := tokens(text[start:], k))]
    if any(len(toks) > 2 for toks in rows):
        return None
    two = [k for k, toks in enumerate(rows) if len(toks) == 2]
    if len(two) < 2 or any(len(toks) != 2 for toks in rows[two[0] : two[-1] + 1]):
        return None
    left_end = max(toks[0].x1 for toks in rows if len(toks) == 2)
    right_start = min(toks[1].x0 for toks in rows if len(toks) == 2)
    pairs: list[tuple[str, str]] = []
    for toks in rows:
        if len(toks) == 2:
            pairs.append((toks[0].text, toks[1].text))
            continue
        side = _lone_side(toks[0], left_end, right_start)
        if side is None:
            return None
        pairs.append((toks[0].text, "") if side == 0 else ("", toks[0].text))
    for side in (0, 1):
        lines = [pair[side] for pair in pairs if pair[side]]
        widths = [print_width(line) for line in lines[:-1]]
        if widths and max(widths) - min(widths) > _WIDTH_SLACK:
            return None
    return pairs


def _lone_side(t: Token, left_end: int, right_start: int) -> int | None:
    """The column (0 left, 1 right) of a line's one text above or below the lines holding
    both columns: -layout places a text right of every text that ends left of its start, so
    each right text starts past the end of every left one. A text starting no further than
    the left texts' end is the left column's, one ending no nearer than the right texts'
    start the right's; None when it is both or neither."""
    left, right = t.x0 <= left_end and t.x1 < right_start, t.x0 > left_end and t.x1 >= right_start
    if left == right:
        return None
    return 0 if left else 1


def _tight_columns(
    body: list[str], start: int, left: Token, right: Token
) -> list[tuple[str, str]] | None:
    """The two columns' lines cut by the widths they wrap at (``split_tight``), a line of
    them at a time, where no blank run parts them and one blank inside a line may be a
    column's own (引领 助力) or the one between the columns."""
    lines = [" " * start + text[start:] for text in body]
    starts = [len(text) - len(text.lstrip()) for text in lines if text.strip()]
    if not starts:
        return None
    return split_tight(lines, min(starts), left.x1, right.x0)


#: How much a wrapped paragraph's full lines may differ in printed width (a character
#: kept off a line's start, a Latin word not split).
_WIDTH_SLACK = 2


def _joined(parts: list[str]) -> str:
    """The column's lines as one text; a run of blanks inside a line is one space (a space
    of justified or letter-spaced text, which -layout prints as wide as it was)."""
    lines = [undo_autospace(_BLANKS.sub(" ", p.strip()), prose=True) for p in parts if p.strip()]
    return str(join_wrapped(lines))


_BLANKS = regex.compile(r" {2,}")


def _label_end(body: list[str], raw: list[str], lo: int) -> int | None:
    """Where the goal text starts: after the block's label (年度总体 / 目标, its characters
    stacked one or two a line) when one stands left of the expected column, apart from it by
    a blank channel; None when what stands there is no such label. ``raw``: what stands
    left of the expected column's name on the header's line (the label may start there),
    then the lines with the stacked characters ``body`` blanks. A blank a producer puts
    beside a number (落实 39 户) is no channel."""
    skipped = 0  # a blank beside a number passed over
    for x in range(lo - 1, 0, -1):
        starts = any(len(t) > x + 1 and t[x + 1] != " " for t in body)  # text right after it
        if not starts or not all(x >= len(t) or t[x] == " " for t in body):
            continue
        label = "".join(t[:x].strip() for t in raw)
        if _word_space(body, x):  # the label's end only when what stands left is the label
            if _is_label(label):
                return x
            skipped = skipped or x
            continue
        if not "".join(t[:x].strip() for t in body):  # stacked characters only
            # (unless a character of a stacked label stands alone before a space skipped)
            lone = skipped and any(_ONE_HAN.match(t[x:skipped].strip()) for t in body)
            return None if lone else 0
        return x if _is_label(label) else None
    return 0


def _word_space(body: list[str], x: int) -> bool:
    """Is the blank at ``x`` a space beside an ASCII word on some line (为全区 86 所)?"""
    return any(
        0 < x < len(t) - 1
        and t[x - 1] != " "
        and t[x + 1] != " "
        and (_ascii_word(t[x - 1]) or _ascii_word(t[x + 1]))
        for t in body
    )


def has_goals_header(lines: list[DumpLine]) -> bool:
    """Do the lines hold a goals block's header (预期目标 … 实际完成情况)?"""
    return _goals_header(lines) is not None


def _goals_header(lines: list[DumpLine]) -> tuple[int, tuple[Token, Token]] | None:
    """The line naming the two goal columns, left to right, and their two names."""
    for k, line in enumerate(lines):
        toks = join_spread(tokens(line.text, k), lambda text: match(label_key(text), GOAL_COLUMNS))
        roles = [match(label_key(t.text), GOAL_COLUMNS) for t in toks]
        named = [(t, r) for t, r in zip(toks, roles, strict=True) if r]
        if [r for _, r in named] == ["expected", "actual"]:
            return k, (named[0][0], named[1][0])
    return None


def _block(lines: list[DumpLine]) -> list[DumpLine]:
    """The block's lines: up to the grid (its header or a heading over it, 绩效指标(90分)
    with its points too) or two blank lines in a row after some text."""
    out: list[DumpLine] = []
    blank = 0
    for k, line in enumerate(lines):
        text = line.text.strip()
        heading = _POINTS_MARK.sub("", label_key(text))
        if is_layout_header(text) or GRID_HEADINGS.match(heading) or _funds_line(text):
            break
        if _section_heading(text):
            break
        if _grid_names_line(
            text
        ):  # a letter-spaced grid header (二 级 / 年度指标值): it starts above
            return out[: header_block(lines, k)[0]]
        if _funds_header_piece(text, lines[k + 1 :]):
            break
        blank = blank + 1 if not text else 0
        if blank >= 2 and any(o.text.strip() for o in out):
            break  # (blank lines before the goals' text: a tall row centring it)
        out.append(line)
    return out


def _grid_names_line(text: str) -> bool:
    """A line of the grid header's column names (年度指标值   实际完成值), whole among
    pieces of names spread over lines (指   指 标): every word a name or such a piece."""
    keys = [label_key(w) for w in text.split()]
    whole = [k for k in keys if len(k) >= _WHOLE_NAME and _grid_name(k)]
    return bool(whole) and all(len(k) <= 2 or _grid_name(k) for k in keys)


def _grid_name(key: str) -> bool:
    roles, rest = GRID_COLUMNS.consume(key)
    return bool(roles) and not rest


def _funds_line(text: str) -> bool:
    """A line of the funds block (its label, a column name, an item): the goals end."""
    return any(
        FUNDS_BLOCK.match(key) or match(key, FUND_COLUMNS) or FUND_ITEM.match(key)
        for key in (label_key(w) for w in text.split())
    )


def _funds_header_piece(text: str, after: list[DumpLine]) -> bool:
    """Pieces of the funds block's column names (调整后 / 预算数 over 年初预算), on a line
    of their own just above a line of the funds block."""
    if not text or not all(name_piece(w) for w in text.split()):
        return False
    follows = next((line.text.strip() for line in after if line.text.strip()), "")
    return _funds_line(follows)


def _without_glued_label(before: str, body: list[str]) -> list[str]:
    """The lines with the block's label blanked where its pieces start the first lines one
    space before the goal text (项目年度 / 目标完成 按照… / 情况 为全区…: a print that sets
    the label's cell close to the goals' gives the text no channel apart from it), when
    ``before`` (what stands left of the expected column's name on the header's line) and
    the pieces join into the whole label."""
    key = label_key(before)
    out = list(body)
    for k, text in enumerate(body):
        m = _GLUED_PIECE.match(text)
        if m is None or not any(name.startswith(key + m.group(1)) for name in _LABELS):
            break
        key += m.group(1)
        out[k] = " " * m.end(1) + text[m.end(1) :]
    return out if key in _LABELS and out != body else body


#: A piece of a label at a line's start, one space before the line's text.
_GLUED_PIECE = regex.compile(r"^\s{0,3}(\p{Han}{1,6}) (?=\S)")


def _without_stacked(text: str) -> str:
    """A line with a stacked label's character at its start blanked."""
    m = _STACKED.match(text)
    return " " * len(m.group(1)) + text[m.end(1) :] if m else text


def _channel(body: list[str], lo: int, hi: int) -> int | None:
    """Where the right column starts: the one run of positions between ``lo`` and ``hi`` blank
    on every line that is a gutter (``_is_gutter``), or None when there is none or more than
    one."""
    # (a run is taken whole, though it starts left of the left name's middle: short goal
    # texts end before it)
    blank = [all(x >= len(t) or t[x] == " " for t in body) for x in range(hi)]
    runs: list[list[int]] = []
    for x, free in enumerate(blank):
        if free and (x == 0 or not blank[x - 1]):
            runs.append([x, x])
        elif free:
            runs[-1][1] = x
    gutters = [(a, b) for a, b in runs if b >= lo and _is_gutter(body, a, b)]
    if len(gutters) != 1:
        return None
    return gutters[0][1] + 1


def _is_gutter(body: list[str], a: int, b: int) -> bool:
    """Can the blank run ``a..b`` part two columns? Text must end just left of it on some line
    and start just right of it on some line (the blank past the last line's end, up to the
    right name's middle, parts nothing), and a single blank between an ASCII letter or digit
    and the text beside it on every line that has both is a word space the producer put around
    a number (按月为全县 19 名), no gutter, unless a line's text starts right after it with
    nothing before (the right column's own start: 咨 1、全年… beside a line that starts at 1、)."""

    def at(text: str, x: int) -> str:
        return text[x] if 0 <= x < len(text) else " "

    if not any(at(t, a - 1) != " " for t in body) or not any(at(t, b + 1) != " " for t in body):
        return False
    if a != b:
        return True
    flanked = [(at(t, a - 1), at(t, b + 1)) for t in body]
    flanked = [(x, y) for x, y in flanked if x != " " and y != " "]
    if not flanked or not all(_ascii_word(x) or _ascii_word(y) for x, y in flanked):
        return True
    # a line whose text starts right after it, nothing before, starts the right column there
    return any(len(t) > b + 1 and t[: b + 1].strip() == "" and t[b + 1] != " " for t in body)


def _ascii_word(char: str) -> bool:
    return char.isascii() and char.isalnum()
